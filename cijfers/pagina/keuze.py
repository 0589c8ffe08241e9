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


def _jaartallen(waarden):
    return frozenset(int(waarde) for waarde in waarden if waarde.isdecimal())


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
