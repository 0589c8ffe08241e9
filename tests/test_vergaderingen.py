"""Vergaderingen plannen en het vergaderstuk: inhoud op de datum, openbaar, XLSX en PDF."""

import datetime
import io
import os
import re
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from unittest import mock

import openpyxl
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone, translation

from cijfers import trends
from cijfers.models import Bron, Categorie, Cijfer
from ivp.models import Gebied, Overleg, Plan
from prioriteiten.models import Doel, Indicator, LokaalSpeerpunt, Maatregel, Prioriteit, Voortgang
from tests import factories
from tests.gebruikers import maak_gebruikers
from vergaderingen.models import Agendapunt, Vergadering
from vergaderingen.stuk import Opvallend, Wijziging, maak_stuk, opvallende_veranderingen

Status = Maatregel.Status
SCHERMAFDRUKKEN = Path(__file__).resolve().parent.parent / "screenshots"


def moment(jaar, maand, dag):
    return timezone.make_aware(datetime.datetime(jaar, maand, dag, 12))


def melding(tijdstip, **velden):
    """Een melding die op `tijdstip` is vastgelegd (niet vandaag), ook in de geschiedenis."""
    velden.setdefault("status", Status.LOPEND)
    velden.setdefault("datum", tijdstip.date())
    m = Voortgang(**velden)
    m._history_date = tijdstip
    m.save()
    Voortgang.objects.filter(pk=m.pk).update(aangemaakt=tijdstip, gewijzigd=tijdstip)
    return m


def cijfer_op(tijdstip, **velden):
    """Een cijfer zoals een import het op `tijdstip` vastlegde (met geschiedenis)."""
    c = Cijfer(**velden)
    c._history_date = tijdstip
    c._change_reason = "import: politie-open-data-test.csv (synthetisch)"
    c.save()
    return c


def wijzig_op(tijdstip, cijfer, reden="import: correctie-test.csv (synthetisch)", **velden):
    """Het cijfer zoals een (latere) import het op `tijdstip` wijzigde (met geschiedenis)."""
    for veld, waarde in velden.items():
        setattr(cijfer, veld, waarde)
    cijfer._history_date = tijdstip
    cijfer._change_reason = reden
    cijfer.save()
    return cijfer


class VergaderingenPlannenTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())
        cls.gebruikers = maak_gebruikers()
        cls.avo = Overleg.objects.get(slug="avo-bes")

    def gegevens(self, **velden):
        gegevens = {
            "overleg": self.avo.pk,
            "datum": "2027-02-10",
            "aanvang": "09:30",
            "locatie": "Gemeentehuis Soest",
            "interne_notities": "",
            "agenda-TOTAL_FORMS": "2",
            "agenda-INITIAL_FORMS": "0",
            "agenda-MIN_NUM_FORMS": "0",
            "agenda-MAX_NUM_FORMS": "1000",
            "agenda-0-volgorde": "1",
            "agenda-0-titel": "Voortgang IVP",
            "agenda-0-toelichting": "",
            "agenda-1-volgorde": "0",
            "agenda-1-titel": "",
            "agenda-1-toelichting": "",
        }
        gegevens.update(velden)
        return gegevens

    def test_lege_lijst_zegt_hoe_de_eerste_te_plannen(self):
        response = self.client.get(reverse("vergaderingen"))
        self.assertContains(response, "Er zijn nog geen vergaderingen gepland.")
        self.assertContains(response, reverse("login"))
        self.client.force_login(self.gebruikers["adviseur_baarn"])
        response = self.client.get(reverse("vergaderingen"))
        self.assertContains(response, reverse("vergadering_nieuw"))
        self.assertContains(self.client.get(reverse("home")), "Er is geen vergadering gepland.")

    def test_rechten_op_plannen(self):
        url = reverse("vergadering_nieuw")
        response = self.client.post(url, self.gegevens())
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("login")))
        self.client.force_login(self.gebruikers["raadslid"])
        self.assertEqual(self.client.get(url).status_code, 403)
        self.assertEqual(self.client.post(url, self.gegevens()).status_code, 403)
        self.assertEqual(Vergadering.objects.count(), 0)
        for rol, datum in [("adviseur_soest", "2027-02-10"), ("voorzitter", "2027-05-12")]:
            self.client.force_login(self.gebruikers[rol])
            response = self.client.post(url, self.gegevens(datum=datum))
            vergadering = Vergadering.objects.get(datum=datum)
            self.assertRedirects(response, vergadering.get_absolute_url())
            self.assertEqual(vergadering.aangemaakt_door, self.gebruikers[rol])
            self.assertEqual([p.titel for p in vergadering.agendapunten.all()], ["Voortgang IVP"])
        # Bewerken: dezelfde regel.
        self.client.force_login(self.gebruikers["raadslid"])
        bewerk = reverse("vergadering_bewerken", args=[vergadering.pk])
        self.assertEqual(self.client.post(bewerk, self.gegevens()).status_code, 403)
        # De volgende vergadering staat op de startpagina.
        response = self.client.get(reverse("home"))
        self.assertContains(response, "woensdag 10 februari 2027")

    def test_foute_invoer_in_het_nederlands_en_niets_verloren(self):
        self.client.force_login(self.gebruikers["adviseur_baarn"])
        url = reverse("vergadering_nieuw")
        response = self.client.post(url, self.gegevens(datum="31-02-2027"))
        self.assertContains(response, "Voer een geldige datum in.")
        self.assertContains(response, 'value="Gemeentehuis Soest"')
        self.assertContains(response, 'value="Voortgang IVP"')
        self.client.post(url, self.gegevens())
        response = self.client.post(url, self.gegevens(locatie="Baarn"))
        self.assertContains(response, "Er is al een vergadering van dit overleg op deze datum.")
        self.assertEqual(Vergadering.objects.count(), 1)


