"""Grafieken (plotly) als gewone functies: gegevens erin, een figuur-dict eruit.

De pagina krijgt het dict via json_script; static/js/grafieken.js tekent het met plotly.js.

De dicts worden hier rechtstreeks gebouwd, in precies de vorm die plotly's gevalideerde
`go.Figure(...).to_json()` ervan maakte (sjabloon "plotly" in layout.template, een lege
eigenschap weggelaten, plotly's verdeling van de panelen): plotly's validatie per
eigenschap kostte een gebiedspagina zo'n 50 ms. tests/test_charts.py vergelijkt elke functie
en elke pagina met grafieken met het gevalideerde plotly-pad (tests/plotly_referentie.py).
"""

import html
import json
import math

import plotly.graph_objects as go
from django.utils.formats import number_format

from cijfers import statistiek
from ivp.tekst import opsomming

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
GROEPSKLEUR = "#98c99a"  # licht groen: de band van de vergelijkingsgroep
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


# Lijnstijlen na de tien kleuren: lijn 11-20 gestreept, 21-30 gestippeld, zodat geen twee lijnen
# van een figuur er hetzelfde uitzien (kleur én streep, ook in zwart-wit afgedrukt).
STREPEN = ["solid", "dash", "dot"]

# Ruimte boven de titel voor plotly's werkbalk (PNG, zoomen, herstellen), zodat die de titel
# nooit bedekt; de titel met de bronregel eronder staat daaronder (pixels).
WERKBALK = 30
KOP = WERKBALK + 58
# Extra ruimte boven de kleine veelvouden voor de paneeltitels van de bovenste rij (pixels).
PANEELKOP = 36


def _figuur(data, layout, titel, bron, hoogte=420, jaren_as=True):
    """Het figuur-dict {"data", "layout"} met de opmaak die elke grafiek deelt.

    De titel staat links onder de werkbalk, met de bron (delen gescheiden door ';') als één
    korte regel eronder ("Bron: A; B"); de legenda staat horizontaal onderaan de figuur
    (plotly reserveert er zelf ruimte voor, ook als hij over meer regels loopt) en de
    aslabels schuiven de marge op (automargin): niets valt buiten de figuur. Nederlandse
    scheidingstekens; op elke as (layout "xaxis", "xaxis2", ...; minstens "xaxis" en
    "yaxis") dezelfde stijl; `jaren_as` zet op de x-as(sen) een streepje per heel jaar.
    `hoogte` is in pixels.
    """
    layout = {"template": SJABLOON, "xaxis": {}, "yaxis": {}, **layout}
    layout.update(
        title={
            "font": {"size": 16},
            "pad": {"t": WERKBALK},
            "subtitle": {"font": {"color": "#555", "size": 11}, "text": bronregel(bron)},
            "text": titel,
            "x": 0,
            "xanchor": "left",
            "xref": "container",
            "y": 1,
            "yanchor": "top",
            "yref": "container",
        },
        font={"family": FONT, "size": 13},
        margin={"l": 60, "r": 20, "t": KOP, "b": 20},
        legend={
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 0,
            "yanchor": "bottom",
            "yref": "container",
        },
        separators=",.",
        height=hoogte,
        plot_bgcolor="white",
        hovermode="closest",
    )
    for naam, as_ in layout.items():
        if naam.startswith("xaxis"):
            as_.update(automargin=True, showgrid=False, linecolor="#888")
            if jaren_as:
                as_.update(tickformat="d", dtick=1)
        elif naam.startswith("yaxis"):
            as_.update(automargin=True, gridcolor="#e5e5e5", rangemode="tozero", tickformat=",d")
    return {"data": data, "layout": layout}


# De bronregel onder de titel is hoogstens zoveel tekens, zodat hij ook op een telefoon (390 px)
# op één regel past; de volledige bronnen staan op de pagina bij de grafiek (onder de tabel
# erboven of eronder, of in het onderschrift).
BRONREGEL_MAX = 60


def bronregel(bron):
    """De bron als één korte regel voor onder de titel.

    `bron` is tekst met delen gescheiden door ';' (lege delen vallen weg). Uitkomst: "Bron: A; B"
    als dat hoogstens BRONREGEL_MAX tekens is, anders "Bron: A e.a." (de eerste bron en
    "en andere"); zonder bron "Bron: onbekend".
    """
    delen = [deel.strip() for deel in bron.split(";") if deel.strip()] or ["onbekend"]
    regel = "Bron: " + "; ".join(delen)
    if len(regel) <= BRONREGEL_MAX or len(delen) == 1:
        return regel
    return f"Bron: {delen[0]} e.a."


