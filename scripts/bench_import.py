"""make bench: de import van de open data van de politie op landelijke omvang, met drie doelen.

Maakt een bestand in het formaat van de politie (CBS 47013NED: puntkomma's, aanhalingstekens,
opgevulde sleutels) met 1.000.000 rijen voor 592 synthetische gebieden (CBS-achtige codes
GM9001-GM9592, naam "Synthetisch gebied ... (bench)"), de 13 gekoppelde soorten misdrijf en
2014-2023 per maand en per jaar. De aantallen zijn verzonnen (synthetisch), met hier en daar
een leeg (geheim) aantal.

Gemeten in dezelfde run, op dezelfde database, met drie doelen (issue 13), elk met
gehaald/niet gehaald:
1. de import zoals het commando importeer_cijfers hem doet, van het bestand tot en met de
   commit (lezen, controleren, vergelijken, schrijven met geschiedenis), tegen COPY van
   dezelfde, al omgezette rijen in cijfers_cijfer zelf (met zijn sleutels en indexen):
   minstens 0,5 van die snelheid;
2. een landelijk maandbestand van 3.000.000 rijen (BENCH_GROOT) door `importeer_cijfers`
   (call_command, van bestand tot commit) binnen 60 s;
3. lezers: een draad vraagt /gebieden/baarn/ (paginacache en onderdelencache uit) eerst
   zonder import en dan tijdens een import van een miljoen nieuwe rijen; p95 tijdens de
   import hoogstens 2x p95 zonder.
Daarnaast ter vergelijking COPY in een kale tabel (vijf tekstkolommen, geen sleutels).

`python scripts/bench_import.py geheugen` meet iets anders: het piekgeheugen (maximale RSS;
Linux geeft die bij fork en exec door, dus het hoofdproces houdt zelf het bestand niet vast)
van een worker die het landelijke maandbestand (BENCH_GROOT rijen, standaard 3.000.000) doet
zoals na een upload op de website: een eigen proces (als `manage.py db_worker`) dat het
voorbeeld maakt (taken.voer_voorbeeld_uit) en daarna de bevestigde import schrijft
(taken.voer_import_uit), met de maximale RSS na elke taak (README "Importeren"). Het
uploaden (bewaar_bestand) doet het hoofdproces, zoals de webserver.

Database: DATABASE_URL, of anders postgres://postgres@127.0.0.1:5432/ivp_bench (wordt zo
nodig aangemaakt). De synthetische gebieden en hun cijfers worden vooraf en na afloop
verwijderd (BENCH_BEWAAR=1 laat ze staan). BENCH_RIJEN kiest een ander aantal rijen,
BENCH_GROOT de grootte van het landelijke bestand (0 slaat doel 2 over).
"""

import csv
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
STANDAARD_URL = "postgres://postgres@127.0.0.1:5432/ivp_bench"
DOEL = 0.5  # import / COPY in cijfers_cijfer
DOEL_GROOT = 60  # seconden voor het landelijke maandbestand
DOEL_LEZERS = 2  # p95 tijdens de import / p95 zonder
LEZERS_URL = "/gebieden/baarn/"
SLUG = "bench-synthetisch-"


def getal(waarde, decimalen=0):
    """Een getal in Nederlandse notatie: punt tussen de duizendtallen, komma voor decimalen."""
    tekst = f"{waarde:,.{decimalen}f}"
    return tekst.replace(",", "_").replace(".", ",").replace("_", ".")


def maak_database(url):
    """Maakt de database van de standaard-URL aan als die nog niet bestaat."""
    import psycopg2

    deel = urlparse(url)
    naam = deel.path.lstrip("/")
    verbinding = psycopg2.connect(
        dbname="postgres", user=deel.username, host=deel.hostname, port=deel.port or 5432,
        password=deel.password,
    )  # fmt: skip
    verbinding.autocommit = True
    with verbinding.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [naam])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{naam}"')
            print(f"Database {naam} aangemaakt.")
    verbinding.close()


def perioden(jaren=range(2014, 2024), jaarcijfers=True):
    """De perioden van een bestand in de codevariant: elk jaar (met jaarcijfers) en elke maand."""
    for jaar in jaren:
        if jaarcijfers:
            yield f"{jaar}JJ00"
        for maand in range(1, 13):
            yield f"{jaar}MM{maand:02d}"


