"""Issue 14: alleen volledige perioden vergelijken; de laatste 12 maanden; het lopende jaar.

Een kleine, met de hand gemaakte steekproef (synthetisch, geen echt cijfer): maandcijfers over
26 maanden (augustus 2022 t/m september 2024), dus 2022 en 2024 onvolledig en 2023 volledig.
Woninginbraken in "Proefstad": 10 per maand tot en met september 2023, daarna 13 per maand.
Elke uitkomst is hieronder met de hand uitgerekend.
"""

import io

from django.core.management import call_command
from django.test import SimpleTestCase, TestCase
from django.urls import reverse

from cijfers import charts, trends
from cijfers.models import Categorie, Cijfer
from ivp.models import Gebied
from tests import factories
from vergaderingen.stuk import opvallende_veranderingen

# (jaar, maand) van augustus 2022 t/m september 2024: 5 + 12 + 9 = 26 maanden.
MAANDEN = [(2022, m) for m in range(8, 13)] + [(2023, m) for m in range(1, 13)]
MAANDEN += [(2024, m) for m in range(1, 10)]
assert len(MAANDEN) == 26


def waarde(jaar, maand):
    """10 per maand tot en met september 2023, daarna 13."""
    return 10 if (jaar, maand) <= (2023, 9) else 13


def records(gebied=1, categorie=1, maanden=MAANDEN, waarde=waarde, status="definitief"):
    return [
        {"gebied": gebied, "categorie": categorie, "jaar": j, "periode": f"{j}-{m:02d}",
         "waarde": waarde(j, m), "status": status, "bron_titel": "synthetisch"}
        for j, m in maanden
    ]  # fmt: skip


