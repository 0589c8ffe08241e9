""" "Is dat veel?" (issue 14): per 1.000 inwoners naast Nederland, het basisteam en de
vergelijkingsgroep, met het 95%-interval van Poisson; de groep uit de kerncijfers.

Een kleine landelijke steekproef, met de hand gemaakt (synthetisch, geen echt cijfer):
Nederland, Baarn en Soest (basisteam BES), en vijf andere gemeenten A-E met kerncijfers.
Woninginbraken per maand van augustus 2022 t/m september 2024 (26 maanden; 2022 en 2024
onvolledig), elke maand hetzelfde aantal, dus 2023 = 12 x dat aantal. Inwoners in 2023.
Alle uitkomsten zijn hieronder met de hand uitgerekend.
"""

import csv
import io
import math
import statistics

import openpyxl
from django.core.cache import cache
from django.test import SimpleTestCase, TestCase
from django.urls import reverse

from cijfers import statistiek, vergelijking
from cijfers.models import Bevolking, Categorie, Cijfer, Kerncijfers, Vergelijkingsgroep
from cijfers.pagina import inwoners as inwonerspagina
from ivp.models import Gebied
from tests import factories
from tests import importbestanden as ib
from tests.test_volledig import MAANDEN

# code: (naam, soort, per maand, inwoners 2023, inwoners kerncijfers, adressendichtheid)
STEEKPROEF = {
    "NL01": ("Nederland", Gebied.Soort.LAND, 6_000, 18_000_000, None, None),
    "GM0308": ("Baarn", Gebied.Soort.GEMEENTE, 12, 25_000, 25_000, 1_000),
    "GM0342": ("Soest", Gebied.Soort.GEMEENTE, 10, 50_000, 50_000, 1_200),
    "GM9001": ("Gemeente A", Gebied.Soort.GEMEENTE, 3, 10_000, 24_000, 1_100),
    "GM9002": ("Gemeente B", Gebied.Soort.GEMEENTE, 4, 10_000, 26_000, 900),
    "GM9003": ("Gemeente C", Gebied.Soort.GEMEENTE, 5, 10_000, 20_000, 1_000),
    "GM9004": ("Gemeente D", Gebied.Soort.GEMEENTE, 50, 200_000, 200_000, 3_000),
    "GM9005": ("Gemeente E", Gebied.Soort.GEMEENTE, 1, 5_000, 5_000, 200),
}


def kenmerken():
    return [
        vergelijking.Kenmerken(i, code, inw, dicht)
        for i, (code, (_, soort, _, _, inw, dicht)) in enumerate(STEEKPROEF.items())
        if soort == Gebied.Soort.GEMEENTE
    ]


class StandaardgroepTest(SimpleTestCase):
    def test_afstand_op_log_en_gestandaardiseerd(self):
        # Met de hand: z = (log x - gemiddelde) / standaardafwijking (over de 7 gemeenten).
        rijen = kenmerken()
        log_inw = [math.log(k.inwoners) for k in rijen]
        log_dicht = [math.log(k.dichtheid) for k in rijen]
        g1, s1 = statistics.fmean(log_inw), statistics.pstdev(log_inw)
        g2, s2 = statistics.fmean(log_dicht), statistics.pstdev(log_dicht)
        baarn = ((math.log(25_000) - g1) / s1, (math.log(1_000) - g2) / s2)
        a = ((math.log(24_000) - g1) / s1, (math.log(1_100) - g2) / s2)
        punten = vergelijking.afstanden(rijen)
        self.assertAlmostEqual(punten[1][0], baarn[0])
        self.assertAlmostEqual(punten[1][1], baarn[1])
        groep = vergelijking.standaardgroep(1, rijen, k=3)
        self.assertAlmostEqual(groep[0][1], math.dist(baarn, a))
        # A (24.000; 1.100), B (26.000; 900) en C (20.000; 1.000) liggen het dichtst bij Baarn
        # (25.000; 1.000); Soest (50.000), D (200.000) en E (5.000) niet.
        self.assertEqual({gebied for gebied, _ in groep}, {3, 4, 5})  # A, B, C (Soest is 2)
        self.assertEqual(vergelijking.standaardgroep(99, rijen), [])
        # Met k = 10 de andere zes: een gemeente zit nooit in haar eigen groep.
        self.assertEqual(len(vergelijking.standaardgroep(1, rijen)), 6)


class SteekproefTestCase(TestCase):
    """De steekproef hierboven in de database: woninginbraken per maand, inwoners 2023,
    kerncijfers 2024 en het basisteam BES (Baarn en Soest)."""

    @classmethod
    def setUpTestData(cls):
        cls.woning = factories.categorie("woninginbraken")
        bron = factories.bron("Synthetische inwoners")
        cls.gebieden = {}
        for code, (naam, soort, per_maand, inwoners, kern, dichtheid) in STEEKPROEF.items():
            gebied = factories.gebied(naam, soort=soort, cbs_code=code)
            cls.gebieden[code] = gebied
            for jaar, maand in MAANDEN:
                factories.cijfer(gebied, cls.woning, jaar, per_maand, periode=f"{jaar}-{maand:02d}")
            Bevolking.objects.create(gebied=gebied, jaar=2023, inwoners=inwoners, bron=bron)
            if kern:
                Kerncijfers.objects.create(
                    gebied=gebied, jaar=2024, inwoners=kern, adressendichtheid=dichtheid, bron=bron
                )
        team = factories.gebied("Basisteam BES", soort=Gebied.Soort.BASISTEAM)
        team.leden.set([cls.gebieden["GM0308"], cls.gebieden["GM0342"]])


