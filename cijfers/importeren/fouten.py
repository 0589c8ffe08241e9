"""Fouten van een import: één per cel (rij, kolom, waarde, reden), of het bestand als geheel.

Elke stap meldt zijn fouten zo; de uploadpagina en het commando tonen ze zoals `str(fout)`.
"""

from typing import NamedTuple


class Fout(NamedTuple):
    """Eén fout: rij (1 = de kopregel; None = het hele bestand), kolom, waarde en reden.

    `kolom` is de kop zoals in het bestand (of "bestand", "codering", "kopregel"), `waarde`
    de inhoud van de cel (afgekort tot 80 tekens), `reden` een Nederlandse zin.
    """

    rij: int | None
    kolom: str
    waarde: str
    reden: str

    def als_lijst(self):
        """[rij, kolom, waarde, reden]: zo staat de fout in het JSON-voorbeeld van een Import."""
        return list(self)

    def __str__(self):
        plek = f"rij {self.rij}" if self.rij else "bestand"
        kolom = f", kolom {self.kolom}" if self.kolom else ""
        waarde = f", waarde '{self.waarde}'" if self.waarde else ""
        return f"{plek}{kolom}{waarde}: {self.reden}"


class BestandFout(Exception):
    """Het bestand als geheel is niet te lezen: er wordt niets geïmporteerd.

    `fout` is de Fout die de gebruiker ziet; `reden` is ook de tekst van de exceptie.
    """

    def __init__(self, reden, *, rij=None, kolom="", waarde=""):
        super().__init__(reden)
        self.fout = Fout(rij, kolom, kort(waarde), reden)


def kort(waarde, lengte=80):
    """De waarde als tekst van hoogstens `lengte` tekens (te lang: afgekort met '…')."""
    tekst = str(waarde)
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1] + "…"


def getal(aantal):
    """Een geheel getal met een punt tussen de duizendtallen: 1234567 -> '1.234.567'."""
    return f"{aantal:,}".replace(",", ".")
