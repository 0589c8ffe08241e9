"""De vergelijkingsgroep van een gemeente: de k meest gelijkende gemeenten van het land.

Waarstaatjegemeente vond grootteklassen alleen te grof: een gemeente van 25.000 inwoners rond
een stad lijkt niet op een plattelandsgemeente van 25.000. Daarom twee kenmerken uit CBS'
"Kerncijfers wijken en buurten" (model Kerncijfers), beide op een logaritmische schaal omdat
ze over ordes van grootte lopen (1.000 tot 900.000 inwoners, 50 tot 6.000 adressen per km²):

    x1 = log(inwoners),  x2 = log(omgevingsadressendichtheid)

Elk wordt gestandaardiseerd met het gemiddelde en de standaardafwijking over alle gemeenten
met beide kenmerken in hetzelfde jaar (z = (x - gemiddelde) / standaardafwijking), zodat
beide even zwaar wegen. De afstand tussen twee gemeenten is de euclidische afstand
√((z1a - z1b)² + (z2a - z2b)²); de groep zijn de k (standaard 10) gemeenten met de kleinste
afstand, bij gelijke afstand op CBS-code. De mate van stedelijkheid (1-5) is een indeling
van dezelfde dichtheid en doet daarom niet apart mee; de pagina toont haar wel.
"""

import math
from dataclasses import dataclass, replace

from django.db.models import Count, Exists, OuterRef, Q, Subquery

from cijfers.models import Bevolking, Categorie, Cijfer, Kerncijfers, Vergelijkingsgroep
from cijfers.pagina.gebied import maandsom
from cijfers.pagina.inwoners import (
    Bevolkingstand,
    Categorieverhoudingen,
    Kerncijferstand,
    Referenties,
    benodigde_jaren,
    categorieverhoudingen,
    inwoners_bekend,
    inwonersvergelijking,
    ontbrekende_bestanden,
    teamzin_bevolking,
    terugvaljaren,
)
from ivp.gegevensversie import per_versie
from ivp.models import Gebied

# Het land van de vergelijking: Nederland met zijn CBS-code (RegioS NL01 in de tabellen van de
# politie en het CBS).
IS_NEDERLAND = Q(soort=Gebied.Soort.LAND, cbs_code="NL01")

K = 10

METHODE = (
    "De {k} gemeenten die het meest lijken op {gemeente} naar inwoners en "
    "omgevingsadressendichtheid (CBS Kerncijfers wijken en buurten {jaar}): beide op een "
    "logaritmische schaal, gestandaardiseerd over alle {aantal} gemeenten, en dan de kleinste "
    "euclidische afstand."
)


@dataclass(frozen=True)
class Kenmerken:
    """De kenmerken van één gemeente: id, CBS-code, inwoners en dichtheid (int > 0)."""

    gebied: int
    code: str
    inwoners: int
    dichtheid: int


def _standaardiseer(waarden):
    gemiddelde = sum(waarden) / len(waarden)
    spreiding = math.sqrt(sum((w - gemiddelde) ** 2 for w in waarden) / len(waarden)) or 1.0
    return [(w - gemiddelde) / spreiding for w in waarden]


def afstanden(kenmerken):
    """{gebied-id: (z-inwoners, z-dichtheid)} voor een lijst Kenmerken (zie de moduletekst);
    gemeenten zonder inwoners of dichtheid (0 of None) doen niet mee."""
    bruikbaar = [k for k in kenmerken if k.inwoners and k.dichtheid]
    if not bruikbaar:
        return {}
    z1 = _standaardiseer([math.log(k.inwoners) for k in bruikbaar])
    z2 = _standaardiseer([math.log(k.dichtheid) for k in bruikbaar])
    return {k.gebied: (a, b) for k, a, b in zip(bruikbaar, z1, z2, strict=True)}


