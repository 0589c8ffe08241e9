"""Tabellen (django-tables2). Cellen tonen CBS-tekens; de export krijgt getallen."""

from dataclasses import dataclass
from functools import lru_cache
from itertools import count
from types import MethodType

import django_tables2 as tables
from django.template import Context
from django.template.base import render_value_in_context
from django.urls import get_script_prefix, reverse
from django.utils import formats
from django.utils.formats import number_format
from django.utils.html import conditional_escape, escape, format_html
from django.utils.http import urlencode
from django.utils.safestring import SafeData, mark_safe
from django_tables2.utils import Accessor, signature

from cijfers import trends
from cijfers.models import Cijfer
from cijfers.pagina.toelichtingen import celteken


def tabulair():
    """Attributen voor een rechts uitgelijnde kolom met cijfers (th en td)."""
    return {"th": {"class": "tabular"}, "td": {"class": "tabular"}}


BAND_WEERGAVE = {
    trends.DALING: ("▼", "daling van 10% of meer"),
    trends.STABIEL: ("●", "daling of stijging minder dan 10%"),
    trends.STIJGING: ("▲", "stijging van 10% of meer"),
}
TOEVAL_TEKEN = "≈"


def getal(waarde):
    """Een geheel getal met punten als duizendtalscheiding (Nederlandse notatie)."""
    return number_format(waarde, force_grouping=True)


def met_teken(waarde, eenheid=""):
    """Een verandering met '+' of het echte minteken '−' en de eenheid; '.' als ze ontbreekt."""
    if waarde is None:
        return trends.ONTBREEKT
    teken = "+" if waarde > 0 else ("−" if waarde < 0 else "")
    return f"{teken}{getal(abs(waarde))}{eenheid}"


class GetalKolom(tables.Column):
    """Een rechts uitgelijnde kolom die ook een lege waarde zelf weergeeft."""

    def __init__(self, **kwargs):
        kwargs.setdefault("attrs", tabulair())
        super().__init__(empty_values=(), **kwargs)


class DecimaalKolom(GetalKolom):
    """Een getal met `decimalen` decimalen: op de pagina met Nederlandse komma ("6,6"), in de
    export als getal (6.6), zodat Excel en pandas rekenen; '.' als het ontbreekt (issue 15,
    punt 9: de export schreef "6,6" als tekst)."""

    def __init__(self, decimalen=1, **kwargs):
        self.decimalen = decimalen
        super().__init__(**kwargs)

    def render(self, value):
        if value is None:
            return trends.ONTBREEKT
        return number_format(value, decimal_pos=self.decimalen)

    def value(self, value):
        return trends.ONTBREEKT if value is None else float(value)


class JaartalKolom(tables.Column):
    """Een jaartal: op de pagina zonder duizendtalpunt ("2018"), in de export als getal."""

    def render(self, value):
        return str(value)

    def value(self, value):
        return value


class JaarBasisKolom(GetalKolom):
    """Een kolom voor één jaar (kopje: het jaar); de status staat in record["statussen"]."""

    def __init__(self, jaar, **kwargs):
        self.jaar = jaar
        kwargs.setdefault("verbose_name", str(jaar))
        super().__init__(**kwargs)

    def status(self, record):
        """De status (Cijfer.Status) van het cijfer in dit jaar, of None als het ontbreekt."""
        return record["statussen"].get(self.jaar)

    def value(self, value, record):
        """In de export: 'x' voor een geheim cijfer, anders het getal."""
        if self.status(record) == Cijfer.Status.GEHEIM:
            return trends.GEHEIM
        return value


IMPORT_TEKEN = "i"


@lru_cache
def _geschiedenisbasis(voorvoegsel):
    """Het pad van de geschiedenis van een cel zonder de drie getallen ("/geschiedenis/cijfer/"),
    één keer per scriptvoorvoegsel bepaald: een reverse() per cel kost op een pagina met
    duizenden geïmporteerde cellen tientallen milliseconden."""
    voorbeeld = reverse("geschiedenis_cijfer", args=[1, 2, 3])
    basis = voorbeeld.removesuffix("1/2/3/")
    if basis == voorbeeld:  # het patroon is veranderd: dan maar per cel
        return None
    return basis


