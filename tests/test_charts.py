"""De grafiekfuncties: gegevens erin, een plotly-figuur (dict) eruit, gelijk aan wat plotly's
gevalideerde objecten ervan maken, ook op elke pagina met grafieken."""

import datetime
import io
import json
import math
import re
from decimal import Decimal
from unittest import mock

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from django.core.management import call_command
from django.test import SimpleTestCase, TestCase

from cijfers import charts
from ivp.models import Overleg
from tests import plotly_referentie
from vergaderingen.models import Vergadering


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
        # De bron als één korte regel onder de titel, niet als notitie onder de figuur.
        self.assertEqual(layout["title"]["subtitle"]["text"], "Bron: Bron A; Bron B")
        self.assertNotIn("annotations", layout)
        # Een lange bronlijst wordt kort: de eerste bron "e.a." (de pagina noemt ze allemaal).
        lang = charts.lijngrafiek(
            [("a", [1, 2])],
            [2017, 2018],
            "T",
            "m",
            "; ".join(["IVP BES 2019-2022, tabel Baarn 2015-2018"] * 3),
        )
        self.assertEqual(
            lang["layout"]["title"]["subtitle"]["text"],
            "Bron: IVP BES 2019-2022, tabel Baarn 2015-2018 e.a.",
        )
        # De werkbalk staat boven de titel, niet eroverheen; aslabels schuiven de marge op.
        self.assertEqual(layout["title"]["pad"]["t"], charts.WERKBALK)
        self.assertTrue(layout["xaxis"]["automargin"])
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

    def test_samenvatting_een_paneel_en_een_jaar(self):
        # Proefgebruiker: "Kleine grafieken in 1 panelen" en "2025 tot en met 2025".
        figuur = charts.kleine_veelvouden(
            [("Geweld", [("zeden", [4])])], [2025], "Per groep", "aantal", "bron"
        )
        self.assertEqual(
            charts.samenvatting(figuur),
            "Kleine grafieken in 1 paneel (Geweld), met samen 1 lijn (zeden), 2025.",
        )
        lijn = charts.lijngrafiek([("autokraak", [7])], [2025], "Baarn", "aantal", "bron")
        self.assertEqual(charts.samenvatting(lijn), "Lijngrafiek met 1 lijn (autokraak), 2025.")
        twee = charts.kleine_veelvouden(
            [("Geweld", [("zeden", [1, 2])]), ("VVC", [("autokraak", [5, 6])])],
            [2017, 2018],
            "Per groep",
            "aantal",
            "bron",
        )
        self.assertEqual(
            charts.samenvatting(twee),
            "Kleine grafieken in 2 panelen (Geweld en VVC), met samen 2 lijnen "
            "(zeden en autokraak), 2017 tot en met 2018.",
        )

    def test_kleine_veelvouden_elke_lijn_benoemd_en_een_kleur_per_naam(self):
        figuur = charts.kleine_veelvouden(
            [
                ("Baarn", [("woninginbraken", [1, 2]), ("autokraak", [3, 4])]),
                ("Soest", [("autokraak", [5, 6]), ("woninginbraken", [7, 8])]),
                ("Eemnes", [(f"categorie {i}", [i, i]) for i in range(12)]),
            ],
            [2017, 2018],
            "Per gebied",
            "aantal",
            "bron",
        )
        self.assertTrue(figuur["layout"]["showlegend"])
        in_legenda = [t["name"] for t in figuur["data"] if t["showlegend"]]
        # Elke naam precies één keer in de legenda.
        self.assertEqual(sorted(in_legenda), sorted({t["name"] for t in figuur["data"]}))
        stijl = {}
        for trace in figuur["data"]:
            lijnstijl = (trace["line"]["color"], trace["line"]["dash"])
            self.assertEqual(stijl.setdefault(trace["name"], lijnstijl), lijnstijl)
        # Veertien namen, veertien verschillende stijlen (kleur én streep).
        self.assertEqual(len(set(stijl.values())), 14)
        # De trendgrafiek op dezelfde pagina geeft een naam dezelfde kleur en streep.
        trend = charts.lijngrafiek(
            [("autokraak", [1, 2]), ("categorie 11", [3, 4]), ("nieuw", [5, 6])],
            [2017, 2018],
            "Trend",
            "aantal",
            "bron",
            volgorde=list(stijl),
        )
        for trace in trend["data"][:2]:
            lijnstijl = (trace["line"]["color"], trace["line"]["dash"])
            self.assertEqual(lijnstijl, stijl[trace["name"]])
        self.assertNotIn(
            (trend["data"][2]["line"]["color"], trend["data"][2]["line"]["dash"]),
            set(stijl.values()),
        )

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


