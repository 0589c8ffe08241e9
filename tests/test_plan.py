"""Plan-, prioriteit-, speerpunt- en voortgangspagina's, geschiedenis, formulieren en queries."""

import datetime
import io

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from ivp.models import Gebied, Plan
from prioriteiten.models import (
    Doel,
    Indicator,
    LokaalSpeerpunt,
    Maatregel,
    Prioriteit,
    Voortgang,
)
from prioriteiten.voortgang import Stand
from tests import factories
from tests.gebruikers import maak_gebruikers

VANDAAG = timezone.localdate()


class PlanBronTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())
        cls.gebruikers = maak_gebruikers()
        cls.hic = Prioriteit.objects.get(plan__slug="2019-2022", slug="high-impact-crimes")

    def test_planpagina_met_vier_kaarten(self):
        for slug in ["2019-2022", "2023-2026"]:
            response = self.client.get(reverse("prioriteiten:plan", args=[slug]))
            self.assertEqual(response.status_code, 200)
            kaarten = response.context["kaarten"]
            self.assertEqual(len(kaarten), 4)
            for kaart in kaarten:
                self.assertContains(response, kaart["onderwerp"].get_absolute_url())
            self.assertContains(response, "niet vastgelegd")  # portefeuillehouder
        self.assertEqual(self.client.get("/plan/2030-2033/").status_code, 404)

    def test_aantallen_per_status_en_laatste_melding(self):
        maatregel = self.hic.maatregelen.first()
        Voortgang.objects.create(
            maatregel=maatregel,
            datum=datetime.date(2026, 2, 1),
            status=Maatregel.Status.VERTRAAGD,
            tekst="Loopt uit.",
        )
        response = self.client.get(reverse("prioriteiten:plan", args=["2019-2022"]))
        kaart = next(k for k in response.context["kaarten"] if k["onderwerp"] == self.hic)
        telling = {waarde: n for _, waarde, n in kaart["telling"]}
        self.assertEqual(telling["vertraagd"], 1)
        self.assertEqual(telling["geen_voortgang"], 9)
        self.assertEqual(kaart["laatste"], datetime.date(2026, 2, 1))
        self.assertEqual(kaart["stoplicht"].kleur, "rood")
        self.assertContains(response, "1 februari 2026")

    def test_plan_zonder_doelen_zegt_dat_en_wijst_de_weg(self):
        response = self.client.get(reverse("prioriteiten:plan", args=["2023-2026"]))
        self.assertTrue(response.context["zonder_doelen"])
        self.assertContains(response, "nog geen doelen en maatregelen ingevoerd")
        self.assertContains(response, reverse("login"))
        prioriteit = Prioriteit.objects.get(plan__slug="2023-2026", slug="digitale-veiligheid")
        self.client.force_login(self.gebruikers["adviseur_baarn"])
        response = self.client.get(prioriteit.get_absolute_url())
        self.assertContains(
            response,
            reverse("prioriteiten:onderdeel_nieuw", args=["doel", "prioriteit", prioriteit.pk]),
        )
        response = self.client.post(
            reverse("prioriteiten:onderdeel_nieuw", args=["doel", "prioriteit", prioriteit.pk]),
            {"tekst": "Meer inwoners kennen de risico's van online fraude."},
        )
        self.assertRedirects(response, prioriteit.get_absolute_url())
        self.assertEqual(
            prioriteit.doelen.get().tekst, "Meer inwoners kennen de risico's van online fraude."
        )

    def test_prioriteitpagina_met_doelen_maatregelen_en_gekoppelde_cijfers(self):
        response = self.client.get(self.hic.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(response.context["maatregelen"]), 10)
        self.assertEqual(len(response.context["doelen"]), 1)
        figuren = response.context["figuren"]
        categorieen = {r["categorie"].slug for r in figuren.rijen}
        self.assertEqual(categorieen, {"woninginbraken", "geweld-straatroof", "geweld-overval"})
        # Soest, woninginbraken 2015-2018 zoals in de bron.
        soest = next(
            r for r in figuren.rijen
            if r["gebied"].slug == "soest" and r["categorie"].slug == "woninginbraken"
        )  # fmt: skip
        self.assertEqual(figuren.jaren[-4:], [2015, 2016, 2017, 2018])
        self.assertEqual(len(soest["cellen"]), len(figuren.jaren))
        # Het basisteam heeft geen straatroof-rij in de bron: ontbreekt, nooit 0.
        basisteam = [
            r for r in figuren.rijen
            if r["gebied"].slug == "basisteam-bes" and r["categorie"].slug == "geweld-straatroof"
        ]  # fmt: skip
        self.assertEqual(basisteam, [])
        self.assertContains(response, 'data-figuur="gekoppeld-data"')
        self.assertContains(response, "plotly/plotly.min.js")

    def test_indicator_toont_stand_met_de_cijfers(self):
        doel = self.hic.doelen.first()
        Indicator.objects.create(
            doel=doel,
            categorie=factories.Categorie.objects.get(slug="woninginbraken"),
            gebied=factories.Gebied.objects.get(slug="baarn"),
            basisjaar=2017,
            richting=Indicator.Richting.DALING,
        )
        response = self.client.get(self.hic.get_absolute_url())
        stand = response.context["doelen"][0]["stand"]
        # Baarn woninginbraken: 138 in 2017, 188 in 2018 (bron, tabel Baarn).
        self.assertEqual(
            (stand.stand, stand.basis, stand.nieuwste), (Stand.NIET_OP_KOERS, 138, 188)
        )
        self.assertContains(response, "Niet op koers")
        self.assertContains(response, "2018: 188")

    def test_speerpuntenpagina_per_gemeente(self):
        response = self.client.get(reverse("prioriteiten:speerpunten", args=["2019-2022", "soest"]))
        titels = [i["speerpunt"].titel for i in response.context["items"]]
        self.assertEqual(len(titels), 2)
        self.assertContains(response, "Radicalisering")
        response = self.client.get(
            reverse("prioriteiten:speerpunten", args=["2019-2022", "de-bilt"])
        )
        self.assertContains(response, "De Bilt neemt formeel geen deel")
        self.assertEqual(
            self.client.get("/plan/2019-2022/speerpunten/basisteam-bes/").status_code, 404
        )

    def test_speerpunten_alleen_voor_eigen_gemeenten(self):
        """Een gemeente uit een landelijke import (referentiegebied) heeft geen speerpunten-
        pagina en staat niet bij "Andere gemeenten"."""
        Gebied.objects.create(
            naam="Amersfoort", slug="amersfoort", soort=Gebied.Soort.GEMEENTE, cbs_code="GM0307"
        )
        self.assertEqual(
            self.client.get("/plan/2019-2022/speerpunten/amersfoort/").status_code, 404
        )
        response = self.client.get("/plan/2019-2022/speerpunten/soest/")
        self.assertContains(response, "/plan/2019-2022/speerpunten/baarn/")
        self.assertNotContains(response, "Amersfoort")

    def test_voortgangsoverzicht_voor_de_raad(self):
        gemeld = self.hic.maatregelen.first()
        Voortgang.objects.create(
            maatregel=gemeld, datum=VANDAAG, status=Maatregel.Status.LOPEND, tekst="Gestart."
        )
        oud = self.hic.maatregelen.last()
        melding = Voortgang.objects.create(
            maatregel=oud,
            datum=datetime.date(VANDAAG.year - 1, 5, 1),
            status=Maatregel.Status.GEREED,
            tekst="Klaar.",
        )
        # Vorig jaar vastgelegd en sindsdien niet gewijzigd.
        moment = timezone.make_aware(datetime.datetime(VANDAAG.year - 1, 5, 2, 12))
        Voortgang.objects.filter(pk=melding.pk).update(aangemaakt=moment, gewijzigd=moment)
        response = self.client.get(reverse("prioriteiten:voortgang") + "?plan=2019-2022")
        overzicht = response.context["overzicht"]
        zonder = overzicht.zonder
        totaal = Maatregel.objects.filter(prioriteit__plan__slug="2019-2022").count()
        totaal += Maatregel.objects.filter(speerpunt__plan__slug="2019-2022").count()
        self.assertEqual(overzicht.aantal_maatregelen, totaal)
        self.assertNotIn(gemeld, zonder)
        self.assertIn(oud, zonder)  # alleen een melding van vorig jaar
        self.assertEqual(len(zonder), totaal - 1)
        self.assertContains(response, f"{totaal - 1} van de {totaal} maatregelen")
        self.assertEqual(len(overzicht.gemeenten), 4)
        # Wat veranderde sinds een gekozen datum.
        recent = overzicht.recent
        self.assertEqual([v.maatregel for v in recent], [gemeld])
        sinds = f"{VANDAAG.year - 1}-01-01"
        response = self.client.get(
            reverse("prioriteiten:voortgang") + f"?plan=2019-2022&sinds={sinds}"
        )
        self.assertEqual({v.maatregel for v in response.context["overzicht"].recent}, {gemeld, oud})

    def test_voortgang_huidig_plan_zonder_maatregelen_en_foute_datum(self):
        response = self.client.get(reverse("prioriteiten:voortgang") + "?sinds=31-02-2026")
        self.assertEqual(response.context["plan"].slug, "2023-2026")
        self.assertContains(response, "nog geen maatregelen ingevoerd")
        self.assertContains(response, "Voer een geldige datum in.")
        self.assertContains(response, 'value="31-02-2026"')

    def test_formulier_fouten_in_het_nederlands_en_invoer_blijft(self):
        self.client.force_login(self.gebruikers["adviseur_baarn"])
        url = reverse(
            "prioriteiten:voortgang_nieuw", args=["maatregel", self.hic.maatregelen.first().pk]
        )
        morgen = (VANDAAG + datetime.timedelta(days=1)).isoformat()
        response = self.client.post(
            url, {"datum": morgen, "status": "", "tekst": "Mijn tekst hier"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "De datum ligt in de toekomst")
        self.assertContains(response, "Dit veld is verplicht.")
        self.assertContains(response, "Mijn tekst hier")
        self.assertContains(response, f'value="{morgen}"')
        self.assertContains(response, 'aria-describedby="fout-status"')
        response = self.client.post(url, {"datum": "gisteren", "status": "lopend", "tekst": "kort"})
        self.assertContains(response, "Voer een geldige datum in.")
        self.assertContains(response, "ten minste 10 tekens")
        self.assertEqual(Voortgang.objects.count(), 0)

    def test_melding_zet_status_en_verschijnt_op_de_prioriteitpagina(self):
        self.client.force_login(self.gebruikers["adviseur_baarn"])
        maatregel = self.hic.maatregelen.first()
        url = reverse("prioriteiten:voortgang_nieuw", args=["maatregel", maatregel.pk])
        response = self.client.post(
            url,
            {
                "datum": VANDAAG.isoformat(),
                "status": "lopend",
                "tekst": "Mobeye-systemen aangeschaft.",
            },
        )
        self.assertRedirects(response, self.hic.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual(Maatregel.objects.met_status().get(pk=maatregel.pk).status, "lopend")
        melding = maatregel.voortgang.get()
        self.assertEqual(melding.auteur, self.gebruikers["adviseur_baarn"])
        response = self.client.get(self.hic.get_absolute_url())
        self.assertContains(response, "Mobeye-systemen aangeschaft.")
        self.assertContains(response, "De voortgangsmelding is opgeslagen.")

    def test_status_volgt_ook_na_verwijderen_en_bulkschrijven(self):
        maatregel = self.hic.maatregelen.get(volgorde=1)
        Status = Maatregel.Status

        def getoond():
            response = self.client.get(self.hic.get_absolute_url())
            rij = next(
                r for r in response.context["maatregelen"] if r["maatregel"].pk == maatregel.pk
            )
            self.assertContains(response, rij["maatregel"].get_status_display())
            plan = self.client.get(reverse("prioriteiten:plan", args=["2019-2022"]))
            kaart = next(k for k in plan.context["kaarten"] if k["onderwerp"] == self.hic)
            telling = {waarde: n for _, waarde, n in kaart["telling"]}
            self.assertGreaterEqual(telling[rij["maatregel"].status], 1)  # ook de planpagina
            return rij["maatregel"].status

        def melding(datum, status):
            return Voortgang(maatregel=maatregel, datum=datum, status=status, tekst="Synthetisch.")

        melding(datetime.date(2025, 1, 1), Status.LOPEND).save()
        nieuwste = melding(datetime.date(2025, 6, 1), Status.VERTRAAGD)
        nieuwste.save()
        self.assertEqual(getoond(), Status.VERTRAAGD)
        nieuwste.delete()  # de nieuwste melding verwijderd: de vorige geldt weer
        self.assertEqual(getoond(), Status.LOPEND)
        Voortgang.objects.bulk_create([melding(datetime.date(2025, 7, 1), Status.GEREED)])
        self.assertEqual(getoond(), Status.GEREED)
        gereed = Voortgang.objects.get(status=Status.GEREED)
        gereed.status = Status.GESTOPT
        Voortgang.objects.bulk_update([gereed], ["status"])
        self.assertEqual(getoond(), Status.GESTOPT)
        Voortgang.objects.filter(maatregel=maatregel).update(status=Status.GEPLAND)
        self.assertEqual(getoond(), Status.GEPLAND)
        Voortgang.objects.filter(maatregel=maatregel).delete()
        self.assertEqual(getoond(), Status.GEEN_VOORTGANG)

    def test_niets_wordt_stil_overschreven(self):
        melding = Voortgang.objects.create(
            maatregel=self.hic.maatregelen.first(),
            status=Maatregel.Status.LOPEND,
            tekst="Versie van Soest.",
        )
        url = reverse("prioriteiten:voortgang_bewerken", args=[melding.pk])
        self.client.force_login(self.gebruikers["adviseur_baarn"])
        oude_versie = melding.gewijzigd.isoformat()
        # Intussen wijzigt de voorzitter de melding.
        melding.tekst = "Versie van de voorzitter."
        melding.save()
        response = self.client.post(
            url,
            {
                "datum": VANDAAG.isoformat(),
                "status": "gereed",
                "tekst": "Versie van Baarn, later.",
                "versie": oude_versie,
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Iemand anders heeft deze melding intussen gewijzigd")
        self.assertContains(response, "Versie van Baarn, later.")
        melding.refresh_from_db()
        self.assertEqual(melding.tekst, "Versie van de voorzitter.")

    def test_elke_wijziging_staat_in_de_geschiedenis(self):
        self.client.force_login(self.gebruikers["adviseur_soest"])
        maatregel = Maatregel.objects.filter(speerpunt__gebied__slug="soest").first()
        url = reverse("prioriteiten:voortgang_nieuw", args=["maatregel", maatregel.pk])
        self.client.post(
            url,
            {"datum": VANDAAG.isoformat(), "status": "gepland", "tekst": "Plan van aanpak klaar."},
        )
        melding = maatregel.voortgang.get()
        self.client.force_login(self.gebruikers["voorzitter"])
        self.client.post(
            reverse("prioriteiten:voortgang_bewerken", args=[melding.pk]),
            {
                "datum": VANDAAG.isoformat(),
                "status": "lopend",
                "tekst": "Plan van aanpak in uitvoering.",
                "versie": melding.gewijzigd.isoformat(),
            },
        )
        self.client.logout()
        response = self.client.get(reverse("geschiedenis", args=["voortgang", melding.pk]))
        regels = response.context["regels"]
        self.assertEqual([r["soort"] for r in regels], ["gewijzigd", "aangemaakt"])
        self.assertEqual(regels[0]["versie"].history_user, self.gebruikers["voorzitter"])
        self.assertEqual(regels[1]["versie"].history_user, self.gebruikers["adviseur_soest"])
        velden = {w["veld"]: (w["oud"], w["nieuw"]) for w in regels[0]["wijzigingen"]}
        self.assertEqual(velden["status"], ("Gepland", "Lopend"))
        self.assertEqual(
            velden["toelichting"], ("Plan van aanpak klaar.", "Plan van aanpak in uitvoering.")
        )
        # De status van de maatregel volgt uit zijn meldingen (hun geschiedenis staat hierboven);
        # de maatregel zelf is niet gewijzigd: alleen de versie uit de brongegevens.
        response = self.client.get(reverse("geschiedenis", args=["maatregel", maatregel.pk]))
        self.assertEqual([r["soort"] for r in response.context["regels"]], ["aangemaakt"])
        self.assertEqual(
            response.context["regels"][-1]["versie"].history_change_reason,
            "brongegevens geladen (fixtures/)",
        )
        self.assertEqual(Maatregel.objects.met_status().get(pk=maatregel.pk).status, "lopend")
        for soort in ["prioriteit", "speerpunt", "doel", "cijfer"]:
            self.assertEqual(
                self.client.get(reverse("geschiedenis", args=[soort, 1])).status_code, 200
            )
        self.assertEqual(self.client.get("/geschiedenis/gebruiker/1/").status_code, 404)
        self.assertEqual(self.client.get("/geschiedenis/doel/999999/").status_code, 404)


def maak_plan(prioriteiten, maatregelen, gemeenten, categorieen, jaren):
    """Een synthetisch plan van de gevraagde omvang, met meldingen, speerpunten en cijfers."""
    plan = Plan.objects.create(
        naam="Synthetisch plan",
        slug="synthetisch",
        begin_jaar=2000,
        eind_jaar=2099,
        bron="synthetisch",
    )
    geb, cats = factories.dataset(gebieden=gemeenten, categorieen=categorieen, jaren=jaren)
    plan.deelnemers.set(geb)
    for p in range(prioriteiten):
        prio = Prioriteit.objects.create(
            plan=plan,
            volgorde=p + 1,
            naam=f"Synthetische prioriteit {p}",
            slug=f"p{p}",
            omschrijving="synthetisch",
        )
        prio.categorieen.set(cats)
        doel = Doel.objects.create(prioriteit=prio, volgorde=1, tekst="Synthetisch doel")
        Indicator.objects.create(doel=doel, categorie=cats[0], gebied=geb[0], basisjaar=2000)
        for m in range(maatregelen):
            maatregel = Maatregel.objects.create(
                prioriteit=prio, volgorde=m, tekst=f"Maatregel {m}"
            )
            Voortgang.objects.create(
                maatregel=maatregel, status=Maatregel.Status.LOPEND, tekst="synthetisch"
            )
    for g in geb:
        for s in range(2):
            speerpunt = LokaalSpeerpunt.objects.create(
                plan=plan,
                gebied=g,
                volgorde=s,
                titel=f"Speerpunt {s}",
                slug=f"s{s}",
                toelichting="synthetisch",
            )
            lokaal_doel = Doel.objects.create(
                speerpunt=speerpunt, volgorde=1, tekst="Synthetisch doel"
            )
            Indicator.objects.create(doel=lokaal_doel, categorie=cats[-1], gebied=g, basisjaar=2000)
            for m in range(maatregelen):
                maatregel = Maatregel.objects.create(
                    speerpunt=speerpunt, volgorde=m, tekst=f"Lokaal {m}"
                )
                Voortgang.objects.create(
                    maatregel=maatregel, status=Maatregel.Status.GEPLAND, tekst="synthetisch"
                )
            Voortgang.objects.create(
                speerpunt=speerpunt, status=Maatregel.Status.GEPLAND, tekst="synthetisch"
            )
    return plan, geb


class QueryTest(TestCase):
    """Elke pagina een vast aantal queries (exact), bij een klein en bij een groot plan: het
    aantal groeit niet met prioriteiten, maatregelen, gemeenten, categorieën of jaren.
    Anoniem, dus zonder sessie- en gebruikersquery."""

    OMVANGEN = [
        {"prioriteiten": 2, "maatregelen": 2, "gemeenten": 2, "categorieen": 2, "jaren": 2},
        {"prioriteiten": 6, "maatregelen": 8, "gemeenten": 5, "categorieen": 6, "jaren": 6},
    ]

    def assertQueries(self, aantal, url_bij, warm=None):
        """GET op url_bij(plan, gebieden) kost precies `aantal` queries, bij elke omvang; met
        `warm` kost een tweede GET (dezelfde gegevensversie: onderdelen uit de cache) er
        precies zoveel en geeft hij dezelfde pagina."""
        for omvang in self.OMVANGEN:
            with self.subTest(**omvang):
                Plan.objects.all().delete()
                plan, gebieden = maak_plan(**omvang)
                url = url_bij(plan, gebieden)
                with self.assertNumQueries(aantal):
                    koud = self.client.get(url)
                self.assertEqual(koud.status_code, 200, url)
                if warm is not None:
                    with self.assertNumQueries(warm):
                        self.assertEqual(self.client.get(url).content, koud.content)

    def test_planpagina(self):
        # 1 plan, 2 prioriteiten (+ laatste meldingsdatum, aantal doelen), 3 hun maatregelen
        # (+ status uit de nieuwste melding), 4 speerpunten (+ gemeente, laatste datums),
        # 5 hun maatregelen (+ status), 6 de plannen voor "andere plannen", 7 de paragrafen
        # van het plan ("Over dit plan", issue 15 punt 3)
        self.assertQueries(7, lambda plan, _: reverse("prioriteiten:plan", args=[plan.slug]))

    def test_prioriteitpagina(self):
        # 1 prioriteit (+ plan), 2 doelen (+ indicator, categorie, gebied), 3 de mijlpalen
        # van hun indicatoren, 4 hun meldingen (+ auteur), 5 maatregelen (+ status), 6 hun
        # meldingen (+ auteur), 7 gekoppelde categorieën, 8 de cijfers van alle indicatoren,
        # 9 de gegevensversie (de gekoppelde figuren per versie in de cache), 10 gebieden van
        # de gekoppelde figuren, 11 de gekoppelde cijfers. Warm: 1-9, de figuren uit de cache.
        self.assertQueries(
            11,
            lambda plan, _: reverse("prioriteiten:prioriteit", args=[plan.slug, "p0"]),
            warm=9,
        )

    def test_speerpuntenpagina(self):
        # 1 plan, 2 gemeente, 3 speerpunten, 4 doelen (+ indicator), 5 de mijlpalen van hun
        # indicatoren, 6 hun meldingen, 7 maatregelen (+ status), 8 hun meldingen,
        # 9 meldingen bij de speerpunten zelf, 10 de cijfers van alle indicatoren (alle
        # speerpunten samen), 11 de gemeenten voor "andere gemeenten", 12 de analyse van de
        # gemeente (hoofdstuk 8, met plan en gemeente)
        self.assertQueries(
            12,
            lambda plan, gebieden: reverse(
                "prioriteiten:speerpunten", args=[plan.slug, gebieden[0].slug]
            ),
        )

    def test_voortgangsoverzicht(self):
        # 1 plannen, 2 de gegevensversie (het overzicht per versie, plan en datum in de
        # cache), 3 maatregelen van het plan (+ status, prioriteit, speerpunt, gemeente), 4 hun
        # meldingen (+ auteur), 5 prioriteiten, 6 de toelichtingen bij de cijfers sinds
        # ?sinds= (issue 17; + gebied, categorie, auteur), 7 recente meldingen (+ onderwerp,
        # auteur). Warm: 1 en 2.
        self.assertQueries(
            7,
            lambda plan, _: (
                reverse("prioriteiten:voortgang") + f"?plan={plan.slug}&sinds=2000-01-01"
            ),
            warm=2,
        )

    def test_geschiedenis_van_een_cel(self):
        # 1 gebied, 2 categorie, 3 de cijfers van de cel (+ gebied, bron), 4 hun versies
        # (+ gebruiker, bron). Een basisteam zonder eigen cijfer: +2 (leden, hun cijfers); een
        # gewijzigde bron: +1 (de namen van de bronnen).
        def url(plan, gebieden):
            from cijfers.models import Cijfer

            cijfer = Cijfer.objects.filter(gebied=gebieden[0]).first()
            return reverse(
                "geschiedenis_cijfer", args=[cijfer.gebied_id, cijfer.categorie_id, cijfer.jaar]
            )

        self.assertQueries(4, url)

    def test_geschiedenis_van_een_maatregel(self):
        # 1 versies (+ gebruiker), 2 de maatregel zelf (+ prioriteit of speerpunt, plan en
        # gemeente voor de link terug)
        for waar in [{"prioriteit__isnull": False}, {"speerpunt__isnull": False}]:
            with self.subTest(**waar):
                self.assertQueries(
                    2,
                    lambda plan, _, waar=waar: reverse(
                        "geschiedenis",
                        args=["maatregel", Maatregel.objects.filter(**waar).first().pk],
                    ),
                )
