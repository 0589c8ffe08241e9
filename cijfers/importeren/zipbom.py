"""Vijandige Excel-bestanden weigeren vóór het uitpakken: zip-bommen en te diep geneste XML.

Een .xlsx is een zip-archief. Een zip-bom is een klein archief dat uitgepakt gigabytes wordt
(een werkblad van 2 GB met alleen nullen past in een paar MB); openpyxl zou het uitpakken en
een worker van het geheugen beroven. Daarom worden eerst de gegevens in de centrale map van
het archief gelezen (de opgegeven grootte van elk bestand, zonder iets uit te pakken):

- te veel bestanden in het archief (MAX_BESTANDEN);
- samen uitgepakt groter dan MAX_UITGEPAKT (standaard 20 keer het maximum van de upload,
  hoogstens 500 MB; instelbaar met CIJFERS_IMPORT_MAX_UITGEPAKT);
- een bestand dat meer dan MAX_VERHOUDING keer zo groot wordt als het ingepakt is (een
  gewone .xlsx haalt 10 tot 30; OWASP noemt 100 als grens);
- een zip in de zip (een genest archief), of een pad buiten het archief;
- gedeelde teksten (xl/sharedStrings.xml) groter dan MAX_GEDEELDE_TEKST: die laadt openpyxl
  in één keer in het geheugen.

Daarna wordt tijdens het lezen nog bewaakt: de XML van de werkbladen mag niet dieper genest
zijn dan MAX_DIEPTE (een werkblad is 4 niveaus diep; "billion laughs" en diepe nesting
kosten anders geheugen en tijd), en entiteiten in een DOCTYPE worden geweigerd. Alles wordt
gelezen in stukken van 64 kB, zodat het geheugen begrensd blijft. Bronnen: OWASP
"File Upload Cheat Sheet" (zip bombs), de documentatie van zipfile ("Decompression pitfalls").
"""

import io
import re
import zipfile

from django.conf import settings

from cijfers.importeren.fouten import BestandFout, getal

MB = 1024 * 1024
MAX_BESTANDEN = 1000
MAX_VERHOUDING = 100
MAX_DIEPTE = 50
# openpyxl laadt de gedeelde teksten (xl/sharedStrings.xml) helemaal in het geheugen, ook in
# read_only; een werkblad leest hij in stukken. Een gewoon bestand met cijfers heeft weinig
# verschillende teksten (soorten, gebieden, perioden).
MAX_GEDEELDE_TEKST = 64 * MB
STUK = 64 * 1024
ZIP_KOP = b"PK\x03\x04"
DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)
TAG = re.compile(rb"<(/?)([A-Za-z_][^\s/>]*)[^>]*?(/?)>")


def max_uitgepakt():
    """Het grootste uitgepakte archief in bytes: settings.CIJFERS_IMPORT_MAX_UITGEPAKT, of
    20 keer het maximum van een upload en hoogstens 500 MB."""
    from cijfers.importeren.lezen import max_bytes

    standaard = min(20 * max_bytes(), 500 * MB)
    return getattr(settings, "CIJFERS_IMPORT_MAX_UITGEPAKT", standaard)


def vijandig(reden, waarde=""):
    """De BestandFout voor een archief dat niet uitgepakt wordt."""
    return BestandFout(
        f"Dit Excel-bestand wordt niet geopend: {reden} Sla het opnieuw op als Excel-werkmap "
        "(.xlsx) of als CSV UTF-8; een gewoon bestand met cijfers heeft dit niet.",
        kolom="bestand",
        waarde=waarde,
    )


def controleer_xlsx(inhoud):
    """Controleert een .xlsx (bytes) vóór het uitpakken; None als het veilig is.

    Raises BestandFout (kolom "bestand") bij een beschadigd archief, te veel bestanden, een
    te grote uitgepakte grootte of verhouding, een genest archief, of XML die te diep genest
    is of entiteiten declareert. Leest de XML in stukken (geheugen begrensd: STUK plus één tag).
    """
    try:
        archief = zipfile.ZipFile(io.BytesIO(inhoud))
        bestanden = archief.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as fout:
        raise BestandFout(
            "Het Excel-bestand is beschadigd of geen Excel-werkmap (.xlsx).",
            kolom="bestand",
            waarde=type(fout).__name__,
        ) from fout
    if len(bestanden) > MAX_BESTANDEN:
        raise vijandig(
            f"het archief heeft {getal(len(bestanden))} bestanden (hoogstens "
            f"{getal(MAX_BESTANDEN)}).",
            f"{len(bestanden)} bestanden",
        )
    totaal = sum(bestand.file_size for bestand in bestanden)
    if totaal > max_uitgepakt():
        raise vijandig(
            f"uitgepakt zou het {getal(totaal // MB)} MB worden (hoogstens "
            f"{getal(max_uitgepakt() // MB)} MB): dit lijkt een zip-bom.",
            f"{getal(totaal)} bytes uitgepakt",
        )
    for bestand in bestanden:
        _controleer_bestand(bestand)
    for bestand in bestanden:
        if bestand.filename.endswith((".xml", ".rels")):
            _controleer_xml(archief, bestand)


def _controleer_bestand(bestand):
    naam = bestand.filename
    if naam.startswith("/") or ".." in naam.split("/"):
        raise vijandig(f"het archief bevat een pad buiten het archief ({naam}).", naam)
    verhouding = bestand.file_size / max(bestand.compress_size, 1)
    if bestand.file_size > MB and verhouding > MAX_VERHOUDING:
        raise vijandig(
            f"{naam} wordt uitgepakt {getal(int(verhouding))} keer zo groot (hoogstens "
            f"{MAX_VERHOUDING}): dit lijkt een zip-bom.",
            naam,
        )
    if naam.lower().endswith((".zip", ".xlsx", ".gz", ".7z", ".rar")):
        raise vijandig(f"het archief bevat een ander archief ({naam}).", naam)
    if naam.lower() == "xl/sharedstrings.xml" and bestand.file_size > MAX_GEDEELDE_TEKST:
        raise vijandig(
            f"de gedeelde teksten zijn uitgepakt {getal(bestand.file_size // MB)} MB (hoogstens "
            f"{getal(MAX_GEDEELDE_TEKST // MB)} MB); sla het bestand op als CSV UTF-8.",
            naam,
        )


def _controleer_xml(archief, bestand):
    """Leest één XML-bestand in stukken: geen DOCTYPE of ENTITY, nesting tot MAX_DIEPTE, en
    nooit meer bytes dan het archief opgeeft (een vervalste grootte is ook een bom)."""
    diepte, gelezen, rest = 0, 0, b""
    with archief.open(bestand) as xml:
        while stuk := xml.read(STUK):
            gelezen += len(stuk)
            if gelezen > bestand.file_size:
                raise vijandig(f"{bestand.filename} is groter dan het archief opgeeft.")
            tekst = rest + stuk
            if DOCTYPE.search(tekst):
                raise vijandig(
                    f"{bestand.filename} declareert entiteiten (DOCTYPE).", bestand.filename
                )
            laatste = tekst.rfind(b">") + 1
            for sluit, _naam, leeg in TAG.findall(tekst, 0, laatste):
                if sluit:
                    diepte -= 1
                elif not leeg:
                    diepte += 1
                    if diepte > MAX_DIEPTE:
                        raise vijandig(
                            f"de XML in {bestand.filename} is dieper dan {MAX_DIEPTE} niveaus "
                            "genest.",
                            bestand.filename,
                        )
            rest = tekst[laatste:][-STUK:]
