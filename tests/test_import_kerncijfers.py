"""Het importformaat voor CBS' Kerncijfers wijken en buurten (bijvoorbeeld 85984NED), op een
met de hand gemaakt bestand (synthetisch: geen echt cijfer), en de vergelijkingsgroep daaruit.

De kolomnamen zijn die van de CBS-download (codevariant: WijkenEnBuurten, Codering_3,
AantalInwoners_5, MateVanStedelijkheid_115, Omgevingsadressendichtheid_116; de nummers
verschillen per jaar), met een kolom jaar of zonder: de tabel van het CBS noemt haar jaar
alleen in de titel, en zonder kolom komt het jaar daaruit (tests/kerncijfers/ heeft een met de
hand nagemaakte download).
"""

from pathlib import Path

from django.test import TestCase

from cijfers import vergelijking
from cijfers.importeren import ImportGeweigerd, controleer_bestand
from cijfers.importeren.fouten import BestandFout
from cijfers.models import Import, Kerncijfers
from ivp.models import Gebied
from tests import importbestanden as ib

VOORBEELDEN = Path(__file__).resolve().parent / "kerncijfers"

KOP = (
    '"ID";"WijkenEnBuurten";"Gemeentenaam_1";"SoortRegio_2";"Codering_3";"AantalInwoners_5";'
    '"MateVanStedelijkheid_115";"Omgevingsadressendichtheid_116";"jaar"\r\n'
)
RIJEN = [
    '0;"NL01      ";"Nederland     ";"Land      ";"NL01      ";18000000;2;2000;2024',
    '1;"GM0308    ";"Baarn         ";"Gemeente  ";"GM0308    ";25000;3;1000;2024',
    '2;"WK030800  ";"Baarn         ";"Wijk      ";"WK030800  ";9000;3;1500;2024',
    '3;"BU03080000";"Baarn         ";"Buurt     ";"BU03080000";2000;2;1900;2024',
    '4;"GM9001    ";"Gemeente A    ";"Gemeente  ";"GM9001    ";24000;3;1100;2024',
    '5;"GM9002    ";"Gemeente B    ";"Gemeente  ";"GM9002    ";26000;4;900;2024',
    '6;"GM9003    ";"Gemeente C    ";"Gemeente  ";"GM9003    ";20000;.;1000;2024',
    '7;"GM9004    ";"Gemeente D    ";"Gemeente  ";"GM9004    ";200000;1;3000;2024',
]


def bestand(rijen=RIJEN, kop=KOP):
    return (kop + "\r\n".join(rijen) + "\r\n").encode()


class KerncijfersImportTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.baarn = Gebied.objects.create(
            naam="Baarn", slug="baarn", soort=Gebied.Soort.GEMEENTE, cbs_code="GM0308"
        )

    def test_herkend_en_alleen_land_en_gemeenten_bewaard(self):
        voorstel, import_ = ib.importeer(bestand())
        self.assertEqual(import_.soort, Import.Soort.KERNCIJFERS)
        self.assertEqual(len(voorstel.toegevoegd), 6)  # NL01 en vijf gemeenten
        self.assertEqual(voorstel.controle.overgeslagen.total(), 2)  # de wijk en de buurt
        self.assertFalse(Gebied.objects.filter(cbs_code__in=["WK030800", "BU03080000"]).exists())
        baarn = Kerncijfers.objects.get(gebied=self.baarn)
        self.assertEqual(
            (baarn.jaar, baarn.inwoners, baarn.adressendichtheid, baarn.stedelijkheid),
            (2024, 25_000, 1_000, 3),
        )
        # Een '.' is "het CBS geeft het niet": leeg, nooit 0.
        self.assertIsNone(Kerncijfers.objects.get(gebied__cbs_code="GM9003").stedelijkheid)
        # Nog eens: niets verandert.
        voorstel, _ = ib.importeer(bestand())
        self.assertEqual((len(voorstel.toegevoegd), voorstel.ongewijzigd), (0, 6))
        # De standaardgroep van Baarn (k = 3) uit deze kerncijfers: A, B en C.
        self.assertEqual(vergelijking.bereken_groepen([self.baarn], k=3), 1)
        self.assertEqual(
            sorted(g.cbs_code for g in self.baarn.vergelijkingsgroep.leden.all()),
            ["GM9001", "GM9002", "GM9003"],
        )

    def test_gemeentenaam_geeft_een_gemeente_zonder_naam_haar_naam(self):
        # Proefgebruik punt 10: de codevariant heeft Gemeentenaam_1 naast de code. Een nieuwe
        # gemeente krijgt die naam, net als een bestaande die nog alleen haar code als naam
        # had (GM9002); Baarn houdt haar naam, ook als het bestand iets anders zegt.
        Gebied.objects.create(
            naam="GM9002", slug="gm9002", soort=Gebied.Soort.GEMEENTE, cbs_code="GM9002"
        )
        rijen = [
            r.replace('"Baarn         ";"Gemeente', '"Baarn (anders)";"Gemeente') for r in RIJEN
        ]
        rijen.append('8;"GM9005    ";".             ";"Gemeente  ";"GM9005    ";5000;5;200;2024')
        voorstel, _ = ib.importeer(bestand(rijen))
        self.assertEqual(len(voorstel.toegevoegd), 7)
        namen = dict(
            Gebied.objects.filter(cbs_code__startswith="GM").values_list("cbs_code", "naam")
        )
        self.assertEqual(
            namen,
            {
                "GM0308": "Baarn",
                "GM9001": "Gemeente A",
                "GM9002": "Gemeente B",
                "GM9003": "Gemeente C",
                "GM9004": "Gemeente D",
                "GM9005": "GM9005",  # '.' noemt geen naam: de code blijft, niets bedacht
            },
        )
        self.assertEqual(Gebied.objects.get(cbs_code="NL01").naam, "Nederland")

    def test_labelvariant_van_statline_noemt_de_gemeenten(self):
        # "Wijken en buurten" en "Gemeentenaam" als labels naast "Codering (code)": GM9001 had
        # nog alleen haar code als naam, en heet daarna zoals het bestand haar noemt.
        Gebied.objects.create(
            naam="GM9001", slug="gm9001", soort=Gebied.Soort.GEMEENTE, cbs_code="GM9001"
        )
        inhoud = (VOORBEELDEN / "kerncijfers_wijken_en_buurten_2024_labels.csv").read_bytes()
        ib.importeer(inhoud)
        self.assertEqual(Gebied.objects.get(cbs_code="GM9001").naam, "Gemeente A")
        self.assertEqual(Gebied.objects.get(cbs_code="GM9003").naam, "Gemeente C")
        # Zonder naamkolom (alleen Codering) blijft een nieuwe gemeente haar code heten.
        kop = "Codering_3;AantalInwoners_5;Omgevingsadressendichtheid_116;jaar\r\n"
        ib.importeer(bestand(["GM9006;7000;300;2024"], kop))
        self.assertEqual(Gebied.objects.get(cbs_code="GM9006").naam, "GM9006")

    def test_labelvariant_met_korte_namen(self):
        kop = "gebied;jaar;inwoners;adressendichtheid;stedelijkheid\r\n"
        voorstel, _ = ib.importeer(bestand(["Baarn;2023;24900;990;3"], kop))
        self.assertEqual(len(voorstel.toegevoegd), 1)
        self.assertEqual(Kerncijfers.objects.get(gebied=self.baarn, jaar=2023).inwoners, 24_900)

    def test_zonder_jaar_zegt_de_melding_wat_te_doen(self):
        kop = KOP.replace(';"jaar"', "")
        with self.assertRaises(BestandFout) as fout:
            controleer_bestand(bestand([r.rsplit(";", 1)[0] for r in RIJEN], kop))
        self.assertIn("Voeg een kolom jaar toe", str(fout.exception))
        self.assertIn("Kerncijfers wijken en buurten 2024", str(fout.exception))
        # Een titel zonder "Kerncijfers wijken en buurten" voor het jaar zegt niets over het
        # jaar van de tabel (een tabelnummer, een downloaddatum): nooit raden.
        for titel in ("85984NED", "Gedownload op 3 maart 2025", "Wijken 2024"):
            with self.subTest(titel=titel), self.assertRaises(BestandFout) as fout:
                controleer_bestand(
                    f'"{titel}"\r\n'.encode() + bestand([r.rsplit(";", 1)[0] for r in RIJEN], kop)
                )
            self.assertIn("Voeg een kolom jaar toe", str(fout.exception))

    def test_zonder_kolom_jaar_het_jaar_uit_de_titel(self):
        # De download van StatLine (met de hand nagemaakt): titel "Kerncijfers wijken en
        # buurten 2024", labels met eenheden, een voetregel; geen kolom jaar.
        inhoud = (VOORBEELDEN / "kerncijfers_wijken_en_buurten_2024_labels.csv").read_bytes()
        controle = controleer_bestand(inhoud)
        self.assertEqual(controle.overgeslagen["titelregel boven de kopregel overgeslagen"], 1)
        voorstel, import_ = ib.importeer(inhoud)
        self.assertEqual(import_.soort, Import.Soort.KERNCIJFERS)
        # Nederland, Baarn, A en C (de wijk niet): 4 rijen, alle in 2024.
        self.assertEqual(len(voorstel.toegevoegd), 4)
        self.assertEqual(set(Kerncijfers.objects.values_list("jaar", flat=True)), {2024})
        baarn = Kerncijfers.objects.get(gebied=self.baarn)
        self.assertEqual(
            (baarn.inwoners, baarn.adressendichtheid, baarn.stedelijkheid), (25_000, 1_000, 3)
        )

    def test_codevariant_en_xlsx_met_titel(self):
        kop = KOP.replace(';"jaar"', "")
        zonder = [r.rsplit(";", 1)[0] for r in RIJEN]
        csv = b'"Kerncijfers wijken en buurten 2023 (85984NED)"\r\n' + bestand(zonder, kop)
        ib.importeer(csv)
        self.assertEqual(Kerncijfers.objects.get(gebied=self.baarn).jaar, 2023)
        werkmap = ib.xlsx(
            ["Kerncijfers wijken en buurten 2022"],
            [["Codering_3", "AantalInwoners_5", "Omgevingsadressendichtheid_116"],
             ["GM0308", 24_800, 990]],
        )  # fmt: skip
        ib.importeer(werkmap, naam="kerncijfers.xlsx")
        self.assertEqual(Kerncijfers.objects.get(gebied=self.baarn, jaar=2022).inwoners, 24_800)

    def test_een_kolom_jaar_gaat_voor_de_titel(self):
        ib.importeer(b'"Kerncijfers wijken en buurten 2020"\r\n' + bestand())
        self.assertEqual(set(Kerncijfers.objects.values_list("jaar", flat=True)), {2024})

    def test_twee_jaren_in_de_titel_weigert(self):
        kop = KOP.replace(';"jaar"', "")
        titel = b'"Kerncijfers wijken en buurten 2023"\r\n"Kerncijfers wijken en buurten 2024"\r\n'
        with self.assertRaises(BestandFout) as fout:
            controleer_bestand(titel + bestand([r.rsplit(";", 1)[0] for r in RIJEN], kop))
        self.assertIn("meer dan één jaar", str(fout.exception))
        self.assertIn("2023, 2024", str(fout.exception))
        self.assertFalse(Kerncijfers.objects.exists())

    def test_een_foute_stedelijkheid_weigert_alles(self):
        with self.assertRaises(ImportGeweigerd):
            ib.importeer(bestand(['1;"GM0308";"Baarn";"Gemeente";"GM0308";25000;7;1000;2024']))
        self.assertFalse(Kerncijfers.objects.exists())
