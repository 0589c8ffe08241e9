"""Rechtstreeks van de bron: de nieuwste politiecijfers uit de open data van het CBS.

Tabel 47013NED (Geregistreerde misdrijven; soort misdrijf, regio, per maand) via de OData-v3
API van het CBS:

- de dimensies (codes en namen) uit https://opendata.cbs.nl/ODataApi/odata/47013NED/RegioS,
  .../SoortMisdrijf en .../Perioden (met Key, Title en bij Perioden Status: Definitief,
  Voorlopig of Nader voorlopig);
- de cijfers uit https://opendata.cbs.nl/ODataFeed/odata/47013NED/TypedDataSet, met $filter
  op RegioS en Perioden; een antwoord heeft hoogstens 10.000 rijen, de rest volgt via
  `odata.nextLink` (de ODataApi weigert meer dan 10.000 rijen, de ODataFeed pagineert).

De cijfers worden een CSV in de codevariant van de download van de politie, met de naam
erbij ("GM0308 Baarn", "1.1.1 Diefstal/inbraak woning") en de status van de periode
(`Status`), en gaan dan door precies dezelfde controle, hetzelfde voorbeeld (in de worker:
taken.nieuw_voorbeeld) en dezelfde bevestiging als een geüpload bestand. Een lege waarde (null: geheim of
niet geleverd) blijft leeg: geheim, nooit nul. Zo krijgen referentiegebieden en soorten hun
naam uit de dimensie.
"""

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from cijfers.importeren.lezen import max_bytes, te_groot
from cijfers.importeren.taken import nieuw_voorbeeld
from ivp.models import Gebied

CBS_TABEL = "47013NED"
CBS_API = "https://opendata.cbs.nl/ODataApi/odata/47013NED"
CBS_FEED = "https://opendata.cbs.nl/ODataFeed/odata/47013NED"
NEDERLAND = "NL01"
TIMEOUT = 30  # seconden per verzoek
KOLOMMEN = ("SoortMisdrijf", "RegioS", "Perioden", "GeregistreerdeMisdrijven_1", "Status")
ONBEREIKBAAR = (
    "Het CBS is vanaf deze server nu niet te bereiken; download de cijfers zelf en upload "
    "het bestand hieronder."
)


class CbsOnbereikbaar(Exception):
    """Geen (bruikbaar) antwoord van het CBS: geen netwerk, een time-out, een HTTP-fout of
    geen JSON. str() is de zin voor de gebruiker (ONBEREIKBAAR); `oorzaak` de technische."""

    def __init__(self, oorzaak=""):
        super().__init__(ONBEREIKBAAR)
        self.oorzaak = str(oorzaak)


def haal_json(url, timeout=TIMEOUT):
    """GET `url` -> de JSON (dict). Raises CbsOnbereikbaar bij elke fout van netwerk of inhoud."""
    verzoek = urllib.request.Request(
        url, headers={"Accept": "application/json", "User-Agent": "ivp-bes-dashboard"}
    )
    try:
        with urllib.request.urlopen(verzoek, timeout=timeout) as antwoord:
            return json.load(antwoord)
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as fout:
        raise CbsOnbereikbaar(fout) from fout


def alle_rijen(url, haal=None):
    """Alle rijen (`value`) van een OData-v3-antwoord, ook van de volgende pagina's
    (`odata.nextLink`). `haal(url) -> dict` (standaard haal_json; de tests geven opgenomen
    antwoorden)."""
    haal = haal or haal_json
    while url:
        antwoord = haal(url)
        yield from antwoord.get("value", [])
        url = antwoord.get("odata.nextLink")


@dataclass
class Cbscijfers:
    """Wat het CBS gaf: de rijen van TypedDataSet (dicts) en de namen uit de dimensies.

    `regio`: code (zonder spaties) -> naam; `soort`: code -> titel; `periode`: code -> status
    (Definitief, Voorlopig, Nader voorlopig).
    """

    rijen: list = field(default_factory=list)
    regio: dict = field(default_factory=dict)
    soort: dict = field(default_factory=dict)
    periode: dict = field(default_factory=dict)


def _dimensie(naam, haal):
    return {rij["Key"].strip(): rij for rij in alle_rijen(f"{api_url()}/{naam}?$format=json", haal)}


def api_url():
    """De ODataApi van 47013NED (dimensies); settings.CBS_ODATA_API kan hem vervangen."""
    return getattr(settings, "CBS_ODATA_API", CBS_API)


def feed_url():
    """De ODataFeed van 47013NED (de cijfers, met paginering); settings.CBS_ODATA_FEED."""
    return getattr(settings, "CBS_ODATA_FEED", CBS_FEED)


def nieuwste_jaren(perioden, aantal=2):
    """De laatste `aantal` jaren met maandcijfers in de dimensie Perioden (codes 2025MM10)."""
    jaren = sorted({code[:4] for code in perioden if code[4:6] == "MM"})
    return jaren[-aantal:]