def _geschiedenis_van_cel(gebied, categorie, jaar):
    """Het pad van ivp.views.geschiedenis_cijfer voor één cel."""
    basis = _geschiedenisbasis(get_script_prefix())
    if basis is None:
        return reverse("geschiedenis_cijfer", args=[gebied, categorie, jaar])
    return f"{basis}{gebied}/{categorie}/{jaar}/"


def celtekens(record, jaar):
    """De tekens achter het getal in een jaarcel van de trendtabel, als veilige HTML (leeg als
    er geen zijn). Eén plek voor alle tekens van een cel, zodat er meer naast elkaar passen.

    Nu: een cijfer uit een import (record["geimporteerd"], {jaar: titel van de importbron},
    reeksen._markeer_imports) krijgt een 'i' die naar de geschiedenis van het cijfer linkt
    (ivp.views.geschiedenis_cijfer, op record["sleutel"] (gebied-id, categorie-id) en het
    jaar) en de voetnoot "geïmporteerd" onder de tabel (templates/cijfers/_reekstabel.html).
    Issue 15, punt 6: een geïmporteerd cijfer is te onderscheiden van een cijfer uit het plan.
    """
    importbron = record.get("geimporteerd", {}).get(jaar)
    if not importbron:
        return ""
    gebied, categorie = record["sleutel"]
    return format_html(
        ' <sup class="celteken import"><a href="{}" title="Geïmporteerd uit {}: geschiedenis van '
        'dit cijfer"><span aria-hidden="true">{}</span><span class="visually-hidden">'
        "geïmporteerd (niet uit het plan), geschiedenis van dit cijfer</span></a></sup>",
        _geschiedenis_van_cel(int(gebied), int(categorie), int(jaar)),
        importbron,
        IMPORT_TEKEN,
    )


class JaarKolom(JaarBasisKolom):
    """Een jaar: het aantal, of '.' (ontbreekt), 'x' (geheim), met '*' als voorlopig, en de
    tekens van de cel (`celtekens`)."""

    def render(self, value, record):
        tekst = trends.cel_weergave(value, record["statussen"].get(self.jaar))
        if tekst in (trends.ONTBREEKT, trends.GEHEIM):
            titel = "ontbreekt" if tekst == trends.ONTBREEKT else "geheim (niet gepubliceerd)"
            tekst = format_html('<abbr title="{}">{}</abbr>', titel, tekst)
        # Alle tekens van de cel: import (issue 15) en toelichting van de gemeente (issue 17).
        voor, na = celtekens(record, self.jaar), celteken(record, self.jaar)
        tekens = format_html("{}{}", voor, na) if voor or na else ""
        # Het getal in een eigen span: de cel blijft het getal als element (">114<"), de
        # tekens staan erachter.
        return format_html("<span>{}</span>{}", tekst, tekens) if tekens else tekst


class StatusKolom(tables.Column):
    """De status van het cijfer van één jaar, alleen in de export (verborgen op de pagina, waar
    de cel zelf het teken '*' of 'x' draagt): "definitief", "voorlopig", "geheim" (de waarden
    van Cijfer.Status) of "ontbreekt". Zo blijft het aantal in de jaarkolom een getal en gaat
    de status van het CBS niet verloren (proefgebruik 30-11-2026, punt 8). `jaar` is de
    sleutel in record["statussen"]: een jaar, of een veldnaam (StatusGetalKolom)."""

    ONTBREEKT = "ontbreekt"

    def __init__(self, jaar, **kwargs):
        self.jaar = jaar
        kwargs.setdefault("verbose_name", f"Status {jaar}")
        super().__init__(accessor="statussen", visible=False, empty_values=(), **kwargs)

    def value(self, record):
        status = record["statussen"].get(self.jaar)
        return str(status) if status else self.ONTBREEKT


