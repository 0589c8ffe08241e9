"""Rechten per rol op elk bewerkpad (site en beheer): 403 bij weigering, anoniem → inloggen."""

import io

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from ivp.rechten import mag_bewerken
from prioriteiten.models import Doel, LokaalSpeerpunt, Maatregel, Prioriteit, Voortgang
from tests.gebruikers import geef_beheertoegang, maak_gebruikers

ROLLEN = ["anoniem", "raadslid", "adviseur_baarn", "adviseur_soest", "voorzitter", "beheerder"]


class RechtenTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())
        cls.gebruikers = maak_gebruikers()
        cls.hic = Prioriteit.objects.get(plan__slug="2019-2022", slug="high-impact-crimes")
        cls.gezamenlijk = cls.hic.maatregelen.first()
        cls.soest = LokaalSpeerpunt.objects.filter(gebied__slug="soest").first()
        cls.baarn = LokaalSpeerpunt.objects.get(gebied__slug="baarn")
        cls.soest_maatregel = Maatregel.objects.filter(speerpunt__gebied__slug="soest").first()
        cls.baarn_doel = Doel.objects.filter(speerpunt=cls.baarn).first()
        cls.soest_melding = Voortgang.objects.create(
            maatregel=cls.soest_maatregel,
            status=Maatregel.Status.LOPEND,
            tekst="Eerste overleg met de ketenpartners gevoerd.",
        )

    def als(self, rol):
        self.client.logout()
        if rol != "anoniem":
            self.client.force_login(self.gebruikers[rol])

    def verwacht(self, rol, toegestaan):
        if rol == "anoniem":
            return 302
        return 200 if rol in toegestaan else 403

    def controleer(self, url, toegestaan, post=None):
        """GET en POST op `url` voor elke rol; geweigerd is 403, anoniem gaat naar inloggen."""
        for rol in ROLLEN:
            with self.subTest(url=url, rol=rol):
                self.als(rol)
                response = self.client.get(url)
                self.assertEqual(response.status_code, self.verwacht(rol, toegestaan))
                if rol == "anoniem":
                    self.assertTrue(response["Location"].startswith(reverse("login")))
                if post is not None:
                    aantal = Voortgang.objects.count()
                    response = self.client.post(url, post)
                    if rol in toegestaan:
                        self.assertEqual(response.status_code, 302, response.content[:500])
                    else:
                        self.assertEqual(response.status_code, self.verwacht(rol, toegestaan))
                        self.assertEqual(Voortgang.objects.count(), aantal)

    def melding(self):
        return {"datum": "2026-03-02", "status": "lopend", "tekst": "Werkgroep is gestart."}

    def test_voortgang_bij_gezamenlijke_maatregel(self):
        alle_adviseurs = {"adviseur_baarn", "adviseur_soest", "voorzitter", "beheerder"}
        url = reverse("prioriteiten:voortgang_nieuw", args=["maatregel", self.gezamenlijk.pk])
        self.controleer(url, alle_adviseurs, self.melding())
        self.assertEqual(self.gezamenlijk.voortgang.count(), len(alle_adviseurs))

    def test_voortgang_bij_lokale_maatregel_alleen_eigen_gemeente(self):
        url = reverse("prioriteiten:voortgang_nieuw", args=["maatregel", self.soest_maatregel.pk])
        self.controleer(url, {"adviseur_soest", "voorzitter", "beheerder"}, self.melding())

    def test_voortgang_bij_speerpunt_en_lokaal_doel(self):
        url = reverse("prioriteiten:voortgang_nieuw", args=["speerpunt", self.soest.pk])
        self.controleer(url, {"adviseur_soest", "voorzitter", "beheerder"}, self.melding())
        url = reverse("prioriteiten:voortgang_nieuw", args=["doel", self.baarn_doel.pk])
        self.controleer(url, {"adviseur_baarn", "voorzitter", "beheerder"}, self.melding())

    def test_melding_bewerken(self):
        url = reverse("prioriteiten:voortgang_bewerken", args=[self.soest_melding.pk])
        toegestaan = {"adviseur_soest", "voorzitter", "beheerder"}
        for rol in ROLLEN:
            with self.subTest(rol=rol):
                self.als(rol)
                self.assertEqual(self.client.get(url).status_code, self.verwacht(rol, toegestaan))
                self.soest_melding.refresh_from_db()
                response = self.client.post(
                    url,
                    {
                        "datum": "2026-03-03",
                        "status": "gereed",
                        "tekst": f"Afgerond, gemeld door {rol}.",
                        "versie": self.soest_melding.gewijzigd.isoformat(),
                    },
                )
                self.soest_melding.refresh_from_db()
                if rol in toegestaan:
                    self.assertEqual(response.status_code, 302)
                    self.assertIn(rol, self.soest_melding.tekst)
                else:
                    self.assertEqual(response.status_code, self.verwacht(rol, toegestaan))
                    self.assertNotIn(rol, self.soest_melding.tekst)

    def test_doelen_en_maatregelen_toevoegen(self):
        for soort in ["doel", "maatregel"]:
            url = reverse("prioriteiten:onderdeel_nieuw", args=[soort, "prioriteit", self.hic.pk])
            self.controleer(url, {"adviseur_baarn", "adviseur_soest", "voorzitter", "beheerder"})
            url = reverse("prioriteiten:onderdeel_nieuw", args=[soort, "speerpunt", self.soest.pk])
            self.controleer(url, {"adviseur_soest", "voorzitter", "beheerder"})
        self.als("adviseur_baarn")
        url = reverse("prioriteiten:onderdeel_nieuw", args=["doel", "speerpunt", self.soest.pk])
        aantal = Doel.objects.count()
        self.assertEqual(self.client.post(url, {"tekst": "Een doel van Baarn"}).status_code, 403)
        self.assertEqual(Doel.objects.count(), aantal)

    def test_beheer_houdt_zich_aan_dezelfde_regels(self):
        baarn = self.gebruikers["adviseur_baarn"]
        self.als("adviseur_baarn")
        # Zonder beheertoegang: naar de inlogpagina van het beheer.
        wijzig = reverse("admin:prioriteiten_voortgang_change", args=[self.soest_melding.pk])
        self.assertEqual(self.client.get(wijzig).status_code, 302)
        geef_beheertoegang(baarn)
        self.client.force_login(baarn)
        # Een melding van Soest wijzigen of verwijderen: geweigerd, niets veranderd.
        response = self.client.post(
            wijzig,
            {
                "maatregel": self.soest_maatregel.pk,
                "datum": "2026-01-05",
                "status": "gestopt",
                "tekst": "Door Baarn gewijzigd",
            },
        )
        self.assertEqual(response.status_code, 403)
        self.soest_melding.refresh_from_db()
        self.assertEqual(self.soest_melding.status, "lopend")
        verwijder = reverse("admin:prioriteiten_voortgang_delete", args=[self.soest_melding.pk])
        self.assertEqual(self.client.post(verwijder, {"post": "yes"}).status_code, 403)
        self.assertTrue(Voortgang.objects.filter(pk=self.soest_melding.pk).exists())
        # Een nieuwe melding bij Soest toevoegen via het beheer: 403.
        nieuw = reverse("admin:prioriteiten_voortgang_add")
        aantal = Voortgang.objects.count()
        response = self.client.post(
            nieuw,
            {
                "maatregel": self.soest_maatregel.pk,
                "datum": "2026-01-05",
                "status": "lopend",
                "tekst": "Via het beheer",
            },
        )
        self.assertEqual(response.status_code, 403)
        self.assertEqual(Voortgang.objects.count(), aantal)
        # Bij een gezamenlijke maatregel mag het wel.
        response = self.client.post(
            nieuw,
            {
                "maatregel": self.gezamenlijk.pk,
                "datum": "2026-01-05",
                "status": "lopend",
                "tekst": "Via het beheer",
            },
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Voortgang.objects.count(), aantal + 1)
        # Een speerpunt van Soest bewerken in het beheer: geweigerd.
        speerpunt = reverse("admin:prioriteiten_lokaalspeerpunt_change", args=[self.soest.pk])
        self.assertEqual(self.client.post(speerpunt, {"titel": "x"}).status_code, 403)

    def test_rechtenfunctie(self):
        g = self.gebruikers
        self.assertTrue(mag_bewerken(g["adviseur_baarn"], self.hic))
        self.assertTrue(mag_bewerken(g["adviseur_baarn"], self.baarn))
        self.assertFalse(mag_bewerken(g["adviseur_baarn"], self.soest))
        self.assertFalse(mag_bewerken(g["adviseur_baarn"], self.soest_melding))
        self.assertTrue(mag_bewerken(g["voorzitter"], self.soest_melding))
        self.assertFalse(mag_bewerken(g["raadslid"], self.hic))
        g["adviseur_soest"].is_active = False
        self.assertFalse(mag_bewerken(g["adviseur_soest"], self.soest))

    def test_adviseursgroep_bestaat_na_migrate(self):
        from django.contrib.auth.models import Group

        from ivp.apps import ADVISEURSGROEP

        rechten = set(
            Group.objects.get(name=ADVISEURSGROEP).permissions.values_list("codename", flat=True)
        )
        self.assertLessEqual(
            {"add_voortgang", "change_voortgang", "add_doel", "view_cijfer"}, rechten
        )
        self.assertNotIn("change_cijfer", rechten)
        self.assertNotIn("delete_voortgang", rechten)

    def test_elke_app_geeft_haar_eigen_adviseursrechten(self):
        from ivp.apps import adviseursrechten

        rechten = adviseursrechten()
        self.assertIn(("prioriteiten", "delete_indicator"), rechten)
        self.assertIn(("cijfers", "view_bron"), rechten)
        self.assertEqual({app for app, _ in rechten} & {"ivp", "auth"}, set())

    def test_elk_onderwerp_zegt_bij_welke_gemeente_het_hoort(self):
        baarn_id = self.baarn.gebied_id
        self.assertEqual(self.baarn.gemeente_id, baarn_id)
        self.assertEqual(self.baarn_doel.gemeente_id, baarn_id)
        self.assertEqual(self.soest_melding.gemeente_id, self.soest_maatregel.speerpunt.gebied_id)
        self.assertIsNone(self.hic.gemeente_id)
        self.assertIsNone(self.gezamenlijk.gemeente_id)
