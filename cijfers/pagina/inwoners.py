""" "Is dat veel?": een gemeente per 1.000 inwoners naast Nederland, haar basisteam en haar
vergelijkingsgroep, met het 95%-interval van Poisson (cijfers/statistiek.py).

De view haalt de cijfers van de referenties op (Nederland, het basisteam met zijn gemeenten,
de leden van de groep; `Referenties`); `inwonersvergelijking` maakt er zonder queries een
`Inwonersvergelijking` van. Per categorie telt het nieuwste volledige jaar waarin de gemeente
een aantal en een inwonertal heeft en Nederland ook een cijfer (een voorlopig jaarcijfer van de
gemeente zonder cijfer van Nederland laat de rij anders zonder vergelijking; de pagina zegt
dan welk jaar niet vergeleken is); de referenties in datzelfde jaar. Zo ook voor de laatste
12 maanden (`twaalf_maanden_rijen`).
"""

import math
import statistics
from dataclasses import dataclass, field, replace

import django_tables2
import pandas as pd

from cijfers import charts, statistiek, tables, trends
from cijfers.models import Cijfer
from cijfers.pagina.reeksen import Grafiek, jaarcijfers
from ivp.models import Gebied
from ivp.tekst import opsomming, telwoord

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
# Proefgebruik punt 10: een lid dat in geen geïmporteerd bestand een naam heeft, staat er met
# zijn CBS-code en deze uitleg (één keer), en de noot zegt welk bestand de naam geeft.
ZONDER_NAAM = "naam niet in de geïmporteerde bestanden"
NAAMBESTANDEN = (
    "CBS' Kerncijfers wijken en buurten met de kolom Gemeentenaam (of Wijken en buurten als "
    "label naast Codering), of de politiecijfers van alle gemeenten met de naam bij de code "
    "(zoals GM0308 Baarn; het commando haal_politiecijfers --alle-gemeenten haalt ze zo bij "
    "het CBS)"
)
BEHEER_GROEP = (
    "Stel de groep met de hand samen in het beheer (Vergelijkingsgroepen: de gemeente, haar "
    "leden en een zin over hoe ze gekozen zijn)"
)


@dataclass(frozen=True)
class Bevolkingstand:
    """Wat er aan inwoners geïmporteerd is, voor een gemeente zonder inwonertal in een jaar met
    cijfers: `jaar` het nieuwste jaar met inwoners van gemeenten (None: geen), `gemeenten`
    hoeveel gemeenten in dat jaar een inwonertal hebben, `eigen_jaar` het nieuwste jaar met een
    inwonertal van de gemeente zelf (None: geen)."""

    jaar: int | None = None
    gemeenten: int = 0
    eigen_jaar: int | None = None


@dataclass(frozen=True)
class Kerncijferstand:
    """Waarom een gemeente geen vergelijkingsgroep heeft: `jaar` het nieuwste jaar met
    kerncijfers van gemeenten (None: geen), `gemeenten` hoeveel gemeenten daarin staan,
    `erin` of de gemeente er zelf in staat, `ontbreekt` welke kenmerken ze daar mist ("het
    aantal inwoners", "de omgevingsadressendichtheid"), `lege_groep` of het beheer haar een
    groep zonder leden gaf (die gaat voor de standaardgroep)."""

    jaar: int | None = None
    gemeenten: int = 0
    erin: bool = False
    ontbreekt: tuple = ()
    lege_groep: bool = False


@dataclass
class Referenties:
    """Wat de vergelijking naast de gemeente zet: `nederland` (Gebied of None), `basisteam`
    (Gebied met geprefetchte leden, of None), `groep` (Vergelijkingsgroep of None; zonder
    opgeslagen groep de standaardgroep als `groepsleden` met `methode`), `records` de
    cijferrecords (met inwoners) van al die gebieden in de categorieën van de pagina (mogelijk
    alleen de jaren die de vergelijking leest: vergelijking.referenties_van), en
    `nieuwste_inwoners` {gebied-id: (jaar, inwoners)} het nieuwste inwonertal per gebied over
    alle jaren met een cijfer (leeg: uit `records`, zie `_nieuwste_inwoners`). `kerncijfers`
    (Kerncijferstand of None) zegt waarom er geen groep is, voor `ontbrekende_bestanden`."""

    nederland: object = None
    basisteam: object = None
    groepsleden: list = field(default_factory=list)
    methode: str = ""
    records: list = field(default_factory=list)
    nieuwste_inwoners: dict = field(default_factory=dict)
    kerncijfers: Kerncijferstand | None = None


@dataclass
class Vergelijkingsrij:
    """Eén categorie: het jaar, de Verhouding van de gemeente (None alleen in de tabel van de
    categoriepagina: een jaar zonder openbaar aantal), van Nederland, van het
    basisteam en van de groep als geheel (som van de aantallen gedeeld door de som van de
    inwoners), de mediaan, laagste en hoogste van de leden (per 1.000, float), het aantal leden
    met een cijfer, en HOGER/LAGER/None t.o.v. Nederland en de groep. `periode` is leeg voor
    een jaar, of de 12 maanden ("okt 2023-sep 2024", twaalf_maanden_naam; `jaar` is dan het
    jaar van de laatste maand). `voorlopig`: het aantal van de gemeente telt een voorlopig
    cijfer mee (CBS-teken *); `geheim`: de referenties ("nederland", "basisteam", "groep")
    waarvan het aantal geheim is (teken x in plaats van '.'), en "eigen" als dat van de
    gemeente geheim is; `voorlopige_referenties` de referenties waarvan het aantal een
    voorlopig cijfer meetelt (teken *: Nederland, het basisteam ook als som van zijn gemeenten,
    de groep als een lid met een cijfer voorlopig is)."""

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
    periode: str = ""
    voorlopig: bool = False
    geheim: frozenset = frozenset()
    voorlopige_referenties: frozenset = frozenset()


@dataclass
class Inwonersvergelijking:
    """De vergelijking op de gebiedspagina: de rijen, hun tabel, de groep (namen en methode),
    het aantal leden, wat er nog geïmporteerd moet worden (zinnen; leeg als niets),
    `twaalf_rijen` (Vergelijkingsrij met `periode`) en hun `twaalf_tabel` de laatste 12
    volledige maanden per categorie met maandcijfers (`twaalf_maanden_rijen`), met de jaren
    van de inwonertallen (`inwonersjaren`), `bronnen` de bronnen van de aantallen in de
    vergeleken jaren en categorieën (voor de bronregel van de panelen),
    `prioriteiten` [(prioriteit, [Vergelijkingsrij])] voor de gekoppelde categorieën van elke
    prioriteit, `jaar_noten` en `twaalf_noten` de zinnen onder de tabellen (een nieuwer jaar of
    nieuwere maanden van de gemeente die niet vergeleken zijn, categorieën zonder 12 volledige
    maanden), en na `met_paneel` het paneel "vergeleken met" (een Grafiek) of, als er
    prioriteiten zijn, `panelen` [(prioriteit, Grafiek)]: één compact paneel per prioriteit.
    `groepsnamen` is één tekst per lid (`groepsnamen`), `groepsnoot` de zin over leden zonder
    naam (`naamloze_noot`, "" als elk lid een naam heeft)."""

    rijen: list
    tabel: object
    groepsnamen: list
    methode: str
    basisteam_naam: str = ""
    te_importeren: list = field(default_factory=list)
    paneel: Grafiek | None = None
    prioriteiten: list = field(default_factory=list)
    panelen: list = field(default_factory=list)
    twaalf_rijen: list = field(default_factory=list)
    twaalf_tabel: object = None
    inwonersjaren: list = field(default_factory=list)
    bronnen: list = field(default_factory=list)
    bronnen_per_rij: dict = field(default_factory=dict)
    jaar_noten: list = field(default_factory=list)
    twaalf_noten: list = field(default_factory=list)
    groepsnoot: str = ""
    alleen_nederland: bool = False
    samenvatting: list = field(default_factory=list)

    @property
    def heeft_verschil(self):
        """Zegt een rij "hoger" of "lager"? (Dan staat de voetnoot eronder.)"""
        return any(r.tov_nederland or r.tov_groep for r in [*self.rijen, *self.twaalf_rijen])

    @property
    def heeft_vergelijking(self):
        """Heeft een rij een verhouding van Nederland of van de groep om mee te vergelijken?
        Zonder (alleen de inwoners van de gemeente geïmporteerd) zegt de pagina dat er nog
        niets te vergelijken is, niet dat er geen verschil is."""
        return any(
            r.nederland is not None or r.groep is not None
            for r in [*self.rijen, *self.twaalf_rijen]
        )

    def bronnen_van(self, rijen):
        """De bronnen (titels, gesorteerd) van de aantallen achter deze Vergelijkingsrijen: de
        bronregel van een paneel noemt alleen wat erin staat."""
        return sorted(
            {b for rij in rijen for b in self.bronnen_per_rij.get((rij.categorie.pk, rij.jaar), ())}
        )

    @property
    def bronnen_jaar(self):
        """De bronnen (titels, gesorteerd) van de aantallen in de tabel van het nieuwste
        volledige jaar (`rijen`): de regel "Bron aantallen" eronder; zonder rijen []."""
        return self.bronnen_van(self.rijen)

    @property
    def bronnen_twaalf(self):
        """De bronnen (titels, gesorteerd) van de aantallen in de tabel van de laatste 12
        maanden (`twaalf_rijen`): de cijfers van het jaar van hun laatste maand."""
        return self.bronnen_van(self.twaalf_rijen)

    @property
    def twaalf_periode(self):
        """De 12 maanden van de tabel als alle rijen dezelfde hebben ('okt 2023-sep 2024'),
        anders ''."""
        perioden = {rij.periode for rij in self.twaalf_rijen}
        return perioden.pop() if len(perioden) == 1 else ""

    @property
    def heeft_weinig(self):
        """Komt een verhouding uit minder dan 10 feiten?"""
        return any(r.eigen.weinig for r in [*self.rijen, *self.twaalf_rijen])


