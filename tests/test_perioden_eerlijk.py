"""Eerlijke perioden in de trendtabel van een gebied (issue 14, punt 1; proefgebruik
30-11-2026, punten 2, 4 en 5).

- Punt 4: de regiokolom ("Regio Midden-Nederland 2018 t.o.v. 2017 (%)") hoort bij het paar
  van het kopje. Een rij die met geïmporteerde maanden 2024 met 2023 vergelijkt, krijgt daar
  een punt en de noot onder de tabel zegt waarom; een rij die 2018 met 2017 vergelijkt houdt
  het percentage van de regio.
- Punt 2: de noot over een gedeeltelijk jaar is waar voor wat de tabel toont: een opgeslagen
  jaarcijfer van 2025 (de politie: "2025*") staat als jaar in de tabel, en de noot noemt dan
  alleen de categorieën waarvan 2025 maar een deel van de maanden heeft.

De aantallen van de import zijn synthetisch (test); de regiopercentages zijn die van de bron
(seed 004: Baarn woninginbraken regio −15%, zie tests/test_trend_import.py).
"""

import io

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from cijfers.models import Categorie, Cijfer, Verandering
from ivp.models import Gebied
from tests import factories

IMPORTBRON = "Politie, open data (synthetische test)"


def _rijen(response):
    return {rij["categorie"]: rij for rij in response.context["overzicht"].tabel.data.data}


def _cellen(html, naam):
    """De td's (tekst tussen <td ...> en </td>) van de rij met deze naam in de trendtabel."""
    begin = html.index(f">{naam}<")
    rij = html[html.rfind("<tr", 0, begin) : html.index("</tr>", begin)]
    return [deel.split(">", 1)[1].rsplit("</td", 1)[0] for deel in rij.split("<td")[1:]]


def _regio_procent(categorie):
    """Het percentage dat de bron voor de regio en deze categorie geeft (2018 t.o.v. 2017)."""
    return Verandering.objects.get(gebied__soort=Gebied.Soort.REGIO, categorie=categorie).procent


