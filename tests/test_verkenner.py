"""De verkenner: selectie via django-filter, tabel, grafiek en export van precies die selectie."""

import io
from unittest import mock

import openpyxl
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from cijfers import charts
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
        rijen = {r["categorie"]: r for r in response.context["overzicht"].tabel.data.data}
        self.assertEqual(set(rijen), {"Baarn · autokraak", "Soest · autokraak"})
        self.assertEqual(rijen["Soest · autokraak"]["j2018"], 163)
        self.assertNotIn("j2016", rijen["Soest · autokraak"])
        self.assertContains(response, 'id="lijnen-data"')
        csv = self.client.get(reverse("cijfers:verkenner"), {**keuze, "_export": "csv"})
        regels = csv.content.decode().splitlines()
        self.assertEqual(regels[0].split(",")[:3], ["Reeks", "2017", "2018"])
        self.assertEqual(len(regels), 3)
        xlsx = self.client.get(reverse("cijfers:verkenner"), {**keuze, "_export": "xlsx"})
        blad = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
        self.assertEqual(blad.max_row, 3)
        self.assertIn(88, [c.value for c in blad[2]] + [c.value for c in blad[3]])

    def test_ongeldige_keuze_in_de_cache_raakt_de_geldige_niet(self):
        # Dezelfde gelezen keuze (?jaar=abc is geen jaartal), maar het filter weigert de
        # eerste: die lege selectie mag niet uit de cache komen voor de geldige vraag.
        gekozen, categorieen = factories.dataset(gebieden=1, categorieen=1, jaren=2)
        keuze = {"gebied": gekozen[0].slug}
        fout = self.client.get(reverse("cijfers:verkenner"), {**keuze, "jaar": "abc"})
        self.assertEqual(fout.context["overzicht"].tabel.data.data, [])
        goed = self.client.get(reverse("cijfers:verkenner"), keuze)
        self.assertEqual(len(goed.context["overzicht"].tabel.data.data), 1)

    def test_onbekende_keuze_geeft_nederlandse_fout(self):
        response = self.client.get(reverse("cijfers:verkenner"), {"gebied": "atlantis"})
        self.assertContains(response, "Selecteer een geldige keuze")


class VerkennerQueriesTest(TestCase):
    def test_aantal_queries(self):
        for gebieden, categorieen, jaren in [(2, 2, 2), (10, 12, 9)]:
            gekozen, _ = factories.dataset(gebieden=gebieden, categorieen=categorieen, jaren=jaren)
            # 1 de jaren met cijfers (keuzes van het filter; één indexsprong per jaar)
            # 2 de gekozen gebieden (controle van de keuze door het filter)
            # 3 de eigen en de gekozen gebieden (vinkjes en namen van de reeksen; niet alle
            #   gebieden van het land: de andere vindt het zoekveld)
            # 4 de categorieën met hun ouder (vinkjes, groepen en namen van de reeksen)
            # 5 de gegevensversie (de selectie met haar grafiek per versie en querystring in
            #   de cache)
            # 6 de cijfers van de selectie (met inwoners als subquery)
            keuze = {"gebied": [g.slug for g in gekozen]}
            with self.assertNumQueries(6):
                koud = self.client.get(reverse("cijfers:verkenner"), keuze)
            # Warm: 1-5, de cijfers en de trendpijplijn niet; dezelfde pagina.
            with self.assertNumQueries(5):
                warm = self.client.get(reverse("cijfers:verkenner"), keuze)
            self.assertEqual(warm.content, koud.content)

    def test_zoeken_zonder_javascript_kost_een_query(self):
        gekozen, _ = factories.dataset(gebieden=3, categorieen=1, jaren=1)
        keuze = {"gebied": [gekozen[0].slug], "zoek": "Synthetisch gebied"}
        # de zes van hierboven en 7 de gebieden die de zoekvraag vindt
        with self.assertNumQueries(7):
            response = self.client.get(reverse("cijfers:verkenner"), keuze)
        html = response.content.decode()
        for gebied in gekozen:  # de gekozen aangevinkt, de gevonden erbij zonder vinkje
            self.assertEqual(html.count(f'value="{gebied.slug}"'), 1, gebied.slug)
        self.assertIn(f'value="{gekozen[0].slug}" id="gebied-{gekozen[0].slug}" checked', html)
        self.assertNotIn(f'value="{gekozen[1].slug}" id="gebied-{gekozen[1].slug}" checked', html)

    def test_zonder_keuze_alleen_de_eigen_gebieden(self):
        # Referentiegebieden (hier synthetische gemeenten zonder plan) staan niet als vinkje
        # op de pagina en niet in de selectie zonder gekozen gebied.
        gekozen, categorieen = factories.dataset(gebieden=3, categorieen=1, jaren=1)
        response = self.client.get(reverse("cijfers:verkenner"), {"categorie": categorieen[0].slug})
        self.assertNotContains(response, gekozen[0].slug)
        self.assertEqual(response.context["overzicht"].tabel.data.data, [])

    def test_jaarfilter_toont_elk_jaar_een_keer(self):
        # Veel cijfers per jaar (gebieden x categorieën x perioden): elk jaar één vinkje.
        factories.dataset(gebieden=3, categorieen=2, jaren=3)
        response = self.client.get(reverse("cijfers:verkenner"))
        html = response.content.decode()
        jaren = [j for j, _ in response.context["filter"].filters["jaar"].extra["choices"]]
        self.assertEqual(len(jaren), 3)
        self.assertEqual(jaren, sorted(set(jaren)))
        for jaar in jaren:
            self.assertEqual(html.count(f'name="jaar" value="{jaar}"'), 1, jaar)

    def test_export_zonder_grafiek(self):
        gekozen, _ = factories.dataset(gebieden=2, categorieen=1, jaren=2)
        keuze = {"gebied": [g.slug for g in gekozen]}
        url = reverse("cijfers:verkenner")
        with mock.patch.object(charts, "lijngrafiek", side_effect=AssertionError("grafiek")):
            self.assertEqual(self.client.get(url, {**keuze, "_export": "csv"}).status_code, 200)
            with self.assertRaises(AssertionError):
                self.client.get(url, keuze)


