"""Het hele bestand bewaren: referentiegebieden, elke soort misdrijf een categorie en CBS'
bevolkingstabel; de landelijke steekproef (tests/steekproef) van bestand tot pagina.

Alle getallen zijn synthetisch (tests/steekproef).
"""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import SimpleTestCase, TestCase
from django.urls import reverse

from cijfers import politie
from cijfers.importeren import ImportGeweigerd
from cijfers.models import Bevolking, Categorie, Cijfer, PolitieCategorie
from ivp.models import Gebied, referentiegebied
from tests import importbestanden as ib
from tests import steekproef
from tests.gebruikers import maak_gebruikers

AANTAL = len(steekproef.GEBIEDEN) * len(steekproef.SOORTEN) * 24  # 8 x 5 x 24 maanden


def categorie_van(code):
    return PolitieCategorie.objects.select_related("categorie").get(code=code).categorie


class IndelingTest(SimpleTestCase):
    """De plaats van een soort in de indeling van de politie, uit zijn code."""

    def test_voorouders_en_niveau(self):
        self.assertEqual(politie.voorouders("1.1.1"), ["1.1", "1", "0.0.0"])
        self.assertEqual(politie.voorouders("0.0.0"), [])
        self.assertEqual([politie.niveau(c) for c in ("0.0.0", "1", "1.1", "1.1.1")], [0, 1, 2, 3])
        self.assertEqual(politie.ouder_code("1.4.2", {"0.0.0", "1.4"}), "1.4")
        self.assertEqual(politie.ouder_code("1.1.2", {"0.0.0", "1.4"}), "0.0.0")
        self.assertIsNone(politie.ouder_code("0.0.0", {"0.0.0"}))

    def test_een_totaal_wordt_nooit_bij_zijn_onderdelen_opgeteld(self):
        self.assertEqual(politie.zonder_overlap({"0.0.0", "1.1.1", "1.4"}), ["0.0.0"])
        self.assertEqual(politie.zonder_overlap({"1.1", "1.1.1", "1.2.1"}), ["1.1", "1.2.1"])
        self.assertTrue(politie.is_onderdeel("1.1.1", "1.1"))
        self.assertFalse(politie.is_onderdeel("1.1", "1.1"))
        self.assertFalse(politie.is_onderdeel("1.10.1", "1.1"))

    def test_volgorde_van_de_indeling(self):
        codes = ["2.6.10", "1.1.1", "0.0.0", "1.4", "1.1", "2.6.2", "1", "3.9.3"]
        self.assertEqual(
            sorted(codes, key=politie.volgorde),
            ["0.0.0", "1", "1.1", "1.1.1", "1.4", "2.6.2", "2.6.10", "3.9.3"],
        )

    def test_referentiegebied_uit_de_code(self):
        self.assertEqual(
            [
                (g.soort, g.slug, g.naam)
                for g in (referentiegebied("NL01", "Nederland"), referentiegebied(" wk030800 "))
            ],
            [(Gebied.Soort.LAND, "nl01", "Nederland"), (Gebied.Soort.WIJK, "wk030800", "WK030800")],
        )
        with self.assertRaises(ValueError):
            referentiegebied("GM12")


