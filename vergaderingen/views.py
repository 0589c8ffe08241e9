"""Vergaderingen plannen en het vergaderstuk tonen: HTML om af te drukken, PDF en XLSX."""

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone

from ivp.gegevensversie import per_versie
from ivp.rechten import is_adviseur, mag_vergaderingen_plannen
from vergaderingen.forms import AgendapuntFormSet, VergaderingForm
from vergaderingen.models import Vergadering
from vergaderingen.pdf import PdfNietBeschikbaar, html_naar_pdf
from vergaderingen.stuk import maak_stuk
from vergaderingen.xlsx import stuk_als_databook

STATISCH = {
    "favicon": "img/favicon.svg",
    "bootstrap": "bootstrap/css/bootstrap.min.css",
    "css": "css/ivp.css",
    "stuk": "css/stuk.css",
    "plotly": "plotly/plotly.min.js",
    "plotly_nl": "plotly/plotly-locale-nl.js",
    "plotly_css": "css/plotly.css",
    "grafieken": "js/grafieken.js",
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def lijst(request):
    """De komende vergaderingen (vroegste eerst) en de eerdere (nieuwste eerst); 1 query."""
    vergaderingen = list(Vergadering.objects.select_related("overleg").order_by("-datum"))
    vandaag = timezone.localdate()
    komend = [vergadering for vergadering in vergaderingen if vergadering.datum >= vandaag]
    return render(
        request,
        "vergaderingen/vergaderingen.html",
        {
            "komend": sorted(komend, key=lambda vergadering: vergadering.datum),
            "geweest": [
                vergadering for vergadering in vergaderingen if vergadering.datum < vandaag
            ],
            "mag_plannen": mag_vergaderingen_plannen(request.user),
        },
    )


def _met_agenda(pk):
    """De vergadering met haar overleg, gekozen plan en agendapunten (2 queries), of 404."""
    return get_object_or_404(
        Vergadering.objects.select_related("overleg", "plan").prefetch_related("agendapunten"),
        pk=pk,
    )


def detail(request, pk):
    """Eén vergadering met haar agenda; interne punten en notities alleen voor adviseurs.
    `voorlopig`: de vergadering moet nog komen, dus het stuk toont de gegevens van vandaag."""
    vergadering = _met_agenda(pk)
    intern = is_adviseur(request.user)
    return render(
        request,
        "vergaderingen/vergadering.html",
        {
            "vergadering": vergadering,
            "voorlopig": vergadering.datum > timezone.localdate(),
            "intern": intern,
            "agenda": [
                punt for punt in vergadering.agendapunten.all() if intern or not punt.intern
            ],
            "mag_plannen": mag_vergaderingen_plannen(request.user),
        },
    )


@login_required
def bewerken(request, pk=None):
    """Een vergadering plannen (zonder pk) of bewerken, met haar agendapunten in één keer.

    Alleen adviseurs, de voorzitter en beheerders (ivp.rechten); anderen krijgen 403.
    """
    if not mag_vergaderingen_plannen(request.user):
        raise PermissionDenied("Alleen adviseurs en de voorzitter plannen vergaderingen.")
    vergadering = get_object_or_404(Vergadering, pk=pk) if pk else Vergadering()
    form = VergaderingForm(request.POST or None, instance=vergadering)
    agenda = AgendapuntFormSet(request.POST or None, instance=vergadering, prefix="agenda")
    if request.method == "POST" and form.is_valid() and agenda.is_valid():
        with transaction.atomic():
            if not vergadering.pk:
                form.instance.aangemaakt_door = request.user
            vergadering = form.save()
            agenda.instance = vergadering
            agenda.save()
        messages.success(request, "De vergadering is opgeslagen.")
        return redirect(vergadering)
    return render(
        request,
        "vergaderingen/vergadering_form.html",
        {"form": form, "agenda": agenda, "vergadering": vergadering if pk else None},
    )


def _stuk_of_403(request, pk, openbaar):
    """Het Stuk (vergaderingen/stuk.py), per gegevensversie bewaard (ivp/gegevensversie.py):
    het hangt alleen af van de vergadering, `openbaar` en de gegevens, niet van de bezoeker
    of de dag. Bij een treffer 1 query (de versie) in plaats van 28. Http404 zonder
    vergadering; PermissionDenied voor de interne versie zonder adviseursrecht."""
    if not openbaar and not is_adviseur(request.user):
        get_object_or_404(Vergadering, pk=pk)  # een onbekende vergadering blijft een 404
        raise PermissionDenied("De interne versie van het stuk is voor adviseurs.")
    return per_versie(
        "vergaderingen.stuk", (pk, openbaar), lambda: maak_stuk(_met_agenda(pk), openbaar)
    )


def _statisch(voor_pdf):
    if voor_pdf:
        return {naam: Path(finders.find(pad)).as_uri() for naam, pad in STATISCH.items()}
    return {naam: static(pad) for naam, pad in STATISCH.items()}


def _stuk_html(request, stuk, voor_pdf=False):
    """Het stuk als HTML, met de stand van vandaag (Stuk.stand_op) en hoofdstuk 2 zoals het op
    die standdag wordt getoond (Stuk.gemeenten_op: welke rijen oud zijn): per verzoek, niet
    bewaard."""
    standdag = stuk.stand_op(timezone.localdate())
    return render_to_string(
        "vergaderingen/vergaderstuk.html",
        {
            "stuk": stuk,
            "standdag": standdag,
            "gemeenten_op_standdag": stuk.gemeenten_op(standdag),
            "statisch": _statisch(voor_pdf),
            "voor_pdf": voor_pdf,
        },
        request=request,
    )


def _login_of_403(view):
    """Anoniem naar inloggen, ingelogd zonder recht 403 (alleen voor de interne versie)."""

    def binnen(request, pk, openbaar=False):
        if not openbaar and not request.user.is_authenticated:
            return login_required(view)(request, pk, openbaar)
        return view(request, pk, openbaar)

    return binnen


@_login_of_403
def stuk(request, pk, openbaar=False):
    """Het vergaderstuk als HTML om af te drukken; de interne versie alleen voor adviseurs."""
    return HttpResponse(_stuk_html(request, _stuk_of_403(request, pk, openbaar)))


def _als_bijlage(inhoud, content_type, stuk, extensie):
    """Een download met de naam <overleg>-<jjjj-mm-dd>[-openbaar].<extensie>."""
    overleg = stuk.vergadering.overleg
    naam = (overleg.afkorting or overleg.slug).lower().replace(" ", "-")
    openbaar = "-openbaar" if stuk.openbaar else ""
    response = HttpResponse(inhoud, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{naam}-{stuk.vergadering.datum:%Y-%m-%d}{openbaar}.{extensie}"'
    )
    return response


@_login_of_403
def stuk_pdf(request, pk, openbaar=False):
    """Het stuk als PDF (headless Chromium); zonder Chromium een uitleg met status 503."""
    inhoud = _stuk_of_403(request, pk, openbaar)
    try:
        pdf = html_naar_pdf(_stuk_html(request, inhoud, voor_pdf=True))
    except PdfNietBeschikbaar as fout:
        return render(
            request, "vergaderingen/pdf_fout.html", {"fout": fout, "stuk": inhoud}, status=503
        )
    return _als_bijlage(pdf, "application/pdf", inhoud, "pdf")


@_login_of_403
def stuk_xlsx(request, pk, openbaar=False):
    """De tabellen van het stuk als XLSX-werkbladen (vergaderingen/xlsx.py), met de stand van
    vandaag zoals het HTML-stuk (Stuk.stand_op)."""
    inhoud = _stuk_of_403(request, pk, openbaar)
    databook = stuk_als_databook(inhoud, inhoud.stand_op(timezone.localdate()))
    return _als_bijlage(databook.export("xlsx"), XLSX, inhoud, "xlsx")
