"""De gebiedspagina /gebieden/<slug>/: trend, gemeenten naast elkaar, beleving, speerpunten.

De view (cijfers.views.gebied) haalt `Gebiedscijfers` op; de bouwers hier maken eerst de
tabellen (`trendoverzicht`, `vergelijking`, `belevingstabel`) en pas als er geen export
gevraagd is de grafieken (`met_trendgrafieken`, `met_vergelijkingsgrafieken`,
`belevingsgrafiek`).
"""

from dataclasses import dataclass, field, replace

import pandas as pd

from cijfers import charts, tables, trends
from cijfers.models import Categorie, Cijfer
from cijfers.pagina.keuze import gekozen_jaren
from cijfers.pagina.reeksen import (
    Gepubliceerd,
    Grafiek,
    Jaarkeuze,
    Jaarreeksen,
    Reeksen,
    Reeksoverzicht,
    eenheid,
    eenheidregel,
    reeksoverzicht,
)
from ivp.models import Gebied
from ivp.tekst import opsomming, telwoord

STANDAARD_LIJNEN = 5


@dataclass
class Gebiedscijfers:
    """Wat de gebiedspagina uit de database haalt.

    `gebied` met zijn geprefetchte leden (een basisteam); `jaarreeksen` de cijfers van het
    gebied en zijn leden; `jaarkeuze` de jaren van het gebied zelf; `gepubliceerd` de
    gepubliceerde veranderingen van het gebied en de regio.
    """

    gebied: Gebied
    categorieen: list
    jaarreeksen: Jaarreeksen
    jaarkeuze: Jaarkeuze
    gepubliceerd: Gepubliceerd

    @property
    def leden(self):
        """De leden van het gebied (geprefetcht; leeg voor een gemeente)."""
        return list(self.gebied.leden.all())

    @property
    def eigen_jaarcijfers(self):
        """De jaarcijfers van het gebied zelf (met zijn afgeleide sommen), zonder de leden."""
        return self.jaarreeksen.frame_van(self.gebied.pk)

    @property
    def eigen_records(self):
        """De cijferrecords van het gebied zelf, zonder die van de leden; voor een basisteam met
        de maanden die de som van zijn gemeenten zijn (`teammaanden`) erbij."""
        return [*self.jaarreeksen.records_van(self.gebied.pk), *self.teammaanden]

    @property
    def teammaanden(self):
        """De maandrecords van een basisteam die de som van zijn gemeenten zijn, waar het zelf
        geen maandcijfer heeft (Jaarreeksen.teammaanden_van); [] voor een gemeente."""
        return self.jaarreeksen.teammaanden_van(self.gebied.pk)

    @property
    def eigen_halfjaren(self):
        """trends.halfjaarframe van de eigen records."""
        return self.jaarreeksen.halfjaren_van(self.gebied.pk)

    @property
    def eigen_maanden(self):
        """trends.maandcijfers van de eigen records."""
        return self.jaarreeksen.maanden_van(self.gebied.pk)


@dataclass(frozen=True)
class Maandsom:
    """De maanden van een basisteam die de som van zijn gemeenten zijn (trends.teammaanden),
    voor de noot onder de trendtabel, de titel en de bronregel van de maandgrafiek.

    `gebied` is de naam van het team, `leden` de namen van zijn gemeenten (volgorde van de
    pagina), `namen` de categorieën (volgorde van de tabel) met zulke maanden, `ook_eigen` of
    het team in die categorieën ook eigen maandcijfers heeft, `bronnen` de titels van de
    maandcijfers van de gemeenten."""

    gebied: str
    leden: tuple
    namen: tuple
    ook_eigen: bool = False
    bronnen: tuple = ()

    @property
    def label(self):
        """'som van de vijf gemeenten'."""
        aantal = len(self.leden)
        return f"som van de {telwoord(aantal)} gemeenten"

    @property
    def ledenopsomming(self):
        """De gemeenten als 'a, b en c'."""
        return opsomming(self.leden)

    @property
    def namenopsomming(self):
        """De categorieën als 'a, b en c'."""
        return opsomming(self.namen)

    @property
    def bronregel(self):
        """De bronregel van wat uit de maanden van de gemeenten berekend is."""
        regel = f"berekend uit de maandcijfers van {opsomming(self.leden)} ({self.label})"
        return f"{regel}; bron: {'; '.join(self.bronnen)}" if self.bronnen else regel

    @property
    def zin(self):
        """De noot onder de trendtabel (één alinea, Nederlands)."""
        waar = (
            "waar het zelf geen maandcijfer heeft"
            if self.ook_eigen
            else "zonder eigen maandcijfers"
        )
        return (
            f"{self.gebied} heeft {opsomming(self.namen)} {waar}: daar is elke maand de "
            f"{self.label} ({opsomming(self.leden)}), alleen als ze die maand alle "
            f"{telwoord(len(self.leden))} een aantal hebben. Ontbreekt de maand bij een gemeente of is ze "
            "geheim, dan ontbreekt ze ook voor het basisteam of is ze geheim: nooit een "
            "gedeeltelijke som. Het lopende jaar, de laatste 12 maanden en de maandgrafiek "
            "rekenen met die sommen."
        )


