"""De pagina van een basisteam met maandcijfers van zijn gemeenten (proefgebruik punten 7 en 17).

De politie publiceert open data per gemeente: een basisteam heeft geen eigen maandcijfers. Zijn
maand is dan de som van zijn vijf gemeenten, alleen waar ze alle vijf een aantal hebben; daarmee
krijgt de pagina de kolom van de laatste 12 maanden, de maandgrafiek en "is dat veel?" naast
Nederland. Een kleine, met de hand gemaakte steekproef (synthetisch, geen echt cijfer), per maand
van augustus 2022 t/m september 2024 (tests/test_volledig.py MAANDEN; 2022 en 2024 onvolledig):

- woninginbraken: Baarn 12 per maand (24 vanaf oktober 2023), Bunschoten 8, De Bilt 15,
  Eemnes 3, Soest 10: het team 48 per maand, 60 vanaf oktober 2023; Nederland 6.000;
- fietsdiefstal: elke gemeente 2 per maand, Eemnes maart 2024 geheim;
- vernielingen: elke gemeente 1 per maand, De Bilt zonder juni 2024;
- inwoners 2023: Baarn 25.000, Bunschoten 22.000, De Bilt 43.000, Eemnes 10.000, Soest 50.000
  (samen 150.000); Nederland 18.000.000.

Alle uitkomsten zijn hieronder met de hand uitgerekend.
"""

import csv
import io

from django.core.cache import cache
from django.test import SimpleTestCase, TestCase
from django.urls import reverse
from django.utils.html import strip_tags

from cijfers import statistiek, trends
from cijfers.models import Bevolking, Cijfer
from cijfers.pagina import inwoners as inwonerspagina
from ivp.models import Gebied
from tests import factories
from tests.test_volledig import MAANDEN

GEHEIM, VOORLOPIG = Cijfer.Status.GEHEIM, Cijfer.Status.VOORLOPIG

# naam: (woninginbraken per maand tot en met september 2023, inwoners 2023)
GEMEENTEN = {
    "Baarn": (12, 25_000),
    "Bunschoten": (8, 22_000),
    "De Bilt": (15, 43_000),
    "Eemnes": (3, 10_000),
    "Soest": (10, 50_000),
}


def woninginbraken(naam, jaar, maand):
    """Baarn verdubbelt vanaf oktober 2023 (12 naar 24); de anderen blijven gelijk."""
    per_maand = GEMEENTEN[naam][0]
    return per_maand * 2 if naam == "Baarn" and (jaar, maand) >= (2023, 10) else per_maand


class TeammaandenTest(SimpleTestCase):
    """trends.teammaanden op records zonder database."""

    def record(self, gebied, periode, waarde, status="definitief", **extra):
        jaar = int(periode[:4])
        return {"gebied": gebied, "categorie": 1, "jaar": jaar, "periode": periode,
                "waarde": waarde, "status": status, "bron_titel": f"bron {gebied}", **extra}  # fmt: skip

    def test_alleen_de_som_van_alle_leden_en_een_eigen_maand_gaat_voor(self):
        records = [
            # januari: alle drie, 1 + 2 + 3 = 6; februari: lid 3 geheim; maart: lid 2 ontbreekt;
            # april: lid 1 voorlopig (4 + 5 + 6 = 15, voorlopig); mei: het team heeft er zelf een.
            *(self.record(lid, "2024-01", lid) for lid in (1, 2, 3)),
            self.record(1, "2024-02", 1), self.record(2, "2024-02", 1),
            self.record(3, "2024-02", None, GEHEIM),
            self.record(1, "2024-03", 1), self.record(3, "2024-03", 1),
            self.record(1, "2024-04", 4, VOORLOPIG), self.record(2, "2024-04", 5),
            self.record(3, "2024-04", 6),
            *(self.record(lid, "2024-05", 1) for lid in (1, 2, 3)),
            self.record(9, "2024-05", 99),
            self.record(1, "2024", 100),  # een jaarcijfer telt hier niet
        ]  # fmt: skip
        maanden = trends.teammaanden(records, 9, [1, 2, 3])
        self.assertEqual(
            [(r["periode"], r["waarde"], r["status"]) for r in maanden],
            [("2024-01", 6, "definitief"), ("2024-02", None, "geheim"),
             ("2024-04", 15, "voorlopig")],
        )  # fmt: skip
        self.assertEqual(maanden[0]["bron_titel"], "bron 1; bron 2; bron 3")
        self.assertTrue(all(r["gebied"] == 9 for r in maanden))

    def test_inwoners_van_het_team_alleen_als_alle_leden_bekend_zijn(self):
        def met(gebied, periode, inwoners):
            return self.record(gebied, periode, 1, inwoners=inwoners, inwoners_bron="CBS")

        records = [met(1, "2023-01", 100), met(2, "2023-01", 200),
                   met(1, "2024-01", 110), met(2, "2024-01", None)]  # fmt: skip
        maanden = {r["periode"]: r for r in trends.teammaanden(records, 9, [1, 2])}
        self.assertEqual(maanden["2023-01"]["inwoners"], 300)
        self.assertEqual(maanden["2023-01"]["inwoners_bron"], "som van de gemeenten (CBS)")
        self.assertIsNone(maanden["2024-01"]["inwoners"])
        self.assertEqual(trends.teammaanden(records, 9, []), [])


