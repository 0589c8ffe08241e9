"""De paginacache voor anonieme bezoekers (ivp/paginacache.py), per gegevensversie.

In de tests staat hij standaard uit (tests/settings.py); hier per test aan. Bewezen wordt dat
een wijziging langs elke schrijfweg (het model, verwijderen, een m2m-relatie, loaddata, de
import, het beheer, een formulier van de site) bij het eerstvolgende anonieme verzoek te zien is.
"""

import datetime
import io
import json
import tempfile
from pathlib import Path

from django.core import serializers
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import SimpleTestCase, TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cijfers.models import Veiligheidsbeleving
from ivp.models import Gebied
from prioriteiten.models import LokaalSpeerpunt, Prioriteit
from tests import importbestanden as ib
from tests.gebruikers import maak_gebruikers
from tests.test_browser import FIXTURES
from tests.test_csp import maak_vergadering
from tests.test_settings import instellingen

BAARN = "/gebieden/baarn/"


def queries(client, pad):
    """(antwoord, aantal queries) van één GET."""
    with CaptureQueriesContext(connection) as vastgelegd:
        antwoord = client.get(pad)
    return antwoord, len(vastgelegd)


@override_settings(PAGINACACHE=True)
class PaginacacheTest(TestCase):
    fixtures = FIXTURES

    @classmethod
    def setUpTestData(cls):
        cls.gebruikers = maak_gebruikers()

    def setUp(self):
        cache.clear()

    def test_anonieme_pagina_tweede_keer_uit_de_cache(self):
        eerste, aantal = queries(self.client, BAARN)
        self.assertGreater(aantal, 1)
        # Uit de cache: alleen de gegevensversie wordt gelezen (1 query).
        tweede, aantal = queries(self.client, BAARN)
        self.assertEqual(aantal, 1)
        self.assertEqual(tweede.content, eerste.content)
        self.assertIn("script-src 'self'", tweede.headers["Content-Security-Policy"])
        # Een andere querystring is een andere pagina (de onderdelen van de gebiedspagina
        # zijn per jaarkeuze bewaard, dus ook die worden opnieuw opgehaald).
        _, aantal = queries(self.client, f"{BAARN}?jaar=2018")
        self.assertGreater(aantal, 1)

    def test_ingelogd_nooit_uit_de_cache(self):
        queries(self.client, "/plan/2019-2022/")
        self.client.force_login(self.gebruikers["adviseur_baarn"])
        antwoord, aantal = queries(self.client, "/plan/2019-2022/")
        self.assertGreater(aantal, 1)
        self.assertContains(antwoord, "Uitloggen")

    def test_vergaderstuk_met_nonce_en_gestreamde_csv_niet(self):
        pad = f"/vergaderingen/{maak_vergadering().pk}/stuk/openbaar/"
        kop = self.client.get(pad).headers["Content-Security-Policy"]
        # Niet uit de paginacache (de nonce is per verzoek), wel het Stuk uit de onderdelencache.
        self.assertNotEqual(self.client.get(pad).headers["Content-Security-Policy"], kop)
        # Gestreamd (de queries lopen pas bij het lezen): nooit bewaard, de tweede keer ook vers.
        self.assertTrue(b"".join(self.client.get("/cijfers/data.csv").streaming_content))
        self.assertTrue(self.client.get("/cijfers/data.csv").streaming)

    def test_pagina_met_csrf_token_niet(self):
        # Het inlogformulier draagt een token dat bij het cookie van deze bezoeker hoort.
        self.client.cookies.load({"csrftoken": "a" * 32})
        eerste = self.client.get(reverse("login"))
        tweede = self.client.get(reverse("login"))
        self.assertContains(tweede, "csrfmiddlewaretoken")
        self.assertNotEqual(eerste.content, tweede.content)

    def assertNaWijziging(self, pad, wijzig, verschijnt=None, verdwijnt=None):
        """`pad` toont `verdwijnt` en niet `verschijnt` (de tweede keer uit de cache: 1 query,
        de gegevensversie); na `wijzig()` toont het eerstvolgende anonieme verzoek het
        omgekeerde."""
        for _ in range(2):
            antwoord, aantal = queries(self.client, pad)
            if verschijnt:
                self.assertNotContains(antwoord, verschijnt)
            if verdwijnt:
                self.assertContains(antwoord, verdwijnt)
        self.assertEqual(aantal, 1, "de tweede keer komt de pagina uit de cache")
        wijzig()
        antwoord = self.client.get(pad)
        if verschijnt:
            self.assertContains(antwoord, verschijnt)
        if verdwijnt:
            self.assertNotContains(antwoord, verdwijnt)

    def test_wijziging_van_een_model(self):
        def wijzig():
            baarn = Gebied.objects.get(slug="baarn")
            baarn.naam = "Baarn (gewijzigd)"
            baarn.save()

        self.assertNaWijziging(BAARN, wijzig, verschijnt="Baarn (gewijzigd)")

    def test_verwijderen(self):
        speerpunten = LokaalSpeerpunt.objects.filter(gebied__slug="soest")
        self.assertNaWijziging("/gebieden/soest/", speerpunten.delete, verdwijnt="Radicalisering")

    def test_m2m_relatie(self):
        team = Gebied.objects.get(slug="basisteam-bes")
        baarn = Gebied.objects.get(slug="baarn")
        self.assertNaWijziging(
            team.get_absolute_url(),
            lambda: team.leden.remove(baarn),
            verdwijnt="Aandeel Baarn (%)",
        )

    def test_loaddata(self):
        baarn = Gebied.objects.get(slug="baarn")
        rijen = json.loads(serializers.serialize("json", [baarn]))
        rijen[0]["fields"]["naam"] = "Baarn (uit een fixture)"
        with tempfile.TemporaryDirectory() as map_:
            pad = Path(map_) / "baarn.json"
            pad.write_text(json.dumps(rijen))
            self.assertNaWijziging(
                BAARN,
                lambda: call_command("loaddata", str(pad), verbosity=0),
                verschijnt="Baarn (uit een fixture)",
            )

    def test_import(self):
        # De kopregel van de trendtabel als CSV (een anonieme GET, dus ook in de cache).
        pad = f"{BAARN}?_export=csv"
        with tempfile.TemporaryDirectory() as map_:
            bestand = Path(map_) / "politie.csv"
            bestand.write_bytes(ib.politie_csv(ib.politie_rijen(jaren=[2022])))
            self.assertNaWijziging(
                pad,
                lambda: call_command("importeer_cijfers", str(bestand), stdout=io.StringIO()),
                verschijnt="2018,2022",
            )

    def test_beheer(self):
        beleving = list(Veiligheidsbeleving.objects.filter(gebied__slug="baarn"))
        self.assertTrue(beleving)

        def wijzig():
            self.client.force_login(self.gebruikers["beheerder"])
            for meting in beleving:
                url = reverse("admin:cijfers_veiligheidsbeleving_delete", args=[meting.pk])
                self.assertEqual(self.client.post(url, {"post": "yes"}).status_code, 302)
            self.client.logout()

        self.assertNaWijziging(BAARN, wijzig, verdwijnt='id="beleving-data"')

    def test_formulier_van_de_site(self):
        hic = Prioriteit.objects.get(plan__slug="2019-2022", slug="high-impact-crimes")

        def wijzig():
            self.client.force_login(self.gebruikers["adviseur_baarn"])
            url = reverse(
                "prioriteiten:voortgang_nieuw", args=["maatregel", hic.maatregelen.first().pk]
            )
            gisteren = datetime.date.today() - datetime.timedelta(days=1)
            gegevens = {"datum": gisteren.isoformat(), "status": "lopend",
                        "tekst": "Mobeye-systemen aangeschaft."}  # fmt: skip
            self.assertEqual(self.client.post(url, gegevens).status_code, 302)
            self.client.logout()

        self.assertNaWijziging(
            hic.get_absolute_url(), wijzig, verschijnt="Mobeye-systemen aangeschaft."
        )


class PaginacacheStandaardUitInDeTestsTest(TestCase):
    fixtures = FIXTURES

    def test_zonder_instelling_elke_keer_opnieuw(self):
        cache.clear()
        queries(self.client, BAARN)
        _, aantal = queries(self.client, BAARN)
        self.assertEqual(aantal, 1)  # de onderdelencache: alleen de gegevensversie
        with override_settings(ONDERDELENCACHE=False):
            _, aantal = queries(self.client, BAARN)
        self.assertGreater(aantal, 1)


class PaginacacheInstellingTest(SimpleTestCase):
    def test_standaard_uit_bij_debug_en_met_de_omgeving_aan(self):
        # Bij DEBUG uit (een gewijzigde template verhoogt de gegevensversie niet), in productie
        # (DEBUG=0) standaard aan; PAGINACACHE=1/0 beslist zelf.
        code = "print(settings.PAGINACACHE, settings.ONDERDELENCACHE)"
        self.assertEqual(instellingen(code).stdout.split(), ["False", "True"])
        self.assertEqual(instellingen(code, PAGINACACHE="1").stdout.split(), ["True", "True"])
        uit = instellingen(code, ONDERDELENCACHE="0").stdout.split()
        self.assertEqual(uit, ["False", "False"])
