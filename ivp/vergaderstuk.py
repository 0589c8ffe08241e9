"""Het vergaderstuk: wat het AVO BES bespreekt, met de gegevens zoals ze op de datum stonden.

De stand op een datum komt uit de geschiedenis (django-simple-history): een rij die na de
datum is gewijzigd telt met zijn versie van toen, een rij die na de datum is aangemaakt telt
niet mee, en een rij zonder geschiedenis is nooit gewijzigd en telt zoals hij is.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from cijfers import trends
from cijfers.models import Bron, Categorie, Cijfer
from cijfers.tables import met_teken
from ivp.models import Gebied, Plan, Vergadering, kies_huidig_plan
from prioriteiten import figuren
from prioriteiten import voortgang as vg
from prioriteiten.models import Indicator, Maatregel, Prioriteit, Voortgang, status_uit

# Zonder vorige vergadering van hetzelfde overleg: de laatste drie maanden.
STANDAARD_TERUGBLIK = datetime.timedelta(days=91)
LAADREDEN = "brongegevens geladen (fixtures/)"
MAX_IN_STUK = 40  # afzonderlijke nieuwe cijfers in het stuk; daarboven alleen de samenvatting
MAX_IN_XLSX = 10_000


def einde_van(datum):
    """Het laatste moment van de dag, in de tijdzone van het dashboard."""
    return timezone.make_aware(datetime.datetime.combine(datum, datetime.time.max))


def stand_op(model, tijdstip, queryset=None):
    """De rijen van `model` zoals ze op `tijdstip` waren (3 queries)."""
    historisch = model.history.model
    queryset = queryset if queryset is not None else model.objects.all()
    # Let op: op het historische model is pk de history_id; het rij-id heet daar id.
    toen = list(model.history.as_of(tijdstip).filter(id__in=queryset.values("pk")))
    met_geschiedenis = historisch.objects.filter(history_date__lte=tijdstip).values("id")
    later_gemaakt = historisch.objects.filter(history_date__gt=tijdstip, history_type="+").values(
        "id"
    )
    nooit_gewijzigd = queryset.exclude(pk__in=met_geschiedenis).exclude(pk__in=later_gemaakt)
    return toen + list(nooit_gewijzigd)


def maatregelen_op(plan, tijdstip):
    """De maatregelen van de gezamenlijke prioriteiten van `plan` zoals ze op `tijdstip` waren,
    elk met de status die volgde uit de voortgangsmeldingen van toen (6 queries)."""
    maatregelen = stand_op(Maatregel, tijdstip, Maatregel.objects.filter(prioriteit__plan=plan))
    meldingen = stand_op(
        Voortgang, tijdstip, Voortgang.objects.filter(maatregel__prioriteit__plan=plan)
    )
    per_maatregel = {}
    for melding in meldingen:
        per_maatregel.setdefault(melding.maatregel_id, []).append(melding)
    for maatregel in maatregelen:
        maatregel.status = status_uit(per_maatregel.get(maatregel.pk, []))
    return maatregelen


def cijferrecords_op(tijdstip, waar):
    """Als CijferQuerySet.records(), maar met de stand op `tijdstip`."""
    rijen = stand_op(Cijfer, tijdstip, Cijfer.objects.filter(waar))
    bronnen = dict(Bron.objects.values_list("pk", "titel"))
    return [
        {
            "gebied": c.gebied_id,
            "categorie": c.categorie_id,
            "jaar": c.jaar,
            "periode": c.periode,
            "waarde": c.waarde,
            "status": c.status,
            "bron_titel": bronnen.get(c.bron_id, "onbekend"),
        }
        for c in rijen
    ]


@dataclass
class Opvallend:
    gebied: Gebied
    categorie: Categorie
    vorig_jaar: int
    jaar: int
    oud: int
    nieuw: int
    procent: float
    band: str

    @property
    def verschil(self):
        return self.nieuw - self.oud

    @property
    def verschil_tekst(self):
        return met_teken(self.verschil)

    @property
    def procent_tekst(self):
        """Zoals in de trendtabellen: echt minteken, met band-teken ervoor."""
        return f"{'▲' if self.band == 'stijging' else '▼'} {met_teken(self.procent, '%')}"


def opvallende_veranderingen(records, gebieden, categorieen):
    """Per gebied de categorieën waarvan het nieuwste jaar 10% of meer afwijkt van het jaar
    ervoor en dat verschil niet door toeval te verklaren is (|A - B| / √(A + B) ≥ 2)."""
    frame = trends.jaarframe(records)
    uitkomst = []
    for gebied in gebieden:
        eigen = frame[frame["gebied"] == gebied.pk]
        if eigen.empty:
            continue
        jaar = int(eigen["jaar"].max())
        for categorie in categorieen:
            reeks = eigen[eigen["categorie"] == categorie.pk].set_index("jaar")["waarde"]
            oud, nieuw = reeks.get(jaar - 1), reeks.get(jaar)
            if trends.is_leeg(oud) or trends.is_leeg(nieuw):
                continue
            oud, nieuw = int(oud), int(nieuw)
            procent = trends.procentuele_verandering(oud, nieuw)
            band = trends.band(procent)
            if procent is None or band == "stabiel" or trends.binnen_toeval(oud, nieuw):
                continue
            uitkomst.append(Opvallend(gebied, categorie, jaar - 1, jaar, oud, nieuw, procent, band))
    return uitkomst


@dataclass
class Stuk:
    vergadering: Vergadering
    openbaar: bool
    vorige: Vergadering | None
    sinds: datetime.date
    plan: Plan | None
    prioriteiten: list = field(default_factory=list)
    gemeenten: list = field(default_factory=list)
    speerpunten: list = field(default_factory=list)
    nieuwe_cijfers: list = field(default_factory=list)
    geimporteerd: list = field(default_factory=list)

    @property
    def details_in_stuk(self):
        return len(self.geimporteerd) <= MAX_IN_STUK

    agenda: list = field(default_factory=list)
    driehoek: list = field(default_factory=list)


def _meldingen(tot, sinds, waar):
    """Meldingen vastgelegd na de vorige vergadering en uiterlijk op de vergaderdag."""
    return list(
        Voortgang.objects.filter(
            waar, aangemaakt__gt=einde_van(sinds), aangemaakt__lte=einde_van(tot)
        )
        .met_onderwerp()
        .order_by("datum", "aangemaakt")
    )


def maak_stuk(vergadering, openbaar=False):
    """Alles wat het stuk toont, voor deze vergadering (een vast aantal queries)."""
    tot = vergadering.datum
    tijdstip = einde_van(tot)
    vorige = (
        Vergadering.objects.filter(overleg=vergadering.overleg_id, datum__lt=tot)
        .order_by("-datum")
        .first()
    )
    sinds = vorige.datum if vorige else tot - STANDAARD_TERUGBLIK
    plan = kies_huidig_plan(list(Plan.objects.all()), tot.year)
    punten = [p for p in vergadering.agendapunten.all() if not (openbaar and p.intern)]
    stuk = Stuk(
        vergadering, openbaar, vorige, sinds, plan,
        agenda=punten, driehoek=[p for p in punten if p.voor_driehoek],
    )  # fmt: skip
    if plan is None:
        return stuk

    # Per prioriteit: status van de maatregelen toen, meldingen sinds de vorige keer,
    # doelen die niet op koers zijn (met de cijfers van toen).
    prioriteiten = list(
        Prioriteit.objects.filter(plan=plan).prefetch_related("categorieen").order_by("volgorde")
    )
    maatregelen = maatregelen_op(plan, tijdstip)
    meldingen = _meldingen(
        tot, sinds, Q(maatregel__prioriteit__plan=plan) | Q(doel__prioriteit__plan=plan)
    )
    indicatoren = list(
        Indicator.objects.filter(doel__prioriteit__plan=plan).select_related(
            "doel", "categorie", "gebied"
        )
    )
    waar_indicatoren = Q(pk__in=[])
    for i in indicatoren:
        waar_indicatoren |= Q(gebied=i.gebied_id, categorie=i.categorie_id)
    indicatorrecords = cijferrecords_op(tijdstip, waar_indicatoren) if indicatoren else []
    standen = figuren.indicatorstanden(indicatoren, indicatorrecords)
    met_basisteam = list(
        Gebied.objects.filter(soort__in=[Gebied.Soort.GEMEENTE, Gebied.Soort.BASISTEAM])
    )
    gekoppeld = {c for p in prioriteiten for c in p.categorieen.all()}
    koppelrecords = cijferrecords_op(tijdstip, Q(categorie__in=gekoppeld)) if gekoppeld else []
    for p in prioriteiten:
        eigen = [m for m in maatregelen if m.prioriteit_id == p.pk]
        telling = vg.statustelling(eigen)
        stuk.prioriteiten.append(
            {
                "prioriteit": p,
                "telling": [(s.label, s.value, n) for s, n in telling.items()],
                "stoplicht": vg.stoplicht(telling),
                "meldingen": [
                    m for m in meldingen if (m.maatregel or m.doel).prioriteit_id == p.pk
                ],
                "niet_op_koers": [
                    (i, standen[i.doel_id])
                    for i in indicatoren
                    if i.doel.prioriteit_id == p.pk and standen[i.doel_id].stand == "niet_op_koers"
                ],
                "figuren": figuren.gekoppelde_figuren(
                    list(p.categorieen.all()),
                    f"stuk-{p.slug}",
                    records=koppelrecords,
                    breedte=680,
                    ident=f"stuk-{p.slug}",
                    gebieden=met_basisteam,
                ),
            }
        )

    # Per gemeente: opvallende veranderingen in de cijfers van toen.
    records = cijferrecords_op(tijdstip, Q(gebied__in=met_basisteam))
    categorieen = list(Categorie.objects.all())
    opvallend = opvallende_veranderingen(records, met_basisteam, categorieen)
    stuk.gemeenten = [
        {"gebied": g, "opvallend": [o for o in opvallend if o.gebied == g]} for g in met_basisteam
    ]

    # Cijfers die sinds de vorige vergadering zijn toegevoegd of gewijzigd (import of beheer):
    # per gebied en import een regel; de afzonderlijke cijfers alleen als het er weinig zijn
    # (in het XLSX tot MAX_IN_XLSX).
    nieuw = Cijfer.history.filter(
        history_date__gt=einde_van(sinds),
        history_date__lte=tijdstip,
        history_type__in=["+", "~"],
    ).exclude(history_change_reason=LAADREDEN)
    stuk.nieuwe_cijfers = list(
        nieuw.values("gebied__naam", "gebied__volgorde", "history_change_reason")
        .annotate(
            toegevoegd=Count("history_id", filter=Q(history_type="+")),
            gewijzigd=Count("history_id", filter=Q(history_type="~")),
            van=Min("periode"),
            tot=Max("periode"),
        )
        .order_by("gebied__volgorde", "history_change_reason")
    )
    stuk.geimporteerd = list(
        nieuw.select_related("gebied", "categorie", "history_user").order_by(
            "gebied__volgorde", "categorie__volgorde", "periode", "history_date"
        )[:MAX_IN_XLSX]
    )

    # De lokale speerpunten: hun meldingen sinds de vorige vergadering.
    lokaal = _meldingen(
        tot,
        sinds,
        Q(speerpunt__plan=plan)
        | Q(maatregel__speerpunt__plan=plan)
        | Q(doel__speerpunt__plan=plan),
    )
    per_gemeente = {}
    for m in lokaal:
        speerpunt = m.speerpunt or (m.maatregel or m.doel).speerpunt
        per_gemeente.setdefault(speerpunt.gebied, []).append((speerpunt, m))
    stuk.speerpunten = sorted(per_gemeente.items(), key=lambda item: item[0].volgorde)
    return stuk