class IsDatVeelTest(SteekproefTestCase):
    def pagina(self):
        return self.client.get(reverse("cijfers:gebied", args=["baarn"]))

    def test_standaardgroep_zonder_opgeslagen_groep(self):
        inwoners = self.pagina().context["inwoners"]
        # Zonder opgeslagen groep: de standaardgroep (k = 10, dus alle zes andere gemeenten).
        self.assertEqual(len(inwoners.groepsnamen), 6)
        self.assertIn("omgevingsadressendichtheid", inwoners.methode)
        # De uitleg noemt het echte aantal leden, niet k (proefgebruik 2: "De 10 gemeenten"
        # onder "De vergelijkingsgroep: 8 gemeenten").
        self.assertTrue(inwoners.methode.startswith("De 6 gemeenten die het meest lijken op Baarn"))
        vergelijking.bereken_groepen([self.gebieden["GM0308"]])
        inwoners = self.pagina().context["inwoners"]
        self.assertTrue(inwoners.methode.startswith("De 6 gemeenten die het meest lijken op Baarn"))

    def test_per_duizend_met_nederland_basisteam_en_groep(self):
        baarn = self.gebieden["GM0308"]
        self.assertEqual(vergelijking.bereken_groepen([baarn], k=3), 1)
        response = self.pagina()
        inwoners = response.context["inwoners"]
        self.assertEqual(inwoners.groepsnamen, ["Gemeente A", "Gemeente B", "Gemeente C"])
        (rij,) = inwoners.rijen
        # 2023 is het enige volledige jaar: 12 x 12 = 144 op 25.000 inwoners = 5,76 per 1.000.
        self.assertEqual((rij.jaar, rij.eigen.aantal, rij.eigen.inwoners), (2023, 144, 25_000))
        self.assertEqual(str(rij.eigen.afgerond), "5.8")
        # Exact interval voor 144: 121,44-169,53 (χ²-kwantielen / 2), gedeeld door 25.
        self.assertAlmostEqual(rij.eigen.onder, 4.8577, places=3)
        self.assertAlmostEqual(rij.eigen.boven, 6.7813, places=3)
        # Nederland 12 x 6.000 = 72.000 op 18 miljoen = 4,0 (interval 3,97-4,03).
        self.assertAlmostEqual(rij.nederland.waarde, 4.0)
        # Het basisteam: (144 + 12 x 10) / (25.000 + 50.000) = 264 / 75 = 3,52.
        self.assertAlmostEqual(rij.basisteam.waarde, 3.52)
        # De groep: A 36, B 48, C 60 per 10.000 = 3,6 / 4,8 / 6,0; mediaan 4,8; als geheel
        # 144 / 30.000 = 4,8 met interval 121,44/30-169,53/30 = 4,05-5,65.
        self.assertEqual((rij.groep_mediaan, rij.groep_laagste, rij.groep_hoogste), (4.8, 3.6, 6.0))
        self.assertAlmostEqual(rij.groep.onder, 4.048, places=3)
        # Hoger dan Nederland (4,86 > 4,03), geen verschil met de groep (4,86 < 5,65).
        self.assertEqual((rij.tov_nederland, rij.tov_groep), (statistiek.HOGER, None))
        self.assertContains(response, "▲ hoger")
        self.assertContains(response, "geen verschil aangetoond")
        self.assertContains(response, "4,9-6,8")  # het interval op de pagina
        self.assertContains(response, "4,8 (3,6-6,0; 3 gemeenten)")
        self.assertContains(response, 'id="voetnoot-hoger"')
        self.assertContains(response, "Gemeente A, Gemeente B, Gemeente C")
        # Het paneel "vergeleken met": Baarn met interval, Nederland en de groep, als index
        # t.o.v. Nederland (proefgebruik punt 9; was per 1.000 inwoners): Baarn 5,76 / 4,0 x
        # 100 = 144, Nederland 100, de groep 4,8 / 4,0 x 100 = 120.
        groep, nederland, baarn = response.context["inwoners"].paneel.figuur["data"]
        self.assertEqual((baarn["x"], nederland["x"], groep["x"]), ([144.0], [100.0], [120.0]))
        self.assertEqual(baarn["error_x"]["arrayminus"], [round((5.76 - 4.857657) * 25, 3)])
        self.assertEqual(groep["error_x"]["array"], [30.0])  # (6,0 - 4,8) / 4,0 x 100
        # De hover geeft de getallen per 1.000 inwoners.
        self.assertEqual(baarn["customdata"], ["5,8 per 1.000 (4,9-6,8); index 144"])
        self.assertEqual(nederland["customdata"], ["4,0 per 1.000"])
        self.assertContains(response, 'id="vergeleken-data"')
        export = self.client.get(
            reverse("cijfers:gebied", args=["baarn"]), {"_export": "csv", "_tabel": "vergelijking"}
        )
        self.assertIn("▲ hoger", export.content.decode())

    def test_een_aangepaste_groep_blijft_staan(self):
        baarn = self.gebieden["GM0308"]
        groep = Vergelijkingsgroep.objects.create(
            gemeente=baarn, methode="Met de hand.", aangepast=True
        )
        groep.leden.set([self.gebieden["GM9004"]])
        self.assertEqual(vergelijking.bereken_groepen([baarn], k=3), 0)
        inwoners = self.pagina().context["inwoners"]
        self.assertEqual((inwoners.groepsnamen, inwoners.methode), (["Gemeente D"], "Met de hand."))

    def test_weinig_feiten_zegt_het_erbij(self):
        # Gemeente E: 12 x 1 = 12 op 5.000: 2,4 per 1.000 (niet onder 10, dus geen melding);
        # met 9 feiten wel (rechtstreeks getoetst in tests/test_statistiek.py).
        self.assertFalse(statistiek.Verhouding(12, 5_000).weinig)
        self.assertTrue(statistiek.Verhouding(9, 5_000).weinig)

    def test_querytelling(self):
        vergelijking.bereken_groepen([self.gebieden["GM0308"]], k=3)
        cache.clear()
        # Koud: 1 de gegevensversie, 2 het gebied, 3 zijn leden, 4 de categorieën, 5 de
        # cijfers van het gebied (geen gepubliceerde veranderingen: er is maar één volledig
        # jaar), 6 de analyses van hoofdstuk 8 (Gemeenteanalyse: hun halfjaarnoten krijgen
        # een teken in de tabel), en voor "is dat veel?": 7 de prioriteiten van het nieuwste
        # plan van de gemeente met hun gekoppelde categorieën (één query, voor de panelen),
        # 8 Nederland en het basisteam, 9 de leden van het basisteam, 10 de
        # vergelijkingsgroep, 11 haar leden, 12 de cijfers van al die gebieden (alleen de
        # jaren die de vergelijking leest), 13 hun inwonertallen (één query, geen subquery
        # per cijfer); dan 14 de veiligheidsbeleving, 15 de toelichtingen van de gemeente
        # (issue 17), 16 de lokale speerpunten, 17 de herziene cijfers uit het plan.
        with self.assertNumQueries(17):
            self.pagina()
        with self.assertNumQueries(1):
            self.pagina()


class VoorlopigeReferentiesTest(SteekproefTestCase):
    """Proefgebruik: de kolom Basisteam van "is dat veel?" gaf "0,16" zonder '*' terwijl het
    team een voorlopig cijfer meetelde (de cel van de gemeente zelf had wel een '*'). Hier:
    Soest (in het basisteam) december 2023 voorlopig, Gemeente A (in de groep) juni 2023 en
    Nederland januari 2024; Baarn zelf alles definitief."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        vergelijking.bereken_groepen([cls.gebieden["GM0308"]], k=3)  # A, B en C
        for code, periode in (("GM0342", "2023-12"), ("GM9001", "2023-06"), ("NL01", "2024-01")):
            Cijfer.objects.filter(gebied=cls.gebieden[code], periode=periode).update(
                status=Cijfer.Status.VOORLOPIG
            )

    def test_referenties_met_een_voorlopig_cijfer_krijgen_een_ster(self):
        response = self.client.get(reverse("cijfers:gebied", args=["baarn"]))
        inwoners = response.context["inwoners"]
        (jaar,) = inwoners.tabel.data.data
        # 2023: Baarn 144 / 25.000 = 5,8 (definitief); Nederland 72.000 / 18 miljoen = 4,0
        # (2023 definitief); het team (144 + 120) / 75.000 = 3,52 met Soest december
        # voorlopig: 3,5*; de groep A 3,6 (juni voorlopig), B 4,8, C 6,0: mediaan 4,8*.
        self.assertEqual(
            (jaar["aantal"], jaar["per_1000"], jaar["nederland"], jaar["basisteam"]),
            ("144", "5,8", "4,0", "3,5*"),
        )
        self.assertEqual(jaar["groep"], "4,8* (3,6-6,0; 3 gemeenten)")
        # De laatste 12 maanden (okt 2023-sep 2024): Nederland telt januari 2024 mee (4,0*),
        # het team december 2023 (3,5*); juni 2023 van A valt erbuiten: de groep zonder '*'.
        (twaalf,) = inwoners.twaalf_tabel.data.data
        self.assertEqual(twaalf["jaar"], "okt 2023-sep 2024")
        self.assertEqual(
            (twaalf["per_1000"], twaalf["nederland"], twaalf["basisteam"], twaalf["groep"]),
            ("5,8", "4,0*", "3,5*", "4,8 (3,6-6,0; 3 gemeenten)"),
        )
        self.assertContains(response, "* = voorlopig (het aantal telt een voorlopig cijfer mee)")
        # De export blijft zoals ze was: getallen, de status alleen van Baarns eigen aantal.
        export = self.client.get(
            reverse("cijfers:gebied", args=["baarn"]), {"_export": "csv", "_tabel": "vergelijking"}
        )
        (regel,) = csv.DictReader(io.StringIO(export.content.decode("utf-8-sig")))
        self.assertEqual(
            (regel["Basisteam BES per 1.000"], regel["Status"]), ("3.52", "definitief")
        )


class ZonderInwonersTest(TestCase):
    def test_de_pagina_zegt_welk_bestand(self):
        gebied = factories.gebied("Proefdorp")
        factories.cijfer(gebied, factories.categorie("proef"), 2023, 5)
        response = self.client.get(reverse("cijfers:gebied", args=["proefdorp"]))
        self.assertContains(response, "Importeer het aantal inwoners")
        self.assertContains(response, "BevolkingOp1Januari_1")


class TwaalfMaandenTest(SteekproefTestCase):
    """Issue 14, punt 3: per 1.000 inwoners over de laatste 12 volledige maanden (oktober 2023
    t/m september 2024), met de inwoners van het nieuwste bekende jaar."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        bron = factories.bron("Synthetische inwoners")
        # Baarn heeft ook 2024: 24.000 inwoners. De anderen alleen 2023.
        Bevolking.objects.create(
            gebied=cls.gebieden["GM0308"], jaar=2024, inwoners=24_000, bron=bron
        )
        # Gemeente B mist maart 2024: geen 12 volledige maanden, dus niet in de groep.
        Cijfer.objects.filter(gebied=cls.gebieden["GM9002"], periode="2024-03").delete()
        groep = Vergelijkingsgroep.objects.create(gemeente=cls.gebieden["GM0308"], methode="Hand.")
        groep.leden.set([cls.gebieden[c] for c in ("GM9001", "GM9002", "GM9003")])

    def test_twaalf_maanden_met_nieuwste_inwoners(self):
        response = self.client.get(reverse("cijfers:gebied", args=["baarn"]))
        inwoners = response.context["inwoners"]
        (rij,) = inwoners.twaalf_rijen
        self.assertEqual(rij.periode, "okt 2023-sep 2024")
        # Baarn: 12 x 12 = 144 op 24.000 (2024, het nieuwste jaar) = 6,0 per 1.000; exact
        # interval 121,44-169,53 gedeeld door 24 = 5,06-7,06.
        self.assertEqual((rij.eigen.aantal, rij.eigen.inwoners), (144, 24_000))
        self.assertAlmostEqual(rij.eigen.waarde, 6.0)
        self.assertAlmostEqual(rij.eigen.onder, 121.44 / 24, places=2)
        self.assertAlmostEqual(rij.eigen.boven, 169.53 / 24, places=2)
        # Nederland 72.000 op 18 miljoen (2023) = 4,0: hoger (5,06 > 4,03).
        self.assertAlmostEqual(rij.nederland.waarde, 4.0)
        self.assertEqual(rij.tov_nederland, statistiek.HOGER)
        # Basisteam: (144 + 120) / (24.000 + 50.000) = 264 / 74 = 3,5676.
        self.assertAlmostEqual(rij.basisteam.waarde, 264 / 74)
        # De groep zonder B: A 36/10.000 = 3,6 en C 60/10.000 = 6,0; mediaan 4,8; als geheel
        # 96 / 20.000 = 4,8 met interval 77,76/20-117,24/20 = 3,89-5,86 (χ²-kwantielen / 2,
        # benaderd met Wilson-Hilferty): raakt dat van Baarn (5,06-7,06), dus geen verschil.
        self.assertEqual((rij.groep_mediaan, rij.groep_laagste, rij.groep_hoogste), (4.8, 3.6, 6.0))
        self.assertEqual(rij.groep_met_cijfer, 2)
        self.assertAlmostEqual(rij.groep.onder, 3.888, places=2)
        self.assertIsNone(rij.tov_groep)
        self.assertEqual(inwoners.inwonersjaren, [2023, 2024])
        self.assertContains(response, "De laatste 12 maanden: okt 2023-sep 2024")
        self.assertContains(
            response, "nieuwste jaar waarvan het aantal inwoners bekend is (2023, 2024)"
        )
        rijen = inwoners.twaalf_tabel.data.data
        self.assertEqual((rijen[0]["per_1000"], rijen[0]["interval"]), ("6,0", "5,1-7,1"))
        export = self.client.get(
            reverse("cijfers:gebied", args=["baarn"]), {"_export": "csv", "_tabel": "twaalf"}
        )
        self.assertIn("okt 2023-sep 2024", export.content.decode())
        # Proefgebruik punt 6: de export geeft getallen in eigen kolommen (geen "6,0" of
        # "5,1-7,1" als tekst), met drie decimalen en de status van het aantal.
        (regel,) = csv.DictReader(io.StringIO(export.content.decode("utf-8-sig")))
        self.assertNotIn("95%-interval", regel)  # de tekstkolom van het scherm niet
        getallen = {
            "Aantal": "144", "Status": "definitief", "Per 1.000 inwoners": "6.0",
            "95%-interval: ondergrens": str(round(121.44 / 24, 3)),
            "Nederland per 1.000": "4.0", "Basisteam BES per 1.000": str(round(264 / 74, 3)),
            "Groep als geheel per 1.000": "4.8", "Groep: mediaan per 1.000": "4.8",
            "Groep: laagste per 1.000": "3.6", "Groep: hoogste per 1.000": "6.0",
            "Groep: gemeenten met een cijfer": "2",
        }  # fmt: skip
        self.assertEqual({k: regel[k] for k in getallen}, getallen)
        self.assertAlmostEqual(float(regel["95%-interval: bovengrens"]), 169.53 / 24, places=2)
        xlsx = self.client.get(
            reverse("cijfers:gebied", args=["baarn"]), {"_export": "xlsx", "_tabel": "twaalf"}
        )
        blad = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
        kop = [c.value for c in blad[1]]
        waarden = dict(zip(kop, [c.value for c in blad[2]], strict=True))
        self.assertEqual((waarden["Aantal"], waarden["Per 1.000 inwoners"]), (144, 6.0))
        # Het jaar blijft 2023, met de inwoners van 2023 (25.000): 5,76.
        self.assertAlmostEqual(inwoners.rijen[0].eigen.waarde, 5.76)


