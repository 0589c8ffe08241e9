"""Trendberekening (pandas): van losse cijfers naar trendtabellen en veranderingen.

Zuivere functies op gewone gegevens, getest in tests/test_trends.py. Ontbrekend blijft
ontbrekend: er wordt nergens met 0 aangevuld, en een verandering vanaf 0 heeft geen
percentage.
"""

import math
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

# Tekens zoals het CBS ze gebruikt.
ONTBREEKT = "."
GEHEIM = "x"
VOORLOPIG = "*"
NIETS = "–"

# De drie banden uit de legenda van de gemeentetabellen in de bron.
DALING = "daling"
STABIEL = "stabiel"
STIJGING = "stijging"
BAND_GRENS = 10

# |A - B| / sqrt(A + B) onder deze grens: het verschil kan toeval zijn.
TOEVAL_GRENS = 2


def procentuele_verandering(oud, nieuw):
    """Verandering van oud naar nieuw in hele procenten, zoals de bron afrondt (half omhoog).

    Geen percentage (None) als een van beide ontbreekt of als oud nul is: een
    verandering vanaf nul heeft geen percentage.
    """
    if is_leeg(oud) or is_leeg(nieuw) or oud == 0:
        return None
    procent = Decimal(int(nieuw) - int(oud)) * 100 / Decimal(int(oud))
    return int(procent.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def band(procent):
    """De band van de bron: daling of stijging van 10% of meer, of minder dan 10%."""
    if procent is None:
        return None
    if procent <= -BAND_GRENS:
        return DALING
    if procent >= BAND_GRENS:
        return STIJGING
    return STABIEL


def toevalsindex(oud, nieuw):
    """|A - B| / sqrt(A + B) voor twee tellingen; None als er niets te vergelijken is."""
    if is_leeg(oud) or is_leeg(nieuw) or oud + nieuw == 0:
        return None
    return abs(nieuw - oud) / math.sqrt(oud + nieuw)


def binnen_toeval(oud, nieuw):
    """True als toeval het verschil kan verklaren (index onder 2)."""
    index = toevalsindex(oud, nieuw)
    return index is not None and index < TOEVAL_GRENS


def cel_weergave(waarde, status):
    """De tekst van een cel: het getal, of het CBS-teken voor ontbrekend of geheim."""
    if status is None or (isinstance(status, float) and math.isnan(status)):
        return ONTBREEKT
    if status == "geheim" or is_leeg(waarde):
        return GEHEIM
    tekst = f"{int(waarde):,}".replace(",", ".")
    return tekst + VOORLOPIG if status == "voorlopig" else tekst


def jaarframe(records):
    """Lang DataFrame van jaarcijfers uit dicts met gebied, categorie, jaar, periode, waarde, status.

    Alleen jaarcijfers (periode == jaar) tellen hier; de waarde is een nullable integer.
    """
    kolommen = ["gebied", "categorie", "jaar", "periode", "waarde", "status"]
    frame = pd.DataFrame.from_records(list(records), columns=kolommen)
    frame = frame[frame["periode"] == frame["jaar"].astype(str)]
    frame = frame.astype({"jaar": "int64", "waarde": "Int64"})
    return frame.drop(columns="periode").reset_index(drop=True)


def breed(frame, rijen, jaren, rij_kolommen=("categorie",)):
    """Waarden en statussen als brede tabellen: een rij per sleutel, een kolom per jaar.

    `rijen` geeft de volgorde (en de rijen die er moeten staan, ook zonder cijfers);
    een cel zonder cijfer blijft leeg (NaN / <NA>), nooit 0.
    """
    rij_kolommen = list(rij_kolommen)
    index = (
        pd.MultiIndex.from_tuples(rijen, names=rij_kolommen)
        if len(rij_kolommen) > 1
        else pd.Index(rijen, name=rij_kolommen[0])
    )
    if frame.empty:
        leeg = pd.DataFrame(index=index, columns=list(jaren))
        return leeg.astype("Int64"), leeg.astype("object")
    waarden = frame.pivot_table(
        index=rij_kolommen, columns="jaar", values="waarde", aggfunc="first", dropna=False
    )
    statussen = frame.pivot(index=rij_kolommen, columns="jaar", values="status")
    waarden = waarden.reindex(index=index, columns=list(jaren)).astype("Int64")
    statussen = statussen.reindex(index=index, columns=list(jaren))
    return waarden, statussen


def veranderingen(waarden, van, naar):
    """Per rij de verandering van jaar `van` naar jaar `naar`: verschil, procent, band, toeval."""
    uitkomst = pd.DataFrame(index=waarden.index)
    if van not in waarden.columns or naar not in waarden.columns:
        uitkomst["verschil"] = pd.Series(pd.NA, index=waarden.index, dtype="Int64")
        uitkomst["procent"] = pd.Series(pd.NA, index=waarden.index, dtype="Int64")
        uitkomst["band"] = None
        uitkomst["toeval"] = False
        return uitkomst
    oud, nieuw = waarden[van], waarden[naar]
    uitkomst["verschil"] = (nieuw - oud).astype("Int64")
    paren = list(zip(oud.tolist(), nieuw.tolist(), strict=True))
    procenten = [procentuele_verandering(a, b) for a, b in paren]
    uitkomst["procent"] = pd.array(procenten, dtype="Int64")
    uitkomst["band"] = [band(p) for p in procenten]
    uitkomst["toeval"] = [binnen_toeval(a, b) for a, b in paren]
    return uitkomst


def restant(totaal, delen):
    """Totaal min de som van de delen, per rij en jaar; ontbreekt er één, dan ontbreekt het restant.

    Voor 'overig (De Bilt, afgeleid)': basisteam BES min de vier gemeenten.
    """
    som = delen.groupby(level="categorie").sum(min_count=1)
    volledig = delen.notna().groupby(level="categorie").all()
    som = som.where(volledig)
    return (totaal - som.reindex(totaal.index)).astype("Int64")


def is_leeg(waarde):
    return waarde is None or waarde is pd.NA or (isinstance(waarde, float) and math.isnan(waarde))


def trendrijen(rijen, waarden, statussen, verandering=None, gepubliceerd=None):
    """Rijen (dicts) voor een trendtabel.

    `rijen` is een lijst van (sleutel, dict met vaste velden zoals naam en niveau); de
    sleutel is de index van `waarden`. `gepubliceerd` geeft per sleutel extra velden
    (regio, halfjaren) die de bron alleen als percentage publiceert.
    """
    gepubliceerd = gepubliceerd or {}
    uitkomst = []
    for sleutel, velden in rijen:
        rij = dict(velden)
        rij["statussen"] = {}
        for jaar in waarden.columns:
            rij[f"j{jaar}"] = als_getal(waarden.at[sleutel, jaar])
            status = statussen.at[sleutel, jaar]
            rij["statussen"][jaar] = None if is_leeg(status) else status
        if verandering is not None:
            rij["verschil"] = als_getal(verandering.at[sleutel, "verschil"])
            rij["procent"] = als_getal(verandering.at[sleutel, "procent"])
            rij["band"] = band(rij["procent"])
            rij["toeval"] = bool(verandering.at[sleutel, "toeval"])
        rij.update(gepubliceerd.get(sleutel, {}))
        uitkomst.append(rij)
    return uitkomst


def als_getal(waarde):
    """Een Python-int, of None als de waarde ontbreekt."""
    return None if is_leeg(waarde) else int(waarde)
