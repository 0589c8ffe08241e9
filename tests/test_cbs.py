"""Rechtstreeks van het CBS (cijfers/importeren/cbs.py): ophalen, voorbeeld, bevestigen.

Nooit het netwerk op: de antwoorden zijn opgenomen en met de hand gemaakt (tests/cbs/), met de
vorm van de OData-v3-API van het CBS voor 47013NED: twee pagina's (odata.nextLink), een
geheime waarde (null) en een voorlopige en nader voorlopige maand (Status van Perioden).
"""

import io
import json
import socket
import urllib.parse
from pathlib import Path
from unittest import mock

from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings
from django.urls import reverse

from cijfers.importeren import cbs, taken
from cijfers.models import Categorie, Cijfer, Import, Importtaak
from ivp.models import Gebied
from tests.gebruikers import maak_gebruikers

OPNAMES = Path(__file__).parent / "cbs"


class OpgenomenCbs:
    """`haal(url)` met de opgenomen antwoorden; onthoudt elke gevraagde URL. Een URL zonder
    opname is een fout (AssertionError), zodat er nooit iets naar het netwerk gaat."""

    def __init__(self):
        self.urls = []

    def __call__(self, url):
        self.urls.append(url)
        pad = urllib.parse.urlsplit(url).path
        naam = pad.rsplit("/", 1)[-1]
        if naam == "TypedDataSet":
            naam = "TypedDataSet_2" if "skiptoken" in url else "TypedDataSet_1"
        bestand = OPNAMES / f"{naam}.json"
        assert bestand.exists(), f"geen opname voor {url}"
        return json.loads(bestand.read_text(encoding="utf-8"))

    def filters(self):
        """De $filter van elke eerste vraag naar TypedDataSet."""
        return [
            urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)["$filter"][0]
            for url in self.urls
            if "TypedDataSet" in url and "skiptoken" not in url
        ]


def brondata():
    call_command("laad_brondata", stdout=io.StringIO())


class OphalenTest(TestCase):
    """haal_politiecijfers en als_csv, zonder database-import."""

    def test_volgt_odata_nextlink_en_vraagt_alleen_de_gevraagde_regios(self):
        haal = OpgenomenCbs()
        cijfers = cbs.haal_politiecijfers(["GM0308", "GM0342", "NL01", "GM9999"], haal=haal)
        self.assertEqual(len(cijfers.rijen), 7)  # 4 op pagina 1, 3 op pagina 2
        self.assertEqual(sum("TypedDataSet" in url for url in haal.urls), 2)
        (filter_,) = haal.filters()
        # De sleutels precies zoals het CBS ze schrijft (met spaties); een onbekende code niet.
        self.assertIn("RegioS eq 'GM0308    '", filter_)
        self.assertIn("RegioS eq 'NL01      '", filter_)
        self.assertNotIn("GM9999", filter_)
        self.assertNotIn("GM0307", filter_)
        self.assertNotIn("substringof('GM',RegioS)", filter_)
        # De nieuwste twee jaren met maandcijfers.
        self.assertIn("substringof('2024MM',Perioden)", filter_)
        self.assertIn("substringof('2025MM',Perioden)", filter_)
        self.assertNotIn("2023MM", filter_)
        self.assertTrue(all(url.startswith("https://opendata.cbs.nl/") for url in haal.urls))

    def test_alle_gemeenten(self):
        haal = OpgenomenCbs()
        cbs.haal_politiecijfers(["NL01"], alle_gemeenten=True, haal=haal)
        self.assertIn("substringof('GM',RegioS)", haal.filters()[0])

    def test_csv_met_namen_status_en_een_lege_geheime_waarde(self):
        cijfers = cbs.haal_politiecijfers(["GM0308", "GM0342", "NL01"], haal=OpgenomenCbs())
        regels = cbs.als_csv(cijfers).decode("utf-8").splitlines()
        self.assertEqual(
            regels[0], "SoortMisdrijf;RegioS;Perioden;GeregistreerdeMisdrijven_1;Status"
        )
        self.assertIn("1.1.1 Diefstal/inbraak woning;GM0308 Baarn;2024MM01;4;Definitief", regels)
        self.assertIn("1.4.5 Mishandeling;GM0342 Soest;2024MM12;;Definitief", regels)  # null
        self.assertIn("1.1.1 Diefstal/inbraak woning;GM0308 Baarn;2025MM10;3;Voorlopig", regels)
        self.assertIn(
            "1.1.1 Diefstal/inbraak woning;GM0308 Baarn;2025MM09;5;Nader voorlopig", regels
        )
        self.assertIn("0.0.0 Totaal misdrijven;GM0342 Soest;2025MM10;151;Voorlopig", regels)
        self.assertIn(
            "1.1.1 Diefstal/inbraak woning;NL01 Nederland;2024MM12;2113;Definitief", regels
        )

    def test_geen_netwerk_is_cbs_onbereikbaar_met_een_nederlandse_zin(self):
        with socket.socket() as vrij:  # een poort op deze machine waar niemand luistert
            vrij.bind(("127.0.0.1", 0))
            poort = vrij.getsockname()[1]
        with self.assertRaises(cbs.CbsOnbereikbaar) as fout:
            cbs.haal_json(f"http://127.0.0.1:{poort}/47013NED/RegioS", timeout=2)
        self.assertEqual(str(fout.exception), cbs.ONBEREIKBAAR)
        self.assertTrue(fout.exception.oorzaak)


