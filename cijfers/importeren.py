"""Cijfers importeren: lezen, herkennen, controleren, vergelijken en schrijven.

Drie formaten, herkend aan de kopregel:

- sjabloon: het lange formaat van /cijfers/data.csv
  (gebied,categorie,jaar,periode,waarde[,bron,status,eenheid]), als CSV of XLSX;
- politie: de open data van de politie (CBS 47013NED per maand, 47018NED per jaar), met de
  kolommen SoortMisdrijf, RegioS of WijkenEnBuurten, Perioden en GeregistreerdeMisdrijven_1,
  in de codevariant (1.1.1, GM0308, 2019MM01) of de labelvariant (Diefstal/inbraak woning,
  Baarn, 2019 januari);
- bevolking: gebied,jaar,inwoners[,bron].

De stappen zijn gewone functies, elk apart getest (tests/test_import.py):

    lees_bestand(bytes) -> Tabel            codering, scheidingsteken, XLSX
    controleer(Tabel) -> Controle           geldige regels en fouten per rij
    maak_plan(Controle) -> Plan             toegevoegd / gewijzigd / ongewijzigd / afgewezen
    voer_uit(...)                           alles in één transactie, of niets

Ontbrekend is geen nul: een leeg aantal is geheimgehouden (x), een '.' ontbreekt en wordt
overgeslagen. Een voorlopig cijfer vervangt nooit een definitief cijfer.
"""

import codecs
import csv
import datetime
import functools
import io
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from cijfers import politie
from cijfers.models import (
    EERSTE_JAAR,
    Bevolking,
    Bron,
    Categorie,
    Cijfer,
    Import,
    PolitieCategorie,
)
from ivp.models import Gebied

MB = 1024 * 1024
STANDAARD_MAX_BYTES = 100 * MB
STANDAARD_MAX_RIJEN = 2_000_000
# Vanaf zoveel te schrijven cijfers gaat PostgreSQL over op de bulkaanpak uit de
# PostgreSQL-documentatie ("Populating a Database"): sleutels los, laden, sleutels terug.
STANDAARD_FK_DREMPEL = 100_000
# Zoveel fouten worden met rij, kolom en waarde bewaard; geteld worden ze allemaal.
MAX_FOUTEN = 1000

SJABLOON_KOLOMMEN = ["gebied", "categorie", "jaar", "periode", "waarde"]
SJABLOON_EXTRA = ["bron", "status", "eenheid"]
BEVOLKING_KOLOMMEN = ["gebied", "jaar", "inwoners"]
BEVOLKING_EXTRA = ["bron"]
POLITIE_AANTAL = "GeregistreerdeMisdrijven_1"

PERIODE = re.compile(r"^(\d{4})(?:-(H[12]|0[1-9]|1[0-2]))?$")
POLITIE_PERIODE = re.compile(r"^(\d{4})(JJ|MM|HJ|KW|X|W)(\d{2})$")
MAANDNAMEN = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
LABEL_PERIODE = re.compile(r"^(\d{4})(?:\s+(" + "|".join(MAANDNAMEN) + r"))?\s*(\*)?$", re.I)
GETAL = re.compile(r"^\d+$")
BESTURINGSTEKENS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_WAARDE = 2_147_483_647
NULL = "\\N"  # NULL in de tekstvorm van COPY


def max_bytes():
    return getattr(settings, "CIJFERS_IMPORT_MAX_BYTES", STANDAARD_MAX_BYTES)


def max_rijen():
    return getattr(settings, "CIJFERS_IMPORT_MAX_RIJEN", STANDAARD_MAX_RIJEN)


def huidig_jaar():
    return timezone.localdate().year


# --- Fouten ---------------------------------------------------------------------------------


class Fout(NamedTuple):
    """Eén fout: rij (1 = de kopregel; None = het hele bestand), kolom, waarde en reden."""

    rij: int | None
    kolom: str
    waarde: str
    reden: str

    def als_lijst(self):
        return list(self)

    def __str__(self):
        plek = f"rij {self.rij}" if self.rij else "bestand"
        kolom = f", kolom {self.kolom}" if self.kolom else ""
        waarde = f", waarde '{self.waarde}'" if self.waarde else ""
        return f"{plek}{kolom}{waarde}: {self.reden}"


class BestandFout(Exception):
    """Het bestand als geheel is niet te lezen: er wordt niets geïmporteerd."""

    def __init__(self, reden, *, rij=None, kolom="", waarde=""):
        super().__init__(reden)
        self.fout = Fout(rij, kolom, _kort(waarde), reden)


def _kort(waarde, lengte=80):
    tekst = str(waarde)
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1] + "…"


def _mb(aantal):
    """Megabytes in Nederlandse notatie: 100 of 0,5."""
    mb = aantal / MB
    return str(int(mb)) if mb.is_integer() else f"{mb:.1f}".replace(".", ",")


# --- Lezen ----------------------------------------------------------------------------------


@dataclass
class Tabel:
    kop: list
    rijen: object  # een iterator van lijsten met tekst
    codering: str
    scheidingsteken: str


def te_groot(grootte=None):
    """De fout voor een te groot bestand; zonder grootte als de upload halverwege is gestopt."""
    hoe_groot = f" ({_mb(grootte)} MB)" if grootte else ""
    return BestandFout(
        f"Het bestand is te groot{hoe_groot}; het maximum is {_mb(max_bytes())} MB. "
        "Splits het bestand, bijvoorbeeld per jaar.",
        kolom="bestand",
        waarde=f"{_getal(grootte)} bytes" if grootte else "",
    )


def lees_bestand(inhoud):
    """Bytes -> Tabel. CSV (UTF-8 met of zonder BOM, Windows-1252; komma of puntkomma) of XLSX."""
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
    eerste = tekst.split("\n", 1)[0]
    komma, puntkomma = eerste.count(","), eerste.count(";")
    if not komma and not puntkomma and "\t" in eerste:
        raise BestandFout(
            "Het scheidingsteken is een tab. Gebruik een komma of een puntkomma "
            "(in Excel: Opslaan als 'CSV UTF-8 (door komma's gescheiden)').",
            rij=1,
            kolom="kopregel",
            waarde=eerste.replace("\t", "→"),
        )
    scheiding = ";" if puntkomma > komma else ","
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding, strict=True)
    try:
        kop = next(lezer, None)
    except csv.Error as fout:
        raise BestandFout(f"De kopregel is geen geldige CSV ({fout}).", rij=1) from fout
    if kop is None:
        raise BestandFout("Het bestand is leeg.", kolom="bestand")
    return Tabel([k.strip() for k in kop], lezer, codering, scheiding)


