"""De grafiekfuncties: gegevens erin, een plotly-figuur (dict) eruit."""

import json
import math

from django.test import SimpleTestCase

from cijfers import charts


class LijngrafiekTest(SimpleTestCase):
    def test_ontbrekend_wordt_een_gat_geen_nul(self):
        figuur = charts.lijngrafiek(
            [("autokraak", [78, float("nan"), 113, None])],
            [2015, 2016, 2017, 2018],
            "Baarn: trend",
            "geregistreerde misdrijven",
            "IVP BES 2019-2022",
        )
        lijn = figuur["data"][0]
        self.assertEqual(lijn["y"], [78, None, 113, None])
        self.assertEqual(lijn["x"], [2015, 2016, 2017, 2018])
        self.assertFalse(lijn["connectgaps"])
        self.assertEqual(lijn["name"], "autokraak")

    def test_nederlandse_opmaak_titel_en_bron(self):
        figuur = charts.lijngrafiek(
            [("a", [1, 2])], [2017, 2018], "Titel", "meldingen", "Bron A; Bron B"
        )
        layout = figuur["layout"]
        self.assertEqual(layout["separators"], ",.")
        self.assertEqual(layout["title"]["text"], "Titel")
        self.assertEqual(layout["yaxis"]["title"]["text"], "meldingen")
        bron = layout["annotations"][0]["text"]
        self.assertEqual(bron, "Bron: Bron A<br>Bron B")
        json.dumps(figuur)  # gewoon JSON, klaar voor json_script

    def test_kleine_veelvouden_een_paneel_per_groep(self):
        figuur = charts.kleine_veelvouden(
            [
                ("Geweld", [("zeden", [1, 2]), ("bedreiging", [3, 4])]),
                ("Leeg", []),
                ("VVC", [("autokraak", [5, 6])]),
            ],
            [2017, 2018],
            "Per groep",
            "aantal",
            "bron",
        )
        self.assertEqual(len(figuur["data"]), 3)
        titels = [
            a["text"] for a in figuur["layout"]["annotations"] if not a["text"].startswith("Bron")
        ]
        self.assertEqual(titels, ["Geweld", "VVC"])
        self.assertEqual(figuur["data"][2]["xaxis"], "x2")

    def test_beleving_slaat_ontbrekende_meting_over(self):
        figuur = charts.belevingsgrafiek(
            [("Baarn 2018", 6.6, "onderzoek"), ("Eemnes 2014", None, "Veiligheidsmonitor 2014")],
            "Beleving",
            "bron",
        )
        self.assertEqual(figuur["data"][0]["x"], ["Baarn 2018"])
        self.assertEqual(figuur["data"][0]["text"], ["6,6"])
        self.assertEqual(figuur["layout"]["yaxis"]["range"], [0, 10])

    def test_staafgrafiek_aandeel_en_afgeleid(self):
        figuur = charts.staafgrafiek(
            ["autokraak"],
            [("Baarn", [88], False), ("overig (De Bilt, afgeleid)", [184], True)],
            "Aandeel",
            "aantal",
            "bron",
            aandeel=True,
        )
        self.assertEqual(figuur["layout"]["barnorm"], "percent")
        self.assertEqual(figuur["data"][1]["marker"]["color"], charts.AFGELEID_KLEUR)
        self.assertEqual(figuur["data"][1]["marker"]["pattern"]["shape"], "/")
        self.assertFalse(
            any(isinstance(y, float) and math.isnan(y) for y in figuur["data"][0]["y"])
        )