class TeamzinBevolkingTest(SimpleTestCase):
    """inwoners.teamzin_bevolking zonder database."""

    leden = [Gebied(pk=1, naam="Baarn"), Gebied(pk=2, naam="Eemnes"), Gebied(pk=3, naam="Soest")]
    team = Gebied(pk=9, naam="Basisteam BES")

    def test_een_ouder_jaar_wordt_genoemd(self):
        # Inwoners geïmporteerd voor 2025 (8 gemeenten); het team heeft cijfers t/m 2024, en
        # in 2024 hebben Baarn en Soest een inwonertal, Eemnes niet.
        stand = inwonerspagina.Bevolkingstand(2025, 8)
        zin = inwonerspagina.teamzin_bevolking(
            self.team, self.leden, stand, {1: {2024, 2025}, 3: {2024}}, {2023, 2024}
        )
        self.assertEqual(
            zin,
            "Het aantal inwoners van Eemnes ontbreekt in 2024 (geïmporteerd: 2025, 8 gemeenten); "
            "het basisteam heeft alleen een inwonertal als alle drie gemeenten er een hebben. "
            f"Importeer het aantal inwoners van Eemnes in 2024: {inwonerspagina.BEVOLKINGSBESTAND}.",
        )

    def test_geen_lid_in_een_jaar_met_cijfers_of_niets_geimporteerd(self):
        stand = inwonerspagina.Bevolkingstand(2025, 8)
        zin = inwonerspagina.teamzin_bevolking(self.team, self.leden, stand, {1: {2025}}, {2023})
        self.assertTrue(
            zin.startswith(
                "Het aantal inwoners van de gemeenten van Basisteam BES ontbreekt in de jaren van "
                "zijn cijfers (geïmporteerd: 2025, 8 gemeenten)"
            )
        )
        self.assertIn("Importeer het aantal inwoners van Baarn, Eemnes en Soest in de jaren", zin)
        niets = inwonerspagina.Bevolkingstand()
        self.assertIsNone(
            inwonerspagina.teamzin_bevolking(self.team, self.leden, niets, {}, {2023})
        )


class BasisteamMaandenTestCase(TestCase):
    """De steekproef van de moduletekst in de database."""

    @classmethod
    def setUpTestData(cls):
        bron = factories.bron("Synthetische politiecijfers")
        inwonersbron = factories.bron("Synthetische inwoners")
        cls.woning = factories.categorie("woninginbraken", volgorde=1)
        cls.fiets = factories.categorie("fietsdiefstal", volgorde=2)
        cls.vernieling = factories.categorie("vernielingen", volgorde=3)
        cls.leden = {}
        cijfers = []
        for naam, (_, inwoners) in GEMEENTEN.items():
            gemeente = factories.gebied(naam)
            cls.leden[naam] = gemeente
            Bevolking.objects.create(
                gebied=gemeente, jaar=2023, inwoners=inwoners, bron=inwonersbron
            )
            for jaar, maand in MAANDEN:
                periode = f"{jaar}-{maand:02d}"
                cijfers.append(Cijfer(gebied=gemeente, categorie=cls.woning, jaar=jaar, periode=periode,
                                      waarde=woninginbraken(naam, jaar, maand), bron=bron))  # fmt: skip
                geheim = naam == "Eemnes" and periode == "2024-03"
                cijfers.append(Cijfer(gebied=gemeente, categorie=cls.fiets, jaar=jaar, periode=periode,
                                      waarde=None if geheim else 2, bron=bron,
                                      status=GEHEIM if geheim else Cijfer.Status.DEFINITIEF))  # fmt: skip
                if not (naam == "De Bilt" and periode == "2024-06"):
                    cijfers.append(Cijfer(gebied=gemeente, categorie=cls.vernieling, jaar=jaar,
                                          periode=periode, waarde=1, bron=bron))  # fmt: skip
        cls.nederland = factories.gebied("Nederland", soort=Gebied.Soort.LAND, cbs_code="NL01")
        Bevolking.objects.create(
            gebied=cls.nederland, jaar=2023, inwoners=18_000_000, bron=inwonersbron
        )
        for jaar, maand in MAANDEN:
            cijfers.append(Cijfer(gebied=cls.nederland, categorie=cls.woning, jaar=jaar,
                                  periode=f"{jaar}-{maand:02d}", waarde=6_000, bron=bron))  # fmt: skip
        Cijfer.objects.bulk_create(cijfers)
        cls.team = factories.gebied("Basisteam BES", soort=Gebied.Soort.BASISTEAM)
        cls.team.leden.set(cls.leden.values())

    def setUp(self):
        cache.clear()

    def pagina(self, **params):
        return self.client.get(reverse("cijfers:gebied", args=[self.team.slug]), params)

    @staticmethod
    def rijen(tabel):
        return {rij["categorie"]: rij for rij in tabel.data.data}


