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
"""

from ivp import gegevensversie

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
