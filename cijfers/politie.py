"""De open data van de politie (CBS 47013NED per maand, 47018NED per jaar): soorten misdrijf
en de standaardkoppeling aan de categorieën van de bron.

De soorten zijn de dimensie SoortMisdrijf van die tabellen (code en titel). Gekoppeld zijn
alleen soorten die ondubbelzinnig overeenkomen met een rij uit de tabellen van het IVP BES
2019-2022. Niet gekoppeld (en waarom):

- 1.2.3 Diefstal van brom-, snor-, fietsen: telt ook brom- en snorfietsen; de bron heeft
  alleen fietsdiefstal.
- geweld: totaal en geweld: overig: geen enkele soort; een som van soorten zou een eigen
  definitie zijn, geen gepubliceerd cijfer.
- woninginbraak: pogingen / geslaagd: de open data splitst 1.1.1 niet.
- huiselijk geweld: geen soort misdrijf in deze indeling.
- meldingen jongerenoverlast: meldingen, geen misdrijven (staat niet in deze tabellen).
- 1.4.2 Moord, doodslag en de overige soorten: geen eigen rij in de bron.

In het beheer ("Soorten misdrijf (politie)") kan een beheerder de koppeling wijzigen.

Elke andere soort die in een bestand staat, krijgt bij de import een eigen categorie (groep
"Andere soorten misdrijf (politie)"), met haar plaats in de indeling van de politie: de code
zegt het niveau (0.0.0 Totaal misdrijven, dan 1, 1.1, 1.1.1 ...; ouder_code). Een totaal is
nooit op te tellen bij zijn onderdelen: een som over categorieën gebruikt zonder_overlap.
"""

import re

from django.utils.text import slugify

from ivp import gegevensversie

# Een code van een soort misdrijf: 0.0.0, 1, 1.1, 1.1.1, 2.6.10 ...
SOORTCODE = re.compile(r"^\d+(\.\d+)*$")
TOTAAL = "0.0.0"

# (code, titel) in de volgorde van de open data.
SOORTEN = [
    ("0.0.0", "Totaal misdrijven"),
    ("1.1.1", "Diefstal/inbraak woning"),
    ("1.1.2", "Diefstal/inbraak box/garage/schuur"),
    ("1.2.1", "Diefstal uit/vanaf motorvoertuigen"),
    ("1.2.2", "Diefstal van motorvoertuigen"),
    ("1.2.3", "Diefstal van brom-, snor-, fietsen"),
    ("1.2.4", "Zakkenrollerij"),
    ("1.2.5", "Diefstal af/uit/van ov. voertuigen"),
    ("1.3.1", "Ongevallen (weg)"),
    ("1.4.1", "Zedenmisdrijf"),
    ("1.4.2", "Moord, doodslag"),
    ("1.4.3", "Openlijk geweld (persoon)"),
    ("1.4.4", "Bedreiging"),
    ("1.4.5", "Mishandeling"),
    ("1.4.6", "Straatroof"),
    ("1.4.7", "Overval"),
    ("1.5.2", "Diefstallen (water)"),
    ("1.6.1", "Brand/ontploffing"),
    ("1.6.2", "Overige vermogensdelicten"),
    ("1.6.3", "Mensenhandel"),
    ("2.1.1", "Drugs/drankoverlast"),
    ("2.2.1", "Vernieling cq. zaakbeschadiging"),
    ("2.4.1", "Burengerucht (relatieproblemen)"),
    ("2.4.2", "Huisvredebreuk"),
    ("2.5.1", "Diefstal/inbraak bedrijven enz."),
    ("2.5.2", "Winkeldiefstal"),
    ("2.6.1", "Inrichting Wet Milieubeheer"),
    ("2.6.2", "Bodem"),
    ("2.6.3", "Water"),
    ("2.6.4", "Afval"),
    ("2.6.5", "Bouwstoffen"),
    ("2.6.7", "Mest"),
    ("2.6.8", "Transport gevaarlijke stoffen"),
    ("2.6.9", "Vuurwerk"),
    ("2.6.10", "Bestrijdingsmiddelen"),
    ("2.6.11", "Natuur en landschap"),
    ("2.6.12", "Ruimtelijke ordening"),
    ("2.6.13", "Dieren"),
    ("2.6.14", "Voedselveiligheid"),
    ("2.7.2", "Bijzondere wetten"),
    ("2.7.3", "Leefbaarheid (overig)"),
    ("3.1.1", "Drugshandel"),
    ("3.1.2", "Mensensmokkel"),
    ("3.1.3", "Wapenhandel"),
    ("3.2.1", "Kinderporno"),
    ("3.2.2", "Kinderprostitutie"),
    ("3.3.2", "Onder invloed (lucht)"),
    ("3.3.5", "Lucht (overig)"),
    ("3.4.2", "Onder invloed (water)"),
    ("3.5.2", "Onder invloed (weg)"),
    ("3.5.5", "Weg (overig)"),
    ("3.6.4", "Aantasting openbare orde"),
    ("3.7.1", "Discriminatie"),
    ("3.7.2", "Vreemdelingenzorg"),
    ("3.7.3", "Maatsch. integriteit (overig)"),
    ("3.7.4", "Cybercrime"),
    ("3.9.1", "Horizontale fraude"),
    ("3.9.2", "Verticale fraude"),
    ("3.9.3", "Fraude (overig)"),
]

