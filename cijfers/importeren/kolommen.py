"""Cellen lezen: per soort kolom een functie tekst -> waarde, of een Afwijking.

Elke lezer heeft dezelfde vorm, `lees(tekst, namen)`, zodat de formaten (formaten.py) ze in
een tabel kunnen noemen en de controle (controle.py) ze met één lus kan toepassen. Een
geldige cel geeft zijn waarde (een id, jaar, aantal, periode ...); een andere cel geeft een
Afwijking met een Uitkomst en een reden:

- Uitkomst.OVERSLAAN: de rij is niet voor het dashboard bedoeld (geen fout);
- Uitkomst.AFGEWEZEN: een fout; de rij wordt afgewezen.

Ontbrekend is geen nul: een leeg aantal (of x) is geheimgehouden en wordt opgeslagen als
geheim; een '.' betekent "ontbreekt" en die rij wordt overgeslagen.
"""

import enum
import re
from typing import NamedTuple

from django.utils import timezone

from cijfers.importeren.namen import normaliseer
from cijfers.importeren.notaties import (
    KWARTAAL,
    MAANDNAMEN,
    duizendtallen,
    is_excel_fout,
    is_ontbrekend,
    label_of_excel,
)
from cijfers.models import EERSTE_JAAR, Cijfer
from cijfers.veilig import zonder_neutralisatie
from ivp.models import Gebied

PERIODE = re.compile(r"^(\d{4})(?:-(H[12]|0[1-9]|1[0-2]))?$")
POLITIE_PERIODE = re.compile(r"^(\d{4})(JJ|MM|HJ|KW|X|W)(\d{2})\s*(\*{1,2})?$")
# Een ster (voorlopig) of twee (nader voorlopig, CBS): allebei een voorlopig cijfer.
LABEL_PERIODE = re.compile(r"^(\d{4})(?:\s+(" + "|".join(MAANDNAMEN) + r"))?\s*(\*{1,2})?$", re.I)
GETAL = re.compile(r"^\d+$")
NEGATIEF_GETAL = re.compile(r"^-\s*\d+([.,]\d+)?$")
DECIMAAL_GETAL = re.compile(r"^\d+[.,]\d+$")
# 41.0, 41.00 of 41,0: een heel getal zoals pandas (float) of Excel het schrijft. Drie cijfers na
# de punt of komma (1.000) blijven afgewezen: dat kan een duizendtalscheiding zijn.
HEEL_MET_NULLEN = re.compile(r"^(\d+)[.,]0{1,2}$")
MAX_WAARDE = 2_147_483_647  # de grootste waarde van een integer-kolom in de database
MAX_BRON = 200  # tekens, zoals Bron.titel
ONTBREEKT = "aantal ontbreekt ('.'); er wordt niets opgeslagen"
ONTBREEKT_NA = "aantal ontbreekt (NA, NaN of N/A); er wordt niets opgeslagen"
ONBEKENDE_POLITIEPERIODE = (
    "Onbekende periode: verwacht bijvoorbeeld 2019JJ00 (jaar), 2019MM01 (maand), 2019HJ01 "
    "(halfjaar), 2019 januari of 2019 1e halfjaar."
)
# Hoe een status in een bestand mag staan (code of label, genormaliseerd); leeg mag ook.
STATUSSEN = {
    **{normaliseer(status.value): status.value for status in Cijfer.Status},
    **{normaliseer(status.label): status.value for status in Cijfer.Status},
    "": "",
}


class Uitkomst(enum.Enum):
    """Wat een cel die niet geldig is met zijn rij doet: overslaan of afwijzen."""

    OVERSLAAN = "overslaan"
    AFGEWEZEN = "afgewezen"


class Afwijking(NamedTuple):
    """Een cel die niet meegaat: de Uitkomst voor zijn rij en de reden (een Nederlandse zin).

    Een geldige cel is nooit een Afwijking, zodat de controle een rij zonder afwijkingen
    herkent aan de typen van zijn waarden.
    """

    uitkomst: Uitkomst
    reden: str


def afgewezen(reden):
    """Een fout in deze cel: de rij wordt afgewezen."""
    return Afwijking(Uitkomst.AFGEWEZEN, reden)


