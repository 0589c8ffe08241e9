"""Het zoekveld voor gebieden in een echte browser: suggesties uit /gebieden/zoek/ via
static/js/zoek-gebied.js (zonder CSP-fouten), een suggestie vinkt het gebied aan."""

import pytest

from ivp.models import referentiegebied
from tests.test_browser import SCHERMAFDRUKKEN, BrowserTestCase

pytestmark = pytest.mark.browser


class ZoekveldTest(BrowserTestCase):
    def setUp(self):
        super().setUp()
        referentiegebied("GM0307", "Amersfoort").save()
        referentiegebied("NL01", "Nederland").save()

    def test_suggestie_kiezen_vinkt_het_gebied_aan(self):
        self.page.goto(self.live_server_url + "/cijfers/")
        self.assertEqual(self.page.locator("#gebied-gm0307").count(), 0)  # niet in de lijst
        self.page.fill("#zoek-gebied", "Amers")
        suggestie = self.page.locator("#zoek-gebied-suggesties button")
        suggestie.first.wait_for(timeout=5000)
        self.assertEqual(suggestie.count(), 1)
        self.assertIn("Amersfoort (GM0307)", suggestie.first.text_content())
        suggestie.first.click()
        self.assertTrue(self.page.locator("#gebied-gm0307").is_checked())
        self.assertEqual(self.page.locator("#zoek-gebied").input_value(), "")
        self.page.screenshot(path=str(SCHERMAFDRUKKEN / "zoek-gebied.png"), full_page=True)
        with self.page.expect_navigation():
            self.page.click("text=Toon selectie")
        self.assertIn("gebied=gm0307", self.page.url)
        self.assertTrue(self.page.locator("#gebied-gm0307").is_checked())
        self.assertEqual(self.fouten, [])

    def test_zonder_javascript_zoekt_de_knop(self):
        context = self.browser.new_context(java_script_enabled=False)
        pagina = context.new_page()
        pagina.goto(self.live_server_url + "/cijfers/woninginbraken/")
        pagina.fill("#zoek-gebied", "nederland")
        with pagina.expect_navigation():
            pagina.click("button:text('Zoek')")
        self.assertIn("zoek=nederland", pagina.url)
        self.assertEqual(pagina.locator("#gebied-nl01").count(), 1)
        self.assertFalse(pagina.locator("#gebied-nl01").is_checked())
        context.close()
