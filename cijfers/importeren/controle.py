"""Controleren: elke rij van een Tabel volgens het Rijformaat van zijn formaat.

Eén lus voor alle formaten (Rijcontrole): lees elke cel met de lezer van zijn kolom, doe de
controles over meer kolommen, en dan

- een fout (of meer): de rij is afgewezen, met per fout rij, kolom, waarde en reden;
- anders een kolom die overslaan zegt: de rij is overgeslagen, met de reden van de eerste;
- anders een geldige regel. Twee regels met dezelfde sleutel worden allebei afgewezen.

De open data herhaalt dezelfde paar codes eindeloos: de uitkomst van elke tekst wordt per
kolom onthouden, zodat een miljoen rijen in seconden door de controle gaan.
"""

import contextlib
import csv
import functools
import gc
import operator
import re
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings

from cijfers import politie
from cijfers.importeren.formaten import PER_SOORT, kerncijfers_zonder_jaarkolom
from cijfers.importeren.fouten import BestandFout, Fout, getal, kort
from cijfers.importeren.herkennen import Formaat, herken_formaat
from cijfers.importeren.kolommen import Afwijking, Uitkomst
from cijfers.importeren.lezen import lees_bestand
from cijfers.importeren.namen import Namen
from cijfers.importeren.notaties import EENHEID
from cijfers.importeren.tabellen import bekende_tabel, statline_uitleg, weiger_bekende_tabel
from cijfers.models import Categorie, Import, PolitieCategorie

# Ruim boven het landelijke maandbestand (3 miljoen rijen); zie lezen.STANDAARD_MAX_BYTES.
STANDAARD_MAX_RIJEN = 5_000_000
# Zoveel fouten worden met rij, kolom en waarde bewaard; geteld worden ze allemaal.
MAX_FOUTEN = 1000
# Zoveel verschillende teksten per kolom worden onthouden (daarna wordt er gewoon gelezen).
MAX_ONTHOUDEN = 100_000
# Na zoveel rijen meldt de controle de stand aan `voortgang` (taken.Voortgang, die hoogstens
# elke halve seconde schrijft); zonder voortgang kost dat één vergelijking per rij.
VOORTGANG_PER = 50_000


def max_rijen():
    """Het grootste aantal rijen: settings.CIJFERS_IMPORT_MAX_RIJEN (ook uit de omgeving),
    standaard 5.000.000."""
    return getattr(settings, "CIJFERS_IMPORT_MAX_RIJEN", STANDAARD_MAX_RIJEN)


@dataclass
class Controle:
    """De uitkomst van de controle van een bestand, nog zonder de database te vergelijken.

    `regels`: de geldige regels (CijferRegel of BevolkingRegel) in de volgorde van het
    bestand; `fouten`: de eerste MAX_FOUTEN fouten; `aantal_fouten`: alle fouten; `afgewezen`:
    rijen met minstens één fout; `overgeslagen`: reden -> aantal rijen; `rijen`: alle rijen
    met gegevens (zonder de kopregel en lege regels). `plan_bevestigd`: de gebruiker heeft
    bevestigd dat cijfers uit het plan herzien mogen worden (plan.py; standaard niet).
    """

    formaat: Formaat
    codering: str
    scheidingsteken: str
    namen: Namen
    regels: list = field(default_factory=list)
    fouten: list = field(default_factory=list)
    aantal_fouten: int = 0
    afgewezen: int = 0
    overgeslagen: Counter = field(default_factory=Counter)
    rijen: int = 0
    plan_bevestigd: bool = False

    def fout(self, fout):
        """Telt een fout en bewaart hem (met een afgekorte waarde) zolang er plaats is."""
        self.aantal_fouten += 1
        if len(self.fouten) < MAX_FOUTEN:
            self.fouten.append(fout._replace(waarde=kort(fout.waarde)))

    def wijs_af(self, fouten):
        """Eén rij afgewezen, met deze fouten."""
        self.afgewezen += 1
        for fout in fouten:
            self.fout(fout)


def controleer_bestand(inhoud, voortgang=None):
    """Bytes -> Controle (lezen, formaat herkennen, elke rij controleren).

    Lezen en controleren gaan rij voor rij in één lus; `voortgang("controleren", rijen)`
    hoort elke VOORTGANG_PER rijen hoeveel er gelezen en gecontroleerd zijn (het totaal is
    pas aan het eind bekend). Raises BestandFout als het bestand als geheel niet te lezen is.
    """
    return controleer(lees_bestand(inhoud, is_kopregel), voortgang=voortgang)


