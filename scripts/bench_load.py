"""make bench-load: 50 gelijktijdige bezoekers, 60 seconden, op gunicorn en PostgreSQL.

Draait het dashboard zoals README "Productie" zegt: gunicorn met gunicorn.conf.py, DEBUG=0, een
SECRET_KEY die voor deze run wordt gemaakt, ALLOWED_HOSTS=127.0.0.1, een eigen database
(BENCH_LOAD_DATABASE_URL, standaard postgres://postgres@127.0.0.1:5432/ivp_bench_load; wordt
zo nodig aangemaakt, gemigreerd en met laad_brondata gevuld), collectstatic en de paginacache
voor anonieme bezoekers per gegevensversie (PAGINACACHE=1, de standaard, in
CACHE_URL=redis://127.0.0.1:6379/1; `--paginacache 0` zet hem uit, `--cache-url ''` neemt
LocMem per proces). `--wijzig-elke S` verhoogt tijdens de meting elke S seconden de
gegevensversie (zoals een wijziging in het beheer): daarna bouwt elk werkproces de gevraagde
pagina's opnieuw. Alleen op
loopback: de server luistert op 127.0.0.1 op een vrije poort. HTTPS doet in productie de proxy;
hier stuurt de lastgenerator `X-Forwarded-Proto: https` mee en staat HTTPS_PROXY_HEADER=1 aan,
zodat de HTTPS-doorverwijzing van DEBUG=0 de meting niet vult met 301's.

Lastgenerator: wrk (Debian-pakket `wrk`) met scripts/bench_load.lua: een gesloten lus van
`--clients` verbindingen die elk na een antwoord meteen het volgende pad vragen, om de beurt
uit PADEN. wrk draait in één thread (`-t1`): op deze machine met 2 kernen houdt dat de
lastgenerator op een fractie van één kern (de gebruikte processortijd staat in de uitvoer).
Fout = elk antwoord buiten 200-299 plus elke verbindings-, lees-, schrijf- of timeoutfout.

Gebruik: `python scripts/bench_load.py [--workers N] [--worker-class sync|gthread]
[--threads N] [--clients 50] [--duur 60] [--paginacache 1|0] [--cache-url URL]
[--wijzig-elke S]`; `--matrix` meet 2-5 werkprocessen, sync en gthread
(elke combinatie `--duur` seconden). Begrensd: voorbereiden, elk pad één keer per werkproces, dan `--duur`.
"""

import argparse
import os
import re
import runpy
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.bench_import import maak_database  # noqa: E402

STANDAARD_URL = "postgres://postgres@127.0.0.1:5432/ivp_bench_load"
LUA = ROOT / "scripts" / "bench_load.lua"
PADEN = [
    "/",
    "/gebieden/baarn/",
    "/gebieden/bunschoten/",
    "/gebieden/de-bilt/",
    "/gebieden/eemnes/",
    "/gebieden/soest/",
    "/gebieden/basisteam-bes/",
    "/cijfers/woninginbraken/?gebied=baarn&gebied=soest",
    "/plan/2019-2022/",
    "/voortgang/",
    "/cijfers/data.csv",
]
DOEL_P99_MS = 300
KOP = (
    "| werkprocessen | soort | verzoeken/s | p50 ms | p90 ms | p99 ms | max ms | fouten | wrk-cpu "
    "| server-cpu ms/verzoek |\n| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
)
MATRIX = [(w, k) for k in ("sync", "gthread") for w in (2, 3, 4, 5)]


