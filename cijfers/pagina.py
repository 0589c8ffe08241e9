"""Bouwstenen voor de cijferpagina's: van opgehaalde gegevens naar tabellen en grafieken.

Elke functie doet hoogstens één vaste query, hoeveel gebieden, categorieën of jaren er
ook zijn; de rekenregels staan in trends.py, de grafieken in charts.py.
"""

from django.db.models import Q
from django.utils.formats import number_format
from django_tables2 import RequestConfig

from cijfers import charts, tables, trends
from cijfers.models import Categorie, Verandering
from ivp.models import Gebied

STANDAARD_LIJNEN = 5


def gekozen_jaren(request, beschikbaar, naam="jaar"):
    """De jaren uit de querystring die er zijn; zonder (geldige) keuze alle jaren."""
    gekozen = {int(j) for j in request.GET.getlist(naam) if j.isdigit()}
    return sorted(j for j in beschikbaar if j in gekozen) or sorted(beschikbaar)


def bronnen(records):
    return sorted({r["bron_titel"] for r in records})


def eenheid(categorieen):
    eenheden = {c.get_eenheid_display() for c in categorieen}
    return eenheden.pop() if len(eenheden) == 1 else "aantal"


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


def per_inwoners(frame, sleutels, labels, jaren, rij_kolommen, kop):
    """Tabel met het aantal per 1.000 inwoners voor de reeksen waar het inwonertal bekend is;
    None als dat nergens zo is."""
    uitkomst = trends.breed_per_inwoners(frame, jaren, rij_kolommen)
    if uitkomst is None:
        return None
    waarden, statussen, bronnen_inwoners = uitkomst
    jaren = [j for j in jaren if any((s, j) in statussen for s in sleutels)]
    rijen = []
    for sleutel in sleutels:
        rij = {
            "categorie": labels[sleutel]["categorie"],
            "url": labels[sleutel].get("url"),
            "niveau": labels[sleutel].get("niveau", 0),
            "statussen": {j: statussen.get((sleutel, j)) for j in jaren},
        }
        rij.update({f"j{j}": waarden.get((sleutel, j)) for j in jaren})
        if any(rij["statussen"].values()):
            rijen.append(rij)
    if not rijen:
        return None
    return {
        "tabel": tables.per_inwoners_tabel(rijen, jaren, kop),
        "jaren": jaren,
        "bronnen_inwoners": bronnen_inwoners,
    }


def grafiek(ident, figuur, bestandsnaam, tabel=None, beschrijving=""):
    """Context voor templates/cijfers/_grafiek.html."""
    return {
        "id": ident,
        "data_id": f"{ident}-data",
        "figuur": figuur,
        "titel": figuur["layout"]["title"]["text"],
        "bestandsnaam": bestandsnaam,
        "tabel": tabel,
        "beschrijving": beschrijving,
    }


def gepubliceerde_veranderingen(nieuw, vorig, waar):
    """De percentages die de bron alleen als percentage geeft, in één query.

    Geeft (halfjaren, regio): halfjaren per (gebied-id, categorie-id) een dict met "h1"
    en "h2"; regio per categorie-id een (regionaam, procent).
    """
    halfjaren, regio = {}, {}
    if vorig is None:
        return halfjaren, regio
    rijen = (
        Verandering.objects.filter(waar, jaar=nieuw, vergeleken_met=vorig)
        .filter(
            Q(gebied__soort=Gebied.Soort.REGIO, periode=Verandering.Periode.JAAR)
            | ~Q(periode=Verandering.Periode.JAAR)
        )
        .select_related("gebied")
    )
    for v in rijen:
        if v.gebied.soort == Gebied.Soort.REGIO:
            regio[v.categorie_id] = (v.gebied.naam, v.procent)
        else:
            sleutel = (v.gebied_id, v.categorie_id)
            halfjaren.setdefault(sleutel, {})[v.periode.lower()] = v.procent
    return halfjaren, regio


def aangevulde_halfjaren(gepubliceerd, halfframe, sleutels, vorig, nieuw):
    """De halfjaarveranderingen die de bron publiceert, aangevuld met die uit opgeslagen
    halfjaren en volledige zesmaandsreeksen (bijv. uit een import); de bron gaat voor.
    Sleutels zijn (gebied-id, categorie-id)."""
    uitkomst = {sleutel: dict(waarden) for sleutel, waarden in gepubliceerd.items()}
    if halfframe is None:
        return uitkomst
    berekend = trends.halfjaarveranderingen(
        halfframe, sleutels, vorig, nieuw, rij_kolommen=("gebied", "categorie")
    )
    for sleutel, waarden in berekend.items():
        for helft, procent in waarden.items():
            uitkomst.setdefault(sleutel, {}).setdefault(helft, procent)
    return uitkomst


