"""Per gegevensversie vooraf gebouwd: de HTML van tabelrijen en de JSON van grafieken.

De onderdelen van een pagina staan per gegevensversie in de cache (ivp/gegevensversie.py
`per_versie`). Zonder deze stap bouwt elk warm verzoek uit die onderdelen opnieuw de rijen van
elke tabel (honderden cellen, elk met format_html) en de JSON van elke grafiek (honderden kB
door json.dumps): op landelijke omvang (zeven jaar maandcijfers erbij) kost dat per verzoek
tientallen milliseconden. `vooraf_gebouwd` doet het één keer, in de bouwer, zodat de cache de
teksten bewaart. Wat per bezoeker verschilt (links met het adres van het verzoek, het
CSRF-formulier, de kop van een sorteerbare tabel) zit niet in die teksten: dat rendert de
template per verzoek.
"""

import dataclasses

from cijfers.pagina.reeksen import Grafiek
from cijfers.tables import Tabel


def vooraf_gebouwd(*onderdelen):
    """Bouwt in `onderdelen` (dataclasses, lijsten, tuples, dicts, genest; andere waarden worden
    overgeslagen) van elke Tabel de tbody (Tabel.vooraf_renderen) en van elke Grafiek de JSON
    (Grafiek.vooraf_renderen), en geeft `onderdelen` terug (één onderdeel: dat ene). Geen
    queries; verandert niets aan wat de pagina toont (tests/test_vooraf.py)."""
    gezien = set()

    def loop(waarde):
        if id(waarde) in gezien:
            return
        gezien.add(id(waarde))
        if isinstance(waarde, Tabel):
            waarde.vooraf_renderen()
        elif isinstance(waarde, Grafiek):
            waarde.vooraf_renderen()
            loop(waarde.tabel)
        elif dataclasses.is_dataclass(waarde) and not isinstance(waarde, type):
            for veld in dataclasses.fields(waarde):
                loop(getattr(waarde, veld.name))
        elif isinstance(waarde, list | tuple):
            for deel in waarde:
                loop(deel)
        elif isinstance(waarde, dict):
            for deel in waarde.values():
                loop(deel)

    for onderdeel in onderdelen:
        loop(onderdeel)
    return onderdelen[0] if len(onderdelen) == 1 else onderdelen
