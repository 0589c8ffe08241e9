"""Exports zonder formules: tekst die Excel als formule zou uitvoeren wordt onschadelijk.

Een cel die begint met `=`, `+`, `-`, `@`, een tab of een regelterugloop voert Excel (en
LibreOffice) uit als formule, ook in een CSV ("CSV injection", OWASP). Elke CSV en XLSX die het
dashboard schrijft zet er daarom een apostrof voor: `'=HYPERLINK(...)` toont Excel als tekst.
Getallen blijven getallen. De import haalt die apostrof er weer af, zodat exporteren en weer
importeren niets verandert.
"""

import tablib

FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r")


def neutraliseer(waarde):
    """Een celwaarde voor een export: tekst die met een formuleteken begint krijgt een apostrof
    ervoor; al het andere (getallen, None, gewone tekst) blijft zoals het is."""
    if isinstance(waarde, str) and waarde.startswith(FORMULETEKENS):
        return "'" + waarde
    return waarde


def zonder_neutralisatie(tekst):
    """Het omgekeerde van neutraliseer, voor de import: "'=..." -> "=..."; andere tekst blijft."""
    if tekst.startswith("'") and tekst[1:].startswith(FORMULETEKENS):
        return tekst[1:]
    return tekst


def veilige_dataset(dataset):
    """Een nieuwe tablib.Dataset met elke cel door neutraliseer; kop en titel blijven."""
    rijen = [[neutraliseer(cel) for cel in rij] for rij in dataset]
    return tablib.Dataset(*rijen, headers=dataset.headers, title=dataset.title)