def schrijf_bestand(pad, rijen, codes, jaren=range(2014, 2024), jaarcijfers=True):
    """Het synthetische politiebestand; geeft het aantal gebieden dat erin voorkomt.

    Per gebied (GM9001, GM9002, ...) elke soort in `codes` en elke periode; `rijen` rijen."""
    toeval = random.Random(20240101)
    alle = list(perioden(jaren, jaarcijfers))
    gebieden = -(-rijen // (len(codes) * len(alle)))
    if gebieden > 999:
        sys.exit(f"{rijen} rijen vragen {gebieden} gebieden; er zijn er 999 (GM9001-GM9999).")
    with open(pad, "w", encoding="utf-8", newline="") as bestand:
        schrijver = csv.writer(bestand, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        schrijver.writerow(
            ["ID", "SoortMisdrijf", "RegioS", "Perioden", "GeregistreerdeMisdrijven_1"]
        )
        nummer = 0
        for g in range(1, gebieden + 1):
            regio = f"GM{9000 + g}".ljust(10)
            for code in codes:
                soort = code.ljust(8)
                for periode in alle:
                    if nummer == rijen:
                        return gebieden
                    aantal = "" if toeval.random() < 0.005 else str(toeval.randrange(0, 300))
                    schrijver.writerow([nummer, soort, regio, periode, aantal.rjust(6)])
                    nummer += 1
    return gebieden


def leeg_cijfers(Gebied, connection):
    """Verwijdert de cijfers en geschiedenis van de synthetische gebieden (de gebieden blijven)."""
    ids = list(Gebied.objects.filter(slug__startswith=SLUG).values_list("pk", flat=True))
    if ids:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM cijfers_historicalcijfer WHERE gebied_id = ANY(%s)", [ids])
            cursor.execute("DELETE FROM cijfers_cijfer WHERE gebied_id = ANY(%s)", [ids])
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE cijfers_cijfer")
        cursor.execute("VACUUM ANALYZE cijfers_historicalcijfer")
    return ids


def opruimen(Gebied, Import, connection):
    """Verwijdert de synthetische gebieden met hun cijfers, geschiedenis en imports (set-based)."""
    ids = leeg_cijfers(Gebied, connection)
    Gebied.objects.filter(pk__in=ids).delete()
    Import.objects.filter(bestandsnaam__startswith="politie-synthetisch-bench").delete()


def kale_copy(connection, pad):
    """Seconden voor COPY van het bestand in een tabel zonder sleutels, inclusief commit."""
    tabel = "bench_kale_copy"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {tabel}")
        cursor.execute(
            f"CREATE TABLE {tabel} (id text, soortmisdrijf text, regios text, perioden text, "
            "geregistreerdemisdrijven_1 text)"
        )
    connection.commit()
    rauw = connection.connection
    start = time.perf_counter()
    with open(pad, "rb") as bestand, rauw.cursor() as cursor:
        cursor.copy_expert(
            f"COPY {tabel} FROM STDIN WITH (FORMAT csv, DELIMITER ';', HEADER true)", bestand
        )
    rauw.commit()
    duur = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {tabel}")
        aantal = cursor.fetchone()[0]
        cursor.execute(f"DROP TABLE {tabel}")
    connection.commit()
    return duur, aantal


def copy_in_cijfertabel(connection, pad):
    """Het ijkpunt: COPY van dezelfde rijen, al omgezet naar ids, in cijfers_cijfer zelf (met
    zijn sleutels, indexen en controles, de sleutels per rij gecontroleerd zoals bij de commit;
    zonder controle vooraf, zonder geschiedenis), en ter
    uitleg daarna de geschiedenis van precies die rijen met één INSERT ... SELECT. Wordt
    teruggedraaid; geeft (seconden COPY met de sleutels, seconden van de COPY alleen,
    seconden geschiedenis)."""
    import io

    from django.db import transaction

    from cijfers.importeren import controleer_bestand
    from cijfers.importeren.schrijven import NULL
    from cijfers.models import Bron

    controle = controleer_bestand(Path(pad).read_bytes())
    bron = Bron.objects.values_list("pk", flat=True).first()
    tekst = "".join(
        f"{r.gebied}\t{r.categorie}\t{r.jaar}\t{r.periode}\t"
        f"{NULL if r.waarde is None else r.waarde}\t{r.status}\t{bron}\n"
        for r in controle.regels
    )
    velden = "gebied_id, categorie_id, jaar, periode, waarde, status, bron_id"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM cijfers_cijfer")
        hoogste = cursor.fetchone()[0]
        start = time.perf_counter()
        cursor.copy_expert(f"COPY cijfers_cijfer ({velden}) FROM STDIN", io.StringIO(tekst))
        # De sleutels zijn DEFERRABLE INITIALLY DEFERRED (Django): PostgreSQL controleert ze
        # pas bij de commit. Deze transactie wordt teruggedraaid, dus hier nu, binnen de tijd:
        # anders telt het ijkpunt zijn eigen sleutels niet mee.
        copy = time.perf_counter() - start
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        duur = time.perf_counter() - start
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        start = time.perf_counter()
        cursor.execute(
            f"INSERT INTO cijfers_historicalcijfer (id, {velden}, history_date, "
            "history_change_reason, history_type) SELECT id, "
            f"{velden}, now(), 'bench', '+' FROM cijfers_cijfer WHERE id > %s",
            [hoogste],
        )
        geschiedenis = time.perf_counter() - start
        transaction.set_rollback(True)
    return duur, copy, geschiedenis


class Klok:
    """De voortgang-callback van voer_uit: wanneer (time.perf_counter) elke melding kwam."""

    def __init__(self):
        self.meldingen = []

    def __call__(self, stap, gedaan, totaal):
        self.meldingen.append((stap, gedaan, time.perf_counter()))

    def eerste(self, stap, standaard):
        """Het tijdstip van de eerste melding van `stap`, of `standaard`."""
        return next((t for s, _, t in self.meldingen if s == stap), standaard)

    def laatste(self, stap, standaard):
        """Het tijdstip van de laatste melding van `stap`, of `standaard`."""
        return next((t for s, _, t in reversed(self.meldingen) if s == stap), standaard)


def importeer(pad):
    """Het pad van het commando importeer_cijfers; geeft (importvoorstel, seconden per fase)."""
    from cijfers.importeren import controleer_bestand, voer_uit
    from cijfers.models import Import

    klok = Klok()
    start = time.perf_counter()
    inhoud = Path(pad).read_bytes()
    controle = controleer_bestand(inhoud)
    gecontroleerd = time.perf_counter()
    import_ = Import(bestandsnaam=Path(pad).name, soort=controle.formaat.soort, sha256="bench")
    voorstel = voer_uit(controle, import_, voortgang=klok)
    klaar = time.perf_counter()
    copy_begin = klok.eerste("klaarzetten", gecontroleerd)
    copy_einde = klok.laatste("klaarzetten", copy_begin)
    commit = klok.eerste("klaar", klaar)
    return voorstel, {"lezen en controleren": gecontroleerd - start,
                      "vergelijken, bronnen en gebieden": copy_begin - gecontroleerd,
                      "COPY in de tijdelijke tabel": copy_einde - copy_begin,
                      "INSERT ... SELECT in cijfers_cijfer met geschiedenis, versie, importrecord": commit - copy_einde,
                      "commit en ANALYZE": klaar - commit,
                      "totaal": klaar - start}  # fmt: skip


def kwantiel(waarden, deel):
    """Het kwantiel `deel` (0-1) van de waarden (nearest rank)."""
    geordend = sorted(waarden)
    return geordend[min(len(geordend) - 1, max(0, round(deel * len(geordend) + 0.5) - 1))]


def lezer(client, url, cursor=None):
    """Eén aanvraag: (seconden, of een import op dat moment in cijfers_cijfer schreef).

    Met `cursor` wordt vooraf (buiten de tijd) in pg_locks gekeken of een andere verbinding
    een schrijfslot (ROW EXCLUSIVE) op cijfers_cijfer heeft: dan schrijft de import."""
    schrijft = False
    if cursor is not None:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE pid <> pg_backend_pid() AND "
            "relation = 'cijfers_cijfer'::regclass AND mode = 'RowExclusiveLock')"
        )
        schrijft = cursor.fetchone()[0]
    start = time.perf_counter()
    antwoord = client.get(url)
    duur = time.perf_counter() - start
    if antwoord.status_code != 200:
        sys.exit(f"{url} gaf {antwoord.status_code}")
    return duur, schrijft


def meet_lezers(pad, aantal_idle=40):
    """Doel 3: p95 van LEZERS_URL zonder import, en tijdens een import van `pad` in een ander
    proces (manage.py importeer_cijfers, zoals de worker naast de webserver), door een draad
    die de pagina steeds opnieuw vraagt. Geeft (idle, tijdens, tijdens het schrijven, seconden
    van de import): lijsten van seconden, behalve de laatste."""
    import subprocess
    import threading

    from django.db import connection
    from django.test import Client

    client = Client()
    for _ in range(3):
        lezer(client, LEZERS_URL)  # opwarmen (imports, templates)
    idle = [lezer(client, LEZERS_URL)[0] for _ in range(aantal_idle)]
    tijdens = []
    klaar = threading.Event()

    def vraag():
        from django.db import connections

        eigen = Client()
        with connections["default"].cursor() as cursor:
            while not klaar.is_set():
                tijdens.append(lezer(eigen, LEZERS_URL, cursor))
        connections.close_all()

    draad = threading.Thread(target=vraag)
    start = time.perf_counter()
    proces = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "importeer_cijfers", str(pad)],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "ivp.settings"},
        stdout=subprocess.DEVNULL,
    )
    draad.start()
    proces.wait()
    duur = time.perf_counter() - start
    klaar.set()
    draad.join()
    connection.close()
    if proces.returncode != 0:
        sys.exit(f"De import voor de lezers eindigde met {proces.returncode}.")
    return idle, [t for t, _ in tijdens], [t for t, schrijft in tijdens if schrijft], duur