class OpDezePaginaEnBronnenTest(TwaalfMaandenTest):
    """Proefgebruik 30-11-2026: een regel "Op deze pagina" bovenaan met een link naar "Is dat
    veel?", de uitkomst in woorden onder het kopje, en als bron van de vergeleken aantallen
    alleen die van de vergeleken cijfers (niet een plantabel van 2018 uit de trendtabel)."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        plan = factories.bron("Plantabel Baarn 2015-2018 (test)")
        factories.cijfer(cls.gebieden["GM0308"], cls.woning, 2018, 150, bron=plan)

    def test_links_samenvatting_en_bronnen(self):
        url = reverse("cijfers:gebied", args=["baarn"])
        html = self.client.get(url).content.decode()
        nav = html.split('id="op-deze-pagina"')[1].split("</nav>")[0]
        self.assertIn('<a href="#kop-trend">', nav)
        self.assertIn('<a href="#kop-veel">Is dat veel?</a>', nav)
        self.assertNotIn("#kop-vergelijking", nav)  # geen basisteam
        # De links staan boven de trendtabel.
        self.assertLess(html.index('id="op-deze-pagina"'), html.index('id="kop-trend"'))
        # Jaar 2023 en de 12 maanden (zie TwaalfMaandenTest): hoger dan Nederland, geen
        # verschil met de groep; de 12 maanden gaan voor.
        samenvatting = html.split('id="samenvatting-veel"')[1].split("</div>")[0]
        self.assertIn(
            "Hoger dan Nederland, waarschijnlijk geen toeval: woninginbraken (laatste 12 maanden).",
            samenvatting,
        )
        self.assertIn(
            "Bij de vergeleken categorie is geen verschil met de vergelijkingsgroep aangetoond",
            samenvatting,
        )
        # De trendtabel noemt de plantabel, de regels van "Is dat veel?" niet.
        self.assertIn("Plantabel Baarn 2015-2018 (test)", html.split('id="kop-trend"')[1])
        for anker in ("bron-is-dat-veel", "bron-is-dat-veel-twaalf"):
            with self.subTest(anker=anker):
                regel = html.split(f'id="{anker}"')[1].split("</p>")[0]
                self.assertIn(f"Bron aantallen: {factories.SYNTHETISCH}; bron inwoners", regel)
                self.assertNotIn("Plantabel", regel)
        for tabel in ("vergelijking", "twaalf"):
            with self.subTest(tabel=tabel):
                export = self.client.get(url, {"_export": "csv", "_tabel": tabel})
                (regel, *_) = csv.DictReader(io.StringIO(export.content.decode("utf-8-sig")))
                self.assertTrue(regel["Bron"].startswith("berekend per 1.000 inwoners"))
                self.assertIn(factories.SYNTHETISCH, regel["Bron"])
                self.assertNotIn("Plantabel", regel["Bron"])


class PanelenPerPrioriteitTest(SteekproefTestCase):
    """Issue 14, punt 5: op de gebiedspagina een compact paneel "vergeleken met" per prioriteit
    van het nieuwste plan van de gemeente, voor haar gekoppelde cijfers."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        from ivp.models import Plan
        from prioriteiten.models import Prioriteit

        baarn = cls.gebieden["GM0308"]
        leeg = factories.categorie("autokraak")  # gekoppeld, maar Baarn heeft er geen cijfers
        for slug, begin, namen in (
            ("oud", 2015, ["Oude prioriteit"]),
            ("nieuw", 2023, ["Woninginbraak", "Zonder cijfers"]),
        ):
            plan = Plan.objects.create(
                naam=f"Plan {slug}", slug=slug, begin_jaar=begin, eind_jaar=begin + 3, bron="s"
            )
            plan.deelnemers.set([baarn])
            for volgorde, naam in enumerate(namen, start=1):
                prioriteit = Prioriteit.objects.create(
                    plan=plan, volgorde=volgorde, naam=naam, slug=f"p{volgorde}", omschrijving="s"
                )
                prioriteit.categorieen.set([leeg] if naam == "Zonder cijfers" else [cls.woning])

    def test_een_paneel_per_prioriteit_van_het_nieuwste_plan(self):
        response = self.client.get(reverse("cijfers:gebied", args=["baarn"]))
        inwoners = response.context["inwoners"]
        # Alleen het nieuwste plan, en alleen een prioriteit met gekoppelde cijfers van Baarn.
        self.assertEqual([p.naam for p, _ in inwoners.panelen], ["Woninginbraak"])
        self.assertIsNone(inwoners.paneel)  # geen los paneel meer naast de panelen
        (_, grafiek) = inwoners.panelen[0]
        groep, nederland, baarn = grafiek.figuur["data"]
        # Baarn 144 / 25.000 = 5,76; Nederland 4,0; de standaardgroep (zes gemeenten):
        # mediaan 3,3 met laagste 2,4 en hoogste 6,0 (zie CategorieVerhoudingenTest).
        # Als index, Nederland = 100: 5,76 / 4 x 100 = 144; 3,3 / 4 x 100 = 82,5 (laagste 60).
        self.assertEqual((baarn["x"], nederland["x"], groep["x"]), ([144.0], [100.0], [82.5]))
        self.assertEqual(groep["error_x"]["arrayminus"], [22.5])  # (3,3 - 2,4) / 4 x 100
        # Over twee regels, zodat er op 390 px as overblijft (proefgebruik punt 9).
        self.assertEqual(baarn["y"], ["woninginbraken<br>(2023)"])
        # De bronregel noemt de bronnen van de vergeleken jaren (hier alleen de synthetische).
        self.assertEqual(
            grafiek.figuur["layout"]["title"]["subtitle"]["text"], f"Bron: {factories.SYNTHETISCH}"
        )
        self.assertContains(response, 'id="vergeleken-p1-data"')
        self.assertContains(response, 'href="/plan/nieuw/prioriteiten/p1/"')
        rij = grafiek.tabel.data.data[0]
        self.assertEqual((rij["per_1000"], rij["tov_nederland"]), ("5,8", "▲ hoger"))

    def test_de_bronregel_van_een_paneel_noemt_alleen_zijn_eigen_cijfers(self):
        from ivp.models import Plan
        from prioriteiten.models import Prioriteit

        # Een tweede gekoppeld cijfer van Baarn uit een andere bron, bij een andere prioriteit.
        fiets = factories.categorie("fietsdiefstal")
        andere = factories.bron("Andere bron (test)")
        factories.cijfer(self.gebieden["GM0308"], fiets, 2023, 50, bron=andere)
        prioriteit = Prioriteit.objects.create(
            plan=Plan.objects.get(slug="nieuw"), volgorde=3, naam="Fietsen", slug="p3",
            omschrijving="s",
        )  # fmt: skip
        prioriteit.categorieen.set([fiets])
        inwoners = self.client.get(reverse("cijfers:gebied", args=["baarn"])).context["inwoners"]
        bronregels = {
            p.naam: (g.figuur["layout"]["title"]["subtitle"]["text"], g.bron)
            for p, g in inwoners.panelen
        }
        self.assertEqual(bronregels["Woninginbraak"][0], f"Bron: {factories.SYNTHETISCH}")
        self.assertNotIn("Andere bron", bronregels["Woninginbraak"][1])
        self.assertEqual(bronregels["Fietsen"][0], "Bron: Andere bron (test)")
        self.assertNotIn(factories.SYNTHETISCH, bronregels["Fietsen"][1])


