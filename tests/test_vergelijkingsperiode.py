""" "Is dat veel?" (issue 14) met een gemeente die verder is dan Nederland: welke periode wordt
vergeleken (proefverslag, punten 1, 2, 5 en 12).

De steekproef van tests/test_vergelijking.py (woninginbraken per maand van augustus 2022 t/m
september 2024 voor Nederland, Baarn, Soest en de gemeenten A-E; inwoners 2023), met:
- Baarn: ook oktober 2024 (12, voorlopig), september 2024 voorlopig, 24.000 inwoners in 2024;
- Soest: mei 2023 en maart 2024 geheim (het basisteam BES dus ook: teken x);
- Gemeente A: maart 2024 geheim (valt uit de groep van de 12 maanden);
- Baarn mishandeling t/m september 2024 zonder februari 2024, en overval met mei 2024 geheim
  (beide zonder cijfers van Nederland: niet in de tabel van de 12 maanden, met de reden).
Alle uitkomsten zijn hieronder met de hand uitgerekend.
"""

from django.test import SimpleTestCase
from django.urls import reverse

from cijfers import statistiek
from cijfers.models import Bevolking, Cijfer, Vergelijkingsgroep
from cijfers.pagina import inwoners as inwonerspagina
from tests import factories
from tests.test_vergelijking import SteekproefTestCase
from tests.test_volledig import MAANDEN

GEHEIM, VOORLOPIG = Cijfer.Status.GEHEIM, Cijfer.Status.VOORLOPIG


