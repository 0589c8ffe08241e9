"""Pagina's van het plan: planoverzicht, prioriteit, lokale speerpunten, voortgang en invoer."""

import datetime
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, F, Max, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from cijfers.models import Toelichting
from cijfers.pagina.toelichtingen import regels as toelichtingsregels
from cijfers.pagina.vooraf import vooraf_gebouwd
from ivp.gegevensversie import per_versie
from ivp.models import Gebied, Plan, kies_huidig_plan
from ivp.rechten import is_adviseur, mag_bewerken
from prioriteiten import figuren, voortgang
from prioriteiten.forms import (
    ONDERDELEN,
    IndicatorForm,
    MijlpaalFormSet,
    OnderdeelForm,
    SindsForm,
    VoortgangForm,
)
from prioriteiten.models import (
    NIEUWSTE_EERST,
    Doel,
    Gemeenteanalyse,
    Indicator,
    LokaalSpeerpunt,
    Maatregel,
    Prioriteit,
    Voortgang,
    laatste_melding,
    meldingen_vooraf,
)


def _doelen():
    return Prefetch(
        "doelen",
        queryset=Doel.objects.select_related("indicator__categorie", "indicator__gebied")
        .prefetch_related("indicator__mijlpalen")
        .met_meldingen(),
    )


def _maatregelen():
    return Prefetch("maatregelen", queryset=Maatregel.objects.met_status().met_meldingen())


def _kaart(onderwerp, maatregelen, laatste, url):
    """Een kaart: onderwerp (prioriteit of gemeente), telling [(label, waarde, aantal)],
    stoplicht, laatste (de nieuwste datum uit `laatste`, of None) en url (de pagina ervan)."""
    telling = voortgang.statustelling(maatregelen)
    return {
        "onderwerp": onderwerp,
        "url": url,
        "telling": [(status.label, status.value, n) for status, n in telling.items()],
        "stoplicht": voortgang.stoplicht(telling),
        "laatste": max([d for d in laatste if d], default=None),
    }


def _speerpuntenpagina(plan, gebied):
    return reverse("prioriteiten:speerpunten", args=[plan.slug, gebied.slug])


def _gemeentekaarten(plan):
    """Per gemeente een kaart over de maatregelen van al haar speerpunten in `plan`, met de
    speerpunten erbij ("speerpunten"), op de volgorde van de gemeenten (2 queries)."""
    speerpunten = (
        plan.speerpunten.select_related("gebied")
        .prefetch_related(Prefetch("maatregelen", Maatregel.objects.met_status().only("speerpunt")))
        .annotate(
            laatste_maatregel=Max("maatregelen__voortgang__datum"),
            laatste_doel=Max("doelen__voortgang__datum"),
            laatste_eigen=Max("voortgang__datum"),
        )
    )
    per_gemeente = {}
    for speerpunt in speerpunten:
        per_gemeente.setdefault(speerpunt.gebied, []).append(speerpunt)
    return [
        {
            **_kaart(
                gebied,
                [m for s in lijst for m in s.maatregelen.all()],
                [d for s in lijst for d in (s.laatste_maatregel, s.laatste_doel, s.laatste_eigen)],
                _speerpuntenpagina(plan, gebied),
            ),
            "speerpunten": lijst,
        }
        for gebied, lijst in sorted(per_gemeente.items(), key=lambda item: item[0].volgorde)
    ]