def _json(figuur):
    """Het figuur als JSON-tekst met gesorteerde sleutels: 1 en 1.0 blijven verschillend."""
    return json.dumps(figuur, sort_keys=True)


# Invoer voor elke grafiekfunctie, met wat de pagina's kunnen meegeven: gaten (None, NaN,
# pd.NA), numpy-getallen, Decimals, negatieve restanten, meer reeksen dan kleuren, lege en
# meerregelige bronnen, 0 tot 9 groepen in 1 tot 3 kolommen.
JAREN = [2015, 2016, 2017, 2018]
GEVALLEN = [
    *(
        (
            "lijngrafiek",
            ([(f"reeks {i}", [i, None, float("nan"), pd.NA]) for i in range(aantal)], JAREN),
            {"titel": "Baarn: trend", "eenheid": "misdrijven", "bron": bron},
        )
        for aantal in range(13)
        for bron in ("", "Bron A", "Bron A; Bron B;; Bron C")
    ),
    (
        "lijngrafiek",
        ([("a", pd.array([1, None, 3, 4], dtype="Int64").tolist())], list(np.array(JAREN))),
        {"titel": "numpy", "eenheid": "aantal", "bron": "b"},
    ),
    *(
        (
            "kleine_veelvouden",
            (
                [
                    (
                        f"Groep {g}" + (" met een lange naam" if g % 2 else ""),
                        [(f"lijn {i}", [g, i]) for i in range(g % 4)],
                    )
                    for g in range(groepen)
                ],
                [2017, 2018],
            ),
            {"titel": "Per groep", "eenheid": "aantal", "bron": "b; c", "kolommen": kolommen},
        )  # fmt: skip
        for kolommen in (1, 2, 3)
        for groepen in range(10)
    ),
    (
        "belevingsgrafiek",
        (
            [
                ("Baarn 2018", Decimal("6.6"), "onderzoek"),
                ("Eemnes 2014", None, "VM 2014"),
                ("Soest 2017", Decimal("7.0"), ""),
            ],
        ),
        {"titel": "Beleving", "bron": "b"},
    ),  # fmt: skip
    ("belevingsgrafiek", ([],), {"titel": "Beleving", "bron": ""}),
    *(
        (
            "staafgrafiek",
            (
                ["autokraak", "meldingen jongerenoverlast"],
                [(f"gemeente {i}", [i, None if i % 3 else -5], i == 11) for i in range(12)],
            ),
            {"titel": "Naast elkaar", "eenheid": "aantal", "bron": "b; c", "aandeel": aandeel},
        )  # fmt: skip
        for aandeel in (False, True)
    ),
    (
        "maandgrafiek",
        (
            [
                (
                    "woninginbraken",
                    [(2023, 11, 10, None), (2023, 12, None, None), (2024, 1, 13, 150)],
                ),
                ("autokraak", [(2023, 12, 4, 50)]),
            ],
        ),
        {"titel": "Per maand", "eenheid": "aantal", "bron": "b"},
    ),  # fmt: skip
    ("maandgrafiek", ([],), {"titel": "Per maand", "eenheid": "aantal", "bron": ""}),
    (
        "vergelijkingspaneel",
        (
            [
                ("woninginbraken", (5.76, 4.86, 6.78), 4.0, (4.8, 3.6, 6.0)),
                ("autokraak", None, 2.5, None),
                ("zakkenrollen", (0.4, 0.1, 0.9), None, (0.5, 0.2, 0.7)),
                # Zeldzaam (proefgebruik punt 9): 0,12 tegen 0,067, Nederland 0 (geen index).
                ("straatroof", (0.12, 0.05, 0.2), 0.067, (0.07, 0.02, 0.09)),
                ("wapenhandel", (0.0, 0.0, 0.15), 0.0, None),
            ],
        ),
        {"titel": "Vergeleken", "bron": "b", "gemeente": "Baarn"},
    ),
    (
        "vergelijkingspaneel",
        ([("woninginbraken", (4.08, 3.76, 4.4), 4.0, None), ("autokraak", None, 2.5, None)],),
        {"titel": "Vergeleken", "bron": "b", "gemeente": "Basisteam BES"},
    ),
    *(
        (
            "verhoudingsgrafiek",
            (
                [(f"gemeente {i}", [5.76, None, 4.2, 3]) for i in range(aantal)],
                JAREN,
            ),
            {
                "titel": "Per 1.000",
                "bron": "b",
                "nederland": nederland,
                "groep": groep,
            },
        )
        for aantal in (0, 1, 10)
        for nederland in (None, [4.0, 4.1, None, 3.9])
        for groep in (
            None,
            ("groep van Baarn", [4.8, 4.5, 4, None], [3.6, 3, 2, None], [6, 6.1, 7, None]),
        )
    ),
]


