"""Grafieken (plotly) als gewone functies: gegevens erin, een figuur-dict eruit.

De pagina krijgt het dict via json_script; static/js/grafieken.js tekent het met plotly.js.

De dicts worden hier rechtstreeks gebouwd, in precies de vorm die plotly's gevalideerde
`go.Figure(...).to_json()` ervan maakte (sjabloon "plotly" in layout.template, een lege
eigenschap weggelaten, plotly's verdeling van de panelen): plotly's validatie per
eigenschap kostte een gebiedspagina zo'n 50 ms. tests/test_charts.py vergelijkt elke functie
en elke pagina met grafieken met het gevalideerde plotly-pad (tests/plotly_referentie.py).
"""

import json
import math

import plotly.graph_objects as go

KLEUREN = [
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#ff7f0e",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#7f7f7f",
    "#bcbd22",
]
AFGELEID_KLEUR = "#bbbbbb"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"

# Het standaardsjabloon van plotly ("plotly") zoals go.Figure() het in layout.template zet;
# één keer opgehaald en door alle figuren gedeeld: niet wijzigen.
SJABLOON = json.loads(go.Figure().to_json())["layout"]["template"]

# De ruimte tussen de panelen van de kleine veelvouden (fractie van de figuur).
PANEELRUIMTE_HORIZONTAAL = 0.08


def _gewoon(waarde):
    """Een waarde als gewoon Python-getal of -tekst (numpy-getallen via .item())."""
    return waarde.item() if hasattr(waarde, "item") else waarde


def _waarden(reeks):
    """Lijst voor plotly: ontbrekende waarden worden None (een gat in de lijn), nooit 0."""
    uitkomst = []
    for waarde in reeks:
        if waarde is None or (isinstance(waarde, float) and math.isnan(waarde)):
            uitkomst.append(None)
        else:
            try:
                uitkomst.append(int(waarde))
            except (TypeError, ValueError):
                uitkomst.append(None)
    return uitkomst


