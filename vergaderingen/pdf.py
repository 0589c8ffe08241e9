"""HTML naar PDF met de headless Chromium van de server (dezelfde als in de browsertests).

Chromium voert de JavaScript van de pagina uit (plotly tekent de grafieken) en drukt af met
de print-CSS van het stuk, inclusief paginanummers in de marges (@page-margeboxen).
"""

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings


class PdfNietBeschikbaar(Exception):
    """Chromium ontbreekt of kon de PDF niet maken; de tekst is voor de gebruiker."""


def chromium():
    """Het pad van Chromium (settings.CHROMIUM); PdfNietBeschikbaar als het er niet is."""
    pad = getattr(settings, "CHROMIUM", "/usr/bin/chromium")
    if not (Path(pad).exists() or shutil.which(pad)):
        raise PdfNietBeschikbaar(
            f"Chromium ({pad}) ontbreekt op de server; een PDF maken kan daarom niet. "
            "Gebruik in uw browser Afdrukken > Opslaan als PDF."
        )
    return pad


def html_naar_pdf(html, wachttijd_ms=20000):
    """De PDF (bytes) van een HTML-document; statische bestanden als file://-links.

    PdfNietBeschikbaar als Chromium ontbreekt of faalt; na 120 seconden subprocess.TimeoutExpired.
    """
    programma = chromium()
    with tempfile.TemporaryDirectory(prefix="ivp-pdf-") as map_:
        bron = Path(map_) / "stuk.html"
        doel = Path(map_) / "stuk.pdf"
        bron.write_text(html, encoding="utf-8")
        opdracht = [
            programma,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--allow-file-access-from-files",
            f"--user-data-dir={Path(map_) / 'profiel'}",
            "--no-pdf-header-footer",
            f"--virtual-time-budget={wachttijd_ms}",
            "--run-all-compositor-stages-before-draw",
            f"--print-to-pdf={doel}",
            bron.as_uri(),
        ]
        resultaat = subprocess.run(opdracht, capture_output=True, timeout=120)
        if resultaat.returncode != 0 or not doel.exists():
            raise PdfNietBeschikbaar(
                "Chromium kon de PDF niet maken: "
                + resultaat.stderr.decode("utf-8", "replace")[-500:]
            )
        return doel.read_bytes()
