"""Importeren: lezen, herkennen, controleren, vergelijken en schrijven (cijfers/importeren/).

Alle bestanden worden hier gemaakt en zijn synthetisch (tests/importbestanden).
"""

import csv
import gc
import io
from unittest import mock

from django.core.management import call_command
from django.db import connection
from django.test import SimpleTestCase, TestCase, override_settings
from django.urls import reverse

from cijfers import importeren
from cijfers.importeren import BestandFout, Fout
from cijfers.importeren.herkennen import herken_formaat
from cijfers.importeren.kolommen import ONTBREEKT, Uitkomst, lees_aantal, politieperiode
from cijfers.importeren.lezen import MB, lees_bestand, megabytes
from cijfers.models import Bevolking, Cijfer, Import, PolitieCategorie
from ivp.models import Gebied
from tests import importbestanden as ib
from tests.gebruikers import maak_gebruikers
from tests.importbestanden import EENHEID_KOP, GOED, SJABLOON_KOP, importeer


def bestandsfout(inhoud):
    """De fout van een bestand dat als geheel niet te lezen is."""
    try:
        importeren.controleer_bestand(inhoud)
    except BestandFout as fout:
        return fout.fout
    raise AssertionError("geen BestandFout")


class LezenTest(SimpleTestCase):
    def test_utf8_met_en_zonder_bom_en_windows_1252(self):
        tekst = "gebied;naam\nSoest;Café Ümit\n"
        for inhoud, codering in [
            (tekst.encode("utf-8"), "UTF-8"),
            (tekst.encode("utf-8-sig"), "UTF-8 met BOM"),
            (tekst.encode("cp1252"), "Windows-1252"),
        ]:
            with self.subTest(codering):
                tabel = lees_bestand(inhoud)
                self.assertEqual(tabel.codering, codering)
                self.assertEqual(tabel.kop, ["gebied", "naam"])  # geen BOM in de eerste kolom
                self.assertEqual(list(tabel.rijen), [["Soest", "Café Ümit"]])

    def test_andere_coderingen_geweigerd(self):
        tekst = "gebied,jaar,inwoners\nSoest,2019,46000\n"
        for inhoud, wat in [
            (tekst.encode("utf-16"), "UTF-16"),
            (tekst.encode("utf-16-le"), "UTF-16 of binair"),
            (tekst.encode("utf-32"), "UTF-32"),
            (b"gebied,jaar,inwoners\nS\x81est,2019,46000\n", "0x81"),
            (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "UTF-16 of binair"),
            (b"gebied,jaar\x07,inwoners\n", "besturingsteken 0x07"),
        ]:
            with self.subTest(wat):
                fout = bestandsfout(inhoud)
                self.assertEqual(fout.kolom, "codering")
                self.assertIn("Onbekende codering", fout.reden)
                self.assertIn(wat, fout.reden)
                self.assertIn("CSV UTF-8", fout.reden)

    def test_komma_of_puntkomma(self):
        for scheiding in ",;":
            tabel = lees_bestand(f"a{scheiding}b\n1{scheiding}2,5\n".encode())
            self.assertEqual(tabel.scheidingsteken, scheiding)
        self.assertEqual(list(lees_bestand(b'a;b\n"1,5";2\n').rijen), [["1,5", "2"]])

    def test_tab_geweigerd(self):
        fout = bestandsfout(b"gebied\tjaar\tinwoners\nSoest\t2019\t1\n")
        self.assertEqual((fout.rij, fout.kolom), (1, "kopregel"))
        self.assertIn("tab", fout.reden)

    def test_xlsx_getallen_en_datums_als_in_een_csv(self):
        import datetime

        inhoud = ib.xlsx(
            ["gebied", "jaar", "periode", "waarde", None],
            [
                ["Soest", 2019, datetime.datetime(2019, 3, 1), 12.0, None],
                ["Baarn", 2019.0, "2019", 1.5],
            ],
        )
        tabel = lees_bestand(inhoud)
        self.assertEqual(
            (tabel.codering, tabel.kop), ("XLSX", ["gebied", "jaar", "periode", "waarde"])
        )
        self.assertEqual(
            list(tabel.rijen),
            [["Soest", "2019", "2019-03", "12"], ["Baarn", "2019", "2019", "1.5"]],
        )

    def test_xls_en_kapotte_xlsx_geweigerd(self):
        self.assertIn(
            ".xls", bestandsfout(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100).reden
        )
        self.assertIn("beschadigd", bestandsfout(b"PK\x03\x04 niet echt een zip").reden)