class TwaalfMaandenVanHetTeamTest(BasisteamMaandenTestCase):
    def test_kolom_van_de_laatste_12_maanden_uit_de_som(self):
        response = self.pagina()
        overzicht = response.context["overzicht"]
        rij = self.rijen(overzicht.tabel)["woninginbraken"]
        # Oktober 2023 t/m september 2024: 12 x 60 = 720; de 12 ervoor: 12 x 48 = 576.
        # +144 = +25% (stijging); 144 / √(576 + 720) = 144 / 36 = 4: geen toeval.
        self.assertEqual(
            (rij["twaalf_verschil"], rij["twaalf_procent"], rij["twaalf_band"]),
            (144, 25, trends.STIJGING),
        )
        self.assertFalse(rij["twaalf_toeval"])
        self.assertEqual(
            rij["twaalf_periode"], "12 maanden t/m september 2024 t.o.v. de 12 maanden ervoor"
        )
        # Het lopende jaar: januari t/m september 2024 9 x 60 = 540 tegen 9 x 48 = 432: +25%.
        self.assertEqual((rij["lopend_verschil"], rij["lopend_procent"]), (108, 25))
        # 2023 is de som van de vijf volledige jaren: 180 + 96 + 180 + 36 + 120 = 612.
        self.assertEqual(rij["j2023"], 612)
        self.assertNotIn(2024, overzicht.jaren)  # een gedeeltelijk jaar is geen jaar
        # Fietsdiefstal: Eemnes maart 2024 geheim, dus het team ook; vernielingen: De Bilt mist
        # juni 2024, dus het team ook. Geen som van 12 maanden, geen gedeeltelijke som.
        rijen = self.rijen(overzicht.tabel)
        self.assertIsNone(rijen["fietsdiefstal"]["twaalf_procent"])
        self.assertIsNone(rijen["vernielingen"]["twaalf_procent"])
        maanden = overzicht.reeksen.maanden
        self.assertEqual(maanden[(self.team.pk, self.fiets.pk)][(2024, 3)], (None, GEHEIM))
        self.assertEqual(maanden[(self.team.pk, self.fiets.pk)][(2024, 2)][0], 10)
        self.assertNotIn((2024, 6), maanden[(self.team.pk, self.vernieling.pk)])
        self.assertEqual(maanden[(self.team.pk, self.vernieling.pk)][(2024, 5)][0], 5)

    def test_gelabeld_als_som_van_de_vijf_gemeenten(self):
        response = self.pagina()
        overzicht = response.context["overzicht"]
        som = overzicht.maandsom
        self.assertEqual(som.namen, ("woninginbraken", "fietsdiefstal", "vernielingen"))
        self.assertEqual(som.leden, ("Baarn", "Bunschoten", "De Bilt", "Eemnes", "Soest"))
        self.assertFalse(som.ook_eigen)
        self.assertContains(response, 'id="maandsom-basisteam"')
        self.assertContains(response, "som van de vijf gemeenten")
        self.assertContains(response, "alleen als ze die maand alle vijf een aantal hebben")
        self.assertContains(response, "nooit een gedeeltelijke som")
        self.assertIn("Synthetische politiecijfers", overzicht.bronnen)

    def test_maandgrafiek_met_de_som_van_12_maanden(self):
        grafiek = self.pagina().context["overzicht"].maandgrafiek
        self.assertIsNotNone(grafiek)
        self.assertEqual(
            grafiek.titel, "Basisteam BES: per maand en per 12 maanden (som van de vijf gemeenten)"
        )
        # In de figuur op drie regels: op een telefoon past het anders niet.
        self.assertEqual(
            grafiek.figuur["layout"]["title"]["text"],
            "Basisteam BES:<br>per maand en per 12 maanden<br>(som van de vijf gemeenten)",
        )
        # Onder de grafiek voluit, in de figuur kort (charts.bronregel: hoogstens 60 tekens).
        self.assertEqual(
            grafiek.bron,
            "Bron: berekend uit de maandcijfers van Baarn, Bunschoten, De Bilt, Eemnes en Soest "
            "(som van de vijf gemeenten); bron: Synthetische politiecijfers.",
        )
        ondertitel = grafiek.figuur["layout"]["title"]["subtitle"]["text"]
        self.assertEqual(ondertitel, "Bron: berekend: som van de vijf gemeenten e.a.")
        rijen = {rij["maand"]: rij for rij in grafiek.tabel.data.data}
        woning = [c.naam for c, _ in self.pagina().context["overzicht"].categorie_keuze].index(
            "woninginbraken"
        )
        # Augustus 2022 t/m juli 2023: 12 x 48 = 576; oktober 2023 t/m september 2024: 720.
        self.assertEqual(rijen["juli 2023"][f"som_{woning}"], 576)
        self.assertEqual(rijen["september 2024"][f"som_{woning}"], 720)
        self.assertEqual(rijen["september 2024"][f"waarde_{woning}"], 60)
        self.assertIsNone(rijen["juni 2023"][f"som_{woning}"])  # nog geen 12 maanden


