"""De eerste login: manage.py maak_adviseur maakt een adviseur (gebruiker, profiel, gemeenten)
of een beheerder, die daarna kan inloggen en bewerken wat bij zijn rol hoort."""

import io
import os
from unittest import mock

from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import TestCase

from ivp.models import Profiel

WACHTWOORD = "een-lang-eerste-wachtwoord-73"


def maak(*argumenten, wachtwoord=WACHTWOORD):
    uit = io.StringIO()
    omgeving = {"IVP_WACHTWOORD": wachtwoord} if wachtwoord is not None else {}
    with mock.patch.dict(os.environ, omgeving):
        if wachtwoord is None:
            os.environ.pop("IVP_WACHTWOORD", None)
        call_command("maak_adviseur", *argumenten, stdout=uit)
    return uit.getvalue()


class MaakAdviseurTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())

    def test_adviseur_van_baarn_kan_inloggen_en_heeft_zijn_gemeente(self):
        uitvoer = maak("anne", "--gemeente", "baarn")
        self.assertIn("Gemaakt: anne", uitvoer)
        self.assertIn("/inloggen/", uitvoer)
        gebruiker = User.objects.get(username="anne")
        self.assertEqual(gebruiker.profiel.rol, Profiel.Rol.ADVISEUR)
        self.assertEqual([g.slug for g in gebruiker.profiel.gemeenten.all()], ["baarn"])
        self.assertTrue(gebruiker.is_staff)
        self.assertFalse(gebruiker.is_superuser)
        response = self.client.post("/inloggen/", {"username": "anne", "password": WACHTWOORD})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.client.get("/cijfers/importeren/").status_code, 200)

    def test_beheerder(self):
        maak("beheer", "--beheerder")
        gebruiker = User.objects.get(username="beheer")
        self.assertTrue(gebruiker.is_superuser)
        self.client.force_login(gebruiker)
        self.assertEqual(self.client.get("/admin/").status_code, 200)

    def test_bestaande_gebruiker_bijgewerkt_wachtwoord_blijft(self):
        maak("bert", "--gemeente", "soest")
        uitvoer = maak("bert", "--gemeente", "soest", "--gemeente", "eemnes", wachtwoord=None)
        self.assertIn("Bijgewerkt: bert", uitvoer)
        gebruiker = User.objects.get(username="bert")
        self.assertEqual(
            sorted(g.slug for g in gebruiker.profiel.gemeenten.all()), ["eemnes", "soest"]
        )
        self.assertTrue(gebruiker.check_password(WACHTWOORD))

    def test_fouten_in_het_nederlands(self):
        with self.assertRaisesMessage(CommandError, "Onbekende gemeente: utrecht"):
            maak("carla", "--gemeente", "utrecht")
        with self.assertRaisesMessage(CommandError, "Geef minstens één --gemeente"):
            maak("carla")
        with self.assertRaisesMessage(CommandError, "Wachtwoord geweigerd"):
            maak("carla", "--gemeente", "baarn", wachtwoord="123")
        with (
            mock.patch(
                "ivp.management.commands.maak_adviseur.Command.interactief", return_value=False
            ),
            self.assertRaisesMessage(CommandError, "Geen wachtwoord"),
        ):
            maak("carla", "--gemeente", "baarn", wachtwoord=None)
        self.assertFalse(User.objects.filter(username="carla").exists())
