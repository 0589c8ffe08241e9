"""Schrijft fixtures/04_cijfers.json uit de tabellen van het IVP BES 2019-2022.

Gebruik: python scripts/maak_cijferfixture.py  (leest fixtures/bron/004_*.txt)

Categorieën, bronnen en veiligheidsbeleving staan hier als gegevens; de aantallen
en percentages komen rechtstreeks uit de brontekst. Dubbelzinnige halfjaarwaarden
(één waarde waar er twee kolommen zijn) worden niet opgeslagen.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.bron_ivp_2019 import (  # noqa: E402
    BASISTEAM_JAREN,
    CATEGORIEEN,
    GEMEENTE_JAREN,
    basisteamtabel,
    gemeentetabellen,
    lees_bron,
    splits_procenten,
)

UITVOER = Path(__file__).resolve().parent.parent / "fixtures" / "04_cijfers.json"

GEBIED_PK = {"baarn": 1, "bunschoten": 2, "de-bilt": 3, "eemnes": 4, "soest": 5}
BASISTEAM_PK = 6
REGIO_PK = 7
PARAGRAAF = {"baarn": "8.1", "bunschoten": "8.2", "eemnes": "8.3", "soest": "8.4"}
NAAM = {"baarn": "Baarn", "bunschoten": "Bunschoten", "eemnes": "Eemnes", "soest": "Soest"}

DOCUMENT = "Integraal Veiligheidsplan BES 2019-2022"

# (slug, ouder, groep, eenheid, omschrijving)
CATEGORIE_GEGEVENS = {
    "criminaliteit totaal": ("criminaliteit-totaal", None, "totaal", "misdrijven", ""),
    "woninginbraken": (
        "woninginbraken",
        None,
        "woninginbraak",
        "misdrijven",
        "Pogingen en geslaagde woninginbraken samen.",
    ),
    "woninginbraak: pogingen": (
        "woninginbraak-pogingen",
        "woninginbraken",
        "woninginbraak",
        "misdrijven",
        "",
    ),
    "woninginbraak: geslaagd": (
        "woninginbraak-geslaagd",
        "woninginbraken",
        "woninginbraak",
        "misdrijven",
        "",
    ),
    "geweld: totaal": (
        "geweld-totaal",
        None,
        "geweld",
        "misdrijven",
        "In de basisteamtabel heet deze rij 'Geweld'.",
    ),
    "geweld: zeden": ("geweld-zeden", "geweld: totaal", "geweld", "misdrijven", ""),
    "geweld: openlijk geweld": (
        "geweld-openlijk-geweld",
        "geweld: totaal",
        "geweld",
        "misdrijven",
        "",
    ),
    "geweld: bedreiging": ("geweld-bedreiging", "geweld: totaal", "geweld", "misdrijven", ""),
    "geweld: mishandeling": ("geweld-mishandeling", "geweld: totaal", "geweld", "misdrijven", ""),
    "geweld: straatroof": ("geweld-straatroof", "geweld: totaal", "geweld", "misdrijven", ""),
    "geweld: overval": ("geweld-overval", "geweld: totaal", "geweld", "misdrijven", ""),
    "geweld: overig": ("geweld-overig", "geweld: totaal", "geweld", "misdrijven", ""),
    "huiselijk geweld": ("huiselijk-geweld", None, "overig", "misdrijven", ""),
    "autokraak": ("autokraak", None, "vvc", "misdrijven", ""),
    "fietsdiefstal": ("fietsdiefstal", None, "vvc", "misdrijven", ""),
    "vernielingen": ("vernielingen", None, "vvc", "misdrijven", ""),
    "zakkenrollen": ("zakkenrollen", None, "vvc", "misdrijven", ""),
    "inbraak/diefstal bedrijf en instelling": (
        "inbraak-diefstal-bedrijf-en-instelling",
        None,
        "overig",
        "misdrijven",
        "",
    ),
    "winkeldiefstal": ("winkeldiefstal", None, "vvc", "misdrijven", ""),
    "meldingen jongerenoverlast": ("meldingen-jongerenoverlast", None, "overlast", "meldingen", ""),
}

BRONNEN = [
    {
        "pk": 1,
        "titel": "IVP BES 2019-2022, tabel basisteam BES 2014-2018",
        "document": DOCUMENT,
        "tabel": "§2.1 Objectieve veiligheid basisteam BES, tabel 'Gebied Basisteam BES'",
        "noot": "Het plan noemt als bron: website Veiligheidscoalitie Midden Nederland. "
        "De tabel omvat alle vijf gemeenten van het basisteam, ook De Bilt.",
    },
    *[
        {
            "pk": 2 + i,
            "titel": f"IVP BES 2019-2022, tabel {NAAM[slug]} 2015-2018",
            "document": DOCUMENT,
            "tabel": f"§{PARAGRAAF[slug]} {NAAM[slug]}, tabel geregistreerde criminaliteit 2015-2018",
            "noot": "Met de ontwikkeling 2018 t.o.v. 2017 in de gemeente en in regio Midden-Nederland, "
            "en per periode van zes maanden.",
        }
        for i, slug in enumerate(["baarn", "bunschoten", "eemnes", "soest"])
    ],
    {
        "pk": 6,
        "titel": "IVP BES 2019-2022, tabellen §8: kolom regio Midden-Nederland",
        "document": DOCUMENT,
        "tabel": "§8.1-8.4, kolom 'ontwikkeling 2018 t.o.v. 2017, regio MNL'",
        "noot": "In alle vier de gemeentetabellen gelijk per categorie; de bron geeft alleen het percentage.",
    },
    {
        "pk": 7,
        "titel": "Veiligheidsmonitor 2017",
        "document": "Veiligheidsmonitor 2017",
        "tabel": "Rapportcijfer veiligheid in de buurt, overgenomen in IVP BES 2019-2022 §2.2",
        "noot": "De Veiligheidsmonitor is een tweejaarlijks bevolkingsonderzoek naar veiligheid, "
        "leefbaarheid en slachtofferschap.",
    },
    {
        "pk": 8,
        "titel": "Bevolkingsonderzoek veiligheidsbeleving Baarn 2018",
        "document": "Bevolkingsonderzoek veiligheidsbeleving 2018 (gemeente Baarn)",
        "tabel": "Rapportcijfer veiligheid in de buurt, overgenomen in IVP BES 2019-2022 §2.2 en §8.1",
        "noot": "Baarn liet in plaats van de Veiligheidsmonitor een eigen onderzoek uitvoeren, "
        "met enquêtes en interviews.",
    },
    {
        "pk": 9,
        "titel": "IVP BES 2019-2022, tekst §8.2 en §8.3",
        "document": DOCUMENT,
        "tabel": "§8.2 Bunschoten en §8.3 Eemnes, alinea 'Veiligheidsgevoel'",
        "noot": "",
    },
]

BELEVING = [
    # (gebied, jaar, rapportcijfer, onderzoek, toelichting, bron)
    (
        2,
        2016,
        "7.6",
        "eerdere meting (§8.2)",
        "Genoemd in §8.2: 'In 2016 beoordeelden inwoners dit met een 7,6.'",
        9,
    ),
    (2, 2017, "7.7", "Veiligheidsmonitor 2017", "", 7),
    (1, 2018, "6.6", "Bevolkingsonderzoek veiligheidsbeleving 2018", "", 8),
    (5, 2017, "7.0", "Veiligheidsmonitor 2017", "", 7),
    (
        4,
        2014,
        None,
        "Veiligheidsmonitor 2014",
        "Geen bruikbaar rapportcijfer: de laatste Veiligheidsmonitor is uit 2014 en die "
        "uitkomsten zijn niet meer representatief (§2.2 en §8.3).",
        9,
    ),
]


def fixtureobject(model, pk, **velden):
    """Eén object in Django's fixtureformaat: {"model": "cijfers.<model>", "pk", "fields"}."""
    return {"model": f"cijfers.{model}", "pk": pk, "fields": velden}