class NietsTeVergelijkenTest(TestCase):
    """Alleen de inwoners van de gemeente: de pagina zegt dat er nog niets te vergelijken is,
    niet dat er "geen verschil is aangetoond" (proefgebruiker, punt 4)."""

    def test_zonder_nederland_en_groep_niets_te_vergelijken(self):
        gebied = factories.gebied("Baarn", cbs_code="GM0308")
        categorie = factories.categorie("woninginbraken")
        factories.cijfer(gebied, categorie, 2023, 120)
        Bevolking.objects.create(
            gebied=gebied, jaar=2023, inwoners=25000, bron=factories.bron("Synthetische inwoners")
        )
        response = self.client.get(reverse("cijfers:gebied", args=["baarn"]))
        inwoners = response.context["inwoners"]
        self.assertEqual(len(inwoners.rijen), 1)  # 120 / 25.000 = 4,8 per 1.000
        self.assertFalse(inwoners.heeft_vergelijking)
        self.assertContains(response, 'id="voetnoot-niets-te-vergelijken"')
        self.assertNotContains(response, "geen enkel verschil")


class CategorieVerhoudingenTest(SteekproefTestCase):
    """De categoriepagina per 1.000 inwoners (issue 14, punt 5), met de hand nagerekend."""

    def pagina(self, *gebieden):
        url = reverse("cijfers:categorie", args=["woninginbraken"])
        return self.client.get(url, {"gebied": list(gebieden)})

    def test_de_eerste_gemeente_van_de_link_toont_haar_groep(self):
        # Proefgebruik 3: een adviseur van Soest opent ?gebied=soest&gebied=baarn en kreeg de
        # groep van Baarn (de volgorde van de pagina). Nu die van Soest: zonder opgeslagen
        # groep de zes andere gemeenten, met Baarn (144 / 25.000 = 5,76) erin.
        verhoudingen = self.pagina("soest", "baarn").context["verhoudingen"]
        self.assertEqual(verhoudingen.groepsgemeente, "Soest")
        self.assertIn("Baarn", verhoudingen.groepsnamen)
        rijen = {(r["gemeente"], r["jaar"]): r for r in verhoudingen.grafiek.tabel.data.data}
        # De tabel houdt de volgorde van de pagina; nu is Baarn "niet vergeleken".
        self.assertEqual(list(rijen), [("Baarn", "2023"), ("Soest", "2023")])
        self.assertEqual(rijen[("Baarn", "2023")]["tov_groep"], "niet vergeleken")
        self.assertNotEqual(rijen[("Soest", "2023")]["tov_groep"], "niet vergeleken")
        # Een link zet Baarn vooraan om haar groep te tonen (de jaren blijven).
        response = self.pagina("soest", "baarn")
        self.assertEqual(response.context["groepslinks"], [("Baarn", "?gebied=baarn&gebied=soest")])
        self.assertContains(
            response, 'Toon de groep van <a href="?gebied=baarn&amp;gebied=soest">Baarn</a>.'
        )
        # Proefgebruik 3: de categoriepagina vergelijkt volledige jaren; de laatste 12 maanden
        # staan op de gebiedspagina's, en de zin zegt dat en linkt erheen.
        self.assertContains(response, "Deze vergelijking gaat over volledige jaren.")
        self.assertContains(response, '<a href="/gebieden/soest/#is-dat-veel">Soest</a>')
        # Andersom de groep van Baarn (ook uit de cache: de volgorde hoort bij de sleutel).
        self.assertEqual(
            self.pagina("baarn", "soest").context["verhoudingen"].groepsgemeente, "Baarn"
        )
        self.assertEqual(
            self.pagina("soest", "baarn").context["verhoudingen"].groepsgemeente, "Soest"
        )

    def test_lijnen_nederland_en_de_standaardgroep_van_de_eerste_gemeente(self):
        response = self.pagina("baarn", "soest")
        verhoudingen = response.context["verhoudingen"]
        # Alleen 2023 is volledig (2022 vanaf augustus, 2024 t/m september): nooit een
        # gedeeltelijk jaar als jaar.
        self.assertEqual(verhoudingen.jaren, [2023])
        (baarn, (b,)), (soest, (s,)) = verhoudingen.lijnen
        # Baarn 12 x 12 = 144 op 25.000 = 5,76; Soest 12 x 10 = 120 op 50.000 = 2,4.
        self.assertEqual((baarn, b.aantal, b.inwoners), ("Baarn", 144, 25_000))
        self.assertEqual((soest, s.aantal, s.inwoners), ("Soest", 120, 50_000))
        self.assertAlmostEqual(verhoudingen.nederland[0].waarde, 4.0)  # 72.000 / 18 mln
        # De groep van Baarn, de eerste getoonde gemeente: zonder opgeslagen groep alle zes
        # andere gemeenten (k = 10): Soest 2,4; A 3,6; B 4,8; C 6,0; D 600/200.000 = 3,0;
        # E 12/5.000 = 2,4. Mediaan (3,0 + 3,6) / 2 = 3,3; laagste 2,4; hoogste 6,0.
        self.assertEqual(verhoudingen.groepsgemeente, "Baarn")
        self.assertEqual(len(verhoudingen.groepsnamen), 6)
        self.assertAlmostEqual(verhoudingen.mediaan[0], 3.3)
        self.assertEqual((verhoudingen.laagste, verhoudingen.hoogste), ([2.4], [6.0]))
        self.assertEqual(verhoudingen.groep_met_cijfer, [6])
        # De grafiek: band (onder, boven), mediaan, Nederland, Baarn, Soest.
        onder, boven, mediaan, nederland, lijn_baarn, lijn_soest = verhoudingen.grafiek.figuur[
            "data"
        ]
        self.assertEqual((onder["y"], boven["y"], boven["fill"]), ([2.4], [6.0], "tonexty"))
        self.assertEqual((mediaan["y"], nederland["y"]), ([3.3], [4.0]))
        self.assertEqual(
            (lijn_baarn["y"], lijn_soest["y"], lijn_baarn["x"]), ([5.76], [2.4], [2023])
        )
        # De tabel achter de grafiek (proefgebruik punt 8; was een rij per lijn, een kolom
        # per jaar, zonder interval of tekens): een rij per jaar en gemeente, zoals de tabel
        # van de gebiedspagina, met eenheid en "berekend".
        rijen = {(r["gemeente"], r["jaar"]): r for r in verhoudingen.grafiek.tabel.data.data}
        self.assertEqual(list(rijen), [("Baarn", "2023"), ("Soest", "2023")])
        baarn, soest = rijen[("Baarn", "2023")], rijen[("Soest", "2023")]
        # Baarn 144: exact interval 121,44-169,53, gedeeld door 25 = 4,86-6,78.
        self.assertEqual((baarn["aantal"], baarn["per_1000"]), ("144", "5,8"))
        self.assertEqual((baarn["interval"], baarn["nederland"]), ("4,9-6,8", "4,0"))
        self.assertEqual(baarn["groep"], "3,3 (2,4-6,0; 6 gemeenten)")
        # Nederland 72.000 op 18 mln: 4,0 met interval 3,97-4,03; 4,86 > 4,03: hoger. De groep
        # als geheel: (120 + 36 + 48 + 60 + 600 + 12) / 285.000 = 876 / 285 = 3,07 per 1.000,
        # interval ongeveer (876 ± 1,96 x √876) / 285 = 2,87-3,28; 4,86 > 3,28: hoger.
        self.assertEqual((baarn["tov_nederland"], baarn["tov_groep"]), ("▲ hoger", "▲ hoger"))
        # Soest 120: interval 99,49-143,5, gedeeld door 50 = 1,99-2,87 < 3,97: lager dan
        # Nederland; met de groep van Baarn niet vergeleken (elke gemeente heeft haar eigen).
        self.assertEqual((soest["per_1000"], soest["interval"]), ("2,4", "2,0-2,9"))
        self.assertEqual(soest["tov_nederland"], "▼ lager")
        self.assertEqual(soest["tov_groep"], "niet vergeleken")
        (_, rij_baarn), _ = verhoudingen.rijen
        self.assertAlmostEqual(rij_baarn.groep.waarde, 876 / 285)
        self.assertContains(response, 'id="per-inwoners-data"')
        self.assertContains(response, 'id="voetnoot-hoger"')
        self.assertContains(response, "Alleen Baarn is met de groep vergeleken")
        self.assertContains(response, "per 1.000 inwoners, op één decimaal (onder 1 op twee")
        self.assertContains(response, "Berekend:")
        # De export geeft getallen in eigen kolommen, zoals op de gebiedspagina.
        url = reverse("cijfers:categorie", args=["woninginbraken"])
        export = self.client.get(
            url, {"gebied": ["baarn", "soest"], "_export": "csv", "_tabel": "verhoudingen"}
        )
        regels = list(csv.DictReader(io.StringIO(export.content.decode("utf-8-sig"))))
        self.assertEqual([r["Gemeente"] for r in regels], ["Baarn", "Soest"])
        self.assertNotIn("95%-interval", regels[0])  # de tekstkolom van het scherm niet
        getallen = {
            "Aantal": "144", "Status": "definitief", "Per 1.000 inwoners": "5.76",
            "95%-interval: ondergrens": str(round(121.44 / 25, 3)),
            "Nederland per 1.000": "4.0", "Groep van Baarn: mediaan per 1.000": "3.3",
            "Groep van Baarn als geheel per 1.000": str(round(876 / 285, 3)),
            "Groep van Baarn: laagste per 1.000": "2.4",
            "Groep van Baarn: hoogste per 1.000": "6.0",
            "Groep van Baarn: gemeenten met een cijfer": "6",
        }  # fmt: skip
        self.assertEqual({k: regels[0][k] for k in getallen}, getallen)
        self.assertNotIn("Basisteam per 1.000", regels[0])
        self.assertIn("berekend per 1.000 inwoners", export.content.decode())
        # De bronnen van de getoonde jaren: de synthetische cijfers, niet meer.
        self.assertEqual(verhoudingen.bronnen_aantallen, [factories.SYNTHETISCH])
        self.assertEqual(verhoudingen.bronnen_inwoners, ["Synthetische inwoners"])
        self.assertContains(response, "Gemeente A, Gemeente B, Gemeente C")

    def test_de_gekozen_gemeente_toont_haar_opgeslagen_groep(self):
        soest = self.gebieden["GM0342"]
        groep = Vergelijkingsgroep.objects.create(gemeente=soest, methode="Met de hand.")
        groep.leden.set([self.gebieden["GM9001"], self.gebieden["GM9004"]])
        verhoudingen = self.pagina("soest").context["verhoudingen"]
        # A 36 / 10.000 = 3,6 en D 600 / 200.000 = 3,0: mediaan 3,3, laagste 3,0, hoogste 3,6.
        self.assertEqual(verhoudingen.groepsgemeente, "Soest")
        self.assertEqual(verhoudingen.groepsnamen, ["Gemeente A", "Gemeente D"])
        self.assertAlmostEqual(verhoudingen.mediaan[0], 3.3)
        self.assertEqual((verhoudingen.laagste, verhoudingen.hoogste), ([3.0], [3.6]))
        self.assertEqual([naam for naam, _ in verhoudingen.lijnen], ["Soest"])

    def test_querytelling(self):
        vergelijking.bereken_groepen([self.gebieden["GM0308"]], k=3)
        # 1 de gegevensversie (de pagina per versie en querystring in de cache), 2 de
        # categorie, 3 de eigen en gekozen gebieden, 4 de leden van het basisteam, 5 de
        # cijfers van de getoonde, 6 de gepubliceerde veranderingen, 7 de toelichtingen van
        # de getoonde gebieden (issue 17); en per 1.000 inwoners: 8 Nederland, 9 de
        # vergelijkingsgroep van Baarn, 10 haar leden, 11 de cijfers van Nederland en de
        # leden in deze categorie in de getoonde jaren, 12 hun inwonertallen; dan 13 de
        # analyses van hoofdstuk 8 van de getoonde gemeenten.
        cache.clear()
        with self.assertNumQueries(13):
            eerste = self.pagina("baarn", "soest")
        # Warm: de pagina uit de cache, alleen de versie: 1 query, dezelfde uitkomst.
        with self.assertNumQueries(1):
            tweede = self.pagina("baarn", "soest")
        velden = ("jaren", "lijnen", "nederland", "mediaan", "groepsnamen", "bronnen_inwoners")
        for veld in velden:
            self.assertEqual(
                getattr(tweede.context["verhoudingen"], veld),
                getattr(eerste.context["verhoudingen"], veld),
            )
        # De export van de tabel per 1.000 inwoners (proefgebruik punt 8), koud: 1 de
        # categorie, 2 de eigen en gekozen gebieden, 3 de leden van het basisteam, 4 de
        # cijfers van de getoonde, 5 de gepubliceerde veranderingen, 6 de toelichtingen (de
        # export staat niet in de cache); dan 7 de gegevensversie (de verhoudingen per
        # versie), 8 Nederland, 9 de groep van Baarn, 10 haar leden, 11 de cijfers van
        # Nederland en de leden, 12 hun inwonertallen. Geen analyses en geen grafiek.
        cache.clear()
        export = {"gebied": ["baarn", "soest"], "_export": "csv", "_tabel": "verhoudingen"}
        url = reverse("cijfers:categorie", args=["woninginbraken"])
        with self.assertNumQueries(12):
            self.client.get(url, export)
        # Warm: 1-6 als hierboven, 7 de gegevensversie; de verhoudingen uit de cache.
        with self.assertNumQueries(7):
            self.client.get(url, export)
        # De export van de trendtabel haalt Nederland en de groep niet op: 6 queries.
        with self.assertNumQueries(6):
            self.client.get(url, {"gebied": ["baarn", "soest"], "_export": "csv"})


