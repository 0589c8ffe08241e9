"""Inloggen met een rem op herhaalde mislukte pogingen (per gebruikersnaam en per IP-adres).

Na MAX_POGINGEN mislukte pogingen binnen BLOKKADE seconden weigert het formulier verdere
pogingen voor die naam of dat adres tot de blokkade verloopt, zonder het wachtwoord nog te
controleren. De tellers staan in Django's cache (settings.CACHES); met meerdere
serverprocessen hoort daar een gedeelde cache (database of Redis) te staan.
"""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache

MAX_POGINGEN = 5
BLOKKADE = 15 * 60


def _sleutels(request, gebruikersnaam):
    ip = request.META.get("REMOTE_ADDR", "onbekend") if request else "onbekend"
    return [f"inlog:naam:{(gebruikersnaam or '').strip().lower()}", f"inlog:ip:{ip}"]


def geblokkeerd(request, gebruikersnaam):
    return any(cache.get(k, 0) >= MAX_POGINGEN for k in _sleutels(request, gebruikersnaam))


def mislukt(request, gebruikersnaam):
    for sleutel in _sleutels(request, gebruikersnaam):
        cache.add(sleutel, 0, BLOKKADE)
        try:
            cache.incr(sleutel)
        except ValueError:  # net verlopen
            cache.set(sleutel, 1, BLOKKADE)


def gelukt(request, gebruikersnaam):
    cache.delete(_sleutels(request, gebruikersnaam)[0])


class RemMixin:
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Gebruikersnaam of wachtwoord klopt niet. Let op hoofdletters.",
        "geblokkeerd": (
            "Te veel mislukte inlogpogingen. Probeer het over 15 minuten opnieuw "
            "of vraag de beheerder uw wachtwoord opnieuw in te stellen."
        ),
    }

    def clean(self):
        naam = self.cleaned_data.get("username")
        if geblokkeerd(self.request, naam):
            raise forms.ValidationError(self.error_messages["geblokkeerd"], code="geblokkeerd")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            mislukt(self.request, naam)
            raise
        gelukt(self.request, naam)
        return cleaned


class InlogFormulier(RemMixin, AuthenticationForm):
    pass


class BeheerInlogFormulier(RemMixin, AdminAuthenticationForm):
    error_messages = {**AdminAuthenticationForm.error_messages, **RemMixin.error_messages}