def meet_groot(pad):
    """Doel 2: `importeer_cijfers BESTAND` (call_command) van bestand tot commit; seconden.

    Met de standaardgrenzen (5.000.000 rijen, 400 MB; of wat de omgeving zet): het landelijke
    maandbestand moet daarbinnen passen."""
    import io

    from django.core.management import call_command

    start = time.perf_counter()
    call_command("importeer_cijfers", str(pad), stdout=io.StringIO())
    return time.perf_counter() - start


@dataclass
class Meting:
    """Alles wat make bench meet; seconden, aantallen rijen."""

    rijen: int
    kale_copy: float
    cijfertabel: float
    zonder_sleutels: float
    geschiedenis: float
    fasen: dict
    tweede_keer: float
    tweede_ongewijzigd: int
    tweede_geschreven: int
    cijfers_geschreven: int
    geschiedenis_geschreven: int
    idle: list = None
    tijdens: list = None
    tijdens_schrijven: list = None
    lezers_import: float = 0.0
    groot_rijen: int = 0
    groot: float = 0.0


def start_django_op(standaard_url, doel="make bench"):
    """Zet de omgeving (DATABASE_URL op PostgreSQL, anders `standaard_url`, die zo nodig wordt
    aangemaakt) en start Django; stopt met een melding als DATABASE_URL geen PostgreSQL is."""
    sys.path.insert(0, str(ROOT))
    url = os.environ.get("DATABASE_URL") or standaard_url
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit(f"{doel} meet op PostgreSQL: zet DATABASE_URL op een PostgreSQL-database.")
    maak_database(url)  # zo nodig aangemaakt, ook als DATABASE_URL een andere naam geeft
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ivp.settings")

    import django

    django.setup()