class CategorieTabelTekensTest(TestCase):
    """De tabel per 1.000 inwoners van de categoriepagina (proefgebruik punt 8): weinig
    feiten, geheim, voorlopig, twee significante cijfers onder 1, en zonder groep geen
    groepskolommen. Met de hand: Proefstad 5.000 inwoners, Tweestad 10.000, Nederland
    1.000.000, elk jaar."""

    @classmethod
    def setUpTestData(cls):
        cls.categorie = factories.categorie("fietsendiefstal")
        bron = factories.bron("Synthetische inwoners")
        nederland = factories.gebied("Nederland", soort=Gebied.Soort.LAND, cbs_code="NL01")
        proef = factories.gebied("Proefstad", cbs_code="GM9101")
        twee = factories.gebied("Tweestad", cbs_code="GM9102")
        for gebied, inwoners in ((nederland, 1_000_000), (proef, 5_000), (twee, 10_000)):
            for jaar in (2021, 2022, 2023):
                Bevolking.objects.create(gebied=gebied, jaar=jaar, inwoners=inwoners, bron=bron)
        for jaar, aantal in ((2021, 1_000), (2022, 1_000), (2023, 60)):
            factories.cijfer(nederland, cls.categorie, jaar, aantal)
        factories.cijfer(proef, cls.categorie, 2021, 7)
        factories.cijfer(proef, cls.categorie, 2022, None, status=Cijfer.Status.GEHEIM)
        factories.cijfer(proef, cls.categorie, 2023, 40, status=Cijfer.Status.VOORLOPIG)
        for jaar in (2021, 2022, 2023):
            factories.cijfer(twee, cls.categorie, jaar, 50)

    def test_tekens_en_decimalen(self):
        url = reverse("cijfers:categorie", args=[self.categorie.slug])
        response = self.client.get(url, {"gebied": ["proefstad", "tweestad"]})
        tabel = response.context["verhoudingen"].grafiek.tabel
        rijen = {(r["gemeente"], r["jaar"]): r for r in tabel.data.data}
        # 2021: 7 op 5.000 = 1,4; exact interval 2,81-14,42, gedeeld door 5 = 0,56-2,9 (onder 1
        # twee significante cijfers). Nederland 1.000 op 1 mln = 1,0 (0,94-1,06): overlapt.
        eerste = rijen[("Proefstad", "2021")]
        self.assertEqual(eerste["per_1000"], "1,4 (uit 7: minder dan 10)")
        self.assertEqual(eerste["interval"], "0,56-2,9")
        self.assertEqual(eerste["tov_nederland"], "geen verschil aangetoond")
        # 2022 geheim: x, geen vergelijking; Nederland wel.
        geheim = rijen[("Proefstad", "2022")]
        self.assertEqual((geheim["aantal"], geheim["per_1000"], geheim["interval"]), ("x",) * 3)
        self.assertEqual((geheim["nederland"], geheim["tov_nederland"]), ("1,0", "."))
        # 2023 voorlopig: 40 op 5.000 = 8,0*; interval 28,58-54,47 / 5 = 5,7-10,9. Nederland
        # 60 op 1 mln = 0,060 (interval 0,046-0,077): hoger.
        voorlopig = rijen[("Proefstad", "2023")]
        self.assertEqual((voorlopig["aantal"], voorlopig["per_1000"]), ("40*", "8,0*"))
        self.assertEqual(voorlopig["interval"], "5,7-10,9")
        self.assertEqual(voorlopig["nederland"], "0,060")
        self.assertEqual(voorlopig["tov_nederland"], "▲ hoger")
        self.assertEqual(voorlopig["x_status"], "voorlopig")
        # Tweestad 50 op 10.000 = 5,0 (3,7-6,6), hoger dan 1,06.
        self.assertEqual(rijen[("Tweestad", "2022")]["tov_nederland"], "▲ hoger")
        # Zonder kerncijfers geen groep: geen groepskolommen.
        self.assertNotIn("groep", [k.name for k in tabel.columns])
        self.assertNotIn("tov_groep", [k.name for k in tabel.columns])
        self.assertContains(response, 'Bij "minder dan 10" is het aantal te klein')
        # De grafiek: de hover zoals de tabel (0,060, niet "0,1"), de y-as zonder vaste
        # decimaal (proefgebruik punt 9).
        figuur = response.context["verhoudingen"].grafiek.figuur
        nederland = next(t for t in figuur["data"] if t["name"] == "Nederland")
        self.assertEqual(nederland["customdata"], ["1,0", "1,0", "0,060"])
        self.assertEqual(figuur["layout"]["yaxis"]["tickformat"], ",~g")
        self.assertContains(response, 'id="voetnoot-hoger"')
        export = self.client.get(
            url, {"gebied": ["proefstad", "tweestad"], "_export": "csv", "_tabel": "verhoudingen"}
        )
        regels = {
            (r["Gemeente"], r["Jaar"]): r
            for r in csv.DictReader(io.StringIO(export.content.decode("utf-8-sig")))
        }
        self.assertEqual(regels[("Proefstad", "2022")]["Aantal"], "x")
        self.assertEqual(regels[("Proefstad", "2022")]["Per 1.000 inwoners"], "x")
        self.assertEqual(regels[("Proefstad", "2023")]["Nederland per 1.000"], "0.06")
        self.assertEqual(regels[("Proefstad", "2021")]["Per 1.000 inwoners"], "1.4")