class SteekproefTest(TestCase):
    """De landelijke steekproef importeert van begin tot eind, alles blijft, en zijn cijfers
    staan op de pagina's en in data.csv."""

    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())
        cls.eigen = set(Gebied.objects.eigen().values_list("slug", flat=True))

    def test_codevariant_bewaart_elk_gebied_en_elke_soort(self):
        voorstel, _ = ib.importeer(steekproef.codevariant())
        self.assertEqual(
            voorstel.tellingen(),
            {
                "toegevoegd": AANTAL,
                "gewijzigd": 0,
                "ongewijzigd": 0,
                "afgewezen": 0,
                "overgeslagen": 0,
            },
        )
        gebieden = {g.cbs_code: g for g in Gebied.objects.exclude(cbs_code="")}
        self.assertEqual(
            {
                code: (gebieden[code].soort, gebieden[code].naam)
                for code in ("NL01", "PV26", "GM0307", "WK030800")
            },
            {
                "NL01": (Gebied.Soort.LAND, "Nederland"),
                "PV26": (Gebied.Soort.PROVINCIE, "Utrecht (PV)"),
                "GM0307": (Gebied.Soort.GEMEENTE, "GM0307"),  # codevariant: nog geen naam
                "WK030800": (Gebied.Soort.WIJK, "WK030800"),
            },
        )
        self.assertFalse(gebieden["GM0307"].heeft_naam)
        # De eigen gebieden blijven de eigen gebieden: geen menu voor de referentiegebieden.
        self.assertEqual(set(Gebied.objects.eigen().values_list("slug", flat=True)), self.eigen)
        # Gekoppelde soorten gaan naar de categorie van het plan, de rest krijgt een eigen.
        self.assertEqual(categorie_van("1.4.5").slug, "geweld-mishandeling")
        self.assertEqual(categorie_van("0.0.0").slug, "criminaliteit-totaal")
        groep, moord, box = categorie_van("1.4"), categorie_van("1.4.2"), categorie_van("1.1.2")
        self.assertEqual(
            [(c.naam, c.groep, c.ouder.slug) for c in (groep, moord, box)],
            [
                ("1.4", Categorie.Groep.POLITIE, "criminaliteit-totaal"),
                ("Moord, doodslag", Categorie.Groep.POLITIE, groep.slug),
                (
                    "Diefstal/inbraak box/garage/schuur",
                    Categorie.Groep.POLITIE,
                    "criminaliteit-totaal",
                ),
            ],
        )
        cijfer = Cijfer.objects.get(gebied__cbs_code="GM0307", categorie=moord, periode="2023-05")
        self.assertEqual(cijfer.waarde, steekproef.maandwaarde("GM0307", "1.4.2", 2023, 5))
        wijk = Cijfer.objects.get(gebied__cbs_code="WK030801", categorie=groep, periode="2022-12")
        self.assertEqual(wijk.waarde, steekproef.maandwaarde("WK030801", "1.4", 2022, 12))

        # Idempotent: nog eens verandert niets, ook geen nieuwe gebieden of categorieën.
        voor = (ib.stand(), Gebied.objects.count(), Categorie.objects.count())
        tweede, _ = ib.importeer(steekproef.codevariant())
        self.assertEqual((tweede.ongewijzigd, tweede.te_schrijven), (AANTAL, 0))
        na = (ib.stand(), Gebied.objects.count(), Categorie.objects.count())
        self.assertEqual(na[0][:3] + na[0][5:], voor[0][:3] + voor[0][5:])
        self.assertEqual(na[1:], voor[1:])

    def test_labelvariant_noemt_de_gebieden_en_soorten_van_de_codevariant(self):
        ib.importeer(steekproef.codevariant())
        gebieden, categorieen = Gebied.objects.count(), Categorie.objects.count()
        voorstel, _ = ib.importeer(steekproef.labelvariant())
        self.assertEqual((voorstel.ongewijzigd, voorstel.te_schrijven), (AANTAL, 0))
        self.assertEqual(
            (Gebied.objects.count(), Categorie.objects.count()), (gebieden, categorieen)
        )
        namen = dict(Gebied.objects.exclude(cbs_code="").values_list("cbs_code", "naam"))
        self.assertEqual(
            [namen[code] for code in ("GM0307", "GM0353", "WK030800", "GM0308")],
            ["Amersfoort", "IJsselstein", "Wijk 00 Baarn", "Baarn"],
        )
        self.assertEqual(categorie_van("1.4").naam, "Geweldsmisdrijven")
        self.assertEqual(PolitieCategorie.objects.get(code="1.4").naam, "Geweldsmisdrijven")

    def test_labelvariant_alleen_geeft_dezelfde_cijfers(self):
        voorstel, _ = ib.importeer(steekproef.labelvariant())
        self.assertEqual((len(voorstel.toegevoegd), voorstel.aantal_fouten), (AANTAL, 0))
        tweede, _ = ib.importeer(steekproef.codevariant())
        self.assertEqual((tweede.ongewijzigd, tweede.te_schrijven), (AANTAL, 0))
        self.assertEqual(Gebied.objects.get(cbs_code="WK030801").naam, "Wijk 01 Lage Vuursche")

    def test_voorlopig_nooit_over_definitief_en_alles_of_niets(self):
        ib.importeer(steekproef.codevariant())
        voor = (ib.stand(), Gebied.objects.count(), Categorie.objects.count())
        voorlopig = steekproef.als_csv(
            [
                ("1.4.2 Moord, doodslag", "Amersfoort (GM0307)", "2023 december*", "99"),
                ("1.1.1", "GM0999", "2023 december", "5"),  # nieuw gebied, nieuwe soort niet
            ],
            "label",
        )
        with self.assertRaises(ImportGeweigerd) as geweigerd:
            ib.importeer(voorlopig)
        self.assertIn(
            "vervangt geen definitief cijfer", geweigerd.exception.voorstel.fouten[0].reden
        )
        # Niets geschreven: geen cijfer, geen nieuw gebied (GM0999), geen naam.
        self.assertEqual((ib.stand(), Gebied.objects.count(), Categorie.objects.count()), voor)
        self.assertEqual(Gebied.objects.get(cbs_code="GM0307").naam, "GM0307")

    def test_cijfers_op_de_paginas_en_in_data_csv(self):
        ib.importeer(steekproef.codevariant())
        ib.importeer(steekproef.labelvariant())
        moord = categorie_van("1.4.2")
        verwacht = steekproef.jaarwaarde("GM0307", "1.4.2", 2023)
        pagina = self.client.get(moord.get_absolute_url(), {"gebied": "gm0307", "jaar": 2023})
        self.assertContains(pagina, "Amersfoort")
        self.assertContains(pagina, f">{verwacht}<")
        verkenner = self.client.get(
            "/cijfers/", {"gebied": ["gm0307", "nl01"], "categorie": moord.slug, "jaar": 2023}
        )
        self.assertContains(verkenner, "Amersfoort · Moord, doodslag")
        self.assertContains(verkenner, f">{verwacht}<")
        landelijk = steekproef.jaarwaarde("NL01", "1.4.2", 2023)
        self.assertContains(verkenner, f">{landelijk:,}<".replace(",", "."))
        rijen = list(
            csv.reader(
                io.StringIO(
                    b"".join(self.client.get("/cijfers/data.csv").streaming_content).decode()
                )
            )
        )
        self.assertIn(
            [
                "Amersfoort",
                "Moord, doodslag",
                "2023",
                "2023-05",
                str(steekproef.maandwaarde("GM0307", "1.4.2", 2023, 5)),
                "Politie, open data geregistreerde misdrijven (CBS 47013NED/47018NED)",
                "definitief",
                "geregistreerde misdrijven",
            ],
            rijen,
        )
        wijk = [r for r in rijen if r[0] == "Wijk 00 Baarn (WK030800)"]
        self.assertEqual(len(wijk), 5 * 24)
        # data.csv terug importeren verandert niets (ook de wijken: op naam met code).
        voorstel, _ = ib.importeer(b"".join(self.client.get("/cijfers/data.csv").streaming_content))
        self.assertEqual(voorstel.te_schrijven, 0)
        self.assertEqual(voorstel.aantal_fouten, 0)


