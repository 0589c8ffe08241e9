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
landelijk maandbestand zonder jaren) kost het één lus over de regels.
"""

from typing import NamedTuple

from cijfers.models import Cijfer

MAANDEN = tuple(f"{maand:02d}" for maand in range(1, 13))
DEFINITIEF, VOORLOPIG = Cijfer.Status.DEFINITIEF, Cijfer.Status.VOORLOPIG


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
    """
    # Sleutels (gebied, categorie, jaar) met een jaarcijfer, in het bestand of al opgeslagen.
    met_jaar = {regel[1:4] for regel in regels if len(regel[4]) == 4}
    met_jaar.update(sleutel[:3] for sleutel in bestaand if len(sleutel[3]) == 4)
    if not met_jaar:
        return []
    # Per sleutel: periode -> (waarde, status, uit het bestand); eerst wat er staat ...
    na_import = {}
    for sleutel, (_, waarde, status, _) in bestaand.items():
        if sleutel[:3] in met_jaar:
            na_import.setdefault(sleutel[:3], {})[sleutel[3]] = (waarde, status, False)
    # ... dan het bestand erover, waar de import het cijfer schrijft of het al zo staat.
    in_bestand = set()
    for regel in regels:
        drie = regel[1:4]
        if drie not in met_jaar:
            continue
        in_bestand.add(drie)
        perioden = na_import.setdefault(drie, {})
        oud = perioden.get(regel.periode)
        if oud is not None and (
            regel.rij in afgewezen_rijen or (oud[1] == DEFINITIEF and regel.status == VOORLOPIG)
        ):
            continue  # de import laat dit cijfer staan
        perioden[regel.periode] = (regel.waarde, regel.status, True)
    uitkomst = []
    for drie in sorted(in_bestand):
        tegenspraak = _vergelijk(drie, na_import[drie])
        if tegenspraak is not None:
            uitkomst.append(tegenspraak)
    return uitkomst


def _vergelijk(drie, perioden):
    """De Tegenspraak van één sleutel, of None (gelijk, of niet te vergelijken)."""
    jaar = drie[2]
    jaarcijfer = perioden.get(str(jaar))
    if jaarcijfer is None or jaarcijfer[0] is None:
        return None
    maanden = [perioden.get(f"{jaar}-{maand}") for maand in MAANDEN]
    if any(maand is None or maand[0] is None for maand in maanden):
        return None
    maandsom = sum(maand[0] for maand in maanden)
    if maandsom == jaarcijfer[0]:
        return None
    return Tegenspraak(
        *drie,
        jaarcijfer=jaarcijfer[0],
        maandsom=maandsom,
        jaar_voorlopig=jaarcijfer[1] == VOORLOPIG,
        maanden_voorlopig=sum(maand[1] == VOORLOPIG for maand in maanden),
        jaar_uit_bestand=jaarcijfer[2],
        maanden_uit_bestand=sum(maand[2] for maand in maanden),
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
