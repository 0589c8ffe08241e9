"""Gezamenlijke prioriteiten, doelen, aanpak en lokale speerpunten van een plan."""

from django.db import models
from django.db.models import Q

from ivp.models import Gebied, Plan

NIET_VASTGELEGD = "niet vastgelegd"


class Prioriteit(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="prioriteiten")
    volgorde = models.PositiveSmallIntegerField("volgorde")
    naam = models.CharField("naam", max_length=200)
    slug = models.SlugField("slug", max_length=100)
    hoofdstuk = models.CharField("hoofdstuk in het plan", max_length=10, blank=True)
    omschrijving = models.TextField("omschrijving", help_text="Definitie of beschrijving.")
    toelichting = models.TextField("toelichting", blank=True)
    portefeuillehouder = models.CharField(
        "portefeuillehouder",
        max_length=200,
        blank=True,
        help_text="Leeg zolang de bron niet vastlegt welke burgemeester dit trekt.",
    )

    class Meta:
        verbose_name = "prioriteit"
        verbose_name_plural = "prioriteiten"
        ordering = ["plan", "volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="prioriteiten_prioriteit_slug"),
            models.UniqueConstraint(
                fields=["plan", "volgorde"], name="prioriteiten_prioriteit_volgorde"
            ),
        ]

    def __str__(self):
        return f"{self.naam} ({self.plan.looptijd})"

    @property
    def portefeuillehouder_weergave(self):
        return self.portefeuillehouder or NIET_VASTGELEGD


class LokaalSpeerpunt(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="speerpunten")
    gebied = models.ForeignKey(
        Gebied,
        on_delete=models.PROTECT,
        related_name="speerpunten",
        verbose_name="gemeente",
        limit_choices_to={"soort": Gebied.Soort.GEMEENTE},
    )
    volgorde = models.PositiveSmallIntegerField("volgorde")
    titel = models.CharField("titel", max_length=200)
    slug = models.SlugField("slug", max_length=100)
    toelichting = models.TextField("toelichting")

    class Meta:
        verbose_name = "lokaal speerpunt"
        verbose_name_plural = "lokale speerpunten"
        ordering = ["plan", "gebied__volgorde", "volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "gebied", "slug"], name="prioriteiten_speerpunt_slug"
            ),
        ]

    def __str__(self):
        return f"{self.gebied}: {self.titel}"


_PRECIES_EEN_OUDER = Q(prioriteit__isnull=False, speerpunt__isnull=True) | Q(
    prioriteit__isnull=True, speerpunt__isnull=False
)


class Doel(models.Model):
    """Een doel van een gezamenlijke prioriteit of van een lokaal speerpunt."""

    prioriteit = models.ForeignKey(
        Prioriteit, on_delete=models.CASCADE, null=True, blank=True, related_name="doelen"
    )
    speerpunt = models.ForeignKey(
        LokaalSpeerpunt, on_delete=models.CASCADE, null=True, blank=True, related_name="doelen"
    )
    volgorde = models.PositiveSmallIntegerField("volgorde")
    tekst = models.TextField("tekst")

    class Meta:
        verbose_name = "doel"
        verbose_name_plural = "doelen"
        ordering = ["prioriteit", "speerpunt", "volgorde"]
        constraints = [
            models.CheckConstraint(condition=_PRECIES_EEN_OUDER, name="prioriteiten_doel_ouder"),
        ]

    def __str__(self):
        return self.tekst[:80]


class Maatregel(models.Model):
    """Een punt uit 'Aanpak op hoofdlijnen', met de stand van uitvoering."""

    class Status(models.TextChoices):
        GEEN_VOORTGANG = "geen_voortgang", "Nog geen voortgang gemeld"
        GEPLAND = "gepland", "Gepland"
        LOPEND = "lopend", "Lopend"
        GEREED = "gereed", "Gereed"
        VERTRAAGD = "vertraagd", "Vertraagd"
        GESTOPT = "gestopt", "Gestopt"

    prioriteit = models.ForeignKey(
        Prioriteit, on_delete=models.CASCADE, null=True, blank=True, related_name="maatregelen"
    )
    speerpunt = models.ForeignKey(
        LokaalSpeerpunt,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="maatregelen",
    )
    volgorde = models.PositiveSmallIntegerField("volgorde")
    tekst = models.TextField("tekst")
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.GEEN_VOORTGANG
    )

    class Meta:
        verbose_name = "maatregel (aanpak op hoofdlijnen)"
        verbose_name_plural = "maatregelen (aanpak op hoofdlijnen)"
        ordering = ["prioriteit", "speerpunt", "volgorde"]
        constraints = [
            models.CheckConstraint(
                condition=_PRECIES_EEN_OUDER, name="prioriteiten_maatregel_ouder"
            ),
        ]

    def __str__(self):
        return self.tekst[:80]


class Gemeenteanalyse(models.Model):
    """De analyse per gemeente uit hoofdstuk 8: cijfers, veiligheidsgevoel, duiding."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="analyses")
    gebied = models.ForeignKey(
        Gebied, on_delete=models.PROTECT, related_name="analyses", verbose_name="gemeente"
    )
    paragraaf = models.CharField("paragraaf", max_length=10)
    veiligheidscijfers = models.TextField("veiligheidscijfers", blank=True)
    veiligheidsgevoel = models.TextField("veiligheidsgevoel", blank=True)
    analyse = models.TextField("analyse", blank=True)

    class Meta:
        verbose_name = "gemeenteanalyse"
        verbose_name_plural = "gemeenteanalyses"
        ordering = ["plan", "gebied__volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "gebied"], name="prioriteiten_analyse_uniek"),
        ]

    def __str__(self):
        return f"{self.gebied} ({self.plan.looptijd})"