class FormaatTest(SimpleTestCase):
    def test_drie_formaten(self):
        herken = herken_formaat
        self.assertEqual(herken(SJABLOON_KOP.split(",")).soort, Import.Soort.SJABLOON)
        self.assertEqual(herken(["Gebied", "Jaar", "Inwoners"]).soort, Import.Soort.BEVOLKING)
        code = herken(["ID", "SoortMisdrijf", "RegioS", "Perioden", "GeregistreerdeMisdrijven_1"])
        self.assertEqual(code.soort, Import.Soort.POLITIE)
        self.assertEqual(code.kolommen, {"soort": 1, "regio": 2, "periode": 3, "aantal": 4})
        label = herken(
            ["ID", "Soort misdrijf", "Regio's", "Perioden", "Geregistreerde misdrijven (aantal)"]
        )
        self.assertEqual(label.kolommen, code.kolommen)
        wijken = herken(
            [
                "ID",
                "SoortMisdrijf",
                "WijkenEnBuurten",
                "Perioden",
                "GeregistreerdeMisdrijven_1",
                "Aangiften_2",
                "Internetaangiften_3",
            ]  # fmt: skip
        )
        self.assertEqual(wijken.kolommen["aantal"], 4)

    def test_kopregel_fouten_zeggen_wat_er_ontbreekt(self):
        def reden(kop):
            with self.assertRaises(BestandFout) as fout:
                herken_formaat(kop)
            self.assertEqual(fout.exception.fout.rij, 1)
            return fout.exception.fout.reden

        self.assertIn("ontbreken: periode", reden(["gebied", "categorie", "jaar", "waarde"]))
        self.assertIn(
            "ontbreken: Perioden", reden(["SoortMisdrijf", "RegioS", "GeregistreerdeMisdrijven_1"])
        )
        self.assertIn("Onbekende kopregel", reden(["naam", "adres", "woonplaats"]))
        self.assertIn("maar één kolom", reden(["gebied|jaar|inwoners"]))
        self.assertIn("Onbekende kolom opmerking", reden(EENHEID_KOP.split(",") + ["opmerking"]))
        self.assertIn("twee keer", reden(["gebied", "jaar", "inwoners", "Jaar"]))

    def test_politieperiode(self):
        p = politieperiode
        self.assertEqual(p("2019JJ00"), (2019, "2019", False))
        self.assertEqual(p(" 2019MM01 "), (2019, "2019-01", False))
        self.assertEqual(p("2019HJ02"), (2019, "2019-H2", False))
        self.assertEqual(p("2019 januari"), (2019, "2019-01", False))
        self.assertEqual(p("2023 december*"), (2023, "2023-12", True))
        self.assertEqual(p("2023*"), (2023, "2023", True))
        self.assertIn("Kwartaalcijfers", p("2019KW01"))
        self.assertIn("Onbekende periode", p("2019MM13"))
        self.assertIn("Onbekende periode", p("jan 2019"))

    def test_aantal(self):
        a = lees_aantal
        self.assertEqual(a(" 12 "), 12)
        self.assertEqual(a("0"), 0)
        self.assertIsNone(a(""))  # geheim, geen 0
        self.assertIsNone(a("x"))
        self.assertEqual(a("."), (Uitkomst.OVERSLAAN, ONTBREEKT))  # ontbreekt
        for tekst, reden in [("-3", "Negatief"), ("12,5", "Geen heel getal"),
                             ("1.234", "Geen heel getal"), ("twaalf", "Geen getal"),
                             ("99999999999", "te groot")]:  # fmt: skip
            self.assertEqual(a(tekst).uitkomst, Uitkomst.AFGEWEZEN, tekst)
            self.assertIn(reden, a(tekst).reden)


class PolitieTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())

    def test_standaardkoppeling_na_het_laden_van_de_brongegevens(self):
        koppeling = dict(PolitieCategorie.objects.values_list("code", "categorie__slug"))
        self.assertEqual(koppeling["0.0.0"], "criminaliteit-totaal")
        self.assertEqual(koppeling["1.1.1"], "woninginbraken")
        self.assertEqual(koppeling["1.4.7"], "geweld-overval")
        self.assertIsNone(koppeling["1.2.3"])  # ook brom- en snorfietsen: niet gekoppeld
        self.assertEqual(len(koppeling), 59)

    def test_code_en_labelvariant_geven_dezelfde_cijfers(self):
        code = importeren.controleer_bestand(ib.politie_csv(ib.politie_rijen(jaren=[2020])))
        label = importeren.controleer_bestand(
            ib.politie_csv(ib.politie_rijen(jaren=[2020], variant="label"), labels=True)
        )
        self.assertEqual(len(code.regels), 5 * 4 * 12)
        self.assertEqual([r[1:] for r in code.regels], [r[1:] for r in label.regels])
        self.assertEqual(code.aantal_fouten + label.aantal_fouten, 0)
        baarn = Gebied.objects.get(slug="baarn").pk
        eerste = code.regels[0]
        self.assertEqual((eerste.gebied, eerste.jaar, eerste.periode), (baarn, 2020, "2020-01"))
        self.assertEqual(eerste.waarde, ib.maandwaarde(0, 0, 2020, 1))

    def test_zonder_onthouden_dezelfde_uitkomst(self):
        """Boven MAX_ONTHOUDEN teksten per kolom wordt gewoon gelezen: dezelfde regels en fouten."""
        inhoud = ib.politie_csv(
            ib.politie_rijen(jaren=[2020]) + [("Ufo-melding", "GM0342", "2020JJ00", "4")]
        )
        met = importeren.controleer_bestand(inhoud)
        with mock.patch("cijfers.importeren.controle.MAX_ONTHOUDEN", 1):
            zonder = importeren.controleer_bestand(inhoud)
        self.assertEqual(zonder.regels, met.regels)
        self.assertEqual((zonder.fouten, zonder.afgewezen), (met.fouten, 1))

    def test_garbage_collector_weer_aan(self):
        importeren.controleer_bestand(ib.politie_csv(ib.politie_rijen(jaren=[2020])))
        self.assertTrue(gc.isenabled())
        with self.assertRaises(BestandFout):  # kapotte CSV, midden in de rijen
            importeren.controleer_bestand(b'gebied,jaar,inwoners\nSoest,2020,1\n"Baarn,2020')
        self.assertTrue(gc.isenabled())

    def test_leeg_is_geheim_punt_ontbreekt_en_elke_soort_en_elk_gebied_blijft(self):
        inhoud = ib.politie_csv(
            [
                ("1.1.1", "GM0308", "2020MM01", ""),
                ("1.1.1", "GM0308", "2020MM02", "."),
                ("1.1.1", "GM0308", "2020MM03", "0"),
                ("1.2.3", "GM0308", "2020MM01", "4"),
                ("1.1.1", "WK030800", "2020JJ00", "4"),
                ("1.1.1", "BU03080000", "2020JJ00", "4"),
            ]
        )
        controle = importeren.controleer_bestand(inhoud)
        self.assertEqual(controle.aantal_fouten, 0)
        namen = controle.namen
        self.assertEqual(
            [(r.periode, r.waarde, r.status) for r in controle.regels],
            [
                ("2020-01", None, Cijfer.Status.GEHEIM),
                ("2020-03", 0, Cijfer.Status.DEFINITIEF),
                ("2020-01", 4, Cijfer.Status.DEFINITIEF),
                ("2020", 4, Cijfer.Status.DEFINITIEF),
                ("2020", 4, Cijfer.Status.DEFINITIEF),
            ],
        )
        # 1.2.3 heeft geen categorie van het plan: bij het schrijven een eigen categorie;
        # de wijk en de buurt worden referentiegebieden (voorlopig nog zonder id).
        self.assertEqual(controle.regels[2].categorie, namen.nieuwe_soorten["1.2.3"][0])
        self.assertEqual(
            [controle.regels[3].gebied, controle.regels[4].gebied],
            [namen.nieuwe_gebieden["WK030800"][0], namen.nieuwe_gebieden["BU03080000"][0]],
        )
        self.assertEqual(
            dict(controle.overgeslagen), {"aantal ontbreekt ('.'); er wordt niets opgeslagen": 1}
        )

    def test_voorlopig_in_het_label_en_in_een_statuskolom(self):
        label = importeren.controleer_bestand(
            ib.politie_csv([("Overval", "Soest", "2023 december*", "2")], labels=True)
        )
        self.assertEqual(label.regels[0].status, Cijfer.Status.VOORLOPIG)
        status = importeren.controleer_bestand(
            b"SoortMisdrijf;RegioS;Perioden;Status;GeregistreerdeMisdrijven_1\n"
            b"1.4.7;GM0342;2023MM12;Voorlopig;2\n1.4.7;GM0342;2022MM12;Definitief;3\n"
        )
        self.assertEqual(
            [r.status for r in status.regels], [Cijfer.Status.VOORLOPIG, Cijfer.Status.DEFINITIEF]
        )

    def test_koppeling_in_het_beheer_geldt_bij_de_volgende_import(self):
        inhoud = ib.politie_csv([("1.2.3", "GM0308", "2020JJ00", "40")])
        controle = importeren.controleer_bestand(inhoud)
        # Zonder koppeling: een eigen categorie voor 1.2.3, gemaakt bij het schrijven.
        self.assertEqual(
            [r.categorie for r in controle.regels], [controle.namen.nieuwe_soorten["1.2.3"][0]]
        )
        PolitieCategorie.objects.filter(code="1.2.3").update(
            categorie=PolitieCategorie.objects.get(code="1.1.1").categorie.__class__.objects.get(
                slug="fietsdiefstal"
            )
        )
        regels = importeren.controleer_bestand(inhoud).regels
        self.assertEqual([(r.periode, r.waarde) for r in regels], [("2020", 40)])
        self.assertEqual(
            regels[0].categorie, PolitieCategorie.objects.get(code="1.2.3").categorie_id
        )


