"""Kleine bouwers voor testgegevens (synthetisch; nooit in de fixtures)."""

import itertools

from cijfers.models import Bron, Categorie, Cijfer
from ivp.models import Gebied

SYNTHETISCH = "Synthetische testgegevens"
_volgnummer = itertools.count(1)


def gebied(naam="Testdorp", soort=Gebied.Soort.GEMEENTE, **velden):
    slug = velden.pop("slug", naam.lower().replace(" ", "-"))
    return Gebied.objects.create(naam=naam, slug=slug, soort=soort, **velden)


def categorie(naam="testcategorie", groep=Categorie.Groep.OVERIG, **velden):
    slug = velden.pop("slug", naam.lower().replace(" ", "-").replace(":", ""))
    return Categorie.objects.create(naam=naam, slug=slug, groep=groep, **velden)


def bron(titel=SYNTHETISCH):
    return Bron.objects.get_or_create(titel=titel, defaults={"document": SYNTHETISCH})[0]


def cijfer(gebied, categorie, jaar, waarde, **velden):
    velden.setdefault("bron", bron())
    velden.setdefault("periode", str(jaar))
    return Cijfer.objects.create(
        gebied=gebied, categorie=categorie, jaar=jaar, waarde=waarde, **velden
    )


def dataset(gebieden=3, categorieen=4, jaren=3):
    """Een gegenereerde, als synthetisch gelabelde dataset van de gevraagde omvang."""
    nrs = [next(_volgnummer) for _ in range(max(gebieden, categorieen))]
    geb = [gebied(f"Synthetisch gebied {nr}", cbs_code=f"GM9{nr:03d}") for nr in nrs[:gebieden]]
    cats = [categorie(f"synthetische categorie {nr}", volgorde=nr) for nr in nrs[:categorieen]]
    b = bron()
    Cijfer.objects.bulk_create(
        Cijfer(gebied=g, categorie=c, jaar=2000 + j, periode=str(2000 + j), waarde=10 + j, bron=b)
        for g in geb
        for c in cats
        for j in range(jaren)
    )
    return geb, cats
