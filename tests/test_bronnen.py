"""Issue 15: wat de bronnen zeggen staat op de openbare pagina's, gemarkeerd voor wat het is.

Eén test (of meer) per punt van de issue, op de brongegevens (laad_brondata) en de brontekst
in fixtures/bron/. Elke test faalde op de pagina's van vóór deze wijziging.
"""

import html
import io
import re

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from prioriteiten.models import Doel, Maatregel
from scripts import bronpassages


class BronpaginaTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())
        cls.bronregels = bronpassages.regels()

    def bronregel(self, nummer):
        """Regel `nummer` (1-geteld) van het IVP BES 2019-2022, zonder witruimte eromheen."""
        return self.bronregels[nummer - 1].strip()

    # Punt 1: de gemeenteanalyses van hoofdstuk 8.
    def test_punt_1_analyse_van_baarn_op_de_gebiedspagina(self):
        response = self.client.get(reverse("cijfers:gebied", args=["baarn"]))
        # Regel 915-918: de inbraakgolf van begin 2018 en de tien procent.
        self.assertContains(response, "begin 2018 fors toe")
        self.assertContains(response, "tien procent van de respondenten")
        self.assertContains(response, "hoofdstuk 8 (Lokale speerpunten per gemeente), §8.1")
        self.assertEqual([a.paragraaf for a in response.context["analyses"]], ["8.1"])

    def test_punt_1_analyse_op_de_speerpuntenpagina(self):
        response = self.client.get(reverse("prioriteiten:speerpunten", args=["2019-2022", "baarn"]))
        self.assertContains(response, "tien procent van de respondenten")
        self.assertContains(response, 'id="analyse-2019-2022"')

    def test_punt_1_eemnes_waarschuwing_bij_de_tekens(self):
        # Regel 1064-1065: lage absolute aantallen, grote procentuele verschillen.
        self.assertIn("procentuele verschillen erg groot zijn.", self.bronregel(1065))
        response = self.client.get(reverse("cijfers:gebied", args=["eemnes"]))
        html = response.content.decode()
        self.assertIn('id="toeval-eemnes"', html)
        uitleg = html.split('id="toeval-eemnes"')[1].split("</p>")[0]
        self.assertIn("absolute aantallen in Eemnes laag liggen", uitleg)
        self.assertIn("≈", uitleg)
        self.assertNotContains(
            self.client.get(reverse("cijfers:gebied", args=["soest"])), "toevalwaarschuwing"
        )

    # Punt 11: geen melding is niet "niet op koers".
    def test_punt_11_plan_zonder_meldingen_is_onbekend(self):
        for url in [
            reverse("prioriteiten:plan", args=["2019-2022"]),
            reverse("prioriteiten:voortgang") + "?plan=2019-2022",
        ]:
            response = self.client.get(url)
            html = response.content.decode()
            # De stoplichten zelf (de legenda noemt elk stoplicht één keer).
            self.assertNotIn('<span class="stoplicht stoplicht-oranje"', html.split("legenda")[0])
            self.assertIn('aria-hidden="true">?</span> Onbekend', html)

    def test_punt_11_lege_lijst_zegt_dat(self):
        response = self.client.get(reverse("prioriteiten:voortgang") + "?plan=2023-2026")
        html = response.content.decode()
        na_kop = html.split('id="kop-zonder"')[1].split("</section>")[0]
        self.assertIn("dus er is ook geen maatregel zonder melding", na_kop)

    # Punt 14: geen beweringen die de bronnen niet doen.
    def test_punt_14_startpagina_zegt_niet_dat_2023_2026_geen_cijfers_publiceert(self):
        response = self.client.get(reverse("home"))
        self.assertNotContains(response, "publiceert zelf")
        self.assertContains(response, "bevat")
        self.assertContains(response, "geen cijfertabellen")

    def test_punt_14_parafrases_gemarkeerd_met_de_passage(self):
        gevonden = bronpassages.parafrases(self.bronregels)
        doel = Doel.objects.get(pk=17)
        maatregel = Maatregel.objects.get(pk=26)
        eemnes = Maatregel.objects.get(pk=31)
        for onderdeel, model in [
            (doel, "prioriteiten.doel"),
            (maatregel, "prioriteiten.maatregel"),
            (eemnes, "prioriteiten.maatregel"),
        ]:
            # De passage in de fixture is de bron zelf, niet overgetypt.
            self.assertEqual(
                (onderdeel.bronpassage, onderdeel.bronplaats), gevonden[(model, onderdeel.pk)]
            )
        self.assertIn("kunnen we een plan van aanpak ontwikkelen", maatregel.bronpassage)
        self.assertIn("minderjarigen (onder de achttien)", maatregel.bronpassage)
        baarn = self.client.get(reverse("prioriteiten:speerpunten", args=["2019-2022", "baarn"]))
        self.assertContains(baarn, "parafrase", count=2 * 2)  # badge en klasse, twee keer
        self.assertContains(baarn, "§8.1, regels 953-956 van de brontekst")
        response = self.client.get(
            reverse("prioriteiten:speerpunten", args=["2019-2022", "eemnes"])
        )
        self.assertContains(response, "De gemeente zal de komende 4 jaren")
        # Een doel dat de bron letterlijk noemt (Bunschoten, "Doelstelling") is geen parafrase.
        bunschoten = self.client.get(
            reverse("prioriteiten:speerpunten", args=["2019-2022", "bunschoten"])
        )
        self.assertNotContains(bunschoten, "parafrase")

    # Punt 5: de zes halfjaarpercentages die niet in één halfjaar te plaatsen zijn.
    def test_punt_5_halfjaarpercentages_zonder_periode_met_voetnoot(self):
        verwacht = {
            "baarn": ["geweld: openlijk geweld: 0%", "geweld: overval: −50%"],
            "bunschoten": ["geweld: overig: −50%"],
            "eemnes": [
                "woninginbraak: pogingen: +75%",
                "geweld: zeden: +100%",
                "geweld: openlijk geweld: −100%",
            ],
        }
        gevonden = bronpassages.halfjaren_zonder_periode(self.bronregels)
        self.assertEqual(sum(len(v) for v in gevonden.values()), 6)
        for slug, regels in verwacht.items():
            response = self.client.get(reverse("cijfers:gebied", args=[slug]))
            html = response.content.decode()
            self.assertIn(f'id="voetnoot-halfjaar-{slug}"', html)
            voetnoot = html.split(f'id="voetnoot-halfjaar-{slug}"')[1].split("</div>")[0]
            self.assertIn("niet of het januari-juni of juli-december is", voetnoot)
            for regel in regels:
                self.assertIn(regel, voetnoot)
        # Elk regelnummer wijst naar de tabelrij in de bron.
        for rijen in gevonden.values():
            for rij in rijen:
                self.assertTrue(self.bronregel(rij["regel"]).startswith(rij["categorie"][:5]))
        soest = self.client.get(reverse("cijfers:gebied", args=["soest"]))
        self.assertNotContains(soest, "voetnoot-halfjaar")

    def test_punt_5_rij_met_halfjaarpercentage_zonder_kolom_heeft_een_teken(self):
        html = self.client.get(reverse("cijfers:gebied", args=["eemnes"])).content.decode()
        tabel = html.split('class="table table-sm table-hover trendtabel"')[1].split("</table>")[0]
        self.assertEqual(tabel.count('class="celteken halfjaar"'), 3)
        for rij in tabel.split("<tr")[1:]:
            naam = re.sub(r"<[^>]+>", "", rij.split("<td", 1)[-1].split("</td>")[0])
            naam = naam.split(">", 1)[-1].strip()
            with self.subTest(naam=naam):
                verwacht = naam.startswith(
                    ("woninginbraak: pogingen", "geweld: zeden", "geweld: openlijk")
                )
                self.assertEqual('href="#voetnoot-halfjaar-eemnes"' in rij, verwacht, rij[:300])

    # Punt 6: de geschiedenis van een cijfer noemt bronnen bij naam.
    def test_punt_6_geschiedenis_noemt_de_bron_bij_naam(self):
        from cijfers.models import Bron, Cijfer

        cijfer = Cijfer.objects.select_related("bron").filter(gebied__slug="baarn").first()
        oud = cijfer.bron
        nieuw = Bron.objects.create(titel="Synthetische testbron (test)", document="test")
        cijfer.bron = nieuw
        cijfer.save()
        response = self.client.get(reverse("geschiedenis", args=["cijfer", cijfer.pk]))
        self.assertContains(response, f"<del>{oud.titel}</del>")
        self.assertContains(response, "<ins>Synthetische testbron (test)</ins>")
        self.assertNotContains(response, f"<del>{oud.pk}</del>")

    # Punt 6: een cijfer uit een import is in de cel te onderscheiden van een cijfer uit het plan.
    def test_punt_6_geimporteerd_cijfer_gemarkeerd_met_voetnoot_en_geschiedenis(self):
        from cijfers.models import Bron, Cijfer

        cijfer = Cijfer.objects.get(
            gebied__slug="baarn", categorie__slug="woninginbraken", periode="2018"
        )
        # Synthetische importbron (test), zoals schrijven.py die maakt.
        bron = Bron.objects.create(
            titel="Synthetische import (test)", document="Eigen bestand (import)"
        )
        cijfer.bron = bron
        cijfer.save()
        link = reverse("geschiedenis_cijfer", args=[cijfer.gebied_id, cijfer.categorie_id, 2018])
        paginas = [
            reverse("cijfers:gebied", args=["baarn"]),
            reverse("cijfers:categorie", args=["woninginbraken"]),
            reverse("cijfers:verkenner") + "?gebied=baarn&categorie=woninginbraken",
        ]
        for url in paginas:
            with self.subTest(url=url):
                html = self.client.get(url).content.decode()
                # Precies één cel heeft het teken, en het linkt naar de geschiedenis.
                self.assertEqual(html.count('class="celteken import"'), 1, url)
                cel = html.split('class="celteken import"')[0].rsplit("<td", 1)[1]
                self.assertIn("188", cel)
                self.assertIn(f'href="{link}"', html)
                self.assertIn("geïmporteerd (niet uit het plan)", html)
                noot = html.split('id="voetnoot-import"')[1].split("</p>")[0]
                self.assertIn('de import "Synthetische import (test)"', noot)
        # Cijfers uit het plan hebben geen teken en geen voetnoot.
        soest = self.client.get(reverse("cijfers:gebied", args=["soest"])).content.decode()
        self.assertNotIn("celteken import", soest)
        self.assertNotIn("voetnoot-import", soest)
        # De geschiedenis van de cel noemt beide bronnen bij naam.
        response = self.client.get(link)
        self.assertContains(response, "Synthetische import (test)")
        self.assertContains(response, "<del>IVP BES 2019-2022, tabel Baarn 2015-2018</del>")
        leeg = reverse("geschiedenis_cijfer", args=[cijfer.gebied_id, cijfer.categorie_id, 1990])
        self.assertEqual(self.client.get(leeg).status_code, 404)

    # Punt 10: de prioriteiten van 2023-2026 zeggen dat hun cijfers van vóór het plan zijn.
    def test_punt_10_cijfers_van_voor_het_plan(self):
        url = reverse(
            "prioriteiten:prioriteit", args=["2023-2026", "jeugdoverlast-en-criminaliteit"]
        )
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn('id="voor-het-plan"', html)
        noot = html.split('id="voor-het-plan"')[1].split("</div>")[0]
        self.assertIn("zijn van vóór het Integraal Veiligheidsplan 2023-2026", noot)
        self.assertIn("IVP BES 2019-2022", noot)  # de titel van de bron
        self.assertIn(reverse("cijfers:importeren"), noot)
        # Het plan waar de cijfers bij horen zegt het niet.
        hic = reverse("prioriteiten:prioriteit", args=["2019-2022", "high-impact-crimes"])
        self.assertNotIn('id="voor-het-plan"', self.client.get(hic).content.decode())

    # Punt 8: eenheden zoals de bron ze noemt.
    def test_punt_8_incidenten_en_meldingen(self):
        # Regel 748: "Het aantal incidenten autokraak, huiselijk geweld, zakkenrollen ...".
        self.assertIn(
            "Het aantal incidenten autokraak, huiselijk geweld, zakkenrollen", self.bronregel(748)
        )
        response = self.client.get(reverse("cijfers:gebied", args=["baarn"]))
        self.assertContains(
            response,
            "autokraak, huiselijk geweld en zakkenrollen: aantal incidenten, zoals de bron ze "
            "noemt in de paragraaf over Baarn (IVP BES 2019-2022, §8.1)",
        )
        self.assertContains(response, "jongerenoverlast in aantal meldingen")
        # Uit de eenheden van de categorieën (Categorie.eenheid), ook in de verkenner.
        verkenner = self.client.get(
            reverse("cijfers:verkenner"),
            {"gebied": "baarn", "categorie": ["autokraak", "woninginbraken"]},
        )
        self.assertContains(
            verkenner,
            "Eenheid: aantal geregistreerde misdrijven (autokraak: aantal incidenten, zoals de "
            "bron ze noemt in de paragraaf over Baarn (IVP BES 2019-2022, §8.1)).",
        )
        self.assertNotContains(verkenner, "in aantal meldingen")

    def test_punt_8_eenheden_op_de_categoriepaginas(self):
        import json

        for slug, woord in [
            ("autokraak", "incidenten"),
            ("huiselijk-geweld", "incidenten"),
            ("zakkenrollen", "incidenten"),
            ("meldingen-jongerenoverlast", "meldingen"),
            ("woninginbraken", "geregistreerde misdrijven"),
        ]:
            with self.subTest(slug=slug):
                html = self.client.get(reverse("cijfers:categorie", args=[slug])).content.decode()
                regel = html.split('id="eenheid">')[1].split("</p>")[0]
                self.assertTrue(regel.startswith(f"Aantal {woord}"), regel)
                self.assertIn("per gebied en jaar", regel)
                self.assertEqual(woord == "incidenten", "zoals de bron ze noemt" in regel)
                self.assertIn(f"Eenheid: aantal {woord}", html)
                figuur = json.loads(
                    html.split('id="lijnen-data" type="application/json">')[1].split("</script>")[0]
                )
                self.assertEqual(figuur["layout"]["yaxis"]["title"]["text"], woord)

    def test_eenheid_incidenten_noemt_de_paragraaf_van_baarn_bij_naam(self):
        # Proefgebruiker, punt 16: "§8.1" alleen is de paragraaf van Baarn; op een pagina over
        # alle gebieden (en het basisteam, §2.1) moet de regel zeggen waar het woord staat.
        self.assertTrue(self.bronregel(744).startswith("8.1 Baarn"))
        self.assertIn("Het aantal incidenten autokraak", self.bronregel(748))
        html = self.client.get(reverse("cijfers:categorie", args=["autokraak"])).content.decode()
        regel = html.split('id="eenheid">')[1].split("</p>")[0]
        self.assertIn(
            "zoals de bron ze noemt in de paragraaf over Baarn (IVP BES 2019-2022, §8.1)", regel
        )
        self.assertNotIn("zoals de bron ze noemt (IVP BES 2019-2022, §8.1)", html)

    # Punt 6: de tabel "Gemeenten naast elkaar" heeft een bronregel en noemt wat berekend is.
    def test_punt_6_vergelijking_heeft_een_bronregel(self):
        response = self.client.get(reverse("cijfers:gebied", args=["basisteam-bes"]))
        html = response.content.decode()
        self.assertIn('id="bron-vergelijking"', html)
        regel = html.split('id="bron-vergelijking"')[1].split("</p>")[0]
        self.assertIn("IVP BES 2019-2022, tabel basisteam BES 2014-2018", regel)
        self.assertIn("IVP BES 2019-2022, tabel Baarn 2015-2018", regel)
        self.assertIn("<strong>berekend</strong>", regel)

    # Punt 7: aangenomen definities staan onder de tabellen die ze raken.
    def test_punt_7_aannames_onder_de_tabellen(self):
        # De woninginbraken van de gemeenten zijn pogingen plus geslaagd (Baarn 2018, regel 786-788).
        self.assertTrue(self.bronregel(786).startswith("woninginbraken 111 116 138 188"))
        self.assertIn(" 95 ", self.bronregel(787))
        self.assertIn(" 93 ", self.bronregel(788))
        response = self.client.get(reverse("cijfers:gebied", args=["basisteam-bes"]))
        html = response.content.decode()
        geweld = html.split('id="aanname-geweld"')[1].split("</p>")[0]
        self.assertIn('"Geweld"', geweld)
        self.assertIn('"geweld: totaal"', geweld)
        self.assertIn("pogingen en geslaagde woninginbraken samen", geweld)
        restant = html.split('id="aanname-restant"')[1].split("</p>")[0]
        self.assertIn("op categorienaam", restant)
        # Een gemeente heeft die aannames niet.
        baarn = self.client.get(reverse("cijfers:gebied", args=["baarn"])).content.decode()
        self.assertNotIn('id="aanname-geweld"', baarn)

    # Punt 9: beleving per onderzoek, Eemnes met reden, getallen als getallen in de export.
    def test_punt_9_beleving_per_onderzoek_en_eemnes_met_reden(self):
        import json

        response = self.client.get(reverse("cijfers:gebied", args=["basisteam-bes"]))
        html = response.content.decode()
        data = json.loads(
            html.split('id="beleving-data" type="application/json">')[1].split("</script>")[0]
        )
        reeksen = {reeks["name"]: reeks["x"] for reeks in data["data"]}
        self.assertEqual(reeksen["Veiligheidsmonitor 2017"], ["Bunschoten 2017", "Soest 2017"])
        self.assertEqual(reeksen["Bevolkingsonderzoek veiligheidsbeleving 2018"], ["Baarn 2018"])
        self.assertGreaterEqual(len(reeksen), 3)
        zonder = html.split('id="beleving-zonder"')[1].split("</p>")[0]
        self.assertIn("Eemnes (Veiligheidsmonitor 2014)", zonder)
        self.assertIn("niet meer representatief", zonder)

    def test_punt_9_belevingsexport_schrijft_getallen(self):
        import csv

        url = reverse("cijfers:gebied", args=["basisteam-bes"])
        response = self.client.get(url, {"_export": "csv", "_tabel": "beleving"})
        rijen = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
        baarn = next(r for r in rijen if r["Gebied"] == "Baarn")
        self.assertEqual((baarn["Jaar"], baarn["Rapportcijfer"]), ("2018", "6.6"))
        # Op de pagina blijft het Nederlands: 6,6.
        self.assertContains(self.client.get(url), '<td class="tabular">6,6</td>')

    # Punt 6: elke CSV- en XLSX-export heeft een bronkolom.
    def test_punt_6_exports_hebben_een_bronkolom(self):
        import csv

        import openpyxl

        gevallen = [
            (reverse("cijfers:gebied", args=["baarn"]), {}),
            (reverse("cijfers:gebied", args=["basisteam-bes"]), {"_tabel": "gemeenten"}),
            (reverse("cijfers:gebied", args=["basisteam-bes"]), {"_tabel": "beleving"}),
            (reverse("cijfers:categorie", args=["woninginbraken"]), {}),
            (reverse("cijfers:verkenner"), {"gebied": "baarn"}),
        ]
        for url, extra in gevallen:
            with self.subTest(url=url, **extra):
                response = self.client.get(url, {"_export": "csv", **extra})
                rijen = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
                self.assertIn("Bron", rijen[0])
                kolom = rijen[0].index("Bron")
                self.assertTrue(all(r[kolom] for r in rijen[1:]), rijen[:3])
                self.assertTrue(any("IVP BES 2019-2022" in r[kolom] for r in rijen[1:]))
                response = self.client.get(url, {"_export": "xlsx", **extra})
                blad = openpyxl.load_workbook(io.BytesIO(response.content)).active
                self.assertIn("Bron", [c.value for c in blad[1]])

    def test_punt_6_per_inwoners_berekend_met_bronregel(self):
        import csv

        from cijfers.models import Bevolking, Bron
        from ivp.models import Gebied

        # Synthetische inwonertallen (test), zoals een import van de CBS-bevolking ze schrijft.
        bron = Bron.objects.create(titel="Synthetische bevolking (test)", document="test")
        baarn = Gebied.objects.get(slug="baarn")
        for jaar in range(2015, 2019):
            Bevolking.objects.create(gebied=baarn, jaar=jaar, inwoners=24000, bron=bron)
        url = reverse("cijfers:gebied", args=["baarn"])
        html = self.client.get(url).content.decode()
        for anker in ("bron-per-inwoners", "bron-is-dat-veel"):
            with self.subTest(anker=anker):
                regel = html.split(f'id="{anker}"')[1].split("</p>")[0]
                self.assertIn("<strong>berekend</strong>", regel)
        regel = html.split('id="bron-is-dat-veel"')[1].split("</p>")[0]
        self.assertIn("IVP BES 2019-2022, tabel Baarn 2015-2018", regel)
        for tabel in ("per1000", "vergelijking"):
            with self.subTest(tabel=tabel):
                response = self.client.get(url, {"_export": "csv", "_tabel": tabel})
                rijen = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
                kolom = rijen[0].index("Bron")
                self.assertTrue(rijen[1][kolom].startswith("berekend per 1.000 inwoners"))
                self.assertIn("inwoners: ", rijen[1][kolom])

    # Punt 12: een vergadering kiest haar plan; het stuk toont de lokale speerpunten ervan.
    def test_punt_12_stuk_met_gekozen_plan_en_lokale_voortgang(self):
        import datetime

        from ivp.models import Overleg, Plan
        from prioriteiten.models import Voortgang
        from vergaderingen.models import Vergadering

        avo = Overleg.objects.get(afkorting="AVO BES")
        oud = Plan.objects.get(slug="2019-2022")
        datum = datetime.date.today()
        vergadering = Vergadering.objects.create(overleg=avo, datum=datum, plan=oud)
        standaard = Vergadering.objects.create(
            overleg=Overleg.objects.get(afkorting="Driehoek BES"), datum=datum
        )
        maatregel = Maatregel.objects.get(pk=26)  # Baarn, lokaal speerpunt
        Voortgang.objects.create(
            maatregel=maatregel, datum=datum, status=Maatregel.Status.LOPEND, tekst="Gestart."
        )
        response = self.client.get(reverse("vergaderstuk_openbaar", args=[vergadering.pk]))
        html = response.content.decode()
        self.assertIn("Plan: Integraal Veiligheidsplan BES 2019-2022.", html)
        stand = html.split('id="lokale-stand"')[1].split("</table>")[0]
        self.assertIn("Baarn", stand)
        self.assertIn("1 lopend", stand)
        self.assertIn("Gestart.", html.split('id="kop-speerpunten"')[1])
        import openpyxl

        boek = openpyxl.load_workbook(
            io.BytesIO(
                self.client.get(
                    reverse("vergaderstuk_openbaar_xlsx", args=[vergadering.pk])
                ).content
            )
        )
        rijen = list(boek["Lokale speerpunten"].iter_rows(values_only=True))
        self.assertIn(("Baarn", "Onbekend", "1 nog geen voortgang gemeld, 1 lopend"), rijen)
        # Zonder keuze: het plan van de vergaderdatum (2023-2026), zonder die melding.
        response = self.client.get(reverse("vergaderstuk_openbaar", args=[standaard.pk]))
        html = response.content.decode()
        self.assertIn("Plan: Integraal Veiligheidsplan 2023-2026.", html)
        self.assertNotIn("Gestart.", html)
        # Alleen nullen: één zin per prioriteit, geen tabel vol nullen.
        self.assertNotIn("Maatregelen per status", html)
        self.assertIn("nog geen maatregelen ingevoerd", html)
        self.assertIn("heeft geen maatregelen bij lokale speerpunten", html)

    def test_punt_12_plan_kiezen_in_het_formulier(self):
        from tests.gebruikers import maak_gebruikers

        gebruikers = maak_gebruikers()
        self.client.force_login(gebruikers["adviseur_baarn"])
        response = self.client.get(reverse("vergadering_nieuw"))
        self.assertContains(response, 'name="plan"')
        self.assertContains(response, "Het plan dat op de vergaderdatum geldt")

    # Punt 2: hoofdstuk 7 op een openbare pagina over de organisatie.
    def test_punt_2_organisatiepagina(self):
        from scripts import bronparagrafen

        # De structuur komt letterlijk uit de bron (regels 564-572).
        self.assertEqual(
            bronparagrafen.paragrafen(self.bronregels)[0][2:4],
            (
                "Sturen op veiligheid Midden-Nederland",
                "39 gemeenten\n18 basisteams\n5 districten\n1 regio",
            ),
        )
        # 1 de plannen, 2 de plannen met overleggen, 3 de paragrafen, 4 de overleggen,
        # 5 de gezamenlijke investering
        with self.assertNumQueries(5):
            response = self.client.get(reverse("organisatie"))
        html = response.content.decode()
        for tekst in ["39 gemeenten", "18 basisteams", "5 districten", "1 regio"]:
            self.assertIn(f"<strong>{tekst}</strong>", html)
        overleggen = html.split('id="overleggen"')[1].split("</table>")[0]
        self.assertIn("Ambtelijk vooroverleg BES (AVO BES)", overleggen)
        self.assertIn("rouleert jaarlijks tussen de burgemeesters", overleggen)
        self.assertIn("vier keer per jaar", overleggen)
        investering = html.split('id="investering"')[1].split("</table>")[0]
        self.assertIn("€ 0,20 per inwoner werkbudget", investering)
        self.assertIn("§7.5", html)
        self.assertEqual(self.client.get(reverse("organisatie") + "?plan=1999").status_code, 404)

    def test_inhoud_van_het_dvc_houdt_de_grens_uit_de_bron(self):
        # Proefgebruiker, punt 14. In de bron eindigt de inhoud van het DVC in de figuur met
        # "voorbereiden adviescollege" (regel 593, zonder punt; daarna "Wie?:"), en begint
        # "Op bestuurlijk niveau ..." de alinea van §7.4 (regel 637). De pagina las ze als één
        # zin: "voorbereiden adviescollege Op bestuurlijk niveau".
        self.assertTrue(self.bronregel(593).endswith("voorbereiden adviescollege"))
        self.assertTrue(self.bronregel(594).startswith("Wie?:"))
        self.assertTrue(self.bronregel(636).startswith("7.4 Strategische overlegstructuur"))
        self.assertTrue(self.bronregel(637).startswith("Op bestuurlijk niveau voert"))
        html = self.client.get(reverse("organisatie")).content.decode()
        dvc = html.split('id="overleg-')[1:]
        dvc = next(rij for rij in dvc if "Districtelijk Veiligheidscollege" in rij)
        self.assertIn("voorbereiden adviescollege<br><br>Op bestuurlijk niveau voert", dvc)
        self.assertNotIn("voorbereiden adviescollege Op bestuurlijk", html)

    def test_punt_2_gelinkt_vanaf_plan_en_vergadering(self):
        import datetime

        from ivp.models import Overleg
        from vergaderingen.models import Vergadering

        plan = self.client.get(reverse("prioriteiten:plan", args=["2019-2022"]))
        self.assertContains(plan, reverse("organisatie"))
        avo = Overleg.objects.get(afkorting="AVO BES")
        vergadering = Vergadering.objects.create(overleg=avo, datum=datetime.date(2026, 3, 1))
        for url in [
            vergadering.get_absolute_url(),
            reverse("vergaderstuk_openbaar", args=[vergadering.pk]),
        ]:
            self.assertContains(self.client.get(url), f"{reverse('organisatie')}#overleg-avo-bes")

    # Punt 3: hoofdstukken 1 en 2 en de inleiding van 5.2.
    def test_punt_3_hoofdstuk_1_en_2_op_de_planpagina(self):
        response = self.client.get(reverse("prioriteiten:plan", args=["2019-2022"]))
        html = response.content.decode()
        over = html.split('id="over-het-plan"')[1].split("</section>")[0]
        for kop in ["1.1 Vijf gemeenten werken samen in één plan", "1.2 Gezamenlijke prioriteiten"]:
            self.assertIn(kop, over)
        self.assertIn("2.5 BES-prioriteiten: prioriteit versus lokale speerpunten", over)
        self.assertIn("§1.2.", over)
        self.assertNotIn("7.5 De Driehoek BES", over)  # hoofdstuk 7: op /organisatie/
        # 5.2: de inleiding boven de punten van de aanpak (regels 444-446).
        inleiding = bronpassages.aanpak_inleidingen(self.bronregels)[3]
        self.assertTrue(inleiding.startswith("Er is de afgelopen jaren geïnvesteerd"))
        hic = self.client.get(
            reverse("prioriteiten:prioriteit", args=["2019-2022", "high-impact-crimes"])
        )
        self.assertContains(hic, f'<p id="aanpak-inleiding">{inleiding}</p>', html=True)

    # Punt 4: het persbericht van 2023-2026 en de doelen uit de omschrijving.
    def test_punt_4_persbericht_en_doelen_uit_de_omschrijving(self):
        response = self.client.get(reverse("prioriteiten:plan", args=["2023-2026"]))
        html = response.content.decode()
        over = html.split('id="over-het-plan"')[1].split("</section>")[0]
        self.assertIn("Burgemeester Potters van gemeente De Bilt:", over)
        self.assertIn("hun handtekening gezet", over)
        self.assertIn(
            "Deze vier prioriteiten betekenen overigens niet dat er niets meer gebeurt", over
        )
        url = reverse("prioriteiten:prioriteit", args=["2023-2026", "digitale-veiligheid"])
        html = self.client.get(url).content.decode()
        doelen = html.split('id="doelen-uit-omschrijving"')[1].split("</div>")[0]
        self.assertIn("uit de omschrijving", doelen)
        self.assertIn(
            "Het doel is om bewustzijn van digitale criminaliteit en de weerbaarheid ertegen te vergroten.",
            doelen,
        )
        self.assertIn("geen meetbare doelen", doelen)

    # Punt 13: doelen met basis, streefwaarde, streefdatum en mijlpalen, in de site.
    def test_punt_13_indicator_met_streefwaarde_en_mijlpalen_in_de_site(self):
        from cijfers.models import Categorie
        from ivp.models import Gebied
        from prioriteiten.models import Indicator
        from tests.gebruikers import maak_gebruikers

        gebruikers = maak_gebruikers()
        doel = Doel.objects.get(pk=17)  # Baarn, lokaal speerpunt
        url = reverse("prioriteiten:indicator_bewerken", args=[doel.pk])
        self.client.force_login(gebruikers["adviseur_soest"])
        self.assertEqual(self.client.get(url).status_code, 403)
        self.assertEqual(self.client.post(url, {"basisjaar": 2016}).status_code, 403)
        self.assertFalse(Indicator.objects.filter(doel=doel).exists())
        self.client.force_login(gebruikers["adviseur_baarn"])
        pagina = self.client.get(doel.get_absolute_url())
        self.assertContains(pagina, url)
        woninginbraken = Categorie.objects.get(slug="woninginbraken")
        baarn = Gebied.objects.get(slug="baarn")
        gegevens = {
            "categorie": woninginbraken.pk, "gebied": baarn.pk, "basisjaar": 2016,
            "richting": "daling", "streefwaarde": 100, "streefdatum": "31-12-2020",
            "mijlpaal-TOTAL_FORMS": 3, "mijlpaal-INITIAL_FORMS": 0,
            "mijlpaal-0-jaar": 2018, "mijlpaal-0-waarde": 130,
            "mijlpaal-1-jaar": "", "mijlpaal-1-waarde": "",
            "mijlpaal-2-jaar": "", "mijlpaal-2-waarde": "",
        }  # fmt: skip
        response = self.client.post(url, gegevens)
        self.assertEqual(response.status_code, 302, response.content.decode()[-2000:])
        indicator = Indicator.objects.get(doel=doel)
        self.assertEqual(indicator.doelwaarden(), {2018: 130, 2020: 100})
        # Baarn woninginbraken: 2016 116, 2018 188 (regel 786): mijlpaal 2018 niet gehaald.
        pagina = self.client.get(doel.get_absolute_url()).content.decode()
        self.assertIn("Niet op koers", pagina)
        self.assertIn(
            "vergeleken: 2018: 188, mijlpaal voor 2018 ≤ 130 (basisjaar 2016: 116)", pagina
        )
        tabel = pagina.split(f'id="doeltabel-{doel.pk}"')[1].split("</table>")[0]
        self.assertIn("2016 (basisjaar)", tabel)
        self.assertIn("≤ 130", tabel)
        self.assertIn("≤ 100", tabel)
        # De grafiek tekent gemeten en doel (mijlpaal 2018, streefwaarde 2020) over dezelfde jaren.
        import json

        figuur = json.loads(
            pagina.split(f'id="doel-{doel.pk}-data" type="application/json">')[1].split(
                "</script>"
            )[0]
        )
        reeksen = {r["name"]: (r["x"], r["y"]) for r in figuur["data"]}
        # De x-as loopt door alle jaren (2019 zonder cijfer en zonder doel is een gat); de
        # doellijn verbindt haar mijlpalen over dat gat, de gemeten lijn niet.
        self.assertEqual(
            reeksen["doel (mijlpalen en streefwaarde)"],
            ([2016, 2017, 2018, 2019, 2020], [None, None, 130, None, 100]),
        )
        self.assertEqual(
            reeksen["gemeten: woninginbraken in Baarn"],
            ([2016, 2017, 2018, 2019, 2020], [116, 138, 188, None, None]),
        )
        lijnen = {r["name"]: r.get("connectgaps") for r in figuur["data"]}
        self.assertTrue(lijnen["doel (mijlpalen en streefwaarde)"])
        self.assertFalse(lijnen["gemeten: woninginbraken in Baarn"])
        # De streefwaarde als horizontale lijn tot het jaar van de streefdatum.
        self.assertEqual(reeksen["streefwaarde 100 (2020)"], ([2016, 2020], [100, 100]))
        # De bron van de gemeten cijfers bij naam, in de grafiek en onder de tabel; de
        # doelwaarden als invoer van een adviseur.
        bron = "IVP BES 2019-2022, tabel Baarn 2015-2018"
        self.assertIn(f"Bron van de cijfers: {bron}; de doelwaarden", tabel + pagina)
        onderschrift = json.dumps(figuur["layout"], ensure_ascii=False)
        self.assertIn(f"Bron: {bron}", onderschrift)
        self.assertIn("plotly.min.js", pagina)
        # Een streefdatum zonder streefwaarde is een fout, in het Nederlands.
        gegevens.update(streefwaarde="")
        response = self.client.post(url, gegevens)
        self.assertContains(response, "Geef de streefwaarde die op de streefdatum geldt.")


