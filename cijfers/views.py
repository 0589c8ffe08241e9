import csv

from django.db.models import Q, prefetch_related_objects
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django_tables2.export import TableExport

from cijfers import pagina, tables, trends
from cijfers.filters import CijferFilter
from cijfers.models import Categorie, Cijfer, Veiligheidsbeleving
from ivp.models import Gebied
from prioriteiten.models import LokaalSpeerpunt

CSV_KOLOMMEN = ["gebied", "categorie", "jaar", "periode", "waarde", "bron", "status", "eenheid"]


class _Echo:
    def write(self, value):
        return value


def cijfer_rijen(cijfers):
    """De cijfers als rijen in lang formaat; een geheim cijfer heeft een lege waarde."""
    yield CSV_KOLOMMEN
    for c in cijfers:
        yield [
            c.gebied.naam,
            c.categorie.naam,
            c.jaar,
            c.periode,
            "" if c.waarde is None else c.waarde,
            c.bron.titel,
            c.status,
            c.categorie.get_eenheid_display(),
        ]


def data_csv(request):
    """Alle opgeslagen cijfers in lang formaat (UTF-8, komma's), één rij per aantal."""
    writer = csv.writer(_Echo(), lineterminator="\n")
    cijfers = Cijfer.objects.voor_export().iterator(chunk_size=2000)
    response = StreamingHttpResponse(
        (writer.writerow(rij) for rij in cijfer_rijen(cijfers)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="ivp-bes-cijfers.csv"'
    return response


def export(request, tabellen, bestandsnaam):
    """?_export=csv|xlsx geeft de eerste tabel; ?_tabel=naam kiest een andere."""
    formaat = request.GET.get("_export")
    if not formaat:
        return None
    if formaat not in ("csv", "xlsx"):
        raise Http404("Onbekend exportformaat: kies csv of xlsx.")
    naam = request.GET.get("_tabel") or next(iter(tabellen))
    if tabellen.get(naam) is None:
        raise Http404("Deze tabel staat niet op de pagina.")
    return TableExport(formaat, tabellen[naam]).response(f"{bestandsnaam}-{naam}.{formaat}")


def gebied(request, slug):
    gebied = get_object_or_404(
        Gebied.objects.exclude(soort=Gebied.Soort.REGIO).prefetch_related("leden"), slug=slug
    )
    categorieen = list(Categorie.objects.all())
    records = list(Cijfer.objects.filter(gebied=gebied).records(inwoners=True))
    basisteam = gebied.soort == Gebied.Soort.BASISTEAM
    leden = list(gebied.leden.all()) if basisteam else []
    if leden:
        records += Cijfer.objects.filter(gebied__in=leden).records(inwoners=True)
    teams = pagina.teams([gebied])
    frame, afgeleid = pagina.jaarcijfers(records, teams)
    eigen = frame[frame["gebied"] == gebied.pk]
    overzicht = pagina.trendoverzicht(
        request,
        gebied,
        categorieen,
        eigen,
        pagina.getoonde_bronnen(records, [gebied.pk], afgeleid, teams),
        afgeleid,
        trends.halfjaarframe(r for r in records if r["gebied"] == gebied.pk),
    )
    overzicht["onvolledige_jaren"] = trends.onvolledige_jaren(
        [r for r in records if r["gebied"] == gebied.pk], eigen
    )
    vergelijking = (
        pagina.vergelijking(
            request,
            gebied,
            categorieen,
            frame,
            pagina.getoonde_bronnen(records, [gebied.pk, *(g.pk for g in leden)], afgeleid, teams),
        )
        if basisteam
        else None
    )
    beleving = list(
        Veiligheidsbeleving.objects.filter(gebied__in=[gebied, *gebied.leden.all()])
        .select_related("gebied", "bron")
        .order_by("gebied__volgorde", "jaar")
    )
    belevingsgrafiek = pagina.belevingsgrafiek(
        beleving, f"Veiligheidsbeleving: {gebied.naam}", f"{gebied.slug}-beleving"
    )
    response = export(
        request,
        {
            "trend": overzicht["tabel"],
            "per1000": overzicht["per_inwoners"] and overzicht["per_inwoners"]["tabel"],
            "gemeenten": vergelijking and vergelijking["tabel"],
            "beleving": belevingsgrafiek and belevingsgrafiek["tabel"],
        },
        f"ivp-bes-{gebied.slug}",
    )
    speerpunten = (
        LokaalSpeerpunt.objects.filter(gebied=gebied)
        .select_related("plan")
        .prefetch_related("doelen", "maatregelen")
    )
    return response or render(
        request,
        "cijfers/gebied.html",
        {
            "gebied": gebied,
            **overzicht,
            "vergelijking": vergelijking,
            "beleving": belevingsgrafiek,
            "speerpunten": list(speerpunten),
        },
    )


def categorie(request, slug):
    categorie = get_object_or_404(Categorie, slug=slug)
    records = list(Cijfer.objects.filter(categorie=categorie).records(inwoners=True))
    alle = list(Gebied.objects.exclude(soort=Gebied.Soort.REGIO))
    # De leden alleen ophalen als er een basisteam is (één query, hoeveel teams ook).
    prefetch_related_objects([g for g in alle if g.soort == Gebied.Soort.BASISTEAM], "leden")
    teams = pagina.teams(alle)
    frame, afgeleid = pagina.jaarcijfers(records, teams)
    met_cijfers = set(frame["gebied"])
    gebieden = [g for g in alle if g.pk in met_cijfers]
    gekozen = set(request.GET.getlist("gebied"))
    getoond = [g for g in gebieden if g.slug in gekozen] or gebieden
    frame = frame[frame["gebied"].isin([g.pk for g in getoond])]
    jaren = sorted(int(j) for j in frame["jaar"].unique())
    nieuw = pagina.gekozen_jaren(request, jaren)[-1] if jaren else None
    halfjaren, regio = pagina.gepubliceerde_veranderingen(
        nieuw, nieuw - 1 if nieuw else None, Q(categorie=categorie)
    )
    sleutels = [(g.pk, categorie.pk) for g in getoond]
    overzicht = pagina.reeksoverzicht(
        request,
        frame,
        pagina.getoonde_bronnen(records, [g.pk for g in getoond], afgeleid, teams),
        sleutels,
        {
            (g.pk, categorie.pk): {"categorie": g.naam, "url": g.get_absolute_url(), "niveau": 0}
            for g in getoond
        },
        f"{categorie.naam}: per gebied",
        categorie.get_eenheid_display(),
        f"categorie-{categorie.slug}",
        halfjaren=halfjaren,
        halfframe=trends.halfjaarframe(records),
    )
    overzicht["afgeleide_gebieden"] = sorted(
        {g.naam for g in getoond for t, _, j in afgeleid if t == g.pk and j in overzicht["jaren"]}
    )
    tabellen = {
        "gebieden": overzicht["tabel"],
        "per1000": overzicht["per_inwoners"] and overzicht["per_inwoners"]["tabel"],
    }
    return export(request, tabellen, f"ivp-bes-{categorie.slug}") or render(
        request,
        "cijfers/categorie.html",
        {
            "categorie": categorie,
            "gebieden": gebieden,
            "getoond": getoond,
            "regio": regio.get(categorie.pk)
            and (
                regio[categorie.pk][0],
                tables.met_teken(regio[categorie.pk][1], "%"),
            ),
            **overzicht,
        },
    )


def verkenner(request):
    jaren = sorted(Cijfer.objects.values_list("jaar", flat=True).distinct())
    filter_ = CijferFilter(request.GET, queryset=Cijfer.objects.all(), jaren=jaren)
    gekozen = filter_.is_bound and any(
        request.GET.getlist(k) for k in ("gebied", "categorie", "jaar")
    )
    records = list(filter_.qs.records(inwoners=True)) if gekozen and filter_.is_valid() else []
    gebieden = {g.pk: g for g in filter_.filters["gebied"].queryset}
    categorieen = {c.pk: c for c in filter_.filters["categorie"].queryset}
    paren = sorted(
        {(r["gebied"], r["categorie"]) for r in records},
        key=lambda p: (gebieden[p[0]].volgorde, categorieen[p[1]].volgorde),
    )
    labels = {
        (g, c): {"categorie": f"{gebieden[g].naam} · {categorieen[c].naam}", "niveau": 0}
        for g, c in paren
    }
    eenheid = pagina.eenheid([categorieen[c] for _, c in paren]) if paren else "aantal"
    frame, _ = pagina.jaarcijfers(records)
    overzicht = pagina.reeksoverzicht(
        request,
        frame,
        pagina.bronnen(records),
        paren,
        labels,
        "Verkenner: gekozen reeksen",
        eenheid,
        "verkenner",
        halfframe=trends.halfjaarframe(records),
    )
    tabellen = {
        "selectie": overzicht["tabel"],
        "per1000": overzicht["per_inwoners"] and overzicht["per_inwoners"]["tabel"],
    }
    return export(request, tabellen, "ivp-bes-verkenner") or render(
        request,
        "cijfers/verkenner.html",
        {"filter": filter_, "gekozen": gekozen, **overzicht},
    )
