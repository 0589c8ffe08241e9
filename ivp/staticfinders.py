"""Serveert plotly.min.js uit het geïnstalleerde plotly-pakket als static/plotly/plotly.min.js.

Zo komt plotly.js niet van een CDN en staat er geen kopie in de repository; collectstatic
neemt het bestand mee en whitenoise serveert het gecomprimeerd en met hash.
"""

from pathlib import Path

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PAKKETMAP = Path(plotly.__file__).resolve().parent / "package_data"
BESTAND = "plotly.min.js"
PREFIX = "plotly"


class PlotlyFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=PAKKETMAP)
        self.storage.prefix = PREFIX

    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        if path == f"{PREFIX}/{BESTAND}" and (PAKKETMAP / BESTAND).exists():
            gevonden = str(PAKKETMAP / BESTAND)
            return [gevonden] if find_all else gevonden
        return [] if find_all else None

    def list(self, ignore_patterns):
        yield BESTAND, self.storage
