"""De keuzes uit de querystring van een cijferpagina, als gewone waarden."""

from dataclasses import dataclass

EXPORTFORMATEN = ("csv", "xlsx")


@dataclass(frozen=True)
class Keuze:
    """Wat een bezoeker in de querystring kiest; leeg betekent: de standaard van de pagina.

    - `jaren` (`?jaar=`) en `vergelijkingsjaren` (`?vergelijkingsjaar=`): jaartallen (int).
    - `categorieen` (`?categorie=`) en `gebieden` (`?gebied=`): slugs.
    - `sortering` (`?sort=`): de kolomnamen voor django-tables2, met '-' voor aflopend.
    - `export` (`?_export=`): het gevraagde exportformaat zoals gegeven (ook een onbekend
      formaat, zodat de view het met een 404 kan weigeren); `exporttabel` (`?_tabel=`): de
      naam van de tabel, leeg voor de eerste.
    """

    jaren: frozenset = frozenset()
    vergelijkingsjaren: frozenset = frozenset()
    categorieen: frozenset = frozenset()
    gebieden: frozenset = frozenset()
    sortering: tuple = ()
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
        sortering=tuple(querystring.getlist("sort")),
        export=querystring.get("_export", ""),
        exporttabel=querystring.get("_tabel", ""),
    )


def gekozen_jaren(gekozen, beschikbaar):
    """De gekozen jaren die er zijn, oplopend; zonder (geldige) keuze alle beschikbare jaren."""
    return sorted(jaar for jaar in beschikbaar if jaar in gekozen) or sorted(beschikbaar)