def decodeer(inhoud):
    """(tekst, naam van de codering). UTF-8 (met of zonder BOM) of Windows-1252; de rest niet."""
    if inhoud.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise _onbekende_codering("UTF-32")
    if inhoud.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _onbekende_codering("UTF-16")
    if b"\x00" in inhoud[:4096]:
        raise _onbekende_codering("UTF-16 of binair (nul-bytes)")
    if inhoud.startswith(codecs.BOM_UTF8):
        try:
            tekst, codering = inhoud[3:].decode("utf-8"), "UTF-8 met BOM"
        except UnicodeDecodeError as fout:
            raise _onbekende_codering(
                f"begint als UTF-8, maar byte 0x{inhoud[3 + fout.start]:02X} op positie "
                f"{3 + fout.start} is geen UTF-8"
            ) from fout
    else:
        try:
            tekst, codering = inhoud.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            try:
                tekst, codering = inhoud.decode("cp1252"), "Windows-1252"
            except UnicodeDecodeError as fout:
                raise _onbekende_codering(
                    f"byte 0x{inhoud[fout.start]:02X} op positie {fout.start} is geen "
                    "UTF-8 en geen Windows-1252"
                ) from fout
    teken = BESTURINGSTEKENS.search(tekst)
    if teken:
        raise _onbekende_codering(
            f"besturingsteken 0x{ord(teken.group()):02X} op positie {teken.start()}: "
            "geen tekstbestand of een andere codering"
        )
    return tekst, codering


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
        blad = werkmap.worksheets[0]
        rijen = blad.iter_rows(values_only=True)
        kop = next(rijen, None)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as fout:
        raise BestandFout(
            "Het Excel-bestand is beschadigd of geen Excel-werkmap (.xlsx).",
            kolom="bestand",
            waarde=type(fout).__name__,
        ) from fout
    if kop is None or not any(c not in (None, "") for c in kop):
        raise BestandFout("Het eerste werkblad is leeg.", kolom="bestand")
    kop = [_cel(c).strip() for c in kop]
    while kop and not kop[-1]:
        kop.pop()
    breedte = len(kop)

    def tekstrijen():
        for rij in rijen:
            cellen = [_cel(c) for c in rij]
            if len(cellen) > breedte and not any(cellen[breedte:]):
                cellen = cellen[:breedte]
            elif len(cellen) < breedte:
                cellen += [""] * (breedte - len(cellen))
            yield cellen

    return Tabel(kop, tekstrijen(), "XLSX", "")


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


# --- Formaat --------------------------------------------------------------------------------


@dataclass
class Formaat:
    soort: str  # Import.Soort
    kolommen: dict  # logische naam -> index
    namen: dict  # logische naam -> kop zoals in het bestand


def _norm_kop(kop):
    return re.sub(r"[^a-z0-9]", "", kop.strip().lower())


POLITIE_SLEUTELS = {
    "soortmisdrijf": "soort",
    "regios": "regio",
    "wijkenenbuurten": "regio",
    "perioden": "periode",
    "status": "status",
}
POLITIE_AANTAL_KOP = re.compile(r"^(totaal)?geregistreerdemisdrijven(\d+|aantal)?$")


def herken_formaat(kop):
    """Het formaat aan de kopregel; anders een BestandFout die zegt wat er ontbreekt."""
    norm = [_norm_kop(k) for k in kop]
    dubbel = sorted({kop[i] for i, n in enumerate(norm) if n and norm.count(n) > 1})
    if dubbel:
        raise BestandFout(
            f"Kolom {dubbel[0]} staat twee keer in de kopregel.",
            rij=1,
            kolom="kopregel",
            waarde=dubbel[0],
        )
    index = {n: i for i, n in enumerate(norm) if n}
    if set(SJABLOON_KOLOMMEN) <= index.keys():
        return _eigen_formaat(Import.Soort.SJABLOON, kop, index, SJABLOON_KOLOMMEN, SJABLOON_EXTRA)
    if set(BEVOLKING_KOLOMMEN) <= index.keys():
        return _eigen_formaat(
            Import.Soort.BEVOLKING, kop, index, BEVOLKING_KOLOMMEN, BEVOLKING_EXTRA
        )
    kolommen = {}
    for n, i in index.items():
        sleutel = POLITIE_SLEUTELS.get(n)
        if sleutel and sleutel not in kolommen:
            kolommen[sleutel] = i
    aantallen = [i for n, i in index.items() if POLITIE_AANTAL_KOP.match(n)]
    if len(aantallen) == 1:
        kolommen["aantal"] = aantallen[0]
    if {"soort", "regio", "periode", "aantal"} <= kolommen.keys():
        return Formaat(Import.Soort.POLITIE, kolommen, {k: kop[i] for k, i in kolommen.items()})
    raise BestandFout(
        _uitleg_kopregel(index, kolommen, aantallen), rij=1, kolom="kopregel", waarde=",".join(kop)
    )


def _eigen_formaat(soort, kop, index, verplicht, extra):
    onbekend = [kop[i] for n, i in index.items() if n not in verplicht + extra]
    if onbekend:
        raise BestandFout(
            f"Onbekende kolom {onbekend[0]}. Toegestaan zijn {', '.join(verplicht)} en "
            f"eventueel {', '.join(extra)}.",
            rij=1,
            kolom=onbekend[0],
            waarde=onbekend[0],
        )
    kolommen = {n: index[n] for n in verplicht + extra if n in index}
    return Formaat(soort, kolommen, {n: kop[i] for n, i in kolommen.items()})


