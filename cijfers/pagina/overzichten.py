"""De categoriepagina /cijfers/<categorie>/ en de verkenner /cijfers/: reeksen per gebied.

Beide lopen door de trendpijplijn van cijfers/pagina/reeksen.py; de lijngrafiek tekent de
view pas als er geen export gevraagd is (reeksen.met_lijngrafiek).
"""

from dataclasses import dataclass, field

import pandas as pd

from cijfers import tables, trends
from cijfers.pagina.gebied import onvolledige_reeksjaren
from cijfers.pagina.reeksen import (
    Jaarkeuze,
    Jaarreeksen,
    Reeksen,
    Reeksoverzicht,
    bronnen,
    eenheid,
    eenheidregel,
    jaarcijfers,
    jaarkeuze,
    jaarreeksen,
    reeksoverzicht,
)


@dataclass
class Categorieselectie:
    """De gebieden van een categoriepagina vóór de trendpijplijn.

    `jaarreeksen` zijn de cijfers van de categorie in alle gebieden; `gebieden` de gebieden
    met cijfers (volgorde van het model), `getoond` de gekozen (?gebied=) of anders alle;
    `jaarcijfers` de jaarcijfers van de getoonde, `jaarkeuze` hun jaren; `eerste_gebied` de
    eerste ?gebied= van de link (Keuze.eerste_gebied: die gemeente toont haar groep).
    """

    categorie: object
    jaarreeksen: Jaarreeksen
    gebieden: list
    getoond: list
    jaarcijfers: pd.DataFrame
    jaarkeuze: Jaarkeuze
    eerste_gebied: str = ""


def categorieselectie(categorie, records, alle_gebieden, keuze, met_cijfers=()):
    """De Categorieselectie uit de cijferrecords van de categorie en alle gebieden (zonder
    regio's, basisteams met geprefetchte leden) voor een Keuze (gebieden, jaren).

    De records hoeven alleen de getoonde gebieden te dekken (en de basisteams met hun leden);
    `met_cijfers` zijn de ids van de andere gebieden met eigen cijfers in de categorie (voor de
    keuzelijst), zodat de view niet alle cijfers van het land hoeft op te halen."""
    alle = jaarreeksen(records, alle_gebieden)
    met_cijfers = set(alle.frame["gebied"]) | set(met_cijfers)
    gebieden = [g for g in alle_gebieden if g.pk in met_cijfers]
    getoond = [g for g in gebieden if g.slug in keuze.gebieden] or gebieden
    frame = alle.frame[alle.frame["gebied"].isin([g.pk for g in getoond])]
    return Categorieselectie(
        categorie, alle, gebieden, getoond, frame, jaarkeuze(frame, keuze.jaren),
        keuze.eerste_gebied,
    )  # fmt: skip


@dataclass
class Categorieoverzicht(Reeksoverzicht):
    """Het Reeksoverzicht van een categorie (een rij per gebied) met de gebieden voor de
    keuze, de teams die in de getoonde jaren een afgeleide som hebben, en de verandering in de
    regio als (regionaam, tekst met teken en %) of None."""

    gebieden: list = field(default_factory=list)
    getoond: list = field(default_factory=list)
    afgeleide_gebieden: list = field(default_factory=list)
    regio: tuple | None = None


def categorieoverzicht(selectie, gepubliceerd, keuze):
    """Het Categorieoverzicht (zonder grafiek) van een Categorieselectie, met de gepubliceerde
    veranderingen (reeksen.Gepubliceerd) van de categorie en de sortering van de Keuze."""
    categorie, getoond = selectie.categorie, selectie.getoond
    reeksen = Reeksen(
        frame=selectie.jaarcijfers,
        sleutels=[(g.pk, categorie.pk) for g in getoond],
        labels={
            (g.pk, categorie.pk): {"categorie": g.naam, "url": g.get_absolute_url(), "niveau": 0}
            for g in getoond
        },
        bronnen=selectie.jaarreeksen.bronnen([g.pk for g in getoond]),
        halfframe=trends.halfjaarframe(selectie.jaarreeksen.records),
        halfjaren=gepubliceerd.halfjaren,
        eenheid=categorie.get_eenheid_display(),
        maanden=trends.maandcijfers(selectie.jaarreeksen.records),
        kop="Gebied",
    )
    overzicht = reeksoverzicht(reeksen, selectie.jaarkeuze, keuze.sortering)
    # De regio is opgehaald voor het jaar van de Jaarkeuze; vergelijkt de tabel een ander jaar
    # (reeksoverzicht), dan hoort ze er niet bij.
    regio = (
        gepubliceerd.regio.get(categorie.pk)
        if overzicht.nieuw == selectie.jaarkeuze.nieuw
        else None
    )
    return Categorieoverzicht(
        **vars(overzicht),
        gebieden=selectie.gebieden,
        getoond=getoond,
        afgeleide_gebieden=sorted(
            {g.naam for g in getoond if selectie.jaarreeksen.afgeleide_jaren(g.pk, overzicht.jaren)}
        ),
        regio=regio and (regio[0], tables.met_teken(regio[1], "%")),
    )


@dataclass
class Verkenneroverzicht(Reeksoverzicht):
    """Het Reeksoverzicht van de verkenner met de jaren waarvan voor sommige reeksen maar een
    deel van de maanden bekend is (`onvolledig`, [gebied.OnvolledigJaar] met de namen als
    "gebied · categorie (9 maanden: januari t/m september)"), voor de noot onder de tabel
    (proefgebruik punt 15: een gedeeltelijk jaar viel stil weg)."""

    onvolledig: list = field(default_factory=list)


def verkenneroverzicht(records, gebieden, categorieen, keuze):
    """Het Verkenneroverzicht (zonder grafiek) van de verkenner: een rij per (gebied,
    categorie) in de records, gesorteerd op de volgorde van gebied en categorie, met de
    onvolledige jaren (gebied.onvolledige_reeksjaren). `gebieden` en `categorieen` zijn {id:
    object} met minstens de ids in de records."""
    paren = sorted(
        {(r["gebied"], r["categorie"]) for r in records},
        key=lambda p: (gebieden[p[0]].volgorde, categorieen[p[1]].volgorde),
    )
    frame, _ = jaarcijfers(records)
    reeksen = Reeksen(
        frame=frame,
        sleutels=paren,
        labels={
            (g, c): {"categorie": f"{gebieden[g].naam} · {categorieen[c].naam}", "niveau": 0}
            for g, c in paren
        },
        bronnen=bronnen(records),
        halfframe=trends.halfjaarframe(records),
        eenheid=eenheid([categorieen[c] for _, c in paren]),
        eenheid_tekst=eenheidregel([categorieen[c] for _, c in paren]),
        maanden=trends.maandcijfers(records),
    )
    overzicht = reeksoverzicht(reeksen, jaarkeuze(frame, keuze.jaren), keuze.sortering)
    volgorde = sorted(categorieen.values(), key=lambda c: c.volgorde)
    onvolledig = (
        onvolledige_reeksjaren(records, frame, volgorde, overzicht.jaren, gebieden)
        if records
        else []
    )
    return Verkenneroverzicht(**vars(overzicht), onvolledig=onvolledig)
