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


# --- jaarframe en halfjaarframe op een voorbeeld met alles erin, tegen een frame met de hand
#
# Gebied 1 en 2, categorie 10 en 11. Wat er in de voorbeeldrecords staat en wat eruit moet komen
# (som van de maanden of halfjaren, alleen als ze er allemaal zijn):
# - 1/10/2019: een opgeslagen jaarcijfer (100) en ook twaalf maanden van 7: het jaarcijfer gaat
#   voor (100, niet 84); de halfjaren zijn 6 x 7 = 42.
# - 1/10/2020: maanden 1..12 met waarde = maandnummer, maand 11 voorlopig: 1 + ... + 12 = 78,
#   voorlopig; H1 = 1 + ... + 6 = 21, H2 = 7 + ... + 12 = 57 (voorlopig). Bronnen: maand 1-6
#   "Politie 2020", 7-12 "Politie 2021"; importbron in maand 1 leeg, daarna "import A".
# - 1/10/2021: maanden 1..11 (december ontbreekt): geen jaar, wel H1 = 6 x 2 = 12.
# - 1/11/2020: een opgeslagen H1 (40) en maanden 1-6 van 5 (30: het opgeslagen halfjaar gaat
#   voor) en 7-12 van 3 met maand 9 geheim: H2 geheim, dus het jaar ook (zonder waarde).
# - 1/11/2021: opgeslagen H1 10 (voorlopig, bron "B; A") en H2 20 (bron "C"): 30, voorlopig,
#   bron "A; B; C".
# - 2/10/2020: twaalf maanden van 10 (120), bron afwisselend " X ;Y" en "Y" ("X; Y"), zonder
#   inwoners: daardoor is de kolom inwoners float64 (zoals DataFrame.from_records over alle
#   records), ook in de rij van het opgeslagen jaar van gebied 1.


def _voorbeeldrecord(gebied, categorie, periode, waarde, status="definitief", **velden):
    record = {
        "gebied": gebied,
        "categorie": categorie,
        "jaar": int(periode[:4]),
        "periode": periode,
        "waarde": waarde,
        "status": status,
        "inwoners": None,
        "inwoners_bron": None,
        "importbron": None,
        "bron_titel": "Plan",
    }
    record.update(velden)
    if record["inwoners"] is not None:
        record["inwoners_bron"] = "bevolking"
    return record


def _voorbeeldrecords():
    r = _voorbeeldrecord
    records = [r(1, 10, "2019", 100, inwoners=4900)]
    records += [
        r(1, 10, f"2019-{m:02d}", 7, inwoners=4900, importbron="import A", bron_titel="Politie")
        for m in range(1, 13)
    ]
    records += [
        r(
            1,
            10,
            f"2020-{m:02d}",
            m,
            "voorlopig" if m == 11 else "definitief",
            inwoners=5000,
            importbron=None if m == 1 else "import A",
            bron_titel="Politie 2020" if m <= 6 else "Politie 2021",
        )
        for m in range(1, 13)
    ]
    records += [
        r(1, 10, f"2021-{m:02d}", 2, inwoners=5100, importbron="import A", bron_titel="Politie")
        for m in range(1, 12)
    ]
    records.append(r(1, 11, "2020-H1", 40, inwoners=5000, bron_titel="Plan H"))
    records += [r(1, 11, f"2020-{m:02d}", 5, inwoners=5000) for m in range(1, 7)]
    records += [
        r(
            1,
            11,
            f"2020-{m:02d}",
            None if m == 9 else 3,
            "geheim" if m == 9 else "definitief",
            inwoners=5000,
            importbron="import B",
            bron_titel="Politie 2020",
        )
        for m in range(7, 13)
    ]
    records.append(r(1, 11, "2021-H1", 10, "voorlopig", inwoners=5100, bron_titel="B; A"))
    records.append(r(1, 11, "2021-H2", 20, inwoners=5100, bron_titel="C"))
    records += [
        r(2, 10, f"2020-{m:02d}", 10, bron_titel=" X ;Y" if m % 2 else "Y") for m in range(1, 13)
    ]
    return records


