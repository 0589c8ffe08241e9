""" "Is dat veel?": een gemeente per 1.000 inwoners naast Nederland, haar basisteam en haar
vergelijkingsgroep, met het 95%-interval van Poisson (cijfers/statistiek.py).

De view haalt de cijfers van de referenties op (Nederland, het basisteam met zijn gemeenten,
de leden van de groep; `Referenties`); `inwonersvergelijking` maakt er zonder queries een
`Inwonersvergelijking` van. Per categorie telt het nieuwste volledige jaar waarin de gemeente
een aantal en een inwonertal heeft; de referenties in datzelfde jaar.
"""

import statistics
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
from django.utils.formats import number_format

from cijfers import charts, statistiek, tables, trends
from cijfers.models import Cijfer
from cijfers.pagina.reeksen import Grafiek, jaarcijfers

# De tekens bij een verschil dat de intervallen bevestigen, met hun voetnoot in woorden.
TEKENS = {statistiek.HOGER: "▲", statistiek.LAGER: "▼"}

BEVOLKINGSBESTAND = (
    "CBS' bevolkingstabel (StatLine 03759ned of 37230ned, kolommen RegioS, Perioden en "
    "BevolkingOp1Januari_1) of een bestand gebied,jaar,inwoners"
)
KERNCIJFERSBESTAND = (
    "CBS' Kerncijfers wijken en buurten (bijvoorbeeld 85984NED, met WijkenEnBuurten, "
    "AantalInwoners, Omgevingsadressendichtheid en MateVanStedelijkheid)"
)


@dataclass
class Referenties:
    """Wat de vergelijking naast de gemeente zet: `nederland` (Gebied of None), `basisteam`
    (Gebied met geprefetchte leden, of None), `groep` (Vergelijkingsgroep of None; zonder
    opgeslagen groep de standaardgroep als `groepsleden` met `methode`), `records` de
    cijferrecords (met inwoners) van al die gebieden in de categorieën van de pagina."""

    nederland: object = None
    basisteam: object = None
    groepsleden: list = field(default_factory=list)
    methode: str = ""
    records: list = field(default_factory=list)


@dataclass
class Vergelijkingsrij:
    """Eén categorie: het jaar, de Verhouding van de gemeente, van Nederland, van het
    basisteam en van de groep als geheel (som van de aantallen gedeeld door de som van de
    inwoners), de mediaan, laagste en hoogste van de leden (per 1.000, float), het aantal leden
    met een cijfer, en HOGER/LAGER/None t.o.v. Nederland en de groep."""

    categorie: object
    jaar: int
    eigen: statistiek.Verhouding
    nederland: statistiek.Verhouding | None = None
    basisteam: statistiek.Verhouding | None = None
    groep: statistiek.Verhouding | None = None
    groep_mediaan: float | None = None
    groep_laagste: float | None = None
    groep_hoogste: float | None = None
    groep_met_cijfer: int = 0
    tov_nederland: str | None = None
    tov_groep: str | None = None


@dataclass
class Inwonersvergelijking:
    """De vergelijking op de gebiedspagina: de rijen, hun tabel, de groep (namen en methode),
    het aantal leden, wat er nog geïmporteerd moet worden (zinnen; leeg als niets), en na
    `met_paneel` het paneel "vergeleken met" (een Grafiek)."""

    rijen: list
    tabel: object
    groepsnamen: list
    methode: str
    basisteam_naam: str = ""
    te_importeren: list = field(default_factory=list)
    paneel: Grafiek | None = None

    @property
    def heeft_verschil(self):
        """Zegt een rij "hoger" of "lager"? (Dan staat de voetnoot eronder.)"""
        return any(r.tov_nederland or r.tov_groep for r in self.rijen)

    @property
    def heeft_weinig(self):
        return any(r.eigen.weinig for r in self.rijen)


