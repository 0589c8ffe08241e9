from collections import Counter
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Max, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.html import format_html_join

from cijfers.models import Categorie, Cijfer
from ivp.gegevensversie import per_versie
from ivp.models import Gebied, Overleg, Plan, kies_huidig_plan, volledig_jaar
from ivp.tekst import opsomming
from prioriteiten.models import Prioriteit
from vergaderingen.models import Agendapunt, Vergadering


def _gebieden_met_jaren():
    """De eigen gebieden (Gebied.objects.eigen) met `nieuwste_jaar` (het nieuwste volledige
    jaar) en `lopend_jaar` (het nieuwste jaar met cijfers), elk None zonder cijfers."""
    return list(
        Gebied.objects.eigen().annotate(
            nieuwste_jaar=Cijfer.objects.nieuwste_jaar(volledig=True),
            lopend_jaar=Cijfer.objects.nieuwste_jaar(),
        )
    )


@dataclass
class NieuwereReeksen:
    """Eén categorie waarvan sommige gebieden verder lopen dan het gangbare jaar.

    `delen`: [(jaar, voorlopig, [gebiednamen])], nieuwste jaar eerst; `voorlopig` is waar als
    het cijfer dat dat jaar afsluit (ivp.models.volledig_jaar) voorlopig is."""

    categorie: str
    delen: list

    @property
    def tekst(self):
        """ "woninginbraken in Baarn tot 2025 (voorlopig) en in Eemnes en Soest tot 2024"."""
        delen = [
            f"in {opsomming(namen)} tot {jaar}" + (" (voorlopig)" if voorlopig else "")
            for jaar, voorlopig, namen in self.delen
        ]
        return f"{self.categorie} {opsomming(delen)}"


@dataclass
class Cijferstand:
    """Tot wanneer de cijfers van de eigen gebieden lopen, voor de waarschuwing op /.

    Een reeks is één categorie in één gebied; haar eind is haar nieuwste volledige jaar.
    `gangbaar_jaar`: het eind dat de meeste reeksen hebben (bij gelijke stand het oudste, zodat
    de waarschuwing nooit te gunstig is), None zonder cijfers; `nieuwer`: de reeksen die
    verder lopen, per categorie (NieuwereReeksen, op volgorde van de categorieën), hoogstens
    MAX_NIEUWER categorieën met `meer_nieuwer` het aantal weggelaten categorieën;
    `eerder`: het aantal reeksen dat vóór het gangbare jaar stopt; `reeksen`: alle reeksen
    met een volledig jaar. Zo blijft "de meeste cijfers lopen tot 2018" waar als één
    gemeente één categorie tot 2025 importeert (proefgebruiker, punt 3)."""

    gangbaar_jaar: int | None
    nieuwer: list = field(default_factory=list)
    meer_nieuwer: int = 0
    eerder: int = 0
    reeksen: int = 0

    MAX_NIEUWER = 6

    @property
    def nieuwer_tekst(self):
        """De nieuwere reeksen als één zin-deel, categorieën gescheiden door "; "."""
        tekst = "; ".join(reeks.tekst for reeks in self.nieuwer)
        if self.meer_nieuwer:
            tekst += f"; en {self.meer_nieuwer} andere categorie" + (
                "ën" if self.meer_nieuwer > 1 else ""
            )
        return tekst


def cijferstand(gebieden, categorieen):
    """Cijferstand van `gebieden` (Gebied's) over `categorieen` (Categorie's, in hun volgorde).

    Eén query: per gebied en categorie het nieuwste volledige jaar en het nieuwste volledige
    jaar met een voorlopig cijfer (GROUP BY op de unieke sleutel, die met gebied begint)."""
    eindes = (
        Cijfer.objects.filter(gebied_id__in=[g.pk for g in gebieden])
        .values("gebied_id", "categorie_id")
        .annotate(
            eind=Max("jaar", filter=volledig_jaar()),
            voorlopig=Max("jaar", filter=volledig_jaar() & Q(status=Cijfer.Status.VOORLOPIG)),
        )
        .filter(eind__isnull=False)
        .order_by()
    )
    eindes = list(eindes)
    if not eindes:
        return Cijferstand(gangbaar_jaar=None)
    telling = Counter(e["eind"] for e in eindes)
    gangbaar = min(telling, key=lambda jaar: (-telling[jaar], jaar))
    volgorde = {g.pk: i for i, g in enumerate(gebieden)}
    namen = {g.pk: g.naam for g in gebieden}
    per_categorie = {}
    for e in sorted(eindes, key=lambda e: volgorde[e["gebied_id"]]):
        if e["eind"] > gangbaar:
            sleutel = (e["eind"], e["voorlopig"] == e["eind"])
            delen = per_categorie.setdefault(e["categorie_id"], {})
            delen.setdefault(sleutel, []).append(namen[e["gebied_id"]])
    nieuwer = [
        NieuwereReeksen(
            categorie=c.naam,
            delen=[(j, v, n) for (j, v), n in sorted(per_categorie[c.pk].items(), reverse=True)],
        )
        for c in categorieen
        if c.pk in per_categorie
    ]
    return Cijferstand(
        gangbaar_jaar=gangbaar,
        nieuwer=nieuwer[: Cijferstand.MAX_NIEUWER],
        meer_nieuwer=max(len(nieuwer) - Cijferstand.MAX_NIEUWER, 0),
        eerder=sum(1 for e in eindes if e["eind"] < gangbaar),
        reeksen=len(eindes),
    )


