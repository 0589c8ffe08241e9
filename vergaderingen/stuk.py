"""Het vergaderstuk: wat het AVO BES bespreekt, met de gegevens zoals ze op de datum stonden.

De stand op een datum komt uit de geschiedenis (django-simple-history): een rij die na de
datum is gewijzigd telt met zijn versie van toen, een rij die na de datum is aangemaakt telt
niet mee, en een rij zonder geschiedenis is nooit gewijzigd en telt zoals hij is.

`maak_stuk` stelt het stuk samen uit kleine stappen, één per hoofdstuk; elke stap doet een vast
aantal queries, hoeveel vergaderingen, meldingen of cijfers er ook zijn.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Count, Max, Min, OuterRef, Q, Subquery
from django.utils import timezone

from cijfers import trends
from cijfers.models import Bron, Categorie, Cijfer, Toelichting, periodegrenzen
from cijfers.pagina.reeksen import jaarcijfers, teams
from cijfers.pagina.toelichtingen import Regel
from cijfers.tables import getal, met_teken
from ivp.models import Gebied, Plan, kies_huidig_plan
from ivp.tekst import opsomming
from prioriteiten import figuren, voortgang
from prioriteiten.models import (
    Indicator,
    LokaalSpeerpunt,
    Maatregel,
    Prioriteit,
    Voortgang,
    status_uit,
)
from vergaderingen.models import Agendapunt, Vergadering

# Zonder vorige vergadering van hetzelfde overleg: de laatste drie maanden.
STANDAARD_TERUGBLIK = datetime.timedelta(days=91)
LAADREDEN = "brongegevens geladen (fixtures/)"
MAX_IN_STUK = 40  # afzonderlijke nieuwe cijfers in het stuk; daarboven alleen de samenvatting
MAX_IN_XLSX = 10_000
FIGUURBREEDTE = 680  # pixels: de breedte van een A4-pagina binnen de marges


def einde_van(datum):
    """Het laatste moment van de dag, in de tijdzone van het dashboard."""
    return timezone.make_aware(datetime.datetime.combine(datum, datetime.time.max))


@dataclass(frozen=True)
class Periode:
    """De periode van een stuk: na de dag `sinds` tot en met de vergaderdag `tot`."""

    sinds: datetime.date
    tot: datetime.date

    @property
    def begin(self):
        """Het moment waarna iets in de periode valt (het einde van de dag `sinds`)."""
        return einde_van(self.sinds)

    @property
    def tijdstip(self):
        """Het einde van de vergaderdag: de stand van het stuk."""
        return einde_van(self.tot)


def stand_op(model, tijdstip, queryset=None):
    """De rijen van `model` (een model met `history = HistoricalRecords()`) zoals ze op
    `tijdstip` waren: historische versies en ongewijzigde rijen door elkaar, elk met de velden
    van het model (2 queries; de geschiedenis gaat als subquery mee)."""
    historisch = model.history.model
    queryset = queryset if queryset is not None else model.objects.all()
    # Let op: op het historische model is pk de history_id; het rij-id heet daar id.
    toen = list(model.history.as_of(tijdstip).filter(id__in=queryset.values("pk")))
    met_geschiedenis = historisch.objects.filter(history_date__lte=tijdstip).values("id")
    later_gemaakt = historisch.objects.filter(history_date__gt=tijdstip, history_type="+").values(
        "id"
    )
    nooit_gewijzigd = queryset.exclude(pk__in=met_geschiedenis).exclude(pk__in=later_gemaakt)
    return toen + list(nooit_gewijzigd)


def cijferrecords_op(tijdstip, waar):
    """Als CijferQuerySet.records(), maar met de stand op `tijdstip` (3 queries).

    Dicts met gebied en categorie (id's), jaar, periode, waarde (None als geheim), status
    (een Cijfer.Status-waarde) en bron_titel.
    """
    rijen = stand_op(Cijfer, tijdstip, Cijfer.objects.filter(waar))
    bronnen = dict(Bron.objects.values_list("pk", "titel"))
    return [
        {
            "gebied": cijfer.gebied_id,
            "categorie": cijfer.categorie_id,
            "jaar": cijfer.jaar,
            "periode": cijfer.periode,
            "waarde": cijfer.waarde,
            "status": cijfer.status,
            "bron_titel": bronnen.get(cijfer.bron_id, "onbekend"),
        }
        for cijfer in rijen
    ]


def maatregelstatussen_op(tijdstip, plan):
    """{prioriteit_id: [maatregel, ...]}: de maatregelen van de gezamenlijke prioriteiten van
    `plan` zoals ze op `tijdstip` waren, elk met `prioriteit_id` en de `status` (Maatregel.Status)
    die volgde uit de voortgangsmeldingen van toen (4 queries).

    De enige plek in het stuk die weet waar de status van een maatregel op een datum vandaan
    komt: de nieuwste melding zoals de geschiedenis van Voortgang die op `tijdstip` kende
    (prioriteiten.models.status_uit, dezelfde regel als Maatregel.objects.met_status()).
    """
    maatregelen = stand_op(Maatregel, tijdstip, Maatregel.objects.filter(prioriteit__plan=plan))
    meldingen = stand_op(
        Voortgang, tijdstip, Voortgang.objects.filter(maatregel__prioriteit__plan=plan)
    )
    meldingen_per_maatregel = defaultdict(list)
    for melding in meldingen:
        meldingen_per_maatregel[melding.maatregel_id].append(melding)
    per_prioriteit = defaultdict(list)
    for maatregel in maatregelen:
        maatregel.status = status_uit(meldingen_per_maatregel[maatregel.pk])
        per_prioriteit[maatregel.prioriteit_id].append(maatregel)
    return per_prioriteit


def meldingen_in(periode, waar):
    """De voortgangsmeldingen (Voortgang) die `waar` vervullen en in `periode` zijn vastgelegd:
    na de vorige vergadering en uiterlijk op de vergaderdag, op datum en vastlegmoment, met
    auteur en onderwerp (Voortgang.objects.met_onderwerp(); 1 query)."""
    return list(
        Voortgang.objects.filter(
            waar, aangemaakt__gt=periode.begin, aangemaakt__lte=periode.tijdstip
        )
        .met_onderwerp()
        .order_by("datum", "aangemaakt")
    )


@dataclass
class Opvallend:
    """Een opvallende verandering: aantal `oud` in `vorig_jaar` tegen `nieuw` in `jaar`, met de
    verandering in hele procenten en haar band (trends.DALING of trends.STIJGING).

    `periode` (trends.Periode) is de vergeleken periode: het nieuwste volledige jaar van de
    reeks, of de laatste 12 volledige maanden waar maandcijfers zijn; `jaar` is het jaar
    waarin ze eindigt. `oud_voorlopig`/`nieuw_voorlopig`: een jaar of maand van de vorige of
    de nieuwste periode is voorlopig (CBS-teken *, zoals in de trendtabel; dan is ook de
    verandering voorlopig). `nieuwer`: de reeks heeft cijfers van na de vergeleken periode,
    maar geen nieuwere periode om te vergelijken (een deel van een jaar, of een jaar zonder het
    jaar ervoor)."""

    gebied: Gebied
    categorie: Categorie
    vorig_jaar: int
    jaar: int
    oud: int
    nieuw: int
    procent: float
    band: str
    periode: trends.Periode | None = None
    # De titels van de bronnen van de cijfers van de twee vergeleken perioden, gesorteerd
    # (_Bronnen.van): niet die van de hele reeks.
    bronnen: tuple = ()
    oud_voorlopig: bool = False
    nieuw_voorlopig: bool = False
    nieuwer: bool = False

    @property
    def voorlopig(self):
        """Is de verandering voorlopig (een vergeleken jaar of maand is het)?"""
        return self.oud_voorlopig or self.nieuw_voorlopig

    @property
    def oud_tekst(self):
        """Het aantal van de vorige periode met punten, '*' als het voorlopig is: '1.234*'."""
        return getal(self.oud) + (trends.VOORLOPIG if self.oud_voorlopig else "")

    @property
    def nieuw_tekst(self):
        """Het aantal van de nieuwste periode met punten, '*' als het voorlopig is."""
        return getal(self.nieuw) + (trends.VOORLOPIG if self.nieuw_voorlopig else "")

    @property
    def verschil(self):
        return self.nieuw - self.oud

    @property
    def verschil_tekst(self):
        """'+66', '−12', met '*' als de verandering voorlopig is (zoals de trendtabel)."""
        return met_teken(self.verschil) + (trends.VOORLOPIG if self.voorlopig else "")

    @property
    def procent_tekst(self):
        """Zoals in de trendtabellen: echt minteken, met band-teken ervoor en '*' als de
        verandering voorlopig is ('▲ +85%*')."""
        teken = "▲" if self.band == trends.STIJGING else "▼"
        voorlopig = trends.VOORLOPIG if self.voorlopig else ""
        return f"{teken} {met_teken(self.procent, '%')}{voorlopig}"

    @property
    def is_jaar(self):
        """Vergelijkt deze verandering hele jaren (en niet 12 maanden)?"""
        return self.periode is None or self.periode.soort == trends.Periodesoort.JAAR

    @property
    def nieuwe_periode(self):
        """Het jaar (int), of de naam van de periode ('12 maanden t/m september 2024')."""
        return self.jaar if self.is_jaar else self.periode.naam

    @property
    def vorige_periode(self):
        """Het vorige jaar (int), of de naam van de vorige periode ('de 12 maanden ervoor')."""
        return self.vorig_jaar if self.is_jaar else self.periode.vorige_naam

    @property
    def einde(self):
        """(jaar, maand): de laatste maand van de nieuwste periode (december bij een jaar)."""
        return (self.jaar, 12) if self.periode is None else (self.jaar, self.periode.maand)

    def is_oud(self, standdatum):
        """Eindigt de nieuwste periode meer dan een jaar voor `standdatum` (een datum: de dag
        waarop het stuk de cijfers toont, Standdag.datum)? Dan ligt de laatste dag van haar
        laatste maand plus een jaar voor de standdag. Voor een jaar: het ligt voor het vorige
        jaar van de standdag (2024 in een stuk van 2026); voor 12 maanden t/m oktober 2025:
        vanaf december 2026 (proefgebruiker: veranderingen van 2018 in een stuk van 2026)."""
        jaar, maand = self.einde
        return (standdatum.year, standdatum.month) > (jaar + 1, maand)

    @property
    def oud_uitleg(self):
        """Waarom er geen nieuwere vergelijking is, voor de cel van een oude rij: de reeks
        heeft geen nieuwere cijfers, of alleen cijfers die (nog) niet te vergelijken zijn."""
        return OUD_NIET_TE_VERGELIJKEN if self.nieuwer else OUD_GEEN_NIEUWERE


OUD_GEEN_NIEUWERE = "nog geen nieuwere cijfers van deze categorie in het dashboard"
OUD_NIET_TE_VERGELIJKEN = (
    "de nieuwere cijfers van deze categorie in het dashboard zijn nog niet te vergelijken"
)


def _eerste_maanden(records):
    """{(gebied, categorie): (jaar, maand)}: per reeks de eerste maand van haar nieuwste
    opgeslagen periode (2019-H2 begint in juli 2019), om te zien of er cijfers zijn van na de
    vergeleken periode. Een periode in een andere notatie telt niet (periodegrenzen)."""
    begin_van = {}
    uitkomst = {}
    for record in records:
        periode = record["periode"]
        if periode not in begin_van:
            try:
                begin_van[periode] = periodegrenzen(str(periode))[0]
            except ValueError:
                begin_van[periode] = None
        begin = begin_van[periode]
        sleutel = (record["gebied"], record["categorie"])
        if begin is not None and begin > uitkomst.get(sleutel, (0, 0)):
            uitkomst[sleutel] = begin
    return uitkomst


@dataclass
class _Bronnen:
    """De titels van de bronnen per reeks en per jaar (`jaren`: {(gebied, categorie): {jaar:
    set}}) en per maand (`maanden`: {(gebied, categorie): {(jaar, maand): set}}), om bij een
    vergelijking alleen de bronnen van de vergeleken perioden te noemen."""

    jaren: dict = field(default_factory=dict)
    maanden: dict = field(default_factory=dict)

    def van(self, sleutel, periode):
        """De gesorteerde titels (tuple) van de cijfers die de vergelijking van reeks `sleutel`
        over `periode` (trends.Periode) gebruikt: bij een jaar dat jaar en het jaar ervoor, bij
        12 maanden de 24 maanden tot en met `periode.maand` van `periode.jaar`."""
        if periode.soort == trends.Periodesoort.JAAR:
            per_jaar = self.jaren.get(sleutel, {})
            delen = [per_jaar.get(jaar, ()) for jaar in (periode.jaar - 1, periode.jaar)]
        else:
            per_maand = self.maanden.get(sleutel, {})
            einde = trends.maandnummer(periode.jaar, periode.maand)
            delen = [per_maand.get((n // 12, n % 12 + 1), ()) for n in range(einde - 23, einde + 1)]
        return tuple(sorted(set().union(*delen)))


def _bronnen_per_periode(records, teamrecords, afgeleid, teams):
    """De _Bronnen van `records` (cijferrecords) en `teamrecords` (trends.teammaanden: een
    maand van een team noemt de titels van zijn leden samen, "; "). Een jaar telt de bronnen
    van alle records van dat jaar (jaarcijfer, halfjaren of maanden, waaruit trends.jaarframe
    het jaar maakt); een afgeleid teamjaar (`afgeleid`: (team, categorie, jaar), een som van
    de leden) die van de leden in dat jaar. Proefgebruiker 30-11-2026 (4), punt 3: een rij over
    12 maanden politiecijfers van 2024-2026 noemde ook de tabel 2015-2018 van het plan."""
    bronnen = _Bronnen()
    # Een maand van een team is een som van de leden: niet bij de jaren (een afgeleid jaar
    # krijgt hieronder de bronnen van de leden, een eigen jaar alleen die van het team zelf).
    for record, is_som in [*((r, False) for r in records), *((r, True) for r in teamrecords)]:
        sleutel = (record["gebied"], record["categorie"])
        titel = record.get("bron_titel") or "onbekend"
        titels = titel.split("; ") if is_som else [titel]
        if not is_som:
            bronnen.jaren.setdefault(sleutel, {}).setdefault(int(record["jaar"]), set()).update(
                titels
            )
        maand = trends.maand_van(record["periode"])
        if maand is not None:
            bronnen.maanden.setdefault(sleutel, {}).setdefault(maand, set()).update(titels)
    for team, categorie, jaar in afgeleid:
        van_leden = set().union(
            *(bronnen.jaren.get((lid, categorie), {}).get(int(jaar), ()) for lid in teams[team])
        )
        bronnen.jaren.setdefault((team, categorie), {}).setdefault(int(jaar), set()).update(
            van_leden
        )
    return bronnen


def opvallende_veranderingen(records, gebieden, categorieen, teams=None):
    """Per gebied de categorieën waarvan de nieuwste volledige periode 10% of meer afwijkt van
    dezelfde periode een jaar eerder en dat verschil groter is dan toeval waarschijnlijk maakt
    (|A - B| / √(A + B) ≥ 2; bij ~100 vergelijkingen komen er een paar toch door toeval door,
    daarom zegt het stuk niet "niet door toeval te verklaren"): een lijst Opvallend, in de volgorde van `gebieden` en
    `categorieen`. De regel is die van de bron (de banden van de gemeentetabellen; zie
    cijfers/trends.py).

    De periode wordt per gebied en categorie gekozen uit wat er is opgeslagen: waar
    maandcijfers zijn de laatste 12 volledige maanden tegen de 12 ervoor
    (trends.twaalf_maanden), anders het nieuwste volledige jaar tegen het jaar ervoor
    (trends.jaarvergelijkingen). Een jaar met maar een deel van de maanden, of een nieuw jaar
    van een paar andere categorieën, verandert de vergelijking van een reeks dus niet.

    `teams` ({basisteam-id: [lid-id, ...]}, reeksen.teams): een basisteam krijgt, zoals op zijn
    gebiedspagina, de som van zijn leden waar het zelf geen jaar- of maandcijfer heeft
    (trends.met_teamsommen, trends.teammaanden: alleen als alle leden een getal hebben), met
    de bronnen van die leden."""
    teams = teams or {}
    frame, afgeleid = jaarcijfers(records, teams)
    jaren = trends.jaarvergelijkingen(frame)
    teamrecords = [
        r for team, leden in teams.items() for r in trends.teammaanden(records, team, leden)
    ]
    maanden = trends.maandcijfers([*records, *teamrecords])
    eerste_maanden = _eerste_maanden([*records, *teamrecords])
    bronnen = _bronnen_per_periode(records, teamrecords, afgeleid, teams)
    uitkomst = []
    for gebied in gebieden:
        for categorie in categorieen:
            sleutel = (gebied.pk, categorie.pk)
            vergelijking = trends.twaalf_maanden(maanden.get(sleutel)) or jaren.get(sleutel)
            if vergelijking is None:
                continue
            procent, band = vergelijking.procent, vergelijking.band
            if procent is None or band == trends.STABIEL or vergelijking.toeval:
                continue
            jaar, oud, nieuw = vergelijking.periode.jaar, vergelijking.oud, vergelijking.nieuw
            periode = vergelijking.periode
            uitkomst.append(
                Opvallend(
                    gebied, categorie, jaar - 1, jaar, oud, nieuw, procent, band, periode,
                    bronnen.van(sleutel, periode),
                    oud_voorlopig=vergelijking.oud_voorlopig,
                    nieuw_voorlopig=vergelijking.nieuw_voorlopig,
                    nieuwer=eerste_maanden.get(sleutel, (0, 0)) > (periode.jaar, periode.maand),
                )
            )  # fmt: skip
    return uitkomst


@dataclass
class PrioriteitInStuk:
    """Hoofdstuk 1, één gezamenlijke prioriteit: de maatregelen per status op de vergaderdag
    (`telling`: (label, Maatregel.Status-waarde, aantal) in de volgorde van de keuzelijst), het
    stoplicht daarvan, de meldingen in de periode, de doelen niet op koers (indicator met zijn
    stand) en de grafiek van de gekoppelde cijfers (figuren.gekoppelde_figuren, of None)."""

    prioriteit: Prioriteit
    telling: list[tuple[str, str, int]]
    stoplicht: voortgang.Stoplicht
    meldingen: list[Voortgang]
    niet_op_koers: list[tuple[Indicator, voortgang.Indicatorstand]]
    figuren: figuren.GekoppeldeFiguren | None

    @property
    def telling_kort(self):
        """Alleen de statussen met maatregelen: [(label, Maatregel.Status-waarde, aantal)];
        leeg zonder maatregelen (het stuk zegt dat dan in één zin, geen tabel met nullen)."""
        return [(label, waarde, aantal) for label, waarde, aantal in self.telling if aantal]

    @property
    def zonder_nieuws(self):
        """Geen meldingen in de periode, geen doel niet op koers en geen grafiek: dan is dit
        onderdeel één zin in het stuk (issue 15, punt 12)."""
        return not (self.meldingen or self.niet_op_koers or (self.figuren and self.figuren.grafiek))


@dataclass
class GemeenteStand:
    """Hoofdstuk 3: de maatregelen bij de lokale speerpunten van één gemeente op de
    vergaderdag: `telling` (label, Maatregel.Status-waarde, aantal) alleen voor statussen met
    maatregelen, en het stoplicht (dezelfde regel als de gezamenlijke prioriteiten)."""

    gebied: Gebied
    telling: list[tuple[str, str, int]]
    stoplicht: voortgang.Stoplicht


@dataclass
class GemeenteInStuk:
    """Hoofdstuk 2, één gemeente (of het basisteam) met haar opvallende veranderingen en de
    toelichtingen van de gemeente die bij een van die veranderingen horen (issue 17: zelfde
    categorie, en de periode raakt het nieuwe of het vorige jaar)."""

    gebied: Gebied
    opvallend: list[Opvallend]
    toelichtingen: list[Regel] = field(default_factory=list)

    def op(self, standdatum):
        """De gemeente zoals het stuk haar op `standdatum` (Standdag.datum) toont
        (GemeenteOpStanddag): welke veranderingen over een oude periode gaan hangt van die dag
        af, en die staat niet in het bewaarde Stuk (Stuk.stand_op)."""
        return GemeenteOpStanddag(
            self, [RijOpStanddag(v, v.is_oud(standdatum)) for v in self.opvallend], standdatum
        )


@dataclass(frozen=True)
class RijOpStanddag:
    """Een opvallende verandering (Opvallend) in de tabel van het stuk: `oud` als haar nieuwste
    periode meer dan een jaar voor de standdag eindigt (Opvallend.is_oud); de rij zegt dat
    dan zelf, met de reden (Opvallend.oud_uitleg)."""

    verandering: Opvallend
    oud: bool

    @property
    def oud_teken(self):
        """Het voetnootteken van een oude rij ('†': geen nieuwere cijfers, '‡': nieuwere die
        nog niet te vergelijken zijn; OUD_TEKENS), of leeg."""
        return OUD_TEKENS[self.verandering.oud_uitleg] if self.oud else ""

    @property
    def oud_tekst(self):
        """'oud: nog geen nieuwere cijfers van deze categorie in het dashboard', of leeg: de
        uitleg bij de rij (voor schermlezers in de cel, in het XLSX als kolom)."""
        return f"oud: {self.verandering.oud_uitleg}" if self.oud else ""


# Het teken in de cel van een oude rij, met zijn voetnoot onder de tabel: kort in de cel, want
# op een telefoon werd elke cel van een tabel met alleen oude rijen zes regels hoog.
OUD_TEKENS = {OUD_GEEN_NIEUWERE: "†", OUD_NIET_TE_VERGELIJKEN: "‡"}


@dataclass(frozen=True)
class GemeenteOpStanddag:
    """Hoofdstuk 2 zoals het op de standdag wordt getoond: de gemeente (GemeenteInStuk), haar
    rijen (RijOpStanddag) en de standdag (datum). `waarschuwing` is de zin boven de tabel als
    er rijen over een oude periode gaan (proefgebruiker: "de nieuwste van deze cijfers zijn
    van 2018" stond er ook als de andere rijen over 12 maanden t/m mei 2026 gingen)."""

    gemeente: GemeenteInStuk
    rijen: list[RijOpStanddag]
    standdatum: datetime.date

    @property
    def gebied(self):
        return self.gemeente.gebied

    @property
    def toelichtingen(self):
        return self.gemeente.toelichtingen

    @property
    def oude_rijen(self):
        return [rij for rij in self.rijen if rij.oud]

    @property
    def oud_voetnoten(self):
        """[(teken, tekst)] voor de tekens die in de tabel staan, in de volgorde van OUD_TEKENS:
        "oud: de nieuwste periode eindigt meer dan een jaar voor 15-6-2026; nog geen nieuwere
        cijfers van deze categorie in het dashboard." """
        dag = self.standdatum
        redenen = {rij.verandering.oud_uitleg for rij in self.oude_rijen}
        return [
            (teken, f"oud: de nieuwste periode eindigt meer dan een jaar voor "
                    f"{dag.day}-{dag.month}-{dag.year}; {reden}.")
            for reden, teken in OUD_TEKENS.items()
            if reden in redenen
        ]  # fmt: skip

    @property
    def voorlopig(self):
        """Heeft een rij een voorlopig aantal of een voorlopige verandering (voetnoot *)?"""
        return any(rij.verandering.voorlopig for rij in self.rijen)

    @property
    def waarschuwing(self):
        """De zin boven de tabel: hoeveel van de veranderingen over een periode gaan die meer
        dan een jaar voor de standdag eindigt, welke perioden dat zijn, dat het dashboard van
        die categorieën geen nieuwere (te vergelijken) cijfers heeft en dat ze dus geen nieuws
        van het afgelopen jaar zijn; leeg als geen rij oud is. Bijvoorbeeld: "Let op: 2 van de
        4 veranderingen hieronder gaan over 2017 en 2018, meer dan een jaar voor 15-6-2026
        (in de tabel: oud); van die categorieën staan nog geen nieuwere cijfers in het
        dashboard. Die veranderingen zijn dus geen nieuws van het afgelopen jaar." """
        oude = [rij.verandering for rij in self.oude_rijen]
        if not oude:
            return ""
        aantal, totaal = len(oude), len(self.rijen)
        if totaal == 1:
            onderwerp = "de verandering hieronder gaat"
        elif aantal == totaal:
            onderwerp = f"alle {totaal} veranderingen hieronder gaan"
        else:
            werkwoord = "gaat" if aantal == 1 else "gaan"
            onderwerp = f"{aantal} van de {totaal} veranderingen hieronder {werkwoord}"
        perioden = []
        for verandering in sorted(oude, key=lambda v: v.einde):
            naam = str(verandering.nieuwe_periode)
            if naam not in perioden:
                perioden.append(naam)
        categorieen = "die categorie" if aantal == 1 else "die categorieën"
        if any(verandering.nieuwer for verandering in oude):
            geen_nieuwere = (
                f"van {categorieen} heeft het dashboard nog geen nieuwere cijfers die te "
                "vergelijken zijn"
            )
        else:
            geen_nieuwere = f"van {categorieen} staan nog geen nieuwere cijfers in het dashboard"
        slot = "Die verandering is" if aantal == 1 else "Die veranderingen zijn"
        dag = self.standdatum
        return (
            f"Let op: {onderwerp} over {opsomming(perioden)}, meer dan een jaar voor "
            f"{dag.day}-{dag.month}-{dag.year} (in de tabel: oud); {geen_nieuwere}. "
            f"{slot} dus geen nieuws van het afgelopen jaar."
        )


@dataclass
class NieuweCijfersRegel:
    """Hoofdstuk 2, samenvatting: per gebied en import (of beheer) hoeveel cijfers in de periode
    zijn toegevoegd en gewijzigd, en over welke perioden (van de vroegste tot de laatste)."""

    gebied_naam: str
    reden: str  # de bron of reden uit de geschiedenis; leeg bij een wijziging in het beheer
    toegevoegd: int
    gewijzigd: int
    van: str
    tot: str

    @property
    def perioden(self):
        return self.van if self.van == self.tot else f"{self.van} t/m {self.tot}"


class Wijziging(models.TextChoices):
    """Wat er in de periode van een stuk met een cijfer gebeurde, vergeleken met zijn stand aan
    het begin van de periode (NieuwCijfer.wijziging)."""

    NIEUW = "nieuw", "nieuw"
    GEWIJZIGD = "gewijzigd", "gewijzigd"
    GELIJK = "gelijk", "opnieuw vastgelegd, gelijk"
    VERWIJDERD = "verwijderd", "verwijderd"


@dataclass
class NieuwCijfer:
    """Hoofdstuk 2 en het XLSX: één cijfer dat in de periode is toegevoegd of gewijzigd, één
    keer, hoe vaak een import of het beheer het in de periode ook vastlegde (proefgebruiker
    30-11-2026, punt 6).

    `waarde` en `status` zijn zijn stand op de vergaderdag (waarde None: geheim; status een
    Cijfer.Status-waarde); `vastgelegd_op` en `reden` die van de laatste vastlegging in de
    periode. `bestond`: het cijfer was er al aan het begin van de periode, met `was_waarde`
    en `was_status` (anders None en ""). `verwijderd`: op de vergaderdag is het er niet meer
    (waarde en status zijn dan die van vlak ervoor)."""

    gebied: Gebied
    categorie: Categorie
    periode: str
    waarde: int | None
    status: str
    vastgelegd_op: datetime.datetime
    reden: str
    bestond: bool = False
    was_waarde: int | None = None
    was_status: str = ""
    verwijderd: bool = False

    @classmethod
    def uit_versie(cls, versie):
        """Uit de laatste historische versie van een Cijfer (Cijfer.history) in de periode,
        met de annotaties `was_soort`, `was_waarde` en `was_status` van zijn laatste versie
        vóór de periode (None zonder versie toen; nieuwe_cijfers_in)."""
        bestond = versie.was_soort in ("+", "~")
        return cls(versie.gebied, versie.categorie, versie.periode, versie.waarde, versie.status,
                   versie.history_date, versie.history_change_reason or "", bestond,
                   versie.was_waarde if bestond else None, versie.was_status if bestond else "",
                   versie.history_type == "-")  # fmt: skip

    @property
    def voorlopig(self):
        return self.status == Cijfer.Status.VOORLOPIG

    @property
    def was_voorlopig(self):
        return self.was_status == Cijfer.Status.VOORLOPIG

    @property
    def wijziging(self):
        """Wijziging: nieuw (er was geen cijfer bij het begin van de periode), verwijderd,
        gewijzigd (ander aantal of andere status dan toen) of gelijk (opnieuw vastgelegd, bijv.
        met een andere bron, of gewijzigd en weer terug)."""
        if self.verwijderd:
            return Wijziging.VERWIJDERD
        if not self.bestond:
            return Wijziging.NIEUW
        if (self.was_waarde, self.was_status) != (self.waarde, self.status):
            return Wijziging.GEWIJZIGD
        return Wijziging.GELIJK

    @property
    def toont_was(self):
        """Toont het stuk "was → wordt"? Alleen als het cijfer er al was en veranderde."""
        return self.bestond and self.wijziging in (Wijziging.GEWIJZIGD, Wijziging.VERWIJDERD)


@dataclass(frozen=True)
class Standdag:
    """De dag waarop de cijfers en statussen van een stuk staan (`datum`), en of het stuk nog
    voorlopig is (`voorlopig`: de vergadering is later dan de dag waarop het stuk is gemaakt,
    dus staan de gegevens zoals ze vandaag zijn, niet zoals ze op de vergaderdag stonden)."""

    datum: datetime.date
    voorlopig: bool


@dataclass
class Stuk:
    """Alles wat het vergaderstuk toont; `sinds` is de vorige vergadering (of drie maanden
    terug), `openbaar` laat interne agendapunten en notities weg. `speerpunten` is een lijst
    (gebied, [(lokaal speerpunt, melding), ...]) in de volgorde van de gebieden."""

    vergadering: Vergadering
    openbaar: bool
    vorige: Vergadering | None
    sinds: datetime.date
    plan: Plan | None
    agenda: list[Agendapunt] = field(default_factory=list)
    driehoek: list[Agendapunt] = field(default_factory=list)
    prioriteiten: list[PrioriteitInStuk] = field(default_factory=list)
    gemeenten: list[GemeenteInStuk] = field(default_factory=list)
    nieuwe_cijfers: list[NieuweCijfersRegel] = field(default_factory=list)
    geimporteerd: list[NieuwCijfer] = field(default_factory=list)
    # Het aantal nieuwe of gewijzigde cijfers van andere gebieden dan die van de site (een
    # landelijke import); ze staan niet in het stuk (nieuwe_cijfers_in).
    nieuw_elders: int = 0
    speerpunten: list[tuple[Gebied, list[tuple[LokaalSpeerpunt, Voortgang]]]] = field(
        default_factory=list
    )
    lokale_stand: list[GemeenteStand] = field(default_factory=list)
    # Issue 17: de toelichtingen bij de cijfers die sinds de vorige vergadering zijn
    # geschreven of gewijzigd (zoals ze op de vergaderdag stonden).
    toelichtingen: list[Regel] = field(default_factory=list)

    @property
    def gemeenten_zonder_opvallend(self):
        """De namen van de gebieden zonder opvallende verandering: één zin in het stuk."""
        return [gemeente.gebied.naam for gemeente in self.gemeenten if not gemeente.opvallend]

    def stand_op(self, vandaag):
        """De Standdag van het stuk als het op `vandaag` (een datum) wordt gemaakt: de vergaderdag,
        of vandaag zolang de vergadering nog moet komen (proefgebruiker 30-11-2026, punt 9: een
        stuk noemt geen cijfers "zoals ze stonden" op een dag die nog niet is geweest). De
        stand zelf staat niet in het Stuk, want dat wordt per gegevensversie bewaard en niet
        per dag (vergaderingen/views.py)."""
        datum = self.vergadering.datum
        return Standdag(min(datum, vandaag), datum > vandaag)

    def gemeenten_op(self, standdag):
        """Hoofdstuk 2 zoals het op `standdag` (Standdag) wordt getoond: een GemeenteOpStanddag
        per gebied met opvallende veranderingen, in de volgorde van `gemeenten`. Per verzoek
        (in het HTML-stuk, de PDF en het XLSX), geen queries."""
        return [gemeente.op(standdag.datum) for gemeente in self.gemeenten if gemeente.opvallend]

    @property
    def details_in_stuk(self):
        """Zijn er zo weinig nieuwe cijfers dat ze afzonderlijk in het stuk passen?"""
        return len(self.geimporteerd) <= MAX_IN_STUK


def maak_stuk(vergadering, openbaar=False):
    """Het Stuk voor deze vergadering (met haar agendapunten vooraf opgehaald), zoals de
    gegevens op de vergaderdag stonden; zonder plan alleen voorblad en agenda.

    Een vast aantal queries, hoeveel meldingen, cijfers of vergaderingen er ook zijn: 30 bij de
    brongegevens, 3 meer als het plan indicatoren heeft (de lijst staat in
    tests/test_vergaderingen.py bij STUK).
    """
    vorige = (
        Vergadering.objects.filter(overleg=vergadering.overleg_id, datum__lt=vergadering.datum)
        .order_by("-datum")
        .first()
    )
    periode = Periode(
        vorige.datum if vorige else vergadering.datum - STANDAARD_TERUGBLIK, vergadering.datum
    )
    # Het gekozen plan van de vergadering, anders het plan dat op de vergaderdatum gold.
    if vergadering.plan_id:
        plan = vergadering.plan
    else:
        plan = kies_huidig_plan(list(Plan.objects.all()), vergadering.datum.year)
    agenda = [punt for punt in vergadering.agendapunten.all() if not (openbaar and punt.intern)]
    stuk = Stuk(
        vergadering, openbaar, vorige, periode.sinds, plan,
        agenda=agenda, driehoek=[punt for punt in agenda if punt.voor_driehoek],
    )  # fmt: skip
    if plan is None:
        return stuk
    # De gebieden van de site, niet de andere gemeenten van een landelijke dataset.
    gebieden = list(Gebied.objects.eigen().prefetch_related("leden"))
    stuk.prioriteiten = prioriteiten_in_stuk(plan, periode, gebieden)
    stuk.gemeenten = gemeenten_in_stuk(periode.tijdstip, gebieden)
    toelichtingen = toelichtingen_op(periode.tijdstip, gebieden)
    for gemeente in stuk.gemeenten:
        gemeente.toelichtingen = bij_opvallend(gemeente.opvallend, toelichtingen)
    stuk.toelichtingen = [t for t, nieuw in toelichtingen if nieuw > periode.begin]
    stuk.nieuwe_cijfers, stuk.geimporteerd, stuk.nieuw_elders = nieuwe_cijfers_in(periode, gebieden)
    stuk.speerpunten = speerpuntmeldingen_in(periode, plan)
    stuk.lokale_stand = lokale_stand_op(periode.tijdstip, plan)
    return stuk


def prioriteiten_in_stuk(plan, periode, gebieden):
    """Hoofdstuk 1: een PrioriteitInStuk per gezamenlijke prioriteit van `plan`, op volgorde
    met de grafieken over `gebieden` (11 queries: 3 meer als het plan indicatoren heeft, 3 minder
    als geen prioriteit gekoppelde categorieën heeft)."""
    prioriteiten = list(
        Prioriteit.objects.filter(plan=plan).prefetch_related("categorieen").order_by("volgorde")
    )
    maatregelen = maatregelstatussen_op(periode.tijdstip, plan)
    meldingen = meldingen_in(
        periode, Q(maatregel__prioriteit__plan=plan) | Q(doel__prioriteit__plan=plan)
    )
    niet_op_koers = doelen_niet_op_koers(periode.tijdstip, plan)
    gekoppeld = {
        categorie for prioriteit in prioriteiten for categorie in prioriteit.categorieen.all()
    }
    koppelrecords = (
        cijferrecords_op(periode.tijdstip, Q(categorie__in=gekoppeld, gebied__in=gebieden))
        if gekoppeld
        else []
    )
    uitkomst = []
    for prioriteit in prioriteiten:
        telling = voortgang.statustelling(maatregelen[prioriteit.pk])
        uitkomst.append(
            PrioriteitInStuk(
                prioriteit=prioriteit,
                telling=[
                    (status.label, status.value, aantal) for status, aantal in telling.items()
                ],
                stoplicht=voortgang.stoplicht(telling),
                meldingen=[
                    melding
                    for melding in meldingen
                    if (melding.maatregel or melding.doel).prioriteit_id == prioriteit.pk
                ],
                niet_op_koers=niet_op_koers[prioriteit.pk],
                figuren=_gekoppelde_figuren(prioriteit, koppelrecords, gebieden),
            )
        )
    return uitkomst


def _gekoppelde_figuren(prioriteit, records, gebieden):
    """De grafiek van de gekoppelde cijfers van een prioriteit, op de breedte van de pagina,
    met alleen de gebieden die in die categorieën cijfers hebben (`records`: dicts zoals
    cijferrecords_op ze geeft): een gebied zonder cijfers zou een lege lijn met een eigen
    kleur in de legenda en de samenvatting krijgen (proefgebruiker 30-11-2026, punt 13: "De
    Bilt" bij meldingen jongerenoverlast). Geen queries."""
    categorieen = list(prioriteit.categorieen.all())
    ids = {categorie.pk for categorie in categorieen}
    met_cijfers = {record["gebied"] for record in records if record["categorie"] in ids}
    return figuren.gekoppelde_figuren(
        categorieen,
        f"stuk-{prioriteit.slug}",
        records=records,
        breedte=FIGUURBREEDTE,
        ident=f"stuk-{prioriteit.slug}",
        gebieden=[gebied for gebied in gebieden if gebied.pk in met_cijfers],
    )


def doelen_niet_op_koers(tijdstip, plan):
    """{prioriteit_id: [(indicator, Indicatorstand), ...]}: de indicatoren van de doelen van de
    gezamenlijke prioriteiten van `plan` die met de cijfers van `tijdstip` niet op koers zijn
    (1 query, plus 4 als er indicatoren zijn: hun mijlpalen en de cijfers zoals toen)."""
    indicatoren = list(
        Indicator.objects.filter(doel__prioriteit__plan=plan)
        .select_related("doel", "categorie", "gebied")
        .prefetch_related("mijlpalen")
    )
    uitkomst = defaultdict(list)
    if not indicatoren:
        return uitkomst
    waar = reduce(
        or_,
        (
            Q(gebied=indicator.gebied_id, categorie=indicator.categorie_id)
            for indicator in indicatoren
        ),
    )
    standen = figuren.indicatorstanden(indicatoren, cijferrecords_op(tijdstip, waar))
    for indicator in indicatoren:
        stand = standen[indicator.doel_id]
        if stand.stand == voortgang.Stand.NIET_OP_KOERS:
            uitkomst[indicator.doel.prioriteit_id].append((indicator, stand))
    return uitkomst


def gemeenten_in_stuk(tijdstip, gebieden):
    """Hoofdstuk 2: een GemeenteInStuk per gebied, met de opvallende veranderingen in de
    cijfers zoals ze op `tijdstip` stonden (4 queries; de leden van de basisteams zijn al
    opgehaald, maak_stuk)."""
    records = cijferrecords_op(tijdstip, Q(gebied__in=gebieden))
    opvallend = opvallende_veranderingen(
        records, gebieden, list(Categorie.objects.all()), teams(gebieden)
    )
    return [
        GemeenteInStuk(
            gebied, [verandering for verandering in opvallend if verandering.gebied == gebied]
        )
        for gebied in gebieden
    ]


def toelichtingen_op(tijdstip, gebieden):
    """De toelichtingen bij de cijfers van `gebieden` zoals ze op `tijdstip` stonden, zonder
    de ingetrokken: [(Regel, laatst geschreven of gewijzigd)], op gebied, categorie en
    periode. 2 queries, hoeveel toelichtingen er ook zijn: de nieuwste versie van toen uit
    de geschiedenis en de nooit gewijzigde (zonder geschiedenis, zoals stand_op), elk met
    categorie en auteur."""
    historisch = Toelichting.history.model
    toen = list(
        Toelichting.history.filter(history_date__lte=tijdstip, gebied__in=gebieden)
        .latest_of_each()
        .exclude(history_type="-")
        .select_related("categorie", "auteur")
    )
    met_geschiedenis = historisch.objects.filter(history_date__lte=tijdstip).values("id")
    later_gemaakt = historisch.objects.filter(history_date__gt=tijdstip, history_type="+")
    nooit_gewijzigd = (
        Toelichting.objects.filter(gebied__in=gebieden)
        .exclude(pk__in=met_geschiedenis)
        .exclude(pk__in=later_gemaakt.values("id"))
        .select_related("categorie", "auteur")
    )
    rijen = [rij for rij in [*toen, *nooit_gewijzigd] if not rij.ingetrokken]
    per_gebied = {gebied.pk: gebied for gebied in gebieden}
    rijen.sort(key=lambda r: (per_gebied[r.gebied_id].volgorde, r.categorie.volgorde, r.van, r.id))
    uitkomst = []
    for nummer, rij in enumerate(rijen, start=1):
        gebied, auteur = per_gebied[rij.gebied_id], rij.auteur
        periode = Toelichting(van=rij.van, tot=rij.tot)
        regel = Regel(
            nummer=nummer,
            gebied_id=gebied.pk,
            gebied_naam=gebied.naam,
            gebied_slug=gebied.slug,
            categorie_id=rij.categorie_id,
            categorie_naam=rij.categorie.naam,
            periode=periode.periode,
            jaren=tuple(periode.jaren),
            tekst=rij.tekst,
            contact=rij.contact,
            auteur=(auteur.get_full_name() or auteur.get_username()) if auteur else "",
            datum=timezone.localtime(rij.bijgewerkt).date(),
            pk=rij.id,
        )
        uitkomst.append((regel, max(rij.aangemaakt, rij.bijgewerkt)))
    return uitkomst


def bij_opvallend(opvallend, toelichtingen):
    """De Regels uit `toelichtingen` ([(Regel, moment)]) die een opvallende verandering
    toelichten: zelfde gebied en categorie, en hun periode raakt het nieuwe of het vorige
    jaar van de verandering. Geen queries."""
    sleutels = {
        (v.gebied.pk, v.categorie.pk, jaar) for v in opvallend for jaar in (v.jaar, v.vorig_jaar)
    }
    return [
        regel
        for regel, _ in toelichtingen
        if any((regel.gebied_id, regel.categorie_id, jaar) in sleutels for jaar in regel.jaren)
    ]


def nieuwe_cijfers_in(periode, gebieden):
    """Hoofdstuk 2: de cijfers van `gebieden` (de gebieden van de site, Gebied.objects.eigen())
    die in `periode` zijn toegevoegd of gewijzigd (import of beheer, niet het laden van de
    brongegevens), als ([NieuweCijfersRegel] per gebied en import, [NieuwCijfer] tot
    MAX_IN_XLSX op gebied, categorie en periode, het aantal cijfers van andere gebieden dat in
    de periode is toegevoegd of gewijzigd) (3 queries).

    De andere gebieden (Nederland, de gemeenten van een landelijke import) staan niet in het
    stuk, alleen hun aantal (proefgebruiker 30-11-2026 (4), punt 2: 1.512 rijen, waarvan 360
    van de BES-gemeenten); dat telt elk cijfer één keer, ook als meer imports het raakten.

    De samenvatting telt elke vastlegging (elke import die een cijfer raakte); de afzonderlijke
    cijfers staan er elk één keer in (proefgebruiker 30-11-2026, punt 6: een cijfer dat drie
    imports raakten stond er drie keer, alsof elke waarde gold): hun laatste versie in de
    periode, de stand op de vergaderdag, met als subquery hun laatste versie vóór de periode
    (de stand aan het begin, voor "was → wordt"), zoals stand_op de geschiedenis leest."""
    alle_gebieden = Cijfer.history.filter(
        history_date__gt=periode.begin, history_date__lte=periode.tijdstip
    )
    alle_nieuw = alle_gebieden.filter(history_type__in=["+", "~"]).exclude(
        history_change_reason=LAADREDEN
    )
    in_periode = alle_gebieden.filter(gebied__in=gebieden)
    nieuw = alle_nieuw.filter(gebied__in=gebieden)
    samenvatting = (
        nieuw.values("gebied__naam", "gebied__volgorde", "history_change_reason")
        .annotate(
            toegevoegd=Count("history_id", filter=Q(history_type="+")),
            gewijzigd=Count("history_id", filter=Q(history_type="~")),
            van=Min("periode"),
            tot=Max("periode"),
        )
        .order_by("gebied__volgorde", "history_change_reason")
    )
    regels = [
        NieuweCijfersRegel(
            gebied_naam=regel["gebied__naam"],
            reden=regel["history_change_reason"] or "",
            toegevoegd=regel["toegevoegd"],
            gewijzigd=regel["gewijzigd"],
            van=regel["van"],
            tot=regel["tot"],
        )
        for regel in samenvatting
    ]
    vooraf = Cijfer.history.filter(id=OuterRef("id"), history_date__lte=periode.begin).order_by(
        "-history_date", "-history_id"
    )
    afzonderlijk = (
        in_periode.latest_of_each()
        .filter(id__in=nieuw.values("id"))
        .annotate(
            was_soort=Subquery(vooraf.values("history_type")[:1]),
            was_waarde=Subquery(vooraf.values("waarde")[:1]),
            was_status=Subquery(vooraf.values("status")[:1]),
        )
        .select_related("gebied", "categorie")
        .order_by("gebied__volgorde", "categorie__volgorde", "periode", "id", "-history_id")
    )[:MAX_IN_XLSX]
    # Twee versies van één cijfer op precies hetzelfde moment: de laatst vastgelegde telt.
    per_cijfer = {}
    for versie in afzonderlijk:
        per_cijfer.setdefault(versie.id, versie)
    andere = alle_nieuw.exclude(gebied__in=gebieden).aggregate(n=Count("id", distinct=True))["n"]
    return regels, [NieuwCijfer.uit_versie(versie) for versie in per_cijfer.values()], andere


def speerpuntmeldingen_in(periode, plan):
    """Hoofdstuk 3: [(gebied, [(lokaal speerpunt, melding), ...]), ...] voor de meldingen bij
    de lokale speerpunten van `plan` (of hun doelen en maatregelen) in `periode`, op volgorde
    van de gebieden (1 query)."""
    meldingen = meldingen_in(
        periode,
        Q(speerpunt__plan=plan)
        | Q(maatregel__speerpunt__plan=plan)
        | Q(doel__speerpunt__plan=plan),
    )
    per_gemeente = {}
    for melding in meldingen:
        speerpunt = melding.speerpunt or (melding.maatregel or melding.doel).speerpunt
        per_gemeente.setdefault(speerpunt.gebied, []).append((speerpunt, melding))
    return sorted(per_gemeente.items(), key=lambda item: item[0].volgorde)


def lokale_stand_op(tijdstip, plan):
    """Hoofdstuk 3: een GemeenteStand per gemeente met maatregelen bij haar lokale
    speerpunten in `plan`, zoals ze op `tijdstip` waren, op volgorde van de gemeenten
    (5 queries: de speerpunten met gemeente, en maatregelen en meldingen zoals toen).
    De status van een maatregel volgt uit de meldingen van toen (status_uit), net als bij
    maatregelstatussen_op."""
    speerpunten = {
        s.pk: s for s in LokaalSpeerpunt.objects.filter(plan=plan).select_related("gebied")
    }
    maatregelen = stand_op(Maatregel, tijdstip, Maatregel.objects.filter(speerpunt__plan=plan))
    meldingen = stand_op(
        Voortgang, tijdstip, Voortgang.objects.filter(maatregel__speerpunt__plan=plan)
    )
    per_maatregel = defaultdict(list)
    for melding in meldingen:
        per_maatregel[melding.maatregel_id].append(melding)
    per_gebied = defaultdict(list)
    for maatregel in maatregelen:
        speerpunt = speerpunten.get(maatregel.speerpunt_id)
        if speerpunt is not None:
            maatregel.status = status_uit(per_maatregel[maatregel.pk])
            per_gebied[speerpunt.gebied].append(maatregel)
    uitkomst = []
    for gebied, lijst in sorted(per_gebied.items(), key=lambda item: item[0].volgorde):
        telling = voortgang.statustelling(lijst)
        uitkomst.append(
            GemeenteStand(
                gebied,
                [(status.label, status.value, n) for status, n in telling.items() if n],
                voortgang.stoplicht(telling),
            )
        )
    return uitkomst
