"""De tabellen van cijfers/tables.py: thead en tbody in Python gebouwd, gelijk aan
django-tables2's eigen bootstrap5.html (op de witruimte tussen de tags en aan het begin en eind
van een kopcel na: die toont een browser niet), op elke tabel van de cijferpagina's."""

import io
import re

from django.core.management import call_command
from django.test import RequestFactory, TestCase

from cijfers import tables

BOOTSTRAP5 = "django_tables2/bootstrap5.html"


def _zonder_witruimte_tussen_tags(html):
    html = re.sub(r">\s+<", "><", html)
    # De template zet de kop van een kolom tussen regeleinden; witruimte aan het begin en eind
    # van een cel rendert niet (CSS white-space: normal), witruimte midden in de kop wel.
    html = re.sub(r"(<th[^>]*>)\s+", r"\1", html)
    return re.sub(r"\s+</th>", "</th>", html).strip()


def _tabellen(context):
    """Alle Tabel-objecten in de context van een cijferpagina (ook in Grafieken en blokken)."""
    contexten = context if isinstance(context, list) else [context]
    gevonden = []
    te_doen = [waarde for c in contexten for waarde in c.flatten().values()]
    gezien = set()
    while te_doen:
        ding = te_doen.pop()
        if id(ding) in gezien or ding is None or isinstance(ding, (str, int, float)):
            continue
        gezien.add(id(ding))
        if isinstance(ding, tables.Tabel):
            gevonden.append(ding)
        elif hasattr(ding, "__dataclass_fields__"):
            te_doen += [getattr(ding, naam) for naam in ding.__dataclass_fields__]
        elif isinstance(ding, (list, tuple)):
            te_doen += list(ding)
    return gevonden


SCHUIFVAK = '<div class="table-container" tabindex="0">'


class TabelHtmlTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("laad_brondata", stdout=io.StringIO())

    def _html(self, tabel, template_name, request):
        tabel.template_name = template_name
        return _zonder_witruimte_tussen_tags(tabel.as_html(request))

    def test_zelfde_html_als_bootstrap5(self):
        urls = [
            "/gebieden/baarn/",
            "/gebieden/basisteam-bes/?sort=-procent",
            "/cijfers/woninginbraken/?gebied=baarn&gebied=soest",
            "/cijfers/?gebied=baarn&gebied=soest&gebied=eemnes&sort=categorie",
            "/cijfers/?gebied=midden-nederland",
            "/plan/2019-2022/prioriteiten/high-impact-crimes/",
        ]
        aantal = 0
        for url in urls:
            request = RequestFactory().get(url)
            for tabel in _tabellen(self.client.get(url).context):
                with self.subTest(url=url, tabel=type(tabel).__name__):
                    snel = self._html(tabel, "cijfers/_tabel.html", request)
                    # Het enige verschil: het schuifvak krijgt focus met het toetsenbord.
                    self.assertIn(SCHUIFVAK, snel)
                    snel = snel.replace(SCHUIFVAK, '<div class="table-container">')
                    self.assertEqual(snel, self._html(tabel, BOOTSTRAP5, request))
                    self.assertIn("<tbody", snel)
                    aantal += 1
        self.assertGreaterEqual(aantal, 8)
