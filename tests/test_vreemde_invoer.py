"""Vreemde links geven nooit een serverfout: elke openbare pagina, met vreemde waarden voor elke
parameter die ze leest (letters, 5.000 cijfers, negatief, %00, scripttags, NaN, datums die niet
bestaan), antwoordt met een pagina of een Nederlandse 400/404, nooit met 500."""

import datetime
import io
from urllib.parse import quote

from django.core.management import call_command
from django.test import TestCase

from ivp.models import Overleg
from prioriteiten.models import Prioriteit
from vergaderingen.models import Vergadering

VREEMD = [
    "abc",
    "9" * 5000,
    "-1",
    "-2018",
    "0",
    "\x00",
    "2018\x00",
    "<script>alert(1)</script>",
    "NaN",
    "1e308",
    "2018-02-30",
    "31-13-2018",
    "٢٠١٨",  # Arabisch-Indische cijfers: isdecimal(), maar geen jaartal van deze site
    " 2018 ",
    "",
]
# Wat de pagina's uit de querystring lezen (cijfers/pagina/keuze.py, cijfers/filters.py, het
# voortgangsoverzicht, inloggen).
PARAMETERS = [
    "jaar", "vergelijkingsjaar", "categorie", "gebied", "sort", "plan", "sinds", "next", "zoek", "q",
]  # fmt: skip


def querystring(paren):
    return "&".join(f"{quote(k)}={quote(v)}" for k, v in paren)


class VreemdeInvoerTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())
        avo = Overleg.objects.get(slug="avo-bes")
        cls.vergadering = Vergadering.objects.create(overleg=avo, datum=datetime.date(2021, 3, 1))
        cls.prioriteit = Prioriteit.objects.filter(plan__slug="2019-2022").first()

    def setUp(self):
        self.client.raise_request_exception = False

    def paginas(self):
        return [
            "/",
            "/gebieden/baarn/",
            "/gebieden/basisteam-bes/",
            "/cijfers/",
            "/cijfers/woninginbraken/",
            "/cijfers/data.csv",
            "/gebieden/zoek/",
            "/plan/2019-2022/",
            "/plan/2023-2026/",
            self.prioriteit.get_absolute_url(),
            "/plan/2019-2022/speerpunten/baarn/",
            "/voortgang/",
            "/vergaderingen/",
            f"/vergaderingen/{self.vergadering.pk}/",
            f"/vergaderingen/{self.vergadering.pk}/stuk/openbaar/",
            f"/geschiedenis/prioriteit/{self.prioriteit.pk}/",
            "/inloggen/",
        ]

    def geen_500(self, urls):
        fouten = []
        for url in urls:
            response = self.client.get(url)
            if response.status_code >= 500 or response.status_code not in {200, 302, 400, 404}:
                fouten.append((response.status_code, url[:90], len(url)))
        self.assertEqual(fouten, [])

    def test_elke_parameter_met_vreemde_waarden(self):
        urls = []
        for pagina in self.paginas():
            for waarde in VREEMD:
                alle = [(parameter, waarde) for parameter in PARAMETERS]
                urls += [
                    f"{pagina}?{querystring(alle)}",
                    f"{pagina}?{querystring([*alle, ('_export', 'csv')])}",
                    f"{pagina}?{querystring([('_export', 'xlsx'), ('_tabel', waarde)])}",
                    f"{pagina}?{querystring([('_export', waarde)])}",
                ]
        self.geen_500(urls)

    def test_elke_parameter_apart_met_de_lastigste_waarden(self):
        urls = [
            f"{pagina}?{querystring([(parameter, waarde)])}"
            for pagina in self.paginas()
            for parameter in PARAMETERS
            for waarde in ("9" * 5000, "\x00", "NaN", "-1")
        ]
        self.geen_500(urls)

    def test_jaar_met_5000_cijfers_geeft_de_pagina_met_alle_jaren(self):
        for pagina in ("/gebieden/baarn/", "/cijfers/woninginbraken/", "/cijfers/"):
            response = self.client.get(pagina, {"jaar": "9" * 5000})
            self.assertEqual(response.status_code, 200, pagina)
            self.assertContains(response, "2015")
        response = self.client.get("/gebieden/basisteam-bes/", {"vergelijkingsjaar": "9" * 5000})
        self.assertEqual(response.status_code, 200)

    def test_onmogelijke_ids_in_het_pad_geven_404(self):
        groot = "9" * 5000
        for url in (
            f"/geschiedenis/prioriteit/{groot}/",
            "/geschiedenis/prioriteit/99999999999999999999/",
            f"/vergaderingen/{groot}/",
            "/vergaderingen/9223372036854775808/stuk/openbaar/",
            f"/cijfers/importeren/{groot}/",
            f"/voortgang/{groot}/bewerken/",
        ):
            with self.subTest(url=url[:60]):
                response = self.client.get(url)
                self.assertIn(response.status_code, {302, 404}, url[:60])

    def test_onbekende_pagina_is_een_nederlandse_404(self):
        response = self.client.get("/bestaat-niet/<script>/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "Pagina niet gevonden", status_code=404)
        self.assertNotContains(response, "<script>", status_code=404)

    def test_nulteken_is_een_nederlandse_400(self):
        """Een nulteken in een slug of zoekvraag: PostgreSQL weigert het in elke tekst, dus
        weigert het dashboard het vóór de view (ivp/invoer.py), op SQLite net zo."""
        for url in ("/cijfers/?gebied=%00", "/cijfers/woninginbraken/?gebied=baarn%00",
                    "/gebieden/zoek/?q=%00", "/cijfers/?zoek=a%00b"):  # fmt: skip
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertContains(response, "Ongeldige aanvraag", status_code=400)