def _andere_periode(record, voorvoegsel, periode):
    """De periode van de rij als die afwijkt van die in het kopje, of als de rij een nieuwer
    jaar heeft dat ze niet vergelijkt (veld "nieuwste_jaar": het heeft geen volledig jaar
    ervoor, zie reeksen._vergelijkingsvelden); anders leeg. Als HTML."""
    eigen = record.get(f"{voorvoegsel}periode")
    nieuwer = record.get(f"{voorvoegsel}nieuwste_jaar")
    if not eigen or (eigen == periode and not nieuwer):
        return ""
    if nieuwer:
        return format_html(
            ' <small class="andere-periode" title="{} heeft geen volledig jaar ervoor">({})</small>',
            nieuwer,
            eigen,
        )
    return format_html(' <small class="andere-periode">({})</small>', eigen)


def _voorlopig_teken(record, voorvoegsel):
    """'*' als de vergelijking van de rij een voorlopig deel heeft (veld "voorlopig" met het
    voorvoegsel, zie reeksen._vergelijkingsvelden), anders leeg: een som of verandering met
    een voorlopige maand of een voorlopig jaar is voorlopig."""
    return trends.VOORLOPIG if record.get(f"{voorvoegsel}voorlopig") else ""


class VeranderingKolom(GetalKolom):
    """Een absolute verandering met teken, met '*' als een vergeleken deel voorlopig is; een
    rij die een andere periode vergelijkt dan het kopje (`periode`) noemt de hare. Zonder
    getal 'x' als een deel geheim is (_geheim_of_ontbreekt), anders '.'; zo ook in de export."""

    def __init__(self, periode="", voorvoegsel="", **kwargs):
        self.periode, self.voorvoegsel = periode, voorvoegsel
        super().__init__(**kwargs)

    def render(self, value, record):
        if value is None:
            return _geheim_of_ontbreekt(record, self.voorvoegsel, self.periode, met_teken(value))
        return format_html(
            "{}{}{}",
            met_teken(value),
            _voorlopig_teken(record, self.voorvoegsel),
            _andere_periode(record, self.voorvoegsel, self.periode),
        )

    def value(self, value, record):
        if value is None and record.get(f"{self.voorvoegsel}geheim_deel"):
            return trends.GEHEIM
        return value


def _geheim_of_ontbreekt(record, voorvoegsel, periode, ontbreekt):
    """De cel van een verandering zonder getal: 'x' (geheim) met de vergeleken periode als een
    deel ervan geheim is (veld "geheim_deel" met het voorvoegsel, zie
    reeksen._geheime_maandvergelijkingen), anders `ontbreekt` ('.', als HTML of tekst)."""
    if not record.get(f"{voorvoegsel}geheim_deel"):
        return ontbreekt
    return format_html(
        '<abbr title="{}">{}</abbr>{}',
        "geheim: een maand in deze periode is niet gepubliceerd",
        trends.GEHEIM,
        _andere_periode(record, voorvoegsel, periode),
    )


class ProcentKolom(GetalKolom):
    """Procentuele verandering met de band van de bron in kleur én teken, '*' als een vergeleken
    deel voorlopig is, en de toevalsmarkering.

    `voorvoegsel` kiest de velden van de rij ("" voor het jaar, "lopend_", "twaalf_"); een rij
    die een andere periode vergelijkt dan het kopje (`periode`) noemt de hare in de cel. Zonder
    percentage 'x' als een vergeleken maand geheim is (_geheim_of_ontbreekt), anders '.'; zo
    ook in de export."""

    def __init__(self, periode="", voorvoegsel="", **kwargs):
        self.periode, self.voorvoegsel = periode, voorvoegsel
        super().__init__(**kwargs)

    def render(self, value, record):
        if value is None:
            return _geheim_of_ontbreekt(
                record,
                self.voorvoegsel,
                self.periode,
                format_html(
                    '<abbr title="geen percentage (vanaf nul of ontbrekend)">{}</abbr>',
                    trends.ONTBREEKT,
                ),
            )
        teken, woord = BAND_WEERGAVE[trends.band(value)]
        toeval = (
            format_html(
                ' <sup class="toeval" title="Dit verschil kan toeval zijn (zie voetnoot)">{}</sup>',
                TOEVAL_TEKEN,
            )
            if record.get(f"{self.voorvoegsel}toeval")
            else ""
        )
        return format_html(
            '<span class="band band-{}" title="{}"><span aria-hidden="true">{}</span> {}{}<span class="visually-hidden"> ({})</span></span>{}{}',
            trends.band(value),
            woord,
            teken,
            met_teken(value, "%"),
            _voorlopig_teken(record, self.voorvoegsel),
            woord,
            toeval,
            _andere_periode(record, self.voorvoegsel, self.periode),
        )

    def value(self, value, record):
        if value is None and record.get(f"{self.voorvoegsel}geheim_deel"):
            return trends.GEHEIM
        return value


