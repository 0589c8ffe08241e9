"""Echte browsertests: Playwright stuurt Debian's Chromium headless aan.

Zonder /usr/bin/chromium worden ze overgeslagen (met een duidelijke reden), behalve in CI
(CI=true): daar is een ontbrekende browser een fout. Schermafdrukken komen in screenshots/.
"""

import csv
import io
import os
from pathlib import Path

import openpyxl
import pytest
from django.contrib.staticfiles.testing import StaticLiveServerTestCase

CHROMIUM = "/usr/bin/chromium"
SCHERMAFDRUKKEN = Path(__file__).resolve().parent.parent / "screenshots"
FIXTURES = ["01_gebieden", "02_plannen", "03_prioriteiten", "04_cijfers"]
CHROMIUM_OPTIES = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.browser


class BrowserTestCase(StaticLiveServerTestCase):
    fixtures = FIXTURES

    @classmethod
    def setUpClass(cls):
        if not os.path.exists(CHROMIUM):
            if os.environ.get("CI") == "true":
                raise AssertionError(f"{CHROMIUM} ontbreekt in CI: installeer het pakket chromium.")
            raise pytest.skip.Exception(
                f"Browsertests overgeslagen: {CHROMIUM} ontbreekt (apt-get install chromium)."
            )
        # Playwright's sync-API draait een event loop; Django's ORM mag toch in deze thread.
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        super().setUpClass()
        from playwright.sync_api import sync_playwright

        cls.playwright = sync_playwright().start()
        cls.browser = cls.playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_OPTIES)
        SCHERMAFDRUKKEN.mkdir(exist_ok=True)

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        cls.playwright.stop()
        super().tearDownClass()
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)

    def setUp(self):
        from django.core.cache import cache

        cache.clear()  # geen inlogrem uit andere tests (zelfde IP-adres)
        self.context = self.browser.new_context(
            viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="nl-NL"
        )
        self.page = self.context.new_page()
        self.fouten = []
        self.page.on("console", lambda m: self.fouten.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.fouten.append(str(e)))

    def tearDown(self):
        self.context.close()

    def open(self, pad, naam):
        response = self.page.goto(self.live_server_url + pad)
        self.assertEqual(response.status, 200, pad)
        grafieken = self.page.locator(".grafiek[data-figuur]")
        for i in range(grafieken.count()):
            grafieken.nth(i).locator("svg.main-svg").first.wait_for(timeout=15000)
        self.page.screenshot(path=str(SCHERMAFDRUKKEN / f"{naam}.png"), full_page=True)
        self.assertEqual(self.fouten, [], pad)
        return grafieken.count()


