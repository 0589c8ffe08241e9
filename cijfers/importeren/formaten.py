"""De drie formaten, elk als één beschrijving van een rij (Rijformaat).

Een Rijformaat noemt zijn kolommen met de lezer van elke cel (kolommen.py), de controles die
meer dan één kolom nodig hebben (Samenhang) en de regel die een geldige rij oplevert. De
controle (controle.py) past elke beschrijving met dezelfde lus toe; een nieuw formaat is een
nieuwe beschrijving hier en een regel in herkennen.py.

- SJABLOON: het lange formaat van /cijfers/data.csv
  (gebied,categorie,jaar,periode,waarde[,bron,status,eenheid]);
- POLITIE: de open data van de politie (CBS 47013NED per maand, 47018NED per jaar); elk
  gebied en elke soort wordt bewaard (referentie.py);
- BEVOLKING: gebied,jaar,inwoners[,bron], of CBS' eigen layout (RegioS, Perioden,
  BevolkingOp1Januari_1, herkend in herkennen.py) voor alle gemeenten tegelijk;
- KERNCIJFERS: CBS' "Kerncijfers wijken en buurten" (bijvoorbeeld 85984NED): WijkenEnBuurten
  of Codering, AantalInwoners, Omgevingsadressendichtheid, MateVanStedelijkheid (de nummers
  achter de namen verschillen per jaar) en een jaar: een kolom jaar, of anders de titel boven
  de kopregel ("Kerncijfers wijken en buurten 2024"; de tabel van het CBS heeft geen kolom);
  Gemeentenaam (of het label in WijkenEnBuurten naast Codering) geeft een gemeente die nog
  alleen haar code als naam heeft haar naam;
  alleen Nederland en de gemeenten worden bewaard (model Kerncijfers), voor de
  vergelijkingsgroep (cijfers/vergelijking.py).
"""

import dataclasses
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from cijfers.importeren.fouten import BestandFout
from cijfers.importeren.kolommen import (
    Afwijking,
    afgewezen,
    is_ontbrekend,
    lees_aantal,
    lees_bron,
    lees_categorie,
    lees_eenheid,
    lees_inwoners,
    lees_jaar,
    lees_periode,
    lees_politieaantal,
    lees_politieperiode,
    lees_status,
    lees_voorlopig,
    overslaan,
)
from cijfers.importeren.referentie import (
    lees_bevolkingsjaar,
    lees_gebied_of_referentie,
    lees_regio,
    lees_sjabloongebied,
    lees_soort,
)
from cijfers.models import Cijfer, Import
from ivp.models import CBS_CODE


class CijferRegel(NamedTuple):
    """Een geldige rij van het sjabloon of de politie: wat er in Cijfer komt te staan.

    `gebied` en `categorie` zijn ids, `status` een Cijfer.Status, `waarde` None als het cijfer
    geheim is; `bron` is de titel uit het bestand, of None voor de bron van de import.
    """

    rij: int
    gebied: int
    categorie: int
    jaar: int
    periode: str
    waarde: int | None
    status: str
    bron: str | None


class KerncijfersRegel(NamedTuple):
    """Een geldige rij van de kerncijfers: wat er in Kerncijfers komt te staan (None: het CBS
    geeft het cijfer niet)."""

    rij: int
    gebied: int
    jaar: int
    inwoners: int | None
    adressendichtheid: int | None
    stedelijkheid: int | None
    bron: str | None
    naam: str = ""


class BevolkingRegel(NamedTuple):
    """Een geldige rij van een inwonersbestand: wat er in Bevolking komt te staan."""

    rij: int
    gebied: int
    jaar: int
    inwoners: int
    bron: str | None


def zoals_in_het_bestand(tekst):
    """Hoe een cel in een fout staat: precies zoals in het bestand."""
    return tekst


@dataclass(frozen=True)
class Kolom:
    """Eén kolom van een formaat.

    `naam` is de logische naam (zoals in Formaat.kolommen), `verplicht` of de kopregel hem
    moet hebben (een ontbrekende kolom leest als een lege cel), `lees` de lezer van een cel
    (tekst, Namen) -> waarde of Afwijking (kolommen.py) en `toon` hoe de cel in een fout staat.
    """

    naam: str
    verplicht: bool
    lees: Callable
    toon: Callable[[str], str] = zoals_in_het_bestand


