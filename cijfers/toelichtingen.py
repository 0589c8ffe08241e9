"""Toelichting bij een cijfer (issue 17): toevoegen, wijzigen en intrekken op de site, en het
ophalen van de toelichtingen voor een pagina (één query).

Rechten: ivp.rechten.mag_toelichten (een adviseur van de gemeente, of voor het basisteam de
voorzitter); anderen krijgen 403. Na het opslaan gaat de gebruiker terug naar de pagina waar
hij vandaan kwam (`next`, alleen een adres op deze site), anders naar de gebiedspagina.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from cijfers.forms import ToelichtingForm
from cijfers.models import Categorie, Toelichting
from cijfers.pagina.toelichtingen import regels
from ivp.models import Gebied
from ivp.rechten import mag_toelichten

SOORTEN = [Gebied.Soort.GEMEENTE, Gebied.Soort.BASISTEAM]


def van_gebieden(gebied_ids, categorie_id=None):
    """De zichtbare toelichtingen (niet ingetrokken) bij deze gebieden, desgewenst alleen van
    één categorie, als Regels (cijfers.pagina.toelichtingen; 1 query: Toelichting met
    gebied, categorie en auteur). Zonder gebieden geen query."""
    gebied_ids = list(gebied_ids)
    if not gebied_ids:
        return []
    toelichtingen = Toelichting.objects.zichtbaar().voor_gebieden(gebied_ids)
    if categorie_id is not None:
        toelichtingen = toelichtingen.filter(categorie_id=categorie_id)
    return regels(toelichtingen)


def analyses_van(gebied_ids):
    """De analyses uit hoofdstuk 8 van de plannen (Gemeenteanalyse, met plan en gebied) van
    deze gebieden, nieuwste plan eerst (1 query; geen zonder gebieden). Via de omgekeerde
    relatie `Gebied.analyses`, zoals cijfers.views._gemeenteanalyses: cijfers importeert
    prioriteiten niet."""
    gebied_ids = list(gebied_ids)
    if not gebied_ids:
        return []
    analyses = Gebied.analyses.rel.related_model.objects.filter(gebied__in=gebied_ids)
    return list(
        analyses.select_related("plan", "gebied").order_by("gebied__volgorde", "-plan__begin_jaar")
    )


def terug_naar(request, standaard):
    """Het adres uit `next` (POST, anders GET) als het op deze site ligt, anders `standaard`."""
    volgende = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return volgende
    return standaard


def _formulier(request, form, gebied, toelichting=None):
    terug = terug_naar(request, gebied.get_absolute_url())
    context = {"form": form, "gebied": gebied, "toelichting": toelichting, "terug": terug}
    return render(request, "cijfers/toelichting_form.html", context)


def _beginwaarden(request):
    """Categorie (?categorie=<slug>) en periode (?van=2018) vooraf ingevuld vanuit een link."""
    beginwaarden = {}
    if slug := request.GET.get("categorie"):
        beginwaarden["categorie"] = Categorie.objects.filter(slug=slug).first()
    if van := request.GET.get("van"):
        beginwaarden["van"] = van[:7]
    return beginwaarden


@login_required
def nieuw(request, slug):
    """/gebieden/<slug>/toelichting/nieuw/: een toelichting bij de cijfers van een gemeente of
    basisteam schrijven (403 zonder recht)."""
    gebied = get_object_or_404(Gebied, slug=slug, soort__in=SOORTEN)
    if not mag_toelichten(request.user, gebied.pk):
        raise PermissionDenied("U mag bij de cijfers van dit gebied geen toelichting schrijven.")
    toelichting = Toelichting(gebied=gebied, auteur=request.user)
    form = ToelichtingForm(
        request.POST or None, instance=toelichting, initial=_beginwaarden(request)
    )
    if form.is_valid():
        form.save()
        messages.success(request, "De toelichting is opgeslagen.")
        return redirect(terug_naar(request, gebied.get_absolute_url()))
    return _formulier(request, form, gebied)


@login_required
def bewerken(request, pk):
    """/toelichtingen/<pk>/bewerken/: een toelichting wijzigen (403 zonder recht; de
    geschiedenis bewaart de vorige versie en wie haar wijzigde)."""
    toelichting = get_object_or_404(Toelichting.objects.select_related("gebied"), pk=pk)
    if not mag_toelichten(request.user, toelichting.gebied_id):
        raise PermissionDenied("U mag deze toelichting niet wijzigen.")
    form = ToelichtingForm(request.POST or None, instance=toelichting)
    if form.is_valid():
        form.save()
        messages.success(request, "De toelichting is bijgewerkt.")
        return redirect(terug_naar(request, toelichting.gebied.get_absolute_url()))
    return _formulier(request, form, toelichting.gebied, toelichting)


@login_required
@require_POST
def intrekken(request, pk):
    """POST /toelichtingen/<pk>/intrekken/: de toelichting staat niet meer op de pagina's,
    maar blijft in de geschiedenis (403 zonder recht)."""
    toelichting = get_object_or_404(Toelichting.objects.select_related("gebied"), pk=pk)
    if not mag_toelichten(request.user, toelichting.gebied_id):
        raise PermissionDenied("U mag deze toelichting niet intrekken.")
    toelichting.ingetrokken = True
    toelichting.save()
    messages.success(request, "De toelichting is ingetrokken; ze staat nog in de geschiedenis.")
    return redirect(terug_naar(request, toelichting.gebied.get_absolute_url()))