def standaardgroep(gemeente, kenmerken, k=K):
    """[(gebied-id, afstand)] van de k meest gelijkende gemeenten voor `gemeente` (id), de
    dichtstbijzijnde eerst; leeg als de gemeente zelf geen kenmerken heeft."""
    punten = afstanden(kenmerken)
    if gemeente not in punten:
        return []
    codes = {kenmerk.gebied: kenmerk.code for kenmerk in kenmerken}
    eigen = punten[gemeente]
    kandidaten = [
        (math.dist(eigen, punt), codes[gebied], gebied)
        for gebied, punt in punten.items()
        if gebied != gemeente
    ]
    return [(gebied, afstand) for afstand, _, gebied in sorted(kandidaten)[:k]]


def methode(gemeente_naam, jaar, aantal, k=K):
    """De uitleg van de standaardgroep (Nederlandse zin) voor op de pagina en in het beheer;
    `k` is het aantal leden van de groep (hooguit K; minder als er minder andere gemeenten met
    kenmerken zijn), `aantal` het aantal gemeenten in de kerncijfers."""
    return METHODE.format(k=k, gemeente=gemeente_naam, jaar=jaar, aantal=aantal)


def kenmerken_uit(kerncijfers):
    """Kenmerken uit Kerncijfers-objecten (met gebied; één jaar)."""
    return [
        Kenmerken(r.gebied_id, r.gebied.cbs_code, r.inwoners, r.adressendichtheid)
        for r in kerncijfers
        if r.inwoners and r.adressendichtheid
    ]


def nieuwste_kerncijfers():
    """(jaar, [Kerncijfers met gebied]) van de gemeenten in het nieuwste jaar met kerncijfers,
    of (None, []). Twee queries: het jaar, de kerncijfers."""
    gemeenten = Kerncijfers.objects.filter(gebied__soort=Gebied.Soort.GEMEENTE)
    jaar = gemeenten.order_by("-jaar").values_list("jaar", flat=True).first()
    if jaar is None:
        return None, []
    return jaar, list(gemeenten.filter(jaar=jaar).select_related("gebied"))


def bereken_groepen(gemeenten, k=K):
    """Maakt of vernieuwt de Vergelijkingsgroep van elke gemeente in `gemeenten` (Gebied)
    met de standaardgroep uit de nieuwste kerncijfers; een aangepaste groep blijft staan.
    Geeft het aantal bijgewerkte groepen. Schrijft: alleen vanuit het beheer of een commando."""
    jaar, kerncijfers = nieuwste_kerncijfers()
    kenmerken = kenmerken_uit(kerncijfers)
    bijgewerkt = 0
    for gemeente in gemeenten:
        groep = standaardgroep(gemeente.pk, kenmerken, k)
        if not groep:
            continue
        bestaand = Vergelijkingsgroep.objects.filter(gemeente=gemeente).first()
        if bestaand and bestaand.aangepast:
            continue
        bestaand = bestaand or Vergelijkingsgroep(gemeente=gemeente)
        # Het aantal leden, niet k: met minder andere gemeenten met kenmerken is de groep kleiner.
        bestaand.methode = methode(gemeente.naam, jaar, len(kenmerken), len(groep))
        bestaand.save()
        bestaand.leden.set([gebied for gebied, _ in groep])
        bijgewerkt += 1
    return bijgewerkt