class BevolkingCBSTest(TestCase):
    """CBS' eigen bevolkingstabel: alle gemeenten tegelijk, code- en labelvariant."""

    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())

    def test_codevariant_en_labelvariant(self):
        code = (
            b'"ID";"RegioS";"Perioden";"BevolkingOp1Januari_1"\r\n'
            b'0;"NL01    ";"2023JJ00";"17811291"\r\n'
            b'1;"GM0307  ";"2023JJ00";"   158531"\r\n'
            b'2;"GM0308  ";"2023JJ00";"    21926"\r\n'
        )
        voorstel, _ = ib.importeer(code)
        self.assertEqual((len(voorstel.toegevoegd), voorstel.aantal_fouten), (3, 0))
        label = (
            b'"Regio\'s";"Perioden";"Bevolking op 1 januari (aantal)"\r\n'
            b'"Amersfoort (GM0307)";"2024";"159000"\r\n"Baarn";"2024";"22000"\r\n'
        )
        voorstel, _ = ib.importeer(label)
        self.assertEqual((len(voorstel.toegevoegd), voorstel.aantal_fouten), (2, 0))
        amersfoort = Gebied.objects.get(cbs_code="GM0307")
        self.assertEqual((amersfoort.naam, amersfoort.soort), ("Amersfoort", Gebied.Soort.GEMEENTE))
        self.assertEqual(
            sorted(Bevolking.objects.filter(gebied=amersfoort).values_list("jaar", "inwoners")),
            [(2023, 158531), (2024, 159000)],
        )
        self.assertEqual(Bevolking.objects.get(gebied__slug="nl01").inwoners, 17811291)