class Verhoudingen(dict):
    """{(gebied-id, categorie-id, jaar): Verhouding of None} uit een jaarframe met inwoners
    (reeksen.jaarcijfers), in één keer over het frame gebouwd: een pagina vraagt honderden
    verhoudingen, en elk apart filteren in pandas kost op landelijke omvang tienden van
    seconden. None zonder (openbaar) aantal of inwoners; bij dubbele rijen telt de eerste
    (zoals frame[...].iloc[0]). `van(gebied, categorie, jaar)` geeft None voor een gebied
    zonder rij of gebied None. `geheim` en `voorlopig` zijn de sleutels met die status."""

    def __init__(self, frame):
        super().__init__()
        self.geheim, self.voorlopig = set(), set()
        if frame.empty or "inwoners" not in frame.columns:
            return
        kolommen = frame[["gebied", "categorie", "jaar", "waarde", "inwoners", "status"]]
        for gebied, categorie, jaar, waarde, inwoners, status in kolommen.itertuples(
            index=False, name=None
        ):
            sleutel = (gebied, categorie, jaar)
            if sleutel in self:
                continue
            if status == Cijfer.Status.GEHEIM.value:
                self.geheim.add(sleutel)
            elif status == Cijfer.Status.VOORLOPIG.value:
                self.voorlopig.add(sleutel)
            if trends.is_leeg(waarde) or pd.isna(inwoners) or status == "geheim":
                self[sleutel] = None
            else:
                self[sleutel] = statistiek.Verhouding(int(waarde), int(inwoners))

    def van(self, gebied, categorie, jaar):
        """De Verhouding van een gebied in een jaar, of None (ook voor gebied None)."""
        if gebied is None:
            return None
        return self.get((gebied, categorie, jaar))


# Hoe ver een vergelijking terug mag om een periode te vinden die Nederland ook heeft: het
# nieuwste of het op één na nieuwste jaar van de gemeente, en 12 maanden die eindigen tot een
# half jaar vóór haar nieuwste maand (Nederland en de groep lopen een maand of twee achter;
# ouder is niet meer "de laatste 12 maanden"). Elk jaar verder terug haalt op landelijke
# omvang alle cijfers van dat jaar op (benodigde_jaren).
JAREN_TERUG = 2
MAANDEN_TERUG = 6


def _nieuwste_jaren(eigen, aantal=1):
    """{categorie-id: [jaar, ...]}: de `aantal` nieuwste volledige jaren met een openbaar
    aantal én een inwonertal, nieuwste eerst, uit het jaarframe `eigen` (één filter en één
    groupby voor alle categorieën); een categorie zonder zo'n jaar ontbreekt."""
    if eigen.empty:
        return {}
    rijen = eigen[
        eigen["waarde"].notna()
        & eigen["inwoners"].notna()
        & (eigen["status"] != Cijfer.Status.GEHEIM.value)
    ]
    if rijen.empty:
        return {}
    return {
        int(c): sorted({int(j) for j in jaren}, reverse=True)[:aantal]
        for c, jaren in rijen.groupby("categorie")["jaar"]
    }