def halfjaarkolommen(halfjaren, nieuw, vorig):
    aanwezig = {k for waarden in halfjaren.values() for k in waarden}
    kolommen = [
        ("h1", f"Jan-jun {nieuw} t.o.v. jan-jun {vorig} (%)"),
        ("h2", f"Jul-dec {nieuw} t.o.v. jul-dec {vorig} (%)"),
    ]
    return [(k, kop) for k, kop in kolommen if k in aanwezig]


def trendoverzicht(request, gebied, categorieen, frame, bronlijst, afgeleid=(), halfframe=None):
    """Trendtabel, trendgrafiek, kleine veelvouden en per 1.000 inwoners voor één gebied.

    `frame` zijn de jaarcijfers van dit gebied (pagina.jaarcijfers), `afgeleid` de
    (gebied, categorie, jaar) die een som van de leden zijn, `halfframe` de halfjaren
    (trends.halfjaarframe) voor de halfjaarveranderingen die de bron niet publiceert.
    """
    beschikbaar = sorted(int(j) for j in frame["jaar"].unique())
    jaren = gekozen_jaren(request, beschikbaar)
    aanwezig = set(frame["categorie"])
    getoond = [c for c in categorieen if c.pk in aanwezig]
    waarden, statussen = trends.breed(frame, [c.pk for c in getoond], beschikbaar)
    nieuw = jaren[-1] if jaren else None
    vorig = nieuw - 1 if nieuw and nieuw - 1 in beschikbaar else None
    verandering = trends.veranderingen(waarden, vorig, nieuw)
    halfjaren, regio = gepubliceerde_veranderingen(
        nieuw, vorig, Q(gebied=gebied) | Q(gebied__soort=Gebied.Soort.REGIO)
    )
    halfjaren = aangevulde_halfjaren(
        halfjaren, halfframe, [(gebied.pk, c.pk) for c in getoond], vorig, nieuw
    )
    gepubliceerd = {
        c.pk: {**halfjaren.get((gebied.pk, c.pk), {}), "regio": regio.get(c.pk, (None, None))[1]}
        for c in getoond
    }
    extra = []
    if regio:
        naam = next(iter(regio.values()))[0]
        extra.append(("regio", f"Regio {naam} {nieuw} t.o.v. {vorig} (%)"))
    extra += halfjaarkolommen(halfjaren, nieuw, vorig)
    rijen = [
        (
            c.pk,
            {
                "categorie": c.naam,
                "volgorde": c.volgorde,
                "niveau": 1 if c.ouder_id else 0,
                "url": c.get_absolute_url(),
            },
        )
        for c in getoond
    ]
    rijdata = trends.trendrijen(
        rijen, waarden[jaren], statussen[jaren], verandering if vorig else None, gepubliceerd
    )
    tabel = tables.trendtabel(rijdata, jaren, nieuw, vorig, extra)
    RequestConfig(request, paginate=False).configure(tabel)

    bron = "; ".join(bronlijst)
    gekozen = set(request.GET.getlist("categorie"))
    lijnen = [c for c in getoond if c.slug in gekozen] or [
        c for c in getoond if c.ouder_id is None and c.groep != Categorie.Groep.TOTAAL
    ][:STANDAARD_LIJNEN]
    reeksen = [(c.naam, waarden.loc[c.pk, jaren].tolist()) for c in lijnen]
    trendgrafiek = grafiek(
        "trendgrafiek",
        charts.lijngrafiek(
            reeksen, jaren, f"{gebied.naam}: trend per categorie", eenheid(lijnen), bron
        ),
        f"{gebied.slug}-trend",
        beschrijving="De cijfers staan in de trendtabel hierboven.",
    )
    groepen = []
    for groep, label in Categorie.Groep.choices:
        leden = [c for c in getoond if c.groep == groep]
        if leden:
            groepen.append((label, [(c.naam, waarden.loc[c.pk, jaren].tolist()) for c in leden]))
    veelvouden = grafiek(
        "veelvouden",
        charts.kleine_veelvouden(
            groepen, jaren, f"{gebied.naam}: per groep", eenheid(getoond), bron
        ),
        f"{gebied.slug}-per-groep",
        beschrijving="De cijfers staan in de trendtabel hierboven.",
    )
    labels = {
        c.pk: {"categorie": c.naam, "url": c.get_absolute_url(), "niveau": n}
        for c, n in ((c, 1 if c.ouder_id else 0) for c in getoond)
    }
    return {
        "tabel": tabel,
        "jaren": jaren,
        "beschikbare_jaren": beschikbaar,
        "nieuw": nieuw,
        "vorig": vorig,
        "bronnen": bronlijst,
        "afgeleide_jaren": sorted({j for g, _, j in afgeleid if g == gebied.pk and j in jaren}),
        "per_inwoners": per_inwoners(
            frame, [c.pk for c in getoond], labels, jaren, ("categorie",), "Categorie"
        ),
        "heeft_toeval": any(r.get("toeval") for r in rijdata),
        "categorie_keuze": [(c, c in lijnen) for c in getoond],
        "trendgrafiek": trendgrafiek if getoond else None,
        "veelvouden": veelvouden if getoond else None,
    }


