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
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings

from cijfers.importeren.fouten import BestandFout, getal
from cijfers.importeren.notaties import EENHEID
from cijfers.importeren.zipbom import controleer_xlsx

MB = 1024 * 1024
# Zoveel regels boven de kopregel (een titel, een toelichting) worden overgeslagen; staat de
# kopregel daar niet, dan is de eerste regel de kopregel (en zegt de fout wat er mis is).
MAX_TITELREGELS = 20
TITELREGEL = "titelregel boven de kopregel overgeslagen"
TWEE_REGELS = "kopregel over twee regels (onderwerp en eenheid) samengevoegd"
# Het landelijke maandbestand van de politie (3 miljoen rijen, 156 MB in de codevariant) moet
# op de website passen, met ruimte voor 5 miljoen rijen (controle.STANDAARD_MAX_RIJEN); README
# "Grenzen" geeft het gemeten geheugen van de worker.
STANDAARD_MAX_BYTES = 400 * MB
BESTURINGSTEKENS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def max_bytes():
    """De grootste upload in bytes: settings.CIJFERS_IMPORT_MAX_BYTES (omgeving:
    CIJFERS_IMPORT_MAX_MB), standaard 400 MB."""
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
    "," of ";" (leeg voor XLSX). `kopregel` is het rijnummer van de kopregel in het bestand
    (1, of later als er titelregels boven staan); `overgeslagen` telt wat er boven de kopregel
    stond (reden -> aantal regels); `titelregels` de tekst van die gevulde regels (gestript, de
    cellen met een spatie ertussen), zodat een formaat er iets uit kan lezen dat alleen in de
    titel staat (het jaar van CBS' Kerncijfers wijken en buurten; formaten.py).
    """

    kop: list
    rijen: object
    codering: str
    scheidingsteken: str
    kopregel: int = 1
    overgeslagen: Counter = field(default_factory=Counter)
    titelregels: list = field(default_factory=list)


def lees_bestand(inhoud, is_kopregel=None):
    """Bytes -> Tabel. CSV (UTF-8 met of zonder BOM, Windows-1252; komma of puntkomma) of XLSX.

    `is_kopregel(cellen) -> bool` (herkennen.is_kopregel) laat de kopregel zoeken onder een
    titel of toelichting (StatLine zet de titel van de tabel erboven): de eerste van de
    eerste MAX_TITELREGELS regels waarvoor hij True geeft, en het scheidingsteken komt uit
    die regel. Zonder `is_kopregel`, of als geen regel past, is de eerste regel de kopregel.

    Raises BestandFout als het bestand leeg, te groot, een .xls, een zip-bom (zipbom.py),
    geen tekst of geen geldige CSV-kopregel is. De rijen worden pas gelezen (en
    gecontroleerd) als ze gevraagd worden.
    """
    if len(inhoud) > max_bytes():
        raise te_groot(len(inhoud))
    if not inhoud.strip():
        raise BestandFout("Het bestand is leeg.", kolom="bestand")
    if inhoud.startswith(b"PK\x03\x04"):
        controleer_xlsx(inhoud)
        return _lees_xlsx(inhoud, is_kopregel)
    if inhoud.startswith(b"\xd0\xcf\x11\xe0"):
        raise BestandFout(
            "Dit is een oud Excel-bestand (.xls); dat wordt niet gelezen. Sla het op als "
            "Excel-werkmap (.xlsx) of als CSV UTF-8.",
            kolom="bestand",
            waarde=".xls",
        )
    tekst, codering = decodeer(inhoud)
    stroom = io.StringIO(tekst, newline="")
    kopregel, nummer, titels, samengevoegd = _zoek_kopregel(stroom, is_kopregel)
    titelregels = _titelteksten(tekst, nummer, titels)
    scheiding = _scheidingsteken(kopregel)
    lezer = csv.reader(stroom, delimiter=scheiding, strict=True)
    try:
        kop = next(lezer, None)
    except csv.Error as fout:
        raise BestandFout(f"De kopregel is geen geldige CSV ({fout}).", rij=1 + nummer) from fout
    if kop is None:
        raise BestandFout("Het bestand is leeg.", kolom="bestand")
    overgeslagen = Counter({TITELREGEL: titels} if titels else {})
    if samengevoegd:
        kop = samengevoegd
        overgeslagen[TWEE_REGELS] = 1
    return Tabel(
        [naam.strip() for naam in kop],
        lezer,
        codering,
        scheiding,
        1 + nummer,
        overgeslagen,
        titelregels,
    )


def _titelteksten(tekst, nummer, titels):
    """De tekst van de eerste `titels` gevulde regels van de `nummer` regels boven de kopregel
    (aanhalingstekens en lege cellen weg, de cellen met een spatie ertussen)."""
    if not titels:
        return []
    teksten, stroom = [], io.StringIO(tekst, newline="")
    for regel in (stroom.readline() for _ in range(nummer)):
        cellen = [cel.strip().strip('"').strip() for cel in re.split(r"[;,]", regel)]
        if any(cellen):
            teksten.append(" ".join(cel for cel in cellen if cel))
    return teksten[:titels]


def samengevoegde_kop(boven, onder):
    """Een kopregel over twee regels, zoals StatLine hem schrijft: het onderwerp erboven
    ("Geregistreerde misdrijven"), de eenheid eronder ("aantal"). Per kolom de onderste cel,
    behalve waar die leeg of een eenheid is: dan de bovenste. Lijsten van tekst."""
    breedte = max(len(boven), len(onder))
    boven = [cel.strip() for cel in boven] + [""] * (breedte - len(boven))
    onder = [cel.strip() for cel in onder] + [""] * (breedte - len(onder))
    return [
        bovenste if not onderste or EENHEID.match(onderste) else onderste
        for bovenste, onderste in zip(boven, onder, strict=True)
    ]


def _zoek_kopregel(stroom, is_kopregel):
    """(de tekst van de kopregel, aantal regels ervoor, aantal gevulde regels ervoor, de
    samengevoegde kop of None), met `stroom` (io.StringIO) op het begin van de kopregel, zodat
    csv.reader daar begint. Past een regel alleen samen met de regel erboven
    (samengevoegde_kop), dan is de samengevoegde kop de kopregel.

    De eerste regel als er geen `is_kopregel` is of geen van de eerste MAX_TITELREGELS regels
    bij een formaat past. Elke regel wordt gelezen met zijn eigen scheidingsteken, zodat een
    titel met komma's de keuze voor de puntkomma niet bepaalt. Leest alleen die regels (de
    tekst wordt niet gekopieerd of in regels gesplitst).
    """
    eerste = stroom.readline()
    if is_kopregel is None:
        stroom.seek(0)
        return eerste, 0, 0, None
    regel, positie, titels, kandidaat, vorige = eerste, 0, 0, None, None
    for nummer in range(MAX_TITELREGELS):
        if regel.strip():
            try:
                scheiding = _scheidingsteken(regel)
                cellen = next(csv.reader([regel.rstrip("\r\n")], delimiter=scheiding))
            except (BestandFout, csv.Error, StopIteration):
                cellen = []
            if cellen and is_kopregel([cel.strip() for cel in cellen]):
                stroom.seek(positie)
                return regel, nummer, titels, None
            if cellen and vorige and is_kopregel(samengevoegde_kop(vorige, cellen)):
                stroom.seek(positie)
                return regel, nummer, titels - 1, samengevoegde_kop(vorige, cellen)
            if kandidaat is None and sum(1 for cel in cellen if cel.strip()) >= 2:
                kandidaat = (positie, regel, nummer, titels, None)
            titels += 1
            vorige = cellen
        positie = stroom.tell()
        regel = stroom.readline()
        if not regel:
            break
    # Geen regel past: de eerste met minstens twee kolommen (onder een titel), zodat de fout
    # over de kopregel gaat en niet over de titel; anders de eerste regel.
    positie, regel, nummer, titels, samengevoegd = kandidaat or (0, eerste, 0, 0, None)
    stroom.seek(positie)
    return regel, nummer, titels, samengevoegd


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


def _lees_xlsx(inhoud, is_kopregel=None):
    import itertools
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        werkmap = openpyxl.load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True)
        rijen = werkmap.worksheets[0].iter_rows(values_only=True)
        eerste = list(itertools.islice(rijen, MAX_TITELREGELS))
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as fout:
        raise BestandFout(
            "Het Excel-bestand is beschadigd of geen Excel-werkmap (.xlsx).",
            kolom="bestand",
            waarde=type(fout).__name__,
        ) from fout
    gevuld = [
        nummer
        for nummer, rij in enumerate(eerste)
        if rij is not None and any(cel not in (None, "") for cel in rij)
    ]
    if not gevuld:
        raise BestandFout("Het eerste werkblad is leeg.", kolom="bestand")
    kopnummer, kop, samengevoegd = gevuld[0], None, False
    if is_kopregel is not None:
        breed = [n for n in gevuld if sum(1 for cel in eerste[n] if cel not in (None, "")) >= 2]
        kopnummer = breed[0] if breed else kopnummer
        for plaats, n in enumerate(gevuld):
            onder = _zonder_lege_staart(eerste[n])
            if is_kopregel(onder):
                kopnummer, kop = n, onder
                break
            if plaats:
                twee = samengevoegde_kop(_zonder_lege_staart(eerste[gevuld[plaats - 1]]), onder)
                if is_kopregel(twee):
                    kopnummer, kop, samengevoegd = n, twee, True
                    break
    kop = kop or _zonder_lege_staart(eerste[kopnummer])
    titels = sum(1 for n in gevuld if n < kopnummer) - samengevoegd
    titelregels = [
        " ".join(_cel(cel).strip() for cel in eerste[n] if _cel(cel).strip())
        for n in gevuld
        if n < kopnummer
    ][:titels]
    rest = itertools.chain(eerste[kopnummer + 1 :], rijen)
    overgeslagen = Counter({TITELREGEL: titels} if titels else {})
    if samengevoegd:
        overgeslagen[TWEE_REGELS] = 1
    return Tabel(
        kop,
        _tekstrijen(rest, len(kop)),
        "XLSX",
        "",
        kopnummer + 1,
        overgeslagen,
        titelregels,
    )


def _zonder_lege_staart(rij):
    kop = [_cel(cel).strip() for cel in rij]
    while kop and not kop[-1]:
        kop.pop()
    return kop


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