def start_django():
    """Start Django op PostgreSQL (start_django_op) met de paginacache en de onderdelencache
    uit (de lezers bouwen elke pagina); geeft (aantal rijen, rijen van het landelijke bestand)."""
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["PAGINACACHE"] = "0"
    os.environ["ONDERDELENCACHE"] = "0"
    start_django_op(STANDAARD_URL)
    return int(os.environ.get("BENCH_RIJEN", "1000000")), int(
        os.environ.get("BENCH_GROOT", "3000000")
    )


# De drie bestanden: (naam, jaren, met jaarcijfers). Hun sleutels overlappen niet, behalve het
# landelijke maandbestand, dat na een lege cijfertabel (leeg_cijfers) komt.
HOOFD = ("hoofd", range(2014, 2024), True)
LEZERS = ("lezers", range(2004, 2014), True)
GROOT = ("landelijk-maand", range(2004, 2024), False)


def bereid_voor(map_, rijen, groot):
    """Brongegevens, soorten misdrijf, de drie bestanden en hun synthetische gebieden.

    Geeft ({naam: pad}, aantal gebieden, aantal soorten misdrijf)."""
    from django.core.management import call_command
    from django.db import connection

    from cijfers import politie
    from cijfers.models import Categorie, Import, PolitieCategorie
    from ivp.models import Gebied

    call_command("migrate", verbosity=0)
    call_command("laad_brondata")
    politie.zorg_voor_soorten(PolitieCategorie, Categorie)
    codes = list(
        PolitieCategorie.objects.filter(categorie__isnull=False).values_list("code", flat=True)
    )
    opruimen(Gebied, Import, connection)
    paden, aantal_gebieden = {}, 0
    for (naam, jaren, jaarcijfers), aantal in ((HOOFD, rijen), (LEZERS, rijen), (GROOT, groot)):
        if aantal:
            paden[naam] = Path(map_) / f"politie-synthetisch-bench-{naam}-{aantal}.csv"
            gebieden = schrijf_bestand(paden[naam], aantal, codes, jaren, jaarcijfers)
            aantal_gebieden = max(aantal_gebieden, gebieden)
    Gebied.objects.bulk_create(
        Gebied(naam=f"Synthetisch gebied {9000 + g} (bench)", slug=f"{SLUG}{9000 + g}",
               soort=Gebied.Soort.GEMEENTE, cbs_code=f"GM{9000 + g}", volgorde=900,
               toelichting="Synthetisch gebied voor make bench; geen echte gemeente.")
        for g in range(1, aantal_gebieden + 1)
    )  # fmt: skip
    return paden, aantal_gebieden, len(codes)


