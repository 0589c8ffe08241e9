"""De startpagina en het beheer tonen de brongegevens."""

import io
from pathlib import Path

from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from cijfers.models import Categorie
from ivp import views
from ivp.models import Gebied
from tests import factories
from tests import importbestanden as ib
from tests.gebruikers import GebruikerFactory

CASUSSEN = Path(__file__).parent / "casussen"  # de echte bestanden van ../shared/cases/


class HomeTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())

    def test_toont_huidig_en_vorig_plan_en_nieuwste_jaar(self):
        response = self.client.get(reverse("home"))
        self.assertContains(
            response,
            'Huidig plan: <a href="/plan/2023-2026/">Integraal Veiligheidsplan 2023-2026</a>',
        )
        for naam in ["Ondermijning", "Digitale Veiligheid", "Zorg en Veiligheid"]:
            self.assertContains(response, naam)
        self.assertContains(
            response,
            'Vorig plan: <a href="/plan/2019-2022/">Integraal Veiligheidsplan BES 2019-2022</a>',
        )
        self.assertContains(response, 'href="/plan/2019-2022/prioriteiten/high-impact-crimes/"')
        self.assertContains(response, "High Impact Crimes")
        self.assertContains(response, "de nieuwste cijfers zijn van 2018")
        self.assertNotContains(response, "2.018")
        self.assertContains(response, '<html lang="nl">')

    def test_aantal_queries_vast(self):
        # 1 de gegevensversie, 2 eigen gebieden met hun nieuwste jaren (subqueries, voor de
        # tabel), 3 categorieën, 4 het nieuwste volledige jaar per gebied en categorie (GROUP
        # BY, voor de waarschuwing: views.cijferstand); 2-4 per versie in de cache; dan
        # 5 plannen, 6 prioriteiten, 7 deelnemers, 8 volgende vergadering
        cache.clear()  # een eerdere test met dezelfde gegevens kan de versie al gecachet hebben
        with self.assertNumQueries(8):
            eerste = self.client.get(reverse("home"))
        # Warm (dezelfde versie): 2-4 uit de cache, dezelfde pagina.
        with self.assertNumQueries(5):
            self.assertEqual(self.client.get(reverse("home")).content, eerste.content)
        factories.dataset(gebieden=5, categorieen=3, jaren=6)
        with self.assertNumQueries(8):
            self.client.get(reverse("home"))

    def test_landelijke_gemeenten_staan_niet_op_de_startpagina(self):
        # Een gemeente die aan geen plan deelneemt (uit een landelijke dataset) staat niet in
        # de tabel, en haar nieuwere cijfers veranderen het nieuwste jaar erboven niet.
        elders = factories.gebied("Synthetisch gebied 1 (bench)", cbs_code="GM9001")
        factories.cijfer(elders, Categorie.objects.first(), 2024, 12, periode="2024-12")
        response = self.client.get(reverse("home"))
        self.assertNotContains(response, "Synthetisch gebied 1 (bench)")
        self.assertContains(response, "de nieuwste cijfers zijn van 2018")
        self.assertEqual(
            [g.slug for g in response.context["gebieden"]],
            ["baarn", "bunschoten", "de-bilt", "eemnes", "soest", "basisteam-bes"],
        )


class LegeHomeTest(TestCase):
    def test_lege_database_zegt_wat_te_doen(self):
        response = self.client.get(reverse("home"))
        self.assertContains(response, "Er is nog geen plan ingevoerd")


class BeheerTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())
        cls.beheerder = GebruikerFactory(username="beheer", beheerder=True)

    def test_elk_model_heeft_een_nederlandstalig_beheer(self):
        self.client.force_login(self.beheerder)
        index = self.client.get(reverse("admin:index"))
        self.assertContains(index, "Beheer van plannen, prioriteiten en cijfers")
        for label in ["ivp", "prioriteiten", "cijfers"]:
            for model in apps.get_app_config(label).get_models():
                if model._meta.model_name.startswith("historical"):
                    continue  # geschiedenis: via de knop "Geschiedenis" van elk object
                url = reverse(f"admin:{label}_{model._meta.model_name}_changelist")
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200, url)
                self.assertContains(response, "Selecteer")  # Nederlandse interface
                obj = model.objects.first()
                if obj is not None:
                    wijzig = reverse(
                        f"admin:{label}_{model._meta.model_name}_change", args=[obj.pk]
                    )
                    self.assertEqual(self.client.get(wijzig).status_code, 200, wijzig)

    def test_anoniem_moet_inloggen(self):
        response = self.client.get(reverse("admin:cijfers_cijfer_changelist"))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("admin:login"), response["Location"])