CATEGORIEEN = ["woninginbraken", "geweld: zeden", "fietsdiefstal", "winkeldiefstal", "overval"]
CATEGORIEEN += ["a", "bb"]


class SamenvattingTest(SimpleTestCase):
    """Proefgebruik 30-11-2026, punt 1: onder "Is dat veel?" de uitkomst in woorden, ook als er
    verschillen zijn; per categorie de rij van de 12 maanden als die er een heeft."""

    def rij(self, naam, aantal, nederland=None, groep=None, periode="", jaar=2025):
        """Een Vergelijkingsrij van `aantal` op 10.000 inwoners naast Nederland en de groep
        (aantallen op 10.000 inwoners), met tov_* uit statistiek.vergelijk_met."""
        eigen = statistiek.Verhouding(aantal, 10_000)
        ned = statistiek.Verhouding(nederland, 10_000) if nederland is not None else None
        grp = statistiek.Verhouding(groep, 10_000) if groep is not None else None
        return inwonerspagina.Vergelijkingsrij(
            categorie=Categorie(pk=CATEGORIEEN.index(naam), naam=naam), jaar=jaar, eigen=eigen, nederland=ned,
            groep=grp, tov_nederland=statistiek.vergelijk_met(eigen, ned),
            tov_groep=statistiek.vergelijk_met(eigen, grp), periode=periode,
        )  # fmt: skip

    def test_hoger_lager_en_de_rest(self):
        # 200 tegen 100 op 10.000: intervallen 173-230 en 81-122 raken elkaar niet: hoger.
        # 50 tegen 100: 37-66 en 81-122: lager. 100 tegen 105: overlap, geen verschil.
        jaar = [
            self.rij("woninginbraken", 100, nederland=100, groep=100),
            self.rij("geweld: zeden", 200, nederland=100, groep=190),
            self.rij("fietsdiefstal", 50, nederland=100, groep=100),
            self.rij("winkeldiefstal", 100, nederland=105),
            self.rij("overval", 100),  # zonder Nederland: telt niet mee
        ]
        # De 12 maanden gaan voor het jaar: woninginbraken daar hoger dan Nederland.
        twaalf = [
            self.rij("woninginbraken", 200, nederland=100, periode="okt 2025-sep 2026", jaar=2026)
        ]
        self.assertEqual(
            inwonerspagina.samenvatting(jaar, twaalf),
            [
                "Hoger dan Nederland, waarschijnlijk geen toeval: woninginbraken (laatste 12 maanden), "
                "geweld: zeden (2025).",
                "Lager dan Nederland, waarschijnlijk geen toeval: fietsdiefstal (2025).",
                "Bij de andere categorie is geen verschil met Nederland aangetoond: het kan "
                "toeval zijn.",
                # De groep: de 12 maanden hebben er geen, dus het jaar van woninginbraken.
                "Lager dan de vergelijkingsgroep, waarschijnlijk geen toeval: fietsdiefstal (2025).",
                "Bij de andere 2 categorieën is geen verschil met de vergelijkingsgroep "
                "aangetoond: het kan toeval zijn.",
            ],
        )
        # Een basisteam staat alleen naast Nederland.
        self.assertEqual(len(inwonerspagina.samenvatting(jaar, twaalf, alleen_nederland=True)), 3)

    def test_geen_verschil_en_niets_te_vergelijken(self):
        rijen = [self.rij("a", 100, nederland=105), self.rij("bb", 100, nederland=95)]
        self.assertEqual(
            inwonerspagina.samenvatting(rijen, [], alleen_nederland=True),
            [
                "Bij geen van de 2 vergeleken categorieën is een verschil met Nederland "
                "aangetoond: het kan telkens toeval zijn."
            ],
        )
        self.assertEqual(inwonerspagina.samenvatting([self.rij("a", 100)], []), [])


class TwaalfMaandenNaamTest(SimpleTestCase):
    def test_kort_en_over_de_jaargrens(self):
        self.assertEqual(inwonerspagina.twaalf_maanden_naam(2024, 9), "okt 2023-sep 2024")
        self.assertEqual(inwonerspagina.twaalf_maanden_naam(2023, 12), "jan-dec 2023")
        self.assertEqual(inwonerspagina.twaalf_maanden_naam(2024, 1), "feb 2023-jan 2024")


class CategorieZonderInwonersTest(TestCase):
    def test_de_pagina_zegt_welk_bestand_zonder_extra_queries(self):
        gebied = factories.gebied("Proefdorp")
        categorie = factories.categorie("proef")
        factories.cijfer(gebied, categorie, 2023, 5)
        url = reverse("cijfers:categorie", args=[categorie.slug])
        # 1 de gegevensversie (de pagina per versie in de cache), 2 de categorie, 3 de
        # gebieden, 4 de cijfers, 5 de veranderingen, 6 de toelichtingen (issue 17), 7 de
        # analyses van hoofdstuk 8: geen inwoners, dus geen queries voor Nederland of de groep.
        with self.assertNumQueries(7):
            response = self.client.get(url, {"gebied": "proefdorp"})
        self.assertIsNone(response.context["verhoudingen"].grafiek)
        self.assertContains(response, "Importeer het aantal inwoners")
        self.assertContains(response, "BevolkingOp1Januari_1")


