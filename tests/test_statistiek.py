"""Het exacte Poisson-interval (Garwood) tegen gepubliceerde waarden.

De waarden zijn die van de gangbare tabellen van exacte 95%-intervallen voor een
Poissongemiddelde (bijvoorbeeld Ulm 1990, Am J Epidemiol 131:373; gelijk aan
χ²(0,025; 2k)/2 en χ²(0,975; 2k+2)/2), op drie of vier decimalen.
"""

import numpy as np
from django.test import SimpleTestCase

from cijfers import statistiek
from cijfers.pagina import inwoners

GEPUBLICEERD = {
    0: (0.0, 3.689),
    1: (0.0253, 5.572),
    2: (0.2422, 7.225),
    3: (0.6187, 8.767),
    5: (1.6235, 11.668),
    10: (4.7954, 18.390),
    20: (12.217, 30.888),
    100: (81.364, 121.627),
}


class PoissonIntervalTest(SimpleTestCase):
    def test_gepubliceerde_waarden(self):
        for aantal, (onder, boven) in GEPUBLICEERD.items():
            with self.subTest(aantal=aantal):
                berekend = statistiek.poisson_interval(aantal)
                self.assertAlmostEqual(berekend[0], onder, delta=0.0006)
                self.assertAlmostEqual(berekend[1], boven, delta=0.0006)

    def test_groot_aantal_benadert_de_normale_verdeling(self):
        # Voor k = 250.000 ligt het interval op ± 1,96 √k (binnen een paar tiende).
        onder, boven = statistiek.poisson_interval(250_000)
        self.assertAlmostEqual(onder, 250_000 - 1.96 * 500, delta=2)
        self.assertAlmostEqual(boven, 250_000 + 1.96 * 500, delta=2)

    def test_gamma_p_en_q(self):
        # P(1, x) = 1 - e^-x; P(a, x) + Q(a, x) = 1.
        self.assertAlmostEqual(statistiek.gamma_p(1, 2.0), 1 - 2.718281828459045**-2, places=12)
        for a, x in ((0.5, 0.1), (3, 2.0), (30, 45.0), (1000, 990.0)):
            self.assertAlmostEqual(
                statistiek.gamma_p(a, x) + statistiek.gamma_q(a, x), 1, places=12
            )
        with self.assertRaises(ValueError):
            statistiek.gamma_p(0, 1.0)
        with self.assertRaises(ValueError):
            statistiek.poisson_interval(-1)

    def test_verhouding_per_duizend_met_interval(self):
        # 10 op 20.000 inwoners: 0,5 per 1.000; interval 4,7954/20 - 18,390/20.
        verhouding = statistiek.Verhouding(10, 20_000)
        self.assertEqual(str(verhouding.afgerond), "0.5")
        self.assertAlmostEqual(verhouding.onder, 0.23977, places=4)
        self.assertAlmostEqual(verhouding.boven, 0.9195, places=3)
        self.assertFalse(verhouding.weinig)
        self.assertTrue(statistiek.Verhouding(9, 20_000).weinig)

    def test_hoger_of_lager_alleen_waar_de_intervallen_het_zeggen(self):
        nederland = statistiek.Verhouding(90_000, 18_000_000)  # 5,0 per 1.000
        # 150 op 20.000 = 7,5; interval 6,35-8,80: hoger.
        self.assertEqual(
            statistiek.vergelijk_met(statistiek.Verhouding(150, 20_000), nederland),
            statistiek.HOGER,
        )
        # 12 op 2.000 = 6,0; interval 3,10-10,48: kan toeval zijn.
        self.assertIsNone(statistiek.vergelijk_met(statistiek.Verhouding(12, 2_000), nederland))
        # 40 op 20.000 = 2,0; interval 1,43-2,72: lager.
        self.assertEqual(
            statistiek.vergelijk_met(statistiek.Verhouding(40, 20_000), nederland),
            statistiek.LAGER,
        )
        self.assertIsNone(statistiek.vergelijk_met(None, nederland))


class LeesbaarAfgerondTest(SimpleTestCase):
    def test_onder_1_twee_significante_cijfers(self):
        # Proefgebruik punt 9: 0,120 tegen 0,067 las op één decimaal als 0,1 tegen 0,1.
        gevallen = {
            0.12: "0.12", 0.067: "0.067", 0.0674999: "0.067", 0.05: "0.050",
            0.00012345: "0.00012", 0.9949: "0.99",
            # Afronden over een macht van tien: nog steeds twee significante cijfers.
            0.00996: "0.010", 0.0995: "0.10", 0.00999: "0.010",
            # Wat op twee significante cijfers 1 wordt, op één decimaal; vanaf 1 één decimaal.
            0.996: "1.0", 1.0: "1.0", 5.76: "5.8", 12.25: "12.3", 0: "0.0",
        }  # fmt: skip
        for waarde, verwacht in gevallen.items():
            self.assertEqual(str(statistiek.leesbaar_afgerond(waarde)), verwacht, waarde)
        self.assertEqual(str(statistiek.leesbaar_afgerond(np.float64(0.067))), "0.067")
        with self.assertRaises(ValueError):
            statistiek.leesbaar_afgerond(-0.1)


class ExportafrondingTest(SimpleTestCase):
    def test_drie_decimalen_en_onder_een_tiende_drie_significante_cijfers(self):
        # Proefgebruik 3: de ondergrens bij 1 voorval (0,00053 op de pagina) was 0.001 in de
        # export.
        gevallen = {
            44.3456: 44.346, 1.23456: 1.235, 0.12345: 0.123, 0.0667: 0.0667,
            0.000530123: 0.00053, 0.0: 0.0,
        }  # fmt: skip
        for waarde, verwacht in gevallen.items():
            self.assertEqual(inwoners.exportafronding(waarde), verwacht, waarde)