class RegioBijEenAnderPaarTest(TestCase):
    """Baarn met geïmporteerde maanden 2023-2024 voor woninginbraken (elke maand 3 in 2023 en
    2 in 2024: jaren 36 en 24, −12, −33%)."""

    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())
        cls.baarn = Gebied.objects.get(slug="baarn")
        cls.woninginbraken = Categorie.objects.get(slug="woninginbraken")
        bron = factories.bron(IMPORTBRON)
        for jaar, waarde in ((2023, 3), (2024, 2)):
            for maand in range(1, 13):
                factories.cijfer(
                    cls.baarn,
                    cls.woninginbraken,
                    jaar,
                    waarde,
                    periode=f"{jaar}-{maand:02d}",
                    bron=bron,
                )

    def test_maandgrafiek_noemt_de_bron_van_de_maanden(self):
        # Proefgebruik punt 14: de bronregel van de maandgrafiek noemde de tabel 2015-2018 van
        # het plan; de maanden komen alleen uit de import. De rechter as (een twaalfde van de
        # linker) krijgt één decimaal, zodat "1,5" niet als "2" naast een andere "2" staat.
        response = self.client.get(reverse("cijfers:gebied", args=["baarn"]))
        figuur = response.context["overzicht"].maandgrafiek.figuur
        ondertitel = figuur["layout"]["title"]["subtitle"]["text"]
        self.assertIn(IMPORTBRON, ondertitel)
        self.assertNotIn("Integraal Veiligheidsplan", ondertitel)
        self.assertNotIn("IVP", ondertitel)
        self.assertEqual(figuur["layout"]["yaxis2"]["tickformat"], ",.1~f")

    def test_regiocel_is_een_punt_bij_een_ander_paar(self):
        response = self.client.get(reverse("cijfers:gebied", args=["baarn"]))
        overzicht = response.context["overzicht"]
        self.assertEqual((overzicht.nieuw, overzicht.vorig), (2018, 2017))
        rijen = _rijen(response)
        rij = rijen["woninginbraken"]
        # De rij zelf: 24 tegen 36 uit de maanden.
        self.assertEqual((rij["j2023"], rij["j2024"]), (36, 24))
        self.assertEqual((rij["verschil"], rij["procent"]), (-12, -33))
        self.assertEqual(rij["periode"], "2024 t.o.v. 2023")
        # De bron geeft −15% voor de regio, maar voor 2018 t.o.v. 2017: niet bij deze rij.
        self.assertEqual(_regio_procent(self.woninginbraken), -15)
        self.assertIsNone(rij["regio"])
        self.assertContains(response, "Regio Midden-Nederland 2018 t.o.v. 2017 (%)")
        html = response.content.decode()
        koppen = [k.header for k in overzicht.tabel.columns]
        regiokolom = koppen.index("Regio Midden-Nederland 2018 t.o.v. 2017 (%)")
        self.assertEqual(_cellen(html, "woninginbraken")[regiokolom], ".")
        self.assertNotIn("−15%", "".join(_cellen(html, "woninginbraken")))
        # De halfjaren zijn die van de rij zelf (uit de maanden: 12 tegen 18, −33%), met hun
        # periode in de cel (_eigen_halfjaren): geen noot over halfjaren van het kopje.
        self.assertEqual((rij["h1"], rij["h2"]), (-33, -33))
        self.assertEqual(rij["halfjaar_periode"], "2024 t.o.v. 2023")
        self.assertIsNone(overzicht.volledigheid.halfjaren_van_kopje)
        self.assertNotContains(response, 'id="halfjaren-kopje"')

    def test_rijen_met_het_paar_van_het_kopje_houden_de_regio(self):
        response = self.client.get(reverse("cijfers:gebied", args=["baarn"]))
        rijen = _rijen(response)
        html = response.content.decode()
        koppen = [k.header for k in response.context["overzicht"].tabel.columns]
        regiokolom = koppen.index("Regio Midden-Nederland 2018 t.o.v. 2017 (%)")
        gecontroleerd = 0
        for verandering in Verandering.objects.filter(
            gebied__soort=Gebied.Soort.REGIO
        ).select_related("categorie"):
            naam = verandering.categorie.naam
            if naam not in rijen or naam == "woninginbraken":
                continue
            rij = rijen[naam]
            self.assertEqual(rij["periode"], "2018 t.o.v. 2017", naam)
            self.assertEqual(rij["regio"], verandering.procent, naam)
            teken = "+" if verandering.procent > 0 else ("−" if verandering.procent < 0 else "")
            self.assertEqual(
                _cellen(html, naam)[regiokolom], f"{teken}{abs(verandering.procent)}%", naam
            )
            gecontroleerd += 1
        self.assertGreater(gecontroleerd, 5)

    def test_de_noot_zegt_waarom_de_regiocel_leeg_is(self):
        response = self.client.get(reverse("cijfers:gebied", args=["baarn"]))
        noot = response.context["overzicht"].volledigheid.regio_leeg
        self.assertEqual(
            (noot.regionaam, noot.periode, noot.namen),
            ("Midden-Nederland", "2018 t.o.v. 2017", ("woninginbraken",)),
        )
        self.assertContains(
            response,
            '<p class="mb-1" id="regio-leeg">In de kolom “Regio Midden-Nederland” staat bij '
            "woninginbraken een punt, omdat die rij een ander paar jaren vergelijkt dan 2018 "
            "t.o.v. 2017, het enige paar waarvoor de bron de verandering in de regio geeft.</p>",
            html=False,
        )

    def test_zonder_import_geen_noot_over_de_regio(self):
        Cijfer.objects.filter(gebied=self.baarn, periode__contains="-").delete()
        response = self.client.get(reverse("cijfers:gebied", args=["baarn"]))
        self.assertEqual(_rijen(response)["woninginbraken"]["regio"], -15)
        self.assertIsNone(response.context["overzicht"].volledigheid.regio_leeg)
        self.assertNotContains(response, 'id="regio-leeg"')