def groep_van(gemeente):
    """(leden, methode, stand) van de vergelijkingsgroep van een gemeente (Gebied of None): de
    opgeslagen groep (leden op naam), anders de standaardgroep uit de nieuwste kerncijfers
    (niets opgeslagen: een GET schrijft niet); ([], "", stand) zonder groep. `stand` is None
    als er leden zijn (of voor None), anders een Kerncijferstand (inwoners.py) die zegt
    waarom niet: een opgeslagen groep zonder leden, geen kerncijfers, de gemeente niet in de
    kerncijfers of zonder kenmerken daarin. De namen van de leden zijn hun Gebied.naam (de
    import geeft een gemeente die alleen haar code als naam heeft de naam uit het bestand).
    Queries: 1 de opgeslagen groep, plus 1 haar leden als ze er is, anders 2 de kerncijfers
    (1 als er geen zijn); geen voor None."""
    if gemeente is None:
        return [], "", None
    groep = Vergelijkingsgroep.objects.filter(gemeente=gemeente).prefetch_related("leden").first()
    if groep is not None:
        leden = sorted(groep.leden.all(), key=lambda g: g.naam)
        return leden, groep.methode, None if leden else Kerncijferstand(lege_groep=True)
    jaar, kerncijfers = nieuwste_kerncijfers()
    kenmerken = kenmerken_uit(kerncijfers)
    per_id = {r.gebied_id: r.gebied for r in kerncijfers}
    leden = [per_id[g] for g, _ in standaardgroep(gemeente.pk, kenmerken)]
    if leden:
        return leden, methode(gemeente.naam, jaar, len(kenmerken), len(leden)), None
    eigen = next((r for r in kerncijfers if r.gebied_id == gemeente.pk), None)
    stand = kerncijferstand(
        jaar, len(kerncijfers), eigen and (eigen.inwoners, eigen.adressendichtheid)
    )
    return [], "", stand


def kerncijferstand(jaar, gemeenten, eigen):
    """De Kerncijferstand van een gemeente zonder groep: `jaar` en `gemeenten` (aantal) van de
    nieuwste kerncijfers, `eigen` (inwoners, dichtheid) van de gemeente daarin of None."""
    if eigen is None:
        return Kerncijferstand(jaar, gemeenten)
    ontbreekt = tuple(
        naam
        for naam, waarde in zip(
            ("het aantal inwoners", "de omgevingsadressendichtheid"), eigen, strict=True
        )
        if not waarde
    )
    return Kerncijferstand(jaar, gemeenten, erin=True, ontbreekt=ontbreekt)


def importstand(gemeente):
    """(Bevolkingstand, Kerncijferstand of None) van een gemeente zonder inwonertal in een
    jaar met cijfers (inwoners.py): wat er aan inwoners en kerncijfers geïmporteerd is en of
    de gemeente erin staat, en of ze een groep heeft (dan geen Kerncijferstand: de zin over de
    kerncijfers vervalt). Eén query (subqueries op de rij van de gemeente); wordt alleen
    gevraagd als de pagina anders "importeer" zou zeggen."""
    van_gemeenten = Q(gebied__soort=Gebied.Soort.GEMEENTE)
    bevolking = Bevolking.objects.filter(van_gemeenten).order_by()
    kern = Kerncijfers.objects.filter(van_gemeenten).order_by()
    bevolkingsjaar = bevolking.order_by("-jaar").values("jaar")[:1]
    kernjaar = kern.order_by("-jaar").values("jaar")[:1]

    def aantal(rijen, jaar):
        return Subquery(
            rijen.filter(jaar=Subquery(jaar)).values("jaar").annotate(n=Count("pk")).values("n")
        )

    eigen_kern = Kerncijfers.objects.filter(
        gebied=OuterRef("pk"), jaar=Subquery(kernjaar)
    ).order_by()
    groep = Vergelijkingsgroep.objects.filter(gemeente=OuterRef("pk"))
    rij = (
        Gebied.objects.filter(pk=gemeente.pk)
        .annotate(
            bevolkingsjaar=Subquery(bevolkingsjaar),
            bevolking_gemeenten=aantal(bevolking, bevolkingsjaar),
            eigen_bevolkingsjaar=Subquery(
                Bevolking.objects.filter(gebied=OuterRef("pk")).order_by("-jaar").values("jaar")[:1]
            ),
            kernjaar=Subquery(kernjaar),
            kern_gemeenten=aantal(kern, kernjaar),
            in_kern=Exists(eigen_kern),
            kern_inwoners=Subquery(eigen_kern.values("inwoners")[:1]),
            kern_dichtheid=Subquery(eigen_kern.values("adressendichtheid")[:1]),
            heeft_groep=Exists(groep),
            groep_met_leden=Exists(groep.filter(leden__isnull=False)),
        )
        .values(
            "bevolkingsjaar",
            "bevolking_gemeenten",
            "eigen_bevolkingsjaar",
            "kernjaar",
            "kern_gemeenten",
            "in_kern",
            "kern_inwoners",
            "kern_dichtheid",
            "heeft_groep",
            "groep_met_leden",
        )
        .get()
    )
    bevolkingstand = Bevolkingstand(
        rij["bevolkingsjaar"], rij["bevolking_gemeenten"] or 0, rij["eigen_bevolkingsjaar"]
    )
    if rij["heeft_groep"]:
        return bevolkingstand, None if rij["groep_met_leden"] else Kerncijferstand(lege_groep=True)
    eigen = (rij["kern_inwoners"], rij["kern_dichtheid"]) if rij["in_kern"] else None
    stand = kerncijferstand(rij["kernjaar"], rij["kern_gemeenten"] or 0, eigen)
    if stand.erin and not stand.ontbreekt:
        return bevolkingstand, None  # dan is er een standaardgroep (of geen andere gemeente)
    return bevolkingstand, stand