def categorielinks(categorieen):
    """De <li>'s van de lijst "Per categorie" (veilige HTML; leeg zonder categorieën): een link
    per categorie met een punt ertussen. Eén keer per gegevensversie gebouwd (home): met een
    landelijke import zijn het er ~80, elk met een reverse() per verzoek."""
    laatste = len(categorieen) - 1
    return format_html_join(
        "",
        '<li class="list-inline-item"><a href="{}">{}</a>{}</li>',
        (
            (c.get_absolute_url(), c.naam, "" if nummer == laatste else " ·")
            for nummer, c in enumerate(categorieen)
        ),
    )


def home(request):
    """/: het huidige en de eerdere plannen, de eigen gebieden met hun nieuwste cijferjaar,
    de categorieën, tot wanneer de cijfers lopen (Cijferstand) en de volgende vergadering. De
    waarschuwing boven de tabel gaat over de getoonde gebieden, niet over een landelijke
    dataset.

    De gebieden, de categorieën en de Cijferstand per gegevensversie uit de cache
    (ivp/gegevensversie.py): die lezen de cijfers van de eigen gebieden, en op landelijke omvang
    (maandcijfers) groeit dat werk met de gegevens."""

    def cijferdelen():
        gebieden = _gebieden_met_jaren()
        categorieen = list(Categorie.objects.all())
        return gebieden, categorielinks(categorieen), cijferstand(gebieden, categorieen)

    gebieden, categorieen, stand = per_versie("home.cijfers", (), cijferdelen)
    plannen = list(
        Plan.objects.prefetch_related(
            Prefetch("prioriteiten", queryset=Prioriteit.objects.order_by("volgorde")),
            "deelnemers",
        )
    )
    huidig = kies_huidig_plan(plannen)
    context = {
        "huidig": huidig,
        "eerdere": [plan for plan in plannen if plan != huidig],
        "gebieden": gebieden,
        "categorieen": categorieen,
        "stand": stand,
        "volgende": Vergadering.objects.filter(datum__gte=timezone.localdate())
        .select_related("overleg")
        .order_by("datum", "aanvang")
        .first(),
    }
    return render(request, "ivp/home.html", context)


@dataclass
class Organisatie:
    """De inhoud van /organisatie/: hoe een plan bestuurd wordt (hoofdstuk 7 van het plan).

    `paragrafen`: de Paragrafen van hoofdstuk 7 op volgorde, zonder `structuur`; `structuur`:
    de regels ("39 gemeenten", ...) van de paragraaf die alleen uit getallen bestaat, met die
    paragraaf (of None); `overleggen` de Overleggen (AVO BES, Driehoek BES, ...) op volgorde;
    `bijdragen` de tabel gezamenlijke investering (7.9).
    """

    plan: Plan | None
    plannen: list
    paragrafen: list
    structuur: list
    structuurparagraaf: object
    overleggen: list
    bijdragen: list


def _is_getallenlijst(paragraaf):
    """Bestaat de tekst alleen uit regels die met een getal beginnen ("18 basisteams")?"""
    regels = paragraaf.tekst.splitlines()
    return bool(regels) and all(r.split(" ", 1)[0].isdigit() for r in regels)