class IsDatVeelVanHetTeamTest(BasisteamMaandenTestCase):
    def test_laatste_12_maanden_tegen_nederland(self):
        response = self.pagina()
        inwoners = response.context["inwoners"]
        self.assertTrue(inwoners.alleen_nederland)
        (rij,) = inwoners.twaalf_rijen
        # 720 op 150.000 inwoners (2023, de som van de vijf) = 4,8 per 1.000.
        self.assertEqual((rij.periode, rij.eigen.aantal, rij.eigen.inwoners),
                         ("okt 2023-sep 2024", 720, 150_000))  # fmt: skip
        self.assertAlmostEqual(rij.eigen.waarde, 4.8)
        # Exact interval van Poisson voor 720, ongeveer 720 ± 1,96 x √720 = 667-773.
        onder, boven = statistiek.poisson_interval(720)
        self.assertAlmostEqual(onder, 720 - 1.96 * 720**0.5, delta=2)
        self.assertAlmostEqual(boven, 720 + 1.96 * 720**0.5, delta=2)
        self.assertAlmostEqual(rij.eigen.onder, onder / 150)
        # Nederland: 12 x 6.000 = 72.000 op 18 miljoen = 4,0 (3,97-4,03): het team is hoger.
        self.assertEqual((rij.nederland.aantal, rij.nederland.inwoners), (72_000, 18_000_000))
        self.assertEqual(rij.tov_nederland, statistiek.HOGER)
        self.assertIsNone(rij.basisteam)
        self.assertIsNone(rij.groep)
        cellen = inwoners.twaalf_tabel.data.data[0]
        self.assertEqual((cellen["aantal"], cellen["per_1000"], cellen["nederland"]),
                         ("720", "4,8", "4,0"))  # fmt: skip
        # Geen kolom voor het team naast zichzelf, geen vergelijkingsgroep.
        namen = [kolom.name for kolom in inwoners.twaalf_tabel.columns]
        for zonder in ("basisteam", "groep", "tov_groep", "x_basisteam", "x_groep"):
            self.assertNotIn(zonder, namen)
        self.assertIn("tov_nederland", namen)
        self.assertEqual(inwoners.te_importeren, [])
        self.assertContains(response, "De laatste 12 maanden: okt 2023-sep 2024")
        self.assertContains(response, "▲ hoger")
        self.assertIn(
            "Van woninginbraken is het aantal van Basisteam BES de som van de vijf gemeenten "
            "(Baarn, Bunschoten, De Bilt, Eemnes en Soest), berekend uit hun maandcijfers; per "
            "1.000 inwoners van die gemeenten samen.",
            inwoners.twaalf_noten,
        )
        self.assertIn(
            "Niet in deze tabel, want zonder 12 volledige maanden is er geen som: "
            "fietsdiefstal (maart 2024 is geheim) en vernielingen (juni 2024 ontbreekt).",
            inwoners.twaalf_noten,
        )

    def test_het_nieuwste_volledige_jaar_tegen_nederland(self):
        inwoners = self.pagina().context["inwoners"]
        # Het paneel "vergeleken met": het team en Nederland, geen groep (ook niet in de legenda).
        # Het paneel toont elke rij als index t.o.v. Nederland (proefgebruik punt 9).
        namen = [reeks["name"] for reeks in inwoners.paneel.figuur["data"]]
        self.assertEqual(namen, ["Nederland (= 100)", "Basisteam BES (95%-interval)"])
        rij = next(r for r in inwoners.rijen if r.categorie.naam == "woninginbraken")
        # 2023: 612 op 150.000 = 4,08 per 1.000 (ongeveer 3,76-4,40) tegen Nederland 4,0
        # (3,97-4,03): de intervallen raken elkaar, geen verschil aangetoond.
        self.assertEqual((rij.jaar, rij.eigen.aantal, rij.eigen.inwoners), (2023, 612, 150_000))
        self.assertAlmostEqual(rij.eigen.waarde, 4.08)
        self.assertAlmostEqual(rij.nederland.waarde, 4.0)
        self.assertLess(rij.eigen.onder, rij.nederland.boven)
        self.assertIsNone(rij.tov_nederland)
        namen = [kolom.name for kolom in inwoners.tabel.columns]
        self.assertNotIn("basisteam", namen)
        self.assertNotIn("groep", namen)

    def test_zonder_inwoners_alleen_het_bestand_met_inwoners(self):
        # Geen enkele gemeente heeft een inwonertal (Nederland wel): de algemene zin.
        Bevolking.objects.filter(gebied__in=self.leden.values()).delete()
        response = self.pagina()
        inwoners = response.context["inwoners"]
        self.assertEqual((inwoners.rijen, inwoners.twaalf_rijen), ([], []))
        (zin,) = inwoners.te_importeren  # geen kerncijfers: een team heeft geen groep
        self.assertTrue(zin.startswith("Importeer het aantal inwoners"))
        self.assertTrue(zin.endswith("om de cijfers per 1.000 inwoners te zien, naast Nederland."))
        # De maanden blijven de som van de vijf: de kolom van de 12 maanden staat er nog.
        rij = self.rijen(response.context["overzicht"].tabel)["woninginbraken"]
        self.assertEqual(rij["twaalf_procent"], 25)

    def test_een_gemeente_zonder_inwoners_wordt_genoemd(self):
        # Proefgebruik: vier van de vijf hebben een inwonertal (2023), Eemnes niet; de pagina
        # zei "Importeer het aantal inwoners (...)" alsof er niets was. Geïmporteerd zijn dan
        # de vier gemeenten in 2023 (Nederland is geen gemeente).
        Bevolking.objects.filter(gebied=self.leden["Eemnes"]).delete()
        response = self.pagina()
        (zin,) = response.context["inwoners"].te_importeren
        self.assertEqual(
            zin,
            "Het aantal inwoners van Eemnes ontbreekt (geïmporteerd: 2023, 4 gemeenten); het "
            "basisteam heeft alleen een inwonertal als alle vijf gemeenten er een hebben. "
            f"Importeer het aantal inwoners van Eemnes: {inwonerspagina.BEVOLKINGSBESTAND}.",
        )
        self.assertContains(response, "Het aantal inwoners van Eemnes ontbreekt")
        self.assertNotContains(response, "Importeer het aantal inwoners (")

    def test_elke_gemeente_zonder_inwoners_en_een_ouder_jaar(self):
        # Eemnes en Soest zonder inwonertal; 2024 van de andere drie is het nieuwste jaar
        # (niet volledig, maar met maanden: ook daarvoor telt het inwonertal), dus in 2024.
        Bevolking.objects.filter(gebied__in=[self.leden["Eemnes"], self.leden["Soest"]]).delete()
        bron = factories.bron("Synthetische inwoners")
        for naam in ("Baarn", "Bunschoten", "De Bilt"):
            Bevolking.objects.create(gebied=self.leden[naam], jaar=2024, inwoners=1, bron=bron)
        Bevolking.objects.create(gebied=self.leden["Soest"], jaar=2020, inwoners=1, bron=bron)
        (zin,) = self.pagina().context["inwoners"].te_importeren
        self.assertTrue(
            zin.startswith(
                "Het aantal inwoners van Eemnes en Soest ontbreekt (geïmporteerd: 2024, 3 "
                "gemeenten); het basisteam heeft alleen een inwonertal als alle vijf gemeenten "
                "er een hebben. Importeer het aantal inwoners van Eemnes en Soest: "
            ),
            zin,
        )

    def test_export_van_de_12_maanden_zonder_team_en_groep(self):
        export = self.pagina(_export="csv", _tabel="twaalf").content.decode()
        kop, regel = export.splitlines()[:2]
        self.assertIn("Nederland per 1.000", kop)
        self.assertNotIn("Basisteam BES per 1.000", kop)
        self.assertNotIn("Groep", kop)
        self.assertIn("720", regel.split(","))


