"""Het corpus van slechte bestanden: elk geeft zijn eigen Nederlandse fout (rij, kolom, waarde
en reden), en er wordt niets geschreven. Eén test per soort slecht bestand.

Alle bestanden worden hier gemaakt en zijn synthetisch (tests/importbestanden).
"""

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from cijfers.importeren import BestandFout, ImportGeweigerd
from tests import importbestanden as ib
from tests.importbestanden import EENHEID_KOP, GOED, SJABLOON_KOP

# Het corpus: (soort, bestand, rij, kolom, waarde, stuk van de reden); de soort is de test-id.
# Bij fouten per rij staat er steeds ook een geldige rij in: ook die wordt niet geschreven.
CORPUS = [
    ("leeg bestand", b"", None, "bestand", "", "Het bestand is leeg"),
    ("alleen spaties", b"  \r\n \n", None, "bestand", "", "Het bestand is leeg"),
    ("alleen een kopregel", SJABLOON_KOP.encode(), 2, "", "", "geen rijen met gegevens"),
    ("onbekende kopregel", b"naam,adres\nPiet,Dorpsstraat 1\n", 1, "kopregel", "naam,adres",
     "Onbekende kopregel"),
    ("ontbrekende kolom", b"gebied,categorie,jaar,waarde\nSoest,woninginbraken,2020,12\n", 1,
     "kopregel", "gebied,categorie,jaar,waarde", "deze kolommen ontbreken: periode"),
    ("UTF-16", f"{SJABLOON_KOP}\n{GOED}\n".encode("utf-16"), None, "codering", "UTF-16",
     "Onbekende codering (UTF-16)"),
    ("onbekende codering", f"{SJABLOON_KOP}\nS\x81est,woninginbraken,2020,2020,12,,\n".encode("latin-1"),
     None, "codering", "byte 0x81 op positie 50 is geen UTF-8 en geen Windows-1252",
     "geen UTF-8 en geen Windows-1252"),
    ("tab als scheidingsteken", f"{SJABLOON_KOP}\n{GOED}\n".replace(",", "\t").encode(), 1,
     "kopregel", SJABLOON_KOP.replace(",", "→"), "Het scheidingsteken is een tab"),
    ("oud Excel-bestand", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, None, "bestand",
     ".xls", "oud Excel-bestand (.xls)"),
    ("kapotte xlsx", b"PK\x03\x04kapot", None, "bestand", "BadZipFile", "beschadigd"),
    ("ongeldige CSV", f'{SJABLOON_KOP}\n{GOED}\n"Soest,woninginbraken,2020'.encode(), 3, "", "",
     "geen geldige CSV"),
    ("onbekend gebied", f"{SJABLOON_KOP}\n{GOED}\nAtlantis,woninginbraken,2020,2020,3,,\n".encode(),
     3, "gebied", "Atlantis", "Onbekend gebied"),
    ("regio zonder aantallen", f"{SJABLOON_KOP}\n{GOED}\nMidden-Nederland,woninginbraken,2020,2020,3,,\n".encode(),
     3, "gebied", "Midden-Nederland", "Een regio heeft geen eigen aantallen"),
    ("onbekende categorie", f"{SJABLOON_KOP}\n{GOED}\nSoest,ufo-meldingen,2020,2020,3,,\n".encode(),
     3, "categorie", "ufo-meldingen", "Onbekende categorie"),
    ("geen heel getal", f"{SJABLOON_KOP}\n{GOED}\nSoest,autokraak,2020,2020,\"12,5\",,\n".encode(),
     3, "waarde", "12,5", "Geen heel getal"),
    ("duizendtalpunt", f"{SJABLOON_KOP}\n{GOED}\nSoest,autokraak,2020,2020,1.234,,\n".encode(),
     3, "waarde", "1.234", "Geen heel getal"),
    ("negatief aantal", f"{SJABLOON_KOP}\n{GOED}\nSoest,autokraak,2020,2020,-3,,\n".encode(),
     3, "waarde", "-3", "Negatief aantal"),
    ("tekst als aantal", f"{SJABLOON_KOP}\n{GOED}\nSoest,autokraak,2020,2020,veel,,\n".encode(),
     3, "waarde", "veel", "Geen getal"),
    ("jaar te vroeg", f"{SJABLOON_KOP}\n{GOED}\nSoest,autokraak,1850,1850,3,,\n".encode(),
     3, "jaar", "1850", "Jaar buiten bereik"),
    ("jaar in de toekomst", f"{SJABLOON_KOP}\n{GOED}\nSoest,autokraak,2099,2099,3,,\n".encode(),
     3, "jaar", "2099", "Jaar buiten bereik"),
    ("onbekende periode", f"{SJABLOON_KOP}\n{GOED}\nSoest,autokraak,2020,2020-13,3,,\n".encode(),
     3, "periode", "2020-13", "Onbekende periode"),
    ("periode in een ander jaar", f"{SJABLOON_KOP}\n{GOED}\nSoest,autokraak,2020,2021-01,3,,\n".encode(),
     3, "periode", "2021-01", "hoort niet bij het jaar 2020"),
    ("onbekende status", f"{SJABLOON_KOP}\n{GOED}\nSoest,autokraak,2020,2020,3,,misschien\n".encode(),
     3, "status", "misschien", "Onbekende status"),
    ("geheim met aantal", f"{SJABLOON_KOP}\n{GOED}\nSoest,autokraak,2020,2020,3,,geheim\n".encode(),
     3, "status", "geheim", "Een geheim cijfer heeft geen aantal"),
    ("leeg maar definitief", f"{SJABLOON_KOP}\n{GOED}\nSoest,autokraak,2020,2020,,,definitief\n".encode(),
     3, "waarde", "", "Een leeg aantal betekent geheim"),
    ("verkeerde eenheid", f"{EENHEID_KOP}\n{GOED},misdrijven\nSoest,meldingen-jongerenoverlast,2020,2020,3,,,misdrijven\n".encode(),
     3, "eenheid", "misdrijven", "De eenheid past niet bij de categorie"),
    ("rij met te weinig velden", f"{SJABLOON_KOP}\n{GOED}\nSoest,autokraak,2020\n".encode(),
     3, "", "3 velden", "De rij heeft 3 velden; de kopregel heeft er 7"),
    ("dubbele sleutel", f"{SJABLOON_KOP}\n{GOED}\nSoest,autokraak,2020,2020,1,,\nsoest,Woninginbraken,2020,2020,13,,\n".encode(),
     4, "periode", "soest/Woninginbraken/2020", "Dubbel: dezelfde sleutel staat al in rij 2"),
    # Een onbekende maar geldige code (9.9.9, GM9999) wordt een categorie of referentiegebied
    # (tests/test_referentie.py); een titel of naam die niets is, blijft een fout.
    ("politie: onbekende soort", ib.politie_csv([("1.1.1", "GM0342", "2020JJ00", "4"),
                                                 ("Ufo-melding", "GM0342", "2020JJ00", "4")]),
     3, "SoortMisdrijf", "Ufo-melding", "Onbekende soort misdrijf"),
    ("politie: onbekende gemeente", ib.politie_csv([("1.1.1", "GM0342", "2020JJ00", "4"),
                                                   ("1.1.1", "GM99", "2020JJ00", "4")]),
     3, "RegioS", "GM99", "Onbekend gebied: geen CBS-code"),
    ("politie: kwartaal", ib.politie_csv([("1.1.1", "GM0342", "2020JJ00", "4"),
                                         ("1.1.1", "GM0342", "2020KW01", "4")]),
     3, "Perioden", "2020KW01", "Kwartaalcijfers worden niet opgeslagen"),
    ("politie: negatief", ib.politie_csv([("1.1.1", "GM0342", "2020JJ00", "4"),
                                         ("1.1.1", "GM0342", "2020MM01", "-1")]),
     3, "GeregistreerdeMisdrijven_1", "-1", "Negatief aantal"),
    ("inwoners: nul", b"gebied,jaar,inwoners\nSoest,2020,46000\nBaarn,2020,0\n", 3, "inwoners", "0",
     "groter dan 0"),
]  # fmt: skip