def plan(request, slug):
    """/plan/<plan>/: de prioriteiten als kaarten en de lokale speerpunten per gemeente."""
    plan = get_object_or_404(Plan, slug=slug)
    prioriteiten = (
        plan.prioriteiten.prefetch_related(
            Prefetch("maatregelen", Maatregel.objects.met_status().only("prioriteit"))
        )
        .annotate(
            laatste_maatregel=Max("maatregelen__voortgang__datum"),
            laatste_doel=Max("doelen__voortgang__datum"),
            aantal_doelen=Count("doelen", distinct=True),
        )
        .order_by("volgorde")
    )
    kaarten = [
        _kaart(
            p,
            p.maatregelen.all(),
            [p.laatste_maatregel, p.laatste_doel],
            p.get_absolute_url(),
        )
        for p in prioriteiten
    ]
    return render(
        request,
        "prioriteiten/plan.html",
        {
            "plan": plan,
            "kaarten": kaarten,
            "gemeenten": _gemeentekaarten(plan),
            "zonder_doelen": all(k["onderwerp"].aantal_doelen == 0 for k in kaarten),
            # De tekst van het plan buiten hoofdstuk 7 (dat staat op /organisatie/).
            "paragrafen": [
                p
                for p in plan.paragrafen.order_by("volgorde", "pk")
                if p.nummer.split(".")[0] != "7"
            ],
            "plannen": Plan.objects.order_by("-begin_jaar"),
            "stoplichten": voortgang.STOPLICHTEN,
        },
    )


def _indicatorstanden(doelen):
    """De stand van de indicatoren van al deze doelen, in één query."""
    return figuren.indicatorstanden([d.indicator for d in doelen if hasattr(d, "indicator")])


def _onderdelen(doelen, maatregelen, standen):
    """Context voor de doelen en maatregelen van een prioriteit of speerpunt; een doel met
    doelwaarden krijgt zijn grafiek "gemeten tegen doel" (figuren.doelgrafiek)."""
    return {
        "doelen": [
            {
                "doel": d,
                "laatste": laatste_melding(d.voortgang.all()),
                "indicator": getattr(d, "indicator", None),
                "stand": standen.get(d.pk),
                "grafiek": standen.get(d.pk) and figuren.doelgrafiek(d.indicator, standen[d.pk]),
            }
            for d in doelen
        ],
        "maatregelen": [
            {"maatregel": m, "laatste": laatste_melding(m.voortgang.all())} for m in maatregelen
        ],
        "telling": voortgang.statustelling(maatregelen),
    }


def prioriteit(request, plan, slug):
    """Een prioriteit met doelen (en indicatorstand), maatregelen en gekoppelde cijfers."""
    prioriteit = get_object_or_404(
        Prioriteit.objects.select_related("plan").prefetch_related(
            _doelen(), _maatregelen(), "categorieen"
        ),
        plan__slug=plan,
        slug=slug,
    )
    doelen = prioriteit.doelen.all()
    onderdelen = _onderdelen(doelen, prioriteit.maatregelen.all(), _indicatorstanden(doelen))
    return render(
        request,
        "prioriteiten/prioriteit.html",
        {
            "prioriteit": prioriteit,
            "plan": prioriteit.plan,
            "mag_bewerken": mag_bewerken(request.user, prioriteit),
            "stoplicht": voortgang.stoplicht(onderdelen["telling"]),
            "stoplichten": voortgang.STOPLICHTEN,
            "doelgrafieken": any(d["grafiek"] for d in onderdelen["doelen"]),
            # De gekoppelde cijfers met hun grafiek per gegevensversie uit de cache: op
            # landelijke omvang is de trendpijplijn erachter het duurste van de pagina.
            "figuren": per_versie(
                "prioriteit.figuren",
                (prioriteit.pk,),
                lambda: vooraf_gebouwd(
                    figuren.gekoppelde_figuren(
                        list(prioriteit.categorieen.all()), f"prioriteit-{prioriteit.slug}"
                    )
                ),
            ),
            **onderdelen,
        },
    )


