"""De cijferpagina's: gebied, categorie, verkenner en data.csv.

Elke view leest de querystring (keuze_uit), haalt op wat de pagina nodig heeft, laat de
bouwers uit cijfers/pagina/ de tabellen maken, beantwoordt een exportverzoek, en tekent pas
daarna de grafieken.
"""

import csv
import dataclasses
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef, Q, Subquery, prefetch_related_objects
from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django_tables2.export import TableExport

from cijfers.filters import CijferFilter
from cijfers.importeren.plan import herzieningen
from cijfers.models import Categorie, Cijfer, Veiligheidsbeleving, Verandering
from cijfers.pagina import gebied as gebiedspagina
from cijfers.pagina import inwoners as inwonerspagina
from cijfers.pagina import overzichten
from cijfers.pagina import toelichtingen as toelichtingslijst
from cijfers.pagina.keuze import EXPORTFORMATEN, categoriegroepen, gebiedskeuze, keuze_uit
from cijfers.pagina.reeksen import (
    exporttabellen,
    gepubliceerd,
    jaarkeuze,
    jaarreeksen,
    met_lijngrafiek,
)
from cijfers.pagina.vooraf import vooraf_gebouwd
from cijfers.toelichtingen import analyses_van, van_gebieden
from cijfers.veilig import neutraliseer, veilige_dataset
from cijfers.vergelijking import categorieverhoudingen_van, inwonersvergelijking_van
from ivp.gegevensversie import per_versie
from ivp.models import Gebied, Plan
from ivp.rechten import mag_toelichten

CSV_KOLOMMEN = ["gebied", "categorie", "jaar", "periode", "waarde", "bron", "status", "eenheid"]


class _Echo:
    def write(self, value):
        return value


def cijfer_rijen(cijfers):
    """De cijfers (tuples van CijferQuerySet.voor_export) als rijen in lang formaat; een
    geheim cijfer heeft een lege waarde, de eenheid staat er als tekst."""
    eenheden = dict(Categorie.Eenheid.choices)
    yield CSV_KOLOMMEN
    for gebied, categorie, jaar, periode, waarde, bron, status, eenheid in cijfers:
        waarde = "" if waarde is None else waarde
        yield [
            gebied,
            categorie,
            jaar,
            periode,
            waarde,
            bron,
            status,
            eenheden.get(eenheid, eenheid),
        ]