class ZoekenTest(TestCase):
    """Referentiegebieden vinden: /gebieden/zoek/ (JSON voor het script) en ?zoek= zonder
    JavaScript; de verkenner en de categoriepagina tonen ze pas als ze gekozen zijn."""

    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())
        ib.importeer(steekproef.codevariant())
        ib.importeer(steekproef.labelvariant())

    def test_json_op_naam_en_code_in_een_query(self):
        with self.assertNumQueries(1):
            antwoord = self.client.get("/gebieden/zoek/", {"q": "amers"}).json()
        self.assertEqual(
            antwoord["gebieden"],
            [{"naam": "Amersfoort", "slug": "gm0307", "code": "GM0307", "soort": "Gemeente"}],
        )
        codes = [
            g["code"]
            for g in self.client.get("/gebieden/zoek/", {"q": "wk0308"}).json()["gebieden"]
        ]
        self.assertEqual(codes, ["WK030800", "WK030801"])
        # Wie met de naam begint, komt eerst; een regio (Midden-Nederland) nooit.
        namen = [
            g["naam"]
            for g in self.client.get("/gebieden/zoek/", {"q": "Nederland"}).json()["gebieden"]
        ]
        self.assertEqual(namen, ["Nederland"])
        with self.assertNumQueries(0):
            self.assertEqual(
                self.client.get("/gebieden/zoek/", {"q": "  "}).json(), {"gebieden": []}
            )

    def test_verkenner_eigen_gebieden_dan_gekozen_en_gevonden(self):
        response = self.client.get("/cijfers/", {"gebied": "nl01", "zoek": "IJssel"})
        html = response.content.decode()
        self.assertIn('value="baarn" id="gebied-baarn">', html)  # eigen, zonder vinkje
        self.assertIn('value="nl01" id="gebied-nl01" checked>', html)  # gekozen
        self.assertIn('value="gm0353" id="gebied-gm0353">', html)  # gevonden
        self.assertNotIn('value="gm0307"', html)  # niet gekozen, niet gevonden: niet erbij
        self.assertContains(response, 'src="/static/js/zoek-gebied.js"')
        self.assertNotContains(response, "<script>")

    def test_categorieen_van_de_bron_eerst_de_rest_ingeklapt_per_groep(self):
        html = self.client.get("/cijfers/").content.decode()
        bron = html.index('value="criminaliteit-totaal"')
        blok = html.index("<details")
        moord = html.index(f'value="{categorie_van("1.4.2").slug}"')
        self.assertLess(bron, blok)
        self.assertLess(blok, moord)
        self.assertIn("Andere soorten misdrijf (politie): Geweldsmisdrijven (1)", html)
        self.assertIn("Andere soorten misdrijf (politie): criminaliteit totaal (2)", html)

    def test_categoriepagina_van_een_andere_soort(self):
        moord = categorie_van("1.4.2")
        leeg = self.client.get(moord.get_absolute_url())
        # Baarn en Soest (eigen gebieden) hebben cijfers van 1.4.2; Amersfoort pas gekozen.
        self.assertNotContains(leeg, 'value="gm0307"')
        self.assertContains(leeg, 'value="baarn" id="gebied-baarn" checked')
        gevonden = self.client.get(moord.get_absolute_url(), {"zoek": "GM0307"})
        self.assertContains(gevonden, 'value="gm0307" id="gebied-gm0307">')
        gekozen = self.client.get(
            moord.get_absolute_url(), {"gebied": ["gm0307", "nl01"], "jaar": 2023}
        )
        rijen = {r["categorie"]: r["j2023"] for r in gekozen.context["overzicht"].tabel.data.data}
        self.assertEqual(
            rijen,
            {
                "Nederland": steekproef.jaarwaarde("NL01", "1.4.2", 2023),
                "Amersfoort": steekproef.jaarwaarde("GM0307", "1.4.2", 2023),
            },
        )

    def test_trendtabel_bron_eerst_andere_soorten_ingeklapt(self):
        response = self.client.get("/gebieden/baarn/", {"jaar": [2022, 2023]})
        hoofd = [r["categorie"] for r in response.context["overzicht"].tabel.data.data]
        self.assertIn("criminaliteit totaal", hoofd)
        self.assertNotIn("Moord, doodslag", hoofd)
        overige = dict(response.context["overige"])
        self.assertEqual(set(overige), {"criminaliteit totaal", "Geweldsmisdrijven"})
        rijen = {r["categorie"]: r["j2023"] for r in overige["Geweldsmisdrijven"].tabel.data.data}
        self.assertEqual(rijen, {"Moord, doodslag": steekproef.jaarwaarde("GM0308", "1.4.2", 2023)})
        html = response.content.decode()
        self.assertLess(html.index('id="kop-trend"'), html.index("<details"))
        self.assertIn("Andere soorten misdrijf (politie): Geweldsmisdrijven (1)", html)