class JaarframeVoorbeeldTest(SimpleTestCase):
    """jaarframe en halfjaarframe geven precies dit frame: kolommen, volgorde, soorten
    (dtypes), waarden, statussen en bronnen (zie de uitleg bij `_voorbeeldrecords`)."""

    def test_jaarframe(self):
        verwacht = pd.DataFrame(
            {
                # Eerst de opgeslagen jaren, dan de sommen in de volgorde van hun eerste
                # halfjaar (opgeslagen halfjaren vóór sommen van maanden).
                "gebied": pd.Series([1, 1, 1, 1, 2], dtype="int64"),
                "categorie": pd.Series([10, 11, 11, 10, 10], dtype="int64"),
                "jaar": pd.Series([2019, 2020, 2021, 2020, 2020], dtype="int64"),
                "waarde": pd.Series([100, None, 30, 78, 120], dtype="Int64"),
                "status": pd.Series(
                    ["definitief", "geheim", "voorlopig", "voorlopig", "definitief"], dtype="str"
                ),
                "inwoners": pd.Series([4900.0, 5000.0, 5100.0, 5000.0, None], dtype="float64"),
                "inwoners_bron": pd.Series(
                    ["bevolking", "bevolking", "bevolking", "bevolking", None], dtype="str"
                ),
                # De eerste die er is: 1/11/2020 uit H2, 1/10/2020 uit februari.
                "importbron": pd.Series([None, "import B", None, "import A", None], dtype="str"),
                "bron_titel": pd.Series(
                    [
                        "Plan",
                        "Plan H; Politie 2020",
                        "A; B; C",
                        "Politie 2020; Politie 2021",
                        "X; Y",
                    ],
                    dtype="str",
                ),
            }
        )
        pd.testing.assert_frame_equal(
            trends.jaarframe(_voorbeeldrecords()), verwacht, check_exact=True
        )

    def test_jaarframe_zonder_extra_kolommen(self):
        kaal = [
            {k: v for k, v in record.items() if k in trends.KOLOMMEN}
            for record in _voorbeeldrecords()
        ]
        frame = trends.jaarframe(kaal)
        self.assertEqual(list(frame.columns), ["gebied", "categorie", "jaar", "waarde", "status"])
        self.assertEqual(frame["waarde"].tolist(), [100, pd.NA, 30, 78, 120])
        self.assertEqual(str(frame["waarde"].dtype), "Int64")

    def test_halfjaarframe(self):
        verwacht = pd.DataFrame(
            {
                # Eerst de opgeslagen halfjaren, dan de sommen van zes maanden in de volgorde
                # van hun eerste maand; 1/11/2020 H1 uit maanden valt weg (opgeslagen H1),
                # 1/10/2021 H2 mist december.
                "gebied": pd.Series([1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2], dtype="int64"),
                "categorie": pd.Series([11, 11, 11, 10, 10, 10, 10, 10, 11, 10, 10], dtype="int64"),
                "jaar": pd.Series(
                    [2020, 2021, 2021, 2019, 2019, 2020, 2020, 2021, 2020, 2020, 2020],
                    dtype="int64",
                ),
                "helft": pd.Series(
                    ["H1", "H1", "H2", "H1", "H2", "H1", "H2", "H1", "H2", "H1", "H2"], dtype="str"
                ),
                "waarde": pd.Series([40, 10, 20, 42, 42, 21, 57, 12, None, 60, 60], dtype="Int64"),
                "status": pd.Series(
                    ["definitief", "voorlopig", "definitief", "definitief", "definitief"]
                    + ["definitief", "voorlopig", "definitief", "geheim", "definitief"]
                    + ["definitief"],
                    dtype="str",
                ),
            }
        )
        pd.testing.assert_frame_equal(
            trends.halfjaarframe(_voorbeeldrecords()), verwacht, check_exact=True
        )

    def test_volgorde_van_de_records_bepaalt_alleen_de_volgorde(self):
        records = _voorbeeldrecords()
        omgekeerd = trends.jaarframe(list(reversed(records)))
        gewoon = trends.jaarframe(records)
        sleutel = ["gebied", "categorie", "jaar"]
        pd.testing.assert_frame_equal(
            omgekeerd.sort_values(sleutel).reset_index(drop=True),
            gewoon.sort_values(sleutel).reset_index(drop=True),
            check_exact=True,
        )


class MaandenTest(SimpleTestCase):
    def test_maandcijfers_alleen_maanden_per_reeks(self):
        records = [
            _voorbeeldrecord(1, 10, "2020-01", 3),
            _voorbeeldrecord(1, 10, "2020", 40),
            _voorbeeldrecord(1, 10, "2020-H1", 20),
            _voorbeeldrecord(1, 11, "2020-12", None, "geheim"),
            _voorbeeldrecord(1, 10, "2021-02", 4, "voorlopig"),
        ]
        self.assertEqual(
            trends.maandcijfers(records),
            {
                (1, 10): {(2020, 1): (3, "definitief"), (2021, 2): (4, "voorlopig")},
                (1, 11): {(2020, 12): (None, "geheim")},
            },
        )

    def test_voortschrijdende_som_met_gat_en_geheim(self):
        # 2020: maand m heeft waarde m; 2021: januari 5 (voorlopig), februari ontbreekt, maart
        # geheim, april 4, mei 6, juni 7. Som van 3 maanden.
        maanden = {(2020, m): (m, "definitief") for m in range(1, 13)}
        maanden |= {
            (2021, 1): (5, "voorlopig"),
            (2021, 3): (None, "geheim"),
            (2021, 4): (4, "definitief"),
            (2021, 5): (6, "definitief"),
            (2021, 6): (7, "definitief"),
        }
        reeks = trends.voortschrijdende_som(maanden, venster=3)
        self.assertEqual(len(reeks), 18)  # januari 2020 t/m juni 2021, ook de ontbrekende
        self.assertEqual(reeks[:3], [(2020, 1, 1, None), (2020, 2, 2, None), (2020, 3, 3, 6)])
        self.assertEqual(reeks[11], (2020, 12, 12, 33))  # 10 + 11 + 12
        self.assertEqual(reeks[12], (2021, 1, 5, 28))  # 11 + 12 + 5
        self.assertEqual(reeks[13], (2021, 2, None, None))  # ontbreekt
        self.assertEqual(reeks[14], (2021, 3, None, None))  # geheim
        self.assertEqual(reeks[15], (2021, 4, 4, None))  # februari en maart zitten erin
        self.assertEqual(reeks[16], (2021, 5, 6, None))  # maart zit erin
        self.assertEqual(reeks[17], (2021, 6, 7, 17))  # 4 + 6 + 7
