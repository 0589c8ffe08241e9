"""Voortgang van het plan: statustellingen, stoplichten en de stand van indicatoren.

Gewone functies zonder database: de views geven ze wat ze al hebben opgehaald.
"""

from dataclasses import dataclass, field

from django.db import models

from prioriteiten.models import Indicator, Status


@dataclass(frozen=True)
class Stoplicht:
    kleur: str  # groen / oranje / rood / grijs (CSS-klasse stoplicht-<kleur>)
    symbool: str  # leesbaar zonder kleur en op papier
    label: str
    uitleg: str


GROEN = Stoplicht(
    "groen", "✓", "Op schema", "alle maatregelen gemeld als gepland, lopend of gereed"
)
ORANJE = Stoplicht("oranje", "!", "Aandacht", "een of meer maatregelen gemeld als gestopt")
ROOD = Stoplicht("rood", "✗", "Vertraagd", "een of meer maatregelen gemeld als vertraagd")
ONBEKEND = Stoplicht(
    "grijs",
    "?",
    "Onbekend",
    "een of meer maatregelen zonder voortgangsmelding: geen melding is geen achterstand, "
    "de stand is niet bekend",
)
GRIJS = Stoplicht("grijs", "–", "Geen maatregelen", "er zijn nog geen maatregelen ingevoerd")
STOPLICHTEN = [GROEN, ORANJE, ROOD, ONBEKEND, GRIJS]


def statustelling(maatregelen):
    """Aantal maatregelen per status, in de volgorde van de keuzelijst (ook nullen).

    Verwacht maatregelen met `status` (Maatregel.objects.met_status()); {Status: aantal}.
    """
    telling = {status: 0 for status in Status}
    for maatregel in maatregelen:
        telling[Status(maatregel.status)] += 1
    return telling


def stoplicht(telling):
    """Het stoplicht uit een statustelling {Status: aantal}.

    Rood bij iets gemeld als vertraagd, oranje bij iets gemeld als gestopt; anders grijs
    "Onbekend" zolang een maatregel geen melding heeft, en groen als alles gemeld is en op
    schema ligt. Geen melding is nooit "niet op koers" (issue 15, punt 11): wie niet meldt,
    zegt niets over de stand.
    """
    if sum(telling.values()) == 0:
        return GRIJS
    if telling.get(Status.VERTRAAGD):
        return ROOD
    if telling.get(Status.GESTOPT):
        return ORANJE
    if telling.get(Status.GEEN_VOORTGANG):
        return ONBEKEND
    return GROEN


def zonder_melding_in(maatregelen, jaar):
    """De maatregelen zonder een voortgangsmelding gedateerd in `jaar`.

    Verwacht maatregelen met hun voortgang vooraf opgehaald (prefetch_related).
    """
    return [m for m in maatregelen if not any(v.datum.year == jaar for v in m.voortgang.all())]


class Stand(models.TextChoices):
    """Of een doel volgens zijn indicator op koers ligt."""

    OP_KOERS = "op_koers", "Op koers"
    NIET_OP_KOERS = "niet_op_koers", "Niet op koers"
    ONBEKEND = "onbekend", "Onbekend"


@dataclass(frozen=True)
class Indicatorstand:
    """De stand van één indicator: basis (aantal in het basisjaar), nieuwste_jaar en nieuwste
    (het laatste bekende aantal erna), uitleg (één Nederlandse zin die zegt welke getallen
    vergeleken zijn), `waarden` {jaar: aantal of None} en `doelwaarden` {jaar: mijlpaal of
    streefwaarde} voor de tabel bij het doel; `bronnen` de titels van de bronnen van die
    cijfers (gesorteerd; leeg als de aanroeper ze niet meegeeft)."""

    stand: Stand
    basis: int | None
    nieuwste_jaar: int | None
    nieuwste: int | None
    uitleg: str
    waarden: dict = field(default_factory=dict)
    doelwaarden: dict = field(default_factory=dict)
    bronnen: list = field(default_factory=list)

    @property
    def label(self):
        return self.stand.label

    @property
    def reeks(self):
        """[(jaar, gemeten aantal of None, doelwaarde of None)] vanaf het basisjaar, oplopend:
        de rijen van de tabel "gemeten tegen doel"."""
        jaren = sorted({*self.waarden, *self.doelwaarden})
        return [(j, self.waarden.get(j), self.doelwaarden.get(j)) for j in jaren]


def indicatorstand(indicator, waarden, doelwaarden=None):
    """De stand van een indicator uit de jaarcijfers {jaar: aantal of None} en de doelwaarden
    {jaar: aantal} (mijlpalen en de streefwaarde in het jaar van de streefdatum;
    Indicator.doelwaarden).

    Het nieuwste bekende jaar na het basisjaar wordt vergeleken met, in deze volgorde: de
    doelwaarde van dat jaar (mijlpaal of streefwaarde); de streefwaarde als er geen
    streefdatum is of die voorbij is; anders het basisjaar (gewenste richting; strikt: gelijk
    blijven is niet op koers). "Gehaald" is ten hoogste bij daling, ten minste bij stijging.
    Ontbreekt het basisjaar of een later jaar, dan is de stand onbekend: een ontbrekend
    cijfer telt nooit als 0. De uitleg noemt de vergeleken getallen.
    """
    doelwaarden = dict(doelwaarden or {})
    basisjaar = indicator.basisjaar
    basis = waarden.get(basisjaar)
    reeks = {j: w for j, w in waarden.items() if j >= basisjaar}
    latere = sorted(j for j, w in waarden.items() if j > basisjaar and w is not None)
    if basis is None:
        return Indicatorstand(
            Stand.ONBEKEND, None, None, None,
            f"geen cijfer voor het basisjaar {basisjaar}", reeks, doelwaarden,
        )  # fmt: skip
    if not latere:
        return Indicatorstand(
            Stand.ONBEKEND, basis, None, None,
            f"nog geen cijfer na het basisjaar {basisjaar}", reeks, doelwaarden,
        )  # fmt: skip
    jaar = latere[-1]
    nieuwste = waarden[jaar]
    daling = indicator.richting == Indicator.Richting.DALING
    teken = "≤" if daling else "≥"
    streefdatum = getattr(indicator, "streefdatum", None)
    streefwaarde = indicator.streefwaarde
    if jaar in doelwaarden:
        doel = doelwaarden[jaar]
        soort = "streefwaarde" if streefdatum and jaar == streefdatum.year else "mijlpaal"
        gehaald = nieuwste <= doel if daling else nieuwste >= doel
        uitleg = f"{jaar}: {nieuwste}, {soort} voor {jaar} {teken} {doel} (basisjaar {basisjaar}: {basis})"
    elif streefwaarde is not None and (streefdatum is None or jaar >= streefdatum.year):
        gehaald = nieuwste <= streefwaarde if daling else nieuwste >= streefwaarde
        uitleg = f"{jaar}: {nieuwste}, streefwaarde {teken} {streefwaarde} (basisjaar {basisjaar}: {basis})"
    else:
        gehaald = nieuwste < basis if daling else nieuwste > basis
        richting = "lager" if daling else "hoger"
        uitleg = f"{jaar}: {nieuwste}, gewenst {richting} dan {basis} in {basisjaar}"
        if streefwaarde is not None:
            uitleg += f"; streefwaarde {teken} {streefwaarde} in {streefdatum.year}"
    stand = Stand.OP_KOERS if gehaald else Stand.NIET_OP_KOERS
    return Indicatorstand(stand, basis, jaar, nieuwste, uitleg, reeks, doelwaarden)
