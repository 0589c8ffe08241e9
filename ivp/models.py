"""Kern van het dashboard: gebieden, planedities en overlegorganen."""

import datetime
import re

from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast
from django.urls import reverse


class GebiedQuerySet(models.QuerySet):
    def gemeenten(self):
        return self.filter(soort=Gebied.Soort.GEMEENTE)

    def zoek(self, tekst, aantal=20):
        """De gebieden (hoogstens `aantal`) waarvan de naam of de CBS-code `tekst` bevat
        (hoofdletters vrij), eerst die ermee beginnen, dan op volgorde en naam; regio's niet.

        Voor het zoekveld van de verkenner en de categoriepagina's: zo zijn ook de
        referentiegebieden (heel Nederland, provincies, wijken, buurten) te vinden zonder ze
        allemaal in een lijst te zetten. Lege tekst: geen gebieden."""
        tekst = " ".join(tekst.split())
        if not tekst:
            return self.none()
        gevonden = self.exclude(soort=Gebied.Soort.REGIO).filter(
            Q(naam__icontains=tekst) | Q(cbs_code__istartswith=tekst)
        )
        begint = models.Case(
            models.When(Q(naam__istartswith=tekst) | Q(cbs_code__iexact=tekst), then=0),
            default=1,
            output_field=models.IntegerField(),
        )
        return gevonden.annotate(begint=begint).order_by("begint", "volgorde", "naam")[:aantal]

    def eigen(self):
        """De gebieden van deze site: de basisteams en de gemeenten die aan een plan deelnemen
        (niet de andere gemeenten van een landelijke dataset)."""
        deelname = Plan.deelnemers.through.objects.filter(gebied=models.OuterRef("pk"))
        return self.filter(
            Q(soort=Gebied.Soort.BASISTEAM)
            | Q(models.Exists(deelname), soort=Gebied.Soort.GEMEENTE)
        )


def volledig_jaar(pad=""):
    """Een cijfer dat een jaar afsluit: een jaarcijfer, het tweede halfjaar of december.

    Zo telt een jaar met alleen januari-maart nog niet als "nieuwste jaar" (de pagina's
    tonen een jaar pas als alle delen er zijn; zie cijfers/trends.py).
    """
    return (
        Q(**{f"{pad}periode": Cast(f"{pad}jaar", models.CharField())})
        | Q(**{f"{pad}periode__endswith": "-H2"})
        | Q(**{f"{pad}periode__endswith": "-12"})
    )


# Een CBS-code van de gebieden in de open data van de politie en het CBS: Nederland (NL01),
# een provincie (PV26), een gemeente (GM0308), een wijk (WK030800) of een buurt (BU03080000).
CBS_CODE = re.compile(r"^(NL\d{2}|PV\d{2}|GM\d{4}|WK\d{6}|BU\d{8})$")


class Gebied(models.Model):
    """Een gebied met cijfers.

    De eigen gebieden van de site (GebiedQuerySet.eigen: de basisteams en de gemeenten van
    een plan) hebben een menu, een pagina en een plan. Alle andere gebieden uit een bestand
    van de politie of het CBS zijn referentiegebieden: Nederland, provincies, andere
    gemeenten, wijken en buurten, met hun CBS-code. Ze hebben geen menu, maar zijn te vinden
    met het zoekveld (GebiedQuerySet.zoek) en te kiezen in de verkenner en op de
    categoriepagina's. Een referentiegebied uit de codevariant heeft nog geen naam: dan is
    de naam de CBS-code, tot een bestand met namen het noemt (Gebied.heeft_naam).
    """

    class Soort(models.TextChoices):
        GEMEENTE = "gemeente", "Gemeente"
        BASISTEAM = "basisteam", "Basisteam"
        REGIO = "regio", "Regio"
        LAND = "land", "Land"
        PROVINCIE = "provincie", "Provincie"
        WIJK = "wijk", "Wijk"
        BUURT = "buurt", "Buurt"

    naam = models.CharField(
        "naam", max_length=100, help_text="Zonder bekende naam: de CBS-code (bijvoorbeeld GM0307)."
    )
    slug = models.SlugField("slug", max_length=100, unique=True)
    soort = models.CharField("soort", max_length=20, choices=Soort.choices)
    cbs_code = models.CharField(
        "CBS-code", max_length=10, blank=True, help_text="Bijvoorbeeld GM0308 voor Baarn."
    )
    leden = models.ManyToManyField(
        "self",
        verbose_name="gemeenten in dit gebied",
        symmetrical=False,
        blank=True,
        related_name="onderdeel_van",
    )
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)
    toelichting = models.TextField("toelichting", blank=True)

    objects = GebiedQuerySet.as_manager()

    class Meta:
        verbose_name = "gebied"
        verbose_name_plural = "gebieden"
        ordering = ["volgorde", "naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["cbs_code"], condition=~Q(cbs_code=""), name="ivp_gebied_cbs_code_uniek"
            ),
        ]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("cijfers:gebied", args=[self.slug])

    @property
    def heeft_naam(self):
        """False voor een referentiegebied dat nog alleen zijn CBS-code als naam heeft."""
        return self.naam != self.cbs_code