def ledenbevolking(leden):
    """(Bevolkingstand, {lid-id: {jaar}}) voor een basisteam zonder inwonertal: het nieuwste jaar
    met inwoners van gemeenten en hoeveel gemeenten dan een inwonertal hebben (zoals
    `importstand`; `eigen_jaar` blijft None), en per lid (Gebied) de jaren met een inwonertal.
    Eén query: de bevolking van de leden en die van alle gemeenten in het nieuwste jaar (op
    landelijke omvang een paar honderd rijen)."""
    van_gemeenten = Q(gebied__soort=Gebied.Soort.GEMEENTE)
    nieuwste = Bevolking.objects.filter(van_gemeenten).order_by("-jaar").values("jaar")[:1]
    ids = [lid.pk for lid in leden]
    rijen = (
        Bevolking.objects.filter(Q(gebied__in=ids) | (van_gemeenten & Q(jaar=Subquery(nieuwste))))
        .order_by()
        .values_list("gebied_id", "jaar", "gebied__soort")
    )
    per_lid, per_jaar = {}, {}
    for gebied, jaar, soort in rijen:
        if gebied in ids:
            per_lid.setdefault(gebied, set()).add(jaar)
        if soort == Gebied.Soort.GEMEENTE:
            per_jaar.setdefault(jaar, set()).add(gebied)
    # De rijen van de leden kunnen ouder zijn; het nieuwste jaar heeft alle gemeenten.
    jaar = max(per_jaar, default=None)
    return Bevolkingstand(jaar, len(per_jaar.get(jaar, ()))), per_lid


