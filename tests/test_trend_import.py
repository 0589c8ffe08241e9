"""De trendtabel na een import van losse nieuwe jaren (proefgebruik 30-11-2026, punten 5 en 8):
Baarn woninginbraken 2023-2025 (2025 voorlopig), Eemnes en Soest alleen 2024, 2019-2022 (en
voor Eemnes en Soest 2023) ontbreken. De nieuwe aantallen zijn synthetisch (test); de
percentages per halfjaar zijn die van de bron, met de hand nagekeken in
../shared/seeds/004_6595ddc8072969ad.txt (Baarn woninginbraken 111 116 138 188, +36%, regio
−15%, halfjaren +133% en −32%; Eemnes 19 19 16 38, +144% en +129%; Soest 250 219 166 174,
+9% en 0%)."""

import io

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from cijfers.models import Categorie, Cijfer
from ivp.models import Gebied
from tests import factories

IMPORTBRON = "Synthetische import (test)"


def _rij(response, naam="woninginbraken"):
    return {rij["categorie"]: rij for rij in response.context["overzicht"].tabel.data.data}[naam]


def _cel(html, naam, kolom_index):
    """De tekst van de tabelcel (td) nummer `kolom_index` in de rij met deze naam."""
    begin = html.index(f">{naam}<")
    rij = html[html.rfind("<tr", 0, begin) : html.index("</tr>", begin)]
    return rij.split("<td")[kolom_index]


class ImportVanLosseJarenTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())
        bron = factories.bron(IMPORTBRON)
        bron.document = "Eigen bestand (import)"
        bron.save()
        woninginbraken = Categorie.objects.get(slug="woninginbraken")
        baarn, eemnes, soest = (Gebied.objects.get(slug=s) for s in ("baarn", "eemnes", "soest"))
        for jaar, waarde, status in (
            (2023, 40, Cijfer.Status.DEFINITIEF),
            (2024, 38, Cijfer.Status.DEFINITIEF),
            (2025, 30, Cijfer.Status.VOORLOPIG),
        ):
            factories.cijfer(baarn, woninginbraken, jaar, waarde, bron=bron, status=status)
        factories.cijfer(eemnes, woninginbraken, 2024, 45, bron=bron)
        factories.cijfer(soest, woninginbraken, 2024, 87, bron=bron)

    def test_halfjaren_van_de_bron_blijven_bij_het_paar_van_het_kopje(self):
        verwacht = {"baarn": (133, -32), "eemnes": (144, 129), "soest": (9, 0)}
        for slug, (h1, h2) in verwacht.items():
            with self.subTest(slug=slug):
                response = self.client.get(reverse("cijfers:gebied", args=[slug]))
                self.assertContains(response, "Jan-jun 2018 t.o.v. jan-jun 2017 (%)")
                rij = _rij(response)
                self.assertEqual((rij.get("h1"), rij.get("h2")), (h1, h2))
                # Geen eigen halfjaren: de cel noemt geen andere periode.
                self.assertNotIn("halfjaar_periode", rij)

    def test_ouder_paar_gemarkeerd_in_de_cel_en_in_de_noot(self):
        response = self.client.get(reverse("cijfers:gebied", args=["eemnes"]))
        rij = _rij(response)
        # Eemnes 2024 heeft geen 2023: de rij vergelijkt 2018 met 2017 (38 tegen 16).
        self.assertEqual((rij["verschil"], rij["procent"]), (22, 138))
        self.assertEqual((rij["periode"], rij["nieuwste_jaar"]), ("2018 t.o.v. 2017", 2024))
        html = response.content.decode()
        self.assertContains(
            response,
            '<small class="andere-periode" title="2024 heeft geen volledig jaar ervoor">'
            "(2018 t.o.v. 2017)</small>",
            count=2,  # verschil en procent
        )
        noot = html.split('id="perioden"')[1].split("</div>")[0]
        self.assertIn("haar nieuwste jaar dat een volledig jaar ervoor heeft", noot)
        self.assertIn(
            "woninginbraken: nieuwste jaar 2024 heeft geen volledig jaar ervoor; "
            "vergeleken is 2018 t.o.v. 2017",
            noot,
        )
        # Een rij zonder nieuwer jaar krijgt geen teken.
        self.assertNotIn("nieuwste_jaar", _rij(response, "autokraak"))

    def test_baarn_vergelijkt_2025_met_2024(self):
        response = self.client.get(reverse("cijfers:gebied", args=["baarn"]))
        rij = _rij(response)
        self.assertEqual((rij["verschil"], rij["periode"]), (-8, "2025 t.o.v. 2024"))
        self.assertNotIn("nieuwste_jaar", rij)
        self.assertContains(response, '<small class="andere-periode">(2025 t.o.v. 2024)</small>')
