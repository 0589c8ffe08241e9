from django.test import SimpleTestCase

from cijfers.trends import procentuele_verandering


class ProcentueleVeranderingTest(SimpleTestCase):
    def test_afronding_zoals_de_bron(self):
        self.assertEqual(procentuele_verandering(1178, 1089), -8)
        self.assertEqual(procentuele_verandering(7, 17), 143)
        self.assertEqual(procentuele_verandering(2, 1), -50)
        self.assertEqual(procentuele_verandering(8, 9), 13)  # 12,5 wordt 13 (half omhoog)

    def test_vanaf_nul_of_ontbrekend_geen_percentage(self):
        self.assertIsNone(procentuele_verandering(0, 1))
        self.assertIsNone(procentuele_verandering(0, 0))
        self.assertIsNone(procentuele_verandering(None, 4))
        self.assertIsNone(procentuele_verandering(4, None))

    def test_naar_nul_is_min_honderd(self):
        self.assertEqual(procentuele_verandering(6, 0), -100)
