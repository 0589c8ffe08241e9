"""De vaste testgebruikers: een adviseur van Baarn en van Soest, de voorzitter van het
AVO BES, een beheerder en een raadslid (ingelogd, zonder rol). Anoniem is de gewone client."""

from django.contrib.auth.models import Group, User

from ivp.apps import ADVISEURSGROEP
from ivp.models import Gebied, Profiel

WACHTWOORD = "een-lang-testwachtwoord-42"


def maak_gebruikers():
    def gebruiker(naam, **velden):
        return User.objects.create_user(
            naam, password=WACHTWOORD, first_name=naam.title(), **velden
        )

    g = {
        "adviseur_baarn": gebruiker("adviseur_baarn"),
        "adviseur_soest": gebruiker("adviseur_soest"),
        "voorzitter": gebruiker("voorzitter"),
        "beheerder": gebruiker("beheerder", is_staff=True, is_superuser=True),
        "raadslid": gebruiker("raadslid"),
    }
    for naam, slug in [("adviseur_baarn", "baarn"), ("adviseur_soest", "soest")]:
        profiel = Profiel.objects.create(gebruiker=g[naam], rol=Profiel.Rol.ADVISEUR)
        profiel.gemeenten.set(Gebied.objects.filter(slug=slug))
    Profiel.objects.create(gebruiker=g["voorzitter"], rol=Profiel.Rol.VOORZITTER)
    return g


def geef_beheertoegang(gebruiker):
    """Staf in de adviseursgroep (door migrate aangemaakt): ivp.rechten geldt dan nog steeds."""
    gebruiker.is_staff = True
    gebruiker.save()
    gebruiker.groups.add(Group.objects.get(name=ADVISEURSGROEP))
