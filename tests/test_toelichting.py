"""Toelichting bij een cijfer (issue 17): schrijven, wijzigen en intrekken door een adviseur
van de gemeente, zichtbaar waar het cijfer staat (gebiedspagina, categoriepagina, grafiek,
export, vergaderstuk, /voortgang/), nooit te wijzigen door een andere gemeente, met
geschiedenis."""

import csv
import datetime
import io
import json
import re

import openpyxl
import plotly.graph_objects as go
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from cijfers import charts
from cijfers.forms import ToelichtingForm
from cijfers.models import Categorie, Toelichting, periodegrenzen
from ivp.models import Gebied, Overleg
from ivp.rechten import mag_toelichten
from tests import factories
from tests.gebruikers import geef_beheertoegang, maak_gebruikers
from vergaderingen.models import Vergadering

TEKST = (
    "De woninginbraken stegen begin 2018 sterk, tot de politie een groep verdachten aanhield. "
    "<b>geen opmaak</b>"
)
BAARN = "/gebieden/baarn/"


def trendrijen(response):
    return {rij["categorie"]: rij for rij in response.context["overzicht"].tabel.data.data}


def figuren(response):
    """{id: figuur} uit de json_script-blokken van een pagina."""
    gevonden = re.findall(r'<script id="([^"]+)" type="application/json">(.*?)</script>',
                          response.content.decode(), re.S)  # fmt: skip
    return {ident: json.loads(inhoud) for ident, inhoud in gevonden}


