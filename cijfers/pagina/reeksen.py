"""Wat elke cijferpagina deelt: jaarcijfers, de trendpijplijn, per 1.000 inwoners, grafieken.

De trendpijplijn (`reeksoverzicht`) maakt van de jaarcijfers van een reeks sleutels
(gebied-id, categorie-id) de trendtabel met veranderingen, gepubliceerde percentages en de
tabel per 1.000 inwoners; de gebiedspagina, de categoriepagina en de verkenner gebruiken haar
alle drie. De rekenregels staan in cijfers/trends.py, de grafieken in cijfers/charts.py.
"""

import json
from dataclasses import dataclass, field, replace
from functools import cached_property

import pandas as pd
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django_tables2 import Table

from cijfers import charts, tables, trends
from cijfers.models import Categorie, Cijfer
from cijfers.pagina.keuze import gekozen_jaren
from ivp.models import Gebied
from ivp.tekst import opsomming

# De index van de brede tabellen: elke reeks is een (gebied-id, categorie-id).
RIJ_KOLOMMEN = ("gebied", "categorie")

# De tekens die django.utils.html.json_script als unicode-escape schrijft.
JSON_SCRIPT_TEKENS = (("<", "\\u003C"), (">", "\\u003E"), ("&", "\\u0026"))


@dataclass
class Grafiek:
    """Een grafiek voor templates/cijfers/_grafiek.html (grafiek, tabel, downloads en bron).

    `id` is het HTML-id (de figuur staat als JSON in `data_id`), `figuur` het plotly-dict uit
    cijfers/charts.py, `bestandsnaam` de naam voor een download van het plaatje. De tabel
    (django-tables2) staat in een uitklapblok, of open met `tabel_open`; `export` is de naam
    van de tabel voor ?_export=...&_tabel= (leeg: geen downloadlinks); `bron` een regel boven
    de tabel (eenheid, tekens en bronnen).
    """

    id: str
    figuur: dict
    bestandsnaam: str
    beschrijving: str = ""
    tabel: Table | None = None
    tabel_open: bool = False
    export: str = ""
    bron: str = ""
    # De JSON van `figuur_script`, vooraf gebouwd (`vooraf_renderen`); niet in __init__, dus
    # dataclasses.replace (een andere figuur) begint zonder.
    _script: str | None = field(default=None, init=False, repr=False, compare=False)

    def vooraf_renderen(self):
        """Bouwt `figuur_script` nu, zodat een gecachete Grafiek (per_versie) hem meeneemt en
        een warm verzoek niet opnieuw honderden kB JSON schrijft (cijfers/pagina/vooraf.py).
        Daarna mag `figuur` niet meer ter plekke veranderen (maak een nieuwe met replace)."""
        self._script = None
        self._script = self.figuur_script

    @property
    def data_id(self):
        """Het HTML-id van het json_script-blok met de figuur."""
        return f"{self.id}-data"

    @property
    def figuur_script(self):
        """Het json_script-blok met de figuur (id `data_id`), teken voor teken gelijk aan
        {{ figuur|json_script:data_id }}, maar met str.replace in plaats van str.translate:
        een figuur van honderden kB is zo een paar milliseconden sneller. Vooraf gebouwd
        (`vooraf_renderen`): die tekst."""
        if self._script is not None:
            return self._script
        tekst = json.dumps(self.figuur, cls=DjangoJSONEncoder)
        for teken, escape in JSON_SCRIPT_TEKENS:
            tekst = tekst.replace(teken, escape)
        return format_html(
            '<script id="{}" type="application/json">{}</script>', self.data_id, mark_safe(tekst)
        )

    @property
    def titel(self):
        """De titel van de figuur (voor schermlezers), als platte tekst (charts.platte_tekst)."""
        return charts.platte_tekst(self.figuur["layout"]["title"]["text"])

    @property
    def samenvatting(self):
        """Een korte tekst over wat de grafiek laat zien (charts.samenvatting), voor schermlezers."""
        return charts.samenvatting(self.figuur)


def bronnen(records):
    """De bronnen (titels, gesorteerd, uniek) van cijferrecords (CijferQuerySet.records)."""
    return sorted({r["bron_titel"] for r in records})


def eenheid(categorieen):
    """De eenheid van de categorieën als die voor allemaal gelijk is, anders 'aantal'."""
    eenheden = {c.get_eenheid_display() for c in categorieen}
    return eenheden.pop() if len(eenheden) == 1 else "aantal"


def eenheidregel(categorieen):
    """De eenheid onder een trendtabel met deze categorieën, zoals de bron ze noemt (issue 15,
    punt 8), uit Categorie.eenheid: "aantal geregistreerde misdrijven (autokraak, huiselijk
    geweld en zakkenrollen: aantal incidenten, zoals de bron ze noemt in de paragraaf over
    Baarn (IVP BES 2019-2022, §8.1)); meldingen
    jongerenoverlast in aantal meldingen". Alleen de eenheden die er zijn; zonder categorieën
    "aantal geregistreerde misdrijven". De namen per eenheid op alfabet."""
    per_eenheid = {}
    for categorie in categorieen:
        namen = per_eenheid.setdefault(categorie.eenheid, [])
        if categorie.naam not in namen:
            namen.append(categorie.naam)
    incidenten = sorted(per_eenheid.get(Categorie.Eenheid.INCIDENTEN, []))
    meldingen = sorted(per_eenheid.get(Categorie.Eenheid.MELDINGEN, []))
    delen = []
    if Categorie.Eenheid.MISDRIJVEN in per_eenheid or not per_eenheid:
        delen.append("aantal geregistreerde misdrijven")
    if incidenten:
        tekst = (
            f"{opsomming(incidenten)}: aantal incidenten, zoals de bron ze noemt "
            f"{Categorie.INCIDENTEN_VINDPLAATS}"
        )
        delen.append(f"({tekst})" if delen else tekst)
    regel = " ".join(delen)
    if meldingen:
        tekst = f"{opsomming(meldingen)} in aantal meldingen"
        regel = f"{regel}; {tekst}" if regel else tekst
    return regel