def referenties_van(gebied, categorie_ids, eigen_records=(), jaren=None, extra=None):
    """De Referenties (cijfers/pagina/inwoners.py) van een gemeente voor de categorieën
    `categorie_ids`, of None voor een ander soort gebied.

    `jaren` (een verzameling jaren, of None: alle) beperkt de opgehaalde cijfers tot de jaren
    die de vergelijking leest (inwoners.benodigde_jaren): op landelijke omvang zijn dat een
    paar duizend rijen in plaats van elke maand van elk jaar. Per opgehaald jaar komen alle
    cijfers van dat jaar mee (elke categorie, elke periode), dus wat jaarframe en de
    teamsommen van zo'n jaar maken (volledig of niet, geheim, voorlopig) is precies wat ze
    uit alle cijfers zouden maken. `extra` {jaar: {categorie-id}} (inwoners.terugvaljaren)
    haalt daarnaast zo'n jaar in alleen die categorieën op (jaarframe telt per gebied,
    categorie en jaar, dus ook dat is exact). Het nieuwste inwonertal per gebied (voor de laatste 12
    maanden) komt apart uit de bevolking van alle jaren met een cijfer: `nieuwste_inwoners`.

    Queries: Nederland en het basisteam van de gemeente (1, plus 1 voor de leden van het team
    als er een is); de opgeslagen vergelijkingsgroep (1, plus 1 voor haar leden als ze er is),
    anders de standaardgroep uit de nieuwste kerncijfers (2, niets opgeslagen: een GET schrijft
    niet); de cijfers van al die gebieden en hun inwonertallen (2, alleen als er een gebied en
    een jaar is). `eigen_records` zijn de cijferrecords van de gemeente zelf (voor de som van
    het basisteam)."""
    if gebied.soort != Gebied.Soort.GEMEENTE:
        return None
    referentiegebieden = list(
        Gebied.objects.filter(
            IS_NEDERLAND | Q(soort=Gebied.Soort.BASISTEAM, leden=gebied)
        ).prefetch_related("leden")
    )
    nederland = next((g for g in referentiegebieden if g.soort == Gebied.Soort.LAND), None)
    team = next((g for g in referentiegebieden if g.soort == Gebied.Soort.BASISTEAM), None)
    leden, uitleg, stand = groep_van(gebied)
    ids = {g.pk for g in [*referentiegebieden, *leden]}
    if team is not None:
        ids |= {lid.pk for lid in team.leden.all()}
    ids.discard(gebied.pk)
    records, nieuwste = [], {}
    extra = extra or {}
    if ids and (jaren is None or jaren or extra):
        records, nieuwste = referentierecords(ids, categorie_ids, jaren, extra)
        if team is not None:
            # De som van het team vraagt ook de gemeente zelf (haar cijfers heeft de pagina al).
            gekozen = set(categorie_ids)
            records += [
                r
                for r in eigen_records
                if r["categorie"] in gekozen
                and (
                    jaren is None
                    or r["jaar"] in jaren
                    or r["categorie"] in extra.get(r["jaar"], ())
                )
            ]
    return Referenties(nederland, team, leden, uitleg, records, nieuwste, stand)


def referentierecords(gebied_ids, categorie_ids, jaren=None, extra=None):
    """([cijferrecord met inwoners], {gebied-id: (jaar, inwoners)}): de cijferrecords
    (CijferQuerySet.records) van de gebieden in de categorieën, in `jaren` (None: alle), elk
    met het inwonertal van zijn gebied en jaar en de bron daarvan (`inwoners_per_jaar`, None
    als dat er niet is), ongesorteerd; en per gebied het nieuwste jaar met een inwonertal
    waarin het een cijfer heeft in een van de categorieën (ook buiten `jaren`). `extra`
    {jaar: {categorie-id}}: ook die jaren, alleen in die categorieën (bij `jaren` None al
    alles). Twee queries."""
    cijfers = Cijfer.objects.filter(gebied__in=gebied_ids, categorie__in=categorie_ids)
    if jaren is not None:
        extra = extra or {}
        cijfers = cijfers.filter(jaar__in=sorted(set(jaren) | set(extra)))
        if extra:
            # Eerst de jaren samen (een eenvoudige IN voor de planner), dan per extra jaar
            # alleen zijn categorieën.
            gekozen = Q(jaar__in=sorted(jaren))
            for jaar, categorieen in sorted(extra.items()):
                gekozen |= Q(jaar=jaar, categorie__in=sorted(categorieen))
            cijfers = cijfers.filter(gekozen)
    records = list(cijfers.records().order_by())
    bevolking = inwoners_per_jaar(gebied_ids, categorie_ids)
    for record in records:
        record["inwoners"], record["inwoners_bron"] = bevolking.get(
            (record["gebied"], record["jaar"]), (None, None)
        )
    nieuwste = {}
    for (gebied, jaar), (inwoners, _) in bevolking.items():
        if inwoners and (gebied not in nieuwste or jaar > nieuwste[gebied][0]):
            nieuwste[gebied] = (jaar, int(inwoners))
    return records, nieuwste


