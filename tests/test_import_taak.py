"""De import op de achtergrond (cijfers/importeren/taken.py): bevestigen zet een taak in de rij,
de worker voert hem uit, de pagina toont de voortgang (status.json, static/js/importvoortgang.js).

De meeste tests voeren de taak meteen uit (ImmediateBackend, tests/settings.py). WachtrijTest
zet taken alleen in de rij (DummyBackend, geen worker) en voert ze daarna zelf uit. WorkerTest
gebruikt de databasebackend en een echte worker (`manage.py db_worker`) in een eigen proces, op
PostgreSQL (de worker moet dezelfde database zien): hij voert een import uit, en een worker die
midden in het schrijven gedood wordt, laat de database zoals hij was.
"""

import datetime
import hashlib
import io
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client, TestCase, TransactionTestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from cijfers.importeren import controle, taken
from cijfers.models import Cijfer, Import, Importtaak
from tests import importbestanden as ib
from tests.gebruikers import maak_gebruikers

URL = reverse("cijfers:importeren")
PROJECT = Path(__file__).resolve().parent.parent


def upload(client, inhoud, naam="politie-synthetisch.csv"):
    return client.post(URL, {"bestand": SimpleUploadedFile(naam, inhoud, "text/csv")})


def status_url(import_):
    return reverse("cijfers:import_status", args=[import_.pk])


