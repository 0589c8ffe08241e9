"""Categorieën, bronnen, geregistreerde aantallen, veranderingen en veiligheidsbeleving."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from ivp.models import Gebied

EERSTE_JAAR = 1990
LAATSTE_JAAR = 2100

PERIODE_VALIDATOR = RegexValidator(
    r"^\d{4}(-H[12]|-(0[1-9]|1[0-2]))?$",
    "Gebruik een jaar (2018), een halfjaar (2018-H1) of een maand (2018-01).",
)


class Categorie(models.Model):
    class Groep(models.TextChoices):
        TOTAAL = "totaal", "Totaal"
        WONINGINBRAAK = "woninginbraak", "Woninginbraken"
        GEWELD = "geweld", "Geweld"
        VVC = "vvc", "Veelvoorkomende criminaliteit (VVC)"
        OVERIG = "overig", "Overige misdrijven"
        OVERLAST = "overlast", "Overlast"

    class Eenheid(models.TextChoices):
        MISDRIJVEN = "misdrijven", "geregistreerde misdrijven"
        MELDINGEN = "meldingen", "meldingen"

    naam = models.CharField("naam", max_length=100, unique=True)
    slug = models.SlugField("slug", max_length=100, unique=True)
    ouder = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="onderdelen",
        verbose_name="valt onder",
    )
    groep = models.CharField("groep", max_length=20, choices=Groep.choices)
    eenheid = models.CharField(
        "eenheid", max_length=20, choices=Eenheid.choices, default=Eenheid.MISDRIJVEN
    )
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)
    omschrijving = models.TextField("omschrijving", blank=True)

    class Meta:
        verbose_name = "categorie"
        verbose_name_plural = "categorieën"
        ordering = ["volgorde", "naam"]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("cijfers:categorie", args=[self.slug])


class Bron(models.Model):
    titel = models.CharField("titel", max_length=200, unique=True)
    document = models.CharField("document", max_length=200)
    tabel = models.CharField("tabel of vindplaats", max_length=200, blank=True)
    noot = models.TextField("noot", blank=True)

    class Meta:
        verbose_name = "bron"
        verbose_name_plural = "bronnen"
        ordering = ["titel"]

    def __str__(self):
        return self.titel


class CijferQuerySet(models.QuerySet):
    def records(self):
        """Gewone dicts voor de trendberekening: gebied en categorie als id, plus de bron."""
        return self.values(
            "gebied",
            "categorie",
            "jaar",
            "periode",
            "waarde",
            "status",
            bron_titel=models.F("bron__titel"),
        )

    def voor_export(self):
        return self.select_related("gebied", "categorie", "bron").order_by(
            "gebied__volgorde", "categorie__volgorde", "jaar", "periode"
        )


class Cijfer(models.Model):
    """Een geregistreerd aantal voor een gebied, categorie en periode.

    Ontbreekt een cijfer, dan is er geen rij (CBS-teken '.'). Een geheimgehouden
    cijfer is een rij zonder waarde (teken 'x'); een voorlopig cijfer krijgt '*'.
    """

    class Status(models.TextChoices):
        DEFINITIEF = "definitief", "Definitief"
        VOORLOPIG = "voorlopig", "Voorlopig"
        GEHEIM = "geheim", "Geheim (niet gepubliceerd)"

    gebied = models.ForeignKey(Gebied, on_delete=models.PROTECT, related_name="cijfers")
    categorie = models.ForeignKey(Categorie, on_delete=models.PROTECT, related_name="cijfers")
    jaar = models.PositiveSmallIntegerField(
        "jaar", validators=[MinValueValidator(EERSTE_JAAR), MaxValueValidator(LAATSTE_JAAR)]
    )
    periode = models.CharField(
        "periode",
        max_length=7,
        validators=[PERIODE_VALIDATOR],
        help_text="Het jaar zelf voor jaarcijfers, 2018-H1 voor een halfjaar, 2018-01 voor een maand.",
    )
    waarde = models.PositiveIntegerField("aantal", null=True, blank=True)
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.DEFINITIEF
    )
    bron = models.ForeignKey(Bron, on_delete=models.PROTECT, related_name="cijfers")

    objects = CijferQuerySet.as_manager()
    # Wie wanneer wat wijzigde (beheer, import); de reden noemt de bron van een import.
    history = HistoricalRecords(verbose_name="cijfergeschiedenis")

    class Meta:
        verbose_name = "cijfer"
        verbose_name_plural = "cijfers"
        ordering = ["gebied", "categorie", "jaar", "periode"]
        constraints = [
            models.UniqueConstraint(
                fields=["gebied", "categorie", "jaar", "periode"], name="cijfers_cijfer_uniek"
            ),
            models.CheckConstraint(
                condition=Q(waarde__gte=0) | Q(waarde__isnull=True),
                name="cijfers_cijfer_niet_negatief",
            ),
            models.CheckConstraint(
                condition=Q(jaar__gte=EERSTE_JAAR, jaar__lte=LAATSTE_JAAR),
                name="cijfers_cijfer_jaar_bereik",
            ),
            models.CheckConstraint(
                condition=Q(status="geheim", waarde__isnull=True)
                | (~Q(status="geheim") & Q(waarde__isnull=False)),
                name="cijfers_cijfer_waarde_tenzij_geheim",
            ),
            models.CheckConstraint(
                condition=Q(periode__startswith=models.functions.Cast("jaar", models.CharField())),
                name="cijfers_cijfer_periode_in_jaar",
            ),
        ]

    def __str__(self):
        return f"{self.gebied} · {self.categorie} · {self.periode}: {self.weergave}"

    @property
    def weergave(self):
        if self.waarde is None:
            return "x"
        return f"{self.waarde}*" if self.status == self.Status.VOORLOPIG else str(self.waarde)


class Verandering(models.Model):
    """Een verandering die de bron alleen als percentage publiceert.

    Bijvoorbeeld de ontwikkeling 2018 t.o.v. 2017 in regio Midden-Nederland, of
    januari-juni 2018 t.o.v. januari-juni 2017 in een gemeente.
    """

    class Periode(models.TextChoices):
        JAAR = "jaar", "heel jaar"
        H1 = "H1", "januari t/m juni"
        H2 = "H2", "juli t/m december"

    gebied = models.ForeignKey(Gebied, on_delete=models.PROTECT, related_name="veranderingen")
    categorie = models.ForeignKey(Categorie, on_delete=models.PROTECT, related_name="veranderingen")
    jaar = models.PositiveSmallIntegerField("jaar")
    vergeleken_met = models.PositiveSmallIntegerField("vergeleken met jaar")
    periode = models.CharField("periode", max_length=4, choices=Periode.choices)
    procent = models.IntegerField("verandering (%)")
    bron = models.ForeignKey(Bron, on_delete=models.PROTECT, related_name="veranderingen")

    class Meta:
        verbose_name = "verandering (alleen als percentage gepubliceerd)"
        verbose_name_plural = "veranderingen (alleen als percentage gepubliceerd)"
        ordering = ["gebied", "categorie", "jaar", "periode"]
        constraints = [
            models.UniqueConstraint(
                fields=["gebied", "categorie", "jaar", "vergeleken_met", "periode"],
                name="cijfers_verandering_uniek",
            ),
        ]

    def __str__(self):
        teken = "+" if self.procent > 0 else ""
        return f"{self.gebied} · {self.categorie} · {self.get_periode_display()} {self.jaar}: {teken}{self.procent}%"


class Veiligheidsbeleving(models.Model):
    """Het rapportcijfer voor veiligheid in de buurt (1-10); leeg als er geen bruikbare meting is."""

    gebied = models.ForeignKey(Gebied, on_delete=models.PROTECT, related_name="veiligheidsbeleving")
    jaar = models.PositiveSmallIntegerField("jaar")
    rapportcijfer = models.DecimalField(
        "rapportcijfer",
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    onderzoek = models.CharField("onderzoek", max_length=200)
    toelichting = models.TextField("toelichting", blank=True)
    bron = models.ForeignKey(Bron, on_delete=models.PROTECT, related_name="veiligheidsbeleving")

    class Meta:
        verbose_name = "veiligheidsbeleving"
        verbose_name_plural = "veiligheidsbeleving"
        ordering = ["gebied", "jaar"]
        constraints = [
            models.UniqueConstraint(fields=["gebied", "jaar"], name="cijfers_beleving_uniek"),
            models.CheckConstraint(
                condition=Q(rapportcijfer__isnull=True)
                | Q(rapportcijfer__gte=1, rapportcijfer__lte=10),
                name="cijfers_beleving_bereik",
            ),
        ]

    def __str__(self):
        waarde = self.rapportcijfer if self.rapportcijfer is not None else "geen meting"
        return f"{self.gebied} {self.jaar}: {waarde}"