@dataclass(frozen=True)
class Samenhang:
    """Een controle over meer kolommen, alleen als de kolommen in `nodig` geldig zijn.

    `reden(namen, *waarden van nodig)` geeft de reden van de fout of None; de fout staat bij
    `kolom`, met de cel van die kolom als waarde.
    """

    kolom: str
    nodig: tuple
    reden: Callable


@dataclass(frozen=True)
class Rijformaat:
    """Hoe de rijen van één formaat (een Import.Soort) gecontroleerd worden.

    `maak(rijnummer, waarden)` maakt de regel van een geldige rij (waarden: een tuple met de
    waarde van elke kolom, in de volgorde van `kolommen`); `sleutel` is het deel van die regel
    dat in een bestand maar één keer mag voorkomen. Fouten van een rij komen in de volgorde
    van `kolommen`; een rij die overgeslagen wordt, krijgt de reden van de eerste kolom die
    overslaan zegt.
    """

    soort: str
    kolommen: tuple
    maak: Callable
    sleutel: slice
    samenhang: tuple = ()

    @property
    def verplicht(self):
        """De namen van de verplichte kolommen, in volgorde."""
        return [kolom.naam for kolom in self.kolommen if kolom.verplicht]

    @property
    def extra(self):
        """De namen van de kolommen die een bestand mag hebben, maar niet hoeft."""
        return [kolom.naam for kolom in self.kolommen if not kolom.verplicht]


# Kolommen die het sjabloon en inwoners allebei hebben.
JAAR = Kolom("jaar", True, lees_jaar)
BRON = Kolom("bron", False, lees_bron, toon=str.strip)


# --- Het sjabloon ---------------------------------------------------------------------------


def periode_buiten_het_jaar(namen, jaar, periode):
    """Een periode hoort bij het jaar van de rij: 2019-01 niet bij 2020."""
    if periode[:4] != str(jaar):
        return f"De periode hoort niet bij het jaar {jaar}."
    return None


def leeg_maar_niet_geheim(namen, waarde, status):
    """Een leeg aantal is geheim; een andere status erbij spreekt dat tegen."""
    if waarde is None and status not in ("", Cijfer.Status.GEHEIM):
        return f"Een leeg aantal betekent geheim, maar de status is {status}."
    return None


def geheim_met_aantal(namen, waarde, status):
    """Een geheim cijfer heeft geen aantal."""
    if waarde is not None and status == Cijfer.Status.GEHEIM:
        return "Een geheim cijfer heeft geen aantal; laat de waarde leeg."
    return None


def eenheid_past_niet(namen, categorie, eenheid):
    """Een ingevulde eenheid is die van de categorie (code of label)."""
    if eenheid and eenheid not in namen.eenheid[categorie]:
        verwacht = sorted(namen.eenheid[categorie], key=len)[-1]
        return f"De eenheid past niet bij de categorie (verwacht: {verwacht})."
    return None


def sjabloonregel(rij, waarden):
    """Zonder status is een cijfer definitief, met een leeg aantal geheim."""
    gebied, categorie, jaar, periode, waarde, bron, status, _eenheid = waarden
    if waarde is None:
        status = Cijfer.Status.GEHEIM
    return CijferRegel(
        rij, gebied, categorie, jaar, periode, waarde, status or Cijfer.Status.DEFINITIEF, bron
    )


SJABLOON = Rijformaat(
    soort=Import.Soort.SJABLOON,
    kolommen=(
        Kolom("gebied", True, lees_sjabloongebied),
        Kolom("categorie", True, lees_categorie),
        JAAR,
        Kolom("periode", True, lees_periode),
        Kolom("waarde", True, lees_aantal),
        BRON,
        Kolom("status", False, lees_status),
        Kolom("eenheid", False, lees_eenheid),
    ),
    samenhang=(
        Samenhang("periode", ("jaar", "periode"), periode_buiten_het_jaar),
        Samenhang("waarde", ("waarde", "status"), leeg_maar_niet_geheim),
        Samenhang("status", ("waarde", "status"), geheim_met_aantal),
        Samenhang("eenheid", ("categorie", "eenheid"), eenheid_past_niet),
    ),
    maak=sjabloonregel,
    sleutel=slice(1, 5),  # gebied, categorie, jaar, periode
)