def doorlopende_jaren(jaren):
    """De jaren als doorlopende reeks van het eerste tot het laatste (gehele getallen), zodat een
    lijn bij een ontbrekend jaar een gat krijgt in plaats van er recht overheen te lopen (plotly
    verbindt alleen opeenvolgende x-waarden; bij None en connectgaps false breekt de lijn).
    Jaren die geen gehele getallen zijn (of minder dan twee) blijven zoals ze zijn."""
    jaren = [_gewoon(jaar) for jaar in jaren]
    if len(jaren) < 2 or not all(isinstance(jaar, int) for jaar in jaren):
        return jaren
    return list(range(min(jaren), max(jaren) + 1))


def op_jaren(jaren, alle_jaren, waarden):
    """De waarden (een per jaar van `jaren`) over `alle_jaren`: None voor een jaar dat er niet
    in stond (ontbrekend is geen nul)."""
    per_jaar = dict(zip((_gewoon(j) for j in jaren), waarden, strict=True))
    return [per_jaar.get(jaar) for jaar in alle_jaren]


def is_leeg(waarden):
    """True als een reeks geen enkel getal heeft (alle waarden ontbreken): zo'n reeks krijgt geen
    lijn en geen plaats in de legenda."""
    return all(waarde is None for waarde in _waarden(waarden))


# Een voorlopig cijfer (CBS-teken *) is in een lijn een open rondje; de legenda legt het uit met
# een aparte ingang (zonder punten), de hover zegt "(voorlopig)".
VOORLOPIG_NAAM = "open rondje: voorlopig cijfer (*)"
VOORLOPIG_SYMBOOL = "circle-open"


def voorlopige_punten(x, y, voorlopig):
    """De extra eigenschappen van een lijn met voorlopige punten: per punt het symbool
    (VOORLOPIG_SYMBOOL voor een jaar uit `voorlopig` met een waarde, anders een dicht rondje),
    de grootte en " (voorlopig)" als customdata voor de hover; {} zonder voorlopig punt."""
    vlaggen = [jaar in voorlopig and waarde is not None for jaar, waarde in zip(x, y, strict=True)]
    if not any(vlaggen):
        return {}
    return {
        "customdata": [" (voorlopig)" if vlag else "" for vlag in vlaggen],
        "marker": {
            "size": [10 if vlag else 6 for vlag in vlaggen],
            "symbol": [VOORLOPIG_SYMBOOL if vlag else "circle" for vlag in vlaggen],
        },
    }


def voorlopig_legenda():
    """De legenda-ingang die het open rondje uitlegt: een reeks zonder punten (x en y None)."""
    return {
        "hoverinfo": "skip",
        "marker": {"color": "#555555", "size": 10, "symbol": VOORLOPIG_SYMBOOL},
        "mode": "markers",
        "name": VOORLOPIG_NAAM,
        "showlegend": True,
        "x": [None],
        "y": [None],
        "type": "scatter",
    }


def _reeks(reeks):
    """(naam, waarden, voorlopige jaren) uit (naam, waarden) of (naam, waarden, voorlopig)."""
    naam, waarden, *rest = reeks
    return naam, waarden, set(rest[0]) if rest and rest[0] else set()