class MeteenTest(TestCase):
    """Met de ImmediateBackend: de taak is klaar als de POST terugkomt."""

    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())
        cls.gebruikers = maak_gebruikers()

    def setUp(self):
        self.client.force_login(self.gebruikers["adviseur_baarn"])

    def voorbeeld(self, inhoud=None):
        upload(self.client, inhoud or ib.politie_csv(ib.politie_rijen()))
        return Import.objects.latest("pk")

    def test_bevestigen_maakt_een_taak_die_klaar_is(self):
        aantal = Cijfer.objects.count()
        import_ = self.voorbeeld()
        # Het voorbeeld maakte de worker (de taak met opdracht VOORBEELD); geschreven is niets.
        taak = Importtaak.objects.get(import_bestand=import_)
        self.assertEqual(
            (taak.opdracht, taak.status), (Importtaak.Opdracht.VOORBEELD, Importtaak.Status.KLAAR)
        )
        self.assertEqual(Cijfer.objects.count(), aantal)
        antwoord = self.client.post(import_.get_absolute_url())
        self.assertRedirects(antwoord, import_.get_absolute_url())
        taak = Importtaak.objects.get(import_bestand=import_)  # dezelfde taak, nu de import
        self.assertEqual(taak.opdracht, Importtaak.Opdracht.IMPORT)
        self.assertEqual(taak.status, Importtaak.Status.KLAAR)
        self.assertEqual(taak.stap, Importtaak.Stap.AFGEROND)
        self.assertTrue(taak.taak_id)
        self.assertEqual((taak.totaal, taak.gelezen, taak.gecontroleerd), (1200, 1200, 1200))
        self.assertEqual((taak.geschreven, taak.te_schrijven), (1200, 1200))
        self.assertEqual(Cijfer.objects.count(), aantal + 1200)
        import_.refresh_from_db()
        self.assertTrue(import_.is_uitgevoerd)
        self.assertEqual(import_.inhoud, b"")  # het bestand is weg na de import

        stand = self.client.get(status_url(import_))
        self.assertEqual(stand["Content-Type"], "application/json")
        self.assertEqual(stand["Cache-Control"], "no-store")
        gegevens = stand.json()
        self.assertEqual(gegevens["status"], "klaar")
        self.assertTrue(gegevens["afgelopen"])
        self.assertEqual(gegevens["geschreven"], 1200)
        pagina = self.client.get(import_.get_absolute_url())
        self.assertContains(pagina, "Uitgevoerd op")
        self.assertNotContains(pagina, "importvoortgang.js")

    def test_een_mislukte_taak_meldt_het_en_mag_opnieuw(self):
        rijen = ib.politie_rijen(jaren=[2022])
        rijen[0] = (rijen[0][0], rijen[0][1], rijen[0][2], "-5")  # een fout
        import_ = self.voorbeeld(ib.politie_csv(rijen))
        aantal = Cijfer.objects.count()
        antwoord = self.client.post(import_.get_absolute_url())
        self.assertContains(antwoord, "Er is niets geïmporteerd: het bestand heeft fouten.")
        taak = Importtaak.objects.get()
        self.assertEqual(taak.status, Importtaak.Status.MISLUKT)
        self.assertEqual(Cijfer.objects.count(), aantal)
        # Ook na herladen staat de melding er, met het formulier om opnieuw te bevestigen.
        pagina = self.client.get(import_.get_absolute_url())
        self.assertContains(pagina, "het bestand heeft fouten")
        self.assertContains(pagina, ">Importeren</button>")

        antwoord = self.client.post(import_.get_absolute_url(), {"alleen_geldige": "on"})
        self.assertRedirects(antwoord, import_.get_absolute_url())
        taak.refresh_from_db()
        self.assertEqual(taak.status, Importtaak.Status.KLAAR)
        self.assertEqual(Importtaak.objects.count(), 1)  # dezelfde taak, opnieuw gebruikt
        self.assertEqual(Cijfer.objects.count(), aantal + len(rijen) - 1)

    def test_een_lopende_import_toont_de_voortgang_en_start_niet_nog_eens(self):
        import_ = self.voorbeeld()
        # De taak van het voorbeeld, nu bevestigd en midden in het schrijven.
        Importtaak.objects.filter(import_bestand=import_).update(
            opdracht=Importtaak.Opdracht.IMPORT,
            status=Importtaak.Status.BEZIG,
            stap=Importtaak.Stap.SCHRIJVEN,
            totaal=1200,
            gelezen=1200,
            gecontroleerd=1200,
            geschreven=500,
            te_schrijven=1200,
        )
        pagina = self.client.get(import_.get_absolute_url())
        self.assertContains(pagina, "De import loopt")
        self.assertContains(pagina, f'data-url="{status_url(import_)}"')
        self.assertContains(pagina, 'src="/static/js/importvoortgang.js" defer')
        self.assertContains(pagina, '<span class="tabular" data-voortgang="geschreven">500</span>')
        self.assertContains(pagina, f'<a href="{import_.get_absolute_url()}">Vernieuwen</a>')
        self.assertNotContains(pagina, ">Importeren</button>")  # geen tweede bevestiging
        self.assertNotContains(pagina, "<script>")  # geen inline script (CSP)

        with mock.patch.object(taken, "voer_import_uit") as taak:
            antwoord = self.client.post(import_.get_absolute_url())
        self.assertRedirects(antwoord, import_.get_absolute_url())
        taak.enqueue.assert_not_called()

        gegevens = self.client.get(status_url(import_)).json()
        self.assertEqual(gegevens["status"], "bezig")
        self.assertFalse(gegevens["afgelopen"])
        self.assertEqual((gegevens["geschreven"], gegevens["te_schrijven"]), (500, 1200))
        self.assertEqual(gegevens["stap_tekst"], "Schrijven")

    def test_een_vastgelopen_worker_mag_opnieuw_bevestigd_worden(self):
        import_ = self.voorbeeld()
        Importtaak.objects.filter(import_bestand=import_).update(
            opdracht=Importtaak.Opdracht.IMPORT, status=Importtaak.Status.BEZIG
        )
        taak = Importtaak.objects.get(import_bestand=import_)
        lang_geleden = taak.bijgewerkt - Importtaak.VASTGELOPEN_NA - datetime.timedelta(minutes=1)
        Importtaak.objects.filter(pk=taak.pk).update(bijgewerkt=lang_geleden)
        pagina = self.client.get(import_.get_absolute_url())
        self.assertContains(pagina, "de worker is gestopt")
        self.assertContains(pagina, ">Importeren</button>")
        self.assertTrue(self.client.get(status_url(import_)).json()["afgelopen"])
        self.client.post(import_.get_absolute_url())
        taak.refresh_from_db()
        self.assertEqual(taak.status, Importtaak.Status.KLAAR)
        import_.refresh_from_db()
        self.assertTrue(import_.is_uitgevoerd)

    def test_status_alleen_voor_de_eigen_import(self):
        import_ = self.voorbeeld()
        gegevens = self.client.get(status_url(import_)).json()
        self.assertEqual(
            (gegevens["opdracht"], gegevens["status"], gegevens["afgelopen"]),
            ("voorbeeld", "klaar", True),
        )
        # Een import zonder taak (van vóór issue 13) heeft status "geen".
        zonder = Import.objects.create(
            bestandsnaam="oud.csv", gebruiker=self.gebruikers["adviseur_baarn"], sha256="-"
        )
        self.assertEqual(
            self.client.get(status_url(zonder)).json(), {"status": "geen", "afgelopen": True}
        )
        # De sessie, de gebruiker, zijn profiel (de rechten) en de import met zijn gebruiker
        # en taak (select_related).
        with self.assertNumQueries(4):
            self.client.get(status_url(import_))
        self.client.force_login(self.gebruikers["adviseur_soest"])
        self.assertEqual(self.client.get(status_url(import_)).status_code, 404)
        self.client.force_login(self.gebruikers["raadslid"])
        self.assertEqual(self.client.get(status_url(import_)).status_code, 403)
        self.assertEqual(Client().get(status_url(import_)).status_code, 302)