# CBS-code -> (soort, volgorde) van een referentiegebied: na de eigen gebieden, het land eerst.
REFERENTIESOORTEN = {
    "NL": (Gebied.Soort.LAND, 1000),
    "PV": (Gebied.Soort.PROVINCIE, 1100),
    "GM": (Gebied.Soort.GEMEENTE, 1200),
    "WK": (Gebied.Soort.WIJK, 1300),
    "BU": (Gebied.Soort.BUURT, 1400),
}


def referentiegebied(code, naam=""):
    """Een nieuw (niet opgeslagen) Gebied voor een CBS-code: soort en volgorde uit het
    voorvoegsel (REFERENTIESOORTEN), slug de code in kleine letters, naam de gegeven naam of
    anders de code. Raises ValueError als de code geen CBS-code is (CBS_CODE)."""
    code = code.strip().upper()
    if not CBS_CODE.match(code):
        raise ValueError(f"Geen CBS-code: {code}")
    soort, volgorde = REFERENTIESOORTEN[code[:2]]
    naam = " ".join(naam.split())[:100] or code
    return Gebied(naam=naam, slug=code.lower(), soort=soort, cbs_code=code, volgorde=volgorde)


def kies_huidig_plan(plannen, jaar=None):
    """Het plan waarvan de looptijd het jaar omvat; anders het nieuwste (of None)."""
    jaar = jaar or datetime.date.today().year
    plannen = sorted(plannen, key=lambda plan: plan.begin_jaar, reverse=True)
    lopend = [plan for plan in plannen if plan.begin_jaar <= jaar <= plan.eind_jaar]
    return (lopend or plannen or [None])[0]


class Plan(models.Model):
    naam = models.CharField("naam", max_length=200)
    slug = models.SlugField(
        "editie", max_length=20, unique=True, help_text="De looptijd, bijvoorbeeld 2023-2026."
    )
    begin_jaar = models.PositiveSmallIntegerField("eerste jaar")
    eind_jaar = models.PositiveSmallIntegerField("laatste jaar")
    vaststelling = models.TextField(
        "vaststelling", blank=True, help_text="Wie het plan vaststelde en wanneer."
    )
    ondertekend_op = models.DateField("ondertekend op", null=True, blank=True)
    deelnemers = models.ManyToManyField(
        Gebied,
        verbose_name="deelnemende gemeenten",
        related_name="plannen",
        limit_choices_to={"soort": Gebied.Soort.GEMEENTE},
    )
    samenvatting = models.TextField("samenvatting", blank=True)
    bron = models.CharField("bron", max_length=300)

    class Meta:
        verbose_name = "plan"
        verbose_name_plural = "plannen"
        ordering = ["-begin_jaar"]
        constraints = [
            models.CheckConstraint(
                condition=Q(eind_jaar__gte=models.F("begin_jaar")),
                name="ivp_plan_looptijd_oplopend",
            ),
        ]

    def __str__(self):
        return self.naam

    @property
    def looptijd(self):
        return f"{self.begin_jaar}-{self.eind_jaar}"