class GrenzenTest(TestCase):
    """Te groot, te veel rijen, dubbele sleutels en voorlopig over definitief: niets geschreven.

    Het corpus van slechte bestanden staat in test_import_corpus.py."""

    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())

    @override_settings(CIJFERS_IMPORT_MAX_BYTES=1000)
    def test_te_groot(self):
        voor = ib.stand()
        inhoud = f"{SJABLOON_KOP}\n".encode() + f"{GOED}\n".encode() * 40
        fout = bestandsfout(inhoud)
        self.assertIn("Het bestand is te groot (0,0 MB); het maximum is 0,0 MB", fout.reden)
        grootte = f"{len(inhoud):,} bytes".replace(",", ".")  # 1.489 bytes
        self.assertEqual((fout.kolom, fout.waarde), ("bestand", grootte))
        self.assertEqual(ib.stand(), voor)

    @override_settings(CIJFERS_IMPORT_MAX_RIJEN=3)
    def test_te_veel_rijen(self):
        inhoud = f"{SJABLOON_KOP}\n".encode() + f"{GOED}\n".encode() * 4
        self.assertIn("meer dan 3 rijen", bestandsfout(inhoud).reden)

    def test_dubbele_sleutel_wijst_beide_rijen_af(self):
        inhoud = f"{SJABLOON_KOP}\n{GOED}\nSoest,autokraak,2020,2020,1,,\nsoest,woninginbraken,2020,2020,13,,\n"
        controle = importeren.controleer_bestand(inhoud.encode())
        self.assertEqual([r.rij for r in controle.regels], [3])
        self.assertEqual(controle.afgewezen, 2)
        self.assertEqual(
            sorted((f.rij, f.reden) for f in controle.fouten),
            [
                (2, "Dezelfde sleutel staat ook in rij 4; geen van beide wordt geïmporteerd."),
                (4, "Dubbel: dezelfde sleutel staat al in rij 2."),
            ],
        )

    def test_voorlopig_vervangt_geen_definitief(self):
        importeer(ib.sjabloon_csv([["Soest", "autokraak", 2020, 2020, 30, "", "definitief"]]))
        voor = ib.stand()
        with self.assertRaises(importeren.ImportGeweigerd) as geweigerd:
            importeer(
                ib.sjabloon_csv(
                    [
                        ["Soest", "autokraak", 2020, 2020, 31, "", "voorlopig"],
                        ["Soest", "autokraak", 2020, "2020-01", 3, "", "voorlopig"],
                    ]  # fmt: skip
                )
            )
        (fout,) = geweigerd.exception.voorstel.alle_fouten
        # De cel van het bestand is "31" (voorlopig staat in de kolom status), niet "31*".
        self.assertEqual((fout.rij, fout.kolom, fout.waarde), (2, "waarde", "31"))
        self.assertIn("Er staat al een definitief cijfer (30)", fout.reden)
        self.assertEqual(ib.stand(), voor)

    def test_alleen_de_geldige_rijen_als_de_gebruiker_dat_kiest(self):
        inhoud = f"{SJABLOON_KOP}\n{GOED}\nAtlantis,woninginbraken,2020,2020,3,,\n".encode()
        voorstel, import_ = importeer(inhoud, alleen_geldige=True)
        self.assertEqual(voorstel.tellingen()["toegevoegd"], 1)
        self.assertEqual(import_.afgewezen, 1)
        self.assertTrue(import_.alleen_geldige)
        soest = Cijfer.objects.get(
            gebied__slug="soest", categorie__slug="woninginbraken", periode="2020"
        )
        self.assertEqual(soest.waarde, 12)
        self.assertFalse(Cijfer.objects.filter(jaar=2020).exclude(pk=soest.pk).exists())


class SchrijvenTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())
        cls.gebruikers = maak_gebruikers()

    def test_politiebestand_maand_en_jaar_en_geschiedenis(self):
        maanden = ib.politie_csv(ib.politie_rijen())
        voorstel, import_ = importeer(
            maanden, "politie-synthetisch.csv", gebruiker=self.gebruikers["adviseur_baarn"]
        )
        self.assertEqual(voorstel.tellingen(), {"toegevoegd": 5 * 4 * 60, "gewijzigd": 0, "ongewijzigd": 0,
                                            "afgewezen": 0, "overgeslagen": 0})  # fmt: skip
        cijfer = Cijfer.objects.get(
            gebied__slug="eemnes", categorie__slug="woninginbraken", periode="2021-07"
        )
        self.assertEqual(cijfer.waarde, ib.maandwaarde(3, 1, 2021, 7))
        self.assertEqual(
            cijfer.bron.titel,
            "Politie, open data geregistreerde misdrijven (CBS 47013NED/47018NED)",
        )
        historie = cijfer.history.get()
        self.assertEqual(historie.history_type, "+")
        self.assertEqual(
            historie.history_change_reason, f"Import {import_.pk}: politie-synthetisch.csv"
        )
        self.assertEqual(historie.history_user, self.gebruikers["adviseur_baarn"])
        self.assertEqual(Cijfer.history.filter(history_change_reason=import_.reden).count(), 1200)

        # Jaarcijfers (47018NED) naast de maanden: de som van de maanden, dus nieuw maar passend.
        jaren = ib.politie_csv(ib.politie_rijen(maand=False, jaar=True))
        voorstel, _ = importeer(jaren, "politie-jaar-synthetisch.csv")
        self.assertEqual(voorstel.tellingen()["toegevoegd"], 5 * 4 * 5)
        self.assertEqual(voorstel.tegenspraken, [])  # het jaar is de som van de maanden
        self.assertEqual(
            Cijfer.objects.get(
                gebied__slug="soest", categorie__slug="geweld-overval", periode="2023"
            ).waarde,
            ib.jaarwaarde(4, 3, 2023),
        )

    def test_hetzelfde_bestand_twee_keer_verandert_niets(self):
        inhoud = ib.politie_csv(ib.politie_rijen(jaren=[2021, 2022]))
        importeer(inhoud)
        voor = ib.stand()
        voorstel, import_ = importeer(inhoud)
        self.assertEqual(voorstel.tellingen(), {"toegevoegd": 0, "gewijzigd": 0, "ongewijzigd": 480,
                                            "afgewezen": 0, "overgeslagen": 0})  # fmt: skip
        na = ib.stand()
        self.assertEqual(na[:4] + na[5:], voor[:4] + voor[5:])  # alleen de import zelf is nieuw
        self.assertEqual(import_.ongewijzigd, 480)

    def test_gewijzigde_waarde_en_voorlopig_wordt_definitief(self):
        importeer(
            ib.sjabloon_csv([["Baarn", "autokraak", 2021, 2021, 50, "", "voorlopig"]]),
            "voorlopig.csv",
        )
        cijfer = Cijfer.objects.get(
            gebied__slug="baarn", categorie__slug="autokraak", periode="2021"
        )
        self.assertEqual(cijfer.weergave, "50*")
        voorstel, import_ = importeer(
            ib.sjabloon_csv([["Baarn", "autokraak", 2021, 2021, 52, "", "definitief"]]),
            "definitief.csv",
            gebruiker=self.gebruikers["voorzitter"],
        )
        self.assertEqual((len(voorstel.gewijzigd), voorstel.ongewijzigd), (1, 0))
        cijfer.refresh_from_db()
        self.assertEqual((cijfer.waarde, cijfer.status), (52, Cijfer.Status.DEFINITIEF))
        nieuwste, eerste = cijfer.history.all()[:2]
        self.assertEqual(nieuwste.history_type, "~")
        self.assertEqual(nieuwste.history_change_reason, f"Import {import_.pk}: definitief.csv")
        self.assertEqual(nieuwste.history_user, self.gebruikers["voorzitter"])
        self.assertEqual(eerste.waarde, 50)
        self.assertEqual(cijfer.bron.titel, f"Import {import_.pk}: definitief.csv")

    def test_bron_uit_het_bestand(self):
        importeer(
            ib.sjabloon_csv(
                [
                    [
                        "Baarn",
                        "autokraak",
                        2021,
                        2021,
                        7,
                        "Eigen telling gemeente Baarn (synthetisch)",
                        "",
                    ]
                ]
            )
        )
        cijfer = Cijfer.objects.get(
            gebied__slug="baarn", categorie__slug="autokraak", periode="2021"
        )
        self.assertEqual(cijfer.bron.titel, "Eigen telling gemeente Baarn (synthetisch)")
        self.assertEqual(cijfer.bron.document, "Eigen bestand (import)")

    def test_bevolking(self):
        inhoud = b"gebied,jaar,inwoners,bron\nGM0308,2019,25000,Synthetisch\nbunschoten,2019,21000,Synthetisch\n"
        voorstel, _ = importeer(inhoud)
        self.assertEqual(voorstel.tellingen()["toegevoegd"], 2)
        voorstel, _ = importeer(inhoud.replace(b"25000", b"25100"))
        self.assertEqual((len(voorstel.gewijzigd), voorstel.ongewijzigd), (1, 1))
        self.assertEqual(Bevolking.objects.get(gebied__slug="baarn", jaar=2019).inwoners, 25100)


# Twaalf maanden die samen 120 zijn: 5+8+12+9+11+10+7+13+9+12+14+10 = 120 (met de hand).
MAANDEN_120 = [5, 8, 12, 9, 11, 10, 7, 13, 9, 12, 14, 10]


def maanden(gebied="Baarn", jaar=2024, waarden=MAANDEN_120, status="", vanaf=1):
    """Rijen van het sjabloon voor de maanden van woninginbraken (vanaf maand `vanaf`)."""
    return [
        [gebied, "woninginbraken", jaar, f"{jaar}-{maand:02d}", waarde, "", status]
        for maand, waarde in enumerate(waarden, start=vanaf)
    ]


def jaarrij(waarde, gebied="Baarn", jaar=2024, status=""):
    return [[gebied, "woninginbraken", jaar, jaar, waarde, "", status]]


