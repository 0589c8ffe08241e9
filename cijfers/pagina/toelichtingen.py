"""Toelichtingen bij de cijfers op de pagina's (issue 17): de lijst onder een trendtabel, het
teken in de cellen, de punten in de trendgrafiek en de kolom in de export.

Twee soorten staan in dezelfde lijst: de toelichting van een adviseur (Toelichting, met auteur
en datum) en de analyse van een gemeente uit hoofdstuk 8 van het plan (Gemeenteanalyse, "uit
het plan, §8.x"), die de tekst van het plan is en niet van een adviseur. Een `Regel` bevat
alleen gewone waarden, zodat hij in de onderdelencache past (ivp.gegevensversie.per_versie).
"""

import datetime
from dataclasses import dataclass, replace

from django.utils import timezone
from django.utils.html import format_html

from cijfers import charts, trends


@dataclass(frozen=True)
class Regel:
    """Eén toelichting in een lijst. `nummer` is haar nummer op de pagina (het teken [1] in de
    cel verwijst ernaar); `jaren` de jaren (ints) die haar periode raakt, leeg voor een analyse
    uit het plan (die over alle cijfers van de gemeente gaat). `paragraaf` is "8.1" bij een
    analyse uit het plan en leeg bij een toelichting van een adviseur; dan zijn `pk`, `auteur`
    en `datum` die van de Toelichting."""

    nummer: int
    gebied_id: int
    gebied_naam: str
    gebied_slug: str
    categorie_id: int | None
    categorie_naam: str
    periode: str
    jaren: tuple
    tekst: str
    contact: str = ""
    auteur: str = ""
    datum: datetime.date | None = None
    pk: int | None = None
    paragraaf: str = ""
    plan_slug: str = ""

    @property
    def uit_het_plan(self):
        """Is dit de tekst van het plan zelf (hoofdstuk 8) en niet van een adviseur?"""
        return bool(self.paragraaf)

    @property
    def kort(self):
        """Voor een export of een hover: "2018: tekst (auteur, 12-03-2026)" of "uit het plan,
        §8.1: tekst"."""
        if self.uit_het_plan:
            return f"uit het plan, §{self.paragraaf}: {self.tekst}"
        wie = ", ".join(d for d in (self.auteur, self.datum and f"{self.datum:%d-%m-%Y}") if d)
        return f"{self.periode}: {self.tekst}" + (f" ({wie})" if wie else "")


def _auteur(toelichting):
    gebruiker = toelichting.auteur
    if gebruiker is None:
        return ""
    return gebruiker.get_full_name() or gebruiker.get_username()


def regels(toelichtingen, begin=1):
    """Regels uit Toelichtingen (met gebied, categorie en auteur opgehaald), genummerd vanaf
    `begin`. Geen queries."""
    return [
        Regel(
            nummer=begin + i,
            gebied_id=t.gebied_id,
            gebied_naam=t.gebied.naam,
            gebied_slug=t.gebied.slug,
            categorie_id=t.categorie_id,
            categorie_naam=t.categorie.naam,
            periode=t.periode,
            jaren=tuple(t.jaren),
            tekst=t.tekst,
            contact=t.contact,
            auteur=_auteur(t),
            datum=timezone.localtime(t.bijgewerkt).date() if t.bijgewerkt else None,
            pk=t.pk,
        )
        for i, t in enumerate(toelichtingen)
    ]


def uit_het_plan(analyses, begin=1):
    """Regels voor de analyses van hoofdstuk 8 (Gemeenteanalyse met plan en gebied, al
    opgehaald): de tekst van het plan over de veiligheidscijfers (anders de analyse). Geen
    queries."""
    uitkomst = []
    for analyse in analyses:
        tekst = analyse.veiligheidscijfers or analyse.analyse
        if not tekst:
            continue
        uitkomst.append(
            Regel(
                nummer=begin + len(uitkomst),
                gebied_id=analyse.gebied_id,
                gebied_naam=analyse.gebied.naam,
                gebied_slug=analyse.gebied.slug,
                categorie_id=None,
                categorie_naam="",
                periode=analyse.plan.naam,
                jaren=(),
                tekst=tekst,
                paragraaf=analyse.paragraaf,
                plan_slug=analyse.plan.slug,
            )
        )
    return uitkomst