def teams(gebieden):
    """{basisteam-id: [lid-id, ...]} voor gebieden met hun (geprefetchte) leden."""
    return {
        g.pk: [lid.pk for lid in g.leden.all()]
        for g in gebieden
        if g.soort == Gebied.Soort.BASISTEAM and g.leden.all()
    }


def jaarcijfers(records, teams=None):
    """(jaarframe, afgeleid): jaren uit maanden en halfjaren waar die compleet zijn, en voor elk
    team de som van zijn leden waar het zelf geen cijfer heeft (zie trends.py)."""
    frame = trends.jaarframe(records)
    if not teams:
        return frame, set()
    return trends.met_teamsommen(frame, teams)


def getoonde_bronnen(records, gebied_ids, afgeleid=(), teams=None):
    """De bronnen van de cijfers van deze gebieden, plus die van de leden waar een teamcijfer
    een afgeleide som is."""
    gebied_ids = set(gebied_ids)
    leden = {(lid, c, j) for t, c, j in afgeleid if t in gebied_ids for lid in (teams or {})[t]}
    return sorted(
        {
            r["bron_titel"]
            for r in records
            if r["gebied"] in gebied_ids or (r["gebied"], r["categorie"], r["jaar"]) in leden
        }
    )


@dataclass
class Jaarreeksen:
    """Opgehaalde cijfers en hun jaarcijfers.

    `records` zijn cijferrecords (CijferQuerySet.records(inwoners=True)); `frame` hun
    jaarcijfers (`jaarcijfers`) met de teamsommen van `teams` ({team-id: [lid-id, ...]});
    `afgeleid` de (team-id, categorie-id, jaar) die zo'n som zijn.
    """

    records: list
    frame: pd.DataFrame
    afgeleid: set
    teams: dict
    # Wat per gebied uit records en frame volgt, één keer berekend (`_per_gebied`): een
    # pagina vraagt het in meerdere delen, en op landelijke omvang kost elke keer filteren
    # milliseconden. Geen veld: het doet niet mee in ==, repr of replace.
    _bewaard: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def _per_gebied(self, soort, gebied_id, maak):
        sleutel = (soort, gebied_id)
        if sleutel not in self._bewaard:
            self._bewaard[sleutel] = maak()
        return self._bewaard[sleutel]

    def records_van(self, gebied_id):
        """De cijferrecords van één gebied (een lijst; niet wijzigen)."""
        return self._per_gebied(
            "records", gebied_id, lambda: [r for r in self.records if r["gebied"] == gebied_id]
        )

    def frame_van(self, gebied_id):
        """De jaarcijfers van één gebied (met zijn afgeleide sommen; niet wijzigen)."""
        return self._per_gebied(
            "frame", gebied_id, lambda: self.frame[self.frame["gebied"] == gebied_id]
        )

    def halfjaren_van(self, gebied_id):
        """trends.halfjaarframe van de records van één gebied (niet wijzigen)."""
        return self._per_gebied(
            "halfjaren", gebied_id, lambda: trends.halfjaarframe(self.records_van(gebied_id))
        )

    def maanden_van(self, gebied_id):
        """trends.maandcijfers van de records van één gebied, voor een team met de maanden die
        de som van zijn leden zijn (`teammaanden_van`; niet wijzigen)."""
        return self._per_gebied(
            "maanden",
            gebied_id,
            lambda: trends.maandcijfers(
                [*self.records_van(gebied_id), *self.teammaanden_van(gebied_id)]
            ),
        )

    def teammaanden_van(self, gebied_id):
        """De maandrecords die een team (in `teams`) als som van zijn leden krijgt waar het zelf
        geen maandcijfer heeft (trends.teammaanden); [] voor een ander gebied (niet wijzigen)."""
        leden = self.teams.get(gebied_id)
        if not leden:
            return []
        return self._per_gebied(
            "teammaanden", gebied_id, lambda: trends.teammaanden(self.records, gebied_id, leden)
        )

    def teammaandbronnen_van(self, gebied_id):
        """{categorie-id: {brontitel}}: per categorie de bronnen van de maanden van de leden
        waar een maand van het team hun som is (`teammaanden_van`); leeg voor een ander gebied."""

        def maak():
            uitkomst = {}
            for record in self.teammaanden_van(gebied_id):
                titels = uitkomst.setdefault(record["categorie"], set())
                titels.update(t.strip() for t in record[trends.BRON].split(";") if t.strip())
            return uitkomst

        return self._per_gebied("teammaandbronnen", gebied_id, maak)

    def bronnen(self, gebied_ids, jaar=None):
        """De bronnen van de cijfers van deze gebieden (zie getoonde_bronnen); met `jaar` alleen
        die van de cijfers van dat jaar (een jaar vergeleken: niet de bronnen van andere jaren)."""
        records = self.records
        if jaar is not None:
            records = [r for r in records if r["jaar"] == jaar]
        return getoonde_bronnen(records, gebied_ids, self.afgeleid, self.teams)

    def afgeleide_jaren(self, gebied_id, jaren):
        """De jaren uit `jaren` waarin het gebied een afgeleide som van zijn leden heeft."""
        return sorted({j for g, _, j in self.afgeleid if g == gebied_id and j in jaren})


