"""Haalt passages letterlijk uit de brontekst van het IVP BES 2019-2022, met hun regelnummers.

Gebruikt door `python -m scripts.bronpassages` (schrijft de velden `bronpassage` en
`bronplaats` van de doelen en maatregelen die de bron niet letterlijk zo noemt in
fixtures/03_prioriteiten.json, en per gemeenteanalyse de halfjaarpercentages zonder
periode) en door tests/test_bronnen.py, die de fixture met de bron
vergelijkt. Een passage is een stuk van de regels `van`-`tot` (1-geteld, inclusief) van
fixtures/bron/004_6595ddc8072969ad.txt, van de eerste `begin` tot en met `eind`; een
afbrekingsstreepje aan het eind van een regel wordt weer één woord ("ontwikke-" + "len").
"""

import json
import re
from pathlib import Path

from scripts.bron_ivp_2019 import GEMEENTEN, gemeentetabellen, herstel, splits_procenten

BASIS = Path(__file__).resolve().parent.parent
BRON_2019 = BASIS / "fixtures" / "bron" / "004_6595ddc8072969ad.txt"
FIXTURE = BASIS / "fixtures" / "03_prioriteiten.json"

# (model, pk, paragraaf, van, tot, begin, eind): de doelen en maatregelen die de prozatekst
# van hoofdstuk 8 samenvatten (issue 15, punt 14). Baarn: het "doel" staat in de bron als
# "willen we ... in kaart brengen", de "maatregel" als "kunnen we een plan van aanpak
# ontwikkelen" (en "minderjarigen (onder de achttien)" staat in de zin erna). Eemnes: de
# "maatregel" is de laatste zin van 8.3.
PARAFRASES = [
    ("prioriteiten.doel", 17, "8.1", 950, 953, "Omdat hier nu", "gaande overlast."),
    ("prioriteiten.maatregel", 26, "8.1", 953, 956, "Wanneer we dit", "overlast daalt."),
    ("prioriteiten.maatregel", 31, "8.3", 1103, 1104, "De gemeente zal", "te zetten."),
]


# (pk, van, tot, begin, eind): de inleiding boven de punten van "Aanpak op hoofdlijnen" van een
# prioriteit. Alleen High Impact Crimes heeft er een (§5.2, regels 444-446).
AANPAK_INLEIDINGEN = [(3, 444, 446, "Er is de afgelopen", "in op:")]


def aanpak_inleidingen(alle=None):
    """{prioriteit-pk: tekst} voor AANPAK_INLEIDINGEN, letterlijk uit de bron."""
    alle = alle if alle is not None else regels()
    return {
        pk: passage(alle, van, tot, begin, eind) for pk, van, tot, begin, eind in AANPAK_INLEIDINGEN
    }


def regels(pad=BRON_2019):
    """De regels van de brontekst (zonder regeleinde); index 0 is regel 1."""
    return pad.read_text(encoding="utf-8").splitlines()


def passage(alle, van, tot, begin, eind):
    """De tekst van regel `van` tot en met `tot`, van `begin` tot en met `eind`.

    Raises ValueError als `begin` of `eind` er niet in staat (de bron is dan veranderd).
    """
    tekst = ""
    for regel in alle[van - 1 : tot]:
        regel = regel.strip()
        if tekst.endswith("-") and regel[:1].islower():
            tekst = tekst[:-1] + regel
        else:
            tekst = f"{tekst} {regel}" if tekst else regel
    tekst = re.sub(r"\s+", " ", tekst)
    start = tekst.index(begin)
    stop = tekst.index(eind, start) + len(eind)
    return tekst[start:stop]


def bronplaats(paragraaf, van, tot):
    """'§8.1, regels 950-953 van de brontekst'."""
    return f"§{paragraaf}, regels {van}-{tot} van de brontekst"


def parafrases(alle=None):
    """{(model, pk): (bronpassage, bronplaats)} voor de PARAFRASES."""
    alle = alle if alle is not None else regels()
    return {
        (model, pk): (passage(alle, van, tot, begin, eind), bronplaats(paragraaf, van, tot))
        for model, pk, paragraaf, van, tot, begin, eind in PARAFRASES
    }


def main():
    """Schrijft bronpassage en bronplaats in fixtures/03_prioriteiten.json."""
    gevonden = parafrases()
    halfjaren = halfjaren_zonder_periode()
    inleidingen = aanpak_inleidingen()
    objecten = json.loads(FIXTURE.read_text(encoding="utf-8"))
    for obj in objecten:
        if (obj["model"], obj["pk"]) in gevonden:
            tekst, plaats = gevonden[(obj["model"], obj["pk"])]
            obj["fields"]["bronpassage"] = tekst
            obj["fields"]["bronplaats"] = plaats
        if obj["model"] == "prioriteiten.prioriteit" and obj["pk"] in inleidingen:
            obj["fields"]["aanpak_inleiding"] = inleidingen[obj["pk"]]
        if obj["model"] == "prioriteiten.gemeenteanalyse":
            paragraaf = obj["fields"]["paragraaf"]
            obj["fields"]["halfjaren_zonder_periode"] = halfjaren.get(paragraaf, [])
    FIXTURE.write_text(json.dumps(objecten, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def halfjaren_zonder_periode(alle=None):
    """{paragraaf: [{"categorie", "procent", "regel"}]}: de halfjaarpercentages uit de
    gemeentetabellen van hoofdstuk 8 die niet in één halfjaar te plaatsen zijn (issue 15,
    punt 5). Staat in een rij maar één van de twee halfjaarpercentages, dan zegt de bron niet
    of het januari-juni of juli-december is (scripts/bron_ivp_2019.splits_procenten); het
    getal is de tekst van de bron, `regel` het regelnummer (1-geteld) van de tabelrij.
    """
    alle = alle if alle is not None else regels()
    paragrafen = {slug: nummer for nummer, slug in GEMEENTEN.items()}
    tabellen = gemeentetabellen("\n".join(alle))
    gevonden = {}
    for slug, rijen in tabellen.items():
        paragraaf = paragrafen[slug]
        kop = next(i for i, r in enumerate(alle) if re.match(rf"^ ?{re.escape(paragraaf)} \w", r))
        for rij in rijen:
            procent = splits_procenten(rij)["dubbelzinnig"]
            if procent is None:
                continue
            regel = next(
                i + 1
                for i, r in enumerate(alle[kop:], start=kop)
                if herstel(r).startswith(f"{rij.categorie} {rij.aantallen[0]} ")
            )
            gevonden.setdefault(paragraaf, []).append(
                {"categorie": rij.categorie, "procent": procent, "regel": regel}
            )
    return gevonden


if __name__ == "__main__":
    main()