ALLEEN_IN_DE_RIJ = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@override_settings(TASKS=ALLEEN_IN_DE_RIJ)
class WachtrijTest(TestCase):
    """Zonder worker (DummyBackend: de taak blijft in de rij): het uploadverzoek leest niets,
    de pagina toont dat het voorbeeld gemaakt wordt; de taak zelf maakt het voorbeeld."""

    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())
        cls.gebruikers = maak_gebruikers()

    def setUp(self):
        self.client.force_login(self.gebruikers["adviseur_baarn"])
        self.aantal = Cijfer.objects.count()

    def upload(self, inhoud):
        # Het verzoek leest en controleert het bestand niet meer (dat kostte ~9 s per miljoen
        # rijen): controleer_bestand mag niet aangeroepen worden.
        with mock.patch.object(taken, "controleer_bestand", side_effect=AssertionError):
            antwoord = upload(self.client, inhoud)
        import_ = Import.objects.get()
        self.assertRedirects(antwoord, import_.get_absolute_url(), fetch_redirect_response=False)
        return import_

    def test_upload_bewaart_alleen_het_bestand_en_de_taak_maakt_het_voorbeeld(self):
        inhoud = ib.politie_csv(ib.politie_rijen())
        import_ = self.upload(inhoud)
        self.assertEqual(import_.status, Import.Status.VOORBEELD_MAKEN)
        self.assertEqual((import_.soort, import_.toegevoegd), ("", 0))
        self.assertEqual(bytes(import_.inhoud), inhoud)
        self.assertEqual(Cijfer.objects.count(), self.aantal)
        taak = Importtaak.objects.get(import_bestand=import_)
        self.assertEqual(
            (taak.opdracht, taak.status, taak.stap),
            (Importtaak.Opdracht.VOORBEELD, Importtaak.Status.IN_DE_RIJ, Importtaak.Stap.WACHTEN),
        )
        self.assertTrue(taak.taak_id)

        gegevens = self.client.get(status_url(import_)).json()
        self.assertEqual(
            (gegevens["opdracht"], gegevens["status"], gegevens["stap"], gegevens["afgelopen"]),
            ("voorbeeld", "in_de_rij", "wachten", False),
        )
        self.assertEqual(gegevens["melding"], "")
        # De sessie, de gebruiker, zijn profiel (de rechten) en de import met zijn gebruiker
        # en taak (select_related, zonder het bestand): dezelfde 4 als bij een voorbeeld.
        with self.assertNumQueries(4):
            pagina = self.client.get(import_.get_absolute_url())
        self.assertContains(pagina, "<h1>Voorbeeld wordt gemaakt: politie-synthetisch.csv</h1>")
        self.assertContains(pagina, "Het voorbeeld wordt gemaakt</h2>")
        self.assertContains(pagina, f'data-url="{status_url(import_)}"')
        self.assertContains(pagina, 'src="/static/js/importvoortgang.js" defer')
        self.assertContains(pagina, f'<a href="{import_.get_absolute_url()}">Vernieuwen</a>')
        self.assertContains(pagina, "Wachten op de worker")
        self.assertNotContains(pagina, ">Importeren</button>")
        self.assertNotContains(pagina, "Dit is een voorbeeld")
        self.assertNotContains(pagina, "<script>")
        # Bevestigen kan nog niet: er is geen voorbeeld.
        with mock.patch.object(taken, "voer_import_uit") as schrijftaak:
            antwoord = self.client.post(import_.get_absolute_url())
        self.assertRedirects(antwoord, import_.get_absolute_url(), fetch_redirect_response=False)
        schrijftaak.enqueue.assert_not_called()

        # De worker voert de taak uit (hier: dit proces).
        self.assertEqual(taken.maak_voorbeeld_taak.call(taak.pk), Importtaak.Status.KLAAR)
        import_.refresh_from_db()
        self.assertEqual(import_.status, Import.Status.VOORBEELD)
        self.assertEqual((import_.soort, import_.toegevoegd), (Import.Soort.POLITIE, 1200))
        self.assertEqual(Cijfer.objects.count(), self.aantal)  # nog steeds niets geschreven
        taak.refresh_from_db()
        self.assertEqual((taak.gelezen, taak.gecontroleerd, taak.totaal), (1200, 1200, 1200))
        gegevens = self.client.get(status_url(import_)).json()
        self.assertEqual((gegevens["status"], gegevens["afgelopen"]), ("klaar", True))
        pagina = self.client.get(import_.get_absolute_url())
        self.assertContains(pagina, "Dit is een voorbeeld: er is nog niets opgeslagen.")
        self.assertContains(pagina, ">Importeren</button>")
        self.assertNotContains(pagina, "importvoortgang.js")

        # Bevestigen zet de schrijftaak in de rij (dezelfde Importtaak, nu opdracht IMPORT).
        self.client.post(import_.get_absolute_url())
        taak.refresh_from_db()
        self.assertEqual(
            (taak.opdracht, taak.status), (Importtaak.Opdracht.IMPORT, Importtaak.Status.IN_DE_RIJ)
        )
        self.assertContains(self.client.get(import_.get_absolute_url()), "De import loopt")
        self.assertEqual(taken.voer_import_uit.call(taak.pk), Importtaak.Status.KLAAR)
        self.assertEqual(Cijfer.objects.count(), self.aantal + 1200)

    def test_een_onleesbaar_bestand_meldt_de_worker_op_de_importpagina(self):
        import_ = self.upload("gebied,jaar,inwoners\n".encode("utf-16"))
        self.assertEqual(import_.status, Import.Status.VOORBEELD_MAKEN)  # nog niet gelezen
        taken.maak_voorbeeld_taak.call(import_.taak.pk)
        import_.refresh_from_db()
        self.assertEqual(import_.status, Import.Status.NIET_TE_LEZEN)
        self.assertEqual(import_.bestandsfout["reden"][:28], "Onbekende codering (UTF-16).")
        pagina = self.client.get(import_.get_absolute_url())
        self.assertContains(pagina, "Dit bestand is niet te importeren")
        self.assertContains(pagina, "Een ander bestand uploaden</a>")
        self.assertNotContains(pagina, "importvoortgang.js")
        self.assertEqual(self.client.get(status_url(import_)).json()["status"], "mislukt")

    def test_geen_worker_na_twee_minuten_een_zin_in_plaats_van_eindeloos_wachten(self):
        import_ = self.upload(ib.politie_csv(ib.politie_rijen(jaren=[2022])))
        pagina = self.client.get(import_.get_absolute_url())
        self.assertNotContains(pagina, taken.NIET_OPGEPAKT)
        lang_geleden = timezone.now() - Importtaak.NIET_OPGEPAKT_NA - datetime.timedelta(seconds=5)
        Importtaak.objects.update(bijgewerkt=lang_geleden)
        pagina = self.client.get(import_.get_absolute_url())
        self.assertContains(pagina, taken.NIET_OPGEPAKT)
        self.assertContains(pagina, "Het voorbeeld wordt gemaakt</h2>")  # blijft in de rij
        gegevens = self.client.get(status_url(import_)).json()
        self.assertEqual((gegevens["melding"], gegevens["afgelopen"]), (taken.NIET_OPGEPAKT, False))

    def test_een_gestopte_worker_tijdens_het_voorbeeld(self):
        import_ = self.upload(ib.politie_csv(ib.politie_rijen(jaren=[2022])))
        lang_geleden = timezone.now() - Importtaak.VASTGELOPEN_NA - datetime.timedelta(minutes=1)
        Importtaak.objects.update(status=Importtaak.Status.BEZIG, bijgewerkt=lang_geleden)
        pagina = self.client.get(import_.get_absolute_url())
        self.assertContains(pagina, "Het voorbeeld is niet afgemaakt: de worker is gestopt.")
        self.assertContains(pagina, f'<a href="{URL}">Naar het uploadformulier</a>')
        self.assertNotContains(pagina, "importvoortgang.js")
        self.assertTrue(self.client.get(status_url(import_)).json()["afgelopen"])

    def test_een_ander_ziet_en_bevestigt_het_niet(self):
        import_ = self.upload(ib.politie_csv(ib.politie_rijen(jaren=[2022])))
        taken.maak_voorbeeld_taak.call(import_.taak.pk)
        self.client.force_login(self.gebruikers["adviseur_soest"])
        self.assertEqual(self.client.get(import_.get_absolute_url()).status_code, 404)
        self.assertEqual(self.client.post(import_.get_absolute_url()).status_code, 404)
        self.assertEqual(self.client.get(status_url(import_)).status_code, 404)
        import_.taak.refresh_from_db()
        self.assertEqual(import_.taak.opdracht, Importtaak.Opdracht.VOORBEELD)  # niet bevestigd