def jaarreeksen(records, gebieden):
    """Jaarreeksen uit cijferrecords; de basisteams onder `gebieden` (met geprefetchte leden)
    krijgen de som van hun leden waar ze zelf geen cijfer hebben."""
    gebiedteams = teams(gebieden)
    frame, afgeleid = jaarcijfers(records, gebiedteams)
    return Jaarreeksen(records, frame, afgeleid, gebiedteams)


@dataclass(frozen=True)
class Jaarkeuze:
    """De jaren van een pagina: `beschikbaar` (alle volledige jaren met cijfers, oplopend) en
    `jaren` (de getoonde). `vergelijkingsjaar` is het jaar in het kopje van de
    veranderingskolom: het nieuwste volledige jaar (binnen de getoonde) dat de meeste reeksen
    met hun jaar ervoor vergelijken (trends.jaarvergelijkingen, trends.meest_voorkomende), of
    None als geen reeks twee opeenvolgende jaren heeft. `nieuw` en `vorig` zijn dat jaar en
    het jaar ervoor (anders None: dan geen veranderingskolommen); `laatste` is het laatste
    getoonde jaar."""

    beschikbaar: list
    jaren: list
    vergelijkingsjaar: int | None = None

    @property
    def laatste(self):
        """Het laatste getoonde jaar, of None zonder jaren."""
        return self.jaren[-1] if self.jaren else None

    @property
    def nieuw(self):
        """Het nieuwe jaar van de verandering in het kopje, anders het laatste getoonde jaar."""
        return self.vergelijkingsjaar or self.laatste

    @property
    def vorig(self):
        """Het jaar vóór `vergelijkingsjaar`, of None zonder vergelijking."""
        return self.vergelijkingsjaar - 1 if self.vergelijkingsjaar else None


def jaarkeuze(frame, gekozen):
    """De Jaarkeuze voor een jaarframe en de gekozen jaren (Keuze.jaren). Het
    vergelijkingsjaar wordt per reeks (gebied, categorie) bepaald uit de volledige jaren."""
    beschikbaar = sorted(int(j) for j in frame["jaar"].unique())
    jaren = gekozen_jaren(gekozen, beschikbaar)
    kop = _kopperiode(
        trends.jaarvergelijkingen(frame, set(jaren), RIJ_KOLOMMEN), jaren, beschikbaar
    )
    return Jaarkeuze(beschikbaar, jaren, kop.jaar if kop else None)


def _kopperiode(jaarvergelijkingen, jaren, beschikbaar):
    """De periode in het kopje van de jaarverandering: die van de meeste reeksen; vergelijkt
    geen enkele reeks twee jaren, dan het laatste getoonde jaar als het jaar ervoor cijfers
    heeft (de kolommen staan er dan, met '.'), anders None."""
    kop = trends.meest_voorkomende(jaarvergelijkingen)
    if kop is None and jaren and jaren[-1] - 1 in beschikbaar:
        kop = trends.Periode(jaren[-1])
    return kop


@dataclass(frozen=True)
class Gepubliceerd:
    """Veranderingen die de bron alleen als percentage geeft (model Verandering).

    `halfjaren`: per (gebied-id, categorie-id) een dict met "h1" en/of "h2" (procent, int);
    `regio`: per categorie-id een (regionaam, procent).
    """

    halfjaren: dict = field(default_factory=dict)
    regio: dict = field(default_factory=dict)


def gepubliceerd(veranderingen):
    """Gepubliceerd uit Verandering-rijen (Verandering.objects.gepubliceerd(...), met gebied)."""
    halfjaren, regio = {}, {}
    for v in veranderingen:
        if v.gebied.soort == Gebied.Soort.REGIO:
            regio[v.categorie_id] = (v.gebied.naam, v.procent)
        else:
            halfjaren.setdefault((v.gebied_id, v.categorie_id), {})[v.periode.lower()] = v.procent
    return Gepubliceerd(halfjaren, regio)


def aangevulde_halfjaren(gepubliceerd, halfframe, sleutels, vorig, nieuw):
    """De halfjaarveranderingen die de bron publiceert, aangevuld met die uit opgeslagen
    halfjaren en volledige zesmaandsreeksen (bijv. uit een import); de bron gaat voor.
    Sleutels zijn (gebied-id, categorie-id)."""
    uitkomst = {sleutel: dict(waarden) for sleutel, waarden in gepubliceerd.items()}
    if halfframe is None:
        return uitkomst
    berekend = trends.halfjaarveranderingen(
        halfframe, sleutels, vorig, nieuw, rij_kolommen=RIJ_KOLOMMEN
    )
    for sleutel, waarden in berekend.items():
        for helft, procent in waarden.items():
            uitkomst.setdefault(sleutel, {}).setdefault(helft, procent)
    return uitkomst


def halfjaarkolommen(halfjaren, nieuw, vorig):
    """[(naam, kopje)] voor de halfjaarkolommen waarvan er ergens een percentage is."""
    aanwezig = {k for waarden in halfjaren.values() for k in waarden}
    kolommen = [
        ("h1", f"Jan-jun {nieuw} t.o.v. jan-jun {vorig} (%)"),
        ("h2", f"Jul-dec {nieuw} t.o.v. jul-dec {vorig} (%)"),
    ]
    return [(k, kop) for k, kop in kolommen if k in aanwezig]