def _andere_gemeenten(plan, gebied):
    """De links "Andere gemeenten" van de speerpuntenpagina als veilige HTML: per eigen
    gemeente (Gebied.objects.eigen(): niet elke gemeente van een landelijke dataset) behalve
    `gebied` een <a> naar haar speerpuntenpagina in `plan`, met ", " erachter tenzij
    het de laatste gemeente is (één query). Eén reverse voor alle links: met een landelijke
    dataset zijn het honderden gemeenten, en {% url %} per gemeente kostte milliseconden."""
    plek = "__gemeente__"
    sjabloon = reverse("prioriteiten:speerpunten", args=[plan.slug, plek])
    gemeenten = list(Gebied.objects.eigen().gemeenten().only("naam", "slug"))
    delen = []
    for nummer, gemeente in enumerate(gemeenten, start=1):
        if gemeente.pk == gebied.pk:
            continue
        url = sjabloon.replace(plek, gemeente.slug)
        delen.append(format_html('<a href="{}">{}</a>', url, gemeente.naam))
        if nummer < len(gemeenten):
            delen.append(", ")
    return mark_safe("".join(delen))


def speerpunten(request, plan, gebied):
    """De lokale speerpunten van één gemeente in een plan, met doelen en maatregelen."""
    plan = get_object_or_404(Plan, slug=plan)
    gebied = get_object_or_404(Gebied.objects.eigen().gemeenten(), slug=gebied)
    lijst = list(
        LokaalSpeerpunt.objects.filter(plan=plan, gebied=gebied)
        .prefetch_related(_doelen(), _maatregelen(), meldingen_vooraf())
        .order_by("volgorde")
    )
    standen = _indicatorstanden([d for s in lijst for d in s.doelen.all()])
    items = [
        {
            "speerpunt": s,
            "laatste": laatste_melding(s.voortgang.all()),
            **_onderdelen(s.doelen.all(), s.maatregelen.all(), standen),
        }
        for s in lijst
    ]
    return render(
        request,
        "prioriteiten/speerpunten.html",
        {
            "plan": plan,
            "gebied": gebied,
            "items": items,
            "mag_bewerken": mag_bewerken(request.user, lijst[0]) if lijst else False,
            # Alleen zonder speerpunten: waarom er geen zijn (1 query).
            "geen_deelnemer": not lijst and not plan.deelnemers.filter(pk=gebied.pk).exists(),
            "andere_gemeenten": _andere_gemeenten(plan, gebied),
            "doelgrafieken": any(d["grafiek"] for i in items for d in i["doelen"]),
            # De analyse van de gemeente in dit plan (hoofdstuk 8), naast haar speerpunten.
            "analyses": list(
                Gemeenteanalyse.objects.filter(plan=plan, gebied=gebied).select_related(
                    "plan", "gebied"
                )
            ),
        },
    )


@dataclass
class Voortgangsoverzicht:
    """De inhoud van /voortgang/ voor één plan.

    prioriteiten en gemeenten: kaarten (zie _kaart) per gezamenlijke prioriteit en per gemeente
    met lokale maatregelen; zonder: de maatregelen zonder melding gedateerd in `jaar`; recent:
    de meldingen gedateerd of gewijzigd op of na `sinds`, nieuwste eerst.
    """

    plan: Plan
    jaar: int
    sinds: datetime.date
    prioriteiten: list
    gemeenten: list
    zonder: list
    recent: list
    aantal_maatregelen: int
    # Issue 17: de toelichtingen bij de cijfers (cijfers.pagina.toelichtingen.Regel) van de
    # gebieden van de site, geschreven of gewijzigd op of na `sinds`.
    toelichtingen: list = field(default_factory=list)