def meet(paden, rijen, groot):
    """De kale COPY, de COPY in cijfers_cijfer, de import (twee keer), de lezers tijdens een
    import en het landelijke maandbestand."""
    from django.db import connection

    from cijfers.models import Cijfer
    from ivp.models import Gebied

    pad = paden["hoofd"]
    copy = min(kale_copy(connection, pad) for _ in range(2))
    if copy[1] != rijen:
        sys.exit(f"COPY las {copy[1]} rijen in plaats van {rijen}.")
    cijfertabel, zonder_sleutels, geschiedenis = copy_in_cijfertabel(connection, pad)
    voor = Cijfer.objects.count(), Cijfer.history.count()
    voorstel, fasen = importeer(pad)
    na = Cijfer.objects.count(), Cijfer.history.count()
    tellingen = voorstel.tellingen()
    if tellingen["afgewezen"] or tellingen["toegevoegd"] != rijen or na[0] - voor[0] != rijen:
        sys.exit(f"De import schreef niet elke rij: {tellingen}")
    tweede, tweede_fasen = importeer(pad)
    meting = Meting(
        rijen=rijen,
        kale_copy=copy[0],
        cijfertabel=cijfertabel,
        zonder_sleutels=zonder_sleutels,
        geschiedenis=geschiedenis,
        fasen=fasen,
        tweede_keer=tweede_fasen["totaal"],
        tweede_ongewijzigd=tweede.tellingen()["ongewijzigd"],
        tweede_geschreven=tweede.te_schrijven,
        cijfers_geschreven=na[0] - voor[0],
        geschiedenis_geschreven=na[1] - voor[1],
    )
    print("  doel 1 gemeten; nu de lezers tijdens een import ...", flush=True)
    meting.idle, meting.tijdens, meting.tijdens_schrijven, meting.lezers_import = meet_lezers(
        paden["lezers"]
    )
    if groot:
        print("  doel 3 gemeten; nu het landelijke maandbestand ...", flush=True)
        leeg_cijfers(Gebied, connection)
        meting.groot_rijen = groot
        meting.groot = meet_groot(paden["landelijk-maand"])
    return meting


def oordeel(gehaald):
    return "GEHAALD" if gehaald else "NIET GEHAALD"