def maandsom(cijfers, categorieen):
    """De Maandsom van het basisteam van `cijfers` (Gebiedscijfers) voor de `categorieen`
    (volgorde van de tabel), of None als daar geen maand de som van zijn gemeenten is (of het
    gebied geen basisteam is). Geen queries."""
    gebied = cijfers.gebied
    per_categorie = cijfers.jaarreeksen.teammaandbronnen_van(gebied.pk)
    gekozen = [c for c in categorieen if c.pk in per_categorie]
    if not gekozen:
        return None
    eigen_maanden = trends.maandcijfers(cijfers.jaarreeksen.records_van(gebied.pk))
    bronnen = {titel for c in gekozen for titel in per_categorie[c.pk]}
    return Maandsom(
        gebied.naam,
        tuple(g.naam for g in cijfers.leden),
        tuple(c.naam for c in gekozen),
        any((gebied.pk, c.pk) in eigen_maanden for c in gekozen),
        tuple(sorted(bronnen)),
    )


@dataclass
class Trendoverzicht(Reeksoverzicht):
    """Het Reeksoverzicht van één gebied (een rij per categorie) met wat de gebiedspagina
    erbij toont: de jaren waarin het gebied een afgeleide som van zijn leden heeft, de jaren
    met alleen een deel van de maanden (`onvolledige_jaren`, en per jaar wat de noot onder de
    tabel erover zegt: `onvolledig`, [OnvolledigJaar]), de keuze van de lijnen in de trendgrafiek
    ([(Categorie, gekozen)]), en na `met_trendgrafieken` de kleine veelvouden per groep en
    (waar maandcijfers zijn) de maandgrafiek met de som van 12 maanden."""

    afgeleide_jaren: list = field(default_factory=list)
    onvolledige_jaren: list = field(default_factory=list)
    onvolledig: list = field(default_factory=list)
    categorie_keuze: list = field(default_factory=list)
    veelvouden: Grafiek | None = None
    maandgrafiek: Grafiek | None = None
    maandsom: Maandsom | None = None

    @property
    def getoonde_categorieen(self):
        """De categorieën met cijfers van dit gebied, in de volgorde van de tabel."""
        return [categorie for categorie, _ in self.categorie_keuze]

    @property
    def lijnen(self):
        """De categorieën die als lijn in de trendgrafiek staan."""
        return [categorie for categorie, gekozen in self.categorie_keuze if gekozen]


def _categorielabels(categorie):
    return {
        "categorie": categorie.naam,
        "volgorde": categorie.volgorde,
        "niveau": 1 if categorie.ouder_id else 0,
        "url": categorie.get_absolute_url(),
    }


def _met_maandbronnen(bronnen, cijfers, getoond):
    """De bronnen (titels, gesorteerd) met die van de maanden van de gemeenten waar een maand
    van het basisteam hun som is (in de `getoond` categorieën): ook een maand buiten een heel
    jaar (het lopende jaar, de laatste 12 maanden) heeft zo haar bron."""
    som = maandsom(cijfers, getoond)
    return sorted(set(bronnen) | set(som.bronnen)) if som else bronnen


def _trendreeksen(cijfers, getoond, halfjaarnoten=None):
    gebied, regio = cijfers.gebied, cijfers.gepubliceerd.regio
    sleutels = [(gebied.pk, c.pk) for c in getoond]
    labels = {(gebied.pk, c.pk): _categorielabels(c) for c in getoond}
    for c in getoond:
        if anker := (halfjaarnoten or {}).get(c.naam):
            labels[(gebied.pk, c.pk)]["halfjaarnoot"] = anker
    return Reeksen(
        frame=cijfers.eigen_jaarcijfers,
        sleutels=sleutels,
        labels=labels,
        bronnen=_met_maandbronnen(cijfers.jaarreeksen.bronnen([gebied.pk]), cijfers, getoond),
        halfframe=cijfers.eigen_halfjaren,
        halfjaren=cijfers.gepubliceerd.halfjaren,
        maanden=cijfers.eigen_maanden,
        regionaam=next(iter(regio.values()))[0] if regio else None,
        regio={(gebied.pk, c.pk): regio.get(c.pk, (None, None))[1] for c in getoond},
        kop="Categorie",
        eenheid_tekst=eenheidregel(getoond),
    )


@dataclass(frozen=True)
class OnvolledigJaar:
    """Een jaar waarvan voor sommige categorieën van het gebied maar een deel van de maanden
    (of één halfjaar) bekend is, voor de noot onder de trendtabel.

    `namen`: die categorieën (de volgorde van de tabel); `ook_als_jaar`: andere categorieën
    hebben van dit jaar wel een jaarcijfer (opgeslagen, bijvoorbeeld "2025*" van de politie, of
    de som van alle maanden), zodat het jaar toch in de tabel kan staan; `getoond`: het jaar is
    een kolom van de tabel. De noot zegt dan welke rijen het jaar niet als jaar hebben, in
    plaats van dat het jaar niet in de tabel staat (proefgebruik 30-11-2026, punt 2).
    """

    jaar: int
    namen: tuple
    ook_als_jaar: bool = False
    getoond: bool = False

    @property
    def opsomming(self):
        """De namen als 'a', 'a en b' of 'a, b en c'."""
        return opsomming(self.namen)