def _figuur(data, layout, titel, bron, hoogte=420, jaren_as=True):
    """Het figuur-dict {"data", "layout"} met de opmaak die elke grafiek deelt: titel links,
    Nederlandse scheidingstekens, de bronregels (gescheiden door ';') onder de figuur, en
    op elke as (layout "xaxis", "xaxis2", ...; minstens "xaxis" en "yaxis") dezelfde stijl;
    `jaren_as` zet op de x-as(sen) een streepje per heel jaar."""
    bronregels = [deel.strip() for deel in bron.split(";") if deel.strip()] or ["onbekend"]
    onder = 100 + 14 * (len(bronregels) - 1)
    layout = {"template": SJABLOON, "xaxis": {}, "yaxis": {}, **layout}
    layout.update(
        title={"font": {"size": 16}, "text": titel, "x": 0, "xanchor": "left"},
        font={"family": FONT, "size": 13},
        margin={"l": 60, "r": 20, "t": 60, "b": onder + 10},
        legend={"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0},
        separators=",.",
        height=hoogte,
        plot_bgcolor="white",
        hovermode="closest",
    )
    for naam, as_ in layout.items():
        if naam.startswith("xaxis"):
            as_.update(showgrid=False, linecolor="#888")
            if jaren_as:
                as_.update(tickformat="d", dtick=1)
        elif naam.startswith("yaxis"):
            as_.update(gridcolor="#e5e5e5", rangemode="tozero", tickformat=",d")
    bronnotitie = {
        "font": {"color": "#555", "size": 11},
        "showarrow": False,
        "text": "Bron: " + "<br>".join(bronregels),
        "x": 0,
        "xanchor": "left",
        "xref": "paper",
        "y": 0,
        "yanchor": "bottom",
        "yref": "paper",
        "yshift": -onder,
    }
    layout["annotations"] = [*layout.get("annotations", []), bronnotitie]
    return {"data": data, "layout": layout}


def _lijn(naam, jaren, waarden, volgnummer, eenheid):
    """Eén lijn (plotly-trace "scatter") over de jaren, met een gat waar een waarde
    ontbreekt; de kleur volgt het volgnummer van de reeks."""
    return {
        "connectgaps": False,
        "hovertemplate": f"{naam}<br>%{{x}}: %{{y:,d}} {eenheid}<extra></extra>",
        "line": {"color": KLEUREN[volgnummer % len(KLEUREN)], "width": 2},
        "mode": "lines+markers",
        "name": naam,
        "x": [_gewoon(jaar) for jaar in jaren],
        "y": _waarden(waarden),
        "type": "scatter",
    }


def lijngrafiek(reeksen, jaren, titel, eenheid, bron):
    """Een lijn per reeks over de jaren. `reeksen` is een lijst van (naam, waarden)."""
    data = [_lijn(naam, jaren, waarden, i, eenheid) for i, (naam, waarden) in enumerate(reeksen)]
    return _figuur(data, {"yaxis": {"title": {"text": eenheid}}}, titel, bron)


def _domeinen(aantal, ruimte):
    """[(begin, eind)] van `aantal` even grote vakken met `ruimte` ertussen op 0..1, in
    plotly's rekenvolgorde (make_subplots), zodat de getallen bit voor bit gelijk zijn."""
    maat = (1.0 - ruimte * (aantal - 1)) / aantal
    maten = [maat] * aantal
    begins = [sum(maten[:i]) + i * ruimte for i in range(aantal)]
    return [(begin, begin + maat) for begin in begins]


def _paneeltitel(titel, x_domein, y_eind):
    """De notitie met de titel boven een paneel, zoals make_subplots die zet."""
    return {
        "font": {"size": 16},
        "showarrow": False,
        "text": titel,
        "x": sum(x_domein) / 2.0,
        "xanchor": "center",
        "xref": "paper",
        "y": y_eind,
        "yanchor": "bottom",
        "yref": "paper",
    }


def _panelen(titels, rijen, kolommen):
    """De layout van een raster panelen zoals plotly's make_subplots (rij 1 boven): de assen
    "xaxis", "yaxis", "xaxis2", ... (rij voor rij) en een titelnotitie boven elk paneel."""
    x_domeinen = _domeinen(kolommen, PANEELRUIMTE_HORIZONTAAL)
    y_domeinen = _domeinen(rijen, 0.5 / rijen if rijen > 1 else 0.1)[::-1]
    layout, notities = {}, []
    for nummer in range(rijen * kolommen):
        rij, kolom = divmod(nummer, kolommen)
        x_begin, x_eind = x_domeinen[kolom]
        y_begin, y_eind = (min(max(grens, 0.0), 1.0) for grens in y_domeinen[rij])
        achtervoegsel = str(nummer + 1) if nummer else ""
        layout[f"xaxis{achtervoegsel}"] = {
            "anchor": f"y{achtervoegsel}",
            "domain": [max(0.0, x_begin), min(1.0, x_eind)],
        }
        layout[f"yaxis{achtervoegsel}"] = {
            "anchor": f"x{achtervoegsel}",
            "domain": [y_begin, y_eind],
        }
        if nummer < len(titels) and titels[nummer]:
            notities.append(_paneeltitel(titels[nummer], (x_begin, x_eind), y_eind))
    layout["annotations"] = notities
    return layout


def kleine_veelvouden(groepen, jaren, titel, eenheid, bron, kolommen=2):
    """Een klein paneel per groep, elk met de lijnen van die groep.

    `groepen` is een lijst van (groepnaam, [(naam, waarden), ...]); een groep zonder lijnen
    krijgt geen paneel.
    """
    groepen = [g for g in groepen if g[1]]
    rijen = max(1, math.ceil(len(groepen) / kolommen))
    data = []
    for g, (_, reeksen) in enumerate(groepen):
        achtervoegsel = str(g + 1) if g else ""
        for i, (naam, waarden) in enumerate(reeksen):
            lijn = _lijn(naam, jaren, waarden, i, eenheid)
            lijn.update(legendgroup=naam, xaxis=f"x{achtervoegsel}", yaxis=f"y{achtervoegsel}")
            data.append(lijn)
    layout = _panelen([naam for naam, _ in groepen], rijen, kolommen)
    layout["showlegend"] = False
    return _figuur(data, layout, titel, bron, hoogte=260 * rijen + 120)


def belevingsgrafiek(metingen, titel, bron):
    """Rapportcijfers veiligheid in de buurt. `metingen`: (label, rapportcijfer of None, onderzoek)."""
    bekend = [m for m in metingen if m[1] is not None]
    staven = {
        "customdata": [onderzoek for _, _, onderzoek in bekend],
        "hovertemplate": "%{x}: %{y:.1f}<br>%{customdata}<extra></extra>",
        "marker": {"color": KLEUREN[0]},
        "name": "rapportcijfer",
        "text": [f"{cijfer}".replace(".", ",") for _, cijfer, _ in bekend],
        "textposition": "outside",
        "x": [label for label, _, _ in bekend],
        "y": [float(cijfer) for _, cijfer, _ in bekend],
        "type": "bar",
    }
    layout = {
        "yaxis": {"title": {"text": "rapportcijfer (1-10)"}, "range": [0, 10]},
        "xaxis": {"type": "category"},
    }
    return _figuur([staven], layout, titel, bron, hoogte=360, jaren_as=False)


def staafgrafiek(categorieen, reeksen, titel, eenheid, bron, aandeel=False):
    """Gegroepeerde (of met `aandeel` tot 100% gestapelde) staven per categorie.

    `reeksen` is een lijst van (naam, waarden, afgeleid); een afgeleide reeks is grijs.
    """
    data = []
    for i, (naam, waarden, afgeleid) in enumerate(reeksen):
        marker = {"color": AFGELEID_KLEUR if afgeleid else KLEUREN[i % len(KLEUREN)]}
        if afgeleid:
            marker["pattern"] = {"shape": "/"}
        data.append(
            {
                "hovertemplate": f"{naam}<br>%{{x}}: %{{y:,d}} {eenheid}<extra></extra>",
                "marker": marker,
                "name": naam,
                "x": [_gewoon(categorie) for categorie in categorieen],
                "y": _waarden(waarden),
                "type": "bar",
            }
        )
    if aandeel:
        layout = {
            "barmode": "stack",
            "barnorm": "percent",
            "yaxis": {"title": {"text": "aandeel (%)"}, "range": [0, 100]},
        }
    else:
        layout = {"barmode": "group", "yaxis": {"title": {"text": eenheid}}}
    hoogte = 460 + 14 * bron.count(";")
    return _figuur(data, layout, titel, bron, hoogte=hoogte, jaren_as=False)