class VoortgangTest(TestCase):
    """De callback Voortgang en de aansluiting op schrijven.voer_uit, vóór en na issue 13."""

    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())
        import_ = Import.objects.create(bestandsnaam="x.csv", soort="politie", sha256="-")
        cls.taak = Importtaak.objects.create(import_bestand=import_)

    def test_werkt_de_taak_bij_en_slaat_tussenstanden_over(self):
        voortgang = taken.Voortgang(self.taak)
        voortgang("lezen", 10, 10)
        voortgang("schrijven", 5, 100)
        voortgang("schrijven", 6, 100)  # binnen VOORTGANG_INTERVAL: overgeslagen
        voortgang("schrijven", 100, 100)  # klaar: altijd bewaard
        self.taak.refresh_from_db()
        self.assertEqual((self.taak.gelezen, self.taak.totaal), (10, 10))
        self.assertEqual((self.taak.geschreven, self.taak.te_schrijven), (100, 100))
        self.assertEqual(self.taak.stap, Importtaak.Stap.SCHRIJVEN)

    def test_lezen_en_controleren_melden_de_stand_per_stuk_rijen(self):
        gemeld = []
        with mock.patch.object(controle, "VOORTGANG_PER", 500):
            uitkomst = controle.controleer_bestand(
                ib.politie_csv(ib.politie_rijen()), voortgang=lambda *stand: gemeld.append(stand)
            )
        self.assertEqual(uitkomst.rijen, 1200)
        self.assertEqual(gemeld, [("controleren", 500), ("controleren", 1000)])
        # Midden in het lezen is het totaal nog onbekend: gelezen en gecontroleerd, totaal 0.
        taken.Voortgang(self.taak)("controleren", 500)
        self.taak.refresh_from_db()
        self.assertEqual(
            (self.taak.stap, self.taak.gelezen, self.taak.gecontroleerd, self.taak.totaal),
            (Importtaak.Stap.CONTROLEREN, 500, 500, 0),
        )

    def test_voortgang_houdt_een_lange_import_levend(self):
        # Een import die langer loopt dan VASTGELOPEN_NA maar voortgang meldt, is niet vast.
        lang_geleden = timezone.now() - Importtaak.VASTGELOPEN_NA * 2
        Importtaak.objects.filter(pk=self.taak.pk).update(
            status=Importtaak.Status.BEZIG, bijgewerkt=lang_geleden
        )
        self.taak.refresh_from_db()
        self.assertTrue(self.taak.is_vastgelopen)
        taken.Voortgang(self.taak)("schrijven", 10, 10)
        self.taak.refresh_from_db()
        self.assertFalse(self.taak.is_vastgelopen)

    def test_geeft_voortgang_door_als_voer_uit_het_kent(self):
        gezien = {}

        def nieuw(
            controle, import_, gebruiker=None, alleen_geldige=False, verwacht=None, voortgang=None
        ):
            gezien["voortgang"] = voortgang
            voortgang("schrijven", 1, 1)

        def oud(controle, import_, gebruiker=None, alleen_geldige=False, verwacht=None):
            gezien["oud"] = True

        import_ = Import(bestandsnaam="x.csv", soort="politie", voorbeeld={})
        import_.inhoud = ib.politie_csv(ib.politie_rijen(jaren=[2022]))
        import_.sha256 = hashlib.sha256(import_.inhoud).hexdigest()
        voortgang = taken.Voortgang(self.taak)
        with mock.patch.object(taken, "voer_uit", nieuw):
            self.assertIsNone(taken.bevestig(import_, None, False, voortgang=voortgang))
        self.assertIs(gezien["voortgang"], voortgang)
        self.taak.refresh_from_db()
        self.assertEqual(self.taak.geschreven, 1)
        with mock.patch.object(taken, "voer_uit", oud):
            self.assertIsNone(taken.bevestig(import_, None, False, voortgang=voortgang))
        self.assertTrue(gezien["oud"])


