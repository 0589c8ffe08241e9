"""Toegang tot de brontekst in ../shared/seeds voor tests die de fixtures ermee vergelijken."""

import os

import pytest

from scripts.bron_ivp_2019 import BRONBESTAND, lees_bron


def brontekst():
    """De tekst van het IVP BES 2019-2022; in CI is het ontbreken ervan een fout."""
    if not BRONBESTAND.exists():
        if os.environ.get("CI") == "true":
            raise AssertionError(f"Brontekst ontbreekt: {BRONBESTAND}")
        pytest.skip(f"brontekst niet gevonden naast de checkout: {BRONBESTAND}")
    return lees_bron()
