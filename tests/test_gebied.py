"""De gebiedspagina: trendtabel, veranderingen, tekens, grafieken, export en queries."""

import csv
import io
from unittest import mock

import openpyxl
from django.core.cache import cache
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from cijfers import charts
from cijfers.models import Cijfer
from ivp.models import Gebied
from scripts.bron_ivp_2019 import gemeentetabellen, splits_procenten
from tests import factories
from tests.bron import brontekst

GEMEENTEN = ["baarn", "bunschoten", "eemnes", "soest"]


def tabelrijen(response):
    return {rij["categorie"]: rij for rij in response.context["overzicht"].tabel.data.data}


class GebiedBronTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())

    def test_pagina_per_gemeente_en_basisteam(self):
        for slug in [*GEMEENTEN, "basisteam-bes", "de-bilt"]:
            response = self.client.get(reverse("cijfers:gebied", args=[slug]))
            self.assertEqual(response.status_code, 200, slug)
            self.assertContains(response, "<h1>")
        self.assertEqual(self.client.get("/gebieden/midden-nederland/").status_code, 404)

    def test_nieuwste_verandering_gelijk_aan_de_gemeentekolom_van_de_bron(self):
        for slug, rijen in gemeentetabellen(brontekst()).items():
            getoond = tabelrijen(self.client.get(reverse("cijfers:gebied", args=[slug])))
            for rij in rijen:
                self.assertEqual(
                    getoond[rij.categorie]["procent"],
                    splits_procenten(rij)["gemeente"],
                    (slug, rij.categorie),
                )

    def test_regio_en_halfjaren_naast_de_verandering(self):
        response = self.client.get(reverse("cijfers:gebied", args=["baarn"]))
        rijen = tabelrijen(response)
        self.assertEqual(rijen["woninginbraken"]["regio"], -15)
        self.assertEqual(rijen["woninginbraken"]["h1"], 133)
        self.assertEqual(rijen["woninginbraken"]["h2"], -32)
        self.assertNotIn("h1", rijen["geweld: openlijk geweld"])  # dubbelzinnig in de bron
        self.assertContains(response, "Regio Midden-Nederland 2018 t.o.v. 2017 (%)")
        self.assertContains(response, "+133%")

    def test_banden_kleur_en_teken_en_toeval(self):
        response = self.client.get(reverse("cijfers:gebied", args=["eemnes"]))
        html = response.content.decode()
        # woninginbraken 16 -> 38: +138%, stijging, geen toeval (22/sqrt(54) = 3,0)
        self.assertIn('class="band band-stijging"', html)
        self.assertIn("▲", html)
        rijen = tabelrijen(response)
        self.assertFalse(rijen["woninginbraken"]["toeval"])
        # zeden 1 -> 2: +100%, maar toeval
        self.assertTrue(rijen["geweld: zeden"]["toeval"])
        self.assertContains(response, 'id="voetnoot-toeval"')
        # straatroof 0 -> 0: geen percentage
        self.assertIsNone(rijen["geweld: straatroof"]["procent"])

    def test_verandering_vanaf_nul_heeft_geen_percentage(self):
        rijen = tabelrijen(self.client.get(reverse("cijfers:gebied", args=["baarn"])))
        self.assertIsNone(rijen["geweld: straatroof"]["procent"])  # 0 -> 1
        self.assertEqual(rijen["geweld: straatroof"]["verschil"], 1)

    def test_jaren_en_sortering_in_de_querystring(self):
        response = self.client.get(
            reverse("cijfers:gebied", args=["soest"]),
            {"jaar": ["2016", "2018"], "sort": "-procent"},
        )
        self.assertEqual(response.context["overzicht"].jaren, [2016, 2018])
        koppen = [k.header for k in response.context["overzicht"].tabel.columns]
        self.assertIn("2016", koppen)
        self.assertNotIn("2015", koppen)
        procenten = [
            r["procent"]
            for r in response.context["overzicht"].tabel.data.data
            if r["procent"] is not None
        ]
        self.assertEqual(procenten, sorted(procenten, reverse=True))

    def test_lokale_speerpunten_en_beleving(self):
        response = self.client.get(reverse("cijfers:gebied", args=["soest"]))
        self.assertContains(response, "Illegale prostitutie en mensenhandel")
        self.assertContains(response, "Radicalisering")
        self.assertContains(response, "Veiligheidsmonitor 2017")
        eemnes = self.client.get(reverse("cijfers:gebied", args=["eemnes"]))
        self.assertContains(eemnes, "niet meer representatief")

    def test_de_bilt_zegt_wat_te_doen(self):
        response = self.client.get(reverse("cijfers:gebied", args=["de-bilt"]))
        self.assertContains(response, "zijn nog geen cijfers opgeslagen")
        self.assertContains(response, reverse("admin:cijfers_cijfer_add"))
        # De Bilt is geen deelnemer van het IVP BES 2019-2022 (Plan.deelnemers).
        self.assertContains(
            response,
            "Het Integraal Veiligheidsplan BES 2019-2022 bevat geen cijfertabel voor De Bilt",
        )
        self.assertContains(
            response, "De Bilt heeft geen hoofdstuk in het Integraal Veiligheidsplan BES 2019-2022."
        )
        soest = self.client.get(reverse("cijfers:gebied", args=["soest"]))
        self.assertNotContains(soest, "heeft geen hoofdstuk")

    def test_aantal_queries_van_een_gemeente_met_speerpunten(self):
        # Koud (niets in de onderdelencache voor deze gegevensversie):
        # 1 de gegevensversie (ivp/gegevensversie.py)
        # 2 het gebied (met als subquery het plan waaraan het niet deelneemt)
        # 3 zijn leden (prefetch)
        # 4 de categorieën
        # 5 de cijfers van het gebied (met inwoners als subquery)
        # 6 de gepubliceerde veranderingen van het gebied en de regio
        # 7 de analyses van hoofdstuk 8 met hun plan (Gemeenteanalyse; vóór de tabel: hun
        #   halfjaarnoten krijgen een teken)
        # 8 wat er aan inwoners en kerncijfers geïmporteerd is (Soest heeft hier geen
        #   inwonertal: "is dat veel?" zegt dan precies wat er ontbreekt, proefgebruik punt 11;
        #   vergelijking.importstand, één query)
        # 9 de veiligheidsbeleving
        # 10 de toelichtingen van de gemeente (issue 17; met categorie en auteur)
        # 11 de lokale speerpunten met hun plan
        # 12 hun doelen, 13 hun maatregelen (prefetch)
        # 14 de herziene cijfers uit het plan (geschiedenis, cijfers/importeren/plan.py)
        cache.clear()
        with self.assertNumQueries(14):
            koud = self.client.get(reverse("cijfers:gebied", args=["soest"]))
        self.assertContains(koud, "Radicalisering")
        # Warm: alleen de gegevensversie; de rest komt uit de onderdelencache.
        with self.assertNumQueries(1):
            warm = self.client.get(reverse("cijfers:gebied", args=["soest"]))
        self.assertEqual(warm.content, koud.content)

    def test_grafieken_als_json_en_plotly_eenmaal_statisch(self):
        response = self.client.get(reverse("cijfers:gebied", args=["baarn"]))
        html = response.content.decode()
        for ident in ["trendgrafiek", "veelvouden", "beleving"]:
            self.assertIn(f'id="{ident}-data" type="application/json"', html)
            self.assertIn(f'data-figuur="{ident}-data"', html)
        self.assertEqual(html.count("plotly.min.js"), 1)
        self.assertNotIn("cdn", html.lower())

    def test_export_csv_met_getallen(self):
        response = self.client.get(reverse("cijfers:gebied", args=["baarn"]), {"_export": "csv"})
        self.assertEqual(response.status_code, 200)
        rijen = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
        kop, data = rijen[0], {r[0]: r for r in rijen[1:]}
        self.assertEqual(kop[:5], ["Categorie", "2015", "2016", "2017", "2018"])
        totaal = data["criminaliteit totaal"]
        self.assertEqual(totaal[1:5], ["1238", "1266", "1178", "1089"])
        self.assertEqual(totaal[kop.index("Verandering 2018 t.o.v. 2017 (%)")], "-8")
        self.assertEqual(
            data["geweld: straatroof"][kop.index("Verandering 2018 t.o.v. 2017 (%)")], ""
        )
        self.assertIn("Band", kop)
        self.assertIn("Kan toeval zijn", kop)

    def test_export_xlsx_met_numerieke_cellen(self):
        response = self.client.get(reverse("cijfers:gebied", args=["soest"]), {"_export": "xlsx"})
        self.assertEqual(response.status_code, 200)
        blad = openpyxl.load_workbook(io.BytesIO(response.content)).active
        rijen = list(blad.iter_rows(values_only=True))
        kop = list(rijen[0])
        totaal = next(r for r in rijen if r[0] == "criminaliteit totaal")
        self.assertEqual(totaal[kop.index("2015")], 2094)
        self.assertEqual(totaal[kop.index("Verandering 2018 t.o.v. 2017 (%)")], -6)

    def test_basisteam_vergelijking_en_afgeleid_restant(self):
        response = self.client.get(reverse("cijfers:gebied", args=["basisteam-bes"]))
        vergelijking = response.context["vergelijking"]
        self.assertEqual(vergelijking.jaar, 2018)
        self.assertEqual(vergelijking.restlabel, "overig (De Bilt, afgeleid)")
        rijen = {r["categorie"]: r for r in vergelijking.tabel.data.data}
        # woninginbraken 2018: 543 - (188 + 36 + 38 + 174) = 107
        self.assertEqual(rijen["woninginbraken"]["overig"], 107)
        self.assertEqual(rijen["woninginbraken"]["basisteam"], 543)
        self.assertEqual(
            set(rijen),
            {
                "woninginbraken",
                "geweld: totaal",
                "autokraak",
                "fietsdiefstal",
                "vernielingen",
                "zakkenrollen",
                "winkeldiefstal",
                "meldingen jongerenoverlast",
            },
        )
        self.assertEqual(vergelijking.negatief, [])
        self.assertContains(response, "Afgeleid:")
        export = self.client.get(
            reverse("cijfers:gebied", args=["basisteam-bes"]),
            {"_export": "csv", "_tabel": "gemeenten", "vergelijkingsjaar": "2015"},
        )
        self.assertIn("overig (De Bilt, afgeleid)", export.content.decode())

    def test_onbekende_export_of_tabel_geeft_404(self):
        url = reverse("cijfers:gebied", args=["baarn"])
        self.assertEqual(self.client.get(url, {"_export": "pdf"}).status_code, 404)
        self.assertEqual(
            self.client.get(url, {"_export": "csv", "_tabel": "gemeenten"}).status_code, 404
        )


class GebiedSymbolenTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.gebied = factories.gebied("Proefdorp")
        cls.cat = factories.categorie("proefcategorie")
        factories.cijfer(cls.gebied, cls.cat, 2019, 10)
        factories.cijfer(cls.gebied, cls.cat, 2020, None, status=Cijfer.Status.GEHEIM)
        factories.cijfer(cls.gebied, cls.cat, 2022, 7, status=Cijfer.Status.VOORLOPIG)
        factories.cijfer(cls.gebied, factories.categorie("andere"), 2021, 3)

    def test_ontbrekend_geheim_en_voorlopig(self):
        response = self.client.get(reverse("cijfers:gebied", args=["proefdorp"]))
        html = response.content.decode()
        self.assertIn('<abbr title="geheim (niet gepubliceerd)">x</abbr>', html)
        self.assertIn('<abbr title="ontbreekt">.</abbr>', html)
        self.assertIn("7*", html)
        rij = tabelrijen(response)["proefcategorie"]
        self.assertIsNone(rij["j2021"])
        self.assertIsNone(rij["procent"])  # 2021 ontbreekt: geen verandering 2022 t.o.v. 2021
        export = self.client.get(reverse("cijfers:gebied", args=["proefdorp"]), {"_export": "csv"})
        regel = next(r for r in export.content.decode().splitlines() if r.startswith("proef"))
        self.assertTrue(regel.startswith("proefcategorie,10,x,,7,"), regel)
        # De kolom "Kan toeval zijn" en de bronkolom (issue 15, punt 6; de kolom Bron staat nu
        # achter de statuskolommen, proefgebruik 30-11-2026 punt 8: per jaar de status, zodat
        # 7 een getal blijft en toch voorlopig heet).
        kop, *rijen = csv.reader(io.StringIO(export.content.decode()))
        rij = dict(zip(kop, next(r for r in rijen if r[0] == "proefcategorie"), strict=True))
        self.assertEqual(kop[-1], "Bron")
        self.assertEqual(
            (rij["Kan toeval zijn"], rij["Bron"]), ("nee", "Synthetische testgegevens")
        )
        statussen = [rij[f"Status {jaar}"] for jaar in (2019, 2020, 2021, 2022)]
        self.assertEqual(statussen, ["definitief", "geheim", "ontbreekt", "voorlopig"])