class VergelijkingspaneelTest(SimpleTestCase):
    """Proefgebruik punt 9: elke regel als index t.o.v. Nederland (= 100), zodat een zeldzame
    categorie niet tegen 0 geperst staat naast een veelvoorkomende; de hover met de getallen
    per 1.000 inwoners (onder 1 op twee significante cijfers)."""

    def test_index_ten_opzichte_van_nederland(self):
        figuur = charts.vergelijkingspaneel(
            [
                ("woninginbraken", (40.0, 38.0, 42.0), 20.0, (25.0, 10.0, 30.0)),
                ("straatroof", (0.12, 0.05, 0.2), 0.067, None),
                ("wapenhandel", (0.5, 0.1, 1.2), None, None),
            ],
            "Baarn t.o.v. Nederland (= 100)",
            "b",
            "Baarn",
        )
        groep, nederland, baarn = figuur["data"]
        # 40 / 20 x 100 = 200 (interval 190-210); 0,12 / 0,067 x 100 = 179,104, met de
        # balken (0,12 - 0,05) / 0,067 x 100 = 104,478 en (0,2 - 0,12) / 0,067 x 100 =
        # 119,403; zonder Nederland geen punt.
        self.assertEqual(baarn["x"], [200.0, 179.104, None])
        self.assertEqual(baarn["error_x"]["arrayminus"], [10.0, 104.478, None])
        self.assertEqual(baarn["error_x"]["array"], [10.0, 119.403, None])
        self.assertEqual(nederland["x"], [100, 100, None])
        self.assertEqual(groep["x"], [125.0, None, None])  # 25 / 20 x 100
        self.assertEqual(
            baarn["customdata"],
            [
                "40,0 per 1.000 (38,0-42,0); index 200",
                "0,12 per 1.000 (0,050-0,20); index 179",
                "",
            ],
        )
        self.assertEqual(nederland["customdata"][1], "0,067 per 1.000")
        layout = figuur["layout"]
        self.assertEqual(layout["xaxis"]["title"]["text"], "Nederland = 100")
        # Een lange naam over twee regels (390 px): "woninginbraken" blijft (niet langer dan
        # 16 tekens).
        self.assertEqual(baarn["y"], ["woninginbraken", "straatroof", "wapenhandel"])
        self.assertEqual(layout["shapes"][0]["x0"], 100)
        (zonder,) = layout["annotations"]
        self.assertEqual((zonder["y"], zonder["text"]), ("wapenhandel", charts.ZONDER_NEDERLAND))
        self.assertIn("index, Nederland = 100", charts.samenvatting(figuur))


