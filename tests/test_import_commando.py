"""python manage.py importeer_cijfers BESTAND [--dry-run] [--alleen-geldige] [--gebruiker]."""

import io
import tempfile
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings

from cijfers.models import Cijfer, Import
from tests import importbestanden as ib
from tests.gebruikers import maak_gebruikers


class CommandoTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())
        cls.gebruikers = maak_gebruikers()

    def setUp(self):
        self.map = tempfile.TemporaryDirectory()
        self.addCleanup(self.map.cleanup)

    def bestand(self, inhoud, naam="politie-synthetisch.csv"):
        pad = Path(self.map.name) / naam
        pad.write_bytes(inhoud)
        return str(pad)

    def run_commando(self, *args):
        uit, fout = io.StringIO(), io.StringIO()
        call_command("importeer_cijfers", *args, stdout=uit, stderr=fout)
        return uit.getvalue(), fout.getvalue()

    def test_proefimport_schrijft_niets(self):
        pad = self.bestand(ib.politie_csv(ib.politie_rijen(jaren=[2022])))
        aantal = Cijfer.objects.count()
        uit, _ = self.run_commando(pad, "--dry-run")
        self.assertIn(
            "Formaat: Open data politie (CBS 47013NED/47018NED); codering UTF-8, scheidingsteken puntkomma; 240 rijen.",
            uit,
        )
        self.assertIn(
            "Toegevoegd: 240, gewijzigd: 0, ongewijzigd: 0, afgewezen: 0, overgeslagen: 0.", uit
        )
        self.assertIn("Proefimport (--dry-run): er is niets geschreven.", uit)
        self.assertEqual(Cijfer.objects.count(), aantal)
        self.assertFalse(Import.objects.exists())

    def test_importeren_en_nog_eens(self):
        pad = self.bestand(ib.politie_csv(ib.politie_rijen(jaren=[2022])))
        uit, _ = self.run_commando(pad, "--gebruiker", "adviseur_baarn")
        import_ = Import.objects.get()
        self.assertIn(f"{import_} is uitgevoerd.", uit)
        self.assertEqual(import_.gebruiker, self.gebruikers["adviseur_baarn"])
        historie = Cijfer.history.filter(history_change_reason=import_.reden)
        self.assertEqual(historie.count(), 240)
        self.assertEqual(historie.first().history_user, self.gebruikers["adviseur_baarn"])
        uit, _ = self.run_commando(pad)
        self.assertIn("Toegevoegd: 0, gewijzigd: 0, ongewijzigd: 240", uit)

    def test_fouten_geven_een_foutcode_en_schrijven_niets(self):
        inhoud = ib.sjabloon_csv(
            [
                ["Soest", "autokraak", 2021, 2021, 3, "", ""],
                ["Atlantis", "autokraak", 2021, 2021, 4, "", ""],
            ]
        )
        pad = self.bestand(inhoud, "eigen-synthetisch.csv")
        aantal = Cijfer.objects.count()
        for extra in ([], ["--dry-run"]):
            with self.subTest(extra=extra), self.assertRaises(CommandError) as fout:
                self.run_commando(pad, *extra)
            self.assertIn("1 fout", str(fout.exception))
        uit, fouten = io.StringIO(), io.StringIO()
        with self.assertRaises(CommandError):
            call_command("importeer_cijfers", pad, stdout=uit, stderr=fouten)
        self.assertIn("rij 3, kolom gebied, waarde 'Atlantis': Onbekend gebied", fouten.getvalue())
        self.assertIn("Er is niets geïmporteerd.", uit.getvalue())
        self.assertEqual(Cijfer.objects.count(), aantal)

        uit, _ = self.run_commando(pad, "--alleen-geldige")
        self.assertIn("Toegevoegd: 1, gewijzigd: 0, ongewijzigd: 0, afgewezen: 1", uit)
        self.assertEqual(Cijfer.objects.count(), aantal + 1)

    def test_jaarcijfer_tegen_de_maanden_is_een_waarschuwing(self):
        # Baarn 2024: maanden 5+8+12+9+11+10+7+13+9+12+14+10 = 120 (met de hand), jaar 41.
        maanden = [5, 8, 12, 9, 11, 10, 7, 13, 9, 12, 14, 10]
        rijen = [["Baarn", "woninginbraken", 2024, f"2024-{m:02d}", w, "", ""]
                 for m, w in enumerate(maanden, start=1)]  # fmt: skip
        pad = self.bestand(
            ib.sjabloon_csv(rijen + [["Baarn", "woninginbraken", 2024, 2024, 41, "", ""]])
        )
        waarschuwing = (
            "Waarschuwing, jaarcijfer niet gelijk aan de som van de twaalf maanden (1):\n"
            "  Baarn, woninginbraken 2024: jaarcijfer 41, maar de twaalf maanden tellen op tot "
            "120. Jaarcijfer en maanden uit dit bestand.\n"
        )
        uit, _ = self.run_commando(pad, "--dry-run")  # geen fout: de uitgang is 0
        self.assertIn(waarschuwing, uit)
        uit, _ = self.run_commando(pad)
        self.assertIn(waarschuwing, uit)
        self.assertEqual(
            Cijfer.objects.filter(
                gebied__slug="baarn", categorie__slug="woninginbraken", jaar=2024
            ).count(),
            13,
        )

    def test_bestandsfouten(self):
        with self.assertRaisesMessage(CommandError, "Bestand niet gevonden"):
            self.run_commando(str(Path(self.map.name) / "bestaat-niet.csv"))
        with self.assertRaisesMessage(CommandError, "Onbekende codering (UTF-16)"):
            self.run_commando(self.bestand("gebied,jaar,inwoners\n".encode("utf-16")))
        with self.assertRaisesMessage(CommandError, "Onbekende gebruiker: niemand"):
            self.run_commando(
                self.bestand(b"gebied,jaar,inwoners\nSoest,2020,1\n"), "--gebruiker", "niemand"
            )

    @override_settings(CIJFERS_IMPORT_MAX_BYTES=100)
    def test_te_groot(self):
        pad = self.bestand(b"gebied,jaar,inwoners\n" + b"Soest,2020,46000\n" * 10)
        with self.assertRaisesMessage(
            CommandError, "Het bestand is te groot (0,0 MB); het maximum is 0,0 MB"
        ):
            self.run_commando(pad)