class GemeentenNaastElkaarTest(BasisteamMaandenTestCase):
    def test_geen_overig_als_het_totaal_de_som_is(self):
        response = self.pagina()
        vergelijking = response.context["vergelijking"]
        # Het team heeft geen eigen cijfers: 2023 is in elke categorie de som van de vijf.
        self.assertEqual(vergelijking.jaar, 2023)
        self.assertFalse(vergelijking.met_restant)
        namen = [kolom.name for kolom in vergelijking.tabel.columns]
        self.assertNotIn("overig", namen)
        self.assertNotIn("aandeel_overig", namen)
        rij = self.rijen(vergelijking.tabel)["woninginbraken"]
        self.assertEqual(rij["basisteam"], 612)
        # Aandeel Baarn: 180 / 612 = 29,4%.
        self.assertEqual(rij[f"aandeel_{self.leden['Baarn'].pk}"], 29.4)
        self.assertEqual([naam for naam, _, _ in vergelijking.reeksen], list(GEMEENTEN))
        self.assertContains(response, 'id="totaal-is-som"')
        self.assertContains(
            response, "Het totaal van Basisteam BES in 2023 is de som van zijn gemeenten"
        )
        self.assertNotContains(response, "overig (afgeleid)")

    def test_overig_alleen_met_een_echt_restant(self):
        # Een eigen cijfer van het team voor 2023 dat van de som verschilt: 650 - 612 = 38.
        factories.cijfer(self.team, self.woning, 2023, 650)
        response = self.pagina()
        vergelijking = response.context["vergelijking"]
        self.assertTrue(vergelijking.met_restant)
        rijen = self.rijen(vergelijking.tabel)
        self.assertEqual(rijen["woninginbraken"]["overig"], 38)
        # 38 / 650 = 5,8%.
        self.assertEqual(rijen["woninginbraken"]["aandeel_overig"], 5.8)
        # Fietsdiefstal en vernielingen: het totaal is de som, dus geen restant ('–').
        self.assertEqual(vergelijking.som_van_gemeenten, ["fietsdiefstal", "vernielingen"])
        self.assertEqual(rijen["fietsdiefstal"]["overig"], trends.NIETS)
        self.assertEqual(vergelijking.reeksen[-1], ("overig (afgeleid)", [38, None, None], True))
        self.assertContains(response, "Bij fietsdiefstal en vernielingen is het totaal")

    def aandelen(self, vergelijking):
        """{categorie: [waarde per staaf]} van de grafiek met de aandelen (tot 100% gestapeld)."""
        data = vergelijking.aandeel.figuur["data"]
        return {
            naam: [reeks["y"][i] for reeks in data]
            for i, naam in enumerate(vergelijking.categorienamen)
        }

    def test_aandelen_alleen_waar_elke_gemeente_een_getal_heeft(self):
        # De Bilt zonder fietsdiefstal in 2023 en het eigen cijfer van het team geheim: de tabel
        # geeft het totaal en de aandelen als '.'; de grafiek mag die categorie dan niet over
        # vier gemeenten tot 100% rekken.
        Cijfer.objects.filter(
            gebied=self.leden["De Bilt"], categorie=self.fiets, jaar=2023
        ).delete()
        factories.cijfer(self.team, self.fiets, 2023, None, status=GEHEIM)
        vergelijking = self.pagina().context["vergelijking"]
        aandelen = self.aandelen(vergelijking)
        self.assertEqual(aandelen["fietsdiefstal"], [None] * 5)
        # Woninginbraken 2023 (12 x 12 = 144 in Baarn, ...): alle vijf, de aantallen zelf;
        # plotly stapelt ze tot 100% (barnorm "percent").
        self.assertEqual(aandelen["woninginbraken"], [180, 96, 180, 36, 120])
        self.assertEqual(vergelijking.aandeel.figuur["layout"]["barnorm"], "percent")
        rij = self.rijen(vergelijking.tabel)["fietsdiefstal"]
        self.assertEqual(rij["basisteam"], None)

    def test_aandelen_met_restant_ook_waar_het_totaal_de_som_is(self):
        factories.cijfer(self.team, self.woning, 2023, 650)
        aandelen = self.aandelen(self.pagina().context["vergelijking"])
        # Woninginbraken: vijf gemeenten en het restant 38; vernielingen: het totaal is de
        # som (geen restant), toch heel: 12 per gemeente.
        self.assertEqual(aandelen["woninginbraken"], [180, 96, 180, 36, 120, 38])
        self.assertEqual(aandelen["vernielingen"], [12, 12, 12, 12, 12, None])

    def test_bronnen_alleen_van_het_vergeleken_jaar(self):
        # Een cijfer van Baarn uit een andere bron in 2019 staat niet onder de vergelijking van
        # 2023 (de grafiek noemde de bronnen van alle jaren).
        factories.cijfer(
            self.leden["Baarn"], self.woning, 2019, 100, bron=factories.bron("Oud plan")
        )
        vergelijking = self.pagina().context["vergelijking"]
        self.assertEqual(vergelijking.jaar, 2023)
        self.assertEqual(vergelijking.bronnen, ["Synthetische politiecijfers"])

    def test_eigen_cijfer_gelijk_aan_de_som_is_geen_restant(self):
        factories.cijfer(self.team, self.woning, 2023, 612)
        vergelijking = self.pagina().context["vergelijking"]
        self.assertFalse(vergelijking.met_restant)
        self.assertEqual(vergelijking.som_van_gemeenten, ["fietsdiefstal", "vernielingen"])