def _uitleg_kopregel(index, politie_kolommen, aantallen):
    verwacht = (
        "Verwacht: het sjabloon (" + ",".join(SJABLOON_KOLOMMEN + SJABLOON_EXTRA) + "), "
        "de open data van de politie (SoortMisdrijf; RegioS of WijkenEnBuurten; Perioden; "
        f"{POLITIE_AANTAL}) of inwoners (" + ",".join(BEVOLKING_KOLOMMEN) + ")."
    )
    if len(index) <= 1:
        return (
            "Onbekende kopregel: er is maar één kolom. Gebruik een komma of puntkomma als "
            "scheidingsteken. " + verwacht
        )
    if len(aantallen) > 1:
        return f"Meer dan één kolom met geregistreerde misdrijven; houd alleen {POLITIE_AANTAL}."
    for naam, kolommen in [
        ("het sjabloon", SJABLOON_KOLOMMEN),
        ("het inwonersbestand", BEVOLKING_KOLOMMEN),
    ]:
        aanwezig = [k for k in kolommen if k in index]
        if len(aanwezig) >= 2:
            ontbreekt = [k for k in kolommen if k not in index]
            return f"Dit lijkt {naam}, maar deze kolommen ontbreken: {', '.join(ontbreekt)}."
    if len(politie_kolommen) >= 2 or aantallen:
        namen = {
            "soort": "SoortMisdrijf",
            "regio": "RegioS of WijkenEnBuurten",
            "periode": "Perioden",
            "aantal": POLITIE_AANTAL,
        }
        ontbreekt = [namen[k] for k in namen if k not in politie_kolommen]
        return (
            "Dit lijkt de open data van de politie, maar deze kolommen ontbreken: "
            + ", ".join(ontbreekt)
            + "."
        )
    return "Onbekende kopregel. " + verwacht


# --- Namen uit de database ------------------------------------------------------------------


def _norm_naam(tekst):
    return " ".join(tekst.split()).casefold()


class Namen:
    """Gebieden, categorieën en soorten misdrijf, opgezocht zoals een bestand ze noemt."""

    def __init__(self):
        self.gebied, self.gebied_naam, self.gebied_slug, self.gebied_soort = {}, {}, {}, {}
        for g in Gebied.objects.all():
            for sleutel in (g.slug, g.naam, g.cbs_code):
                if sleutel:
                    self.gebied.setdefault(_norm_naam(sleutel), g.pk)
            self.gebied.setdefault(_norm_naam(f"{g.naam} (gemeente)"), g.pk)
            self.gebied_naam[g.pk] = g.naam
            self.gebied_slug[g.pk] = g.slug
            self.gebied_soort[g.pk] = g.soort
        self.cbs_code = {
            g.upper(): pk
            for g, pk in Gebied.objects.exclude(cbs_code="").values_list("cbs_code", "pk")
        }
        self.categorie, self.categorie_naam, self.eenheid = {}, {}, {}
        for c in Categorie.objects.all():
            self.categorie.setdefault(_norm_naam(c.slug), c.pk)
            self.categorie.setdefault(_norm_naam(c.naam), c.pk)
            self.categorie_naam[c.pk] = c.naam
            self.eenheid[c.pk] = {_norm_naam(c.eenheid), _norm_naam(c.get_eenheid_display())}
        self.soort = {}  # code, titel of "code titel" -> (code, titel, categorie-id of None)
        for s in PolitieCategorie.objects.all():
            waarde = (s.code, s.naam, s.categorie_id)
            for sleutel in (s.code, s.naam, f"{s.code} {s.naam}"):
                self.soort.setdefault(_norm_naam(sleutel), waarde)


# --- Controleren ----------------------------------------------------------------------------


class CijferRegel(NamedTuple):
    rij: int
    gebied: int
    categorie: int
    jaar: int
    periode: str
    waarde: int | None
    status: str
    bron: str | None  # titel uit het bestand; None: de bron van de import


class BevolkingRegel(NamedTuple):
    rij: int
    gebied: int
    jaar: int
    inwoners: int
    bron: str | None


@dataclass
class Controle:
    formaat: Formaat
    codering: str
    scheidingsteken: str
    namen: Namen
    regels: list = field(default_factory=list)
    fouten: list = field(default_factory=list)
    aantal_fouten: int = 0
    afgewezen: int = 0  # rijen met minstens één fout
    overgeslagen: Counter = field(default_factory=Counter)
    rijen: int = 0

    def fout(self, fout):
        self.aantal_fouten += 1
        if len(self.fouten) < MAX_FOUTEN:
            self.fouten.append(fout._replace(waarde=_kort(fout.waarde)))


def controleer_bestand(inhoud):
    """Bytes -> Controle (lezen, formaat herkennen, elke rij controleren)."""
    return controleer(lees_bestand(inhoud))


def controleer(tabel, namen=None):
    formaat = herken_formaat(tabel.kop)
    if formaat.soort == Import.Soort.POLITIE:
        politie.zorg_voor_soorten(PolitieCategorie, Categorie)
    controle = Controle(formaat, tabel.codering, tabel.scheidingsteken, namen or Namen())
    rijcontrole = {
        Import.Soort.SJABLOON: _sjabloonrij,
        Import.Soort.POLITIE: _politierij,
        Import.Soort.BEVOLKING: _bevolkingsrij,
    }[formaat.soort](controle)
    breedte = len(tabel.kop)
    sleutel = slice(1, 3) if formaat.soort == Import.Soort.BEVOLKING else slice(1, 5)
    gezien = {}  # sleutel -> index in controle.regels
    dubbel = set()  # indexen van regels die ook later nog eens voorkomen
    regels, limiet, rijen = controle.regels, max_rijen(), 0
    rijnummer = 1
    try:
        for rijnummer, rij in enumerate(tabel.rijen, start=2):
            if len(rij) != breedte:
                if not any(c.strip() for c in rij):
                    continue  # lege regel (bijv. onderaan een Excel-export)
                rijen += 1
                controle.afgewezen += 1
                controle.fout(
                    Fout(
                        rijnummer,
                        "",
                        f"{len(rij)} velden",
                        f"De rij heeft {len(rij)} velden; de kopregel heeft er {breedte}.",
                    )
                )
                continue
            rijen += 1
            if rijen > limiet:
                raise BestandFout(
                    f"Het bestand heeft meer dan {_getal(limiet)} rijen; splits het, "
                    "bijvoorbeeld per jaar.",
                    kolom="bestand",
                )
            regel = rijcontrole(rijnummer, rij)
            if regel is None:
                continue
            eerder = gezien.setdefault(regel[sleutel], len(regels))
            if eerder == len(regels):
                regels.append(regel)
                continue
            eerste = regels[eerder]
            if eerder not in dubbel:
                dubbel.add(eerder)
                controle.afgewezen += 1
                controle.fout(_dubbel(eerste.rij, rijnummer, formaat, rij, eerste=True))
            controle.afgewezen += 1
            controle.fout(_dubbel(rijnummer, eerste.rij, formaat, rij, eerste=False))
    except csv.Error as fout:
        raise BestandFout(
            f"Rij {rijnummer + 1} is geen geldige CSV ({fout}).", rij=rijnummer + 1
        ) from fout
    controle.rijen = rijen
    if dubbel:
        controle.regels = [r for i, r in enumerate(regels) if i not in dubbel]
    if rijen == 0:
        raise BestandFout("Het bestand heeft een kopregel maar geen rijen met gegevens.", rij=2)
    return controle


