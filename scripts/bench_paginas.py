"""make bench-pages: elke paginafamilie op de brongegevens en op landelijke omvang.

Vult PostgreSQL met een synthetische landelijke dataset naast de cijfers van de bron:
342 synthetische gemeenten (CBS-achtige codes GM9001-GM9342, naam "Synthetisch gebied N
(bench)") en "Nederland (synthetisch, bench)", elke categorie van het dashboard plus
synthetische soorten tot SOORTEN in totaal ("Synthetische soort N (bench)"), elke maand van
2012 tot en met 2025. Dat zijn 343 x 60 x 168 = 3.457.440 cijfers, geladen met COPY. De
aantallen zijn verzonnen maar vast (geen toeval: dezelfde run geeft dezelfde cijfers), met
hier en daar een geheim (leeg) of voorlopig cijfer. De cijfers van de bron blijven staan.

Meet daarna elke pagina in het proces (Django's test-Client, servertijd, geen netwerk):
eerst op de brongegevens alleen, dan met de landelijke dataset erbij. Per pagina HERHALINGEN
koude verzoeken (elk het eerste na een nieuwe gegevensversie: de onderdelencache is dan leeg)
en HERHALINGEN warme (de onderdelen uit de cache; ivp/gegevensversie.py): mediaan, p95, het
aantal queries en de verhouding landelijk / bron. De paginacache voor anonieme bezoekers
staat uit. Van
/cijfers/data.csv HERHALINGEN keer de tijd tot de eerste byte, en één keer de tijd voor het hele bestand
met de grootste groei van het geheugen (RSS) tijdens het streamen.

Database: DATABASE_URL, of anders postgres://postgres@127.0.0.1:5432/ivp_bench_paginas (wordt
zo nodig aangemaakt). Na afloop worden de synthetische gegevens en de vergadering van de
bench verwijderd (BENCH_BEWAAR=1 laat ze staan).
"""

import datetime
import io
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.bench_import import getal, start_django_op  # noqa: E402

STANDAARD_URL = "postgres://postgres@127.0.0.1:5432/ivp_bench_paginas"
GEMEENTEN = 342
SOORTEN = 60
JAREN = range(2012, 2026)
HERHALINGEN = int(os.environ.get("BENCH_HERHALINGEN", "20"))
VOLLEDIG_BESTAND = 1
SLUG = "bench-synthetisch-"
CATEGORIESLUG = "bench-synthetische-soort-"
BRON = "Synthetische landelijke cijfers (bench)"
OVERLEG_NOTITIE = "Vergadering van make bench-pages"
DOELEN = {"p95": 0.050, "verhouding": 1.5, "eerste byte": 0.200, "gebied mediaan": 0.030}


def start_django():
    """Start Django op PostgreSQL (bench_import.start_django_op); de test-Client vraagt om
    host testserver."""
    os.environ["ALLOWED_HOSTS"] = "testserver"
    # Gemeten wordt het bouwen van de pagina's (koud en met de onderdelencache warm), niet de
    # paginacache voor anonieme bezoekers: die beantwoordt een herhaald verzoek zonder bouwen.
    os.environ["PAGINACACHE"] = "0"
    start_django_op(STANDAARD_URL, "make bench-pages")


def opruimen():
    """Verwijdert de synthetische gebieden, soorten, cijfers, bron en de bench-vergadering."""
    from django.db import connection

    from cijfers.models import Bron, Categorie
    from ivp.models import Gebied
    from vergaderingen.models import Vergadering

    gebieden = list(Gebied.objects.filter(slug__startswith=SLUG).values_list("pk", flat=True))
    categorieen = list(
        Categorie.objects.filter(slug__startswith=CATEGORIESLUG).values_list("pk", flat=True)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM cijfers_cijfer WHERE gebied_id = ANY(%s) OR categorie_id = ANY(%s)",
            [gebieden, categorieen],
        )
    Gebied.objects.filter(pk__in=gebieden).delete()
    Categorie.objects.filter(pk__in=categorieen).delete()
    Bron.objects.filter(titel=BRON).delete()
    Vergadering.objects.filter(interne_notities=OVERLEG_NOTITIE).delete()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE cijfers_cijfer")


def bereid_voor():
    """Migreert, laadt de brongegevens, ruimt oude bench-gegevens op en plant een vergadering;
    geeft de vergadering."""
    from django.core.management import call_command

    from ivp.models import Overleg
    from vergaderingen.models import Vergadering

    call_command("migrate", verbosity=0)
    call_command("laad_brondata", stdout=io.StringIO())
    opruimen()
    return Vergadering.objects.create(
        overleg=Overleg.objects.order_by("volgorde", "pk").first(),
        datum=datetime.date.today(),
        interne_notities=OVERLEG_NOTITIE,
    )


