"""make bench-grafieken: hoe snel staan de grafieken van /gebieden/baarn/ op het scherm?

Start het dashboard zoals in productie (gunicorn, DEBUG=0, collectstatic: whitenoise met
hash, vooraf gecomprimeerd en een jaar cache; de HTML via GZipMiddleware) op een vrije poort
op 127.0.0.1, met een verse SQLite-database in een tijdelijke map (migrate + laad_brondata).
Debian's Chromium (headless, via Playwright) opent de pagina dan:

- koud: een nieuwe browsercontext per meting, dus een lege cache;
- warm: dezelfde context na een eerste bezoek (de statische bestanden uit de cache), en nog
  een keer (dan ook met de gecompileerde plotly.js uit V8's codecache).

Per bezoek: de tijd vanaf de navigatie tot het eerste getekende spoor van een grafiek in de
DOM (`.js-plotly-plot .scatterlayer .trace` of `.barlayer .trace`, vastgelegd door een MutationObserver), de first
contentful paint (de trendtabel staat dan al leesbaar op het scherm, want geen script blokkeert
het tekenen), de tijd tot alle grafieken getekend zijn, en wat er over de lijn ging (Resource
Timing: transferSize van de HTML en van elk bestand; 0 voor een bestand uit de cache). Mediaan
over BENCH_RONDEN metingen (standaard 7), na een niet meegetelde opwarmronde. Doelen (issue 11):
koud <= 1 s, warm <= 300 ms, eerste bezoek <= 450 kB, tweede bezoek alleen de HTML.
"""

import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.bench_import import getal  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_OPTIES = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGINA = "/gebieden/baarn/"
SPOOR = ".js-plotly-plot .scatterlayer .trace, .js-plotly-plot .barlayer .trace"
DOEL_KOUD_MS = 1000
DOEL_WARM_MS = 300
DOEL_EERSTE_BEZOEK = 450_000  # bytes
SLEUTEL = "bench-grafieken-" + "x" * 50

# Legt vast wanneer het eerste spoor in de DOM komt (ms sinds de navigatie, performance.now()).
WACHTER = """
new MutationObserver(function (mutaties, waarnemer) {
  if (document.querySelector(SPOOR)) {
    window.__eersteSpoor = performance.now();
    waarnemer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
""".replace("SPOOR", repr(SPOOR))

# Wat de browser over het bezoek weet: tijden (ms) en bytes over de lijn.
METING = """() => {
  const navigatie = performance.getEntriesByType("navigation")[0];
  const bestanden = performance.getEntriesByType("resource");
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  return {
    spoor: window.__eersteSpoor,
    verzoek: navigatie.requestStart,
    ttfb: navigatie.responseStart,
    html_binnen: navigatie.responseEnd,
    fcp: fcp ? fcp.startTime : null,
    html: navigatie.transferSize,
    bestanden: bestanden.reduce((som, b) => som + b.transferSize, 0),
    opgehaald: bestanden.filter((b) => b.transferSize > 0).map((b) => b.name),
    aantal: bestanden.length,
  };
}"""


@dataclass
class Bezoek:
    """Eén paginabezoek: milliseconden sinds de navigatie, bytes over de lijn (met headers)."""

    spoor_ms: float
    verzoek_ms: float
    ttfb_ms: float
    html_binnen_ms: float
    fcp_ms: float
    alles_ms: float
    html_bytes: int
    bestanden_bytes: int
    opgehaald: list
    aantal_bestanden: int

    @property
    def server_ms(self):
        """Van het versturen van het verzoek tot de eerste byte HTML."""
        return self.ttfb_ms - self.verzoek_ms

    @property
    def browser_ms(self):
        """Van de laatste byte HTML tot het eerste spoor: wat de browser zelf doet."""
        return self.spoor_ms - self.html_binnen_ms

    @property
    def totaal_bytes(self):
        return self.html_bytes + self.bestanden_bytes


def omgeving(map_):
    """De omgeving van een productiestart op loopback (geen HTTPS-doorverwijzing)."""
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL"}}
    env.update(
        DEBUG="0",
        SECRET_KEY=SLEUTEL,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=f"sqlite:///{map_}/bench.sqlite3",
        DJANGO_SETTINGS_MODULE="ivp.settings",
    )
    return env


