"""De eerste login: een adviseur (gebruiker met profiel en gemeenten) of een beheerder maken.

    python manage.py maak_adviseur NAAM --gemeente baarn [--gemeente soest] [--voorzitter]
    python manage.py maak_adviseur NAAM --beheerder

Het wachtwoord komt uit de omgeving (IVP_WACHTWOORD) of wordt twee keer gevraagd, en moet door
de wachtwoordcontroles van de instellingen (AUTH_PASSWORD_VALIDATORS). Bestaat de gebruiker al,
dan worden rol, gemeenten en rechten bijgewerkt en blijft het wachtwoord staan, tenzij
IVP_WACHTWOORD gezet is.
"""

import getpass
import os

from django.contrib.auth.models import Group, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ivp.apps import ADVISEURSGROEP
from ivp.models import Gebied, Profiel

WACHTWOORD_OMGEVING = "IVP_WACHTWOORD"


def gemeenten_bij_slug(slugs):
    """De gemeenten (Gebied, soort gemeente) bij hun slug, in de gegeven volgorde.

    CommandError als een slug geen gemeente is (met de bekende slugs erbij).
    """
    gemeenten = {g.slug: g for g in Gebied.objects.filter(soort=Gebied.Soort.GEMEENTE)}
    onbekend = [slug for slug in slugs if slug not in gemeenten]
    if onbekend:
        bekend = ", ".join(sorted(gemeenten)) or "geen: laad eerst de brongegevens"
        raise CommandError(f"Onbekende gemeente: {', '.join(onbekend)} (bekend: {bekend}).")
    return [gemeenten[slug] for slug in slugs]


def maak_adviseur(naam, wachtwoord, gemeenten=(), rol=Profiel.Rol.ADVISEUR, beheerder=False):
    """Maakt of werkt bij: gebruiker `naam` met een Profiel (`rol`, `gemeenten`: Gebied-lijst).

    Een adviseur of voorzitter mag in het beheer (is_staff) met de rechten van de groep
    ADVISEURSGROEP (ivp/rechten.py beperkt hem tot zijn gemeenten); `beheerder` maakt een
    superuser. `wachtwoord` None laat een bestaand wachtwoord staan. Geeft (User, nieuw).
    """
    with transaction.atomic():
        gebruiker, nieuw = User.objects.get_or_create(username=naam)
        gebruiker.is_staff = True
        gebruiker.is_superuser = gebruiker.is_superuser or beheerder
        if wachtwoord is not None:
            gebruiker.set_password(wachtwoord)
        gebruiker.save()
        if not beheerder:
            gebruiker.groups.add(Group.objects.get(name=ADVISEURSGROEP))
        profiel, _ = Profiel.objects.get_or_create(gebruiker=gebruiker, defaults={"rol": rol})
        profiel.rol = rol
        profiel.save()
        if gemeenten:
            profiel.gemeenten.set(gemeenten)
    return gebruiker, nieuw


class Command(BaseCommand):
    help = (
        "Maakt een adviseur (gebruiker met profiel en gemeenten), de voorzitter of een "
        f"beheerder. Wachtwoord uit {WACHTWOORD_OMGEVING} of gevraagd."
    )

    def add_arguments(self, parser):
        parser.add_argument("naam", help="gebruikersnaam om mee in te loggen")
        parser.add_argument(
            "--gemeente",
            action="append",
            default=[],
            metavar="SLUG",
            help="gemeente van de adviseur (baarn, bunschoten, de-bilt, eemnes, soest); herhaalbaar",
        )
        parser.add_argument(
            "--voorzitter", action="store_true", help="rol voorzitter AVO BES (mag alles)"
        )
        parser.add_argument(
            "--beheerder", action="store_true", help="beheerder (superuser) van het hele dashboard"
        )

    def handle(self, *args, naam, gemeente, voorzitter, beheerder, **opties):
        gemeenten = gemeenten_bij_slug(gemeente)
        if not (gemeenten or voorzitter or beheerder):
            raise CommandError(
                "Geef minstens één --gemeente (adviseur), of --voorzitter of --beheerder."
            )
        bestaat = User.objects.filter(username=naam).exists()
        wachtwoord = self.wachtwoord(naam, verplicht=not bestaat)
        rol = Profiel.Rol.VOORZITTER if voorzitter else Profiel.Rol.ADVISEUR
        gebruiker, nieuw = maak_adviseur(naam, wachtwoord, gemeenten, rol, beheerder)
        wat = "beheerder" if beheerder else Profiel.Rol(rol).label.lower()
        waar = f" voor {', '.join(g.naam for g in gemeenten)}" if gemeenten else ""
        self.stdout.write(
            f"{'Gemaakt' if nieuw else 'Bijgewerkt'}: {gebruiker.username} ({wat}){waar}. "
            "Inloggen op /inloggen/ (het beheer op /admin/)."
        )

    def wachtwoord(self, naam, verplicht):
        """Het wachtwoord uit de omgeving of twee keer gevraagd; None als het niet verplicht
        is en niet gegeven. CommandError als het niet door de wachtwoordcontroles komt."""
        wachtwoord = os.environ.get(WACHTWOORD_OMGEVING)
        if wachtwoord is None:
            if not verplicht:
                return None
            if not self.interactief():
                raise CommandError(
                    f"Geen wachtwoord: zet {WACHTWOORD_OMGEVING} of start het commando in een terminal."
                )
            wachtwoord = getpass.getpass("Wachtwoord: ")
            if wachtwoord != getpass.getpass("Wachtwoord (nog een keer): "):
                raise CommandError("De twee wachtwoorden verschillen.")
        try:
            validate_password(wachtwoord, User(username=naam))
        except ValidationError as fout:
            raise CommandError("Wachtwoord geweigerd: " + " ".join(fout.messages)) from fout
        return wachtwoord

    def interactief(self):
        """Of er een terminal is om het wachtwoord te vragen."""
        return os.isatty(0)
