"""Herkennen: het formaat van een bestand aan zijn kopregel.

Het sjabloon en inwoners hebben vaste kolomnamen (formaten.py); de open data van de politie
heeft er per variant andere (SoortMisdrijf of "Soort misdrijf", RegioS of WijkenEnBuurten,
...). Namen worden vergeleken zonder hoofdletters, spaties en leestekens.
"""

import re
from dataclasses import dataclass

from cijfers.importeren.formaten import BEVOLKING, KERNCIJFERS, POLITIE, SJABLOON
from cijfers.importeren.fouten import BestandFout
from cijfers.models import Import

POLITIE_AANTAL = "GeregistreerdeMisdrijven_1"
# Kop zonder hoofdletters en leestekens -> logische naam van de kolom in formaten.POLITIE.
POLITIE_SLEUTELS = {
    "soortmisdrijf": "soort",
    "regios": "regio",
    "wijkenenbuurten": "regio",
    "perioden": "periode",
    "status": "status",
}
# CBS' eigen bevolkingstabel (StatLine, bijvoorbeeld 37230ned/03759ned): de codevariant
# (RegioS, Perioden, BevolkingOp1Januari_1) en de labelvariant ("Regio's", "Perioden",
# "Bevolking op 1 januari (aantal)"); andere kolommen (ID) mogen erbij.
CBS_BEVOLKING = {"regios": "gebied", "perioden": "jaar"}
CBS_BEVOLKING_AANTAL = re.compile(r"^bevolkingop1januari(\d+|aantal)?$")
# CBS' Kerncijfers wijken en buurten (bijvoorbeeld 85984NED): de nummers achter de namen
# verschillen per jaar (Omgevingsadressendichtheid_106, _116, _121, ...), en de labelvariant
# heeft de eenheid erachter ("Aantal inwoners (aantal)"); ook de korte namen van een zelf
# gemaakt bestand (gebied, jaar, inwoners, adressendichtheid, stedelijkheid).
KERNCIJFERS_KOPPEN = [
    ("gebied", re.compile(r"^(codering\d*|coderingcode|gebied)$")),
    ("gebied", re.compile(r"^wijkenenbuurten$")),
    ("jaar", re.compile(r"^(jaar|perioden)$")),
    ("inwoners", re.compile(r"^(aantalinwoners(\d+|aantal)?|inwoners)$")),
    ("adressendichtheid", re.compile(r"^(omgevingsadressendichtheid\w*|adressendichtheid)$")),
    ("stedelijkheid", re.compile(r"^(matevanstedelijkheid\w*|stedelijkheid)$")),
    ("bron", re.compile(r"^bron$")),
    # De naam: Gemeentenaam (codevariant Gemeentenaam_1), anders het label in WijkenEnBuurten
    # als Codering de code geeft (labelvariant "Wijken en buurten": "Baarn").
    ("naam", re.compile(r"^gemeentenaam\d*$")),
    ("naam", re.compile(r"^wijkenenbuurten$")),
]
POLITIE_AANTAL_KOP = re.compile(r"^(totaal)?geregistreerdemisdrijven(\d+|aantal)?$")
# Hoe een ontbrekende kolom van de politie in een foutmelding heet.
POLITIE_KOPPEN = {
    "soort": "SoortMisdrijf",
    "regio": "RegioS of WijkenEnBuurten",
    "periode": "Perioden",
    "aantal": POLITIE_AANTAL,
}


@dataclass
class Formaat:
    """Het herkende formaat van een bestand.

    `soort` is een Import.Soort; `kolommen`: logische naam -> index in een rij; `namen`:
    logische naam -> de kop zoals in het bestand (voor de foutmeldingen).
    """

    soort: str
    kolommen: dict
    namen: dict


def normaliseer_kop(kop):
    """Een kop zonder hoofdletters, spaties en leestekens: "Regio's" -> "regios"."""
    return re.sub(r"[^a-z0-9]", "", kop.strip().lower())


def herken_formaat(kop):
    """De kopregel (lijst van tekst) -> Formaat.

    Raises BestandFout (rij 1) als een kolom dubbel staat, een kolom onbekend is, of de
    kopregel bij geen formaat past; de reden zegt wat er ontbreekt.
    """
    genormaliseerd = [normaliseer_kop(naam) for naam in kop]
    dubbel = sorted(
        {
            kop[nummer]
            for nummer, naam in enumerate(genormaliseerd)
            if naam and genormaliseerd.count(naam) > 1
        }
    )
    if dubbel:
        raise BestandFout(
            f"Kolom {dubbel[0]} staat twee keer in de kopregel.",
            rij=1,
            kolom="kopregel",
            waarde=dubbel[0],
        )
    index = {naam: nummer for nummer, naam in enumerate(genormaliseerd) if naam}
    kerncijfers = _kerncijfers(index, kop)
    if kerncijfers:
        return kerncijfers
    for rijformaat in (SJABLOON, BEVOLKING):
        if set(rijformaat.verplicht) <= index.keys():
            return _formaat_met_vaste_namen(rijformaat, kop, index)
    bevolking = _cbs_bevolking(index)
    if bevolking:
        return Formaat(
            Import.Soort.BEVOLKING, bevolking, {n: kop[nummer] for n, nummer in bevolking.items()}
        )
    kolommen, aantallen = _politiekolommen(index)
    if set(POLITIE.verplicht) <= kolommen.keys():
        return Formaat(
            Import.Soort.POLITIE, kolommen, {naam: kop[nummer] for naam, nummer in kolommen.items()}
        )
    raise BestandFout(
        _uitleg_kopregel(index, kolommen, aantallen),
        rij=1,
        kolom="kopregel",
        waarde=",".join(kop),
    )