class PaginasTest(BrowserTestCase):
    def test_paginas_laden_zonder_fouten_en_elke_grafiek_krijgt_zijn_svg(self):
        paginas = {
            "/": ("home", 0),
            "/gebieden/baarn/": ("gebied-baarn", 3),
            "/gebieden/bunschoten/": ("gebied-bunschoten", 3),
            "/gebieden/eemnes/": ("gebied-eemnes", 3),
            "/gebieden/soest/": ("gebied-soest", 3),
            "/gebieden/de-bilt/": ("gebied-de-bilt", 0),
            "/gebieden/basisteam-bes/": ("gebied-basisteam", 5),
            "/cijfers/woninginbraken/": ("categorie-woninginbraken", 1),
            "/cijfers/?gebied=baarn&gebied=eemnes&categorie=geweld-zeden": ("verkenner", 1),
        }
        for pad, (naam, verwacht) in paginas.items():
            with self.subTest(pad=pad):
                self.assertEqual(self.open(pad, naam), verwacht)
                self.assertEqual(self.page.locator("main h1").count(), 1)

    def test_legenda_zichtbaar_en_geen_plotly_logo(self):
        self.open("/gebieden/soest/?categorie=autokraak&categorie=vernielingen", "legenda-soest")
        legenda = self.page.locator("#trendgrafiek-grafiek .legend")
        self.assertTrue(legenda.is_visible())
        self.assertIn("autokraak", legenda.text_content())
        self.assertEqual(self.page.locator(".modebar-btn--logo").count(), 0)
        self.assertTrue(self.page.locator("#legenda").is_visible())

    def test_trendtabel_opent_op_een_telefoon_bij_het_nieuwste_jaar(self):
        # Op 390 px schuift de trendtabel zo dat 2018 (het nieuwste jaar) naast de vaste
        # categoriekolom staat; op 1280 px (de tabel is ook daar breder dan haar vak) zo ver als
        # nodig om de laatste kolom te tonen: 2017 en 2018 met alle veranderingen erachter.
        def kolommen():
            return self.page.evaluate(
                """() => {
                    const vak = document.querySelector('.table-container:has(> .trendtabel)');
                    const koppen = [...vak.querySelectorAll('thead th')];
                    const rand = koppen[0].getBoundingClientRect().right;
                    const rechts = vak.getBoundingClientRect().right;
                    return [vak.scrollLeft, koppen.filter(th => {
                        const r = th.getBoundingClientRect();
                        return r.left >= rand - 1 && r.right <= rechts + 1;
                    }).map(th => th.textContent.trim())];
                }"""
            )

        self.page.set_viewport_size({"width": 390, "height": 800})
        self.open("/gebieden/baarn/", "telefoon-trendtabel-baarn")
        verschoven, zichtbaar = kolommen()
        self.assertGreater(verschoven, 0)
        self.assertEqual(zichtbaar[0], "2018")
        self.assertNotIn("2015", zichtbaar)
        self.page.set_viewport_size({"width": 1280, "height": 900})
        self.open("/gebieden/baarn/", "breed-trendtabel-baarn")
        verschoven, zichtbaar = kolommen()
        self.assertGreater(verschoven, 0)
        self.assertEqual(zichtbaar[:2], ["2017", "2018"])
        self.assertTrue(zichtbaar[-1].startswith("Jul-dec 2018"), zichtbaar)

    def test_toetsenbord_skiplink_en_formulier(self):
        self.open("/gebieden/baarn/", "toetsenbord-baarn")
        self.page.keyboard.press("Tab")
        self.assertEqual(self.page.evaluate("document.activeElement.textContent"), "Naar de inhoud")
        self.page.keyboard.press("Enter")
        self.assertTrue(self.page.url.endswith("#inhoud"))
        # Jaar 2015 uitzetten en het formulier met het toetsenbord versturen.
        self.page.focus("#jaar-2015")
        self.page.keyboard.press("Space")
        for _ in range(10):  # met Tab naar de knop "Toon" van hetzelfde formulier
            self.page.keyboard.press("Tab")
            if self.page.evaluate("document.activeElement.type") == "submit":
                break
        self.assertEqual(self.page.evaluate("document.activeElement.textContent"), "Toon")
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")
        self.assertNotIn("jaar=2015", self.page.url)
        self.assertIn("jaar=2016", self.page.url)


class ExportTest(BrowserTestCase):
    def download(self, selector):
        with self.page.expect_download() as info:
            self.page.click(selector)
        return Path(info.value.path()).read_bytes(), info.value.suggested_filename

    def test_exportlinks_geven_geldige_csv_en_xlsx(self):
        self.open("/gebieden/bunschoten/", "export-bunschoten")
        inhoud, naam = self.download("text=CSV >> nth=0")
        self.assertEqual(naam, "ivp-bes-bunschoten-trend.csv")
        rijen = list(csv.reader(io.StringIO(inhoud.decode("utf-8"))))
        self.assertEqual(rijen[0][:5], ["Categorie", "2015", "2016", "2017", "2018"])
        self.assertIn(["criminaliteit totaal", "742", "639", "572", "493"], [r[:5] for r in rijen])
        inhoud, naam = self.download("text=Excel (XLSX) >> nth=0")
        self.assertTrue(naam.endswith(".xlsx"))
        blad = openpyxl.load_workbook(io.BytesIO(inhoud)).active
        self.assertEqual(blad["A1"].value, "Categorie")
        self.assertEqual(blad["B2"].value, 742)


