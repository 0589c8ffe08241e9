"""De uploadpagina: bestand kiezen (of ophalen bij het CBS), voorbeeld bekijken, bevestigen.

Alleen voor wie cijfers mag importeren (ivp/rechten.py: adviseur, voorzitter, beheerder),
bij GET én POST. Het uploadverzoek bewaart alleen het bestand (tot lezen.max_bytes, bewaakt
door GrootteBewaking) als Import en zet een taak in de rij die het leest, controleert en het
voorbeeld maakt (taken.py); het bevestigen zet een tweede taak in de rij die schrijft. Zo
blijft elk verzoek kort, hoe groot het bestand ook is. De importpagina toont de voortgang
van beide (status.json, static/js/importvoortgang.js), daarna het voorbeeld met het
bevestigformulier, of de fout als het bestand niet te lezen is.
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from cijfers.importeren.cbs import CBS_TABEL, CbsOnbereikbaar, maak_cbs_voorbeeld
from cijfers.importeren.formaten import SJABLOON
from cijfers.importeren.forms import BevestigFormulier, GrootteBewaking, UploadFormulier
from cijfers.importeren.fouten import BestandFout
from cijfers.importeren.lezen import max_bytes, megabytes, te_groot
from cijfers.importeren.sjabloon import maak_sjabloon
from cijfers.importeren.taken import (
    NIET_OPGEPAKT,
    nieuw_voorbeeld,
    start_import,
    voortgang_als_json,
)
from cijfers.importeren.voorstel import buiten_eigen_gemeenten
from cijfers.models import Categorie, Import, Importtaak
from ivp.models import Gebied
from ivp.rechten import eigen_gemeente_ids, mag_alles, mag_importeren

VASTGELOPEN = (
    "De import is niet afgemaakt: de worker is gestopt. Er is niets geïmporteerd; bevestig opnieuw."
)
VOORBEELD_VASTGELOPEN = (
    "Het voorbeeld is niet afgemaakt: de worker is gestopt. Er is niets opgeslagen; upload het "
    "bestand opnieuw."
)
GEEN_RECHT = (
    "Alleen beleidsadviseurs, de voorzitter van het AVO BES en beheerders mogen cijfers importeren."
)


def _toegang(request):
    """None als de gebruiker mag importeren, anders de doorverwijzing naar inloggen of een 403."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not mag_importeren(request.user):
        raise PermissionDenied(GEEN_RECHT)
    return None


@csrf_exempt  # de CSRF-controle volgt in _importeren, ná het plaatsen van de groottebewaking
def importeren_pagina(request):
    """/cijfers/importeren/: het uploadformulier en de laatste tien imports (GET); een upload
    wordt een Import waarvan de worker het voorbeeld maakt (taken.nieuw_voorbeeld), waarheen
    de POST doorverwijst."""
    weigering = _toegang(request)
    if weigering:
        return weigering
    if request.method == "POST":
        # Moet vóór het lezen van request.POST/FILES, dus vóór de CSRF-controle.
        request.upload_handlers.insert(0, GrootteBewaking(request))
    return _importeren(request)


@csrf_protect
def _importeren(request):
    formulier = UploadFormulier()
    if request.method == "POST":
        formulier = UploadFormulier(request.POST, request.FILES)  # leest de upload
        afgebroken = getattr(request, "import_te_groot", None)  # gezet door GrootteBewaking
        if afgebroken:
            formulier.is_valid()
            formulier.errors["bestand"] = formulier.error_class([te_groot().fout.reden])
        elif formulier.is_valid():
            bestand = formulier.cleaned_data["bestand"]
            # Het bestand zelf (geheugen of tijdelijk bestand) gaat in stukken naar de database.
            return redirect(nieuw_voorbeeld(bestand, bestand.name, request.user))
    return _uploadpagina(request, formulier)


def _uploadpagina(request, formulier, bestandsfout=None, cbs_melding=None):
    imports = Import.objects.select_related("gebruiker")
    if not mag_alles(request.user):
        imports = imports.filter(gebruiker=request.user)
    return render(
        request,
        "cijfers/importeren.html",
        {
            "formulier": formulier,
            "bestandsfout": bestandsfout,
            "cbs_melding": cbs_melding,
            "cbs_tabel": CBS_TABEL,
            "imports": list(imports.defer("inhoud", "voorbeeld")[:10]),
            "max_mb": megabytes(max_bytes()),
            "sjabloon_kolommen": SJABLOON.verplicht + SJABLOON.extra,
        },
    )


@require_POST
@csrf_protect
def cbs_ophalen(request):
    """/cijfers/importeren/cbs/ (POST): haalt de nieuwste politiecijfers van de eigen gebieden
    en Nederland bij het CBS (cbs.py) en laat de worker er een voorbeeld van maken, net als
    bij een upload; zonder verbinding de uploadpagina met één zin uitleg erboven."""
    weigering = _toegang(request)
    if weigering:
        return weigering
    try:
        import_ = maak_cbs_voorbeeld(request.user)
    except CbsOnbereikbaar as fout:
        return _uploadpagina(request, UploadFormulier(), cbs_melding=str(fout))
    except BestandFout as fout:
        return _uploadpagina(request, UploadFormulier(), bestandsfout=fout.fout)
    return redirect(import_)


