"""Elke echte variant van een importbestand (issue 12, deel 2), met een eigen bestand per soort.

Alle bestanden worden hier gemaakt en zijn synthetisch (verzonnen getallen). Per soort: wat
gelezen wordt, en wat met rij, kolom, waarde en een Nederlandse reden geweigerd wordt.
"""

import io

from django.core.management import call_command
from django.test import TestCase

from cijfers.importeren import BestandFout, controleer_bestand
from cijfers.importeren.kolommen import lees_aantal, lees_periode, politieperiode
from cijfers.models import Cijfer
from tests import importbestanden as ib

KOP = '"ID";"SoortMisdrijf";"RegioS";"Perioden";"GeregistreerdeMisdrijven_1"'
LABELKOP = '"ID";"Soort misdrijf";"Regio\'s";"Perioden";"Geregistreerde misdrijven (aantal)"'


def bestand(*regels):
    """Regels van een CSV als bytes (UTF-8), met de regeleinden van Windows."""
    return ("\r\n".join(regels) + "\r\n").encode()


def bestandsfout(inhoud):
    try:
        controleer_bestand(inhoud)
    except BestandFout as fout:
        return fout.fout
    raise AssertionError("geen BestandFout")


class VariantTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())

    def cijfer(self, gebied, categorie, periode):
        return Cijfer.objects.get(gebied__slug=gebied, categorie__slug=categorie, periode=periode)

    # --- 1. Getallen zoals gereedschappen ze schrijven ----------------------------------------

    def test_getallen_van_de_labeldownload_en_van_scripts(self):
        inhoud = bestand(
            LABELKOP,
            '"0";"Totaal misdrijven";"Baarn";"2024";"1.234"',
            '"1";"Totaal misdrijven";"Soest";"2024";"2 345"',
            '"2";"Totaal misdrijven";"Eemnes";"2024";"1\u00a0001"',
            '"3";"Diefstal/inbraak woning";"Baarn";"2024";"  41.0  "',
            '"4";"Diefstal/inbraak woning";"Soest";"2024";"41,00"',
            '"5";"Diefstal/inbraak woning";"Eemnes";"2024";"NA"',
            '"6";"Diefstal/inbraak woning";"De Bilt";"2024";"."',
            '"7";"Straatroof";"Baarn";"2024";"x"',
            '"8";"Straatroof";"Soest";"2024";""',
        )
        voorstel, _ = ib.importeer(inhoud)
        self.assertEqual(voorstel.controle.aantal_fouten, 0)
        self.assertEqual(self.cijfer("baarn", "criminaliteit-totaal", "2024").waarde, 1234)
        self.assertEqual(self.cijfer("soest", "criminaliteit-totaal", "2024").waarde, 2345)
        self.assertEqual(self.cijfer("eemnes", "criminaliteit-totaal", "2024").waarde, 1001)
        self.assertEqual(self.cijfer("baarn", "woninginbraken", "2024").waarde, 41)
        self.assertEqual(self.cijfer("soest", "woninginbraken", "2024").waarde, 41)
        # NA en '.' ontbreken: geen cijfer, zeker geen 0; x en leeg zijn geheim.
        for gebied in ("eemnes", "de-bilt"):
            self.assertFalse(
                Cijfer.objects.filter(
                    gebied__slug=gebied, categorie__slug="woninginbraken", jaar=2024
                )
            )
        for gebied in ("baarn", "soest"):
            straatroof = self.cijfer(gebied, "geweld-straatroof", "2024")
            self.assertEqual((straatroof.waarde, straatroof.status), (None, "geheim"))
        self.assertEqual(voorstel.overgeslagen, 2)

    def test_een_echte_breuk_en_excelfouten_noemen_de_waarde(self):
        inhoud = bestand(
            KOP,
            '"0";"1.1.1   ";"GM0308    ";"2024JJ00";"41.5"',
            '"1";"1.1.1   ";"GM0342    ";"2024JJ00";"#N/B"',
            '"2";"1.1.1   ";"GM0317    ";"2024JJ00";"12.34"',
        )
        controle = controleer_bestand(inhoud)
        fouten = {fout.rij: fout for fout in controle.fouten}
        self.assertEqual(fouten[2].kolom, "GeregistreerdeMisdrijven_1")
        self.assertIn("Geen heel getal: 41.5", fouten[2].reden)
        self.assertIn("Foutwaarde van Excel (#N/B)", fouten[3].reden)
        self.assertIn("12.34", fouten[4].reden)  # geen groep van drie: geen duizendtal
        # In het sjabloon blijft 1.234 een fout (het kan ook 1,234 zijn).
        self.assertNotIsInstance(lees_aantal("1.234"), int)

    # --- 2. Perioden --------------------------------------------------------------------------

    def test_elke_periodenotatie_van_cbs_en_statline(self):
        verwacht = {
            "2024JJ00": (2024, "2024", False),
            "2024MM03": (2024, "2024-03", False),
            "2024HJ01": (2024, "2024-H1", False),
            "2024": (2024, "2024", False),
            "2024 maart": (2024, "2024-03", False),
            "2024 1e halfjaar": (2024, "2024-H1", False),
            "2024 2e halfjaar*": (2024, "2024-H2", True),
            "2024*": (2024, "2024", True),
            "2024**": (2024, "2024", True),
            "2024MM03**": (2024, "2024-03", True),
            "jan-24": (2024, "2024-01", False),
            "mrt-2024": (2024, "2024-03", False),
            "1-1-2024": (2024, "2024-01", False),
            "1-10-2024": (2024, "2024-10", False),
            "2024-01": (2024, "2024-01", False),
            "2024-H2": (2024, "2024-H2", False),
            "2024-03-01T00:00:00": (2024, "2024-03", False),
        }
        for tekst, uitkomst in verwacht.items():
            self.assertEqual(politieperiode(tekst), uitkomst, tekst)
        for tekst, reden in [("2024KW02", "Kwartaalcijfers"), ("2024 2e kwartaal", "Kwartaal"),
                             ("15-3-2024", "Een datum (15 maart 2024), geen maand"),
                             ("3/1/2024", "Onduidelijke datum"),
                             ("45292", "datumnummer van Excel (45292 = 1-1-2024)")]:  # fmt: skip
            self.assertIn(reden, politieperiode(tekst), tekst)
            self.assertIn("opnieuw" if "wartaal" in reden else "Tekst", politieperiode(tekst))

    def test_labels_codes_en_exceldatums_in_een_bestand(self):
        inhoud = bestand(
            LABELKOP,
            '"0";"Diefstal/inbraak woning";"Baarn";"2024 maart";"3"',
            '"1";"Diefstal/inbraak woning";"Baarn";"2024 1e halfjaar";"20"',
            '"2";"Diefstal/inbraak woning";"Baarn";"2023**";"40"',
            '"3";"Diefstal/inbraak woning";"Baarn";"2024 2e kwartaal";"9"',
        )
        controle = controleer_bestand(inhoud)
        (fout,) = controle.fouten
        self.assertEqual((fout.rij, fout.kolom, fout.waarde), (5, "Perioden", "2024 2e kwartaal"))
        self.assertIn("Kwartaalcijfers worden niet opgeslagen", fout.reden)
        voorstel, _ = ib.importeer(inhoud, alleen_geldige=True)
        self.assertEqual(len(voorstel.toegevoegd), 3)
        self.assertEqual(self.cijfer("baarn", "woninginbraken", "2024-H1").waarde, 20)
        self.assertEqual(self.cijfer("baarn", "woninginbraken", "2023").status, "voorlopig")
        # Het sjabloon na Excel: 2024-01 werd jan-24 of 1-1-2024.
        sjabloon = ib.sjabloon_csv(
            [["Soest", "autokraak", 2024, "jan-24", 5, "", ""],
             ["Soest", "autokraak", 2024, "1-2-2024", 6, "", ""],
             ["Soest", "autokraak", 2024, "2024 1e halfjaar", 11, "", ""],
             ["Soest", "autokraak", 2024, "15-3-2024", 7, "", ""],
             ["Soest", "autokraak", 2024, "2024*", 7, "", ""]]
        )  # fmt: skip
        controle = controleer_bestand(sjabloon)
        self.assertEqual(
            sorted(regel.periode for regel in controle.regels), ["2024-01", "2024-02", "2024-H1"]
        )
        fouten = {fout.rij: fout for fout in controle.fouten}
        self.assertEqual((fouten[5].kolom, fouten[5].waarde), ("periode", "15-3-2024"))
        self.assertIn("geef de kolom de opmaak Tekst", fouten[5].reden)
        self.assertIn("'voorlopig' in de kolom status", fouten[6].reden)
        self.assertEqual(lees_periode(" 2024-H2 "), "2024-H2")

    def test_exceldatums_in_een_xlsx(self):
        import datetime

        xlsx = ib.xlsx(
            ["gebied", "categorie", "jaar", "periode", "waarde"],
            [["Soest", "autokraak", 2024, datetime.datetime(2024, 1, 1), 5],
             ["Soest", "autokraak", 2024, datetime.datetime(2024, 3, 15), 6]],
        )  # fmt: skip
        controle = controleer_bestand(xlsx)
        self.assertEqual([regel.periode for regel in controle.regels], ["2024-01"])
        self.assertEqual(controle.fouten[0].rij, 3)
        self.assertIn("Een datum (15 maart 2024), geen maand", controle.fouten[0].reden)

    # --- 3. Wat er om de tabel heen staat -----------------------------------------------------

    def test_titel_eenheid_en_voet_rond_de_tabel_van_statline(self):
        inhoud = bestand(
            '"Geregistreerde criminaliteit, per maand, per gemeente"',
            '"Gewijzigd op 1 maart 2025, bron: politie"',
            "",
            LABELKOP,
            '"";"";"";"";"aantal"',
            '"0";"Diefstal/inbraak woning";"Baarn";"2024";"41"',
            '"1";"Diefstal/inbraak woning";"Soest";"2024";"veel"',
            ";;;;",
            LABELKOP,
            '"2";"Diefstal/inbraak woning";"Eemnes";"2024";"7"',
            '"Bron: CBS, politie"',
            '"© Centraal Bureau voor de Statistiek, Den Haag/Heerlen"',
        )
        controle = controleer_bestand(inhoud)
        self.assertEqual(controle.scheidingsteken, ";")  # de titel had komma's
        self.assertEqual(len(controle.regels), 2)
        (fout,) = controle.fouten
        # Rijnummers zijn die van het bestand, ook met titelregels erboven.
        self.assertEqual(
            (fout.rij, fout.kolom, fout.waarde), (7, "Geregistreerde misdrijven (aantal)", "veel")
        )
        self.assertEqual(
            dict(controle.overgeslagen),
            {
                "titelregel boven de kopregel overgeslagen": 2,
                "eenheidregel op rij 5 overgeslagen": 1,
                "lege rijen overgeslagen": 1,
                "kopregel herhaald op rij 9": 1,
                "voetregel overgeslagen: Bron: CBS, politie": 1,
                "voetregel overgeslagen: © Centraal Bureau voor de Statistiek, Den Haag/Heerlen": 1,
            },
        )

    def test_titel_boven_de_kopregel_in_een_xlsx_en_in_het_sjabloon(self):
        xlsx = ib.xlsx(
            ["Cijfers Baarn, bewerkt"],
            [[None], ["gebied", "categorie", "jaar", "periode", "waarde"],
             ["Baarn", "autokraak", 2024, "2024", 5], ["Baarn", "autokraak", 2023, "2023", "x5"],
             [None] * 5, [None] * 5, ["Bron: eigen telling"]],
        )  # fmt: skip
        controle = controleer_bestand(xlsx)
        self.assertEqual(len(controle.regels), 1)
        self.assertEqual((controle.fouten[0].rij, controle.fouten[0].waarde), (5, "x5"))
        self.assertEqual(controle.overgeslagen["titelregel boven de kopregel overgeslagen"], 1)
        self.assertEqual(controle.overgeslagen["lege rijen overgeslagen"], 2)
        self.assertEqual(controle.overgeslagen["voetregel overgeslagen: Bron: eigen telling"], 1)

    def test_kopregel_over_twee_regels_onderwerp_en_eenheid(self):
        csv_ = bestand(
            '"Geregistreerde criminaliteit; soort misdrijf, regio"',
            '"";"";"";"Geregistreerde misdrijven"',
            '"Soort misdrijf";"Regio\'s";"Perioden";"aantal"',
            '"Diefstal/inbraak woning";"Baarn";"2024";"41"',
            '"Diefstal/inbraak woning";"Soest";"2024";"4,5"',
        )
        xlsx = ib.xlsx(
            ["Geregistreerde criminaliteit; soort misdrijf, regio"],
            [[None, None, None, "Geregistreerde misdrijven"],
             ["Soort misdrijf", "Regio's", "Perioden", "aantal"],
             ["Diefstal/inbraak woning", "Baarn", "2024", 41],
             ["Diefstal/inbraak woning", "Soest", "2024", "4,5"]],
        )  # fmt: skip
        for inhoud in (csv_, xlsx):
            controle = controleer_bestand(inhoud)
            self.assertEqual(len(controle.regels), 1)
            (fout,) = controle.fouten
            self.assertEqual((fout.rij, fout.kolom), (5, "Geregistreerde misdrijven"))
            self.assertEqual(
                dict(controle.overgeslagen),
                {
                    "titelregel boven de kopregel overgeslagen": 1,
                    "kopregel over twee regels (onderwerp en eenheid) samengevoegd": 1,
                },
            )

    def test_zonder_herkenbare_kopregel_gaat_de_fout_over_de_kopregel(self):
        # Onder een titel: de eerste regel met twee kolommen is de kopregel van de fout.
        fout = bestandsfout(b"Mijn cijfers\nnaam,adres\nPiet,Dorpsstraat 1\n")
        self.assertEqual((fout.rij, fout.kolom, fout.waarde), (2, "kopregel", "naam,adres"))
        self.assertIn("Onbekende kopregel", fout.reden)
        fout = bestandsfout(b"Mijn cijfers\ngebied,categorie,jaar,waarde\nSoest,autokraak,2020,1\n")
        self.assertEqual(fout.rij, 2)
        self.assertIn("deze kolommen ontbreken: periode", fout.reden)
        # Alleen regels met één kolom: de eerste regel, zoals altijd.
        fout = bestandsfout(b"gebied|jaar|inwoners\nSoest|2020|46000\n")
        self.assertEqual(fout.rij, 1)
        self.assertIn("maar één kolom", fout.reden)

    # --- 4. Bestanden die op de politietabel lijken -------------------------------------------

    def test_cbs_83648ned_wordt_genoemd_met_wat_wel(self):
        for kop in (
            "ID;SoortMisdrijf;RegioS;Perioden;TotaalGeregistreerdeMisdrijven_1;"
            "GeregistreerdeMisdrijvenPer1000Inw_3",
            '"Soort misdrijf";"Regio\'s";"Perioden";"Totaal geregistreerde misdrijven (aantal)";'
            '"Geregistreerde misdrijven per 1000 inwoners (per 1 000 inwoners)"',
        ):
            inhoud = bestand('"Geregistreerde criminaliteit; soort misdrijf, regio"', kop,
                             "0;CRI1100;GM0308;2024JJ00;41;6,9")  # fmt: skip
            fout = bestandsfout(inhoud)
            self.assertEqual((fout.kolom, fout.waarde), ("kopregel", "83648NED"))
            self.assertIn("CBS-tabel 83648NED", fout.reden)
            self.assertIn("47013NED", fout.reden)

    def test_andere_statline_tabellen(self):
        fout = bestandsfout(bestand("ID;SoortIncident;RegioS;Perioden;Incidenten_1",
                                    "0;A1;GM0308;2024JJ00;3"))  # fmt: skip
        self.assertIn("CBS-tabel 47024NED", fout.reden)
        fout = bestandsfout(bestand("ID;RegioS;Perioden;Werkloosheid_1", "0;GM0308;2024JJ00;3"))
        self.assertEqual((fout.rij, fout.kolom), (1, "kopregel"))
        self.assertIn("tabel van CBS StatLine, maar niet de open data van de politie", fout.reden)
        self.assertIn("Werkloosheid_1", fout.reden)

    def test_de_gewone_politietabel_wordt_niet_voor_een_andere_aangezien(self):
        inhoud = ib.politie_csv([("1.1.1", "GM0308", "2024JJ00", "41")])
        self.assertEqual(len(controleer_bestand(inhoud).regels), 1)