def organisatieoverzicht(plannen, slug=None):
    """Organisatie voor het plan `slug`, anders het nieuwste plan met overleggen (4 queries
    zonder slug: de plannen met overleggen, paragrafen, overleggen, bijdragen; 3 met).
    Http404 bij een onbekend plan."""
    plan = next((p for p in plannen if p.slug == slug), None)
    if slug and plan is None:
        raise Http404("Onbekend plan.")
    if plan is None:
        met_overleg = set(Overleg.objects.order_by().values_list("plan_id", flat=True).distinct())
        plan = next((p for p in plannen if p.pk in met_overleg), None)
    if plan is None:
        return Organisatie(None, plannen, [], [], None, [], [])
    paragrafen = [
        p for p in plan.paragrafen.order_by("volgorde", "pk") if p.nummer.split(".")[0] == "7"
    ]
    structuurparagraaf = next((p for p in paragrafen if _is_getallenlijst(p)), None)
    return Organisatie(
        plan=plan,
        plannen=plannen,
        paragrafen=[p for p in paragrafen if p is not structuurparagraaf],
        structuur=structuurparagraaf.tekst.splitlines() if structuurparagraaf else [],
        structuurparagraaf=structuurparagraaf,
        overleggen=list(plan.overleggen.order_by("volgorde", "naam")),
        bijdragen=list(plan.bijdragen.order_by("volgorde")),
    )


def organisatie(request):
    """/organisatie/: hoe het plan bestuurd wordt: de paragrafen van hoofdstuk 7, de
    structuur (gemeenten, basisteams, districten, regio), de overleggen met leden, voorzitter
    en frequentie, en de gezamenlijke investering (tabel 7.9). ?plan= kiest het plan."""
    plannen = list(Plan.objects.order_by("-begin_jaar"))
    overzicht = organisatieoverzicht(plannen, request.GET.get("plan"))
    return render(request, "ivp/organisatie.html", {"organisatie": overzicht})


def _geschiedenismodellen():
    from cijfers.models import Cijfer, Toelichting
    from prioriteiten.models import Doel, Indicator, LokaalSpeerpunt, Maatregel, Voortgang

    return {
        "prioriteit": Prioriteit,
        "speerpunt": LokaalSpeerpunt,
        "doel": Doel,
        "maatregel": Maatregel,
        "voortgang": Voortgang,
        "indicator": Indicator,
        "cijfer": Cijfer,
        "toelichting": Toelichting,
        "vergadering": Vergadering,
        "agendapunt": Agendapunt,
    }


_OUDERS = ["prioriteit__plan", "speerpunt__plan", "speerpunt__gebied"]
TERUGLINK = {
    "prioriteit": ["plan"],
    "speerpunt": ["plan", "gebied"],
    "doel": _OUDERS,
    "maatregel": _OUDERS,
    "indicator": [f"doel__{r}" for r in _OUDERS],
    "voortgang": [f"{o}__{r}" for o in ("maatregel", "doel") for r in _OUDERS]
    + ["speerpunt__plan", "speerpunt__gebied"],
}

SOORT_WIJZIGING = {"+": "aangemaakt", "~": "gewijzigd", "-": "verwijderd"}


def _namen_van_verwijzingen(wijzigingen):
    """Vervangt in `wijzigingen` ([{"veld_object", "oud", "nieuw", ...}]) de id's van een
    ForeignKey (bijv. de bron van een cijfer: 12 → 13) door de naam van wat ze aanwijzen
    (issue 15, punt 6). Eén query per gewijzigd soort verwijzing; een verdwenen object
    houdt zijn id met "(verwijderd)"."""
    per_model = {}
    for w in wijzigingen:
        if w["veld_object"].many_to_one:
            doel = w["veld_object"].related_model
            per_model.setdefault(doel, set()).update(
                x for x in (w["oud"], w["nieuw"]) if x is not None
            )
    namen = {doel: doel.objects.in_bulk(list(ids)) for doel, ids in per_model.items()}
    for w in wijzigingen:
        if w["veld_object"].many_to_one:
            gevonden = namen[w["veld_object"].related_model]
            for kant in ("oud", "nieuw"):
                if w[kant] is not None:
                    obj = gevonden.get(w[kant])
                    w[kant] = str(obj) if obj is not None else f"{w[kant]} (verwijderd)"


