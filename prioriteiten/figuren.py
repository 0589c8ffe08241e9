"""De cijfers bij een prioriteit: kleine trendgrafieken en de stand van indicatoren.

Elke functie doet een vast aantal queries, hoeveel categorieën of indicatoren er ook zijn.
"""

from functools import reduce
from operator import or_

from django.db.models import Q

from cijfers import charts, trends
from cijfers.models import Cijfer
from cijfers.pagina import bronnen, grafiek
from ivp.models import Gebied
from prioriteiten.voortgang import indicatorstand


def _jaarwaarden(frame, gebied_id, categorie_id):
    """{jaar: aantal of None} voor één reeks; een geheim cijfer is None, geen 0."""
    reeks = frame[(frame["gebied"] == gebied_id) & (frame["categorie"] == categorie_id)]
    return {
        int(r.jaar): (None if trends.is_leeg(r.waarde) else int(r.waarde))
        for r in reeks.itertuples()
    }


def indicatorstanden(indicatoren, records=None):
    """{doel_id: Indicatorstand} voor de gegeven indicatoren (één query, of geen als de
    cijferrecords al zijn meegegeven, bijvoorbeeld de stand op een vergaderdatum)."""
    if not indicatoren:
        return {}
    if records is None:
        waar = reduce(or_, (Q(gebied=i.gebied_id, categorie=i.categorie_id) for i in indicatoren))
        records = Cijfer.objects.filter(waar).records()
    frame = trends.jaarframe(records)
    return {
        i.doel_id: indicatorstand(i, _jaarwaarden(frame, i.gebied_id, i.categorie_id))
        for i in indicatoren
    }


def gekoppelde_figuren(
    categorieen, bestandsnaam, records=None, breedte=None, ident="gekoppeld", gebieden=None
):
    """Kleine veelvouden (een paneel per categorie, een lijn per gebied) en de tabel erbij.

    `records` geeft de cijfers mee (anders één query); `breedte` tekent op vaste maat (print).
    """
    if not categorieen:
        return None
    if gebieden is None:
        gebieden = list(
            Gebied.objects.filter(soort__in=[Gebied.Soort.GEMEENTE, Gebied.Soort.BASISTEAM])
        )
    if records is None:
        records = Cijfer.objects.filter(categorie__in=categorieen, gebied__in=gebieden).records()
    ids = {c.pk for c in categorieen}
    gebied_ids = {g.pk for g in gebieden}
    records = [r for r in records if r["categorie"] in ids and r["gebied"] in gebied_ids]
    frame = trends.jaarframe(records)
    if frame.empty:
        return {"grafiek": None, "rijen": [], "jaren": [], "bronnen": []}
    jaren = sorted(int(j) for j in frame["jaar"].unique())
    groepen, rijen = [], []
    for categorie in categorieen:
        reeksen = []
        for gebied in gebieden:
            waarden = _jaarwaarden(frame, gebied.pk, categorie.pk)
            # Elk paneel heeft dezelfde gebieden in dezelfde volgorde: dezelfde kleur per
            # gebied in elk paneel; een gebied zonder cijfers is een lege lijn, geen 0.
            if not waarden:
                reeksen.append((gebied.naam, [None] * len(jaren)))
                continue
            statussen = {
                int(r.jaar): r.status
                for r in frame[
                    (frame["gebied"] == gebied.pk) & (frame["categorie"] == categorie.pk)
                ].itertuples()
            }
            reeksen.append((gebied.naam, [waarden.get(j) for j in jaren]))
            rijen.append(
                {
                    "categorie": categorie,
                    "gebied": gebied,
                    "cellen": [
                        trends.cel_weergave(waarden.get(j), statussen.get(j)) for j in jaren
                    ],
                }
            )
        groepen.append((categorie.naam, reeksen))
    eenheden = sorted({c.get_eenheid_display() for c in categorieen})
    figuur = charts.kleine_veelvouden(
        groepen,
        jaren,
        "Gekoppelde cijfers per gebied",
        " / ".join(eenheden),
        "; ".join(bronnen(records)),
        kolommen=1 if len(groepen) == 1 else 2,
    )
    _legenda_per_gebied(figuur)
    if breedte:
        figuur["layout"]["width"] = breedte
    return {
        "grafiek": grafiek(
            ident,
            figuur,
            bestandsnaam,
            beschrijving="De cijfers staan in de tabel hieronder.",
        ),
        "rijen": rijen,
        "jaren": jaren,
        "bronnen": bronnen(records),
    }


def _legenda_per_gebied(figuur):
    """Eén legenda-item per gebied (de panelen delen kleur en volgorde)."""
    gezien = set()
    for trace in figuur["data"]:
        trace["showlegend"] = trace["name"] not in gezien
        gezien.add(trace["name"])
    figuur["layout"]["showlegend"] = True
    # Rechts, verticaal: botst niet met de bronregels onder de panelen.
    figuur["layout"]["legend"] = {"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1}
    figuur["layout"]["margin"]["r"] = 130