class GebiedQueriesTest(TestCase):
    def test_aantal_queries_van_een_gemeente_en_een_basisteam(self):
        for gemeenten, categorieen, jaren in [(2, 2, 2), (8, 15, 12)]:
            gebieden, cats = factories.dataset(
                gebieden=gemeenten, categorieen=categorieen, jaren=jaren
            )
            team = factories.gebied(f"Team {gemeenten}", soort=Gebied.Soort.BASISTEAM)
            team.leden.set(gebieden)
            for c in cats:
                factories.cijfer(team, c, 2000, 50)
                factories.cijfer(team, c, 2001, 60)
            cache.clear()
            # Koud: 1 de gegevensversie, 2 het gebied (met als subquery het plan waaraan het
            # niet deelneemt), 3 zijn leden (prefetch), 4 de categorieën, 5 de cijfers van het
            # gebied (met inwoners als subquery), 6 de gepubliceerde veranderingen van het
            # gebied en de regio, 7 de analyses van hoofdstuk 8, 8 wat er aan inwoners en
            # kerncijfers geïmporteerd is (geen inwonertal: vergelijking.importstand), 9 de
            # veiligheidsbeleving, 10 de toelichtingen van de gemeente (issue 17), 11 de lokale
            # speerpunten met hun plan (geen: dus geen doelen en maatregelen), 12 de herziene
            # cijfers uit het plan
            with self.assertNumQueries(12):
                self.client.get(reverse("cijfers:gebied", args=[gebieden[0].slug]))
            # Koud: 1 de gegevensversie, 2 het basisteam, 3 zijn leden, 4 de categorieën,
            # 5 de cijfers van het team, 6 de cijfers van de leden, 7 de gepubliceerde
            # veranderingen, 8 wat er aan inwoners van gemeenten geïmporteerd is en welke
            # leden een inwonertal hebben (geen inwonertal van het team:
            # vergelijking.ledenbevolking, zoals importstand bij een gemeente; proefgebruik:
            # de pagina zei "Importeer" terwijl vier van de vijf gemeenten er een hadden),
            # 9 de beleving, 10 de toelichtingen van het basisteam (issue 17), 11 de herziene
            # cijfers uit het plan; een basisteam heeft geen lokale speerpunten en geen
            # analyse (geen query).
            with self.assertNumQueries(11):
                self.client.get(reverse("cijfers:gebied", args=[team.slug]))
            # Warm: alleen de gegevensversie.
            for gebied in (gebieden[0], team):
                with self.assertNumQueries(1):
                    self.client.get(reverse("cijfers:gebied", args=[gebied.slug]))

    def test_export_zonder_grafieken(self):
        gebieden, cats = factories.dataset(gebieden=2, categorieen=2, jaren=2)
        team = factories.gebied("Team", soort=Gebied.Soort.BASISTEAM)
        team.leden.set(gebieden)
        factories.cijfer(team, cats[0], 2001, 60)
        fout = AssertionError("een export tekent geen grafiek")
        with (
            mock.patch.object(charts, "lijngrafiek", side_effect=fout),
            mock.patch.object(charts, "kleine_veelvouden", side_effect=fout),
            mock.patch.object(charts, "staafgrafiek", side_effect=fout),
            mock.patch.object(charts, "belevingsgrafiek", side_effect=fout),
        ):
            for slug, tabel in [(gebieden[0].slug, "trend"), (team.slug, "gemeenten")]:
                response = self.client.get(
                    reverse("cijfers:gebied", args=[slug]), {"_export": "csv", "_tabel": tabel}
                )
                self.assertEqual(response.status_code, 200)
                self.assertIn("Categorie", response.content.decode())
            with self.assertRaises(AssertionError):
                self.client.get(reverse("cijfers:gebied", args=[team.slug]))

    def test_negatief_restant_geeft_waarschuwing(self):
        a, b = factories.gebied("Aadorp"), factories.gebied("Beedorp")
        team = factories.gebied("Proefteam", soort=Gebied.Soort.BASISTEAM)
        team.leden.set([a, b])
        cat = factories.categorie("proef")
        factories.cijfer(a, cat, 2020, 30)
        factories.cijfer(b, cat, 2020, 25)
        factories.cijfer(team, cat, 2020, 50)
        response = self.client.get(reverse("cijfers:gebied", args=["proefteam"]))
        self.assertEqual(response.context["vergelijking"].negatief, ["proef"])
        self.assertContains(response, "Let op de datakwaliteit")
        self.assertEqual(response.context["vergelijking"].restlabel, "overig (afgeleid)")