@dataclass
class PerInwoners:
    """De tabel per 1.000 inwoners: de jaren waarin een inwonertal bekend is en de bronnen
    van die inwonertallen."""

    tabel: Table
    jaren: list
    bronnen_inwoners: list


def _per_inwoners_rij(sleutel, label, waarden, statussen, jaren):
    rij = {
        "categorie": label["categorie"],
        "url": label.get("url"),
        "niveau": label.get("niveau", 0),
        "statussen": {j: statussen.get((sleutel, j)) for j in jaren},
    }
    rij.update({f"j{j}": waarden.get((sleutel, j)) for j in jaren})
    return rij


def per_inwoners(frame, sleutels, labels, jaren, kop):
    """PerInwoners voor de reeksen (sleutels (gebied-id, categorie-id)) waar het inwonertal
    bekend is; None als dat nergens zo is. `kop` is het kopje van de eerste kolom."""
    uitkomst = trends.breed_per_inwoners(frame, jaren, RIJ_KOLOMMEN)
    if uitkomst is None:
        return None
    waarden, statussen, bronnen_inwoners = uitkomst
    jaren = [j for j in jaren if any((s, j) in statussen for s in sleutels)]
    rijen = [_per_inwoners_rij(s, labels[s], waarden, statussen, jaren) for s in sleutels]
    rijen = [rij for rij in rijen if any(rij["statussen"].values())]
    if not rijen:
        return None
    return PerInwoners(tables.per_inwoners_tabel(rijen, jaren, kop), jaren, bronnen_inwoners)


@dataclass
class Reeksen:
    """De invoer van de trendpijplijn.

    `frame`: jaarcijfers (`jaarcijfers`) van de getoonde gebieden; `sleutels`: de reeksen als
    (gebied-id, categorie-id) in weergavevolgorde; `labels`: per sleutel de vaste velden van
    de rij ("categorie": de naam in de eerste kolom, "url", "niveau", eventueel "volgorde");
    `bronnen`: de bronnen onder de tabel; `halfframe` (trends.halfjaarframe) en `halfjaren`
    (Gepubliceerd.halfjaren) voor de halfjaarveranderingen. Met `regionaam` krijgt de tabel een
    kolom met de verandering in die regio, per sleutel uit `regio` (procent of None).
    `kop` is het kopje van de eerste kolom van de tabel per 1.000 inwoners, `eenheid` de
    eenheid op de as van de lijngrafiek; `maanden` de maandcijfers per sleutel
    (trends.maandcijfers) voor het lopende jaar en de laatste 12 maanden; `eenheid_tekst` de
    eenheidsregel onder de tabel (`eenheidregel`).
    """

    frame: pd.DataFrame
    sleutels: list
    labels: dict
    bronnen: list
    halfframe: pd.DataFrame | None = None
    halfjaren: dict = field(default_factory=dict)
    regionaam: str | None = None
    regio: dict | None = None
    kop: str = "Reeks"
    eenheid: str = "aantal"
    maanden: dict = field(default_factory=dict)
    eenheid_tekst: str = "aantal geregistreerde misdrijven"


@dataclass
class Reeksoverzicht:
    """De uitkomst van de trendpijplijn: de trendtabel (django-tables2, een rij per reeks, een
    kolom per jaar en de veranderingen), de getoonde en beschikbare jaren, `nieuw` en `vorig`
    (de jaren van de verandering), de bronnen, de tabel per 1.000 inwoners (PerInwoners of
    None), of een verandering toeval kan zijn, de titels van de imports waar getoonde cijfers
    uit komen (`importbronnen`, gesorteerd; de voetnoot bij het teken in de cel), en de lijngrafiek zodra `met_lijngrafiek` hem
    heeft getekend. `reeksen`, `waarden` en `statussen` (brede tabellen, index de sleutels,
    kolommen alle beschikbare jaren; statussen als Cijfer.Status-waarde) zijn er voor de
    grafieken (`lijn`: waarden en voorlopige jaren van één reeks)."""

    tabel: Table
    jaren: list
    beschikbare_jaren: list
    nieuw: int | None
    vorig: int | None
    bronnen: list
    per_inwoners: PerInwoners | None
    heeft_toeval: bool
    reeksen: Reeksen = field(repr=False)
    waarden: pd.DataFrame = field(repr=False)
    grafiek: Grafiek | None = None
    importbronnen: list = field(default_factory=list)
    volledigheid: "Volledigheid | None" = None
    statussen: pd.DataFrame | None = field(default=None, repr=False)

    @cached_property
    def _getoonde_waarden(self):
        return trends.rijen_per_sleutel(self.waarden[self.jaren])

    def reekswaarden(self, sleutel):
        """De waarden van één reeks in de getoonde jaren (None/NA waar ze ontbreken)."""
        return list(self._getoonde_waarden[sleutel])

    @cached_property
    def _getoonde_statussen(self):
        if self.statussen is None:
            return {}
        return trends.rijen_per_sleutel(self.statussen[self.jaren])

    def voorlopige_jaren(self, sleutel):
        """De getoonde jaren waarin het cijfer van één reeks voorlopig is (CBS-teken *)."""
        statussen = self._getoonde_statussen.get(sleutel, [])
        return {
            jaar
            for jaar, status in zip(self.jaren, statussen, strict=False)
            if status == Cijfer.Status.VOORLOPIG
        }

    def lijn(self, sleutel, naam):
        """(naam, waarden, voorlopige jaren) van één reeks voor charts.lijngrafiek."""
        return naam, self.reekswaarden(sleutel), self.voorlopige_jaren(sleutel)


