"""De cijfers bij een prioriteit: kleine trendgrafieken en de stand van indicatoren.

Elke functie doet een vast aantal queries, hoeveel categorieën of indicatoren er ook zijn.
"""

from dataclasses import dataclass, field, replace
from functools import reduce
from operator import or_

from django.db.models import Q
from django_tables2 import Table

from cijfers import charts, tables, trends
from cijfers.models import Cijfer
from cijfers.pagina.reeksen import Grafiek, bronnen
from ivp.models import Gebied
from prioriteiten.voortgang import indicatorstand


def _reeksen(frame):
    """{(gebied-id, categorie-id): {jaar: (aantal of None, status)}} uit een jaarframe, in één
    doorloop; een geheim cijfer heeft aantal None, geen 0."""
    reeksen = {}
    kolommen = [frame[k].tolist() for k in ("gebied", "categorie", "jaar", "waarde", "status")]
    for gebied, categorie, jaar, waarde, status in zip(*kolommen, strict=True):
        aantal = None if trends.is_leeg(waarde) else int(waarde)
        reeksen.setdefault((gebied, categorie), {})[int(jaar)] = (aantal, status)
    return reeksen


def _jaarwaarden(reeks):
    """{jaar: aantal of None} van één reeks uit `_reeksen`."""
    return {jaar: aantal for jaar, (aantal, _) in reeks.items()}


def indicatorstanden(indicatoren, records=None):
    """{doel_id: Indicatorstand} voor de gegeven indicatoren (één query, of geen als de
    cijferrecords al zijn meegegeven, bijvoorbeeld de stand op een vergaderdatum). De
    mijlpalen van de indicatoren horen vooraf opgehaald te zijn (prefetch "mijlpalen")."""
    if not indicatoren:
        return {}
    if records is None:
        waar = reduce(or_, (Q(gebied=i.gebied_id, categorie=i.categorie_id) for i in indicatoren))
        records = Cijfer.objects.filter(waar).records()
    records = list(records)
    reeksen = _reeksen(trends.jaarframe(records))
    # De bronnen per reeks, bij naam: de grafiek en tabel "gemeten tegen doel" noemen ze.
    bronnen_per_reeks = {}
    for record in records:
        sleutel = (record["gebied"], record["categorie"])
        bronnen_per_reeks.setdefault(sleutel, set()).add(record["bron_titel"])
    return {
        i.doel_id: replace(
            indicatorstand(
                i, _jaarwaarden(reeksen.get((i.gebied_id, i.categorie_id), {})), i.doelwaarden()
            ),
            bronnen=sorted(bronnen_per_reeks.get((i.gebied_id, i.categorie_id), ())),
        )
        for i in indicatoren
    }


@dataclass
class GekoppeldeFiguren:
    """De gekoppelde cijfers van een prioriteit: kleine veelvouden (een paneel per categorie,
    een lijn per gebied) met hun tabel.

    `grafiek` (cijfers.pagina.reeksen.Grafiek, None zonder cijfers) heeft de tabel open onder
    zich; `rijen` zijn de rijen van die tabel als {"categorie": Categorie, "gebied": Gebied,
    "cellen": [tekst per jaar, met de CBS-tekens]}; `jaren` oplopend; `bronnen` de titels.
    """

    grafiek: Grafiek | None = None
    rijen: list = field(default_factory=list)
    jaren: list = field(default_factory=list)
    bronnen: list = field(default_factory=list)


def _gebieden_en_records(categorieen, gebieden, records):
    """De gebieden (standaard de eigen gebieden, Gebied.objects.eigen: de basisteams en de
    gemeenten die aan een plan deelnemen, niet een landelijke dataset; één query) en hun
    records in deze categorieën (meegegeven, of één query)."""
    if gebieden is None:
        gebieden = list(Gebied.objects.eigen())
    if records is None:
        records = Cijfer.objects.filter(categorie__in=categorieen, gebied__in=gebieden).records()
    ids = {c.pk for c in categorieen}
    gebied_ids = {g.pk for g in gebieden}
    records = [r for r in records if r["categorie"] in ids and r["gebied"] in gebied_ids]
    return gebieden, records


def _paneel(reeksen, categorie, gebieden, jaren):
    """(lijnen, tabelrijen) van één categorie uit `_reeksen`: een lijn (naam, waarden,
    voorlopige jaren) per gebied; een gebied zonder cijfers krijgt er een zonder getallen, die
    charts.kleine_veelvouden weglaat (geen lijn, niet in de legenda); een tabelrij alleen voor
    gebieden met cijfers."""
    lijnen, rijen = [], []
    for gebied in gebieden:
        reeks = reeksen.get((gebied.pk, categorie.pk), {})
        waarden = _jaarwaarden(reeks)
        statussen = {jaar: status for jaar, (_, status) in reeks.items()}
        voorlopig = {j for j, status in statussen.items() if status == Cijfer.Status.VOORLOPIG}
        lijnen.append((gebied.naam, [waarden.get(j) for j in jaren], voorlopig))
        if not waarden:
            continue
        cellen = [trends.cel_weergave(waarden.get(j), statussen.get(j)) for j in jaren]
        rijen.append({"categorie": categorie, "gebied": gebied, "cellen": cellen})
    return lijnen, rijen