def overslaan(reden):
    """Deze cel zegt dat de rij niet voor het dashboard is: de rij wordt overgeslagen."""
    return Afwijking(Uitkomst.OVERSLAAN, reden)


def huidig_jaar():
    """Het laatste jaar dat een bestand mag hebben: dit jaar (in de tijdzone van de site)."""
    return timezone.localdate().year


def reden_jaar_buiten_bereik(jaar):
    """De reden waarom een jaar niet mag (vóór EERSTE_JAAR of na dit jaar), of None."""
    if EERSTE_JAAR <= jaar <= huidig_jaar():
        return None
    return f"Jaar buiten bereik: toegestaan is {EERSTE_JAAR} tot en met {huidig_jaar()}."


# --- Het sjabloon en inwoners ---------------------------------------------------------------


def opzoeken(tabel, tekst, reden):
    """Het id dat een tabel van Namen bij de (genormaliseerde) tekst heeft, anders afgewezen.

    Een apostrof die een export voor een formuleteken zette, gaat er eerst af."""
    gevonden = tabel.get(normaliseer(zonder_neutralisatie(tekst.strip())))
    return afgewezen(reden) if gevonden is None else gevonden


def lees_gebied(tekst, namen):
    """Naam, slug of CBS-code -> id van het Gebied."""
    return opzoeken(
        namen.gebied,
        tekst,
        "Onbekend gebied: gebruik de naam, de slug of de CBS-code "
        "(bijvoorbeeld Baarn, baarn of GM0308).",
    )


def lees_gebied_met_aantallen(tekst, namen):
    """Als lees_gebied, maar een regio is afgewezen: die heeft geen eigen aantallen."""
    gebied = lees_gebied(tekst, namen)
    if type(gebied) is not Afwijking and namen.gebied_soort[gebied] == Gebied.Soort.REGIO:
        return afgewezen(
            "Een regio heeft geen eigen aantallen in het dashboard; "
            "importeer gemeenten of het basisteam."
        )
    return gebied


def lees_categorie(tekst, namen):
    """Naam of slug -> id van de Categorie."""
    return opzoeken(
        namen.categorie,
        tekst,
        "Onbekende categorie: gebruik de naam of de slug van een "
        "categorie (bijvoorbeeld woninginbraken).",
    )


def lees_jaar(tekst, namen=None):
    """Vier cijfers -> jaar, van EERSTE_JAAR tot en met dit jaar."""
    tekst = tekst.strip()
    if not GETAL.match(tekst):
        return afgewezen("Geen jaar: gebruik vier cijfers, bijvoorbeeld 2019.")
    jaar = int(tekst)
    reden = reden_jaar_buiten_bereik(jaar)
    return afgewezen(reden) if reden else jaar


ONBEKENDE_PERIODE = (
    "Onbekende periode: gebruik een jaar (2019), een halfjaar (2019-H1) of een maand (2019-01)."
)


def lees_periode(tekst, namen=None):
    """'2019', '2019-H1' of '2019-01' -> de periode zonder spaties.

    Ook de notaties van de politie en CBS (2019MM01, 2019 januari, 2019 1e halfjaar) en wat
    Excel van een maand maakt (jan-19, 1-1-2019): die worden de periode van Cijfer. Een
    status-ster (2019*) hoort in de kolom status; een kwartaal en een dubbelzinnige datum
    worden met hun eigen reden afgewezen.
    """
    periode = tekst.strip()
    if PERIODE.match(periode):
        return periode
    uitkomst = politieperiode(periode)
    if isinstance(uitkomst, str):
        return afgewezen(ONBEKENDE_PERIODE if uitkomst == ONBEKENDE_POLITIEPERIODE else uitkomst)
    if uitkomst[2]:
        return afgewezen(
            "Een ster achter de periode betekent voorlopig; zet in het sjabloon de periode "
            "zonder ster en 'voorlopig' in de kolom status."
        )
    return uitkomst[1]


