"""Tabellen die op de open data van de politie lijken, maar het niet zijn: herkend aan de kopregel.

Een adviseur die "geregistreerde criminaliteit" zoekt op StatLine vindt ook andere tabellen
met SoortMisdrijf, RegioS en Perioden. Die worden hier herkend, zodat de melding de tabel
noemt en zegt wat er wel gedownload moet worden, in plaats van duizend fouten per rij.
Elke Handtekening noemt de kolommen (genormaliseerd zoals herkennen.normaliseer_kop: zonder
hoofdletters, spaties en leestekens) die samen de tabel verraden.

Bronnen: de tabeloverzichten van CBS StatLine (opendata.cbs.nl) en data.politie.nl.
"""

import re
from dataclasses import dataclass

from cijfers.importeren.fouten import BestandFout

WAT_WEL = (
    "Download de open data van de politie: CBS-tabel 47013NED (per maand, per gemeente) of "
    "47018NED (per jaar, per wijk en buurt), op data.politie.nl of opendata.cbs.nl, als CSV; "
    "of zet de cijfers in het sjabloon."
)


@dataclass(frozen=True)
class Handtekening:
    """Een bekende tabel: `nummer` en `titel` zoals op StatLine, `kolommen` reguliere
    expressies die elk op minstens één genormaliseerde kop moeten passen, en `uitleg`: waarom
    het dashboard hem niet leest."""

    nummer: str
    titel: str
    kolommen: tuple
    uitleg: str

    def past(self, koppen):
        """True als elke expressie op minstens één kop past."""
        return all(any(re.search(patroon, kop) for kop in koppen) for patroon in self.kolommen)


HANDTEKENINGEN = (
    Handtekening(
        "83648NED",
        "Geregistreerde criminaliteit; soort misdrijf, regio",
        (r"^soortmisdrijf$", r"per1000"),
        "Die tabel heeft eigen codes voor de soorten misdrijf (niet die van de politie) en "
        "een kolom per 1.000 inwoners; het dashboard rekent zelf per 1.000 inwoners uit de "
        "inwoners.",
    ),
    Handtekening(
        "83651NED",
        "Verdachten; geslacht, leeftijd, regio",
        (r"verdacht", r"^(geslacht|leeftijd)$"),
        "Die tabel telt verdachten, geen geregistreerde misdrijven.",
    ),
    Handtekening(
        "47024NED",
        "Overlast; soort incident, regio",
        (r"^(soortincident|soortoverlast|incidenten)", r"^(regios|wijkenenbuurten)$"),
        "Die tabel telt incidenten (meldingen van overlast), geen geregistreerde misdrijven; "
        "zet meldingen van overlast in het sjabloon bij de categorie met de eenheid meldingen.",
    ),
    Handtekening(
        "81947NED",
        "Veiligheidsmonitor; slachtofferschap, regio",
        (r"^(slachtoffer|veiligheidsbeleving|onveilig)",),
        "Die tabel komt uit de Veiligheidsmonitor (een enquête), niet uit de registratie van "
        "de politie.",
    ),
)


def normaliseer_kop(kop):
    """Een kop zonder hoofdletters, spaties en leestekens: "Regio's" -> "regios"."""
    return re.sub(r"[^a-z0-9]", "", kop.strip().lower())


def bekende_tabel(kop):
    """De Handtekening van de tabel die deze kopregel (lijst van tekst) is, of None."""
    koppen = [normaliseer_kop(naam) for naam in kop]
    return next((tabel for tabel in HANDTEKENINGEN if tabel.past(koppen)), None)


def weiger_bekende_tabel(kop, rij=1):
    """Raises BestandFout (rij van de kopregel, kolom kopregel) die de tabel noemt en zegt wat
    er wel gedownload moet worden, als de kopregel een bekende andere tabel is; anders None."""
    tabel = bekende_tabel(kop)
    if tabel is not None:
        raise BestandFout(
            f"Dit bestand is CBS-tabel {tabel.nummer} ({tabel.titel}), niet de open data van "
            f"de politie. {tabel.uitleg} {WAT_WEL}",
            rij=rij,
            kolom="kopregel",
            waarde=tabel.nummer,
        )


def statline_uitleg(kop):
    """Een uitleg voor een StatLine-tabel die geen geregistreerde misdrijven heeft (wel RegioS
    of Perioden, maar niet SoortMisdrijf met GeregistreerdeMisdrijven_1), of None."""
    koppen = {normaliseer_kop(naam) for naam in kop}
    if not koppen & {"regios", "wijkenenbuurten", "perioden"}:
        return None
    if "soortmisdrijf" in koppen and any(k.startswith("geregistreerdemisdrijven") for k in koppen):
        return None
    if any(k.startswith("omgevingsadressendichtheid") for k in koppen):
        return None  # de kerncijfers: herkennen.py heeft daar een eigen melding voor
    metingen = [naam for naam in kop if normaliseer_kop(naam) not in
                {"id", "regios", "wijkenenbuurten", "perioden", "soortmisdrijf", ""}]  # fmt: skip
    return (
        "Dit is een tabel van CBS StatLine, maar niet de open data van de politie: er is "
        f"geen kolom met geregistreerde misdrijven (wel: {', '.join(metingen[:5]) or 'geen'}). "
        + WAT_WEL
    )