class VoortgangBrowserTest(BrowserTestCase):
    def test_planpaginas_laden_zonder_fouten(self):
        paginas = {
            "/plan/2019-2022/": ("plan-2019", 0),
            "/plan/2023-2026/": ("plan-2023", 0),
            "/plan/2019-2022/prioriteiten/high-impact-crimes/": ("prioriteit-hic", 1),
            "/plan/2019-2022/speerpunten/soest/": ("speerpunten-soest", 0),
            "/voortgang/?plan=2019-2022": ("voortgang-2019", 0),
            "/inloggen/": ("inloggen", 0),
        }
        for pad, (naam, grafieken) in paginas.items():
            with self.subTest(pad=pad):
                self.assertEqual(self.open(pad, naam), grafieken)
                self.assertEqual(self.page.locator("main h1").count(), 1)

    def test_adviseur_meldt_voortgang_en_ziet_die_op_de_prioriteitpagina(self):
        from tests.gebruikers import WACHTWOORD, maak_gebruikers

        maak_gebruikers()
        pad = "/plan/2019-2022/prioriteiten/high-impact-crimes/"
        self.open(pad, "hic-anoniem")
        self.assertEqual(self.page.locator("text=Voortgang melden").count(), 0)
        # Inloggen met het toetsenbord-vriendelijke formulier, terug naar de prioriteit.
        self.page.click("text=Inloggen")
        self.page.fill("#id_username", "adviseur_baarn")
        self.page.fill("#id_password", WACHTWOORD)
        with self.page.expect_navigation():
            self.page.click("button:has-text('Inloggen')")
        self.assertTrue(self.page.url.endswith(pad), self.page.url)
        self.page.click("text=Voortgang melden >> nth=1")  # eerste maatregel (0 is het doel)
        self.page.wait_for_selector("h1:has-text('Voortgang melden')")
        # Eerst een fout: geen tekst. De invoer blijft, de fout staat bij het veld.
        self.page.select_option("#id_status", "lopend")
        with self.page.expect_navigation():
            self.page.click("button:has-text('Opslaan')")
        self.assertIn("Dit veld is verplicht.", self.page.locator("#fout-tekst").inner_text())
        self.assertEqual(self.page.input_value("#id_status"), "lopend")
        self.page.screenshot(path=str(SCHERMAFDRUKKEN / "voortgang-fout.png"), full_page=True)
        self.page.fill("#id_tekst", "Mobeye-alarmsystemen zijn aangeschaft en in gebruik.")
        with self.page.expect_navigation():
            self.page.click("button:has-text('Opslaan')")
        self.assertTrue(self.page.url.endswith(pad))
        self.assertTrue(self.page.locator("text=De voortgangsmelding is opgeslagen.").is_visible())
        rij = self.page.locator("tr", has_text="Nog nadrukkelijker monitoren van trends.")
        self.assertIn("Mobeye-alarmsystemen zijn aangeschaft", rij.inner_text())
        self.assertIn("Lopend", rij.inner_text())
        self.page.screenshot(path=str(SCHERMAFDRUKKEN / "voortgang-gemeld.png"), full_page=True)
        self.assertEqual(self.fouten, [])


class VergaderingBrowserTest(BrowserTestCase):
    def test_adviseur_plant_vergadering_en_drukt_het_stuk_af(self):
        from tests.gebruikers import WACHTWOORD, maak_gebruikers

        maak_gebruikers()
        self.open("/vergaderingen/", "vergaderingen-leeg")
        self.assertTrue(
            self.page.locator("text=Er zijn nog geen vergaderingen gepland.").is_visible()
        )
        self.page.goto(self.live_server_url + "/inloggen/?next=/vergaderingen/nieuw/")
        self.page.fill("#id_username", "voorzitter")
        self.page.fill("#id_password", WACHTWOORD)
        with self.page.expect_navigation():
            self.page.click("button:has-text('Inloggen')")
        self.page.select_option("#id_overleg", label="AVO BES")
        self.page.fill("#id_datum", "2021-06-01")
        self.page.fill("#id_agenda-0-titel", "Capaciteit HIC-aanpak")
        self.page.check("#id_agenda-0-voor_driehoek")
        with self.page.expect_navigation():
            self.page.click("button:has-text('Opslaan')")
        self.assertTrue(self.page.locator("text=De vergadering is opgeslagen.").is_visible())
        self.page.click("text=bekijken en afdrukken >> nth=1")  # de interne versie
        self.page.wait_for_selector("h1:has-text('Ambtelijk vooroverleg BES')")
        grafieken = self.page.locator(".grafiek[data-figuur]")
        self.assertGreater(grafieken.count(), 0)
        for i in range(grafieken.count()):
            grafieken.nth(i).locator("svg.main-svg").first.wait_for(timeout=15000)
        self.page.emulate_media(media="print")
        self.assertFalse(self.page.locator("nav.no-print").is_visible())
        self.page.screenshot(path=str(SCHERMAFDRUKKEN / "vergaderstuk-print.png"), full_page=True)
        self.assertIn("Capaciteit HIC-aanpak", self.page.locator("#kop-driehoek + ol").inner_text())
        self.assertEqual(self.fouten, [])