def _getal(aantal):
    return f"{aantal:,}".replace(",", ".")


def _dubbel(rij, andere, formaat, waarden, eerste):
    kolom = formaat.namen.get("periode") or formaat.namen.get("jaar")
    sleutel = "/".join(
        waarden[formaat.kolommen[k]].strip()
        for k in ("gebied", "regio", "categorie", "soort", "periode", "jaar")
        if k in formaat.kolommen and not (k == "jaar" and "periode" in formaat.kolommen)
    )
    reden = (
        f"Dezelfde sleutel staat ook in rij {andere}; geen van beide wordt geïmporteerd."
        if eerste
        else f"Dubbel: dezelfde sleutel staat al in rij {andere}."
    )
    return Fout(rij, kolom, sleutel if not eerste else "", reden)


def _jaar(tekst):
    """(jaar, None) of (None, reden)."""
    tekst = tekst.strip()
    if not GETAL.match(tekst):
        return None, "Geen jaar: gebruik vier cijfers, bijvoorbeeld 2019."
    jaar = int(tekst)
    if not EERSTE_JAAR <= jaar <= huidig_jaar():
        return None, f"Jaar buiten bereik: toegestaan is {EERSTE_JAAR} tot en met {huidig_jaar()}."
    return jaar, None


def _aantal(tekst, nul_toegestaan=True):
    """(aantal, None), ('.', None) voor ontbrekend, (None, None) voor geheim, of (None, reden)."""
    tekst = tekst.strip()
    if GETAL.match(tekst):
        waarde = int(tekst)
        if waarde > MAX_WAARDE:
            return None, "Het aantal is te groot."
        if not nul_toegestaan and waarde == 0:
            return None, "Het aantal moet groter dan 0 zijn."
        return waarde, None
    if tekst in ("", "x", "X"):
        return None, None
    if tekst == ".":
        return ".", None
    if re.match(r"^-\s*\d+([.,]\d+)?$", tekst):
        return None, "Negatief aantal: een aantal is 0 of meer."
    if re.match(r"^\d+[.,]\d+$", tekst):
        return None, (
            "Geen heel getal: een aantal heeft geen decimalen (en geen punt of komma als "
            "duizendtalscheiding)."
        )
    return None, "Geen getal: verwacht een heel getal van 0 of meer, of leeg voor geheim."


STATUSSEN = {
    **{_norm_naam(s.value): s.value for s in Cijfer.Status},
    **{_norm_naam(s.label): s.value for s in Cijfer.Status},
    "": "",
}


def _sjabloonrij(controle):
    namen, k, kop = controle.namen, controle.formaat.kolommen, controle.formaat.namen
    i_geb, i_cat, i_jaar, i_per, i_waarde = (k[n] for n in SJABLOON_KOLOMMEN)
    i_bron, i_status, i_eenheid = k.get("bron"), k.get("status"), k.get("eenheid")

    def rijcontrole(nr, rij):
        fouten = []
        gebied = namen.gebied.get(_norm_naam(rij[i_geb]))
        if gebied is None:
            fouten.append(
                Fout(
                    nr,
                    kop["gebied"],
                    rij[i_geb],
                    "Onbekend gebied: gebruik de naam, de slug of de CBS-code "
                    "(bijvoorbeeld Baarn, baarn of GM0308).",
                )
            )
        elif namen.gebied_soort[gebied] == Gebied.Soort.REGIO:
            fouten.append(
                Fout(
                    nr,
                    kop["gebied"],
                    rij[i_geb],
                    "Een regio heeft geen eigen aantallen in het dashboard; "
                    "importeer gemeenten of het basisteam.",
                )
            )
        categorie = namen.categorie.get(_norm_naam(rij[i_cat]))
        if categorie is None:
            fouten.append(
                Fout(
                    nr,
                    kop["categorie"],
                    rij[i_cat],
                    "Onbekende categorie: gebruik de naam of de slug van een "
                    "categorie (bijvoorbeeld woninginbraken).",
                )
            )
        jaar, reden = _jaar(rij[i_jaar])
        if reden:
            fouten.append(Fout(nr, kop["jaar"], rij[i_jaar], reden))
        periode = rij[i_per].strip()
        if not PERIODE.match(periode):
            fouten.append(
                Fout(
                    nr,
                    kop["periode"],
                    rij[i_per],
                    "Onbekende periode: gebruik een jaar (2019), een halfjaar "
                    "(2019-H1) of een maand (2019-01).",
                )
            )
        elif jaar is not None and periode[:4] != str(jaar):
            fouten.append(
                Fout(nr, kop["periode"], rij[i_per], f"De periode hoort niet bij het jaar {jaar}.")
            )
        waarde, reden = _aantal(rij[i_waarde])
        if reden:
            fouten.append(Fout(nr, kop["waarde"], rij[i_waarde], reden))
        status = STATUSSEN.get(_norm_naam(rij[i_status])) if i_status is not None else ""
        if status is None:
            fouten.append(
                Fout(
                    nr,
                    kop["status"],
                    rij[i_status],
                    "Onbekende status: gebruik definitief, voorlopig of geheim.",
                )
            )
        elif not reden and waarde != ".":
            if waarde is None and status not in ("", Cijfer.Status.GEHEIM):
                fouten.append(
                    Fout(
                        nr,
                        kop["waarde"],
                        rij[i_waarde],
                        f"Een leeg aantal betekent geheim, maar de status is {status}.",
                    )
                )
            elif waarde is not None and status == Cijfer.Status.GEHEIM:
                fouten.append(
                    Fout(
                        nr,
                        kop["status"],
                        rij[i_status],
                        "Een geheim cijfer heeft geen aantal; laat de waarde leeg.",
                    )
                )
        if i_eenheid is not None and categorie is not None:
            eenheid = _norm_naam(rij[i_eenheid])
            if eenheid and eenheid not in namen.eenheid[categorie]:
                verwacht = sorted(namen.eenheid[categorie], key=len)[-1]
                fouten.append(
                    Fout(
                        nr,
                        kop["eenheid"],
                        rij[i_eenheid],
                        f"De eenheid past niet bij de categorie (verwacht: {verwacht}).",
                    )
                )
        bron = rij[i_bron].strip() if i_bron is not None else ""
        if len(bron) > 200:
            fouten.append(Fout(nr, kop["bron"], bron, "De bron is langer dan 200 tekens."))
        if fouten:
            controle.afgewezen += 1
            for fout in fouten:
                controle.fout(fout)
            return None
        if waarde == ".":
            controle.overgeslagen["aantal ontbreekt ('.'); er wordt niets opgeslagen"] += 1
            return None
        if waarde is None:
            status = Cijfer.Status.GEHEIM
        return CijferRegel(
            nr,
            gebied,
            categorie,
            jaar,
            periode,
            waarde,
            status or Cijfer.Status.DEFINITIEF,
            bron or None,
        )

    return rijcontrole


