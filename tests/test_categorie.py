"""De categoriepagina: één categorie over alle gebieden en jaren."""

import io
from unittest import mock

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from cijfers import charts
from tests import factories


class CategorieBronTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())

    def test_elke_categorie_heeft_een_pagina(self):
        from cijfers.models import Categorie

        for categorie in Categorie.objects.all():
            response = self.client.get(categorie.get_absolute_url())
            self.assertEqual(response.status_code, 200, categorie.slug)
            self.assertContains(response, 'id="lijnen-data"')

    def test_gebieden_met_cijfers_en_keuze(self):
        url = reverse("cijfers:categorie", args=["woninginbraken"])
        response = self.client.get(url)
        rijen = {r["categorie"]: r for r in response.context["overzicht"].tabel.data.data}
        self.assertEqual(set(rijen), {"Baarn", "Bunschoten", "Eemnes", "Soest", "Basisteam BES"})
        self.assertEqual(rijen["Basisteam BES"]["j2014"], 806)
        self.assertIsNone(rijen["Baarn"]["j2014"])  # niet in de bron: ontbreekt, geen 0
        self.assertEqual(rijen["Baarn"]["procent"], 36)
        self.assertEqual(rijen["Baarn"]["h1"], 133)
        self.assertContains(
            response, "regio Midden-Nederland 2018 t.o.v. 2017: <strong>−15%</strong>"
        )
        gekozen = self.client.get(url, {"gebied": ["baarn", "soest"]})
        self.assertEqual(
            [r["categorie"] for r in gekozen.context["overzicht"].tabel.data.data],
            ["Baarn", "Soest"],
        )

    def test_export(self):
        url = reverse("cijfers:categorie", args=["autokraak"])
        response = self.client.get(url, {"_export": "csv", "gebied": "soest"})
        regels = response.content.decode().splitlines()
        self.assertEqual(len(regels), 2)
        self.assertTrue(regels[1].startswith("Soest,223,200,181,163,-18,-10,"), regels[1])

    def test_onbekende_categorie(self):
        self.assertEqual(self.client.get("/cijfers/bestaat-niet/").status_code, 404)


class CategorieQueriesTest(TestCase):
    def test_aantal_queries(self):
        for gebieden, jaren in [(2, 2), (9, 15)]:
            gekozen, categorieen = factories.dataset(gebieden=gebieden, categorieen=1, jaren=jaren)
            url = reverse("cijfers:categorie", args=[categorieen[0].slug])
            # De synthetische gemeenten doen niet mee aan een plan: referentiegebieden, dus
            # alleen op de pagina als ze gekozen zijn (met het zoekveld).
            # 1 de gegevensversie (de pagina staat per versie en querystring in de cache)
            # 2 de categorie (met haar ouder)
            # 3 de eigen en de gekozen gebieden, elk met of het eigen cijfers heeft (geen
            #   basisteam: dus geen leden); nooit alle gebieden van het land
            # 4 de cijfers van de categorie in de getoonde gebieden (met inwoners als subquery)
            # 5 de gepubliceerde veranderingen van de categorie
            # 6 de toelichtingen van de getoonde gebieden bij de categorie (issue 17)
            # 7 de analyses van hoofdstuk 8 van die gebieden (uit het plan, in dezelfde lijst)
            keuze = {"gebied": [g.slug for g in gekozen]}
            with self.assertNumQueries(7):
                response = self.client.get(url, keuze)
            self.assertEqual(len(response.context["overzicht"].getoond), gebieden)
            # Warm (dezelfde versie en querystring): alleen 1 de gegevensversie, dezelfde pagina.
            with self.assertNumQueries(1):
                warm = self.client.get(url, keuze)
            self.assertEqual(warm.content, response.content)
            # Zonder keuze: 1 de gegevensversie, 2 de categorie, 3 de eigen gebieden. Geen
            # eigen gebied heeft cijfers, dus geen query voor cijfers, veranderingen of
            # toelichtingen (geen getoonde gebieden); wel het zoekveld.
            with self.assertNumQueries(3):
                response = self.client.get(url)
            self.assertContains(response, 'data-zoek-url="/gebieden/zoek/"')

    def test_export_zonder_grafiek(self):
        gekozen, categorieen = factories.dataset(gebieden=2, categorieen=1, jaren=2)
        url = reverse("cijfers:categorie", args=[categorieen[0].slug])
        keuze = {"gebied": [g.slug for g in gekozen]}
        with mock.patch.object(charts, "lijngrafiek", side_effect=AssertionError("grafiek")):
            self.assertEqual(self.client.get(url, {**keuze, "_export": "xlsx"}).status_code, 200)
            with self.assertRaises(AssertionError):
                self.client.get(url, keuze)
