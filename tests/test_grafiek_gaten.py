"""Lijngrafieken over jaren met gaten, voorlopige cijfers en lege reeksen (proefgebruik
30-11-2026, punten 2 en 13): de lijn loopt niet over ontbrekende jaren heen, een voorlopig
cijfer is zichtbaar, een gebied zonder cijfers staat niet in de legenda en de samenvatting voor
schermlezers bevat geen "<br>"."""

from django.test import SimpleTestCase

from cijfers import charts


class GatenInDeJarenTest(SimpleTestCase):
    def test_lijn_loopt_niet_over_ontbrekende_jaren(self):
        # Baarn woninginbraken: 2015-2018 uit het plan, 2023-2025 uit een import (synthetisch).
        jaren = [2015, 2016, 2017, 2018, 2023, 2024, 2025]
        figuur = charts.lijngrafiek(
            [("woninginbraken", [111, 116, 138, 188, 40, 38, 30], {2025})],
            jaren,
            "Baarn",
            "aantal",
            "bron",
        )
        lijn = figuur["data"][0]
        self.assertEqual(lijn["x"], list(range(2015, 2026)))
        self.assertEqual(lijn["y"], [111, 116, 138, 188, None, None, None, None, 40, 38, 30])
        self.assertFalse(lijn["connectgaps"])

    def test_kleine_veelvouden_en_verhoudingen_ook_doorlopend(self):
        figuur = charts.kleine_veelvouden(
            [("Groep", [("a", [1, 2])])], [2018, 2020], "T", "aantal", "bron"
        )
        self.assertEqual(figuur["data"][0]["x"], [2018, 2019, 2020])
        self.assertEqual(figuur["data"][0]["y"], [1, None, 2])
        figuur = charts.verhoudingsgrafiek([("Baarn", [5.5, 4.0])], [2017, 2019], "T", "b")
        self.assertEqual(figuur["data"][0]["y"], [5.5, None, 4.0])

    def test_voorlopig_cijfer_open_rondje_met_uitleg_in_legenda(self):
        figuur = charts.lijngrafiek(
            [("woninginbraken", [40, 38, 30], {2025}), ("autokraak", [1, 2, 3], set())],
            [2023, 2024, 2025],
            "Baarn",
            "aantal",
            "bron",
        )
        lijn = figuur["data"][0]
        self.assertEqual(lijn["marker"]["symbol"], ["circle", "circle", "circle-open"])
        self.assertEqual(lijn["customdata"], ["", "", " (voorlopig)"])
        self.assertIn("%{customdata}", lijn["hovertemplate"])
        self.assertNotIn("marker", figuur["data"][1])
        legenda = figuur["data"][-1]
        self.assertEqual(legenda["name"], charts.VOORLOPIG_NAAM)
        self.assertEqual(legenda["marker"]["symbol"], "circle-open")
        self.assertIn("voorlopig cijfer", charts.samenvatting(figuur))
        self.assertNotIn(charts.VOORLOPIG_NAAM, charts.samenvatting(figuur))


class LegendaEnSamenvattingTest(SimpleTestCase):
    def test_gebied_zonder_cijfers_niet_in_de_legenda(self):
        figuur = charts.kleine_veelvouden(
            [
                ("meldingen jongerenoverlast", [("Baarn", [5, 6]), ("De Bilt", [None, None])]),
                ("autokraak", [("De Bilt", [None, float("nan")])]),
            ],
            [2017, 2018],
            "Gekoppelde cijfers",
            "aantal",
            "bron",
        )
        self.assertEqual([t["name"] for t in figuur["data"]], ["Baarn"])
        self.assertNotIn("De Bilt", charts.samenvatting(figuur))
        lijnen = charts.lijngrafiek(
            [("a", [1, 2]), ("leeg", [None, None])], [2017, 2018], "T", "aantal", "b"
        )
        self.assertEqual([t["name"] for t in lijnen["data"]], ["a"])

    def test_samenvatting_zonder_br(self):
        veelvouden = charts.kleine_veelvouden(
            [("Veelvoorkomende criminaliteit (VVC)", [("a", [1, 2])]),
             ("meldingen jongerenoverlast", [("b", [1, 2])])],
            [2017, 2018], "T", "aantal", "bron",
        )  # fmt: skip
        staven = charts.staafgrafiek(
            ["geweld: straatroof", "autokraak"], [("Baarn", [1, 2], False)], "T", "aantal", "b"
        )
        for figuur in (veelvouden, staven):
            tekst = charts.samenvatting(figuur)
            self.assertNotIn("<br>", tekst)
        self.assertIn("Veelvoorkomende criminaliteit (VVC)", charts.samenvatting(veelvouden))
        self.assertIn("geweld: straatroof", charts.samenvatting(staven))
