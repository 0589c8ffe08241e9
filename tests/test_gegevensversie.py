"""De gegevensversie (ivp/gegevensversie.py): elke schrijfweg verhoogt haar, en de
onderdelencache (per_versie) geeft hetzelfde als zonder cache."""

import io
import json
import re
import tempfile
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.core import serializers
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.test import TestCase, override_settings

from cijfers import politie
from cijfers.models import Categorie, Cijfer, PolitieCategorie, Veiligheidsbeleving
from ivp import gegevensversie
from ivp.models import Gebied, Gegevensversie, Plan
from prioriteiten.models import Voortgang
from tests import importbestanden as ib
from tests.test_csp import maak_vergadering

ONTVANGERS = [
    (post_save, "ivp_versie_save", gegevensversie.na_schrijven),
    (post_delete, "ivp_versie_delete", gegevensversie.na_schrijven),
    (m2m_changed, "ivp_versie_m2m", gegevensversie.na_m2m),
]


def teller():
    """Het getal van de huidige versie."""
    return int(gegevensversie.lees().split("-")[0])


class SchrijfwegenTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())

    def assertVerhoogd(self, wijzig):
        """Na `wijzig()` is de versie hoger en de sleutel anders."""
        voor, getal = gegevensversie.lees(), teller()
        wijzig()
        self.assertGreater(teller(), getal)
        self.assertNotEqual(gegevensversie.lees(), voor)

    def test_opslaan_en_verwijderen(self):
        baarn = Gebied.objects.get(slug="baarn")
        baarn.naam = "Baarn (proef)"
        self.assertVerhoogd(baarn.save)
        self.assertVerhoogd(Veiligheidsbeleving.objects.filter(gebied=baarn).delete)
        self.assertVerhoogd(lambda: Cijfer.objects.filter(gebied=baarn).first().delete())

    def test_m2m(self):
        plan = Plan.objects.get(slug="2019-2022")
        baarn = Gebied.objects.get(slug="baarn")
        team = Gebied.objects.get(slug="basisteam-bes")
        self.assertVerhoogd(lambda: plan.deelnemers.remove(baarn))
        self.assertVerhoogd(lambda: plan.deelnemers.add(baarn))
        self.assertVerhoogd(team.leden.clear)

    def test_loaddata(self):
        rijen = json.loads(serializers.serialize("json", [Categorie.objects.first()]))
        rijen[0]["fields"]["omschrijving"] = "uit een fixture"
        with tempfile.TemporaryDirectory() as map_:
            pad = Path(map_) / "categorie.json"
            pad.write_text(json.dumps(rijen))
            self.assertVerhoogd(lambda: call_command("loaddata", str(pad), verbosity=0))

    def test_dumpdata_zonder_versie_en_een_teruggeladen_versie_is_nieuw(self):
        uit = io.StringIO()
        call_command("dumpdata", "ivp", stdout=uit)
        self.assertNotIn("ivp.gegevensversie", uit.getvalue())
        alles = io.StringIO()
        call_command("dumpdata", "ivp.gegevensversie", "--all", stdout=alles)
        oud = gegevensversie.lees()
        gegevensversie.verhoog()
        tussen = gegevensversie.lees()
        with tempfile.TemporaryDirectory() as map_:
            pad = Path(map_) / "versie.json"
            pad.write_text(alles.getvalue())
            call_command("loaddata", str(pad), verbosity=0)
        self.assertNotIn(gegevensversie.lees(), {oud, tussen})

    def test_import_ook_zonder_signalen(self):
        # De import schrijft met COPY (PostgreSQL) of bulk_create (SQLite): geen signalen. De
        # expliciete verhoging in voer_uit moet het dus alleen doen.
        with tempfile.TemporaryDirectory() as map_:
            pad = Path(map_) / "politie.csv"
            pad.write_bytes(ib.politie_csv(ib.politie_rijen(jaren=[2022])))
            for signaal, uid, _ in ONTVANGERS:
                signaal.disconnect(dispatch_uid=uid)
            try:
                self.assertVerhoogd(
                    lambda: call_command("importeer_cijfers", str(pad), stdout=io.StringIO())
                )
            finally:
                for signaal, uid, ontvanger in ONTVANGERS:
                    signaal.connect(ontvanger, dispatch_uid=uid)
        self.assertTrue(Cijfer.objects.filter(jaar=2022).exists())

    def test_bulkschrijvers_van_de_politiesoorten(self):
        PolitieCategorie.objects.all().delete()
        self.assertVerhoogd(lambda: politie.zorg_voor_soorten(PolitieCategorie, Categorie))
        PolitieCategorie.objects.update(categorie=None)
        categorie = Categorie.objects.get(slug="woninginbraken")
        self.assertVerhoogd(lambda: politie.koppel_nieuwe_categorie(PolitieCategorie, categorie))

    def test_model_uit_een_migratie_verhoogt_niet(self):
        # apps.get_model in een datamigratie geeft een ander model dan het geregistreerde.
        class Nagemaakt:
            _meta = PolitieCategorie._meta

        voor = gegevensversie.lees()
        gegevensversie.verhoog_voor(Nagemaakt)
        gegevensversie.verhoog_voor(Gegevensversie)
        self.assertEqual(gegevensversie.lees(), voor)

    def test_migrate(self):
        self.assertVerhoogd(lambda: gegevensversie.na_migrate(sender=None))

    def test_binnen_de_transactie_en_teruggedraaid_nooit_dezelfde_sleutel(self):
        voor = gegevensversie.lees()
        with self.assertRaises(RuntimeError), transaction.atomic():
            Voortgang.objects.all().delete()
            Gebied.objects.filter(slug="baarn").update(naam="x")
            gegevensversie.verhoog()
            binnen = gegevensversie.lees()
            raise RuntimeError("terugdraaien")
        self.assertEqual(gegevensversie.lees(), voor)  # mee teruggedraaid met de gegevens
        gegevensversie.verhoog()
        na = gegevensversie.lees()
        self.assertEqual(na.split("-")[0], binnen.split("-")[0])  # hetzelfde getal...
        self.assertNotEqual(na, binnen)  # ...maar nooit dezelfde versie

    def test_zonder_rij_geen_cache_en_verhoog_maakt_hem(self):
        Gegevensversie.objects.all().delete()
        self.assertIsNone(gegevensversie.lees())
        gemaakt = []
        for _ in range(2):
            gegevensversie.per_versie("proef", (), lambda: gemaakt.append(1) or len(gemaakt))
        self.assertEqual(len(gemaakt), 2)
        gegevensversie.verhoog()
        self.assertIsNotNone(gegevensversie.lees())

    def test_elke_bulkschrijver_verhoogt(self):
        # QuerySet.update, bulk_create/bulk_update en eigen SQL sturen geen signalen: een module
        # van de vier apps die zo schrijft, moet ook de gegevensversie verhogen.
        bulk = re.compile(
            r"\.(bulk_create|bulk_update)\(|bulk_(create|update)_with_history\(|"
            r"\.objects\.[^\n]*\.update\("
        )
        # Uitgezonderd, met de reden: wat daar met update() geschreven wordt, toont geen pagina
        # uit een cache (zie de module).
        alleen_boekhouding = {
            # De voortgang van de worker in Importtaak; de import zelf verhoogt de versie in
            # schrijven.voer_uit, in dezelfde transactie als de cijfers.
            Path("cijfers/importeren/taken.py"),
        }
        for app in gegevensversie.APPS:
            for pad in (Path(settings.BASE_DIR) / app).rglob("*.py"):
                if "migrations" in pad.parts:
                    continue
                if pad.relative_to(settings.BASE_DIR) in alleen_boekhouding:
                    self.assertNotIn("Cijfer.objects", pad.read_text())
                    continue
                tekst = pad.read_text()
                if bulk.search(tekst):
                    with self.subTest(module=str(pad)):
                        self.assertIn("gegevensversie.verhoog", tekst)


class OnderdelencacheTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())
        cls.vergadering = maak_vergadering()

    def setUp(self):
        cache.clear()

    def test_per_versie_bewaart_tot_de_volgende_versie(self):
        gemaakt = []

        def maak():
            gemaakt.append(1)
            return None  # ook None wordt bewaard

        for _ in range(3):
            self.assertIsNone(gegevensversie.per_versie("proef", (1, "a"), maak))
        self.assertEqual(len(gemaakt), 1)
        gegevensversie.per_versie("proef", (2, "a"), maak)  # andere argumenten
        self.assertEqual(len(gemaakt), 2)
        gegevensversie.verhoog()
        gegevensversie.per_versie("proef", (1, "a"), maak)
        self.assertEqual(len(gemaakt), 3)

    def test_pagina_gelijk_met_en_zonder_cache(self):
        # Dezelfde HTML (tabellen, figuur-JSON van elke grafiek) zonder onderdelencache, koud
        # en warm uit de cache; het vergaderstuk zonder zijn nonce.
        paden = [
            "/gebieden/baarn/",
            "/gebieden/soest/?jaar=2017&jaar=2018&categorie=autokraak",
            "/gebieden/basisteam-bes/",
            "/gebieden/basisteam-bes/?vergelijkingsjaar=2017",
            "/gebieden/basisteam-bes/?_export=csv&_tabel=gemeenten",
            f"/vergaderingen/{self.vergadering.pk}/stuk/openbaar/",
        ]
        for pad in paden:
            with self.subTest(pad=pad):
                with override_settings(ONDERDELENCACHE=False):
                    zonder = zonder_nonce(self.client.get(pad).content)
                koud = zonder_nonce(self.client.get(pad).content)
                warm = zonder_nonce(self.client.get(pad).content)
                self.assertEqual(koud, zonder)
                self.assertEqual(warm, zonder)
                if "_export" not in pad:
                    self.assertIn(b'type="application/json"', warm)

    def test_een_verzoek_leest_de_versie_een_keer(self):
        with mock.patch.object(gegevensversie, "lees", wraps=gegevensversie.lees) as lees:
            self.client.get("/gebieden/basisteam-bes/")
        self.assertEqual(lees.call_count, 1)


def zonder_nonce(html):
    """De HTML zonder de CSP-nonce (die per verzoek verschilt)."""
    return re.sub(rb'nonce="[^"]*"', b"", html)