def inwoners_per_jaar(gebied_ids, categorie_ids):
    """{(gebied-id, jaar): (inwoners, titel van de bron)} uit de Bevolking van de gebieden, in
    de jaren waarin het gebied een cijfer heeft in een van de categorieën: dezelfde
    inwonertallen die CijferQuerySet.records(inwoners=True) per record zou meegeven, maar in
    één query in plaats van twee subqueries per cijfer. Eén query."""
    heeft_cijfer = Cijfer.objects.filter(
        gebied=OuterRef("gebied"), jaar=OuterRef("jaar"), categorie__in=categorie_ids
    )
    rijen = (
        Bevolking.objects.filter(gebied__in=gebied_ids)
        .filter(Exists(heeft_cijfer))
        .order_by()
        .values_list("gebied", "jaar", "inwoners", "bron__titel")
    )
    return {(g, j): (inwoners, bron) for g, j, inwoners, bron in rijen}


def prioriteiten_van(gemeente):
    """[(prioriteit, [categorie, ...])] van het nieuwste plan waaraan de gemeente deelneemt:
    elke prioriteit met gekoppelde cijfers, in de volgorde van het plan, haar categorieën in
    hun volgorde. Eén query, via de koppeltabel van de omgekeerde relatie
    Categorie.prioriteiten: cijfers importeert prioriteiten niet (tests/test_architectuur.py)."""
    koppeling = Categorie.prioriteiten.through
    rijen = (
        koppeling.objects.filter(prioriteit__plan__deelnemers=gemeente)
        .select_related("prioriteit__plan", "categorie")
        .order_by(
            "-prioriteit__plan__begin_jaar",
            "prioriteit__volgorde",
            "categorie__volgorde",
            "categorie__naam",
        )
    )
    per_prioriteit = {}
    plan = None
    for rij in rijen:
        plan = plan or rij.prioriteit.plan_id
        if rij.prioriteit.plan_id == plan:
            per_prioriteit.setdefault(rij.prioriteit, []).append(rij.categorie)
    return list(per_prioriteit.items())


def inwonersvergelijking_van(cijfers):
    """De Inwonersvergelijking (cijfers/pagina/inwoners.py) van de gemeente van `cijfers`
    (Gebiedscijfers, met alleen de categorieën van de trendtabel), voor een basisteam die van
    het team zelf (`_teamvergelijking`), of None voor een ander soort gebied; met een paneel per prioriteit van het nieuwste plan van de gemeente (haar
    gekoppelde categorieën met eigen cijfers). Queries: 1 de prioriteiten met hun gekoppelde
    categorieën (`prioriteiten_van`), dan zie `referenties_van`; als de gemeente nergens een
    inwonertal heeft alleen 1 `importstand` (dan zeggen de zinnen van `te_importeren` wat er
    geïmporteerd is en wat van de gemeente ontbreekt)."""
    gebied, eigen = cijfers.gebied, cijfers.eigen_jaarcijfers
    if gebied.soort == Gebied.Soort.BASISTEAM:
        return _teamvergelijking(cijfers)
    if gebied.soort != Gebied.Soort.GEMEENTE:
        return None
    if eigen.empty or "inwoners" not in eigen.columns or eigen["inwoners"].isna().all():
        # Zonder inwoners geen vergelijking; één query zegt wat er wel geïmporteerd is, zodat
        # de pagina niet "importeer" zegt als het er al is (proefgebruik punt 11).
        bevolking, kerncijfers = importstand(gebied)
        zinnen = ontbrekende_bestanden(False, kerncijfers is None, gebied, bevolking, kerncijfers)
        return replace(inwonersvergelijking(gebied, eigen, [], Referenties()), te_importeren=zinnen)
    aanwezig = set(eigen["categorie"])
    categorieen = [c for c in cijfers.categorieen if c.pk in aanwezig]
    prioriteiten = [
        (prioriteit, [c for c in gekoppeld if c.pk in aanwezig])
        for prioriteit, gekoppeld in prioriteiten_van(gebied)
    ]
    prioriteiten = [(p, gekoppeld) for p, gekoppeld in prioriteiten if gekoppeld]
    ids = list(dict.fromkeys([c.pk for c in categorieen] + [
        c.pk for _, gekoppeld in prioriteiten for c in gekoppeld
    ]))  # fmt: skip
    jaren = benodigde_jaren(
        eigen, cijfers.eigen_records, gebied, categorieen, ids, cijfers.eigen_maanden
    )
    extra = terugvaljaren(eigen, ids, jaren)
    referenties = referenties_van(gebied, ids, cijfers.eigen_records, jaren, extra)
    if referenties is None:
        return None
    return inwonersvergelijking(
        gebied, eigen, categorieen, referenties, prioriteiten, cijfers.eigen_records
    )