def _een_decimaal(waarde):
    if waarde is None:
        return trends.ONTBREEKT
    afgerond = Decimal(repr(waarde)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return number_format(afgerond, decimal_pos=1, force_grouping=True)


def _verhouding(frame, gebied, categorie, jaar):
    """De Verhouding van een gebied in een jaar, of None zonder (openbaar) aantal of inwoners."""
    if frame.empty or gebied is None:
        return None
    rij = frame[
        (frame["gebied"] == gebied) & (frame["categorie"] == categorie) & (frame["jaar"] == jaar)
    ]
    if rij.empty:
        return None
    rij = rij.iloc[0]
    if trends.is_leeg(rij["waarde"]) or pd.isna(rij["inwoners"]) or rij["status"] == "geheim":
        return None
    return statistiek.Verhouding(int(rij["waarde"]), int(rij["inwoners"]))


def _nieuwste_jaar(eigen, categorie):
    """Het nieuwste volledige jaar met een openbaar aantal én een inwonertal, of None."""
    rijen = eigen[
        (eigen["categorie"] == categorie)
        & eigen["waarde"].notna()
        & eigen["inwoners"].notna()
        & (eigen["status"] != Cijfer.Status.GEHEIM.value)
    ]
    return int(rijen["jaar"].max()) if not rijen.empty else None


def _rij(eigen, referentieframe, gebied, categorie, jaar, referenties):
    verhouding = _verhouding(eigen, gebied.pk, categorie.pk, jaar)
    rij = Vergelijkingsrij(categorie, jaar, verhouding)
    nederland, team = referenties.nederland, referenties.basisteam
    rij.nederland = _verhouding(referentieframe, nederland and nederland.pk, categorie.pk, jaar)
    rij.basisteam = _verhouding(referentieframe, team and team.pk, categorie.pk, jaar)
    leden = [
        v
        for lid in referenties.groepsleden
        if (v := _verhouding(referentieframe, lid.pk, categorie.pk, jaar)) is not None
    ]
    if leden:
        waarden = [v.waarde for v in leden]
        rij.groep_mediaan = statistics.median(waarden)
        rij.groep_laagste, rij.groep_hoogste = min(waarden), max(waarden)
        rij.groep_met_cijfer = len(leden)
        rij.groep = statistiek.Verhouding(
            sum(v.aantal for v in leden), sum(v.inwoners for v in leden)
        )
    rij.tov_nederland = statistiek.vergelijk_met(verhouding, rij.nederland)
    rij.tov_groep = statistiek.vergelijk_met(verhouding, rij.groep)
    return rij


def _teken(uitkomst, naam):
    """'▲ hoger', '▼ lager' of 'geen verschil aangetoond' (de kolom noemt `naam`)."""
    if uitkomst is None:
        return "geen verschil aangetoond"
    return f"{TEKENS[uitkomst]} {uitkomst}"


def _tabelrij(rij, basisteam_naam):
    eigen = rij.eigen
    per_1000 = _een_decimaal(eigen.waarde)
    if eigen.weinig:
        per_1000 = f"{per_1000} (uit {eigen.aantal}: minder dan 10)"
    onder, boven = eigen.interval
    groep = trends.ONTBREEKT
    if rij.groep_mediaan is not None:
        groep = (
            f"{_een_decimaal(rij.groep_mediaan)} ({_een_decimaal(rij.groep_laagste)}"
            f"-{_een_decimaal(rij.groep_hoogste)}; {rij.groep_met_cijfer} gemeenten)"
        )
    return {
        "categorie": rij.categorie.naam,
        "jaar": str(rij.jaar),
        "aantal": tables.getal(eigen.aantal),
        "per_1000": per_1000,
        "interval": f"{_een_decimaal(onder)}-{_een_decimaal(boven)}",
        "nederland": _een_decimaal(rij.nederland and rij.nederland.waarde),
        "basisteam": _een_decimaal(rij.basisteam and rij.basisteam.waarde),
        "groep": groep,
        "tov_nederland": _teken(rij.tov_nederland, "Nederland") if rij.nederland else ".",
        "tov_groep": _teken(rij.tov_groep, "de groep") if rij.groep else ".",
    }


def _kolommen(basisteam_naam):
    return [
        ("categorie", "Categorie", False),
        ("jaar", "Jaar", True),
        ("aantal", "Aantal", True),
        ("per_1000", "Per 1.000 inwoners", True),
        ("interval", "95%-interval", True),
        ("nederland", "Nederland", True),
        ("basisteam", basisteam_naam or "Basisteam", True),
        ("groep", "Groep: mediaan (laagste-hoogste)", True),
        ("tov_nederland", "T.o.v. Nederland", False),
        ("tov_groep", "T.o.v. de groep", False),
    ]


def inwonersvergelijking(gebied, eigen, categorieen, referenties):
    """De Inwonersvergelijking van een gemeente (geen queries).

    `eigen` is het jaarframe van de gemeente met inwoners (Gebiedscijfers.eigen_jaarcijfers),
    `categorieen` de categorieën in de volgorde van de pagina, `referenties` de Referenties.
    Heeft de gemeente nergens een inwonertal, dan zijn er geen rijen en noemt `te_importeren`
    het bestand (zie `ontbrekende_bestanden`); zonder groep ook het bestand met kerncijfers."""
    heeft_groep = bool(referenties.groepsleden)
    if eigen.empty or "inwoners" not in eigen.columns or eigen["inwoners"].isna().all():
        return Inwonersvergelijking(
            [], None, [], "", te_importeren=ontbrekende_bestanden(False, heeft_groep)
        )
    records = referenties.records
    teams = {}
    if referenties.basisteam is not None:
        teams = {referenties.basisteam.pk: [g.pk for g in referenties.basisteam.leden.all()]}
    referentieframe = jaarcijfers(records, teams)[0] if records else pd.DataFrame()
    rijen = []
    for categorie in categorieen:
        jaar = _nieuwste_jaar(eigen, categorie.pk)
        if jaar is not None:
            rijen.append(_rij(eigen, referentieframe, gebied, categorie, jaar, referenties))
    if not rijen:
        return Inwonersvergelijking(
            [], None, [], "", te_importeren=ontbrekende_bestanden(False, heeft_groep)
        )
    team_naam = referenties.basisteam.naam if referenties.basisteam else ""
    tabel = tables.eenvoudige_tabel(
        [_tabelrij(rij, team_naam) for rij in rijen], _kolommen(team_naam)
    )
    return Inwonersvergelijking(
        rijen=rijen,
        tabel=tabel,
        groepsnamen=[lid.naam for lid in referenties.groepsleden],
        methode=referenties.methode,
        basisteam_naam=team_naam,
        te_importeren=ontbrekende_bestanden(True, heeft_groep),
    )


def ontbrekende_bestanden(heeft_inwoners, heeft_groep):
    """De zinnen "importeer ..." voor wat de vergelijking mist: de inwoners van de gemeente
    (BEVOLKINGSBESTAND) of de kerncijfers voor de vergelijkingsgroep (KERNCIJFERSBESTAND)."""
    zinnen = []
    if not heeft_inwoners:
        zinnen.append(
            f"Importeer het aantal inwoners ({BEVOLKINGSBESTAND}) om de cijfers per 1.000 "
            "inwoners te zien, naast Nederland en het basisteam."
        )
    if not heeft_groep:
        zinnen.append(
            f"Importeer {KERNCIJFERSBESTAND} om de gemeente te vergelijken met de gemeenten die "
            "het meest op haar lijken."
        )
    return zinnen


def met_paneel(vergelijking, gebied, bron):
    """De Inwonersvergelijking met het paneel "vergeleken met" (charts.vergelijkingspaneel):
    per categorie de gemeente met haar interval, Nederland en de groep; zonder rijen
    ongewijzigd. `bron` is de bronregel (tekst, delen gescheiden door ';')."""
    if vergelijking is None or not vergelijking.rijen:
        return vergelijking
    rijen = [
        (
            f"{rij.categorie.naam} ({rij.jaar})",
            (rij.eigen.waarde, *rij.eigen.interval),
            rij.nederland and rij.nederland.waarde,
            (rij.groep_mediaan, rij.groep_laagste, rij.groep_hoogste)
            if rij.groep_mediaan is not None
            else None,
        )
        for rij in vergelijking.rijen
    ]
    figuur = charts.vergelijkingspaneel(
        rijen, f"{gebied.naam} vergeleken, per 1.000 inwoners", bron, gebied.naam
    )
    grafiek = Grafiek(
        "vergeleken",
        figuur,
        f"{gebied.slug}-vergeleken",
        beschrijving="De getallen staan in de tabel hierboven.",
    )
    return replace(vergelijking, paneel=grafiek)
