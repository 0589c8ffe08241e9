"""Cijfers uit het plan worden nooit stil overschreven (issue 12, deel 3): het voorbeeld noemt
elk cijfer uit het plan dat verandert met beide waarden, alleen een uitdrukkelijke bevestiging
herziet het, de gebiedspagina noemt het herzien met beide bronnen, en de geschiedenis houdt de
oude waarde. Het bestand is hier gemaakt en synthetisch (190 is geen echt cijfer)."""

import io
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse

from cijfers.importeren import ImportGeweigerd
from cijfers.importeren.plan import herzieningen
from cijfers.models import Cijfer, Import
from ivp.models import Gebied
from tests import importbestanden as ib
from tests.gebruikers import maak_gebruikers

PLANBRON = "IVP BES 2019-2022, tabel Baarn 2015-2018"
# Baarn, woninginbraken 2018 staat in het plan als 188; het bestand zegt 190 (synthetisch), en
# heeft een nieuwe rij (2024) die niets met het plan te maken heeft.
BESTAND = ib.sjabloon_csv(
    [["Baarn", "woninginbraken", 2018, 2018, 190, "", ""],
     ["Baarn", "woninginbraken", 2024, 2024, 50, "", ""]]
)  # fmt: skip


class PlanTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())
        cls.gebruikers = maak_gebruikers()

    def setUp(self):
        self.client.force_login(self.gebruikers["adviseur_baarn"])

    def plancijfer(self):
        return Cijfer.objects.select_related("bron").get(
            gebied__slug="baarn", categorie__slug="woninginbraken", periode="2018"
        )

    def test_het_plancijfer_uit_de_brongegevens(self):
        cijfer = self.plancijfer()
        self.assertEqual((cijfer.waarde, cijfer.bron.titel), (188, PLANBRON))

    def test_voorbeeld_noemt_beide_waarden_en_zonder_bevestiging_niets(self):
        self.client.post(
            reverse("cijfers:importeren"),
            {"bestand": SimpleUploadedFile("plan-synthetisch.csv", BESTAND, "text/csv")},
        )
        import_ = Import.objects.get()
        voorbeeld = self.client.get(import_.get_absolute_url())
        self.assertContains(voorbeeld, "Afwijkingen van het plan")
        self.assertContains(voorbeeld, f"wijkt af van {PLANBRON}")
        self.assertContains(
            voorbeeld,
            '<tr><td class="tabular">2</td><td>Baarn</td><td>woninginbraken</td><td>2018</td>'
            f'<td class="tabular">188</td><td class="tabular">190</td>'
            f"<td>wijkt af van {PLANBRON}</td></tr>",
            html=True,
        )
        self.assertContains(voorbeeld, 'name="plan_bevestigd"')
        self.assertEqual(import_.afgewezen, 1)

        # Bevestigen zonder het vinkje: niets geschreven, ook de nieuwe rij niet.
        voor = ib.stand()
        antwoord = self.client.post(import_.get_absolute_url())
        self.assertContains(antwoord, "bevestig de afwijkingen van het plan")
        self.assertEqual(ib.stand(), voor)

        # Met het vinkje: herzien, de nieuwe rij erbij.
        antwoord = self.client.post(import_.get_absolute_url(), {"plan_bevestigd": "on"})
        self.assertRedirects(antwoord, import_.get_absolute_url())
        cijfer = self.plancijfer()
        self.assertEqual(cijfer.waarde, 190)
        self.assertNotEqual(cijfer.bron.titel, PLANBRON)
        # De geschiedenis houdt de waarde uit het plan.
        oud = cijfer.history.order_by("history_date").first()
        self.assertEqual((oud.waarde, oud.bron.titel), (188, PLANBRON))
        uitgevoerd = self.client.get(import_.get_absolute_url())
        self.assertContains(uitgevoerd, "Herziene cijfers uit het plan")

        # De gebiedspagina noemt het cijfer herzien, met beide bronnen.
        pagina = self.client.get(reverse("cijfers:gebied", args=["baarn"]))
        self.assertContains(
            pagina,
            f"<li>woninginbraken 2018: 190 volgens {cijfer.bron.titel}; herzien, in "
            f"{PLANBRON} stond 188.</li>",
            html=True,
        )
        soest = self.client.get(reverse("cijfers:gebied", args=["soest"]))
        self.assertNotContains(soest, 'id="herzien"')

        # Nog eens: niets verandert, en geen afwijking van het plan meer.
        voorstel, _ = ib.importeer(BESTAND)
        self.assertEqual((voorstel.te_schrijven, voorstel.plan), (0, []))

    def test_alles_of_niets_en_alleen_de_geldige_rijen(self):
        voor = ib.stand()
        with self.assertRaises(ImportGeweigerd) as geweigerd:
            ib.importeer(BESTAND)
        (fout,) = geweigerd.exception.voorstel.fouten
        self.assertEqual((fout.rij, fout.kolom, fout.waarde), (2, "waarde", "190"))
        self.assertIn(f"Wijkt af van {PLANBRON}: daar staat 188", fout.reden)
        self.assertEqual(ib.stand(), voor)
        # Alleen de geldige rijen: de nieuwe rij wel, het plancijfer blijft.
        voorstel, _ = ib.importeer(BESTAND, alleen_geldige=True)
        self.assertEqual(len(voorstel.toegevoegd), 1)
        self.assertEqual(self.plancijfer().waarde, 188)
        self.assertEqual(herzieningen(Gebied.objects.get(slug="baarn")), [])

    def test_een_gelijk_cijfer_is_geen_afwijking(self):
        gelijk = ib.sjabloon_csv([["Baarn", "woninginbraken", 2018, 2018, 188, "", ""]])
        voorstel, _ = ib.importeer(gelijk)
        self.assertEqual((voorstel.ongewijzigd, voorstel.plan), (1, []))
        self.assertEqual(self.plancijfer().bron.titel, PLANBRON)

    def test_het_commando_met_en_zonder_plan_herzien(self):
        with tempfile.TemporaryDirectory() as map_:
            pad = Path(map_) / "plan-synthetisch.csv"
            pad.write_bytes(BESTAND)
            with self.assertRaises(CommandError):
                call_command(
                    "importeer_cijfers", str(pad), stdout=io.StringIO(), stderr=io.StringIO()
                )
            self.assertEqual(self.plancijfer().waarde, 188)
            call_command("importeer_cijfers", str(pad), "--plan-herzien", stdout=io.StringIO())
        self.assertEqual(self.plancijfer().waarde, 190)
        (herziening,) = herzieningen(Gebied.objects.get(slug="baarn"))
        self.assertEqual((herziening.plan_waarde, herziening.plan_bron), (188, PLANBRON))

    def test_verwachte_tellingen_met_en_zonder_bevestiging(self):
        from cijfers.importeren.taken import verwachte_tellingen

        tellingen = {"toegevoegd": 1, "gewijzigd": 0, "ongewijzigd": 0, "afgewezen": 1,
                     "overgeslagen": 0}  # fmt: skip
        import_ = Import(**tellingen, voorbeeld={"aantal_plan": 1, "plan_bevestigd": False})
        self.assertEqual(verwachte_tellingen(import_, False), tellingen)
        self.assertEqual(
            verwachte_tellingen(import_, True), {**tellingen, "gewijzigd": 1, "afgewezen": 0}
        )
        # Een voorbeeld dat al met de bevestiging gemaakt is, en nu zonder wordt bevestigd.
        bevestigd = {**tellingen, "gewijzigd": 1, "afgewezen": 0}
        import_ = Import(**bevestigd, voorbeeld={"aantal_plan": 1, "plan_bevestigd": True})
        self.assertEqual(verwachte_tellingen(import_, True), bevestigd)
        self.assertEqual(verwachte_tellingen(import_, False), tellingen)