def _kerncijfers(index, kop):
    """Formaat KERNCIJFERS als de kopregel een omgevingsadressendichtheid heeft, anders None.

    Raises BestandFout als er een verplichte kolom ontbreekt, behalve het jaar: de tabel van
    het CBS heeft daar geen kolom voor (het staat in haar titel); Formaat.kolommen heeft dan
    geen "jaar" en controle.py zoekt het in de titelregels."""
    kolommen = {}
    for logisch, patroon in KERNCIJFERS_KOPPEN:
        for naam, nummer in index.items():
            if logisch not in kolommen and patroon.match(naam):
                kolommen[logisch] = nummer
    if "adressendichtheid" not in kolommen:
        return None
    # Zonder kolom jaar (zoals CBS' eigen download) komt het jaar uit de titel boven de
    # kopregel (controle.py, formaten.kerncijfers_zonder_jaarkolom), of het bestand wordt
    # geweigerd met wat er moet bij.
    ontbreekt = [n for n in KERNCIJFERS.verplicht if n not in kolommen and n != "jaar"]
    if ontbreekt:
        raise BestandFout(
            "Dit lijkt CBS' Kerncijfers wijken en buurten, maar deze kolommen ontbreken: "
            f"{', '.join(ontbreekt)} (WijkenEnBuurten of Codering, AantalInwoners, "
            "Omgevingsadressendichtheid, jaar).",
            rij=1,
            kolom="kopregel",
            waarde=",".join(kop),
        )
    return Formaat(
        Import.Soort.KERNCIJFERS, kolommen, {n: kop[nummer] for n, nummer in kolommen.items()}
    )


def _cbs_bevolking(index):
    """CBS' bevolkingstabel: logische naam (gebied, jaar, inwoners) -> index, of None."""
    kolommen = {
        CBS_BEVOLKING[naam]: nummer for naam, nummer in index.items() if naam in CBS_BEVOLKING
    }
    aantallen = [nummer for naam, nummer in index.items() if CBS_BEVOLKING_AANTAL.match(naam)]
    if len(kolommen) == 2 and len(aantallen) == 1:
        return {**kolommen, "inwoners": aantallen[0]}
    return None


def _politiekolommen(index):
    """(logische naam -> index, indexen van alle kolommen met geregistreerde misdrijven)."""
    kolommen = {}
    for naam, nummer in index.items():
        sleutel = POLITIE_SLEUTELS.get(naam)
        if sleutel and sleutel not in kolommen:
            kolommen[sleutel] = nummer
    aantallen = [nummer for naam, nummer in index.items() if POLITIE_AANTAL_KOP.match(naam)]
    if len(aantallen) == 1:
        kolommen["aantal"] = aantallen[0]
    return kolommen, aantallen


def _formaat_met_vaste_namen(rijformaat, kop, index):
    verplicht, extra = rijformaat.verplicht, rijformaat.extra
    onbekend = [kop[nummer] for naam, nummer in index.items() if naam not in verplicht + extra]
    if onbekend:
        raise BestandFout(
            f"Onbekende kolom {onbekend[0]}. Toegestaan zijn {', '.join(verplicht)} en "
            f"eventueel {', '.join(extra)}.",
            rij=1,
            kolom=onbekend[0],
            waarde=onbekend[0],
        )
    kolommen = {naam: index[naam] for naam in verplicht + extra if naam in index}
    return Formaat(
        rijformaat.soort, kolommen, {naam: kop[nummer] for naam, nummer in kolommen.items()}
    )


def _uitleg_kopregel(index, politiekolommen, aantallen):
    """Waarom de kopregel bij geen formaat past, en wat er dan verwacht wordt."""
    verwacht = (
        "Verwacht: het sjabloon (" + ",".join(SJABLOON.verplicht + SJABLOON.extra) + "), "
        "de open data van de politie (SoortMisdrijf; RegioS of WijkenEnBuurten; Perioden; "
        f"{POLITIE_AANTAL}) of inwoners (" + ",".join(BEVOLKING.verplicht) + ")."
    )
    if len(index) <= 1:
        return (
            "Onbekende kopregel: er is maar één kolom. Gebruik een komma of puntkomma als "
            "scheidingsteken. " + verwacht
        )
    if len(aantallen) > 1:
        return f"Meer dan één kolom met geregistreerde misdrijven; houd alleen {POLITIE_AANTAL}."
    for naam, rijformaat in [("het sjabloon", SJABLOON), ("het inwonersbestand", BEVOLKING)]:
        aanwezig = [naam for naam in rijformaat.verplicht if naam in index]
        if len(aanwezig) >= 2:
            ontbreekt = [naam for naam in rijformaat.verplicht if naam not in index]
            return f"Dit lijkt {naam}, maar deze kolommen ontbreken: {', '.join(ontbreekt)}."
    if len(politiekolommen) >= 2 or aantallen:
        ontbreekt = [kop for naam, kop in POLITIE_KOPPEN.items() if naam not in politiekolommen]
        return (
            "Dit lijkt de open data van de politie, maar deze kolommen ontbreken: "
            + ", ".join(ontbreekt)
            + "."
        )
    return "Onbekende kopregel. " + verwacht
