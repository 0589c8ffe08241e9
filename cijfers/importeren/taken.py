"""Taken buiten het verzoek: een bevestigde import uitvoeren en de cijfers van het CBS ophalen.

Django's takenraamwerk (op Django 5.2 de backport django-tasks, met de databasebackend van
django-tasks-db; ivp/settings.py TASKS). De importpagina zet bij het bevestigen een taak in
de rij (`start_import`); de worker (`manage.py db_worker`) voert hem uit (`voer_import_uit`)
en houdt in de Importtaak bij hoe ver hij is, zodat de pagina dat kan tonen
(`voortgang_als_json`). Er wordt niets geschreven vóór de bevestiging, net als vroeger, en
schrijven.voer_uit schrijft alles in één transactie of niets: een gestopte worker laat de
database zoals hij was.

De voortgang tijdens het schrijven komt uit de transactie van voer_uit; op PostgreSQL schrijft
een tweede verbinding hem weg (anders is hij pas na de commit te zien).
"""

import datetime
import hashlib
import inspect
import logging
import time

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.utils import timezone
from django_tasks import task

from cijfers.importeren.controle import controleer_bestand
from cijfers.importeren.fouten import BestandFout
from cijfers.importeren.schrijven import ImportGeweigerd, VeranderdSindsVoorbeeld, voer_uit
from cijfers.importeren.voorstel import maak_voorstel
from cijfers.models import Import, Importtaak

logger = logging.getLogger(__name__)

# Hoe vaak de voortgang hoogstens wordt weggeschreven (seconden).
VOORTGANG_INTERVAL = 0.5
# Wat de pagina zegt als de worker faalt zonder een eigen melding.
ONVERWACHT = (
    "Er is niets geïmporteerd: de import liep op een onverwachte fout. Probeer het opnieuw."
)
ONVOLLEDIG = "Het bewaarde bestand is niet meer compleet; upload het opnieuw."
# Zo lang blijft een voorbeeld dat niemand bevestigt bewaard (met het bestand).
VOORBEELD_BEWAARD = datetime.timedelta(days=1)