def _regels(model, versies, namen=True):
    """[{"versie", "soort", "wijzigingen"}] voor de versies (oud eerst) van één onderwerp, nieuwste
    eerst: per versie de velden die veranderden (oud → nieuw, keuzes en verwijzingen bij naam).
    Met `namen=False` blijven de verwijzingen id's: de aanroeper noemt ze dan in één keer voor
    meer onderwerpen samen (_namen_van_verwijzingen), zonder query per onderwerp."""
    regels = []
    vorige = None
    for versie in versies:
        wijzigingen = []
        if vorige is not None:
            delta = versie.diff_against(
                vorige, excluded_fields=["gewijzigd", "aangemaakt", "bijgewerkt"]
            )
            for verschil in delta.changes:
                veld = model._meta.get_field(verschil.field)
                keuzes = dict(veld.choices or [])
                wijzigingen.append(
                    {
                        "veld_object": veld,
                        "veld": veld.verbose_name,
                        "oud": keuzes.get(verschil.old, verschil.old),
                        "nieuw": keuzes.get(verschil.new, verschil.new),
                    }
                )
        regels.append(
            {
                "versie": versie,
                "soort": SOORT_WIJZIGING.get(versie.history_type, versie.history_type),
                "wijzigingen": wijzigingen,
            }
        )
        vorige = versie
    if namen:
        _namen_van_verwijzingen([w for r in regels for w in r["wijzigingen"]])
    regels.reverse()
    return regels


def geschiedenis(request, soort, pk):
    """Wie wanneer wat wijzigde aan één onderwerp, nieuwste eerst, met oud → nieuw per veld."""
    model = _geschiedenismodellen().get(soort)
    if model is None:
        raise Http404("Onbekende soort.")
    relaties = ["history_user", "bron"] if soort == "cijfer" else ["history_user"]
    versies = list(model.history.filter(id=pk).select_related(*relaties).order_by("history_date"))
    if not versies:
        get_object_or_404(model, pk=pk)  # bestaat, maar is nooit via de site gewijzigd
    # De relaties die de link terug naar het onderwerp nodig heeft, in dezelfde query.
    huidig = model.objects.select_related(*TERUGLINK.get(soort, [])).filter(pk=pk).first()
    return render(
        request,
        "ivp/geschiedenis.html",
        {
            "object": huidig,
            "naam": model._meta.verbose_name,
            "soort": soort,
            "pk": pk,
            "regels": _regels(model, versies),
        },
    )


def geschiedenis_cijfer(request, gebied, categorie, jaar):
    """De geschiedenis van één cel van een trendtabel: de cijfers (jaar, halfjaren, maanden) van
    gebied `gebied` en categorie `categorie` (id's) in `jaar`, met hun bron bij naam en hun
    wijzigingen (import, beheer), nieuwste eerst. Heeft een basisteam zelf geen cijfer, dan is
    de cel de som van zijn leden: dan hun cijfers. Issue 15, punt 6: de i in de cel linkt hier.

    Queries: gebied en categorie, de huidige cijfers met bron (en de leden als het gebied er
    zelf geen heeft), de geschiedenis van die cijfers met gebruikers, en de bronnen die erin
    wisselden (één query voor alle cijfers samen). Een verwijderd cijfer staat er niet meer."""
    gebied = get_object_or_404(Gebied, pk=gebied)
    categorie = get_object_or_404(Categorie, pk=categorie)
    gebied_ids = [gebied.pk]
    cijfers = _celcijfers(gebied_ids, categorie, jaar)
    if not cijfers and gebied.soort == Gebied.Soort.BASISTEAM:
        gebied_ids = list(gebied.leden.values_list("pk", flat=True))
        cijfers = _celcijfers(gebied_ids, categorie, jaar)
    # Op de id's van de cijfers in de cel (de index op id van de geschiedenis; die heeft
    # bewust geen index op gebied, voor de snelheid van de import).
    versies = list(
        Cijfer.history.filter(id__in=[c.pk for c in cijfers])
        .select_related("history_user", "bron")
        .order_by("id", "history_date")
    )
    regels = []
    for _, groep in groupby(versies, key=lambda v: v.id):
        regels += _regels(Cijfer, list(groep), namen=False)
    # De gewisselde bronnen van alle cijfers in één query, niet één per cijfer.
    _namen_van_verwijzingen([w for r in regels for w in r["wijzigingen"]])
    regels.sort(key=lambda r: r["versie"].history_date, reverse=True)
    if not cijfers:
        raise Http404("Geen cijfer in deze cel.")
    return render(
        request,
        "ivp/geschiedenis.html",
        {
            "object": categorie,
            "naam": f"{categorie.naam} in {gebied.naam}, {jaar}",
            "gebied": gebied,
            "soort": "cijfer",
            "cijfers": cijfers,
            "regels": regels,
        },
    )


def _celcijfers(gebied_ids, categorie, jaar):
    """De cijfers van de gebieden, de categorie en het jaar, met gebied en bron, op periode."""
    return list(
        Cijfer.objects.filter(gebied_id__in=gebied_ids, categorie=categorie, jaar=jaar)
        .select_related("gebied", "bron")
        .order_by("gebied__naam", "periode")
    )