class OnvolledigJaarTest(TestCase):
    def test_een_jaar_met_alleen_maanden_telt_nog_niet_als_nieuwste(self):
        call_command("laad_brondata", stdout=io.StringIO())
        baarn = Gebied.objects.get(slug="baarn")
        categorie = Categorie.objects.get(slug="woninginbraken")
        for maand in (1, 2, 3):  # synthetisch: alleen januari-maart 2024
            factories.cijfer(baarn, categorie, 2024, 10, periode=f"2024-{maand:02d}")
        response = self.client.get(reverse("home"))
        self.assertContains(response, "de nieuwste cijfers zijn van 2018")
        self.assertContains(response, "2024 nog onvolledig")
        for maand in range(4, 13):
            factories.cijfer(baarn, categorie, 2024, 10, periode=f"2024-{maand:02d}")
        # Nu is 2024 volledig, maar alleen voor deze ene reeks (proefgebruiker, punt 3).
        response = self.client.get(reverse("home"))
        self.assertContains(response, "de meeste cijfers lopen tot 2018")
        self.assertContains(response, "Nieuwer zijn alleen: woninginbraken in Baarn tot 2024.")


class NieuwereReeksTest(TestCase):
    """Proefgebruiker, punt 3: na de import van één nieuwere reeks blijft de waarschuwing waar."""

    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())

    def waarschuwing(self):
        response = self.client.get(reverse("home"))
        self.assertEqual(response.status_code, 200)
        inhoud = response.content.decode()
        begin = inhoud.index('<div class="alert alert-warning" role="note">')
        return " ".join(inhoud[begin : inhoud.index("</div>", begin)].split())

    def test_een_geimporteerde_reeks_tot_2025_zegt_niet_dat_alles_tot_2025_loopt(self):
        # Het echte bestand c02: Baarn woninginbraken 2023, 2024** en 2025* (voorlopig).
        ib.importeer((CASUSSEN / "c02_label_nader_voorlopig_dubbel_sterretje.csv").read_bytes())
        tekst = self.waarschuwing()
        self.assertNotIn("de nieuwste cijfers zijn van 2025", tekst)
        self.assertIn("Let op: de meeste cijfers lopen tot 2018.", tekst)
        self.assertIn("Nieuwer zijn alleen: woninginbraken in Baarn tot 2025 (voorlopig).", tekst)
        self.assertIn("De cijfers tot 2018 komen uit het Integraal Veiligheidsplan", tekst)

    def test_meer_gebieden_en_categorieen_per_jaar_gegroepeerd(self):
        ib.importeer((CASUSSEN / "c02_label_nader_voorlopig_dubbel_sterretje.csv").read_bytes())
        # Synthetisch: Eemnes en Soest woninginbraken 2024, Soest geweld: totaal 2023.
        ib.importeer(
            ib.sjabloon_csv(
                [
                    ["Soest", "woninginbraken", 2024, 2024, 52, "", ""],
                    ["Eemnes", "woninginbraken", 2024, 2024, 12, "", ""],
                    ["Soest", "geweld-totaal", 2023, 2023, 7, "", ""],
                ]
            )
        )
        self.assertIn(
            "Nieuwer zijn alleen: woninginbraken in Baarn tot 2025 (voorlopig) en in Eemnes en "
            "Soest tot 2024; geweld: totaal in Soest tot 2023.",
            self.waarschuwing(),
        )

    def test_als_de_meeste_reeksen_nieuwer_zijn_telt_de_rest_als_eerder(self):
        # Synthetisch: elke reeks van Baarn, Soest en Eemnes krijgt 2019; de rest blijft 2018.
        rijen = [
            [gebied, categorie.slug, 2019, 2019, 5, "", ""]
            for gebied in ("Baarn", "Soest", "Eemnes", "Bunschoten")
            for categorie in Categorie.objects.all()
        ]
        ib.importeer(ib.sjabloon_csv(rijen), plan_bevestigd=True)
        tekst = self.waarschuwing()
        self.assertIn("Let op: de meeste cijfers lopen tot 2019.", tekst)
        self.assertNotIn("Nieuwer zijn alleen", tekst)
        # 20 categorieën in 4 gemeenten lopen tot 2019; het basisteam (De Bilt heeft er geen)
        # houdt 8 reeksen tot 2018.
        self.assertIn("8 van de 88 reeksen (een categorie in een gebied) stoppen eerder.", tekst)
        self.assertNotIn("Integraal Veiligheidsplan BES 2019-2022", tekst)


class CategorielinksTest(TestCase):
    def test_een_link_per_categorie_met_een_punt_ertussen_en_geescaped(self):
        categorieen = [
            factories.categorie("woninginbraken", volgorde=1),
            factories.categorie(
                "inbraak/diefstal <bedrijf> & instelling", volgorde=2, slug="bedrijf"
            ),
        ]
        html = views.categorielinks(categorieen)
        self.assertHTMLEqual(
            html,
            f'<li class="list-inline-item"><a href="{categorieen[0].get_absolute_url()}">'
            "woninginbraken</a> ·</li>"
            f'<li class="list-inline-item"><a href="{categorieen[1].get_absolute_url()}">'
            "inbraak/diefstal &lt;bedrijf&gt; &amp; instelling</a></li>",
        )
        self.assertEqual(views.categorielinks([]), "")