def politieperiode(tekst):
    """'2019JJ00', '2019MM01', '2019 januari', '2019*' -> (jaar, periode, voorlopig) of een reden."""
    tekst = tekst.strip()
    code = POLITIE_PERIODE.match(tekst.upper())
    if code:
        jaar, soort, nummer = int(code.group(1)), code.group(2), int(code.group(3))
        if soort == "JJ" and nummer == 0:
            return jaar, str(jaar), False
        if soort == "MM" and 1 <= nummer <= 12:
            return jaar, f"{jaar}-{nummer:02d}", False
        if soort == "HJ" and nummer in (1, 2):
            return jaar, f"{jaar}-H{nummer}", False
        if soort == "KW":
            return "Kwartaalcijfers worden niet opgeslagen; gebruik maand- of jaarcijfers."
        return "Onbekende periode: verwacht bijvoorbeeld 2019JJ00 (jaar) of 2019MM01 (maand)."
    label = LABEL_PERIODE.match(tekst)
    if label:
        jaar = int(label.group(1))
        voorlopig = bool(label.group(3))
        if label.group(2):
            maand = MAANDNAMEN.index(label.group(2).lower()) + 1
            return jaar, f"{jaar}-{maand:02d}", voorlopig
        return jaar, str(jaar), voorlopig
    return "Onbekende periode: verwacht bijvoorbeeld 2019JJ00 (jaar) of 2019MM01 (maand)."


OK, OVER, FOUT = "ok", "overslaan", "fout"  # uitkomsten van één stuk tekst


def _politierij(controle):
    namen, k, kop = controle.namen, controle.formaat.kolommen, controle.formaat.namen
    i_soort, i_regio, i_per, i_aantal = k["soort"], k["regio"], k["periode"], k["aantal"]
    i_status = k.get("status")
    maak_regel = functools.partial(tuple.__new__, CijferRegel)  # zonder de trage __new__
    # De open data herhaalt dezelfde paar codes eindeloos: elk stuk tekst wordt één keer
    # uitgezocht (een miljoen rijen moeten in seconden door de controle).
    soorten, regios, perioden = {}, {}, {}
    overgeslagen, definitief = controle.overgeslagen, Cijfer.Status.DEFINITIEF

    def soort(tekst):
        gevonden = namen.soort.get(_norm_naam(tekst))
        if gevonden is None:
            return (
                "fout",
                "Onbekende soort misdrijf: niet in de lijst van de politie "
                "(zie het beheer, Soorten misdrijf).",
            )
        code, titel, categorie = gevonden
        if categorie is None:
            return (OVER, f"soort {code} {titel} is niet aan een categorie gekoppeld")
        return (OK, categorie)

    def regio(tekst):
        schoon = tekst.strip()
        code = schoon.upper()
        if re.match(r"^GM\d{4}$", code):
            gebied = namen.cbs_code.get(code)
            if gebied is None:
                return (FOUT, "Onbekend gebied: er is geen gebied met deze CBS-code.")
            return (OK, gebied)
        if re.match(r"^(WK|BU)\d+$", code):
            return (OVER, "wijk of buurt: het dashboard slaat alleen gemeenten op")
        gebied = namen.gebied.get(_norm_naam(schoon))
        if gebied is None or namen.gebied_soort[gebied] == Gebied.Soort.REGIO:
            return (FOUT, "Onbekend gebied: geen gemeente met deze code (GM....) of naam.")
        return (OK, gebied)

    def periode(tekst):
        uitkomst = politieperiode(tekst)
        if isinstance(uitkomst, str):
            return (FOUT, uitkomst)
        jaar = uitkomst[0]
        if not EERSTE_JAAR <= jaar <= huidig_jaar():
            return (
                "fout",
                f"Jaar buiten bereik: toegestaan is {EERSTE_JAAR} tot en met {huidig_jaar()}.",
            )
        return (OK, uitkomst)

    def rijcontrole(nr, rij):
        s, r, p = rij[i_soort], rij[i_regio], rij[i_per]
        s_uit = soorten.get(s) or soorten.setdefault(s, soort(s))
        r_uit = regios.get(r) or regios.setdefault(r, regio(r))
        p_uit = perioden.get(p) or perioden.setdefault(p, periode(p))
        tekst = rij[i_aantal].strip()
        if tekst.isdecimal() and tekst.isascii() and len(tekst) < 10:
            waarde, reden = int(tekst), None
        else:
            waarde, reden = _aantal(tekst)
        if s_uit[0] is OK and r_uit[0] is OK and p_uit[0] is OK and reden is None:
            if waarde == ".":
                overgeslagen["aantal ontbreekt ('.'); er wordt niets opgeslagen"] += 1
                return None
            jaar, per, voorlopig = p_uit[1]
            if waarde is None:
                status = Cijfer.Status.GEHEIM
            elif voorlopig or (
                i_status is not None and rij[i_status].strip().lower().endswith("voorlopig")
            ):
                status = Cijfer.Status.VOORLOPIG
            else:
                status = definitief
            return maak_regel((nr, r_uit[1], s_uit[1], jaar, per, waarde, status, None))
        fouten = [
            Fout(nr, kop[naam], _kort(rij[i].strip()), uit[1])
            for naam, i, uit in (
                ("soort", i_soort, s_uit),
                ("regio", i_regio, r_uit),
                ("periode", i_per, p_uit),
            )
            if uit[0] is FOUT
        ]
        if reden:
            fouten.append(Fout(nr, kop["aantal"], _kort(tekst), reden))
        if fouten:
            controle.afgewezen += 1
            for fout in fouten:
                controle.fout(fout)
            return None
        reden = s_uit[1] if s_uit[0] is OVER else r_uit[1]
        overgeslagen[reden] += 1
        return None

    return rijcontrole