class VolledigePeriodenTest(SimpleTestCase):
    def test_alleen_2023_is_een_volledig_jaar(self):
        frame = trends.jaarframe(records())
        self.assertEqual(frame["jaar"].tolist(), [2023])
        # januari-september 10, oktober-december 13: 90 + 39.
        self.assertEqual(int(frame["waarde"].iloc[0]), 129)
        # 2022 is onvolledig: dus geen "2023 t.o.v. 2022".
        self.assertEqual(trends.jaarvergelijkingen(frame), {})

    def test_twaalf_maanden_tegen_de_twaalf_ervoor(self):
        vergelijking = trends.twaalf_maanden(trends.maandcijfers(records())[(1, 1)])
        # oktober 2023 - september 2024: 12 x 13 = 156; oktober 2022 - september 2023: 12 x 10.
        self.assertEqual((vergelijking.oud, vergelijking.nieuw), (120, 156))
        self.assertEqual(vergelijking.procent, 30)  # 36 / 120
        self.assertEqual(vergelijking.band, trends.STIJGING)
        # |156 - 120| / √276 = 36 / 16,61 = 2,17: geen toeval.
        self.assertFalse(vergelijking.toeval)
        self.assertEqual(
            vergelijking.periode.tekst, "12 maanden t/m september 2024 t.o.v. de 12 maanden ervoor"
        )

    def test_lopend_jaar_tegen_dezelfde_maanden(self):
        frame = trends.jaarframe(records())
        maanden = trends.maandcijfers(records())[(1, 1)]
        vergelijking = trends.lopend_jaar(maanden, set(frame["jaar"]))
        # januari-september 2024: 9 x 13 = 117; januari-september 2023: 9 x 10 = 90.
        self.assertEqual(
            (vergelijking.oud, vergelijking.nieuw, vergelijking.procent), (90, 117, 30)
        )
        self.assertEqual(vergelijking.band, trends.STIJGING)
        # |117 - 90| / √207 = 27 / 14,39 = 1,88: dit verschil kan toeval zijn.
        self.assertTrue(vergelijking.toeval)
        self.assertEqual(vergelijking.periode.tekst, "2024 t/m september t.o.v. 2023 t/m september")
        # Een volledig jaar is geen lopend jaar.
        self.assertIsNone(trends.lopend_jaar({(2023, m): (1, "definitief") for m in range(1, 13)}))

    def test_een_gat_of_een_geheime_maand_geeft_geen_twaalf_maanden(self):
        zonder_mei = [m for m in MAANDEN if m != (2023, 5)]
        self.assertIsNone(
            trends.twaalf_maanden(trends.maandcijfers(records(maanden=zonder_mei))[(1, 1)])
        )
        maanden = trends.maandcijfers(records())[(1, 1)]
        maanden[(2024, 2)] = (None, Cijfer.Status.GEHEIM)
        self.assertIsNone(trends.twaalf_maanden(maanden))
        # Te weinig maanden: augustus 2022 t/m juni 2024 is maar 23.
        kort = [m for m in MAANDEN if m <= (2024, 6)]
        self.assertIsNone(trends.twaalf_maanden(trends.maandcijfers(records(maanden=kort))[(1, 1)]))

    def test_een_geheime_maand_is_x_een_ontbrekende_punt(self):
        """Proefgebruik 30-11-2026 (Eemnes, geweld: overval): een geheime maand in het venster
        maakt de vergelijking geheim, niet ontbrekend; een ontbrekende maand gaat voor."""
        maanden = trends.maandcijfers(records())[(1, 1)]
        self.assertIsNone(trends.twaalf_maanden_geheim(maanden))  # alles openbaar
        self.assertIsNone(trends.lopend_jaar_geheim(maanden))
        maanden[(2024, 3)] = (None, Cijfer.Status.GEHEIM)
        self.assertIsNone(trends.twaalf_maanden(maanden))
        self.assertIsNone(trends.lopend_jaar(maanden))
        self.assertEqual(
            trends.twaalf_maanden_geheim(maanden),
            trends.Periode(2024, 9, trends.Periodesoort.TWAALF),
        )
        self.assertEqual(
            trends.lopend_jaar_geheim(maanden), trends.Periode(2024, 9, trends.Periodesoort.LOPEND)
        )
        # Geheim in het jaar ervoor (maart 2023) telt voor beide: die maand wordt vergeleken.
        vorig = trends.maandcijfers(records())[(1, 1)]
        vorig[(2023, 3)] = (None, Cijfer.Status.GEHEIM)
        self.assertIsNotNone(trends.lopend_jaar_geheim(vorig))
        self.assertIsNotNone(trends.twaalf_maanden_geheim(vorig))
        # Een ontbrekende maand (november 2022 in de 24 maanden) maakt het '.', niet 'x'.
        maanden.pop((2022, 11))
        self.assertIsNone(trends.twaalf_maanden_geheim(maanden))
        # Het lopende jaar (jan-sep) raakt november 2022 niet: dat blijft geheim.
        self.assertIsNotNone(trends.lopend_jaar_geheim(maanden))
        # Geheim buiten het venster (augustus 2022 valt buiten de 24 maanden t/m september 2024).
        buiten = trends.maandcijfers(records())[(1, 1)]
        buiten[(2022, 8)] = (None, Cijfer.Status.GEHEIM)
        self.assertIsNone(trends.twaalf_maanden_geheim(buiten))
        self.assertIsNotNone(trends.twaalf_maanden(buiten))

    def test_voortschrijdende_som(self):
        reeks = trends.voortschrijdende_som(trends.maandcijfers(records())[(1, 1)])
        self.assertEqual(len(reeks), 26)
        self.assertEqual(reeks[0], (2022, 8, 10, None))  # nog geen 12 maanden
        self.assertEqual(reeks[10], (2023, 6, 10, None))  # elfde maand
        self.assertEqual(reeks[11], (2023, 7, 10, 120))  # augustus 2022 t/m juli 2023
        self.assertEqual(reeks[-1], (2024, 9, 13, 156))
        # september 2023 t/m augustus 2024: 10 + 11 x 13 = 153.
        self.assertEqual(reeks[-2], (2024, 8, 13, 153))

    def test_per_reeks_het_eigen_nieuwste_jaar(self):
        # Drie categorieën met 2019 maken de vierde niet leeg: die vergelijkt 2018 met 2017.
        rijen = [
            {"gebied": 1, "categorie": c, "jaar": j, "periode": str(j), "waarde": w,
             "status": "definitief"}
            for c in (1, 2, 3, 4)
            for j, w in ((2017, 100), (2018, 80), (2019, 120))
            if not (c == 4 and j == 2019)
        ]  # fmt: skip
        vergelijkingen = trends.jaarvergelijkingen(trends.jaarframe(rijen))
        self.assertEqual(
            {s: (v.periode.jaar, v.oud, v.nieuw, v.procent) for s, v in vergelijkingen.items()},
            {(1, 1): (2019, 80, 120, 50), (1, 2): (2019, 80, 120, 50),
             (1, 3): (2019, 80, 120, 50), (1, 4): (2018, 100, 80, -20)},
        )  # fmt: skip
        self.assertEqual(trends.meest_voorkomende(vergelijkingen), trends.Periode(2019))
        # Bij gelijke stand de nieuwste periode.
        gelijk = {1: vergelijkingen[(1, 1)], 2: vergelijkingen[(1, 4)]}
        self.assertEqual(trends.meest_voorkomende(gelijk), trends.Periode(2019))

    def test_een_nieuw_jaar_zonder_vorig_jaar_houdt_het_oudere_paar(self):
        """Jaarcijfers 2017 en 2018 (de bron) en daarna maandcijfers over heel 2023 en de
        laatste maanden van 2022: 2023 is volledig, 2022 niet. De reeks vergelijkt dan nog
        steeds 2018 met 2017 (niet niets); een geheim 2018 geeft geen vergelijking en wordt
        niet stil vervangen door 2017 t.o.v. 2016."""
        bron = [
            {"gebied": 1, "categorie": 1, "jaar": j, "periode": str(j), "waarde": w,
             "status": "definitief", "bron_titel": "plan"}
            for j, w in ((2016, 90), (2017, 138), (2018, 188))
        ]  # fmt: skip
        vergelijkingen = trends.jaarvergelijkingen(trends.jaarframe(bron + records()))
        v = vergelijkingen[(1, 1)]
        self.assertEqual((v.periode.jaar, v.oud, v.nieuw, v.procent), (2018, 138, 188, 36))
        geheim = [dict(r, waarde=None, status="geheim") if r["jaar"] == 2018 else r for r in bron]
        self.assertEqual(trends.jaarvergelijkingen(trends.jaarframe(geheim + records())), {})

    def test_opvallend_in_het_vergaderstuk_gebruikt_de_twaalf_maanden(self):
        gebied = Gebied(pk=1, naam="Proefstad")
        categorie = Categorie(pk=1, naam="woninginbraken")
        opvallend = opvallende_veranderingen(records(), [gebied], [categorie])
        self.assertEqual(len(opvallend), 1)
        self.assertEqual(
            (opvallend[0].oud, opvallend[0].nieuw, opvallend[0].procent), (120, 156, 30)
        )
        self.assertEqual(opvallend[0].nieuwe_periode, "12 maanden t/m september 2024")
        self.assertEqual(opvallend[0].vorige_periode, "de 12 maanden ervoor")