def is_kopregel(kop):
    """True als deze regel (lijst van tekst) een kopregel is: van een formaat dat het dashboard
    leest, of van een bekende andere tabel (tabellen.py, die dan met zijn naam geweigerd wordt).
    Voor lezen.lees_bestand, dat zo een titel boven de kopregel overslaat."""
    if bekende_tabel(kop) is not None:
        return True
    try:
        herken_formaat(kop)
    except BestandFout:
        return False
    return True


def controleer(tabel, namen=None, voortgang=None):
    """Tabel -> Controle. `namen` (Namen) kan een test meegeven; anders uit de database;
    `voortgang` zie controleer_bestand.

    Raises BestandFout als het bestand geen rijen heeft, te veel rijen, of kapotte CSV, en
    als de kopregel een andere tabel van StatLine is (tabellen.py: de melding noemt hem).
    """
    weiger_bekende_tabel(tabel.kop, rij=tabel.kopregel)
    try:
        formaat = herken_formaat(tabel.kop)
    except BestandFout as fout:
        # Met de rij van de kopregel in het bestand (onder een titel is dat niet rij 1).
        reden, kolom, waarde = statline_uitleg(tabel.kop) or fout.fout.reden, *fout.fout[1:3]
        raise BestandFout(reden, rij=tabel.kopregel, kolom=kolom, waarde=waarde) from fout
    if formaat.soort == Import.Soort.POLITIE:
        politie.zorg_voor_soorten(PolitieCategorie, Categorie)
    controle = Controle(formaat, tabel.codering, tabel.scheidingsteken, namen or Namen())
    controle.overgeslagen.update(tabel.overgeslagen)
    rijformaat = PER_SOORT[formaat.soort]
    if formaat.soort == Import.Soort.KERNCIJFERS and "jaar" not in formaat.kolommen:
        rijformaat = kerncijfers_zonder_jaarkolom(tabel.titelregels, tabel.kopregel)
    rijcontrole = Rijcontrole(rijformaat, formaat, controle.namen)
    with zonder_cyclische_opruiming():
        dubbel = _controleer_rijen(tabel, controle, rijcontrole, voortgang)
    if controle.rijen == 0:
        raise BestandFout(
            "Het bestand heeft een kopregel maar geen rijen met gegevens.", rij=tabel.kopregel + 1
        )
    if dubbel:
        controle.regels = [regel for i, regel in enumerate(controle.regels) if i not in dubbel]
    return controle


@contextlib.contextmanager
def zonder_cyclische_opruiming():
    """Zet de cyclische garbage collector van Python uit zolang de rijen gecontroleerd worden.

    De controle houdt tot miljoenen regels (tuples) vast die geen kringen vormen; de collector
    zou ze bij elke ronde opnieuw doorlopen, wat bij een miljoen rijen meer tijd kost dan de
    controle zelf. Wat vrijkomt, ruimt de referentietelling gewoon op; daarna staat de
    collector weer aan (als hij aan stond).
    """
    aan = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if aan:
            gc.enable()


def _controleer_rijen(tabel, controle, rijcontrole, voortgang=None):
    """Controleert elke rij (rij 2 en verder) en zet de geldige regels in controle.regels.

    Lege regels en een herhaalde kopregel tellen niet mee (wel in controle.overgeslagen); een rij met een ander aantal velden dan de kopregel is
    afgewezen. Geeft de indexen van de regels waarvan de sleutel later nog eens voorkomt
    (die worden allebei afgewezen). `voortgang("controleren", rijen)` elke VOORTGANG_PER
    rijen, als gegeven. Raises BestandFout bij te veel rijen of kapotte CSV.
    """
    breedte, limiet = len(tabel.kop), max_rijen()
    controleer_rij, sleutel = rijcontrole.controleer, rijcontrole.sleutel
    gezien, regels, dubbel = {}, controle.regels, set()
    rijnummer, rijen = tabel.kopregel, 0
    try:
        for rijnummer, rij in enumerate(tabel.rijen, start=tabel.kopregel + 1):
            if _overgeslagen_regel(controle, rijnummer, rij, tabel.kop):
                continue
            if len(rij) != breedte:
                rijen += _andere_breedte(controle, rijnummer, rij, breedte)
                continue
            rijen += 1
            if rijen > limiet:
                raise BestandFout(
                    f"Het bestand heeft meer dan {getal(limiet)} rijen; splits het, "
                    "bijvoorbeeld per jaar.",
                    kolom="bestand",
                )
            if voortgang is not None and not rijen % VOORTGANG_PER:
                voortgang("controleren", rijen)
            regel = controleer_rij(rijnummer, rij, controle)
            if regel is None:
                continue
            eerder = gezien.setdefault(regel[sleutel], len(regels))
            if eerder == len(regels):
                regels.append(regel)
            else:
                _wijs_dubbele_af(controle, regels[eerder].rij, rijnummer, rij, eerder not in dubbel)
                dubbel.add(eerder)
    except csv.Error as fout:
        raise BestandFout(
            f"Rij {rijnummer + 1} is geen geldige CSV ({fout}).", rij=rijnummer + 1
        ) from fout
    controle.rijen = rijen
    return dubbel