def _normaal(tekst):
    """Tekst om te vergelijken: kleine letters, zonder aanhalingstekens, opsommingstekens en
    losse streepjes, witruimte samengevoegd."""
    tekst = tekst.replace("\ufffd", "fi")
    tekst = re.sub(r"[“”\"'’‘•]", " ", tekst)
    tekst = re.sub(r"(?<!\S)[-–](?!\S)", " ", tekst)
    return re.sub(r"\s+", " ", tekst).strip().lower()


def alineas(pad):
    """(eerste regel, laatste regel, tekst) per blok tussen lege regels van een brontekst; een
    afbrekingsstreepje aan het eind van een regel wordt weer één woord."""
    blok, begin = [], None
    regels = pad.read_text(encoding="utf-8").splitlines()
    for nummer, regel in enumerate([*regels, ""], start=1):
        if regel.strip():
            begin = begin or nummer
            blok.append(regel.strip())
            continue
        if blok:
            tekst = ""
            for deel in blok:
                if tekst.endswith("-") and deel[:1].islower():
                    tekst = tekst[:-1] + deel
                else:
                    tekst = f"{tekst} {deel}" if tekst else deel
            yield begin, nummer - 1, tekst
        blok, begin = [], None


def niet_overgenomen():
    """{(bestandsvoorvoegsel, van, tot)} uit de README ("`004` regels 96-98 ...")."""
    readme = (bronpassages.BASIS / "README.md").read_text(encoding="utf-8")
    return {
        (bestand, int(van), int(tot))
        for bestand, van, tot in re.findall(r"`(\d{3})` regels (\d+)-(\d+)", readme)
    }