def maak_voorbeeld(inhoud, bestandsnaam, gebruiker):
    """Leest en controleert `inhoud` (bytes) en bewaart het met zijn voorbeeld als Import (nog
    niets geïmporteerd); ruimt voorbeelden ouder dan VOORBEELD_BEWAARD op. Voor een upload en
    voor de cijfers van het CBS (cbs.py). Raises BestandFout als het bestand als geheel niet te
    lezen is."""
    controle = controleer_bestand(inhoud)
    voorstel = maak_voorstel(controle)
    Import.objects.filter(
        status=Import.Status.VOORBEELD, aangemaakt__lt=timezone.now() - VOORBEELD_BEWAARD
    ).delete()
    return Import.objects.create(
        bestandsnaam=bestandsnaam[:255],
        soort=controle.formaat.soort,
        gebruiker=gebruiker,
        inhoud=inhoud,
        sha256=hashlib.sha256(inhoud).hexdigest(),
        voorbeeld=voorstel.samenvatting(),
        **voorstel.tellingen(),
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


def bevestig(import_, gebruiker, alleen_geldige, plan_bevestigd=False, voortgang=None):
    """Voert de import uit (in dit proces); geeft een melding als dat niet kan, anders None.

    Met `plan_bevestigd` worden cijfers uit het plan herzien (plan.py); zonder zijn het
    fouten, die alleen met `alleen_geldige` overgeslagen worden. `voortgang(stap, gedaan,
    totaal)` hoort na het lezen en controleren (stap "lezen"/"controleren", in rijen) en,
    als schrijven.voer_uit het kent, tijdens het schrijven. Bij VeranderdSindsVoorbeeld krijgt
    `import_` het nieuwe voorbeeld.
    """
    inhoud = bytes(import_.inhoud)
    if hashlib.sha256(inhoud).hexdigest() != import_.sha256:
        return ONVOLLEDIG
    try:
        controle = controleer_bestand(inhoud)
        if voortgang is not None:
            voortgang("lezen", controle.rijen, controle.rijen)
            voortgang("controleren", controle.rijen, controle.rijen)
        controle.plan_bevestigd = plan_bevestigd
        extra = {"voortgang": voortgang} if voortgang and _kent_voortgang() else {}
        voer_uit(
            controle,
            import_,
            gebruiker,
            alleen_geldige=alleen_geldige,
            verwacht=verwachte_tellingen(import_, plan_bevestigd),
            **extra,
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


def _kent_voortgang():
    """True als schrijven.voer_uit een argument `voortgang` heeft (vanaf issue 13)."""
    return "voortgang" in inspect.signature(voer_uit).parameters


def start_import(import_, alleen_geldige, plan_bevestigd):
    """Zet de bevestigde import `import_` (een voorbeeld) in de rij voor de worker.

    Geeft de Importtaak. Een import die al een taak heeft die niet mislukt is, krijgt geen
    tweede (een dubbele klik); een mislukte taak wordt hergebruikt. Met de ImmediateBackend
    (de tests) is de import meteen uitgevoerd.
    """
    taak, nieuw = Importtaak.objects.get_or_create(
        import_bestand=import_,
        defaults={"alleen_geldige": alleen_geldige, "plan_bevestigd": plan_bevestigd},
    )
    if not nieuw:
        if taak.status != Importtaak.Status.MISLUKT and not taak.is_vastgelopen:
            return taak
        taak.status, taak.stap = Importtaak.Status.IN_DE_RIJ, Importtaak.Stap.WACHTEN
        taak.alleen_geldige, taak.plan_bevestigd = alleen_geldige, plan_bevestigd
        taak.melding, taak.gelezen, taak.gecontroleerd, taak.geschreven = "", 0, 0, 0
        taak.save()
    resultaat = voer_import_uit.enqueue(taak.pk)
    _werk_bij(taak, taak_id=str(resultaat.id))
    taak.refresh_from_db()
    return taak


class Voortgang:
    """De callback `voortgang(stap, gedaan, totaal)` die de Importtaak bijwerkt.

    Hoogstens elke VOORTGANG_INTERVAL seconden (en altijd bij gedaan == totaal). Binnen de
    transactie van het schrijven (dieper dan bij het maken van de callback) op PostgreSQL via
    een eigen verbinding, zodat de pagina het meteen ziet; anders via de gewone verbinding
    (op SQLite dan pas na de commit te zien).
    """

    VELD = {"lezen": "gelezen", "controleren": "gecontroleerd", "gecontroleerd": "gecontroleerd"}

    def __init__(self, taak):
        self.taak = taak
        self.vorige = 0.0
        self.zijverbinding = None
        self.diepte = len(connection.atomic_blocks)

    def __call__(self, stap, gedaan, totaal):
        veld = self.VELD.get(str(stap), "geschreven")
        velden = {"stap": _stap(veld), veld: int(gedaan)}
        if veld == "geschreven":
            velden["te_schrijven"] = int(totaal)
        else:
            velden["totaal"] = int(totaal)
        nu = time.monotonic()
        if gedaan < totaal and nu - self.vorige < VOORTGANG_INTERVAL:
            return
        self.vorige = nu
        self.bewaar(velden)

    def bewaar(self, velden):
        """Schrijft `velden` (naam -> waarde) in de Importtaak, ook midden in de transactie."""
        if len(connection.atomic_blocks) <= self.diepte or connection.vendor != "postgresql":
            _werk_bij(self.taak, **velden)
        else:
            if self.zijverbinding is None:
                self.zijverbinding = connections.create_connection(DEFAULT_DB_ALIAS)
            kolommen = ", ".join(f"{connection.ops.quote_name(naam)} = %s" for naam in velden)
            tabel = connection.ops.quote_name(Importtaak._meta.db_table)
            with self.zijverbinding.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {tabel} SET {kolommen}, bijgewerkt = now() WHERE id = %s",
                    [*velden.values(), self.taak.pk],
                )

    def sluit(self):
        """Sluit de eigen verbinding (als die er is)."""
        if self.zijverbinding is not None:
            self.zijverbinding.close()
            self.zijverbinding = None


def _stap(veld):
    return {
        "gelezen": Importtaak.Stap.LEZEN,
        "gecontroleerd": Importtaak.Stap.CONTROLEREN,
    }.get(veld, Importtaak.Stap.SCHRIJVEN)


@task()
def voer_import_uit(taak_pk):
    """De taak van de worker: voert de bevestigde import van Importtaak `taak_pk` uit.

    Schrijft de uitkomst in de Importtaak: KLAAR, of MISLUKT met de melding voor de gebruiker
    (er is dan niets geïmporteerd). Een onverwachte fout wordt ook MISLUKT en gaat daarna
    verder omhoog, zodat django-tasks hem als mislukt bewaart. Geeft de status terug.
    """
    taak = Importtaak.objects.select_related("import_bestand__gebruiker").get(pk=taak_pk)
    import_ = taak.import_bestand
    if not import_.is_voorbeeld:
        # Al uitgevoerd (een herhaalde taak, of een vastgelopen worker kwam toch nog klaar).
        return _afgelopen(taak, Importtaak.Status.KLAAR, "")
    _werk_bij(taak, status=Importtaak.Status.BEZIG, stap=Importtaak.Stap.LEZEN)
    voortgang = Voortgang(taak)
    try:
        melding = bevestig(
            import_,
            import_.gebruiker,
            taak.alleen_geldige,
            taak.plan_bevestigd,
            voortgang=voortgang,
        )
    except Exception:
        logger.exception("Import %s liep op een onverwachte fout", import_.pk)
        _afgelopen(taak, Importtaak.Status.MISLUKT, ONVERWACHT)
        raise
    finally:
        voortgang.sluit()
    if melding:
        return _afgelopen(taak, Importtaak.Status.MISLUKT, melding)
    import_.refresh_from_db(fields=["toegevoegd", "gewijzigd"])
    geschreven = import_.toegevoegd + import_.gewijzigd
    return _afgelopen(
        taak, Importtaak.Status.KLAAR, "", geschreven=geschreven, te_schrijven=geschreven
    )


def _afgelopen(taak, status, melding, **velden):
    _werk_bij(taak, status=status, stap=Importtaak.Stap.AFGEROND, melding=melding, **velden)
    return status


def _werk_bij(taak, **velden):
    """UPDATE van de Importtaak, met `bijgewerkt` (update() zet auto_now niet zelf): daaraan
    ziet Importtaak.is_vastgelopen dat de worker nog leeft."""
    Importtaak.objects.filter(pk=taak.pk).update(bijgewerkt=timezone.now(), **velden)


def voortgang_als_json(taak):
    """De Importtaak -> dict voor de JSON-statusview en de pagina (aantallen in rijen).

    {"status", "status_tekst", "stap", "stap_tekst", "totaal", "gelezen", "gecontroleerd",
    "geschreven", "te_schrijven", "afgelopen", "melding"}.
    """
    return {
        "status": taak.status,
        "status_tekst": taak.get_status_display(),
        "stap": taak.stap,
        "stap_tekst": taak.get_stap_display(),
        "totaal": taak.totaal,
        "gelezen": taak.gelezen,
        "gecontroleerd": taak.gecontroleerd,
        "geschreven": taak.geschreven,
        "te_schrijven": taak.te_schrijven,
        "afgelopen": taak.is_afgelopen or taak.is_vastgelopen,
        "melding": taak.melding,
    }