def lees_aantal(tekst, namen=None):
    """Een aantal misdrijven -> aantal; leeg of x -> None: geheim.

    Een '.' wordt overgeslagen (ONTBREEKT), net als NA, NaN en N/A (pandas, R: ONTBREEKT_NA).
    41.0, 41.00 en 41,0 (pandas, Excel) zijn 41. Afgewezen: negatief, echte decimalen (41.5)
    of een duizendtalpunt (1.000), een foutwaarde van Excel (#N/B), '-' (bij het CBS: nihil),
    tekst, en meer dan MAX_WAARDE. De reden noemt de waarde.
    """
    tekst = tekst.strip()
    if tekst.isdecimal() and tekst.isascii() and len(tekst) < 10:
        return int(tekst)  # het gewone geval, zonder reguliere expressie
    heel = GETAL.match(tekst) or HEEL_MET_NULLEN.match(tekst)
    if heel:
        waarde = int(heel.group(1) if heel.re is HEEL_MET_NULLEN else tekst)
        return afgewezen("Het aantal is te groot.") if waarde > MAX_WAARDE else waarde
    if tekst in ("", "x", "X"):
        return None
    if tekst == ".":
        return overslaan(ONTBREEKT)
    if is_ontbrekend(tekst):
        return overslaan(ONTBREEKT_NA)
    if NEGATIEF_GETAL.match(tekst):
        return afgewezen("Negatief aantal: een aantal is 0 of meer.")
    if DECIMAAL_GETAL.match(tekst):
        return afgewezen(
            f"Geen heel getal: {tekst} heeft decimalen of een duizendtalscheiding; een aantal "
            "is een heel getal zonder punt of komma (41, of 41.0 zoals pandas het schrijft).",
        )
    if is_excel_fout(tekst):
        return afgewezen(
            f"Foutwaarde van Excel ({tekst}): de formule in deze cel gaf geen getal. Herstel "
            "de formule of vul het aantal in; laat de cel leeg als het cijfer geheim is.",
        )
    if tekst in ("-", "–"):
        return afgewezen(
            "Een streepje betekent bij het CBS nihil: vul 0 in als er geen misdrijven waren, "
            "of laat de cel leeg als het cijfer geheim is."
        )
    return afgewezen("Geen getal: verwacht een heel getal van 0 of meer, of leeg voor geheim.")


def lees_politieaantal(tekst, namen=None):
    """Als lees_aantal, en een duizendtalscheiding zoals de labeldownload van StatLine die
    schrijft (1.234 of 1 234) is het hele getal 1234. In het sjabloon blijft 1.234 een fout:
    daar kan het ook 1,234 betekenen."""
    waarde = lees_aantal(tekst)
    if type(waarde) is Afwijking and waarde.uitkomst is Uitkomst.AFGEWEZEN:
        getal_ = duizendtallen(tekst.strip())
        if getal_ is not None:
            return afgewezen("Het aantal is te groot.") if getal_ > MAX_WAARDE else getal_
    return waarde


def lees_inwoners(tekst, namen=None):
    """Een aantal inwoners -> aantal: verplicht en groter dan 0."""
    inwoners = lees_aantal(tekst)
    if type(inwoners) is Afwijking and inwoners.uitkomst is Uitkomst.AFGEWEZEN:
        return inwoners
    if type(inwoners) is Afwijking or inwoners is None:
        return afgewezen("Het aantal inwoners ontbreekt.")
    if inwoners == 0:
        return afgewezen("Het aantal moet groter dan 0 zijn.")
    return inwoners


def lees_status(tekst, namen=None):
    """Code of label van Cijfer.Status -> Cijfer.Status; leeg -> ""."""
    status = STATUSSEN.get(normaliseer(tekst))
    if status is None:
        return afgewezen("Onbekende status: gebruik definitief, voorlopig of geheim.")
    return status


def lees_eenheid(tekst, namen=None):
    """-> de eenheid genormaliseerd; of ze bij de categorie past, zegt het formaat."""
    return normaliseer(tekst)


def lees_bron(tekst, namen=None):
    """Titel van de bron -> titel of None voor de bron van de import; de apostrof die een
    export voor een formuleteken zet (cijfers/veilig.py) gaat er weer af."""
    bron = zonder_neutralisatie(tekst.strip())
    if len(bron) > MAX_BRON:
        return afgewezen(f"De bron is langer dan {MAX_BRON} tekens.")
    return bron or None


