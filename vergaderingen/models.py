"""Vergaderingen van de overleggen uit hoofdstuk 7 en hun agendapunten, met geschiedenis.

Tot en met migratie ivp 0003 stonden deze modellen in de app ivp; vergaderingen 0001 heeft hun
tabellen (ook die van de geschiedenis) hernoemd zonder gegevens te verliezen.
"""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from ivp.models import Overleg, Plan
from ivp.velden import gebruikersveld


class Vergadering(models.Model):
    """Een vergadering van een overleg (AVO BES, Driehoek BES, ...), met agenda en stuk.

    Per overleg hoogstens één vergadering per datum. Het stuk van de vergadering toont de
    gegevens zoals ze op `datum` stonden (zie vergaderingen/stuk.py), over `plan` (leeg: het
    plan dat op de datum gold, ivp.models.kies_huidig_plan).
    """

    overleg = models.ForeignKey(
        Overleg, on_delete=models.PROTECT, related_name="vergaderingen", verbose_name="overleg"
    )
    datum = models.DateField("datum")
    plan = models.ForeignKey(
        Plan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vergaderingen",
        verbose_name="plan",
        help_text="Het plan waarover het stuk gaat. Leeg: het plan dat op de vergaderdatum gold.",
    )
    aanvang = models.TimeField("aanvang", null=True, blank=True)
    locatie = models.CharField("locatie", max_length=200, blank=True)
    interne_notities = models.TextField(
        "interne notities",
        blank=True,
        help_text="Alleen voor de ambtelijke versie; niet in het openbare stuk voor de raad.",
    )
    aangemaakt_door = gebruikersveld(related_name="+", verbose_name="gepland door")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "vergadering"
        verbose_name_plural = "vergaderingen"
        ordering = ["datum", "aanvang"]
        constraints = [
            models.UniqueConstraint(
                fields=["overleg", "datum"],
                name="vergaderingen_vergadering_overleg_datum",
                violation_error_message="Er is al een vergadering van dit overleg op deze datum.",
            ),
        ]

    def __str__(self):
        return f"{self.overleg.afkorting or self.overleg.naam} {self.datum:%d-%m-%Y}"

    def get_absolute_url(self):
        return reverse("vergadering", args=[self.pk])


class Agendapunt(models.Model):
    """Een punt op de agenda van een vergadering, in de volgorde van `volgorde`.

    `voor_driehoek` zet het punt in het stuk onder "Punten voor de Driehoek BES"; `intern`
    houdt het uit het openbare stuk voor de raad.
    """

    vergadering = models.ForeignKey(
        Vergadering, on_delete=models.CASCADE, related_name="agendapunten"
    )
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)
    titel = models.CharField("titel", max_length=200)
    toelichting = models.TextField("toelichting", blank=True)
    voor_driehoek = models.BooleanField(
        "punt voor de Driehoek BES",
        default=False,
        help_text="Komt in het stuk onder 'Punten voor de Driehoek BES'.",
    )
    intern = models.BooleanField(
        "intern", default=False, help_text="Niet in het openbare stuk voor de raad."
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "agendapunt"
        verbose_name_plural = "agendapunten"
        ordering = ["vergadering", "volgorde", "pk"]

    def __str__(self):
        return self.titel
