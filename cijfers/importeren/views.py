"""De uploadpagina: bestand kiezen, voorbeeld bekijken, bevestigen.

Alleen voor wie cijfers mag importeren (ivp/rechten.py: adviseur, voorzitter, beheerder),
bij GET én POST. Het bestand staat tussen voorbeeld en bevestiging in de Import.
"""

import datetime
import hashlib

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from cijfers.importeren.controle import controleer_bestand
from cijfers.importeren.formaten import SJABLOON
from cijfers.importeren.forms import BevestigFormulier, GrootteBewaking, UploadFormulier
from cijfers.importeren.fouten import BestandFout
from cijfers.importeren.lezen import max_bytes, megabytes, te_groot
from cijfers.importeren.schrijven import ImportGeweigerd, VeranderdSindsVoorbeeld, voer_uit
from cijfers.importeren.sjabloon import maak_sjabloon
from cijfers.importeren.voorstel import maak_voorstel
from cijfers.models import Categorie, Import
from ivp.models import Gebied
from ivp.rechten import mag_alles, mag_importeren

GEEN_RECHT = (
    "Alleen beleidsadviseurs, de voorzitter van het AVO BES en beheerders mogen cijfers importeren."
)
VOORBEELD_BEWAARD = datetime.timedelta(days=1)


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
    wordt een Import met zijn voorbeeld, waarheen de POST doorverwijst."""
    weigering = _toegang(request)
    if weigering:
        return weigering
    if request.method == "POST":
        # Moet vóór het lezen van request.POST/FILES, dus vóór de CSRF-controle.
        request.upload_handlers.insert(0, GrootteBewaking(request))
    return _importeren(request)


@csrf_protect
def _importeren(request):
    formulier, bestandsfout = UploadFormulier(), None
    if request.method == "POST":
        formulier = UploadFormulier(request.POST, request.FILES)  # leest de upload
        afgebroken = getattr(request, "import_te_groot", None)  # gezet door GrootteBewaking
        if afgebroken:
            formulier.is_valid()
            formulier.errors["bestand"] = formulier.error_class([te_groot().fout.reden])
        elif formulier.is_valid():
            try:
                import_ = maak_voorbeeld(formulier.cleaned_data["bestand"], request.user)
            except BestandFout as fout:
                bestandsfout = fout.fout
            else:
                return redirect(import_)
    imports = Import.objects.select_related("gebruiker")
    if not mag_alles(request.user):
        imports = imports.filter(gebruiker=request.user)
    return render(
        request,
        "cijfers/importeren.html",
        {
            "formulier": formulier,
            "bestandsfout": bestandsfout,
            "imports": list(imports.defer("inhoud", "voorbeeld")[:10]),
            "max_mb": megabytes(max_bytes()),
            "sjabloon_kolommen": SJABLOON.verplicht + SJABLOON.extra,
        },
    )


def maak_voorbeeld(bestand, gebruiker):
    """Leest en controleert het bestand en bewaart het met zijn voorbeeld (nog niets geïmporteerd)."""
    inhoud = bestand.read()
    controle = controleer_bestand(inhoud)
    voorstel = maak_voorstel(controle)
    Import.objects.filter(
        status=Import.Status.VOORBEELD, aangemaakt__lt=timezone.now() - VOORBEELD_BEWAARD
    ).delete()
    return Import.objects.create(
        bestandsnaam=bestand.name[:255],
        soort=controle.formaat.soort,
        gebruiker=gebruiker,
        inhoud=inhoud,
        sha256=hashlib.sha256(inhoud).hexdigest(),
        voorbeeld=voorstel.samenvatting(),
        **voorstel.tellingen(),
    )


def import_pagina(request, pk):
    """/cijfers/importeren/<pk>/: het voorbeeld (of de uitkomst) van één import; een POST
    bevestigt het voorbeeld. Alleen de eigen imports, behalve voor wie alles mag (404)."""
    weigering = _toegang(request)
    if weigering:
        return weigering
    # Het bestand zelf (tot het maximum groot) alleen ophalen bij het bevestigen.
    import_ = get_object_or_404(Import.objects.select_related("gebruiker").defer("inhoud"), pk=pk)
    if not mag_alles(request.user) and import_.gebruiker_id != request.user.pk:
        raise Http404("Deze import is van een andere gebruiker.")
    formulier = BevestigFormulier(request.POST if request.method == "POST" else None)
    melding = None
    if request.method == "POST" and import_.is_voorbeeld:
        formulier.is_valid()
        melding = bevestig(
            import_,
            request.user,
            formulier.cleaned_data["alleen_geldige"],
            formulier.cleaned_data["plan_bevestigd"],
        )
        if melding is None:
            return redirect(import_)
    elif request.method == "POST":
        return redirect(import_)
    return render(
        request,
        "cijfers/import.html",
        {
            "import": import_,
            "voorbeeld": import_.voorbeeld,
            "formulier": formulier,
            "melding": melding,
        },
    )


def verwachte_tellingen(import_, plan_bevestigd):
    """De tellingen die de bevestiging moet geven: die van het voorbeeld, waarbij de cijfers uit
    het plan bij gewijzigd staan als de gebruiker ze nu bevestigt en anders bij afgewezen (het
    voorbeeld kan met of zonder die bevestiging gemaakt zijn)."""
    verwacht = import_.tellingen()
    plan = import_.voorbeeld.get("aantal_plan", 0)
    verschil = plan_bevestigd - bool(import_.voorbeeld.get("plan_bevestigd"))  # -1, 0 of 1
    verwacht["gewijzigd"] += verschil * plan
    verwacht["afgewezen"] -= verschil * plan
    return verwacht


def bevestig(import_, gebruiker, alleen_geldige, plan_bevestigd=False):
    """Voert de import uit; geeft een melding als dat (nog) niet kan, anders None.

    Met `plan_bevestigd` worden cijfers uit het plan herzien (plan.py); zonder zijn het
    fouten, die alleen met `alleen_geldige` overgeslagen worden.
    """
    inhoud = bytes(import_.inhoud)
    if hashlib.sha256(inhoud).hexdigest() != import_.sha256:
        return "Het bewaarde bestand is niet meer compleet; upload het opnieuw."
    try:
        controle = controleer_bestand(inhoud)
        controle.plan_bevestigd = plan_bevestigd
        voer_uit(
            controle,
            import_,
            gebruiker,
            alleen_geldige=alleen_geldige,
            verwacht=verwachte_tellingen(import_, plan_bevestigd),
        )
    except BestandFout as fout:
        return f"Het bestand is niet meer te lezen: {fout.fout}"
    except ImportGeweigerd:
        return (
            "Er is niets geïmporteerd: het bestand heeft fouten. Herstel het bestand en upload "
            "het opnieuw, of kies 'Alleen de geldige rijen importeren'"
            + (
                " of bevestig de afwijkingen van het plan."
                if import_.voorbeeld.get("aantal_plan") and not plan_bevestigd
                else "."
            )
        )
    except VeranderdSindsVoorbeeld as veranderd:
        import_.voorbeeld = veranderd.voorstel.samenvatting()
        for naam, aantal in veranderd.voorstel.tellingen().items():
            setattr(import_, naam, aantal)
        import_.save()
        return (
            "Er is niets geïmporteerd: de cijfers in het dashboard zijn veranderd sinds dit "
            "voorbeeld. Hieronder staat het nieuwe voorbeeld; bevestig opnieuw."
        )
    return None


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
