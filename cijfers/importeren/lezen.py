"""Lezen: bytes -> Tabel (kopregel en rijen als tekst), met de codering en het scheidingsteken.

Gelezen worden CSV in UTF-8 (met of zonder BOM) of Windows-1252, met een komma of een
puntkomma, en Excel-werkmappen (.xlsx, het eerste werkblad). Al het andere (UTF-16, een oud
.xls, een tab als scheidingsteken, een te groot bestand) is een BestandFout met uitleg.
"""

import codecs
import csv
import datetime
import io
import re
from dataclasses import dataclass

from django.conf import settings

from cijfers.importeren.fouten import BestandFout, getal

MB = 1024 * 1024
STANDAARD_MAX_BYTES = 100 * MB
BESTURINGSTEKENS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def max_bytes():
    """De grootste upload in bytes: settings.CIJFERS_IMPORT_MAX_BYTES, standaard 100 MB."""
    return getattr(settings, "CIJFERS_IMPORT_MAX_BYTES", STANDAARD_MAX_BYTES)


def megabytes(aantal):
    """Een aantal bytes als megabytes (MiB) in Nederlandse notatie: '100', '0,5' of '0,0'.

    Hele megabytes zonder decimalen, anders één decimaal met een komma; voor de meldingen en
    de uploadpagina ("het maximum is 100 MB").
    """
    mb = aantal / MB
    return str(int(mb)) if mb.is_integer() else f"{mb:.1f}".replace(".", ",")


def te_groot(grootte=None):
    """De BestandFout voor een te groot bestand; zonder grootte als de upload halverwege stopte."""
    hoe_groot = f" ({megabytes(grootte)} MB)" if grootte else ""
    return BestandFout(
        f"Het bestand is te groot{hoe_groot}; het maximum is {megabytes(max_bytes())} MB. "
        "Splits het bestand, bijvoorbeeld per jaar.",
        kolom="bestand",
        waarde=f"{getal(grootte)} bytes" if grootte else "",
    )


@dataclass
class Tabel:
    """Een gelezen bestand: de kopregel (gestripte tekst), de rijen en hoe het gelezen is.

    `rijen` is een iterator van lijsten met tekst (één lijst per regel, nog niet gecontroleerd);
    `codering` is "UTF-8", "UTF-8 met BOM", "Windows-1252" of "XLSX"; `scheidingsteken` is
    "," of ";" (leeg voor XLSX).
    """

    kop: list
    rijen: object
    codering: str
    scheidingsteken: str


def lees_bestand(inhoud):
    """Bytes -> Tabel. CSV (UTF-8 met of zonder BOM, Windows-1252; komma of puntkomma) of XLSX.

    Raises BestandFout als het bestand leeg, te groot, een .xls, geen tekst of geen geldige
    CSV-kopregel is. De rijen worden pas gelezen (en gecontroleerd) als ze gevraagd worden.
    """
    if len(inhoud) > max_bytes():
        raise te_groot(len(inhoud))
    if not inhoud.strip():
        raise BestandFout("Het bestand is leeg.", kolom="bestand")
    if inhoud.startswith(b"PK\x03\x04"):
        return _lees_xlsx(inhoud)
    if inhoud.startswith(b"\xd0\xcf\x11\xe0"):
        raise BestandFout(
            "Dit is een oud Excel-bestand (.xls); dat wordt niet gelezen. Sla het op als "
            "Excel-werkmap (.xlsx) of als CSV UTF-8.",
            kolom="bestand",
            waarde=".xls",
        )
    tekst, codering = decodeer(inhoud)
    scheiding = _scheidingsteken(tekst.split("\n", 1)[0])
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding, strict=True)
    try:
        kop = next(lezer, None)
    except csv.Error as fout:
        raise BestandFout(f"De kopregel is geen geldige CSV ({fout}).", rij=1) from fout
    if kop is None:
        raise BestandFout("Het bestand is leeg.", kolom="bestand")
    return Tabel([naam.strip() for naam in kop], lezer, codering, scheiding)