class VoorbeeldEnBevestigingTest(TestCase):
    """Hetzelfde pad als een upload: voorbeeld, niets geschreven, bevestigen, geschreven."""

    @classmethod
    def setUpTestData(cls):
        brondata()
        cls.gebruikers = maak_gebruikers()

    def setUp(self):
        self.client.force_login(self.gebruikers["adviseur_baarn"])

    def test_eigen_codes_zijn_de_eigen_gemeenten_en_nederland(self):
        codes = cbs.eigen_codes()
        self.assertEqual(codes[-1], "NL01")
        self.assertIn("GM0308", codes)
        self.assertIn("GM0342", codes)
        self.assertEqual(len(codes), len(set(codes)))

    def test_knop_maakt_een_voorbeeld_en_bevestigen_schrijft(self):
        aantal = Cijfer.objects.count()
        haal = OpgenomenCbs()
        with mock.patch.object(cbs, "haal_json", haal):
            antwoord = self.client.post(reverse("cijfers:cbs_ophalen"))
        import_ = Import.objects.get()
        self.assertRedirects(antwoord, import_.get_absolute_url())
        self.assertTrue(import_.bestandsnaam.startswith("CBS 47013NED, eigen gebieden"))
        self.assertEqual(import_.soort, Import.Soort.POLITIE)
        self.assertEqual(import_.gebruiker, self.gebruikers["adviseur_baarn"])
        self.assertEqual(Cijfer.objects.count(), aantal)  # een voorbeeld: niets geschreven
        self.assertEqual(import_.afgewezen, 0)
        self.assertEqual(import_.toegevoegd, 7)
        voorbeeld = self.client.get(import_.get_absolute_url())
        self.assertContains(voorbeeld, "Dit is een voorbeeld: er is nog niets opgeslagen.")
        self.assertContains(voorbeeld, ">Importeren</button>")

        self.assertRedirects(
            self.client.post(import_.get_absolute_url()), import_.get_absolute_url()
        )
        import_.refresh_from_db()
        self.assertEqual(import_.status, Import.Status.UITGEVOERD)
        self.assertEqual(Cijfer.objects.count(), aantal + 7)
        baarn = Gebied.objects.get(cbs_code="GM0308")
        woning = Categorie.objects.get(politiecategorieen__code="1.1.1")
        voorlopig = Cijfer.objects.get(gebied=baarn, categorie=woning, periode="2025-10")
        self.assertEqual((voorlopig.waarde, voorlopig.status), (3, Cijfer.Status.VOORLOPIG))
        nader = Cijfer.objects.get(gebied=baarn, categorie=woning, periode="2025-09")
        self.assertEqual(nader.status, Cijfer.Status.VOORLOPIG)
        definitief = Cijfer.objects.get(gebied=baarn, categorie=woning, periode="2024-12")
        self.assertEqual((definitief.waarde, definitief.status), (6, Cijfer.Status.DEFINITIEF))
        # De geheime waarde is geen nul: leeg en geheim.
        geheim = Cijfer.objects.get(gebied__cbs_code="GM0342", periode="2024-12")
        self.assertEqual((geheim.waarde, geheim.status), (None, Cijfer.Status.GEHEIM))
        # Nederland is een referentiegebied met de naam uit de dimensie RegioS.
        self.assertEqual(Gebied.objects.get(cbs_code="NL01").naam, "Nederland")

    @override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
    def test_knop_laat_het_voorbeeld_door_de_worker_maken(self):
        # Zonder worker (DummyBackend): het verzoek haalt de cijfers en bewaart ze; lezen en
        # controleren doet de taak, net als bij een upload.
        with (
            mock.patch.object(cbs, "haal_json", OpgenomenCbs()),
            mock.patch.object(taken, "controleer_bestand", side_effect=AssertionError),
        ):
            antwoord = self.client.post(reverse("cijfers:cbs_ophalen"))
        import_ = Import.objects.get()
        self.assertRedirects(antwoord, import_.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual(import_.status, Import.Status.VOORBEELD_MAKEN)
        self.assertEqual(import_.taak.status, Importtaak.Status.IN_DE_RIJ)
        taken.maak_voorbeeld_taak.call(import_.taak.pk)
        import_.refresh_from_db()
        self.assertEqual((import_.status, import_.toegevoegd), (Import.Status.VOORBEELD, 7))

    def test_zonder_netwerk_een_zin_en_het_uploadformulier(self):
        def geen_netwerk(url):
            raise cbs.CbsOnbereikbaar("Network is unreachable")

        with mock.patch.object(cbs, "haal_json", geen_netwerk):
            antwoord = self.client.post(reverse("cijfers:cbs_ophalen"))
        self.assertContains(antwoord, cbs.ONBEREIKBAAR)
        html = antwoord.content.decode()
        # De zin staat boven het uploadformulier ("upload het bestand hieronder").
        self.assertLess(html.index(cbs.ONBEREIKBAAR), html.index('enctype="multipart/form-data"'))
        self.assertFalse(Import.objects.exists())

    def test_alleen_voor_wie_mag_importeren_en_alleen_post(self):
        url = reverse("cijfers:cbs_ophalen")
        self.assertEqual(self.client.get(url).status_code, 405)
        self.client.force_login(self.gebruikers["raadslid"])
        with mock.patch.object(cbs, "haal_json", OpgenomenCbs()):
            self.assertEqual(self.client.post(url).status_code, 403)
        self.client.logout()
        self.assertEqual(self.client.post(url).status_code, 302)
        self.assertFalse(Import.objects.exists())

    def test_de_importpagina_heeft_de_knop(self):
        antwoord = self.client.get(reverse("cijfers:importeren"))
        self.assertContains(antwoord, f'action="{reverse("cijfers:cbs_ophalen")}"')
        self.assertContains(antwoord, "Ophalen bij het CBS</button>")


class CommandoTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        brondata()

    def test_commando_maakt_een_voorbeeld(self):
        uit = io.StringIO()
        aantal = Cijfer.objects.count()
        with mock.patch.object(cbs, "haal_json", OpgenomenCbs()):
            call_command("haal_politiecijfers", stdout=uit)
        import_ = Import.objects.get()
        self.assertTrue(import_.is_voorbeeld)
        self.assertIsNone(import_.gebruiker)
        self.assertIn("Nog niets geïmporteerd", uit.getvalue())
        self.assertIn(import_.get_absolute_url(), uit.getvalue())
        self.assertEqual(Cijfer.objects.count(), aantal)

    @override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
    def test_commando_maakt_het_voorbeeld_zelf_ook_zonder_worker(self):
        uit = io.StringIO()
        with mock.patch.object(cbs, "haal_json", OpgenomenCbs()):
            call_command("haal_politiecijfers", stdout=uit)
        import_ = Import.objects.get()
        self.assertTrue(import_.is_voorbeeld)
        self.assertEqual(import_.toegevoegd, 7)
        self.assertEqual(import_.taak.opdracht, Importtaak.Opdracht.VOORBEELD)
        self.assertIn("toegevoegd 7", uit.getvalue())

    def test_alle_gemeenten(self):
        haal = OpgenomenCbs()
        with mock.patch.object(cbs, "haal_json", haal):
            call_command("haal_politiecijfers", "--alle-gemeenten", stdout=io.StringIO())
        self.assertIn("substringof('GM',RegioS)", haal.filters()[0])
        self.assertIn("alle gemeenten", Import.objects.get().bestandsnaam)

    def test_in_de_rij_voor_de_worker(self):
        # In de tests voert de ImmediateBackend de taak meteen uit.
        uit = io.StringIO()
        with mock.patch.object(cbs, "haal_json", OpgenomenCbs()):
            call_command("haal_politiecijfers", "--in-de-rij", stdout=uit)
        self.assertIn("staat in de rij voor de worker", uit.getvalue())
        self.assertTrue(Import.objects.get().is_voorbeeld)

    def test_zonder_netwerk_een_fout(self):
        def geen_netwerk(url):
            raise cbs.CbsOnbereikbaar("timed out")

        with (
            mock.patch.object(cbs, "haal_json", geen_netwerk),
            self.assertRaisesMessage(CommandError, "niet te bereiken"),
        ):
            call_command("haal_politiecijfers", stdout=io.StringIO())
        self.assertFalse(Import.objects.exists())