class JaarcijferEnGedeeltelijkJaarTest(TestCase):
    """Baarn woninginbraken 2024 = 41 en 2025* = 30 als jaarcijfers (de politie: "2025*"),
    met maanden januari-september 2025 (elk 3); vernielingen alleen maanden januari-september
    2025 (elk 5), zonder jaarcijfer."""

    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())
        baarn = Gebied.objects.get(slug="baarn")
        bron = factories.bron(IMPORTBRON)
        woninginbraken = Categorie.objects.get(slug="woninginbraken")
        vernielingen = Categorie.objects.get(naam="vernielingen")
        factories.cijfer(baarn, woninginbraken, 2024, 41, bron=bron)
        factories.cijfer(baarn, woninginbraken, 2025, 30, bron=bron, status=Cijfer.Status.VOORLOPIG)
        for maand in range(1, 10):
            periode = f"2025-{maand:02d}"
            factories.cijfer(baarn, woninginbraken, 2025, 3, periode=periode, bron=bron)
            factories.cijfer(baarn, vernielingen, 2025, 5, periode=periode, bron=bron)

    def test_het_jaarcijfer_staat_als_jaar_in_de_tabel(self):
        response = self.client.get(reverse("cijfers:gebied", args=["baarn"]))
        overzicht = response.context["overzicht"]
        self.assertIn(2025, overzicht.jaren)
        rijen = _rijen(response)
        rij = rijen["woninginbraken"]
        self.assertEqual((rij["j2024"], rij["j2025"]), (41, 30))
        self.assertEqual((rij["verschil"], rij["procent"]), (-11, -27))
        self.assertEqual(rij["periode"], "2025 t.o.v. 2024")
        html = response.content.decode()
        self.assertIn("30*", "".join(_cellen(html, "woninginbraken")))
        # Vernielingen heeft van 2025 alleen maanden: geen jaar, een punt in de kolom 2025.
        self.assertIsNone(rijen["vernielingen"]["j2025"])

    def test_regio_leeg_en_halfjaren_van_het_kopje_bij_2025(self):
        response = self.client.get(reverse("cijfers:gebied", args=["baarn"]))
        rij = _rijen(response)["woninginbraken"]
        # Regio −15% is 2018 t.o.v. 2017: niet bij een rij over 2025 t.o.v. 2024.
        self.assertIsNone(rij["regio"])
        # De halfjaren van de bron (seed 004: +133% en −32%, 2018 t.o.v. 2017) blijven
        # (tests/test_trend_import.py), en de noot zegt voor welke periode ze gelden.
        self.assertEqual((rij["h1"], rij["h2"]), (133, -32))
        volledigheid = response.context["overzicht"].volledigheid
        self.assertEqual(volledigheid.regio_leeg.namen, ("woninginbraken",))
        self.assertEqual(
            (volledigheid.halfjaren_van_kopje.periode, volledigheid.halfjaren_van_kopje.namen),
            ("2018 t.o.v. 2017", ("woninginbraken",)),
        )
        self.assertContains(
            response,
            "De halfjaarpercentages van woninginbraken gelden wel voor de periode in het kopje "
            "van hun kolom (2018 t.o.v. 2017): de bron geeft ze alleen voor die jaren.",
        )

    def test_de_noot_noemt_alleen_de_categorie_met_een_deel_van_de_maanden(self):
        response = self.client.get(reverse("cijfers:gebied", args=["baarn"]))
        overzicht = response.context["overzicht"]
        self.assertEqual(overzicht.onvolledige_jaren, [2025])
        (onvolledig,) = overzicht.onvolledig
        self.assertEqual(
            (onvolledig.jaar, onvolledig.namen, onvolledig.ook_als_jaar, onvolledig.getoond),
            (2025, ("vernielingen",), True, True),
        )
        noot = response.content.decode().split('id="onvolledig"')[1].split("</div>")[0]
        self.assertIn(
            "Van 2025 zijn voor vernielingen nog niet alle maanden bekend; een gedeeltelijk "
            "jaar is geen jaarcijfer, daarom staat daar in de kolom 2025 een punt. De getallen "
            "in die kolom zijn wel jaarcijfers (van de bron, of de som van alle maanden).",
            " ".join(noot.split()),
        )
        # Nooit de bewering dat 2025 niet in de tabel staat, en woninginbraken (een jaarcijfer)
        # is niet onvolledig.
        self.assertNotContains(response, "staat daarom niet in de tabel")
        self.assertNotIn("woninginbraken", noot)

    def test_zonder_jaarcijfer_staat_het_jaar_niet_in_de_tabel(self):
        Cijfer.objects.filter(periode="2025").delete()
        response = self.client.get(reverse("cijfers:gebied", args=["baarn"]))
        overzicht = response.context["overzicht"]
        self.assertNotIn(2025, overzicht.beschikbare_jaren)
        (onvolledig,) = overzicht.onvolledig
        self.assertEqual(
            (onvolledig.namen, onvolledig.ook_als_jaar, onvolledig.getoond),
            (("woninginbraken", "vernielingen"), False, False),
        )
        self.assertContains(
            response,
            "Van 2025 zijn nog niet alle maanden bekend. Een gedeeltelijk jaar is geen "
            "jaarcijfer en staat daarom niet in de tabel.",
        )

    def test_jaar_niet_gekozen_zegt_niets_over_de_kolom(self):
        response = self.client.get(
            reverse("cijfers:gebied", args=["baarn"]), {"jaar": ["2017", "2018"]}
        )
        (onvolledig,) = response.context["overzicht"].onvolledig
        self.assertEqual((onvolledig.ook_als_jaar, onvolledig.getoond), (True, False))
        noot = response.content.decode().split('id="onvolledig"')[1].split("</div>")[0]
        self.assertIn(
            "Van 2025 zijn voor vernielingen nog niet alle maanden bekend; een gedeeltelijk "
            "jaar is geen jaarcijfer.",
            " ".join(noot.split()),
        )
        self.assertNotIn("kolom", noot)