class JaarTegenMaandenTest(TestCase):
    """Proefgebruiker, punt 3: het voorbeeld waarschuwt als een jaarcijfer niet gelijk is aan de
    som van zijn twaalf maanden (in het bestand of al opgeslagen); de import kan toch door."""

    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())

    def voorbeeld(self, rijen):
        """De samenvatting van het voorbeeld van een sjabloon met deze rijen."""
        controle = importeren.controleer_bestand(ib.sjabloon_csv(rijen))
        return importeren.maak_voorstel(controle).samenvatting()

    def waarschuwingen(self, rijen):
        return self.voorbeeld(rijen)["jaar_maanden"]

    def test_jaar_en_maanden_in_hetzelfde_bestand(self):
        samenvatting = self.voorbeeld(maanden() + jaarrij(41))
        self.assertEqual(
            samenvatting["jaar_maanden"],
            [
                "Baarn, woninginbraken 2024: jaarcijfer 41, maar de twaalf maanden tellen op tot "
                "120. Jaarcijfer en maanden uit dit bestand."
            ],
        )
        self.assertEqual(
            (samenvatting["aantal_jaar_maanden"], samenvatting["jaar_maanden_meer"]), (1, 0)
        )
        # Een waarschuwing, geen fout: alle dertien worden toegevoegd.
        self.assertEqual((samenvatting["toegevoegd"], samenvatting["aantal_fouten"]), (13, 0))
        voorstel, _ = importeer(ib.sjabloon_csv(maanden() + jaarrij(41)))
        self.assertEqual(len(voorstel.tegenspraken), 1)
        baarn = Cijfer.objects.filter(
            gebied__slug="baarn", categorie__slug="woninginbraken", jaar=2024
        )
        self.assertEqual(baarn.count(), 13)
        self.assertEqual(baarn.get(periode="2024").waarde, 41)

    def test_gelijk_elf_maanden_of_een_geheime_maand_geen_waarschuwing(self):
        self.assertEqual(self.waarschuwingen(maanden() + jaarrij(120)), [])
        self.assertEqual(self.waarschuwingen(maanden(waarden=MAANDEN_120[:11]) + jaarrij(41)), [])
        geheim = maanden()
        geheim[4][4] = "x"  # mei geheim: de som is onbekend
        self.assertEqual(self.waarschuwingen(geheim + jaarrij(41)), [])
        # Een geheim jaarcijfer (lege waarde) evenmin.
        self.assertEqual(self.waarschuwingen(maanden() + jaarrij("")), [])
        # Een half jaar is geen jaar: halfjaren worden niet met het jaar vergeleken.
        halfjaren = [
            ["Baarn", "woninginbraken", 2024, p, 10, "", ""] for p in ("2024-H1", "2024-H2")
        ]
        self.assertEqual(self.waarschuwingen(halfjaren + jaarrij(41)), [])

    def test_maanden_opgeslagen_en_jaar_in_het_bestand(self):
        importeer(ib.sjabloon_csv(maanden()))
        self.assertEqual(
            self.waarschuwingen(jaarrij(41)),
            [
                "Baarn, woninginbraken 2024: jaarcijfer 41, maar de twaalf maanden tellen op tot "
                "120. Jaarcijfer uit dit bestand, maanden al in het dashboard."
            ],
        )
        self.assertEqual(self.waarschuwingen(jaarrij(120)), [])

    def test_jaar_opgeslagen_en_maanden_in_het_bestand(self):
        importeer(ib.sjabloon_csv(jaarrij(41)))
        self.assertEqual(
            self.waarschuwingen(maanden()),
            [
                "Baarn, woninginbraken 2024: jaarcijfer 41, maar de twaalf maanden tellen op tot "
                "120. Jaarcijfer al in het dashboard, maanden uit dit bestand."
            ],
        )
        # Het bestand verbetert het jaarcijfer mee: het cijfer uit het bestand telt.
        self.assertEqual(self.waarschuwingen(maanden() + jaarrij(120)), [])

    def test_deels_opgeslagen_en_het_bestand_wint(self):
        # Januari-juni opgeslagen (5+8+12+9+11+10 = 55), juli-december in het bestand
        # (7+13+9+12+14+10 = 65): samen 120.
        importeer(ib.sjabloon_csv(maanden(waarden=MAANDEN_120[:6])))
        self.assertEqual(
            self.waarschuwingen(maanden(waarden=MAANDEN_120[6:], vanaf=7) + jaarrij(41)),
            [
                "Baarn, woninginbraken 2024: jaarcijfer 41, maar de twaalf maanden tellen op tot "
                "120. Jaarcijfer uit dit bestand, maanden 6 uit dit bestand, 6 al in het "
                "dashboard."
            ],
        )
        # Alles opgeslagen en gelijk (120); het bestand maakt januari 6: 121 tegen 120.
        importeer(ib.sjabloon_csv(maanden(waarden=MAANDEN_120[6:], vanaf=7) + jaarrij(120)))
        self.assertEqual(
            self.waarschuwingen(maanden(waarden=[6])),
            [
                "Baarn, woninginbraken 2024: jaarcijfer 120, maar de twaalf maanden tellen op "
                "tot 121. Jaarcijfer al in het dashboard, maanden 1 uit dit bestand, 11 al in "
                "het dashboard."
            ],
        )

    def test_voorlopig_wordt_genoemd(self):
        voorlopig = maanden()
        for rij in voorlopig[9:]:
            rij[6] = "voorlopig"  # oktober-december voorlopig
        self.assertEqual(
            self.waarschuwingen(voorlopig + jaarrij(41, status="voorlopig")),
            [
                "Baarn, woninginbraken 2024: jaarcijfer 41 (voorlopig), maar de twaalf maanden "
                "tellen op tot 120 (waarvan 3 voorlopig). Jaarcijfer en maanden uit dit bestand."
            ],
        )
        self.assertEqual(
            self.waarschuwingen(maanden(status="voorlopig") + jaarrij(41)),
            [
                "Baarn, woninginbraken 2024: jaarcijfer 41, maar de twaalf maanden tellen op tot "
                "120 (alle twaalf voorlopig). Jaarcijfer en maanden uit dit bestand."
            ],
        )

    def test_afgewezen_cijfer_uit_het_bestand_telt_niet(self):
        # Opgeslagen en gelijk (definitief); een voorlopig jaarcijfer 41 vervangt het
        # definitieve 120 niet: na de import staat er nog 120, dus geen waarschuwing.
        importeer(ib.sjabloon_csv(maanden() + jaarrij(120)))
        samenvatting = self.voorbeeld(jaarrij(41, status="voorlopig"))
        self.assertEqual((samenvatting["afgewezen"], samenvatting["jaar_maanden"]), (1, []))

    def test_geen_waarschuwing_als_de_import_niets_van_het_jaar_schrijft(self):
        # Proefgebruik 2, punt 5 (zoals c02): opgeslagen staan de twaalf maanden (120) en een
        # definitief jaarcijfer 80 dat niet klopt. Een bestand met een voorlopig 2024* wordt
        # afgewezen (definitief gaat voor); de tegenspraak stond er al en deze import verandert
        # er niets aan: geen waarschuwing over dit bestand.
        importeer(ib.sjabloon_csv(maanden() + jaarrij(80)))
        samenvatting = self.voorbeeld(jaarrij(41, status="voorlopig"))
        self.assertEqual((samenvatting["afgewezen"], samenvatting["jaar_maanden"]), (1, []))
        # Schrijft het bestand wel iets van dat jaar (een maand), dan wel de waarschuwing.
        self.assertEqual(
            self.waarschuwingen(maanden(waarden=[6])),
            [
                "Baarn, woninginbraken 2024: jaarcijfer 80, maar de twaalf maanden tellen op "
                "tot 121. Jaarcijfer al in het dashboard, maanden 1 uit dit bestand, 11 al in "
                "het dashboard."
            ],
        )

    def test_alleen_gebied_categorie_en_jaar_uit_het_bestand(self):
        # Soest heeft al een jaarcijfer dat niet klopt (41 tegen 120). Een bestand met Baarn
        # woninginbraken en Soest autokraak leest ook Soest woninginbraken (de query gaat over
        # gebieden x categorieën x jaren), maar noemt die niet: het bestand gaat er niet over.
        importeer(ib.sjabloon_csv(maanden(gebied="Soest") + jaarrij(41, gebied="Soest")))
        rijen = maanden() + jaarrij(120) + [["Soest", "autokraak", 2024, 2024, 3, "", ""]]
        self.assertEqual(self.waarschuwingen(rijen), [])
        self.assertEqual(len(self.waarschuwingen(jaarrij(41, gebied="Soest"))), 1)

    def test_hoogstens_twintig_en_de_rest_als_aantal(self):
        # 21 jaren (2004-2024), elk met jaarcijfer 41 en maanden die 120 zijn.
        rijen = [
            rij for jaar in range(2004, 2025) for rij in maanden(jaar=jaar) + jaarrij(41, jaar=jaar)
        ]
        samenvatting = self.voorbeeld(rijen)
        self.assertEqual(samenvatting["aantal_jaar_maanden"], 21)
        self.assertEqual(len(samenvatting["jaar_maanden"]), 20)
        self.assertEqual(samenvatting["jaar_maanden_meer"], 1)
        self.assertTrue(samenvatting["jaar_maanden"][0].startswith("Baarn, woninginbraken 2004:"))
        self.assertTrue(samenvatting["jaar_maanden"][-1].startswith("Baarn, woninginbraken 2023:"))

    def test_geen_extra_query(self):
        importeer(ib.sjabloon_csv(maanden()))
        controle = importeren.controleer_bestand(ib.sjabloon_csv(jaarrij(41)))
        # De cijfers van de gebieden, categorieën en jaren van het bestand (ook de maanden,
        # waarmee het jaarcijfer vergeleken wordt) en de bronnen uit het plan: dezelfde twee
        # queries als zonder deze controle.
        with self.assertNumQueries(2):
            voorstel = importeren.maak_voorstel(controle)
        self.assertEqual(len(voorstel.tegenspraken), 1)