def _bevolkingsrij(controle):
    namen, k, kop = controle.namen, controle.formaat.kolommen, controle.formaat.namen
    i_geb, i_jaar, i_inw, i_bron = k["gebied"], k["jaar"], k["inwoners"], k.get("bron")

    def rijcontrole(nr, rij):
        fouten = []
        gebied = namen.gebied.get(_norm_naam(rij[i_geb]))
        if gebied is None:
            fouten.append(
                Fout(
                    nr,
                    kop["gebied"],
                    rij[i_geb],
                    "Onbekend gebied: gebruik de naam, de slug of de CBS-code "
                    "(bijvoorbeeld Baarn, baarn of GM0308).",
                )
            )
        jaar, reden = _jaar(rij[i_jaar])
        if reden:
            fouten.append(Fout(nr, kop["jaar"], rij[i_jaar], reden))
        inwoners, reden = _aantal(rij[i_inw], nul_toegestaan=False)
        if reden or inwoners is None or inwoners == ".":
            fouten.append(
                Fout(nr, kop["inwoners"], rij[i_inw], reden or "Het aantal inwoners ontbreekt.")
            )
        bron = rij[i_bron].strip() if i_bron is not None else ""
        if len(bron) > 200:
            fouten.append(Fout(nr, kop["bron"], bron, "De bron is langer dan 200 tekens."))
        if fouten:
            controle.afgewezen += 1
            for fout in fouten:
                controle.fout(fout)
            return None
        return BevolkingRegel(nr, gebied, jaar, inwoners, bron or None)

    return rijcontrole


# --- Plan -----------------------------------------------------------------------------------


@dataclass
class Plan:
    """Wat een import zou doen, vergeleken met wat er nu in de database staat."""

    controle: Controle
    toegevoegd: list = field(default_factory=list)
    gewijzigd: list = field(default_factory=list)  # (regel, bestaand)
    ongewijzigd: int = 0
    fouten: list = field(default_factory=list)  # fouten die pas bij de vergelijking blijken
    afgewezen_bij_vergelijking: int = 0

    @property
    def soort(self):
        return self.controle.formaat.soort

    @property
    def afgewezen(self):
        return self.controle.afgewezen + self.afgewezen_bij_vergelijking

    @property
    def aantal_fouten(self):
        return self.controle.aantal_fouten + len(self.fouten)

    @property
    def alle_fouten(self):
        return sorted(self.controle.fouten + self.fouten, key=lambda f: (f.rij or 0, f.kolom))

    @property
    def overgeslagen(self):
        return sum(self.controle.overgeslagen.values())

    @property
    def te_schrijven(self):
        return len(self.toegevoegd) + len(self.gewijzigd)

    def tellingen(self):
        return {
            "toegevoegd": len(self.toegevoegd),
            "gewijzigd": len(self.gewijzigd),
            "ongewijzigd": self.ongewijzigd,
            "afgewezen": self.afgewezen,
            "overgeslagen": self.overgeslagen,
        }

    def samenvatting(self, max_fouten=200, max_wijzigingen=50):
        """Alles wat het voorbeeld toont, als JSON-vriendelijk dict."""
        namen = self.controle.namen
        per_gebied = _per_gebied(self.toegevoegd, [r for r, _ in self.gewijzigd])
        wijzigingen = []
        for regel, bestaand in self.gewijzigd[:max_wijzigingen]:
            if self.soort == Import.Soort.BEVOLKING:
                oud, nieuw = str(bestaand[1]), str(regel.inwoners)
                wat, periode = "inwoners", str(regel.jaar)
            else:
                oud = _weergave(bestaand[1], bestaand[2])
                nieuw = _weergave(regel.waarde, regel.status)
                wat, periode = namen.categorie_naam[regel.categorie], regel.periode
            wijzigingen.append(
                {
                    "rij": regel.rij,
                    "gebied": namen.gebied_naam[regel.gebied],
                    "wat": wat,
                    "periode": periode,
                    "oud": oud,
                    "nieuw": nieuw,
                }
            )
        return {
            "soort": self.soort,
            "codering": self.controle.codering,
            "scheidingsteken": {",": "komma", ";": "puntkomma"}.get(
                self.controle.scheidingsteken, ""
            ),
            "rijen": self.controle.rijen,
            **self.tellingen(),
            "aantal_fouten": self.aantal_fouten,
            "fouten": [f.als_lijst() for f in self.alle_fouten[:max_fouten]],
            "overgeslagen_redenen": self.controle.overgeslagen.most_common(20),
            "wijzigingen": wijzigingen,
            "per_gebied": [
                {"gebied": namen.gebied_naam[g], "slug": namen.gebied_slug[g], **tellers}
                for g, tellers in sorted(per_gebied.items(), key=lambda p: namen.gebied_naam[p[0]])
            ],
        }


def _per_gebied(toegevoegd, gewijzigd):
    """Per gebied: aantal toegevoegd en gewijzigd, en het eerste en laatste jaar."""
    per_gebied = {}
    for wat, regels in (("toegevoegd", toegevoegd), ("gewijzigd", gewijzigd)):
        for gebied, aantal in Counter(r.gebied for r in regels).items():
            tellers = per_gebied.setdefault(gebied, {"toegevoegd": 0, "gewijzigd": 0})
            tellers[wat] = aantal
        for gebied, jaar in {(r.gebied, r.jaar) for r in regels}:
            tellers = per_gebied[gebied]
            tellers["van"] = min(tellers.get("van", jaar), jaar)
            tellers["tot"] = max(tellers.get("tot", jaar), jaar)
    return per_gebied


def _weergave(waarde, status):
    if waarde is None:
        return "x"
    return f"{waarde}*" if status == Cijfer.Status.VOORLOPIG else str(waarde)