class ToelichtingBaarnTest(TestCase):
    """De 'klaar als'-tests van issue 17 op de brongegevens."""

    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())
        cls.gebruikers = maak_gebruikers()
        cls.baarn = Gebied.objects.get(slug="baarn")
        cls.woninginbraken = Categorie.objects.get(slug="woninginbraken")

    def schrijf(self, tekst=TEKST, **velden):
        """Als adviseur van Baarn via het formulier (vanaf de gebiedspagina)."""
        self.client.force_login(self.gebruikers["adviseur_baarn"])
        gegevens = {"categorie": self.woninginbraken.pk, "van": "2018", "tot": "", "tekst": tekst,
                    "contact": "Team OOV Baarn", "next": BAARN, **velden}  # fmt: skip
        return self.client.post(reverse("cijfers:toelichting_nieuw", args=["baarn"]), gegevens)

    def test_adviseur_van_baarn_schrijft_wijzigt_en_trekt_in(self):
        vergadering = Vergadering.objects.create(
            overleg=Overleg.objects.get(slug="avo-bes"), datum=timezone.localdate()
        )
        response = self.schrijf()
        self.assertRedirects(response, BAARN, fetch_redirect_response=False)
        toelichting = Toelichting.objects.get()
        self.assertEqual(toelichting.auteur, self.gebruikers["adviseur_baarn"])
        self.assertEqual((toelichting.van, toelichting.tot), ("2018", "2018"))
        self.client.logout()

        # De gebiedspagina: een teken in de cel woninginbraken 2018, de lijst met auteur en
        # datum, de tekst geëscaped.
        pagina = self.client.get(BAARN, {"categorie": "woninginbraken"})
        rij = trendrijen(pagina)["woninginbraken"]
        self.assertEqual([r.tekst for r in rij["toelichtingen"][2018]], [TEKST])
        self.assertNotIn(2017, rij["toelichtingen"])
        self.assertContains(pagina, 'href="#toelichting-1"')
        self.assertContains(pagina, "&lt;b&gt;geen opmaak&lt;/b&gt;")
        self.assertNotContains(pagina, "<b>geen opmaak</b>")
        self.assertContains(pagina, "door Adviseur_Baarn")
        self.assertContains(pagina, "Contact: Team OOV Baarn")
        # De analyse van Baarn in het plan staat in dezelfde lijst, als tekst van het plan.
        self.assertContains(pagina, "Baarn, uit het plan, §8.1:")
        self.assertContains(pagina, "niet van een adviseur")
        # Een anonieme bezoeker kan niets wijzigen.
        self.assertNotContains(pagina, "Intrekken")

        # De grafiek: een ster op woninginbraken 2018 met de tekst in de hover.
        trend = figuren(pagina)["trendgrafiek-data"]
        sterren = [t for t in trend["data"] if t["name"] == charts.TOELICHTING_NAAM]
        self.assertEqual(len(sterren), 1)
        self.assertEqual(sterren[0]["x"], [2018])
        woninginbraken = next(t for t in trend["data"] if t["name"] == "woninginbraken")
        self.assertEqual(sterren[0]["y"], [woninginbraken["y"][woninginbraken["x"].index(2018)]])
        self.assertIn("groep verdachten", sterren[0]["hovertext"][0])
        self.assertIn("&lt;b&gt;", sterren[0]["hovertext"][0])
        self.assertIn("<extra></extra>", sterren[0]["hovertemplate"])

        # De categoriepagina: de toelichting bij Baarn, met het teken in de rij van Baarn.
        categorie = self.client.get(reverse("cijfers:categorie", args=["woninginbraken"]))
        self.assertIn(2018, trendrijen(categorie)["Baarn"]["toelichtingen"])
        self.assertContains(categorie, "Baarn · woninginbraken, 2018:")
        self.assertContains(categorie, "groep verdachten aanhield")
        self.assertContains(categorie, "Baarn, uit het plan, §8.1:")
        self.assertContains(categorie, "Soest, uit het plan, §8.4:")

        # De CSV van de trendtabel: een kolom Toelichting, gevuld in de rij woninginbraken.
        export = self.client.get(BAARN, {"_export": "csv"})
        rijen = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
        kolom = rijen[0].index("Toelichting")
        per_categorie = {rij[0]: rij[kolom] for rij in rijen[1:]}
        self.assertTrue(per_categorie["woninginbraken"].startswith("2018: De woninginbraken"))
        self.assertIn("(Adviseur_Baarn, ", per_categorie["woninginbraken"])
        self.assertEqual(per_categorie["geweld: totaal"], "")
        xlsx = self.client.get(BAARN, {"_export": "xlsx"})
        blad = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
        koppen = [cel.value for cel in blad[1]]
        self.assertIn("Toelichting", koppen)
        kolom = koppen.index("Toelichting")
        waarden = {rij[0]: rij[kolom] for rij in blad.iter_rows(min_row=2, values_only=True)}
        self.assertIn("groep verdachten", waarden["woninginbraken"])

        # Het volgende vergaderstuk: bij de opvallende verandering van Baarn, en in de lijst
        # van toelichtingen sinds de vorige vergadering.
        stuk = self.client.get(reverse("vergaderstuk_openbaar", args=[vergadering.pk]))
        self.assertEqual(len(stuk.context["stuk"].toelichtingen), 1)
        baarn = next(g for g in stuk.context["stuk"].gemeenten if g.gebied == self.baarn)
        self.assertIn("woninginbraken", [v.categorie.slug for v in baarn.opvallend])
        self.assertEqual([r.tekst for r in baarn.toelichtingen], [TEKST])
        self.assertContains(stuk, "Toelichting van de gemeente bij deze veranderingen")
        self.assertContains(stuk, "&lt;b&gt;geen opmaak")

        # /voortgang/: de toelichtingen sinds de vorige vergadering, via de link in het stuk
        # (prioriteiten kent geen vergaderingen; het stuk geeft de datum mee).
        sinds = stuk.context["stuk"].sinds
        link = f"{reverse('prioriteiten:voortgang')}?sinds={sinds.isoformat()}"
        self.assertContains(stuk, f'href="{link}"')
        voortgang = self.client.get(link)
        self.assertEqual(voortgang.context["overzicht"].sinds, sinds)
        self.assertEqual([r.tekst for r in voortgang.context["overzicht"].toelichtingen], [TEKST])

        # Wijzigen: de nieuwe tekst staat op de pagina, de oude niet meer.
        self.client.force_login(self.gebruikers["adviseur_baarn"])
        bewerken = reverse("cijfers:toelichting_bewerken", args=[toelichting.pk])
        self.assertContains(self.client.get(bewerken), "Toelichting wijzigen")
        response = self.client.post(bewerken, {"categorie": self.woninginbraken.pk,
                                               "van": "2018-H1", "tot": "2018", "tekst": "Nieuw.",
                                               "contact": "", "next": BAARN})  # fmt: skip
        self.assertRedirects(response, BAARN, fetch_redirect_response=False)
        pagina = self.client.get(BAARN)
        self.assertContains(pagina, "woninginbraken, 2018-H1 t/m 2018:</strong>")
        self.assertNotContains(pagina, "groep verdachten aanhield")
        self.assertContains(pagina, "Intrekken")

        # Intrekken (POST): niet meer op de pagina, wel in de geschiedenis.
        intrekken = reverse("cijfers:toelichting_intrekken", args=[toelichting.pk])
        self.assertEqual(self.client.get(intrekken).status_code, 405)
        response = self.client.post(intrekken, {"next": BAARN})
        self.assertRedirects(response, BAARN, fetch_redirect_response=False)
        self.assertTrue(Toelichting.objects.get().ingetrokken)
        pagina = self.client.get(BAARN)
        self.assertNotIn("toelichtingen", trendrijen(pagina)["woninginbraken"])
        self.assertNotContains(pagina, "Nieuw.")

        # De geschiedenis: wie wat veranderde.
        self.client.logout()
        geschiedenis = self.client.get(
            reverse("geschiedenis", args=["toelichting", toelichting.pk])
        )
        versies = geschiedenis.context["regels"]
        self.assertEqual([r["soort"] for r in versies], ["gewijzigd", "gewijzigd", "aangemaakt"])
        self.assertEqual({r["versie"].history_user.username for r in versies}, {"adviseur_baarn"})
        velden = {w["veld"] for w in versies[1]["wijzigingen"]}
        self.assertEqual(velden, {"periode (van)", "toelichting", "contactpersoon"})
        self.assertEqual(
            [(w["oud"], w["nieuw"]) for w in versies[0]["wijzigingen"]], [(False, True)]
        )
        self.assertContains(geschiedenis, "Adviseur_Baarn")

    def test_adviseur_van_soest_kan_er_niet_aan_komen(self):
        self.schrijf()
        toelichting = Toelichting.objects.get()
        soest = self.gebruikers["adviseur_soest"]
        self.client.force_login(soest)
        nieuw = reverse("cijfers:toelichting_nieuw", args=["baarn"])
        self.assertEqual(self.client.get(nieuw).status_code, 403)
        gegevens = {"categorie": self.woninginbraken.pk, "van": "2018", "tekst": "Door Soest"}
        self.assertEqual(self.client.post(nieuw, gegevens).status_code, 403)
        bewerken = reverse("cijfers:toelichting_bewerken", args=[toelichting.pk])
        self.assertEqual(self.client.get(bewerken).status_code, 403)
        self.assertEqual(self.client.post(bewerken, gegevens).status_code, 403)
        intrekken = reverse("cijfers:toelichting_intrekken", args=[toelichting.pk])
        self.assertEqual(self.client.post(intrekken).status_code, 403)
        # Ook in het beheer: lezen mag, wijzigen, toevoegen en verwijderen niet.
        geef_beheertoegang(soest)
        self.client.force_login(soest)
        wijzig = reverse("admin:cijfers_toelichting_change", args=[toelichting.pk])
        self.assertEqual(self.client.get(wijzig).status_code, 200)
        beheergegevens = {"gebied": self.baarn.pk, "categorie": self.woninginbraken.pk,
                          "van": "2018", "tot": "2018", "tekst": "Door Soest"}  # fmt: skip
        self.assertEqual(self.client.post(wijzig, beheergegevens).status_code, 403)
        toevoegen = reverse("admin:cijfers_toelichting_add")
        self.assertEqual(self.client.post(toevoegen, beheergegevens).status_code, 403)
        verwijder = reverse("admin:cijfers_toelichting_delete", args=[toelichting.pk])
        self.assertEqual(self.client.post(verwijder, {"post": "yes"}).status_code, 403)
        toelichting.refresh_from_db()
        self.assertEqual((toelichting.tekst, toelichting.ingetrokken), (TEKST, False))
        self.assertEqual(Toelichting.objects.count(), 1)
        # De adviseur van Baarn mag het in het beheer wel (zijn eigen gemeente).
        baarn = self.gebruikers["adviseur_baarn"]
        geef_beheertoegang(baarn)
        self.client.force_login(baarn)
        beheergegevens["tekst"] = "Via het beheer"
        self.assertEqual(self.client.post(wijzig, beheergegevens).status_code, 302)
        toelichting.refresh_from_db()
        self.assertEqual(toelichting.tekst, "Via het beheer")

    def test_rechten_per_gebied(self):
        g = self.gebruikers
        team = Gebied.objects.get(slug="basisteam-bes")
        soest = Gebied.objects.get(slug="soest")
        self.assertTrue(mag_toelichten(g["adviseur_baarn"], self.baarn.pk))
        self.assertFalse(mag_toelichten(g["adviseur_baarn"], soest.pk))
        # Het basisteam: de voorzitter, niet een adviseur van een gemeente.
        self.assertFalse(mag_toelichten(g["adviseur_baarn"], team.pk))
        self.assertTrue(mag_toelichten(g["voorzitter"], team.pk))
        self.assertFalse(mag_toelichten(g["raadslid"], self.baarn.pk))
        self.assertFalse(mag_toelichten(g["adviseur_baarn"], None))

    def test_nieuwe_toelichting_meteen_zichtbaar_ondanks_de_onderdelencache(self):
        cache.clear()
        eerst = self.client.get(BAARN)
        self.assertNotContains(eerst, "Alleen via het model")
        Toelichting.objects.create(gebied=self.baarn, categorie=self.woninginbraken, van="2017",
                                   tekst="Alleen via het model")  # fmt: skip
        self.assertContains(self.client.get(BAARN), "Alleen via het model")

    def test_terug_alleen_naar_deze_site(self):
        response = self.schrijf(next="https://elders.example/")
        self.assertRedirects(response, BAARN, fetch_redirect_response=False)
        response = self.schrijf(next="/cijfers/woninginbraken/")
        self.assertRedirects(response, "/cijfers/woninginbraken/", fetch_redirect_response=False)

    def test_formule_in_de_tekst_komt_niet_als_formule_in_de_export(self):
        Toelichting.objects.create(gebied=self.baarn, categorie=self.woninginbraken, van="2018",
                                   tekst="=HYPERLINK(\"https://x\")")  # fmt: skip
        export = self.client.get(BAARN, {"_export": "csv"})
        rijen = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
        cellen = [cel for rij in rijen for cel in rij]
        self.assertTrue(any("HYPERLINK" in cel for cel in cellen))
        self.assertFalse(any(cel.startswith("=") for cel in cellen))