class PercentageKolom(GetalKolom):
    """Een gepubliceerd percentage (regio, halfjaar): '.' als de bron het niet geeft. Met
    `periode` (de jaarvergelijking van het kopje) noemt een rij met halfjaren van een ander
    jaar (veld "halfjaar_periode", zie reeksen._eigen_halfjaren) die periode in de cel."""

    def __init__(self, periode="", **kwargs):
        self.periode = periode
        super().__init__(**kwargs)

    def render(self, value, record):
        if value is None or not self.periode:
            return met_teken(value, "%")
        eigen = _andere_periode(record, "halfjaar_", self.periode)
        return format_html("{}{}", met_teken(value, "%"), eigen)

    def value(self, value):
        return value


class VoorlopigGetalKolom(GetalKolom):
    """Een aantal (met punten als duizendtalscheiding) met '*' als record[`veld`] waar is (het
    aantal is voorlopig of een som met een voorlopig deel); '.' als het ontbreekt. In de
    export het getal."""

    def __init__(self, veld, **kwargs):
        self.veld = veld
        super().__init__(**kwargs)

    def render(self, value, record):
        if value is None:
            return trends.ONTBREEKT
        return getal(value) + (trends.VOORLOPIG if record.get(self.veld) else "")

    def value(self, value):
        return trends.ONTBREEKT if value is None else value


class StatusGetalKolom(GetalKolom):
    """Een aantal (`decimalen` None, met punten als duizendtalscheiding) of aandeel (met
    `decimalen` decimalen) met het CBS-teken van zijn status, record["statussen"][`veld`]
    (Cijfer.Status of None): '*' als het voorlopig is of een voorlopig cijfer bevat; zonder
    getal 'x' als het geheim is (of een geheim cijfer nodig heeft), anders '.' (ontbreekt).
    Tekst (zoals '–', geen restant) blijft tekst. In de export het getal, 'x' of '.', zoals
    de jaarkolom van de trendtabel (JaarBasisKolom); de status staat daar in een StatusKolom."""

    def __init__(self, veld, decimalen=None, **kwargs):
        self.veld, self.decimalen = veld, decimalen
        super().__init__(**kwargs)

    def _status(self, record):
        return record.get("statussen", {}).get(self.veld)

    def render(self, value, record):
        if isinstance(value, str):
            return value
        status = self._status(record)
        if value is None:
            if status == Cijfer.Status.GEHEIM:
                return format_html(
                    '<abbr title="{}">{}</abbr>', "geheim (niet gepubliceerd)", trends.GEHEIM
                )
            return format_html('<abbr title="{}">{}</abbr>', "ontbreekt", trends.ONTBREEKT)
        if self.decimalen is None:
            tekst = getal(value)
        else:
            tekst = number_format(value, decimal_pos=self.decimalen, force_grouping=True)
        return tekst + trends.VOORLOPIG if status == Cijfer.Status.VOORLOPIG else tekst

    def value(self, value, record):
        if value is None:
            geheim = self._status(record) == Cijfer.Status.GEHEIM
            return trends.GEHEIM if geheim else trends.ONTBREEKT
        return value


class JaNeeKolom(tables.Column):
    """Een waar/onwaar als 'ja' of 'nee', ook in de export."""

    def render(self, value):
        return "ja" if value else "nee"

    def value(self, value):
        return "ja" if value else "nee"


HALFJAAR_TEKEN = "½"