class OnvolledigJaarTest(TestCase):
    """Proefgebruik punt 15: een jaar met maar een deel van de maanden viel in de verkenner
    stil weg. Met de hand: Maanddorp heeft woninginbraken van augustus 2022 t/m september
    2024 (tests/test_volledig.py MAANDEN: 2022 5 maanden, 2023 alle 12, 2024 9), en autokraak
    alleen maart en mei 2024; Jaardorp heeft een jaarcijfer 2024 voor woninginbraken."""

    @classmethod
    def setUpTestData(cls):
        from tests.test_volledig import MAANDEN

        maand = factories.gebied("Maanddorp", volgorde=1)
        jaar = factories.gebied("Jaardorp", volgorde=2)
        woning = factories.categorie("woninginbraken", volgorde=1)
        auto = factories.categorie("autokraak", volgorde=2)
        for j, m in MAANDEN:
            factories.cijfer(maand, woning, j, 4, periode=f"{j}-{m:02d}")
        for m in (3, 5):
            factories.cijfer(maand, auto, 2024, 2, periode=f"2024-{m:02d}")
        factories.cijfer(jaar, woning, 2024, 40)

    def test_de_noot_noemt_jaar_reeksen_en_maanden(self):
        keuze = {"gebied": ["maanddorp", "jaardorp"], "categorie": ["woninginbraken", "autokraak"]}
        response = self.client.get(reverse("cijfers:verkenner"), keuze)
        overzicht = response.context["overzicht"]
        # 2023 (12 x 4 = 48) is een jaar; 2022 en 2024 van Maanddorp niet.
        rijen = {r["categorie"]: r for r in overzicht.tabel.data.data}
        self.assertEqual(rijen["Maanddorp · woninginbraken"]["j2023"], 48)
        self.assertIsNone(rijen["Maanddorp · woninginbraken"].get("j2024"))
        self.assertEqual(rijen["Jaardorp · woninginbraken"]["j2024"], 40)
        jaren = {o.jaar: o for o in overzicht.onvolledig}
        self.assertEqual(sorted(jaren), [2022, 2024])
        self.assertEqual(
            jaren[2022].namen, ("Maanddorp · woninginbraken (5 maanden: augustus t/m december)",)
        )
        self.assertFalse(jaren[2022].ook_als_jaar)
        self.assertEqual(
            jaren[2024].namen,
            (
                "Maanddorp · woninginbraken (9 maanden: januari t/m september)",
                "Maanddorp · autokraak (2 maanden: maart en mei)",
            ),
        )
        # Jaardorp heeft 2024 als jaar: de kolom staat er, met een punt voor Maanddorp.
        self.assertTrue(jaren[2024].ook_als_jaar and jaren[2024].getoond)
        self.assertContains(
            response,
            "Van 2022 zijn voor Maanddorp · woninginbraken (5 maanden: augustus t/m december) "
            "nog niet alle maanden bekend. Een gedeeltelijk jaar is geen jaarcijfer",
        )
        self.assertContains(response, "daarom staat daar in de kolom 2024 een punt")
