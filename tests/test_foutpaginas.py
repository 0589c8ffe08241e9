"""Foutpagina's en teksten in het Nederlands: 400, 403 (met de reden van de weigering), 404 en
500; het beheer zonder Engelse zinnen; de kop "Gebied" op de categoriepagina en in haar CSV; de
verborgen linktekst bij de geschiedenis van een maatregel."""

import csv
import io

from django.core.management import call_command
from django.test import RequestFactory, TestCase
from django.urls import reverse
from django.views import defaults

from prioriteiten.models import Doel, LokaalSpeerpunt, Prioriteit
from tests.gebruikers import maak_gebruikers


class FoutpaginasTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())
        cls.gebruikers = maak_gebruikers()
        cls.baarn_doel = Doel.objects.filter(
            speerpunt=LokaalSpeerpunt.objects.get(gebied__slug="baarn")
        ).first()

    def test_404_zegt_wat_er_gebeurde_en_wat_te_doen(self):
        response = self.client.get("/gebieden/bestaat-niet/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, '<html lang="nl">', status_code=404)
        self.assertContains(response, "Pagina niet gevonden", status_code=404)
        self.assertContains(response, "Wat u kunt doen", status_code=404)
        self.assertContains(response, 'href="/"', status_code=404)

    def test_geweigerde_bewerking_toont_de_nederlandse_reden(self):
        self.client.force_login(self.gebruikers["adviseur_soest"])
        url = reverse("prioriteiten:voortgang_nieuw", args=["doel", self.baarn_doel.pk])
        response = self.client.get(url)
        self.assertEqual(response.status_code, 403)
        self.assertContains(response, "Geen toegang", status_code=403)
        self.assertContains(
            response, "U mag voor dit onderwerp geen voortgang vastleggen.", status_code=403
        )
        self.assertNotContains(response, "Forbidden", status_code=403)

    def test_403_zonder_reden_heeft_een_nederlandse_standaardtekst(self):
        self.client.force_login(self.gebruikers["adviseur_soest"])
        response = self.client.get("/voortgang/nieuw/onbekend/1/")
        self.assertEqual(response.status_code, 403)
        self.assertContains(response, "U mag deze pagina niet bekijken", status_code=403)

    def test_400_bij_een_onbekende_host(self):
        response = self.client.get("/", HTTP_HOST="kwaadaardig.example")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Ongeldige aanvraag", status_code=400)
        self.assertContains(response, "Wat u kunt doen", status_code=400)

    def test_500_zonder_context_in_het_nederlands(self):
        response = defaults.server_error(RequestFactory().get("/"))
        self.assertEqual(response.status_code, 500)
        html = response.content.decode()
        self.assertIn('<html lang="nl">', html)
        self.assertIn("Er ging iets mis", html)
        self.assertIn("Probeer het over een paar minuten opnieuw", html)


class NederlandsBeheerTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.gebruikers = maak_gebruikers()

    def setUp(self):
        self.client.force_login(self.gebruikers["beheerder"])

    def test_gebruiker_toevoegen_zonder_engels(self):
        response = self.client.get("/admin/auth/user/add/")
        self.assertContains(response, "Nadat u de gebruiker hebt aangemaakt")
        self.assertNotContains(response, "After you")

    def test_keuzelijsten_met_twee_vakken_in_het_nederlands(self):
        response = self.client.get("/admin/jsi18n/")
        self.assertContains(response, "Kies %s door ze te selecteren")
        self.assertContains(response, "Verwijder %s door ze te selecteren")

    def test_rechten_en_wachtwoord_in_het_nederlands(self):
        beheerder = self.gebruikers["beheerder"]
        wijzigen = self.client.get(f"/admin/auth/user/{beheerder.pk}/change/")
        self.assertContains(wijzigen, "Kan gebruiker toevoegen")
        self.assertNotContains(wijzigen, "Can add")
        self.assertNotContains(self.client.get("/admin/auth/group/add/"), "Can add")
        wachtwoord = self.client.get(f"/admin/auth/user/{beheerder.pk}/password/")
        self.assertContains(wachtwoord, "het huidige wachtwoord van deze gebruiker gaat verloren")
        self.assertNotContains(wachtwoord, "If disabled")

    def test_index_en_inlogpogingen_in_het_nederlands(self):
        index = self.client.get("/admin/").content.decode()
        self.assertNotIn("Add link", index)
        self.assertNotIn("Change or view list link", index)
        pogingen = self.client.get("/admin/axes/accessattempt/").content.decode()
        self.assertNotIn("Attempt Time", pogingen)
        self.assertIn("Tijdstip van de poging", pogingen)


class TekstenTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())

    def test_categoriepagina_eerste_kolom_heet_gebied_ook_in_de_csv(self):
        response = self.client.get("/cijfers/woninginbraken/")
        tabel = response.context["overzicht"].tabel
        self.assertEqual(tabel.columns["categorie"].header, "Gebied")
        export = self.client.get("/cijfers/woninginbraken/", {"_export": "csv"})
        kop = next(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
        self.assertEqual(kop[0], "Gebied")
        # Op de gebiedspagina zijn de rijen categorieën.
        gebied = self.client.get("/gebieden/baarn/").context["overzicht"].tabel
        self.assertEqual(gebied.columns["categorie"].header, "Categorie")

    def test_geschiedenislink_van_een_maatregel_goed_gespeld(self):
        hic = Prioriteit.objects.get(plan__slug="2019-2022", slug="high-impact-crimes")
        response = self.client.get(hic.get_absolute_url())
        self.assertContains(response, "van deze maatregel:")
        self.assertNotContains(response, "van dit maatregel")