def vergelijking(request, basisteam, categorieen, frame, bronlijst):
    """De gemeenten naast elkaar in één jaar, hun aandeel, en het afgeleide restant.

    `frame` bevat de jaarcijfers van het basisteam (ook afgeleide sommen) en van zijn leden.
    """
    leden = list(basisteam.leden.all())
    team = frame[frame["gebied"] == basisteam.pk]
    delen = frame[frame["gebied"].isin([g.pk for g in leden])]
    gemeenschappelijk = sorted(set(team["jaar"]) & set(delen["jaar"]))
    if not gemeenschappelijk:
        return None
    gekozen = gekozen_jaren(request, gemeenschappelijk, naam="vergelijkingsjaar")
    jaar = gekozen[-1]
    met_cijfers = [g for g in leden if g.pk in set(delen[delen["jaar"] == jaar]["gebied"])]
    zonder = [g for g in leden if g not in met_cijfers]
    gedeeld = [
        c
        for c in categorieen
        if c.pk in set(team[team["jaar"] == jaar]["categorie"])
        and c.pk in set(delen[delen["jaar"] == jaar]["categorie"])
    ]
    totaal, _ = trends.breed(team, [c.pk for c in gedeeld], [jaar])
    sleutels = [(g.pk, c.pk) for g in met_cijfers for c in gedeeld]
    per_gemeente, _ = trends.breed(delen, sleutels, [jaar], rij_kolommen=("gebied", "categorie"))
    rest = trends.restant(totaal, per_gemeente)
    restlabel = (
        f"overig ({', '.join(g.naam for g in zonder)}, afgeleid)" if zonder else "overig (afgeleid)"
    )

    rijen, negatief = [], []
    for c in gedeeld:
        som = totaal.at[c.pk, jaar]
        rij = {"categorie": c.naam, "basisteam": trends.als_getal(som)}
        for g in met_cijfers:
            rij[f"g{g.pk}"] = trends.als_getal(per_gemeente.at[(g.pk, c.pk), jaar])
            rij[f"a{g.pk}"] = _aandeel(per_gemeente.at[(g.pk, c.pk), jaar], som)
        rij["overig"] = trends.als_getal(rest.at[c.pk, jaar])
        rij["aovg"] = _aandeel(rest.at[c.pk, jaar], som)
        if rij["overig"] is not None and rij["overig"] < 0:
            negatief.append(c.naam)
            rij["aovg"] = None
        rijen.append(rij)

    kolommen = [("categorie", "Categorie", False)]
    kolommen += [(f"g{g.pk}", g.naam, True) for g in met_cijfers]
    kolommen += [("overig", restlabel, True), ("basisteam", f"{basisteam.naam} (totaal)", True)]
    kolommen += [(f"a{g.pk}", f"Aandeel {g.naam} (%)", True) for g in met_cijfers]
    kolommen += [("aovg", f"Aandeel {restlabel} (%)", True)]
    tabel = tables.eenvoudige_tabel(rijen, kolommen)

    namen = [c.naam for c in gedeeld]
    reeksen = [(g.naam, [rij[f"g{g.pk}"] for rij in rijen], False) for g in met_cijfers]
    reeksen.append((restlabel, [rij["overig"] for rij in rijen], True))
    bron = "; ".join(bronlijst)
    titel = f"Gemeenten naast elkaar, {jaar}"
    return {
        "jaar": jaar,
        "jaren": gemeenschappelijk,
        "tabel": tabel,
        "restlabel": restlabel,
        "negatief": negatief,
        "staaf": grafiek(
            "gemeenten",
            charts.staafgrafiek(namen, reeksen, titel, eenheid(gedeeld), bron),
            f"{basisteam.slug}-gemeenten-{jaar}",
            beschrijving="De cijfers staan in de tabel hieronder.",
        ),
        "aandeel": grafiek(
            "aandeel",
            charts.staafgrafiek(
                namen,
                [(n, [max(v, 0) if v is not None else None for v in w], a) for n, w, a in reeksen],
                f"Aandeel per gemeente in het basisteam, {jaar}",
                eenheid(gedeeld),
                bron,
                aandeel=True,
            ),
            f"{basisteam.slug}-aandeel-{jaar}",
            beschrijving="De aandelen staan in de tabel hieronder.",
        ),
    }