def _alle_cijfers_met_subqueries(gebied_ids, categorie_ids, jaren=None, extra=None):
    """De oude weg van de referenties: elk cijfer van elk jaar, met het inwonertal per cijfer
    uit CijferQuerySet.records(inwoners=True) (twee subqueries per rij); geen apart nieuwste
    inwonertal (twaalf_maanden_rijen haalt het dan uit de records)."""
    cijfers = Cijfer.objects.filter(gebied__in=gebied_ids, categorie__in=categorie_ids)
    return list(cijfers.records(inwoners=True)), {}


class SnelleWegGelijkAanDeVolledigeTest(SteekproefTestCase):
    """De beperkte ophaling (alleen de jaren die de vergelijking leest, de inwonertallen in
    één query, Verhoudingen als opzoektabel) geeft precies dezelfde vergelijking als de oude
    weg (alle cijfers van alle jaren met een subquery per cijfer), ook met een geheime maand,
    een ontbrekende maand, voorlopige cijfers, een tweede categorie met jaarcijfers en
    inwonertallen van verschillende jaren en bronnen."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        g = cls.gebieden
        andere_bron = factories.bron("Andere inwoners")
        # Inwoners in 2024 (nieuwer dan 2023) voor Baarn, Nederland en A; 2021 voor C.
        for code, jaar, inwoners in (
            ("GM0308", 2024, 24_000),
            ("NL01", 2024, 18_100_000),
            ("GM9001", 2024, 11_000),
            ("GM9003", 2021, 9_000),
        ):
            Bevolking.objects.create(gebied=g[code], jaar=jaar, inwoners=inwoners, bron=andere_bron)
        # C: mei 2023 geheim (dan is 2023 geheim); D: februari 2024 ontbreekt (geen 12
        # maanden); E: maart 2023 voorlopig.
        Cijfer.objects.filter(gebied=g["GM9003"], periode="2023-05").update(
            waarde=None, status=Cijfer.Status.GEHEIM
        )
        Cijfer.objects.filter(gebied=g["GM9004"], periode="2024-02").delete()
        Cijfer.objects.filter(gebied=g["GM9005"], periode="2023-03").update(
            status=Cijfer.Status.VOORLOPIG
        )
        # Een tweede categorie met jaarcijfers 2020-2023; Soest mist 2023 (geen teamsom),
        # Nederland 2023 voorlopig, B 2022 geheim.
        cls.fiets = factories.categorie("fietsendiefstal", volgorde=2)
        for code, gebied in g.items():
            for jaar in range(2020, 2024):
                if code == "GM0342" and jaar == 2023:
                    continue
                velden = {}
                if code == "NL01" and jaar == 2023:
                    velden["status"] = Cijfer.Status.VOORLOPIG
                waarde = None if code == "GM9002" and jaar == 2022 else 100 + jaar % 10
                if waarde is None:
                    velden["status"] = Cijfer.Status.GEHEIM
                factories.cijfer(gebied, cls.fiets, jaar, waarde, **velden)
        groep = Vergelijkingsgroep.objects.create(gemeente=g["GM0308"], methode="Hand.")
        groep.leden.set([g[c] for c in ("GM9001", "GM9002", "GM9003", "GM9004", "GM9005")])

    def _gebiedsvergelijking(self):
        from django.http import QueryDict

        from cijfers import views
        from cijfers.pagina.keuze import keuze_uit

        keuze = keuze_uit(QueryDict(""))
        cijfers, _ = views._per_groep(views._gebiedscijfers("baarn", keuze), keuze)
        return vergelijking.inwonersvergelijking_van(cijfers)

    @staticmethod
    def _samenvatting(uitkomst):
        rijen = [
            (
                r.categorie.pk,
                r.jaar,
                r.periode,
                r.eigen,
                r.nederland,
                r.basisteam,
                r.groep,
                r.groep_mediaan,
                r.groep_laagste,
                r.groep_hoogste,
                r.groep_met_cijfer,
                r.tov_nederland,
                r.tov_groep,
            )
            for r in [*uitkomst.rijen, *uitkomst.twaalf_rijen]
        ]
        return rijen, uitkomst.tabel.data.data, uitkomst.inwonersjaren, uitkomst.bronnen

    def test_gebiedspagina_dezelfde_rijen(self):
        from unittest import mock

        nieuw = self._gebiedsvergelijking()
        with (
            mock.patch.object(vergelijking, "benodigde_jaren", return_value=None),
            mock.patch.object(vergelijking, "referentierecords", _alle_cijfers_met_subqueries),
        ):
            oud = self._gebiedsvergelijking()
        self.assertEqual(self._samenvatting(nieuw), self._samenvatting(oud))
        # De steekproef raakt wat ze moet raken: twee categorieën per jaar, één over 12
        # maanden, een basisteam zonder som in fietsendiefstal 2023 (Soest mist het jaar).
        rijen = {r.categorie.pk: r for r in nieuw.rijen}
        self.assertEqual(rijen[self.fiets.pk].jaar, 2023)
        self.assertIsNone(rijen[self.fiets.pk].basisteam)
        self.assertEqual(len(nieuw.twaalf_rijen), 1)
        self.assertEqual(nieuw.inwonersjaren, [2023, 2024])

    def test_categoriepagina_dezelfde_verhoudingen(self):
        from unittest import mock

        url = reverse("cijfers:categorie", args=["woninginbraken"])
        cache.clear()
        nieuw = self.client.get(url, {"gebied": ["baarn", "soest"]}).context["verhoudingen"]
        with mock.patch.object(vergelijking, "referentierecords", _alle_cijfers_met_subqueries):
            cache.clear()
            oud = self.client.get(url, {"gebied": ["baarn", "soest"]}).context["verhoudingen"]
        velden = ("jaren", "lijnen", "nederland", "mediaan", "laagste", "hoogste")
        for veld in (*velden, "groep_met_cijfer", "bronnen_aantallen", "bronnen_inwoners"):
            self.assertEqual(getattr(nieuw, veld), getattr(oud, veld), veld)
        self.assertEqual(nieuw.groep_met_cijfer, [4])  # C is geheim in 2023, D heeft 2023


class NamenVanDeLedenTest(SteekproefTestCase):
    """Proefgebruik punt 10: een lid dat in geen geïmporteerd bestand een naam heeft, staat er
    met zijn CBS-code en één keer de uitleg; de noot zegt welk bestand de naam geeft."""

    NOOT_EEN = (
        "Van GM9001 staat in de geïmporteerde bestanden alleen de CBS-code. Haar naam komt mee "
        "met CBS' Kerncijfers wijken en buurten met de kolom Gemeentenaam (of Wijken en "
        "buurten als label naast Codering), of de politiecijfers van alle gemeenten met de "
        "naam bij de code (zoals GM0308 Baarn; het commando haal_politiecijfers "
        "--alle-gemeenten haalt ze zo bij het CBS)."
    )

    def pagina(self):
        return self.client.get(reverse("cijfers:gebied", args=["baarn"]))

    def zonder_naam(self, *codes):
        for code in codes:
            Gebied.objects.filter(cbs_code=code).update(naam=code)
        cache.clear()  # update() verhoogt de gegevensversie niet

    def test_een_lid_zonder_naam(self):
        vergelijking.bereken_groepen([self.gebieden["GM0308"]], k=3)  # A, B en C
        self.zonder_naam("GM9001")
        response = self.pagina()
        inwoners = response.context["inwoners"]
        self.assertEqual(
            inwoners.groepsnamen,
            ["Gemeente B", "Gemeente C", "GM9001 (naam niet in de geïmporteerde bestanden)"],
        )
        self.assertEqual(inwoners.groepsnoot, self.NOOT_EEN)
        self.assertContains(response, "De vergelijkingsgroep: 3 gemeenten")
        self.assertContains(
            response, "Gemeente B, Gemeente C, GM9001 (naam niet in de geïmporteerde bestanden)."
        )
        self.assertContains(response, 'id="groep-zonder-naam"')

    def test_twee_leden_zonder_naam_een_keer_uitgelegd(self):
        vergelijking.bereken_groepen([self.gebieden["GM0308"]], k=3)
        self.zonder_naam("GM9002", "GM9001")
        inwoners = self.pagina().context["inwoners"]
        self.assertEqual(
            inwoners.groepsnamen,
            [
                "Gemeente C",
                "GM9001",
                "GM9002 (van deze 2: naam niet in de geïmporteerde bestanden)",
            ],
        )
        self.assertEqual(
            inwoners.groepsnoot,
            "Van GM9001 en GM9002 staan in de geïmporteerde bestanden alleen de CBS-codes. Hun "
            "namen komen mee met CBS' Kerncijfers wijken en buurten met de kolom Gemeentenaam "
            "(of Wijken en buurten als label naast Codering), of de politiecijfers van alle "
            "gemeenten met de naam bij de code (zoals GM0308 Baarn; het commando "
            "haal_politiecijfers --alle-gemeenten haalt ze zo bij het CBS).",
        )

    def test_alle_leden_met_naam_geen_noot(self):
        vergelijking.bereken_groepen([self.gebieden["GM0308"]], k=3)
        response = self.pagina()
        self.assertEqual(response.context["inwoners"].groepsnoot, "")
        self.assertNotContains(response, 'id="groep-zonder-naam"')

    def test_de_naam_uit_de_kerncijfers_staat_daarna_op_de_pagina(self):
        # De standaardgroep (niets opgeslagen): A heet eerst haar code; een kerncijfersbestand
        # met Gemeentenaam_1 noemt haar, en de pagina (nieuwe gegevensversie) toont de naam.
        self.zonder_naam("GM9001")
        self.assertIn(
            "GM9001 (naam niet in de geïmporteerde bestanden)",
            self.pagina().context["inwoners"].groepsnamen,
        )
        ib.importeer(
            b'"WijkenEnBuurten";"Gemeentenaam_1";"Codering_3";"AantalInwoners_5";'
            b'"Omgevingsadressendichtheid_116";"jaar"\r\n'
            b'"GM9001    ";"Gemeente A    ";"GM9001    ";24000;1100;2024\r\n'
        )
        inwoners = self.pagina().context["inwoners"]
        self.assertIn("Gemeente A", inwoners.groepsnamen)
        self.assertEqual(inwoners.groepsnoot, "")

    def test_categoriepagina_ook(self):
        self.zonder_naam("GM9001")
        response = self.client.get(
            reverse("cijfers:categorie", args=["woninginbraken"]), {"gebied": "baarn"}
        )
        verhoudingen = response.context["verhoudingen"]
        self.assertIn("GM9001 (naam niet in de geïmporteerde bestanden)", verhoudingen.groepsnamen)
        self.assertEqual(verhoudingen.groepsnoot, self.NOOT_EEN)


KERNCIJFERSBESTAND = inwonerspagina.KERNCIJFERSBESTAND
BEVOLKINGSBESTAND = inwonerspagina.BEVOLKINGSBESTAND
BEHEER = (
    "Stel de groep met de hand samen in het beheer (Vergelijkingsgroepen: de gemeente, haar "
    "leden en een zin over hoe ze gekozen zijn)"
)


class GeenGroepTest(SteekproefTestCase):
    """Proefgebruik punt 11: kerncijfers geïmporteerd, maar niet (volledig) voor Baarn. De
    pagina zegt dat precies, niet "importeer de kerncijfers"."""

    def pagina(self):
        return self.client.get(reverse("cijfers:gebied", args=["baarn"]))

    def test_baarn_niet_in_de_kerncijfers(self):
        Kerncijfers.objects.filter(gebied=self.gebieden["GM0308"]).delete()
        cache.clear()
        # Koud, zonder opgeslagen groep: als IsDatVeelTest.test_querytelling, maar 10 de
        # (geen) opgeslagen groep, 11 het jaar van de kerncijfers, 12 de kerncijfers (daaruit
        # ook jaar, aantal gemeenten en of Baarn erin staat: geen query extra), 13-18 de rest.
        with self.assertNumQueries(18):
            response = self.pagina()
        inwoners = response.context["inwoners"]
        self.assertEqual(inwoners.groepsnamen, [])
        # Soest en A-E: 6 gemeenten met kerncijfers in 2024.
        zin = (
            "De kerncijfers van het CBS zijn geïmporteerd (2024: 6 gemeenten), maar Baarn staat "
            f"er niet in: daarom is er geen vergelijkingsgroep. {BEHEER}, of importeer "
            f"kerncijfers waarin Baarn staat: {KERNCIJFERSBESTAND}."
        )
        self.assertEqual(inwoners.te_importeren, [zin])
        self.assertNotContains(response, f"Importeer {KERNCIJFERSBESTAND}".replace("'", "&#x27;"))
        self.assertContains(response, "maar Baarn staat er niet in")
        # De rijen blijven: Nederland en het basisteam, zonder groep.
        (rij,) = inwoners.rijen
        self.assertAlmostEqual(rij.nederland.waarde, 4.0)
        self.assertIsNone(rij.groep)

    def test_een_kenmerk_ontbreekt(self):
        Kerncijfers.objects.filter(gebied=self.gebieden["GM0308"]).update(adressendichtheid=None)
        cache.clear()  # update() verhoogt de gegevensversie niet
        inwoners = self.pagina().context["inwoners"]
        self.assertEqual(
            inwoners.te_importeren,
            [
                "De kerncijfers van het CBS zijn geïmporteerd (2024: 7 gemeenten), maar daarin "
                "ontbreekt de omgevingsadressendichtheid van Baarn: daarom is er geen "
                f"vergelijkingsgroep. {BEHEER}, of importeer kerncijfers met de "
                f"omgevingsadressendichtheid van Baarn: {KERNCIJFERSBESTAND}."
            ],
        )
        Kerncijfers.objects.filter(gebied=self.gebieden["GM0308"]).update(inwoners=None)
        cache.clear()
        self.assertIn(
            "maar daarin ontbreken het aantal inwoners en de omgevingsadressendichtheid van Baarn",
            self.pagina().context["inwoners"].te_importeren[0],
        )

    def test_een_groep_zonder_leden_in_het_beheer(self):
        Vergelijkingsgroep.objects.create(gemeente=self.gebieden["GM0308"], methode="Hand.")
        self.assertEqual(
            self.pagina().context["inwoners"].te_importeren,
            [
                "De vergelijkingsgroep van Baarn in het beheer (Vergelijkingsgroepen) heeft geen "
                "leden: kies daar haar leden, of verwijder de groep; dan geldt de standaardgroep "
                f"uit de kerncijfers als Baarn daarin staat; importeer anders {KERNCIJFERSBESTAND}."
            ],
        )

    def test_een_groep_met_de_hand_maakt_de_zin_overbodig(self):
        Kerncijfers.objects.filter(gebied=self.gebieden["GM0308"]).delete()
        groep = Vergelijkingsgroep.objects.create(
            gemeente=self.gebieden["GM0308"], methode="Met de hand.", aangepast=True
        )
        groep.leden.set([self.gebieden["GM9001"]])
        inwoners = self.pagina().context["inwoners"]
        self.assertEqual((inwoners.groepsnamen, inwoners.te_importeren), (["Gemeente A"], []))


class InwonersNietVanDezeGemeenteTest(SteekproefTestCase):
    """Proefgebruik punt 11: inwoners geïmporteerd, maar niet van Proefdorp (of niet in een
    jaar met haar cijfers); Proefdorp staat ook niet in de kerncijfers."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.proefdorp = factories.gebied("Proefdorp", cbs_code="GM9999")
        factories.cijfer(cls.proefdorp, cls.woning, 2023, 40)

    def pagina(self):
        return self.client.get(reverse("cijfers:gebied", args=["proefdorp"]))

    KERNZIN = (
        "De kerncijfers van het CBS zijn geïmporteerd (2024: 7 gemeenten), maar Proefdorp "
        f"staat er niet in: daarom is er geen vergelijkingsgroep. {BEHEER}, of importeer "
        f"kerncijfers waarin Proefdorp staat: {KERNCIJFERSBESTAND}."
    )

    def test_inwoners_van_andere_gemeenten(self):
        inwoners = self.pagina().context["inwoners"]
        # 2023: Baarn, Soest en A-E, 7 gemeenten (Nederland is geen gemeente).
        self.assertEqual(
            inwoners.te_importeren,
            [
                "Het aantal inwoners is geïmporteerd (2023: 7 gemeenten), maar niet dat van "
                "Proefdorp: daarom staan de cijfers van Proefdorp niet per 1.000 inwoners. "
                f"Importeer het aantal inwoners van Proefdorp: {BEVOLKINGSBESTAND}.",
                self.KERNZIN,
            ],
        )
        self.assertEqual(inwoners.rijen, [])

    def test_inwoners_alleen_in_een_jaar_zonder_cijfers(self):
        Bevolking.objects.create(
            gebied=self.proefdorp, jaar=2020, inwoners=8_000, bron=factories.bron("Inwoners")
        )
        self.assertEqual(
            self.pagina().context["inwoners"].te_importeren[0],
            "Het aantal inwoners van Proefdorp is geïmporteerd (nieuwste jaar 2020), maar niet "
            "voor een volledig jaar met cijfers van Proefdorp: daarom staan haar cijfers niet "
            "per 1.000 inwoners. Importeer het aantal inwoners van Proefdorp in de jaren van "
            f"haar cijfers: {BEVOLKINGSBESTAND}.",
        )

    def test_met_kerncijfers_geen_zin_over_de_kerncijfers(self):
        Kerncijfers.objects.create(
            gebied=self.proefdorp,
            jaar=2024,
            inwoners=8_000,
            adressendichtheid=500,
            bron=factories.bron("Kern"),
        )
        (zin,) = self.pagina().context["inwoners"].te_importeren
        self.assertTrue(zin.startswith("Het aantal inwoners is geïmporteerd (2023: 7 gemeenten)"))