class ExportImportTest(TestCase):
    """Exporteren en weer importeren verandert niets: het sjabloon is het exportformaat."""

    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())
        importeer(
            ib.politie_csv(ib.politie_rijen(jaren=[2020]) + [("1.1.1", "GM0308", "2021MM01", "")])
        )
        importeer(ib.sjabloon_csv([["Soest", "autokraak", 2021, 2021, 5, "", "voorlopig"]]))

    def export(self):
        return b"".join(self.client.get(reverse("cijfers:data_csv")).streaming_content)

    def test_csv_terug_importeren(self):
        export = self.export()
        self.assertIn(b",geheim,", export)
        self.assertIn(b",voorlopig,", export)
        voor = ib.stand()
        voorstel, _ = importeer(export, "ivp-bes-cijfers.csv")
        self.assertEqual(voorstel.tellingen(), {"toegevoegd": 0, "gewijzigd": 0, "ongewijzigd": voor[0],
                                            "afgewezen": 0, "overgeslagen": 0})  # fmt: skip
        self.assertEqual(ib.stand()[:4], voor[:4])

    def test_als_excel_bewaard_met_puntkomma_of_als_xlsx(self):
        rijen = list(csv.reader(io.StringIO(self.export().decode())))
        puntkomma = io.StringIO()
        csv.writer(puntkomma, delimiter=";").writerows(rijen)
        xlsx = ib.xlsx(rijen[0], [[int(c) if c.isdigit() else c for c in r] for r in rijen[1:]])
        for naam, inhoud in [
            ("puntkomma, Windows-1252", puntkomma.getvalue().encode("cp1252")),
            ("xlsx", xlsx),
        ]:
            with self.subTest(naam):
                voorstel, _ = importeer(inhoud)
                self.assertEqual(voorstel.tellingen()["ongewijzigd"], len(rijen) - 1)
                self.assertEqual(voorstel.te_schrijven + voorstel.aantal_fouten, 0)

    def test_bewerkte_export_wijzigt_alleen_de_bewerkte_rij(self):
        rijen = list(csv.reader(io.StringIO(self.export().decode())))
        kop = rijen[0]
        doel = next(r for r in rijen if r[0] == "Baarn" and r[1] == "autokraak" and r[3] == "2018")
        doel[kop.index("waarde")] = str(int(doel[kop.index("waarde")]) + 1)
        uit = io.StringIO()
        csv.writer(uit).writerows(rijen)
        # Baarn 2018 komt uit het plan: alleen met de bevestiging van de afwijking (issue 12).
        with self.assertRaises(importeren.ImportGeweigerd):
            importeer(uit.getvalue().encode())
        voorstel, _ = importeer(uit.getvalue().encode(), plan_bevestigd=True)
        self.assertEqual((len(voorstel.gewijzigd), voorstel.ongewijzigd), (1, len(rijen) - 2))


