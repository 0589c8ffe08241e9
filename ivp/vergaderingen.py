"""Vergaderingen plannen en het vergaderstuk tonen: HTML om af te drukken, PDF en XLSX."""

from pathlib import Path

import tablib
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

from ivp.forms import AgendapuntFormSet, VergaderingForm
from ivp.models import Vergadering
from ivp.pdf import PdfNietBeschikbaar, html_naar_pdf
from ivp.rechten import is_adviseur, mag_vergaderingen_plannen
from ivp.vergaderstuk import maak_stuk

STATISCH = {
    "favicon": "img/favicon.svg",
    "bootstrap": "bootstrap/css/bootstrap.min.css",
    "css": "css/ivp.css",
    "stuk": "css/stuk.css",
    "plotly": "plotly/plotly.min.js",
    "grafieken": "js/grafieken.js",
}


def lijst(request):
    vergaderingen = list(Vergadering.objects.select_related("overleg").order_by("-datum"))
    vandaag = timezone.localdate()
    return render(
        request,
        "ivp/vergaderingen.html",
        {
            "komend": sorted(
                (v for v in vergaderingen if v.datum >= vandaag), key=lambda v: v.datum
            ),
            "geweest": [v for v in vergaderingen if v.datum < vandaag],
            "mag_plannen": mag_vergaderingen_plannen(request.user),
        },
    )


def detail(request, pk):
    vergadering = get_object_or_404(
        Vergadering.objects.select_related("overleg").prefetch_related("agendapunten"), pk=pk
    )
    intern = is_adviseur(request.user)
    return render(
        request,
        "ivp/vergadering.html",
        {
            "vergadering": vergadering,
            "intern": intern,
            "agenda": [p for p in vergadering.agendapunten.all() if intern or not p.intern],
            "mag_plannen": mag_vergaderingen_plannen(request.user),
        },
    )


@login_required
def bewerken(request, pk=None):
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
        "ivp/vergadering_form.html",
        {"form": form, "agenda": agenda, "vergadering": vergadering if pk else None},
    )


def _stuk_of_403(request, pk, openbaar):
    vergadering = get_object_or_404(
        Vergadering.objects.select_related("overleg").prefetch_related("agendapunten"), pk=pk
    )
    if not openbaar and not is_adviseur(request.user):
        raise PermissionDenied("De interne versie van het stuk is voor adviseurs.")
    return maak_stuk(vergadering, openbaar=openbaar)


def _statisch(voor_pdf):
    if voor_pdf:
        return {naam: Path(finders.find(pad)).as_uri() for naam, pad in STATISCH.items()}
    return {naam: static(pad) for naam, pad in STATISCH.items()}


def _stuk_html(request, stuk, voor_pdf=False):
    return render_to_string(
        "ivp/vergaderstuk.html",
        {"stuk": stuk, "statisch": _statisch(voor_pdf), "voor_pdf": voor_pdf},
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
    return HttpResponse(_stuk_html(request, _stuk_of_403(request, pk, openbaar)))


def _bestandsnaam(stuk, extensie):
    v = stuk.vergadering
    naam = (v.overleg.afkorting or v.overleg.slug).lower().replace(" ", "-")
    return f"{naam}-{v.datum:%Y-%m-%d}{'-openbaar' if stuk.openbaar else ''}.{extensie}"


@_login_of_403
def stuk_pdf(request, pk, openbaar=False):
    inhoud = _stuk_of_403(request, pk, openbaar)
    try:
        pdf = html_naar_pdf(_stuk_html(request, inhoud, voor_pdf=True))
    except PdfNietBeschikbaar as fout:
        return render(request, "ivp/pdf_fout.html", {"fout": fout, "stuk": inhoud}, status=503)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(inhoud, "pdf")}"'
    return response


@_login_of_403
def stuk_xlsx(request, pk, openbaar=False):
    inhoud = _stuk_of_403(request, pk, openbaar)
    response = HttpResponse(
        stuk_als_databook(inhoud).export("xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(inhoud, "xlsx")}"'
    return response


def stuk_als_databook(stuk):
    """De tabellen van het stuk als werkbladen; getallen blijven getallen."""
    prioriteiten = tablib.Dataset(
        headers=["Prioriteit", "Stand", *[label for label, _, _ in stuk.prioriteiten[0]["telling"]]]
        if stuk.prioriteiten
        else ["Prioriteit", "Stand"],
        title="Prioriteiten",
    )
    meldingen = tablib.Dataset(
        headers=["Prioriteit", "Datum", "Onderwerp", "Status", "Melding", "Door"],
        title="Voortgang",
    )
    for p in stuk.prioriteiten:
        prioriteiten.append(
            [p["prioriteit"].naam, p["stoplicht"].label, *[n for _, _, n in p["telling"]]]
        )
        for m in p["meldingen"]:
            meldingen.append(_meldingrij(p["prioriteit"].naam, m))
    for gebied, lijst in stuk.speerpunten:
        for speerpunt, m in lijst:
            meldingen.append(_meldingrij(f"{gebied.naam}: {speerpunt.titel}", m))
    opvallend = tablib.Dataset(
        headers=["Gebied", "Categorie", "Vorig jaar", "Aantal vorig jaar", "Nieuwste jaar",
                 "Aantal nieuwste jaar", "Verschil",
                 "Verandering (%)", "Band"],
        title="Opvallende veranderingen",
    )  # fmt: skip
    for g in stuk.gemeenten:
        for o in g["opvallend"]:
            opvallend.append(
                [o.gebied.naam, o.categorie.naam, o.vorig_jaar, o.oud, o.jaar, o.nieuw,
                 o.verschil, o.procent, o.band]
            )  # fmt: skip
    nieuw = tablib.Dataset(
        headers=["Gebied", "Categorie", "Periode", "Aantal", "Status", "Vastgelegd op", "Reden"],
        title="Nieuwe cijfers",
    )
    for c in stuk.geimporteerd:
        nieuw.append(
            [c.gebied.naam, c.categorie.naam, c.periode, c.waarde, c.status,
             timezone.localtime(c.history_date).strftime("%d-%m-%Y %H:%M"),
             c.history_change_reason or ""]
        )  # fmt: skip
    driehoek = tablib.Dataset(headers=["Punt", "Toelichting"], title="Driehoek BES")
    for punt in stuk.driehoek:
        driehoek.append([punt.titel, punt.toelichting])
    return tablib.Databook([prioriteiten, meldingen, opvallend, nieuw, driehoek])


def _meldingrij(onderdeel, m):
    onderwerp = m.speerpunt.titel if m.speerpunt_id else (m.maatregel or m.doel).tekst
    door = m.auteur.get_full_name() or m.auteur.get_username() if m.auteur else ""
    return [onderdeel, m.datum, onderwerp, m.get_status_display(), m.tekst, door]