@pytest.fixture(scope="module")
def brondata(django_db_setup, django_db_blocker):
    """De brongegevens één keer voor alle soorten, in een transactie die na afloop terug gaat.

    Elke test loopt daarbinnen in zijn eigen savepoint (pytest.mark.django_db)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("laad_brondata", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def fouten_van(inhoud):
    """De fouten waarmee de import van dit bestand geweigerd wordt."""
    try:
        voorstel, _ = ib.importeer(inhoud)
    except BestandFout as fout:
        return [fout.fout]
    except ImportGeweigerd as geweigerd:
        assert geweigerd.voorstel.te_schrijven, "er was een geldige rij"
        return geweigerd.voorstel.alle_fouten
    raise AssertionError(f"geïmporteerd ({voorstel.tellingen()})")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("inhoud", "rij", "kolom", "waarde", "reden"),
    [pytest.param(*geval, id=soort) for soort, *geval in CORPUS],
)
def test_slecht_bestand(brondata, inhoud, rij, kolom, waarde, reden):
    voor = ib.stand()
    fouten = fouten_van(inhoud)
    gevonden = [fout for fout in fouten if reden in fout.reden]
    assert gevonden, [str(fout) for fout in fouten]
    assert (gevonden[0].rij, gevonden[0].kolom) == (rij, kolom), str(gevonden[0])
    if waarde:
        assert waarde in gevonden[0].waarde + " " + gevonden[0].reden
    assert ib.stand() == voor