def belevingsgrafiek(metingen, titel, bestandsnaam):
    """Grafiek en tabel van de veiligheidsbeleving (rapportcijfers) met hun bronnen."""
    if not metingen:
        return None
    rijen = [
        {
            "gebied": m.gebied.naam,
            "jaar": str(m.jaar),
            "rapportcijfer": (
                number_format(m.rapportcijfer, decimal_pos=1)
                if m.rapportcijfer is not None
                else trends.ONTBREEKT
            ),
            "onderzoek": m.onderzoek,
            "bron": m.bron.titel,
            "toelichting": m.toelichting,
        }
        for m in metingen
    ]
    tabel = tables.eenvoudige_tabel(
        rijen,
        [
            ("gebied", "Gebied", False),
            ("jaar", "Jaar", False),
            ("rapportcijfer", "Rapportcijfer", True),
            ("onderzoek", "Onderzoek", False),
            ("bron", "Bron", False),
            ("toelichting", "Toelichting", False),
        ],
    )
    bron = "; ".join(sorted({m.bron.titel for m in metingen}))
    figuur = charts.belevingsgrafiek(
        [(f"{m.gebied.naam} {m.jaar}", m.rapportcijfer, m.onderzoek) for m in metingen],
        titel,
        bron,
    )
    return grafiek("beleving", figuur, bestandsnaam, tabel=tabel)


def _aandeel(deel, geheel):
    if trends.is_leeg(deel) or trends.is_leeg(geheel) or int(geheel) == 0:
        return None
    return round(int(deel) / int(geheel) * 100, 1)


def reeksoverzicht(
    request,
    frame,
    bronlijst,
    sleutels,
    labels,
    titel,
    eenheid_tekst,
    bestandsnaam,
    halfjaren=None,
    halfframe=None,
):
    """Tabel, lijngrafiek en per 1.000 inwoners voor reeksen met een willekeurige sleutel.

    `frame` zijn jaarcijfers (pagina.jaarcijfers) van de getoonde gebieden; `sleutels` zijn
    (gebied, categorie)-paren in weergavevolgorde; `labels` geeft per sleutel de vaste velden
    van de rij (waaronder "categorie": de naam in de eerste kolom).
    """
    beschikbaar = sorted(int(j) for j in frame["jaar"].unique())
    jaren = gekozen_jaren(request, beschikbaar)
    waarden, statussen = trends.breed(
        frame, sleutels, beschikbaar, rij_kolommen=("gebied", "categorie")
    )
    nieuw = jaren[-1] if jaren else None
    vorig = nieuw - 1 if nieuw and nieuw - 1 in beschikbaar else None
    verandering = trends.veranderingen(waarden, vorig, nieuw)
    halfjaren = aangevulde_halfjaren(halfjaren or {}, halfframe, sleutels, vorig, nieuw)
    rijdata = trends.trendrijen(
        [(s, labels[s]) for s in sleutels],
        waarden[jaren],
        statussen[jaren],
        verandering if vorig else None,
        halfjaren,
    )
    tabel = tables.trendtabel(
        rijdata, jaren, nieuw, vorig, halfjaarkolommen(halfjaren, nieuw, vorig)
    )
    RequestConfig(request, paginate=False).configure(tabel)
    bron = "; ".join(bronlijst)
    reeksen = [(labels[s]["categorie"], waarden.loc[s, jaren].tolist()) for s in sleutels]
    figuur = charts.lijngrafiek(reeksen, jaren, titel, eenheid_tekst, bron)
    return {
        "tabel": tabel,
        "jaren": jaren,
        "beschikbare_jaren": beschikbaar,
        "nieuw": nieuw,
        "vorig": vorig,
        "bronnen": bronlijst,
        "per_inwoners": per_inwoners(
            frame, sleutels, labels, jaren, ("gebied", "categorie"), "Reeks"
        ),
        "heeft_toeval": any(r.get("toeval") for r in rijdata),
        "grafiek": grafiek(
            "lijnen",
            figuur,
            bestandsnaam,
            beschrijving="De cijfers staan in de tabel hierboven.",
        )
        if sleutels
        else None,
    }