def _bekende_delen(perioden):
    """Wat er van een jaar bekend is, uit zijn perioden ('JJJJ-MM', 'JJJJ-H1'): "9 maanden:
    januari t/m september", "2 maanden: maart en mei", "1 halfjaar: H1" (maanden en halfjaren
    apart genoemd als er beide zijn)."""
    nummers = sorted({int(str(p)[5:]) for p in perioden if str(p)[5:].isdigit()})
    helften = sorted({str(p)[5:] for p in perioden if str(p)[5:].startswith("H")})
    delen = []
    if nummers:
        namen = [trends.MAANDNAMEN[m - 1] for m in nummers]
        if len(nummers) > 2 and nummers == list(range(nummers[0], nummers[-1] + 1)):
            reeks = f"{namen[0]} t/m {namen[-1]}"
        else:
            reeks = opsomming(namen)
        delen.append(f"{len(nummers)} {'maand' if len(nummers) == 1 else 'maanden'}: {reeks}")
    if helften:
        delen.append(f"{len(helften)} {'halfjaar' if len(helften) == 1 else 'halfjaren'}: "
                     f"{' en '.join(helften)}")  # fmt: skip
    return "; ".join(delen)


def onvolledige_reeksjaren(records, frame, categorieen, getoonde_jaren, gebieden=None):
    """[OnvolledigJaar], oplopend, uit de cijferrecords en hun jaarframe (trends.jaarframe, met
    opgeslagen jaarcijfers): een (gebied, categorie, jaar) met maand- of halfjaarcijfers maar
    zonder jaarcijfer in het frame is onvolledig, zoals in trends.onvolledige_jaren. Een
    reeks met een opgeslagen jaarcijfer is voor dat jaar volledig, ook als haar maanden nog
    niet compleet zijn: een jaarcijfer blijft een jaarcijfer. `categorieen` (Categorie, in de
    volgorde van de tabel) geeft de namen; `getoonde_jaren` de jaarkolommen van de tabel.

    Eén gebied (de gebiedspagina): de namen zijn die van de categorieën. Met `gebieden`
    ({id: Gebied}, de verkenner, proefgebruik punt 15) zijn ze "gebied · categorie (9
    maanden: januari t/m september)", in de volgorde van gebied en categorie."""
    compleet = set(zip(frame["gebied"], frame["categorie"], frame["jaar"], strict=True))
    per_jaar = {}
    for r in records:
        jaar = int(r["jaar"])
        reeks = (r["gebied"], r["categorie"])
        if str(r["periode"]) != str(jaar) and (*reeks, jaar) not in compleet:
            per_jaar.setdefault(jaar, {}).setdefault(reeks, set()).add(r["periode"])
    volledige_jaren = {int(j) for j in frame["jaar"]}
    uitkomst = []
    for jaar, reeksen in sorted(per_jaar.items()):
        if gebieden is None:
            ids = {c for _, c in reeksen}
            namen = [c.naam for c in categorieen if c.pk in ids]
        else:
            volgorde = sorted(reeksen, key=lambda reeks: gebieden[reeks[0]].volgorde)
            namen = [
                f"{gebieden[g].naam} · {c.naam} ({_bekende_delen(reeksen[(g, c.pk)])})"
                for g in dict.fromkeys(g for g, _ in volgorde)
                for c in categorieen
                if (g, c.pk) in reeksen
            ]
        if not namen:
            continue
        uitkomst.append(
            OnvolledigJaar(jaar, tuple(namen), jaar in volledige_jaren, jaar in getoonde_jaren)
        )
    return uitkomst


def _lijnkeuze(getoond, gekozen):
    """De categorieën in de trendgrafiek: de gekozen, anders de eerste vijf hoofdcategorieën."""
    lijnen = [c for c in getoond if c.slug in gekozen] or [
        c for c in getoond if c.ouder_id is None and c.groep != Categorie.Groep.TOTAAL
    ][:STANDAARD_LIJNEN]
    return [(c, c in lijnen) for c in getoond]


def halfjaarnoten(analyses):
    """{categorienaam: HTML-id van de voetnoot} voor de halfjaarpercentages die de bron geeft
    zonder te zeggen welk halfjaar (Gemeenteanalyse.halfjaren_zonder_periode); de voetnoot staat
    in templates/cijfers/_legenda.html (issue 15, punt 5)."""
    return {
        h["categorie"]: f"voetnoot-halfjaar-{a.gebied.slug}"
        for a in analyses
        for h in a.halfjaren_zonder_periode
    }


def trendoverzicht(cijfers, keuze, halfjaarnoten=None):
    """Het Trendoverzicht (tabellen, nog geen grafieken) van het gebied van `cijfers`
    (Gebiedscijfers) voor een Keuze (jaren, sortering, lijnen in de grafiek); `halfjaarnoten`
    ({categorienaam: id van een voetnoot}, `halfjaarnoten`) zet een teken achter die rijen."""
    gebied = cijfers.gebied
    eigen = cijfers.eigen_jaarcijfers
    aanwezig = set(eigen["categorie"])
    getoond = [c for c in cijfers.categorieen if c.pk in aanwezig]
    overzicht = reeksoverzicht(
        _trendreeksen(cijfers, getoond, halfjaarnoten), cijfers.jaarkeuze, keuze.sortering
    )
    return Trendoverzicht(
        **vars(overzicht),
        afgeleide_jaren=cijfers.jaarreeksen.afgeleide_jaren(gebied.pk, overzicht.jaren),
        onvolledige_jaren=trends.onvolledige_jaren(cijfers.eigen_records, eigen),
        onvolledig=onvolledige_reeksjaren(
            cijfers.eigen_records, eigen, cijfers.categorieen, overzicht.jaren
        ),
        categorie_keuze=_lijnkeuze(getoond, keuze.categorieen),
        maandsom=maandsom(cijfers, getoond),
    )


