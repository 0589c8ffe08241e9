"""De verkenner: selectie via django-filter, tabel, grafiek en export van precies die selectie."""

import io

import openpyxl
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories


class VerkennerTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())

    def test_zonder_keuze_zegt_wat_te_doen(self):
        response = self.client.get(reverse("cijfers:verkenner"))
        self.assertContains(response, "Kies hierboven minstens één gebied")

    def test_selectie_tabel_en_export(self):
        keuze = {"gebied": ["baarn", "soest"], "categorie": ["autokraak"], "jaar": ["2017", "2018"]}
        response = self.client.get(reverse("cijfers:verkenner"), keuze)
        rijen = {r["categorie"]: r for r in response.context["tabel"].data.data}
        self.assertEqual(set(rijen), {"Baarn · autokraak", "Soest · autokraak"})
        self.assertEqual(rijen["Soest · autokraak"]["j2018"], 163)
        self.assertNotIn("j2016", rijen["Soest · autokraak"])
        self.assertContains(response, 'id="lijnen-data"')
        csv = self.client.get(reverse("cijfers:verkenner"), {**keuze, "_export": "csv"})
        regels = csv.content.decode().splitlines()
        self.assertEqual(regels[0].split(",")[:3], ["Categorie", "2017", "2018"])
        self.assertEqual(len(regels), 3)
        xlsx = self.client.get(reverse("cijfers:verkenner"), {**keuze, "_export": "xlsx"})
        blad = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
        self.assertEqual(blad.max_row, 3)
        self.assertIn(88, [c.value for c in blad[2]] + [c.value for c in blad[3]])

    def test_onbekende_keuze_geeft_nederlandse_fout(self):
        response = self.client.get(reverse("cijfers:verkenner"), {"gebied": "atlantis"})
        self.assertContains(response, "Selecteer een geldige keuze")


class VerkennerQueriesTest(TestCase):
    def aantal(self, params):
        with CaptureQueriesContext(connection) as queries:
            self.client.get(reverse("cijfers:verkenner"), params)
        return len(queries)

    def test_aantal_queries_groeit_niet(self):
        g1, c1 = factories.dataset(gebieden=2, categorieen=2, jaren=2)
        klein = self.aantal({"gebied": [g.slug for g in g1]})
        g2, c2 = factories.dataset(gebieden=10, categorieen=12, jaren=9)
        groot = self.aantal({"gebied": [g.slug for g in g2]})
        self.assertEqual(klein, groot)