class ToelichtingModelTest(TestCase):
    def test_perioden(self):
        self.assertEqual(periodegrenzen("2018"), ((2018, 1), (2018, 12)))
        self.assertEqual(periodegrenzen("2018-H2"), ((2018, 7), (2018, 12)))
        self.assertEqual(periodegrenzen("2018-03"), ((2018, 3), (2018, 3)))

    def test_tot_niet_voor_van_en_jaren(self):
        gebied, categorie = factories.gebied(), factories.categorie()
        gegevens = {"categorie": categorie.pk, "van": "2019", "tot": "2018-H2", "tekst": "x"}
        form = ToelichtingForm(gegevens, instance=Toelichting(gebied=gebied))
        self.assertFalse(form.is_valid())
        self.assertIn("tot", form.errors)
        form = ToelichtingForm({**gegevens, "tot": "2018"}, instance=Toelichting(gebied=gebied))
        self.assertFalse(form.is_valid())
        gegevens.update(van="2018-H2", tot="2020-01")
        form = ToelichtingForm(gegevens, instance=Toelichting(gebied=gebied))
        self.assertTrue(form.is_valid(), form.errors)
        toelichting = form.save()
        self.assertEqual(list(toelichting.jaren), [2018, 2019, 2020])
        self.assertEqual(str(toelichting), "Testdorp · testcategorie · 2018-H2 t/m 2020-01")
        # De database weigert een reeks die eindigt vóór het jaar waarin ze begint.
        toelichting.tot = "2017"
        with self.assertRaises(ValidationError):
            toelichting.full_clean()

    def test_zichtbaar_en_sinds(self):
        gebied, categorie = factories.gebied(), factories.categorie()
        zichtbaar = Toelichting.objects.create(gebied=gebied, categorie=categorie, van="2018",
                                               tekst="a")  # fmt: skip
        Toelichting.objects.create(gebied=gebied, categorie=categorie, van="2019", tekst="b",
                                   ingetrokken=True)  # fmt: skip
        self.assertEqual(list(Toelichting.objects.zichtbaar()), [zichtbaar])
        self.assertEqual(list(Toelichting.objects.voor_gebieden([gebied]).zichtbaar()), [zichtbaar])
        morgen = timezone.localdate() + datetime.timedelta(days=1)
        self.assertEqual(Toelichting.objects.sinds(morgen).count(), 0)
        self.assertEqual(Toelichting.objects.sinds(timezone.localdate()).count(), 2)


