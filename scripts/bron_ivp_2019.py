"""Leest de cijfertabellen uit de tekst van het IVP BES 2019-2022.

Gebruikt door scripts/maak_cijferfixture.py (die fixtures/04_cijfers.json schrijft)
en door de tests die de fixture met de bron vergelijken. De tekst komt uit
fixtures/bron/ (kopie van ../shared/seeds/); zie daar README.md voor de extractie-artefacten die we herstellen.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

# Een ongewijzigde kopie van ../shared/seeds/, zodat een kale clone de fixtures kan toetsen.
BRONBESTAND = (
    Path(__file__).resolve().parent.parent / "fixtures" / "bron" / "004_6595ddc8072969ad.txt"
)

GEMEENTEN = {"8.1": "baarn", "8.2": "bunschoten", "8.3": "eemnes", "8.4": "soest"}
GEMEENTE_JAREN = [2015, 2016, 2017, 2018]
BASISTEAM_JAREN = [2014, 2015, 2016, 2017, 2018]

# Rijnamen zoals ze na herstel in de bron staan, in de volgorde van de tabellen.
CATEGORIEEN = [
    "criminaliteit totaal",
    "woninginbraken",
    "woninginbraak: pogingen",
    "woninginbraak: geslaagd",
    "geweld: totaal",
    "geweld: zeden",
    "geweld: openlijk geweld",
    "geweld: bedreiging",
    "geweld: mishandeling",
    "geweld: straatroof",
    "geweld: overval",
    "geweld: overig",
    "huiselijk geweld",
    "autokraak",
    "fietsdiefstal",
    "vernielingen",
    "zakkenrollen",
    "inbraak/diefstal bedrijf en instelling",
    "winkeldiefstal",
    "meldingen jongerenoverlast",
]

# De rijen van de basisteamtabel en de categorie waar ze bij horen ("Geweld" is
# dezelfde categorie als "geweld: totaal" in de gemeentetabellen).
BASISTEAM_RIJEN = {
    "Woninginbraken": "woninginbraken",
    "Geweld": "geweld: totaal",
    "autokraak": "autokraak",
    "fietsdiefstal": "fietsdiefstal",
    "vernielingen": "vernielingen",
    "zakkenrollen": "zakkenrollen",
    "winkeldiefstal": "winkeldiefstal",
    "Meldingen jongerenoverlast": "meldingen jongerenoverlast",
}

_PERCENTAGE = re.compile(r"([–+-]?)\s*(\d+)%")


def herstel(tekst):
    """Herstelt de artefacten uit de PDF-extractie in een tabelregel."""
    tekst = tekst.replace("\ufffd", "fi")
    for kapot, heel in [
        ("c riminaliteit", "criminaliteit"),
        ("ov erv al", "overval"),
        ("ov erig", "overig"),
        ("v ernielingen", "vernielingen"),
        ("jongerenov erlast", "jongerenoverlast"),
    ]:
        tekst = tekst.replace(kapot, heel)
    return tekst.strip()


def percentages(tekst):
    return [
        (-1 if teken in "–-" else 1) * int(getal) for teken, getal in _PERCENTAGE.findall(tekst)
    ]


@dataclass
class Rij:
    categorie: str
    aantallen: list
    procenten: list = field(default_factory=list)


def lees_bron(pad=BRONBESTAND):
    return Path(pad).read_text(encoding="utf-8")


def gemeentetabellen(tekst):
    """{gemeente-slug: [Rij, ...]} voor de vier tabellen van hoofdstuk 8."""
    kopjes = list(re.finditer(r"^ ?(8\.[1-4]) \w+", tekst, flags=re.M))
    tabellen = {}
    for i, kop in enumerate(kopjes):
        eind = kopjes[i + 1].start() if i + 1 < len(kopjes) else len(tekst)
        rijen = []
        for regel in tekst[kop.start() : eind].splitlines():
            regel = herstel(regel)
            m = re.match(r"^([a-z/: ]+?) (\d+) (\d+) (\d+) (\d+)(.*)$", regel)
            if m and m.group(1) in CATEGORIEEN:
                rijen.append(
                    Rij(m.group(1), [int(m.group(g)) for g in range(2, 6)], percentages(m.group(6)))
                )
        tabellen[GEMEENTEN[kop.group(1)]] = rijen
    return tabellen


def basisteamtabel(tekst):
    """[Rij, ...] voor de tabel 'Gebied Basisteam BES 2014-2018' (§2.1).

    De namen van de VVC-rijen staan in de extractie voor hun waarden, in dezelfde volgorde.
    """
    begin = tekst.index("Gebied Basisteam BES 2014 2015 2016 2017 2018")
    eind = tekst.index("2.3 Landelijke veiligheidstrends", begin)
    regels = [r.strip() for r in tekst[begin:eind].splitlines()[1:] if r.strip()]
    rijen, namen_zonder_waarden = [], []
    for regel in regels:
        m = re.match(r"^([A-Za-z ]*?) ?((?:\d+ ?){5})$", regel)
        if m and m.group(1):
            rijen.append(Rij(BASISTEAM_RIJEN[m.group(1)], [int(x) for x in m.group(2).split()]))
        elif m:
            naam = namen_zonder_waarden.pop(0)
            rijen.append(Rij(BASISTEAM_RIJEN[naam], [int(x) for x in m.group(2).split()]))
        elif regel in BASISTEAM_RIJEN:
            namen_zonder_waarden.append(regel)
    return rijen


def splits_procenten(rij):
    """Verdeelt de procentkolommen van een gemeenterij.

    Volgorde in de bron: (1) gemeente 2018 t.o.v. 2017, (2) regio Midden-Nederland,
    (3) jan-jun 2018 t.o.v. jan-jun 2017, (4) jul-dec idem. Een verandering vanaf nul
    ontbreekt. Kolom 1 bestaat alleen als 2017 niet nul was. Staat er maar één
    halfjaarwaarde, dan is niet te zeggen welke: die heet dubbelzinnig.
    """
    procenten = list(rij.procenten)
    gemeente = procenten.pop(0) if rij.aantallen[2] > 0 else None
    regio = procenten.pop(0)
    h1 = h2 = dubbelzinnig = None
    if len(procenten) == 2:
        h1, h2 = procenten
    elif len(procenten) == 1:
        dubbelzinnig = procenten[0]
    return {"gemeente": gemeente, "regio": regio, "H1": h1, "H2": h2, "dubbelzinnig": dubbelzinnig}