def _gepubliceerde_velden(reeksen, halfjaren):
    if reeksen.regio is None:
        return halfjaren
    return {s: {**halfjaren.get(s, {}), "regio": reeksen.regio.get(s)} for s in reeksen.sleutels}


def _extra_kolommen(reeksen, halfjaren, nieuw, vorig):
    regio = []
    if reeksen.regionaam:
        regio = [("regio", f"Regio {reeksen.regionaam} {nieuw} t.o.v. {vorig} (%)")]
    return regio + halfjaarkolommen(halfjaren, nieuw, vorig)


@dataclass(frozen=True)
class Vergelijkingsgroep:
    """Reeksen die dezelfde periode vergelijken: `periode` (trends.Periode), de namen van de
    reeksen (eerste kolom) en of dit de periode in het kopje van de kolom is."""

    periode: trends.Periode
    namen: tuple
    in_kopje: bool


@dataclass
class Volledigheid:
    """Wat onder de trendtabel staat over de vergeleken perioden, per soort (jaar, lopend
    jaar, 12 maanden): [Vergelijkingsgroep], nieuwste periode eerst; `nieuwer`: de rijen
    waarvan het nieuwste jaar geen volledig jaar ervoor heeft ([NieuwerJaar]); en `regio_leeg`
    (RegioLeeg of None): de rijen waar de regiokolom leeg is omdat ze een ander paar jaren
    vergelijken dan het percentage van de regio (`_regio_bij_eigen_periode`); en
    `halfjaren_van_kopje`: de namen van de rijen die een ander paar jaren vergelijken maar in de
    halfjaarkolommen het percentage van de bron voor het kopje houden (HalfjarenVanKopje of
    None, `_eigen_halfjaren`), zodat de noot zegt voor welke periode die gelden."""

    jaar: list = field(default_factory=list)
    lopend: list = field(default_factory=list)
    twaalf: list = field(default_factory=list)
    nieuwer: list = field(default_factory=list)
    regio_leeg: "RegioLeeg | None" = None
    halfjaren_van_kopje: "HalfjarenVanKopje | None" = None

    @property
    def afwijkend(self):
        """Zijn er reeksen die een andere periode vergelijken dan het kopje noemt, of een ouder
        paar dan hun nieuwste jaar (`nieuwer`, [NieuwerJaar])?"""
        return bool(self.nieuwer) or any(
            not g.in_kopje for g in (*self.jaar, *self.lopend, *self.twaalf)
        )


@dataclass(frozen=True)
class NieuwerJaar:
    """Een rij waarvan het nieuwste jaar (`jaar`) geen volledig jaar ervoor heeft, zodat ze een
    ouder paar vergelijkt (`periode`, tekst als "2018 t.o.v. 2017"); `naam` uit de eerste kolom."""

    naam: str
    jaar: int
    periode: str


@dataclass(frozen=True)
class HalfjarenVanKopje:
    """De rijen (`namen`, eerste kolom, in de volgorde van de tabel) die een ander paar jaren
    vergelijken dan `periode` (het kopje, tekst als "2018 t.o.v. 2017") en in de
    halfjaarkolommen het percentage van de bron voor die periode houden."""

    periode: str
    namen: tuple

    @property
    def opsomming(self):
        """De namen als 'a', 'a en b' of 'a, b en c'."""
        return opsomming(self.namen)


@dataclass(frozen=True)
class RegioLeeg(HalfjarenVanKopje):
    """De rijen (`namen`) waarvan de cel in de regiokolom '.' is: de rij vergelijkt een ander
    paar jaren dan `periode`, het paar waarvoor de bron de verandering van regio `regionaam`
    publiceert."""

    regionaam: str = ""


def _regio_bij_eigen_periode(velden, reeksen, kop):
    """Maakt in `velden` ({sleutel: velden van de rij}, met "regio" uit `_gepubliceerde_velden`
    en "periode" uit `_vergelijkingsvelden`) de regio leeg (None, in de cel '.') voor elke rij
    die een ander paar jaren vergelijkt dan het kopje (`kop`, trends.Periode): het percentage
    van de regio hoort bij het paar van het kopje, niet bij dat van de rij (proefgebruik
    30-11-2026, punt 4: een rij over 2024 t.o.v. 2023 toonde de verandering 2018 t.o.v. 2017 van
    de regio). Geeft RegioLeeg voor de noot onder de tabel, of None als er geen zo'n rij met een
    regiopercentage is."""
    if reeksen.regio is None or not reeksen.regionaam or kop is None:
        return None
    namen = []
    for sleutel in reeksen.sleutels:
        rij = velden.get(sleutel, {})
        periode = rij.get("periode")
        if periode and periode != kop.tekst and rij.get("regio") is not None:
            rij["regio"] = None
            namen.append(reeksen.labels[sleutel]["categorie"])
    return RegioLeeg(kop.tekst, tuple(namen), reeksen.regionaam) if namen else None