# Code -> slug van de categorie uit fixtures/04_cijfers.json die ermee overeenkomt.
STANDAARDKOPPELING = {
    "0.0.0": "criminaliteit-totaal",
    "1.1.1": "woninginbraken",
    "1.2.1": "autokraak",
    "1.2.4": "zakkenrollen",
    "1.4.1": "geweld-zeden",
    "1.4.3": "geweld-openlijk-geweld",
    "1.4.4": "geweld-bedreiging",
    "1.4.5": "geweld-mishandeling",
    "1.4.6": "geweld-straatroof",
    "1.4.7": "geweld-overval",
    "2.2.1": "vernielingen",
    "2.5.1": "inbraak-diefstal-bedrijf-en-instelling",
    "2.5.2": "winkeldiefstal",
}

BRON_TITEL = "Politie, open data geregistreerde misdrijven (CBS 47013NED/47018NED)"
BRON_DOCUMENT = "Politie: open data via het CBS (dataderden.cbs.nl, data.politie.nl)"
BRON_TABEL = "47013NED (per maand, gemeenten) of 47018NED (per jaar, wijken en buurten)"
BRON_NOOT = (
    "Geïmporteerd door een gebruiker van het dashboard; de geschiedenis van elk cijfer noemt "
    "het bestand. Een leeg aantal in de open data is geheimgehouden (x), geen 0."
)


def zorg_voor_soorten(PolitieCategorie, Categorie):
    """Maakt ontbrekende soorten aan; een nieuwe soort krijgt de standaardkoppeling als die
    categorie bestaat. Bestaande koppelingen (ook een bewust lege) blijven zoals ze zijn.

    De modellen komen als argument binnen, zodat de datamigratie dezelfde functie gebruikt.
    """
    bestaand = set(PolitieCategorie.objects.values_list("code", flat=True))
    ontbrekend = [(i, code, naam) for i, (code, naam) in enumerate(SOORTEN) if code not in bestaand]
    if not ontbrekend:
        return 0
    gekoppeld = set(
        PolitieCategorie.objects.filter(categorie__isnull=False).values_list(
            "categorie_id", flat=True
        )
    )
    categorieen = {
        c.slug: c.pk
        for c in Categorie.objects.filter(slug__in=STANDAARDKOPPELING.values()).exclude(
            pk__in=gekoppeld
        )
    }
    PolitieCategorie.objects.bulk_create(
        PolitieCategorie(
            code=code,
            naam=naam,
            volgorde=i,
            categorie_id=categorieen.get(STANDAARDKOPPELING.get(code)),
        )
        for i, code, naam in ontbrekend
    )
    gegevensversie.verhoog_voor(PolitieCategorie)  # bulk_create stuurt geen signalen
    return len(ontbrekend)


def koppel_nieuwe_categorie(PolitieCategorie, categorie):
    """Een net aangemaakte categorie (bijv. bij het laden van de brongegevens) krijgt de soort
    uit de standaardkoppeling, als die soort nog aan niets gekoppeld is."""
    codes = [code for code, slug in STANDAARDKOPPELING.items() if slug == categorie.slug]
    if codes and not PolitieCategorie.objects.filter(categorie=categorie).exists():
        PolitieCategorie.objects.filter(code__in=codes, categorie__isnull=True).update(
            categorie=categorie
        )
        gegevensversie.verhoog_voor(PolitieCategorie)  # update() stuurt geen signalen


