"""make bench: een miljoen rijen open data van de politie importeren, naast een kale COPY.

Maakt een bestand in het formaat van de politie (CBS 47013NED: puntkomma's, aanhalingstekens,
opgevulde sleutels) met 1.000.000 rijen voor 592 synthetische gebieden (CBS-achtige codes
GM9001-GM9592, naam "Synthetisch gebied ... (bench)"), de 13 gekoppelde soorten misdrijf en
2014-2023 per maand en per jaar. De aantallen zijn verzonnen (synthetisch), met hier en daar
een leeg (geheim) aantal.

Gemeten in dezelfde run, op dezelfde database:
- de import zoals het commando importeer_cijfers hem doet, van het bestand tot en met de
  commit: lezen, controleren, vergelijken met de database, schrijven met geschiedenis;
- COPY van hetzelfde bestand in een kale tabel (vijf tekstkolommen, geen sleutels of indexen),
  het snelste van twee keer.

Database: DATABASE_URL, of anders postgres://postgres@127.0.0.1:5432/ivp_bench (wordt zo
nodig aangemaakt). De synthetische gebieden en hun cijfers worden vooraf en na afloop
verwijderd (BENCH_BEWAAR=1 laat ze staan). BENCH_RIJEN kiest een ander aantal rijen.
"""

import csv
import os
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
STANDAARD_URL = "postgres://postgres@127.0.0.1:5432/ivp_bench"
DOEL = 1 / 3
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


def perioden():
    """De perioden van het bestand in de codevariant: 2014-2023, elk jaar en elke maand."""
    for jaar in range(2014, 2024):
        yield f"{jaar}JJ00"
        for maand in range(1, 13):
            yield f"{jaar}MM{maand:02d}"