def _scheidingsteken(kopregel):
    """',' of ';' (wat de kopregel het meest heeft); een tab is een BestandFout."""
    komma, puntkomma = kopregel.count(","), kopregel.count(";")
    if not komma and not puntkomma and "\t" in kopregel:
        raise BestandFout(
            "Het scheidingsteken is een tab. Gebruik een komma of een puntkomma "
            "(in Excel: Opslaan als 'CSV UTF-8 (door komma's gescheiden)').",
            rij=1,
            kolom="kopregel",
            waarde=kopregel.replace("\t", "→"),
        )
    return ";" if puntkomma > komma else ","


def decodeer(inhoud):
    """(tekst, naam van de codering). UTF-8 (met of zonder BOM) of Windows-1252; de rest niet.

    Raises BestandFout (kolom "codering") voor UTF-16/32, nul-bytes, bytes die in geen van
    beide coderingen bestaan, en besturingstekens (dan is het geen tekstbestand).
    """
    if inhoud.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise _onbekende_codering("UTF-32")
    if inhoud.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _onbekende_codering("UTF-16")
    if b"\x00" in inhoud[:4096]:
        raise _onbekende_codering("UTF-16 of binair (nul-bytes)")
    tekst, codering = _als_tekst(inhoud)
    teken = BESTURINGSTEKENS.search(tekst)
    if teken:
        raise _onbekende_codering(
            f"besturingsteken 0x{ord(teken.group()):02X} op positie {teken.start()}: "
            "geen tekstbestand of een andere codering"
        )
    return tekst, codering


def _als_tekst(inhoud):
    if inhoud.startswith(codecs.BOM_UTF8):
        try:
            return inhoud[3:].decode("utf-8"), "UTF-8 met BOM"
        except UnicodeDecodeError as fout:
            raise _onbekende_codering(
                f"begint als UTF-8, maar byte 0x{inhoud[3 + fout.start]:02X} op positie "
                f"{3 + fout.start} is geen UTF-8"
            ) from fout
    try:
        return inhoud.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return inhoud.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as fout:
        raise _onbekende_codering(
            f"byte 0x{inhoud[fout.start]:02X} op positie {fout.start} is geen "
            "UTF-8 en geen Windows-1252"
        ) from fout


def _onbekende_codering(wat):
    return BestandFout(
        f"Onbekende codering ({wat}). Gelezen worden UTF-8 (met of zonder BOM) en "
        "Windows-1252; sla het bestand op als 'CSV UTF-8 (door komma's gescheiden)' of als "
        ".xlsx.",
        kolom="codering",
        waarde=wat.split(",")[0].split(":")[0],
    )


def _lees_xlsx(inhoud):
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        werkmap = openpyxl.load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True)
        rijen = werkmap.worksheets[0].iter_rows(values_only=True)
        kop = next(rijen, None)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as fout:
        raise BestandFout(
            "Het Excel-bestand is beschadigd of geen Excel-werkmap (.xlsx).",
            kolom="bestand",
            waarde=type(fout).__name__,
        ) from fout
    if kop is None or not any(cel not in (None, "") for cel in kop):
        raise BestandFout("Het eerste werkblad is leeg.", kolom="bestand")
    kop = [_cel(cel).strip() for cel in kop]
    while kop and not kop[-1]:
        kop.pop()
    return Tabel(kop, _tekstrijen(rijen, len(kop)), "XLSX", "")


def _tekstrijen(rijen, breedte):
    """De rijen van een werkblad als tekst, even breed als de kopregel (lege cellen achteraan
    weg of erbij), zodat ze gecontroleerd worden zoals de rijen van een CSV."""
    for rij in rijen:
        cellen = [_cel(cel) for cel in rij]
        if len(cellen) > breedte and not any(cellen[breedte:]):
            cellen = cellen[:breedte]
        elif len(cellen) < breedte:
            cellen += [""] * (breedte - len(cellen))
        yield cellen


def _cel(waarde):
    """Een Excel-cel als tekst zoals in een CSV: 12.0 wordt 12, een maanddatum 2019-01."""
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "WAAR" if waarde else "ONWAAR"
    if isinstance(waarde, float):
        return str(int(waarde)) if waarde.is_integer() else repr(waarde)
    if isinstance(waarde, datetime.datetime | datetime.date):
        if waarde.day == 1:
            return f"{waarde.year:04d}-{waarde.month:02d}"
        return waarde.isoformat()
    return str(waarde)