def voortgangsoverzicht(plan, sinds, jaar):
    """Stoplichten per prioriteit en gemeente, wat in `jaar` geen melding had en wat er
    veranderde sinds de datum `sinds`, met de toelichtingen bij de cijfers van sindsdien
    (6 queries, ongeacht de omvang van het plan)."""
    maatregelen = list(
        Maatregel.objects.in_plan(plan)
        .met_status()
        .select_related("prioriteit__plan", "speerpunt__gebied")
        .prefetch_related(meldingen_vooraf())
        .order_by(
            F("prioriteit__volgorde").asc(nulls_last=True),
            "speerpunt__gebied__volgorde",
            "speerpunt__volgorde",
            "volgorde",
        )
    )
    per_prioriteit, per_gemeente = {}, {}
    for maatregel in maatregelen:
        if maatregel.prioriteit_id:
            per_prioriteit.setdefault(maatregel.prioriteit, []).append(maatregel)
        else:
            per_gemeente.setdefault(maatregel.speerpunt.gebied, []).append(maatregel)
    # Nieuw gedateerd of sindsdien gewijzigd; de geschiedenis toont elke wijziging.
    recent = (
        Voortgang.objects.in_plan(plan)
        .gedateerd_of_gewijzigd_sinds(sinds)
        .met_onderwerp()
        .order_by(*NIEUWSTE_EERST)
    )
    toelichtingen = Toelichting.objects.zichtbaar().voor_gebieden(Gebied.objects.eigen())
    return Voortgangsoverzicht(
        toelichtingen=toelichtingsregels(toelichtingen.sinds(sinds)),
        plan=plan,
        jaar=jaar,
        sinds=sinds,
        prioriteiten=[
            _kaart(p, per_prioriteit.get(p, []), [], p.get_absolute_url())
            for p in plan.prioriteiten.order_by("volgorde")
        ],
        gemeenten=[
            _kaart(gebied, lijst, [], _speerpuntenpagina(plan, gebied))
            for gebied, lijst in sorted(per_gemeente.items(), key=lambda item: item[0].volgorde)
        ],
        zonder=voortgang.zonder_melding_in(maatregelen, jaar),
        recent=list(recent),
        aantal_maatregelen=len(maatregelen),
    )


def overzicht(request):
    """/voortgang/: het voortgangsoverzicht van het gekozen (?plan=) of huidige plan, met wat
    veranderde sinds ?sinds= (standaard 1 januari van dit jaar)."""
    plannen = list(Plan.objects.order_by("-begin_jaar"))
    gekozen = next((p for p in plannen if p.slug == request.GET.get("plan")), None)
    plan = gekozen or kies_huidig_plan(plannen)
    if plan is None:
        return render(request, "prioriteiten/voortgang.html", {"plan": None})
    sinds_form = SindsForm(request.GET or None)
    jaar = timezone.localdate().year
    sinds = (sinds_form.cleaned_data["sinds"] if sinds_form.is_valid() else None) or (
        datetime.date(jaar, 1, 1)
    )
    # Per gegevensversie (elke melding, maatregel of toelichting verhoogt hem), plan, datum en
    # jaar uit de cache: een warm verzoek kost 2 queries (plannen, versie) in plaats van 6.
    overzicht = per_versie(
        "voortgang.overzicht",
        (plan.pk, sinds.isoformat(), jaar),
        lambda: voortgangsoverzicht(plan, sinds, jaar),
    )
    return render(
        request,
        "prioriteiten/voortgang.html",
        {
            "plan": plan,
            "plannen": plannen,
            "sinds_form": sinds_form,
            "overzicht": overzicht,
            "stoplichten": voortgang.STOPLICHTEN,
        },
    )


ONDERWERPEN = {"maatregel": Maatregel, "doel": Doel, "speerpunt": LokaalSpeerpunt}


def _opslaan(request, form, bericht, terug):
    """Sla het geldige formulier op, meld dat en ga terug naar `terug` (een URL)."""
    form.save()
    messages.success(request, bericht)
    return redirect(terug)


def _meldingformulier(request, form, onderwerp, melding=None):
    """Het formulier voor een nieuwe (melding=None) of een bestaande voortgangsmelding."""
    context = {"form": form, "onderwerp": onderwerp, "melding": melding, "nieuw": not melding}
    return render(request, "prioriteiten/voortgang_form.html", context)


