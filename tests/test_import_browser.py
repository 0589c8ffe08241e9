"""Browsertest: een adviseur uploadt de open data van de politie, bekijkt het voorbeeld,
bevestigt, en ziet de nieuwe jaren op de gebiedspagina. Het bestand is synthetisch."""

import tempfile
from pathlib import Path

import pytest

from tests import importbestanden as ib
from tests.gebruikers import WACHTWOORD, maak_gebruikers
from tests.test_browser import SCHERMAFDRUKKEN, BrowserTestCase

pytestmark = pytest.mark.browser


class ImportBrowserTest(BrowserTestCase):
    def test_adviseur_uploadt_bekijkt_voorbeeld_en_bevestigt(self):
        maak_gebruikers()
        map_ = tempfile.TemporaryDirectory()
        self.addCleanup(map_.cleanup)
        bestand = Path(map_.name) / "politie-bes-2019-2023-synthetisch.csv"
        bestand.write_bytes(ib.politie_csv(ib.politie_rijen()))

        self.page.goto(self.live_server_url + "/inloggen/?next=/cijfers/importeren/")
        self.page.fill("#id_username", "adviseur_baarn")
        self.page.fill("#id_password", WACHTWOORD)
        with self.page.expect_navigation():
            self.page.click("button:has-text('Inloggen')")
        self.assertTrue(self.page.url.endswith("/cijfers/importeren/"))
        self.page.set_input_files("#id_bestand", str(bestand))
        with self.page.expect_navigation():
            self.page.click("button:has-text('Bekijk voorbeeld')")
        self.assertTrue(
            self.page.locator("text=Dit is een voorbeeld: er is nog niets opgeslagen.").is_visible()
        )
        self.assertEqual(self.page.text_content("[data-telling=toegevoegd]"), "1.200")
        self.assertEqual(self.page.text_content("[data-telling=afgewezen]"), "0")
        self.page.screenshot(path=str(SCHERMAFDRUKKEN / "import-voorbeeld.png"), full_page=True)
        with self.page.expect_navigation():
            self.page.click("button:has-text('Importeren')")
        self.assertTrue(self.page.locator("text=Uitgevoerd op").is_visible())
        self.assertEqual(self.fouten, [])

        # Trend, per groep, beleving en (sinds issue 14, want het bestand heeft maanden) de
        # maandgrafiek met de som van 12 maanden.
        self.assertEqual(self.open("/gebieden/baarn/", "import-gebied-baarn"), 4)
        self.assertTrue(self.page.locator("#maanden-grafiek svg.main-svg").first.is_visible())
        koppen = self.page.locator("table.trendtabel thead th").all_text_contents()
        self.assertIn("2023", [k.strip() for k in koppen])
        # Het basisteam: trend, veelvouden, gemeenten naast elkaar (staven en aandelen), beleving en (sinds
        # proefgebruik punt 7) de maandgrafiek uit de som van de vijf gemeenten.
        self.assertEqual(self.open("/gebieden/basisteam-bes/", "import-basisteam"), 6)
        self.assertTrue(self.page.locator("#maanden-grafiek svg.main-svg").first.is_visible())
        self.assertTrue(self.page.locator("#afgeleid-basisteam").is_visible())
