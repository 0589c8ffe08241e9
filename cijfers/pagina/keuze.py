"""De keuzes uit de querystring van een cijferpagina, als gewone waarden."""

from dataclasses import dataclass

EXPORTFORMATEN = ("csv", "xlsx")


@dataclass(frozen=True)
class Keuze:
    """Wat een bezoeker in de querystring kiest; leeg betekent: de standaard van de pagina.

    - `jaren` (`?jaar=`) en `vergelijkingsjaren` (`?vergelijkingsjaar=`): jaartallen (int).
    - `categorieen` (`?categorie=`) en `gebieden` (`?gebied=`): slugs; `eerste_gebied` de eerste
      `?gebied=` van de link (op een categoriepagina toont die gemeente haar groep).
    - `sortering` (`?sort=`): de kolomnamen voor django-tables2, met '-' voor aflopend.
    - `zoek` (`?zoek=`): een zoekvraag naar gebieden (naam of CBS-code), voor wie geen
      JavaScript heeft: de pagina zet de gevonden gebieden bij de vinkjes.
    - `export` (`?_export=`): het gevraagde exportformaat zoals gegeven (ook een onbekend
      formaat, zodat de view het met een 404 kan weigeren); `exporttabel` (`?_tabel=`): de
      naam van de tabel, leeg voor de eerste.
    """

    jaren: frozenset = frozenset()
    vergelijkingsjaren: frozenset = frozenset()
    categorieen: frozenset = frozenset()
    gebieden: frozenset = frozenset()
    eerste_gebied: str = ""
    sortering: tuple = ()
    zoek: str = ""
    export: str = ""
    exporttabel: str = ""


# Een jaartal in de querystring: 1 tot 4 cijfers 0-9 (geen teken, spatie, punt of cijfers uit
# een ander schrift).
JAARTAL_MAX_CIJFERS = 4


def jaartal(waarde):
    """Het jaartal (int) in `waarde` (tekst uit de querystring), of None als het er geen is:
    alleen 1 tot 4 cijfers 0-9. Zo komt een getal van 5.000 cijfers nooit bij int() (Python
    weigert meer dan 4.300 cijfers met ValueError) en worden "-1", "NaN", "1e3", " 2018" en
    Arabisch-Indische cijfers geen jaartal."""
    if 0 < len(waarde) <= JAARTAL_MAX_CIJFERS and waarde.isascii() and waarde.isdigit():
        return int(waarde)
    return None


def _jaartallen(waarden):
    """De jaartallen (frozenset van int) uit de waarden van één parameter; de rest valt weg."""
    return frozenset(j for j in map(jaartal, waarden) if j is not None)


def keuze_uit(querystring):
    """De Keuze uit een QueryDict (request.GET); ongeldige jaartallen vallen weg."""
    return Keuze(
        jaren=_jaartallen(querystring.getlist("jaar")),
        vergelijkingsjaren=_jaartallen(querystring.getlist("vergelijkingsjaar")),
        categorieen=frozenset(querystring.getlist("categorie")),
        gebieden=frozenset(querystring.getlist("gebied")),
        eerste_gebied=next(iter(querystring.getlist("gebied")), ""),
        sortering=tuple(querystring.getlist("sort")),
        zoek=" ".join(querystring.get("zoek", "").split())[:100],
        export=querystring.get("_export", ""),
        exporttabel=querystring.get("_tabel", ""),
    )


def gekozen_jaren(gekozen, beschikbaar):
    """De gekozen jaren die er zijn, oplopend; zonder (geldige) keuze alle beschikbare jaren."""
    return sorted(jaar for jaar in beschikbaar if jaar in gekozen) or sorted(beschikbaar)


@dataclass(frozen=True)
class Categoriegroep:
    """Een groep andere soorten misdrijf op de pagina, in een inklapbaar blok (<details>):
    `titel` is de naam van de categorie erboven in de indeling, `categorieen` de soorten."""

    titel: str
    categorieen: tuple


def categoriegroepen(categorieen):
    """(categorieën van de bron, [Categoriegroep]) uit de categorieën in hun volgorde.

    De categorieën uit de tabellen van het plan komen eerst; de andere soorten misdrijf van
    de politie (groep POLITIE) staan per ouder in de indeling ("criminaliteit totaal",
    "Geweldsmisdrijven" ...), in de volgorde van die ouder. `ouder` moet al geladen zijn
    (select_related): geen query hier."""
    from cijfers.models import Categorie

    bron = [c for c in categorieen if c.groep != Categorie.Groep.POLITIE]
    per_ouder = {}
    for categorie in categorieen:
        if categorie.groep == Categorie.Groep.POLITIE:
            ouder = categorie.ouder
            sleutel = (ouder.volgorde, ouder.naam) if ouder else (0, "Andere soorten misdrijf")
            per_ouder.setdefault(sleutel, []).append(categorie)
    groepen = [Categoriegroep(naam, tuple(leden)) for (_, naam), leden in sorted(per_ouder.items())]
    return bron, groepen


def gebiedskeuze(gebieden, gevonden=()):
    """De gebieden met een vinkje op de verkenner en de categoriepagina's: `gebieden` (de
    eigen gebieden en de gekozen, één query in de view) en daarachter wat de zoekvraag vond
    (`gevonden`, zonder dubbele). Zo staan er nooit alle gebieden van het land op de pagina;
    de andere vindt een bezoeker met het zoekveld."""
    gezien = {gebied.pk for gebied in gebieden}
    return [*gebieden, *[gebied for gebied in gevonden if gebied.pk not in gezien]]
