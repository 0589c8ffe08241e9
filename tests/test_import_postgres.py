"""PostgreSQL: lezers wachten nooit op een import, en een gedode import laat niets achter (issue 13).

Beide tests hebben een tweede verbinding nodig (een draad of een ander proces) en dus gegevens die
echt gecommit zijn: TransactionTestCase. Op SQLite overgeslagen (daar schrijft de import via de
ORM, correct maar niet snel, en gaat het hier om de sloten van PostgreSQL).
"""

import io
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from django.core.management import call_command
from django.db import connection, connections
from django.test import TransactionTestCase

from cijfers import politie
from cijfers.models import Categorie, Cijfer, Import, PolitieCategorie
from ivp.models import Gebied, Gegevensversie
from tests import importbestanden as ib

ROOT = Path(__file__).resolve().parent.parent
COPY_NAAR_STAGING = "COPY cijfers_import_regel%"
LEZERSSLOTEN = {"AccessShareLock", "RowExclusiveLock"}  # wat een import mag houden


def stand():
    """Alles wat een import kan schrijven of aanmaken; gelijk = de database is als voorheen."""
    return (
        *ib.stand(),
        Import.objects.count(),
        Gebied.objects.count(),
        PolitieCategorie.objects.count(),
        list(Gegevensversie.objects.values_list("versie", "sleutel")),
    )


class PostgresBasis(TransactionTestCase):
    def setUp(self):
        if connection.vendor != "postgresql":
            self.skipTest("alleen op PostgreSQL")
        call_command("laad_brondata", stdout=io.StringIO())
        # Wat de migratie 0004 maakt en de flush van TransactionTestCase weghaalt: zonder de
        # soorten maakt de controle ze (buiten de import, in een eigen commit).
        politie.zorg_voor_soorten(PolitieCategorie, Categorie)


class LezersWachtenNietTest(PostgresBasis):
    """Terwijl een import zijn transactie open heeft (alles geschreven, nog niet gecommit),
    leest een andere verbinding de gebiedspagina zonder te wachten."""

    def test_gebiedspagina_tijdens_open_importtransactie(self):
        oud = ib.politie_rijen(jaren=[2021])
        ib.importeer(ib.politie_csv(oud))  # zodat de tweede import ook wijzigt (UPDATE)
        nieuw = [(s, r, p, str(int(a) + 1)) for s, r, p, a in oud] + ib.politie_rijen(jaren=[2022])
        inhoud = ib.politie_csv(nieuw)
        geschreven, verder = threading.Event(), threading.Event()
        uitkomst = {}

        def voortgang(stap, gedaan, totaal):
            if stap == "klaar":  # vlak voor de commit: de transactie houdt haar sloten vast
                geschreven.set()
                verder.wait(60)

        def import_in_draad():
            try:
                uitkomst["voorstel"] = ib.importeer(inhoud, voortgang=voortgang)[0]
            except Exception as fout:  # pragma: no cover - alleen bij een fout zichtbaar
                uitkomst["fout"] = fout
                geschreven.set()
            finally:
                connections.close_all()

        draad = threading.Thread(target=import_in_draad)
        draad.start()
        try:
            self.assertTrue(geschreven.wait(60), "de import kwam niet tot het schrijven")
            self.assertNotIn("fout", uitkomst)
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT DISTINCT mode FROM pg_locks WHERE pid <> pg_backend_pid() "
                    "AND relation = 'cijfers_cijfer'::regclass"
                )
                sloten = {rij[0] for rij in cursor.fetchall()}
                # Snel falen in plaats van hangen: wie op een slot wacht, krijgt een fout.
                cursor.execute("SET lock_timeout = '1s'")
                cursor.execute("SET statement_timeout = '20s'")
            self.assertIn("RowExclusiveLock", sloten)
            self.assertLessEqual(sloten, LEZERSSLOTEN)
            start = time.monotonic()
            antwoord = self.client.get("/gebieden/baarn/")
            duur = time.monotonic() - start
            self.assertEqual(antwoord.status_code, 200)
            self.assertLess(duur, 15)
            # De lezer ziet de stand van voor de import: niets van 2022, de oude aantallen.
            self.assertEqual(Cijfer.objects.filter(jaar=2022).count(), 0)
            self.assertEqual(Cijfer.history.filter(history_type="~").count(), 0)
        finally:
            verder.set()
            draad.join(60)
            with connection.cursor() as cursor:
                cursor.execute("RESET lock_timeout")
                cursor.execute("RESET statement_timeout")
        self.assertNotIn("fout", uitkomst)
        voorstel = uitkomst["voorstel"]
        self.assertEqual((len(voorstel.toegevoegd), len(voorstel.gewijzigd)), (240, 240))
        self.assertEqual(Cijfer.objects.filter(jaar=2022).count(), 240)
        self.assertEqual(Cijfer.history.filter(history_type="~", jaar=2021).count(), 240)


def synthetisch_politiebestand(pad, gebieden=300):
    """Een politiebestand (synthetisch) met `gebieden` verzonnen gemeenten GM9001.. x 4
    soorten x 120 maanden: groot genoeg om het proces tijdens het schrijven te doden."""
    rijen = [
        (soort, f"GM{9000 + g}", f"{jaar}MM{maand:02d}", str((g + jaar + maand) % 17))
        for g in range(1, gebieden + 1)
        for soort, _, _ in ib.SOORTEN
        for jaar in range(2014, 2024)
        for maand in range(1, 13)
    ]
    pad.write_bytes(ib.politie_csv(rijen))
    return len(rijen)


