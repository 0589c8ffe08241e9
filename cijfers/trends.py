"""Trendberekening: veranderingen tussen jaren (zuivere functies, getest in tests/test_trends.py)."""

from decimal import ROUND_HALF_UP, Decimal


def procentuele_verandering(oud, nieuw):
    """Verandering van oud naar nieuw in hele procenten, zoals de bron afrondt (half omhoog).

    Geen percentage (None) als een van beide ontbreekt of als oud nul is: een
    verandering vanaf nul heeft geen percentage.
    """
    if oud is None or nieuw is None or oud == 0:
        return None
    procent = Decimal(nieuw - oud) * 100 / Decimal(oud)
    return int(procent.quantize(Decimal(1), rounding=ROUND_HALF_UP))