def vrije_poort():
    """Een poort op 127.0.0.1 die nu vrij is."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bereid_voor(env):
    """migrate, laad_brondata en collectstatic (naar staticfiles/, zoals in productie)."""
    for commando in (["migrate", "--noinput"], ["laad_brondata"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [sys.executable, "manage.py", *commando, "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def start_server(env, poort):
    """gunicorn op 127.0.0.1:poort; wacht tot de pagina antwoordt (hoogstens 30 s)."""
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "ivp.wsgi", "--bind", f"127.0.0.1:{poort}", "--workers", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    einde = time.monotonic() + 30
    while time.monotonic() < einde:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{poort}{PAGINA}", timeout=5):
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn antwoordde niet binnen 30 s")


def bezoek(pagina, url):
    """Opent url in pagina en wacht tot elke grafiek getekend is; geeft een Bezoek."""
    pagina.goto(url)
    grafieken = pagina.locator(".grafiek[data-figuur]")
    pagina.wait_for_function(
        "n => document.querySelectorAll('.grafiek[data-getekend]').length === n",
        arg=grafieken.count(),
        timeout=30_000,
    )
    alles_ms = pagina.evaluate("performance.now()")
    meting = pagina.evaluate(METING)
    return Bezoek(
        spoor_ms=meting["spoor"],
        verzoek_ms=meting["verzoek"],
        ttfb_ms=meting["ttfb"],
        html_binnen_ms=meting["html_binnen"],
        fcp_ms=meting["fcp"],
        alles_ms=alles_ms,
        html_bytes=meting["html"],
        bestanden_bytes=meting["bestanden"],
        opgehaald=meting["opgehaald"],
        aantal_bestanden=meting["aantal"],
    )


def meet(browser, url, ronden):
    """Per bezoek (koud, warm, warm met codecache) de lijst van metingen.

    Elke ronde is een nieuwe context (lege cache) die de pagina drie keer opent: het eerste
    bezoek is koud, het tweede warm (statische bestanden uit de cache), bij het derde heeft
    Chromium ook de gecompileerde plotly.js (V8-codecache, aangemaakt bij het tweede bezoek)."""
    bezoeken = ([], [], [])
    for ronde in range(ronden + 1):  # ronde 0 warmt de server op en telt niet mee
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
        context.add_init_script(WACHTER)
        pagina = context.new_page()
        metingen = [bezoek(pagina, url) for _ in bezoeken]
        context.close()
        if ronde:
            for lijst, meting in zip(bezoeken, metingen, strict=True):
                lijst.append(meting)
    return bezoeken


def mediaan(bezoeken, veld):
    return statistics.median(getattr(b, veld) for b in bezoeken)


def machine():
    """Processor, aantal kernen en de belasting (uptime) van deze machine."""
    model = platform.processor() or platform.machine()
    try:
        for regel in Path("/proc/cpuinfo").read_text().splitlines():
            if regel.startswith("model name"):
                model = regel.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    uptime = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    return f"{model}, {os.cpu_count()} kernen; uptime: {uptime}"


RIJEN = [
    ("eerste spoor van een grafiek in de DOM (na de navigatie)", "spoor_ms", "ms"),
    ("&nbsp;&nbsp;navigatie tot het verzoek verstuurd is", "verzoek_ms", "ms"),
    ("&nbsp;&nbsp;server (verzoek tot de eerste byte HTML)", "server_ms", "ms"),
    ("&nbsp;&nbsp;browser (laatste byte HTML tot eerste spoor)", "browser_ms", "ms"),
    ("first contentful paint (trendtabel leesbaar)", "fcp_ms", "ms"),
    ("alle grafieken getekend", "alles_ms", "ms"),
    ("HTML over de lijn", "html_bytes", "kB"),
    ("totaal over de lijn", "totaal_bytes", "kB"),
]


def toon(bezoeken, ronden):
    """Drukt de tabel (Markdown, voor de README) en de doelen af; True als elk doel gehaald is."""
    koud, warm, _ = bezoeken
    print(f"\n{PAGINA}, mediaan van {ronden} bezoeken per kolom ({machine()})\n")
    print("| | koude cache | warme cache | warm, met V8-codecache |")
    print("| --- | ---: | ---: | ---: |")
    for naam, veld, eenheid in RIJEN:
        if eenheid == "ms":
            cellen = [f"{getal(mediaan(lijst, veld))} ms" for lijst in bezoeken]
        else:
            cellen = [f"{getal(mediaan(lijst, veld) / 1000, 1)} kB" for lijst in bezoeken]
        print(f"| {naam} | {' | '.join(cellen)} |")
    opgehaald = [max(len(b.opgehaald) for b in lijst) for lijst in bezoeken]
    print(
        f"| bestanden van het netwerk (scripts, stylesheets, plaatjes) | {' | '.join(map(str, opgehaald))} |"
    )
    doelen = [
        ("koud <= 1 s", mediaan(koud, "spoor_ms") <= DOEL_KOUD_MS),
        ("warm <= 300 ms", mediaan(warm, "spoor_ms") <= DOEL_WARM_MS),
        ("eerste bezoek <= 450 kB", mediaan(koud, "totaal_bytes") <= DOEL_EERSTE_BEZOEK),
        ("tweede bezoek alleen de HTML", opgehaald[1] == 0),
    ]
    print("\n" + "; ".join(f"{naam}: {'gehaald' if ok else 'NIET gehaald'}" for naam, ok in doelen))
    return all(ok for _, ok in doelen)


def main():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        sys.exit(f"{CHROMIUM} ontbreekt (apt-get install chromium).")
    ronden = int(os.environ.get("BENCH_RONDEN", "7"))
    with tempfile.TemporaryDirectory() as map_:
        env = omgeving(map_)
        print("Database vullen en statische bestanden verzamelen ...", flush=True)
        bereid_voor(env)
        poort = vrije_poort()
        server = start_server(env, poort)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_OPTIES)
                bezoeken = meet(browser, f"http://127.0.0.1:{poort}{PAGINA}", ronden)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    return 0 if toon(bezoeken, ronden) else 1


if __name__ == "__main__":
    sys.exit(main())