class WandelTest(TestCase):
    """Done when van issue 15: elke alinea van beide bronteksten staat op een openbare pagina,
    of in de README onder "wat niet is overgenomen"."""

    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())

    def paginatekst(self):
        from ivp.models import Gebied
        from prioriteiten.models import Prioriteit

        urls = ["/", "/plan/2019-2022/", "/plan/2023-2026/", reverse("organisatie")]
        urls += [p.get_absolute_url() for p in Prioriteit.objects.select_related("plan")]
        for gebied in Gebied.objects.eigen():
            urls.append(gebied.get_absolute_url())
            if gebied.soort == Gebied.Soort.GEMEENTE:
                urls.append(reverse("prioriteiten:speerpunten", args=["2019-2022", gebied.slug]))
        delen = []
        for url in urls:
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            pagina = re.sub(r"<script.*?</script>", " ", response.content.decode(), flags=re.S)
            delen.append(html.unescape(re.sub(r"<[^>]+>", " ", pagina)))
        return _normaal(" ".join(delen))

    def test_elke_alinea_staat_op_een_openbare_pagina_of_in_de_readme(self):
        pagina = self.paginatekst()
        uitgezonderd = niet_overgenomen()
        self.assertTrue(uitgezonderd)
        ontbrekend, gedekt = [], 0
        for bestand in sorted((bronpassages.BASIS / "fixtures" / "bron").glob("*.txt")):
            for van, tot, tekst in alineas(bestand):
                woorden = _normaal(tekst).split()
                if len(woorden) < 8:
                    continue  # kop of paginanummer
                if sum(any(t.isdigit() for t in w) for w in woorden) > 0.4 * len(woorden):
                    continue  # tabelregels: getoetst door tests/test_brondata.py
                stukken = [" ".join(woorden[i : i + 5]) for i in range(len(woorden) - 4)]
                if sum(s in pagina for s in stukken) >= 0.5 * len(stukken):
                    gedekt += 1
                    continue
                if any(b == bestand.name[:3] and a <= van <= z for b, a, z in uitgezonderd):
                    continue
                ontbrekend.append(f"{bestand.name} regels {van}-{tot}: {tekst[:80]}")
        self.assertEqual(ontbrekend, [])
        self.assertGreater(gedekt, 140)

    def test_punt_6_berekende_veranderingen_van_het_basisteam_gemarkeerd(self):
        # De basisteamtabel (regels 111-139) heeft geen enkel percentage.
        regels = bronpassages.regels()
        self.assertFalse(any("%" in regels[n - 1] for n in range(111, 140)))
        response = self.client.get(reverse("cijfers:gebied", args=["basisteam-bes"]))
        html = response.content.decode()
        noot = html.split('id="berekend-basisteam"')[1].split("</p>")[0]
        self.assertIn("alleen aantallen", noot)
        self.assertIn("berekend", noot)
        baarn = self.client.get(reverse("cijfers:gebied", args=["baarn"])).content.decode()
        self.assertNotIn('id="berekend-basisteam"', baarn)