def maak_plan(controle):
    """Vergelijkt de geldige regels met de database (één query) en verdeelt ze."""
    plan = Plan(controle)
    regels = controle.regels
    if not regels:
        return plan
    if controle.formaat.soort == Import.Soort.BEVOLKING:
        bestaand = {
            (g, j): (pk, inw, bron)
            for pk, g, j, inw, bron in Bevolking.objects.filter(
                gebied__in={r.gebied for r in regels}, jaar__in={r.jaar for r in regels}
            )
            .order_by()
            .values_list("pk", "gebied_id", "jaar", "inwoners", "bron_id")
        }
        for regel in regels:
            oud = bestaand.get((regel.gebied, regel.jaar))
            if oud is None:
                plan.toegevoegd.append(regel)
            elif oud[1] == regel.inwoners:
                plan.ongewijzigd += 1
            else:
                plan.gewijzigd.append((regel, oud))
        return plan
    bestaand = {
        (g, c, j, p): (pk, w, s, b)
        for pk, g, c, j, p, w, s, b in Cijfer.objects.filter(
            gebied__in={r.gebied for r in regels},
            categorie__in={r.categorie for r in regels},
            jaar__in={r.jaar for r in regels},
        )
        .order_by()  # zonder de standaardvolgorde: geen joins, geen sortering
        .values_list(
            "pk", "gebied_id", "categorie_id", "jaar", "periode", "waarde", "status", "bron_id"
        )
        .iterator(chunk_size=10_000)
    }
    if not bestaand:
        plan.toegevoegd = regels
        return plan
    definitief, voorlopig = Cijfer.Status.DEFINITIEF, Cijfer.Status.VOORLOPIG
    kolom = controle.formaat.namen.get("waarde") or controle.formaat.namen.get("aantal")
    for regel in regels:
        oud = bestaand.get(regel[1:5])
        if oud is None:
            plan.toegevoegd.append(regel)
        elif oud[1] == regel.waarde and oud[2] == regel.status:
            plan.ongewijzigd += 1
        elif oud[2] == definitief and regel.status == voorlopig:
            if oud[1] == regel.waarde:
                plan.ongewijzigd += 1
                continue
            plan.afgewezen_bij_vergelijking += 1
            plan.fouten.append(
                Fout(
                    regel.rij,
                    kolom,
                    _weergave(regel.waarde, regel.status),
                    f"Er staat al een definitief cijfer ({oud[1]}); een voorlopig cijfer "
                    "vervangt geen definitief cijfer.",
                )
            )
        else:
            plan.gewijzigd.append((regel, oud))
    return plan


# --- Uitvoeren ------------------------------------------------------------------------------


class ImportGeweigerd(Exception):
    """Er zijn fouten en de gebruiker koos niet voor alleen de geldige rijen: niets geschreven."""

    def __init__(self, plan):
        super().__init__(f"{plan.aantal_fouten} fouten; er is niets geïmporteerd.")
        self.plan = plan


class VeranderdSindsVoorbeeld(Exception):
    """De database veranderde tussen voorbeeld en bevestiging: eerst opnieuw bekijken."""

    def __init__(self, plan):
        super().__init__("De gegevens zijn veranderd sinds het voorbeeld.")
        self.plan = plan


