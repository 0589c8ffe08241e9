"""Het sjabloon om te downloaden (/cijfers/importeren/sjabloon.xlsx): uitleg, de exacte namen,
geen formules, en wat erin ingevuld wordt leest de import gewoon."""

import io

import openpyxl
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from cijfers.importeren import controleer_bestand
from cijfers.models import Categorie
from ivp.models import Gebied
from tests.gebruikers import maak_gebruikers

URL = reverse("cijfers:sjabloon")


class SjabloonTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())
        cls.gebruikers = maak_gebruikers()
        Categorie.objects.create(naam="=1+1 test", slug="formule-test", groep="overig")
        # Een gemeente uit een landelijke import: een referentiegebied, niet in het sjabloon.
        Gebied.objects.create(
            naam="Amersfoort", slug="amersfoort", soort=Gebied.Soort.GEMEENTE, cbs_code="GM0307"
        )

    def download(self):
        self.client.force_login(self.gebruikers["adviseur_baarn"])
        # De sessie, de gebruiker, zijn profiel (de rechten), de categorieën en de gebieden.
        with self.assertNumQueries(5):
            antwoord = self.client.get(URL)
        self.assertEqual(antwoord.status_code, 200)
        self.assertIn("ivp-bes-sjabloon.xlsx", antwoord["Content-Disposition"])
        return antwoord.content

    def test_werkbladen_uitleg_en_exacte_namen(self):
        werkmap = openpyxl.load_workbook(io.BytesIO(self.download()))
        self.assertEqual(werkmap.sheetnames, ["Cijfers", "Uitleg", "Categorieën", "Gebieden"])
        kop = [cel.value for cel in werkmap["Cijfers"][1]]
        self.assertEqual(kop[:5], ["gebied", "categorie", "jaar", "periode", "waarde"])
        self.assertEqual(werkmap["Cijfers"].max_row, 1)  # geen verzonnen cijfers
        self.assertEqual(werkmap["Cijfers"].column_dimensions["D"].number_format, "@")
        namen = [rij[0] for rij in werkmap["Categorieën"].iter_rows(min_row=2, values_only=True)]
        self.assertEqual(set(namen) - {"'=1+1 test"}, set(
            Categorie.objects.exclude(slug="formule-test").values_list("naam", flat=True)
        ))  # fmt: skip
        self.assertIn("'=1+1 test", namen)  # geneutraliseerd: geen formule
        gebieden = dict(werkmap["Gebieden"].iter_rows(min_row=2, values_only=True))
        self.assertEqual(gebieden["Baarn"], "GM0308")
        self.assertNotIn("Midden-Nederland", gebieden)  # een regio heeft geen eigen cijfers
        self.assertNotIn("Amersfoort", gebieden)  # alleen de eigen gebieden
        uitleg = " ".join(rij[0] or "" for rij in werkmap["Uitleg"].iter_rows(values_only=True))
        self.assertIn("Nooit 0 invullen voor een ontbrekend cijfer", uitleg)

    def test_ingevuld_sjabloon_wordt_gelezen(self):
        werkmap = openpyxl.load_workbook(io.BytesIO(self.download()))
        werkmap["Cijfers"].append(["Baarn", "autokraak", 2024, "2024-01", 7])
        uit = io.BytesIO()
        werkmap.save(uit)
        controle = controleer_bestand(uit.getvalue())
        self.assertEqual((len(controle.regels), controle.aantal_fouten), (1, 0))
        self.assertEqual(controle.regels[0].periode, "2024-01")
        # Ook de geneutraliseerde naam uit het werkblad Categorieën wordt herkend.
        werkmap["Cijfers"].append(["Baarn", "'=1+1 test", 2024, "2024", 3])
        uit = io.BytesIO()
        werkmap.save(uit)
        self.assertEqual(controleer_bestand(uit.getvalue()).aantal_fouten, 0)
        self.assertEqual(dict(controle.overgeslagen), {})

    def test_alleen_voor_wie_mag_importeren_en_gelinkt(self):
        self.assertEqual(self.client.get(URL).status_code, 302)  # naar inloggen
        self.client.force_login(self.gebruikers["raadslid"])
        self.assertEqual(self.client.get(URL).status_code, 403)
        self.client.force_login(self.gebruikers["adviseur_baarn"])
        self.assertContains(self.client.get(reverse("cijfers:importeren")), f'href="{URL}"')
