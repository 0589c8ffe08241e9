"""Trendberekening (pandas): van losse cijfers naar trendtabellen en veranderingen.

Zuivere functies op gewone gegevens, getest in tests/test_trends.py. Ontbrekend blijft
ontbrekend: er wordt nergens met 0 aangevuld, en een verandering vanaf 0 heeft geen
percentage.
"""

import math
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from itertools import accumulate
from operator import itemgetter

import numpy as np
import pandas as pd
from django.db import models

from cijfers import statistiek
from cijfers.models import Cijfer

# Tekens zoals het CBS ze gebruikt.
ONTBREEKT = "."
GEHEIM = "x"
VOORLOPIG = "*"
NIETS = "–"

# De drie banden uit de legenda van de gemeentetabellen in de bron.
DALING = "daling"
STABIEL = "stabiel"
STIJGING = "stijging"
BAND_GRENS = 10

# |A - B| / sqrt(A + B) onder deze grens: het verschil kan toeval zijn.
TOEVAL_GRENS = 2


def procentuele_verandering(oud, nieuw):
    """Verandering van oud naar nieuw in hele procenten, zoals de bron afrondt (half omhoog).

    Geen percentage (None) als een van beide ontbreekt of als oud nul is: een
    verandering vanaf nul heeft geen percentage.
    """
    if is_leeg(oud) or is_leeg(nieuw) or oud == 0:
        return None
    procent = Decimal(int(nieuw) - int(oud)) * 100 / Decimal(int(oud))
    return int(procent.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def band(procent):
    """De band van de bron: daling of stijging van 10% of meer, of minder dan 10%."""
    if procent is None:
        return None
    if procent <= -BAND_GRENS:
        return DALING
    if procent >= BAND_GRENS:
        return STIJGING
    return STABIEL


def toevalsindex(oud, nieuw):
    """|A - B| / sqrt(A + B) voor twee tellingen; None als er niets te vergelijken is."""
    if is_leeg(oud) or is_leeg(nieuw) or oud + nieuw == 0:
        return None
    return abs(nieuw - oud) / math.sqrt(oud + nieuw)


def binnen_toeval(oud, nieuw):
    """True als toeval het verschil kan verklaren (index onder 2)."""
    index = toevalsindex(oud, nieuw)
    return index is not None and index < TOEVAL_GRENS


def cel_weergave(waarde, status):
    """De tekst van een cel: het getal, of het CBS-teken voor ontbrekend of geheim."""
    if status is None or (isinstance(status, float) and math.isnan(status)):
        return ONTBREEKT
    if status == Cijfer.Status.GEHEIM or is_leeg(waarde):
        return GEHEIM
    tekst = f"{int(waarde):,}".replace(",", ".")
    return tekst + VOORLOPIG if status == Cijfer.Status.VOORLOPIG else tekst


KOLOMMEN = ["gebied", "categorie", "jaar", "periode", "waarde", "status"]
INWONERS = ["inwoners", "inwoners_bron"]
# De titel van de bron van een geïmporteerd cijfer (None voor een cijfer uit het plan), zie
# CijferQuerySet.records; een som (jaar uit delen, team uit leden) is geïmporteerd als een deel
# het is.
IMPORTBRON = "importbron"
# De titel van de bron van elk cijfer (CijferQuerySet.records); een som (jaar uit delen, team uit
# leden) heeft de titels van al haar delen, gesorteerd en gescheiden door "; ".
BRON = "bron_titel"


def jaarframe(records):
    """Lang DataFrame van jaarcijfers uit dicts met gebied, categorie, jaar, periode, waarde, status.

    Een opgeslagen jaarcijfer (periode == jaar) gaat voor. Zonder jaarcijfer is het jaar de som
    van zijn twee halfjaren, en een halfjaar de som van zijn zes maanden, maar alleen als ze er
    allemaal zijn: een gedeeltelijk jaar is geen jaarcijfer (ontbrekend is geen nul). Is een
    deel geheim, dan is de som geheim; is een deel voorlopig, dan is de som voorlopig.
    Hebben de records inwoners (records(inwoners=True)), dan gaan die per gebied en jaar mee;
    hebben ze een importbron (records()), dan gaat die mee (een som: de eerste bekende van haar
    delen), en zo ook de titel van de bron (kolom BRON; een som: die van al haar delen).

    Kolommen: gebied, categorie, jaar (int64), waarde (Int64), status en de extra kolommen die
    de records hebben (INWONERS, IMPORTBRON, BRON, in die volgorde); eerst de opgeslagen jaren in
    de volgorde van de records, dan de sommen, in de volgorde van hun eerste deel. Elke kolom
    heeft de soort (dtype) die DataFrame.from_records over álle records haar geeft.

    Hoe: de sommen worden met numpy over kolommen van de records gemaakt (`_Delen`,
    `_som_per_groep`), niet met een pandas-groupby per stap: op landelijke omvang (duizenden
    maanden) kostte dat het grootste deel van een koude gebiedspagina. Alleen de jaarrijen en de
    sommen worden een DataFrame.
    """
    records = list(records)
    extra = [k for k in [*INWONERS, IMPORTBRON, BRON] if records and k in records[0]]
    delen = _Delen(records, KOLOMMEN + extra)
    jaren = delen.frame(delen.jaarrijen)
    if len(delen.jaarrijen) < len(records):
        sommen = _jaarsommen(_halfjaarsommen(delen, extra), extra)
        if sommen is not None:
            bekend = set(zip(jaren["gebied"], jaren["categorie"], jaren["jaar"], strict=True))
            afgeleid = _somframe(sommen, jaren, extra)
            nieuw = [s not in bekend for s in sommen["sleutels"]]
            jaren = pd.concat([jaren, afgeleid[nieuw]], ignore_index=True)
    jaren = jaren.astype({"jaar": "int64", "waarde": "Int64"})
    return jaren.drop(columns=["periode"]).reset_index(drop=True)


# Zoals DataFrame.from_records een sleutel vult die een record niet heeft.
_ZONDER = math.nan


class _Delen:
    """De records als kolommen (numpy-objectarrays, `kolom(naam)`), met de rijnummers van de
    jaarcijfers (`jaarrijen`: periode == jaar, zoals jaarframe ze altijd vergeleek), van de
    maanden (`maandrijen`, met hun helft in `maandhelft`: 0 voor maand 1-6, 1 voor 7-12) en van
    de opgeslagen halfjaren (`halfjaarrijen`, met hun helft als tekst in `halfjaarhelft`:
    wat na de vijfde tekens van de periode staat)."""

    def __init__(self, records, kolommen):
        self.records, self.kolommen = records, kolommen
        self._kolommen = {}
        self.jaarrijen, self.maandrijen, self.halfjaarrijen = [], [], []
        self.maandhelft, self.halfjaarhelft = [], []
        if not records:
            return
        # Een pagina heeft duizenden records maar een paar honderd perioden en jaren: elke
        # periode en elk jaar wordt één keer gelezen, en de rijen volgen met numpy.
        perioden, periodecodes = self._uniek("periode")
        jaren, jaarcodes = self._uniek("jaar")
        perioden = [p if type(p) is str else str(p) for p in perioden]
        jaren = [str(int(j)) for j in jaren]
        is_jaar = np.array([[p == j for j in jaren] for p in perioden], dtype=bool)
        is_jaar = is_jaar[periodecodes, jaarcodes]
        delen = [p[5:] for p in perioden]
        # Per periode: 0/1 voor een maand in H1/H2, -1 anders; of ze een opgeslagen halfjaar is.
        helft = np.array([(0 if int(d) <= 6 else 1) if d.isdigit() else -1 for d in delen])
        is_half = np.array([not d.isdigit() and d.startswith("H") for d in delen], dtype=bool)
        self.jaarrijen = np.flatnonzero(is_jaar).tolist()
        maand = ~is_jaar & (helft[periodecodes] >= 0)
        self.maandrijen = np.flatnonzero(maand).tolist()
        self.maandhelft = helft[periodecodes[maand]].tolist()
        half = ~is_jaar & is_half[periodecodes]
        self.halfjaarrijen = np.flatnonzero(half).tolist()
        self.halfjaarhelft = [delen[code] for code in periodecodes[half].tolist()]

    def _uniek(self, naam):
        """(de verschillende waarden van een kolom, per record het nummer van de zijne)."""
        codes, uniek = pd.factorize(self.kolom(naam), use_na_sentinel=False)
        return list(uniek), codes

    def kolom(self, naam):
        """De waarden van een kolom (objectarray), in de volgorde van de records."""
        if naam not in self._kolommen:
            try:
                waarden = list(map(itemgetter(naam), self.records))
            except KeyError:
                waarden = [r.get(naam, _ZONDER) for r in self.records]
            kolom = np.empty(len(waarden), dtype=object)
            kolom[:] = waarden
            self._kolommen[naam] = kolom
        return self._kolommen[naam]

    def frame(self, rijen):
        """DataFrame.from_records van deze rijen (jaar int64, waarde Int64, periode str), met
        per kolom de soort die from_records over álle records zou geven (een inwonertal dat
        ergens ontbreekt maakt de kolom float64, ook in deze rijen): een paar records gaan mee
        (`_vertegenwoordigers`) en er daarna weer af."""
        extra = self._vertegenwoordigers()
        gekozen = [self.records[i] for i in rijen]
        frame = pd.DataFrame.from_records([*gekozen, *extra], columns=self.kolommen)
        frame = frame.astype({"jaar": "int64", "waarde": "Int64", "periode": "str"})
        return frame.iloc[: len(gekozen)] if extra else frame

    def _vertegenwoordigers(self):
        """Per kolom het eerste record met elke Python-soort van waarde (int, float, str, None,
        ...) en, voor gehele getallen, die met het kleinste en het grootste: de soort die
        from_records een kolom geeft, hangt alleen af van welke soorten waarden erin staan (en
        voor gehele getallen van hun bereik)."""
        gekozen = set()
        for naam in self.kolommen:
            waarden = self.kolom(naam).tolist()
            soorten = set(map(type, waarden))
            for soort in soorten:
                gekozen.add(next(i for i, w in enumerate(waarden) if type(w) is soort))
            if int in soorten:
                getallen = waarden if len(soorten) == 1 else [w for w in waarden if type(w) is int]
                gekozen.add(waarden.index(min(getallen)))
                gekozen.add(waarden.index(max(getallen)))
        return [self.records[i] for i in sorted(gekozen)]


def _groepnummers(sleutels):
    """Per rij het nummer van haar groep (0, 1, ... in de volgorde waarin de groepen voor het
    eerst voorkomen, zoals groupby(sort=False)); `sleutels` zijn arrays van gelijke lengte."""
    nummers = np.zeros(len(sleutels[0]), dtype=np.int64)
    for sleutel in sleutels:
        codes, uniek = pd.factorize(sleutel)
        nummers = pd.factorize(nummers * len(uniek) + codes)[0]
    return nummers


def _som_per_groep(sleutels, waarden, geheim, voorlopig, extra, titels):
    """De som per groep van rijen met dezelfde `sleutels` (arrays), zoals _optellen: per groep
    (volgorde van eerste voorkomen) {"eerste": eerste rij, "aantal", "som" (de bekende
    waarden opgeteld, 0 zonder), "geheim"/"voorlopig" (een rij is het), "extra": per array in
    `extra` het rijnummer van de eerste bekende waarde (anders de eerste rij: leeg), "bron":
    de titels (`titels`, of None) samen (_bronnen_samen)}."""
    nummers = _groepnummers(sleutels)
    aantal_groepen = int(nummers.max()) + 1
    eerste = np.unique(nummers, return_index=True)[1]
    bekend = ~pd.isna(waarden)
    som = np.zeros(aantal_groepen, dtype=np.int64)
    np.add.at(som, nummers[bekend], waarden[bekend].astype(np.int64))
    uitkomst = {
        "eerste": eerste,
        "aantal": np.bincount(nummers, minlength=aantal_groepen),
        "som": som,
        "geheim": np.bincount(nummers, weights=geheim, minlength=aantal_groepen) > 0,
        "voorlopig": np.bincount(nummers, weights=voorlopig, minlength=aantal_groepen) > 0,
        "extra": [],
        "bron": None,
    }
    for kolom in extra:
        rijen = np.flatnonzero(~pd.isna(kolom))
        groepen, plaats = np.unique(nummers[rijen], return_index=True)
        gekozen = eerste.copy()
        gekozen[groepen] = rijen[plaats]
        uitkomst["extra"].append(gekozen)
    if titels is not None:
        uitkomst["bron"] = _bronnen_per_groep(titels, nummers, aantal_groepen)
    return uitkomst


def _statusvlaggen(statussen):
    return (
        (statussen == Cijfer.Status.GEHEIM.value).astype(np.int64),
        (statussen == Cijfer.Status.VOORLOPIG.value).astype(np.int64),
    )


def _status(geheim, voorlopig):
    """De status van een som: geheim als een deel geheim is, anders voorlopig als een deel
    voorlopig is, anders definitief (arrays van bools, een lijst van teksten)."""
    geheim_, voorlopig_, definitief = (
        Cijfer.Status.GEHEIM.value,
        Cijfer.Status.VOORLOPIG.value,
        Cijfer.Status.DEFINITIEF.value,
    )
    return [
        geheim_ if g else (voorlopig_ if v else definitief)
        for g, v in zip(geheim.tolist(), voorlopig.tolist(), strict=True)
    ]


def _halfjaarsommen(delen, extra):
    """De halfjaren als kolommen (dict van arrays, alle even lang): eerst de opgeslagen
    halfjaren in de volgorde van de records, dan de sommen van zes maanden die er alle zes
    zijn en geen opgeslagen halfjaar hebben, in de volgorde van hun eerste maand. Kolommen:
    gebied, categorie, jaar, helft (tekst), waarde (objecten, None voor leeg), geheim en
    voorlopig (0/1), status, de extra kolommen (objecten) en "rij" (het record van een
    opgeslagen halfjaar, -1 voor een som); None als er geen halfjaren zijn."""
    eerste = [k for k in extra if k != BRON]
    stukken = []
    rijen = np.array(delen.halfjaarrijen, dtype=np.int64)
    if len(rijen):
        kolommen = {
            k: delen.kolom(k)[rijen]
            for k in ["gebied", "categorie", "jaar", "waarde", "status", *extra]
        }
        geheim, voorlopig = _statusvlaggen(kolommen["status"])
        kolommen.update(
            helft=np.array(delen.halfjaarhelft, dtype=object),
            geheim=geheim,
            voorlopig=voorlopig,
            rij=rijen,
        )
        stukken.append(kolommen)
    opgeslagen = set()
    if stukken:
        opgeslagen = set(
            zip(
                *(stukken[0][k].tolist() for k in ("gebied", "categorie", "jaar", "helft")),
                strict=True,
            )
        )
        opgeslagen = {(g, c, int(j), h) for g, c, j, h in opgeslagen}
    rijen = np.array(delen.maandrijen, dtype=np.int64)
    if len(rijen):
        gebied, categorie, jaar = (delen.kolom(k)[rijen] for k in ("gebied", "categorie", "jaar"))
        helft = np.array(delen.maandhelft, dtype=np.int64)
        geheim, voorlopig = _statusvlaggen(delen.kolom("status")[rijen])
        waarden = delen.kolom("waarde")[rijen]
        extrawaarden = [delen.kolom(k)[rijen] for k in eerste]
        som = _som_per_groep(
            [gebied, categorie, jaar, helft],
            waarden,
            geheim,
            voorlopig,
            extrawaarden,
            delen.kolom(BRON)[rijen] if BRON in extra else None,
        )
        eerste_rij = som["eerste"]
        helften = np.where(helft[eerste_rij] == 0, "H1", "H2").astype(object)
        sleutels = zip(
            gebied[eerste_rij].tolist(),
            categorie[eerste_rij].tolist(),
            jaar[eerste_rij].tolist(),
            helften.tolist(),
            strict=True,
        )
        houden = np.array(
            [(g, c, int(j), h) not in opgeslagen for g, c, j, h in sleutels], dtype=bool
        ) & (som["aantal"] == 6)
        if houden.any():
            waarde = som["som"].astype(object)
            waarde[som["geheim"]] = None
            kolommen = {
                "gebied": gebied[eerste_rij][houden],
                "categorie": categorie[eerste_rij][houden],
                "jaar": jaar[eerste_rij][houden],
                "waarde": waarde[houden],
                "status": np.array(_status(som["geheim"], som["voorlopig"]), dtype=object)[houden],
                "helft": helften[houden],
                "geheim": som["geheim"][houden].astype(np.int64),
                "voorlopig": som["voorlopig"][houden].astype(np.int64),
                "rij": np.full(int(houden.sum()), -1, dtype=np.int64),
            }
            for naam, waarden_, gekozen in zip(eerste, extrawaarden, som["extra"], strict=True):
                kolommen[naam] = waarden_[gekozen][houden]
            if BRON in extra:
                kolommen[BRON] = np.array(som["bron"], dtype=object)[houden]
            stukken.append(kolommen)
    if not stukken:
        return None
    if len(stukken) == 1:
        return stukken[0]
    return {k: np.concatenate([s[k] for s in stukken]) for k in stukken[0]}


def _jaarsommen(halfjaren, extra):
    """De jaren met precies twee halfjaren (`_halfjaarsommen`), als kolommen: "sleutels"
    [(gebied, categorie, jaar)], waarde (None voor geheim), status, de extra kolommen; in de
    volgorde van hun eerste halfjaar. None zonder zulke jaren."""
    if halfjaren is None:
        return None
    eerste = [k for k in extra if k != BRON]
    som = _som_per_groep(
        [halfjaren["gebied"], halfjaren["categorie"], halfjaren["jaar"]],
        halfjaren["waarde"],
        halfjaren["geheim"],
        halfjaren["voorlopig"],
        [halfjaren[k] for k in eerste],
        halfjaren[BRON] if BRON in extra else None,
    )
    houden = som["aantal"] == 2
    if not houden.any():
        return None
    eerste_rij = som["eerste"][houden]
    waarde = som["som"].astype(object)
    waarde[som["geheim"]] = None
    uitkomst = {
        "sleutels": list(
            zip(
                halfjaren["gebied"][eerste_rij].tolist(),
                halfjaren["categorie"][eerste_rij].tolist(),
                [int(j) for j in halfjaren["jaar"][eerste_rij].tolist()],
                strict=True,
            )
        ),
        "waarde": waarde[houden].tolist(),
        "status": [
            s
            for s, h in zip(_status(som["geheim"], som["voorlopig"]), houden.tolist(), strict=True)
            if h
        ],
    }
    for naam, gekozen in zip(eerste, som["extra"], strict=True):
        uitkomst[naam] = halfjaren[naam][gekozen[houden]].tolist()
    if BRON in extra:
        uitkomst[BRON] = [b for b, h in zip(som["bron"], houden.tolist(), strict=True) if h]
    return uitkomst


def _somframe(sommen, jaren, extra):
    """De afgeleide jaarrijen als DataFrame met de kolommen van `jaren` (de opgeslagen jaren)
    en de soorten die pandas' groupby ze gaf: sleutels zoals hun kolom in `jaren`, waarde Int64,
    status en BRON tekst, de andere extra kolommen zoals in `jaren`."""
    sleutels = sommen["sleutels"]
    kolommen = {
        "gebied": pd.Series([s[0] for s in sleutels], dtype=jaren["gebied"].dtype),
        "categorie": pd.Series([s[1] for s in sleutels], dtype=jaren["categorie"].dtype),
        "jaar": pd.Series([s[2] for s in sleutels], dtype="int64"),
        "periode": pd.Series([str(s[2]) for s in sleutels]),
        "waarde": pd.Series(sommen["waarde"], dtype="Int64"),
        "status": pd.Series(sommen["status"]),
    }
    for naam in extra:
        soort = None if naam == BRON else jaren[naam].dtype
        kolommen[naam] = pd.Series(sommen[naam], dtype=soort)
    return pd.DataFrame(kolommen)[list(jaren.columns)]


def halfjaarframe(records):
    """Halfjaren (gebied, categorie, jaar, helft, waarde, status) uit opgeslagen halfjaren en
    volledige zesmaandsreeksen; een halfjaar met een ontbrekende maand ontbreekt. Eerst de
    opgeslagen halfjaren, dan de sommen (zie jaarframe)."""
    kolommen = ["gebied", "categorie", "jaar", "helft", "waarde", "status"]
    # Alleen de maanden en halfjaren doen mee: de jaarcijfers niet.
    delen = _Delen([r for r in records if str(r["periode"]) != str(r["jaar"])], KOLOMMEN)
    halfjaren = _halfjaarsommen(delen, []) if delen.records else None
    if halfjaren is None:
        return pd.DataFrame(columns=kolommen)
    opgeslagen = halfjaren["rij"] >= 0
    stukken = []
    if opgeslagen.any():
        frame = delen.frame(halfjaren["rij"][opgeslagen].tolist())
        stukken.append(frame.assign(helft=frame["periode"].str[5:]))
    if not opgeslagen.all():
        soort = delen.frame([]).dtypes
        som = {k: halfjaren[k][~opgeslagen] for k in kolommen}
        stukken.append(
            pd.DataFrame(
                {
                    "gebied": pd.Series(som["gebied"].tolist(), dtype=soort["gebied"]),
                    "categorie": pd.Series(som["categorie"].tolist(), dtype=soort["categorie"]),
                    "jaar": pd.Series(som["jaar"].tolist(), dtype="int64"),
                    "helft": pd.Series(som["helft"].tolist()),
                    "waarde": pd.Series(som["waarde"].tolist(), dtype="Int64"),
                    "status": pd.Series(som["status"].tolist()),
                }
            )
        )
    return pd.concat(stukken, ignore_index=True)[kolommen].reset_index(drop=True)


def halfjaarveranderingen(halfjaren, sleutels, van, naar, rij_kolommen=("categorie",)):
    """Per sleutel {"h1": procent, "h2": procent}: de verandering van halfjaar tot halfjaar
    van jaar `van` naar jaar `naar`, alleen waar beide halfjaren bekend zijn."""
    if van is None or halfjaren.empty:
        return {}
    waarden = {}
    for rij in halfjaren.itertuples(index=False):
        sleutel = tuple(getattr(rij, k) for k in rij_kolommen)
        waarden[(sleutel if len(sleutel) > 1 else sleutel[0], rij.jaar, rij.helft)] = rij.waarde
    uitkomst = {}
    for sleutel in sleutels:
        for helft in ("H1", "H2"):
            procent = procentuele_verandering(
                waarden.get((sleutel, van, helft)), waarden.get((sleutel, naar, helft))
            )
            if procent is not None:
                uitkomst.setdefault(sleutel, {})[helft.lower()] = procent
    return uitkomst


def _met_statusvlaggen(frame):
    """Het frame met de kolommen is_geheim en is_voorlopig (bool) uit de status, om op te
    tellen."""
    return frame.assign(
        is_geheim=frame["status"] == Cijfer.Status.GEHEIM.value,
        is_voorlopig=frame["status"] == Cijfer.Status.VOORLOPIG.value,
    )


def _optellen(frame, sleutel, nodig, extra):
    """Som per sleutel, alleen waar er precies `nodig` delen zijn; geheim/voorlopig erven.

    `frame` heeft de kolommen `sleutel`, waarde (Int64), is_geheim en is_voorlopig (bool,
    `_met_statusvlaggen`) en `extra`. Geeft een rij per volledige groep (in de volgorde van
    eerste voorkomen; index: het nummer van de groep): de sleutels, waarde (Int64, leeg als een
    deel geheim is), is_geheim, is_voorlopig, de extra kolommen (BRON: alle titels samen, de
    andere de eerste bekende waarde) en status. Met numpy (`_som_per_groep`) in plaats van een
    pandas-groupby met een aggregatie per kolom; zonder volledige groep dat laatste (zodat ook
    de soorten van een leeg frame dezelfde blijven)."""
    if frame.empty:
        return frame
    eerste_extra = [k for k in extra if k != BRON]
    som = _som_per_groep(
        [frame[k].to_numpy() for k in sleutel],
        frame["waarde"].to_numpy(dtype=object, na_value=None),
        frame["is_geheim"].to_numpy().astype(np.int64),
        frame["is_voorlopig"].to_numpy().astype(np.int64),
        [frame[k].to_numpy(dtype=object) for k in eerste_extra],
        frame[BRON].to_numpy(dtype=object) if BRON in extra else None,
    )
    houden = som["aantal"] == nodig
    if not houden.any():
        return _optellen_met_groupby(frame, sleutel, nodig, extra)
    index = pd.RangeIndex(len(houden))[houden]  # zoals reset_index en dan filteren
    eerste = som["eerste"][houden]
    geheim, voorlopig = som["geheim"][houden], som["voorlopig"][houden]
    kolommen = {k: _genomen(frame[k], eerste, index) for k in sleutel}
    kolommen["waarde"] = pd.Series(som["som"][houden], index=index, dtype="Int64").mask(
        pd.Series(geheim, index=index)
    )
    kolommen["is_geheim"] = pd.Series(geheim, index=index)
    kolommen["is_voorlopig"] = pd.Series(voorlopig, index=index)
    gekozen = dict(zip(eerste_extra, som["extra"], strict=True))
    for kolom in extra:
        if kolom == BRON:
            bronnen = [b for b, h in zip(som["bron"], houden.tolist(), strict=True) if h]
            kolommen[kolom] = pd.Series(bronnen, index=index)
        else:
            kolommen[kolom] = _genomen(frame[kolom], gekozen[kolom][houden], index)
    kolommen["status"] = pd.Series(_status(geheim, voorlopig), index=index)
    return pd.DataFrame(kolommen, index=index)


def _genomen(kolom, rijen, index):
    """De waarden van `kolom` (Series) op de rijnummers `rijen`, met dezelfde soort, op `index`."""
    genomen = kolom.take(rijen)
    genomen.index = index
    return genomen


def _optellen_met_groupby(frame, sleutel, nodig, extra):
    """_optellen met pandas' groupby (de oorspronkelijke vorm), voor als er geen volledige
    groep is: dan is het frame leeg, met de soorten die groupby het geeft."""
    groepen = frame.groupby(sleutel, sort=False)
    uit = groepen[["waarde", "is_geheim", "is_voorlopig"]].sum()
    uit.insert(0, "aantal", groepen.size())
    uit[["is_geheim", "is_voorlopig"]] = uit[["is_geheim", "is_voorlopig"]] > 0
    for kolom in extra:
        if kolom == BRON:
            uit[kolom] = _bronnen_per_groep(frame[kolom], groepen.ngroup(), len(uit))
        else:
            uit[kolom] = groepen[kolom].first()  # de eerste die niet leeg is
    uit = uit.reset_index()
    uit = uit[uit["aantal"] == nodig].copy()
    uit["status"] = _status(uit["is_geheim"].to_numpy(), uit["is_voorlopig"].to_numpy())
    uit["waarde"] = uit["waarde"].astype("Int64").mask(uit["is_geheim"])
    return uit.drop(columns=["aantal"])


def _bronnen_per_groep(titels, groepnummers, aantal):
    """[_bronnen_samen(de titels van groep i) for i in range(aantal)]: per groep (nummer
    0..aantal-1 uit groupby(...).ngroup(), in de volgorde van de groepen) de titels van haar
    rijen samen. Zonder per groep door pandas te gaan: de paren (groep, titel) worden eerst
    ontdubbeld, een groep met één titel krijgt die titel (zoals _bronnen_samen hem schrijft),
    alleen een groep met meer titels wordt in Python samengevoegd."""
    codes, uniek = pd.factorize(titels, use_na_sentinel=True)  # leeg (None, NaN): -1
    nummers = np.asarray(groepnummers)
    bekend = (codes >= 0) & ~pd.isna(nummers)
    breedte = len(uniek) + 1
    paren = np.unique(nummers[bekend].astype("int64") * breedte + codes[bekend])
    enkel = [_bronnen_samen([titel]) for titel in uniek]
    uitkomst = [""] * aantal
    per_groep = {}
    for groep, code in zip((paren // breedte).tolist(), (paren % breedte).tolist(), strict=True):
        per_groep.setdefault(groep, []).append(code)
    for groep, groepcodes in per_groep.items():
        uitkomst[groep] = (
            enkel[groepcodes[0]]
            if len(groepcodes) == 1
            else _bronnen_samen([uniek[code] for code in groepcodes])
        )
    return uitkomst


def _bronnen_samen(titels):
    """De titels (van de delen van een som) uniek, gesorteerd, gescheiden door "; "."""
    delen = {
        deel.strip() for titel in titels if isinstance(titel, str) for deel in titel.split(";")
    }
    return "; ".join(sorted(deel for deel in delen if deel))


def bronnen_per_reeks(frame, jaren, rij_kolommen=("categorie",)):
    """{sleutel: [brontitel, ...]} (uniek, gesorteerd): de bronnen van de cijfers van elke reeks
    in `jaren`, uit kolom BRON van `jaarframe` (leeg als het frame die kolom niet heeft). De
    sleutel is een tuple bij meer rijkolommen, anders de waarde van die ene kolom."""
    if frame.empty or BRON not in frame.columns:
        return {}
    getoond = frame[frame["jaar"].isin(list(jaren)) & frame[BRON].notna()]
    kolommen = [getoond[k].tolist() for k in rij_kolommen]
    sleutels = list(zip(*kolommen, strict=True)) if len(kolommen) > 1 else kolommen[0]
    uitkomst = {}
    for sleutel, titel in zip(sleutels, getoond[BRON].tolist(), strict=True):
        uitkomst.setdefault(sleutel, set()).update(
            deel.strip() for deel in titel.split(";") if deel.strip()
        )
    return {sleutel: sorted(titels) for sleutel, titels in uitkomst.items()}


def onvolledige_jaren(records, frame):
    """Jaren met maand- of halfjaarcijfers waarvan (voor een reeks) geen heel jaar te maken is."""
    delen = {
        (r["gebied"], r["categorie"], r["jaar"]) for r in records if r["periode"] != str(r["jaar"])
    }
    compleet = set(zip(frame["gebied"], frame["categorie"], frame["jaar"], strict=True))
    return sorted({int(j) for g, c, j in delen if (g, c, j) not in compleet})


def met_teamsommen(frame, teams):
    """Jaarcijfers van een team (basisteam) als som van zijn leden, waar het team zelf geen
    cijfer heeft en álle leden er een hebben. `teams` is {team-id: [lid-id, ...]}.

    Geeft (frame met de afgeleide rijen erbij, set van (team, categorie, jaar) die afgeleid
    zijn). Een geheim deel maakt de som geheim, een voorlopig deel voorlopig. Het inwonertal
    van een team is de som van zijn leden als die allemaal bekend zijn.
    """
    afgeleid = set()
    met_inwoners = "inwoners" in frame.columns
    stukken = []
    for team, leden in teams.items():
        leden = list(leden)
        ledenframe = frame[frame["gebied"].isin(leden)]
        if ledenframe.empty:
            continue
        ledenframe = _met_statusvlaggen(ledenframe)
        extra = [k for k in (IMPORTBRON, BRON) if k in frame.columns]
        som = _optellen(ledenframe, ["categorie", "jaar"], len(leden), extra)
        eigen = frame[frame["gebied"] == team]
        eigen = set(zip(eigen["categorie"], eigen["jaar"], strict=True))
        sleutels = list(zip(som["categorie"], som["jaar"], strict=True))
        som = som.loc[pd.Series([s not in eigen for s in sleutels], index=som.index, dtype=bool)]
        som = som.drop(columns=["is_geheim", "is_voorlopig"]).assign(gebied=team)
        if met_inwoners:
            inwoners = _team_inwoners(frame, leden)
            frame = _vul_team_inwoners(frame, team, inwoners)
            som = som.assign(
                inwoners=[inwoners.get(j, (None, None))[0] for j in som["jaar"]],
                inwoners_bron=[inwoners.get(j, (None, None))[1] for j in som["jaar"]],
            )
        afgeleid |= {
            (team, int(c), int(j)) for c, j in zip(som["categorie"], som["jaar"], strict=True)
        }
        stukken.append(som)
    stukken = [s for s in stukken if not s.empty]
    if not stukken:
        return frame, afgeleid
    samen = pd.concat([frame, *stukken], ignore_index=True)
    return samen.astype({"jaar": "int64", "waarde": "Int64"}), afgeleid


def teammaanden(records, team, leden):
    """Maandrecords van een team (basisteam) als som van zijn leden, voor de maanden waarin het
    team zelf geen maandcijfer heeft (een eigen maand gaat voor, zoals bij `met_teamsommen`).

    `records` zijn cijferrecords (CijferQuerySet.records, met of zonder inwoners) van het team
    en zijn leden, `team` het id van het team, `leden` de ids van zijn leden. Een maand
    (categorie, 'JJJJ-MM') krijgt alleen een som als álle leden er een record van hebben en
    geen lid een lege waarde zonder geheim heeft (ontbrekend is geen nul: nooit een
    gedeeltelijke som); is een lid geheim, dan is de som geheim (waarde None), anders voorlopig
    als een lid voorlopig is. Mist een lid de maand, dan ontbreekt ze ook voor het team.

    Geeft een lijst records (dicts met gebied = team, categorie, jaar, periode, waarde, status,
    bron_titel: de titels van de delen samen, gesorteerd, "; "; en, als de records ze hebben,
    importbron: de eerste bekende van de delen, en inwoners/inwoners_bron van het team in dat
    jaar: zijn eigen inwonertal, anders de som van alle leden als die allemaal bekend zijn,
    anders None), gesorteerd op categorie en periode. Zonder leden: []."""
    leden = list(leden)
    if not leden:
        return []
    ledenset, eigen, per_maand, inwoners = set(leden), set(), {}, {}
    for r in records:
        gebied = r["gebied"]
        if gebied != team and gebied not in ledenset:
            continue
        if not is_leeg(r.get("inwoners")):
            inwoners.setdefault((gebied, int(r["jaar"])), (r["inwoners"], r.get("inwoners_bron")))
        periode = str(r["periode"])
        if maand_van(periode) is None:
            continue
        if gebied == team:
            eigen.add((r["categorie"], periode))
        else:
            per_maand.setdefault((r["categorie"], periode), {})[gebied] = r
    met_inwoners = bool(records) and "inwoners" in records[0]
    met_import = bool(records) and IMPORTBRON in records[0]
    uitkomst = []
    for (categorie, periode), delen in sorted(per_maand.items()):
        if (categorie, periode) in eigen or len(delen) < len(leden):
            continue
        delen = [delen[lid] for lid in leden]
        geheim = [d["status"] == Cijfer.Status.GEHEIM for d in delen]
        if any(is_leeg(d["waarde"]) and not g for d, g in zip(delen, geheim, strict=True)):
            continue
        voorlopig = any(d["status"] == Cijfer.Status.VOORLOPIG for d in delen)
        jaar = int(delen[0]["jaar"])
        record = {
            "gebied": team,
            "categorie": categorie,
            "jaar": jaar,
            "periode": periode,
            "waarde": None if any(geheim) else sum(int(d["waarde"]) for d in delen),
            "status": _status_van(any(geheim), voorlopig),
            BRON: _bronnen_samen([d.get(BRON) for d in delen]),
        }
        if met_import:
            record[IMPORTBRON] = next((d[IMPORTBRON] for d in delen if d.get(IMPORTBRON)), None)
        if met_inwoners:
            record["inwoners"], record["inwoners_bron"] = _team_inwoners_in(
                inwoners, team, leden, jaar
            )
        uitkomst.append(record)
    return uitkomst


def _status_van(geheim, voorlopig):
    """De status (tekst) van een som met een geheim en/of voorlopig deel (zie `_status`)."""
    if geheim:
        return Cijfer.Status.GEHEIM.value
    return Cijfer.Status.VOORLOPIG.value if voorlopig else Cijfer.Status.DEFINITIEF.value


def _team_inwoners_in(inwoners, team, leden, jaar):
    """(inwoners, bron) van een team in een jaar uit {(gebied, jaar): (inwoners, bron)}: zijn
    eigen inwonertal, anders de som van alle leden (bron zoals `_team_inwoners`), anders
    (None, None)."""
    if (team, jaar) in inwoners:
        return inwoners[(team, jaar)]
    delen = [inwoners.get((lid, jaar)) for lid in leden]
    if any(deel is None for deel in delen):
        return None, None
    bronnen = "; ".join(sorted({bron for _, bron in delen if bron}))
    return sum(int(aantal) for aantal, _ in delen), f"som van de gemeenten ({bronnen})"


def _team_inwoners(frame, leden):
    """{jaar: (som van de inwoners van alle leden, bron)} voor jaren waarin alle leden bekend zijn."""
    bekend = frame[frame["gebied"].isin(leden) & frame["inwoners"].notna()]
    per_jaar = bekend.drop_duplicates(["gebied", "jaar"]).groupby("jaar")
    uit = {}
    for jaar, groep in per_jaar:
        if groep["gebied"].nunique() == len(leden):
            bronnen = "; ".join(sorted(set(groep["inwoners_bron"].dropna())))
            uit[int(jaar)] = (int(groep["inwoners"].sum()), f"som van de gemeenten ({bronnen})")
    return uit


def _vul_team_inwoners(frame, team, inwoners):
    leeg = (frame["gebied"] == team) & frame["inwoners"].isna() & frame["jaar"].isin(inwoners)
    if not leeg.any():
        return frame
    frame = frame.astype({"inwoners": "object", "inwoners_bron": "object"})
    frame.loc[leeg, "inwoners"] = [inwoners[j][0] for j in frame.loc[leeg, "jaar"]]
    frame.loc[leeg, "inwoners_bron"] = [inwoners[j][1] for j in frame.loc[leeg, "jaar"]]
    return frame


PER = 1000


def per_inwoners(waarde, inwoners, per=PER):
    """Het aantal per 1.000 inwoners (Decimal, half omhoog), of None: vanaf 1 op één decimaal,
    daaronder op twee significante cijfers (statistiek.leesbaar_afgerond: 0,12 tegen 0,067,
    niet 0,1 tegen 0,1; proefgebruik punt 9), zoals "is dat veel?" ze toont."""
    if is_leeg(waarde) or is_leeg(inwoners) or int(inwoners) <= 0:
        return None
    return statistiek.leesbaar_afgerond(Decimal(int(waarde)) * per / Decimal(int(inwoners)))


def breed_per_inwoners(frame, jaren, rij_kolommen=("categorie",)):
    """Per rij en jaar het aantal per 1.000 inwoners (Decimal) en de status van het aantal.

    None waar het aantal of het inwonertal ontbreekt; een geheim aantal blijft geheim. Geeft
    ({(sleutel, jaar): Decimal of None}, {(sleutel, jaar): status}, inwonersbronnen), of None
    als er nergens een inwonertal is.
    """
    if frame.empty or "inwoners" not in frame.columns or frame["inwoners"].isna().all():
        return None
    rij_kolommen = list(rij_kolommen)
    bekend = frame[frame["inwoners"].notna() & frame["jaar"].isin(list(jaren))]
    waarden, statussen = {}, {}
    for rij in bekend.itertuples(index=False):
        sleutel = tuple(getattr(rij, k) for k in rij_kolommen)
        sleutel = sleutel if len(sleutel) > 1 else sleutel[0]
        waarden[(sleutel, rij.jaar)] = per_inwoners(rij.waarde, rij.inwoners)
        statussen[(sleutel, rij.jaar)] = rij.status
    if not waarden:
        return None
    bronnen = sorted(set(bekend["inwoners_bron"].dropna()))
    return waarden, statussen, bronnen


def geimporteerde_cellen(frame, rij_kolommen=("categorie",)):
    """{(sleutel, jaar): titel van de importbron} voor de jaarcijfers die (deels) uit een import
    komen (kolom IMPORTBRON van `jaarframe`); leeg als het frame die kolom niet heeft. De
    sleutel is een tuple bij meer rijkolommen, anders de waarde van die ene kolom."""
    if frame.empty or IMPORTBRON not in frame.columns:
        return {}
    geimporteerd = frame[frame[IMPORTBRON].notna()]
    kolommen = [geimporteerd[k].tolist() for k in rij_kolommen]
    sleutels = list(zip(*kolommen, strict=True)) if len(kolommen) > 1 else kolommen[0]
    paren = zip(sleutels, geimporteerd["jaar"].tolist(), strict=True)
    return dict(zip(paren, geimporteerd[IMPORTBRON].tolist(), strict=True))


def breed(frame, rijen, jaren, rij_kolommen=("categorie",)):
    """Waarden en statussen als brede tabellen: een rij per sleutel, een kolom per jaar.

    `rijen` geeft de volgorde (en de rijen die er moeten staan, ook zonder cijfers);
    een cel zonder cijfer blijft leeg (NaN / <NA>), nooit 0. Een (sleutel, jaar) staat
    hooguit één keer in `frame` (ValueError anders, zoals pandas' pivot).
    """
    rij_kolommen, jaren = list(rij_kolommen), list(jaren)
    index = (
        pd.MultiIndex.from_tuples(rijen, names=rij_kolommen)
        if len(rij_kolommen) > 1
        else pd.Index(rijen, name=rij_kolommen[0])
    )
    cellen = _cellen(frame, rij_kolommen)
    leeg = (pd.NA, math.nan)
    rijcellen = [[cellen.get((sleutel, jaar), leeg) for jaar in jaren] for sleutel in index]
    kolommen = pd.Index(jaren, name="jaar", dtype="int64") if jaren else pd.Index([])
    waarden = pd.DataFrame(
        [[waarde for waarde, _ in rij] for rij in rijcellen], index=index, columns=kolommen
    )
    statussen = pd.DataFrame(
        [[status for _, status in rij] for rij in rijcellen],
        index=index,
        columns=kolommen,
        dtype="object",
    )
    return waarden.astype("Int64"), statussen


def _cellen(frame, rij_kolommen):
    """{(sleutel, jaar): (waarde, status)} uit een jaarframe; de sleutel is een tuple bij
    meer rijkolommen, anders de waarde van die ene kolom."""
    if frame.empty:
        return {}
    kolommen = [frame[k].tolist() for k in rij_kolommen]
    sleutels = list(zip(*kolommen, strict=True)) if len(kolommen) > 1 else kolommen[0]
    paren = zip(sleutels, frame["jaar"].tolist(), strict=True)
    inhoud = zip(frame["waarde"].tolist(), frame["status"].tolist(), strict=True)
    cellen = dict(zip(paren, inhoud, strict=True))
    if len(cellen) < len(frame):
        raise ValueError("Een (sleutel, jaar) staat meer dan eens in de jaarcijfers.")
    return cellen


def veranderingen(waarden, van, naar):
    """Per rij de verandering van jaar `van` naar jaar `naar`: verschil, procent, band, toeval."""
    uitkomst = pd.DataFrame(index=waarden.index)
    if van not in waarden.columns or naar not in waarden.columns:
        uitkomst["verschil"] = pd.Series(pd.NA, index=waarden.index, dtype="Int64")
        uitkomst["procent"] = pd.Series(pd.NA, index=waarden.index, dtype="Int64")
        uitkomst["band"] = None
        uitkomst["toeval"] = False
        return uitkomst
    oud, nieuw = waarden[van], waarden[naar]
    uitkomst["verschil"] = (nieuw - oud).astype("Int64")
    paren = list(zip(oud.tolist(), nieuw.tolist(), strict=True))
    procenten = [procentuele_verandering(a, b) for a, b in paren]
    uitkomst["procent"] = pd.array(procenten, dtype="Int64")
    uitkomst["band"] = [band(p) for p in procenten]
    uitkomst["toeval"] = [binnen_toeval(a, b) for a, b in paren]
    return uitkomst


def restant(totaal, delen):
    """Totaal min de som van de delen, per rij en jaar; ontbreekt er één, dan ontbreekt het restant.

    Voor 'overig (De Bilt, afgeleid)': basisteam BES min de vier gemeenten.
    """
    som = delen.groupby(level="categorie").sum(min_count=1)
    volledig = delen.notna().groupby(level="categorie").all()
    som = som.where(volledig)
    return (totaal - som.reindex(totaal.index)).astype("Int64")


def is_leeg(waarde):
    """True voor een ontbrekende waarde: None, pd.NA of NaN (nooit voor 0)."""
    return waarde is None or waarde is pd.NA or (isinstance(waarde, float) and math.isnan(waarde))


def rijen_per_sleutel(tabel):
    """{sleutel: [waarde per kolom]} van een brede tabel, in één keer uit pandas gehaald (veel
    sneller dan cel voor cel met .at); de waarden zijn Python-objecten (int, pd.NA, tekst)."""
    return dict(zip(tabel.index, tabel.astype(object).to_numpy().tolist(), strict=True))


def _veranderingsvelden(verandering):
    """{sleutel: {"verschil", "procent", "band", "toeval"}} uit `veranderingen`."""
    kolommen = [verandering[k].tolist() for k in ("verschil", "procent", "toeval")]
    velden = {}
    for sleutel, verschil, procent, toeval in zip(verandering.index, *kolommen, strict=True):
        procent = als_getal(procent)
        velden[sleutel] = {
            "verschil": als_getal(verschil),
            "procent": procent,
            "band": band(procent),
            "toeval": bool(toeval),
        }
    return velden


def trendrijen(rijen, waarden, statussen, verandering=None, gepubliceerd=None):
    """Rijen (dicts) voor een trendtabel.

    `rijen` is een lijst van (sleutel, dict met vaste velden zoals naam en niveau); de
    sleutel is de index van `waarden`. `gepubliceerd` geeft per sleutel extra velden
    (regio, halfjaren) die de bron alleen als percentage publiceert.
    """
    gepubliceerd = gepubliceerd or {}
    jaren = list(waarden.columns)
    waardenrijen, statusrijen = rijen_per_sleutel(waarden), rijen_per_sleutel(statussen[jaren])
    veranderingen = _veranderingsvelden(verandering) if verandering is not None else {}
    uitkomst = []
    for sleutel, velden in rijen:
        rij = dict(velden)
        paren = zip(jaren, waardenrijen[sleutel], statusrijen[sleutel], strict=True)
        rij["statussen"] = {}
        for jaar, waarde, status in paren:
            rij[f"j{jaar}"] = als_getal(waarde)
            rij["statussen"][jaar] = None if is_leeg(status) else status
        rij.update(veranderingen.get(sleutel, {}))
        rij.update(gepubliceerd.get(sleutel, {}))
        uitkomst.append(rij)
    return uitkomst


def als_getal(waarde):
    """Een Python-int, of None als de waarde ontbreekt."""
    return None if is_leeg(waarde) else int(waarde)


# --- Volledige perioden: het nieuwste volledige jaar, het lopende jaar en de laatste 12 maanden
#
# Welke perioden volledig zijn, wordt per reeks (gebied, categorie) beslist uit wat er is
# opgeslagen: een jaar is volledig met een jaarcijfer of met al zijn delen (jaarframe); een
# maand is volledig zodra ze is opgeslagen. Een jaar met alleen een deel van de maanden wordt
# nooit als jaar vergeleken, maar als "2024 t/m september" met dezelfde maanden een jaar eerder.

MAANDNAMEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
              "september", "oktober", "november", "december")  # fmt: skip


MAANDAFKORTINGEN = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov",
                    "dec")  # fmt: skip


class Periodesoort(models.TextChoices):
    """De soort periode van een vergelijking."""

    JAAR = "jaar", "heel jaar"
    LOPEND = "lopend", "lopend jaar (januari tot en met een maand)"
    TWAALF = "twaalf", "laatste 12 maanden"


@dataclass(frozen=True, order=True)
class Periode:
    """Een periode die met dezelfde periode een jaar eerder vergeleken wordt.

    JAAR: het jaar `jaar`; LOPEND: januari tot en met maand `maand` (1-12) van `jaar`; TWAALF:
    de 12 maanden die eindigen met maand `maand` van `jaar`. Voor alle drie is de vorige
    periode dezelfde periode een jaar eerder (12 maanden eerder).
    """

    jaar: int
    maand: int = 12
    soort: str = Periodesoort.JAAR

    @property
    def naam(self):
        """'2019', '2024 t/m september' of '12 maanden t/m september 2024'."""
        if self.soort == Periodesoort.LOPEND:
            return f"{self.jaar} t/m {MAANDNAMEN[self.maand - 1]}"
        if self.soort == Periodesoort.TWAALF:
            return f"12 maanden t/m {MAANDNAMEN[self.maand - 1]} {self.jaar}"
        return str(self.jaar)

    @property
    def vorige_naam(self):
        """De naam van de periode een jaar eerder ('2018', '2023 t/m september', ...)."""
        if self.soort == Periodesoort.TWAALF:
            return "de 12 maanden ervoor"
        return replace(self, jaar=self.jaar - 1).naam

    @property
    def tekst(self):
        """'2019 t.o.v. 2018', '2024 t/m september t.o.v. 2023 t/m september', ..."""
        return f"{self.naam} t.o.v. {self.vorige_naam}"

    @property
    def kopje(self):
        """Kort, voor het kopje van een kolom: 'Verandering 2019 t.o.v. 2018', 'Jan-sep 2024
        t.o.v. jan-sep 2023' (zoals de halfjaarkolommen), '12 maanden t/m sep 2024 t.o.v. de
        12 ervoor'."""
        afkorting = MAANDAFKORTINGEN[self.maand - 1]
        if self.soort == Periodesoort.LOPEND:
            return f"Jan-{afkorting} {self.jaar} t.o.v. jan-{afkorting} {self.jaar - 1}"
        if self.soort == Periodesoort.TWAALF:
            return f"12 maanden t/m {afkorting} {self.jaar} t.o.v. de 12 ervoor"
        return f"Verandering {self.tekst}"


@dataclass(frozen=True)
class Vergelijking:
    """Een periode (Periode) tegen dezelfde periode een jaar eerder: aantallen `oud` en
    `nieuw` (int), `oud_voorlopig`/`nieuw_voorlopig` als een deel (een jaar of maand) van die
    periode voorlopig is, en `voorlopig` als een van beide het is (dan is de verandering
    voorlopig); verschil, procent (hele procenten, half omhoog), band en toeval zoals bij de
    jaarverandering (regels van de bron)."""

    periode: Periode
    oud: int
    nieuw: int
    oud_voorlopig: bool = False
    nieuw_voorlopig: bool = False

    @property
    def voorlopig(self):
        """Heeft de verandering een voorlopig deel (CBS-teken * bij verschil en procent)?"""
        return self.oud_voorlopig or self.nieuw_voorlopig

    @property
    def verschil(self):
        return self.nieuw - self.oud

    @property
    def procent(self):
        return procentuele_verandering(self.oud, self.nieuw)

    @property
    def band(self):
        return band(self.procent)

    @property
    def toeval(self):
        return binnen_toeval(self.oud, self.nieuw)

    def velden(self, voorvoegsel=""):
        """{voorvoegsel + "verschil"/"procent"/"band"/"toeval"/"periode"} voor een tabelrij."""
        return {
            f"{voorvoegsel}verschil": self.verschil,
            f"{voorvoegsel}procent": self.procent,
            f"{voorvoegsel}band": self.band,
            f"{voorvoegsel}toeval": self.toeval,
            f"{voorvoegsel}periode": self.periode.tekst,
        }


def jaarvergelijkingen(frame, jaren=None, rij_kolommen=("gebied", "categorie")):
    """{sleutel: Vergelijking} per reeks: haar nieuwste volledige jaar (binnen `jaren`, of
    alle jaren) tegen het jaar ervoor, alleen als beide een (niet-geheim) aantal hebben.

    `frame` is een jaarframe (alleen volledige jaren). Elke reeks kiest haar eigen jaar: drie
    categorieën met een nieuw jaar maken de andere niet leeg ("per gebied en categorie").
    """
    cellen = _cellen(frame, list(rij_kolommen)) if not frame.empty else {}
    uitkomst = {}
    for sleutel, jaar in _nieuwste_paren(cellen, jaren).items():
        oud, nieuw = cellen.get((sleutel, jaar - 1)), cellen[(sleutel, jaar)]
        if oud is None or is_leeg(oud[0]) or is_leeg(nieuw[0]):
            continue
        uitkomst[sleutel] = Vergelijking(
            Periode(int(jaar)), int(oud[0]), int(nieuw[0]),
            oud[1] == Cijfer.Status.VOORLOPIG.value, nieuw[1] == Cijfer.Status.VOORLOPIG.value,
        )  # fmt: skip
    return uitkomst


def _nieuwste_paren(cellen, jaren):
    """{sleutel: jaar} per reeks: het nieuwste volledige jaar (binnen `jaren`) waarvan ook het
    jaar ervoor volledig is; zonder zo'n paar het nieuwste jaar (dan geen Vergelijking).

    Zo vergelijkt een reeks met maandcijfers over 2023 en een onvolledig 2022 nog steeds 2018
    met 2017 (de periode van de tabel) in plaats van niets; het lopende jaar en de laatste 12
    maanden staan in hun eigen kolommen. Een geheim of leeg aantal in het gekozen paar geeft
    geen Vergelijking (er wordt dan niet naar een ouder paar gezocht: een geheim cijfer wordt
    niet stil vervangen)."""
    per_reeks = {}
    for sleutel, jaar in cellen:
        if jaren is None or jaar in jaren:
            per_reeks.setdefault(sleutel, set()).add(jaar)
    gekozen = {}
    for sleutel, reeksjaren in per_reeks.items():
        met_vorig = [jaar for jaar in reeksjaren if (sleutel, jaar - 1) in cellen]
        gekozen[sleutel] = max(met_vorig or reeksjaren)
    return gekozen


def _nieuwste_jaren(cellen, jaren):
    nieuwste = {}
    for sleutel, jaar in cellen:
        if jaren is None or jaar in jaren:
            nieuwste[sleutel] = max(nieuwste.get(sleutel, jaar), jaar)
    return nieuwste


def nieuwste_jaren(frame, jaren=None, rij_kolommen=("gebied", "categorie")):
    """{sleutel: het nieuwste volledige jaar (binnen `jaren`)} per reeks van een jaarframe,
    ook als dat jaar geheim is of geen jaar ervoor heeft (dan is er geen Vergelijking)."""
    cellen = _cellen(frame, list(rij_kolommen)) if not frame.empty else {}
    return {sleutel: int(jaar) for sleutel, jaar in _nieuwste_jaren(cellen, jaren).items()}


def meest_voorkomende(vergelijkingen):
    """De periode die de meeste reeksen vergelijken (bij gelijke stand de nieuwste), of None:
    de periode in het kopje van een veranderingskolom."""
    tellingen = {}
    for vergelijking in vergelijkingen.values():
        tellingen[vergelijking.periode] = tellingen.get(vergelijking.periode, 0) + 1
    if not tellingen:
        return None
    return max(tellingen, key=lambda periode: (tellingen[periode], periode))


def maandcijfers(records):
    """{(gebied, categorie): {(jaar, maand): (waarde of None, status)}} uit de maandcijfers
    (periode 'JJJJ-MM') van cijferrecords; jaar- en halfjaarcijfers tellen hier niet mee."""
    uitkomst = {}
    # Een pagina heeft duizenden records maar maar een paar honderd perioden: elke periode
    # wordt één keer gelezen.
    perioden = {}
    for r in records:
        periode = r["periode"]
        maand = perioden.get(periode, _ONBEKEND)
        if maand is _ONBEKEND:
            maand = perioden[periode] = maand_van(periode)
        if maand is not None:
            sleutel = (r["gebied"], r["categorie"])
            reeks = uitkomst.get(sleutel)
            if reeks is None:
                reeks = uitkomst[sleutel] = {}
            reeks[maand] = (r["waarde"], r["status"])
    return uitkomst


_ONBEKEND = object()


def maand_van(periode):
    """(jaar, maand) voor een periode 'JJJJ-MM' (de tekst van `periode`), anders None."""
    periode = str(periode)
    if len(periode) == 7 and periode[5:].isdigit():
        return (int(periode[:4]), int(periode[5:]))
    return None


def maandnummer(jaar, maand):
    """Een doorlopend nummer (int) van een maand, om maanden te tellen: (jaar, maand) is
    `divmod(nummer, 12)` met maand + 1."""
    return jaar * 12 + maand - 1


def _som(maanden, nummers):
    """(som, voorlopig) van de maanden met deze nummers, of None als er één ontbreekt of geheim is."""
    som, voorlopig = 0, False
    for nummer in nummers:
        cel = maanden.get(divmod(nummer, 12)[0], nummer % 12 + 1)
        if cel is None or is_leeg(cel[0]) or cel[1] == Cijfer.Status.GEHEIM:
            return None
        som += int(cel[0])
        voorlopig |= cel[1] == Cijfer.Status.VOORLOPIG
    return som, voorlopig


def _geheim(maanden, nummers):
    """Is een som over de maanden met deze nummers geheim, niet ontbrekend? Waar als geen maand
    ontbreekt of leeg is en er één geheim is (CBS-teken x): een geheim deel maakt de som
    geheim, zoals bij jaarsommen (_status); een ontbrekende maand maakt haar '.'."""
    geheim = False
    for nummer in nummers:
        cel = maanden.get(divmod(nummer, 12)[0], nummer % 12 + 1)
        if cel is None:
            return False
        if cel[1] == Cijfer.Status.GEHEIM:
            geheim = True
        elif is_leeg(cel[0]):
            return False
    return geheim


class _Maanden(dict):
    """{(jaar, maand): cel} met get(jaar, maand)."""

    def get(self, jaar, maand=None):  # noqa: D102 - zoals dict.get, met jaar en maand
        return super().get((jaar, maand))


def twaalf_maanden(maanden):
    """De Vergelijking van de laatste 12 volledige maanden met de 12 ervoor, of None.

    `maanden` is {(jaar, maand): (waarde, status)} van één reeks (maandcijfers). De laatste
    volledige maand is de nieuwste opgeslagen maand; alle 24 maanden tot en met die maand
    moeten een (niet-geheim) aantal hebben, anders is er geen vergelijking.
    """
    if not maanden:
        return None
    jaar, maand = max(maanden)
    einde = maandnummer(jaar, maand)
    cellen = _Maanden(maanden)
    nieuw = _som(cellen, range(einde - 11, einde + 1))
    oud = _som(cellen, range(einde - 23, einde - 11))
    if nieuw is None or oud is None:
        return None
    return Vergelijking(
        Periode(jaar, maand, Periodesoort.TWAALF), oud[0], nieuw[0], oud[1], nieuw[1]
    )


def twaalf_maanden_geheim(maanden):
    """De Periode van de laatste 12 maanden (zoals twaalf_maanden) als die vergelijking er niet
    is omdat een maand in de 24 geheim is en er geen ontbreekt (de cel is dan 'x', niet '.');
    anders None. `maanden` zoals bij twaalf_maanden."""
    if not maanden:
        return None
    jaar, maand = max(maanden)
    einde = maandnummer(jaar, maand)
    if _geheim(_Maanden(maanden), range(einde - 23, einde + 1)):
        return Periode(jaar, maand, Periodesoort.TWAALF)
    return None


def lopend_jaar(maanden, volledige_jaren=()):
    """De Vergelijking van het lopende jaar (januari t/m de laatste maand op rij) met dezelfde
    maanden een jaar eerder, of None.

    Alleen voor een jaar dat niet volledig is (niet in `volledige_jaren`, de jaren met een
    jaarcijfer of al hun delen) en waarvan januari er is; de maanden tellen van januari tot de
    eerste die ontbreekt. Het jaar ervoor moet dezelfde maanden hebben.
    """
    periode = _lopende_periode(maanden, volledige_jaren)
    if periode is None:
        return None
    jaar, maand, cellen = periode.jaar, periode.maand, _Maanden(maanden)
    nieuw = _som(cellen, range(maandnummer(jaar, 1), maandnummer(jaar, maand) + 1))
    oud = _som(cellen, range(maandnummer(jaar - 1, 1), maandnummer(jaar - 1, maand) + 1))
    if nieuw is None or oud is None:
        return None
    return Vergelijking(
        Periode(jaar, maand, Periodesoort.LOPEND), oud[0], nieuw[0], oud[1], nieuw[1]
    )


def _lopende_periode(maanden, volledige_jaren):
    """De Periode van het lopende jaar (januari t/m de laatste maand op rij, zie lopend_jaar),
    of None als er geen lopend jaar is."""
    if not maanden:
        return None
    jaar = max(j for j, _ in maanden)
    if jaar in volledige_jaren:
        return None
    maand = 0
    while maand < 12 and (jaar, maand + 1) in maanden:
        maand += 1
    if maand == 0 or maand == 12:
        return None
    return Periode(jaar, maand, Periodesoort.LOPEND)


def lopend_jaar_geheim(maanden, volledige_jaren=()):
    """De Periode van het lopende jaar (zoals lopend_jaar) als die vergelijking er niet is
    omdat een van de vergeleken maanden (dit jaar of dezelfde een jaar eerder) geheim is en er
    geen ontbreekt (de cel is dan 'x', niet '.'); anders None."""
    periode = _lopende_periode(maanden, volledige_jaren)
    if periode is None:
        return None
    jaar, maand = periode.jaar, periode.maand
    nummers = [
        *range(maandnummer(jaar, 1), maandnummer(jaar, maand) + 1),
        *range(maandnummer(jaar - 1, 1), maandnummer(jaar - 1, maand) + 1),
    ]
    return periode if _geheim(_Maanden(maanden), nummers) else None


def voortschrijdende_som(maanden, venster=12):
    """[(jaar, maand, waarde of None, som van de laatste `venster` maanden of None)] van de
    eerste tot de laatste opgeslagen maand van één reeks, zonder gaten in de tijd: een maand
    die ontbreekt of geheim is heeft geen waarde, en elke som waarin ze valt ontbreekt ook."""
    if not maanden:
        return []
    begin, einde = maandnummer(*min(maanden)), maandnummer(*max(maanden))
    rijen, tellen = [], []
    for nummer in range(begin, einde + 1):
        jaar, maand = divmod(nummer, 12)[0], nummer % 12 + 1
        cel = maanden.get((jaar, maand))
        geheim = cel is not None and cel[1] == Cijfer.Status.GEHEIM
        waarde = None if cel is None or geheim else als_getal(cel[0])
        rijen.append((jaar, maand, waarde))
        # Wat de som van een venster telt (zoals _som): None als de maand ontbreekt, leeg of
        # geheim is; dan is elke som met deze maand erin leeg.
        tellen.append(None if cel is None or geheim or is_leeg(cel[0]) else int(cel[0]))
    # Sommen en aantal ontbrekende maanden tot en met elke maand: de som van een venster is
    # het verschil van twee, in plaats van elk venster opnieuw op te tellen.
    sommen = list(accumulate((0 if t is None else t for t in tellen), initial=0))
    gaten = list(accumulate((t is None for t in tellen), initial=0))
    uitkomst = []
    for plaats, (jaar, maand, waarde) in enumerate(rijen):
        som = None
        if plaats - venster + 1 >= 0:
            van, tot = plaats + 1 - venster, plaats + 1
            som = None if gaten[tot] - gaten[van] else sommen[tot] - sommen[van]
        uitkomst.append((jaar, maand, waarde, som))
    return uitkomst