def naamtekens(record):
    """De tekens achter de naam van een rij, als veilige HTML (leeg als er geen zijn).

    Nu: een rij waarvan de bron een halfjaarpercentage geeft dat in geen halfjaarkolom past
    (record["halfjaarnoot"]: het HTML-id van de voetnoot met de waarde van de bron, zie
    templates/cijfers/_legenda.html) krijgt een ½ die naar die voetnoot linkt (issue 15, punt 5).
    """
    anker = record.get("halfjaarnoot")
    if not anker:
        return ""
    return format_html(
        ' <sup class="celteken halfjaar"><a href="#{}" title="Halfjaarpercentage van de bron '
        'zonder kolom: zie de voetnoot"><span aria-hidden="true">{}</span><span '
        'class="visually-hidden">halfjaarpercentage van de bron zonder kolom, zie de voetnoot'
        "</span></a></sup>",
        anker,
        HALFJAAR_TEKEN,
    )


class NaamKolom(tables.Column):
    """De eerste kolom: de naam van de reeks, met een link als die er is, en zijn tekens
    (`naamtekens`)."""

    def render(self, value, record):
        naam = (
            format_html('<a href="{}">{}</a>', record["url"], value) if record.get("url") else value
        )
        tekens = naamtekens(record)
        return format_html("{}{}", naam, tekens) if tekens else naam

    def value(self, value):
        return value


def _celtekst(waarde, localize, context):
    """De tekst van een cel zoals django_tables2/bootstrap5.html hem schrijft: zonder
    `localize` op de kolom zoals {{ cell }}, anders zoals {{ cell|localize }} of
    {{ cell|unlocalize }}."""
    if localize is None:
        if isinstance(waarde, SafeData):
            return waarde  # wat render_value_in_context ermee doet: niets (al veilig, geen datum)
        return render_value_in_context(waarde, context)
    return conditional_escape(str(formats.localize(waarde, use_l10n=bool(localize))))