class GelijkAanPlotlyTest(SimpleTestCase):
    """cijfers.charts bouwt de dicts zonder plotly's validatie: voor elke invoer hetzelfde JSON
    als het gevalideerde plotly-pad (tests/plotly_referentie.py), en plotly aanvaardt het dict
    ongewijzigd (go.Figure(dict))."""

    def test_elke_grafiekfunctie_gelijk_aan_het_plotly_pad(self):
        for naam, argumenten, opties in GEVALLEN:
            with self.subTest(naam=naam, argumenten=argumenten, opties=opties):
                figuur = getattr(charts, naam)(*argumenten, **opties)
                referentie = getattr(plotly_referentie, naam)(*argumenten, **opties)
                self.assertEqual(_json(figuur), _json(referentie))
                gevalideerd = json.loads(go.Figure(figuur).to_json())
                self.assertEqual(_json(gevalideerd), _json(figuur))


GRAFIEKFUNCTIES = (
    "lijngrafiek",
    "kleine_veelvouden",
    "belevingsgrafiek",
    "staafgrafiek",
    "maandgrafiek",
    "vergelijkingspaneel",
    "verhoudingsgrafiek",
)
JSON_SCRIPT = re.compile(r'<script id="([^"]+)" type="application/json">(.*?)</script>', re.S)


CSP_NONCE = re.compile(r'nonce="[^"]*"')


def _html_en_figuren(response):
    """(de HTML zonder de json_script-blokken en zonder de CSP-nonce, die per verzoek anders
    is, {id: figuur als genormaliseerd JSON})."""
    html = response.content.decode()
    figuren = {ident: _json(json.loads(inhoud)) for ident, inhoud in JSON_SCRIPT.findall(html)}
    return CSP_NONCE.sub('nonce=""', JSON_SCRIPT.sub("", html)), figuren


class PaginasGelijkAanPlotlyTest(TestCase):
    """Elke pagina met grafieken op de brondata, één keer met cijfers.charts en één keer met
    het plotly-pad: dezelfde HTML en dezelfde figuren (trend, kleine veelvouden, gemeenten,
    aandeel, beleving, lijnen, de gekoppelde cijfers van een prioriteit en het vergaderstuk)."""

    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())
        avo = Overleg.objects.get(slug="avo-bes")
        cls.vergadering = Vergadering.objects.create(overleg=avo, datum=datetime.date(2021, 3, 1))

    def test_zelfde_figuren_als_met_plotly(self):
        urls = {
            "/gebieden/baarn/": {"trendgrafiek", "veelvouden", "beleving"},
            "/gebieden/basisteam-bes/": {"trendgrafiek", "veelvouden", "gemeenten", "aandeel"},
            "/cijfers/woninginbraken/?gebied=baarn&gebied=soest": {"lijnen"},
            "/cijfers/?gebied=baarn&gebied=soest&gebied=eemnes": {"lijnen"},
            "/plan/2019-2022/prioriteiten/high-impact-crimes/": {"gekoppeld"},
            f"/vergaderingen/{self.vergadering.pk}/stuk/openbaar/": {"stuk-high-impact-crimes"},
        }
        for url, grafieken in urls.items():
            with self.subTest(url=url):
                html, figuren = _html_en_figuren(self.client.get(url))
                vervangen = {naam: getattr(plotly_referentie, naam) for naam in GRAFIEKFUNCTIES}
                with mock.patch.multiple(charts, **vervangen):
                    html_plotly, figuren_plotly = _html_en_figuren(self.client.get(url))
                self.assertEqual(html, html_plotly)
                self.assertEqual(figuren, figuren_plotly)
                self.assertLessEqual({f"{ident}-data" for ident in grafieken}, set(figuren))
        # Het gedeelde sjabloon is na al die figuren nog dat van plotly (niemand wijzigde het).
        sjabloon = json.loads(go.Figure().to_json())["layout"]["template"]
        self.assertEqual(_json(charts.SJABLOON), _json(sjabloon))