def maak_gebieden_en_soorten():
    """De synthetische gebieden (gemeenten en Nederland), soorten en bron; geeft
    (gebied-ids, categorie-ids van alle soorten, bron-id)."""
    from cijfers.models import Bron, Categorie
    from ivp.models import Gebied

    toelichting = "Synthetisch gebied voor make bench-pages; geen echte gemeente."
    gemeenten = [
        Gebied(naam=f"Synthetisch gebied {n} (bench)", slug=f"{SLUG}{n}",
               soort=Gebied.Soort.GEMEENTE, cbs_code=f"GM{9000 + n}", volgorde=900,
               toelichting=toelichting)
        for n in range(1, GEMEENTEN + 1)
    ]  # fmt: skip
    nederland = Gebied(naam="Nederland (synthetisch, bench)", slug=f"{SLUG}nederland",
                       soort=Gebied.Soort.REGIO, cbs_code="NL99", volgorde=999,
                       toelichting=toelichting)  # fmt: skip
    Gebied.objects.bulk_create([*gemeenten, nederland])
    bestaand = Categorie.objects.count()
    Categorie.objects.bulk_create(
        Categorie(naam=f"Synthetische soort {n} (bench)", slug=f"{CATEGORIESLUG}{n}",
                  groep=Categorie.Groep.OVERIG, volgorde=900 + n)
        for n in range(1, SOORTEN - bestaand + 1)
    )  # fmt: skip
    bron = Bron.objects.create(titel=BRON, document="synthetisch (make bench-pages)")
    gebieden = list(Gebied.objects.filter(slug__startswith=SLUG).values_list("pk", flat=True))
    return gebieden, list(Categorie.objects.values_list("pk", flat=True)), bron.pk


def rijen(gebieden, categorieen, bron):
    """De regels voor COPY (tekst, tab-gescheiden): elke maand van elk gebied en elke soort.

    Vaste aantallen uit een rekenregel (geen toeval); 1 op 211 geheim, 2025 voorlopig."""
    for g in gebieden:
        for c in categorieen:
            for jaar in JAREN:
                status = "voorlopig" if jaar == JAREN[-1] else "definitief"
                for maand in range(1, 13):
                    getal_ = (g * 7919 + c * 104729 + jaar * 31 + maand * 17) % 211
                    waarde, soort = (r"\N", "geheim") if getal_ == 0 else (getal_ % 97, status)
                    yield f"{g}\t{c}\t{jaar}\t{jaar}-{maand:02d}\t{waarde}\t{soort}\t{bron}\n"


class _Regels(io.TextIOBase):
    """Een bestand om uit te lezen over een generator van regels (voor copy_expert)."""

    def __init__(self, regels):
        self.regels = regels
        self.rest = ""

    def readable(self):
        return True

    def read(self, grootte=-1):
        stukken, lengte = [self.rest], len(self.rest)
        while grootte < 0 or lengte < grootte:
            blok = "".join(regel for _, regel in zip(range(5000), self.regels, strict=False))
            if not blok:
                break
            stukken.append(blok)
            lengte += len(blok)
        tekst = "".join(stukken)
        if grootte < 0:
            self.rest = ""
            return tekst
        self.rest = tekst[grootte:]
        return tekst[:grootte]

    readline = read