class Tabel(tables.Table):
    """De basis van de tabellen hier: django_tables2/bootstrap5.html, maar de rijen van tbody
    bouwt `tbody_html` in Python (templates/cijfers/_tabel.html), met dezelfde cellen en
    attributen; een tabel met honderden cellen rendert zo een veelvoud sneller.

    Voorwaarde: de td-attributen van een kolom hangen niet van de rij af (geen functies in
    `attrs["td"]`); de rij-attributen (`Meta.row_attrs`) mogen dat wel.
    """

    class Meta:
        template_name = "cijfers/_tabel.html"

    # De tbody en de koppen, vooraf gebouwd (`vooraf_renderen`); None: bij elke aanroep
    # gebouwd. `_verzoek`: het verzoek van render_table (before_render), voor de sorteerlinks.
    _tbody_vooraf = None
    _koppen_vooraf = None
    _verzoek = None

    def vooraf_renderen(self):
        """Bouwt `tbody_html` en de koppen van `thead_html` nu en bewaart ze in de tabel, zodat
        een gecachete tabel (per_versie) ze meeneemt en een warm verzoek de cellen niet opnieuw
        bouwt (cijfers/pagina/vooraf.py). Wie daarna rijen verandert, zet `_tbody_vooraf` op
        None (zoals toelichtingen.markeer_tabel)."""
        self._tbody_vooraf = None
        # De rijen tellen vanaf 0 (odd/even), zoals bij het eerste renderen en in as_html.
        self._counter = count()
        self._tbody_vooraf = self.tbody_html()
        self._koppen_vooraf = self._koppen()

    def before_render(self, request):
        """Onthoudt het verzoek (render_table roept dit aan vlak voor het renderen): de
        sorteerlinks in `thead_html` hangen af van zijn querystring."""
        self._verzoek = request

    def _koppen(self):
        """[(th-attributen als HTML, kop als veilige HTML, sorteersleutel of None)] per
        getoonde kolom: wat thead_html per verzoek niet opnieuw hoeft te bepalen."""
        context = Context()
        return [
            (
                kolom.attrs["th"].as_html(),
                render_value_in_context(kolom.header, context),
                kolom.order_by_alias.next if kolom.orderable else None,
            )
            for kolom in self.columns
        ]

    def thead_html(self):
        """De thead zoals django_tables2/bootstrap5.html hem schrijft (leeg zonder
        show_header): per kolom een th, met bij een sorteerbare kolom een link die de
        querystring van het verzoek houdt en alleen de sortering vervangt (zoals
        {% querystring_replace %}), met de koppen vooraf gebouwd als dat kan."""
        if not self.show_header:
            return ""
        koppen = self._koppen_vooraf if self._koppen_vooraf is not None else self._koppen()
        parameters = dict(self._verzoek.GET) if self._verzoek is not None else {}
        cellen = []
        for attributen, kop, sortering in koppen:
            if sortering is not None:
                parameters[self.prefixed_order_by_field] = sortering
                link = escape("?" + urlencode(parameters, doseq=True))
                kop = f'<a href="{link}">{kop}</a>'
            cellen.append(f'<th {attributen} scope="col">{kop}</th>')
        return mark_safe(
            f"<thead {self.attrs['thead'].as_html()}><tr>{''.join(cellen)}</tr></thead>"
        )

    def tbody_html(self):
        """De <tr>-rijen van tbody (of de regel met `empty_text`) als veilige HTML; vooraf
        gebouwd (`vooraf_renderen`): die."""
        if self._tbody_vooraf is not None:
            return self._tbody_vooraf
        kolommen = [_Celkolom.van(kolom) for kolom in self.columns]
        context = Context()
        rijen = []
        for rij in self.paginated_rows:
            cellen = [
                f"<td {k.attributen}>{_celtekst(self._cel(rij, k), k.localize, context)}</td>"
                for k in kolommen
            ]
            rijen.append(f"<tr {rij.attrs.as_html()}>{''.join(cellen)}</tr>")
        if not rijen and self.empty_text:
            return format_html(
                '<tr><td colspan="{}">{}</td></tr>', len(self.columns), self.empty_text
            )
        return mark_safe("\n".join(rijen))

    def _cel(self, rij, celkolom):
        """De inhoud van een cel zoals BoundRow.get_cell hem maakt, voor een dict-record, een
        eenvoudige sleutel en geen link, maar met wat per kolom vastligt (_Celkolom) één keer
        bepaald in plaats van per cel; al het andere gaat via get_cell."""
        kolom, record = celkolom.kolom, rij.record
        if not celkolom.eenvoudig or not isinstance(record, dict):
            return rij.get_cell(kolom.name)
        if celkolom.accessor in record:  # zoals Accessor.resolve: een sleutel gaat voor
            waarde = record[celkolom.accessor]
        else:
            try:
                waarde = celkolom.accessor.resolve(record)
            except Exception:  # zoals django-tables2: een ontbrekende sleutel is een lege cel
                waarde = None
        if waarde in celkolom.lege_waarden:
            return kolom.default
        mogelijk = {
            "value": waarde,
            "record": record,
            "column": kolom.column,
            "bound_column": kolom,
            "bound_row": rij,
            "table": self,
        }
        namen, alles = celkolom.argumenten
        if alles:
            return kolom.render(**mogelijk)
        if any(naam not in mogelijk for naam in namen):
            return None
        return kolom.render(**{naam: mogelijk[naam] for naam in namen})


# {(functie, gebonden): utils.signature}: de argumenten van een render-functie liggen vast per
# functie, en inspect.signature kost per kolom per tabel meer dan de cellen zelf.
_ARGUMENTEN = {}


def _argumenten(render):
    """utils.signature(render), één keer per functie berekend (een gebonden methode zonder self)."""
    sleutel = (getattr(render, "__func__", render), isinstance(render, MethodType))
    if sleutel not in _ARGUMENTEN:
        _ARGUMENTEN[sleutel] = signature(render)
    return _ARGUMENTEN[sleutel]


@dataclass(frozen=True)
class _Celkolom:
    """Wat voor Tabel.tbody_html per kolom vastligt: de BoundColumn, de td-attributen als
    HTML, de argumenten van render (utils.signature), de accessor (een Accessor), of die
    eenvoudig is (geen link, geen __ of . in de accessor), localize en de lege waarden."""

    kolom: object
    attributen: str
    argumenten: tuple
    accessor: Accessor
    eenvoudig: bool
    localize: object
    lege_waarden: tuple

    @classmethod
    def van(cls, kolom):
        """De _Celkolom van een BoundColumn."""
        accessor = Accessor(kolom.accessor)
        return cls(
            kolom=kolom,
            attributen=kolom.attrs["td"].as_html(),
            argumenten=_argumenten(kolom.render),
            accessor=accessor,
            eenvoudig="__" not in accessor and "." not in accessor and not kolom.link,
            localize=kolom.localize,
            lege_waarden=tuple(kolom.column.empty_values),
        )