def met_trendgrafieken(overzicht, gebied):
    """Het Trendoverzicht met de trendgrafiek (de gekozen lijnen) en de kleine veelvouden (een
    paneel per groep); zonder categorieën blijft het zonder grafieken."""
    getoond = overzicht.getoonde_categorieen
    if not getoond:
        return overzicht
    bron = "; ".join(overzicht.bronnen)
    beschrijving = "De cijfers staan in de trendtabel hierboven."

    def reeksen(categorieen):
        return [overzicht.lijn((gebied.pk, c.pk), c.naam) for c in categorieen]

    lijnen = overzicht.lijnen
    groepen = [
        (label, reeksen([c for c in getoond if c.groep == groep]))
        for groep, label in Categorie.Groep.choices
        if any(c.groep == groep for c in getoond)
    ]
    # Een categorie heeft in de trendgrafiek de kleur die ze in de kleine veelvouden heeft.
    volgorde = [naam for _, groep in groepen for naam, *_ in groep]
    titel = f"{gebied.naam}: trend per categorie"
    trend = charts.lijngrafiek(
        reeksen(lijnen), overzicht.jaren, titel, eenheid(lijnen), bron, volgorde=volgorde
    )
    titel = f"{gebied.naam}: per groep"
    veelvouden = charts.kleine_veelvouden(groepen, overzicht.jaren, titel, eenheid(getoond), bron)
    return replace(
        overzicht,
        grafiek=Grafiek("trendgrafiek", trend, f"{gebied.slug}-trend", beschrijving),
        veelvouden=Grafiek("veelvouden", veelvouden, f"{gebied.slug}-per-groep", beschrijving),
        maandgrafiek=maandgrafiek(overzicht, gebied, bron),
    )


def voorlopige_maanden(maanden, sommen, venster=12):
    """(maanden met een voorlopig aantal, maanden met een voorlopige som), elk een set van
    (jaar, maand), voor één reeks: `maanden` zijn haar maandcijfers (trends.maandcijfers,
    {(jaar, maand): (waarde, status)}), `sommen` haar trends.voortschrijdende_som. Een som is
    voorlopig als een van haar `venster` maanden voorlopig is (README: een voorlopige maand
    maakt de som voorlopig); alleen maanden met een waarde of som tellen."""
    voorlopig = {m for m, (_, status) in maanden.items() if status == Cijfer.Status.VOORLOPIG}
    getallen, sommen_voorlopig = set(), set()
    for jaar, maand, waarde, som in sommen:
        if waarde is not None and (jaar, maand) in voorlopig:
            getallen.add((jaar, maand))
        nummer = jaar * 12 + maand - 1
        venster_maanden = (divmod(n, 12) for n in range(nummer - venster + 1, nummer + 1))
        if som is not None and any((j, m + 1) in voorlopig for j, m in venster_maanden):
            sommen_voorlopig.add((jaar, maand))
    return getallen, sommen_voorlopig


def _maandtabel(reeksen, voorlopig=None):
    """Een EenvoudigeTabel met een rij per maand en per reeks het aantal en de som van 12
    maanden; reeksen zijn (naam, trends.voortschrijdende_som). `voorlopig` geeft per reeks
    (`voorlopige_maanden`) de maanden met een voorlopig aantal en met een voorlopige som: die
    cellen krijgen een '*' (tables.VoorlopigGetalKolom)."""
    voorlopig = voorlopig or [(set(), set())] * len(reeksen)
    rijen = {}
    for i, ((_, maanden), (getallen, sommen)) in enumerate(zip(reeksen, voorlopig, strict=True)):
        for jaar, maand, waarde, som in maanden:
            rij = rijen.setdefault(
                (jaar, maand), {"maand": f"{trends.MAANDNAMEN[maand - 1]} {jaar}"}
            )
            rij[f"waarde_{i}"], rij[f"som_{i}"] = waarde, som
            rij[f"waarde_{i}_voorlopig"] = (jaar, maand) in getallen
            rij[f"som_{i}_voorlopig"] = (jaar, maand) in sommen
    kolommen = [("maand", "Maand", False)]
    for i, (naam, _) in enumerate(reeksen):
        kolommen += [
            (f"waarde_{i}", naam, tables.VoorlopigGetalKolom(f"waarde_{i}_voorlopig")),
            (
                f"som_{i}",
                f"{naam}, som van 12 maanden",
                tables.VoorlopigGetalKolom(f"som_{i}_voorlopig"),
            ),
        ]
    return tables.eenvoudige_tabel([rijen[m] for m in sorted(rijen)], kolommen)