@dataclass
class Meting:
    """Eén wrk-run: verzoeken per seconde, tijden in milliseconden, fouten (aantal)."""

    werkprocessen: int
    klasse: str
    threads: int
    per_seconde: float
    p50: float
    p90: float
    p99: float
    max: float
    fouten: int
    wrk_cpu_procent: float
    server_cpu_ms: float

    def regel(self):
        """Een rij van de Markdown-tabel."""
        klasse = self.klasse if self.klasse == "sync" else f"{self.klasse} x{self.threads}"
        return (
            f"| {self.werkprocessen} | {klasse} | {self.per_seconde:.1f} | {self.p50:.0f} | "
            f"{self.p90:.0f} | {self.p99:.0f} | {self.max:.0f} | {self.fouten} | "
            f"{self.wrk_cpu_procent:.0f}% | {self.server_cpu_ms:.1f} |"
        )


def server_omgeving(database_url, paginacache=1, cache_url=""):
    """De omgeving van de productieserver voor deze run (dict)."""
    omgeving = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CACHE_URL"}}
    omgeving.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url,
        HTTPS_PROXY_HEADER="1",
        DJANGO_SETTINGS_MODULE="ivp.settings",
        PAGINACACHE=str(paginacache),
        CACHE_URL=cache_url,
    )
    return omgeving