def _worker(log, *extra):
    """Start `manage.py db_worker` met de databasebackend op de testdatabase; zijn uitvoer
    gaat naar het bestand `log` (een pijp zou vol kunnen lopen)."""
    db = connection.settings_dict
    omgeving = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ivp.settings",
        "DEBUG": "1",
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "CACHE_URL": "",
        "CONN_MAX_AGE": "0",
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"]
        + ["--interval", "0.2", *extra],
        cwd=PROJECT,
        env=omgeving,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def _wacht(voorwaarde, seconden=90, wat=""):
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        uitkomst = voorwaarde()
        if uitkomst:
            return uitkomst
        time.sleep(0.1)
    raise AssertionError(f"na {seconden} s nog niet: {wat}")


@unittest.skipUnless(
    settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    "een echte worker in een eigen proces heeft een gedeelde database nodig (PostgreSQL)",
)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
class WorkerTest(TransactionTestCase):
    """De databasebackend en een echte worker in een eigen proces."""

    def setUp(self):
        call_command("laad_brondata", stdout=io.StringIO())
        gebruikers = maak_gebruikers()
        self.client.force_login(gebruikers["adviseur_baarn"])
        upload(self.client, ib.politie_csv(ib.politie_rijen()))
        self.import_ = Import.objects.get()
        self.aantal = Cijfer.objects.count()
        self.processen = []
        self.log = self.enterContext(tempfile.TemporaryFile())

    def tearDown(self):
        for proces in self.processen:
            if proces.poll() is None:
                proces.kill()
            proces.wait(timeout=30)

    def start_worker(self, *extra):
        proces = _worker(self.log, *extra)
        self.processen.append(proces)
        return proces

    def uitvoer(self):
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-3000:]

    def test_gedode_worker_laat_de_database_zoals_hij_was_en_de_volgende_voert_uit(self):
        # De upload zette alleen het voorbeeld in de rij; een echte worker maakt het.
        self.assertTrue(self.import_.wordt_voorbeeld)
        self.assertContains(self.client.get(self.import_.get_absolute_url()), "wordt gemaakt")
        worker = self.start_worker("--batch")
        self.assertEqual(worker.wait(timeout=120), 0, self.uitvoer())
        self.import_.refresh_from_db()
        self.assertTrue(self.import_.is_voorbeeld, self.uitvoer())
        self.assertEqual(self.import_.toegevoegd, 1200)
        self.assertEqual(Cijfer.objects.count(), self.aantal)

        antwoord = self.client.post(self.import_.get_absolute_url())
        self.assertRedirects(antwoord, self.import_.get_absolute_url())
        taak = Importtaak.objects.get()
        self.assertEqual(taak.status, Importtaak.Status.IN_DE_RIJ)  # nog niets gedaan
        self.assertEqual(Cijfer.objects.count(), self.aantal)
        pagina = self.client.get(self.import_.get_absolute_url())
        self.assertContains(pagina, "De import loopt")

        # Een tweede verbinding houdt de rij van de gegevensversie vast: de worker schrijft alle
        # cijfers en blijft dan, vóór de commit, op gegevensversie.verhoog() wachten.
        slot = connections.create_connection("default")
        slot.set_autocommit(False)
        with slot.cursor() as cursor:
            cursor.execute("SELECT 1 FROM ivp_gegevensversie WHERE id = 1 FOR UPDATE")
        try:
            worker = self.start_worker()

            def wacht_op_slot():
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                        "AND wait_event_type = 'Lock' LIMIT 1"
                    )
                    rij = cursor.fetchone()
                self.assertIsNone(worker.poll(), "de worker stopte vóór het slot")
                return rij and rij[0]

            backend = _wacht(wacht_op_slot, wat="de worker wacht op de gegevensversie")
            taak.refresh_from_db()
            self.assertEqual(taak.status, Importtaak.Status.BEZIG)
            self.assertEqual(taak.gecontroleerd, 1200)
            os.kill(worker.pid, signal.SIGKILL)
            worker.wait(timeout=30)
        finally:
            slot.rollback()
            slot.close()

        def backend_weg():
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [backend])
                return cursor.fetchone()[0] == 0

        _wacht(backend_weg, wat="de verbinding van de gedode worker is weg")
        self.assertEqual(Cijfer.objects.count(), self.aantal)  # niets van de import
        self.import_.refresh_from_db()
        self.assertTrue(self.import_.is_voorbeeld)
        self.assertTrue(self.import_.inhoud)  # het bestand is er nog

        # Na VASTGELOPEN_NA mag de gebruiker opnieuw bevestigen; een nieuwe worker voert uit.
        Importtaak.objects.update(
            bijgewerkt=taak.bijgewerkt - Importtaak.VASTGELOPEN_NA - datetime.timedelta(1)
        )
        self.assertContains(self.client.get(self.import_.get_absolute_url()), "worker is gestopt")
        self.client.post(self.import_.get_absolute_url())
        worker = self.start_worker("--batch")
        self.assertEqual(worker.wait(timeout=120), 0, self.uitvoer())
        taak.refresh_from_db()
        self.assertEqual(taak.status, Importtaak.Status.KLAAR, taak.melding or self.uitvoer())
        self.assertEqual(Cijfer.objects.count(), self.aantal + 1200)
        self.import_.refresh_from_db()
        self.assertTrue(self.import_.is_uitgevoerd)
        gegevens = self.client.get(status_url(self.import_)).json()
        self.assertEqual((gegevens["status"], gegevens["geschreven"]), ("klaar", 1200))