def _teamvergelijking(cijfers):
    """De Inwonersvergelijking van een basisteam (proefgebruik punt 7): zijn cijfers per 1.000
    inwoners naast Nederland alleen (geen vergelijkingsgroep: die hoort bij een gemeente; geen
    kolom basisteam: dat is het team zelf), per nieuwste volledig jaar en over de laatste 12
    volledige maanden. Het team rekent met zijn eigen cijfers en, waar het die niet heeft, met
    de som van zijn gemeenten: de jaren (reeksen.jaarcijfers, trends.met_teamsommen) en de
    maanden (trends.teammaanden, in Gebiedscijfers.eigen_records), met als inwonertal de som
    van de gemeenten in een jaar waarin ze allemaal bekend zijn.

    Queries: als het team nergens een inwonertal heeft alleen 1 `ledenbevolking` (dan zegt de
    zin van `te_importeren` wat er geïmporteerd is en van welke gemeenten het inwonertal
    ontbreekt, inwoners.teamzin_bevolking; proefgebruik: er stond "Importeer het aantal
    inwoners" terwijl vier van de vijf het hadden); anders 1 Nederland, en als dat er is 2
    zijn cijfers in de jaren die de vergelijking leest en zijn inwonertallen
    (`referentierecords`)."""
    gebied, eigen = cijfers.gebied, cijfers.eigen_jaarcijfers
    if eigen.empty or "inwoners" not in eigen.columns or eigen["inwoners"].isna().all():
        uitkomst = inwonersvergelijking(gebied, eigen, [], Referenties())
        stand, per_lid = ledenbevolking(cijfers.leden)
        jaren = {int(r["jaar"]) for r in cijfers.jaarreeksen.records}
        zin = teamzin_bevolking(gebied, cijfers.leden, stand, per_lid, jaren)
        return replace(uitkomst, te_importeren=[zin]) if zin else uitkomst
    aanwezig = set(eigen["categorie"])
    categorieen = [c for c in cijfers.categorieen if c.pk in aanwezig]
    ids = [c.pk for c in categorieen]
    jaren = benodigde_jaren(
        eigen, cijfers.eigen_records, gebied, categorieen, ids, cijfers.eigen_maanden
    )
    extra = terugvaljaren(eigen, ids, jaren)
    nederland = Gebied.objects.filter(IS_NEDERLAND).first()
    records, nieuwste = [], {}
    if nederland is not None and (jaren or extra):
        records, nieuwste = referentierecords([nederland.pk], ids, jaren, extra)
    referenties = Referenties(nederland, None, [], "", records, nieuwste)
    uitkomst = inwonersvergelijking(
        gebied, eigen, categorieen, referenties, eigen_records=cijfers.eigen_records
    )
    som = maandsom(cijfers, [rij.categorie for rij in uitkomst.twaalf_rijen])
    if som is not None:
        # Zeg bij de 12 maanden waar de aantallen van het team vandaan komen.
        zin = (
            f"Van {som.namenopsomming} is het aantal van {gebied.naam} de {som.label} "
            f"({som.ledenopsomming}), berekend uit hun maandcijfers; per 1.000 inwoners van "
            "die gemeenten samen."
        )
        uitkomst = replace(uitkomst, twaalf_noten=[zin, *uitkomst.twaalf_noten])
    return uitkomst


