"""Jaarcijfer tegen de twaalf maanden: de waarschuwing in het voorbeeld (proefgebruiker, punt 3).

Een jaarcijfer (periode "2024") dat niet gelijk is aan de som van de twaalf maanden van dat
jaar ("2024-01" t/m "2024-12") van hetzelfde gebied en dezelfde categorie, zoals ze er na de
import zouden staan: het cijfer uit het bestand waar de import het schrijft (of het al zo
staat), anders wat er al staat. Een cijfer uit het bestand dat de import niet schrijft (een
voorlopig cijfer over een definitief, een cijfer uit het plan zonder bevestiging) telt met
de waarde die blijft staan. Alleen waar het bestand dat gebied, die categorie en dat jaar
noemt; alleen als het jaarcijfer en alle twaalf maanden bekende getallen zijn (een geheim
cijfer `x` of een ontbrekende maand: geen vergelijking). Voorlopig en definitief worden
toch vergeleken; de tekst zegt wat voorlopig is.

Een waarschuwing, geen fout: de import kan doorgaan en er gaat niets verloren. Zonder
waarschuwing toonde de gebiedspagina na zo'n import een jaar- en een twaalfmaandenoordeel
die elkaar tegenspreken.

Geen eigen query: de cijfers die er al staan zijn die van voorstel._bestaande_cijfers (de
ene query van het voorstel, op de gebieden, categorieën en jaren van het bestand, alle
perioden). Eerst worden de sleutels met een jaarcijfer gezocht; zonder jaarcijfers (een
landelijk maandbestand zonder jaren) kost het één lus over de regels. Per sleutel met een
jaarcijfer houdt een Telling alleen een paar getallen bij, geen kopie van de cijfers.
"""

from typing import NamedTuple

from cijfers.models import Cijfer

DEFINITIEF, VOORLOPIG = Cijfer.Status.DEFINITIEF, Cijfer.Status.VOORLOPIG
# Het bit van een periode in Telling.gezien, naar wat na het jaartal komt: "" het jaar zelf,
# "-01" tot "-12" de maanden (een halfjaar, "-H1", heeft er geen).
BITS = {"": 1} | {f"-{maand:02d}": 1 << maand for maand in range(1, 13)}


class Tegenspraak(NamedTuple):
    """Een jaarcijfer dat niet gelijk is aan de som van zijn twaalf maanden.

    `gebied`, `categorie`: ids; `jaarcijfer` en `maandsom`: aantallen; `jaar_voorlopig`: het
    jaarcijfer is voorlopig; `maanden_voorlopig`: hoeveel van de twaalf maanden voorlopig zijn
    (0-12); `jaar_uit_bestand`: het jaarcijfer komt uit dit bestand (anders staat het er al);
    `maanden_uit_bestand`: hoeveel van de twaalf maanden uit dit bestand komen.
    """

    gebied: int
    categorie: int
    jaar: int
    jaarcijfer: int
    maandsom: int
    jaar_voorlopig: bool
    maanden_voorlopig: int
    jaar_uit_bestand: bool
    maanden_uit_bestand: int


def tegenspraken(regels, bestaand, afgewezen_rijen):
    """[Tegenspraak] voor de sleutels (gebied, categorie, jaar) van `regels`, op sleutel.

    `regels`: de geldige CijferRegels van het bestand; `bestaand`: (gebied, categorie, jaar,
    periode) -> (pk, waarde, status, bron-id) van wat er staat (voorstel._bestaande_cijfers);
    `afgewezen_rijen`: rijnummers van regels die de vergelijking afwees (die blijven zoals ze
    staan). Zie de uitleg bovenaan voor welke waarde telt.

    Begrensd: per sleutel met een jaarcijfer één kleine Telling (geen kopie van de regels);
    twee lussen over de regels en één over `bestaand`.
    """
    # Sleutels (gebied, categorie, jaar) met een jaarcijfer, in het bestand of al opgeslagen.
    met_jaar = {regel[1:4] for regel in regels if len(regel[4]) == 4}
    met_jaar.update(sleutel[:3] for sleutel in bestaand if len(sleutel[3]) == 4)
    if not met_jaar:
        return []
    # Eerst het bestand, waar de import het cijfer schrijft of het al zo staat ...
    tellingen = {drie: Telling() for drie in met_jaar}
    for regel in regels:
        telling = tellingen.get(regel[1:4])
        if telling is None:
            continue
        telling.in_bestand = True
        oud = bestaand.get(regel[1:5]) if bestaand else None
        if oud is not None and (
            regel.rij in afgewezen_rijen or (oud[2] == DEFINITIEF and regel.status == VOORLOPIG)
        ):
            telling.tel(regel.periode, oud[1], oud[2], False)  # blijft staan
        else:
            telling.tel(regel[4], regel[5], regel[6], True)
    # ... dan wat er al staat, voor de perioden die het bestand niet noemt.
    for sleutel, (_, waarde, status, _) in bestaand.items():
        telling = tellingen.get(sleutel[:3])
        if telling is not None:
            telling.tel(sleutel[3], waarde, status, False)
    # Alleen de sleutels die het bestand noemt (`met_jaar` kan opgeslagen sleutels hebben van
    # combinaties van gebied, categorie en jaar die het bestand niet noemt).
    uitkomst = []
    for drie, telling in sorted(tellingen.items(), key=lambda paar: paar[0]):
        if telling.in_bestand:
            tegenspraak = telling.tegenspraak(*drie)
            if tegenspraak is not None:
                uitkomst.append(tegenspraak)
    return uitkomst