class VoorlopigeMaandTest(TestCase):
    """Punt 5: een voorlopige maand maakt de som en de verandering voorlopig. Proefstad
    woninginbraken: elke maand 10 in 2023 en 2024, 12 in januari-september 2025, en oktober
    2025 = 15, voorlopig.

    Met de hand: 12 maanden t/m oktober 2025 = 2 x 10 + 9 x 12 + 15 = 143 tegen 12 x 10 = 120
    (+19%, voorlopig); januari-oktober 2025 = 123 tegen 100 (+23%, voorlopig); 2024 tegen 2023
    = 120 tegen 120 (0%, definitief). De som t/m september 2025 = 3 x 10 + 9 x 12 = 138 is
    definitief."""

    @classmethod
    def setUpTestData(cls):
        cls.gebied = factories.gebied("Proefstad")
        cls.categorie = factories.categorie("woninginbraken proef")
        for jaar in (2023, 2024, 2025):
            for maand in range(1, 13 if jaar < 2025 else 11):
                waarde, status = 10, Cijfer.Status.DEFINITIEF
                if jaar == 2025:
                    waarde = 15 if maand == 10 else 12
                    status = Cijfer.Status.VOORLOPIG if maand == 10 else status
                factories.cijfer(
                    cls.gebied,
                    cls.categorie,
                    jaar,
                    waarde,
                    periode=f"{jaar}-{maand:02d}",
                    status=status,
                )

    def test_verandering_met_een_voorlopige_maand_heeft_een_ster(self):
        response = self.client.get(reverse("cijfers:gebied", args=["proefstad"]))
        (rij,) = response.context["overzicht"].tabel.data.data
        self.assertEqual((rij["twaalf_procent"], rij["twaalf_voorlopig"]), (19, True))
        self.assertEqual((rij["lopend_procent"], rij["lopend_voorlopig"]), (23, True))
        self.assertEqual((rij["procent"], rij["voorlopig"]), (0, False))
        cellen = _cellen(response.content.decode(), "woninginbraken proef")
        tekst = "|".join(cellen)
        self.assertIn(" +19%*<", tekst)
        self.assertIn(" +23%*<", tekst)
        self.assertIn(" 0%<", tekst)  # het jaar: geen ster
        self.assertNotIn("0%*", tekst)

    def test_maandtabel_zet_een_ster_bij_de_maand_en_de_sommen(self):
        response = self.client.get(reverse("cijfers:gebied", args=["proefstad"]))
        tabel = response.context["overzicht"].maandgrafiek.tabel
        rijen = {rij["maand"]: rij for rij in tabel.data.data}
        self.assertEqual(
            (rijen["oktober 2025"]["waarde_0"], rijen["oktober 2025"]["som_0"]), (15, 143)
        )
        self.assertEqual(rijen["september 2025"]["som_0"], 138)
        html = response.content.decode()
        oktober = _cellen(html, "oktober 2025")
        september = _cellen(html, "september 2025")
        self.assertEqual(oktober[1:], ["15*", "143*"])
        self.assertEqual(september[1:], ["12", "138"])

    def test_maandgrafiek_tekent_een_open_rondje(self):
        response = self.client.get(reverse("cijfers:gebied", args=["proefstad"]))
        som, per_maand, legenda = response.context["overzicht"].maandgrafiek.figuur["data"]
        for lijn in (som, per_maand):
            self.assertEqual(lijn["x"][-1], "2025-10")
            self.assertEqual(lijn["mode"], "lines+markers")
            self.assertEqual(lijn["marker"]["symbol"][-1], "circle-open")
            self.assertEqual(lijn["marker"]["size"][-1], 10)
            self.assertEqual(set(lijn["marker"]["size"][:-1]), {0})
            self.assertEqual(lijn["customdata"][-1], " (voorlopig)")
        self.assertEqual((som["y"][-1], per_maand["y"][-1]), (143, 15))
        self.assertEqual(legenda["name"], "open rondje: voorlopig cijfer (*)")