def _maandbronnen(overzicht, gebied, categorieen):
    """De bronnen (tekst, "; ") van de maandcijfers van `gebied` in `categorieen`: die van de
    jaren waarin die reeksen maanden hebben (kolom BRON van het jaarframe: een som van maanden
    heeft de titels van haar delen), leeg als die jaren geen jaarrij hebben. Proefgebruik punt
    14: de maandgrafiek noemde de tabel 2015-2018 van het plan, waar geen maand uit komt."""
    maanden = overzicht.reeksen.maanden
    jaren = {jaar for c in categorieen for jaar, _ in maanden[(gebied.pk, c.pk)]}
    per_reeks = trends.bronnen_per_reeks(overzicht.reeksen.frame, jaren, ("gebied", "categorie"))
    titels = {t for c in categorieen for t in per_reeks.get((gebied.pk, c.pk), [])}
    return "; ".join(sorted(titels))


def maandgrafiek(overzicht, gebied, bron):
    """De Grafiek "maanden": de voortschrijdende som van 12 maanden en het aantal per maand
    (trends.voortschrijdende_som) van de lijnen in de trendgrafiek die maandcijfers hebben
    (anders de eerste vijf categorieën met maandcijfers); None zonder maandcijfers. Een
    voorlopige maand, en een som met een voorlopige maand, is in de grafiek een open rondje en
    in de tabel een '*' (`voorlopige_maanden`). Zijn de maanden van een basisteam de som van
    zijn gemeenten (Trendoverzicht.maandsom), dan zegt de titel dat ("som van de vijf
    gemeenten") en de bronregel waaruit ze berekend zijn."""
    maanden = overzicht.reeksen.maanden
    met_maanden = [c for c in overzicht.getoonde_categorieen if maanden.get((gebied.pk, c.pk))]
    gekozen = [c for c in overzicht.lijnen if c in met_maanden] or met_maanden[:STANDAARD_LIJNEN]
    if not gekozen:
        return None
    reeksen = [(c.naam, trends.voortschrijdende_som(maanden[(gebied.pk, c.pk)])) for c in gekozen]
    voorlopig = [
        voorlopige_maanden(maanden[(gebied.pk, c.pk)], sommen)
        for c, (_, sommen) in zip(gekozen, reeksen, strict=True)
    ]
    titel = f"{gebied.naam}: per maand en per 12 maanden"
    bronregel = _maandbronnen(overzicht, gebied, gekozen) or bron
    som, onder_de_grafiek = overzicht.maandsom, ""
    if som is not None and (met_som := [c for c in gekozen if c.naam in som.namen]):
        # Een basisteam zonder eigen maandcijfers: de maanden zijn de som van zijn gemeenten.
        # De regel in de figuur is kort (charts.bronregel); voluit staat hij eronder.
        # Op drie regels: op 390 px past de langere titel anders niet (proefgebruik 2).
        titel = f"{gebied.naam}:<br>per maand en per 12 maanden<br>({som.label})"
        eigen = _maandbronnen(overzicht, gebied, [c for c in gekozen if c not in met_som])
        delen = [f"berekend: {som.label}", *som.bronnen, eigen]
        bronregel = "; ".join(deel for deel in delen if deel)
        onder_de_grafiek = f"Bron: {'; '.join(d for d in (som.bronregel, eigen) if d)}."
    figuur = charts.maandgrafiek(
        reeksen,
        titel,
        eenheid(gekozen),
        bronregel,
        voorlopig=voorlopig if any(g or s for g, s in voorlopig) else None,
    )
    return Grafiek(
        "maanden",
        figuur,
        f"{gebied.slug}-maanden",
        beschrijving="De maandcijfers en de sommen van 12 maanden staan in de tabel hieronder.",
        tabel=_maandtabel(reeksen, voorlopig),
        bron=onder_de_grafiek,
    )


@dataclass
class Vergelijking:
    """De gemeenten van een basisteam naast elkaar in één jaar.

    `jaar` is het getoonde jaar uit `jaren` (de jaren waarin team en gemeenten cijfers hebben);
    `tabel` heeft een rij per categorie met per gemeente het aantal en het aandeel (%), het
    afgeleide restant ("overig", `restlabel`) en het totaal van het team; `negatief` zijn de
    categorieën met een negatief restant. Voor de grafieken: `categorienamen`, `reeksen`
    [(naam, aantallen per categorie, afgeleid)], `eenheid`, `bronnen`; en na
    `met_vergelijkingsgrafieken` de staafgrafiek en de aandelen.

    `met_restant`: de kolom "overig" (en haar aandeel en reeks in de grafieken) staat er alleen
    als een rij een echt restant heeft: het totaal van het team is een eigen cijfer (niet de som
    van zijn gemeenten, Jaarreeksen.afgeleid) dat van de som verschilt (proefgebruik punt 17:
    anders stond er "overig 0"). `som_van_gemeenten` zijn de categorieën waarin het totaal de
    som van de gemeenten is; staat de kolom er, dan heeft zo'n rij daar '–' (geen restant).
    """

    basisteam: Gebied
    jaar: int
    jaren: list
    tabel: object
    restlabel: str
    negatief: list
    categorienamen: list
    reeksen: list
    eenheid: str
    bronnen: list
    staaf: Grafiek | None = None
    aandeel: Grafiek | None = None
    met_restant: bool = True
    som_van_gemeenten: list = field(default_factory=list)

    @property
    def som_opsomming(self):
        """De categorieën van `som_van_gemeenten` als 'a, b en c'."""
        return opsomming(self.som_van_gemeenten) if self.som_van_gemeenten else ""


