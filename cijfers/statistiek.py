"""Onzekerheid van een aantal: het exacte 95%-interval van Poisson (Garwood) en wat het zegt.

Een geregistreerd aantal k zien we als een trekking uit een Poissonverdeling met onbekend
gemiddelde μ. Het exacte (Garwood, 1936) tweezijdige 95%-interval voor μ is [L, U] met

    P(X ≥ k | μ = L) = 0,025   en   P(X ≤ k | μ = U) = 0,025,

en L = 0 als k = 0. Via het verband tussen Poisson en gamma is P(X ≤ k | μ) = Q(k + 1, μ)
(de geregulariseerde bovenste onvolledige gammafunctie), dus

    P(k, L) = 0,025   en   Q(k + 1, U) = 0,025,

gelijk aan de bekende vorm met chi-kwadraatkwantielen L = χ²(0,025; 2k) / 2 en
U = χ²(0,975; 2k + 2) / 2. scipy is er niet: P en Q worden hier berekend met de reeks en de
kettingbreuk van Numerical Recipes (Press e.a., 3e druk, §6.2: gser/gcf, met logaritmen zodat
ook heel grote aantallen niet overlopen) en L en U met bisectie tot op 1e-10 relatief.
Getoetst tegen gepubliceerde waarden in tests/test_statistiek.py.

Een interval voor een aantal per 1.000 inwoners is dat van het aantal, gedeeld door de
inwoners (in duizenden): de bevolking wordt als vast gezien.
"""

import functools
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

BETROUWBAARHEID = 0.95
# Onder dit aantal zegt een cijfer per 1.000 inwoners weinig: de pagina zegt het erbij.
WEINIG = 10

_EPS = 1e-15
_MAX_STAPPEN = 100_000


def _log_gamma_voorfactor(a, x):
    """log(x^a e^-x / Γ(a)), de gemeenschappelijke factor van reeks en kettingbreuk."""
    return a * math.log(x) - x - math.lgamma(a)


def _reeks(a, x):
    """P(a, x) met de reeks (goed voor x < a + 1)."""
    som = term = 1.0 / a
    n = a
    for _ in range(_MAX_STAPPEN):
        n += 1
        term *= x / n
        som += term
        if abs(term) < abs(som) * _EPS:
            break
    return som * math.exp(_log_gamma_voorfactor(a, x))


def _kettingbreuk(a, x):
    """Q(a, x) met de kettingbreuk van Lentz (goed voor x ≥ a + 1)."""
    klein = 1e-300
    b = x + 1.0 - a
    c = 1.0 / klein
    d = 1.0 / b
    h = d
    for i in range(1, _MAX_STAPPEN):
        an = -i * (i - a)
        b += 2.0
        d = an * d + b
        d = klein if abs(d) < klein else d
        c = b + an / c
        c = klein if abs(c) < klein else c
        d = 1.0 / d
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < _EPS:
            break
    return math.exp(_log_gamma_voorfactor(a, x)) * h


def gamma_p(a, x):
    """De geregulariseerde onderste onvolledige gammafunctie P(a, x), a > 0, x ≥ 0 (float).

    ValueError bij a ≤ 0 of x < 0."""
    if a <= 0 or x < 0:
        raise ValueError("gamma_p vraagt a > 0 en x ≥ 0.")
    if x == 0:
        return 0.0
    if x < a + 1:
        return _reeks(a, x)
    return 1.0 - _kettingbreuk(a, x)


def gamma_q(a, x):
    """Q(a, x) = 1 - P(a, x), zonder verlies van nauwkeurigheid in de staart."""
    if a <= 0 or x < 0:
        raise ValueError("gamma_q vraagt a > 0 en x ≥ 0.")
    if x == 0:
        return 1.0
    if x < a + 1:
        return 1.0 - _reeks(a, x)
    return _kettingbreuk(a, x)


def _bisectie(functie, doel, laag, hoog, stijgend):
    """De x in [laag, hoog] waar functie(x) == doel, voor een monotone functie."""
    for _ in range(200):
        midden = (laag + hoog) / 2
        waarde = functie(midden)
        if (waarde < doel) == stijgend:
            laag = midden
        else:
            hoog = midden
        if hoog - laag <= 1e-10 * max(1.0, hoog):
            break
    return (laag + hoog) / 2