class BaarnMetDrieCijfersVan2019Test(TestCase):
    """De reproductie uit het issue: drie cijfers van 2019 voor Baarn (open data van de
    politie) maakten van de trendtabel "2019 t.o.v. 2018" met 17 lege veranderingen."""

    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())
        baarn = Gebied.objects.get(slug="baarn")
        bron = factories.bron("Politie, open data (synthetische test)")
        cls.nieuw = ["autokraak", "zakkenrollen", "winkeldiefstal"]
        for slug in cls.nieuw:
            categorie = Categorie.objects.get(slug=slug)
            oud = Cijfer.objects.get(gebied=baarn, categorie=categorie, periode="2018").waarde
            factories.cijfer(baarn, categorie, 2019, oud * 2, bron=bron)

    def test_de_andere_rijen_houden_2018_ten_opzichte_van_2017(self):
        response = self.client.get(reverse("cijfers:gebied", args=["baarn"]))
        overzicht = response.context["overzicht"]
        self.assertEqual((overzicht.nieuw, overzicht.vorig), (2018, 2017))
        rijen = {rij["categorie"]: rij for rij in overzicht.tabel.data.data}
        leeg = [naam for naam, rij in rijen.items() if rij["procent"] is None]
        # Alleen wat ook zonder de drie cijfers geen percentage had (0 in 2017 of ontbrekend).
        self.assertLessEqual(len(leeg), 3, leeg)
        for slug in self.nieuw:
            rij = rijen[Categorie.objects.get(slug=slug).naam]
            self.assertEqual((rij["procent"], rij["periode"]), (100, "2019 t.o.v. 2018"))
        self.assertEqual(rijen["vernielingen"]["periode"], "2018 t.o.v. 2017")
        # De regio- en halfjaarkolommen (2018 t.o.v. 2017 in de bron) blijven.
        self.assertContains(response, "Regio Midden-Nederland 2018 t.o.v. 2017 (%)")
        self.assertEqual(rijen["woninginbraken"]["h1"], 133)
        # Een rij met 2019 heeft geen eigen halfjaren (de bron publiceert 2019 niet per halfjaar,
        # en hier zijn geen maanden): de kolom "Jan-jun 2018 t.o.v. jan-jun 2017" houdt het
        # percentage dat de bron voor precies die periode geeft (seed 004, Baarn autokraak
        # −16% en −26%; proefgebruik 30-11-2026, punt 5), zonder andere periode in de cel.
        self.assertEqual((rijen["autokraak"]["h1"], rijen["autokraak"]["h2"]), (-16, -26))
        self.assertNotIn("halfjaar_periode", rijen["autokraak"])
        self.assertContains(response, "Verandering 2018 t.o.v. 2017 (%)")
        # Onder de tabel: welke rijen welke periode vergelijken, en in de cel de afwijkende.
        self.assertContains(response, 'id="perioden"')
        self.assertContains(response, "2019 t.o.v. 2018: autokraak, zakkenrollen, winkeldiefstal")
        self.assertContains(response, '<small class="andere-periode">(2019 t.o.v. 2018)</small>')

    def test_export_noemt_de_vergeleken_periode(self):
        response = self.client.get(reverse("cijfers:gebied", args=["baarn"]), {"_export": "csv"})
        tekst = response.content.decode()
        self.assertIn("Vergeleken", tekst.splitlines()[0])
        self.assertIn("2019 t.o.v. 2018", tekst)