@dataclass
class _Delen:
    """Het team en zijn gemeenten in het vergelijkingsjaar."""

    totaal: pd.DataFrame  # index categorie-id, kolom het jaar
    per_gemeente: pd.DataFrame  # index (gemeente-id, categorie-id), kolom het jaar
    restant: pd.DataFrame  # index categorie-id, kolom het jaar
    met_cijfers: list
    zonder_cijfers: list
    gedeeld: list  # de categorieën die team en gemeenten allebei hebben
    # De statussen (Cijfer.Status of NaN zonder cijfer) bij `totaal` en `per_gemeente`.
    totaalstatus: pd.DataFrame | None = None
    gemeentestatus: pd.DataFrame | None = None


def _jaren_van(frame, gebied_ids):
    return set(frame[frame["gebied"].isin(gebied_ids)]["jaar"])


def _delen(cijfers, jaar):
    frame, team = cijfers.jaarreeksen.frame, cijfers.gebied.pk
    leden = cijfers.leden
    delen = frame[frame["gebied"].isin([g.pk for g in leden]) & (frame["jaar"] == jaar)]
    eigen = frame[(frame["gebied"] == team) & (frame["jaar"] == jaar)]
    met_cijfers = [g for g in leden if g.pk in set(delen["gebied"])]
    gedeeld = [
        c
        for c in cijfers.categorieen
        if c.pk in set(eigen["categorie"]) and c.pk in set(delen["categorie"])
    ]
    totaal, totaalstatus = trends.breed(eigen, [c.pk for c in gedeeld], [jaar])
    sleutels = [(g.pk, c.pk) for g in met_cijfers for c in gedeeld]
    per_gemeente, gemeentestatus = trends.breed(
        delen, sleutels, [jaar], rij_kolommen=("gebied", "categorie")
    )
    return _Delen(
        totaal=totaal,
        per_gemeente=per_gemeente,
        restant=trends.restant(totaal, per_gemeente),
        met_cijfers=met_cijfers,
        zonder_cijfers=[g for g in leden if g not in met_cijfers],
        gedeeld=gedeeld,
        totaalstatus=totaalstatus,
        gemeentestatus=gemeentestatus,
    )


def _aandeel(deel, geheel):
    if trends.is_leeg(deel) or trends.is_leeg(geheel) or int(geheel) == 0:
        return None
    return round(int(deel) / int(geheel) * 100, 1)


def _jaarkolom(frame, jaar):
    """{index: waarde} van één jaarkolom (in één keer uit pandas, niet cel voor cel)."""
    return dict(zip(frame.index, frame[jaar].tolist(), strict=True))


def samengestelde_status(*statussen):
    """De status (Cijfer.Status) van een getal dat uit cijfers met deze `statussen` berekend is
    (een aandeel, een restant): None (ontbreekt, CBS '.') als er één ontbreekt (None of NaN),
    anders geheim als er één geheim is, anders voorlopig als er één voorlopig is, anders
    definitief. Zoals de som in trends.jaarframe: een geheim deel maakt het geheel geheim, een
    voorlopig deel voorlopig; ontbrekend is geen nul."""
    if any(trends.is_leeg(s) for s in statussen):
        return None
    for status in (Cijfer.Status.GEHEIM, Cijfer.Status.VOORLOPIG):
        if status in statussen:
            return status
    return Cijfer.Status.DEFINITIEF


def _vergelijkingsrijen(delen, jaar, som_van_gemeenten=()):
    """Een rij per gedeelde categorie: per gemeente het aantal en het aandeel (%), het
    restant "overig" met zijn aandeel (geen aandeel als het negatief is) en het totaal. In de
    categorieën van `som_van_gemeenten` (ids: het totaal is de som van de gemeenten) is er geen
    restant: "overig" en zijn aandeel zijn daar None.

    `statussen` ({veld: Cijfer.Status of None}) geeft de tekens van de cellen (zoals de
    trendtabel, tables.StatusGetalKolom): een aantal zijn eigen status, een aandeel die van
    aantal en totaal samen, het restant die van het totaal en alle gemeenten
    (`samengestelde_status`): zo krijgt een aantal of aandeel met een voorlopig cijfer een '*'
    en is een geheim cijfer 'x', geen '.' (proefgebruik: "9" en "24" zonder '*')."""
    totaal, per_gemeente = _jaarkolom(delen.totaal, jaar), _jaarkolom(delen.per_gemeente, jaar)
    restant = _jaarkolom(delen.restant, jaar)
    totaalstatus = _jaarkolom(delen.totaalstatus, jaar)
    gemeentestatus = _jaarkolom(delen.gemeentestatus, jaar)
    rijen = []
    for categorie in delen.gedeeld:
        som, somstatus = totaal[categorie.pk], totaalstatus[categorie.pk]
        rij = {"categorie": categorie.naam, "basisteam": trends.als_getal(som)}
        statussen = {"basisteam": samengestelde_status(somstatus)}
        for g in delen.met_cijfers:
            aantal, status = (
                per_gemeente[(g.pk, categorie.pk)],
                gemeentestatus[(g.pk, categorie.pk)],
            )
            rij[f"gemeente_{g.pk}"] = trends.als_getal(aantal)
            rij[f"aandeel_{g.pk}"] = _aandeel(aantal, som)
            statussen[f"gemeente_{g.pk}"] = samengestelde_status(status)
            statussen[f"aandeel_{g.pk}"] = samengestelde_status(status, somstatus)
        if categorie.pk in som_van_gemeenten:
            rij["overig"] = rij["aandeel_overig"] = None
        else:
            rij["overig"] = trends.als_getal(restant[categorie.pk])
            negatief = rij["overig"] is not None and rij["overig"] < 0
            rij["aandeel_overig"] = None if negatief else _aandeel(restant[categorie.pk], som)
            delen_status = [gemeentestatus[(g.pk, categorie.pk)] for g in delen.met_cijfers]
            statussen["overig"] = statussen["aandeel_overig"] = samengestelde_status(
                somstatus, *delen_status
            )
        rij["statussen"] = statussen
        rijen.append(rij)
    return rijen


