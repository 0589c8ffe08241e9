"""Referentie voor tests/test_charts.py: de grafiekfuncties zoals ze waren, via plotly's
gevalideerde objecten (go.Figure, make_subplots, to_json).

cijfers/charts.py bouwt dezelfde dicts rechtstreeks; de tests eisen dat beide voor dezelfde
invoer hetzelfde JSON opleveren. Alleen de kleuren, het lettertype, `_waarden` (ontbrekend
wordt None), de doorlopende jaren (`doorlopende_jaren`, `op_jaren`), `is_leeg` en de punten en
legenda-ingang van voorlopige cijfers, en de getallen per 1.000 als tekst (`per_1000_tekst`) met
de lijn van Nederland in het vergelijkingspaneel komen uit cijfers.charts: gegevens, geen
opbouw van de figuur.
"""

import json
import math

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from cijfers.charts import (
    AFGELEID_KLEUR,
    FONT,
    GROEPSKLEUR,
    KLEUREN,
    NEDERLANDLIJN,
    ZONDER_NEDERLAND,
    _waarden,
    bronregel,
    doorlopende_jaren,
    is_leeg,
    op_jaren,
    over_twee_regels,
    per_1000_tekst,
    voorlopig_legenda,
    voorlopige_punten,
)


def _reeks(reeks):
    naam, waarden, *rest = reeks
    return naam, waarden, set(rest[0]) if rest and rest[0] else set()


def _opmaak(fig, titel, bron, hoogte=420, jaren_as=True):
    fig.update_layout(
        title={
            "text": titel,
            "subtitle": {
                "text": bronregel(bron),
                "font": {"size": 11, "color": "#555"},
            },
            "x": 0,
            "xanchor": "left",
            "xref": "container",
            "y": 1,
            "yanchor": "top",
            "yref": "container",
            "pad": {"t": 30},
            "font": {"size": 16},
        },
        separators=",.",
        font={"family": FONT, "size": 13},
        height=hoogte,
        margin={"l": 60, "r": 20, "t": 88, "b": 20},
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 0,
            "yref": "container",
            "x": 0,
            "xanchor": "left",
        },
        plot_bgcolor="white",
        hovermode="closest",
    )
    fig.update_xaxes(showgrid=False, linecolor="#888", automargin=True)
    if jaren_as:
        fig.update_xaxes(tickformat="d", dtick=1)
    fig.update_yaxes(gridcolor="#e5e5e5", rangemode="tozero", tickformat=",d", automargin=True)
    return json.loads(fig.to_json())