def _halfjaren_van_kopje(velden, reeksen, kop):
    """De namen (eerste kolom) van de rijen die een ander paar jaren vergelijken dan het kopje
    (`kop`) en toch een halfjaarpercentage hebben zonder eigen periode ("halfjaar_periode"):
    dat is het percentage dat de bron voor de periode in het kopje van de kolom geeft
    (`_eigen_halfjaren`). HalfjarenVanKopje, of None zonder zulke rijen."""
    if kop is None:
        return None
    namen = tuple(
        reeksen.labels[s]["categorie"]
        for s in reeksen.sleutels
        if (rij := velden.get(s, {})).get("periode")
        and rij["periode"] != kop.tekst
        and "halfjaar_periode" not in rij
        and (rij.get("h1") is not None or rij.get("h2") is not None)
    )
    return HalfjarenVanKopje(kop.tekst, namen) if namen else None


def _nieuwere_jaren(velden, reeksen):
    """[NieuwerJaar] in de volgorde van de rijen, uit de velden van `_vergelijkingsvelden`."""
    return [
        NieuwerJaar(
            reeksen.labels[s]["categorie"], velden[s]["nieuwste_jaar"], velden[s]["periode"]
        )
        for s in reeksen.sleutels
        if velden.get(s, {}).get("nieuwste_jaar")
    ]


def _groepen(vergelijkingen, kop, labels):
    """[Vergelijkingsgroep] per periode, nieuwste eerst, uit {sleutel: Vergelijking}."""
    per_periode = {}
    for sleutel, vergelijking in vergelijkingen.items():
        per_periode.setdefault(vergelijking.periode, []).append(labels[sleutel]["categorie"])
    return [
        Vergelijkingsgroep(periode, tuple(namen), periode == kop)
        for periode, namen in sorted(per_periode.items(), reverse=True)
    ]


def _volledige_jaren(reeksen):
    """{(gebied, categorie): {jaar}} de volledige jaren van elke reeks (het jaarframe)."""
    volledig = {}
    if not reeksen.frame.empty:
        paren = zip(
            reeksen.frame["gebied"], reeksen.frame["categorie"], reeksen.frame["jaar"], strict=True
        )
        for gebied, categorie, jaar in paren:
            volledig.setdefault((gebied, categorie), set()).add(int(jaar))
    return volledig


def _maandvergelijkingen(reeksen):
    """({sleutel: Vergelijking lopend jaar}, {sleutel: Vergelijking 12 maanden}) voor de
    reeksen met maandcijfers (Reeksen.maanden)."""
    volledig = _volledige_jaren(reeksen)
    lopend, twaalf = {}, {}
    for sleutel in reeksen.sleutels:
        maanden = reeksen.maanden.get(sleutel)
        if not maanden:
            continue
        if (uitkomst := trends.lopend_jaar(maanden, volledig.get(sleutel, ()))) is not None:
            lopend[sleutel] = uitkomst
        if (uitkomst := trends.twaalf_maanden(maanden)) is not None:
            twaalf[sleutel] = uitkomst
    return lopend, twaalf


def _geheime_maandvergelijkingen(reeksen, lopend, twaalf):
    """{"lopend_": {sleutel: Periode}, "twaalf_": {sleutel: Periode}}: de reeksen zonder
    vergelijking van het lopende jaar of de 12 maanden (`lopend`, `twaalf` uit
    _maandvergelijkingen) omdat een maand in die perioden geheim is en er geen ontbreekt. Hun
    cel is 'x' (geheim), niet '.' (ontbreekt), zoals een geheim jaar (proefgebruik 30-11-2026:
    Eemnes, geweld: overval, maart 2026 geheim)."""
    volledig = _volledige_jaren(reeksen)
    uitkomst = {"lopend_": {}, "twaalf_": {}}
    for sleutel in reeksen.sleutels:
        maanden = reeksen.maanden.get(sleutel)
        if not maanden:
            continue
        if sleutel not in lopend and (
            periode := trends.lopend_jaar_geheim(maanden, volledig.get(sleutel, ()))
        ):
            uitkomst["lopend_"][sleutel] = periode
        if sleutel not in twaalf and (periode := trends.twaalf_maanden_geheim(maanden)):
            uitkomst["twaalf_"][sleutel] = periode
    return uitkomst


def _eigen_halfjaren(halfjaren, reeksen, eigen_jaren, kop):
    """(halfjaren, {sleutel: periode}) : de halfjaarveranderingen met, voor elke reeks waarvan
    het nieuwste volledige jaar (`eigen_jaren`) een ander is dan dat van het kopje, die van haar
    eigen jaar als die er zijn (uit opgeslagen halfjaren of volledige zesmaandsreeksen); de
    tweede uitkomst noemt per zo'n reeks die periode (tekst, trends.Periode.tekst), die de cel
    dan tussen haakjes toont (tables.PercentageKolom, veld "halfjaar_periode").

    Heeft zo'n reeks voor haar eigen jaar geen halfjaren (bijvoorbeeld alleen geïmporteerde
    jaarcijfers), dan blijven de percentages van het kopjesjaar staan: die publiceert de bron
    voor precies de periode in het kopje van de kolom (proefgebruik 30-11-2026, punt 5: ze
    werden "."). Er wordt niets bijgerekend."""
    if reeksen.halfframe is None or kop is None:
        return halfjaren, {}
    uitkomst, perioden = dict(halfjaren), {}
    for sleutel, jaar in eigen_jaren.items():
        if jaar == kop.jaar:
            continue
        eigen = trends.halfjaarveranderingen(
            reeksen.halfframe, [sleutel], jaar - 1, jaar, rij_kolommen=RIJ_KOLOMMEN
        ).get(sleutel)
        if eigen:
            uitkomst[sleutel] = eigen
            perioden[sleutel] = trends.Periode(jaar).tekst
    return uitkomst, perioden