def _vergelijkingskolommen(basisteam, met_cijfers, restlabel, met_restant=True):
    """[(naam, kopje, kolom)] voor tables.eenvoudige_tabel; zonder `met_restant` zonder de
    kolommen van het restant "overig" en zijn aandeel. Aantallen en aandelen zijn
    tables.StatusGetalKolom (CBS-tekens op het scherm, getallen in de export); achteraan, alleen
    in de export, de status van elk aantal (tables.StatusKolom, zoals de trendtabel)."""

    def aantal(veld):
        return tables.StatusGetalKolom(veld)

    def aandeel(veld):
        return tables.StatusGetalKolom(veld, decimalen=1)

    kolommen = [("categorie", "Categorie", False)]
    kolommen += [(f"gemeente_{g.pk}", g.naam, aantal(f"gemeente_{g.pk}")) for g in met_cijfers]
    if met_restant:
        kolommen += [("overig", restlabel, aantal("overig"))]
    kolommen += [("basisteam", f"{basisteam.naam} (totaal)", aantal("basisteam"))]
    kolommen += [
        (f"aandeel_{g.pk}", f"Aandeel {g.naam} (%)", aandeel(f"aandeel_{g.pk}"))
        for g in met_cijfers
    ]
    if met_restant:
        kolommen += [("aandeel_overig", f"Aandeel {restlabel} (%)", aandeel("aandeel_overig"))]
    statusvelden = [(f"gemeente_{g.pk}", g.naam) for g in met_cijfers]
    if met_restant:
        statusvelden.append(("overig", restlabel))
    statusvelden.append(("basisteam", f"{basisteam.naam} (totaal)"))
    kolommen += [
        (f"status_{veld}", f"Status {naam}", tables.StatusKolom(veld))
        for veld, naam in statusvelden
    ]
    return kolommen


def vergelijking(cijfers, keuze):
    """De Vergelijking (zonder grafieken) voor een basisteam in `cijfers` (Gebiedscijfers), in
    het gekozen vergelijkingsjaar (Keuze.vergelijkingsjaren, anders het nieuwste); None voor
    een gemeente of als team en gemeenten geen gemeenschappelijk jaar hebben."""
    basisteam = cijfers.gebied
    if basisteam.soort != Gebied.Soort.BASISTEAM:
        return None
    frame, leden = cijfers.jaarreeksen.frame, [g.pk for g in cijfers.leden]
    jaren = sorted(_jaren_van(frame, [basisteam.pk]) & _jaren_van(frame, leden))
    if not jaren:
        return None
    jaar = gekozen_jaren(keuze.vergelijkingsjaren, jaren)[-1]
    delen = _delen(cijfers, jaar)
    zonder = ", ".join(g.naam for g in delen.zonder_cijfers)
    restlabel = f"overig ({zonder}, afgeleid)" if zonder else "overig (afgeleid)"
    afgeleid = cijfers.jaarreeksen.afgeleid
    som_van_gemeenten = [c for c in delen.gedeeld if (basisteam.pk, c.pk, jaar) in afgeleid]
    rijen = _vergelijkingsrijen(delen, jaar, {c.pk for c in som_van_gemeenten})
    # Alleen een eigen totaal van het team dat van de som verschilt, is een echt restant.
    met_restant = any(rij["overig"] for rij in rijen)
    reeksen = [
        (g.naam, [rij[f"gemeente_{g.pk}"] for rij in rijen], False) for g in delen.met_cijfers
    ]
    if met_restant:
        reeksen.append((restlabel, [rij["overig"] for rij in rijen], True))
    kolommen = _vergelijkingskolommen(basisteam, delen.met_cijfers, restlabel, met_restant)
    # Staat de kolom er, dan is er in een rij zonder restant niets ('–'), niet '.'; ook in
    # zijn statuskolom van de export.
    tabelrijen = [
        {
            **rij,
            "overig": trends.NIETS,
            "aandeel_overig": trends.NIETS,
            "statussen": {**rij["statussen"], "overig": trends.NIETS},
        }
        if met_restant and rij["categorie"] in {c.naam for c in som_van_gemeenten}
        else rij
        for rij in rijen
    ]
    return Vergelijking(
        basisteam=basisteam,
        jaar=jaar,
        jaren=jaren,
        tabel=tables.eenvoudige_tabel(tabelrijen, kolommen),
        restlabel=restlabel,
        negatief=[rij["categorie"] for rij in rijen if (rij["overig"] or 0) < 0],
        categorienamen=[c.naam for c in delen.gedeeld],
        reeksen=reeksen,
        eenheid=eenheid(delen.gedeeld),
        bronnen=cijfers.jaarreeksen.bronnen([basisteam.pk, *leden], jaar),
        met_restant=met_restant,
        som_van_gemeenten=[c.naam for c in som_van_gemeenten],
    )


