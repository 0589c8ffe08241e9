"""Voegt aan fixtures/02_plannen.json de paragrafen toe die de bron wel heeft maar de fixture
nog niet, letterlijk uit de brontekst met hun regelnummers (issue 15, punt 2).

`python -m scripts.bronparagrafen` schrijft ze; tests/test_bronnen.py vergelijkt de fixture
met wat `paragrafen()` uit fixtures/bron/004_6595ddc8072969ad.txt leest.
"""

import json

from scripts.bronpassages import BASIS, regels

FIXTURE = BASIS / "fixtures" / "02_plannen.json"

# (pk, nummer, titel-regel, eerste regel, laatste regel, volgorde): de getallen van de
# structuur "Sturen op veiligheid Midden-Nederland" bovenaan hoofdstuk 7 (regels 564-572).
# De titel is regel 572; de regels 564-570 zijn de vier getallen, elk op een eigen regel.
NIEUW = [(22, "7", 572, 564, 570, 12)]


def paragrafen(alle=None):
    """[(pk, nummer, titel, tekst, volgorde)]: de NIEUW-paragrafen zoals de bron ze schrijft;
    de tekst is de niet-lege regels van eerste t/m laatste, met een regeleinde ertussen."""
    alle = alle if alle is not None else regels()
    uitkomst = []
    for pk, nummer, titelregel, van, tot, volgorde in NIEUW:
        tekst = "\n".join(r.strip() for r in alle[van - 1 : tot] if r.strip())
        uitkomst.append((pk, nummer, alle[titelregel - 1].strip(), tekst, volgorde))
    return uitkomst


def main():
    """Schrijft de NIEUW-paragrafen (plan 1) in fixtures/02_plannen.json, of werkt ze bij."""
    objecten = json.loads(FIXTURE.read_text(encoding="utf-8"))
    objecten = [
        o
        for o in objecten
        if not (o["model"] == "ivp.paragraaf" and o["pk"] in {n[0] for n in NIEUW})
    ]
    laatste = max(i for i, o in enumerate(objecten) if o["model"] == "ivp.paragraaf")
    nieuw = [
        {
            "model": "ivp.paragraaf",
            "pk": pk,
            "fields": {
                "plan": 1,
                "nummer": nummer,
                "titel": titel,
                "tekst": tekst,
                "volgorde": volgorde,
            },
        }
        for pk, nummer, titel, tekst, volgorde in paragrafen()
    ]
    objecten[laatste + 1 : laatste + 1] = nieuw
    FIXTURE.write_text(json.dumps(objecten, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