def categorieen_en_bronnen(cat_pk):
    """De 20 categorieën (met ouder, groep en eenheid) en de bronnen, als fixtureobjecten."""
    objecten = []
    for naam in CATEGORIEEN:
        slug, ouder, groep, eenheid, omschrijving = CATEGORIE_GEGEVENS[naam]
        objecten.append(
            fixtureobject(
                "categorie",
                cat_pk[naam],
                naam=naam,
                slug=slug,
                ouder=cat_pk[ouder] if ouder else None,
                groep=groep,
                eenheid=eenheid,
                volgorde=cat_pk[naam],
                omschrijving=omschrijving,
            )
        )
    for bron in BRONNEN:
        velden = {k: v for k, v in bron.items() if k != "pk"}
        objecten.append(fixtureobject("bron", bron["pk"], **velden))
    return objecten


class Tabellen:
    """Verzamelt de aantallen (cijfers) en de gepubliceerde veranderingen uit de brontabellen."""

    def __init__(self, cat_pk):
        self.cat_pk = cat_pk
        self.cijfers, self.veranderingen = [], []

    def _voeg_toe(self, lijst, model, gebied, categorie, **velden):
        lijst.append(
            fixtureobject(
                model, len(lijst) + 1, gebied=gebied, categorie=self.cat_pk[categorie], **velden
            )
        )

    def cijfer(self, gebied, categorie, jaar, waarde, bron):
        """Een definitief jaarcijfer (aantal) uit een brontabel."""
        self._voeg_toe(self.cijfers, "cijfer", gebied, categorie, jaar=jaar,
                       periode=str(jaar), waarde=waarde, status="definitief", bron=bron)  # fmt: skip

    def verandering(self, gebied, categorie, periode, procent, bron):
        """Een gepubliceerde verandering 2018 t.o.v. 2017 (procent) uit een brontabel."""
        self._voeg_toe(self.veranderingen, "verandering", gebied, categorie, jaar=2018,
                       vergeleken_met=2017, periode=periode, procent=procent, bron=bron)  # fmt: skip

    def gemeenten(self, tekst):
        """De tabellen van hoofdstuk 8; geeft de regiokolom (gelijk in elke tabel) terug."""
        regio = {}
        for i, (slug, rijen) in enumerate(gemeentetabellen(tekst).items()):
            bron = 2 + i
            for rij in rijen:
                for jaar, waarde in zip(GEMEENTE_JAREN, rij.aantallen, strict=True):
                    self.cijfer(GEBIED_PK[slug], rij.categorie, jaar, waarde, bron)
                delen = splits_procenten(rij)
                regio.setdefault(rij.categorie, delen["regio"])
                assert regio[rij.categorie] == delen["regio"], (slug, rij)
                for periode in ("H1", "H2"):
                    if delen[periode] is not None:
                        self.verandering(
                            GEBIED_PK[slug], rij.categorie, periode, delen[periode], bron
                        )
        return regio


