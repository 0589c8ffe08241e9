"""De paginacache voor anonieme bezoekers (ivp/paginacache.py): aan met PAGINACACHE_SECONDEN."""

import time
from unittest import mock

from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory, TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from ivp.paginacache import AnoniemePaginacache
from tests.gebruikers import maak_gebruikers
from tests.test_browser import FIXTURES
from tests.test_csp import maak_vergadering


def queries(client, pad):
    """(antwoord, aantal queries) van één GET."""
    with CaptureQueriesContext(connection) as vastgelegd:
        antwoord = client.get(pad)
    return antwoord, len(vastgelegd)


@override_settings(PAGINACACHE_SECONDEN=30)
class PaginacacheTest(TestCase):
    fixtures = FIXTURES

    def setUp(self):
        cache.clear()

    def test_anonieme_pagina_tweede_keer_uit_de_cache(self):
        eerste, aantal = queries(self.client, "/gebieden/baarn/")
        self.assertGreater(aantal, 0)
        tweede, aantal = queries(self.client, "/gebieden/baarn/")
        self.assertEqual(aantal, 0)
        self.assertEqual(tweede.content, eerste.content)
        self.assertIn("script-src 'self'", tweede.headers["Content-Security-Policy"])
        # Een andere querystring is een andere pagina.
        _, aantal = queries(self.client, "/gebieden/baarn/?jaar=2018")
        self.assertGreater(aantal, 0)

    def test_verlopen_pagina_een_verzoek_ververst_de_anderen_krijgen_de_vorige(self):
        queries(self.client, "/voortgang/")
        later = time.time() + 31
        with mock.patch("ivp.paginacache.time.time", return_value=later):
            sleutel = AnoniemePaginacache.sleutel(RequestFactory().get("/voortgang/"))
            cache.add(f"{sleutel}:slot", 1, 10)  # een ander verzoek is al aan het verversen
            _, aantal = queries(self.client, "/voortgang/")
            self.assertEqual(aantal, 0)
            cache.delete(f"{sleutel}:slot")
            _, aantal = queries(self.client, "/voortgang/")  # dit verzoek ververst
            self.assertGreater(aantal, 0)
            _, aantal = queries(self.client, "/voortgang/")  # weer vers
            self.assertEqual(aantal, 0)

    def test_ingelogd_nooit_uit_de_cache(self):
        queries(self.client, "/plan/2019-2022/")
        self.client.force_login(maak_gebruikers()["adviseur_baarn"])
        antwoord, aantal = queries(self.client, "/plan/2019-2022/")
        self.assertGreater(aantal, 0)
        self.assertContains(antwoord, "Uitloggen")

    def test_vergaderstuk_met_nonce_en_gestreamde_csv_niet(self):
        pad = f"/vergaderingen/{maak_vergadering().pk}/stuk/openbaar/"
        kop = self.client.get(pad).headers["Content-Security-Policy"]
        _, aantal = queries(self.client, pad)
        self.assertGreater(aantal, 0)
        self.assertNotEqual(self.client.get(pad).headers["Content-Security-Policy"], kop)
        # Gestreamd (de queries lopen pas bij het lezen): nooit bewaard, de tweede keer ook vers.
        self.assertTrue(b"".join(self.client.get("/cijfers/data.csv").streaming_content))
        self.assertTrue(self.client.get("/cijfers/data.csv").streaming)


class PaginacacheStandaardUitTest(TestCase):
    fixtures = FIXTURES

    def test_zonder_instelling_elke_keer_opnieuw(self):
        cache.clear()
        queries(self.client, "/gebieden/baarn/")
        _, aantal = queries(self.client, "/gebieden/baarn/")
        self.assertGreater(aantal, 0)