def met_vergelijkingsgrafieken(vergelijking):
    """De Vergelijking met de staafgrafiek (aantallen) en de aandelen (tot 100% gestapeld, een
    negatief restant als 0); de tabel en haar downloads staan onder de aandelen.

    Aandelen alleen voor een categorie waarin elke staaf een getal is: mist een gemeente (of
    het restant), dan zou plotly de rest tot 100% rekken en een aandeel tonen dat de tabel
    niet geeft ('.'); die categorie blijft in de aandelen leeg."""
    jaar, slug = vergelijking.jaar, vergelijking.basisteam.slug
    bron = "; ".join(vergelijking.bronnen)
    namen, reeksen = vergelijking.categorienamen, vergelijking.reeksen
    # Het restant (de laatste reeks, `afgeleid`) is leeg waar het totaal de som is: dat is heel.
    som = set(vergelijking.som_van_gemeenten)
    volledig = [
        all(w[i] is not None or (rest and naam in som) for _, w, rest in reeksen)
        for i, naam in enumerate(namen)
    ]
    positief = [
        (
            naam,
            [
                max(v, 0) if v is not None and heel else None
                for v, heel in zip(waarden, volledig, strict=True)
            ],
            afgeleid,
        )
        for naam, waarden, afgeleid in reeksen
    ]
    staaf = charts.staafgrafiek(
        namen, reeksen, f"Gemeenten naast elkaar, {jaar}", vergelijking.eenheid, bron
    )
    titel = f"Aandeel per gemeente in het basisteam, {jaar}"
    aandeel = charts.staafgrafiek(namen, positief, titel, vergelijking.eenheid, bron, aandeel=True)
    return replace(
        vergelijking,
        staaf=Grafiek(
            "gemeenten",
            staaf,
            f"{slug}-gemeenten-{jaar}",
            beschrijving="De cijfers staan in de tabel hieronder.",
        ),
        aandeel=Grafiek(
            "aandeel",
            aandeel,
            f"{slug}-aandeel-{jaar}",
            beschrijving="De aandelen staan in de tabel hieronder.",
            tabel=vergelijking.tabel,
            tabel_open=True,
            export="gemeenten",
        ),
    )


def belevingstabel(metingen):
    """De tabel van de veiligheidsbeleving (Veiligheidsbeleving met gebied en bron): gebied,
    jaar, rapportcijfer (één decimaal, '.' zonder meting), onderzoek, bron, toelichting; None
    zonder metingen."""
    if not metingen:
        return None
    rijen = [
        {
            "gebied": m.gebied.naam,
            "jaar": m.jaar,
            "rapportcijfer": m.rapportcijfer,
            "onderzoek": m.onderzoek,
            "bron": m.bron.titel,
            "toelichting": m.toelichting,
        }
        for m in metingen
    ]
    kolommen = [("gebied", "Gebied"), ("jaar", "Jaar"), ("rapportcijfer", "Rapportcijfer")]
    kolommen += [("onderzoek", "Onderzoek"), ("bron", "Bron"), ("toelichting", "Toelichting")]
    # Jaar en rapportcijfer als getallen in de export (issue 15, punt 9).
    eigen = {"jaar": tables.JaartalKolom(), "rapportcijfer": tables.DecimaalKolom(1)}
    return tables.eenvoudige_tabel(
        rijen, [(naam, kop, eigen.get(naam, False)) for naam, kop in kolommen]
    )


def belevingsgrafiek(metingen, tabel, gebied):
    """De Grafiek "beleving" (rapportcijfers met hun bronnen) met `tabel` (belevingstabel) in
    een uitklapblok en haar downloads; None zonder metingen."""
    if not metingen:
        return None
    figuur = charts.belevingsgrafiek(
        [(f"{m.gebied.naam} {m.jaar}", m.rapportcijfer, m.onderzoek) for m in metingen],
        f"Veiligheidsbeleving: {gebied.naam}",
        "; ".join(sorted({m.bron.titel for m in metingen})),
    )
    return Grafiek("beleving", figuur, f"{gebied.slug}-beleving", tabel=tabel, export="beleving")


@dataclass
class LokaleSpeerpunten:
    """Het blok lokale speerpunten van een gemeente: de speerpunten (met plan, doelen en
    maatregelen) en de naam van het plan waaraan de gemeente niet deelnam (leeg als ze aan
    alle plannen deelnam). Zo'n plan heeft geen cijfertabel en geen hoofdstuk voor haar; de
    pagina zegt dat waar ze cijfers of speerpunten mist (zie Plan.deelnemers)."""

    speerpunten: list
    plan_zonder_deelname: str = ""
