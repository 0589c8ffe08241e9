import pandas as pd
from django.test import SimpleTestCase

from cijfers import trends
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


class BandEnToevalTest(SimpleTestCase):
    def test_banden_van_de_bron(self):
        self.assertEqual(trends.band(-10), trends.DALING)
        self.assertEqual(trends.band(-9), trends.STABIEL)
        self.assertEqual(trends.band(0), trends.STABIEL)
        self.assertEqual(trends.band(9), trends.STABIEL)
        self.assertEqual(trends.band(10), trends.STIJGING)
        self.assertIsNone(trends.band(None))

    def test_toeval_bij_kleine_aantallen(self):
        # Eemnes zeden 1 -> 2: +100%, maar |1-2|/sqrt(3) = 0,58: toeval.
        self.assertAlmostEqual(trends.toevalsindex(1, 2), 1 / 3**0.5)
        self.assertTrue(trends.binnen_toeval(1, 2))
        # Baarn woninginbraken 138 -> 188: 50/sqrt(326) = 2,77: geen toeval.
        self.assertFalse(trends.binnen_toeval(138, 188))
        self.assertFalse(trends.binnen_toeval(0, 0))
        self.assertIsNone(trends.toevalsindex(0, 0))
        self.assertIsNone(trends.toevalsindex(None, 3))

    def test_cel_weergave_met_cbs_tekens(self):
        self.assertEqual(trends.cel_weergave(1238, "definitief"), "1.238")
        self.assertEqual(trends.cel_weergave(12, "voorlopig"), "12*")
        self.assertEqual(trends.cel_weergave(None, "geheim"), "x")
        self.assertEqual(trends.cel_weergave(None, None), ".")
        self.assertEqual(trends.cel_weergave(0, "definitief"), "0")


def _records():
    return [
        {
            "gebied": 1,
            "categorie": 10,
            "jaar": 2017,
            "periode": "2017",
            "waarde": 4,
            "status": "definitief",
        },
        {
            "gebied": 1,
            "categorie": 10,
            "jaar": 2018,
            "periode": "2018",
            "waarde": 6,
            "status": "voorlopig",
        },
        {
            "gebied": 1,
            "categorie": 11,
            "jaar": 2017,
            "periode": "2017",
            "waarde": 0,
            "status": "definitief",
        },
        {
            "gebied": 1,
            "categorie": 11,
            "jaar": 2018,
            "periode": "2018",
            "waarde": 3,
            "status": "definitief",
        },
        {
            "gebied": 1,
            "categorie": 12,
            "jaar": 2018,
            "periode": "2018",
            "waarde": None,
            "status": "geheim",
        },
        {
            "gebied": 1,
            "categorie": 10,
            "jaar": 2018,
            "periode": "2018-01",
            "waarde": 1,
            "status": "definitief",
        },
    ]


class FrameTest(SimpleTestCase):
    def test_alleen_jaarcijfers(self):
        frame = trends.jaarframe(_records())
        self.assertEqual(len(frame), 5)
        self.assertNotIn("periode", frame.columns)

    def test_breed_vult_niets_aan(self):
        frame = trends.jaarframe(_records())
        waarden, statussen = trends.breed(frame, [10, 11, 12, 13], [2017, 2018])
        self.assertEqual(waarden.at[10, 2018], 6)
        self.assertEqual(waarden.at[11, 2017], 0)
        self.assertTrue(pd.isna(waarden.at[12, 2017]))  # ontbreekt: geen rij
        self.assertTrue(pd.isna(waarden.at[12, 2018]))  # geheim: rij zonder waarde
        self.assertEqual(statussen.at[12, 2018], "geheim")
        self.assertTrue(pd.isna(statussen.at[12, 2017]))
        self.assertTrue(waarden.loc[13].isna().all())  # gevraagde rij zonder cijfers
        self.assertEqual(list(waarden.index), [10, 11, 12, 13])

    def test_breed_weigert_een_dubbel_cijfer(self):
        frame = trends.jaarframe(_records())
        dubbel = pd.concat([frame, frame.iloc[:1]], ignore_index=True)
        with self.assertRaises(ValueError):
            trends.breed(dubbel, [10], [2018])

    def test_breed_op_lege_frame(self):
        waarden, statussen = trends.breed(trends.jaarframe([]), [1, 2], [2018])
        self.assertEqual(waarden.shape, (2, 1))
        self.assertTrue(waarden.isna().all().all())

    def test_veranderingen(self):
        frame = trends.jaarframe(_records())
        waarden, _ = trends.breed(frame, [10, 11, 12], [2017, 2018])
        v = trends.veranderingen(waarden, 2017, 2018)
        self.assertEqual(v.at[10, "verschil"], 2)
        self.assertEqual(v.at[10, "procent"], 50)
        self.assertEqual(v.at[10, "band"], trends.STIJGING)
        self.assertTrue(v.at[10, "toeval"])  # 2/sqrt(10) = 0,63
        self.assertEqual(v.at[11, "verschil"], 3)
        self.assertTrue(pd.isna(v.at[11, "procent"]))  # vanaf nul: geen percentage
        self.assertTrue(pd.isna(v.at[12, "verschil"]))
        self.assertFalse(v.at[12, "toeval"])

    def test_veranderingen_zonder_vorig_jaar(self):
        waarden, _ = trends.breed(trends.jaarframe(_records()), [10], [2018])
        v = trends.veranderingen(waarden, 2017, 2018)
        self.assertTrue(pd.isna(v.at[10, "procent"]))

    def test_restant_ontbreekt_als_een_deel_ontbreekt_en_kan_negatief(self):
        totaal = pd.DataFrame({2018: [100, 50, 10]}, index=pd.Index([1, 2, 3], name="categorie"))
        index = pd.MultiIndex.from_tuples(
            [(7, 1), (8, 1), (7, 2), (8, 2), (7, 3), (8, 3)], names=["gebied", "categorie"]
        )
        delen = pd.DataFrame({2018: [30, 20, 25, None, 8, 9]}, index=index).astype("Int64")
        rest = trends.restant(totaal.astype("Int64"), delen)
        self.assertEqual(rest.at[1, 2018], 50)
        self.assertTrue(pd.isna(rest.at[2, 2018]))
        self.assertEqual(rest.at[3, 2018], -7)

    def test_trendrijen(self):
        frame = trends.jaarframe(_records())
        waarden, statussen = trends.breed(frame, [10, 12], [2017, 2018])
        v = trends.veranderingen(waarden, 2017, 2018)
        rijen = trends.trendrijen(
            [(10, {"categorie": "a"}), (12, {"categorie": "b"})],
            waarden,
            statussen,
            v,
            {10: {"regio": -15}},
        )
        self.assertEqual(rijen[0]["j2018"], 6)
        self.assertEqual(rijen[0]["statussen"][2018], "voorlopig")
        self.assertEqual(rijen[0]["procent"], 50)
        self.assertEqual(rijen[0]["regio"], -15)
        self.assertIsNone(rijen[1]["j2017"])
        self.assertIsNone(rijen[1]["statussen"][2017])
        self.assertEqual(rijen[1]["statussen"][2018], "geheim")
        self.assertIsNone(rijen[1]["procent"])
