"""Elke paginafamilie op een telefoon (390 px) en breed (1280 px), in headless Chromium: niets
breder dan het scherm, geen ernstige of kritieke bevinding van axe-core (het pakket
axe-playwright-python levert axe.min.js mee: geen netwerk nodig), het menu klapt in en is met
het toetsenbord te openen, de grafiekwerkbalk is klein en Nederlands. Schermafdrukken van elke
pagina op beide breedtes komen in screenshots/ (niet in git)."""

import datetime

from tests.test_browser import SCHERMAFDRUKKEN, BrowserTestCase

TELEFOON = {"width": 390, "height": 844}
BREED = {"width": 1280, "height": 900}
# Wat axe-core "serious" of "critical" noemt, mag nergens voorkomen.
ERNSTIG = {"serious", "critical"}


def _axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


class ToegankelijkheidTest(BrowserTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.axe = _axe()

    def setUp(self):
        super().setUp()
        from ivp.models import Overleg
        from prioriteiten.models import Maatregel, Prioriteit
        from tests.gebruikers import maak_gebruikers
        from vergaderingen.models import Vergadering

        self.gebruikers = maak_gebruikers()
        avo = Overleg.objects.get(slug="avo-bes")
        self.vergadering = Vergadering.objects.create(overleg=avo, datum=datetime.date(2021, 3, 1))
        self.prioriteit = Prioriteit.objects.get(plan__slug="2019-2022", slug="high-impact-crimes")
        self.maatregel = Maatregel.objects.filter(prioriteit=self.prioriteit).first()

    def openbare_paginas(self):
        v = self.vergadering.pk
        return {
            "/": "home",
            "/gebieden/baarn/": "gebied-baarn",
            "/gebieden/basisteam-bes/": "gebied-basisteam",
            "/gebieden/de-bilt/": "gebied-de-bilt",
            "/cijfers/woninginbraken/": "categorie",
            "/cijfers/?gebied=baarn&gebied=eemnes&categorie=geweld-zeden": "verkenner",
            "/plan/2019-2022/": "plan-2019",
            "/plan/2023-2026/": "plan-2023",
            self.prioriteit.get_absolute_url(): "prioriteit",
            "/plan/2019-2022/speerpunten/baarn/": "speerpunten",
            "/voortgang/?plan=2019-2022": "voortgang",
            "/organisatie/": "organisatie",
            f"/geschiedenis/prioriteit/{self.prioriteit.pk}/": "geschiedenis",
            "/vergaderingen/": "vergaderingen",
            f"/vergaderingen/{v}/": "vergadering",
            f"/vergaderingen/{v}/stuk/openbaar/": "vergaderstuk",
            "/inloggen/": "inloggen",
            "/bestaat-niet/": "404",
        }

    def paginas_voor_adviseurs(self):
        return {
            "/cijfers/importeren/": "importeren",
            "/vergaderingen/nieuw/": "vergadering-plannen",
            f"/voortgang/nieuw/maatregel/{self.maatregel.pk}/": "voortgang-melden",
            f"/vergaderingen/{self.vergadering.pk}/stuk/": "vergaderstuk-intern",
        }

    def bekijk(self, pad, naam):
        """Opent `pad` op de huidige breedte, wacht op de grafieken, maakt een schermafdruk en
        geeft (breedte van de pagina, ernstige axe-bevindingen)."""
        response = self.page.goto(self.live_server_url + pad)
        self.assertIn(response.status, {200, 404}, pad)
        if response.status == 404:  # de browser meldt de 404 van het document zelf als fout
            self.fouten = [f for f in self.fouten if "404 (Not Found)" not in f]
        grafieken = self.page.locator(".grafiek[data-figuur]")
        for i in range(grafieken.count()):
            grafieken.nth(i).locator("svg.main-svg").first.wait_for(timeout=15000)
        breedte = self.page.viewport_size["width"]
        self.page.screenshot(path=str(SCHERMAFDRUKKEN / f"{naam}-{breedte}.png"), full_page=True)
        paginabreedte = self.page.evaluate("document.documentElement.scrollWidth")
        bevindingen = [
            f"{pad} @{breedte}px: {v['impact']} {v['id']} {v['nodes'][0]['target']}"
            for v in self.axe.run(self.page).response["violations"]
            if v["impact"] in ERNSTIG
        ]
        return paginabreedte, bevindingen

    def controleer(self, paginas):
        te_breed, bevindingen = [], []
        for breedte in (TELEFOON, BREED):
            self.page.set_viewport_size(breedte)
            for pad, naam in paginas.items():
                paginabreedte, ernstig = self.bekijk(pad, naam)
                if paginabreedte > breedte["width"]:
                    te_breed.append((pad, breedte["width"], paginabreedte))
                bevindingen += ernstig
        self.assertEqual(te_breed, [])
        self.assertEqual(bevindingen, [])
        self.assertEqual(self.fouten, [])

    def test_openbare_paginas_passen_op_een_telefoon_en_axe_vindt_niets_ernstigs(self):
        self.controleer(self.openbare_paginas())

    def test_paginas_voor_adviseurs_passen_en_axe_vindt_niets_ernstigs(self):
        from tests.gebruikers import WACHTWOORD

        self.page.goto(self.live_server_url + "/inloggen/")
        self.page.fill("#id_username", "voorzitter")
        self.page.fill("#id_password", WACHTWOORD)
        with self.page.expect_navigation():
            self.page.click("main button:has-text('Inloggen')")
        self.controleer(self.paginas_voor_adviseurs())


class MenuEnGrafiekTest(BrowserTestCase):
    def test_menu_klapt_in_op_een_telefoon_en_opent_met_het_toetsenbord(self):
        self.page.set_viewport_size(TELEFOON)
        self.page.goto(self.live_server_url + "/gebieden/baarn/")
        voortgang = self.page.locator("header a:has-text('Voortgang')")
        self.assertFalse(voortgang.is_visible())
        self.assertTrue(self.page.locator("label.menuknop").is_visible())
        self.page.focus("#menuschakelaar")
        self.page.keyboard.press("Space")
        self.assertTrue(voortgang.is_visible())
        self.page.screenshot(path=str(SCHERMAFDRUKKEN / "menu-open-390.png"))
        self.page.click("label.menuknop")
        self.assertFalse(voortgang.is_visible())
        # Breed: het menu staat gewoon open, zonder knop.
        self.page.set_viewport_size(BREED)
        self.assertTrue(voortgang.is_visible())
        self.assertFalse(self.page.locator("label.menuknop").is_visible())

    def test_werkbalk_alleen_png_en_zoomen_in_het_nederlands_zonder_cloud(self):
        self.open("/gebieden/basisteam-bes/", "werkbalk-basisteam")
        for grafiek in ("trendgrafiek", "veelvouden", "gemeenten", "aandeel"):
            with self.subTest(grafiek=grafiek):
                knoppen = self.page.locator(f"#{grafiek}-grafiek .modebar-btn")
                titels = [
                    knoppen.nth(i).get_attribute("data-title") for i in range(knoppen.count())
                ]
                self.assertEqual(
                    titels,
                    ["Grafiek downloaden als PNG", "Zoomen", "Zoomen ongedaan maken"],
                )
                self.assertEqual(
                    self.page.locator(f"#{grafiek}-grafiek [data-attr='sendChartToCloud']").count()
                    + self.page.locator(f"#{grafiek}-grafiek .modebar-btn--logo").count(),
                    0,
                )

    def test_kleine_veelvouden_hebben_een_legenda_met_elke_lijn(self):
        self.open("/gebieden/baarn/", "veelvouden-baarn")
        legenda = self.page.locator("#veelvouden-grafiek .legend .traces")
        namen = [legenda.nth(i).text_content() for i in range(legenda.count())]
        self.assertIn("geweld: zeden", namen)
        self.assertIn("autokraak", namen)
        self.assertEqual(len(namen), len(set(namen)))
        figuur = self.page.locator("figure:has(#veelvouden-grafiek)")
        self.assertIn("Kleine grafieken in", figuur.locator("figcaption").text_content())

    def test_afdrukken_ongewijzigd_geen_menu_en_tabellen_volledig(self):
        self.page.set_viewport_size(TELEFOON)
        self.open("/gebieden/baarn/", "afdruk-baarn")
        self.page.emulate_media(media="print")
        self.assertFalse(self.page.locator("header").is_visible())
        overloop = self.page.evaluate(
            "getComputedStyle(document.querySelector('.table-container')).overflowX"
        )
        self.assertEqual(overloop, "visible")
