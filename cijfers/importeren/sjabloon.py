"""Het sjabloon om te downloaden: een Excel-werkmap met een werkblad om in te vullen, de uitleg,
en de exacte namen van de categorieën en gebieden.

Het werkblad "Cijfers" (het eerste: dat leest de import) heeft alleen de kopregel (geen verzonnen cijfers); de kolom periode
staat op de opmaak Tekst, zodat Excel van 2024-01 geen datum maakt, en categorie en gebied
hebben een keuzelijst uit de werkbladen "Categorieën" en "Gebieden". Alle tekst gaat door
veilig.neutraliseer (geen formules). Wat zo ingevuld wordt, leest de import als het sjabloon.
"""

import io

import openpyxl
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from cijfers.importeren.formaten import SJABLOON
from cijfers.veilig import neutraliseer

RIJEN_MET_OPMAAK = 5000  # zoveel rijen krijgen de keuzelijsten en de opmaak Tekst

UITLEG = [
    "Cijfers invullen voor het dashboard IVP BES",
    "",
    "Vul op het werkblad Cijfers één rij per gebied, categorie en periode in, en importeer het "
    "bestand op de pagina Cijfers importeren (als .xlsx, of opgeslagen als CSV UTF-8).",
    "gebied: de naam of de CBS-code uit het werkblad Gebieden (bijvoorbeeld Baarn of GM0308).",
    "categorie: de naam precies zoals in het werkblad Categorieën.",
    "jaar: vier cijfers, bijvoorbeeld 2024.",
    "periode: 2024 (jaar), 2024-H1 of 2024-H2 (halfjaar) of 2024-01 (maand). De kolom staat op "
    "Tekst zodat Excel er geen datum van maakt.",
    "waarde: een heel getal van 0 of meer. Leeg of x = geheim; een punt (.) = ontbreekt (de rij "
    "wordt overgeslagen). Nooit 0 invullen voor een ontbrekend cijfer.",
    "bron: de titel van de bron; leeg = deze import.",
    "status: definitief, voorlopig of geheim (leeg = definitief, of geheim bij een lege waarde).",
    "eenheid: mag leeg; anders de eenheid van de categorie (werkblad Categorieën).",
    "",
    "Een voorlopig cijfer vervangt nooit een definitief cijfer. Een cijfer uit het plan "
    "(IVP BES 2019-2022) wordt alleen vervangen als u dat bij het voorbeeld bevestigt.",
]


def maak_sjabloon(categorieen, gebieden):
    """De werkmap als bytes (.xlsx).

    `categorieen`: (naam, slug, eenheid) per categorie; `gebieden`: (naam, CBS-code) per
    gebied, beide in de volgorde waarin ze getoond worden.
    """
    werkmap = openpyxl.Workbook()
    cijfers = werkmap.active
    cijfers.title = "Cijfers"
    kolommen = SJABLOON.verplicht + SJABLOON.extra
    cijfers.append(kolommen)
    for cel in cijfers[1]:
        cel.font = Font(bold=True)
    periode = openpyxl.utils.get_column_letter(kolommen.index("periode") + 1)
    # Opmaak Tekst voor de hele kolom (geen opgemaakte lege cellen, die als lege rijen zouden
    # tellen).
    cijfers.column_dimensions[periode].number_format = "@"
    cijfers.freeze_panes = "A2"

    blad = werkmap.create_sheet("Categorieën")
    blad.append(["naam", "slug", "eenheid"])
    for rij in categorieen:
        blad.append([neutraliseer(cel) for cel in rij])
    lijst = werkmap.create_sheet("Gebieden")
    lijst.append(["naam", "CBS-code"])
    for rij in gebieden:
        lijst.append([neutraliseer(cel) for cel in rij])
    for kolom, bron, aantal in (
        ("categorie", "'Categorieën'", len(categorieen)),
        ("gebied", "Gebieden", len(gebieden)),
    ):
        if aantal:
            letter = openpyxl.utils.get_column_letter(kolommen.index(kolom) + 1)
            keuze = DataValidation(
                type="list", formula1=f"={bron}!$A$2:$A${aantal + 1}", allow_blank=True
            )
            keuze.add(f"{letter}2:{letter}{RIJEN_MET_OPMAAK + 1}")
            cijfers.add_data_validation(keuze)

    # De import leest het eerste werkblad: Cijfers blijft eerst, de uitleg staat open.
    uitleg = werkmap.create_sheet("Uitleg", 1)
    for regel in UITLEG:
        uitleg.append([neutraliseer(regel)])
    uitleg["A1"].font = Font(bold=True, size=14)
    uitleg.column_dimensions["A"].width = 110
    werkmap.active = 1
    uit = io.BytesIO()
    werkmap.save(uit)
    return uit.getvalue()