@dataclass(frozen=True)
class Lijst:
    """De toelichtingen onder een tabel: eerst die van de adviseurs, dan die uit het plan."""

    adviseurs: list
    plan: list

    def __bool__(self):
        return bool(self.adviseurs or self.plan)

    def per_reeks(self, sleutel):
        """{rijnaam: {jaar: [Regel]}} voor de tekens in de cellen; `sleutel` kiest de naam van
        de rij uit een Regel (de categorie op een gebiedspagina, het gebied op een
        categoriepagina)."""
        uitkomst = {}
        for regel in self.adviseurs:
            per_jaar = uitkomst.setdefault(sleutel(regel), {})
            for jaar in regel.jaren:
                per_jaar.setdefault(jaar, []).append(regel)
        return uitkomst


def lijst(adviseurs, analyses=()):
    """Een Lijst: de Regels van de adviseurs, dan de analyses uit het plan doorgenummerd."""
    return Lijst(adviseurs, uit_het_plan(analyses, begin=len(adviseurs) + 1))


def markeer_tabel(tabel, per_rij):
    """Zet in elke rij van een trendtabel (django-tables2, rijen als dicts met de naam in
    "categorie") onder "toelichtingen" de Regels per jaar: {jaar: [Regel]} uit `per_rij`
    ({rijnaam: {jaar: [Regel]}}, Lijst.per_reeks). JaarKolom tekent er een teken mee
    (`celteken`). Geen queries. Een vooraf gebouwde tbody (Tabel.vooraf_renderen) vervalt."""
    if not per_rij:
        return tabel
    tabel._tbody_vooraf = None
    for rij in tabel.data.data:
        gevonden = per_rij.get(rij.get("categorie"))
        if gevonden:
            rij["toelichtingen"] = gevonden
    return tabel


def celteken(record, jaar):
    """Het teken in een cel van de trendtabel met een toelichting: een link naar de lijst
    onder de tabel, met de tekst als title (geëscaped); leeg zonder toelichting."""
    gevonden = (record.get("toelichtingen") or {}).get(jaar)
    if not gevonden:
        return ""
    eerste = gevonden[0]
    nummers = ",".join(str(r.nummer) for r in gevonden)
    titel = " | ".join(r.kort for r in gevonden)
    return format_html(
        ' <a class="toelichting-teken" href="#toelichting-{}" title="{}">'
        '<sup>[{}]</sup><span class="visually-hidden"> toelichting</span></a>',
        eerste.nummer,
        titel,
        nummers,
    )


def exportkolom(per_rij):
    """{rijnaam: tekst} voor de kolom "Toelichting" in de export van een trendtabel: de
    toelichtingen van die rij als "2018: tekst (auteur, datum)", gescheiden door " | "."""
    uitkomst = {}
    for naam, per_jaar in per_rij.items():
        gezien = {}
        for jaar in sorted(per_jaar):
            for regel in per_jaar[jaar]:
                gezien.setdefault(regel.nummer, regel.kort)
        uitkomst[naam] = " | ".join(gezien.values())
    return uitkomst


def met_toelichtingen_in_grafiek(grafiek, overzicht, gebied_id, regels_):
    """De Grafiek (de trendgrafiek van een gebied; None blijft None) met een punt per
    toelichting op een lijn van de grafiek in een getoond jaar (charts.toelichtingspunten).
    Een jaar zonder cijfer krijgt geen punt: een ontbrekend cijfer is geen nul."""
    if grafiek is None or not regels_:
        return grafiek
    lijnen = {c.pk: c for c in overzicht.lijnen}
    punten = []
    for regel in regels_:
        categorie = lijnen.get(regel.categorie_id)
        if categorie is None:
            continue
        waarden = dict(
            zip(overzicht.jaren, overzicht.reekswaarden((gebied_id, categorie.pk)), strict=True)
        )
        for jaar in regel.jaren:
            waarde = trends.als_getal(waarden.get(jaar))
            if waarde is not None:
                punten.append((jaar, waarde, f"[{regel.nummer}] {categorie.naam}, {regel.kort}"))
    if not punten:
        return grafiek
    return replace(grafiek, figuur=charts.toelichtingspunten(grafiek.figuur, punten))
