"""De fixtures bevatten de bron: aantallen, veranderingen, beleving, plannen en teksten."""

import io

from django.core.management import call_command
from django.test import TestCase

from cijfers.models import Categorie, Cijfer, Veiligheidsbeleving, Verandering
from cijfers.trends import procentuele_verandering
from ivp.management.commands.laad_brondata import FIXTURES
from ivp.models import Bijdrage, Gebied, Overleg, Plan
from prioriteiten.models import Doel, LokaalSpeerpunt, Maatregel, Prioriteit
from scripts.bron_ivp_2019 import basisteamtabel, gemeentetabellen, splits_procenten
from tests.bron import brontekst


def waarde(gebied, categorie, jaar):
    return Cijfer.objects.get(
        gebied__slug=gebied, categorie__naam=categorie, jaar=jaar, periode=str(jaar)
    ).waarde


class BrondataTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())

    def test_aantallen_per_gebied(self):
        # 4 gemeenten x 20 categorieën x 2015-2018, basisteam 8 rijen x 2014-2018.
        self.assertEqual(Cijfer.objects.count(), 360)
        for slug in ["baarn", "bunschoten", "eemnes", "soest"]:
            self.assertEqual(Cijfer.objects.filter(gebied__slug=slug).count(), 80, slug)
        self.assertEqual(Cijfer.objects.filter(gebied__slug="basisteam-bes").count(), 40)
        self.assertFalse(Cijfer.objects.filter(gebied__slug="de-bilt").exists())

    def test_steekproef_per_gebied(self):
        # Overgenomen uit de tabellen van §2.1 en §8.1-8.4 van het IVP BES 2019-2022.
        self.assertEqual(waarde("baarn", "criminaliteit totaal", 2015), 1238)
        self.assertEqual(waarde("baarn", "woninginbraken", 2018), 188)
        self.assertEqual(waarde("baarn", "fietsdiefstal", 2016), 95)
        self.assertEqual(waarde("bunschoten", "geweld: bedreiging", 2017), 8)
        self.assertEqual(waarde("bunschoten", "meldingen jongerenoverlast", 2018), 31)
        self.assertEqual(waarde("eemnes", "geweld: overval", 2015), 1)
        self.assertEqual(waarde("eemnes", "zakkenrollen", 2018), 0)
        self.assertEqual(waarde("soest", "vernielingen", 2015), 365)
        self.assertEqual(waarde("soest", "inbraak/diefstal bedrijf en instelling", 2018), 28)
        self.assertEqual(waarde("basisteam-bes", "woninginbraken", 2014), 806)
        self.assertEqual(waarde("basisteam-bes", "geweld: totaal", 2018), 433)
        self.assertEqual(waarde("basisteam-bes", "zakkenrollen", 2017), 37)
        self.assertEqual(waarde("basisteam-bes", "winkeldiefstal", 2016), 152)
        self.assertEqual(waarde("basisteam-bes", "meldingen jongerenoverlast", 2015), 1150)

    def test_alle_aantallen_gelijk_aan_de_brontekst(self):
        tekst = brontekst()
        opgeslagen = {
            (c.gebied.slug, c.categorie.naam, c.jaar): c.waarde
            for c in Cijfer.objects.select_related("gebied", "categorie")
        }
        uit_bron = {}
        for slug, rijen in gemeentetabellen(tekst).items():
            for rij in rijen:
                for jaar, aantal in zip([2015, 2016, 2017, 2018], rij.aantallen, strict=True):
                    uit_bron[(slug, rij.categorie, jaar)] = aantal
        for rij in basisteamtabel(tekst):
            for jaar, aantal in zip(range(2014, 2019), rij.aantallen, strict=True):
                uit_bron[("basisteam-bes", rij.categorie, jaar)] = aantal
        self.assertEqual(len(uit_bron), 360)
        self.assertEqual(opgeslagen, uit_bron)

    def test_gemeentekolom_van_de_bron_wordt_gereproduceerd(self):
        gecontroleerd = 0
        for slug, rijen in gemeentetabellen(brontekst()).items():
            for rij in rijen:
                gepubliceerd = splits_procenten(rij)["gemeente"]
                berekend = procentuele_verandering(
                    waarde(slug, rij.categorie, 2017), waarde(slug, rij.categorie, 2018)
                )
                self.assertEqual(berekend, gepubliceerd, (slug, rij.categorie))
                gecontroleerd += gepubliceerd is not None
        # 80 rijen, waarvan 7 met 0 in 2017 (geen percentage in de bron).
        self.assertEqual(gecontroleerd, 73)

    def test_regio_verandering_voor_elke_categorie(self):
        regio = Verandering.objects.filter(gebied__slug="midden-nederland", periode="jaar")
        self.assertEqual(regio.count(), 20)
        self.assertEqual(regio.get(categorie__naam="woninginbraken").procent, -15)
        self.assertEqual(regio.get(categorie__naam="geweld: zeden").procent, 21)
        self.assertEqual(regio.get(categorie__naam="geweld: bedreiging").procent, 0)

    def test_halfjaarveranderingen_alleen_waar_ondubbelzinnig(self):
        baarn = Verandering.objects.filter(gebied__slug="baarn")
        self.assertEqual(baarn.get(categorie__naam="woninginbraken", periode="H1").procent, 133)
        self.assertEqual(baarn.get(categorie__naam="woninginbraken", periode="H2").procent, -32)
        # Eén halfjaarwaarde in de bron: niet te zeggen welke, dus niet opgeslagen.
        self.assertFalse(baarn.filter(categorie__naam="geweld: openlijk geweld").exists())
        self.assertFalse(
            Verandering.objects.filter(
                gebied__slug="eemnes", categorie__naam="woninginbraak: pogingen"
            ).exists()
        )
        # 80 rijen: 6 dubbelzinnig, 7 zonder halfjaarwaarden, 67 met twee.
        self.assertEqual(Verandering.objects.exclude(periode="jaar").count(), 134)

    def test_veiligheidsbeleving(self):
        self.assertEqual(
            str(
                Veiligheidsbeleving.objects.get(gebied__slug="bunschoten", jaar=2017).rapportcijfer
            ),
            "7.7",
        )
        self.assertEqual(
            str(Veiligheidsbeleving.objects.get(gebied__slug="baarn", jaar=2018).rapportcijfer),
            "6.6",
        )
        self.assertEqual(
            str(Veiligheidsbeleving.objects.get(gebied__slug="soest", jaar=2017).rapportcijfer),
            "7.0",
        )
        eemnes = Veiligheidsbeleving.objects.get(gebied__slug="eemnes")
        self.assertIsNone(eemnes.rapportcijfer)
        self.assertIn("niet meer representatief", eemnes.toelichting)

    def test_categorieen_hersteld_en_in_hierarchie(self):
        namen = set(Categorie.objects.values_list("naam", flat=True))
        self.assertIn("fietsdiefstal", namen)
        self.assertIn("geweld: overval", namen)
        self.assertFalse(any("\ufffd" in naam or "ov erv" in naam for naam in namen))
        zeden = Categorie.objects.get(naam="geweld: zeden")
        self.assertEqual(zeden.ouder.naam, "geweld: totaal")
        self.assertEqual(
            set(
                Categorie.objects.get(naam="woninginbraken").onderdelen.values_list(
                    "naam", flat=True
                )
            ),
            {"woninginbraak: pogingen", "woninginbraak: geslaagd"},
        )
        vvc = set(Categorie.objects.filter(groep="vvc").values_list("naam", flat=True))
        self.assertEqual(
            vvc, {"autokraak", "fietsdiefstal", "vernielingen", "zakkenrollen", "winkeldiefstal"}
        )
        self.assertEqual(
            Categorie.objects.get(naam="meldingen jongerenoverlast").eenheid, "meldingen"
        )

    def test_gebieden_met_cbs_codes_en_basisteam(self):
        codes = dict(Gebied.objects.gemeenten().values_list("slug", "cbs_code"))
        self.assertEqual(
            codes,
            {
                "baarn": "GM0308",
                "bunschoten": "GM0313",
                "de-bilt": "GM0310",
                "eemnes": "GM0317",
                "soest": "GM0342",
            },
        )
        basisteam = Gebied.objects.get(slug="basisteam-bes")
        self.assertEqual(basisteam.leden.count(), 5)

    def test_plannen_prioriteiten_en_organisatie(self):
        oud = Plan.objects.get(slug="2019-2022")
        nieuw = Plan.objects.get(slug="2023-2026")
        self.assertNotIn("de-bilt", oud.deelnemers.values_list("slug", flat=True))
        self.assertIn("de-bilt", nieuw.deelnemers.values_list("slug", flat=True))
        self.assertEqual(str(nieuw.ondertekend_op), "2024-02-09")
        self.assertEqual(
            list(oud.prioriteiten.values_list("slug", flat=True)),
            [
                "ondermijning",
                "zorg-en-veiligheid",
                "high-impact-crimes",
                "jeugdoverlast-en-criminaliteit",
            ],
        )
        self.assertEqual(
            list(nieuw.prioriteiten.values_list("slug", flat=True)),
            [
                "ondermijning",
                "digitale-veiligheid",
                "zorg-en-veiligheid",
                "jeugdoverlast-en-criminaliteit",
            ],
        )
        # Doelen en aanpak: hoofdstuk 3-6 van 2019-2022; 2023-2026 geeft alleen beschrijvingen.
        self.assertEqual(Doel.objects.filter(prioriteit__plan=oud).count(), 5 + 4 + 1 + 6)
        self.assertEqual(Maatregel.objects.filter(prioriteit__plan=oud).count(), 4 + 6 + 10 + 5)
        self.assertFalse(Doel.objects.filter(prioriteit__plan=nieuw).exists())
        self.assertEqual(set(Prioriteit.objects.values_list("portefeuillehouder", flat=True)), {""})
        speerpunten = LokaalSpeerpunt.objects.filter(plan=oud)
        self.assertEqual(
            sorted(speerpunten.values_list("gebied__slug", flat=True)),
            ["baarn", "bunschoten", "eemnes", "soest", "soest"],
        )
        avo = Overleg.objects.get(slug="avo-bes")
        self.assertEqual(avo.keer_per_jaar, 4)
        self.assertIn("Soest", avo.voorzitter)
        self.assertEqual(Overleg.objects.get(slug="driehoek-bes").keer_per_jaar, 4)
        self.assertEqual(Bijdrage.objects.filter(plan=oud).count(), 7)

    def test_nergens_extractieartefacten(self):
        teksten = [
            *Prioriteit.objects.values_list("omschrijving", "toelichting"),
            *Doel.objects.values_list("tekst"),
            *Maatregel.objects.values_list("tekst"),
            *LokaalSpeerpunt.objects.values_list("toelichting"),
        ]
        for tekst in (t for rij in teksten for t in rij):
            self.assertNotIn("\ufffd", tekst)
            self.assertNotRegex(tekst, r"- \d+ -")


class LadenTest(TestCase):
    def test_twee_keer_laden_verandert_niets(self):
        call_command("loaddata", *FIXTURES, verbosity=0)
        voor = io.StringIO()
        call_command("dumpdata", "ivp", "prioriteiten", "cijfers", stdout=voor)
        call_command("loaddata", *FIXTURES, verbosity=0)
        na = io.StringIO()
        call_command("dumpdata", "ivp", "prioriteiten", "cijfers", stdout=na)
        self.assertEqual(voor.getvalue(), na.getvalue())

    def test_laad_brondata_overschrijft_nooit_wat_gebruikers_wijzigden(self):
        call_command("laad_brondata", stdout=io.StringIO())
        cijfer = Cijfer.objects.get(gebied__slug="soest", categorie__naam="autokraak", jaar=2018)
        cijfer.waarde = 999
        cijfer.save()
        uitvoer = io.StringIO()
        call_command("laad_brondata", stdout=uitvoer)
        self.assertIn("niet opnieuw geladen", uitvoer.getvalue())
        cijfer.refresh_from_db()
        self.assertEqual(cijfer.waarde, 999)