def _niveauklasse(record):
    """De klasse van een rij: niveau-0 (hoofdcategorie) of niveau-1 (onderdeel). Een
    functie op moduleniveau, geen lambda: zo blijft een tabel te picklen (per_versie)."""
    return f"niveau-{record.get('niveau', 0)}"


class TrendTabel(Tabel):
    """Een rij per categorie (onderdelen ingesprongen), een kolom per jaar, dan de verandering."""

    categorie = NaamKolom(
        verbose_name="Categorie", order_by=("volgorde",), attrs={"th": {"scope": "col"}}
    )

    class Meta(Tabel.Meta):
        attrs = {"class": "table table-sm table-hover trendtabel"}
        row_attrs = {"class": _niveauklasse}
        orderable = True
        empty_text = "Geen cijfers voor deze selectie."


def _vergelijkingskolommen(periode, voorvoegsel="", met_verschil=True):
    """De kolommen van één vergelijking (trends.Periode): verschil (op de pagina alleen bij
    het jaar), procent, en voor de export de band, het toeval en de vergeleken periode."""
    tekst = periode.tekst
    kolommen = [
        (
            f"{voorvoegsel}verschil",
            VeranderingKolom(
                tekst, voorvoegsel, verbose_name=f"Verschil {tekst}", visible=met_verschil
            ),
        ),
        (
            f"{voorvoegsel}procent",
            ProcentKolom(tekst, voorvoegsel, verbose_name=f"{periode.kopje} (%)"),
        ),
        (f"{voorvoegsel}band", tables.Column(verbose_name="Band", visible=False)),
        (f"{voorvoegsel}periode", tables.Column(verbose_name="Vergeleken", visible=False)),
        (f"{voorvoegsel}toeval", JaNeeKolom(verbose_name="Kan toeval zijn", visible=False)),
    ]
    return kolommen


def trendtabel(rijen, jaren, nieuw, vorig, extra=(), kop="Categorie", maandkoppen=(), **kwargs):
    """Bouwt een TrendTabel met een kolom per jaar en de veranderingskolommen.

    `extra` is een lijst van (naam, kopje) voor gepubliceerde percentages (regio, halfjaren);
    `kop` het kopje van de eerste kolom (op de pagina en in de export): "Gebied" waar de rijen
    gebieden zijn (de categoriepagina), "Reeks" in de verkenner. `maandkoppen` zijn de
    perioden (trends.Periode of None) van het lopende jaar en de laatste 12 maanden: elk
    krijgt een kolom met de verandering (velden met voorvoegsel "lopend_" en "twaalf_").
    Alleen in de export: per jaar een statuskolom (StatusKolom) en, als de rijen een veld
    "bron" hebben (tekst), een kolom "Bron" met de bronnen van die rij.
    """
    kolommen = [(f"j{jaar}", JaarKolom(jaar)) for jaar in jaren]
    if kop != "Categorie":
        naamkolom = NaamKolom(
            verbose_name=kop, order_by=("volgorde",), attrs={"th": {"scope": "col"}}
        )
        kolommen.insert(0, ("categorie", naamkolom))
    if vorig is not None:
        kolommen += _vergelijkingskolommen(trends.Periode(nieuw))
        # De halfjaren van een rij met een ander jaar zijn die van haar jaar (zie reeksen.py).
        kolommen += [
            (naam, PercentageKolom(trends.Periode(nieuw).tekst if naam != "regio" else "",
                                   verbose_name=kop))
            for naam, kop in extra
        ]  # fmt: skip
    for voorvoegsel, periode in zip(("lopend_", "twaalf_"), maandkoppen, strict=False):
        if periode is not None:
            kolommen += _vergelijkingskolommen(periode, voorvoegsel, met_verschil=False)
    # Voor de export: per jaar de status (verborgen), achter de veranderingen.
    kolommen += [(f"status{jaar}", StatusKolom(jaar)) for jaar in jaren]
    if any("bron" in rij for rij in rijen):
        # De bronnen van de cijfers van elke rij (alleen in de export): VeiligeExport zet dan
        # niet in elke rij alle bronnen van de tabel.
        kolommen.append(("bron", tables.Column(verbose_name="Bron", visible=False, default="")))
    return TrendTabel(rijen, extra_columns=kolommen, **kwargs)