class Paragraaf(models.Model):
    """Een tekstparagraaf uit een plan (analyse, uitgangspunten, organisatie, ...)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="paragrafen")
    nummer = models.CharField("nummer", max_length=10, blank=True)
    titel = models.CharField("titel", max_length=200)
    tekst = models.TextField("tekst")
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)

    class Meta:
        verbose_name = "paragraaf"
        verbose_name_plural = "paragrafen"
        ordering = ["plan", "volgorde"]

    def __str__(self):
        return f"{self.nummer} {self.titel}".strip()


class Overleg(models.Model):
    """Een overlegorgaan uit hoofdstuk 7 (AVO BES, Driehoek BES, ...)."""

    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="overleggen", verbose_name="plan"
    )
    naam = models.CharField("naam", max_length=200)
    afkorting = models.CharField("afkorting", max_length=40, blank=True)
    slug = models.SlugField("slug", max_length=100, unique=True)
    wettelijke_basis = models.CharField("wettelijke basis", max_length=100, blank=True)
    inhoud = models.TextField("inhoud")
    deelnemers = models.TextField("deelnemers", blank=True)
    voorzitter = models.CharField("voorzitter", max_length=200, blank=True)
    frequentie = models.CharField("frequentie", max_length=100)
    keer_per_jaar = models.PositiveSmallIntegerField(
        "keer per jaar", null=True, blank=True, help_text="Leeg als de frequentie wisselt."
    )
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)

    class Meta:
        verbose_name = "overleg"
        verbose_name_plural = "overleggen"
        ordering = ["volgorde", "naam"]

    def __str__(self):
        return self.afkorting or self.naam


class Bijdrage(models.Model):
    """Een regel uit de tabel 'Randvoorwaarden/gezamenlijke investering' (7.9)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="bijdragen")
    actor = models.CharField("actor", max_length=100)
    bijdrage = models.CharField("bijdrage", max_length=300)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)

    class Meta:
        verbose_name = "bijdrage"
        verbose_name_plural = "gezamenlijke investering"
        ordering = ["plan", "volgorde"]

    def __str__(self):
        return f"{self.actor}: {self.bijdrage}"


class Profiel(models.Model):
    """De rol van een gebruiker in het dashboard en de gemeenten waarvoor hij werkt.

    Lezen mag iedereen. Een adviseur legt voortgang vast voor de gezamenlijke prioriteiten
    en voor de lokale speerpunten van zijn eigen gemeenten; de voorzitter van het AVO BES
    (en een beheerder, is_superuser) mag alles. Zie ivp/rechten.py.
    """

    class Rol(models.TextChoices):
        ADVISEUR = "adviseur", "Beleidsadviseur OOV"
        VOORZITTER = "voorzitter", "Voorzitter AVO BES"

    gebruiker = models.OneToOneField(
        "auth.User", on_delete=models.CASCADE, related_name="profiel", verbose_name="gebruiker"
    )
    rol = models.CharField("rol", max_length=20, choices=Rol.choices, default=Rol.ADVISEUR)
    gemeenten = models.ManyToManyField(
        Gebied,
        verbose_name="gemeenten",
        blank=True,
        related_name="adviseurs",
        limit_choices_to={"soort": Gebied.Soort.GEMEENTE},
        help_text="De gemeenten waarvoor deze adviseur voortgang van lokale speerpunten vastlegt.",
    )

    class Meta:
        verbose_name = "profiel"
        verbose_name_plural = "profielen"

    def __str__(self):
        return f"{self.gebruiker} ({self.get_rol_display()})"


class NietInDumps(models.Manager):
    """De standaardmanager van Gegevensversie: leeg, zodat `dumpdata` de versie overslaat (ze
    hoort bij deze database, niet bij de gegevens; een teruggeladen oude versie zou een oude
    cachesleutel terugbrengen). Lezen en schrijven gaan via `Gegevensversie.objects`."""

    def get_queryset(self):
        return super().get_queryset().none()


class Gegevensversie(models.Model):
    """De versie van alle gegevens van het dashboard: één rij (pk 1), bij elke schrijfactie
    binnen dezelfde transactie opgehoogd (ivp/gegevensversie.py).

    `versie` telt op; `sleutel` is bij elke ophoging een nieuwe willekeurige tekst, zodat een
    teruggedraaide transactie of een teruggezette back-up nooit een eerder gebruikte versie
    oplevert met andere gegevens (een teller alleen zou na een rollback hetzelfde getal geven).
    """

    versie = models.BigIntegerField("versie", default=0)
    sleutel = models.CharField("sleutel", max_length=32, default="")

    niet_in_dumps = NietInDumps()
    objects = models.Manager()

    class Meta:
        default_manager_name = "niet_in_dumps"
        verbose_name = "gegevensversie"
        verbose_name_plural = "gegevensversie"

    def __str__(self):
        return f"gegevensversie {self.versie}"