def voer_uit(controle, import_, gebruiker=None, alleen_geldige=False, verwacht=None):
    """Vergelijkt opnieuw (nu met de tabel op slot) en schrijft alles in één transactie.

    Met fouten wordt er niets geschreven, tenzij `alleen_geldige`. `verwacht` zijn de
    tellingen van het voorbeeld dat de gebruiker zag; wijkt het nieuwe plan daarvan af, dan
    wordt er niets geschreven (VeranderdSindsVoorbeeld). Geeft het plan terug.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            tabel = Bevolking if controle.formaat.soort == Import.Soort.BEVOLKING else Cijfer
            with connection.cursor() as cursor:
                cursor.execute(
                    f"LOCK TABLE {connection.ops.quote_name(tabel._meta.db_table)} "
                    "IN SHARE ROW EXCLUSIVE MODE"
                )
        plan = maak_plan(controle)
        if plan.aantal_fouten and not alleen_geldige:
            raise ImportGeweigerd(plan)
        if verwacht is not None and plan.tellingen() != verwacht:
            raise VeranderdSindsVoorbeeld(plan)
        nu = timezone.now()
        if import_.pk is None:
            import_.save()
        bronnen = _bronnen(plan, import_, gebruiker, nu)
        if plan.soort == Import.Soort.BEVOLKING:
            _schrijf_bevolking(plan, bronnen)
        elif connection.vendor == "postgresql":
            _schrijf_postgresql(plan, bronnen, import_.reden, gebruiker, nu)
        else:
            _schrijf_orm(plan, bronnen, import_.reden, gebruiker, nu)
        import_.status = Import.Status.UITGEVOERD
        import_.uitgevoerd = nu
        import_.alleen_geldige = alleen_geldige
        import_.inhoud = b""
        import_.voorbeeld = plan.samenvatting()
        for naam, aantal in plan.tellingen().items():
            setattr(import_, naam, aantal)
        import_.save()
    if connection.vendor == "postgresql" and plan.te_schrijven >= _fk_drempel():
        # Na een grote import kloppen de statistieken van de planner niet meer; zonder
        # ANALYZE kiest hij voor de pagina's en de volgende import slechte plannen.
        tabel = Bevolking if plan.soort == Import.Soort.BEVOLKING else Cijfer
        qn = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {qn(tabel._meta.db_table)}")
    return plan


def _fk_drempel():
    return getattr(settings, "CIJFERS_IMPORT_FK_DREMPEL", STANDAARD_FK_DREMPEL)


def _bronnen(plan, import_, gebruiker, nu):
    """Titel (of None voor de bron van de import) -> id; ontbrekende bronnen worden gemaakt."""
    if plan.soort == Import.Soort.POLITIE:
        bron, _ = Bron.objects.get_or_create(
            titel=politie.BRON_TITEL,
            defaults={
                "document": politie.BRON_DOCUMENT,
                "tabel": politie.BRON_TABEL,
                "noot": politie.BRON_NOOT,
            },
        )
        return {None: bron.pk}
    titels = {r.bron for r in plan.toegevoegd} | {r.bron for r, _ in plan.gewijzigd}
    bronnen = dict(Bron.objects.filter(titel__in=titels - {None}).values_list("titel", "pk"))
    wie = gebruiker.get_username() if gebruiker else "een beheerder (commando)"
    noot = f"Geïmporteerd door {wie} op {timezone.localtime(nu):%d-%m-%Y %H:%M}."
    for titel in sorted(titels - {None} - bronnen.keys()):
        bronnen[titel] = Bron.objects.create(
            titel=titel,
            document="Eigen bestand (import)",
            tabel=import_.bestandsnaam[:200],
            noot=noot,
        ).pk
    if None in titels:
        bronnen[None] = Bron.objects.get_or_create(
            titel=import_.reden[:200],
            defaults={
                "document": "Geïmporteerd bestand",
                "tabel": import_.bestandsnaam[:200],
                "noot": noot,
            },
        )[0].pk
    return bronnen


def _schrijf_bevolking(plan, bronnen):
    Bevolking.objects.bulk_create(
        [
            Bevolking(gebied_id=r.gebied, jaar=r.jaar, inwoners=r.inwoners, bron_id=bronnen[r.bron])
            for r in plan.toegevoegd
        ],
        batch_size=1000,
    )
    Bevolking.objects.bulk_update(
        [
            Bevolking(
                pk=oud[0],
                gebied_id=r.gebied,
                jaar=r.jaar,
                inwoners=r.inwoners,
                bron_id=bronnen[r.bron],
            )
            for r, oud in plan.gewijzigd
        ],
        ["inwoners", "bron"],
        batch_size=500,
    )


def _cijfer(regel, bronnen, pk=None):
    return Cijfer(
        pk=pk,
        gebied_id=regel.gebied,
        categorie_id=regel.categorie,
        jaar=regel.jaar,
        periode=regel.periode,
        waarde=regel.waarde,
        status=regel.status,
        bron_id=bronnen[regel.bron],
    )


def _schrijf_orm(plan, bronnen, reden, gebruiker, nu):
    """SQLite (en elke andere database): bulk_create/bulk_update met geschiedenis."""
    historie = {"default_user": gebruiker, "default_change_reason": reden, "default_date": nu}
    if plan.toegevoegd:
        bulk_create_with_history(
            [_cijfer(r, bronnen) for r in plan.toegevoegd], Cijfer, batch_size=1000, **historie
        )
    if plan.gewijzigd:
        bulk_update_with_history(
            [_cijfer(r, bronnen, pk=oud[0]) for r, oud in plan.gewijzigd],
            Cijfer,
            ["waarde", "status", "bron"],
            batch_size=500,
            **historie,
        )


def _schrijf_postgresql(plan, bronnen, reden, gebruiker, nu):
    """PostgreSQL: COPY in de tabel zelf, de geschiedenis met één INSERT ... SELECT.

    De ids van nieuwe cijfers worden vooraf als één blok uit de reeks genomen (de tabel is
    door voer_uit op slot voor andere schrijvers), zodat de geschiedenis ze zonder
    terugleesronde vindt.
    """
    qn = connection.ops.quote_name
    tabel, historie = qn(Cijfer._meta.db_table), qn(Cijfer.history.model._meta.db_table)
    velden = "gebied_id, categorie_id, jaar, periode, waarde, status, bron_id"
    gebruiker_id = gebruiker.pk if gebruiker else None
    drempel = _fk_drempel()
    with connection.cursor() as cursor:
        sleutels = (
            _sleutels_los(cursor, Cijfer._meta.db_table) if plan.te_schrijven >= drempel else []
        )
        if plan.toegevoegd:
            aantal = len(plan.toegevoegd)
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                "nextval(pg_get_serial_sequence(%s, 'id')) + %s - 1)",
                [Cijfer._meta.db_table, Cijfer._meta.db_table, aantal],
            )
            laatste = cursor.fetchone()[0]
            eerste = laatste - aantal + 1
            regels = (
                f"{eerste + i}\t{r.gebied}\t{r.categorie}\t{r.jaar}\t{r.periode}\t"
                f"{NULL if r.waarde is None else r.waarde}\t{r.status}\t{bronnen[r.bron]}\n"
                for i, r in enumerate(plan.toegevoegd)
            )
            cursor.copy_expert(f"COPY {tabel} (id, {velden}) FROM STDIN", _Stroom(regels))
            cursor.execute(
                f"INSERT INTO {historie} (id, {velden}, history_date, history_change_reason, "
                f"history_type, history_user_id) SELECT id, {velden}, %s, %s, '+', %s "
                f"FROM {tabel} WHERE id BETWEEN %s AND %s",
                [nu, reden, gebruiker_id, eerste, laatste],
            )
        if plan.gewijzigd:
            cursor.execute(
                "CREATE TEMPORARY TABLE cijfers_import_wijziging (id bigint PRIMARY KEY, "
                "waarde integer, status varchar(20), bron_id bigint) ON COMMIT DROP"
            )
            regels = (
                f"{oud[0]}\t{NULL if r.waarde is None else r.waarde}\t{r.status}\t"
                f"{bronnen[r.bron]}\n"
                for r, oud in plan.gewijzigd
            )
            cursor.copy_expert("COPY cijfers_import_wijziging FROM STDIN", _Stroom(regels))
            cursor.execute(
                f"UPDATE {tabel} AS c SET waarde = w.waarde, status = w.status, "
                "bron_id = w.bron_id FROM cijfers_import_wijziging AS w WHERE c.id = w.id"
            )
            cursor.execute(
                f"INSERT INTO {historie} (id, {velden}, history_date, history_change_reason, "
                f"history_type, history_user_id) SELECT c.id, "
                + ", ".join(f"c.{v.strip()}" for v in velden.split(","))
                + f", %s, %s, '~', %s FROM {tabel} AS c JOIN cijfers_import_wijziging AS w "
                "ON c.id = w.id",
                [nu, reden, gebruiker_id],
            )
            cursor.execute("DROP TABLE cijfers_import_wijziging")
        _sleutels_terug(cursor, Cijfer._meta.db_table, sleutels)


def _sleutels_los(cursor, tabel):
    """Haalt de verwijzende sleutels van de tabel weg (binnen de transactie) en geeft hun
    definities terug. Zo controleert PostgreSQL ze na het laden in één keer in plaats van per
    rij; zie _sleutels_terug. Terwijl de sleutels los zijn, is de tabel ook voor lezers op slot."""
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname",
        [tabel],
    )
    sleutels = cursor.fetchall()
    qn = connection.ops.quote_name
    for naam, _ in sleutels:
        cursor.execute(f"ALTER TABLE {qn(tabel)} DROP CONSTRAINT {qn(naam)}")
    return sleutels


def _sleutels_terug(cursor, tabel, sleutels):
    qn = connection.ops.quote_name
    for naam, definitie in sleutels:
        cursor.execute(f"ALTER TABLE {qn(tabel)} ADD CONSTRAINT {qn(naam)} {definitie}")


class _Stroom:
    """Een bestand voor COPY dat zijn tekst stukje voor stukje uit een generator haalt.

    psycopg2 leest met read() tot er niets meer komt; een stuk mag elke lengte hebben. Alle
    velden zijn gecontroleerde getallen, perioden en statussen: er valt niets te escapen.
    """

    def __init__(self, regels, per_stuk=5000):
        self._regels = regels
        self._per_stuk = per_stuk

    def read(self, size=-1):
        return "".join(itertools.islice(self._regels, self._per_stuk))
