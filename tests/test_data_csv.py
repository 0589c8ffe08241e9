"""/cijfers/data.csv: alle opgeslagen cijfers in lang formaat."""

import csv
import io

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from cijfers.models import Cijfer
from tests import factories


def lees_csv(response):
    tekst = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(tekst))), tekst


class DataCsvBronTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())

    def test_bevat_precies_de_opgeslagen_cijfers(self):
        response = self.client.get(reverse("cijfers:data_csv"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        rijen, tekst = lees_csv(response)
        self.assertTrue(tekst.startswith("gebied,categorie,jaar,periode,waarde,bron"))
        self.assertEqual(len(rijen), 360)
        uit_csv = {(r["gebied"], r["categorie"], r["periode"]): int(r["waarde"]) for r in rijen}
        opgeslagen = {
            (c.gebied.naam, c.categorie.naam, c.periode): c.waarde
            for c in Cijfer.objects.select_related("gebied", "categorie")
        }
        self.assertEqual(uit_csv, opgeslagen)
        eerste = next(
            r for r in rijen if r["gebied"] == "Baarn" and r["categorie"] == "fietsdiefstal"
        )
        self.assertEqual(eerste["jaar"], "2015")
        self.assertEqual(eerste["periode"], "2015")
        self.assertEqual(eerste["waarde"], "133")
        self.assertEqual(eerste["bron"], "IVP BES 2019-2022, tabel Baarn 2015-2018")


class DataCsvTest(TestCase):
    def test_geheim_cijfer_is_leeg_niet_nul(self):
        g, c = factories.gebied(), factories.categorie()
        factories.cijfer(g, c, 2019, None, status=Cijfer.Status.GEHEIM)
        rijen, _ = lees_csv(self.client.get(reverse("cijfers:data_csv")))
        self.assertEqual(rijen[0]["waarde"], "")
        self.assertEqual(rijen[0]["status"], "geheim")

    def test_aantal_queries_groeit_niet_met_de_data(self):
        factories.dataset(gebieden=2, categorieen=2, jaren=2)
        with self.assertNumQueries(1):  # één query: cijfers met gebied, categorie en bron
            klein, _ = lees_csv(self.client.get(reverse("cijfers:data_csv")))
        factories.dataset(gebieden=6, categorieen=5, jaren=4)
        with self.assertNumQueries(1):  # dezelfde ene query, ook bij meer cijfers
            groot, _ = lees_csv(self.client.get(reverse("cijfers:data_csv")))
        self.assertEqual((len(klein), len(groot)), (8, 8 + 120))
