"""Wat een werkproces doet nadat het de app geladen heeft, vóór het eerste verzoek."""

import gc

from django.urls import get_resolver


def bevries_geladen_objecten():
    """Laadt alle views (en daarmee pandas, plotly en de paginabouwers) en zet alle objecten die
    er dan zijn in de permanente generatie van Python's garbage collector (`gc.freeze()`).

    Waarom: een volledige collectie (generatie 2) loopt langs elk object van het proces. Zonder
    bevriezen zijn dat ook de ~175.000 objecten van Django, pandas en plotly, en kost één
    collectie 70-110 ms: in `make bench-pages` gaf dat per run één of twee uitschieters van
    ~150-180 ms in de p95 van een willekeurige pagina. Bevroren objecten slaat de collector
    over (gemeten: 4-10 ms per collectie, langste verzoek 38 ms in plaats van 138 ms). Bron:
    Python-documentatie bij `gc.freeze` ("...for a pre-fork server, call gc.freeze() ...").
    Aangeroepen door gunicorn.conf.py (`post_worker_init`) en door scripts/bench_paginas.py.
    """
    len(get_resolver().url_patterns)  # importeert elke views-module
    gc.collect()
    gc.freeze()