@functools.lru_cache(maxsize=4096)
def poisson_interval(aantal, betrouwbaarheid=BETROUWBAARHEID):
    """(onder, boven): het exacte tweezijdige interval (Garwood) voor het gemiddelde van een
    Poissonverdeling bij een waargenomen `aantal` (int ≥ 0), als floats.

    ValueError bij een negatief aantal of een betrouwbaarheid buiten (0, 1). Onthouden per
    aantal (lru_cache): een pagina vraagt hetzelfde aantal vaak meer dan eens."""
    if aantal < 0 or int(aantal) != aantal:
        raise ValueError("Een aantal is een heel getal van 0 of meer.")
    if not 0 < betrouwbaarheid < 1:
        raise ValueError("De betrouwbaarheid ligt tussen 0 en 1.")
    k = int(aantal)
    staart = (1 - betrouwbaarheid) / 2
    hoog = k + 20 * math.sqrt(k + 1) + 20
    onder = 0.0 if k == 0 else _bisectie(lambda mu: gamma_p(k, mu), staart, 0.0, hoog, True)
    boven = _bisectie(lambda mu: gamma_q(k + 1, mu), staart, 0.0, hoog, False)
    return onder, boven


def _op_een_decimaal(waarde):
    return Decimal(repr(waarde)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def leesbaar_afgerond(waarde):
    """Een getal per 1.000 inwoners afgerond om te tonen (Decimal, half omhoog): vanaf 1 op één
    decimaal, daaronder op twee significante cijfers, zodat een zeldzame categorie niet als
    gelijk leest (0,12 tegen 0,067, niet 0,1 tegen 0,1; proefgebruik punt 9), ook als het
    afronden een macht van tien haalt (0,00996 wordt 0,010). 0 blijft 0;
    wat op twee significante cijfers 1 of meer wordt (0,996), op één decimaal ("1,0").
    ValueError bij een negatieve waarde."""
    waarde = float(waarde)  # ook een numpy-getal of Decimal
    if waarde < 0:
        raise ValueError("Een aantal per 1.000 inwoners is niet negatief.")
    if waarde == 0 or waarde >= 1:
        return _op_een_decimaal(waarde)
    stap = Decimal(1).scaleb(math.floor(math.log10(waarde)) - 1)
    afgerond = Decimal(repr(waarde)).quantize(stap, rounding=ROUND_HALF_UP)
    if afgerond >= stap * 100:
        # Naar boven over een macht van tien (0,00996 -> 0,0100): dan nog twee significante
        # cijfers, "0,010", niet drie.
        afgerond = afgerond.quantize(stap.scaleb(1), rounding=ROUND_HALF_UP)
    return _op_een_decimaal(float(afgerond)) if afgerond >= 1 else afgerond


@dataclass(frozen=True)
class Verhouding:
    """Een aantal per 1.000 inwoners met zijn 95%-interval.

    `aantal` (int) en `inwoners` (int > 0); `waarde`, `onder` en `boven` per 1.000 inwoners
    (float, onafgerond); `weinig` als het aantal onder WEINIG ligt."""

    aantal: int
    inwoners: int
    per: int = 1000

    @property
    def waarde(self):
        return self.aantal * self.per / self.inwoners

    @property
    def interval(self):
        onder, boven = poisson_interval(self.aantal)
        return onder * self.per / self.inwoners, boven * self.per / self.inwoners

    @property
    def onder(self):
        return self.interval[0]

    @property
    def boven(self):
        return self.interval[1]

    @property
    def weinig(self):
        return self.aantal < WEINIG

    @property
    def afgerond(self):
        """De waarde op één decimaal (Decimal, half omhoog)."""
        return _op_een_decimaal(self.waarde)

    @property
    def interval_afgerond(self):
        """(onder, boven) op één decimaal (Decimal, half omhoog)."""
        return _op_een_decimaal(self.onder), _op_een_decimaal(self.boven)


HOGER = "hoger"
LAGER = "lager"


def vergelijk_met(verhouding, referentie):
    """HOGER of LAGER als de 95%-intervallen van `verhouding` en `referentie` (beide een
    Verhouding: Nederland, of de groep als geheel) elkaar niet overlappen, anders None: dan
    kan het verschil toeval zijn. Zonder een van beide None.

    Niet overlappende intervallen is een strenge toets (bij een overlap kan het verschil toch
    significant zijn); zo zegt de pagina "hoger" alleen waar daar geen twijfel over is."""
    if verhouding is None or referentie is None:
        return None
    onder, boven = verhouding.interval
    ref_onder, ref_boven = referentie.interval
    if onder > ref_boven:
        return HOGER
    if boven < ref_onder:
        return LAGER
    return None
