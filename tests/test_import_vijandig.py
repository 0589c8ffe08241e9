"""Vijandige bestanden kosten niets (issue 12, deel 3): een zip-bom, een archief in het archief,
te diep geneste XML en entiteiten worden geweigerd vóór openpyxl iets uitpakt, met begrensd
geheugen. De bommen worden hier gemaakt, klein (een paar kB ingepakt)."""

import io
import tracemalloc
import zipfile
from unittest import mock

from django.test import SimpleTestCase, override_settings

from cijfers.importeren import lezen
from cijfers.importeren.fouten import BestandFout
from cijfers.importeren.zipbom import MAX_DIEPTE, controleer_xlsx
from tests import importbestanden as ib

GEWOON = ib.xlsx(["gebied", "categorie", "jaar", "periode", "waarde"],
                 [["Soest", "autokraak", 2024, "2024", 5]])  # fmt: skip


def met_extra(naam, inhoud, basis=GEWOON):
    """Een gewone .xlsx met één bestand erbij (ingepakt met deflate)."""
    uit = io.BytesIO(basis)
    with zipfile.ZipFile(uit, "a", compression=zipfile.ZIP_DEFLATED) as archief:
        archief.writestr(naam, inhoud)
    return uit.getvalue()


def vervang_blad(xml):
    """Een .xlsx waarin het eerste werkblad deze XML is."""
    uit = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(GEWOON)) as bron,
        zipfile.ZipFile(uit, "w", compression=zipfile.ZIP_DEFLATED) as doel,
    ):
        for bestand in bron.infolist():
            inhoud = xml if bestand.filename == "xl/worksheets/sheet1.xml" else bron.read(bestand)
            doel.writestr(bestand.filename, inhoud)
    return uit.getvalue()


class ZipbomTest(SimpleTestCase):
    def weigering(self, inhoud):
        with mock.patch("openpyxl.load_workbook") as openpyxl_open:
            with self.assertRaises(BestandFout) as fout:
                lezen.lees_bestand(inhoud)
            openpyxl_open.assert_not_called()  # geweigerd vóór het uitpakken
        self.assertEqual(fout.exception.fout.kolom, "bestand")
        self.assertIn("Dit Excel-bestand wordt niet geopend", fout.exception.fout.reden)
        return fout.exception.fout

    def test_een_gewone_werkmap_gaat_door(self):
        self.assertIsNone(controleer_xlsx(GEWOON))
        self.assertEqual(lezen.lees_bestand(GEWOON).kop[0], "gebied")

    def test_zip_bom_met_een_grote_verhouding(self):
        bom = met_extra("xl/media/nullen.bin", b"\0" * (4 * 1024 * 1024))
        self.assertLess(len(bom), 50_000)  # 4 MB nullen, ingepakt een paar kB
        fout = self.weigering(bom)
        self.assertIn("zip-bom", fout.reden)
        self.assertIn("keer zo groot", fout.reden)

    @override_settings(CIJFERS_IMPORT_MAX_UITGEPAKT=1024 * 1024)
    def test_zip_bom_samen_te_groot(self):
        # Verhouding laag (willekeurige bytes), maar samen meer dan het maximum.
        import random

        ruis = random.Random(12).randbytes(1100 * 1024)
        fout = self.weigering(met_extra("xl/media/ruis.bin", ruis))
        self.assertIn("uitgepakt zou het 1 MB worden (hoogstens 1 MB)", fout.reden)

    def test_archief_in_het_archief_en_pad_erbuiten(self):
        self.assertIn("ander archief", self.weigering(met_extra("xl/bom.zip", GEWOON)).reden)
        self.assertIn("buiten het archief", self.weigering(met_extra("../x.xml", b"<a/>")).reden)

    def test_te_veel_gedeelde_teksten(self):
        with mock.patch("cijfers.importeren.zipbom.MAX_GEDEELDE_TEKST", 1000):
            teksten = b"<sst>" + b"<si><t>x</t></si>" * 100 + b"</sst>"
            uit = io.BytesIO()
            with (
                zipfile.ZipFile(io.BytesIO(GEWOON)) as bron,
                zipfile.ZipFile(uit, "w", compression=zipfile.ZIP_DEFLATED) as doel,
            ):
                for bestand in bron.infolist():
                    if bestand.filename != "xl/sharedStrings.xml":
                        doel.writestr(bestand.filename, bron.read(bestand))
                doel.writestr("xl/sharedStrings.xml", teksten)
            fout = self.weigering(uit.getvalue())
        self.assertIn("gedeelde teksten", fout.reden)
        self.assertEqual(fout.waarde, "xl/sharedStrings.xml")

    def test_te_veel_bestanden(self):
        uit = io.BytesIO()
        with zipfile.ZipFile(uit, "w") as archief:
            for nummer in range(1001):
                archief.writestr(f"x{nummer}.txt", b"")
        self.assertIn("1.001 bestanden", self.weigering(b"PK\x03\x04" + uit.getvalue()[4:]).reden)

    def test_diep_geneste_xml_en_entiteiten(self):
        diep = b"<a>" * (MAX_DIEPTE + 1) + b"</a>" * (MAX_DIEPTE + 1)
        fout = self.weigering(vervang_blad(b'<?xml version="1.0"?>' + diep))
        self.assertIn(f"dieper dan {MAX_DIEPTE} niveaus", fout.reden)
        lach = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY l "ha">]><x>&l;</x>'
        self.assertIn("entiteiten", self.weigering(vervang_blad(lach)).reden)

    def test_het_geheugen_blijft_begrensd(self):
        # Een bom (20 MB XML) en een groot gewoon werkblad (willekeurige getallen, 4 MB XML):
        # allebei gelezen in stukken, nooit in één keer in het geheugen.
        import random

        kans = random.Random(7)
        cellen = b"".join(
            b"<c><v>%d</v></c>" % kans.randrange(10**9) for _ in range(4 * 1024 * 1024 // 20)
        )
        gewoon = vervang_blad(
            b"<worksheet><sheetData><row>" + cellen + b"</row></sheetData></worksheet>"
        )
        bom = vervang_blad(b"<worksheet>" + b"<row/>" * (20 * 1024 * 1024 // 6) + b"</worksheet>")
        for inhoud, geweigerd in ((bom, True), (gewoon, False)):
            tracemalloc.start()
            try:
                if geweigerd:
                    with self.assertRaises(BestandFout):
                        controleer_xlsx(inhoud)
                else:
                    self.assertIsNone(controleer_xlsx(inhoud))
                _, piek = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
            self.assertLess(piek, 2 * 1024 * 1024)