def toon(meting):
    """Het verslag van make bench: de metingen en de drie doelen met gehaald/niet gehaald."""
    rijen = meting.rijen
    copy_snelheid = rijen / meting.kale_copy
    snelheid = rijen / meting.fasen["totaal"]
    ijk = rijen / meting.cijfertabel
    verhouding = snelheid / ijk
    print(
        f"  kale COPY (tabel zonder sleutels):  {getal(meting.kale_copy, 2):>6} s  {getal(copy_snelheid):>10} rijen/s"
    )
    print(
        f"  COPY in cijfers_cijfer zelf (ijkpunt): {getal(meting.cijfertabel, 2):>6} s  {getal(ijk):>10} rijen/s"
    )
    print(
        f"    waarvan de COPY {getal(meting.zonder_sleutels, 2)} s en de controle van de "
        f"verwijzende sleutels (per rij, zoals bij de commit) "
        f"{getal(meting.cijfertabel - meting.zonder_sleutels, 2)} s"
    )
    print(
        f"    ter uitleg: de geschiedenis van dezelfde rijen (INSERT ... SELECT): "
        f"{getal(meting.geschiedenis, 2)} s"
    )
    print(
        f"  import (commando importeer_cijfers): {getal(meting.fasen['totaal'], 2):>6} s  {getal(snelheid):>10} rijen/s"
    )
    for fase, duur in meting.fasen.items():
        if fase != "totaal":
            print(f"    {fase}: {getal(duur, 2)} s")
    print(
        f"    geschreven: {getal(meting.cijfers_geschreven)} cijfers en "
        f"{getal(meting.geschiedenis_geschreven)} regels geschiedenis"
    )
    print(
        f"  tweede keer hetzelfde bestand: {getal(meting.tweede_keer, 2)} s, "
        f"{getal(meting.tweede_ongewijzigd)} ongewijzigd, "
        f"{getal(meting.tweede_geschreven)} geschreven"
    )
    print(
        f"DOEL 1: import / COPY in cijfers_cijfer = {getal(verhouding, 3)} "
        f"(doel minstens {getal(DOEL, 1)}): {oordeel(verhouding >= DOEL)}"
    )
    print(
        f"        ter vergelijking: tegen de COPY zonder de controle van de sleutels (het "
        f"ijkpunt van voor issue 13) {getal(meting.zonder_sleutels / meting.fasen['totaal'], 3)}"
    )
    if meting.groot_rijen:
        print(
            f"DOEL 2: landelijk maandbestand, {getal(meting.groot_rijen)} rijen door "
            f"importeer_cijfers: {getal(meting.groot, 1)} s (doel hoogstens {DOEL_GROOT} s): "
            f"{oordeel(meting.groot <= DOEL_GROOT)}"
        )
    else:
        print("DOEL 2: overgeslagen (BENCH_GROOT=0)")
    idle, tijdens = kwantiel(meting.idle, 0.95), kwantiel(meting.tijdens, 0.95)
    schrijven = kwantiel(meting.tijdens_schrijven, 0.95) if meting.tijdens_schrijven else None
    print(
        f"DOEL 3: {LEZERS_URL} (caches uit) p95 zonder import {getal(idle * 1000)} ms "
        f"({len(meting.idle)} aanvragen, mediaan {getal(statistics.median(meting.idle) * 1000)} ms); "
        f"tijdens een import van {getal(rijen)} nieuwe rijen ({getal(meting.lezers_import, 1)} s) "
        f"p95 {getal(tijdens * 1000)} ms ({len(meting.tijdens)} aanvragen) = "
        f"{getal(tijdens / idle, 2)}x (doel hoogstens {DOEL_LEZERS}x): "
        f"{oordeel(tijdens <= DOEL_LEZERS * idle)}"
    )
    if schrijven is not None:
        print(
            f"        waarvan terwijl de import in cijfers_cijfer schreef: p95 "
            f"{getal(schrijven * 1000)} ms ({len(meting.tijdens_schrijven)} aanvragen) = "
            f"{getal(schrijven / idle, 2)}x"
        )


def machine():
    """Een regel over de machine: processors, belasting (uptime) en datum."""
    import datetime
    import subprocess

    belasting = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    return (
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} processors "
        f"(nproc); uptime: {belasting}"
    )


def main():
    """make bench: voorbereiden, meten, tonen en (zonder BENCH_BEWAAR=1) opruimen."""
    rijen, groot = start_django()
    from django.db import connection

    from cijfers.models import Import
    from ivp.models import Gebied

    with tempfile.TemporaryDirectory() as map_:
        paden, aantal_gebieden, soorten = bereid_voor(map_, rijen, groot)
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            versie = cursor.fetchone()[0]
        pad = paden["hoofd"]
        print(
            f"make bench: {getal(rijen)} rijen open data politie (synthetisch), PostgreSQL "
            f"{versie}\n  bestand {pad.name}: {getal(pad.stat().st_size / 2**20, 1)} MB, "
            f"{aantal_gebieden} synthetische gebieden, {soorten} soorten misdrijf, "
            f"2014-2023 per maand en per jaar\n  voor: {machine()}",
            flush=True,
        )
        meting = meet(paden, rijen, groot)
    toon(meting)
    print(f"  na: {machine()}")
    if os.environ.get("BENCH_BEWAAR") != "1":
        opruimen(Gebied, Import, connection)