def haal_politiecijfers(codes, alle_gemeenten=False, jaren=2, haal=None):
    """Haalt de maandcijfers van de laatste `jaren` jaren bij het CBS -> Cbscijfers.

    `codes`: de CBS-codes van de gebieden (GM0308, NL01); met `alle_gemeenten` ook elke
    gemeente (RegioS die met GM begint). Codes die het CBS niet kent, worden niet gevraagd.
    Raises CbsOnbereikbaar.
    """
    regio = _dimensie("RegioS", haal)
    soort = _dimensie("SoortMisdrijf", haal)
    periode = _dimensie("Perioden", haal)
    gevraagd = [regio[code]["Key"] for code in dict.fromkeys(codes) if code in regio]
    regiofilter = [f"RegioS eq '{key}'" for key in gevraagd]
    if alle_gemeenten:
        regiofilter.append("substringof('GM',RegioS)")
    periodefilter = [f"substringof('{jaar}MM',Perioden)" for jaar in nieuwste_jaren(periode, jaren)]
    cijfers = Cbscijfers(
        regio={code: rij["Title"].strip() for code, rij in regio.items()},
        soort={code: rij["Title"].strip() for code, rij in soort.items()},
        periode={code: (rij.get("Status") or "").strip() for code, rij in periode.items()},
    )
    if not regiofilter or not periodefilter:
        return cijfers
    filter_ = f"({' or '.join(regiofilter)}) and ({' or '.join(periodefilter)})"
    query = urllib.parse.urlencode(
        {
            "$filter": filter_,
            "$select": ",".join(KOLOMMEN[:4]),
            "$format": "json",
        },
        quote_via=urllib.parse.quote,
    )
    cijfers.rijen = list(alle_rijen(f"{feed_url()}/TypedDataSet?{query}", haal))
    return cijfers


def als_csv(cijfers):
    """Cbscijfers -> bytes: een CSV (UTF-8, puntkomma) in de codevariant van de politie met de
    namen erbij en de kolom Status; een null-waarde blijft leeg (geheim)."""
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\n")
    schrijver.writerow(KOLOMMEN)
    for rij in cijfers.rijen:
        soort = rij["SoortMisdrijf"].strip()
        regio = rij["RegioS"].strip()
        periode = rij["Perioden"].strip()
        waarde = rij.get("GeregistreerdeMisdrijven_1")
        schrijver.writerow(
            (
                _met_titel(soort, cijfers.soort.get(soort, "")),
                f"{regio} {cijfers.regio[regio]}" if cijfers.regio.get(regio) else regio,
                periode,
                "" if waarde is None else waarde,
                cijfers.periode.get(periode, ""),
            )
        )
    return uit.getvalue().encode("utf-8")


def _met_titel(code, titel):
    """'1.1.1' en 'Diefstal/inbraak woning' (of al '1.1.1 Diefstal/...') -> '1.1.1 Diefstal/...'."""
    if not titel:
        return code
    return titel if titel.startswith(code) else f"{code} {titel}"


def eigen_codes():
    """De CBS-codes van de eigen gebieden van de site (Gebied.objects.eigen()) en Nederland."""
    codes = Gebied.objects.eigen().exclude(cbs_code="").values_list("cbs_code", flat=True)
    return [*sorted(code for code in codes if code), NEDERLAND]


def maak_cbs_voorbeeld(gebruiker, alle_gemeenten=False, haal=None, in_de_rij=True):
    """Haalt de nieuwste cijfers (eigen gebieden en Nederland, met `alle_gemeenten` elke
    gemeente) en laat er een voorbeeld van maken zoals bij een upload (taken.nieuw_voorbeeld:
    in de worker, met `in_de_rij=False` hier en nu) -> Import (niets geïmporteerd). Raises
    CbsOnbereikbaar, en BestandFout als het resultaat te groot is (lezen.te_groot); een
    resultaat dat niet te lezen is, wordt een Import met status NIET_TE_LEZEN."""
    cijfers = haal_politiecijfers(eigen_codes(), alle_gemeenten=alle_gemeenten, haal=haal)
    inhoud = als_csv(cijfers)
    if len(inhoud) > max_bytes():
        raise te_groot(len(inhoud))
    wanneer = timezone.localtime().strftime("%Y-%m-%d %H.%M")
    omvang = "alle gemeenten" if alle_gemeenten else "eigen gebieden"
    naam = f"CBS {CBS_TABEL}, {omvang}, opgehaald {wanneer}"
    return nieuw_voorbeeld(inhoud, naam, gebruiker, in_de_rij=in_de_rij)


@task()
def haal_politiecijfers_taak(alle_gemeenten=False):
    """De taak achter `manage.py haal_politiecijfers --in-de-rij`: haalt de cijfers en maakt
    het voorbeeld in de worker, meteen in deze taak (maak_cbs_voorbeeld met in_de_rij=False;
    niets geïmporteerd tot iemand bevestigt) en geeft het nummer van de Import. Raises
    CbsOnbereikbaar zonder netwerk (de taak is dan mislukt)."""
    return maak_cbs_voorbeeld(None, alle_gemeenten=alle_gemeenten, in_de_rij=False).pk