class EenvoudigeTabel(Tabel):
    """Een tabel met vaste kolommen uit (naam, kopje, numeriek) — voor vergelijkingen en beleving."""

    class Meta(Tabel.Meta):
        attrs = {"class": "table table-sm"}
        orderable = False


def eenvoudige_tabel(rijen, kolommen):
    """Een EenvoudigeTabel; `kolommen` is een lijst van (naam, kopje, numeriek), '.' waar een
    rij geen waarde heeft. `numeriek` mag ook een kolom zijn (bijv. DecimaalKolom()): die
    bepaalt dan zelf weergave en export."""
    extra = []
    for naam, kop, numeriek in kolommen:
        if isinstance(numeriek, tables.Column):  # een eigen kolom (DecimaalKolom, ...)
            numeriek.verbose_name = kop
            extra.append((naam, numeriek))
            continue
        attrs = tabulair() if numeriek else {}
        extra.append((naam, tables.Column(verbose_name=kop, attrs=attrs, default=trends.ONTBREEKT)))
    return EenvoudigeTabel(rijen, extra_columns=extra)


class PerInwonersKolom(JaarBasisKolom):
    """Een jaar per 1.000 inwoners (Decimal van trends.per_inwoners): vanaf 1 één decimaal,
    daaronder de twee significante cijfers die het heeft ("0,067"); '.' (aantal of inwonertal
    ontbreekt), 'x'."""

    def render(self, value, record):
        status = self.status(record)
        if status == Cijfer.Status.GEHEIM:
            return format_html('<abbr title="{}">{}</abbr>', "geheim (niet gepubliceerd)", "x")
        if value is None:
            return format_html(
                '<abbr title="{}">{}</abbr>', "aantal of inwonertal ontbreekt", trends.ONTBREEKT
            )
        decimalen = max(1, -value.as_tuple().exponent)
        tekst = number_format(value, decimal_pos=decimalen, force_grouping=True)
        return tekst + trends.VOORLOPIG if status == Cijfer.Status.VOORLOPIG else tekst


class PerInwonersTabel(Tabel):
    """Een rij per reeks, een kolom per jaar: het aantal per 1.000 inwoners."""

    class Meta(Tabel.Meta):
        attrs = {"class": "table table-sm per-inwoners"}
        row_attrs = {"class": _niveauklasse}
        orderable = False


def per_inwoners_tabel(rijen, jaren, kop):
    """Een rij per reeks, een kolom per jaar met het aantal per 1.000 inwoners."""
    kolommen = [("categorie", NaamKolom(verbose_name=kop, attrs={"th": {"scope": "col"}}))]
    kolommen += [(f"j{jaar}", PerInwonersKolom(jaar)) for jaar in jaren]
    return PerInwonersTabel(rijen, extra_columns=kolommen)


class GekoppeldeTabel(Tabel):
    """De cijfers bij een prioriteit: een rij per categorie en gebied, een kolom per jaar."""

    class Meta(Tabel.Meta):
        attrs = {"class": "table table-sm w-auto"}
        orderable = False


def gekoppelde_tabel(rijen, jaren):
    """Een GekoppeldeTabel uit rijen {"categorie": naam, "url": link, "gebied": naam,
    "cellen": [tekst per jaar in `jaren`]}."""
    kolommen = [
        ("categorie", NaamKolom(verbose_name="Categorie")),
        ("gebied", tables.Column(verbose_name="Gebied")),
    ]
    kolommen += [(f"j{jaar}", GetalKolom(verbose_name=str(jaar))) for jaar in jaren]
    data = [
        {**rij, **dict(zip([f"j{j}" for j in jaren], rij["cellen"], strict=True))} for rij in rijen
    ]
    return GekoppeldeTabel(data, extra_columns=kolommen)