def data_csv(request):
    """Alle opgeslagen cijfers in lang formaat (UTF-8, komma's), één rij per aantal."""
    writer = csv.writer(_Echo(), lineterminator="\n")
    cijfers = Cijfer.objects.voor_export().iterator(chunk_size=2000)
    response = StreamingHttpResponse(
        (writer.writerow([neutraliseer(cel) for cel in rij]) for rij in cijfer_rijen(cijfers)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="ivp-bes-cijfers.csv"'
    return response


class VeiligeExport(TableExport):
    """TableExport van django-tables2 zonder formules in de cellen (cijfers/veilig.py).

    Met `bron` (tekst) krijgt een tabel zonder eigen kolom "Bron" er een als laatste kolom,
    met die tekst in elke rij: elke export zegt waar zijn cijfers vandaan komen (issue 15,
    punt 6)."""

    def __init__(self, *args, bron="", toelichting=None, **kwargs):
        self.bron = bron
        self.toelichting = toelichting or {}
        super().__init__(*args, **kwargs)

    def table_to_dataset(self, table, exclude_columns, dataset_kwargs=None):
        dataset = super().table_to_dataset(table, exclude_columns, dataset_kwargs)
        if self.bron and "Bron" not in (dataset.headers or []):
            dataset.append_col([self.bron] * dataset.height, header="Bron")
        if self.toelichting:
            # Issue 17: de toelichting van de gemeente per rij (de naam in de eerste kolom).
            kolom = [self.toelichting.get(rij[0], "") for rij in dataset]
            dataset.append_col(kolom, header="Toelichting")
        return veilige_dataset(dataset)


def export(keuze, tabellen, bestandsnaam, bronnen=None, toelichtingen=None):
    """Het antwoord op ?_export=csv|xlsx: de eerste tabel, of die van ?_tabel=naam.

    `bronnen` is {tabelnaam: [brontitel, ...]}: de kolom "Bron" van die export (zie
    VeiligeExport); `toelichtingen` {tabelnaam: {rijnaam: tekst}} de kolom "Toelichting". Http404 bij een onbekend formaat of een tabel die niet op de pagina
    staat (None).
    """
    if keuze.export not in EXPORTFORMATEN:
        raise Http404("Onbekend exportformaat: kies csv of xlsx.")
    naam = keuze.exporttabel or next(iter(tabellen))
    if tabellen.get(naam) is None:
        raise Http404("Deze tabel staat niet op de pagina.")
    bron = "; ".join((bronnen or {}).get(naam) or [])
    toelichting = (toelichtingen or {}).get(naam)
    return VeiligeExport(keuze.export, tabellen[naam], bron=bron, toelichting=toelichting).response(
        f"{bestandsnaam}-{naam}.{keuze.export}"
    )


def _trendbronnen(overzicht, naam):
    """{naam: bronnen, "per1000": bronnen} voor export(): de bronnen van een Reeksoverzicht;
    die van de tabel per 1.000 inwoners zegt dat hij berekend is, ook uit de inwonertallen."""
    per_inwoners = overzicht.per_inwoners
    inwoners = [f"inwoners: {b}" for b in (per_inwoners.bronnen_inwoners if per_inwoners else [])]
    return {naam: overzicht.bronnen, "per1000": [BEREKEND, *overzicht.bronnen, *inwoners]}


# De eerste bron van een export met cijfers per 1.000 inwoners (issue 15, punt 6).
BEREKEND = "berekend per 1.000 inwoners uit de aantallen en het aantal inwoners"


def _met_plan_zonder_deelname(gebieden):
    """Annoteert `plan_zonder_deelname`: de naam van het oudste plan waaraan het gebied niet
    deelneemt (None als het aan alle plannen deelneemt), in dezelfde query."""
    deelname = Plan.deelnemers.through.objects.filter(
        plan=OuterRef("pk"), gebied=OuterRef(OuterRef("pk"))
    )
    zonder = Plan.objects.filter(~Exists(deelname)).order_by("begin_jaar", "pk")
    return gebieden.annotate(plan_zonder_deelname=Subquery(zonder.values("naam")[:1]))


def _veranderingen(waar, nieuw, vorig):
    """De gepubliceerde veranderingen (reeksen.Gepubliceerd) van `vorig` naar `nieuw` binnen
    `waar`; zonder vorig jaar geen query."""
    if vorig is None:
        return gepubliceerd([])
    return gepubliceerd(Verandering.objects.filter(waar).gepubliceerd(nieuw, vorig))


def _gebiedscijfers(slug, keuze):
    """Gebiedscijfers: het gebied met zijn leden, de categorieën, de cijfers van het gebied
    en (een basisteam) zijn leden, en de gepubliceerde veranderingen van het gebied en de
    regio. Queries: gebied, leden, categorieën, cijfers, cijfers van de leden (alleen een
    basisteam met leden), veranderingen (alleen als er een vorig jaar is)."""
    gebieden = Gebied.objects.exclude(soort=Gebied.Soort.REGIO).prefetch_related("leden")
    gebied = get_object_or_404(_met_plan_zonder_deelname(gebieden), slug=slug)
    categorieen = list(Categorie.objects.select_related("ouder"))
    records = list(Cijfer.objects.filter(gebied=gebied).records(inwoners=True))
    leden = list(gebied.leden.all()) if gebied.soort == Gebied.Soort.BASISTEAM else []
    if leden:
        records += Cijfer.objects.filter(gebied__in=leden).records(inwoners=True)
    cijfers = jaarreeksen(records, [gebied])
    jaren = jaarkeuze(cijfers.frame[cijfers.frame["gebied"] == gebied.pk], keuze.jaren)
    waar = Q(gebied=gebied) | Q(gebied__soort=Gebied.Soort.REGIO)
    veranderingen = _veranderingen(waar, jaren.nieuw, jaren.vorig)
    return gebiedspagina.Gebiedscijfers(gebied, categorieen, cijfers, jaren, veranderingen)


def _per_groep(cijfers, keuze):
    """De trendtabel van de categorieën van de bron (Gebiedscijfers met alleen die), en per
    groep andere soorten misdrijf van de politie met cijfers van dit gebied (titel,
    Trendoverzicht) voor een inklapbaar blok onder de trendtabel. Geen queries."""
    bron, groepen = categoriegroepen(cijfers.categorieen)
    overige = []
    for groep in groepen:
        overzicht = gebiedspagina.trendoverzicht(
            dataclasses.replace(cijfers, categorieen=list(groep.categorieen)), keuze
        )
        if overzicht.tabel.rows:
            overige.append((groep.titel, overzicht))
    return dataclasses.replace(cijfers, categorieen=bron), overige


def _trenddelen(cijfers, keuze, analyses):
    """(Trendoverzicht, [(titel, Trendoverzicht)]) van de gebiedspagina: de trendtabel van de
    categorieën van de bron met de halfjaarnoten van `analyses` en, behalve voor een export,
    haar grafieken (gebiedspagina.met_trendgrafieken); en de andere soorten per groep
    (`_per_groep`). `cijfers` zijn de Gebiedscijfers met alle categorieën. Geen queries."""
    bron, overige = _per_groep(cijfers, keuze)
    noten = gebiedspagina.halfjaarnoten(analyses)
    overzicht = gebiedspagina.trendoverzicht(bron, keuze, noten)
    if not keuze.export:
        overzicht = gebiedspagina.met_trendgrafieken(overzicht, cijfers.gebied)
    return overzicht, overige


def _lokale_speerpunten(gebied):
    """De LokaleSpeerpunten van een gemeente, via de omgekeerde relatie `speerpunten` (één
    query, plus doelen en maatregelen als er speerpunten zijn); None voor een basisteam."""
    if gebied.soort != Gebied.Soort.GEMEENTE:
        return None
    speerpunten = gebied.speerpunten.select_related("plan").prefetch_related(
        "doelen", "maatregelen"
    )
    return gebiedspagina.LokaleSpeerpunten(list(speerpunten), gebied.plan_zonder_deelname or "")


def _gemeenteanalyses(gebied):
    """De analyses van hoofdstuk 8 van een plan voor deze gemeente (Gemeenteanalyse, via de
    omgekeerde relatie `analyses`, met hun plan; één query); [] voor een basisteam of regio."""
    if gebied.soort != Gebied.Soort.GEMEENTE:
        return []
    return list(gebied.analyses.select_related("plan", "gebied").order_by("-plan__begin_jaar"))


def _gebiedsdelen(slug, keuze):
    """De delen van /gebieden/<slug>/ voor de pagina en de export (een dict): het gebied, de
    trendtabel met haar grafieken (niet voor een export) en de andere soorten, de analyses van
    hoofdstuk 8 (niet voor een export), "is dat veel?", de gemeenten naast elkaar, de
    beleving en de toelichtingen als teken in de cellen. Queries: zie
    tests/test_gebied.py (de koude telling)."""
    alle = _gebiedscijfers(slug, keuze)
    # De trendtabel toont de categorieën van de bron (de andere soorten: `overige`).
    cijfers = dataclasses.replace(alle, categorieen=categoriegroepen(alle.categorieen)[0])
    gebied = cijfers.gebied
    # De analyses van hoofdstuk 8 (niet voor een export): hun halfjaarnoten krijgen een teken.
    analyses = [] if keuze.export else _gemeenteanalyses(gebied)
    overzicht, overige = _trenddelen(alle, keuze, analyses)
    # "Is dat veel?" (issue 14): per 1.000 inwoners naast Nederland, basisteam en groep.
    inwoners = per_versie("gebied.inwoners", (slug,), lambda: inwonersvergelijking_van(cijfers))
    vergelijking = gebiedspagina.vergelijking(cijfers, keuze)
    beleving = list(
        Veiligheidsbeleving.objects.filter(gebied__in=[gebied, *gebied.leden.all()])
        .select_related("gebied", "bron")
        .order_by("gebied__volgorde", "jaar")
    )
    # Issue 17: de toelichtingen van de gemeente, als teken in de cellen (1 query).
    eigen = van_gebieden([gebied.pk])
    per_rij = toelichtingslijst.lijst(eigen).per_reeks(lambda regel: regel.categorie_naam)
    for tabel in (overzicht.tabel, *(o.tabel for _, o in overige)):
        toelichtingslijst.markeer_tabel(tabel, per_rij)
    return {
        "gebied": gebied,
        "analyses": analyses,
        "overzicht": overzicht,
        "overige": overige,
        "inwoners": inwoners,
        "vergelijking": vergelijking,
        "beleving": beleving,
        "belevingstabel": gebiedspagina.belevingstabel(beleving),
        "eigen": eigen,
        "per_rij": per_rij,
    }


def _gebiedsexport(keuze, delen):
    """De CSV- of XLSX-download van /gebieden/<slug>/?_export= uit de `delen`
    (_gebiedsdelen): trend, gemeenten, beleving, vergelijking en de laatste 12 maanden."""
    overzicht, vergelijking, inwoners = delen["overzicht"], delen["vergelijking"], delen["inwoners"]
    tabellen = exporttabellen(overzicht, "trend")
    tabellen["gemeenten"] = vergelijking and vergelijking.tabel
    tabellen["beleving"] = delen["belevingstabel"]
    bronnen = _trendbronnen(overzicht, "trend")
    bronnen["gemeenten"] = vergelijking and vergelijking.bronnen
    # Berekend uit de cijfers en de bevolking (Bevolking, CBS); de bronnen van de cijfers.
    # Alleen de bronnen van de vergeleken aantallen (Inwonersvergelijking), niet die van de
    # hele trendtabel (proefgebruik: de tabellen van het plan van 2018 stonden erbij).
    tabellen["vergelijking"] = inwoners and inwoners.tabel
    bronnen["vergelijking"] = _vergelijkingsbronnen(overzicht, inwoners, "bronnen_jaar")
    tabellen["twaalf"] = inwoners and inwoners.twaalf_tabel
    bronnen["twaalf"] = _vergelijkingsbronnen(overzicht, inwoners, "bronnen_twaalf")
    toelichtingen = {"trend": toelichtingslijst.exportkolom(delen["per_rij"])}
    return export(keuze, tabellen, f"ivp-bes-{delen['gebied'].slug}", bronnen, toelichtingen)


def _vergelijkingsbronnen(overzicht, inwoners, soort):
    """De bronkolom van een export van "is dat veel?": BEREKEND, de bronnen van de vergeleken
    aantallen (Inwonersvergelijking.`soort`, anders al haar bronnen) en die van de inwoners;
    zonder Inwonersvergelijking [] (er is dan geen tabel)."""
    if inwoners is None:
        return []
    per_inwoners = overzicht.per_inwoners
    eigen = [f"inwoners: {b}" for b in (per_inwoners.bronnen_inwoners if per_inwoners else [])]
    return [BEREKEND, *(getattr(inwoners, soort) or inwoners.bronnen), *eigen]


def _gebiedsinhoud(slug, keuze):
    """De context van /gebieden/<slug>/ behalve wat per bezoeker verschilt (mag_toelichten),
    met de grafieken erbij en de tabelrijen en grafiek-JSON vooraf gebouwd (vooraf_gebouwd),
    om per gegevensversie te cachen. Queries: die van _gebiedsdelen, plus de lokale
    speerpunten (gemeente) en de herziene plancijfers."""
    delen = _gebiedsdelen(slug, keuze)
    gebied, overzicht, beleving = delen["gebied"], delen["overzicht"], delen["beleving"]
    grafiek = toelichtingslijst.met_toelichtingen_in_grafiek(
        overzicht.grafiek, overzicht, gebied.pk, delen["eigen"]
    )
    vergelijking = delen["vergelijking"]
    return vooraf_gebouwd(
        {
            "gebied": gebied,
            "overzicht": dataclasses.replace(overzicht, grafiek=grafiek),
            "toelichtingen": toelichtingslijst.lijst(delen["eigen"], delen["analyses"]),
            "vergelijking": vergelijking and gebiedspagina.met_vergelijkingsgrafieken(vergelijking),
            "beleving": gebiedspagina.belevingsgrafiek(beleving, delen["belevingstabel"], gebied),
            # Metingen zonder rapportcijfer (Eemnes 2014): onder de grafiek met hun reden.
            "beleving_zonder": [m for m in beleving if m.rapportcijfer is None],
            "lokaal": _lokale_speerpunten(gebied),
            "analyses": delen["analyses"],
            "overige": delen["overige"],
            "herzien": herzieningen(gebied),
            "inwoners": inwonerspagina.met_paneel(
                delen["inwoners"], gebied, "; ".join(overzicht.bronnen)
            ),
        }
    )


def gebied(request, slug):
    """/gebieden/<slug>/: trend, per 1.000 inwoners, grafieken, vergelijking, beleving.

    De pagina (en een export) per gegevensversie uit de cache (ivp/gegevensversie.py): bij een
    treffer 1 query (de versie). Sleutel: slug, de gekozen jaren, sortering en categorieën."""
    keuze = keuze_uit(request.GET)
    sleutel = (
        slug,
        tuple(sorted(keuze.jaren)),
        tuple(sorted(keuze.vergelijkingsjaren)),
        tuple(keuze.sortering),
        tuple(sorted(keuze.categorieen)),
    )
    if keuze.export:
        delen = per_versie("gebied.export", sleutel, lambda: _gebiedsdelen(slug, keuze))
        return _gebiedsexport(keuze, delen)
    context = per_versie("gebied.inhoud", sleutel, lambda: _gebiedsinhoud(slug, keuze))
    return render(
        request,
        "cijfers/gebied.html",
        {**context, "mag_toelichten": mag_toelichten(request.user, context["gebied"].pk)},
    )


def _eigen_en_gekozen(gekozen):
    """De eigen gebieden (Gebied.objects.eigen) en de gekozen slugs, zonder regio's: de
    gebieden met een vinkje op de verkenner en de categoriepagina's (één queryset)."""
    return (Gebied.objects.eigen() | Gebied.objects.filter(slug__in=gekozen)).exclude(
        soort=Gebied.Soort.REGIO
    )


def _gevonden(keuze):
    """De gebieden die de zoekvraag ?zoek= vindt (GebiedQuerySet.zoek); zonder vraag geen
    query."""
    return list(Gebied.objects.zoek(keuze.zoek)) if keuze.zoek else []


def _gebieden_met_leden(categorie, gekozen=()):
    """De eigen gebieden en de gekozen (geen regio's, niet alle referentiegebieden van het
    land), met `heeft_cijfers` (eigen cijfers in de categorie: een indexsprong per gebied);
    de leden alleen opgehaald als er een basisteam is (één query, hoeveel teams ook)."""
    eigen = Cijfer.objects.filter(gebied=OuterRef("pk"), categorie=categorie)
    alle = list(_eigen_en_gekozen(gekozen).annotate(heeft_cijfers=Exists(eigen)))
    prefetch_related_objects([g for g in alle if g.soort == Gebied.Soort.BASISTEAM], "leden")
    return alle


def _op_te_halen(gebieden, gekozen=None):
    """De ids van de gebieden waarvan de categoriepagina de cijfers nodig heeft: de gekozen
    slugs met mogelijk cijfers (eigen, of een basisteam), of zonder zo'n keuze alle gegeven
    gebieden met mogelijk cijfers (`gekozen` None: altijd alle), plus elk basisteam met zijn
    leden (voor de afgeleide sommen). Nooit alle gebieden van het land: `gebieden` zijn de
    eigen en de gekozen (_gebieden_met_leden)."""
    mogelijk = [g for g in gebieden if g.heeft_cijfers or g.soort == Gebied.Soort.BASISTEAM]
    basis = [g for g in mogelijk if gekozen and g.slug in gekozen] or mogelijk
    teams = [g for g in gebieden if g.soort == Gebied.Soort.BASISTEAM]
    ids = {g.pk for g in basis} | {g.pk for g in teams}
    return ids | {lid.pk for team in teams for lid in team.leden.all()}


def _categoriecijfers(categorie, ids=None):
    """De cijferrecords (met inwoners) van de categorie in de gebieden `ids` (None: alle)."""
    cijfers = Cijfer.objects.filter(categorie=categorie)
    if ids is not None:
        cijfers = cijfers.filter(gebied__in=ids)
    return list(cijfers.records(inwoners=True))


def _categorieselectie(categorie, keuze):
    """De Categorieselectie met alleen de cijfers van de getoonde gebieden. Queries: gebieden
    (eigen en gekozen), leden (alleen met een basisteam), cijfers; een tweede keer de
    cijfers, van alle eigen en gekozen gebieden, alleen als de gekozen gebieden toch geen
    cijfers blijken te hebben."""
    gebieden = _gebieden_met_leden(categorie, keuze.gebieden)
    met_cijfers = [g.pk for g in gebieden if g.heeft_cijfers]
    ids = _op_te_halen(gebieden, keuze.gebieden)
    records = _categoriecijfers(categorie, ids)
    selectie = overzichten.categorieselectie(categorie, records, gebieden, keuze, met_cijfers)
    if not {g.pk for g in selectie.getoond} <= ids:
        records = _categoriecijfers(categorie, _op_te_halen(gebieden))
        selectie = overzichten.categorieselectie(categorie, records, gebieden, keuze, met_cijfers)
    return selectie


def _categoriedelen(slug, keuze):
    """De categorie, het Categorieoverzicht (tabel; nog zonder grafiek) en de toelichtingen van
    de getoonde gebieden bij de categorie (`eigen`, en per rij `per_rij`) van
    /cijfers/<categorie>/, voor de pagina en de export. Http404 voor een onbekende categorie.
    Queries: de categorie, de gebieden (en leden), de cijfers, de veranderingen, de
    toelichtingen (tests/test_categorie.py)."""
    categorie = get_object_or_404(Categorie.objects.select_related("ouder"), slug=slug)
    selectie = _categorieselectie(categorie, keuze)
    nieuw = selectie.jaarkeuze.nieuw
    veranderingen = _veranderingen(Q(categorie=categorie), nieuw, nieuw - 1 if nieuw else None)
    overzicht = overzichten.categorieoverzicht(selectie, veranderingen, keuze)
    # Issue 17: de toelichtingen van de getoonde gebieden bij deze categorie (1 query).
    eigen = van_gebieden([g.pk for g in overzicht.getoond], categorie.pk)
    per_rij = toelichtingslijst.lijst(eigen).per_reeks(lambda regel: regel.gebied_naam)
    toelichtingslijst.markeer_tabel(overzicht.tabel, per_rij)
    return categorie, selectie, overzicht, eigen, per_rij


def groepslinks(selectie, keuze, groepsgemeente):
    """[(gemeentenaam, "?querystring")]: per andere getoonde gemeente een link naar dezelfde
    categoriepagina met die gemeente vooraan in ?gebied=, zodat zij haar vergelijkingsgroep
    toont (vergelijking.categorieverhoudingen_van); de jaren en sortering blijven. Leeg als
    er maar één gemeente is of geen groep. Uit de Keuze, niet uit het verzoek: het hoort bij
    de gecachete inhoud (dezelfde sleutel)."""
    if not groepsgemeente:
        return []
    gemeenten = [g for g in selectie.getoond if g.soort == Gebied.Soort.GEMEENTE]
    getoond = [g.slug for g in selectie.getoond]
    links = []
    for gemeente in gemeenten:
        if gemeente.naam == groepsgemeente:
            continue
        parameters = [("gebied", gemeente.slug)]
        parameters += [("gebied", slug) for slug in getoond if slug != gemeente.slug]
        parameters += [("jaar", jaar) for jaar in sorted(keuze.jaren)]
        parameters += [("sort", sortering) for sortering in keuze.sortering]
        links.append((gemeente.naam, "?" + urlencode(parameters)))
    return links


def _categorieinhoud(slug, keuze):
    """De context van /cijfers/<categorie>/ behalve wat per bezoeker verschilt (`bewerkbaar`),
    met de grafieken erbij en de tabelrijen en grafiek-JSON vooraf gebouwd, om per
    gegevensversie te cachen; `eigen` (de toelichtingen) erbij voor `bewerkbaar`."""
    categorie, selectie, overzicht, eigen, _ = _categoriedelen(slug, keuze)
    overzicht = met_lijngrafiek(
        overzicht, f"{categorie.naam}: per gebied", f"categorie-{categorie.slug}"
    )
    # "Is dat veel?" (issue 14): per 1.000 inwoners met Nederland en een vergelijkingsgroep.
    verhoudingen = inwonerspagina.met_verhoudingsgrafiek(
        categorieverhoudingen_van(selectie), categorie, categorie.get_eenheid_display()
    )
    gevonden = gebiedskeuze(overzicht.gebieden, _gevonden(keuze))[len(overzicht.gebieden) :]
    return vooraf_gebouwd(
        {
            "groepslinks": groepslinks(selectie, keuze, verhoudingen.groepsgemeente),
            # De gebiedspagina's van de getoonde gemeenten (daar ook de laatste 12 maanden).
            "gemeentepaginas": [
                (g.naam, g.get_absolute_url())
                for g in overzicht.getoond
                if g.soort == Gebied.Soort.GEMEENTE
            ],
            "categorie": categorie,
            "overzicht": overzicht,
            "keuze": keuze,
            "gevonden": gevonden,
            "getoonde_slugs": {gebied.slug for gebied in overzicht.getoond},
            # De analyses van hoofdstuk 8 van de getoonde gemeenten, als tekst van het plan
            # (1 query).
            "toelichtingen": toelichtingslijst.lijst(
                eigen, analyses_van([g.pk for g in overzicht.getoond])
            ),
            "eigen": eigen,
            "verhoudingen": verhoudingen,
        }
    )


def _keuzesleutel(keuze):
    """De Keuze (keuze_uit) als tuple van gesorteerde waarden, zonder export: samen met de
    gegevensversie bepaalt die een cijferpagina. Uit de gelezen keuze, niet uit de ruwe
    querystring: een onbekende parameter of een andere volgorde maakt geen nieuwe
    cache-ingang."""
    return (
        tuple(sorted(keuze.jaren)),
        tuple(sorted(keuze.vergelijkingsjaren)),
        tuple(sorted(keuze.categorieen)),
        tuple(sorted(keuze.gebieden)),
        keuze.eerste_gebied,  # de groep op een categoriepagina
        tuple(keuze.sortering),
        keuze.zoek,
    )


def categorie(request, slug):
    """/cijfers/<categorie>/: een rij per gebied, per 1.000 inwoners en een lijngrafiek.

    Zonder keuze de eigen gebieden met cijfers; andere gebieden (referentiegebieden) kiest
    een bezoeker met het zoekveld (?zoek=, of met JavaScript /gebieden/zoek/). De pagina per
    gegevensversie en querystring uit de cache (ivp/gegevensversie.py): bij een treffer 1
    query (de versie)."""
    keuze = keuze_uit(request.GET)
    if keuze.export:
        categorie, selectie, overzicht, _, per_rij = _categoriedelen(slug, keuze)
        tabellen = exporttabellen(overzicht, "gebieden")
        bronnen = _trendbronnen(overzicht, "gebieden")
        if keuze.exporttabel == "verhoudingen":
            # Per 1.000 inwoners met Nederland en de groep (proefgebruik punt 8): alleen als
            # die tabel gevraagd is, want ze haalt Nederland en de groep op.
            verhoudingen = categorieverhoudingen_van(selectie)
            tabellen["verhoudingen"] = inwonerspagina.verhoudingstabel(verhoudingen)
            bronnen["verhoudingen"] = [
                BEREKEND,
                *verhoudingen.bronnen_aantallen,
                *(f"inwoners: {b}" for b in verhoudingen.bronnen_inwoners),
            ]
        return export(
            keuze,
            tabellen,
            f"ivp-bes-{categorie.slug}",
            bronnen,
            {"gebieden": toelichtingslijst.exportkolom(per_rij)},
        )
    context = per_versie(
        "categorie.inhoud", (slug, _keuzesleutel(keuze)), lambda: _categorieinhoud(slug, keuze)
    )
    bewerkbaar = {
        r.gebied_id for r in context["eigen"] if mag_toelichten(request.user, r.gebied_id)
    }
    return render(request, "cijfers/categorie.html", {**context, "bewerkbaar": bewerkbaar})


def verkenner(request):
    """/cijfers/: de gekozen gebieden, categorieën en jaren (django-filter) als reeksen.

    De vinkjes voor gebieden zijn de eigen gebieden en de gekozen (plus wat ?zoek= vond);
    zonder gekozen gebied toont de selectie de eigen gebieden, nooit alle van het land."""
    keuze = keuze_uit(request.GET)
    filter_ = CijferFilter(request.GET, queryset=Cijfer.objects.all(), jaren=Cijfer.objects.jaren())
    gekozen = filter_.is_bound and any(
        request.GET.getlist(k) for k in ("gebied", "categorie", "jaar")
    )
    geldig = gekozen and filter_.is_valid()
    gebieden = list(_eigen_en_gekozen(keuze.gebieden))
    categorieen = list(Categorie.objects.select_related("ouder"))

    def selectie():
        cijfers = filter_.qs if keuze.gebieden else filter_.qs.filter(gebied__in=gebieden)
        records = list(cijfers.records(inwoners=True)) if geldig else []
        return overzichten.verkenneroverzicht(
            records,
            {g.pk: g for g in gebieden} if records else {},
            {c.pk: c for c in categorieen} if records else {},
            keuze,
        )

    if keuze.export:
        overzicht = selectie()
        return export(
            keuze,
            exporttabellen(overzicht, "selectie"),
            "ivp-bes-verkenner",
            _trendbronnen(overzicht, "selectie"),
        )
    # De selectie met haar grafiek per gegevensversie en keuze uit de cache: de cijfers en de
    # trendpijplijn alleen bij de eerste aanvraag na een wijziging. Of het filter de keuze
    # aanvaardde hoort bij de sleutel (een ongeldig jaar geeft een lege selectie).
    overzicht = per_versie(
        "verkenner.overzicht",
        (_keuzesleutel(keuze), bool(geldig)),
        lambda: vooraf_gebouwd(
            met_lijngrafiek(selectie(), "Verkenner: gekozen reeksen", "verkenner")
        ),
    )
    bron, groepen = categoriegroepen(categorieen)
    context = {
        "filter": filter_,
        "gekozen": gekozen,
        "overzicht": overzicht,
        "keuze": keuze,
        "gebieden": gebiedskeuze(gebieden, _gevonden(keuze)),
        "bron_categorieen": bron,
        "categoriegroepen": groepen,
    }
    return render(request, "cijfers/verkenner.html", context)


def gebied_zoeken(request):
    """/gebieden/zoek/?q=: hoogstens 20 gebieden waarvan de naam of CBS-code q bevat, als JSON
    {"gebieden": [{"naam", "slug", "code", "soort"}]} voor static/js/zoek-gebied.js; één
    query (geen bij een lege vraag). Zonder JavaScript zoekt het formulier met ?zoek=."""
    gebieden = Gebied.objects.zoek(request.GET.get("q", "")[:100])
    return JsonResponse(
        {
            "gebieden": [
                {"naam": g.naam, "slug": g.slug, "code": g.cbs_code, "soort": g.get_soort_display()}
                for g in gebieden
            ]
        }
    )
