"""Content-Security-Policy: de kop op elke pagina, en in een echte browser geen overtredingen.

De CSP staat alleen scripts en stijlen van de eigen site toe (ivp/settings.py). plotly.js zou
zelf <style>-elementen injecteren; static/css/plotly.css en de markers in
templates/cijfers/_plotlystijl.html voorkomen dat (scripts/plotly_css.py).
"""

import datetime
import re
from pathlib import Path

from django.test import SimpleTestCase, TestCase

from scripts.plotly_css import DOEL, STANDAARDBUNDEL, plotly_css
from tests.test_browser import FIXTURES, BrowserTestCase

ROOT = Path(__file__).resolve().parent.parent
STIJLPARTIAL = ROOT / "templates" / "cijfers" / "_plotlystijl.html"
VERWACHT = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data: blob:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def directieven(kop):
    """De CSP-kop als {directief: bronnen (str)}."""
    return dict(deel.strip().split(" ", 1) for deel in kop.split(";") if deel.strip())


def maak_vergadering():
    from ivp.models import Overleg
    from vergaderingen.models import Vergadering

    overleg = Overleg.objects.get(naam__startswith="Ambtelijk vooroverleg")
    return Vergadering.objects.create(overleg=overleg, datum=datetime.date(2021, 6, 1))


class CspKopTest(TestCase):
    fixtures = FIXTURES

    def test_pagina_heeft_strikte_csp(self):
        response = self.client.get("/gebieden/baarn/")
        self.assertEqual(directieven(response.headers["Content-Security-Policy"]), VERWACHT)

    def test_vergaderstuk_staat_alleen_zijn_eigen_style_toe_met_nonce(self):
        vergadering = maak_vergadering()
        response = self.client.get(f"/vergaderingen/{vergadering.pk}/stuk/openbaar/")
        self.assertEqual(response.status_code, 200)
        stijl = directieven(response.headers["Content-Security-Policy"])["style-src"]
        nonce = re.fullmatch(r"'self' 'nonce-([A-Za-z0-9+/=]+)'", stijl).group(1)
        self.assertContains(response, f'<style nonce="{nonce}">')
        self.assertEqual(response.content.decode().count("<style"), 1)


class GeenInlineScriptOfStijlTest(SimpleTestCase):
    def test_templates_hebben_geen_inline_script_of_stijl(self):
        for pad in (ROOT / "templates").rglob("*.html"):
            tekst = pad.read_text(encoding="utf-8")
            self.assertNotRegex(tekst, r"<script(?![^>]*\bsrc=)[^>]*>", pad)
            self.assertNotRegex(tekst, r"<[a-z][a-z0-9]*\b[^<>]*\s(?:style|on[a-z]+)=", pad)
            for stijl in re.findall(r"<style[^>]*>", tekst):
                self.assertIn("nonce=", stijl, pad)


class PlotlyStijlTest(SimpleTestCase):
    def test_plotly_css_hoort_bij_de_bundel(self):
        bundel = STANDAARDBUNDEL.read_text(encoding="utf-8")
        self.assertEqual(
            DOEL.read_text(encoding="utf-8"),
            plotly_css(bundel),
            "static/css/plotly.css is verouderd: draai python scripts/plotly_css.py",
        )

    def test_elke_style_die_de_bundel_injecteert_heeft_een_marker(self):
        bundel = STANDAARDBUNDEL.read_text(encoding="utf-8")
        ids = set(re.findall(r'getElementById\("([0-9a-f]{64})"\)', bundel))
        partial = STIJLPARTIAL.read_text(encoding="utf-8")
        self.assertTrue(ids)
        for id_ in ids:
            self.assertIn(f'id="{id_}"', partial)


class CspBrowserTest(BrowserTestCase):
    def overtredingen(self):
        return [fout for fout in self.fouten if "Content Security Policy" in fout]

    def bekijk(self, pad):
        """Opent pad; de kop is er echt, dus een lege lijst overtredingen zegt iets."""
        response = self.page.goto(self.live_server_url + pad)
        self.assertEqual(response.status, 200, pad)
        self.assertIn("script-src 'self'", response.headers["content-security-policy"])

    def test_gebied_met_grafieken_en_png_download(self):
        self.bekijk("/gebieden/baarn/")
        self.open("/gebieden/baarn/", "csp-gebied")  # elke grafiek getekend, geen enkele fout
        # plotly's eigen stijl (static/css/plotly.css) is toegepast: de lagen liggen op elkaar.
        positie = self.page.locator("svg.main-svg").first.evaluate(
            "e => getComputedStyle(e).position"
        )
        self.assertEqual(positie, "absolute")
        self.page.locator(".grafiek").first.hover()
        with self.page.expect_download() as download:
            self.page.locator(".grafiek").first.locator(".modebar-btn[data-title*='PNG']").click()
        self.assertTrue(download.value.suggested_filename.endswith(".png"))
        self.assertEqual(self.overtredingen(), [])

    def test_beheer_inloggen(self):
        from tests.gebruikers import WACHTWOORD, maak_gebruikers

        maak_gebruikers()
        self.bekijk("/admin/login/")  # de browser vraagt er /favicon.ico bij op: 404, geen CSP
        self.page.fill("#id_username", "beheerder")
        self.page.fill("#id_password", WACHTWOORD)
        with self.page.expect_navigation():
            self.page.click("input[type=submit]")
        self.page.wait_for_selector("#content-main")
        self.page.goto(self.live_server_url + "/admin/cijfers/cijfer/add/")
        self.page.wait_for_selector("#cijfer_form")
        self.assertEqual(self.overtredingen(), [])

    def test_vergaderstuk(self):
        vergadering = maak_vergadering()
        pad = f"/vergaderingen/{vergadering.pk}/stuk/openbaar/"
        self.bekijk(pad)
        self.open(pad, "csp-vergaderstuk")
        self.assertGreater(self.page.locator(".grafiek[data-figuur] svg.main-svg").count(), 0)
        # De nonce laat de kop van de afgedrukte pagina toe: zijn <style> heeft een blad.
        self.assertEqual(self.page.evaluate("document.querySelector('style').sheet !== null"), True)