class VergaderstukTest(TestCase):
    """Drie vergaderingen van het AVO BES in 2021 (plan 2019-2022), met meldingen, statussen en
    geïmporteerde cijfers vóór, tussen en na de vergaderingen (allemaal gemaakt voor de test)."""

    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())
        cls.gebruikers = maak_gebruikers()
        avo = Overleg.objects.get(slug="avo-bes")
        cls.m1 = Vergadering.objects.create(overleg=avo, datum=datetime.date(2021, 3, 1))
        cls.m2 = Vergadering.objects.create(
            overleg=avo,
            datum=datetime.date(2021, 6, 1),
            interne_notities="Vertrouwelijk: personele bezetting BOA's.",
        )
        cls.m3 = Vergadering.objects.create(overleg=avo, datum=datetime.date(2021, 9, 1))
        Agendapunt.objects.create(
            vergadering=cls.m2, volgorde=1, titel="Capaciteit HIC-aanpak", voor_driehoek=True,
            toelichting="Voorstel aan de Driehoek BES.",
        )  # fmt: skip
        Agendapunt.objects.create(
            vergadering=cls.m2, volgorde=2, titel="Interne bespreking formatie", intern=True
        )
        hic = Prioriteit.objects.get(plan__slug="2019-2022", slug="high-impact-crimes")
        cls.x = hic.maatregelen.get(volgorde=1)
        # De status van maatregel X volgt uit zijn meldingen: lopend sinds april (B), vertraagd
        # sinds juli (C, over mei). A hoort bij het doel en raakt geen maatregel.
        cls.a = melding(moment(2021, 2, 15), doel=hic.doelen.get(), tekst="A: voor de eerste.")
        cls.b = melding(moment(2021, 4, 10), maatregel=cls.x, tekst="B: tussen 1 en 2.")
        cls.c = melding(
            moment(2021, 7, 1), maatregel=cls.x, datum=datetime.date(2021, 5, 20),
            status=Status.VERTRAAGD, tekst="C: over mei, pas in juli vastgelegd.",
        )  # fmt: skip
        soest = LokaalSpeerpunt.objects.filter(gebied__slug="soest").first()
        cls.s = melding(moment(2021, 5, 5), speerpunt=soest, tekst="S: Soest, tussen 1 en 2.")
        baarn = Gebied.objects.get(slug="baarn")
        woning = Categorie.objects.get(slug="woninginbraken")
        bron = Bron.objects.create(titel="Synthetische import (test)", document="synthetisch")
        cijfer_op(moment(2021, 5, 1), gebied=baarn, categorie=woning, jaar=2019, periode="2019",
                  waarde=150, bron=bron)  # fmt: skip
        cijfer_op(moment(2021, 7, 1), gebied=baarn, categorie=Categorie.objects.get(slug="autokraak"),
                  jaar=2019, periode="2019", waarde=40, bron=bron)  # fmt: skip
        # Later gecorrigeerd: het stuk van juni toont de stand van toen (188).
        oud = Cijfer.objects.get(gebied=baarn, categorie=woning, periode="2018")
        oud.waarde = 190
        oud._history_date = moment(2021, 8, 1)
        oud.save()

    def test_meldingen_sinds_de_vorige_vergadering(self):
        def meldingen(vergadering):
            stuk = maak_stuk(vergadering)
            hic = next(p for p in stuk.prioriteiten if p.prioriteit.slug == "high-impact-crimes")
            return [m.tekst[0] for m in hic.meldingen]

        self.assertEqual(meldingen(self.m1), ["A"])  # geen vorige: de drie maanden ervoor
        self.assertEqual(meldingen(self.m2), ["B"])
        self.assertEqual(meldingen(self.m3), ["C"])  # vastgelegd na de tweede vergadering

    def test_status_van_de_maatregelen_zoals_toen(self):
        def telling(vergadering):
            stuk = maak_stuk(vergadering)
            hic = next(p for p in stuk.prioriteiten if p.prioriteit.slug == "high-impact-crimes")
            return {w: n for _, w, n in hic.telling if n}, hic.stoplicht.kleur

        self.assertEqual(telling(self.m1), ({Status.GEEN_VOORTGANG: 10}, "grijs"))
        self.assertEqual(telling(self.m2), ({Status.GEEN_VOORTGANG: 9, Status.LOPEND: 1}, "grijs"))
        self.assertEqual(
            telling(self.m3), ({Status.GEEN_VOORTGANG: 9, Status.VERTRAAGD: 1}, "rood")
        )

    def test_opvallende_veranderingen_en_nieuwe_cijfers_zoals_toen(self):
        stuk = maak_stuk(self.m2)
        baarn = next(g for g in stuk.gemeenten if g.gebied.slug == "baarn")
        # Nieuwste volledige jaar per categorie (issue 14): in juni 2021 heeft Baarn alleen van
        # woninginbraken een 2019 (188 → 150); de andere categorieën blijven 2018 t.o.v. 2017
        # vergelijken (de bron), in plaats van uit het stuk te verdwijnen.
        self.assertEqual(
            [(o.categorie.slug, o.vorig_jaar, o.jaar, o.oud, o.nieuw, o.procent)
             for o in baarn.opvallend],
            [("woninginbraken", 2018, 2019, 188, 150, -20),
             ("woninginbraak-pogingen", 2017, 2018, 64, 95, 48),
             ("geweld-zeden", 2017, 2018, 7, 17, 143),
             ("geweld-bedreiging", 2017, 2018, 19, 34, 79),
             ("vernielingen", 2017, 2018, 161, 95, -41),
             ("meldingen-jongerenoverlast", 2017, 2018, 167, 117, -30)],
        )  # fmt: skip
        self.assertEqual(
            [(c.gebied.slug, c.categorie.slug, c.periode, c.waarde) for c in stuk.geimporteerd],
            [("baarn", "woninginbraken", "2019", 150)],
        )
        self.assertIn("import", stuk.geimporteerd[0].reden)
        self.assertEqual(
            [(r.gebied_naam, r.toegevoegd, r.gewijzigd, r.van) for r in stuk.nieuwe_cijfers],
            [("Baarn", 1, 0, "2019")],
        )
        self.assertTrue(stuk.details_in_stuk)
        # Soest (alleen bron, 2017 → 2018): een verandering die toeval kan zijn telt niet mee.
        soest = next(g for g in stuk.gemeenten if g.gebied.slug == "soest")
        for o in soest.opvallend:
            self.assertGreaterEqual(abs(o.nieuw - o.oud) / (o.nieuw + o.oud) ** 0.5, 2)
            self.assertGreaterEqual(abs(o.procent), 10)
        stuk = maak_stuk(self.m3)
        baarn = next(g for g in stuk.gemeenten if g.gebied.slug == "baarn")
        self.assertLessEqual(
            {("woninginbraken", 190, 150), ("autokraak", 88, 40)},
            {(o.categorie.slug, o.oud, o.nieuw) for o in baarn.opvallend},
        )
        self.assertEqual(
            {o.categorie.slug for o in baarn.opvallend if o.jaar == 2019},
            {"woninginbraken", "autokraak"},
        )
        self.assertEqual(
            {(c.categorie.slug, c.periode, c.waarde) for c in stuk.geimporteerd},
            {("autokraak", "2019", 40), ("woninginbraken", "2018", 190)},
        )

    def test_oude_veranderingen_zegt_het_stuk_erbij(self):
        # Proefgebruiker 30-11-2026 (2), punt 13: veranderingen van 2018 stonden zonder meer
        # als "opvallend" in een stuk van december 2026. Een stuk van juni 2021 (m2): de
        # nieuwste vergeleken periode van Baarn eindigt in 2019 (woninginbraken) of 2018, die
        # van Soest in 2018; alle meer dan een jaar voor 1-6-2021, dus elke rij is oud en de
        # zin noemt het aantal en de jaren. (Tot de proefgebruiker van 30-11-2026 (3), punt 1,
        # zei de zin "de nieuwste van deze cijfers zijn van 2019" per gemeente, ook als maar een
        # deel van de rijen oud was; zie VergaderstukOudEnVoorlopigTest.)
        stuk = maak_stuk(self.m2)
        standdag = stuk.stand_op(datetime.date(2026, 11, 30))
        self.assertEqual(standdag.datum, datetime.date(2021, 6, 1))
        per_gebied = {g.gebied.slug: g for g in stuk.gemeenten_op(standdag)}
        baarn, soest = per_gebied["baarn"], per_gebied["soest"]
        self.assertEqual([rij.oud for rij in baarn.rijen], [True] * 6)
        self.assertTrue(soest.rijen and all(rij.oud for rij in soest.rijen))
        html = self.client.get(reverse("vergaderstuk_openbaar", args=[self.m2.pk])).content.decode()
        self.assertIn(
            "Let op: alle 6 veranderingen hieronder gaan over 2018 en 2019, meer dan een jaar "
            "voor 1-6-2021 (in de tabel: oud); van die categorieën staan nog geen nieuwere "
            "cijfers in het dashboard. Die veranderingen zijn dus geen nieuws van het afgelopen "
            "jaar.",
            html,
        )
        n = len(soest.rijen)
        self.assertIn(
            f"Let op: alle {n} veranderingen hieronder gaan over 2018, meer dan een jaar voor "
            "1-6-2021 (in de tabel: oud);",
            html,
        )
        self.assertEqual(html.count('class="oud-nieuws"'), len(per_gebied))
        # Elke rij met "oud†" in de cel (voor schermlezers de uitleg erbij), en onder elke
        # tabel de voetnoot.
        papier = afgedrukte_tekst(html)
        self.assertEqual(papier.count(" oud† "), sum(len(g.rijen) for g in per_gebied.values()))
        self.assertEqual(
            papier.count(
                "† = oud: de nieuwste periode eindigt meer dan een jaar voor 1-6-2021; nog geen "
                "nieuwere cijfers van deze categorie in het dashboard."
            ),
            len(per_gebied),
        )
        self.assertEqual(
            html.count(
                '<span class="visually-hidden"> (oud: nog geen nieuwere cijfers van deze '
                "categorie in het dashboard)</span>"
            ),
            sum(len(g.rijen) for g in per_gebied.values()),
        )
        self.assertIn(">Vergeleken met</th>", html)
        self.assertNotIn("Vorig jaar", html)

    def test_jaren_zonder_duizendtalscheiding(self):
        # Proefgebruiker 30-11-2026, punt 1: "64 (2.017) → 95 (2.018)". Een jaar is geen
        # aantal: nergens in het stuk (HTML, dus ook de PDF) een jaar als "2.018".
        html = self.client.get(reverse("vergaderstuk_openbaar", args=[self.m2.pk])).content.decode()
        papier = afgedrukte_tekst(html)  # het aantal staat in een eigen (niet-brekend) vak
        self.assertIn("188 (2018)", papier)  # Baarn, woninginbraken: vorig jaar
        self.assertIn("150 (2019)", papier)  # en het nieuwste jaar
        self.assertNotRegex(html, r"\(\d\.\d{3}\)")  # geen "(2.017)"

    def test_regel_van_opvallend_beweert_niet_te_veel(self):
        # Proefgebruiker 30-11-2026 (4), punt 1: "is niet door toeval te verklaren" klopt niet
        # met ~100 vergelijkingen in een stuk (een paar halen de grens toch door toeval). De
        # regel zelf blijft die van de bron (cijfers/trends.py): ≥ 10% en index ≥ 2.
        html = self.client.get(reverse("vergaderstuk_openbaar", args=[self.m2.pk])).content.decode()
        papier = afgedrukte_tekst(html)  # ook de PDF (die drukt deze HTML af)
        self.assertIn(
            "wijkt 10% of meer af van dezelfde periode een jaar eerder, en dat verschil is groter "
            "dan toeval waarschijnlijk maakt (|A − B| / √(A + B) ≥ 2; bij zoveel vergelijkingen "
            "kan een enkele toch toeval zijn).",
            papier,
        )
        self.assertNotIn("niet door toeval te verklaren", html)

    def test_op_papier_geen_halve_zin_over_wat_er_sindsdien_bijkwam(self):
        # Proefgebruiker, punt 9: de link was op papier weg, de zin niet ("bijkwam: .").
        html = self.client.get(reverse("vergaderstuk_openbaar", args=[self.m2.pk])).content.decode()
        self.assertIn("Wat er sindsdien tot vandaag bijkwam", html)  # op het scherm
        papier = afgedrukte_tekst(html)
        self.assertNotIn("bijkwam", papier)
        self.assertNotIn("voortgang en toelichtingen bij de cijfers sinds", papier)
        self.assertIn("Alle cijfers en statussen zoals ze op 1 juni 2021 stonden.", papier)

    def test_stuk_voor_een_vergadering_die_nog_moet_komen_is_voorlopig(self):
        # Proefgebruiker, punt 9: een stuk voor 10 december, gemaakt op 30 november, zei "zoals
        # ze op 10 december 2026 stonden". Het noemt nu de dag waarop het is gemaakt.
        vandaag = timezone.localdate()
        later = Vergadering.objects.create(
            overleg=self.m1.overleg, datum=vandaag + datetime.timedelta(days=10)
        )
        with translation.override("nl"):
            dag, vergaderdag = (formats.date_format(d, "j F Y") for d in (vandaag, later.datum))
            kort = formats.date_format(vandaag, "j-n-Y")
        html = self.client.get(reverse("vergaderstuk_openbaar", args=[later.pk])).content.decode()
        papier = afgedrukte_tekst(html)
        self.assertNotIn(f"zoals ze op {vergaderdag} stonden", papier)
        self.assertIn(f"zoals ze vandaag, {dag}, de dag waarop dit stuk is gemaakt, staan", papier)
        self.assertIn(f"Definitief is het stuk op de vergaderdag, {vergaderdag}", papier)
        self.assertIn(f"Maatregelen op {kort}", papier)  # de stand, niet de vergaderdag
        self.assertIn(f" · openbaar · voorlopig, stand {kort}", html)  # kop van elke pagina
        self.assertNotIn("sindsdien", html)
        # Zo ook de vergaderpagina die naar het stuk wijst.
        pagina = self.client.get(later.get_absolute_url())
        self.assertNotContains(pagina, f"zoals ze op {vergaderdag} stonden")
        self.assertContains(pagina, "Tot de vergaderdag voorlopig")
        self.assertContains(pagina, f"(vandaag {dag}); definitief op {vergaderdag}")
        # Een vergadering van vandaag (of eerder) is niet voorlopig.
        self.assertNotIn("Voorlopige versie", afgedrukte_tekst(
            self.client.get(reverse("vergaderstuk_openbaar", args=[self.m2.pk])).content.decode()
        ))  # fmt: skip

    def test_elk_nieuw_cijfer_een_keer_met_was_en_wordt(self):
        # Proefgebruiker, punt 6: Baarn 2024 stond drie keer in "De afzonderlijke cijfers"
        # (41, 33, 38), alsof elke waarde gold. Nu één rij per cijfer met zijn stand op de
        # vergaderdag en, als het er al was, "was → wordt" (was: de stand bij de vorige
        # vergadering). Alles synthetisch, in de periode van m3 (na 1 juni t/m 1 september).
        baarn, soest = Gebied.objects.get(slug="baarn"), Gebied.objects.get(slug="soest")
        woning = Categorie.objects.get(slug="woninginbraken")
        bron = Bron.objects.get(titel="Synthetische import (test)")
        baarn_2019 = Cijfer.objects.get(gebied=baarn, categorie=woning, periode="2019")  # 150
        for dag, waarde in [(15, 41), (20, 33)]:
            wijzig_op(moment(2021, 6, dag), baarn_2019, waarde=waarde)
        wijzig_op(moment(2021, 8, 15), baarn_2019, waarde=38, status=Cijfer.Status.VOORLOPIG)
        wijzig_op(moment(2021, 9, 15), baarn_2019, waarde=99)  # na de vergadering: telt niet
        soest_2019 = cijfer_op(moment(2021, 6, 10), gebied=soest, categorie=woning, jaar=2019,
                               periode="2019", waarde=87, bron=bron)  # fmt: skip
        wijzig_op(moment(2021, 7, 10), soest_2019, waarde=52)
        vernielingen = Cijfer.objects.get(
            gebied=soest, categorie__slug="vernielingen", periode="2018"
        )
        wijzig_op(moment(2021, 7, 11), vernielingen, reden="import: zelfde cijfer, andere bron")
        stuk = maak_stuk(self.m3)
        self.assertEqual(
            [(c.gebied.slug, c.categorie.slug, c.periode, c.was_waarde, c.waarde, c.status,
              c.wijziging) for c in stuk.geimporteerd],
            [("baarn", "woninginbraken", "2018", 188, 190, "definitief", Wijziging.GEWIJZIGD),
             ("baarn", "woninginbraken", "2019", 150, 38, "voorlopig", Wijziging.GEWIJZIGD),
             ("baarn", "autokraak", "2019", None, 40, "definitief", Wijziging.NIEUW),
             ("soest", "woninginbraken", "2019", None, 52, "definitief", Wijziging.NIEUW),
             ("soest", "vernielingen", "2018", 184, 184, "definitief", Wijziging.GELIJK)],
        )  # fmt: skip
        # De samenvatting telt nog elke vastlegging (per import; de correctie van 2018 in
        # setUpTestData heeft geen reden: beheer).
        self.assertEqual(
            {(r.gebied_naam, r.reden, r.toegevoegd, r.gewijzigd) for r in stuk.nieuwe_cijfers},
            {("Baarn", "", 0, 1),
             ("Baarn", "import: correctie-test.csv (synthetisch)", 0, 3),
             ("Baarn", "import: politie-open-data-test.csv (synthetisch)", 1, 0),
             ("Soest", "import: correctie-test.csv (synthetisch)", 0, 1),
             ("Soest", "import: politie-open-data-test.csv (synthetisch)", 1, 0),
             ("Soest", "import: zelfde cijfer, andere bron", 0, 1)},
        )  # fmt: skip
        html = self.client.get(reverse("vergaderstuk_openbaar", args=[self.m3.pk])).content.decode()
        tabel = afgedrukte_tekst(
            html.split("<caption>De afzonderlijke cijfers")[1].split("</table>")[0]
        )
        self.assertEqual(tabel.count("Baarn woninginbraken 2019"), 1)
        self.assertIn("Baarn woninginbraken 2019 150 → 38* gewijzigd 15-8-2021", tabel)
        self.assertIn("Baarn woninginbraken 2018 188 → 190 gewijzigd", tabel)
        self.assertIn("Soest woninginbraken 2019 52 nieuw", tabel)
        self.assertIn("Soest vernielingen 2018 184 opnieuw vastgelegd, gelijk", tabel)
        self.assertNotIn("41", tabel)
        # Een schermlezer leest "was 150, wordt 38*" (de pijl is voor het oog).
        self.assertIn('<span class="visually-hidden">was </span>150', html)
        xlsx = self.client.get(reverse("vergaderstuk_openbaar_xlsx", args=[self.m3.pk]))
        rijen = list(openpyxl.load_workbook(io.BytesIO(xlsx.content))["Nieuwe cijfers"].values)
        self.assertEqual(rijen[0][7:], ("Wijziging", "Aantal bij begin periode",
                                        "Status bij begin periode"))  # fmt: skip
        self.assertEqual(
            [(r[0], r[1], r[2], r[3], r[4], r[7], r[8], r[9]) for r in rijen[1:]],
            [("Baarn", "woninginbraken", "2018", 190, "definitief", "gewijzigd", 188, "definitief"),
             ("Baarn", "woninginbraken", "2019", 38, "voorlopig", "gewijzigd", 150, "definitief"),
             ("Baarn", "autokraak", "2019", 40, "definitief", "nieuw", None, None),
             ("Soest", "woninginbraken", "2019", 52, "definitief", "nieuw", None, None),
             ("Soest", "vernielingen", "2018", 184, "definitief", "opnieuw vastgelegd, gelijk",
              184, "definitief")],
        )  # fmt: skip

    def test_grafiek_in_het_stuk_zonder_gebieden_zonder_cijfers(self):
        # Proefgebruiker, punt 13: de legenda van de grafiek in het stuk noemde "De Bilt", dat
        # geen cijfers heeft. Elke lijn in een grafiek van het stuk heeft nu een cijfer.
        stuk = maak_stuk(self.m2)
        grafieken = {p.prioriteit.slug: p.figuren.grafiek for p in stuk.prioriteiten
                     if p.figuren and p.figuren.grafiek}  # fmt: skip
        self.assertTrue(grafieken)
        for slug, grafiek in grafieken.items():
            with self.subTest(prioriteit=slug):
                # Per naam in de legenda (een gebied, met een lijn in elk paneel): ergens een cijfer.
                met_cijfer = {}
                for lijn in grafiek.figuur["data"]:
                    heeft = any(y is not None for y in lijn["y"])
                    met_cijfer[lijn["name"]] = met_cijfer.get(lijn["name"], False) or heeft
                self.assertTrue(met_cijfer)
                self.assertEqual([n for n, heeft in met_cijfer.items() if not heeft], [])
                self.assertNotIn("De Bilt", grafiek.samenvatting)
        zorg = grafieken["zorg-en-veiligheid"]  # huiselijk geweld: vier gemeenten
        self.assertEqual(
            [lijn["name"] for lijn in zorg.figuur["data"]],
            ["Baarn", "Bunschoten", "Eemnes", "Soest"],
        )

    def test_veel_nieuwe_cijfers_alleen_samengevat_in_het_stuk(self):
        soest = Gebied.objects.get(slug="soest")
        bron = Bron.objects.get(titel="Synthetische import (test)")
        for categorie in Categorie.objects.all()[:5]:
            for maand in range(1, 13):
                cijfer_op(moment(2021, 5, 10), gebied=soest, categorie=categorie, jaar=2020,
                          periode=f"2020-{maand:02d}", waarde=maand, bron=bron)  # fmt: skip
        stuk = maak_stuk(self.m2)
        soest_regel = next(r for r in stuk.nieuwe_cijfers if r.gebied_naam == "Soest")
        self.assertEqual((soest_regel.toegevoegd, soest_regel.van, soest_regel.tot),
                         (60, "2020-01", "2020-12"))  # fmt: skip
        self.assertFalse(stuk.details_in_stuk)
        html = self.client.get(reverse("vergaderstuk_openbaar", args=[self.m2.pk])).content.decode()
        self.assertIn("2020-01 t/m 2020-12", html)
        self.assertIn("staan in het XLSX-bestand", html)
        xlsx = self.client.get(reverse("vergaderstuk_openbaar_xlsx", args=[self.m2.pk]))
        blad = openpyxl.load_workbook(io.BytesIO(xlsx.content))["Nieuwe cijfers"]
        self.assertEqual(blad.max_row, 1 + 61)  # kop + 60 van Soest + 1 van Baarn

    def test_nieuwe_cijfers_alleen_van_de_eigen_gebieden(self):
        # Proefgebruiker 30-11-2026 (4), punt 2: een landelijke import stond met al zijn
        # gebieden (Nederland, GM9001, ...) bij de nieuwe cijfers. Tussen m1 en m2 (1 maart -
        # 1 juni 2021) raakt een import ook Nederland (2 cijfers) en Utrecht (3 cijfers, waarvan
        # één twee keer): 5 cijfers van andere gebieden, die het stuk alleen telt.
        nederland = Gebied.objects.create(naam="Nederland", slug="nl-test", soort="land",
                                          cbs_code="NL01")  # fmt: skip
        utrecht = Gebied.objects.create(naam="Utrecht", slug="utrecht-test", soort="gemeente",
                                        cbs_code="GM0344")  # fmt: skip
        self.assertNotIn(utrecht, Gebied.objects.eigen())
        bron = Bron.objects.get(titel="Synthetische import (test)")
        woning, autokraak, zeden = Categorie.objects.filter(
            slug__in=["woninginbraken", "autokraak", "geweld-zeden"]
        ).order_by("slug")
        for categorie in (woning, autokraak):
            cijfer_op(moment(2021, 5, 1), gebied=nederland, categorie=categorie, jaar=2019,
                      periode="2019", waarde=50_000, bron=bron)  # fmt: skip
        for categorie in (woning, autokraak, zeden):
            c = cijfer_op(moment(2021, 5, 1), gebied=utrecht, categorie=categorie, jaar=2019,
                          periode="2019", waarde=900, bron=bron)  # fmt: skip
        wijzig_op(moment(2021, 5, 20), c, waarde=901)  # dezelfde Utrecht-cijfer opnieuw
        stuk = maak_stuk(self.m2)
        self.assertEqual(
            [(r.gebied_naam, r.toegevoegd, r.gewijzigd, r.van) for r in stuk.nieuwe_cijfers],
            [("Baarn", 1, 0, "2019")],
        )
        self.assertEqual(
            [(c.gebied.slug, c.categorie.slug, c.periode, c.waarde) for c in stuk.geimporteerd],
            [("baarn", "woninginbraken", "2019", 150)],
        )
        self.assertEqual(stuk.nieuw_elders, 2 + 3)
        html = self.client.get(reverse("vergaderstuk_openbaar", args=[self.m2.pk])).content.decode()
        self.assertIn(
            "Daarnaast 5 nieuwe of gewijzigde cijfers van andere gebieden (een landelijke "
            "import); die staan niet in dit stuk.",
            afgedrukte_tekst(html),
        )
        self.assertNotIn("Utrecht", html)
        xlsx = self.client.get(reverse("vergaderstuk_openbaar_xlsx", args=[self.m2.pk]))
        blad = openpyxl.load_workbook(io.BytesIO(xlsx.content))["Nieuwe cijfers"]
        self.assertEqual(
            [rij[:3] for rij in blad.iter_rows(min_row=2, values_only=True)],
            [("Baarn", "woninginbraken", "2019")],
        )
        # Zonder cijfers van andere gebieden in de periode (m2 - m3) geen zin.
        self.assertEqual(maak_stuk(self.m3).nieuw_elders, 0)
        html = self.client.get(reverse("vergaderstuk_openbaar", args=[self.m3.pk])).content.decode()
        self.assertNotIn("andere gebieden", html)

    def test_speerpunten_en_driehoek(self):
        stuk = maak_stuk(self.m2)
        self.assertEqual(
            [(g.slug, [m.tekst[0] for _, m in lijst]) for g, lijst in stuk.speerpunten],
            [("soest", ["S"])],
        )
        self.assertEqual([p.titel for p in stuk.driehoek], ["Capaciteit HIC-aanpak"])
        self.assertEqual(maak_stuk(self.m3).speerpunten, [])

    def test_openbaar_zonder_interne_notities_en_intern_alleen_voor_adviseurs(self):
        openbaar = self.client.get(reverse("vergaderstuk_openbaar", args=[self.m2.pk]))
        self.assertContains(openbaar, "Capaciteit HIC-aanpak")
        self.assertContains(openbaar, "B: tussen 1 en 2.")
        self.assertNotContains(openbaar, "Vertrouwelijk")
        self.assertNotContains(openbaar, "Interne bespreking formatie")
        intern = reverse("vergaderstuk", args=[self.m2.pk])
        self.assertTrue(self.client.get(intern)["Location"].startswith(reverse("login")))
        self.client.force_login(self.gebruikers["raadslid"])
        self.assertEqual(self.client.get(intern).status_code, 403)
        self.assertEqual(
            self.client.get(reverse("vergaderstuk_xlsx", args=[self.m2.pk])).status_code, 403
        )
        self.client.force_login(self.gebruikers["adviseur_baarn"])
        response = self.client.get(intern)
        self.assertContains(response, "Vertrouwelijk: personele bezetting")
        self.assertContains(response, "Interne bespreking formatie")
        self.assertContains(response, "css/stuk.css")  # A4, paginanummers (@page)
        self.assertContains(response, "AVO BES · 1 juni 2021 · intern")

    def test_xlsx_met_de_tabellen_van_het_stuk(self):
        response = self.client.get(reverse("vergaderstuk_openbaar_xlsx", args=[self.m2.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertIn("avo-bes-2021-06-01-openbaar.xlsx", response["Content-Disposition"])
        boek = openpyxl.load_workbook(io.BytesIO(response.content))
        self.assertEqual(
            boek.sheetnames,
            [
                "Agenda",  # proefgebruiker 30-11-2026, punt 7 (openbaar: zonder interne punten)
                "Prioriteiten",
                "Lokale speerpunten",  # issue 15, punt 12
                "Voortgang",
                "Opvallende veranderingen",
                "Nieuwe cijfers",
                "Driehoek BES",
            ],
        )
        opvallend = list(boek["Opvallende veranderingen"].iter_rows(values_only=True))
        baarn = [r for r in opvallend if r[0] == "Baarn"]
        self.assertEqual(
            baarn[0][:9], ("Baarn", "woninginbraken", 2019 - 1, 188, 2019, 150, -38, -20, "daling")
        )
        # De bronkolom (issue 15, punt 6): berekend, met de bronnen van de reeks bij naam.
        self.assertEqual(opvallend[0][9], "Bron")
        self.assertTrue(baarn[0][9].startswith("berekend (verschil, procent en band) uit"))
        self.assertIn("IVP BES 2019-2022, tabel Baarn 2015-2018", baarn[0][9])
        nieuw = list(boek["Nieuwe cijfers"].iter_rows(values_only=True))
        self.assertEqual(nieuw[0][6], "Bron")
        self.assertTrue(all(r[6] for r in nieuw[1:]))
        self.assertEqual(len(baarn), 6)  # en vijf categorieën 2018 t.o.v. 2017 (zie hierboven)
        voortgang = [r[4] for r in boek["Voortgang"].iter_rows(values_only=True)]
        self.assertIn("B: tussen 1 en 2.", voortgang)
        self.assertIn("S: Soest, tussen 1 en 2.", voortgang)
        self.assertNotIn("A: voor de eerste.", voortgang)

    def test_interne_xlsx_met_agenda_en_notities_openbare_zonder(self):
        # Proefgebruiker, punt 7: het interne XLSX was gelijk aan het openbare. Nu heeft het,
        # zoals de interne PDF, de interne notities en de agenda met de interne punten.
        def werkboek(naam):
            response = self.client.get(reverse(naam, args=[self.m2.pk]))
            self.assertEqual(response.status_code, 200)
            return openpyxl.load_workbook(io.BytesIO(response.content))

        def alle_cellen(boek):
            return {cel for blad in boek for rij in blad.iter_rows(values_only=True) for cel in rij}

        openbaar = werkboek("vergaderstuk_openbaar_xlsx")
        self.client.force_login(self.gebruikers["adviseur_baarn"])
        intern = werkboek("vergaderstuk_xlsx")
        self.assertEqual(intern.sheetnames[:3], ["Agenda", "Interne notities", "Prioriteiten"])
        self.assertEqual(
            list(intern["Agenda"].iter_rows(values_only=True)),
            [("Nr.", "Agendapunt", "Toelichting", "Voor de Driehoek BES", "Intern"),
             (1, "Capaciteit HIC-aanpak", "Voorstel aan de Driehoek BES.", "ja", "nee"),
             (2, "Interne bespreking formatie", None, "nee", "ja")],
        )  # fmt: skip
        self.assertEqual(
            list(intern["Interne notities"].iter_rows(values_only=True)),
            [("Interne notities",), ("Vertrouwelijk: personele bezetting BOA's.",)],
        )
        self.assertNotIn("Interne notities", openbaar.sheetnames)
        self.assertEqual(
            list(openbaar["Agenda"].iter_rows(values_only=True)),
            [("Nr.", "Agendapunt", "Toelichting", "Voor de Driehoek BES"),
             (1, "Capaciteit HIC-aanpak", "Voorstel aan de Driehoek BES.", "ja")],
        )  # fmt: skip
        cellen = " ".join(str(cel) for cel in alle_cellen(openbaar))
        self.assertNotIn("Vertrouwelijk", cellen)
        self.assertNotIn("Interne bespreking formatie", cellen)

    def test_doelen_niet_op_koers_met_de_cijfers_van_toen(self):
        baarn = Gebied.objects.get(slug="baarn")
        woning = Categorie.objects.get(slug="woninginbraken")
        hic = Prioriteit.objects.get(plan__slug="2019-2022", slug="high-impact-crimes")
        doel = hic.doelen.first()
        Indicator.objects.create(doel=doel, categorie=woning, gebied=baarn, basisjaar=2018,
                                 richting=Indicator.Richting.STIJGING)  # fmt: skip

        def niet_op_koers(vergadering):
            stuk = maak_stuk(vergadering)
            regel = next(p for p in stuk.prioriteiten if p.prioriteit == hic)
            return [(indicator.doel, stand.uitleg) for indicator, stand in regel.niet_op_koers]

        # Maart: nog geen cijfer na het basisjaar (onbekend, dus niet genoemd); juni: 2019
        # geïmporteerd (150, lager dan 188 in 2018, terwijl een stijging gewenst is).
        self.assertEqual(niet_op_koers(self.m1), [])
        self.assertEqual(
            niet_op_koers(self.m2), [(doel, "2019: 150, gewenst hoger dan 188 in 2018")]
        )

    def test_vast_aantal_queries(self):
        def aantal_queries_van_het_stuk():
            vergadering = Vergadering.objects.prefetch_related("agendapunten").get(pk=self.m2.pk)
            with CaptureQueriesContext(connection) as queries:
                maak_stuk(vergadering)
            return len(queries)

        doelen = list(Doel.objects.filter(prioriteit__plan__slug="2019-2022"))
        baarn = Gebied.objects.get(slug="baarn")
        Indicator.objects.create(doel=doelen[0], categorie=Categorie.objects.first(), gebied=baarn,
                                 basisjaar=2017)  # fmt: skip
        klein = aantal_queries_van_het_stuk()
        # Meer meldingen, nieuwe cijfers en indicatoren: evenveel queries.
        for p in Prioriteit.objects.filter(plan__slug="2019-2022"):
            for i in range(3):
                melding(moment(2021, 5, 2 + i), maatregel=p.maatregelen.first(), tekst="extra")
        for gebied in Gebied.objects.filter(soort=Gebied.Soort.GEMEENTE):
            for categorie in Categorie.objects.all()[:5]:
                cijfer_op(moment(2021, 5, 3), gebied=gebied, categorie=categorie, jaar=2020,
                          periode="2020", waarde=10, bron=Bron.objects.first())  # fmt: skip
        for doel, categorie in zip(doelen[1:6], Categorie.objects.all()[1:6], strict=True):
            Indicator.objects.create(doel=doel, categorie=categorie, gebied=baarn, basisjaar=2017)
        groot = aantal_queries_van_het_stuk()
        self.assertEqual((klein, groot), (STUK_MET_INDICATOREN, STUK_MET_INDICATOREN))


def _maanden(van, tot):
    """[(jaar, maand)] van `van` t/m `tot` (elk (jaar, maand))."""
    uitkomst, (jaar, maand) = [], van
    while (jaar, maand) <= tot:
        uitkomst.append((jaar, maand))
        jaar, maand = (jaar + 1, 1) if maand == 12 else (jaar, maand + 1)
    return uitkomst


def plan_met_vergadering_van_15_juni_2026():
    """(plan, vergadering): een synthetisch plan 2023-2026 met een AVO BES en een vergadering
    op 15 juni 2026, voor de stukken met met de hand gemaakte cijfers hieronder."""
    plan = Plan.objects.create(naam="Plan 2023-2026 (test)", slug="2023-2026", begin_jaar=2023,
                               eind_jaar=2026, bron="synthetisch")  # fmt: skip
    overleg = Overleg.objects.create(plan=plan, naam="AVO BES", afkorting="AVO BES",
                                     slug="avo-bes", inhoud="test", frequentie="4x")  # fmt: skip
    return plan, Vergadering.objects.create(overleg=overleg, datum=datetime.date(2026, 6, 15))


class VergaderstukOudEnVoorlopigTest(TestCase):
    """Proefgebruiker 30-11-2026 (3), punt 1 en 2: een stuk van 15 juni 2026 met een gemeente
    waarvan sommige categorieën maandcijfers t/m mei 2026 hebben en andere bij 2017/2018
    stilstaan, en voorlopige maanden en jaren. Alles met de hand gemaakt (synthetisch, geen
    brongegevens); elke uitkomst is hieronder met de hand uitgerekend.

    Bunschoten (opgeslagen op 10 juni 2026):
    - woninginbraken: juni 2024 t/m mei 2025 om en om 6 en 7 per maand (78), juni 2025 t/m
      mei 2026 12 per maand (144); maart t/m mei 2026 voorlopig. 144 − 78 = +66, 66/78 = 84,6%
      → +85%; 66/√222 = 4,4: opvallend, nieuw (t/m mei 2026) en voorlopig.
    - geweld: maart 2024 t/m februari 2026 10 per maand: 120 tegen 120, niet opvallend.
    - vernielingen: 2017 40, 2018 80: +40, +100%, 40/√120 = 3,7; 2018 is oud.
    - autokraak: 2016 50, 2017 20 en alleen 2018-H1 (12): 2018 is geen volledig jaar, dus
      2017 t.o.v. 2016: −30, −60%, 30/√70 = 3,6; oud, met nieuwere (nog niet te vergelijken)
      cijfers.
    - fietsendiefstal: 2024 100, 2025 150 (voorlopig): +50, +50%, 50/√250 = 3,2; niet oud.
    Eemnes: alleen vernielingen 2017 40, 2018 80 (oud). Woudenberg: alleen fietsendiefstal
    2024 100, 2025 150 (definitief; niet oud)."""

    @classmethod
    def setUpTestData(cls):
        plan, cls.vergadering = plan_met_vergadering_van_15_juni_2026()
        bunschoten = factories.gebied("Bunschoten", volgorde=1)
        eemnes = factories.gebied("Eemnes", volgorde=2)
        woudenberg = factories.gebied("Woudenberg", volgorde=3)
        plan.deelnemers.set([bunschoten, eemnes, woudenberg])
        woning, geweld, vernieling, auto, fiets = (
            factories.categorie(naam, volgorde=nummer)
            for nummer, naam in enumerate(
                ["woninginbraken", "geweld", "vernielingen", "autokraak", "fietsendiefstal"], 1
            )
        )
        bron = factories.bron()
        op = moment(2026, 6, 10)
        voorlopig = Cijfer.Status.VOORLOPIG

        def maand(gebied, categorie, jaar, maandnummer, waarde, **velden):
            cijfer_op(op, gebied=gebied, categorie=categorie, jaar=jaar,
                      periode=f"{jaar}-{maandnummer:02d}", waarde=waarde, bron=bron, **velden)  # fmt: skip

        def jaar(gebied, categorie, jaartal, waarde, periode=None, **velden):
            cijfer_op(op, gebied=gebied, categorie=categorie, jaar=jaartal,
                      periode=periode or str(jaartal), waarde=waarde, bron=bron, **velden)  # fmt: skip

        for nummer, (j, m) in enumerate(_maanden((2024, 6), (2025, 5))):
            maand(bunschoten, woning, j, m, 6 if nummer % 2 else 7)
        for j, m in _maanden((2025, 6), (2026, 5)):
            maand(
                bunschoten,
                woning,
                j,
                m,
                12,
                **({"status": voorlopig} if (j, m) >= (2026, 3) else {}),
            )
        for j, m in _maanden((2024, 3), (2026, 2)):
            maand(bunschoten, geweld, j, m, 10)
        for gebied in (bunschoten, eemnes):
            jaar(gebied, vernieling, 2017, 40)
            jaar(gebied, vernieling, 2018, 80)
        jaar(bunschoten, auto, 2016, 50)
        jaar(bunschoten, auto, 2017, 20)
        jaar(bunschoten, auto, 2018, 12, periode="2018-H1")
        jaar(bunschoten, fiets, 2024, 100)
        jaar(bunschoten, fiets, 2025, 150, status=voorlopig)
        jaar(woudenberg, fiets, 2024, 100)
        jaar(woudenberg, fiets, 2025, 150)

    BUNSCHOTEN = (
        "Let op: 2 van de 4 veranderingen hieronder gaan over 2017 en 2018, meer dan een jaar "
        "voor 15-6-2026 (in de tabel: oud); van die categorieën heeft het dashboard nog geen "
        "nieuwere cijfers die te vergelijken zijn. Die veranderingen zijn dus geen nieuws van "
        "het afgelopen jaar."
    )
    EEMNES = (
        "Let op: de verandering hieronder gaat over 2018, meer dan een jaar voor 15-6-2026 (in "
        "de tabel: oud); van die categorie staan nog geen nieuwere cijfers in het dashboard. Die "
        "verandering is dus geen nieuws van het afgelopen jaar."
    )
    GEEN_NIEUWERE = "oud: nog geen nieuwere cijfers van deze categorie in het dashboard"
    NIET_TE_VERGELIJKEN = (
        "oud: de nieuwere cijfers van deze categorie in het dashboard zijn nog niet te vergelijken"
    )
    VOETNOOT_GEEN_NIEUWERE = (
        "† = oud: de nieuwste periode eindigt meer dan een jaar voor 15-6-2026; nog geen "
        "nieuwere cijfers van deze categorie in het dashboard."
    )
    VOETNOOT_NIET_TE_VERGELIJKEN = (
        "‡ = oud: de nieuwste periode eindigt meer dan een jaar voor 15-6-2026; de nieuwere "
        "cijfers van deze categorie in het dashboard zijn nog niet te vergelijken."
    )
    VOETNOOT = (
        "* = voorlopig (ook een verandering of som waarin een voorlopig jaar of een voorlopige "
        "maand zit)."
    )

    def test_rijen_oud_en_voorlopig_in_het_stuk(self):
        stuk = maak_stuk(
            Vergadering.objects.prefetch_related("agendapunten").get(pk=self.vergadering.pk)
        )
        standdag = stuk.stand_op(datetime.date(2026, 11, 30))
        self.assertEqual(standdag.datum, datetime.date(2026, 6, 15))
        gemeenten = {g.gebied.naam: g for g in stuk.gemeenten_op(standdag)}
        self.assertEqual(list(gemeenten), ["Bunschoten", "Eemnes", "Woudenberg"])
        bunschoten = gemeenten["Bunschoten"]
        self.assertEqual(
            [(r.verandering.categorie.naam, r.verandering.oud_tekst, str(r.verandering.vorige_periode),
              r.verandering.nieuw_tekst, str(r.verandering.nieuwe_periode),
              r.verandering.verschil_tekst, r.verandering.procent_tekst, r.oud_tekst)
             for r in bunschoten.rijen],
            [("woninginbraken", "78", "de 12 maanden ervoor", "144*", "12 maanden t/m mei 2026",
              "+66*", "▲ +85%*", ""),
             ("vernielingen", "40", "2017", "80", "2018", "+40", "▲ +100%", self.GEEN_NIEUWERE),
             ("autokraak", "50", "2016", "20", "2017", "−30", "▼ −60%", self.NIET_TE_VERGELIJKEN),
             ("fietsendiefstal", "100", "2024", "150*", "2025", "+50*", "▲ +50%*", "")],
        )  # fmt: skip
        self.assertEqual([r.oud_teken for r in bunschoten.rijen], ["", "†", "‡", ""])
        self.assertEqual(bunschoten.waarschuwing, self.BUNSCHOTEN)
        self.assertEqual(gemeenten["Eemnes"].waarschuwing, self.EEMNES)
        self.assertEqual(gemeenten["Woudenberg"].waarschuwing, "")
        self.assertEqual([g.voorlopig for g in gemeenten.values()], [True, False, False])

        # Later: 2025 eindigt op 31-12-2025, dus is oud vanaf 1-1-2027 (2025 ligt dan voor het
        # vorige jaar van de standdag); de 12 maanden t/m mei 2026 zijn oud vanaf juni 2027.
        def oud_op(dag):
            return [r.oud for r in stuk.gemeenten[0].op(dag).rijen]

        self.assertEqual(oud_op(datetime.date(2026, 12, 31)), [False, True, True, False])
        self.assertEqual(oud_op(datetime.date(2027, 1, 1)), [False, True, True, True])
        self.assertEqual(oud_op(datetime.date(2027, 5, 31)), [False, True, True, True])
        self.assertEqual(oud_op(datetime.date(2027, 6, 1)), [True, True, True, True])

    def test_html_zegt_het_per_rij_met_een_ware_zin(self):
        html = self.client.get(
            reverse("vergaderstuk_openbaar", args=[self.vergadering.pk])
        ).content.decode()
        papier = afgedrukte_tekst(html)
        self.assertIn(self.BUNSCHOTEN, papier)
        self.assertIn(self.EEMNES, papier)
        self.assertEqual(html.count('class="oud-nieuws"'), 2)  # Woudenberg niet
        self.assertNotIn("de nieuwste van deze cijfers zijn van", html)  # de oude, onware zin
        # De rij zelf: "oud" met een voetnootteken per reden, de voetnoten onder de tabel.
        self.assertIn("vernielingen 40 (2017) 80 (2018) oud† +40 ▲ +100%", papier)
        self.assertIn("autokraak 50 (2016) 20 (2017) oud‡ −30 ▼ −60%", papier)
        self.assertIn(self.VOETNOOT_GEEN_NIEUWERE + " " + self.VOETNOOT_NIET_TE_VERGELIJKEN
                      + " " + self.VOETNOOT, papier)  # fmt: skip
        self.assertIn(f'<span class="visually-hidden"> ({self.NIET_TE_VERGELIJKEN})</span>', html)
        self.assertIn(
            "woninginbraken 78 (de 12 maanden ervoor) 144* (12 maanden t/m mei 2026) +66* ▲ +85%*",
            papier,
        )
        self.assertIn("fietsendiefstal 100 (2024) 150* (2025) +50* ▲ +50%*", papier)
        self.assertIn("fietsendiefstal 100 (2024) 150 (2025) +50 ▲ +50%", papier)  # Woudenberg
        self.assertEqual(papier.count(self.VOETNOOT), 1)  # alleen onder Bunschoten
        # Vernielingen in Bunschoten en Eemnes; de voetnoot onder beide tabellen.
        self.assertEqual(
            html.count(f'<span class="visually-hidden"> ({self.GEEN_NIEUWERE})</span>'), 2
        )
        self.assertEqual(papier.count(self.VOETNOOT_GEEN_NIEUWERE), 2)
        self.assertEqual(papier.count(self.VOETNOOT_NIET_TE_VERGELIJKEN), 1)

    def test_pdf_krijgt_dezelfde_markeringen(self):
        # De PDF is de HTML van het stuk (met file://-links), door Chromium afgedrukt: de
        # HTML die naar Chromium gaat heeft dezelfde zin, rijmarkering en *.
        gezien = []

        def als_pdf(html, **_):
            gezien.append(html)
            return b"%PDF-1.4 test"

        with mock.patch("vergaderingen.views.html_naar_pdf", als_pdf):
            response = self.client.get(
                reverse("vergaderstuk_openbaar_pdf", args=[self.vergadering.pk])
            )
        self.assertEqual(response.status_code, 200)
        papier = afgedrukte_tekst(gezien[0])
        self.assertIn("file://", gezien[0])
        self.assertIn(self.BUNSCHOTEN, papier)
        self.assertIn(self.EEMNES, papier)
        self.assertIn("144* (12 maanden t/m mei 2026) +66* ▲ +85%*", papier)
        self.assertIn("80 (2018) oud† +40", papier)
        self.assertIn(self.VOETNOOT_GEEN_NIEUWERE, papier)
        self.assertIn(self.VOETNOOT, papier)

    def test_xlsx_met_status_en_oud(self):
        response = self.client.get(
            reverse("vergaderstuk_openbaar_xlsx", args=[self.vergadering.pk])
        )
        boek = openpyxl.load_workbook(io.BytesIO(response.content))
        rijen = list(boek["Opvallende veranderingen"].iter_rows(values_only=True))
        self.assertEqual(
            rijen[0][10:],
            ("Status vorige periode", "Status nieuwste periode",
             "Oud (eindigt meer dan een jaar voor 15-06-2026)"),
        )  # fmt: skip
        self.assertEqual(
            [r[:9] + r[10:] for r in rijen[1:]],
            [("Bunschoten", "woninginbraken", "de 12 maanden ervoor", 78, "12 maanden t/m mei 2026",
              144, 66, 85, "stijging", "definitief", "voorlopig", "nee"),
             ("Bunschoten", "vernielingen", 2017, 40, 2018, 80, 40, 100, "stijging", "definitief",
              "definitief", "ja: nog geen nieuwere cijfers van deze categorie in het dashboard"),
             ("Bunschoten", "autokraak", 2016, 50, 2017, 20, -30, -60, "daling", "definitief",
              "definitief",
              "ja: de nieuwere cijfers van deze categorie in het dashboard zijn nog niet te "
              "vergelijken"),
             ("Bunschoten", "fietsendiefstal", 2024, 100, 2025, 150, 50, 50, "stijging",
              "definitief", "voorlopig", "nee"),
             ("Eemnes", "vernielingen", 2017, 40, 2018, 80, 40, 100, "stijging", "definitief",
              "definitief", "ja: nog geen nieuwere cijfers van deze categorie in het dashboard"),
             ("Woudenberg", "fietsendiefstal", 2024, 100, 2025, 150, 50, 50, "stijging",
              "definitief", "definitief", "nee")],
        )  # fmt: skip

    def test_een_voorlopige_vorige_periode(self):
        # Een voorlopige maand in de 12 maanden ervoor: het vorige aantal en de verandering
        # krijgen het *, het nieuwe aantal niet (trends.Vergelijking houdt ze apart).
        maanden = {(j, m): (10, "definitief") for j, m in _maanden((2024, 6), (2026, 5))}
        maanden[(2024, 8)] = (10, Cijfer.Status.VOORLOPIG.value)
        vergelijking = trends.twaalf_maanden(maanden)
        self.assertEqual(
            (vergelijking.oud_voorlopig, vergelijking.nieuw_voorlopig, vergelijking.voorlopig),
            (True, False, True),
        )
        verandering = Opvallend(
            Gebied(naam="Proefstad"), Categorie(naam="test"), 2025, 2026, 100, 150, 50,
            trends.STIJGING, vergelijking.periode, oud_voorlopig=True,
        )  # fmt: skip
        self.assertEqual(
            (verandering.oud_tekst, verandering.nieuw_tekst, verandering.verschil_tekst,
             verandering.procent_tekst),
            ("100*", "150", "+50*", "▲ +50%*"),
        )  # fmt: skip


class VergaderstukBasisteamTest(TestCase):
    """Proefgebruik 2 (30-11-2026): het stuk zei van het basisteam "de nieuwste van deze cijfers
    zijn van 2018; van die categorieën staan nog geen nieuwere cijfers in het dashboard", terwijl
    zijn gebiedspagina de som van zijn gemeenten tot in 2026 toont. Het stuk rekent nu als die
    pagina. Met de hand gemaakt (synthetisch), stuk van 15 juni 2026:

    - Team (eigen cijfers, bron "Plan"): woninginbraken 2017 100, 2018 150 (+50%, 50/√250 = 3,2).
    - Gemeenten A en B (bron "Politie"): woninginbraken juni 2024 t/m mei 2025 4 per maand elk,
      juni 2025 t/m mei 2026 6 per maand elk. Het team: 96 tegen 144, +48, +50%, 48/√240 = 3,1:
      opvallend over de 12 maanden t/m mei 2026, niet oud, bron de gemeenten.
    - Fietsdiefstal: A 2024 30, 2025 60; B 2024 30, 2025 60; het team zelf niets: 2025 t.o.v.
      2024 is 120 tegen 60, +100%, 60/√180 = 4,5, uit de som van de twee.
    """

    @classmethod
    def setUpTestData(cls):
        plan, cls.vergadering = plan_met_vergadering_van_15_juni_2026()
        a, b = (
            factories.gebied("Gemeente A", volgorde=1),
            factories.gebied("Gemeente B", volgorde=2),
        )
        plan.deelnemers.set([a, b])
        team = factories.gebied("Basisteam", soort=Gebied.Soort.BASISTEAM, volgorde=3)
        team.leden.set([a, b])
        woning = factories.categorie("woninginbraken", volgorde=1)
        fiets = factories.categorie("fietsdiefstal", volgorde=2)
        plan_bron, politie = factories.bron("Plan"), factories.bron("Politie")
        op = moment(2026, 6, 10)
        for jaar, waarde in ((2017, 100), (2018, 150)):
            cijfer_op(op, gebied=team, categorie=woning, jaar=jaar, periode=str(jaar),
                      waarde=waarde, bron=plan_bron)  # fmt: skip
        for gemeente in (a, b):
            for j, m in _maanden((2024, 6), (2026, 5)):
                cijfer_op(op, gebied=gemeente, categorie=woning, jaar=j, periode=f"{j}-{m:02d}",
                          waarde=6 if (j, m) >= (2025, 6) else 4, bron=politie)  # fmt: skip
            for jaar, waarde in ((2024, 30), (2025, 60)):
                cijfer_op(op, gebied=gemeente, categorie=fiets, jaar=jaar, periode=str(jaar),
                          waarde=waarde, bron=politie)  # fmt: skip

    def test_het_basisteam_rekent_met_de_som_van_zijn_gemeenten(self):
        stuk = maak_stuk(
            Vergadering.objects.prefetch_related("agendapunten").get(pk=self.vergadering.pk)
        )
        standdag = stuk.stand_op(datetime.date(2026, 11, 30))
        team = {g.gebied.naam: g for g in stuk.gemeenten_op(standdag)}["Basisteam"]
        # Bronnen: alleen die van de vergeleken perioden. Tot proefgebruiker 30-11-2026 (4),
        # punt 3 noemde de rij over 12 maanden ook "Plan" (de eigen jaren 2017 en 2018 van het
        # team, die niet vergeleken zijn).
        self.assertEqual(
            [(r.verandering.categorie.naam, r.verandering.oud_tekst, r.verandering.nieuw_tekst,
              str(r.verandering.nieuwe_periode), r.verandering.procent_tekst, r.oud_tekst,
              r.verandering.bronnen)
             for r in team.rijen],
            [("woninginbraken", "96", "144", "12 maanden t/m mei 2026", "▲ +50%", "",
              ("Politie",)),
             ("fietsdiefstal", "60", "120", "2025", "▲ +100%", "", ("Politie",))],
        )  # fmt: skip
        self.assertEqual(team.waarschuwing, "")


class VergaderstukBronnenPerRijTest(TestCase):
    """Proefgebruiker 30-11-2026 (4), punt 3: een rij over 12 maanden woninginbraken van
    Bunschoten noemde "IVP BES 2019-2022, tabel ... 2015-2018; Politie, open data", terwijl
    alleen politiecijfers van 2024-2026 vergeleken waren. Met de hand gemaakt (records zoals
    cijferrecords_op ze geeft):

    - Bunschoten, woninginbraken: 2017 100 en 2018 150 uit het plan; januari t/m mei 2024
      (5 per maand) uit een oudere levering; juni 2024 t/m mei 2025 4 per maand (48) en juni
      2025 t/m mei 2026 6 per maand (72) van de politie. 12 maanden t/m mei 2026: +24, +50%,
      24/√120 = 2,2: opvallend, bron alleen de politie.
    - Bunschoten, vernielingen: 2016 10 (CBS), 2017 40 en 2018 80 (plan): 2018 t.o.v. 2017,
      +40, +100%, 40/√120 = 3,7; bron alleen het plan.
    - Basisteam (leden A en B, zelf geen cijfers), fietsdiefstal: A en B 2023 10 (oudere
      levering), 2024 30 en 2025 60 (politie): het team 60 tegen 120, +100%, 60/√180 = 4,5;
      bron de politie (de bronnen van de leden in 2024 en 2025).
    """

    PLAN = "IVP BES 2019-2022, tabel Bunschoten 2015-2018"
    POLITIE = "Politie, open data"
    OUD = "Politie, oudere levering"

    @classmethod
    def setUpTestData(cls):
        cls.bunschoten = factories.gebied("Bunschoten", volgorde=1)
        cls.a = factories.gebied("Gemeente A", volgorde=2)
        cls.b = factories.gebied("Gemeente B", volgorde=3)
        cls.team = factories.gebied("Basisteam", soort=Gebied.Soort.BASISTEAM, volgorde=4)
        cls.woning = factories.categorie("woninginbraken", volgorde=1)
        cls.vernieling = factories.categorie("vernielingen", volgorde=2)
        cls.fiets = factories.categorie("fietsdiefstal", volgorde=3)

    def record(self, gebied, categorie, periode, waarde, bron):
        return {"gebied": gebied.pk, "categorie": categorie.pk, "jaar": int(str(periode)[:4]),
                "periode": str(periode), "waarde": waarde, "status": "definitief",
                "bron_titel": bron}  # fmt: skip

    def test_alleen_de_bronnen_van_de_vergeleken_perioden(self):
        b, w, v = self.bunschoten, self.woning, self.vernieling
        records = [
            self.record(b, w, 2017, 100, self.PLAN),
            self.record(b, w, 2018, 150, self.PLAN),
            *(self.record(b, w, f"2024-{m:02d}", 5, self.OUD) for m in range(1, 6)),
            *(self.record(b, w, f"{j}-{m:02d}", 6 if (j, m) >= (2025, 6) else 4, self.POLITIE)
              for j, m in _maanden((2024, 6), (2026, 5))),
            self.record(b, v, 2016, 10, "CBS"),
            self.record(b, v, 2017, 40, self.PLAN),
            self.record(b, v, 2018, 80, self.PLAN),
        ]  # fmt: skip
        for lid in (self.a, self.b):
            records += [
                self.record(lid, self.fiets, 2023, 10, self.OUD),
                self.record(lid, self.fiets, 2024, 30, self.POLITIE),
                self.record(lid, self.fiets, 2025, 60, self.POLITIE),
            ]
        opvallend = opvallende_veranderingen(
            records,
            [self.bunschoten, self.a, self.b, self.team],
            [self.woning, self.vernieling, self.fiets],
            {self.team.pk: [self.a.pk, self.b.pk]},
        )
        self.assertEqual(
            [(o.gebied.naam, o.categorie.naam, str(o.nieuwe_periode), o.oud, o.nieuw, o.bronnen)
             for o in opvallend],
            [("Bunschoten", "woninginbraken", "12 maanden t/m mei 2026", 48, 72, (self.POLITIE,)),
             ("Bunschoten", "vernielingen", "2018", 40, 80, (self.PLAN,)),
             ("Gemeente A", "fietsdiefstal", "2025", 30, 60, (self.POLITIE,)),
             ("Gemeente B", "fietsdiefstal", "2025", 30, 60, (self.POLITIE,)),
             ("Basisteam", "fietsdiefstal", "2025", 60, 120, (self.POLITIE,))],
        )  # fmt: skip


CHROMIUM = "/usr/bin/chromium"


@pytest.mark.browser
class VergaderstukPdfTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())
        avo = Overleg.objects.get(slug="avo-bes")
        cls.vergadering = Vergadering.objects.create(
            overleg=avo, datum=datetime.date(2021, 6, 1), locatie="Gemeentehuis Baarn"
        )
        Agendapunt.objects.create(
            vergadering=cls.vergadering, titel="Capaciteit HIC-aanpak", voor_driehoek=True
        )

    def setUp(self):
        ontbreekt = [p for p in (CHROMIUM, "/usr/bin/pdftoppm") if not os.path.exists(p)]
        if ontbreekt:
            if os.environ.get("CI") == "true":
                raise AssertionError(
                    f"{ontbreekt} ontbreekt in CI (apt-get install chromium poppler-utils)"
                )
            pytest.skip(f"PDF-test overgeslagen: {ontbreekt} ontbreekt")

    def test_pdf_met_paginas_grafieken_en_paginanummers(self):
        response = self.client.get(reverse("vergaderstuk_openbaar_pdf", args=[self.vergadering.pk]))
        self.assertEqual(response.status_code, 200, response.content[:300])
        self.assertEqual(response["Content-Type"], "application/pdf")
        pdf = response.content
        self.assertTrue(pdf.startswith(b"%PDF"))
        with tempfile.TemporaryDirectory() as map_:
            bestand = Path(map_) / "stuk.pdf"
            bestand.write_bytes(pdf)
            info = subprocess.run(["pdfinfo", bestand], capture_output=True, text=True, check=True)
            paginas = int(
                next(r for r in info.stdout.splitlines() if r.startswith("Pages:")).split()[1]
            )
            self.assertIn("(A4)", info.stdout)
            # Voorblad + vier hoofdstukken, elk op een nieuwe pagina.
            self.assertGreaterEqual(paginas, 5)
            tekst = subprocess.run(["pdftotext", "-layout", bestand, "-"], capture_output=True,
                                   text=True, check=True).stdout  # fmt: skip
            per_pagina = tekst.split("\f")
            for nummer in range(1, paginas + 1):
                self.assertIn(f"pagina {nummer} van {paginas}", per_pagina[nummer - 1])
                self.assertIn("AVO BES · 1 juni 2021 · openbaar", per_pagina[nummer - 1])
            self.assertIn("4. Punten voor de Driehoek BES", tekst)
            self.assertIn("Capaciteit HIC-aanpak", tekst)
            # De plotly-grafiek is getekend: zijn titel en as-jaren staan in de PDF.
            self.assertIn("Gekoppelde cijfers per gebied", tekst)
            SCHERMAFDRUKKEN.mkdir(exist_ok=True)
            for oud in SCHERMAFDRUKKEN.glob("stuk-pagina-*.png"):
                oud.unlink()
            subprocess.run(["pdftoppm", "-png", "-r", "60", bestand, SCHERMAFDRUKKEN / "stuk-pagina"],
                           check=True)  # fmt: skip
            self.assertEqual(len(list(SCHERMAFDRUKKEN.glob("stuk-pagina-*.png"))), paginas)

    def test_zonder_chromium_een_duidelijke_melding(self):
        with self.settings(CHROMIUM="/bestaat/niet/chromium"):
            response = self.client.get(
                reverse("vergaderstuk_openbaar_pdf", args=[self.vergadering.pk])
            )
        self.assertEqual(response.status_code, 503)
        self.assertContains(response, "Afdrukken &gt; Opslaan als PDF", status_code=503)


# De queries van maak_stuk bij een plan met gekoppelde categorieën en zonder indicatoren:
#  1 de vorige vergadering van het overleg        2 de plannen
#  3 de gemeenten en het basisteam                 4 de prioriteiten van het plan
#  5 hun gekoppelde categorieën (prefetch)
#  6 de maatregelen zoals toen: historische versies    7 idem: nooit gewijzigde maatregelen
#  8 hun meldingen zoals toen (voor de status): historische versies    9 idem: nooit gewijzigde
# 10 de meldingen bij de prioriteiten in de periode   11 de indicatoren
# 12-14 de gekoppelde cijfers zoals toen: historische versies, nooit gewijzigde, bronnen
# 15-17 de cijfers van de gemeenten zoals toen: idem       18 de categorieën
# 19-20 de toelichtingen bij de cijfers zoals toen (issue 17): de nieuwste versie uit de
#       geschiedenis, de nooit gewijzigde (elk met categorie en auteur)
# 21 de nieuwe cijfers per gebied en import
# 22 de afzonderlijke nieuwe cijfers: één rij per cijfer (zijn laatste versie in de periode), met
#    zijn stand bij het begin van de periode als subquery (proefgebruiker 30-11-2026, punt 6:
#    "was → wordt" zonder extra query)
#    (21 en 22 alleen van de gemeenten en het basisteam, proefgebruiker 30-11-2026 (4), punt 2)
# 23 het aantal nieuwe cijfers van andere gebieden (één COUNT DISTINCT: "Daarnaast 1.152 cijfers
#    van andere gebieden", proefgebruiker 30-11-2026 (4), punt 2; een landelijke import stond er
#    met al zijn gebieden in)
# 24 de meldingen bij de lokale speerpunten
# 25 de lokale speerpunten met hun gemeente (issue 15, punt 12: de stand per gemeente)
# 26-27 de lokale maatregelen zoals toen: historische versies, nooit gewijzigde
# 28-29 hun meldingen zoals toen: idem
# 30 de leden van de basisteams (prefetch bij 3): een basisteam zonder eigen cijfer krijgt de som
#    van zijn leden, zoals op zijn gebiedspagina (proefgebruik 2)
STUK = 30
# Met indicatoren: hun mijlpalen (issue 15, punt 13) en hun cijfers zoals toen (historische
# versies, nooit gewijzigde, bronnen).
STUK_MET_INDICATOREN = STUK + 4
# Een ingelogde gebruiker: sessie, gebruiker en profiel (ivp.rechten).
INGELOGD = 3
# Het lezen van de gegevensversie (de sleutel van de onderdelencache, ivp/gegevensversie.py).
VERSIE = 1


class VergaderingenQueryTest(TestCase):
    """Lijst, vergaderpagina en stuk: het aantal queries ligt vast, hoeveel vergaderingen en
    agendapunten er ook zijn."""

    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())
        cls.overleggen = list(Overleg.objects.all()[:3])
        cls.gebruikers = maak_gebruikers()

    def maak(self, aantal):
        for i in range(aantal):
            v = Vergadering.objects.create(
                overleg=self.overleggen[i % 3],
                datum=datetime.date(2025, 1, 1) + datetime.timedelta(days=30 * i),
            )
            for j in range(aantal):
                Agendapunt.objects.create(vergadering=v, volgorde=j, titel=f"Punt {j}")
        return v

    def tellingen(self, gebruiker=None):
        """{pagina: aantal queries} voor de nieuwste vergadering, anoniem of ingelogd."""
        v = Vergadering.objects.order_by("-pk").first()
        paginas = {
            "lijst": reverse("vergaderingen"),
            "vergadering": v.get_absolute_url(),
            "openbaar stuk": reverse("vergaderstuk_openbaar", args=[v.pk]),
        }
        if gebruiker:
            self.client.force_login(gebruiker)
            paginas["intern stuk"] = reverse("vergaderstuk", args=[v.pk])
        aantallen = {}
        for naam, url in paginas.items():
            cache.clear()  # koud: het stuk nog niet in de onderdelencache
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(url).status_code, 200)
            aantallen[naam] = len(queries)
        self.client.logout()
        return aantallen

    def test_vast_aantal_queries(self):
        # lijst: de vergaderingen met hun overleg (1)
        # vergadering: de vergadering met haar overleg, de agendapunten (2)
        # stuk, koud: de gegevensversie (ivp/gegevensversie.py), de vergadering met haar
        # overleg, de agendapunten, dan maak_stuk (VERSIE + 2 + STUK)
        # Ingelogd komen sessie, gebruiker en profiel erbij, behalve bij het openbare stuk:
        # dat kijkt niet wie er vraagt.
        anoniem = {"lijst": 1, "vergadering": 2, "openbaar stuk": VERSIE + 2 + STUK}
        adviseur = {
            "lijst": INGELOGD + 1,
            "vergadering": INGELOGD + 2,
            "openbaar stuk": VERSIE + 2 + STUK,
            "intern stuk": INGELOGD + VERSIE + 2 + STUK,
        }
        for aantal in [2, 12]:
            Vergadering.objects.all().delete()
            self.maak(aantal)
            with self.subTest(vergaderingen=aantal):
                self.assertEqual(self.tellingen(), anoniem)
                self.assertEqual(self.tellingen(self.gebruikers["adviseur_baarn"]), adviseur)

    def test_stuk_warm_uit_de_onderdelencache(self):
        # Warm: alleen de gegevensversie (ingelogd ook sessie, gebruiker en profiel); het
        # stuk zelf komt uit de onderdelencache, gelijk aan het koud gebouwde.
        v = self.maak(2)
        openbaar = reverse("vergaderstuk_openbaar", args=[v.pk])
        cache.clear()
        koud = self.client.get(openbaar)
        with self.assertNumQueries(VERSIE):
            warm = self.client.get(openbaar)
        self.assertEqual(zonder_nonce(warm.content), zonder_nonce(koud.content))
        self.client.force_login(self.gebruikers["adviseur_baarn"])
        intern = reverse("vergaderstuk", args=[v.pk])
        self.client.get(intern)
        with self.assertNumQueries(INGELOGD + VERSIE):
            self.assertContains(self.client.get(intern), "Punt 1")
        # Een wijziging (een agendapunt erbij) verhoogt de versie: het stuk is meteen nieuw.
        Agendapunt.objects.create(vergadering=v, volgorde=9, titel="Nieuw punt")
        self.assertContains(self.client.get(intern), "Nieuw punt")
        self.client.logout()
        self.assertContains(self.client.get(openbaar), "Nieuw punt")