def _eigen_import(request, pk):
    import_ = get_object_or_404(
        Import.objects.select_related("gebruiker", "taak").defer("inhoud"), pk=pk
    )
    if not mag_alles(request.user) and import_.gebruiker_id != request.user.pk:
        raise Http404("Deze import is van een andere gebruiker.")
    return import_


def import_pagina(request, pk):
    """/cijfers/importeren/<pk>/: de voortgang van het voorbeeld, het voorbeeld, de fout van
    een bestand dat niet te lezen is, de voortgang of de uitkomst van één import; een POST
    bevestigt het voorbeeld en zet de import in de rij voor de worker (taken.py). Alleen de
    eigen imports, behalve voor wie alles mag (404)."""
    weigering = _toegang(request)
    if weigering:
        return weigering
    # Het bestand zelf (tot het maximum groot) leest alleen de worker.
    import_ = _eigen_import(request, pk)
    formulier = BevestigFormulier(request.POST if request.method == "POST" else None)
    taak = getattr(import_, "taak", None)
    if request.method == "POST" and import_.is_voorbeeld and not _loopt(taak):
        formulier.is_valid()
        taak = start_import(
            import_,
            formulier.cleaned_data["alleen_geldige"],
            formulier.cleaned_data["plan_bevestigd"],
        )
        if taak.status != Importtaak.Status.MISLUKT:
            return redirect(import_)
        import_.refresh_from_db()  # een nieuw voorbeeld als de cijfers veranderd zijn
    elif request.method == "POST":
        return redirect(import_)
    return render(
        request,
        "cijfers/import.html",
        {
            "import": import_,
            "voorbeeld": import_.voorbeeld,
            "formulier": formulier,
            "taak": taak,
            "loopt": _loopt(taak),
            "voortgang": voortgang_als_json(taak) if taak else None,
            "melding": _melding(import_, taak),
            "buiten_eigen": _buiten_eigen(request, import_),
        },
    )


def _buiten_eigen(request, import_):
    """De waarschuwing dat een voorbeeld cijfers van andere gemeenten wijzigt dan die in het
    profiel van wie het uploadde (voorstel.buiten_eigen_gemeenten), of None: na de import, als
    het niets bestaands wijzigt, en voor wie alles mag (voorzitter, beheerder, het commando).

    Eén query (de gemeenten van het profiel) als het voorbeeld bestaande cijfers van een
    gemeente of basisteam wijzigt; bekijkt een ander dan de uploader het, ook zijn profiel."""
    if not import_.is_voorbeeld or not import_.voorbeeld.get("bestaand_per_gebied"):
        return None
    uploader = request.user if import_.gebruiker_id == request.user.pk else import_.gebruiker
    if uploader is None or mag_alles(uploader):
        return None
    return buiten_eigen_gemeenten(
        import_.voorbeeld,
        eigen_gemeente_ids(uploader),
        eigen=uploader is request.user,
        wie=uploader.get_username(),
    )


def _loopt(taak):
    return taak is not None and not taak.is_afgelopen and not taak.is_vastgelopen


def _melding(import_, taak):
    """Wat de worker zei of waarom hij (nog) niets deed: een taak die te lang in de rij staat
    (taken.NIET_OPGEPAKT), een gestopte worker, of de melding van een mislukte taak. None na
    de import, en bij een bestand dat niet te lezen is (dat toont de pagina met zijn fout)."""
    if taak is None or not (import_.is_voorbeeld or import_.wordt_voorbeeld):
        return None
    if taak.is_niet_opgepakt:
        return NIET_OPGEPAKT
    if taak.is_vastgelopen:
        return VOORBEELD_VASTGELOPEN if import_.wordt_voorbeeld else VASTGELOPEN
    return taak.melding or None


def import_status(request, pk):
    """/cijfers/importeren/<pk>/status.json: de voortgang van de worker (taken.voortgang_als_json)
    voor static/js/importvoortgang.js; {"status": "geen"} zolang er geen taak is."""
    weigering = _toegang(request)
    if weigering:
        return weigering
    import_ = _eigen_import(request, pk)
    taak = getattr(import_, "taak", None)
    gegevens = voortgang_als_json(taak) if taak else {"status": "geen", "afgelopen": True}
    antwoord = JsonResponse(gegevens)
    antwoord["Cache-Control"] = "no-store"
    return antwoord


def sjabloon_xlsx(request):
    """/cijfers/importeren/sjabloon.xlsx: het sjabloon om in te vullen (sjabloon.py), met de
    categorieën en de eigen gebieden (Gebied.objects.eigen()) van dit moment. Voor wie mag importeren."""
    weigering = _toegang(request)
    if weigering:
        return weigering
    categorieen = [
        (naam, slug, Categorie.Eenheid(eenheid).label)
        for naam, slug, eenheid in Categorie.objects.values_list("naam", "slug", "eenheid")
    ]
    # De eigen gebieden: na een landelijke import niet elke gemeente, wijk en buurt van het land.
    gebieden = list(Gebied.objects.eigen().values_list("naam", "cbs_code"))
    antwoord = HttpResponse(
        maak_sjabloon(categorieen, gebieden),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    antwoord["Content-Disposition"] = 'attachment; filename="ivp-bes-sjabloon.xlsx"'
    return antwoord
