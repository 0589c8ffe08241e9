"""Taken buiten het verzoek: het voorbeeld maken, een bevestigde import uitvoeren.

Django's takenraamwerk (op Django 5.2 de backport django-tasks, met de databasebackend van
django-tasks-db; ivp/settings.py TASKS). De stroom van een import:

1. upload (of de knop "Ophalen bij het CBS"): het verzoek bewaart alleen het bestand als
   Import in status VOORBEELD_MAKEN en zet de taak `maak_voorbeeld_taak` in de rij
   (`nieuw_voorbeeld`); lezen en controleren (~9 s per miljoen rijen) gebeuren in de worker;
2. de worker (`manage.py db_worker`) leest, controleert en vergelijkt het bestand
   (`maak_voorbeeld`) en bewaart het voorbeeld: status VOORBEELD, of NIET_TE_LEZEN met de
   BestandFout (het bestand wordt dan geleegd);
3. de gebruiker bevestigt op de importpagina: `start_import` zet `voer_import_uit` in de rij;
4. de worker schrijft (schrijven.voer_uit), alles in één transactie of niets: een gestopte
   worker laat de database zoals hij was.

Eén Importtaak per import houdt bij hoe ver de worker is (eerst met opdracht VOORBEELD, na
de bevestiging IMPORT), zodat de pagina dat kan tonen (`voortgang_als_json`). Er wordt niets
in de cijfers geschreven vóór de bevestiging. Elke bestandsgrootte volgt dezelfde weg; met de
ImmediateBackend (de tests) is de taak klaar als het verzoek terugkomt.

De voortgang tijdens het schrijven komt uit de transactie van voer_uit; op PostgreSQL schrijft
een tweede verbinding hem weg (anders is hij pas na de commit te zien). Tijdens het lezen en
controleren meldt controle.py de stand elke VOORTGANG_PER rijen.
"""

import datetime
import hashlib
import inspect
import logging
import struct
import time

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
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
ONVERWACHT_VOORBEELD = (
    "Het voorbeeld is niet gemaakt: het lezen liep op een onverwachte fout. Er is niets "
    "opgeslagen; upload het bestand opnieuw."
)
ONVOLLEDIG = "Het bewaarde bestand is niet meer compleet; upload het opnieuw."
NIET_TE_LEZEN = "Dit bestand is niet te importeren; er is niets opgeslagen."
# Wat de pagina zegt als er na Importtaak.NIET_OPGEPAKT_NA nog geen worker aan de taak begon.
NIET_OPGEPAKT = (
    f"Er is na {int(Importtaak.NIET_OPGEPAKT_NA.total_seconds() // 60)} minuten nog geen "
    "worker aan begonnen: de verwerking op de achtergrond "
    "draait waarschijnlijk niet, dus vraag de beheerder om die te starten (manage.py "
    "db_worker; de taak blijft in de rij staan)."
)
# Zo lang blijft een voorbeeld dat niemand bevestigt bewaard (met het bestand).
VOORBEELD_BEWAARD = datetime.timedelta(days=1)


def bewaar_bestand(bestand, bestandsnaam, gebruiker):
    """Bewaart `bestand` (bytes, of een geüpload bestand van Django: hoogstens lezen.max_bytes,
    bewaakt door forms.GrootteBewaking) als Import in status VOORBEELD_MAKEN (nog niet
    gelezen, niets geïmporteerd) en ruimt niet-bevestigde imports ouder dan VOORBEELD_BEWAARD
    op. Leest niets: dat doet de worker (maak_voorbeeld). Op PostgreSQL gaat het bestand in
    stukken van BLOK met COPY naar de database (schrijf_inhoud), zodat het verzoek niet
    een veelvoud van het bestand in het geheugen houdt."""
    Import.objects.filter(
        status__in=[
            Import.Status.VOORBEELD_MAKEN,
            Import.Status.VOORBEELD,
            Import.Status.NIET_TE_LEZEN,
        ],
        aangemaakt__lt=timezone.now() - VOORBEELD_BEWAARD,
    ).delete()
    with transaction.atomic():
        import_ = Import.objects.create(
            bestandsnaam=bestandsnaam[:255],
            status=Import.Status.VOORBEELD_MAKEN,
            gebruiker=gebruiker,
            sha256="-",
        )
        import_.sha256 = schrijf_inhoud(import_.pk, bestand)
        Import.objects.filter(pk=import_.pk).update(sha256=import_.sha256)
    return import_