class _Afdruk(HTMLParser):
    """De tekst van een HTML-pagina zoals hij op papier staat: zonder elementen met de klasse
    d-print-none of no-print (Bootstrap en static/css/stuk.css: display none in print), zonder
    visually-hidden (alleen voor schermlezers) en zonder script en style."""

    NIET_OP_PAPIER = {"d-print-none", "no-print", "visually-hidden"}

    LEEG = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr"}  # fmt: skip

    def __init__(self):
        super().__init__()
        self.stapel, self.delen = [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.LEEG:
            return
        if tag in ("td", "th", "li", "p", "caption"):
            self.delen.append(" ")
        klassen = set((dict(attrs).get("class") or "").split())
        verborgen = tag in ("script", "style") or bool(self.NIET_OP_PAPIER & klassen)
        self.stapel.append(verborgen or (self.stapel[-1] if self.stapel else False))

    def handle_endtag(self, tag):
        if tag not in self.LEEG and self.stapel:
            self.stapel.pop()

    def handle_data(self, data):
        if not (self.stapel and self.stapel[-1]):
            self.delen.append(data)


def afgedrukte_tekst(html):
    """De tekst van `html` op papier (_Afdruk), witruimte tot één spatie."""
    parser = _Afdruk()
    parser.feed(html)
    return " ".join("".join(parser.delen).split())


def zonder_nonce(html):
    """De HTML zonder de CSP-nonce (die per verzoek verschilt)."""
    return re.sub(rb'nonce="[^"]*"', b"", html)
