"""Wat de browser van een pagina binnenhaalt: plotly.js, gewicht van een eerste bezoek, caching.

De gebiedspagina van Baarn (drie grafieken, de trendtabel) is de maat: een eerste bezoek haalt
de HTML met elk script, stylesheet en plaatje in hoogstens 450 kB gzip (issue 11), een tweede
bezoek alleen de HTML (de statische bestanden hebben een hash en mogen een jaar in de cache).
"""

import gzip
import io
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client, SimpleTestCase, TestCase, override_settings
from plotly.offline import get_plotlyjs_version

from tests.test_browser import BrowserTestCase

PLOTLY = Path(settings.BASE_DIR) / "static" / "plotly"
GEBIEDSPAGINA = "/gebieden/baarn/"
EERSTE_BEZOEK_MAXIMUM = 450_000  # bytes gzip (450 kB), issue 11
EEN_JAAR = 365 * 24 * 3600  # seconden


class Bronnen(HTMLParser):
    """De statische bestanden die een pagina laadt: `urls` (src/href, in volgorde) en `scripts`
    (de attributen van elke <script>; een script zonder src is inline)."""

    def __init__(self):
        super().__init__()
        self.urls = []
        self.scripts = []
        self.in_head = False
        self.scripts_in_head = []

    def handle_starttag(self, tag, attrs):
        attributen = dict(attrs)
        if tag == "head":
            self.in_head = True
        if tag == "script":
            self.scripts.append(attributen)
            if self.in_head:
                self.scripts_in_head.append(attributen)
        if tag == "script" and attributen.get("src"):
            self.urls.append(attributen["src"])
        elif tag == "link" and attributen.get("rel") in {"stylesheet", "icon"}:
            self.urls.append(attributen["href"])
        elif tag == "img" and attributen.get("src"):
            self.urls.append(attributen["src"])

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def bronnen(html):
    """De ontlede pagina (een `Bronnen`)."""
    parser = Bronnen()
    parser.feed(html)
    return parser


def statisch_pad(url):
    """Het bestand op schijf achter een statische URL (via de staticfiles-finders)."""
    prefix = (
        settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/" + settings.STATIC_URL
    )
    assert url.startswith(prefix), f"{url} is geen statisch bestand van deze site"
    pad = finders.find(url[len(prefix) :])
    assert pad, f"{url} niet gevonden door de staticfiles-finders"
    return Path(pad)


class PlotlyVersieTest(SimpleTestCase):
    """De vendored plotly.js is de versie waarvoor het plotly-pakket figuren schrijft."""

    def test_versie_gelijk_aan_die_van_het_python_pakket(self):
        versie = get_plotlyjs_version()
        self.assertEqual(
            (PLOTLY / "VERSION").read_text().strip(),
            versie,
            "static/plotly/ hoort bij een andere plotly.js-versie: draai `make plotly`.",
        )
        with (PLOTLY / "plotly.min.js").open(encoding="utf-8") as bestand:
            kop = bestand.read(300)
        self.assertRegex(kop, rf"plotly\.js \(basic - minified\) v{re.escape(versie)}\b")

    def test_licentie_en_nederlandse_locale_staan_ernaast(self):
        self.assertIn("MIT License", (PLOTLY / "LICENSE").read_text())
        locale = (PLOTLY / "plotly-locale-nl.js").read_text()
        self.assertIn('name:"nl"', locale)
        self.assertIn('decimal:","', locale)
        self.assertIn('"januari"', locale)


class EersteBezoekTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())

    def test_eerste_bezoek_van_een_gebiedspagina_hoogstens_450_kb_gzip(self):
        response = self.client.get(GEBIEDSPAGINA, headers={"accept-encoding": "gzip"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Encoding"], "gzip")
        html = gzip.decompress(response.content).decode()
        urls = bronnen(html).urls
        self.assertIn("/static/plotly/plotly.min.js", urls)
        self.assertIn("/static/bootstrap/css/bootstrap.min.css", urls)
        gewichten = {"HTML": len(response.content)}
        for url in urls:
            gewichten[url] = len(gzip.compress(statisch_pad(url).read_bytes(), compresslevel=6))
        totaal = sum(gewichten.values())
        overzicht = "\n".join(f"{naam}: {grootte:,} bytes" for naam, grootte in gewichten.items())
        self.assertLessEqual(totaal, EERSTE_BEZOEK_MAXIMUM, f"{totaal:,} bytes gzip:\n{overzicht}")
        # De HTML zelf gaat gecomprimeerd: minder dan een vijfde van het origineel.
        self.assertLess(len(response.content), len(html.encode()) / 5)

    def test_scripts_met_defer_in_de_head_en_niets_inline(self):
        html = self.client.get(GEBIEDSPAGINA).content.decode()
        pagina = bronnen(html)
        srcs = [script.get("src") for script in pagina.scripts_in_head]
        self.assertEqual(
            srcs,
            ["/static/plotly/plotly.min.js", "/static/plotly/plotly-locale-nl.js", "/static/js/grafieken.js"],
        )  # fmt: skip
        for script in pagina.scripts_in_head:
            self.assertIn("defer", script, script["src"])
        # Elk ander script is een figuur als JSON (json_script), geen code: een strikte CSP houdt.
        for script in pagina.scripts:
            if "src" not in script:
                self.assertEqual(script.get("type"), "application/json")
        self.assertNotIn("style=", html)
        self.assertNotIn("<style", html)

    def test_pagina_zonder_grafiek_laadt_geen_plotly(self):
        html = self.client.get("/").content.decode()
        self.assertEqual([url for url in bronnen(html).urls if url.endswith(".js")], [])


class TweedeBezoekTest(TestCase):
    """Zoals in productie (DEBUG uit, collectstatic): elk statisch bestand van de pagina heeft een
    hash in zijn naam, ligt vooraf gecomprimeerd klaar en mag minstens een jaar in de cache."""

    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())

    def test_statische_bestanden_met_hash_gecomprimeerd_en_een_jaar_in_de_cache(self):
        productie = "whitenoise.storage.CompressedManifestStaticFilesStorage"
        with tempfile.TemporaryDirectory() as map_:
            opslag = {**settings.STORAGES, "staticfiles": {"BACKEND": productie}}
            with override_settings(STATIC_ROOT=map_, STORAGES=opslag, DEBUG=False):
                call_command("collectstatic", interactive=False, verbosity=0)
                client = Client()  # een nieuwe whitenoise-middleware die STATIC_ROOT leest
                html = client.get(GEBIEDSPAGINA).content.decode()
                urls = bronnen(html).urls
                # favicon, stylesheets en de drie scripts: allemaal met hash en een jaar cache
                self.assertGreaterEqual(len(urls), 6, urls)
                for url in urls:
                    with self.subTest(url=url):
                        self.assertRegex(url, r"\.[0-9a-f]{12}\.(js|css|svg)$")
                        self.assertTrue((Path(map_) / url.removeprefix("/static/")).exists())
                        self.assertTrue(Path(map_, url.removeprefix("/static/") + ".gz").exists())
                        response = client.get(url, headers={"accept-encoding": "gzip"})
                        self.assertEqual(response.status_code, 200)
                        self.assertEqual(response["Content-Encoding"], "gzip")
                        cache = response["Cache-Control"]
                        self.assertIn("immutable", cache)
                        max_age = int(re.search(r"max-age=(\d+)", cache).group(1))
                        self.assertGreaterEqual(max_age, EEN_JAAR)
                        response.close()


@pytest.mark.browser
class NederlandseGrafiekenTest(BrowserTestCase):
    """In de browser: plotly.js "basic" tekent elke grafiek, met de Nederlandse locale."""

    def test_locale_nl_met_maandnamen_en_nederlandse_knoppen(self):
        self.assertEqual(self.open(GEBIEDSPAGINA, "locale-baarn"), 3)
        opmaak = self.page.evaluate(
            """() => {
              const layout = document.querySelector(".js-plotly-plot")._fullLayout;
              const maand = layout._d3locale.timeFormat("%B %b");
              return {
                maanden: [0, 2].map((m) => maand(new Date(Date.UTC(2020, m, 15)))),
                maandnotatie: layout._extraFormat.month,
                getal: layout._d3locale.numberFormat(",.1f")(1234.5),
                versie: Plotly.version,
              };
            }"""
        )
        self.assertEqual(opmaak["maanden"], ["januari jan", "maart mrt"])
        self.assertEqual(opmaak["maandnotatie"], "%b %Y")
        self.assertEqual(opmaak["getal"], "1.234,5")
        self.assertEqual(opmaak["versie"], get_plotlyjs_version())
        titels = self.page.locator("#trendgrafiek-grafiek .modebar-btn").evaluate_all(
            "knoppen => knoppen.map(k => k.getAttribute('data-title'))"
        )
        # Alleen PNG, zoomen en zoomen ongedaan maken (issue 16), in het Nederlands.
        self.assertEqual(titels, ["Grafiek downloaden als PNG", "Zoomen", "Zoomen ongedaan maken"])
