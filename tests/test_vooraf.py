"""Vooraf gebouwd (cijfers/pagina/vooraf.py): de cijferpagina's per gegevensversie uit de cache,
met de tabelrijen en de grafiek-JSON al gebouwd, tonen precies wat een pagina zonder cache
toont; een warm verzoek bouwt geen cel en geen JSON opnieuw."""

import io
from unittest import mock

from django.core.cache import cache
from django.core.management import call_command
from django.test import TestCase, override_settings

from cijfers import tables
from cijfers.pagina import reeksen
from cijfers.pagina.reeksen import Grafiek
from cijfers.pagina.vooraf import vooraf_gebouwd
from tests import factories

URLS = [
    "/gebieden/baarn/",
    "/gebieden/basisteam-bes/?sort=-procent&jaar=2017&jaar=2018",
    "/gebieden/soest/?categorie=woninginbraken&categorie=autokraak",
    "/cijfers/woninginbraken/?gebied=baarn&gebied=soest",
    "/cijfers/?gebied=baarn&gebied=soest&categorie=woninginbraken&categorie=autokraak",
    "/plan/2019-2022/prioriteiten/high-impact-crimes/",
]


class VoorafPaginaTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())

    def setUp(self):
        cache.clear()

    def test_warm_gelijk_aan_zonder_cache(self):
        for url in URLS:
            with self.subTest(url=url):
                with override_settings(ONDERDELENCACHE=False):
                    zonder = self.client.get(url)
                self.assertEqual(zonder.status_code, 200)
                koud = self.client.get(url)
                warm = self.client.get(url)
                self.assertEqual(koud.content.decode(), zonder.content.decode())
                self.assertEqual(warm.content.decode(), zonder.content.decode())

    def test_warm_bouwt_geen_cellen_en_geen_json(self):
        for url in URLS:
            with self.subTest(url=url):
                self.client.get(url)  # koud: bouwt en bewaart
                with (
                    mock.patch.object(
                        tables.Tabel, "_cel", side_effect=AssertionError("cel gebouwd")
                    ),
                    mock.patch.object(
                        reeksen.json, "dumps", side_effect=AssertionError("JSON gebouwd")
                    ),
                ):
                    self.assertEqual(self.client.get(url).status_code, 200)

    def test_sorteerlink_houdt_de_querystring_van_dit_verzoek(self):
        # De kop van de trendtabel (sorteerbaar) wordt per verzoek gemaakt: twee adressen die
        # dezelfde onderdelen uit de cache halen, krijgen elk hun eigen link.
        for url in ("/gebieden/baarn/?jaar=2017&jaar=2018", "/gebieden/baarn/?jaar=2018&jaar=2017"):
            html = self.client.get(url).content.decode()
            querystring = url.split("?", 1)[1].replace("&", "&amp;")
            self.assertIn(f'href="?{querystring}&amp;sort=categorie"', html)


class VoorafGebouwdTest(TestCase):
    def test_vindt_tabellen_en_grafieken_overal_en_verandert_niets(self):
        tabel = tables.eenvoudige_tabel([{"a": 1}], [("a", "A", True)])
        grafiek = Grafiek("g", {"data": [], "layout": {"title": {"text": "<b>t</b>"}}}, "g")
        binnen = Grafiek("h", {"data": [{"y": [1]}], "layout": {}}, "h", tabel=tabel)
        verwacht = (tabel.tbody_html(), grafiek.figuur_script, binnen.figuur_script)
        onderdelen = {"lijst": [grafiek, ("x", binnen)], "getal": 3, "tekst": "t"}
        self.assertIs(vooraf_gebouwd(onderdelen), onderdelen)
        self.assertEqual(tabel._tbody_vooraf, verwacht[0])
        self.assertEqual(grafiek._script, verwacht[1])
        self.assertEqual(binnen._script, verwacht[2])
        with mock.patch.object(reeksen.json, "dumps", side_effect=AssertionError("opnieuw")):
            self.assertEqual(
                (tabel.tbody_html(), grafiek.figuur_script, binnen.figuur_script), verwacht
            )

    def test_markeren_na_vooraf_bouwen_bouwt_de_rijen_opnieuw(self):
        # Een toelichting die na het vooraf bouwen in de rijen komt, staat er ook in.
        from cijfers.pagina import toelichtingen

        gebied, categorie = factories.gebied(), factories.categorie()
        tabel = tables.eenvoudige_tabel(
            [{"categorie": categorie.naam}], [("categorie", "C", False)]
        )
        tabel.vooraf_renderen()
        toelichtingen.markeer_tabel(tabel, {categorie.naam: {2018: ["regel"]}})
        self.assertIsNone(tabel._tbody_vooraf)
        self.assertEqual(tabel.data.data[0]["toelichtingen"], {2018: ["regel"]})
        self.assertIsNotNone(gebied.pk)

    def test_een_andere_figuur_met_replace_begint_zonder_json(self):
        from dataclasses import replace

        grafiek = Grafiek("g", {"data": [], "layout": {}}, "g")
        grafiek.vooraf_renderen()
        ander = replace(grafiek, figuur={"data": [{"y": [2]}], "layout": {}})
        self.assertIn('"y": [2]', ander.figuur_script)