LEGE_RIJEN = "lege rijen overgeslagen"
# De voet van een download: bron, copyright, toelichting (één gevulde cel, de eerste).
VOET = re.compile(
    r"^(bron|bronnen|source|©|\(c\)|copyright|centraal bureau|cbs|politie|opmerking|"
    r"toelichting|verklaring|gegevens|stand|geraadpleegd|let op|noot|\*)",
    re.I,
)


def _overgeslagen_regel(controle, rijnummer, rij, kop):
    """Slaat een rij over die geen gegevens is, en telt hem in controle.overgeslagen:

    - een rij met alleen lege cellen, hoe breed ook (Excel bewaart opgemaakte lege rijen als
      `;;;;;;` in CSV of als rijen `None` in XLSX): "lege rijen overgeslagen";
    - een rij gelijk aan de kopregel (twee downloads onder elkaar geplakt): "kopregel herhaald
      op rij N", één melding in plaats van een fout per kolom;
    - een regel met alleen eenheden onder de kopregel (StatLine: `;;;aantal`): "eenheidregel
      op rij N overgeslagen";
    - een voetregel met alleen de eerste cel gevuld die met een bron of toelichting begint
      ("Bron: CBS", "© Politie"): "voetregel overgeslagen: <tekst>".

    Eerst de eerste cel, zodat een gewone rij niets extra kost. Geeft True als overgeslagen.
    """
    eerste = rij[0].strip() if rij else ""
    if not eerste:
        if not any(cel.strip() for cel in rij):
            controle.overgeslagen[LEGE_RIJEN] += 1
            return True
        if all(EENHEID.match(cel.strip()) for cel in rij if cel.strip()):
            controle.overgeslagen[f"eenheidregel op rij {rijnummer} overgeslagen"] += 1
            return True
        return False
    if eerste == kop[0] and len(rij) == len(kop) and [cel.strip() for cel in rij] == kop:
        controle.overgeslagen[f"kopregel herhaald op rij {rijnummer}"] += 1
        return True
    if (
        (len(rij) == 1 or not rij[-1].strip())
        and VOET.match(eerste)
        and not any(cel.strip() for cel in rij[1:])
    ):
        controle.overgeslagen[f"voetregel overgeslagen: {kort(eerste, 60)}"] += 1
        return True
    return False


def _andere_breedte(controle, rijnummer, rij, breedte):
    """Een rij met een ander aantal velden: afgewezen (1 rij)."""
    reden = f"De rij heeft {len(rij)} velden; de kopregel heeft er {breedte}."
    controle.wijs_af([Fout(rijnummer, "", f"{len(rij)} velden", reden)])
    return 1


def _wijs_dubbele_af(controle, eerste_rij, rijnummer, rij, eerste):
    """Een tweede regel met dezelfde sleutel: die rij afgewezen, en bij de eerste herhaling
    ook de rij waar de sleutel eerst stond (geen van beide wordt geïmporteerd)."""
    formaat = controle.formaat
    kolom = formaat.namen.get("periode") or formaat.namen.get("jaar")
    if eerste:
        reden = f"Dezelfde sleutel staat ook in rij {rijnummer}; geen van beide wordt geïmporteerd."
        controle.wijs_af([Fout(eerste_rij, kolom, "", reden)])
    sleutel = "/".join(
        rij[formaat.kolommen[naam]].strip()
        for naam in ("gebied", "regio", "categorie", "soort", "periode", "jaar")
        if naam in formaat.kolommen and not (naam == "jaar" and "periode" in formaat.kolommen)
    )
    reden = f"Dubbel: dezelfde sleutel staat al in rij {eerste_rij}."
    controle.wijs_af([Fout(rijnummer, kolom, sleutel, reden)])