def schrijf_bestand(pad, rijen, codes):
    """Het synthetische politiebestand; geeft het aantal gebieden dat erin voorkomt."""
    toeval = random.Random(20240101)
    per_gebied = len(codes) * len(list(perioden()))
    gebieden = -(-rijen // per_gebied)
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
                for periode in perioden():
                    if nummer == rijen:
                        return gebieden
                    aantal = "" if toeval.random() < 0.005 else str(toeval.randrange(0, 300))
                    schrijver.writerow([nummer, soort, regio, periode, aantal.rjust(6)])
                    nummer += 1
    return gebieden


def opruimen(Gebied, Import, connection):
    """Verwijdert de synthetische gebieden met hun cijfers, geschiedenis en imports (set-based)."""
    ids = list(Gebied.objects.filter(slug__startswith=SLUG).values_list("pk", flat=True))
    if ids:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM cijfers_historicalcijfer WHERE gebied_id = ANY(%s)", [ids])
            cursor.execute("DELETE FROM cijfers_cijfer WHERE gebied_id = ANY(%s)", [ids])
        Gebied.objects.filter(pk__in=ids).delete()
    Import.objects.filter(bestandsnaam__startswith="politie-synthetisch-bench").delete()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE cijfers_cijfer")
        cursor.execute("VACUUM ANALYZE cijfers_historicalcijfer")


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
    """Ter vergelijking: COPY van dezelfde rijen, al omgezet naar ids, in cijfers_cijfer zelf
    (met zijn indexen en controles; zonder controle vooraf, zonder geschiedenis). Wordt
    teruggedraaid; geeft de seconden van de COPY."""
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
    with transaction.atomic(), connection.cursor() as cursor:
        start = time.perf_counter()
        cursor.copy_expert(
            "COPY cijfers_cijfer (gebied_id, categorie_id, jaar, periode, waarde, status, bron_id) "
            "FROM STDIN",
            io.StringIO(tekst),
        )
        duur = time.perf_counter() - start
        transaction.set_rollback(True)
    return duur


def importeer(pad):
    """Het pad van het commando importeer_cijfers; geeft (importvoorstel, seconden per fase)."""
    from cijfers.importeren import controleer_bestand, voer_uit
    from cijfers.models import Import

    start = time.perf_counter()
    inhoud = Path(pad).read_bytes()
    controle = controleer_bestand(inhoud)
    gecontroleerd = time.perf_counter()
    import_ = Import(bestandsnaam=Path(pad).name, soort=controle.formaat.soort, sha256="bench")
    voorstel = voer_uit(controle, import_)
    klaar = time.perf_counter()
    return voorstel, {"lezen en controleren": gecontroleerd - start,
                      "vergelijken en schrijven (met geschiedenis, tot en met de commit)": klaar - gecontroleerd,
                      "totaal": klaar - start}  # fmt: skip


@dataclass
class Meting:
    """Alles wat make bench meet; seconden, aantallen rijen."""

    rijen: int
    kale_copy: float
    cijfertabel: float
    fasen: dict
    tweede_keer: float
    tweede_ongewijzigd: int
    tweede_geschreven: int
    cijfers_geschreven: int
    geschiedenis_geschreven: int


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
    """Start Django op PostgreSQL (start_django_op); geeft het aantal rijen."""
    start_django_op(STANDAARD_URL)
    return int(os.environ.get("BENCH_RIJEN", "1000000"))


def bereid_voor(pad, rijen):
    """Brongegevens, soorten misdrijf, het bestand en zijn synthetische gebieden.

    Geeft (aantal gebieden, aantal soorten misdrijf)."""
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
    aantal_gebieden = schrijf_bestand(pad, rijen, codes)
    Gebied.objects.bulk_create(
        Gebied(naam=f"Synthetisch gebied {9000 + g} (bench)", slug=f"{SLUG}{9000 + g}",
               soort=Gebied.Soort.GEMEENTE, cbs_code=f"GM{9000 + g}", volgorde=900,
               toelichting="Synthetisch gebied voor make bench; geen echte gemeente.")
        for g in range(1, aantal_gebieden + 1)
    )  # fmt: skip
    return aantal_gebieden, len(codes)


def meet(pad, rijen):
    """De kale COPY, de COPY in cijfers_cijfer en de import (twee keer) van hetzelfde bestand."""
    from django.db import connection

    from cijfers.models import Cijfer

    copy = min(kale_copy(connection, pad) for _ in range(2))
    if copy[1] != rijen:
        sys.exit(f"COPY las {copy[1]} rijen in plaats van {rijen}.")
    cijfertabel = copy_in_cijfertabel(connection, pad)
    voor = Cijfer.objects.count(), Cijfer.history.count()
    voorstel, fasen = importeer(pad)
    na = Cijfer.objects.count(), Cijfer.history.count()
    tellingen = voorstel.tellingen()
    if tellingen["afgewezen"] or tellingen["toegevoegd"] != rijen or na[0] - voor[0] != rijen:
        sys.exit(f"De import schreef niet elke rij: {tellingen}")
    tweede, tweede_fasen = importeer(pad)
    return Meting(
        rijen=rijen,
        kale_copy=copy[0],
        cijfertabel=cijfertabel,
        fasen=fasen,
        tweede_keer=tweede_fasen["totaal"],
        tweede_ongewijzigd=tweede.tellingen()["ongewijzigd"],
        tweede_geschreven=tweede.te_schrijven,
        cijfers_geschreven=na[0] - voor[0],
        geschiedenis_geschreven=na[1] - voor[1],
    )


def toon(meting):
    """Het verslag van make bench, met de verhouding import / kale COPY en het doel."""
    rijen = meting.rijen
    copy_snelheid = rijen / meting.kale_copy
    snelheid = rijen / meting.fasen["totaal"]
    verhouding = snelheid / copy_snelheid
    print(
        f"  kale COPY (tabel zonder sleutels):  {getal(meting.kale_copy, 2):>6} s  {getal(copy_snelheid):>10} rijen/s"
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
        f"  ter vergelijking: COPY van dezelfde rijen (al omgezet) in cijfers_cijfer zelf, met "
        f"indexen en controles, zonder geschiedenis: {getal(meting.cijfertabel, 2)} s, "
        f"{getal(rijen / meting.cijfertabel)} rijen/s "
        f"({getal(rijen / meting.cijfertabel / copy_snelheid, 3)} van de kale COPY)"
    )
    oordeel = "gehaald" if verhouding >= DOEL else "niet gehaald"
    print(
        f"  verhouding import / COPY: {getal(verhouding, 3)} "
        f"(doel minstens {getal(DOEL, 3)}: {oordeel})"
    )


def main():
    """make bench: voorbereiden, meten, tonen en (zonder BENCH_BEWAAR=1) opruimen."""
    rijen = start_django()
    from django.db import connection

    from cijfers.models import Import
    from ivp.models import Gebied

    with tempfile.TemporaryDirectory() as map_:
        pad = Path(map_) / f"politie-synthetisch-bench-{rijen}.csv"
        aantal_gebieden, soorten = bereid_voor(pad, rijen)
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            versie = cursor.fetchone()[0]
        print(
            f"make bench: {getal(rijen)} rijen open data politie (synthetisch), PostgreSQL "
            f"{versie}\n  bestand {pad.name}: {getal(pad.stat().st_size / 2**20, 1)} MB, "
            f"{aantal_gebieden} synthetische gebieden, {soorten} soorten misdrijf, "
            "2014-2023 per maand en per jaar"
        )
        meting = meet(pad, rijen)
    toon(meting)
    if os.environ.get("BENCH_BEWAAR") != "1":
        opruimen(Gebied, Import, connection)


if __name__ == "__main__":
    main()