class GrensgevallenTest(TestCase):
    """Gefuseerde gemeenten, kale onbekende namen en de pagina van een referentiegebied."""

    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())

    def test_gefuseerde_gemeente_houdt_haar_eigen_code(self):
        # GM0393 (Haarlemmerliede en Spaarnwoude) ging in 2019 op in GM0392 (Haarlemmermeer):
        # de cijfers van vóór de fusie blijven van GM0393, niet van de nieuwe gemeente.
        ib.importeer(
            ib.politie_csv(
                [("1.1.1", "GM0393", "2018JJ00", "7"), ("1.1.1", "GM0392", "2019JJ00", "300")]
            )
        )
        oud, nieuw = Gebied.objects.get(cbs_code="GM0393"), Gebied.objects.get(cbs_code="GM0392")
        self.assertNotEqual(oud.pk, nieuw.pk)
        self.assertEqual(list(oud.cijfers.values_list("jaar", "waarde")), [(2018, 7)])
        self.assertEqual(list(nieuw.cijfers.values_list("jaar", "waarde")), [(2019, 300)])

    def test_kale_onbekende_naam_in_de_labelvariant_is_een_fout(self):
        inhoud = ib.politie_csv([("Overval", "Amersfoort", "2023", "2")], labels=True)
        with self.assertRaises(ImportGeweigerd) as geweigerd:
            ib.importeer(inhoud)
        fout = geweigerd.exception.voorstel.alle_fouten[0]
        self.assertEqual((fout.rij, fout.waarde), (2, "Amersfoort"))
        self.assertIn("label met de code erbij (Amersfoort (GM0307))", fout.reden)
        self.assertFalse(Gebied.objects.filter(naam="Amersfoort").exists())

    def test_pagina_van_een_referentiegebied_zonder_menu(self):
        ib.importeer(steekproef.codevariant())
        for pad, naam in [("/gebieden/gm0307/", "GM0307"), ("/gebieden/wk030800/", "WK030800")]:
            response = self.client.get(pad)
            self.assertContains(response, f"<h1>{naam}</h1>", html=True)
        self.assertNotContains(self.client.get("/"), "/gebieden/gm0307/")

    def test_ontkoppelde_eigen_categorie_krijgt_een_nieuwe(self):
        # Een beheerder ontkoppelt 1.4.2 van zijn eigen categorie: de volgende import schrijft
        # niet meer in die categorie, maar in een nieuwe (met een eigen slug), zonder fout.
        ib.importeer(steekproef.codevariant())
        oud = categorie_van("1.4.2")
        PolitieCategorie.objects.filter(code="1.4.2").update(categorie=None)
        voorstel, _ = ib.importeer(steekproef.codevariant())
        nieuw = categorie_van("1.4.2")
        self.assertNotEqual(nieuw.pk, oud.pk)
        self.assertEqual((nieuw.naam, nieuw.ouder), ("Moord, doodslag (1.4.2)", oud.ouder))
        self.assertEqual(
            (len(voorstel.toegevoegd), voorstel.ongewijzigd), (8 * 24, AANTAL - 8 * 24)
        )
        self.assertEqual(oud.cijfers.count(), nieuw.cijfers.count())


class NieuwInVoorbeeldTest(TestCase):
    """Het voorbeeld van een landelijk bestand zegt hoeveel gebieden en soorten misdrijf nieuw
    zijn voor het dashboard, en dat klopt met wat de bevestiging maakt."""

    def test_voorbeeld_telt_nieuwe_gebieden_en_categorieen(self):
        call_command("laad_brondata", stdout=io.StringIO())
        client = self.client
        client.force_login(maak_gebruikers()["adviseur_baarn"])
        voor = (Gebied.objects.count(), Categorie.objects.count())
        bestand = SimpleUploadedFile("steekproef.csv", steekproef.codevariant(), "text/csv")
        voorbeeld = client.post(reverse("cijfers:importeren"), {"bestand": bestand}, follow=True)
        samenvatting = voorbeeld.context["voorbeeld"]
        self.assertGreater(samenvatting["nieuwe_gebieden"], 0)
        self.assertGreater(samenvatting["nieuwe_categorieen"], 0)
        self.assertContains(
            voorbeeld, f"{samenvatting['nieuwe_gebieden']} gebieden (referentiegebieden"
        )
        # Nog niets gemaakt: pas bij het bevestigen (alles of niets).
        self.assertEqual((Gebied.objects.count(), Categorie.objects.count()), voor)
        ib.importeer(steekproef.codevariant())
        self.assertEqual(
            (Gebied.objects.count() - voor[0], Categorie.objects.count() - voor[1]),
            (samenvatting["nieuwe_gebieden"], samenvatting["nieuwe_categorieen"]),
        )
