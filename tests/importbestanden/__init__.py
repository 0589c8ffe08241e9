"""Importbestanden voor de tests, hier gemaakt en synthetisch (verzonnen getallen).

Geen enkel getal hieronder is een echt cijfer: de aantallen volgen uit een formule, zodat een
test de som van een jaar kan narekenen. Bestandsnamen dragen het woord "synthetisch".
"""

import csv
import io

import openpyxl

from cijfers.importeren import controleer_bestand, voer_uit
from cijfers.models import Bevolking, Bron, Cijfer, Import

BES = [("GM0308", "Baarn"), ("GM0313", "Bunschoten"), ("GM0310", "De Bilt"),
       ("GM0317", "Eemnes"), ("GM0342", "Soest")]  # fmt: skip
# Code, titel en de categorie (slug) uit de standaardkoppeling.
SOORTEN = [
    ("0.0.0", "Totaal misdrijven", "criminaliteit-totaal"),
    ("1.1.1", "Diefstal/inbraak woning", "woninginbraken"),
    ("1.4.6", "Straatroof", "geweld-straatroof"),
    ("1.4.7", "Overval", "geweld-overval"),
]
MAANDEN = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"]  # fmt: skip
SJABLOON_KOP = "gebied,categorie,jaar,periode,waarde,bron,status"
EENHEID_KOP = SJABLOON_KOP + ",eenheid"
GOED = "Soest,woninginbraken,2020,2020,12,,"  # een geldige rij van het sjabloon


def maandwaarde(gemeente, soort, jaar, maand):
    """Het synthetische aantal van een maand (deterministisch, klein, soms 0)."""
    return (gemeente * 7 + soort * 13 + (jaar - 2019) * 5 + maand * 3) % 23


def jaarwaarde(gemeente, soort, jaar):
    return sum(maandwaarde(gemeente, soort, jaar, m) for m in range(1, 13))


def politie_rijen(jaren=range(2019, 2024), variant="code", maand=True, jaar=False):
    """(SoortMisdrijf, RegioS, Perioden, aantal) voor de vijf BES-gemeenten."""
    rijen = []
    for g, (code, naam) in enumerate(BES):
        for s, (soortcode, titel, _) in enumerate(SOORTEN):
            soort = soortcode if variant == "code" else titel
            regio = code if variant == "code" else naam
            for j in jaren:
                if jaar:
                    periode = f"{j}JJ00" if variant == "code" else str(j)
                    rijen.append((soort, regio, periode, str(jaarwaarde(g, s, j))))
                if maand:
                    for m in range(1, 13):
                        periode = f"{j}MM{m:02d}" if variant == "code" else f"{j} {MAANDEN[m - 1]}"
                        rijen.append((soort, regio, periode, str(maandwaarde(g, s, j, m))))
    return rijen


def politie_csv(rijen, opvullen=True, labels=False):
    """Zoals de open data het geeft: puntkomma's, aanhalingstekens, sleutels opgevuld met spaties."""
    kop = (
        ["ID", "Soort misdrijf", "Regio's", "Perioden", "Geregistreerde misdrijven (aantal)"]
        if labels
        else ["ID", "SoortMisdrijf", "RegioS", "Perioden", "GeregistreerdeMisdrijven_1"]
    )
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    schrijver.writerow(kop)
    for i, (soort, regio, periode, aantal) in enumerate(rijen):
        if opvullen and not labels:
            soort, regio, aantal = soort.ljust(8), regio.ljust(10), aantal.rjust(6)
        schrijver.writerow([i, soort, regio, periode, aantal])
    return uit.getvalue().encode("utf-8")


def sjabloon_csv(rijen, kop=None, scheiding=",", codering="utf-8"):
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=scheiding, lineterminator="\n")
    schrijver.writerow(
        kop or ["gebied", "categorie", "jaar", "periode", "waarde", "bron", "status"]
    )
    schrijver.writerows(rijen)
    return uit.getvalue().encode(codering)


def xlsx(kop, rijen):
    werkmap = openpyxl.Workbook()
    blad = werkmap.active
    blad.append(kop)
    for rij in rijen:
        blad.append(list(rij))
    uit = io.BytesIO()
    werkmap.save(uit)
    return uit.getvalue()


def importeer(inhoud, naam="synthetisch.csv", plan_bevestigd=False, **opties):
    """Het pad van de uploadpagina: controleren, dan uitvoeren (of een fout).

    Geeft (Importvoorstel, Import); `opties` gaan naar voer_uit (gebruiker, alleen_geldige);
    `plan_bevestigd`: de gebruiker bevestigt de afwijkingen van het plan (het vinkje).
    """
    controle = controleer_bestand(inhoud)
    controle.plan_bevestigd = plan_bevestigd
    import_ = Import(bestandsnaam=naam, soort=controle.formaat.soort, sha256="-")
    return voer_uit(controle, import_, **opties), import_


def stand():
    """Telt alles wat een import kan schrijven; gelijk = er is niets geschreven."""
    return (
        Cijfer.objects.count(),
        Cijfer.history.count(),
        Bevolking.objects.count(),
        Bron.objects.count(),
        Import.objects.filter(status=Import.Status.UITGEVOERD).count(),
        list(Cijfer.objects.order_by("pk").values_list("waarde", "status")),
    )