def niveau(code):
    """Het niveau van een code in de indeling: 0 voor het totaal 0.0.0, anders het aantal
    delen ("1" is 1, "1.1" is 2, "1.1.1" is 3)."""
    return 0 if code == TOTAAL else len(code.split("."))


def voorouders(code):
    """De codes boven `code`, van dichtbij naar ver: "1.1.1" -> ["1.1", "1", "0.0.0"];
    het totaal heeft er geen."""
    if code == TOTAAL:
        return []
    delen = code.split(".")
    return [".".join(delen[:n]) for n in range(len(delen) - 1, 0, -1)] + [TOTAAL]


def ouder_code(code, codes):
    """De dichtstbijzijnde voorouder van `code` die in `codes` staat, of None."""
    return next((ouder for ouder in voorouders(code) if ouder in codes), None)


def is_onderdeel(code, van):
    """True als soort `code` een (klein)kind van soort `van` is: 1.1.1 van 1.1, alles van
    0.0.0; een code is geen onderdeel van zichzelf."""
    return van in voorouders(code)


def zonder_overlap(codes):
    """De codes die niet onder een andere code uit `codes` vallen (oplopend).

    Wie een som over soorten maakt, telt alleen deze op: een totaal wordt nooit bij zijn
    onderdelen opgeteld ({0.0.0, 1.1.1} telt als 0.0.0; {1.1, 1.1.1, 1.2.1} als 1.1 en 1.2.1).
    """
    codes = set(codes)
    return sorted(
        (code for code in codes if not any(ouder in codes for ouder in voorouders(code))),
        key=volgorde,
    )


def volgorde(code):
    """Een getal dat de codes in de volgorde van de indeling zet (voor Categorie.volgorde,
    na de categorieën van het plan): 0.0.0 eerst, dan 1, 1.1, 1.1.1, 1.1.2, 1.2 ..., 2."""
    if code == TOTAAL:
        return 100
    delen = [int(deel) for deel in code.split(".")[:3]] + [0, 0]
    return min(100 + delen[0] * 2000 + min(delen[1], 24) * 80 + min(delen[2], 79), 32_000)


def categorienaam(code, titel):
    """De naam van de eigen categorie van een soort: de titel, of de code zolang het bestand
    geen titel geeft (de codevariant); een latere labelvariant geeft de titel."""
    return " ".join(titel.split())[:100] or code


def nieuwe_categorie(PolitieCategorie, Categorie, code, titel=""):
    """Maakt de eigen categorie van soort `code` (groep POLITIE) en koppelt de soort eraan;
    de soort zelf wordt gemaakt als hij nog niet bestaat. Geeft de Categorie terug.

    De ouder is de categorie van de dichtstbijzijnde voorouder die al een categorie heeft
    (zo hangt 1.1.2 onder 1.1 of anders onder het totaal). Een naam die al bestaat krijgt de
    code erachter, een slug die al bestaat (een eigen categorie die een beheerder ontkoppelde)
    een nummer: ontkoppelen betekent "niet meer in die categorie". De modellen komen als
    argument binnen, zoals bij zorg_voor_soorten.
    """
    soort, _ = PolitieCategorie.objects.get_or_create(
        code=code, defaults={"naam": titel or code, "volgorde": volgorde(code)}
    )
    titel = titel or (soort.naam if soort.naam != code else "")
    slug = slugify(f"{code.replace('.', '-')} {titel.replace('/', ' ')}")[:100] or code
    gekoppeld = dict(
        PolitieCategorie.objects.filter(categorie__isnull=False).values_list("code", "categorie")
    )
    naam = categorienaam(code, titel)
    if Categorie.objects.filter(naam=naam).exists():
        naam = f"{naam} ({code})"[:100]
    if Categorie.objects.filter(slug=slug).exists():  # bijv. een ontkoppelde eigen categorie
        slug = f"{slug[:90]}-{Categorie.objects.count()}"
    categorie = Categorie.objects.create(
        naam=naam,
        slug=slug,
        ouder_id=gekoppeld.get(ouder_code(code, gekoppeld)),
        groep=Categorie.Groep.POLITIE,
        volgorde=volgorde(code),
        omschrijving=f"Soort misdrijf {code} van de politie (CBS 47013NED/47018NED).",
    )
    soort.categorie = categorie
    soort.save(update_fields=["categorie"])
    return categorie