def categorieverhoudingen_van(selectie):
    """De Categorieverhoudingen (cijfers/pagina/inwoners.py) van een categoriepagina
    (overzichten.Categorieselectie): de getoonde gemeenten per 1.000 inwoners per volledig
    jaar, met Nederland en de vergelijkingsgroep van de eerste getoonde gemeente.

    Welke gemeente haar groep toont: de eerste gemeente van ?gebied= in de volgorde van de
    link (een adviseur van Soest die ?gebied=soest&gebied=baarn opent, ziet de groep van
    Soest; proefgebruik 3), zonder ?gebied= de eerste getoonde in de volgorde van de pagina
    (eigen gemeenten eerst). Eén groep, want een band per gemeente maakt de grafiek onleesbaar.

    Queries: geen als er geen gemeente getoond wordt (dan is de uitkomst leeg) of geen
    getoonde gemeente een inwonertal heeft (dan noemt de uitkomst het bestand); anders 1 Nederland, de groep (2 of 3, zie `groep_van`) en 2 de cijfers
    van Nederland en de leden in deze categorie in de getoonde jaren en hun inwonertallen
    (`referentierecords`), samen per gegevensversie bewaard (`per_versie`: dan 1, de versie,
    als die in dit verzoek nog niet gelezen is)."""
    gemeenten = [g for g in selectie.getoond if g.soort == Gebied.Soort.GEMEENTE]
    if not gemeenten:
        return Categorieverhoudingen([], [])  # alleen basisteams of Nederland: geen vergelijking
    frame = selectie.jaarcijfers
    if not inwoners_bekend(frame, [g.pk for g in gemeenten], selectie.jaarkeuze.jaren):
        return categorieverhoudingen(selectie.categorie, gemeenten, frame, [], Referenties())
    # Per gegevensversie (ivp/gegevensversie.py): de uitkomst hangt af van de database, de
    # categorie, de getoonde gemeenten, de jaren en de gebieden in `frame` en de records (de
    # opgehaalde, met de sommen van de basisteams: alle cijfers van de categorie van die
    # gebieden, dus bij dezelfde versie dezelfde).
    opgehaald = {int(g) for g in frame["gebied"]} | {
        r["gebied"] for r in selectie.jaarreeksen.records
    }
    sleutel = (
        selectie.categorie.pk,
        tuple(g.pk for g in gemeenten),
        tuple(selectie.jaarkeuze.jaren),
        tuple(sorted(opgehaald)),
        selectie.eerste_gebied,  # wie haar groep toont
    )
    return per_versie(
        "categorie.verhoudingen", sleutel, lambda: _categorieverhoudingen(selectie, gemeenten)
    )


def _categorieverhoudingen(selectie, gemeenten):
    """Categorieverhoudingen met Nederland en de groep (zie `categorieverhoudingen_van`)."""
    frame = selectie.jaarcijfers
    nederland = Gebied.objects.filter(IS_NEDERLAND).first()
    groepsgemeente = next(
        (
            g
            for g in sorted(gemeenten, key=lambda g: g.slug != selectie.eerste_gebied)
            if inwoners_bekend(frame, [g.pk], selectie.jaarkeuze.jaren)
        ),
        None,
    )
    leden, uitleg, stand = groep_van(groepsgemeente)
    ids = {g.pk for g in leden} | ({nederland.pk} if nederland else set())
    records, nieuwste = [], {}
    if ids:
        # Alleen de getoonde jaren: de grafiek leest geen andere.
        records, nieuwste = referentierecords(
            ids, [selectie.categorie.pk], selectie.jaarkeuze.jaren
        )
    referenties = Referenties(nederland, None, leden, uitleg, records, nieuwste, stand)
    return categorieverhoudingen(
        selectie.categorie,
        gemeenten,
        frame,
        selectie.jaarkeuze.jaren,
        referenties,
        groepsgemeente,
        selectie.jaarreeksen.records,
    )
