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


def _laad_en_importeer():
    """De brondata en de synthetische import van de proef (zie de docstring van de module)."""
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


class ImportVanLosseJarenTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        _laad_en_importeer()

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


class ExportMetStatusEnBronPerRijTest(TestCase):
    """Punt 8: de export van de trendtabel houdt de status van het CBS (een kolom per jaar,
    het aantal blijft een getal) en noemt per rij alleen de bronnen van die rij."""

    @classmethod
    def setUpTestData(cls):
        _laad_en_importeer()

    def _csv(self):
        import csv

        response = self.client.get(reverse("cijfers:gebied", args=["baarn"]), {"_export": "csv"})
        rijen = list(csv.reader(io.StringIO(response.content.decode())))
        kop = rijen[0]
        return kop, {rij[0]: dict(zip(kop, rij, strict=True)) for rij in rijen[1:]}

    def test_csv_voorlopig_als_getal_met_statuskolom(self):
        kop, rijen = self._csv()
        rij = rijen["woninginbraken"]
        self.assertEqual((rij["2025"], rij["Status 2025"]), ("30", "voorlopig"))
        self.assertEqual((rij["2024"], rij["Status 2024"]), ("38", "definitief"))
        self.assertEqual(rijen["autokraak"]["Status 2024"], "ontbreekt")
        # De statuskolommen staan alleen in de export, niet op de pagina.
        pagina = self.client.get(reverse("cijfers:gebied", args=["baarn"])).content.decode()
        self.assertNotIn("Status 2025", pagina)
        self.assertIn("30*", pagina)

    def test_csv_bron_per_rij(self):
        kop, rijen = self._csv()
        plan = "IVP BES 2019-2022, tabel Baarn 2015-2018"
        self.assertEqual(rijen["woninginbraken"]["Bron"], f"{plan}; {IMPORTBRON}")
        self.assertEqual(rijen["woninginbraak: pogingen"]["Bron"], plan)
        self.assertEqual(kop.count("Bron"), 1)

    def test_xlsx_getal_blijft_getal(self):
        import openpyxl

        response = self.client.get(reverse("cijfers:gebied", args=["baarn"]), {"_export": "xlsx"})
        blad = openpyxl.load_workbook(io.BytesIO(response.content)).active
        kop = [c.value for c in blad[1]]
        rij = next(r for r in blad.iter_rows(values_only=True) if r[0] == "woninginbraken")
        self.assertEqual(rij[kop.index("2025")], 30)
        self.assertEqual(rij[kop.index("Status 2025")], "voorlopig")
        self.assertEqual(rij[kop.index("Bron")].count(IMPORTBRON), 1)


def _figuur(html, ident):
    import json

    blok = html.split(f'id="{ident}-data" type="application/json">')[1].split("</script>")[0]
    return json.loads(blok)


class GrafiekenNaDeImportTest(TestCase):
    """Punten 2 en 13 op de pagina's: geen lijn over 2019-2022, 2025* een open rondje, geen
    gebied zonder cijfers in de legenda, geen "<br>" in de tekst voor schermlezers."""

    @classmethod
    def setUpTestData(cls):
        _laad_en_importeer()

    def test_gebiedspagina_lijn_met_gat_en_voorlopig_punt(self):
        html = self.client.get(reverse("cijfers:gebied", args=["baarn"])).content.decode()
        figuur = _figuur(html, "veelvouden")
        lijn = next(t for t in figuur["data"] if t["name"] == "woninginbraken")
        self.assertEqual(lijn["x"], list(range(2015, 2026)))
        self.assertEqual(lijn["y"][3:], [188, None, None, None, None, 40, 38, 30])
        self.assertEqual(lijn["marker"]["symbol"][-1], "circle-open")
        self.assertIn("open rondje: voorlopig cijfer (*)", [t["name"] for t in figuur["data"]])
        self.assertNotIn("&lt;br&gt;", html.split("<figcaption")[1].split("</figcaption>")[0])

    def test_prioriteit_zonder_de_bilt_in_de_legenda(self):
        html = self.client.get("/plan/2019-2022/prioriteiten/high-impact-crimes/").content.decode()
        figuur = _figuur(html, "gekoppeld")
        namen = {t["name"] for t in figuur["data"]}
        self.assertIn("Baarn", namen)
        self.assertNotIn("De Bilt", namen)
        for bijschrift in html.split("<figcaption")[1:]:
            self.assertNotIn("&lt;br&gt;", bijschrift.split("</figcaption>")[0])