def benodigde_jaren(eigen, eigen_records, gebied, categorieen, categorie_ids, maanden=None):
    """De jaren (set van int) die `inwonersvergelijking` van de referenties in elke categorie
    leest: per categorie in `categorie_ids` het nieuwste volledige jaar van de gemeente met
    een aantal en een inwonertal (`_nieuwste_jaren`; het jaar ervoor alleen in die categorie:
    `terugvaljaren`), en voor de `categorieen` van de tabel met maandcijfers de jaren van de 12 +
    MAANDEN_TERUG maanden tot en met haar nieuwste maand (`twaalf_maanden_rijen`). `eigen` is
    het jaarframe van de gemeente met inwoners, `eigen_records` haar cijferrecords (`maanden`:
    trends.maandcijfers daarvan, als de aanroeper die al heeft). Geen queries."""
    nieuwste = _nieuwste_jaren(eigen)
    jaren = {nieuwste[c][0] for c in categorie_ids if c in nieuwste}
    if maanden is None:
        maanden = trends.maandcijfers(eigen_records)
    for categorie in categorieen:
        eigen_maanden = maanden.get((gebied.pk, categorie.pk))
        if eigen_maanden:
            jaar, maand = max(eigen_maanden)
            einde = jaar * 12 + maand - 1
            jaren |= {nummer // 12 for nummer in range(einde - 11 - MAANDEN_TERUG, einde + 1)}
    return jaren


def terugvaljaren(eigen, categorie_ids, jaren):
    """{jaar: {categorie-id}}: de oudere van de JAREN_TERUG nieuwste volledige jaren van de
    gemeente per categorie (het jaar dat telt als Nederland het nieuwste niet heeft), buiten
    `jaren` (benodigde_jaren); alleen in die categorie opgehaald, want een heel jaar extra is op
    landelijke omvang de helft meer cijfers. `jaren` None (alle jaren opgehaald): leeg. Geen
    queries."""
    if jaren is None:
        return {}
    uitkomst = {}
    for categorie, eigen_jaren in _nieuwste_jaren(eigen, JAREN_TERUG).items():
        if categorie in categorie_ids:
            for jaar in eigen_jaren[1:]:
                if jaar not in jaren:
                    uitkomst.setdefault(jaar, set()).add(categorie)
    return uitkomst


def _rij(eigen, referentieframe, gebied, categorie, jaar, referenties):
    """De Vergelijkingsrij van een categorie in een jaar; `eigen` en `referentieframe` zijn
    Verhoudingen (van het eigen jaarframe en dat van de referenties)."""
    verhouding = eigen.van(gebied.pk, categorie.pk, jaar)
    rij = Vergelijkingsrij(categorie, jaar, verhouding)
    rij.voorlopig = (gebied.pk, categorie.pk, jaar) in eigen.voorlopig
    nederland, team = referenties.nederland, referenties.basisteam
    rij.nederland = referentieframe.van(nederland and nederland.pk, categorie.pk, jaar)
    rij.basisteam = referentieframe.van(team and team.pk, categorie.pk, jaar)
    geheim = {
        naam
        for naam, g in (("nederland", nederland), ("basisteam", team))
        if g is not None and (g.pk, categorie.pk, jaar) in referentieframe.geheim
    }
    if any(
        (lid.pk, categorie.pk, jaar) in referentieframe.geheim for lid in referenties.groepsleden
    ):
        geheim.add("groep")
    if verhouding is None and (gebied.pk, categorie.pk, jaar) in eigen.geheim:
        geheim.add("eigen")
    rij.geheim = frozenset(geheim)
    voorlopig = {
        naam
        for naam, g in (("nederland", nederland), ("basisteam", team))
        if g is not None and (g.pk, categorie.pk, jaar) in referentieframe.voorlopig
    }
    leden = []
    for lid in referenties.groepsleden:
        if (v := referentieframe.van(lid.pk, categorie.pk, jaar)) is not None:
            leden.append(v)
            if (lid.pk, categorie.pk, jaar) in referentieframe.voorlopig:
                voorlopig.add("groep")
    rij.voorlopige_referenties = frozenset(voorlopig)
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


def _referentiecel(rij, naam, verhouding):
    """Een referentie per 1.000 (`charts.per_1000_tekst`), met '*' als haar aantal een voorlopig
    cijfer meetelt (Vergelijkingsrij.voorlopige_referenties, zoals de cel van de gemeente
    zelf); zonder: 'x' als haar aantal geheim is, anders '.'."""
    if verhouding is None:
        return trends.GEHEIM if naam in rij.geheim else trends.ONTBREEKT
    teken = trends.VOORLOPIG if naam in rij.voorlopige_referenties else ""
    return charts.per_1000_tekst(verhouding.waarde) + teken


# Decimalen van de getallen per 1.000 inwoners in een export: meer dan op de pagina (één), zodat
# een zeldzame categorie (0,120 tegen 0,067) niet als gelijk leest en Excel ermee rekent.
EXPORT_DECIMALEN = 3
# Onder 0,1 minstens zoveel significante cijfers: 0,00053 (een ondergrens bij 1 voorval) is
# anders 0,001 in de export tegen 0,00053 op de pagina (proefgebruik 3).
EXPORT_SIGNIFICANT = 3


def exportafronding(waarde):
    """Een getal per 1.000 inwoners (float) voor de export: op EXPORT_DECIMALEN decimalen,
    onder 0,1 op EXPORT_SIGNIFICANT significante cijfers (0,000530, 0,0667); 0 blijft 0."""
    if not waarde:
        return round(float(waarde), EXPORT_DECIMALEN)
    decimalen = EXPORT_SIGNIFICANT - 1 - math.floor(math.log10(abs(waarde)))
    return round(float(waarde), max(EXPORT_DECIMALEN, decimalen))


def _exportgetal(rij, naam, verhouding):
    """Een referentie per 1.000 als getal (float, `exportafronding`) voor de export, of het
    CBS-teken: 'x' als haar aantal geheim is, anders '.' (ontbreekt, nooit 0)."""
    if verhouding is None:
        return trends.GEHEIM if naam in rij.geheim else trends.ONTBREEKT
    return exportafronding(verhouding.waarde)


def _exportvelden(rij):
    """De velden van een tabelrij die alleen in de export staan (issue 14; proefgebruik punt 6:
    de export gaf "44,3" en "41,7-47,0" als tekst): aantal, per 1.000, onder- en bovengrens van
    het interval, Nederland, basisteam en de groep (als geheel, mediaan, laagste en hoogste) als
    getallen, en de status van het aantal (voorlopig of definitief)."""
    eigen = rij.eigen
    onder, boven = eigen.interval if eigen is not None else (None, None)

    def afgerond(waarde):
        return trends.ONTBREEKT if waarde is None else exportafronding(waarde)

    return {
        "x_aantal": _zonder_eigen(rij) if eigen is None else eigen.aantal,
        "x_status": "voorlopig" if rij.voorlopig else "definitief",
        "x_per_1000": _zonder_eigen(rij) if eigen is None else afgerond(eigen.waarde),
        "x_onder": afgerond(onder),
        "x_boven": afgerond(boven),
        "x_nederland": _exportgetal(rij, "nederland", rij.nederland),
        "x_basisteam": _exportgetal(rij, "basisteam", rij.basisteam),
        "x_groep": _exportgetal(rij, "groep", rij.groep),
        "x_groep_mediaan": afgerond(rij.groep_mediaan),
        "x_groep_laagste": afgerond(rij.groep_laagste),
        "x_groep_hoogste": afgerond(rij.groep_hoogste),
        "x_groep_leden": rij.groep_met_cijfer,
    }


def _zonder_eigen(rij):
    """Het teken van een gemeente zonder openbaar aantal: 'x' als het geheim is, anders '.'."""
    return trends.GEHEIM if "eigen" in rij.geheim else trends.ONTBREEKT


def _tabelrij(rij):
    """De cellen van een Vergelijkingsrij: op het scherm tekst (per 1.000 met `charts.per_1000_tekst`,
    * voorlopig, "(uit n: minder dan 10)", x geheim, '.' ontbreekt), in de export getallen
    (`_exportvelden`). Zonder aantal van de gemeente (alleen op de categoriepagina) haar teken
    in aantal, per 1.000 en interval, en '.' in de kolommen t.o.v. Nederland en de groep."""
    eigen = rij.eigen
    teken = trends.VOORLOPIG if rij.voorlopig else ""
    if eigen is None:
        aantal = per_1000 = interval = _zonder_eigen(rij)
    else:
        aantal = tables.getal(eigen.aantal) + teken
        per_1000 = charts.per_1000_tekst(eigen.waarde) + teken
        if eigen.weinig:
            per_1000 = f"{per_1000} (uit {eigen.aantal}: minder dan 10)"
        onder, boven = eigen.interval
        interval = f"{charts.per_1000_tekst(onder)}-{charts.per_1000_tekst(boven)}"
    groep = trends.GEHEIM if "groep" in rij.geheim else trends.ONTBREEKT
    if rij.groep_mediaan is not None:
        voorlopig = trends.VOORLOPIG if "groep" in rij.voorlopige_referenties else ""
        groep = (
            f"{charts.per_1000_tekst(rij.groep_mediaan)}{voorlopig} ({charts.per_1000_tekst(rij.groep_laagste)}"
            f"-{charts.per_1000_tekst(rij.groep_hoogste)}; {rij.groep_met_cijfer} gemeenten)"
        )
    return {
        "categorie": rij.categorie.naam,
        "jaar": rij.periode or str(rij.jaar),
        "aantal": aantal,
        "per_1000": per_1000,
        "interval": interval,
        "nederland": _referentiecel(rij, "nederland", rij.nederland),
        "basisteam": _referentiecel(rij, "basisteam", rij.basisteam),
        "groep": groep,
        "tov_nederland": _teken(rij.tov_nederland, "Nederland")
        if rij.nederland and eigen
        else trends.ONTBREEKT,
        "tov_groep": _teken(rij.tov_groep, "de groep") if rij.groep and eigen else trends.ONTBREEKT,
        **_exportvelden(rij),
    }


def _scherm(numeriek=True):
    """Een kolom die alleen op het scherm staat (tekst met tekens en komma's); de export heeft
    haar getallen in de kolommen van `_exportkolom`."""
    return django_tables2.Column(
        attrs=tables.tabulair() if numeriek else {},
        default=trends.ONTBREEKT,
        exclude_from_export=True,
    )


def _exportkolom():
    """Een kolom die alleen in de export staat (onzichtbaar op het scherm): een getal, of een
    CBS-teken als tekst ('.' ontbreekt, 'x' geheim)."""
    return django_tables2.Column(visible=False, default=trends.ONTBREEKT)


def _kolommen(basisteam_naam, periodekop="Jaar", eerste=("categorie", "Categorie"), groep="Groep"):
    """De kolommen van een vergelijkingstabel: op het scherm tekst (aantal met *, per 1.000 op
    één decimaal of onder 1 twee significante cijfers, het interval als "5,4-7,4", de groep als
    "mediaan (laagste-hoogste; n)"), in de export dezelfde gegevens als getallen in eigen
    kolommen (`_exportvelden`), plus de tekens t.o.v. Nederland en de groep.

    `eerste` is (sleutel, kop) van de eerste kolom; `basisteam_naam` None laat het basisteam
    weg (de categoriepagina), `groep` None de groep, anders is het de naam van de groep in
    de koppen ("Groep", "Groep van Baarn")."""
    team = basisteam_naam or "Basisteam"
    kolommen = [
        (*eerste, False),
        ("jaar", periodekop, True),
        ("aantal", "Aantal", _scherm()),
        ("per_1000", "Per 1.000 inwoners", _scherm()),
        ("interval", "95%-interval", _scherm()),
        ("nederland", "Nederland", _scherm()),
        ("basisteam", team, _scherm()),
        ("groep", f"{groep}: mediaan (laagste-hoogste)", _scherm()),
        ("x_aantal", "Aantal", _exportkolom()),
        ("x_status", "Status", _exportkolom()),
        ("x_per_1000", "Per 1.000 inwoners", _exportkolom()),
        ("x_onder", "95%-interval: ondergrens", _exportkolom()),
        ("x_boven", "95%-interval: bovengrens", _exportkolom()),
        ("x_nederland", "Nederland per 1.000", _exportkolom()),
        ("x_basisteam", f"{team} per 1.000", _exportkolom()),
        ("x_groep", f"{groep} als geheel per 1.000", _exportkolom()),
        ("x_groep_mediaan", f"{groep}: mediaan per 1.000", _exportkolom()),
        ("x_groep_laagste", f"{groep}: laagste per 1.000", _exportkolom()),
        ("x_groep_hoogste", f"{groep}: hoogste per 1.000", _exportkolom()),
        ("x_groep_leden", f"{groep}: gemeenten met een cijfer", _exportkolom()),
        ("tov_nederland", "T.o.v. Nederland", False),
        ("tov_groep", "T.o.v. de groep", False),
    ]
    weg = set()
    if basisteam_naam is None:
        weg |= {"basisteam", "x_basisteam"}
    if groep is None:
        weg |= {k for k, *_ in kolommen if k.startswith(("groep", "x_groep", "tov_groep"))}
    return [k for k in kolommen if k[0] not in weg]


def _nieuwste_inwoners(records):
    """{gebied-id: (jaar, inwoners)}: per gebied het nieuwste jaar met een inwonertal in de
    cijferrecords (met inwoners)."""
    uitkomst = {}
    for r in records:
        inwoners = r.get("inwoners")
        if inwoners and (r["gebied"] not in uitkomst or r["jaar"] > uitkomst[r["gebied"]][0]):
            uitkomst[r["gebied"]] = (r["jaar"], int(inwoners))
    return uitkomst


def twaalf_maanden_naam(jaar, maand):
    """De 12 maanden die eindigen met `maand` van `jaar`, kort: 'okt 2023-sep 2024' (een
    volledig kalenderjaar: 'jan-dec 2023')."""
    begin_jaar, begin = _twaalf_maandnummers(jaar, maand)[0]
    afkortingen = trends.MAANDAFKORTINGEN
    if begin_jaar == jaar:
        return f"{afkortingen[begin]}-{afkortingen[maand - 1]} {jaar}"
    return f"{afkortingen[begin]} {begin_jaar}-{afkortingen[maand - 1]} {jaar}"


def _twaalf_maandnummers(jaar, maand):
    """De 12 (jaar, maand) die eindigen met `maand` van `jaar`, oudste eerst."""
    einde = jaar * 12 + maand - 1
    return [divmod(nummer, 12) for nummer in range(einde - 11, einde + 1)]


def _som_van_twaalf(maanden, nummers):
    """(som, voorlopig) van de 12 maanden (`nummers`: (jaar, maand-1)) uit {(jaar, maand):
    (waarde, status)}, of None als er een ontbreekt of geheim is (ontbrekend is geen nul);
    voorlopig als een van de maanden voorlopig is."""
    som, voorlopig = 0, False
    for jaar, index in nummers:
        cel = maanden.get((jaar, index + 1))
        if cel is None or trends.is_leeg(cel[0]) or cel[1] == Cijfer.Status.GEHEIM.value:
            return None
        som += int(cel[0])
        voorlopig |= cel[1] == Cijfer.Status.VOORLOPIG.value
    return som, voorlopig


def _gat_in_twaalf(maanden, nummers):
    """De eerste maand die de som van de 12 maanden onmogelijk maakt: ((jaar, maand), True
    als ze geheim is, False als ze ontbreekt), of None als alle 12 er openbaar zijn."""
    for jaar, index in nummers:
        cel = maanden.get((jaar, index + 1))
        if cel is None or trends.is_leeg(cel[0]) or cel[1] == Cijfer.Status.GEHEIM.value:
            return (jaar, index + 1), cel is not None and cel[1] == Cijfer.Status.GEHEIM.value
    return None


def _twaalf_geheim(maanden, gebied_ids, categorie, nummers):
    """Is een van de 12 maanden van een van de gebieden geheim (teken x, niet '.')?"""
    return any(
        (gat := _gat_in_twaalf(maanden.get((gebied, categorie), {}), nummers)) and gat[1]
        for gebied in gebied_ids
    )


def _twaalf_verhouding(maanden, inwoners, gebied_ids, categorie, nummers):
    """De Verhouding van de gebieden samen over de 12 maanden: de som van hun aantallen op de
    som van hun nieuwste inwonertallen; None als er één een maand of inwonertal mist."""
    aantal = bevolking = 0
    for gebied in gebied_ids:
        som = _som_van_twaalf(maanden.get((gebied, categorie), {}), nummers)
        if som is None or gebied not in inwoners:
            return None
        aantal, bevolking = aantal + som[0], bevolking + inwoners[gebied][1]
    return statistiek.Verhouding(aantal, bevolking) if bevolking else None


def _twaalf_voorlopig(maanden, gebied_ids, categorie, nummers):
    """Telt de som van de 12 maanden van een van de gebieden een voorlopige maand mee? (Alleen
    gebieden met alle 12 maanden: de andere tellen niet mee.)"""
    return any(
        (som := _som_van_twaalf(maanden.get((gebied, categorie), {}), nummers)) and som[1]
        for gebied in gebied_ids
    )


def _maandnaam(jaar, maand):
    """'oktober 2025'."""
    return f"{trends.MAANDNAMEN[maand - 1]} {jaar}"


def _twaalf_einde(eigen, nederland_maanden, laatste):
    """De laatste maand (jaar, maand) van de vergeleken 12 maanden van een categorie: de
    nieuwste 12 volledige maanden die de gemeente (`eigen`) én Nederland (`nederland_maanden`)
    hebben, eindigend niet meer dan MAANDEN_TERUG maanden vóór de nieuwste maand van de
    gemeente (`laatste`). Zonder maanden van Nederland, of zonder zo'n periode: `laatste` (de
    eigen laatste 12 maanden, zonder vergelijking met Nederland)."""
    if not nederland_maanden:
        return laatste
    einde = laatste[0] * 12 + laatste[1] - 1
    for nummer in range(einde, einde - MAANDEN_TERUG - 1, -1):
        jaar, index = divmod(nummer, 12)
        nummers = _twaalf_maandnummers(jaar, index + 1)
        if _som_van_twaalf(eigen, nummers) and _som_van_twaalf(nederland_maanden, nummers):
            return jaar, index + 1
    return laatste


def twaalf_maanden_rijen(gebied, eigen_records, categorieen, referenties):
    """([Vergelijkingsrij], [inwonersjaar], [zin]): per categorie met maandcijfers van de
    gemeente 12 volledige maanden (alle 12 met een openbaar aantal) per 1.000 inwoners, naast
    Nederland, het basisteam (eigen maandcijfers, anders de som van zijn gemeenten) en de
    leden van de groep over dezelfde 12 maanden.

    Welke 12 maanden: de nieuwste die de gemeente én Nederland hebben (`_twaalf_einde`); het
    basisteam en de groep over diezelfde maanden, als ze ze alle 12 hebben (anders '.', of 'x'
    bij een geheime maand). Zonder maanden van Nederland de laatste 12 van de gemeente. De
    zinnen (Nederlands, voor onder de tabel) noemen nieuwere maanden van de gemeente die
    daardoor niet vergeleken zijn, en de categorieën met maandcijfers die niet in de tabel
    staan, met de maand die ontbreekt of geheim is. Een rij is voorlopig als een van haar
    12 maanden van de gemeente voorlopig is.

    Inwoners: per gebied het nieuwste jaar met een inwonertal (in de records of in
    Referenties.nieuwste_inwoners; de uitkomst noemt die jaren);
    een gebied zonder valt weg. Hoger/lager zoals bij de jaren (statistiek.vergelijk_met).
    Geen queries."""
    maanden = trends.maandcijfers([*eigen_records, *referenties.records])
    inwoners = _nieuwste_inwoners([*eigen_records, *referenties.records])
    for gebied_id, (jaar, aantal) in referenties.nieuwste_inwoners.items():
        if gebied_id not in inwoners or jaar > inwoners[gebied_id][0]:
            inwoners[gebied_id] = (jaar, aantal)
    if gebied.pk not in inwoners:
        return [], [], []
    team = referenties.basisteam
    nederland = referenties.nederland
    teamleden = [lid.pk for lid in team.leden.all()] if team is not None else []
    rijen, jaren = [], {inwoners[gebied.pk][0]}
    nieuwer, weggelaten = {}, []
    for categorie in categorieen:
        eigen = maanden.get((gebied.pk, categorie.pk))
        if not eigen:
            continue
        laatste = max(eigen)
        nederland_maanden = maanden.get((nederland.pk, categorie.pk)) if nederland else None
        einde = _twaalf_einde(eigen, nederland_maanden, laatste)
        nummers = _twaalf_maandnummers(*einde)
        verhouding = _twaalf_verhouding(maanden, inwoners, [gebied.pk], categorie.pk, nummers)
        if verhouding is None:
            gat = _gat_in_twaalf(eigen, nummers)
            reden = (
                f"{_maandnaam(*gat[0])} {'is geheim' if gat[1] else 'ontbreekt'}"
                if gat
                else "geen inwonertal"
            )
            weggelaten.append(f"{categorie.naam} ({reden})")
            continue
        periode = twaalf_maanden_naam(*einde)
        if einde != laatste:
            eigen_volledig = _som_van_twaalf(eigen, _twaalf_maandnummers(*laatste)) is not None
            nieuwer.setdefault((laatste, periode, eigen_volledig), []).append(categorie.naam)
        rij = Vergelijkingsrij(categorie, einde[0], verhouding, periode=periode)
        rij.voorlopig = _som_van_twaalf(eigen, nummers)[1]
        geheim, voorlopig = set(), set()
        if nederland is not None:
            rij.nederland = _twaalf_verhouding(
                maanden, inwoners, [nederland.pk], categorie.pk, nummers
            )
            if rij.nederland is None and _twaalf_geheim(
                maanden, [nederland.pk], categorie.pk, nummers
            ):
                geheim.add("nederland")
            if rij.nederland and _twaalf_voorlopig(maanden, [nederland.pk], categorie.pk, nummers):
                voorlopig.add("nederland")
        if team is not None:
            # Zijn eigen maanden, anders de som van zijn gemeenten: de tekens van wat telt.
            teamgebieden = [team.pk]
            rij.basisteam = _twaalf_verhouding(maanden, inwoners, [team.pk], categorie.pk, nummers)
            if rij.basisteam is None:
                teamgebieden = teamleden
                rij.basisteam = _twaalf_verhouding(
                    maanden, inwoners, teamleden, categorie.pk, nummers
                )
            if rij.basisteam is None and _twaalf_geheim(
                maanden, [team.pk, *teamleden], categorie.pk, nummers
            ):
                geheim.add("basisteam")
            if rij.basisteam and _twaalf_voorlopig(maanden, teamgebieden, categorie.pk, nummers):
                voorlopig.add("basisteam")
        leden = []
        for lid in referenties.groepsleden:
            v = _twaalf_verhouding(maanden, inwoners, [lid.pk], categorie.pk, nummers)
            if v:
                leden.append(v)
                if _twaalf_voorlopig(maanden, [lid.pk], categorie.pk, nummers):
                    voorlopig.add("groep")
        rij.voorlopige_referenties = frozenset(voorlopig)
        if leden:
            waarden = [v.waarde for v in leden]
            rij.groep_mediaan = statistics.median(waarden)
            rij.groep_laagste, rij.groep_hoogste = min(waarden), max(waarden)
            rij.groep_met_cijfer = len(leden)
            rij.groep = statistiek.Verhouding(
                sum(v.aantal for v in leden), sum(v.inwoners for v in leden)
            )
        elif _twaalf_geheim(
            maanden, [g.pk for g in referenties.groepsleden], categorie.pk, nummers
        ):
            geheim.add("groep")
        rij.geheim = frozenset(geheim)
        rij.tov_nederland = statistiek.vergelijk_met(verhouding, rij.nederland)
        rij.tov_groep = statistiek.vergelijk_met(verhouding, rij.groep)
        rijen.append(rij)
        gebruikt = [nederland, team, *referenties.groepsleden]
        jaren |= {inwoners[g.pk][0] for g in gebruikt if g is not None and g.pk in inwoners}
    zinnen = [
        f"Van {opsomming(namen)} heeft {gebied.naam} al cijfers t/m {_maandnaam(*laatste)}, "
        f"Nederland nog niet: vergeleken is {periode}."
        if eigen_volledig
        else f"Van {opsomming(namen)} heeft {gebied.naam} geen 12 volledige maanden t/m "
        f"{_maandnaam(*laatste)}: vergeleken is {periode}."
        for (laatste, periode, eigen_volledig), namen in nieuwer.items()
    ]
    if weggelaten:
        zinnen.append(
            f"Niet in deze tabel, want zonder 12 volledige maanden is er geen som: "
            f"{opsomming(weggelaten)}."
        )
    return rijen, sorted(jaren) if rijen else [], zinnen


def inwonersvergelijking(
    gebied, eigen, categorieen, referenties, prioriteiten=(), eigen_records=()
):
    """De Inwonersvergelijking van een gemeente (geen queries).

    `eigen` is het jaarframe van de gemeente met inwoners (Gebiedscijfers.eigen_jaarcijfers),
    `categorieen` de categorieën in de volgorde van de pagina, `referenties` de Referenties.
    Heeft de gemeente nergens een inwonertal, dan zijn er geen rijen en noemt `te_importeren`
    het bestand (zie `ontbrekende_bestanden`); zonder groep ook het bestand met kerncijfers.
    `prioriteiten` is [(prioriteit, [categorie])]: hun rijen staan in `prioriteiten` (een
    gekoppelde categorie buiten de tabel krijgt er ook een), niet in de tabel. Met
    `eigen_records` (de cijferrecords van de gemeente, met inwoners) ook de laatste 12
    maanden (`twaalf_maanden_rijen`). Een basisteam (`gebied`) staat alleen naast Nederland
    (Inwonersvergelijking.alleen_nederland): zijn `referenties` hebben geen team en geen
    groep, zijn tabellen niet die kolommen, en er is geen bestand met kerncijfers nodig."""
    # Een basisteam heeft geen vergelijkingsgroep (die hoort bij een gemeente): het staat
    # alleen naast Nederland en vraagt geen kerncijfers.
    alleen_nederland = gebied.soort == Gebied.Soort.BASISTEAM
    heeft_groep = bool(referenties.groepsleden) or alleen_nederland
    naast = "Nederland" if alleen_nederland else "Nederland en het basisteam"
    if eigen.empty or "inwoners" not in eigen.columns or eigen["inwoners"].isna().all():
        zinnen = ontbrekende_bestanden(
            False, heeft_groep, gebied, kerncijfers=referenties.kerncijfers, naast=naast
        )
        return Inwonersvergelijking([], None, [], "", te_importeren=zinnen)
    records = referenties.records
    teams = {}
    if referenties.basisteam is not None:
        teams = {referenties.basisteam.pk: [g.pk for g in referenties.basisteam.leden.all()]}
    referentieframe = jaarcijfers(records, teams)[0] if records else pd.DataFrame()
    eigen_verhoudingen, referentieverhoudingen = Verhoudingen(eigen), Verhoudingen(referentieframe)
    per_categorie, nieuwer = {}, {}
    gekoppeld = [c for _, lijst in prioriteiten for c in lijst]
    nieuwste = _nieuwste_jaren(eigen, JAREN_TERUG)
    nederland = referenties.nederland
    for categorie in [*categorieen, *gekoppeld]:
        jaren = nieuwste.get(categorie.pk)
        if not jaren or categorie.pk in per_categorie:
            continue
        # Het nieuwste jaar dat Nederland ook heeft; heeft het geen van beide, het nieuwste.
        jaar = jaren[0]
        if nederland is not None:
            jaar = next(
                (
                    j
                    for j in jaren
                    if referentieverhoudingen.van(nederland.pk, categorie.pk, j) is not None
                ),
                jaren[0],
            )
        if jaar != jaren[0]:
            voorlopig = (gebied.pk, categorie.pk, jaren[0]) in eigen_verhoudingen.voorlopig
            nieuwer.setdefault((jaren[0], voorlopig, jaar), []).append(categorie.naam)
        rij = _rij(eigen_verhoudingen, referentieverhoudingen, gebied, categorie, jaar, referenties)
        per_categorie[categorie.pk] = rij
    rijen = [per_categorie[c.pk] for c in categorieen if c.pk in per_categorie]
    per_prioriteit = [
        (prioriteit, [per_categorie[c.pk] for c in lijst if c.pk in per_categorie])
        for prioriteit, lijst in prioriteiten
    ]
    per_prioriteit = [(p, lijst) for p, lijst in per_prioriteit if lijst]
    if not rijen and not per_prioriteit:
        return Inwonersvergelijking(
            [],
            None,
            [],
            "",
            te_importeren=ontbrekende_bestanden(
                False, heeft_groep, gebied, kerncijfers=referenties.kerncijfers, naast=naast
            ),
        )
    team_naam = referenties.basisteam.naam if referenties.basisteam else ""
    twaalf, inwonersjaren, twaalf_noten = twaalf_maanden_rijen(
        gebied, eigen_records, categorieen, referenties
    )
    jaar_noten = [
        f"Van {opsomming(namen)} heeft {gebied.naam} al een "
        f"{'voorlopig ' if voorlopig else ''}cijfer over {nieuwste_jaar}, Nederland nog niet: "
        f"vergeleken is {jaar}."
        for (nieuwste_jaar, voorlopig, jaar), namen in nieuwer.items()
    ]
    # Een basisteam staat alleen naast Nederland: zonder de kolommen van het team en de groep.
    kolomkeuze = {"basisteam_naam": team_naam}
    if alleen_nederland:
        kolomkeuze = {"basisteam_naam": None, "groep": None}
    twaalf_tabel = None
    if twaalf:
        twaalf_tabel = tables.eenvoudige_tabel(
            [_tabelrij(rij) for rij in twaalf], _kolommen(**kolomkeuze, periodekop="Periode")
        )
    tabel = None
    if rijen:
        tabel = tables.eenvoudige_tabel([_tabelrij(rij) for rij in rijen], _kolommen(**kolomkeuze))
    return Inwonersvergelijking(
        rijen=rijen,
        tabel=tabel,
        groepsnamen=groepsnamen(referenties.groepsleden),
        groepsnoot=naamloze_noot(referenties.groepsleden),
        methode=referenties.methode,
        basisteam_naam=team_naam,
        te_importeren=ontbrekende_bestanden(
            True, heeft_groep, gebied, kerncijfers=referenties.kerncijfers
        ),
        prioriteiten=per_prioriteit,
        twaalf_rijen=twaalf,
        twaalf_tabel=twaalf_tabel,
        inwonersjaren=inwonersjaren,
        jaar_noten=jaar_noten,
        twaalf_noten=twaalf_noten,
        alleen_nederland=alleen_nederland,
        samenvatting=samenvatting(rijen, twaalf, alleen_nederland),
        **_gebruikte_bronnen([*eigen_records, *records], [*per_categorie.values(), *twaalf]),
    )


def samenvatting(rijen, twaalf_rijen, alleen_nederland=False):
    """De uitkomst van "is dat veel?" in woorden, voor onder het kopje (proefgebruik
    30-11-2026): een lijst zinnen, eerst t.o.v. Nederland, dan (niet bij `alleen_nederland`)
    t.o.v. de vergelijkingsgroep; leeg als er niets te vergelijken is.

    Per categorie telt de rij van de laatste 12 maanden (`twaalf_rijen`) als die een
    verhouding van de referentie heeft, anders die van het nieuwste volledige jaar (`rijen`);
    de zin noemt de periode erbij. Een categorie zonder verhouding van de referentie telt niet
    mee. Alleen wat de rijen zeggen (tov_nederland/tov_groep: statistiek.HOGER, LAGER of
    None): geen verschil heet "niet aangetoond", niet "gelijk"."""
    zinnen = []
    referenties = [("nederland", "tov_nederland", "Nederland")]
    if not alleen_nederland:
        referenties.append(("groep", "tov_groep", "de vergelijkingsgroep"))
    volgorde = list(dict.fromkeys(r.categorie.pk for r in [*rijen, *twaalf_rijen]))
    jaarrijen = {r.categorie.pk: r for r in rijen}
    twaalfrijen = {r.categorie.pk: r for r in twaalf_rijen}
    for veld, uitkomstveld, naam in referenties:
        per_uitkomst = {statistiek.HOGER: [], statistiek.LAGER: [], None: []}
        for pk in volgorde:
            kandidaten = (twaalfrijen.get(pk), jaarrijen.get(pk))
            rij = next((r for r in kandidaten if r and getattr(r, veld) is not None), None)
            if rij is None:
                continue
            periode = "laatste 12 maanden" if rij.periode else str(rij.jaar)
            per_uitkomst[getattr(rij, uitkomstveld)].append(f"{rij.categorie.naam} ({periode})")
        hoger, lager, geen = (per_uitkomst[k] for k in (statistiek.HOGER, statistiek.LAGER, None))
        if not (hoger or lager or geen):
            continue
        if hoger:
            zinnen.append(f"Hoger dan {naam}, waarschijnlijk geen toeval: {', '.join(hoger)}.")
        if lager:
            zinnen.append(f"Lager dan {naam}, waarschijnlijk geen toeval: {', '.join(lager)}.")
        if geen and (hoger or lager):
            categorieen = "categorie" if len(geen) == 1 else f"{len(geen)} categorieën"
            zinnen.append(
                f"Bij de andere {categorieen} is geen verschil met {naam} aangetoond: het kan "
                "toeval zijn."
            )
        elif geen:
            zinnen.append(
                f"Bij geen van de {len(geen)} vergeleken categorieën is een verschil met {naam} "
                "aangetoond: het kan telkens toeval zijn."
                if len(geen) > 1
                else f"Bij de vergeleken categorie is geen verschil met {naam} aangetoond: het "
                "kan toeval zijn."
            )
    return zinnen


def _gebruikte_bronnen(records, rijen):
    """{"bronnen": de bronnen (titels, gesorteerd) van de cijferrecords in de categorieën en
    jaren van de Vergelijkingsrijen, "bronnen_per_rij": {(categorie-id, jaar): [titels]}}."""
    paren = {(rij.categorie.pk, rij.jaar) for rij in rijen}
    per_rij = {}
    for record in records:
        paar = (record["categorie"], record["jaar"])
        if paar in paren:
            per_rij.setdefault(paar, set()).add(record["bron_titel"])
    return {
        "bronnen": sorted({b for titels in per_rij.values() for b in titels}),
        "bronnen_per_rij": {paar: sorted(titels) for paar, titels in per_rij.items()},
    }


def ontbrekende_bestanden(
    heeft_inwoners,
    heeft_groep,
    gemeente=None,
    bevolking=None,
    kerncijfers=None,
    naast="Nederland en het basisteam",
):
    """De zinnen over wat de vergelijking mist (leeg als niets): de inwoners van de gemeente
    (BEVOLKINGSBESTAND) en de kerncijfers voor de vergelijkingsgroep (KERNCIJFERSBESTAND).

    Zonder `bevolking` (Bevolkingstand) of `kerncijfers` (Kerncijferstand), of als er niets
    van geïmporteerd is: "Importeer ...", met `naast` als waarnaast de cijfers dan staan (voor
    een basisteam "Nederland"). Is er wel iets geïmporteerd maar niet voor `gemeente`
    (Gebied), dan zegt de zin precies dat (proefgebruik punt 11): welk jaar en hoeveel
    gemeenten er zijn, wat er van de gemeente ontbreekt, en wat te doen (een bestand waarin
    de gemeente staat, of de groep met de hand in het beheer)."""
    zinnen = []
    if not heeft_inwoners:
        zinnen.append(_zin_bevolking(gemeente, bevolking, naast))
    if not heeft_groep:
        zinnen.append(_zin_kerncijfers(gemeente, kerncijfers))
    return zinnen


def _zin_bevolking(gemeente, stand, naast):
    if gemeente is None or stand is None or stand.jaar is None:
        return (
            f"Importeer het aantal inwoners ({BEVOLKINGSBESTAND}) om de cijfers per 1.000 "
            f"inwoners te zien, naast {naast}."
        )
    naam = gemeente.naam
    if stand.eigen_jaar is None:
        return (
            f"Het aantal inwoners is geïmporteerd ({stand.jaar}: {stand.gemeenten} "
            f"gemeenten), maar niet dat van {naam}: daarom staan de cijfers van {naam} niet "
            f"per 1.000 inwoners. Importeer het aantal inwoners van {naam}: {BEVOLKINGSBESTAND}."
        )
    return (
        f"Het aantal inwoners van {naam} is geïmporteerd (nieuwste jaar {stand.eigen_jaar}), "
        f"maar niet voor een volledig jaar met cijfers van {naam}: daarom staan haar cijfers niet "
        f"per 1.000 inwoners. Importeer het aantal inwoners van {naam} in de jaren van haar "
        f"cijfers: {BEVOLKINGSBESTAND}."
    )


def teamzin_bevolking(team, leden, stand, per_lid, jaren):
    """De zin over het inwonertal van een basisteam dat er nergens een heeft (zoals
    `_zin_bevolking` voor een gemeente), of None als er geen inwoners van gemeenten zijn
    geïmporteerd (dan de algemene zin "Importeer ..."). Het team heeft alleen een inwonertal
    als al zijn gemeenten er een hebben (trends.met_teamsommen): de zin noemt de gemeenten
    (`leden`, Gebied, volgorde van de pagina) zonder inwonertal in het nieuwste jaar met
    cijfers (`jaren`) waarin er één een heeft. `stand` is een Bevolkingstand (nieuwste jaar en
    aantal gemeenten met inwoners), `per_lid` {lid-id: {jaar met inwonertal}}."""
    if stand.jaar is None or not leden:
        return None
    geimporteerd = f"(geïmporteerd: {stand.jaar}, {stand.gemeenten} gemeenten)"
    aantal = len(leden)
    alle = f"alle {telwoord(aantal)} gemeenten"
    met_leden = [
        j for j in sorted(jaren, reverse=True) if any(j in per_lid.get(g.pk, ()) for g in leden)
    ]
    if not met_leden:
        return (
            f"Het aantal inwoners van de gemeenten van {team.naam} ontbreekt in de jaren van "
            f"zijn cijfers {geimporteerd}; het basisteam heeft alleen een inwonertal als {alle} "
            f"er een hebben. Importeer het aantal inwoners van {opsomming(g.naam for g in leden)} "
            f"in de jaren van de cijfers: {BEVOLKINGSBESTAND}."
        )
    jaar = met_leden[0]
    namen = opsomming(g.naam for g in leden if jaar not in per_lid.get(g.pk, ()))
    waar = "" if jaar == stand.jaar else f" in {jaar}"
    return (
        f"Het aantal inwoners van {namen} ontbreekt{waar} {geimporteerd}; het basisteam heeft "
        f"alleen een inwonertal als {alle} er een hebben. Importeer het aantal inwoners van "
        f"{namen}{waar}: {BEVOLKINGSBESTAND}."
    )


def _zin_kerncijfers(gemeente, stand):
    if gemeente is not None and stand is not None and stand.lege_groep:
        naam = gemeente.naam
        return (
            f"De vergelijkingsgroep van {naam} in het beheer (Vergelijkingsgroepen) heeft geen "
            f"leden: kies daar haar leden, of verwijder de groep; dan geldt de standaardgroep "
            f"uit de kerncijfers als {naam} daarin staat; importeer anders {KERNCIJFERSBESTAND}."
        )
    if gemeente is None or stand is None or stand.jaar is None:
        return (
            f"Importeer {KERNCIJFERSBESTAND} om de gemeente te vergelijken met de gemeenten die "
            "het meest op haar lijken."
        )
    naam = gemeente.naam
    geimporteerd = (
        f"De kerncijfers van het CBS zijn geïmporteerd ({stand.jaar}: {stand.gemeenten} gemeenten)"
    )
    if not stand.erin:
        return (
            f"{geimporteerd}, maar {naam} staat er niet in: daarom is er geen "
            f"vergelijkingsgroep. {BEHEER_GROEP}, of importeer kerncijfers waarin {naam} staat: "
            f"{KERNCIJFERSBESTAND}."
        )
    if stand.ontbreekt:
        wat = opsomming(stand.ontbreekt)
        return (
            f"{geimporteerd}, maar daarin {'ontbreken' if len(stand.ontbreekt) > 1 else 'ontbreekt'} "
            f"{wat} van {naam}: daarom is er geen "
            f"vergelijkingsgroep. {BEHEER_GROEP}, of importeer kerncijfers met {wat} van "
            f"{naam}: {KERNCIJFERSBESTAND}."
        )
    return (
        f"{geimporteerd}, maar geen andere gemeente heeft daarin een aantal inwoners en een "
        f"omgevingsadressendichtheid: daarom is er geen vergelijkingsgroep. {BEHEER_GROEP}, of "
        f"importeer de kerncijfers van alle gemeenten: {KERNCIJFERSBESTAND}."
    )


def groepsnamen(leden):
    """Eén tekst per lid van de groep (Gebied) voor op de pagina: de leden met een naam in
    hun volgorde, dan de leden die alleen hun CBS-code als naam hebben (Gebied.heeft_naam) op
    code, met één keer de uitleg erachter: "GM9001 (naam niet in de geïmporteerde
    bestanden)", of bij meer "GM9001", "GM9002 (van deze 2: naam niet in de geïmporteerde
    bestanden)". Nooit een bedachte naam."""
    met_naam = [lid.naam for lid in leden if lid.heeft_naam]
    codes = sorted(lid.cbs_code for lid in leden if not lid.heeft_naam)
    if len(codes) == 1:
        codes = [f"{codes[0]} ({ZONDER_NAAM})"]
    elif codes:
        codes[-1] = f"{codes[-1]} (van deze {len(codes)}: {ZONDER_NAAM})"
    return met_naam + codes


def naamloze_noot(leden):
    """De zin onder de groep over leden zonder naam (alleen hun CBS-code), met het bestand
    dat hun naam geeft (NAAMBESTANDEN); "" als elk lid een naam heeft."""
    codes = sorted(lid.cbs_code for lid in leden if not lid.heeft_naam)
    if not codes:
        return ""
    if len(codes) == 1:
        return (
            f"Van {codes[0]} staat in de geïmporteerde bestanden alleen de CBS-code. Haar "
            f"naam komt mee met {NAAMBESTANDEN}."
        )
    return (
        f"Van {opsomming(codes)} staan in de geïmporteerde bestanden alleen de CBS-codes. "
        f"Hun namen komen mee met {NAAMBESTANDEN}."
    )


def _paneelrijen(rijen):
    """De rijen van charts.vergelijkingspaneel uit Vergelijkingsrijen."""
    return [
        (
            f"{rij.categorie.naam} ({rij.jaar})",
            (rij.eigen.waarde, *rij.eigen.interval),
            rij.nederland and rij.nederland.waarde,
            (rij.groep_mediaan, rij.groep_laagste, rij.groep_hoogste)
            if rij.groep_mediaan is not None
            else None,
        )
        for rij in rijen
    ]


# Onder een paneel "vergeleken met": wat de index is (proefgebruik punt 9: op één as per 1.000
# inwoners stond een zeldzame categorie tegen 0, naast een veelvoorkomende).
PANEELUITLEG = (
    "Elke regel als index: Nederland = 100 (de stippellijn), zodat een zeldzaam en een "
    "veelvoorkomend cijfer even goed te lezen zijn; 150 is anderhalf keer het cijfer van "
    "Nederland. Het interval van Nederland zelf is te smal om te tekenen."
)


def met_paneel(vergelijking, gebied, bron):
    """De Inwonersvergelijking met haar panelen "vergeleken met" (charts.vergelijkingspaneel):
    per categorie de gemeente met haar interval en de groep als index t.o.v. Nederland (= 100). Met prioriteiten één
    compact paneel per prioriteit (`panelen`, voor haar gekoppelde categorieën), anders één
    paneel voor de categorieën van de tabel (`paneel`); zonder rijen ongewijzigd. De
    bronregel noemt de bronnen van de vergeleken jaren (Inwonersvergelijking.bronnen), anders
    `bron` (tekst, delen gescheiden door ';')."""
    if vergelijking is None or not (vergelijking.rijen or vergelijking.prioriteiten):
        return vergelijking
    bron = "; ".join(vergelijking.bronnen) or bron
    # Voluit onder het paneel: de regel in de figuur wordt op een telefoon afgekapt.
    bronzin = f"Bron aantallen: {bron}. Per 1.000 inwoners berekend, geen cijfer van de bron."
    if vergelijking.prioriteiten:
        panelen = []
        for prioriteit, rijen in vergelijking.prioriteiten:
            # Alleen de bronnen van de cijfers in dit paneel.
            paneelbron = "; ".join(vergelijking.bronnen_van(rijen)) or bron
            figuur = charts.vergelijkingspaneel(
                # De prioriteit staat in het kopje erboven; een korte titel past op 390 px.
                _paneelrijen(rijen),
                f"{gebied.naam} t.o.v. Nederland (= 100)",
                paneelbron,
                gebied.naam,
            )
            grafiek = Grafiek(
                f"vergeleken-{prioriteit.slug}",
                figuur,
                f"{gebied.slug}-vergeleken-{prioriteit.slug}",
                beschrijving=f"{PANEELUITLEG} Per gekoppeld cijfer het nieuwste volledige "
                "jaar; de getallen per 1.000 inwoners staan in de tabel bij deze grafiek.",
                bron=f"Bron aantallen: {paneelbron}. Per 1.000 inwoners berekend, geen cijfer "
                "van de bron.",
                tabel=tables.eenvoudige_tabel(
                    [_tabelrij(rij) for rij in rijen],
                    _kolommen(vergelijking.basisteam_naam),
                ),
            )
            panelen.append((prioriteit, grafiek))
        return replace(vergelijking, panelen=panelen)
    figuur = charts.vergelijkingspaneel(
        _paneelrijen(vergelijking.rijen),
        f"{gebied.naam} t.o.v. Nederland (= 100)",
        bron,
        gebied.naam,
    )
    grafiek = Grafiek(
        "vergeleken",
        figuur,
        f"{gebied.slug}-vergeleken",
        beschrijving=f"{PANEELUITLEG} De getallen per 1.000 inwoners staan in de tabel hierboven.",
        bron=bronzin,
    )
    return replace(vergelijking, paneel=grafiek)


def inwoners_bekend(frame, gebied_ids, jaren):
    """Heeft een van de gebieden (`gebied_ids`) in een van de `jaren` een inwonertal in het
    jaarframe `frame` (reeksen.jaarcijfers met inwoners)? Geen queries."""
    if frame.empty or "inwoners" not in frame.columns:
        return False
    rijen = frame[frame["gebied"].isin(list(gebied_ids)) & frame["jaar"].isin(list(jaren))]
    return bool(rijen["inwoners"].notna().any())


@dataclass
class Categorieverhoudingen:
    """De categoriepagina per 1.000 inwoners per volledig jaar (issue 14, punt 5).

    `jaren` de getoonde volledige jaren met een verhouding; `lijnen` [(gemeentenaam,
    [Verhouding of None per jaar])]; `nederland` [Verhouding of None per jaar] of None;
    `groepsgemeente` de naam van de gemeente wier vergelijkingsgroep er staat ("" zonder),
    `groepsnamen` en `methode` die groep, `mediaan`/`laagste`/`hoogste` per jaar (float per
    1.000 of None) en `groep_met_cijfer` per jaar het aantal leden met een verhouding;
    `bronnen_inwoners` de bronnen van de inwonertallen; `te_importeren` de zinnen van
    `ontbrekende_bestanden`; `grafiek` na `met_verhoudingsgrafiek`; `groepsnoot` als bij
    Inwonersvergelijking; `rijen` [(gemeentenaam,
    Vergelijkingsrij)] per getoond jaar (oplopend) en gemeente (volgorde van de pagina), voor
    de tabel (`verhoudingstabel`): haar verhouding (None zonder openbaar aantal) met interval,
    Nederland, de groep en hoger/lager; alleen de rijen van `groepsgemeente` zijn met de groep
    vergeleken (tov_groep), de andere gemeenten hebben elk hun eigen groep."""

    jaren: list
    lijnen: list
    nederland: list | None = None
    groepsgemeente: str = ""
    groepsnamen: list = field(default_factory=list)
    methode: str = ""
    mediaan: list = field(default_factory=list)
    laagste: list = field(default_factory=list)
    hoogste: list = field(default_factory=list)
    groep_met_cijfer: list = field(default_factory=list)
    bronnen_aantallen: list = field(default_factory=list)
    bronnen_inwoners: list = field(default_factory=list)
    te_importeren: list = field(default_factory=list)
    grafiek: Grafiek | None = None
    groepsnoot: str = ""
    rijen: list = field(default_factory=list)

    @property
    def heeft_weinig(self):
        """Is een verhouding van een gemeente uit minder dan 10 feiten? (Dan staat de voetnoot
        eronder.)"""
        return any(rij.eigen is not None and rij.eigen.weinig for _, rij in self.rijen)

    @property
    def heeft_verschil(self):
        """Zegt een rij "hoger" of "lager"? (Zoals Inwonersvergelijking.heeft_verschil.)"""
        return any(rij.tov_nederland or rij.tov_groep for _, rij in self.rijen)

    @property
    def heeft_vergelijking(self):
        """Heeft een rij met een aantal Nederland of de groep naast zich?"""
        return any(
            rij.eigen is not None and (rij.nederland is not None or rij.groep is not None)
            for _, rij in self.rijen
        )


def _groep_per_jaar(referentieframe, leden, categorie, jaren):
    """(mediaan, laagste, hoogste, aantal leden) per jaar: de verhoudingen (per 1.000, float)
    van de leden met een openbaar aantal en een inwonertal in dat jaar; None (0) zonder.
    `referentieframe` is Verhoudingen."""
    mediaan, laagste, hoogste, aantallen = [], [], [], []
    for jaar in jaren:
        waarden = [
            v.waarde
            for lid in leden
            if (v := referentieframe.van(lid.pk, categorie.pk, jaar)) is not None
        ]
        mediaan.append(statistics.median(waarden) if waarden else None)
        laagste.append(min(waarden, default=None))
        hoogste.append(max(waarden, default=None))
        aantallen.append(len(waarden))
    return mediaan, laagste, hoogste, aantallen


def categorieverhoudingen(
    categorie, gemeenten, frame, jaren, referenties, groepsgemeente=None, records=()
):
    """De Categorieverhoudingen van de getoonde `gemeenten` (Gebied, volgorde van de pagina)
    in de categorie; geen queries.

    `frame` is het jaarframe met inwoners van de getoonde gebieden (alleen volledige jaren:
    trends.jaarframe maakt van een gedeeltelijk jaar nooit een jaar), `jaren` de getoonde
    jaren, `referenties` de Referenties (Nederland, de leden van de groep van
    `groepsgemeente`, hun cijferrecords in deze categorie), `records` de cijferrecords van de
    getoonde gebieden (voor de bronnen van de getoonde jaren). Zonder inwonertal van een getoonde
    gemeente in die jaren: geen lijnen, en `te_importeren` noemt het bevolkingsbestand."""
    ids = [g.pk for g in gemeenten]
    if not inwoners_bekend(frame, ids, jaren):
        return Categorieverhoudingen([], [], te_importeren=ontbrekende_bestanden(False, True))
    eigen = Verhoudingen(frame)
    per_gemeente = [
        (g.naam, [eigen.van(g.pk, categorie.pk, jaar) for jaar in jaren]) for g in gemeenten
    ]
    getoond = [j for i, j in enumerate(jaren) if any(w[i] for _, w in per_gemeente)]
    plaatsen = [jaren.index(j) for j in getoond]
    lijnen = [(naam, [w[i] for i in plaatsen]) for naam, w in per_gemeente if any(w)]
    referentieframe = jaarcijfers(referenties.records)[0] if referenties.records else pd.DataFrame()
    referentieverhoudingen = Verhoudingen(referentieframe)
    nederland = None
    if referenties.nederland is not None and referenties.nederland.pk not in ids:
        nederland = [
            referentieverhoudingen.van(referenties.nederland.pk, categorie.pk, jaar)
            for jaar in getoond
        ]
        nederland = nederland if any(nederland) else None
    uitkomst = Categorieverhoudingen(getoond, lijnen, nederland)
    if groepsgemeente is not None and referenties.groepsleden:
        groep = _groep_per_jaar(referentieverhoudingen, referenties.groepsleden, categorie, getoond)
        if any(groep[3]):
            uitkomst.groepsgemeente = groepsgemeente.naam
            uitkomst.groepsnamen = groepsnamen(referenties.groepsleden)
            uitkomst.groepsnoot = naamloze_noot(referenties.groepsleden)
            uitkomst.methode = referenties.methode
            uitkomst.mediaan, uitkomst.laagste, uitkomst.hoogste, uitkomst.groep_met_cijfer = groep
    groepsleden = referenties.groepsleden if uitkomst.groepsgemeente else []
    vergeleken = replace(referenties, basisteam=None, groepsleden=groepsleden)
    for jaar in getoond:
        for gemeente in gemeenten:
            if gemeente.naam not in {naam for naam, _ in lijnen}:
                continue
            rij = _rij(eigen, referentieverhoudingen, gemeente, categorie, jaar, vergeleken)
            if gemeente != groepsgemeente:
                # De groep is die van een andere gemeente: getoond, niet mee vergeleken.
                rij.tov_groep = None
            uitkomst.rijen.append((gemeente.naam, rij))
    inwonersbronnen = [f["inwoners_bron"] for f in (frame, referentieframe) if "inwoners_bron" in f]
    uitkomst.bronnen_inwoners = sorted({b for reeks in inwonersbronnen for b in reeks.dropna()})
    gebruikt = set(ids) | {g.pk for g in referenties.groepsleden}
    if nederland is not None:
        gebruikt.add(referenties.nederland.pk)
    uitkomst.bronnen_aantallen = sorted(
        {
            r["bron_titel"]
            for r in [*records, *referenties.records]
            if r["jaar"] in getoond and r["gebied"] in gebruikt
        }
    )
    uitkomst.te_importeren = ontbrekende_bestanden(
        True, bool(referenties.groepsleden), groepsgemeente, kerncijfers=referenties.kerncijfers
    )
    return uitkomst


def verhoudingstabel(verhoudingen):
    """De tabel achter de grafiek per 1.000 inwoners (proefgebruik punt 8): een rij per jaar en
    gemeente (Categorieverhoudingen.rijen) met aantal, per 1.000 inwoners, 95%-interval,
    Nederland, de groep van `groepsgemeente` (mediaan, laagste-hoogste) en de tekens t.o.v.
    Nederland en de groep, met dezelfde cellen als de tabel van de gebiedspagina (`_tabelrij`):
    * voorlopig, x geheim, '.' ontbreekt, "(uit n: minder dan 10)"; de rij van een andere
    gemeente dan `groepsgemeente` zegt "niet vergeleken" t.o.v. de groep (de template zegt
    waarom: elke gemeente heeft haar eigen groep). De export heeft de
    getallen in eigen kolommen (`_kolommen`, `_exportvelden`). None zonder rijen."""
    if not verhoudingen.rijen:
        return None
    groepsgemeente = verhoudingen.groepsgemeente
    rijen = []
    for naam, rij in verhoudingen.rijen:
        cellen = {**_tabelrij(rij), "gemeente": naam}
        if groepsgemeente and naam != groepsgemeente:
            cellen["tov_groep"] = "niet vergeleken"
        rijen.append(cellen)
    groep = f"Groep van {groepsgemeente}" if groepsgemeente else None
    return tables.eenvoudige_tabel(
        rijen, _kolommen(None, eerste=("gemeente", "Gemeente"), groep=groep)
    )


def met_verhoudingsgrafiek(verhoudingen, categorie, eenheid_tekst):
    """De Categorieverhoudingen met hun grafiek (charts.verhoudingsgrafiek, Grafiek
    "per-inwoners") en de tabel erachter, met de bronnen van de getoonde jaren; zonder lijnen
    ongewijzigd. `eenheid_tekst` is de eenheid van de categorie."""
    if not verhoudingen.lijnen:
        return verhoudingen
    groep = None
    if verhoudingen.groepsgemeente:
        groep = (
            f"groep van {verhoudingen.groepsgemeente}",
            verhoudingen.mediaan,
            verhoudingen.laagste,
            verhoudingen.hoogste,
        )
    alle_bronnen = verhoudingen.bronnen_aantallen
    figuur = charts.verhoudingsgrafiek(
        [(naam, [v and v.waarde for v in waarden]) for naam, waarden in verhoudingen.lijnen],
        verhoudingen.jaren,
        f"{categorie.naam}: per 1.000 inwoners",
        "; ".join(alle_bronnen),
        nederland=verhoudingen.nederland and [v and v.waarde for v in verhoudingen.nederland],
        groep=groep,
    )
    bron = (
        f"Eenheid: {eenheid_tekst} per 1.000 inwoners, op één decimaal (onder 1 op twee "
        "significante cijfers); alleen volledige jaren. Berekend: het aantal gedeeld door het "
        "aantal inwoners van dat jaar (in duizenden), met het 95%-interval, geen cijfer van de "
        f"bron. Tekens: . = ontbreekt, x = geheim, * = voorlopig. Bron aantallen: "
        f"{'; '.join(alle_bronnen)}. Bron inwoners: "
        f"{'; '.join(verhoudingen.bronnen_inwoners) or 'onbekend'}."
    )
    grafiek = Grafiek(
        "per-inwoners",
        figuur,
        f"{categorie.slug}-per-1000-inwoners",
        tabel=verhoudingstabel(verhoudingen),
        export="verhoudingen",
        bron=bron,
    )
    return replace(verhoudingen, grafiek=grafiek)