# Stukken waarin het bestand naar en van de database gaat (bytes).
BLOK = 8 * 1024 * 1024
# Het binaire COPY-formaat van PostgreSQL: kop (handtekening, vlaggen, lengte van de
# uitbreiding), per rij het aantal velden en per veld de lengte, en -1 als slot.
COPY_KOP = b"PGCOPY\n\xff\r\n\x00" + struct.pack("!ii", 0, 0)
COPY_SLOT = struct.pack("!h", -1)
TIJDELIJK = "cijfers_import_inhoud"


def _blokken(bestand):
    """bytes of een bestand (read/seek) -> stukken bytes van hoogstens BLOK."""
    if isinstance(bestand, (bytes, bytearray, memoryview)):
        for begin in range(0, len(bestand), BLOK):
            yield bytes(bestand[begin : begin + BLOK])
        return
    bestand.seek(0)
    while blok := bestand.read(BLOK):
        yield blok


class _Stroom:
    """Een bestand-achtig object voor cursor.copy_expert: geeft bij elke read() het volgende
    stuk van `stukken` (bytes), tot b"" als alles gegeven is."""

    def __init__(self, stukken):
        self.stukken = iter(stukken)

    def read(self, grootte=-1):
        """Het volgende stuk (de grootte volgt de stukken, niet `grootte`)."""
        return next(self.stukken, b"")


class _Ontvanger:
    """Een bestand-achtig object voor COPY TO: zet elk stuk achter de vorige (`buffer`)."""

    def __init__(self):
        self.buffer = bytearray()

    def write(self, stuk):
        """Het stuk erbij."""
        self.buffer += stuk


