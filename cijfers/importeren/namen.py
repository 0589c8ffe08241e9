"""Namen uit de database, opgezocht zoals een bestand ze schrijft (hoofdletters en spaties vrij).

Een gebied of soort misdrijf die nog niet in de database staat (een referentiegebied zoals
GM0307 of WK030700, een soort zoals 1.1.2 zonder categorie) krijgt hier een voorlopig,
negatief id; schrijven.voer_uit maakt ze in dezelfde transactie als de cijfers aan
(`nieuwe_gebieden`, `nieuwe_soorten`) en geeft bestaande gebieden en soorten die nog alleen
hun code als naam hebben de naam uit het bestand (`namen_voor`, `titels_voor`).
"""

from cijfers.models import Categorie, PolitieCategorie
from ivp.models import CBS_CODE, Gebied, referentiegebied

# De provincies en het land zoals CBS ze in de labelvariant noemt, met hun CBS-code. Dit is
# de vaste indeling van het CBS (geen getypte namen): PV20 Groningen ... PV31 Limburg.
LANDELIJK = {
    "NL01": "Nederland",
    "PV20": "Groningen (PV)",
    "PV21": "Fryslân (PV)",
    "PV22": "Drenthe (PV)",
    "PV23": "Overijssel (PV)",
    "PV24": "Flevoland (PV)",
    "PV25": "Gelderland (PV)",
    "PV26": "Utrecht (PV)",
    "PV27": "Noord-Holland (PV)",
    "PV28": "Zuid-Holland (PV)",
    "PV29": "Zeeland (PV)",
    "PV30": "Noord-Brabant (PV)",
    "PV31": "Limburg (PV)",
}
# Gebieden waarvan de naam niet uniek is: alleen op CBS-code te vinden (of "naam (code)").
ALLEEN_OP_CODE = {Gebied.Soort.WIJK, Gebied.Soort.BUURT}


def normaliseer(tekst):
    """De vorm waarin namen vergeleken worden: kleine letters, één spatie tussen de woorden."""
    return " ".join(tekst.split()).casefold()


LANDELIJKE_NAMEN = {
    **{normaliseer(naam): code for code, naam in LANDELIJK.items()},
    normaliseer("Friesland (PV)"): "PV21",
}


