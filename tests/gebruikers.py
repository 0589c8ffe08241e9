"""De vaste testgebruikers, gemaakt met factory_boy: een adviseur van Baarn en van Soest, de
voorzitter van het AVO BES, een beheerder en een raadslid (ingelogd, zonder rol). Anoniem is
de gewone client.

    GebruikerFactory(username="raadslid")                 # ingelogd, zonder rol
    GebruikerFactory(username="beheer", beheerder=True)   # is_staff en is_superuser
    ProfielFactory(gebruiker=..., gemeenten=["soest"])    # adviseur van Soest
    maak_gebruikers()                                     # de vijf vaste gebruikers bij naam
"""

import factory
from django.contrib.auth.models import Group, User

from ivp.apps import ADVISEURSGROEP
from ivp.models import Gebied, Profiel

WACHTWOORD = "een-lang-testwachtwoord-42"


class GebruikerFactory(factory.django.DjangoModelFactory):
    """Een gebruiker met WACHTWOORD; voornaam = gebruikersnaam met hoofdletters."""

    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    class Params:
        beheerder = factory.Trait(is_staff=True, is_superuser=True)

    username = factory.Sequence(lambda nummer: f"gebruiker{nummer}")
    first_name = factory.LazyAttribute(lambda gebruiker: gebruiker.username.title())
    password = factory.django.Password(WACHTWOORD)


class ProfielFactory(factory.django.DjangoModelFactory):
    """Een profiel (standaard: adviseur) met de gemeenten bij slug, bv. gemeenten=["baarn"]."""

    class Meta:
        model = Profiel
        skip_postgeneration_save = True

    gebruiker = factory.SubFactory(GebruikerFactory)
    rol = Profiel.Rol.ADVISEUR

    @factory.post_generation
    def gemeenten(self, create, slugs, **kwargs):
        if create and slugs:
            self.gemeenten.set(Gebied.objects.filter(slug__in=slugs))


def maak_gebruikers():
    """De vijf vaste gebruikers: {naam: User}. De adviseurs krijgen hun gemeente als die er
    is (na laad_brondata)."""
    gebruikers = {
        naam: GebruikerFactory(username=naam, beheerder=naam == "beheerder")
        for naam in ["adviseur_baarn", "adviseur_soest", "voorzitter", "beheerder", "raadslid"]
    }
    for naam, slug in [("adviseur_baarn", "baarn"), ("adviseur_soest", "soest")]:
        ProfielFactory(gebruiker=gebruikers[naam], gemeenten=[slug])
    ProfielFactory(gebruiker=gebruikers["voorzitter"], rol=Profiel.Rol.VOORZITTER)
    return gebruikers


def geef_beheertoegang(gebruiker):
    """Staf in de adviseursgroep (door migrate aangemaakt): ivp.rechten geldt dan nog steeds."""
    gebruiker.is_staff = True
    gebruiker.save()
    gebruiker.groups.add(Group.objects.get(name=ADVISEURSGROEP))