class Telling:
    """Het jaarcijfer en de twaalf maanden van één gebied, categorie en jaar, onderweg.

    `gezien`: een bit per periode die al geteld is (bit 0 het jaar, bit 1-12 de maanden), zodat
    een opgeslagen cijfer niet meetelt als het bestand dezelfde periode al gaf; `in_bestand`:
    het bestand noemt dit gebied, deze categorie en dit jaar. Een halfjaar telt niet mee.
    """

    __slots__ = (
        "gezien",
        "jaar",
        "som",
        "maanden",
        "onbekend",
        "voorlopig",
        "uit_bestand",
        "in_bestand",
    )

    def __init__(self):
        self.gezien = self.som = self.maanden = self.voorlopig = self.uit_bestand = 0
        self.jaar = None  # (waarde, voorlopig, uit het bestand)
        self.onbekend = self.in_bestand = False

    def tel(self, periode, waarde, status, uit_bestand):
        """Telt één cijfer (waarde None: geheim) van periode "2024" of "2024-01"."""
        bit = BITS.get(periode[4:])
        if bit is None:  # een halfjaar
            return
        if self.gezien & bit:
            return
        self.gezien |= bit
        if bit == 1:
            self.jaar = (waarde, status == VOORLOPIG, uit_bestand)
        elif waarde is None:
            self.onbekend = True
        else:
            self.som += waarde
            self.maanden += 1
            self.voorlopig += status == VOORLOPIG
            self.uit_bestand += uit_bestand

    def tegenspraak(self, gebied, categorie, jaar):
        """De Tegenspraak, of None: gelijk, niet te vergelijken (geen jaarcijfer, een geheim
        cijfer of een ontbrekende maand), of niet van deze import: komen het jaarcijfer en alle
        maanden van wat er al staat (het bestand noemt het jaar, maar de import schrijft er
        niets van, zoals een afgewezen voorlopig jaarcijfer), dan verandert deze import niets
        aan de tegenspraak (proefgebruik 2, punt 5)."""
        if self.jaar is None or self.jaar[0] is None or self.onbekend or self.maanden != 12:
            return None
        if not self.jaar[2] and not self.uit_bestand:
            return None
        if self.som == self.jaar[0]:
            return None
        return Tegenspraak(
            gebied,
            categorie,
            jaar,
            jaarcijfer=self.jaar[0],
            maandsom=self.som,
            jaar_voorlopig=self.jaar[1],
            maanden_voorlopig=self.voorlopig,
            jaar_uit_bestand=self.jaar[2],
            maanden_uit_bestand=self.uit_bestand,
        )


def tekst(tegenspraak, gebied_naam, categorie_naam):
    """De waarschuwing van één Tegenspraak, met de namen van gebied en categorie (tekst).

    "Baarn, Woninginbraak 2024: jaarcijfer 41, maar de twaalf maanden tellen op tot 120.
    Jaarcijfer uit dit bestand, maanden al in het dashboard."
    Voorlopig staat erbij: "jaarcijfer 41 (voorlopig)", "tot 120 (waarvan 3 voorlopig)".
    """
    t = tegenspraak
    jaar = f"jaarcijfer {t.jaarcijfer}" + (" (voorlopig)" if t.jaar_voorlopig else "")
    som = f"tot {t.maandsom}"
    if t.maanden_voorlopig == 12:
        som += " (alle twaalf voorlopig)"
    elif t.maanden_voorlopig:
        som += f" (waarvan {t.maanden_voorlopig} voorlopig)"
    return (
        f"{gebied_naam}, {categorie_naam} {t.jaar}: {jaar}, maar de twaalf maanden tellen op "
        f"{som}. {_herkomst(t)}"
    )


def _herkomst(t):
    """Waar het jaarcijfer en de maanden vandaan komen: dit bestand of het dashboard."""
    if t.maanden_uit_bestand == 12:
        maanden = "uit dit bestand"
    elif t.maanden_uit_bestand == 0:
        maanden = "al in het dashboard"
    else:
        maanden = f"{t.maanden_uit_bestand} uit dit bestand, {12 - t.maanden_uit_bestand} al in het dashboard"
    jaar = "uit dit bestand" if t.jaar_uit_bestand else "al in het dashboard"
    if jaar == maanden:
        return f"Jaarcijfer en maanden {jaar}."
    return f"Jaarcijfer {jaar}, maanden {maanden}."