def _vergelijkingsvelden(sleutels, jaar, lopend, twaalf, eigen_jaren=None, kop=None):
    """{sleutel: velden} voor de tabelrijen: de jaarverandering zonder voorvoegsel, het
    lopende jaar met "lopend_", de 12 maanden met "twaalf_"; None (toeval en voorlopig False)
    waar een reeks geen vergelijking heeft; "voorlopig" is True als een vergeleken jaar of
    maand voorlopig is. Een reeks zonder jaarverandering waarvan het nieuwste jaar
    (`eigen_jaren`) niet dat van het kopje (`kop`) is, krijgt toch haar periode (de cel noemt
    hem, bijvoorbeeld bij een geheim nieuwste jaar). Een reeks met een jaarverandering waarvan
    het nieuwste jaar nieuwer is dan het vergeleken jaar (het heeft geen volledig jaar ervoor)
    krijgt "nieuwste_jaar": de cel noemt dan het vergeleken paar (tables.VeranderingKolom)."""
    velden = {}
    for voorvoegsel, vergelijkingen in (("", jaar), ("lopend_", lopend), ("twaalf_", twaalf)):
        leeg = {f"{voorvoegsel}{k}": None for k in ("verschil", "procent", "band", "periode")}
        leeg[f"{voorvoegsel}toeval"] = False
        leeg[f"{voorvoegsel}voorlopig"] = False
        for sleutel in sleutels:
            vergelijking = vergelijkingen.get(sleutel)
            velden.setdefault(sleutel, {}).update(
                {
                    **vergelijking.velden(voorvoegsel),
                    # Een voorlopig deel (een maand of jaar met CBS-teken *) maakt de
                    # verandering voorlopig: de cel krijgt het * (tables.ProcentKolom).
                    f"{voorvoegsel}voorlopig": vergelijking.voorlopig,
                }
                if vergelijking
                else leeg
            )
    for sleutel, eigen in (eigen_jaren or {}).items():
        if sleutel not in jaar and kop is not None and eigen != kop.jaar and sleutel in velden:
            velden[sleutel]["periode"] = trends.Periode(eigen).tekst
        elif sleutel in jaar and eigen > jaar[sleutel].periode.jaar and sleutel in velden:
            # Een nieuwer jaar zonder volledig jaar ervoor: de rij vergelijkt een ouder paar en
            # de cel zegt welk, ook als dat het paar van het kopje is.
            velden[sleutel]["nieuwste_jaar"] = eigen
    return velden


def _markeer_imports(rijen, reeksen, jaren):
    """Zet in elke tabelrij (in de volgorde van reeksen.sleutels) "sleutel" (gebied-id,
    categorie-id) en "geimporteerd" ({jaar: titel van de importbron} voor de getoonde jaren
    waarvan het cijfer uit een import komt, niet uit het plan; tables.celtekens tekent het).
    Geeft de titels van die imports, gesorteerd, voor de voetnoot onder de tabel. Uit het
    jaarframe zelf (kolom trends.IMPORTBRON): geen query."""
    cellen = trends.geimporteerde_cellen(reeksen.frame, RIJ_KOLOMMEN)
    getoond = set(jaren)
    titels = set()
    for sleutel, rij in zip(reeksen.sleutels, rijen, strict=True):
        rij["sleutel"] = sleutel
        rij["geimporteerd"] = {j: cellen[(sleutel, j)] for j in getoond if (sleutel, j) in cellen}
        titels.update(rij["geimporteerd"].values())
    return sorted(titels)


def _zet_bronnen(rijen, reeksen, jaren):
    """Zet in elke tabelrij (in de volgorde van reeksen.sleutels) "bron": de bronnen van haar
    eigen cijfers in de getoonde jaren ("; "), voor de kolom Bron van de export
    (proefgebruik 30-11-2026, punt 8). Uit het jaarframe (kolom trends.BRON): geen query; een
    frame zonder die kolom laat de rijen zonder (de export noemt dan alle bronnen)."""
    if trends.BRON not in reeksen.frame.columns:
        return
    per_reeks = trends.bronnen_per_reeks(reeksen.frame, jaren, RIJ_KOLOMMEN)
    for sleutel, rij in zip(reeksen.sleutels, rijen, strict=True):
        rij["bron"] = "; ".join(per_reeks.get(sleutel, []))