class PostgresBulkTest(TestCase):
    """PostgreSQL: de set-based weg (tijdelijke tabel, INSERT ... SELECT, UPDATE ... FROM)
    schrijft alles met geschiedenis en laat de verwijzende sleutels van de cijfertabel staan."""

    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())

    def sleutels(self):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = 'cijfers_cijfer'::regclass ORDER BY conname"
            )
            return cursor.fetchall()

    def test_sleutels_terug_en_alles_geschreven(self):
        if connection.vendor != "postgresql":
            self.skipTest("alleen op PostgreSQL")
        voor = self.sleutels()
        self.assertEqual(sum("FOREIGN KEY" in d for _, d in voor), 3)
        voorstel, import_ = importeer(ib.politie_csv(ib.politie_rijen(jaren=[2022])))
        self.assertEqual(self.sleutels(), voor)
        self.assertEqual(Cijfer.objects.filter(jaar=2022).count(), 240)
        self.assertEqual(Cijfer.history.filter(history_change_reason=import_.reden).count(), 240)
        voorstel, import_ = importeer(
            ib.politie_csv(
                [(s, r, p, str(int(a) + 1)) for s, r, p, a in ib.politie_rijen(jaren=[2022])]
            )
        )
        self.assertEqual(len(voorstel.gewijzigd), 240)
        self.assertEqual(self.sleutels(), voor)
        self.assertEqual(
            Cijfer.history.filter(history_change_reason=import_.reden, history_type="~").count(),
            240,
        )


class FoutTekstTest(SimpleTestCase):
    def test_megabytes(self):
        self.assertEqual(megabytes(100 * MB), "100")
        self.assertEqual(megabytes(MB // 2), "0,5")
        self.assertEqual(megabytes(2000), "0,0")

    def test_fout_als_tekst(self):
        self.assertEqual(
            str(Fout(3, "waarde", "12,5", "Geen heel getal.")),
            "rij 3, kolom waarde, waarde '12,5': Geen heel getal.",
        )
        self.assertEqual(
            str(Fout(None, "codering", "", "Onbekende codering.")),
            "bestand, kolom codering: Onbekende codering.",
        )