class GedodeImportTest(PostgresBasis):
    """Een import die midden in het schrijven met SIGKILL stopt, laat de database als voorheen."""

    def test_sigkill_tijdens_copy(self):
        instellingen = connection.settings_dict
        omgeving = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": f"postgres://{instellingen['USER']}@{instellingen['HOST']}:"
            f"{instellingen['PORT'] or 5432}/{instellingen['NAME']}",
        }
        voor = stand()
        with tempfile.TemporaryDirectory() as map_:
            pad = Path(map_) / "politie-synthetisch-gedood.csv"
            rijen = synthetisch_politiebestand(pad)
            proces = subprocess.Popen(
                [sys.executable, "manage.py", "importeer_cijfers", str(pad)],
                cwd=ROOT,
                env=omgeving,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            backend = None
            try:
                einde = time.monotonic() + 180
                with connection.cursor() as cursor:
                    while proces.poll() is None and time.monotonic() < einde:
                        cursor.execute(
                            "SELECT pid FROM pg_stat_activity WHERE datname = "
                            "current_database() AND state = 'active' AND query LIKE %s",
                            [COPY_NAAR_STAGING],
                        )
                        rij = cursor.fetchone()
                        if rij:
                            backend = rij[0]
                            proces.send_signal(signal.SIGKILL)
                            break
                        time.sleep(0.005)
            finally:
                if proces.poll() is None and backend is None:
                    proces.kill()
                proces.wait(30)
        self.assertIsNotNone(backend, f"de import van {rijen} rijen kwam niet bij de COPY")
        self.assertEqual(proces.returncode, -signal.SIGKILL)
        # PostgreSQL merkt dat de klant weg is en draait de transactie terug.
        weg = False
        with connection.cursor() as cursor:
            for _ in range(600):
                cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [backend])
                weg = cursor.fetchone()[0] == 0
                if weg:
                    break
                time.sleep(0.05)
        self.assertTrue(weg, "de verbinding van het gedode proces bleef bestaan")
        self.assertEqual(stand(), voor)
        self.assertFalse(Gebied.objects.filter(cbs_code="GM9001").exists())


class SleutelsInEenKeerTest(PostgresBasis):
    """De verwijzende sleutels: in één keer gecontroleerd, per rij alleen als het niet mag."""

    def test_geen_andere_triggers_dan_die_van_de_sleutels(self):
        # Met session_replication_role = replica slaat de import elke trigger over; dat mag
        # alleen zolang er geen andere zijn dan de (interne) triggers van de sleutels.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE NOT tgisinternal "
                "AND tgrelid IN ('cijfers_cijfer'::regclass, 'cijfers_historicalcijfer'::regclass)"
            )
            self.assertEqual(cursor.fetchall(), [])

    def test_onbekend_gebied_wordt_geweigerd_en_triggers_weer_aan(self):
        from cijfers.importeren import schrijven

        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMPORARY TABLE {schrijven.STAGING} (gebied_id bigint, "
                "categorie_id bigint, bron_id bigint)"
            )
            cursor.execute(
                f"INSERT INTO {schrijven.STAGING} SELECT max(g.id) + 1000, min(c.id), min(b.id) "
                "FROM ivp_gebied g, cijfers_categorie c, cijfers_bron b"
            )
            try:
                with self.assertRaisesMessage(schrijven.OngeldigeSleutel, "gebied"):
                    schrijven._sleutels_in_een_keer(cursor)
                cursor.execute("SHOW session_replication_role")
                self.assertEqual(cursor.fetchone()[0], "origin")
            finally:
                cursor.execute(f"DROP TABLE {schrijven.STAGING}")
        # Een echte import zet ze na het schrijven weer aan en schrijft alles met geschiedenis.
        voorstel, import_ = ib.importeer(ib.politie_csv(ib.politie_rijen(jaren=[2022])))
        self.assertEqual(len(voorstel.toegevoegd), 240)
        self.assertEqual(Cijfer.history.filter(history_change_reason=import_.reden).count(), 240)
        with connection.cursor() as cursor:
            cursor.execute("SHOW session_replication_role")
            self.assertEqual(cursor.fetchone()[0], "origin")

    def test_zonder_recht_op_triggers_per_rij_gecontroleerd(self):
        from unittest import mock

        from cijfers.importeren import schrijven

        with (
            mock.patch.object(schrijven, "_mag_triggers_uitzetten", return_value=False),
            self.assertLogs("cijfers.importeren.schrijven", "WARNING") as log,
        ):
            voorstel, import_ = ib.importeer(ib.politie_csv(ib.politie_rijen(jaren=[2022])))
        # De beheerder leest in het log wat er gebeurt en welke GRANT het sneller maakt.
        self.assertIn(
            "GRANT SET ON PARAMETER session_replication_role TO <gebruiker>", log.output[0]
        )
        self.assertEqual(Cijfer.objects.filter(jaar=2022).count(), 240)
        self.assertEqual(Cijfer.history.filter(history_change_reason=import_.reden).count(), 240)
