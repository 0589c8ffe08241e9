"""ivp/tekst.py: de opsomming en het telwoord die elke pagina gebruikt."""

from django.test import SimpleTestCase

from ivp.tekst import opsomming, telwoord


class OpsommingTest(SimpleTestCase):
    def test_nul_een_twee_en_meer_namen(self):
        self.assertEqual(opsomming([]), "")
        self.assertEqual(opsomming(["Baarn"]), "Baarn")
        self.assertEqual(opsomming(["Baarn", "Soest"]), "Baarn en Soest")
        self.assertEqual(
            opsomming(n for n in ("Baarn", "De Bilt", "Soest")), "Baarn, De Bilt en Soest"
        )


class TelwoordTest(SimpleTestCase):
    def test_tot_twaalf_voluit_daarboven_in_cijfers(self):
        self.assertEqual([telwoord(n) for n in (2, 5, 12, 13)], ["twee", "vijf", "twaalf", "13"])
