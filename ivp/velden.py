"""Velden die meer apps gebruiken (ivp-kern: importeert geen app)."""

from django.conf import settings
from django.db import models


def gebruikersveld(related_name, verbose_name):
    """Wie iets vastlegde: een optionele verwijzing naar een gebruiker die leeg wordt (niet
    verdwijnt) als de gebruiker wordt verwijderd. Voor `auteur`, `gebruiker`, `aangemaakt_door`.
    """
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name,
    )