# --- De open data van de politie ------------------------------------------------------------

_nieuwe_cijferregel = functools.partial(tuple.__new__, CijferRegel)  # zonder de trage __new__


def politieregel(rij, waarden):
    """Voorlopig door een ster in de periode of de statuskolom; een leeg aantal is geheim."""
    categorie, gebied, (jaar, periode, voorlopig), waarde, voorlopig_volgens_status = waarden
    if waarde is None:
        status = Cijfer.Status.GEHEIM
    elif voorlopig or voorlopig_volgens_status:
        status = Cijfer.Status.VOORLOPIG
    else:
        status = Cijfer.Status.DEFINITIEF
    return _nieuwe_cijferregel((rij, gebied, categorie, jaar, periode, waarde, status, None))


POLITIE = Rijformaat(
    soort=Import.Soort.POLITIE,
    kolommen=(
        Kolom("soort", True, lees_soort, toon=str.strip),
        Kolom("regio", True, lees_regio, toon=str.strip),
        Kolom("periode", True, lees_politieperiode, toon=str.strip),
        Kolom("aantal", True, lees_politieaantal, toon=str.strip),
        Kolom("status", False, lees_voorlopig, toon=str.strip),
    ),
    maak=politieregel,
    sleutel=slice(1, 5),  # gebied, categorie, jaar, periode
)


# --- Inwoners -------------------------------------------------------------------------------


def bevolkingsregel(rij, waarden):
    """De regel van een geldige rij van een inwonersbestand."""
    gebied, jaar, inwoners, bron = waarden
    return BevolkingRegel(rij, gebied, jaar, inwoners, bron)


BEVOLKING = Rijformaat(
    soort=Import.Soort.BEVOLKING,
    kolommen=(
        Kolom("gebied", True, lees_gebied_of_referentie),
        Kolom("jaar", True, lees_bevolkingsjaar),
        Kolom("inwoners", True, lees_inwoners),
        BRON,
    ),
    maak=bevolkingsregel,
    sleutel=slice(1, 3),  # gebied, jaar
)


# --- Kerncijfers wijken en buurten ----------------------------------------------------------


def lees_kerngebied(tekst, namen):
    """WijkenEnBuurten of Codering -> id van Nederland of een gemeente; een wijk of buurt
    wordt overgeslagen (de vergelijkingsgroep kent alleen gemeenten)."""
    code = " ".join(tekst.split()).upper()
    if code.startswith(("WK", "BU")):
        return overslaan("Een wijk of buurt: alleen Nederland en de gemeenten worden bewaard.")
    return lees_regio(tekst, namen)


def lees_kerngetal(tekst, namen=None):
    """Een kerncijfer (heel getal van 0 of meer); leeg, '.' of 'x' -> None (het CBS geeft
    het niet: ontbreekt, nooit 0)."""
    if tekst.strip() in ("", ".", "x", "X") or is_ontbrekend(tekst.strip()):
        return None
    waarde = lees_aantal(tekst)
    if type(waarde) is Afwijking:
        return afgewezen(waarde.reden)
    return waarde


def lees_stedelijkheid(tekst, namen=None):
    """De mate van stedelijkheid: 1 (zeer sterk stedelijk) t/m 5 (niet stedelijk), of None."""
    waarde = lees_kerngetal(tekst)
    if type(waarde) is int and not 1 <= waarde <= 5:
        return afgewezen("De mate van stedelijkheid is 1 tot en met 5.")
    return waarde


def lees_kernnaam(tekst, namen=None):
    """De naam van het gebied uit Gemeentenaam (codevariant: Gemeentenaam_1) of uit het label
    in WijkenEnBuurten naast Codering (labelvariant): de tekst zonder dubbele spaties, of ""
    als de cel leeg is, '.' of een CBS-code (dan noemt ze geen naam). Een naam wordt nooit
    bedacht: alleen wat het bestand zegt (namen.Namen.noem)."""
    schoon = " ".join(tekst.split())
    if schoon in ("", ".", "x", "X") or is_ontbrekend(schoon) or CBS_CODE.match(schoon.upper()):
        return ""
    return schoon[:100]