# --- De open data van de politie ------------------------------------------------------------


def lees_soort_misdrijf(tekst, namen):
    """Code, titel of "code titel" -> id van de gekoppelde categorie.

    Een soort zonder categorie wordt overgeslagen (de koppeling staat in het beheer).
    """
    gevonden = namen.soort_misdrijf.get(normaliseer(tekst))
    if gevonden is None:
        return afgewezen(
            "Onbekende soort misdrijf: niet in de lijst van de politie "
            "(zie het beheer, Soorten misdrijf).",
        )
    code, titel, categorie = gevonden
    if categorie is None:
        return overslaan(f"soort {code} {titel} is niet aan een categorie gekoppeld")
    return categorie


def lees_politieregio(tekst, namen):
    """CBS-code (GM0308) of naam van een gemeente -> id van het Gebied.

    Wijken en buurten (WK..., BU...) worden overgeslagen: het dashboard slaat gemeenten op.
    """
    schoon = tekst.strip()
    code = schoon.upper()
    if re.match(r"^GM\d{4}$", code):
        gebied = namen.cbs_code.get(code)
        if gebied is None:
            return afgewezen("Onbekend gebied: er is geen gebied met deze CBS-code.")
        return gebied
    if re.match(r"^(WK|BU)\d+$", code):
        return overslaan("wijk of buurt: het dashboard slaat alleen gemeenten op")
    gebied = namen.gebied.get(normaliseer(schoon))
    if gebied is None or namen.gebied_soort[gebied] == Gebied.Soort.REGIO:
        return afgewezen("Onbekend gebied: geen gemeente met deze code (GM....) of naam.")
    return gebied


def lees_politieperiode(tekst, namen=None):
    """-> (jaar, periode, voorlopig) zoals politieperiode, met het jaar in bereik."""
    uitkomst = politieperiode(tekst)
    if isinstance(uitkomst, str):
        return afgewezen(uitkomst)
    reden = reden_jaar_buiten_bereik(uitkomst[0])
    return afgewezen(reden) if reden else uitkomst


def politieperiode(tekst):
    """'2019JJ00', '2019MM01', '2019 januari', '2019*' -> (jaar, periode, voorlopig) of een reden.

    De codevariant (JJ jaar, MM maand, HJ halfjaar) of de labelvariant (een of twee sterren:
    voorlopig; ook achter een code), en de notaties van notaties.label_of_excel (2019 1e
    halfjaar, jan-19, 1-1-2019); de periode is die van Cijfer ('2019', '2019-01', '2019-H1').
    Kwartalen worden niet opgeslagen. De reden is een tekst (str), de uitkomst anders een
    tuple.
    """
    tekst = tekst.strip()
    code = POLITIE_PERIODE.match(tekst.upper())
    if code:
        jaar, soort, nummer = int(code.group(1)), code.group(2), int(code.group(3))
        voorlopig = bool(code.group(4))
        if soort == "JJ" and nummer == 0:
            return jaar, str(jaar), voorlopig
        if soort == "MM" and 1 <= nummer <= 12:
            return jaar, f"{jaar}-{nummer:02d}", voorlopig
        if soort == "HJ" and nummer in (1, 2):
            return jaar, f"{jaar}-H{nummer}", voorlopig
        if soort == "KW":
            return KWARTAAL
        return ONBEKENDE_POLITIEPERIODE
    label = LABEL_PERIODE.match(tekst)
    if label:
        jaar = int(label.group(1))
        voorlopig = bool(label.group(3))
        if label.group(2):
            maand = MAANDNAMEN.index(label.group(2).lower()) + 1
            return jaar, f"{jaar}-{maand:02d}", voorlopig
        return jaar, str(jaar), voorlopig
    if PERIODE.match(tekst):  # de notatie van het sjabloon: 2019-01, 2019-H1
        return int(tekst[:4]), tekst, False
    anders = label_of_excel(tekst)
    return ONBEKENDE_POLITIEPERIODE if anders is None else anders


def lees_voorlopig(tekst, namen=None):
    """De statuskolom van de open data -> True als de status op 'voorlopig' eindigt."""
    return tekst.strip().lower().endswith("voorlopig")
