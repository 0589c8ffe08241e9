"""make bench-pages: elke paginafamilie op de brongegevens en op landelijke omvang.

Vult PostgreSQL met een synthetische landelijke dataset naast de cijfers van de bron:
342 synthetische gemeenten (CBS-achtige codes GM9001-GM9342, naam "Synthetisch gebied N
(bench)") en "Nederland (synthetisch, bench)", elke categorie van het dashboard plus
synthetische soorten tot SOORTEN in totaal ("Synthetische soort N (bench)"), elke maand van
2012 tot en met 2025. Dat zijn 343 x 60 x 168 = 3.457.440 cijfers, geladen met COPY. De
aantallen zijn verzonnen maar vast (geen toeval: dezelfde run geeft dezelfde cijfers), met
hier en daar een geheim (leeg) of voorlopig cijfer. De cijfers van de bron blijven staan.
Daarbij de "is dat veel?"-gegevens op landelijke omvang: synthetische inwoners per jaar
(Bevolking) van elk gebied, kerncijfers (inwoners en omgevingsadressendichtheid) van elke
gemeente en de vergelijkingsgroepen daaruit (cijfers/vergelijking.py, bereken_groepen), zodat
elke eigen gemeente een groep van 10 synthetische gemeenten heeft; "Nederland (synthetisch,
bench)" is het land (NL01) van de vergelijking. In een derde meting krijgen de eigen gemeenten
maandcijfers van na het laatste jaar van de bron tot en met 2025 (de laatste 12 maanden per
1.000 inwoners): hun pagina's tonen dan meer, en die meting heeft alleen het doel warm p95.

De eigen gebieden (de gemeenten van het plan en het basisteam) hebben in de brongegevens geen
inwoners; de bench geeft ze synthetische inwoners en kerncijfers (bron "Synthetische inwoners
en kerncijfers (bench)"), al vóór de meting op de bron, zodat beide metingen dezelfde weg
door de pagina's gaan ("is dat veel?" met hetzelfde aantal queries). Dat zijn geen echte
inwonertallen: ze bestaan alleen tijdens de bench en worden na afloop verwijderd.

Meet daarna elke pagina in het proces (Django's test-Client, servertijd, geen netwerk):
eerst op de brongegevens alleen, dan met de landelijke dataset erbij (de eigen gebieden zoals
in de bron: dezelfde inhoud, dus de verhouding is het doel), dan met de maandcijfers van de
eigen gemeenten erbij. Per pagina HERHALINGEN
koude verzoeken (elk het eerste na een nieuwe gegevensversie: de onderdelencache is dan leeg)
en HERHALINGEN warme (de onderdelen uit de cache; ivp/gegevensversie.py): mediaan, p95, het
aantal queries en de verhouding landelijk / bron. De paginacache voor anonieme bezoekers
staat uit. Van
/cijfers/data.csv HERHALINGEN keer de tijd tot de eerste byte, en één keer de tijd voor het hele bestand
met de grootste groei van het geheugen (RSS) tijdens het streamen.

Database: DATABASE_URL, of anders postgres://postgres@127.0.0.1:5432/ivp_bench_paginas (wordt
zo nodig aangemaakt). Na afloop worden de synthetische gegevens (ook de inwoners, kerncijfers, maandcijfers
en vergelijkingsgroepen van de eigen gebieden) en de vergadering van de bench verwijderd
(BENCH_BEWAAR=1 laat ze staan).
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
BRON_INWONERS = "Synthetische inwoners en kerncijfers (bench)"
KERNJAAR = 2024
# De synthetische gemeenten liggen op een rooster van 19 inwonertallen (1.000-900.000) bij 18
# dichtheden (50-6.000 adressen per km², beide logaritmisch): 19 x 18 = GEMEENTEN. De eigen
# gemeenten liggen midden tussen vier roosterpunten en minstens 3,6 stappen van elkaar, zodat
# hun 10 meest gelijkende gemeenten synthetisch zijn (binnen 2,2 stappen liggen er 12).
ROOSTER = (19, 18)
EIGEN_PLEKKEN = [(5.5, 9.5), (9.5, 4.5), (13.5, 11.5), (7.5, 14.5), (12.5, 2.5)]
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
    """Verwijdert de synthetische gebieden, soorten, cijfers, inwoners, kerncijfers en
    vergelijkingsgroepen (ook die van de eigen gebieden), de bronnen en de bench-vergadering."""
    from django.db import connection

    from cijfers.models import Bevolking, Bron, Categorie, Kerncijfers, Vergelijkingsgroep
    from ivp import gegevensversie
    from ivp.models import Gebied
    from vergaderingen.models import Vergadering

    gebieden = list(Gebied.objects.filter(slug__startswith=SLUG).values_list("pk", flat=True))
    categorieen = list(
        Categorie.objects.filter(slug__startswith=CATEGORIESLUG).values_list("pk", flat=True)
    )
    bronnen = list(
        Bron.objects.filter(titel__in=[BRON, BRON_INWONERS]).values_list("pk", flat=True)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM cijfers_cijfer WHERE gebied_id = ANY(%s) OR categorie_id = ANY(%s) "
            "OR bron_id = ANY(%s)",
            [gebieden, categorieen, bronnen],
        )
    # De groepen die de bench berekende: van elke gemeente met kerncijfers van de bench.
    Vergelijkingsgroep.objects.filter(
        gemeente__in=Kerncijfers.objects.filter(bron__in=bronnen).values("gebied")
    ).delete()
    Bevolking.objects.filter(bron__in=bronnen).delete()
    Kerncijfers.objects.filter(bron__in=bronnen).delete()
    Gebied.objects.filter(pk__in=gebieden).delete()
    Categorie.objects.filter(pk__in=categorieen).delete()
    Bron.objects.filter(pk__in=bronnen).delete()
    Vergadering.objects.filter(interne_notities=OVERLEG_NOTITIE).delete()
    gegevensversie.verhoog()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE cijfers_cijfer")


def bereid_voor():
    """Migreert, laadt de brongegevens, ruimt oude bench-gegevens op, geeft de eigen gebieden
    synthetische inwoners en kerncijfers (`laad_eigen_inwoners`) en plant een vergadering;
    geeft de vergadering. Stopt als de database al echte inwoners, kerncijfers, groepen of een
    Nederland (NL01) heeft: de bench zou die overschrijven of ermee botsen."""
    from django.core.management import call_command

    from cijfers.models import Bevolking, Kerncijfers, Vergelijkingsgroep
    from ivp.models import Gebied, Overleg
    from vergaderingen.models import Vergadering

    call_command("migrate", verbosity=0)
    call_command("laad_brondata", stdout=io.StringIO())
    opruimen()
    for model in (Bevolking, Kerncijfers, Vergelijkingsgroep):
        if model.objects.exists():
            sys.exit(f"De database heeft al {model._meta.verbose_name_plural}; de bench vraagt "
                     "een database zonder (DATABASE_URL).")  # fmt: skip
    if Gebied.objects.filter(cbs_code="NL01").exists():
        sys.exit("De database heeft al een Nederland (NL01); de bench vraagt een database zonder.")
    laad_eigen_inwoners()
    return Vergadering.objects.create(
        overleg=Overleg.objects.order_by("volgorde", "pk").first(),
        datum=datetime.date.today(),
        interne_notities=OVERLEG_NOTITIE,
    )


def plek_kenmerken(plek):
    """(inwoners, omgevingsadressendichtheid) van een plek (i, j) op het ROOSTER: i van 0 tot
    18 voor 1.000 tot 900.000 inwoners, j van 0 tot 17 voor 50 tot 6.000 adressen per km²,
    beide logaritmisch; halve stappen liggen ertussen."""
    i, j = plek
    return (
        round(1000 * 900 ** (i / (ROOSTER[0] - 1))),
        round(50 * 120 ** (j / (ROOSTER[1] - 1))),
    )


def inwoners_in(inwoners, jaar):
    """Het synthetische inwonertal in `jaar` bij `inwoners` in KERNJAAR: 0,4% groei per jaar."""
    return max(1, round(inwoners * (1 + 0.004 * (jaar - KERNJAAR))))


def schrijf_inwoners(tallen, bron):
    """Bevolking per jaar (JAREN) en Kerncijfers (KERNJAAR, alleen voor gemeenten) met bulk_create;
    `tallen` is [(Gebied, inwoners in KERNJAAR, dichtheid of None)]."""
    from cijfers.models import Bevolking, Kerncijfers
    from ivp import gegevensversie

    Bevolking.objects.bulk_create(
        (
            Bevolking(gebied=gebied, jaar=jaar, inwoners=inwoners_in(inwoners, jaar), bron=bron)
            for gebied, inwoners, _ in tallen
            for jaar in JAREN
        ),
        batch_size=2000,
    )
    Kerncijfers.objects.bulk_create(
        (
            Kerncijfers(
                gebied=gebied,
                jaar=KERNJAAR,
                inwoners=inwoners,
                adressendichtheid=dichtheid,
                bron=bron,
            )
            for gebied, inwoners, dichtheid in tallen
            if dichtheid is not None
        ),  # fmt: skip
        batch_size=2000,
    )
    gegevensversie.verhoog()


def eigen_gemeenten():
    """De eigen gemeenten (die van een plan), op volgorde."""
    from ivp.models import Gebied

    return list(Gebied.objects.eigen().gemeenten().order_by("volgorde", "pk"))


def laad_eigen_inwoners():
    """Synthetische inwoners (JAREN) en kerncijfers van de eigen gemeenten (op EIGEN_PLEKKEN),
    inwoners van elk basisteam (de som van zijn leden) en de vergelijkingsgroepen van de eigen
    gemeenten (onder elkaar, zolang er niets anders is); bron BRON_INWONERS."""
    from cijfers.models import Bron
    from cijfers.vergelijking import bereken_groepen
    from ivp.models import Gebied

    bron = Bron.objects.create(titel=BRON_INWONERS, document="synthetisch (make bench-pages)")
    gemeenten = eigen_gemeenten()
    tallen = [
        (gemeente, *plek_kenmerken(plek))
        for gemeente, plek in zip(gemeenten, EIGEN_PLEKKEN, strict=False)
    ]
    per_gemeente = {gemeente.pk: inwoners for gemeente, inwoners, _ in tallen}
    for team in Gebied.objects.filter(soort=Gebied.Soort.BASISTEAM).prefetch_related("leden"):
        som = sum(per_gemeente.get(lid.pk, 0) for lid in team.leden.all())
        if som:
            tallen.append((team, som, None))
    schrijf_inwoners(tallen, bron)
    bereken_groepen(gemeenten)


def laad_landelijke_inwoners():
    """Synthetische inwoners en kerncijfers van de synthetische gemeenten (op het ROOSTER) en
    Nederland (hun som), dan de vergelijkingsgroepen van alle gemeenten (bereken_groepen).
    Geeft {eigen gemeente: [namen van de leden van haar groep]}."""
    from cijfers.models import Bron, Vergelijkingsgroep
    from cijfers.vergelijking import bereken_groepen
    from ivp.models import Gebied

    synthetisch = list(
        Gebied.objects.filter(slug__startswith=SLUG, soort=Gebied.Soort.GEMEENTE).order_by("pk")
    )
    tallen = [
        (gemeente, *plek_kenmerken(divmod(n, ROOSTER[0])[::-1]))
        for n, gemeente in enumerate(synthetisch)
    ]
    nederland = Gebied.objects.get(slug=f"{SLUG}nederland")
    tallen.append((nederland, sum(inwoners for _, inwoners, _ in tallen), None))
    schrijf_inwoners(tallen, Bron.objects.get(titel=BRON_INWONERS))
    bereken_groepen(Gebied.objects.gemeenten())
    groepen = Vergelijkingsgroep.objects.filter(gemeente__in=eigen_gemeenten()).prefetch_related(
        "leden"
    )
    return {g.gemeente.naam: sorted(lid.naam for lid in g.leden.all()) for g in groepen}


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
    # Het land van de vergelijking "is dat veel?" (cijfers/vergelijking.py: land NL01).
    nederland = Gebied(naam="Nederland (synthetisch, bench)", slug=f"{SLUG}nederland",
                       soort=Gebied.Soort.LAND, cbs_code="NL01", volgorde=999,
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


def rijen(gebieden, categorieen, bron, jaren=JAREN):
    """De regels voor COPY (tekst, tab-gescheiden): elke maand van `jaren` van elk gebied en
    elke soort.

    Vaste aantallen uit een rekenregel (geen toeval); 1 op 211 geheim, 2025 voorlopig."""
    for g in gebieden:
        for c in categorieen:
            for jaar in jaren:
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


def _copy(regels):
    """COPY van cijferregels (`rijen`) in cijfers_cijfer, met een nieuwe gegevensversie in
    dezelfde transactie."""
    from django.db import connection, transaction

    from ivp import gegevensversie

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.copy_expert(
            "COPY cijfers_cijfer (gebied_id, categorie_id, jaar, periode, waarde, status, bron_id) "
            "FROM STDIN",
            _Regels(regels),
        )
        gegevensversie.verhoog()


def laad_landelijk():
    """COPY van de landelijke dataset in cijfers_cijfer (de synthetische gebieden; de eigen
    gebieden blijven zoals in de bron), dan de inwoners, kerncijfers en groepen
    (`laad_landelijke_inwoners`) en ANALYZE. Geeft (cijfers, seconden, {eigen gemeente: [leden
    van haar groep]})."""
    from django.db import connection, transaction

    gebieden, categorieen, bron = maak_gebieden_en_soorten()
    start = time.perf_counter()
    _copy(rijen(gebieden, categorieen, bron))
    with transaction.atomic():
        groepen = laad_landelijke_inwoners()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    aantal = len(gebieden) * len(categorieen) * len(JAREN) * 12
    return aantal, time.perf_counter() - start, groepen


def laad_eigen_maanden():
    """COPY van synthetische maandcijfers van de eigen gemeenten in de categorieën van de bron,
    van na het laatste jaar van de bron tot en met 2025 (zoals een landelijke import van de
    politie ze zou brengen), met bron BRON, en ANALYZE. Geeft het aantal cijfers."""
    from django.db import connection
    from django.db.models import Max

    from cijfers.models import Bron, Categorie, Cijfer

    laatste_bronjaar = (
        Cijfer.objects.exclude(bron__titel=BRON).aggregate(jaar=Max("jaar"))["jaar"] or JAREN[0] - 1
    )
    broncategorieen = list(
        Categorie.objects.exclude(slug__startswith=CATEGORIESLUG).values_list("pk", flat=True)
    )
    eigen = [g.pk for g in eigen_gemeenten()]
    eigen_jaren = range(max(laatste_bronjaar + 1, JAREN[0]), JAREN[-1] + 1)
    bron = Bron.objects.get(titel=BRON).pk
    _copy(rijen(eigen, broncategorieen, bron, eigen_jaren))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE cijfers_cijfer")
    return len(eigen) * len(broncategorieen) * len(eigen_jaren) * 12


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


def html_groottes(vergadering):
    """{naam: bytes}: hoe groot de HTML van elke gemeten pagina (`paginas`) nu is."""
    from django.test import Client

    client = Client()
    return {naam: len(client.get(url).content) for naam, url in paginas(vergadering)}


def tabel_eigen(bron, eigen, groottes_bron, groottes_eigen):
    """De markdown-tabel (regels) van de meting met de maandcijfers van de eigen gemeenten:
    hun pagina's tonen dan meer (de trendtabel tot 2025, de maandgrafiek, de laatste 12
    maanden, de vergelijking met Nederland), dus de HTML groeit. Doel: warm p95 <= 50 ms; de
    verhouding met de bron en die van de HTML staan erbij, geen doel (ander inhoud)."""
    regels = [
        "| pagina | HTML bron | HTML landelijk met maanden | koud mediaan | koud p95 | warm "
        "mediaan | warm p95 | queries koud/warm | warm p95 / bron | HTML / bron | doel (warm p95 "
        "<= 50 ms) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for naam, (url, (koud, warm)) in eigen.items():
        b_warm = bron[naam][1][1][1]  # warm p95 op de bron
        oordeel = "gehaald" if warm[1] <= DOELEN["p95"] else "NIET gehaald"
        regels.append(
            f"| [{naam}]({url}) | {getal(groottes_bron[naam] / 1000)} kB | "
            f"{getal(groottes_eigen[naam] / 1000)} kB | {ms(koud[0])} ms | {ms(koud[1])} ms | "
            f"{ms(warm[0])} ms | {ms(warm[1])} ms | {koud[2]}/{warm[2]} | "
            f"{getal(warm[1] / b_warm, 2)} | {getal(groottes_eigen[naam] / groottes_bron[naam], 1)}"
            f" | {oordeel} |"
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


# Wat elke meting op de pagina moet zien: anders meet de bench de weg "is dat veel?" niet.
KENMERKEN = {
    "/gebieden/baarn/": ["Is dat veel? Per 1.000 inwoners vergeleken", "De vergelijkingsgroep:"],
    "/cijfers/woninginbraken/?gebied=baarn&gebied=soest": ["Per 1.000 inwoners vergeleken"],
}
KENMERKEN_LANDELIJK = {
    "/gebieden/baarn/": ["De laatste 12 maanden", "Synthetisch gebied "],
    "/cijfers/woninginbraken/?gebied=baarn&gebied=soest": ["Nederland"],
}


def controleer(landelijk=False):
    """[regel]: welke delen van "is dat veel?" de gemeten pagina's tonen (KENMERKEN, op
    landelijke omvang ook KENMERKEN_LANDELIJK); ontbrekende staan er met NIET bij."""
    from django.test import Client

    client = Client()
    uit = []
    for url, teksten in KENMERKEN.items():
        teksten = [*teksten, *(KENMERKEN_LANDELIJK[url] if landelijk else [])]
        inhoud = client.get(url).content.decode()
        for tekst in teksten:
            uit.append(f'- {url} toont "{tekst}": {"ja" if tekst in inhoud else "NIET"}')
    return uit


def vergelijking_van_baarn():
    """Een regel over "is dat veel?" van Baarn, uit de bouwers van de pagina zelf (zonder
    cache): hoeveel categorieën een verhouding hebben, met Nederland, met het basisteam en met
    de groep, hoeveel de laatste 12 maanden, en hoe lang het bouwen van de cijfers en van de
    vergelijking duurt (één keer, koud)."""
    from django.db import connection, reset_queries
    from django.http import QueryDict
    from django.test.utils import CaptureQueriesContext

    from cijfers import views
    from cijfers.vergelijking import inwonersvergelijking_van

    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        cijfers = views._gebiedscijfers("baarn", views.keuze_uit(QueryDict("")))
        tussen = time.perf_counter()
        vergelijking = inwonersvergelijking_van(cijfers)
        einde = time.perf_counter()
    rijen = vergelijking.rijen
    return (
        f"- Baarn, is dat veel?: {len(rijen)} categorieën per 1.000 inwoners, met Nederland "
        f"{sum(r.nederland is not None for r in rijen)}, met het basisteam "
        f"{sum(r.basisteam is not None for r in rijen)}, met de groep "
        f"{sum(r.groep is not None for r in rijen)}; de laatste 12 maanden: "
        f"{len(vergelijking.twaalf_rijen)} categorieën; koud gebouwd: cijfers "
        f"{ms(tussen - start)} ms, vergelijking {ms(einde - tussen)} ms ({len(queries)} queries)"
    )


def zonder_broncijfers():
    """De namen van de eigen gemeenten zonder eigen cijfers in de bron (De Bilt): zij tonen
    "is dat veel?" pas op landelijke omvang, met de maandcijfers van de bench."""
    from cijfers.models import Cijfer

    met = set(Cijfer.objects.values_list("gebied", flat=True).distinct())
    return [g.naam for g in eigen_gemeenten() if g.pk not in met]


# Een basisteam staat in "is dat veel?" alleen naast Nederland: de bron heeft geen Nederland
# (NL01), de landelijke dataset wel, en dan haalt de pagina koud ook zijn cijfers (in de nodige
# jaren) en zijn inwoners op (vergelijking._teamvergelijking).
MET_NEDERLAND = 2


def verschilregels(bron, landelijk, zonder):
    """Een regel per pagina met een ander aantal queries op de twee omvangen, met de reden als
    die bekend is (een gemeente zonder broncijfers, `zonder`; het basisteam met Nederland)."""
    uit = []
    for naam, (_, metingen) in bron.items():
        b = "/".join(str(m[2]) for m in metingen)
        la = "/".join(str(m[2]) for m in landelijk[naam][1])
        if b != la:
            koud_erbij = landelijk[naam][1][0][2] - metingen[0][2]
            warm_gelijk = landelijk[naam][1][1][2] == metingen[1][2]
            if naam in zonder:
                reden = (
                    'zonder eigen cijfers in de bron, dus zonder "is dat veel?" (geen queries); op '
                    "landelijke omvang met maandcijfers en dus met de queries van de vergelijking"
                )
            elif naam.startswith("Basisteam") and koud_erbij == MET_NEDERLAND and warm_gelijk:
                reden = (
                    f"koud {MET_NEDERLAND} meer: de landelijke dataset heeft een Nederland (NL01), "
                    'de bron niet; "is dat veel?" van het team haalt dan ook de cijfers en de '
                    "inwoners van Nederland op (vast aantal, niet per rij)"
                )
            else:
                reden = "onverklaard"
            uit.append(f"- queries van {naam}: {b} op de bron, {la} landelijk: {reden}")
    return uit


def groepsregels(groepen):
    """De regels over de vergelijkingsgroepen van de eigen gemeenten op landelijke omvang; een
    groep die niet uit 10 synthetische gemeenten bestaat, staat er met NIET bij."""
    uit = []
    for gemeente, leden in sorted(groepen.items()):
        synthetisch = sum(naam.startswith("Synthetisch gebied ") for naam in leden)
        oordeel = "" if (len(leden), synthetisch) == (10, 10) else " (NIET 10 synthetische)"
        uit.append(
            f"- vergelijkingsgroep van {gemeente}: {len(leden)} leden, {synthetisch} synthetisch"
            f"{oordeel}"
        )
    return uit


def main():
    """make bench-pages: voorbereiden, meten op de bron, landelijk laden (de eigen gebieden zoals
    in de bron) en meten, dan de maandcijfers van de eigen gemeenten erbij en nog eens meten,
    tonen."""
    start_django()
    bewaar = os.environ.get("BENCH_BEWAAR") == "1"
    vergadering = bereid_voor()
    print(machine())
    print(
        "Let op: de eigen gebieden hebben in deze run synthetische inwoners en kerncijfers "
        f'(bron "{BRON_INWONERS}"), al bij de meting op de bron, en in de derde meting ook '
        "synthetische maandcijfers na het laatste jaar van de bron; geen echte cijfers, "
        + ("bewaard (BENCH_BEWAAR=1)." if bewaar else "na afloop verwijderd.")
    )
    print("\n".join([*controleer(), vergelijking_van_baarn()]))
    bron, bron_csv = meet_alles(vergadering)
    groottes_bron = html_groottes(vergadering)
    zonder = zonder_broncijfers()
    aantal, duur, groepen = laad_landelijk()
    print(
        f"Landelijke dataset: {getal(aantal)} synthetische cijfers geladen (COPY), met inwoners, "
        f"kerncijfers en vergelijkingsgroepen, in {getal(duur, 1)} s."
    )
    print("\n".join(groepsregels(groepen)))
    print("\n".join([*controleer(), vergelijking_van_baarn()]))
    landelijk, landelijk_csv = meet_alles(vergadering)
    maanden = laad_eigen_maanden()
    print(
        f"Daarna {getal(maanden)} synthetische maandcijfers van de eigen gemeenten erbij (COPY), "
        "zoals een landelijke import van de politie ze zou brengen."
    )
    print("\n".join([*controleer(landelijk=True), vergelijking_van_baarn()]))
    eigen, _ = meet_alles(vergadering)
    groottes_eigen = html_groottes(vergadering)
    print(
        f"Per pagina {HERHALINGEN} koude verzoeken (elk na een nieuwe gegevensversie) en "
        f"{HERHALINGEN} warme (onderdelencache), servertijd in het proces (test-Client), "
        "zonder paginacache.\n"
    )
    print("1. Bron tegen landelijk (de eigen gebieden zoals in de bron: dezelfde inhoud):\n")
    print("\n".join(tabel(bron, landelijk)))
    print("\n".join(["", *verschilregels(bron, landelijk, []), ""]))
    print("2. Landelijk met de maandcijfers van de eigen gemeenten (meer inhoud):\n")
    print("\n".join(tabel_eigen(bron, eigen, groottes_bron, groottes_eigen)))
    print("\n".join(["", *verschilregels(bron, eigen, zonder), ""]))
    print("\n".join(csv_regels(bron_csv, landelijk_csv)))
    print(machine())
    if not bewaar:
        opruimen()


if __name__ == "__main__":
    main()