def reeksoverzicht(reeksen, jaarkeuze, sortering=()):
    """De trendpijplijn: Reeksen en een Jaarkeuze worden een Reeksoverzicht (zonder grafiek).

    Elke reeks vergelijkt haar eigen nieuwste volledige jaar met het jaar ervoor
    (trends.jaarvergelijkingen); het kopje noemt de periode van de meeste reeksen
    (Jaarkeuze.vergelijkingsjaar) en een reeks met een andere periode noemt de hare in haar cel.
    Met maandcijfers komen er kolommen bij voor het lopende jaar en de laatste 12 maanden.
    `sortering` zijn de kolomnamen van ?sort= (django-tables2, '-' voor aflopend).
    """
    jaren = jaarkeuze.jaren
    waarden, statussen = trends.breed(
        reeksen.frame, reeksen.sleutels, jaarkeuze.beschikbaar, rij_kolommen=RIJ_KOLOMMEN
    )
    jaarvergelijkingen = trends.jaarvergelijkingen(reeksen.frame, set(jaren), RIJ_KOLOMMEN)
    jaarvergelijkingen = {s: v for s, v in jaarvergelijkingen.items() if s in reeksen.labels}
    kop = _kopperiode(jaarvergelijkingen, jaren, jaarkeuze.beschikbaar)
    nieuw, vorig = (kop.jaar, kop.jaar - 1) if kop else (jaarkeuze.laatste, None)
    if nieuw != jaarkeuze.nieuw:
        # De gepubliceerde percentages zijn opgehaald voor het jaar van de Jaarkeuze; vergelijkt
        # deze tabel een ander jaar, dan horen ze er niet bij.
        reeksen = replace(reeksen, halfjaren={}, regionaam=None, regio=None)
    halfjaren = aangevulde_halfjaren(
        reeksen.halfjaren, reeksen.halfframe, reeksen.sleutels, vorig, nieuw
    )
    eigen_jaren = {
        s: j
        for s, j in trends.nieuwste_jaren(reeksen.frame, set(jaren), RIJ_KOLOMMEN).items()
        if s in reeksen.labels
    }
    halfjaren, halfjaarperioden = _eigen_halfjaren(halfjaren, reeksen, eigen_jaren, kop)
    lopend, twaalf = _maandvergelijkingen(reeksen)
    koppen = {
        "": kop,
        "lopend_": trends.meest_voorkomende(lopend),
        "twaalf_": trends.meest_voorkomende(twaalf),
    }
    extra_velden = _vergelijkingsvelden(
        reeksen.sleutels, jaarvergelijkingen, lopend, twaalf, eigen_jaren, kop
    )
    # Geheim is geen ontbrekend: een maand met CBS-teken x maakt de cel 'x' (tables.ProcentKolom).
    for voorvoegsel, perioden in _geheime_maandvergelijkingen(reeksen, lopend, twaalf).items():
        for sleutel, periode in perioden.items():
            extra_velden[sleutel][f"{voorvoegsel}geheim_deel"] = True
            extra_velden[sleutel][f"{voorvoegsel}periode"] = periode.tekst
    gepubliceerde_velden = _gepubliceerde_velden(reeksen, halfjaren)
    for sleutel, velden in extra_velden.items():
        gepubliceerde_velden[sleutel] = {**gepubliceerde_velden.get(sleutel, {}), **velden}
        if sleutel in halfjaarperioden:
            gepubliceerde_velden[sleutel]["halfjaar_periode"] = halfjaarperioden[sleutel]
    regio_leeg = _regio_bij_eigen_periode(gepubliceerde_velden, reeksen, kop)
    rijen = trends.trendrijen(
        [(s, reeksen.labels[s]) for s in reeksen.sleutels],
        waarden[jaren],
        statussen[jaren],
        None,
        gepubliceerde_velden,
    )
    _zet_bronnen(rijen, reeksen, jaren)
    tabel = tables.trendtabel(
        rijen,
        jaren,
        nieuw,
        vorig,
        _extra_kolommen(reeksen, halfjaren, nieuw, vorig),
        reeksen.kop,
        maandkoppen=(koppen["lopend_"], koppen["twaalf_"]),
    )
    importbronnen = _markeer_imports(rijen, reeksen, jaren)
    if sortering:
        tabel.order_by = sortering
    labels = reeksen.labels
    return Reeksoverzicht(
        tabel=tabel,
        jaren=jaren,
        beschikbare_jaren=jaarkeuze.beschikbaar,
        nieuw=nieuw,
        vorig=vorig,
        bronnen=reeksen.bronnen,
        per_inwoners=per_inwoners(
            reeksen.frame, reeksen.sleutels, reeksen.labels, jaren, reeksen.kop
        ),
        heeft_toeval=any(r.get(f"{v}toeval") for r in rijen for v in ("", "lopend_", "twaalf_")),
        reeksen=reeksen,
        importbronnen=importbronnen,
        waarden=waarden,
        statussen=statussen,
        volledigheid=Volledigheid(
            jaar=_groepen(jaarvergelijkingen, koppen[""], labels),
            lopend=_groepen(lopend, koppen["lopend_"], labels),
            twaalf=_groepen(twaalf, koppen["twaalf_"], labels),
            nieuwer=_nieuwere_jaren(extra_velden, reeksen),
            regio_leeg=regio_leeg,
            halfjaren_van_kopje=_halfjaren_van_kopje(gepubliceerde_velden, reeksen, kop),
        ),
    )


def exporttabellen(overzicht, naam):
    """{naam: trendtabel, "per1000": tabel per 1.000 inwoners of None} voor de export."""
    per_inwoners = overzicht.per_inwoners
    return {naam: overzicht.tabel, "per1000": per_inwoners and per_inwoners.tabel}


def met_lijngrafiek(overzicht, titel, bestandsnaam):
    """Het Reeksoverzicht met een lijn per reeks (Grafiek "lijnen"); zonder reeksen geen
    grafiek."""
    reeksen = overzicht.reeksen
    if not reeksen.sleutels:
        return overzicht
    lijnen = [overzicht.lijn(s, reeksen.labels[s]["categorie"]) for s in reeksen.sleutels]
    figuur = charts.lijngrafiek(
        lijnen, overzicht.jaren, titel, reeksen.eenheid, "; ".join(overzicht.bronnen)
    )
    grafiek = Grafiek(
        "lijnen", figuur, bestandsnaam, beschrijving="De cijfers staan in de tabel hierboven."
    )
    return replace(overzicht, grafiek=grafiek)