def beleving():
    """De rapportcijfers veiligheidsbeleving (BELEVING) als fixtureobjecten."""
    return [
        fixtureobject(
            "veiligheidsbeleving",
            i + 1,
            gebied=gebied,
            jaar=jaar,
            rapportcijfer=rapportcijfer,
            onderzoek=onderzoek,
            toelichting=toelichting,
            bron=bron,
        )
        for i, (gebied, jaar, rapportcijfer, onderzoek, toelichting, bron) in enumerate(BELEVING)
    ]


def bouw():
    """Alle objecten van fixtures/04_cijfers.json, in laadvolgorde."""
    tekst = lees_bron()
    cat_pk = {naam: i + 1 for i, naam in enumerate(CATEGORIEEN)}
    tabellen = Tabellen(cat_pk)
    regio = tabellen.gemeenten(tekst)
    for rij in basisteamtabel(tekst):
        for jaar, waarde in zip(BASISTEAM_JAREN, rij.aantallen, strict=True):
            tabellen.cijfer(BASISTEAM_PK, rij.categorie, jaar, waarde, 1)
    for categorie in CATEGORIEEN:
        tabellen.verandering(REGIO_PK, categorie, "jaar", regio[categorie], 6)
    return categorieen_en_bronnen(cat_pk) + tabellen.cijfers + tabellen.veranderingen + beleving()


if __name__ == "__main__":
    objecten = bouw()
    UITVOER.write_text(json.dumps(objecten, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    telling = {}
    for obj in objecten:
        telling[obj["model"]] = telling.get(obj["model"], 0) + 1
    print(f"{UITVOER}: {telling}")