def kerncijfersregel(rij, waarden):
    """De regel van een geldige rij van de kerncijfers."""
    return KerncijfersRegel(rij, *waarden)


KERNCIJFERS = Rijformaat(
    soort=Import.Soort.KERNCIJFERS,
    kolommen=(
        Kolom("gebied", True, lees_kerngebied),
        Kolom("jaar", True, lees_bevolkingsjaar),
        Kolom("inwoners", True, lees_kerngetal),
        Kolom("adressendichtheid", True, lees_kerngetal),
        Kolom("stedelijkheid", False, lees_stedelijkheid),
        BRON,
        Kolom("naam", False, lees_kernnaam, toon=str.strip),
    ),
    maak=kerncijfersregel,
    sleutel=slice(1, 3),  # gebied, jaar
)

# De titel van CBS' tabel boven de kopregel, met het jaar: "Kerncijfers wijken en buurten 2024"
# (ook met een tabelnummer of een dubbele punt ervoor of erachter).
KERNCIJFERS_TITEL = re.compile(r"kerncijfers\s+wijken\s+en\s+buurten\W*((?:19|20)\d{2})\b", re.I)
ZONDER_JAAR = (
    "Dit lijkt CBS' Kerncijfers wijken en buurten, maar het jaar staat nergens in het "
    "bestand: er is geen kolom jaar en boven de kopregel staat geen titel met het jaar (zoals "
    "'Kerncijfers wijken en buurten 2024'). Voeg een kolom jaar toe met het jaar van de tabel "
    "(bijvoorbeeld 2024), of zet de titel van de tabel met het jaar op de eerste regel, boven "
    "de kopregel, en importeer opnieuw."
)


def jaar_uit_titels(titelregels):
    """Het jaar van de kerncijfers uit de titelregels boven de kopregel (lezen.Tabel): het jaar
    direct na "Kerncijfers wijken en buurten". None als geen regel het zo zegt (een los jaar
    of een tabelnummer zegt niets: nooit raden). Raises BestandFout (kolom "titel") als de
    regels verschillende jaren noemen."""
    jaren = sorted({int(m.group(1)) for r in titelregels for m in KERNCIJFERS_TITEL.finditer(r)})
    if len(jaren) > 1:
        raise BestandFout(
            "De titel boven de kopregel noemt meer dan één jaar van de Kerncijfers wijken en "
            f"buurten ({', '.join(map(str, jaren))}). Voeg een kolom jaar toe met het jaar van "
            "elke rij en importeer opnieuw.",
            kolom="titel",
            waarde=", ".join(map(str, jaren)),
        )
    return jaren[0] if jaren else None


def kerncijfers_zonder_jaarkolom(titelregels, kopregel=1):
    """Het Rijformaat van de kerncijfers voor een bestand zonder kolom jaar: elke rij krijgt
    het jaar uit de titel (`jaar_uit_titels`), gecontroleerd zoals een jaar in de kolom.

    Raises BestandFout (rij `kopregel`) met ZONDER_JAAR als de titel geen jaar noemt, en als
    het jaar buiten het bereik valt (de reden van lees_bevolkingsjaar)."""
    jaar = jaar_uit_titels(titelregels)
    if jaar is None:
        raise BestandFout(ZONDER_JAAR, rij=kopregel, kolom="kopregel", waarde="jaar")
    waarde = lees_bevolkingsjaar(str(jaar))
    if type(waarde) is Afwijking:
        raise BestandFout(waarde.reden, kolom="titel", waarde=str(jaar))
    kolommen = tuple(
        Kolom("jaar", True, lambda tekst, namen=None: waarde) if k.naam == "jaar" else k
        for k in KERNCIJFERS.kolommen
    )
    return dataclasses.replace(KERNCIJFERS, kolommen=kolommen)


PER_SOORT = {formaat.soort: formaat for formaat in (SJABLOON, POLITIE, BEVOLKING, KERNCIJFERS)}