class ToelichtingGrafiekTest(TestCase):
    def test_plotly_aanvaardt_de_sterren_ongewijzigd(self):
        figuur = charts.lijngrafiek([("a", [1, 2])], [2017, 2018], "Titel", "aantal", "bron")
        met = charts.toelichtingspunten(figuur, [(2018, 2, "Een <i>tekst</i> " + "lang " * 30)])
        self.assertEqual(len(figuur["data"]), 1)  # het origineel blijft ongewijzigd
        gevalideerd = json.loads(go.Figure(met).to_json())
        self.assertEqual(gevalideerd["data"][1]["hovertext"], met["data"][1]["hovertext"])
        self.assertIn("&lt;i&gt;", met["data"][1]["hovertext"][0])
        self.assertIn("<br>", met["data"][1]["hovertext"][0])
        self.assertEqual(charts.samenvatting(met), charts.samenvatting(figuur))


class ToelichtingQueriesTest(TestCase):
    def test_categoriepagina_een_query_voor_de_toelichtingen(self):
        gekozen, categorieen = factories.dataset(gebieden=3, categorieen=1, jaren=3)
        for gebied in gekozen:
            Toelichting.objects.create(gebied=gebied, categorie=categorieen[0], van="2001",
                                       tekst=f"Over {gebied.naam}")  # fmt: skip
        url = reverse("cijfers:categorie", args=[categorieen[0].slug])
        # 1 de gegevensversie (de pagina per versie in de cache), 2 de categorie, 3 de eigen
        # en gekozen gebieden, 4 de cijfers, 5 de gepubliceerde veranderingen, 6 de
        # toelichtingen van de getoonde gebieden (met gebied, categorie en auteur): één query,
        # hoeveel toelichtingen er ook zijn; 7 de analyses van hoofdstuk 8 van de getoonde
        # gebieden (geen: synthetische gemeenten).
        with self.assertNumQueries(7):
            response = self.client.get(url, {"gebied": [g.slug for g in gekozen]})
        for gebied in gekozen:
            self.assertContains(response, f"Over {gebied.naam}")