class GemeenteVerderDanNederlandTest(SteekproefTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        baarn, soest, a = (cls.gebieden[c] for c in ("GM0308", "GM0342", "GM9001"))
        bron = factories.bron("Synthetische inwoners")
        Bevolking.objects.create(gebied=baarn, jaar=2024, inwoners=24_000, bron=bron)
        factories.cijfer(baarn, cls.woning, 2024, 12, periode="2024-10", status=VOORLOPIG)
        Cijfer.objects.filter(gebied=baarn, periode="2024-09").update(status=VOORLOPIG)
        Cijfer.objects.filter(gebied=soest, periode__in=["2023-05", "2024-03"]).update(
            status=GEHEIM, waarde=None
        )
        Cijfer.objects.filter(gebied=a, periode="2024-03").update(status=GEHEIM, waarde=None)
        groep = Vergelijkingsgroep.objects.create(gemeente=baarn, methode="Met de hand.")
        groep.leden.set([cls.gebieden[c] for c in ("GM9001", "GM9002", "GM9003")])
        mishandeling = factories.categorie("mishandeling")
        overval = factories.categorie("overval")
        for jaar, maand in MAANDEN:
            periode = f"{jaar}-{maand:02d}"
            if periode != "2024-02":
                factories.cijfer(baarn, mishandeling, jaar, 5, periode=periode)
            geheim = periode == "2024-05"
            status = GEHEIM if geheim else Cijfer.Status.DEFINITIEF
            waarde = None if geheim else 1
            factories.cijfer(baarn, overval, jaar, waarde, periode=periode, status=status)

    def pagina(self):
        return self.client.get(reverse("cijfers:gebied", args=["baarn"]))

    def test_twaalf_maanden_die_nederland_ook_heeft(self):
        response = self.pagina()
        inwoners = response.context["inwoners"]
        (rij,) = inwoners.twaalf_rijen
        # Baarn heeft november 2023 t/m oktober 2024, Nederland alleen t/m september 2024:
        # vergeleken is oktober 2023 t/m september 2024, voor iedereen.
        self.assertEqual((rij.periode, rij.jaar), ("okt 2023-sep 2024", 2024))
        # Baarn: 12 x 12 = 144 op 24.000 (2024) = 6,0 per 1.000; september is voorlopig.
        self.assertEqual((rij.eigen.aantal, rij.eigen.inwoners), (144, 24_000))
        self.assertAlmostEqual(rij.eigen.waarde, 6.0)
        self.assertTrue(rij.voorlopig)
        onder, boven = statistiek.poisson_interval(144)
        self.assertAlmostEqual(onder, 121.44, places=1)
        self.assertAlmostEqual(boven, 169.53, places=1)
        self.assertAlmostEqual(rij.eigen.onder, onder / 24)
        # Nederland: 12 x 6.000 = 72.000 op 18 miljoen = 4,0, interval ±0,03: Baarn hoger.
        self.assertEqual(rij.nederland.aantal, 72_000)
        self.assertAlmostEqual(rij.nederland.waarde, 4.0)
        self.assertEqual(rij.tov_nederland, statistiek.HOGER)
        # Het basisteam: Soest maart 2024 is geheim, dus geen som: x, niet '.'.
        self.assertIsNone(rij.basisteam)
        self.assertIn("basisteam", rij.geheim)
        # De groep zonder A (maart 2024 geheim): B 48 en C 60 per 10.000 = 4,8 en 6,0;
        # mediaan 5,4; als geheel 108 / 20.000 = 5,4.
        self.assertEqual(rij.groep_met_cijfer, 2)
        self.assertEqual((rij.groep_laagste, rij.groep_hoogste), (4.8, 6.0))
        self.assertAlmostEqual(rij.groep_mediaan, 5.4)
        self.assertEqual((rij.groep.aantal, rij.groep.inwoners), (108, 20_000))
        # 5,06-7,06 tegen 108/20 = 4,43-6,52: ze raken elkaar, geen verschil.
        self.assertLess(rij.eigen.onder, rij.groep.boven)
        self.assertIsNone(rij.tov_groep)
        cellen = inwoners.twaalf_tabel.data.data[0]
        self.assertEqual(
            (cellen["aantal"], cellen["per_1000"], cellen["interval"], cellen["basisteam"]),
            ("144*", "6,0*", "5,1-7,1", "x"),
        )
        self.assertEqual((cellen["nederland"], cellen["tov_nederland"]), ("4,0", "▲ hoger"))
        self.assertContains(response, "De laatste 12 maanden: okt 2023-sep 2024")
        self.assertContains(
            response,
            "Van woninginbraken heeft Baarn al cijfers t/m oktober 2024, Nederland nog niet: "
            "vergeleken is okt 2023-sep 2024.",
        )

    def test_categorieen_buiten_de_tabel_met_de_reden(self):
        inwoners = self.pagina().context["inwoners"]
        self.assertEqual([r.categorie.naam for r in inwoners.twaalf_rijen], ["woninginbraken"])
        self.assertIn(
            "Niet in deze tabel, want zonder 12 volledige maanden is er geen som: "
            "mishandeling (februari 2024 ontbreekt) en overval (mei 2024 is geheim).",
            inwoners.twaalf_noten,
        )

    def test_het_jaar_met_een_geheim_basisteam(self):
        inwoners = self.pagina().context["inwoners"]
        rij = next(r for r in inwoners.rijen if r.categorie.naam == "woninginbraken")
        # 2023 (2024 heeft alleen januari t/m oktober): 144 op 25.000 = 5,76; Nederland 4,0.
        self.assertEqual((rij.jaar, rij.eigen.aantal, rij.eigen.inwoners), (2023, 144, 25_000))
        self.assertFalse(rij.voorlopig)
        self.assertEqual(rij.tov_nederland, statistiek.HOGER)
        # Soest mei 2023 geheim: Soest 2023 geheim, de som van het basisteam ook.
        cellen = next(c for c in inwoners.tabel.data.data if c["categorie"] == "woninginbraken")
        self.assertEqual((cellen["basisteam"], cellen["aantal"], cellen["per_1000"]),
                         ("x", "144", "5,8"))  # fmt: skip
        self.assertEqual(inwoners.jaar_noten, [])


class VoorlopigJaarcijferTest(SteekproefTestCase):
    """Baarn heeft een voorlopig jaarcijfer 2024 (30), Nederland geen 2024: vergeleken is 2023.
    Met een jaarcijfer 2024 van Nederland wordt het 2024, met * bij Baarn."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.baarn = cls.gebieden["GM0308"]
        bron = factories.bron("Synthetische inwoners")
        Bevolking.objects.create(gebied=cls.baarn, jaar=2024, inwoners=24_000, bron=bron)
        factories.cijfer(cls.baarn, cls.woning, 2024, 30, status=VOORLOPIG)

    def pagina(self):
        return self.client.get(reverse("cijfers:gebied", args=["baarn"]))

    def test_het_nieuwste_jaar_dat_nederland_ook_heeft(self):
        response = self.pagina()
        inwoners = response.context["inwoners"]
        (rij,) = inwoners.rijen
        # Niet 2024 (alleen Baarn), maar 2023: 144 op 25.000 = 5,76 tegen Nederland 4,0.
        self.assertEqual((rij.jaar, rij.eigen.aantal, rij.eigen.inwoners), (2023, 144, 25_000))
        self.assertAlmostEqual(rij.nederland.waarde, 4.0)
        self.assertEqual(rij.tov_nederland, statistiek.HOGER)
        # Het basisteam in 2023: (144 + 120) / 75.000 = 3,52.
        self.assertAlmostEqual(rij.basisteam.waarde, 3.52)
        zin = (
            "Van woninginbraken heeft Baarn al een voorlopig cijfer over 2024, Nederland nog "
            "niet: vergeleken is 2023."
        )
        self.assertEqual(inwoners.jaar_noten, [zin])
        self.assertContains(response, zin)

    def test_met_nederland_in_2024_het_voorlopige_jaar_met_ster(self):
        nederland = self.gebieden["NL01"]
        factories.cijfer(nederland, self.woning, 2024, 75_000)
        Bevolking.objects.create(
            gebied=nederland, jaar=2024, inwoners=18_000_000, bron=factories.bron("Inwoners NL")
        )
        inwoners = self.pagina().context["inwoners"]
        (rij,) = inwoners.rijen
        # 30 op 24.000 = 1,25 per 1.000; exact interval 20,24-42,83 / 24 = 0,84-1,78.
        self.assertEqual((rij.jaar, rij.eigen.aantal, rij.eigen.inwoners), (2024, 30, 24_000))
        self.assertAlmostEqual(rij.eigen.waarde, 1.25)
        onder, boven = statistiek.poisson_interval(30)
        self.assertAlmostEqual(onder, 20.24, places=1)
        self.assertAlmostEqual(boven, 42.83, places=1)
        self.assertTrue(rij.voorlopig)
        # Nederland 75.000 / 18 miljoen = 4,17: Baarn lager (1,78 < 4,14).
        self.assertAlmostEqual(rij.nederland.waarde, 75_000 / 18_000)
        self.assertEqual(rij.tov_nederland, statistiek.LAGER)
        cellen = inwoners.tabel.data.data[0]
        # De ondergrens 0,84 onder 1 op twee significante cijfers (proefgebruik punt 9; was
        # "0,8" op één decimaal).
        self.assertEqual(
            (cellen["jaar"], cellen["aantal"], cellen["per_1000"], cellen["interval"]),
            ("2024", "30*", "1,3*", "0,84-1,8"),
        )
        self.assertEqual(cellen["tov_nederland"], "▼ lager")
        self.assertEqual(inwoners.jaar_noten, [])


class TwaalfEindeTest(SimpleTestCase):
    """De laatste maand van de vergeleken 12 maanden (inwoners._twaalf_einde), op kleine
    woordenboeken {(jaar, maand): (waarde, status)}."""

    @staticmethod
    def maanden(tot, vanaf=(2023, 1), **afwijkend):
        jaar, maand = vanaf
        uit = {}
        while (jaar, maand) <= tot:
            uit[(jaar, maand)] = afwijkend.get(f"m{jaar}_{maand}", (1, "definitief"))
            jaar, maand = (jaar + 1, 1) if maand == 12 else (jaar, maand + 1)
        return uit

    def test_de_nieuwste_twaalf_die_beide_hebben(self):
        gemeente = self.maanden((2025, 10))
        # Nederland een maand achter: september; zonder maanden van Nederland: oktober.
        self.assertEqual(
            inwonerspagina._twaalf_einde(gemeente, self.maanden((2025, 9)), (2025, 10)),
            (2025, 9),
        )
        self.assertEqual(inwonerspagina._twaalf_einde(gemeente, {}, (2025, 10)), (2025, 10))
        # Een geheime maand bij Nederland in augustus 2025: pas juli 2025 telt (12 eerder).
        nederland = self.maanden((2025, 9), m2025_8=(None, "geheim"))
        self.assertEqual(inwonerspagina._twaalf_einde(gemeente, nederland, (2025, 10)), (2025, 7))
        # Meer dan een half jaar achter (t/m maart 2025): geen vergelijking, de eigen 12.
        self.assertEqual(inwonerspagina.MAANDEN_TERUG, 6)
        self.assertEqual(
            inwonerspagina._twaalf_einde(gemeente, self.maanden((2025, 3)), (2025, 10)),
            (2025, 10),
        )
        self.assertEqual(
            inwonerspagina._twaalf_einde(gemeente, self.maanden((2025, 4)), (2025, 10)),
            (2025, 4),
        )


class TerugvaljarenTest(SteekproefTestCase):
    """Het jaar vóór het nieuwste wordt alleen in de categorie opgehaald die het nodig kan
    hebben (inwoners.terugvaljaren, vergelijking.referentierecords met `extra`)."""

    def test_alleen_de_categorie_die_terug_kan(self):
        import pandas as pd

        eigen = pd.DataFrame(
            {
                "categorie": [1, 1, 1, 2, 2],
                "jaar": [2022, 2023, 2024, 2023, 2024],
                "waarde": [5, 6, None, 7, 8],
                "inwoners": [100, 100, 100, 100, None],
                "status": ["definitief", "definitief", "geheim", "definitief", "voorlopig"],
            }
        )
        # Categorie 1: 2023 en 2022 (2024 is geheim); 2: alleen 2023 (2024 zonder inwoners).
        self.assertEqual(inwonerspagina._nieuwste_jaren(eigen, 2), {1: [2023, 2022], 2: [2023]})
        self.assertEqual(inwonerspagina.terugvaljaren(eigen, [1, 2], {2023}), {2022: {1}})
        self.assertEqual(inwonerspagina.terugvaljaren(eigen, [2], {2023}), {})
        self.assertEqual(inwonerspagina.terugvaljaren(eigen, [1, 2], {2022, 2023}), {})
        self.assertEqual(inwonerspagina.terugvaljaren(eigen, [1, 2], None), {})

    def test_referentierecords_met_een_extra_jaar_in_een_categorie(self):
        from cijfers import vergelijking

        nederland = self.gebieden["NL01"]
        fiets = factories.categorie("fietsdiefstal")
        factories.cijfer(nederland, fiets, 2022, 500)
        factories.cijfer(nederland, self.woning, 2021, 70_000)
        records, _ = vergelijking.referentierecords(
            [nederland.pk], [self.woning.pk, fiets.pk], {2024}, {2022: {fiets.pk}}
        )
        # 2024: januari t/m september woninginbraken; 2022 alleen fietsdiefstal (niet de vijf
        # maanden woninginbraken van 2022); 2021 niet.
        self.assertEqual(
            sorted((r["jaar"], r["categorie"] == fiets.pk) for r in records),
            [(2022, True)] + [(2024, False)] * 9,
        )
