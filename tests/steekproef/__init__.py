"""Een landelijke steekproef in het formaat van de politie (CBS 47013NED), met de hand gemaakt.

Synthetisch: geen enkel getal is een echt cijfer. De tabel JAARBASIS hieronder is met de hand
geschreven (een basisgetal per gebied en soort); elke maand is dat getal plus het nummer van
de maand, in 2023 plus één. Zo kan een test elk maand- en jaarcijfer narekenen.

De steekproef heeft wat een echte landelijke download heeft en de eerste versie weggooide:
Nederland, een provincie, eigen gemeenten (Baarn, Soest), andere gemeenten (Amersfoort,
IJsselstein), twee wijken, soorten op drie niveaus van de indeling (0.0.0; 1.4; 1.4.2, 1.4.5,
1.1.2) en twee jaren per maand, in de codevariant en in de labelvariant.
"""

import csv
import io

# (code, label in de labelvariant). Een label met de code erbij ("Amersfoort (GM0307)") noemt
# een referentiegebied; Nederland en "Utrecht (PV)" zijn CBS' eigen labels.
GEBIEDEN = [
    ("NL01", "Nederland"),
    ("PV26", "Utrecht (PV)"),
    ("GM0308", "Baarn"),
    ("GM0342", "Soest"),
    ("GM0307", "Amersfoort (GM0307)"),
    ("GM0353", "IJsselstein (GM0353)"),
    ("WK030800", "Wijk 00 Baarn (WK030800)"),
    ("WK030801", "Wijk 01 Lage Vuursche (WK030801)"),
]
# (code, titel): totaal, een groep (1.4), twee gekoppelde soorten en twee zonder categorie.
SOORTEN = [
    ("0.0.0", "Totaal misdrijven"),
    ("1.4", "Geweldsmisdrijven"),
    ("1.4.5", "Mishandeling"),
    ("1.4.2", "Moord, doodslag"),
    ("1.1.2", "Diefstal/inbraak box/garage/schuur"),
]
JAREN = [2022, 2023]
MAANDEN = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"]  # fmt: skip

# Met de hand: het basisgetal per gebied (rij) en soort (kolom, volgorde van SOORTEN).
JAARBASIS = {
    "NL01":     [60000, 9000, 5000, 80, 2500],
    "PV26":     [6000, 900, 500, 8, 250],
    "GM0308":   [110, 20, 12, 0, 6],
    "GM0342":   [210, 35, 20, 1, 9],
    "GM0307":   [700, 110, 60, 2, 30],
    "GM0353":   [150, 25, 14, 0, 7],
    "WK030800": [40, 8, 5, 0, 2],
    "WK030801": [9, 2, 1, 0, 1],
}  # fmt: skip


def maandwaarde(gebied, soort, jaar, maand):
    """Het aantal van een maand: basis + maandnummer (+1 in 2023)."""
    basis = JAARBASIS[gebied][[code for code, _ in SOORTEN].index(soort)]
    return basis + maand + (jaar - 2022)


def jaarwaarde(gebied, soort, jaar):
    """De som van de twaalf maanden (wat de pagina's als jaarcijfer tonen)."""
    return sum(maandwaarde(gebied, soort, jaar, maand) for maand in range(1, 13))


def rijen(variant="code"):
    """(SoortMisdrijf, RegioS, Perioden, aantal) voor elk gebied, elke soort en elke maand."""
    uit = []
    for gebied, label in GEBIEDEN:
        for soort, titel in SOORTEN:
            for jaar in JAREN:
                for maand in range(1, 13):
                    aantal = str(maandwaarde(gebied, soort, jaar, maand))
                    if variant == "code":
                        uit.append((soort, gebied, f"{jaar}MM{maand:02d}", aantal))
                    else:
                        periode = f"{jaar} {MAANDEN[maand - 1]}"
                        uit.append((f"{soort} {titel}", label, periode, aantal))
    return uit


def als_csv(rijen, variant="code"):
    """Zoals de download het geeft: puntkomma's, aanhalingstekens, in de codevariant de
    sleutels opgevuld met spaties; de labelvariant met de kopjes van StatLine."""
    kop = (
        ["ID", "SoortMisdrijf", "RegioS", "Perioden", "GeregistreerdeMisdrijven_1"]
        if variant == "code"
        else ["ID", "Soort misdrijf", "Regio's", "Perioden", "Geregistreerde misdrijven (aantal)"]
    )
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    schrijver.writerow(kop)
    for nummer, (soort, regio, periode, aantal) in enumerate(rijen):
        if variant == "code":
            soort, regio, aantal = soort.ljust(8), regio.ljust(10), aantal.rjust(6)
        schrijver.writerow([nummer, soort, regio, periode, aantal])
    return uit.getvalue().encode("utf-8")


def codevariant():
    """De steekproef in de codevariant (bytes)."""
    return als_csv(rijen("code"), "code")


def labelvariant():
    """De steekproef in de labelvariant (bytes)."""
    return als_csv(rijen("label"), "label")
