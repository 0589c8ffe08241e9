"""Cellen lezen die een gebied of soort misdrijf kunnen noemen die nog niet bestaat.

Elk gebied en elke soort uit een bestand van de politie of het CBS wordt bewaard: een
onbekende maar geldige CBS-code (NL01, PV26, GM0307, WK030700, BU03070000) wordt een
referentiegebied, een onbekende soort (1.1.2 zonder categorie, of een nieuwe code zoals 1.1)
een eigen categorie. Namen (Namen.referentiegebied, Namen.soort_categorie) geeft ze een
voorlopig id; schrijven.voer_uit maakt ze aan. De lezers hebben de vorm van kolommen.py:
`lees(tekst, namen)` -> id of Afwijking.
"""

import re

from cijfers.importeren.kolommen import afgewezen, lees_gebied, lees_gebied_met_aantallen, lees_jaar
from cijfers.importeren.namen import LANDELIJKE_NAMEN, normaliseer
from cijfers.politie import SOORTCODE
from ivp.models import CBS_CODE, Gebied

_CODE = r"(NL\d{2}|PV\d{2}|GM\d{4}|WK\d{6}|BU\d{8})"
# Een label met de code erin, zoals StatLine een soort schrijft ("1.1.1 Diefstal/inbraak
# woning"): "GM0307 Amersfoort", "Amersfoort (GM0307)" of "WK030700 Wijk 00 Centrum".
CODE_EN_NAAM = re.compile(rf"^{_CODE}\s+(.+)$", re.I)
NAAM_EN_CODE = re.compile(rf"^(.+?)\s*\({_CODE}\)$", re.I)
SOORT_EN_TITEL = re.compile(r"^(\d+(?:\.\d+)*)\s+(.+)$")
ONBEKENDE_REGIO = (
    "Onbekend gebied: geen CBS-code (NL01, PV.., GM...., WK......, BU........) en geen bekende "
    "naam. De labelvariant noemt een gebied alleen bij naam; gebruik de codevariant, of een "
    "label met de code erbij (Amersfoort (GM0307))."
)


def lees_regio(tekst, namen):
    """RegioS of WijkenEnBuurten (code- of labelvariant) -> id van het Gebied.

    Een CBS-code: het gebied met die code, of een nieuw referentiegebied. Een label met de
    code erbij: idem, en het label wordt de naam van een gebied dat nog geen naam had. Een
    naam: een bekend gebied (geen regio), Nederland of een provincie ("Utrecht (PV)").
    Anders afgewezen (ONBEKENDE_REGIO).
    """
    schoon = " ".join(tekst.split())
    code = schoon.upper()
    if CBS_CODE.match(code):
        return namen.referentiegebied(code)
    met_code = CODE_EN_NAAM.match(schoon)
    if met_code:
        return namen.referentiegebied(met_code.group(1).upper(), met_code.group(2))
    met_code = NAAM_EN_CODE.match(schoon)
    if met_code:
        return namen.referentiegebied(met_code.group(2).upper(), met_code.group(1))
    gebied = namen.gebied.get(normaliseer(schoon))
    if gebied is not None and namen.gebied_soort[gebied] != Gebied.Soort.REGIO:
        return gebied
    landelijk = LANDELIJKE_NAMEN.get(normaliseer(schoon))
    if landelijk:
        return namen.referentiegebied(landelijk)
    return afgewezen(ONBEKENDE_REGIO)


def lees_soort(tekst, namen):
    """SoortMisdrijf (code, titel of "code titel") -> id van de categorie.

    Een gekoppelde soort geeft zijn categorie; een soort zonder categorie of een nieuwe
    geldige code (1.1) een eigen categorie (Namen.soort_categorie). Een onbekende titel
    zonder code is afgewezen.
    """
    schoon = " ".join(tekst.split())
    gevonden = namen.soort_misdrijf.get(normaliseer(schoon))
    if gevonden is not None:
        code, titel = gevonden[0], ""
        if normaliseer(schoon) != normaliseer(code):
            titel = schoon[len(code) :].strip() if schoon.startswith(code) else schoon
        return namen.soort_categorie(code, titel)
    if SOORTCODE.match(schoon):
        return namen.soort_categorie(schoon)
    met_titel = SOORT_EN_TITEL.match(schoon)
    if met_titel:
        return namen.soort_categorie(met_titel.group(1), met_titel.group(2))
    return afgewezen(
        "Onbekende soort misdrijf: geen code (zoals 1.1.1) en geen titel uit de lijst van de "
        "politie (zie het beheer, Soorten misdrijf)."
    )


def lees_gebied_of_referentie(tekst, namen):
    """Inwoners: naam, slug of CBS-code van een bestaand gebied (ook een regio), of anders
    een gebied zoals lees_regio het leest (zo leest ook CBS' eigen bevolkingstabel, met
    RegioS, alle gemeenten in één keer)."""
    gebied = lees_gebied(tekst, namen)
    return lees_regio(tekst, namen) if type(gebied) is not int else gebied


def lees_sjabloongebied(tekst, namen):
    """Het sjabloon: als kolommen.lees_gebied_met_aantallen, maar een CBS-code of "naam
    (code)" van een referentiegebied (zoals data.csv wijken en buurten schrijft) wordt ook
    gevonden of gemaakt."""
    gebied = lees_gebied_met_aantallen(tekst, namen)
    if type(gebied) is int:
        return gebied
    schoon = " ".join(tekst.split())
    if CBS_CODE.match(schoon.upper()) or NAAM_EN_CODE.match(schoon) or CODE_EN_NAAM.match(schoon):
        return lees_regio(schoon, namen)
    return gebied


BEVOLKINGSJAAR = re.compile(r"^(\d{4})\s*(?:JJ00)?\s*\**$", re.I)


def lees_bevolkingsjaar(tekst, namen=None):
    """Het jaar van een inwonertal: 2024, of zoals CBS het schrijft (2024JJ00, 2024*)."""
    gevonden = BEVOLKINGSJAAR.match(tekst.strip())
    return lees_jaar(gevonden.group(1) if gevonden else tekst, namen)
