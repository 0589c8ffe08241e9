"""Cijfers importeren: lezen, herkennen, controleren, vergelijken en schrijven.

Drie formaten, herkend aan de kopregel en elk beschreven in formaten.py:

- sjabloon: het lange formaat van /cijfers/data.csv
  (gebied,categorie,jaar,periode,waarde[,bron,status,eenheid]), als CSV of XLSX;
- politie: de open data van de politie (CBS 47013NED per maand, 47018NED per jaar), met de
  kolommen SoortMisdrijf, RegioS of WijkenEnBuurten, Perioden en GeregistreerdeMisdrijven_1,
  in de codevariant (1.1.1, GM0308, 2019MM01) of de labelvariant (Diefstal/inbraak woning,
  Baarn, 2019 januari);
- bevolking: gebied,jaar,inwoners[,bron].

Elke stap is een module (getest in tests/test_import*.py):

    lezen.lees_bestand(bytes) -> Tabel           codering, scheidingsteken, XLSX
    herkennen.herken_formaat(kop) -> Formaat     welk formaat, welke kolom waar
    controle.controleer(Tabel) -> Controle       per rij geldig, overgeslagen of afgewezen,
                                                 volgens het Rijformaat (formaten.py) met
                                                 de lezers van de cellen (kolommen.py)
    voorstel.maak_voorstel(Controle)             toegevoegd / gewijzigd / ongewijzigd /
        -> Importvoorstel                        afgewezen, vergeleken met de database
    maandsom.tegenspraken(...)                   jaarcijfers die niet gelijk zijn aan hun twaalf
                                                 maanden (een waarschuwing in het voorstel)
    schrijven.voer_uit(...)                      alles in één transactie, of niets

views.py en forms.py zijn de uploadpagina; management/commands/importeer_cijfers.py is
hetzelfde vanaf de opdrachtregel. Ontbrekend is geen nul: een leeg aantal is geheimgehouden
(x), een '.' ontbreekt en wordt overgeslagen. Een voorlopig cijfer vervangt nooit een
definitief cijfer.

Hieronder staat wat het commando en de scripts gebruiken; de rest staat in de stappen.
"""

from cijfers.importeren.controle import controleer_bestand
from cijfers.importeren.fouten import BestandFout, Fout
from cijfers.importeren.lezen import max_bytes, te_groot
from cijfers.importeren.schrijven import ImportGeweigerd, VeranderdSindsVoorbeeld, voer_uit
from cijfers.importeren.voorstel import Importvoorstel, maak_voorstel

__all__ = [
    "BestandFout",
    "Fout",
    "ImportGeweigerd",
    "Importvoorstel",
    "VeranderdSindsVoorbeeld",
    "controleer_bestand",
    "maak_voorstel",
    "max_bytes",
    "te_groot",
    "voer_uit",
]