def _lijn(naam, jaren, waarden, volgnummer, eenheid, voorlopig=()):
    """Eén lijn (plotly-trace "scatter") over de jaren, met een gat waar een waarde
    ontbreekt; kleur en streep volgen het volgnummer van de reeks (zie STREPEN). Een jaar uit
    `voorlopig` met een waarde krijgt een open rondje en "(voorlopig)" in de hover."""
    streep = STREPEN[(volgnummer // len(KLEUREN)) % len(STREPEN)]
    x = [_gewoon(jaar) for jaar in jaren]
    y = _waarden(waarden)
    extra = voorlopige_punten(x, y, voorlopig)
    achter = "%{customdata}" if extra else ""
    return {
        "connectgaps": False,
        "hovertemplate": f"{naam}<br>%{{x}}: %{{y:,d}} {eenheid}{achter}<extra></extra>",
        "line": {"color": KLEUREN[volgnummer % len(KLEUREN)], "dash": streep, "width": 2},
        "mode": "lines+markers",
        "name": naam,
        "x": x,
        "y": y,
        "type": "scatter",
        **extra,
    }


def lijngrafiek(reeksen, jaren, titel, eenheid, bron, volgorde=None):
    """Een lijn per reeks over de jaren. `reeksen` is een lijst van (naam, waarden) of (naam,
    waarden, voorlopige jaren), de waarden een per jaar van `jaren`; de figuur wordt per twee
    lijnen 22 pixels hoger, voor de regels van de legenda.

    De x-as loopt door alle jaren van het eerste tot het laatste (`doorlopende_jaren`): een
    ontbrekend jaar is een gat, de lijn loopt er niet overheen. Een reeks zonder enig getal
    valt weg (geen lijn, niet in de legenda). Voorlopige cijfers zijn open rondjes, met een
    legenda-ingang die dat uitlegt.

    `volgorde` (namen) geeft elke naam de kleur en streep van zijn plaats in die lijst, zodat
    een categorie dezelfde kleur heeft als in de kleine veelvouden op dezelfde pagina (die
    kleuren op volgorde van eerste verschijnen); een naam die er niet in staat krijgt een
    plaats erachter. Zonder `volgorde`: de volgorde van `reeksen`.
    """
    plaatsen = {naam: i for i, naam in enumerate(volgorde or [])}
    for naam, *_ in reeksen:
        plaatsen.setdefault(naam, len(plaatsen))
    alle_jaren = doorlopende_jaren(jaren)
    reeksen = [_reeks(r) for r in reeksen if not is_leeg(r[1])]
    data = [
        _lijn(naam, alle_jaren, op_jaren(jaren, alle_jaren, waarden), plaatsen[naam], eenheid, v)
        for naam, waarden, v in reeksen
    ]
    if any("customdata" in lijn for lijn in data):
        data.append(voorlopig_legenda())
    hoogte = 380 + 22 * math.ceil(len(data) / 2)
    return _figuur(data, {"yaxis": {"title": {"text": eenheid}}}, titel, bron, hoogte=hoogte)


TOELICHTING_KLEUR = "#212529"
TOELICHTING_NAAM = "Toelichting van de gemeente"
HOVER_REGEL = 60  # tekens per regel in de hover van een toelichting


def _hoverregels(tekst):
    """Tekst voor een plotly-hover: geëscaped (plotly leest een paar HTML-tags, een
    toelichting is gewone tekst) en om de HOVER_REGEL tekens op een spatie afgebroken."""
    regels, regel = [], ""
    for woord in tekst.split():
        if regel and len(regel) + 1 + len(woord) > HOVER_REGEL:
            regels.append(regel)
            regel = woord
        else:
            regel = f"{regel} {woord}" if regel else woord
    regels.append(regel)
    return "<br>".join(html.escape(r) for r in regels)


def toelichtingspunten(figuur, punten):
    """Het figuur-dict met een extra reeks: een ster op elk punt dat de gemeente heeft
    toegelicht (issue 17), met de toelichting in de hover. `punten` is [(jaar, waarde,
    tekst)]; een jaar zonder waarde hoort er niet in (een ontbrekend cijfer is geen nul).
    Het dict van `figuur` zelf blijft ongewijzigd (het kan uit een cache komen)."""
    if not punten:
        return figuur
    reeks = {
        "hovertemplate": "%{hovertext}<extra></extra>",
        "hovertext": [_hoverregels(tekst) for _, _, tekst in punten],
        "marker": {
            "color": TOELICHTING_KLEUR,
            "line": {"color": "white", "width": 1},
            "size": 15,
            "symbol": "star",
        },
        "mode": "markers",
        "name": TOELICHTING_NAAM,
        "x": [_gewoon(jaar) for jaar, _, _ in punten],
        "y": [_gewoon(waarde) for _, waarde, _ in punten],
        "type": "scatter",
    }
    return {**figuur, "data": [*figuur["data"], reeks]}


def _voorlopige_maandpunten(x, y, voorlopig):
    """Als `voorlopige_punten`, maar voor een maandlijn zonder punten: alleen een voorlopige
    maand (x uit `voorlopig`, met een waarde) krijgt een (open) rondje, de andere maanden
    geen (grootte 0); {} zonder voorlopig punt."""
    extra = voorlopige_punten(x, y, voorlopig)
    if extra:
        extra["marker"]["size"] = [
            10 if s == VOORLOPIG_SYMBOOL else 0 for s in extra["marker"]["symbol"]
        ]
        extra["mode"] = "lines+markers"
    return extra


def _maandlijn(naam, maanden, waarden, volgnummer, eenheid, per_maand, voorlopig=()):
    """Eén lijn over de maanden (x: 'JJJJ-MM', een datum voor plotly): de som van 12 maanden
    (doorgetrokken, linker as) of het aantal per maand (dun en gestippeld, rechter as). Een
    maand uit `voorlopig` ('JJJJ-MM') met een waarde is een open rondje (voorlopig)."""
    kleur = KLEUREN[volgnummer % len(KLEUREN)]
    y = _waarden(waarden)
    extra = _voorlopige_maandpunten(maanden, y, voorlopig) if voorlopig else {}
    if extra:
        extra["marker"]["color"] = kleur
    achter = "%{customdata}" if extra else ""
    lijn = {
        "connectgaps": False,
        "hovertemplate": f"{naam}<br>%{{x|%B %Y}}: %{{y:,d}} {eenheid}{achter}<extra></extra>",
        "line": {
            "color": kleur,
            "dash": "dot" if per_maand else "solid",
            "width": 1 if per_maand else 2,
        },
        "mode": "lines",
        "name": naam,
        "x": maanden,
        "y": y,
        "type": "scatter",
        **extra,
    }
    if per_maand:
        lijn["yaxis"] = "y2"
    return lijn


def _hoogste_maandschaal(reeksen):
    """De bovenkant van de linker as: 10% boven de grootste som of 12 x de grootste maand."""
    waarden = [
        v
        for _, maanden in reeksen
        for _, _, waarde, som in maanden
        for v in (som, None if waarde is None else 12 * waarde)
        if v is not None
    ]
    return round(1.1 * max(waarden, default=1) or 1, 1)


def maandgrafiek(reeksen, titel, eenheid, bron, voorlopig=None):
    """Per reeks de voortschrijdende som van 12 maanden (doorgetrokken lijn, linker as) en het
    aantal per maand (gestippeld, rechter as), over de maanden.

    `reeksen` is een lijst van (naam, [(jaar, maand, waarde of None, som of None)]) zoals
    trends.voortschrijdende_som ze geeft; een ontbrekende waarde of som is een gat in de lijn.
    `voorlopig` (of None) geeft per reeks (maanden met een voorlopig aantal, maanden met een
    voorlopige som), elk een set van (jaar, maand): zo'n punt is een open rondje, zoals een
    voorlopig jaar in `lijngrafiek`, met "(voorlopig)" in de hover en de legenda-ingang die
    het open rondje uitlegt.
    """
    data = []
    voorlopig = voorlopig or [(set(), set())] * len(reeksen)
    for volgnummer, ((naam, maanden), (getallen, sommen_v)) in enumerate(
        zip(reeksen, voorlopig, strict=True)
    ):
        x = [f"{jaar}-{maand:02d}" for jaar, maand, _, _ in maanden]
        sommen = [som for _, _, _, som in maanden]
        waarden = [waarde for _, _, waarde, _ in maanden]
        som_x = [f"{jaar}-{maand:02d}" for jaar, maand in sommen_v]
        getal_x = [f"{jaar}-{maand:02d}" for jaar, maand in getallen]
        naam_som = f"{naam}: som van 12 maanden"
        data.append(_maandlijn(naam_som, x, sommen, volgnummer, eenheid, False, set(som_x)))
        naam_maand = f"{naam}: per maand"
        data.append(_maandlijn(naam_maand, x, waarden, volgnummer, eenheid, True, set(getal_x)))
    if any("customdata" in lijn for lijn in data):
        data.append(voorlopig_legenda())
    # De rechter as is de linker gedeeld door 12: een maand die net zo hoog is als het
    # gemiddelde van haar 12 maanden ligt op de lijn van de som.
    hoogste = _hoogste_maandschaal(reeksen)
    layout = {
        "yaxis": {"title": {"text": "som van 12 maanden"}, "range": [0, hoogste]},
        "yaxis2": {
            "overlaying": "y",
            "range": [0, hoogste / 12],
            "side": "right",
            "title": {"text": "per maand"},
        },
    }
    hoogte = 380 + 22 * math.ceil(len(data) / 2)
    figuur = _figuur(data, layout, titel, bron, hoogte=hoogte, jaren_as=False)
    # De rechter as loopt tot een twaalfde van de linker: met hele getallen stonden er dubbele
    # streepjes ("2, 2, 1, 1"); één decimaal waar nodig ("0,5", "1", "1,5").
    figuur["layout"]["yaxis2"]["tickformat"] = ",.1~f"
    return figuur


def _domeinen(aantal, ruimte):
    """[(begin, eind)] van `aantal` even grote vakken met `ruimte` ertussen op 0..1, in
    plotly's rekenvolgorde (make_subplots), zodat de getallen bit voor bit gelijk zijn."""
    maat = (1.0 - ruimte * (aantal - 1)) / aantal
    maten = [maat] * aantal
    begins = [sum(maten[:i]) + i * ruimte for i in range(aantal)]
    return [(begin, begin + maat) for begin in begins]


def over_twee_regels(titel):
    """Een lange tekst (meer dan 16 tekens) over twee regels, gebroken ("<br>") bij de spatie
    die het dichtst bij het midden staat; een korte tekst of een zonder spatie blijft zoals hij
    is. Voor paneeltitels (op een telefoon, twee panelen naast elkaar, lopen die van
    buurpanelen zo niet over elkaar) en de categorieën onder staven (gedraaid nemen ze zo de
    halve hoogte, en blijft er op een smal scherm grafiek over)."""
    if not isinstance(titel, str) or len(titel) <= 16 or " " not in titel:
        return titel
    spaties = [i for i, teken in enumerate(titel) if teken == " "]
    midden = min(spaties, key=lambda i: abs(i - len(titel) / 2))
    return titel[:midden] + "<br>" + titel[midden + 1 :]


def _paneeltitel(titel, x_domein, y_eind):
    """De notitie met de titel boven een paneel, zoals make_subplots die zet (in 13 punts)."""
    return {
        "font": {"size": 13},
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
    if notities:
        layout["annotations"] = notities
    return layout


def kleine_veelvouden(groepen, jaren, titel, eenheid, bron, kolommen=2):
    """Een klein paneel per groep, elk met de lijnen van die groep, en één legenda eronder.

    `groepen` is een lijst van (groepnaam, [(naam, waarden) of (naam, waarden, voorlopige
    jaren), ...]); een reeks zonder enig getal valt weg (geen lijn, niet in de legenda) en een
    groep zonder lijnen krijgt geen paneel. De x-as loopt door alle jaren (zie `lijngrafiek`),
    voorlopige cijfers zijn open rondjes. Een naam heeft in elk paneel dezelfde kleur en streep (op volgorde van
    eerste verschijnen; zie `_lijn`) en staat één keer in de legenda, zodat elke lijn benoemd
    is en een kleur in de hele figuur één categorie (of één gebied) betekent.
    """
    alle_jaren = doorlopende_jaren(jaren)
    groepen = [
        (naam, [_reeks(r) for r in reeksen if not is_leeg(r[1])]) for naam, reeksen in groepen
    ]
    groepen = [g for g in groepen if g[1]]
    rijen = max(1, math.ceil(len(groepen) / kolommen))
    volgnummers = {}
    data = []
    for g, (_, reeksen) in enumerate(groepen):
        achtervoegsel = str(g + 1) if g else ""
        for naam, waarden, voorlopig in reeksen:
            nieuw = naam not in volgnummers
            volgnummer = volgnummers.setdefault(naam, len(volgnummers))
            waarden = op_jaren(jaren, alle_jaren, waarden)
            lijn = _lijn(naam, alle_jaren, waarden, volgnummer, eenheid, voorlopig)
            lijn.update(
                legendgroup=naam,
                showlegend=nieuw,
                xaxis=f"x{achtervoegsel}",
                yaxis=f"y{achtervoegsel}",
            )
            data.append(lijn)
    met_voorlopig = any("customdata" in lijn for lijn in data)
    if met_voorlopig:
        data.append(voorlopig_legenda())
    layout = _panelen([over_twee_regels(naam) for naam, _ in groepen], rijen, kolommen)
    layout["showlegend"] = True
    legendarijen = math.ceil((len(volgnummers) + met_voorlopig) / 3)
    figuur = _figuur(data, layout, titel, bron, hoogte=260 * rijen + 150 + 22 * legendarijen)
    # Ruimte voor de (tot twee regels lange) paneeltitels van de bovenste rij.
    figuur["layout"]["margin"]["t"] = KOP + PANEELKOP
    return figuur


def belevingsgrafiek(metingen, titel, bron):
    """Rapportcijfers veiligheid in de buurt. `metingen`: (label, rapportcijfer of None, onderzoek).

    Eén reeks (kleur en legenda-item) per onderzoek, in de volgorde waarin de onderzoeken
    voor het eerst voorkomen, zodat een eigen onderzoek en de Veiligheidsmonitor niet als
    gelijke staven naast elkaar staan (issue 15, punt 9); een meting zonder cijfer valt weg
    (de pagina noemt haar met reden onder de grafiek).
    """
    bekend = [m for m in metingen if m[1] is not None]
    groepen = {}
    for meting in bekend:
        groepen.setdefault(meting[2], []).append(meting)
    data = [
        {
            "customdata": [onderzoek for _, _, onderzoek in lijst],
            "hovertemplate": "%{x}: %{y:.1f}<br>%{customdata}<extra></extra>",
            "marker": {"color": KLEUREN[i % len(KLEUREN)]},
            "name": onderzoek or "rapportcijfer",
            "text": [f"{cijfer}".replace(".", ",") for _, cijfer, _ in lijst],
            "textposition": "outside",
            "x": [label for label, _, _ in lijst],
            "y": [float(cijfer) for _, cijfer, _ in lijst],
            "type": "bar",
        }
        for i, (onderzoek, lijst) in enumerate(groepen.items() or [("", [])])
    ]
    layout = {
        "yaxis": {"title": {"text": "rapportcijfer (1-10)"}, "range": [0, 10]},
        "xaxis": {"type": "category"},
        "barmode": "overlay",
    }
    return _figuur(data, layout, titel, bron, hoogte=360, jaren_as=False)


def _rond(waarde):
    return None if waarde is None else round(float(waarde), 3)


def _verschil(a, b):
    return None if a is None or b is None else round(float(a) - float(b), 3)


def _paneelpunten(naam, namen, waarden, onder, boven, kleur, symbool, teksten, dikte=2):
    """Eén reeks punten per categorie (y) op de x-as (index, Nederland = 100), met een
    foutbalk van `onder` tot `boven` (None: geen balk) en per punt de tekst voor de hover
    (`teksten`: de getallen per 1.000 inwoners, `paneeltekst`)."""
    punten = {
        "customdata": list(teksten),
        "hovertemplate": f"{naam}<br>%{{y}}: %{{customdata}}<extra></extra>",
        "marker": {"color": kleur, "size": 10, "symbol": symbool},
        "mode": "markers",
        "name": naam,
        "x": [_rond(w) for w in waarden],
        "y": list(namen),
        "type": "scatter",
    }
    if onder is not None:
        punten["error_x"] = {
            "array": [_verschil(b, w) for w, b in zip(waarden, boven, strict=True)],
            "arrayminus": [_verschil(w, o) for w, o in zip(waarden, onder, strict=True)],
            "color": kleur,
            "symmetric": False,
            "thickness": dikte,
            "type": "data",
            "width": 0 if dikte > 2 else 4,
        }
    return punten


def per_1000_tekst(waarde):
    """Een getal per 1.000 inwoners (float) als Nederlandse tekst, voor tabellen, hovers en
    zinnen: vanaf 1 op één decimaal ("5,8"), daaronder op twee significante cijfers ("0,12",
    "0,067"; statistiek.leesbaar_afgerond); '.' (CBS: ontbreekt) voor None."""
    if waarde is None:
        return "."
    afgerond = statistiek.leesbaar_afgerond(waarde)
    return number_format(afgerond, decimal_pos=-afgerond.as_tuple().exponent, force_grouping=True)


def _index(waarde, nederland):
    """`waarde` als index t.o.v. `nederland` (= 100), of None zonder een van beide."""
    return None if waarde is None or not nederland else waarde / nederland * 100


# De lijn van Nederland (= 100) door het paneel, en de tekst op een regel zonder Nederland.
NEDERLANDLIJN = {"color": "#333333", "dash": "dot", "width": 1}
ZONDER_NEDERLAND = "geen cijfer van Nederland"


def vergelijkingspaneel(rijen, titel, bron, gemeente):
    """ "Vergeleken met": per categorie (een regel) de gemeente met haar 95%-interval, en de
    mediaan van de vergelijkingsgroep met haar laagste en hoogste lid, als index t.o.v.
    Nederland (Nederland = 100, een stippellijn), zodat een zeldzame categorie (0,067 per
    1.000) even goed leesbaar is als een veelvoorkomende (40 per 1.000) op één as (proefgebruik
    punt 9). De hover geeft de getallen per 1.000 inwoners (`per_1000_tekst`) en de index.

    `rijen` is een lijst van (categorie, (waarde, onder, boven) of None, Nederland of None,
    (mediaan, laagste, hoogste) of None), alle getallen per 1.000 inwoners (float). Heeft geen
    rij een groep (een basisteam, of een gemeente zonder groep), dan staat de groep er niet in
    (ook niet in de legenda). Een regel zonder Nederland (of met Nederland 0) heeft geen punten
    en de tekst ZONDER_NEDERLAND.
    """
    # Over twee regels (`over_twee_regels`): op een telefoon (390 px) laat een lange naam op
    # één regel nauwelijks ruimte voor de as.
    namen = [over_twee_regels(naam) for naam, *_ in rijen]
    nl = [r[2] for r in rijen]
    eigen = [r[1] or (None, None, None) for r in rijen]
    groep = [r[3] or (None, None, None) for r in rijen]

    def index(reeks):
        return [[_index(w, n) for w in drie] for drie, n in zip(reeks, nl, strict=True)]

    def tekst(drie, n):
        if drie[0] is None or not n:
            return ""
        return (
            f"{per_1000_tekst(drie[0])} per 1.000 ({per_1000_tekst(drie[1])}-"
            f"{per_1000_tekst(drie[2])}); index {_index(drie[0], n):.0f}"
        )

    eigen_index, groep_index = index(eigen), index(groep)
    # Eerst de groep (een brede lichte band van laagste tot hoogste), dan Nederland, dan de
    # gemeente met haar interval als dunne lijn erbovenop: zo blijven ze uit elkaar te houden.
    data = [
        _paneelpunten(
            "groep: mediaan (laagste-hoogste)", namen, [g[0] for g in groep_index],
            [g[1] for g in groep_index], [g[2] for g in groep_index], GROEPSKLEUR, "square",
            [tekst(g, n) for g, n in zip(groep, nl, strict=True)], dikte=10,
        ),
        _paneelpunten(
            "Nederland (= 100)", namen, [100 if n else None for n in nl], None, None,
            KLEUREN[1], "diamond", [f"{per_1000_tekst(n)} per 1.000" if n else "" for n in nl],
        ),
        _paneelpunten(
            f"{gemeente} (95%-interval)", namen, [e[0] for e in eigen_index],
            [e[1] for e in eigen_index], [e[2] for e in eigen_index], KLEUREN[0], "circle",
            [tekst(e, n) for e, n in zip(eigen, nl, strict=True)],
        ),
    ]  # fmt: skip
    if not any(r[3] for r in rijen):
        data = data[1:]
    layout = {
        "xaxis": {
            "rangemode": "tozero",
            "tickformat": ",d",
            "title": {"text": "Nederland = 100"},
        },
        "yaxis": {"type": "category", "autorange": "reversed"},
        "shapes": [
            {
                "layer": "below", "line": NEDERLANDLIJN, "type": "line",
                "x0": 100, "x1": 100, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain",
            }
        ],
    }  # fmt: skip
    zonder = [
        {
            "font": {"color": "#555", "size": 11},
            "showarrow": False,
            "text": ZONDER_NEDERLAND,
            "x": 100,
            "xref": "x",
            "y": naam,
            "yref": "y",
        }
        for naam, n in zip(namen, nl, strict=True)
        if not n
    ]
    if zonder:
        layout["annotations"] = zonder
    hoogte = 200 + 44 * len(rijen)
    return _figuur(data, layout, titel, bron, hoogte=hoogte, jaren_as=False)


# De lijnen van de grafiek per 1.000 inwoners: Nederland donkergrijs gestreept, de mediaan van
# de vergelijkingsgroep donkergroen gestippeld boven haar lichtgroene band (GROEPSKLEUR); de
# gemeenten in de gewone kleuren zonder het groen, zodat geen gemeente op de groep lijkt.
NEDERLANDKLEUR = "#333333"
GROEPSLIJN = "#2e7d32"
GROEPSBAND = "rgba(152, 201, 154, 0.45)"
GEMEENTEKLEUREN = [kleur for kleur in KLEUREN if kleur != "#2ca02c"]


def _hovergetal(waarde):
    """`per_1000_tekst` voor een punt in de hover, None (geen punt) voor een gat."""
    return None if waarde is None else per_1000_tekst(waarde)


# De y-as per 1.000 inwoners: zo veel cijfers als de streepjes nodig hebben, zonder nullen
# erachter (0,02 0,04 of 2 4 6): op één decimaal stond 0,067 als "0,1" en 0,04 als "0".
VERHOUDINGSAS = ",~g"


def _verhoudingslijn(naam, jaren, waarden, kleur, streep):
    """Eén lijn per 1.000 inwoners over de jaren (waarden float of None: een gat); de hover
    met `per_1000_tekst` (onder 1 twee significante cijfers, zoals de tabel)."""
    return {
        "connectgaps": False,
        "customdata": [_hovergetal(w) for w in waarden],
        "hovertemplate": f"{naam}<br>%{{x}}: %{{customdata}} per 1.000 inwoners<extra></extra>",
        "line": {"color": kleur, "dash": streep, "width": 2},
        "mode": "lines+markers",
        "name": naam,
        "x": [_gewoon(jaar) for jaar in jaren],
        "y": [_rond(w) for w in waarden],
        "type": "scatter",
    }


def _groepsband(naam, jaren, laagste, hoogste):
    """De band van laagste tot hoogste lid: een onzichtbare onderrand zonder legenda en een
    bovenrand die tot de onderrand gevuld is (plotly fill "tonexty")."""
    x = [_gewoon(jaar) for jaar in jaren]
    onder = {
        "hoverinfo": "skip",
        "legendgroup": "groepsband",
        "line": {"color": GROEPSKLEUR, "width": 0},
        "mode": "lines",
        "name": f"{naam}: laagste",
        "showlegend": False,
        "x": x,
        "y": [_rond(w) for w in laagste],
        "type": "scatter",
    }
    boven = {
        "customdata": [
            None if o is None or b is None else f"{_hovergetal(o)} tot {_hovergetal(b)}"
            for o, b in zip(laagste, hoogste, strict=True)
        ],
        "fill": "tonexty",
        "fillcolor": GROEPSBAND,
        "hovertemplate": (f"{naam}<br>%{{x}}: %{{customdata}} per 1.000 inwoners<extra></extra>"),
        "legendgroup": "groepsband",
        "line": {"color": GROEPSKLEUR, "width": 0},
        "mode": "lines",
        "name": f"{naam}: laagste tot hoogste",
        "x": x,
        "y": [_rond(w) for w in hoogste],
        "type": "scatter",
    }
    return [onder, boven]


def verhoudingsgrafiek(lijnen, jaren, titel, bron, nederland=None, groep=None):
    """Per jaar het aantal per 1.000 inwoners: een lijn per gemeente, Nederland, en de
    vergelijkingsgroep van één gemeente als mediaan (lijn) en band van laagste tot hoogste lid.

    `lijnen` is een lijst van (naam, waarden), `nederland` None of waarden, `groep` None of
    (naam, mediaan, laagste, hoogste); alle waarden per jaar van `jaren`, per 1.000 inwoners
    (float, of None: een gat, nooit 0). De band staat onder de lijnen, zodat die leesbaar
    blijven; de y-as toont zoveel cijfers als de streepjes nodig hebben (VERHOUDINGSAS) en de
    hover de getallen zoals de tabel (`per_1000_tekst`). De x-as loopt door alle jaren
    (`doorlopende_jaren`): een ontbrekend jaar is een gat.
    """
    data = []
    alle_jaren = doorlopende_jaren(jaren)

    def over(waarden):
        return op_jaren(jaren, alle_jaren, waarden)

    if groep is not None:
        naam, mediaan, laagste, hoogste = groep
        data += _groepsband(naam, alle_jaren, over(laagste), over(hoogste))
        data.append(
            _verhoudingslijn(f"{naam}: mediaan", alle_jaren, over(mediaan), GROEPSLIJN, "dot")
        )
    if nederland is not None:
        data.append(
            _verhoudingslijn("Nederland", alle_jaren, over(nederland), NEDERLANDKLEUR, "dash")
        )
    for volgnummer, (naam, waarden) in enumerate(lijnen):
        kleur = GEMEENTEKLEUREN[volgnummer % len(GEMEENTEKLEUREN)]
        streep = STREPEN[(volgnummer // len(GEMEENTEKLEUREN)) % len(STREPEN)]
        data.append(_verhoudingslijn(naam, alle_jaren, over(waarden), kleur, streep))
    zichtbaar = sum(1 for lijn in data if lijn.get("showlegend", True))
    hoogte = 380 + 22 * math.ceil(zichtbaar / 2)
    figuur = _figuur(
        data, {"yaxis": {"title": {"text": "per 1.000 inwoners"}}}, titel, bron, hoogte=hoogte
    )
    figuur["layout"]["yaxis"]["tickformat"] = VERHOUDINGSAS
    return figuur


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
                "x": [over_twee_regels(_gewoon(categorie)) for categorie in categorieen],
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


def samenvatting(figuur):
    """Een korte Nederlandse tekst over wat een figuur-dict uit deze module laat zien, voor
    schermlezers (de tabel erachter geeft de getallen): soort, lijnen of reeksen met hun namen,
    panelen en de jaren, als platte tekst (geen "<br>", zie `platte_tekst`). Bijvoorbeeld "Lijngrafiek met 2 lijnen (autokraak en zakkenrollen),
    2015 tot en met 2018." Een figuur zonder reeksen: "Grafiek zonder gegevens."
    """
    # De sterren van de toelichtingen (toelichtingspunten) en de uitleg van het open rondje
    # (voorlopig_legenda) zijn geen reeks.
    alle = figuur.get("data") or []
    data = [t for t in alle if t.get("name") not in (TOELICHTING_NAAM, VOORLOPIG_NAAM)]
    if not data:
        return "Grafiek zonder gegevens."
    tekst = _samenvattingstekst(figuur, data)
    if any(t.get("name") == VOORLOPIG_NAAM for t in alle):
        tekst += " Een open rondje is een voorlopig cijfer."
    return platte_tekst(tekst)


def platte_tekst(tekst):
    """Tekst zonder de regelafbrekingen ("<br>") die plotly in titels en labels leest
    (`over_twee_regels`): een spatie ervoor in de plaats, voor schermlezers en gewone tekst."""
    return " ".join(str(tekst).replace("<br>", " ").split())


def _samenvattingstekst(figuur, data):
    """De samenvatting van `samenvatting` (met eventueel "<br>" uit de labels)."""
    namen = list(dict.fromkeys(trace.get("name", "") for trace in data))
    if data[0].get("type") == "bar":
        categorieen = list(dict.fromkeys(x for trace in data for x in trace.get("x", [])))
        reeksen = f"{len(namen)} reeks" if len(namen) == 1 else f"{len(namen)} reeksen"
        return (
            f"Staafgrafiek met {reeksen} ({opsomming(namen)}) over "
            f"{len(categorieen)} staafgroepen: {opsomming(str(c) for c in categorieen)}."
        )
    if data[0].get("mode") == "markers":
        regels = list(dict.fromkeys(y for trace in data for y in trace.get("y", [])))
        return (
            f"Vergelijking per 1.000 inwoners als index, Nederland = 100 "
            f"({opsomming(namen)}) voor {len(regels)} "
            f"categorieën: {opsomming(str(r) for r in regels)}."
        )
    jaren = sorted({x for trace in data for x in trace.get("x", []) if x is not None})
    if not jaren:
        periode = ""
    elif jaren[0] == jaren[-1]:
        periode = f", {jaren[0]}"  # één jaar: niet "2025 tot en met 2025"
    else:
        periode = f", {jaren[0]} tot en met {jaren[-1]}"
    lijnen = "1 lijn" if len(namen) == 1 else f"{len(namen)} lijnen"
    panelen = [
        a["text"] for a in figuur["layout"].get("annotations", []) if a.get("xanchor") == "center"
    ]
    if panelen:
        aantal_panelen = "1 paneel" if len(panelen) == 1 else f"{len(panelen)} panelen"
        return (
            f"Kleine grafieken in {aantal_panelen} ({opsomming(panelen)}), met "
            f"samen {lijnen} ({opsomming(namen)}){periode}."
        )
    return f"Lijngrafiek met {lijnen} ({opsomming(namen)}){periode}."