def _figuur(categorieen, groepen, jaren, bronlijst, breedte):
    eenheden = sorted({c.get_eenheid_display() for c in categorieen})
    figuur = charts.kleine_veelvouden(
        groepen,
        jaren,
        "Gekoppelde cijfers per gebied",
        " / ".join(eenheden),
        "; ".join(bronlijst),
        kolommen=1 if len(groepen) == 1 else 2,
    )
    if breedte:
        figuur["layout"]["width"] = breedte
    return figuur


def _tabel(rijen, jaren) -> Table:
    return tables.gekoppelde_tabel(
        [
            {
                "categorie": rij["categorie"].naam,
                "url": rij["categorie"].get_absolute_url(),
                "gebied": rij["gebied"].naam,
                "cellen": rij["cellen"],
            }
            for rij in rijen
        ],
        jaren,
    )


def gekoppelde_figuren(
    categorieen, bestandsnaam, records=None, breedte=None, ident="gekoppeld", gebieden=None
):
    """GekoppeldeFiguren voor deze categorieën, of None zonder categorieën.

    `records` geeft de cijfers mee (anders één query), `gebieden` de gebieden (anders één
    query); `breedte` tekent op vaste maat (print); `ident` is het HTML-id van de grafiek.
    """
    if not categorieen:
        return None
    gebieden, records = _gebieden_en_records(categorieen, gebieden, records)
    frame = trends.jaarframe(records)
    if frame.empty:
        return GekoppeldeFiguren()
    jaren = sorted(int(j) for j in frame["jaar"].unique())
    reeksen = _reeksen(frame)
    groepen, rijen = [], []
    for categorie in categorieen:
        lijnen, categorierijen = _paneel(reeksen, categorie, gebieden, jaren)
        groepen.append((categorie.naam, lijnen))
        rijen += categorierijen
    bronlijst = bronnen(records)
    grafiek = Grafiek(
        ident,
        _figuur(categorieen, groepen, jaren, bronlijst, breedte),
        bestandsnaam,
        beschrijving="De cijfers staan in de tabel hieronder.",
        tabel=_tabel(rijen, jaren),
        tabel_open=True,
        bron="Geregistreerde aantallen per gebied (. = ontbreekt, x = geheim, * = voorlopig). "
        f"Bron: {'; '.join(bronlijst)}.",
    )
    return GekoppeldeFiguren(grafiek, rijen, jaren, bronlijst)


def _streeflijn(indicator, eerste_jaar, eenheid):
    """Een horizontale stippellijn (plotly-trace) op de streefwaarde van `eerste_jaar` tot het
    jaar van de streefdatum: zo is het doel ook te lezen waar geen mijlpalen zijn."""
    jaar, waarde = indicator.streefdatum.year, indicator.streefwaarde
    naam = f"streefwaarde {waarde} ({jaar})"
    return {
        "type": "scatter",
        "mode": "lines",
        "name": naam,
        "x": [eerste_jaar, jaar],
        "y": [waarde, waarde],
        "line": {"color": "#555555", "dash": "dot", "width": 2},
        "hovertemplate": f"{naam}: {waarde} {eenheid}<extra></extra>",
    }


def doelgrafiek(indicator, stand):
    """De Grafiek van één doel met streefwaarde of mijlpalen (issue 15, punt 13): een lijn
    met de gemeten aantallen van de indicator en een reeks met de doelwaarden (mijlpalen en
    de streefwaarde in het jaar van de streefdatum, als ruiten), beide over de jaren van
    `stand.reeks` (Indicatorstand), en met een streefwaarde een horizontale stippellijn erop
    (`_streeflijn`). None zonder doelwaarden. Geen query: alles komt uit `stand`."""
    if not stand.doelwaarden:
        return None
    reeks = stand.reeks
    jaren = [jaar for jaar, _, _ in reeks]
    eenheid = indicator.categorie.get_eenheid_display()
    lijnen = [
        (f"gemeten: {indicator.categorie.naam} in {indicator.gebied.naam}",
         [gemeten for _, gemeten, _ in reeks]),
        ("doel (mijlpalen en streefwaarde)", [doel for _, _, doel in reeks]),
    ]  # fmt: skip
    figuur = charts.lijngrafiek(
        lijnen,
        jaren,
        "Gemeten tegen doel",
        eenheid,
        "; ".join([*stand.bronnen, "doelwaarden ingevoerd door een adviseur"]),
    )
    # Een lijn zonder enig getal valt weg (charts.lijngrafiek): de doellijn op naam zoeken. De
    # doellijn verbindt haar mijlpalen wel over de jaren ertussen (een pad naar het doel, geen
    # meting); de gemeten lijn breekt bij een ontbrekend jaar.
    for doel in figuur["data"]:
        if doel["name"] == "doel (mijlpalen en streefwaarde)":
            doel["marker"] = {"symbol": "diamond", "size": 11}
            doel["connectgaps"] = True
    if indicator.streefwaarde is not None and indicator.streefdatum:
        figuur["data"].append(_streeflijn(indicator, jaren[0], eenheid))
    return Grafiek(
        f"doel-{indicator.doel_id}",
        figuur,
        f"doel-{indicator.doel_id}",
        beschrijving="De getallen staan in de tabel hieronder.",
    )