@login_required
def voortgang_nieuw(request, soort, pk):
    """Een voortgangsmelding vastleggen bij een maatregel, doel of speerpunt (403 zonder recht)."""
    model = ONDERWERPEN.get(soort)
    if model is None:
        raise PermissionDenied
    onderwerp = get_object_or_404(model, pk=pk)
    if not mag_bewerken(request.user, onderwerp):
        raise PermissionDenied("U mag voor dit onderwerp geen voortgang vastleggen.")
    melding = Voortgang(**{soort: onderwerp}, auteur=request.user)
    form = VoortgangForm(request.POST or None, instance=melding)
    if form.is_valid():
        terug = onderwerp.get_absolute_url()
        return _opslaan(request, form, "De voortgangsmelding is opgeslagen.", terug)
    return _meldingformulier(request, form, onderwerp)


@login_required
def voortgang_bewerken(request, pk):
    """Een melding bewerken; wie een intussen gewijzigde versie overschrijft, krijgt een fout."""
    melding = get_object_or_404(Voortgang, pk=pk)
    if not mag_bewerken(request.user, melding):
        raise PermissionDenied("U mag deze voortgangsmelding niet bewerken.")
    form = VoortgangForm(request.POST or None, instance=melding)
    if request.method == "POST":
        with transaction.atomic():
            Voortgang.objects.select_for_update().filter(pk=pk).first()
            if form.is_valid():
                terug = melding.get_absolute_url()
                return _opslaan(request, form, "De voortgangsmelding is bijgewerkt.", terug)
    return _meldingformulier(request, form, melding.onderwerp, melding)


OUDERS = {"prioriteit": Prioriteit, "speerpunt": LokaalSpeerpunt}


@login_required
def onderdeel_nieuw(request, soort, ouder, pk):
    """Een doel of maatregel toevoegen aan een prioriteit of speerpunt (zonder het beheer)."""
    model, oudermodel = ONDERDELEN.get(soort), OUDERS.get(ouder)
    if model is None or oudermodel is None:
        raise PermissionDenied
    bovenliggend = get_object_or_404(oudermodel, pk=pk)
    if not is_adviseur(request.user) or not mag_bewerken(request.user, bovenliggend):
        raise PermissionDenied("U mag hier geen doelen of maatregelen toevoegen.")
    form = OnderdeelForm(request.POST or None)
    if form.is_valid():
        volgorde = model.objects.filter(**{ouder: bovenliggend}).aggregate(m=Max("volgorde"))["m"]
        model.objects.create(
            **{ouder: bovenliggend}, volgorde=(volgorde or 0) + 1, tekst=form.cleaned_data["tekst"]
        )
        messages.success(request, f"{model._meta.verbose_name.capitalize()} toegevoegd.")
        return redirect(bovenliggend.get_absolute_url())
    return render(
        request,
        "prioriteiten/onderdeel_form.html",
        {"form": form, "ouder": bovenliggend, "soort": model._meta.verbose_name},
    )


@login_required
def indicator_bewerken(request, pk):
    """De indicator van een doel met basisjaar, streefwaarde, streefdatum en mijlpalen
    invoeren of wijzigen, in de site (niet alleen in het beheer). Alleen wie het doel mag
    bewerken (ivp.rechten.mag_bewerken); anderen krijgen 403."""
    doel = get_object_or_404(Doel.objects.select_related("prioriteit__plan", "speerpunt"), pk=pk)
    if not is_adviseur(request.user) or not mag_bewerken(request.user, doel):
        raise PermissionDenied("U mag de indicator van dit doel niet bewerken.")
    indicator = Indicator.objects.filter(doel=doel).first() or Indicator(doel=doel)
    form = IndicatorForm(request.POST or None, instance=indicator)
    mijlpalen = MijlpaalFormSet(request.POST or None, instance=indicator, prefix="mijlpaal")
    if request.method == "POST" and form.is_valid() and mijlpalen.is_valid():
        with transaction.atomic():
            indicator = form.save()
            mijlpalen.instance = indicator
            mijlpalen.save()
        messages.success(request, "De indicator is opgeslagen.")
        return redirect(doel.get_absolute_url())
    return render(
        request,
        "prioriteiten/indicator_form.html",
        {"form": form, "mijlpalen": mijlpalen, "doel": doel},
    )