def bereid_voor(omgeving):
    """Database aanmaken, migreren, brondata laden, collectstatic (zoals in productie)."""
    maak_database(omgeving["DATABASE_URL"])
    for opdracht in (["migrate", "--noinput"], ["laad_brondata"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [sys.executable, "manage.py", *opdracht, "-v", "0"], cwd=ROOT, env=omgeving,
            check=True, timeout=300,
        )  # fmt: skip


def vrije_poort():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def vraag(url):
    """De status van één GET zoals de proxy hem doorgeeft (X-Forwarded-Proto: https)."""
    verzoek = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(verzoek, timeout=30) as antwoord:
            antwoord.read()
            return antwoord.status
    except urllib.error.HTTPError as fout:
        return fout.code


def start_server(omgeving, poort, werkprocessen, klasse, threads):
    """Start gunicorn (-c gunicorn.conf.py) en wacht tot / antwoordt; het proces (Popen)."""
    omgeving = dict(
        omgeving,
        GUNICORN_BIND=f"127.0.0.1:{poort}",
        WEB_CONCURRENCY=str(werkprocessen),
        GUNICORN_WORKER_CLASS=klasse,
        GUNICORN_THREADS=str(threads),
        GUNICORN_CMD_ARGS="--log-level warning",
    )
    gunicorn = Path(sys.executable).with_name("gunicorn")
    proces = subprocess.Popen([gunicorn, "-c", "gunicorn.conf.py"], cwd=ROOT, env=omgeving)
    basis = f"http://127.0.0.1:{poort}"
    for _ in range(300):
        time.sleep(0.1)
        try:
            if vraag(basis + "/") == 200:
                break
        except OSError:
            continue
    else:
        stop_server(proces)
        raise RuntimeError("gunicorn antwoordt niet binnen 30 seconden.")
    # Elk pad werkt (200) en elk werkproces heeft het al eens gemaakt. Opwarmen met wrk zelf
    # niet: wrk sluit zijn verbindingen, maar de verzoeken erop staan nog in de wachtrij.
    for pad in PADEN:
        for _ in range(werkprocessen):
            if (status := vraag(basis + pad)) != 200:
                stop_server(proces)
                raise RuntimeError(f"{pad} gaf {status}, geen 200: de meting zou fouten tellen.")
    return proces


def stop_server(proces):
    proces.terminate()
    try:
        proces.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proces.kill()
        proces.wait()


def wrk(poort, clients, duur):
    """Draait wrk; (de regel RESULTAAT als dict van ints, processortijd van wrk in seconden)."""
    opdracht = [
        shutil.which("wrk") or "wrk", "-t1", f"-c{clients}", f"-d{duur}s", "--timeout", "10s",
        "-H", "X-Forwarded-Proto: https", "-s", str(LUA), f"http://127.0.0.1:{poort}", "--",
        *PADEN,
    ]  # fmt: skip
    proces = subprocess.Popen(opdracht, stdout=subprocess.PIPE, text=True)
    uitvoer = proces.stdout.read()
    _, status, gebruik = os.wait4(proces.pid, 0)
    proces.returncode = os.waitstatus_to_exitcode(status)
    regel = re.search(r"^RESULTAAT (.*)$", uitvoer, re.MULTILINE)
    if proces.returncode != 0 or not regel:
        raise RuntimeError(f"wrk faalde ({proces.returncode}):\n{uitvoer}")
    waarden = {k: int(v) for k, v in (deel.split("=") for deel in regel.group(1).split())}
    return waarden, gebruik.ru_utime + gebruik.ru_stime


def processortijd(master, database):
    """Processortijd (s) van de werkprocessen van gunicorn en de PostgreSQL-processen van de
    database samen: wat de server per verzoek kost, ook als andere processen meedraaien."""
    tik = os.sysconf("SC_CLK_TCK")
    totaal = 0
    for map_ in Path("/proc").glob("[0-9]*"):
        try:
            velden = (map_ / "stat").read_text().rsplit(")", 1)[1].split()
            opdracht = (map_ / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if int(velden[1]) == master or (opdracht.startswith("postgres:") and database in opdracht):
            totaal += int(velden[11]) + int(velden[12])  # utime + stime in tikken
    return totaal / tik


class Wijziger(threading.Thread):
    """Verhoogt elke `seconden` de gegevensversie in de database van de server, zoals een
    wijziging in het beheer dat doet (ivp/gegevensversie.py), tot `stop` gezet is."""

    def __init__(self, database_url, seconden):
        super().__init__(daemon=True)
        self.database_url, self.seconden = database_url, seconden
        self.stop, self.aantal = threading.Event(), 0

    def run(self):
        import psycopg2

        verbinding = psycopg2.connect(self.database_url)
        verbinding.autocommit = True
        try:
            while not self.stop.wait(self.seconden):
                with verbinding.cursor() as cursor:
                    cursor.execute(
                        "UPDATE ivp_gegevensversie SET versie = versie + 1, "
                        "sleutel = md5(random()::text) WHERE id = 1"
                    )
                self.aantal += 1
        finally:
            verbinding.close()


def meet(omgeving, werkprocessen, klasse, threads, clients, duur, wijzig_elke=0):
    """Start een server, meet `duur` seconden met wrk (met `wijzig_elke` > 0 elke zoveel
    seconden een nieuwe gegevensversie), stopt de server; een Meting."""
    poort = vrije_poort()
    proces = start_server(omgeving, poort, werkprocessen, klasse, threads)
    database = omgeving["DATABASE_URL"].rsplit("/", 1)[1]
    wijziger = Wijziger(omgeving["DATABASE_URL"], wijzig_elke) if wijzig_elke else None
    try:
        server_voor = processortijd(proces.pid, database)
        if wijziger:
            wijziger.start()
        waarden, cpu = wrk(poort, clients, duur)
        server_cpu = processortijd(proces.pid, database) - server_voor
    finally:
        if wijziger:
            wijziger.stop.set()
            wijziger.join()
        stop_server(proces)
    seconden = waarden["duur"] / 1e6
    fouten = sum(waarden[k] for k in ("niet_2xx", "verbinden", "lezen", "schrijven", "timeout"))
    return Meting(
        werkprocessen, klasse, threads, waarden["verzoeken"] / seconden,
        *(waarden[k] / 1000 for k in ("p50", "p90", "p99", "max")), fouten,
        100 * cpu / seconden, 1000 * server_cpu / max(waarden["verzoeken"], 1),
    )  # fmt: skip


def machine():
    """Processor, aantal kernen en belasting vooraf (str), voor onder de tabel."""
    model = next(
        (r.split(":", 1)[1].strip() for r in Path("/proc/cpuinfo").read_text().splitlines()
         if r.startswith("model name")), "onbekend",
    )  # fmt: skip
    belasting = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    return f"{os.cpu_count()} kernen ({model}); belasting vooraf (1/5/15 min): {belasting}"


def argumenten(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=None, help="standaard: gunicorn.conf.py")
    parser.add_argument("--worker-class", default="sync", choices=["sync", "gthread"])
    parser.add_argument("--threads", type=int, default=2, help="per werkproces bij gthread")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duur", type=int, default=60, help="seconden per meting")
    parser.add_argument(
        "--paginacache",
        type=int,
        default=1,
        choices=[0, 1],
        help="PAGINACACHE (1 = aan, als Productie)",
    )
    parser.add_argument(
        "--wijzig-elke", type=float, default=0, help="seconden tussen twee nieuwe gegevensversies"
    )
    parser.add_argument(
        "--cache-url", default="redis://127.0.0.1:6379/1", help="CACHE_URL; '' = LocMem per proces"
    )
    parser.add_argument("--matrix", action="store_true", help="2-5 werkprocessen, sync en gthread")
    return parser.parse_args(argv)


def main(argv):
    """Voorbereiden, meten (één of de hele matrix), de tabel printen; exitcode 1 als het doel
    (0 fouten, p99 <= 300 ms) bij de eerste/enige configuratie niet is gehaald."""
    args = argumenten(argv)
    # `timeout` (make bench-load) stuurt SIGTERM: dan via finally de server nog stoppen.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if not shutil.which("wrk"):
        sys.exit("wrk ontbreekt: apt-get install -y wrk")
    standaard_werkprocessen = runpy.run_path(str(ROOT / "gunicorn.conf.py"))[
        "standaard_werkprocessen"
    ]
    database_url = os.environ.get("BENCH_LOAD_DATABASE_URL", STANDAARD_URL)
    omgeving = server_omgeving(database_url, args.paginacache, args.cache_url)
    print(f"Voorbereiden: database {omgeving['DATABASE_URL'].rsplit('/', 1)[1]}, collectstatic.")
    bereid_voor(omgeving)
    configuraties = MATRIX if args.matrix else [
        (args.workers or standaard_werkprocessen(), args.worker_class)
    ]  # fmt: skip
    print(f"{args.clients} gelijktijdige bezoekers, {args.duur} s per meting, paden om de beurt:")
    print("  " + " ".join(PADEN))
    wijzigen = f"elke {args.wijzig_elke:g} s een nieuwe" if args.wijzig_elke else "vaste"
    print(
        f"Paginacache per gegevensversie: {'aan' if args.paginacache else 'uit'}; CACHE_URL: "
        f"{args.cache_url or '(LocMem per proces)'}; {wijzigen} gegevensversie"
    )
    print(f"Machine: {machine()}\n")
    print(KOP)
    metingen = []
    for werkprocessen, klasse in configuraties:
        threads = args.threads if klasse == "gthread" else 1
        meting = meet(
            omgeving, werkprocessen, klasse, threads, args.clients, args.duur, args.wijzig_elke
        )
        metingen.append(meting)
        print(meting.regel(), flush=True)
    eerste = metingen[0]
    kernen = len(os.sched_getaffinity(0))
    print(
        f"\nServer-cpu: processortijd van de werkprocessen en PostgreSQL per verzoek. Met "
        f"{eerste.server_cpu_ms:.1f} ms haalt een verder lege machine met {kernen} kernen hooguit "
        f"{1000 * kernen / eerste.server_cpu_ms:.0f} verzoeken/s; {args.clients} bezoekers wachten "
        f"dan gemiddeld {args.clients * eerste.server_cpu_ms / kernen:.0f} ms."
    )
    gehaald = eerste.per_seconde > 0 and eerste.fouten == 0 and eerste.p99 <= DOEL_P99_MS
    print(
        f"\nDoel: 0 fouten en p99 <= {DOEL_P99_MS} ms: {'gehaald' if gehaald else 'NIET gehaald'}."
    )
    return 0 if gehaald else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
