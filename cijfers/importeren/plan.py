"""Cijfers uit het plan: een import mag ze niet stil overschrijven.

Een cijfer komt uit het plan als zijn Bron uit het plandocument komt (Bron.document begint met
PLANDOCUMENT, zoals de brongegevens in fixtures/ het zetten: "Integraal Veiligheidsplan BES
2019-2022"). Het voorstel (voorstel.py) zet elk zo'n cijfer dat een import zou veranderen
apart, met beide waarden; pas als de gebruiker die afwijkingen uitdrukkelijk bevestigt
(Controle.plan_bevestigd) worden ze geschreven. De geschiedenis van het cijfer houdt de oude
waarde met de bron van het plan; herzieningen leest ze daar terug voor de voetnoot op de
gebiedspagina (templates/cijfers/_herzien.html).
"""

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery

from cijfers.models import PLANDOCUMENT, Bron, Cijfer


def planbronnen():
    """{bron-id: titel} van de bronnen uit het plandocument (één query)."""
    return dict(Bron.objects.filter(document__startswith=PLANDOCUMENT).values_list("pk", "titel"))


@dataclass(frozen=True)
class Herziening:
    """Een cijfer uit het plan dat een import herzag: wat er nu staat en wat het plan gaf.

    `waarde` en `plan_waarde` zijn aantallen (None: geheim); `bron` en `plan_bron` titels van
    een Bron; `status` een Cijfer.Status.
    """

    categorie: str
    periode: str
    waarde: int | None
    status: str
    bron: str
    plan_waarde: int | None
    plan_bron: str

    def __str__(self):
        return (
            f"{self.categorie} {self.periode}: {weergave(self.waarde, self.status)} volgens "
            f"{self.bron}; herzien, in {self.plan_bron} stond {weergave(self.plan_waarde, '')}."
        )


def weergave(waarde, status):
    """'x' voor geheim, '12*' voor voorlopig, anders het getal (zoals Cijfer.weergave)."""
    if waarde is None:
        return "x"
    return f"{waarde}*" if status == Cijfer.Status.VOORLOPIG else str(waarde)


def herzieningen(gebied):
    """[Herziening] van het gebied: cijfers die ooit uit het plan kwamen en nu een andere bron
    hebben, op categorie en periode. Eén query, gedreven door de cijfers van het gebied met een
    bron buiten het plan (de index op gebied van cijfers_cijfer), met per cijfer zijn laatste
    regel geschiedenis uit het plan als subquery (de index op id van de geschiedenis; die heeft
    bewust geen index op gebied, voor de snelheid van de import). Zo leest PostgreSQL niet de
    hele sleutel van cijfers_cijfer en niet de hele geschiedenis, ook niet op landelijke
    omvang."""
    uit_plan = Cijfer.history.filter(
        id=OuterRef("pk"), bron__document__startswith=PLANDOCUMENT
    ).order_by("-history_date", "-history_id")
    rijen = (
        Cijfer.objects.filter(gebied=gebied)
        .exclude(bron__document__startswith=PLANDOCUMENT)
        # Een scalaire subquery, geen Exists: die maakt PostgreSQL tot een semi-join die bij een
        # kleine geschiedenis de hele sleutel van cijfers_cijfer afloopt (540 ms gemeten);
        # zo blijft het per cijfer van het gebied één opzoeking op de index op id.
        .annotate(plan_regel=Subquery(uit_plan.values("history_id")[:1]))
        .filter(plan_regel__isnull=False)
        .annotate(
            plan_waarde=Subquery(uit_plan.values("waarde")[:1]),
            plan_bron=Subquery(uit_plan.values("bron__titel")[:1]),
        )
        .order_by()
        .values_list(
            "categorie__volgorde", "categorie__naam", "periode", "waarde", "status",
            "bron__titel", "plan_waarde", "plan_bron",
        )
    )  # fmt: skip
    return [Herziening(*rij[1:]) for rij in sorted(rijen, key=lambda r: r[:3])]