def schrijf_inhoud(import_pk, bestand):
    """Zet `bestand` (bytes of een geüpload bestand) in Import.inhoud van `import_pk` en geeft
    de SHA-256 (hex). Op PostgreSQL met COPY (FORMAT binary) in een tijdelijke tabel en één
    UPDATE: het verzoek houdt steeds één BLOK vast, in plaats van het bestand als hex-tekst in
    een query (~9x het bestand in het geheugen, gemeten in README "Importeren"); elders
    (SQLite) met een gewone UPDATE."""
    hasher = hashlib.sha256()
    grootte = len(bestand) if isinstance(bestand, (bytes, bytearray, memoryview)) else bestand.size
    if connection.vendor != "postgresql":
        inhoud = b"".join(_blokken(bestand))
        hasher.update(inhoud)
        Import.objects.filter(pk=import_pk).update(inhoud=inhoud)
        return hasher.hexdigest()

    def stukken():
        yield COPY_KOP + struct.pack("!hi", 1, grootte)
        for blok in _blokken(bestand):
            hasher.update(blok)
            yield blok
        yield COPY_SLOT

    tabel = connection.ops.quote_name(Import._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{TIJDELIJK}")
        cursor.execute(f"CREATE TEMPORARY TABLE {TIJDELIJK} (inhoud bytea) ON COMMIT DROP")
        cursor.copy_expert(
            f"COPY {TIJDELIJK} (inhoud) FROM STDIN WITH (FORMAT binary)", _Stroom(stukken())
        )
        cursor.execute(
            f"UPDATE {tabel} SET inhoud = (SELECT inhoud FROM {TIJDELIJK}) WHERE id = %s",
            [import_pk],
        )
        cursor.execute(f"DROP TABLE {TIJDELIJK}")
    return hasher.hexdigest()


def lees_inhoud(import_pk):
    """Het bewaarde bestand van Import `import_pk` (bytes). Op PostgreSQL met COPY TO (FORMAT
    binary) in stukken: zo'n 2x het bestand in het geheugen in plaats van de hex-tekst van
    een gewone SELECT erbij."""
    if connection.vendor != "postgresql":
        return bytes(Import.objects.filter(pk=import_pk).values_list("inhoud", flat=True).get())
    ontvanger = _Ontvanger()
    tabel = connection.ops.quote_name(Import._meta.db_table)
    with connection.cursor() as cursor:
        cursor.copy_expert(
            f"COPY (SELECT inhoud FROM {tabel} WHERE id = {int(import_pk)}) TO STDOUT "
            "WITH (FORMAT binary)",
            ontvanger,
            BLOK,  # positioneel: CursorDebugWrapper.copy_expert kent geen size=
        )
    geheel = ontvanger.buffer
    # Kop, aantal velden (2 bytes) en lengte (4 bytes); daarna de inhoud en het slot.
    begin = len(COPY_KOP) + 6
    (lengte,) = struct.unpack_from("!i", geheel, len(COPY_KOP) + 2)
    with memoryview(geheel) as venster:
        return bytes(venster[begin : begin + max(lengte, 0)])


def nieuw_voorbeeld(bestand, bestandsnaam, gebruiker, in_de_rij=True):
    """Een upload (bytes of een geüpload bestand; of de cijfers van het CBS, cbs.py): bewaart
    het bestand (bewaar_bestand)
    en laat de worker het voorbeeld maken (start_voorbeeld) -> Import, zonder het bestand
    (`inhoud` uitgesteld). Met `in_de_rij=False` gebeurt dat hier en nu (het commando
    haal_politiecijfers, of al in de worker)."""
    import_ = bewaar_bestand(bestand, bestandsnaam, gebruiker)
    start_voorbeeld(import_, in_de_rij=in_de_rij)
    return Import.objects.defer("inhoud").get(pk=import_.pk)


def start_voorbeeld(import_, in_de_rij=True):
    """Maakt de Importtaak (opdracht VOORBEELD) van `import_` (VOORBEELD_MAKEN) en zet
    maak_voorbeeld_taak in de rij; met `in_de_rij=False` voert dit proces hem meteen uit.
    Geeft de Importtaak."""
    taak = Importtaak.objects.create(import_bestand=import_, opdracht=Importtaak.Opdracht.VOORBEELD)
    if in_de_rij:
        resultaat = maak_voorbeeld_taak.enqueue(taak.pk)
        _werk_bij(taak, taak_id=str(resultaat.id))
    else:
        voer_voorbeeld_uit(taak.pk)
    return taak


def maak_voorbeeld(import_, voortgang=None):
    """Leest en controleert het bewaarde bestand van `import_` (controle.controleer_bestand),
    vergelijkt het met de database (voorstel.maak_voorstel) en bewaart het voorbeeld in de
    Import: status VOORBEELD, de soort, de tellingen en `voorbeeld` (JSON). Er wordt niets in
    de cijfers geschreven. `voortgang(stap, gedaan, totaal)` hoort de stand (in rijen).
    Raises BestandFout als het bestand als geheel niet te lezen (of niet meer compleet) is."""
    inhoud = lees_inhoud(import_.pk)
    if hashlib.sha256(inhoud).hexdigest() != import_.sha256:
        raise BestandFout(ONVOLLEDIG, kolom="bestand")
    controle = controleer_bestand(inhoud, voortgang=voortgang)
    del inhoud  # het voorbeeld heeft alleen de gecontroleerde regels nodig
    if voortgang is not None:
        voortgang("controleren", controle.rijen, controle.rijen)
        voortgang("vergelijken", 0, controle.rijen)
    voorstel = maak_voorstel(controle)
    import_.soort = controle.formaat.soort
    import_.status = Import.Status.VOORBEELD
    import_.voorbeeld = voorstel.samenvatting()
    tellingen = voorstel.tellingen()
    for naam, aantal in tellingen.items():
        setattr(import_, naam, aantal)
    import_.save(update_fields=["soort", "status", "voorbeeld", *tellingen])
    return import_


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
    # Het bestand uit de database (de worker laadt de Import zonder), of wat `import_` al heeft.
    deferred = "inhoud" in import_.get_deferred_fields()
    inhoud = lees_inhoud(import_.pk) if deferred else bytes(import_.inhoud)
    if hashlib.sha256(inhoud).hexdigest() != import_.sha256:
        return ONVOLLEDIG
    try:
        controle = controleer_bestand(inhoud, voortgang=voortgang)
        if voortgang is not None:
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

    Geeft de Importtaak: de taak van het voorbeeld krijgt opdracht IMPORT. Een import die al
    een importtaak heeft die niet mislukt is, krijgt geen tweede (een dubbele klik); een
    mislukte of vastgelopen taak wordt hergebruikt. Met de ImmediateBackend (de tests) is de
    import meteen uitgevoerd.
    """
    taak, nieuw = Importtaak.objects.get_or_create(
        import_bestand=import_,
        defaults={"alleen_geldige": alleen_geldige, "plan_bevestigd": plan_bevestigd},
    )
    if not nieuw:
        if (
            not taak.is_voorbeeld
            and taak.status != Importtaak.Status.MISLUKT
            and not taak.is_vastgelopen
        ):
            return taak
        taak.opdracht = Importtaak.Opdracht.IMPORT
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

    `stap`: "lezen" (gelezen), "controleren" (de controle leest en controleert rij voor rij:
    gelezen en gecontroleerd), "vergelijken" (met de database) of een stap van het schrijven
    (geschreven van te_schrijven); `totaal` 0 als het nog niet bekend is (midden in het
    lezen). Bewaard bij elke nieuwe stap, als gedaan == totaal, en verder hoogstens elke
    VOORTGANG_INTERVAL seconden. Binnen de transactie van het schrijven (dieper dan bij het
    maken van de callback) op PostgreSQL via een eigen verbinding, zodat de pagina het meteen
    ziet; anders via de gewone verbinding (op SQLite dan pas na de commit te zien).
    """

    def __init__(self, taak):
        self.taak = taak
        self.vorige = 0.0
        self.vorige_stap = None
        self.zijverbinding = None
        self.diepte = len(connection.atomic_blocks)

    def __call__(self, stap, gedaan, totaal=0):
        stap = str(stap)
        gedaan, totaal = int(gedaan), int(totaal)
        if stap == "lezen":
            velden = {"stap": Importtaak.Stap.LEZEN, "gelezen": gedaan}
        elif stap in ("controleren", "gecontroleerd"):
            velden = {"stap": Importtaak.Stap.CONTROLEREN, "gelezen": gedaan}
            velden["gecontroleerd"] = gedaan
        elif stap == "vergelijken":
            velden = {"stap": Importtaak.Stap.VERGELIJKEN}
        else:
            velden = {"stap": Importtaak.Stap.SCHRIJVEN, "geschreven": gedaan}
            velden["te_schrijven"] = totaal
        if totaal and "te_schrijven" not in velden:
            velden["totaal"] = totaal
        nu = time.monotonic()
        nieuw = stap != self.vorige_stap or (totaal and gedaan >= totaal)
        if not nieuw and nu - self.vorige < VOORTGANG_INTERVAL:
            return
        self.vorige, self.vorige_stap = nu, stap
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


def voer_voorbeeld_uit(taak_pk):
    """Het werk van maak_voorbeeld_taak: maakt het voorbeeld van de Import van Importtaak
    `taak_pk` (maak_voorbeeld) en zet de uitkomst in de taak: KLAAR (de Import is een
    VOORBEELD), of MISLUKT met NIET_TE_LEZEN als het bestand als geheel niet te lezen is (de
    Import krijgt status NIET_TE_LEZEN, de fout in `voorbeeld["bestandsfout"]`, en het bestand
    wordt geleegd). Een onverwachte fout wordt MISLUKT (ONVERWACHT_VOORBEELD) en gaat verder
    omhoog. Geeft de status terug; None als de import intussen opgeruimd is."""
    try:
        taak = (
            Importtaak.objects.select_related("import_bestand")
            .defer("import_bestand__inhoud")
            .get(pk=taak_pk)
        )
    except Importtaak.DoesNotExist:
        return None
    import_ = taak.import_bestand
    if not import_.wordt_voorbeeld:
        return taak.status  # al gemaakt (een herhaalde taak)
    _werk_bij(taak, status=Importtaak.Status.BEZIG, stap=Importtaak.Stap.LEZEN)
    voortgang = Voortgang(taak)
    try:
        maak_voorbeeld(import_, voortgang=voortgang)
    except BestandFout as fout:
        import_.status = Import.Status.NIET_TE_LEZEN
        import_.inhoud = b""
        import_.voorbeeld = {"bestandsfout": fout.fout._asdict()}
        import_.save(update_fields=["status", "inhoud", "voorbeeld"])
        return _afgelopen(taak, Importtaak.Status.MISLUKT, NIET_TE_LEZEN)
    except Exception:
        logger.exception("Het voorbeeld van import %s liep op een onverwachte fout", import_.pk)
        _afgelopen(taak, Importtaak.Status.MISLUKT, ONVERWACHT_VOORBEELD)
        raise
    finally:
        voortgang.sluit()
    return _afgelopen(taak, Importtaak.Status.KLAAR, "")


@task()
def maak_voorbeeld_taak(taak_pk):
    """De taak van de worker voor een nieuw bestand: voer_voorbeeld_uit(taak_pk)."""
    return voer_voorbeeld_uit(taak_pk)


@task()
def voer_import_uit(taak_pk):
    """De taak van de worker: voert de bevestigde import van Importtaak `taak_pk` uit.

    Schrijft de uitkomst in de Importtaak: KLAAR, of MISLUKT met de melding voor de gebruiker
    (er is dan niets geïmporteerd). Een onverwachte fout wordt ook MISLUKT en gaat daarna
    verder omhoog, zodat django-tasks hem als mislukt bewaart. Geeft de status terug.
    """
    taak = (
        Importtaak.objects.select_related("import_bestand__gebruiker")
        .defer("import_bestand__inhoud")
        .get(pk=taak_pk)
    )
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

    {"opdracht" ("voorbeeld"/"import"), "status", "status_tekst", "stap", "stap_tekst",
    "totaal", "gelezen", "gecontroleerd", "geschreven", "te_schrijven", "afgelopen",
    "melding"}. `melding` is NIET_OPGEPAKT zolang een taak te lang in de rij staat
    (Importtaak.is_niet_opgepakt), anders die van de worker.
    """
    return {
        "opdracht": taak.opdracht,
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
        "melding": NIET_OPGEPAKT if taak.is_niet_opgepakt else taak.melding,
    }
