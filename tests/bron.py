"""Toegang tot de brontekst (fixtures/bron/) voor tests die de fixtures ermee vergelijken."""

from scripts.bron_ivp_2019 import BRONBESTAND, lees_bron


def brontekst():
    """De tekst van het IVP BES 2019-2022; hij hoort in de repository, ontbreken is een fout."""
    assert BRONBESTAND.exists(), f"Brontekst ontbreekt: {BRONBESTAND}"
    return lees_bron()