def geheugen():
    """`bench_import.py geheugen`: het landelijke maandbestand zoals na een upload (het bestand
    in een Import), en dan in een eigen proces (geheugen_worker) het voorbeeld en de import;
    drukt het aantal rijen, de grootte van het bestand en de maximale RSS per taak af."""
    import resource
    import subprocess

    from django.core.files import File
    from django.db import connection

    _, groot = start_django()
    from cijfers.importeren.taken import bewaar_bestand
    from cijfers.models import Import
    from ivp.models import Gebied

    groot = groot or 3_000_000
    with tempfile.TemporaryDirectory() as map_:
        paden, _, _ = bereid_voor(map_, 0, groot)
        pad = paden["landelijk-maand"]
        leeg_cijfers(Gebied, connection)
        grootte = pad.stat().st_size
        voor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        with open(pad, "rb") as bestand:  # zoals een upload: een (tijdelijk) bestand
            import_ = bewaar_bestand(File(bestand), pad.name, None)
        na = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"bench geheugen: {getal(groot)} rijen (landelijk maandbestand, synthetisch), "
        f"{getal(grootte / 2**20, 1)} MB ({getal(grootte)} bytes, "
        f"{getal(grootte / groot, 1)} bytes per rij)\n  voor: {machine()}\n"
        f"  upload (bewaar_bestand, zoals de webserver): maximale RSS {getal(voor)} MB ervoor, "
        f"{getal(na)} MB erna",
        flush=True,
    )
    try:
        subprocess.run(
            [sys.executable, __file__, "geheugen-worker", str(import_.pk)], check=True, cwd=ROOT
        )
    finally:
        print(f"  na: {machine()}")
        if os.environ.get("BENCH_BEWAAR") != "1":
            opruimen(Gebied, Import, connection)
            Import.objects.filter(pk=import_.pk).delete()


def geheugen_worker(import_pk):
    """Het tweede proces van `geheugen`: wat de worker doet met Import `import_pk` (het
    voorbeeld, dan de bevestigde import), met de grenzen van de instellingen (ivp/settings.py,
    CIJFERS_IMPORT_MAX_RIJEN en CIJFERS_IMPORT_MAX_MB). Drukt de maximale RSS af (MB)."""
    import resource

    start_django()
    from cijfers.importeren import taken
    from cijfers.models import Import, Importtaak

    def rss():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB -> MB

    print(f"  worker na het starten van Django: maximale RSS {getal(rss())} MB", flush=True)
    import_ = Import.objects.defer("inhoud").get(pk=import_pk)
    start = time.perf_counter()
    taak = taken.start_voorbeeld(import_, in_de_rij=False)
    taak.refresh_from_db()
    import_.refresh_from_db(fields=["status", "toegevoegd", "afgewezen"])
    if not import_.is_voorbeeld:
        sys.exit(f"Geen voorbeeld: {taak.melding} {import_.voorbeeld.get('bestandsfout')}")
    print(
        f"  voorbeeld (lezen, controleren, vergelijken): {getal(time.perf_counter() - start, 1)} s, "
        f"{getal(import_.toegevoegd)} toegevoegd; maximale RSS {getal(rss())} MB",
        flush=True,
    )
    Importtaak.objects.filter(pk=taak.pk).update(
        opdracht=Importtaak.Opdracht.IMPORT, status=Importtaak.Status.IN_DE_RIJ
    )
    start = time.perf_counter()
    status = taken.voer_import_uit.call(taak.pk)
    taak.refresh_from_db()
    print(
        f"  import (lezen, controleren, schrijven): {getal(time.perf_counter() - start, 1)} s, "
        f"{status}, {getal(taak.geschreven)} geschreven; maximale RSS {getal(rss())} MB",
        flush=True,
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["geheugen"]:
        geheugen()
    elif sys.argv[1:2] == ["geheugen-worker"]:
        geheugen_worker(int(sys.argv[2]))
    else:
        main()