def laad_landelijk():
    """COPY van de landelijke dataset in cijfers_cijfer, dan ANALYZE; geeft (rijen, seconden)."""
    from django.db import connection, transaction

    gebieden, categorieen, bron = maak_gebieden_en_soorten()
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.copy_expert(
            "COPY cijfers_cijfer (gebied_id, categorie_id, jaar, periode, waarde, status, bron_id) "
            "FROM STDIN",
            _Regels(rijen(gebieden, categorieen, bron)),
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return len(gebieden) * len(categorieen) * len(JAREN) * 12, time.perf_counter() - start


def paginas(vergadering):
    """[(naam, url)] van elke gemeten HTML-pagina."""
    from cijfers.models import Categorie
    from ivp.models import Gebied, Plan
    from prioriteiten.models import LokaalSpeerpunt, Prioriteit

    gemeenten = Gebied.objects.gemeenten().exclude(slug__startswith=SLUG).order_by("volgorde")
    categorieen = "&".join(
        f"categorie={c.slug}" for c in Categorie.objects.exclude(slug__startswith=CATEGORIESLUG)
    )
    plan = Plan.objects.order_by("-begin_jaar").first()
    # Een prioriteit met gekoppelde cijfers (grafieken), anders de eerste.
    prioriteiten = Prioriteit.objects.select_related("plan").order_by(
        "plan__begin_jaar", "volgorde"
    )
    prioriteit = prioriteiten.filter(categorieen__isnull=False).first() or prioriteiten.first()
    speerpunt = LokaalSpeerpunt.objects.select_related("plan", "gebied").first()
    return [
        ("home", "/"),
        *[(g.naam, g.get_absolute_url()) for g in gemeenten],
        *[(g.naam, g.get_absolute_url()) for g in Gebied.objects.filter(soort="basisteam")],
        ("categorie, 2 gebieden", "/cijfers/woninginbraken/?gebied=baarn&gebied=soest"),
        ("verkenner, 3 gebieden, alle categorieën",
         f"/cijfers/?gebied=baarn&gebied=soest&gebied=eemnes&{categorieen}"),
        ("plan", f"/plan/{plan.slug}/"),
        ("prioriteit", prioriteit.get_absolute_url()),
        ("speerpunten", speerpunt.get_absolute_url()),
        ("voortgang", "/voortgang/"),
        ("vergaderstuk (openbaar)", f"/vergaderingen/{vergadering.pk}/stuk/openbaar/"),
    ]  # fmt: skip


def kwantiel(waarden, deel):
    """Het kwantiel `deel` (0-1) van de waarden (nearest rank)."""
    geordend = sorted(waarden)
    return geordend[min(len(geordend) - 1, max(0, round(deel * len(geordend) + 0.5) - 1))]


def meet_pagina(client, url):
    """Koud en warm: ((mediaan, p95 in seconden, queries) koud, idem warm).

    Koud: HERHALINGEN keer de eerste aanvraag na een nieuwe gegevensversie (de onderdelencache
    leeg voor die versie, zoals na elke wijziging); warm: daarna HERHALINGEN aanvragen na één
    opwarmer (de onderdelen uit de cache). De paginacache voor anonieme bezoekers staat uit
    (die zou elke warme aanvraag in ~1 ms beantwoorden); de versie verhogen valt buiten de tijd.
    """
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from ivp import gegevensversie

    def eens():
        reset_queries()  # het log telt tot 9000 queries; daarna zou elke telling 0 zijn
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            antwoord = client.get(url)
            duur = time.perf_counter() - start
        if antwoord.status_code != 200:
            sys.exit(f"{url} gaf {antwoord.status_code}")
        return duur, len(queries)

    koud = []
    for _ in range(HERHALINGEN):
        gegevensversie.verhoog()
        koud.append(eens())
    eens()  # opwarmer
    warm = [eens() for _ in range(HERHALINGEN)]
    return tuple(
        (
            statistics.median(t for t, _ in metingen),
            kwantiel([t for t, _ in metingen], 0.95),
            max(q for _, q in metingen),
        )
        for metingen in (koud, warm)
    )


def rss():
    """Het huidige geheugen van dit proces (resident set size) in MB."""
    return int(Path("/proc/self/statm").read_text().split()[1]) * resource.getpagesize() / 2**20


def volledig_csv(client):
    """(seconden, rijen, grootste groei van het geheugen in MB) voor het hele data.csv; het
    geheugen wordt elke 1.000 blokken gemeten."""
    begin, groei, aantal = rss(), 0.0, 0
    start = time.perf_counter()
    antwoord = client.get("/cijfers/data.csv")
    for nummer, blok in enumerate(antwoord.streaming_content):
        aantal += blok.count(b"\n")
        if nummer % 1000 == 0:
            groei = max(groei, rss() - begin)
    return time.perf_counter() - start, aantal - 1, groei


def meet_csv(client):
    """data.csv: ((mediaan, p95) tot de eerste byte, en de eerste VOLLEDIG_BESTAND keer het
    hele bestand: (mediaan in seconden, rijen, grootste groei van het geheugen in MB))."""
    eerste = []
    for _ in range(HERHALINGEN):
        start = time.perf_counter()
        antwoord = client.get("/cijfers/data.csv")
        next(iter(antwoord.streaming_content))
        eerste.append(time.perf_counter() - start)
        antwoord.close()
    hele = [volledig_csv(client) for _ in range(VOLLEDIG_BESTAND)]
    return (
        (statistics.median(eerste), kwantiel(eerste, 0.95)),
        statistics.median(h[0] for h in hele),
        hele[0][1],
        max(h[2] for h in hele),
    )


def meet_alles(vergadering):
    """{naam: (url, (mediaan, p95, queries))} en de csv-meting, op de huidige database."""
    from django.test import Client

    from ivp.opstart import bevries_geladen_objecten

    client = Client()
    bevries_geladen_objecten()  # zoals een werkproces van gunicorn (gunicorn.conf.py)
    uitkomst = {naam: (url, meet_pagina(client, url)) for naam, url in paginas(vergadering)}
    return uitkomst, meet_csv(client)


def ms(seconden):
    """Milliseconden met een decimaal, Nederlandse notatie."""
    return getal(seconden * 1000, 1 if seconden < 0.1 else 0)


def tabel(bron, landelijk):
    """De markdown-tabel (regels) van de HTML-pagina's: koud en warm op de bron en landelijk,
    met per regel of de doelen gehaald zijn. De doelen gelden voor warm (p95 <= 50 ms
    landelijk, verhouding landelijk/bron <= 1,5, evenveel queries); een gebiedspagina moet
    daarnaast warm een mediaan <= 30 ms halen op de bron (kolom doel: 'gehaald (koud ook)' als
    de koude bouw dat ook haalt)."""
    regels = [
        "| pagina | bron: koud mediaan | bron: warm mediaan | bron: warm p95 | landelijk: koud "
        "mediaan | landelijk: koud p95 | landelijk: warm mediaan | landelijk: warm p95 | queries "
        "koud/warm (bron; landelijk) | verhouding warm p95 | doel |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for naam, (url, (koud, warm)) in bron.items():
        _, (l_koud, l_warm) = landelijk[naam]
        verhouding = l_warm[1] / warm[1]
        gehaald = (
            l_warm[1] <= DOELEN["p95"]
            and verhouding <= DOELEN["verhouding"]
            and (koud[2], warm[2]) == (l_koud[2], l_warm[2])
        )
        koud_ook = l_koud[1] <= DOELEN["p95"] and l_koud[1] / koud[1] <= DOELEN["verhouding"]
        if url.startswith("/gebieden/"):
            gehaald = gehaald and warm[0] <= DOELEN["gebied mediaan"]
            koud_ook = koud_ook and koud[0] <= DOELEN["gebied mediaan"]
        oordeel = ("gehaald (koud ook)" if koud_ook else "gehaald") if gehaald else "NIET gehaald"
        regels.append(
            f"| [{naam}]({url}) | {ms(koud[0])} ms | {ms(warm[0])} ms | {ms(warm[1])} ms | "
            f"{ms(l_koud[0])} ms | {ms(l_koud[1])} ms | {ms(l_warm[0])} ms | {ms(l_warm[1])} ms | "
            f"{koud[2]}/{warm[2]}; {l_koud[2]}/{l_warm[2]} | {getal(verhouding, 2)} | {oordeel} |"
        )
    return regels


def csv_regels(bron, landelijk):
    """De regels over data.csv: eerste byte, hele bestand, rijen en geheugen."""
    uit = []
    for naam, ((mediaan, p95), hele, aantal, groei) in (("bron", bron), ("landelijk", landelijk)):
        gehaald = "gehaald" if p95 <= DOELEN["eerste byte"] else "NIET gehaald"
        uit.append(
            f"- data.csv, {naam}: eerste byte mediaan {ms(mediaan)} ms, p95 {ms(p95)} ms "
            f"(doel <= 200 ms: {gehaald}); hele bestand {getal(aantal)} rijen in "
            f"{getal(hele, 2)} s ({getal(aantal / hele)} rijen/s); grootste groei van het "
            f"geheugen (RSS) tijdens het streamen {getal(groei, 1)} MB"
        )
    return uit


def machine():
    """Een regel over de machine: processors, belasting en datum."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        versie = cursor.fetchone()[0]
    belasting = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    return (
        f"Gemeten {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} "
        f"processors (nproc), PostgreSQL {versie}; uptime: {belasting}"
    )


def main():
    """make bench-pages: voorbereiden, meten op de bron, landelijk laden, meten, tonen."""
    start_django()
    vergadering = bereid_voor()
    print(machine())
    bron, bron_csv = meet_alles(vergadering)
    aantal, duur = laad_landelijk()
    print(
        f"Landelijke dataset: {getal(aantal)} synthetische cijfers geladen (COPY) in {getal(duur, 1)} s."
    )
    landelijk, landelijk_csv = meet_alles(vergadering)
    print(
        f"Per pagina {HERHALINGEN} koude verzoeken (elk na een nieuwe gegevensversie) en "
        f"{HERHALINGEN} warme (onderdelencache), servertijd in het proces (test-Client), "
        "zonder paginacache.\n"
    )
    print("\n".join(tabel(bron, landelijk)))
    print()
    print("\n".join(csv_regels(bron_csv, landelijk_csv)))
    print(machine())
    if os.environ.get("BENCH_BEWAAR") != "1":
        opruimen()


if __name__ == "__main__":
    main()