class MaandcijfersOpDeGebiedspaginaTest(TestCase):
    """De steekproef op een gebiedspagina: geen 2022 of 2024 als jaar, wel het lopende jaar en
    de 12 maanden, met hun banden en toevalsmarkering."""

    @classmethod
    def setUpTestData(cls):
        cls.gebied = factories.gebied("Proefstad")
        cls.categorie = factories.categorie("woninginbraken proef")
        for jaar, maand in MAANDEN:
            factories.cijfer(
                cls.gebied, cls.categorie, jaar, waarde(jaar, maand), periode=f"{jaar}-{maand:02d}"
            )

    def test_nooit_een_gedeeltelijk_jaar_als_jaar(self):
        response = self.client.get(reverse("cijfers:gebied", args=["proefstad"]))
        overzicht = response.context["overzicht"]
        self.assertEqual(overzicht.jaren, [2023])
        rij = overzicht.tabel.data.data[0]
        self.assertIsNone(rij.get("procent"))
        self.assertEqual((rij["lopend_procent"], rij["lopend_toeval"]), (30, True))
        self.assertEqual((rij["twaalf_procent"], rij["twaalf_toeval"]), (30, False))
        self.assertContains(response, "Jan-sep 2024 t.o.v. jan-sep 2023 (%)")
        self.assertContains(response, "12 maanden t/m sep 2024 t.o.v. de 12 ervoor (%)")
        # Voluit onder de tabel.
        self.assertContains(response, "2024 t/m september t.o.v. 2023 t/m september")
        self.assertNotContains(response, "2024 t.o.v. 2023")
        self.assertContains(response, 'id="voetnoot-toeval"')

    def test_maandgrafiek_met_de_som_van_twaalf_maanden(self):
        response = self.client.get(reverse("cijfers:gebied", args=["proefstad"]))
        grafiek = response.context["overzicht"].maandgrafiek
        som, per_maand = grafiek.figuur["data"]
        self.assertEqual(som["name"], "woninginbraken proef: som van 12 maanden")
        self.assertEqual((som["x"][0], som["x"][-1], len(som["x"])), ("2022-08", "2024-09", 26))
        self.assertEqual(som["y"][:11], [None] * 11)
        self.assertEqual((som["y"][11], som["y"][-2], som["y"][-1]), (120, 153, 156))
        self.assertEqual(
            (per_maand["y"][0], per_maand["y"][-1], per_maand["yaxis"]), (10, 13, "y2")
        )
        self.assertContains(response, 'id="maanden-data"')
        self.assertEqual(
            charts.samenvatting(grafiek.figuur).split(" (")[0], "Lijngrafiek met 2 lijnen"
        )