class Namen:
    """Gebieden, categorieën en soorten misdrijf, opgezocht zoals een bestand ze noemt.

    Alle sleutels zijn genormaliseerd (`normaliseer`). Vier queries, één keer per bestand:

    - `gebied`: slug, naam, CBS-code of "naam (gemeente)" -> id van het Gebied (wijken en
      buurten alleen op code: hun namen zijn niet uniek); `gebied_naam`, `gebied_slug`,
      `gebied_soort`: id -> naam, slug, Gebied.Soort;
    - `cbs_code`: CBS-code in hoofdletters (GM0308) -> id van het Gebied;
    - `categorie`: slug of naam -> id van de Categorie; `categorie_naam`: id -> naam;
      `eenheid`: id -> de toegestane schrijfwijzen van de eenheid (code en label);
    - `soort_misdrijf`: code, titel of "code titel" -> (code, titel, id van de gekoppelde
      categorie of None).

    Wat het bestand nieuw noemt (referentiegebied, soort_categorie): `nieuwe_gebieden`
    (CBS-code -> (voorlopig id, naam)), `nieuwe_soorten` (code -> (voorlopig id, titel)),
    `namen_voor` (id van een gebied zonder naam -> naam), `titels_voor` (code -> titel).
    """

    def __init__(self):
        self._lees_gebieden()
        self._lees_categorieen()
        self.soort_misdrijf, self.soort_titel = {}, {}
        for soort in PolitieCategorie.objects.all():
            waarde = (soort.code, soort.naam, soort.categorie_id)
            self.soort_titel[soort.code] = soort.naam
            for sleutel in (soort.code, soort.naam, f"{soort.code} {soort.naam}"):
                self.soort_misdrijf.setdefault(normaliseer(sleutel), waarde)
        self.nieuwe_gebieden, self.nieuwe_soorten = {}, {}
        self.namen_voor, self.titels_voor = {}, {}

    def _lees_gebieden(self):
        self.gebied, self.gebied_naam, self.gebied_slug, self.gebied_soort = {}, {}, {}, {}
        self.cbs_code, self.zonder_naam = {}, set()
        for gebied in Gebied.objects.order_by("volgorde", "naam"):
            sleutels = [gebied.slug, gebied.cbs_code]
            if gebied.soort not in ALLEEN_OP_CODE:
                sleutels += [gebied.naam, f"{gebied.naam} (gemeente)"]
            for sleutel in sleutels:
                if sleutel:
                    self.gebied.setdefault(normaliseer(sleutel), gebied.pk)
            self.gebied_naam[gebied.pk] = gebied.naam
            self.gebied_slug[gebied.pk] = gebied.slug
            self.gebied_soort[gebied.pk] = gebied.soort
            if gebied.cbs_code:
                self.cbs_code[gebied.cbs_code.upper()] = gebied.pk
                if not gebied.heeft_naam:
                    self.zonder_naam.add(gebied.pk)

    def _lees_categorieen(self):
        self.categorie, self.categorie_naam, self.eenheid = {}, {}, {}
        for categorie in Categorie.objects.all():
            self.categorie.setdefault(normaliseer(categorie.slug), categorie.pk)
            self.categorie.setdefault(normaliseer(categorie.naam), categorie.pk)
            self.categorie_naam[categorie.pk] = categorie.naam
            self.eenheid[categorie.pk] = {
                normaliseer(categorie.eenheid),
                normaliseer(categorie.get_eenheid_display()),
            }

    def referentiegebied(self, code, naam=""):
        """Het id van het gebied met CBS-code `code` (hoofdletters, gecontroleerd door de
        aanroeper met ivp.models.CBS_CODE): een bestaand gebied, of een voorlopig negatief id
        voor een nieuw referentiegebied. `naam` (uit een labelbestand, of de vaste naam van
        het land of een provincie) wordt de naam van een gebied dat nog geen naam heeft."""
        naam = " ".join(naam.split())[:100] or LANDELIJK.get(code, "")
        bestaand = self.cbs_code.get(code)
        if bestaand is not None:
            if naam and bestaand in self.zonder_naam:
                self.namen_voor.setdefault(bestaand, naam)
            return bestaand
        if code not in self.nieuwe_gebieden:
            gebied = referentiegebied(code, naam)
            voorlopig = -(len(self.nieuwe_gebieden) + 1)
            self.nieuwe_gebieden[code] = (voorlopig, naam)
            self.gebied_naam[voorlopig] = gebied.naam
            self.gebied_slug[voorlopig] = gebied.slug
            self.gebied_soort[voorlopig] = gebied.soort
        elif naam and not self.nieuwe_gebieden[code][1]:
            voorlopig = self.nieuwe_gebieden[code][0]
            self.nieuwe_gebieden[code] = (voorlopig, naam)
            self.gebied_naam[voorlopig] = naam
        return self.nieuwe_gebieden[code][0]

    def noem(self, gebied, naam):
        """Geeft het gebied met id `gebied` (een bestaand of een voorlopig nieuw) de naam
        `naam` uit het bestand, als het nog alleen zijn CBS-code als naam heeft; een gebied
        met een naam houdt die. Voor een naamkolom naast de code (de kerncijfers)."""
        code = self.gebied_naam.get(gebied, "")
        naam = " ".join(naam.split())[:100]
        if not naam or not CBS_CODE.match(code):
            return
        if gebied < 0:
            self.referentiegebied(code, naam)  # zet ook gebied_naam
        elif gebied in self.zonder_naam:
            self.referentiegebied(code, naam)  # namen_voor: bij het schrijven
            self.gebied_naam[gebied] = self.namen_voor[gebied]

    def soort_categorie(self, code, titel=""):
        """Het id van de categorie van soort misdrijf `code`: de gekoppelde categorie, of een
        voorlopig negatief id voor de eigen categorie die bij het schrijven gemaakt wordt
        (politie.nieuwe_categorie). `titel` noemt een soort die nog alleen zijn code heeft."""
        titel = " ".join(titel.split())
        gevonden = self.soort_misdrijf.get(normaliseer(code))
        if gevonden is not None and gevonden[2] is not None:
            if titel and self.soort_titel.get(code) == code:
                self.titels_voor.setdefault(code, titel)
            return gevonden[2]
        titel = titel or (gevonden[1] if gevonden and gevonden[1] != code else "")
        if code not in self.nieuwe_soorten:
            voorlopig = -(len(self.nieuwe_soorten) + 1)
            self.nieuwe_soorten[code] = (voorlopig, titel)
            self.categorie_naam[voorlopig] = titel or code
        elif titel and not self.nieuwe_soorten[code][1]:
            self.nieuwe_soorten[code] = (self.nieuwe_soorten[code][0], titel)
            self.categorie_naam[self.nieuwe_soorten[code][0]] = titel
        return self.nieuwe_soorten[code][0]