def _lijn(naam, jaren, waarden, volgnummer, eenheid, voorlopig=(), **extra):
    """Eén lijn over de jaren, met een gat waar een waarde ontbreekt; kleur en streep volgen
    het volgnummer van de reeks; voorlopige punten open."""
    punten = voorlopige_punten(list(jaren), _waarden(waarden), voorlopig)
    achter = "%{customdata}" if punten else ""
    return go.Scatter(
        x=list(jaren),
        y=_waarden(waarden),
        name=naam,
        mode="lines+markers",
        connectgaps=False,
        line={
            "color": KLEUREN[volgnummer % len(KLEUREN)],
            "dash": ["solid", "dash", "dot"][(volgnummer // len(KLEUREN)) % 3],
            "width": 2,
        },
        hovertemplate=f"{naam}<br>%{{x}}: %{{y:,d}} {eenheid}{achter}<extra></extra>",
        **punten,
        **extra,
    )


def lijngrafiek(reeksen, jaren, titel, eenheid, bron, volgorde=None):
    """Een lijn per reeks over de doorlopende jaren; lege reeksen vallen weg."""
    plaatsen = {naam: i for i, naam in enumerate(volgorde or [])}
    for naam, *_ in reeksen:
        plaatsen.setdefault(naam, len(plaatsen))
    alle = doorlopende_jaren(jaren)
    fig = go.Figure()
    aantal = 0
    voorlopig = False
    for naam, waarden, v in (_reeks(r) for r in reeksen if not is_leeg(r[1])):
        lijn = _lijn(naam, alle, op_jaren(jaren, alle, waarden), plaatsen[naam], eenheid, v)
        voorlopig |= lijn.customdata is not None
        fig.add_trace(lijn)
        aantal += 1
    if voorlopig:
        fig.add_trace(go.Scatter(voorlopig_legenda()))
        aantal += 1
    fig.update_yaxes(title_text=eenheid)
    return _opmaak(fig, titel, bron, hoogte=380 + 22 * math.ceil(aantal / 2))


def maandgrafiek(reeksen, titel, eenheid, bron):
    """Per reeks de som van 12 maanden (linker as) en het aantal per maand (rechter as)."""
    fig = go.Figure()
    for volgnummer, (naam, maanden) in enumerate(reeksen):
        x = [f"{jaar}-{maand:02d}" for jaar, maand, _, _ in maanden]
        kleur = KLEUREN[volgnummer % len(KLEUREN)]
        for deel, waarden, per_maand in (
            ("som van 12 maanden", [som for *_, som in maanden], False),
            ("per maand", [waarde for _, _, waarde, _ in maanden], True),
        ):
            extra = {"yaxis": "y2"} if per_maand else {}
            fig.add_trace(
                go.Scatter(
                    x=x,
                    y=_waarden(waarden),
                    name=f"{naam}: {deel}",
                    mode="lines",
                    connectgaps=False,
                    line={"color": kleur, "dash": "dot" if per_maand else "solid",
                          "width": 1 if per_maand else 2},
                    hovertemplate=f"{naam}: {deel}<br>%{{x|%B %Y}}: %{{y:,d}} {eenheid}<extra></extra>",
                    **extra,
                )
            )  # fmt: skip
    waarden = [v for _, maanden in reeksen for _, _, w, som in maanden
               for v in (som, None if w is None else 12 * w) if v is not None]  # fmt: skip
    hoogste = round(1.1 * max(waarden, default=1) or 1, 1)
    fig.update_layout(
        yaxis={"title": {"text": "som van 12 maanden"}, "range": [0, hoogste]},
        yaxis2={"overlaying": "y", "side": "right", "title": {"text": "per maand"},
                "range": [0, hoogste / 12]},
    )  # fmt: skip
    hoogte = 380 + 22 * math.ceil(2 * len(reeksen) / 2)
    figuur = _opmaak(fig, titel, bron, hoogte=hoogte, jaren_as=False)
    figuur["layout"]["yaxis2"]["tickformat"] = ",.1~f"
    return figuur


def kleine_veelvouden(groepen, jaren, titel, eenheid, bron, kolommen=2):
    """Een klein paneel per groep, elk met de lijnen van die groep.

    `groepen` is een lijst van (groepnaam, [(naam, waarden), ...]).
    """
    alle = doorlopende_jaren(jaren)
    groepen = [(n, [_reeks(r) for r in reeksen if not is_leeg(r[1])]) for n, reeksen in groepen]
    groepen = [g for g in groepen if g[1]]
    rijen = max(1, math.ceil(len(groepen) / kolommen))
    fig = make_subplots(
        rows=rijen,
        cols=kolommen,
        subplot_titles=[over_twee_regels(naam) for naam, _ in groepen],
        vertical_spacing=0.5 / rijen if rijen > 1 else 0.1,
        horizontal_spacing=0.08,
    )
    volgnummers = {}
    voorlopig = False
    for g, (_, reeksen) in enumerate(groepen):
        rij, kolom = divmod(g, kolommen)
        for naam, waarden, v in reeksen:
            nieuw = naam not in volgnummers
            volgnummer = volgnummers.setdefault(naam, len(volgnummers))
            lijn = _lijn(
                naam, alle, op_jaren(jaren, alle, waarden), volgnummer, eenheid, v,
                legendgroup=naam, showlegend=nieuw,
            )  # fmt: skip
            voorlopig |= lijn.customdata is not None
            fig.add_trace(lijn, row=rij + 1, col=kolom + 1)
    if voorlopig:
        fig.add_trace(go.Scatter(voorlopig_legenda()))
    fig.update_layout(showlegend=True)
    fig.update_annotations(font_size=13)
    legendarijen = math.ceil((len(volgnummers) + voorlopig) / 3)
    figuur = _opmaak(fig, titel, bron, hoogte=260 * rijen + 150 + 22 * legendarijen)
    figuur["layout"]["margin"]["t"] = 88 + 36
    return figuur


def belevingsgrafiek(metingen, titel, bron):
    """Rapportcijfers veiligheid in de buurt. `metingen`: (label, rapportcijfer of None, onderzoek)."""
    bekend = [m for m in metingen if m[1] is not None]
    groepen = {}
    for meting in bekend:
        groepen.setdefault(meting[2], []).append(meting)
    fig = go.Figure()
    for i, (onderzoek, lijst) in enumerate(groepen.items() or [("", [])]):
        fig.add_trace(
            go.Bar(
                x=[label for label, _, _ in lijst],
                y=[float(cijfer) for _, cijfer, _ in lijst],
                text=[f"{cijfer}".replace(".", ",") for _, cijfer, _ in lijst],
                textposition="outside",
                customdata=[onderzoek for _, _, onderzoek in lijst],
                marker={"color": KLEUREN[i % len(KLEUREN)]},
                hovertemplate="%{x}: %{y:.1f}<br>%{customdata}<extra></extra>",
                name=onderzoek or "rapportcijfer",
            )
        )
    fig.update_layout(barmode="overlay")
    fig.update_yaxes(range=[0, 10], title_text="rapportcijfer (1-10)", tickformat=",d")
    fig.update_xaxes(type="category")
    return _opmaak(fig, titel, bron, hoogte=360, jaren_as=False)


def vergelijkingspaneel(rijen, titel, bron, gemeente):
    """Per categorie de gemeente met interval en de groep (mediaan, bereik) als index t.o.v.
    Nederland (= 100, een stippellijn); een regel zonder Nederland heeft een tekst in plaats
    van punten (proefgebruik punt 9: was per 1.000 inwoners op één as)."""

    def rond(w):
        return None if w is None else round(float(w), 3)

    def verschil(a, b):
        return None if a is None or b is None else round(float(a) - float(b), 3)

    def index(w, n):
        return None if w is None or not n else w / n * 100

    namen = [over_twee_regels(naam) for naam, *_ in rijen]
    nl = [r[2] for r in rijen]
    eigen = [r[1] or (None, None, None) for r in rijen]
    groep = [r[3] or (None, None, None) for r in rijen]

    def tekst(drie, n):
        if drie[0] is None or not n:
            return ""
        w, o, b = (per_1000_tekst(x) for x in drie)
        return f"{w} per 1.000 ({o}-{b}); index {index(drie[0], n):.0f}"

    fig = go.Figure()
    reeksen = [
        ("groep: mediaan (laagste-hoogste)", groep, GROEPSKLEUR, "square", 10),
        ("Nederland (= 100)", None, KLEUREN[1], "diamond", 2),
        (f"{gemeente} (95%-interval)", eigen, KLEUREN[0], "circle", 2),
    ]
    if not any(r[3] for r in rijen):  # zonder groep (een basisteam): niet in de figuur
        reeksen = reeksen[1:]
    for naam, reeks, kleur, symbool, dikte in reeksen:
        extra = {}
        if reeks is None:
            x = [100 if n else None for n in nl]
            teksten = [f"{per_1000_tekst(n)} per 1.000" if n else "" for n in nl]
        else:
            drie = [[index(w, n) for w in r] for r, n in zip(reeks, nl, strict=True)]
            x = [w for w, _, _ in drie]
            teksten = [tekst(r, n) for r, n in zip(reeks, nl, strict=True)]
            extra["error_x"] = {
                "type": "data",
                "symmetric": False,
                "array": [verschil(b, w) for w, _, b in drie],
                "arrayminus": [verschil(w, o) for w, o, _ in drie],
                "color": kleur,
                "thickness": dikte,
                "width": 0 if dikte > 2 else 4,
            }
        fig.add_trace(
            go.Scatter(
                x=[rond(w) for w in x],
                y=namen,
                mode="markers",
                name=naam,
                marker={"color": kleur, "size": 10, "symbol": symbool},
                customdata=teksten,
                hovertemplate=f"{naam}<br>%{{y}}: %{{customdata}}<extra></extra>",
                **extra,
            )
        )
    fig.update_layout(
        xaxis={"title": {"text": "Nederland = 100"}, "tickformat": ",d",
               "rangemode": "tozero"},
        yaxis={"type": "category", "autorange": "reversed"},
    )  # fmt: skip
    fig.add_shape(
        type="line", x0=100, x1=100, xref="x", y0=0, y1=1, yref="y domain", layer="below",
        line=NEDERLANDLIJN,
    )  # fmt: skip
    for naam, n in zip(namen, nl, strict=True):
        if not n:
            fig.add_annotation(
                x=100, y=naam, xref="x", yref="y", text=ZONDER_NEDERLAND, showarrow=False,
                font={"color": "#555", "size": 11},
            )  # fmt: skip
    return _opmaak(fig, titel, bron, hoogte=200 + 44 * len(rijen), jaren_as=False)


def staafgrafiek(categorieen, reeksen, titel, eenheid, bron, aandeel=False):
    """Gegroepeerde (of met `aandeel` tot 100% gestapelde) staven per categorie.

    `reeksen` is een lijst van (naam, waarden, afgeleid); een afgeleide reeks is grijs.
    """
    fig = go.Figure()
    for i, (naam, waarden, afgeleid) in enumerate(reeksen):
        fig.add_trace(
            go.Bar(
                x=[over_twee_regels(c) for c in categorieen],
                y=_waarden(waarden),
                name=naam,
                marker={
                    "color": AFGELEID_KLEUR if afgeleid else KLEUREN[i % len(KLEUREN)],
                    "pattern": {"shape": "/"} if afgeleid else {},
                },
                hovertemplate=f"{naam}<br>%{{x}}: %{{y:,d}} {eenheid}<extra></extra>",
            )
        )
    if aandeel:
        fig.update_layout(barmode="stack", barnorm="percent")
        fig.update_yaxes(title_text="aandeel (%)", tickformat=",d", range=[0, 100])
    else:
        fig.update_layout(barmode="group")
        fig.update_yaxes(title_text=eenheid)
    return _opmaak(fig, titel, bron, hoogte=460 + 14 * bron.count(";"), jaren_as=False)


def verhoudingsgrafiek(lijnen, jaren, titel, bron, nederland=None, groep=None):
    """Per jaar per 1.000 inwoners: gemeenten, Nederland, en de groep als mediaan en band."""
    from cijfers.charts import GEMEENTEKLEUREN, GROEPSBAND, GROEPSLIJN, NEDERLANDKLEUR

    def rond(w):
        return None if w is None else round(float(w), 3)

    alle = doorlopende_jaren(jaren)
    lijnen = [(naam, op_jaren(jaren, alle, w)) for naam, w in lijnen]
    nederland = nederland if nederland is None else op_jaren(jaren, alle, nederland)
    if groep is not None:
        groep = (groep[0], *(op_jaren(jaren, alle, w) for w in groep[1:]))
    jaren = alle

    def getal(w):
        return None if w is None else per_1000_tekst(w)

    def lijn(naam, waarden, kleur, streep):
        return go.Scatter(
            x=list(jaren),
            y=[rond(w) for w in waarden],
            name=naam,
            mode="lines+markers",
            connectgaps=False,
            line={"color": kleur, "dash": streep, "width": 2},
            customdata=[getal(w) for w in waarden],
            hovertemplate=f"{naam}<br>%{{x}}: %{{customdata}} per 1.000 inwoners<extra></extra>",
        )

    fig = go.Figure()
    if groep is not None:
        naam, mediaan, laagste, hoogste = groep
        rand = {"color": GROEPSKLEUR, "width": 0}
        fig.add_trace(
            go.Scatter(
                x=list(jaren), y=[rond(w) for w in laagste], name=f"{naam}: laagste",
                mode="lines", line=rand, showlegend=False, hoverinfo="skip",
                legendgroup="groepsband",
            )
        )  # fmt: skip
        fig.add_trace(
            go.Scatter(
                x=list(jaren), y=[rond(w) for w in hoogste],
                name=f"{naam}: laagste tot hoogste", mode="lines", line=rand, fill="tonexty",
                fillcolor=GROEPSBAND, legendgroup="groepsband",
                customdata=[
                    None if o is None or b is None else f"{getal(o)} tot {getal(b)}"
                    for o, b in zip(laagste, hoogste, strict=True)
                ],
                hovertemplate=f"{naam}<br>%{{x}}: %{{customdata}} per 1.000 inwoners"
                "<extra></extra>",
            )
        )  # fmt: skip
        fig.add_trace(lijn(f"{naam}: mediaan", mediaan, GROEPSLIJN, "dot"))
    if nederland is not None:
        fig.add_trace(lijn("Nederland", nederland, NEDERLANDKLEUR, "dash"))
    for i, (naam, waarden) in enumerate(lijnen):
        streep = ["solid", "dash", "dot"][(i // len(GEMEENTEKLEUREN)) % 3]
        fig.add_trace(lijn(naam, waarden, GEMEENTEKLEUREN[i % len(GEMEENTEKLEUREN)], streep))
    fig.update_yaxes(title_text="per 1.000 inwoners")
    zichtbaar = len(lijnen) + (nederland is not None) + (2 if groep is not None else 0)
    figuur = _opmaak(fig, titel, bron, hoogte=380 + 22 * math.ceil(zichtbaar / 2))
    # Proefgebruik punt 9: op één decimaal las 0,067 als "0,1" (was ",.1~f").
    figuur["layout"]["yaxis"]["tickformat"] = ",~g"
    return figuur