class Onthouden(dict):
    """De lezer van één kolom die de uitkomst van elke tekst onthoudt: `onthouden[tekst]`.

    Tot MAX_ONTHOUDEN verschillende teksten; daarna wordt een nieuwe tekst gelezen zonder hem
    te bewaren (het geheugen blijft begrensd, ook bij een kolom met alleen unieke waarden).
    Een bekende tekst kost alleen het opzoeken in de dict, zonder Python-aanroep.
    """

    def __init__(self, lees, namen):
        super().__init__()
        self.lees, self.namen = lees, namen

    def __missing__(self, tekst):
        uitkomst = self.lees(tekst, self.namen)
        if len(self) < MAX_ONTHOUDEN:
            self[tekst] = uitkomst
        return uitkomst


def lees_als_leeg(lees, tekst, namen):
    """Een kolom die het bestand niet heeft, leest elke cel als een lege cel."""
    return lees("", namen)


class Rijcontrole:
    """Past een Rijformaat toe op de rijen van één bestand (zie de uitleg bovenaan).

    Een rij wordt één tuple van waarden, één per kolom van het Rijformaat, elk een waarde of
    een Afwijking. Het gewone geval (geen Afwijking, geen Samenhang) is zo kort mogelijk: de
    open data van de politie heeft er een miljoen van.
    """

    def __init__(self, rijformaat, formaat, namen):
        self.rijformaat, self.namen = rijformaat, namen
        self.sleutel, self.maak = rijformaat.sleutel, rijformaat.maak
        kolommen = rijformaat.kolommen
        indexen = [formaat.kolommen.get(kolom.naam) for kolom in kolommen]
        # Een ontbrekende kolom leest de cel van de eerste kolom, als lege tekst.
        self.cellen = operator.itemgetter(
            *[indexen[0] if index is None else index for index in indexen]
        )
        self.lezers = [
            Onthouden(
                functools.partial(lees_als_leeg, kolom.lees) if index is None else kolom.lees,
                namen,
            )
            for kolom, index in zip(kolommen, indexen, strict=True)
        ]
        self.koppen = [formaat.namen.get(kolom.naam, "") for kolom in kolommen]
        positie = {kolom.naam: nummer for nummer, kolom in enumerate(kolommen)}
        self.samenhang = [
            (positie[samenhang.kolom], [positie[naam] for naam in samenhang.nodig], samenhang.reden)
            for samenhang in rijformaat.samenhang
        ]

    def controleer(self, rijnummer, rij, controle):
        """De regel van een geldige rij, of None (afgewezen of overgeslagen, in controle)."""
        waarden = tuple(map(operator.getitem, self.lezers, self.cellen(rij)))
        if self.samenhang or Afwijking in map(type, waarden):
            return self._controleer_verder(rijnummer, rij, waarden, controle)
        return self.maak(rijnummer, waarden)

    def _controleer_verder(self, rijnummer, rij, waarden, controle):
        redenen = self._redenen(waarden)
        if redenen:
            cellen, kolommen = self.cellen(rij), self.rijformaat.kolommen
            controle.wijs_af(
                Fout(rijnummer, self.koppen[nummer], kolommen[nummer].toon(cellen[nummer]), reden)
                for nummer, reden in sorted(redenen.items())
            )
            return None
        overslaan = [waarde for waarde in waarden if type(waarde) is Afwijking]
        if overslaan:
            controle.overgeslagen[overslaan[0].reden] += 1
            return None
        return self.maak(rijnummer, waarden)

    def _redenen(self, waarden):
        """Positie van de kolom -> reden, voor elke afgewezen cel en elke Samenhang die faalt."""
        redenen = {
            nummer: waarde.reden
            for nummer, waarde in enumerate(waarden)
            if type(waarde) is Afwijking and waarde.uitkomst is Uitkomst.AFGEWEZEN
        }
        for kolom, nodig, reden in self.samenhang:
            if all(type(waarden[nummer]) is not Afwijking for nummer in nodig):
                tekst = reden(self.namen, *[waarden[nummer] for nummer in nodig])
                if tekst:
                    redenen.setdefault(kolom, tekst)
        return redenen