class TekensNaastElkaarTest(BasisteamMaandenTestCase):
    """Proefgebruik: "Gemeenten naast elkaar" gaf een voorlopig jaarcijfer zonder '*' ("9" en
    "24" waar de trendtabel "24*" gaf) en een geheim cijfer als '.' (de trendtabel: 'x')."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # De Bilt woninginbraken 2023: een voorlopig jaarcijfer (gaat voor de maanden), 180*;
        # Eemnes fietsdiefstal 2023: geheim; De Bilt zonder vernielingen in 2023, en het team
        # met een eigen 60 (anders is er zonder De Bilt geen som en geen rij).
        factories.cijfer(cls.leden["De Bilt"], cls.woning, 2023, 180, status=VOORLOPIG)
        factories.cijfer(cls.leden["Eemnes"], cls.fiets, 2023, None, status=GEHEIM)
        Cijfer.objects.filter(
            gebied=cls.leden["De Bilt"], categorie=cls.vernieling, jaar=2023
        ).delete()
        factories.cijfer(cls.team, cls.vernieling, 2023, 60)

    def cellen(self, tabel):
        """{(categorie, kolom): tekst op het scherm, zonder HTML}."""
        return {
            (rij.record["categorie"], kolom.name): strip_tags(str(rij.get_cell(kolom.name)))
            for rij in tabel.rows
            for kolom in tabel.columns
        }

    def test_voorlopig_geheim_en_ontbrekend_zoals_de_trendtabel(self):
        response = self.pagina()
        vergelijking = response.context["vergelijking"]
        self.assertEqual(vergelijking.jaar, 2023)
        cellen = self.cellen(vergelijking.tabel)
        baarn, debilt, eemnes = (self.leden[n].pk for n in ("Baarn", "De Bilt", "Eemnes"))
        # Woninginbraken: het team is de som van de vijf, 180 + 96 + 180* + 36 + 120 = 612*;
        # elk aandeel deelt door dat voorlopige totaal: 180 / 612 = 29,4%*, 96 / 612 = 15,7%*.
        woning = {k: v for (c, k), v in cellen.items() if c == "woninginbraken"}
        self.assertEqual(woning[f"gemeente_{baarn}"], "180")
        self.assertEqual(woning[f"gemeente_{debilt}"], "180*")
        self.assertEqual(woning["basisteam"], "612*")
        self.assertEqual(woning[f"aandeel_{baarn}"], "29,4*")
        self.assertEqual(woning[f"aandeel_{debilt}"], "29,4*")
        self.assertEqual(woning[f"aandeel_{self.leden['Bunschoten'].pk}"], "15,7*")
        # Fietsdiefstal: Eemnes geheim, dus de som van het team en elk aandeel ook: 'x'.
        fiets = {k: v for (c, k), v in cellen.items() if c == "fietsdiefstal"}
        self.assertEqual(fiets[f"gemeente_{baarn}"], "24")
        self.assertEqual(fiets[f"gemeente_{eemnes}"], "x")
        self.assertEqual(fiets["basisteam"], "x")
        self.assertEqual(fiets[f"aandeel_{baarn}"], "x")
        # Vernielingen: De Bilt ontbreekt ('.'), het team heeft een eigen 60; Baarn 12 / 60.
        vernieling = {k: v for (c, k), v in cellen.items() if c == "vernielingen"}
        self.assertEqual(vernieling[f"gemeente_{debilt}"], ".")
        self.assertEqual(vernieling[f"aandeel_{debilt}"], ".")
        self.assertEqual(vernieling["basisteam"], "60")
        self.assertEqual(vernieling[f"aandeel_{baarn}"], "20,0")
        # De trendtabel van het team zegt hetzelfde over 2023.
        trend = self.rijen(response.context["overzicht"].tabel)
        self.assertEqual(
            trends.cel_weergave(trend["woninginbraken"]["j2023"],
                                trend["woninginbraken"]["statussen"][2023]), "612*",
        )  # fmt: skip
        self.assertEqual(trend["fietsdiefstal"]["statussen"][2023], GEHEIM)
        # De grafiek blijft numeriek; de legenda noemt de tekens.
        self.assertEqual(vergelijking.reeksen[2], ("De Bilt", [180, 24, None], False))
        self.assertContains(response, 'id="tekens-vergelijking"')
        self.assertContains(response, "* = voorlopig (ook een totaal, aandeel of restant")

    def test_geen_restant_is_ook_in_de_export_een_streepje(self):
        # Een eigen woninginbraken 2023 van het team (650 - 612* = 38*): dan staat de kolom
        # "overig" er; vernielingen heeft een eigen 60 (De Bilt ontbreekt: restant '.'),
        # fietsdiefstal is de som (geen restant: '–', ook in de statuskolom).
        factories.cijfer(self.team, self.woning, 2023, 650)
        vergelijking = self.pagina().context["vergelijking"]
        cellen = self.cellen(vergelijking.tabel)
        self.assertEqual(cellen[("woninginbraken", "overig")], "38*")
        self.assertEqual(cellen[("woninginbraken", "basisteam")], "650")
        self.assertEqual(cellen[("woninginbraken", f"aandeel_{self.leden['Baarn'].pk}")], "27,7")
        self.assertEqual(cellen[("woninginbraken", "aandeel_overig")], "5,8*")
        self.assertEqual(cellen[("vernielingen", "overig")], ".")
        self.assertEqual(cellen[("fietsdiefstal", "overig")], trends.NIETS)
        export = self.pagina(_export="csv", _tabel="gemeenten").content.decode()
        rijen = {r["Categorie"]: r for r in csv.DictReader(io.StringIO(export))}
        kolom = "Status overig (afgeleid)"
        self.assertEqual(rijen["fietsdiefstal"][kolom], trends.NIETS)
        self.assertEqual(rijen["woninginbraken"][kolom], "voorlopig")
        self.assertEqual(rijen["vernielingen"][kolom], "ontbreekt")

    def test_export_getallen_met_status_zoals_de_trendtabel(self):
        export = self.pagina(_export="csv", _tabel="gemeenten").content.decode()
        rijen = {r["Categorie"]: r for r in csv.DictReader(io.StringIO(export))}
        woning, fiets, vernieling = (
            rijen[n] for n in ("woninginbraken", "fietsdiefstal", "vernielingen")
        )
        self.assertEqual((woning["De Bilt"], woning["Status De Bilt"]), ("180", "voorlopig"))
        self.assertEqual(woning["Basisteam BES (totaal)"], "612")
        self.assertEqual(woning["Status Basisteam BES (totaal)"], "voorlopig")
        self.assertEqual(woning["Aandeel Baarn (%)"], "29.4")
        self.assertEqual((woning["Baarn"], woning["Status Baarn"]), ("180", "definitief"))
        self.assertEqual((fiets["Eemnes"], fiets["Status Eemnes"]), ("x", "geheim"))
        self.assertEqual(fiets["Aandeel Baarn (%)"], "x")
        self.assertEqual((vernieling["De Bilt"], vernieling["Status De Bilt"]), (".", "ontbreekt"))


class QueriesTest(BasisteamMaandenTestCase):
    def test_aantal_queries_van_het_basisteam_met_maanden_en_inwoners(self):
        # Koud (12): 1 de gegevensversie, 2 het basisteam, 3 zijn leden, 4 de categorieën,
        # 5 de cijfers van het team, 6 de cijfers van de leden (de maanden van het team zijn hun
        # som: geen query); geen gepubliceerde veranderingen (2023 is het enige volledige jaar:
        # er is geen vorig jaar); "is dat veel?" naast Nederland (cijfers/vergelijking.py
        # _teamvergelijking): 7 Nederland, 8 zijn cijfers in de jaren die de vergelijking
        # leest (2023 en 2024), 9 zijn inwonertallen; dan 10 de beleving, 11 de toelichtingen
        # van het team en 12 de herziene cijfers uit het plan.
        with self.assertNumQueries(12):
            self.pagina()
        # Warm: alleen de gegevensversie.
        with self.assertNumQueries(1):
            self.pagina()
