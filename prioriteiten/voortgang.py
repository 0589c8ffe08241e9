"""Voortgang van het plan: statustellingen, stoplichten en de stand van indicatoren.

Gewone functies zonder database: de views geven ze wat ze al hebben opgehaald.
"""

from dataclasses import dataclass

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
    (het laatste bekende aantal erna), uitleg (één Nederlandse zin)."""

    stand: Stand
    basis: int | None
    nieuwste_jaar: int | None
    nieuwste: int | None
    uitleg: str

    @property
    def label(self):
        return self.stand.label


def indicatorstand(indicator, waarden):
    """De stand van een indicator uit de jaarcijfers {jaar: aantal of None}.

    Zonder streefwaarde is een doel op koers als het nieuwste bekende jaar na het basisjaar
    in de gewenste richting ligt (strikt: gelijk blijven is niet op koers). Met streefwaarde
    is het op koers als het nieuwste aantal de streefwaarde haalt (ten hoogste bij daling,
    ten minste bij stijging). Ontbreekt het basisjaar of een later jaar, dan is de stand
    onbekend: een ontbrekend cijfer telt nooit als 0.
    """
    basis = waarden.get(indicator.basisjaar)
    latere = sorted(j for j, w in waarden.items() if j > indicator.basisjaar and w is not None)
    if basis is None:
        return Indicatorstand(
            Stand.ONBEKEND, None, None, None,
            f"geen cijfer voor het basisjaar {indicator.basisjaar}",
        )  # fmt: skip
    if not latere:
        return Indicatorstand(
            Stand.ONBEKEND, basis, None, None,
            f"nog geen cijfer na het basisjaar {indicator.basisjaar}",
        )  # fmt: skip
    jaar = latere[-1]
    nieuwste = waarden[jaar]
    daling = indicator.richting == Indicator.Richting.DALING
    if indicator.streefwaarde is not None:
        doel = indicator.streefwaarde
        gehaald = nieuwste <= doel if daling else nieuwste >= doel
        teken = "≤" if daling else "≥"
        uitleg = f"{jaar}: {nieuwste}, streefwaarde {teken} {doel} (basisjaar {indicator.basisjaar}: {basis})"
    else:
        gehaald = nieuwste < basis if daling else nieuwste > basis
        richting = "lager" if daling else "hoger"
        uitleg = f"{jaar}: {nieuwste}, gewenst {richting} dan {basis} in {indicator.basisjaar}"
    if gehaald:
        return Indicatorstand(Stand.OP_KOERS, basis, jaar, nieuwste, uitleg)
    return Indicatorstand(Stand.NIET_OP_KOERS, basis, jaar, nieuwste, uitleg)