class ToelichtingInHetStukTest(TestCase):
    def test_vast_aantal_queries_en_de_stand_van_toen(self):
        from vergaderingen.stuk import toelichtingen_op

        gebied, categorie = factories.gebied(), factories.categorie()
        gebieden = [gebied]
        with self.assertNumQueries(2):  # de versies van toen, de nooit gewijzigde
            self.assertEqual(toelichtingen_op(timezone.now(), gebieden), [])
        for jaar in (2018, 2019, 2020):
            Toelichting.objects.create(gebied=gebied, categorie=categorie, van=str(jaar),
                                       tekst=f"Over {jaar}")  # fmt: skip
        toen = timezone.now()
        later = Toelichting.objects.get(van="2019")
        later.tekst, later.ingetrokken = "Later gewijzigd", True
        later.save()
        # Evenveel queries met toelichtingen (categorie en auteur gaan mee in dezelfde query).
        with self.assertNumQueries(2):
            regels = toelichtingen_op(toen, gebieden)
        self.assertEqual([r.tekst for r, _ in regels], ["Over 2018", "Over 2019", "Over 2020"])
        self.assertEqual([r.tekst for r, _ in toelichtingen_op(timezone.now(), gebieden)],
                         ["Over 2018", "Over 2020"])  # fmt: skip