class GeheimeMaandOpDeGebiedspaginaTest(TestCase):
    """Proefgebruik 30-11-2026, punt 3: de trendtabel toonde '.' in de kolommen van het lopende
    jaar en de 12 maanden als een maand geheim was (Eemnes, geweld: overval, maart 2026); dat
    is 'x', zoals in de jaarkolommen, op de pagina en in de export."""

    @classmethod
    def setUpTestData(cls):
        cls.gebied = factories.gebied("Proefdorp")
        openbaar = factories.categorie("woninginbraken proef", volgorde=1)
        geheim = factories.categorie("overval proef", volgorde=2)
        for jaar, maand in MAANDEN:
            periode = f"{jaar}-{maand:02d}"
            factories.cijfer(cls.gebied, openbaar, jaar, waarde(jaar, maand), periode=periode)
            if (jaar, maand) == (2024, 3):
                factories.cijfer(
                    cls.gebied, geheim, jaar, None, periode=periode, status=Cijfer.Status.GEHEIM
                )
            else:
                factories.cijfer(cls.gebied, geheim, jaar, 1, periode=periode)

    def test_x_in_de_maandkolommen_op_de_pagina_en_in_de_export(self):
        import csv

        url = reverse("cijfers:gebied", args=["proefdorp"])
        response = self.client.get(url)
        rijen = {r["categorie"]: r for r in response.context["overzicht"].tabel.data.data}
        openbaar, geheim = rijen["woninginbraken proef"], rijen["overval proef"]
        self.assertEqual((openbaar["lopend_procent"], openbaar["twaalf_procent"]), (30, 30))
        self.assertIsNone(geheim["lopend_procent"])
        self.assertIsNone(geheim["twaalf_procent"])
        self.assertTrue(geheim["lopend_geheim_deel"] and geheim["twaalf_geheim_deel"])
        tabel = response.content.decode().split('id="kop-trend"')[1].split("</table>")[0]
        rij = tabel.split("overval proef")[1].split("</tr>")[0]
        self.assertEqual(rij.count("geheim: een maand in deze periode is niet gepubliceerd"), 2)
        self.assertNotIn("geen percentage (vanaf nul of ontbrekend)", rij)
        response = self.client.get(url, {"_export": "csv", "_tabel": "trend"})
        export = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
        regel = next(r for r in export if "overval proef" in r.values())
        kopjes = [k for k in regel if k.endswith("(%)") and ("jan-sep" in k or "12 maanden" in k)]
        self.assertEqual(len(kopjes), 2, list(regel))
        self.assertEqual([regel[k] for k in kopjes], ["x", "x"])
