"""Gezamenlijke prioriteiten, doelen, aanpak en lokale speerpunten van een plan."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from cijfers.models import Categorie
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
    categorieen = models.ManyToManyField(
        Categorie,
        verbose_name="gekoppelde cijfers",
        blank=True,
        related_name="prioriteiten",
        help_text="De cijfercategorieën die bij deze prioriteit horen (met een kleine trendgrafiek).",
    )
    history = HistoricalRecords(m2m_fields=[categorieen])

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

    def get_absolute_url(self):
        return reverse("prioriteiten:prioriteit", args=[self.plan.slug, self.slug])

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
    history = HistoricalRecords()

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

    def get_absolute_url(self):
        return reverse("prioriteiten:speerpunten", args=[self.plan.slug, self.gebied.slug])


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
    history = HistoricalRecords()

    class Meta:
        verbose_name = "doel"
        verbose_name_plural = "doelen"
        ordering = ["prioriteit", "speerpunt", "volgorde"]
        constraints = [
            models.CheckConstraint(condition=_PRECIES_EEN_OUDER, name="prioriteiten_doel_ouder"),
        ]

    def __str__(self):
        return self.tekst[:80]

    def get_absolute_url(self):
        return self.ouder.get_absolute_url()

    @property
    def ouder(self):
        return self.prioriteit or self.speerpunt


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
    history = HistoricalRecords()

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

    def get_absolute_url(self):
        return self.ouder.get_absolute_url()

    @property
    def ouder(self):
        return self.prioriteit or self.speerpunt


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


Status = Maatregel.Status


class Voortgang(models.Model):
    """Een voortgangsmelding bij precies één maatregel, doel of lokaal speerpunt."""

    maatregel = models.ForeignKey(
        Maatregel, on_delete=models.CASCADE, null=True, blank=True, related_name="voortgang"
    )
    doel = models.ForeignKey(
        Doel, on_delete=models.CASCADE, null=True, blank=True, related_name="voortgang"
    )
    speerpunt = models.ForeignKey(
        LokaalSpeerpunt,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="voortgang",
    )
    datum = models.DateField("datum", default=datetime.date.today)
    status = models.CharField("status", max_length=20, choices=Status.choices)
    tekst = models.TextField("toelichting")
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="voortgang",
        verbose_name="auteur",
    )
    aangemaakt = models.DateTimeField("vastgelegd op", auto_now_add=True)
    gewijzigd = models.DateTimeField("gewijzigd op", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "voortgangsmelding"
        verbose_name_plural = "voortgangsmeldingen"
        ordering = ["-datum", "-aangemaakt"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(maatregel__isnull=False, doel__isnull=True, speerpunt__isnull=True)
                    | Q(maatregel__isnull=True, doel__isnull=False, speerpunt__isnull=True)
                    | Q(maatregel__isnull=True, doel__isnull=True, speerpunt__isnull=False)
                ),
                name="prioriteiten_voortgang_een_onderwerp",
            ),
        ]

    def __str__(self):
        return f"{self.datum:%d-%m-%Y}: {self.get_status_display()}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # De status van een maatregel is die van zijn nieuwste melding.
        if self.maatregel_id:
            nieuwste = self.maatregel.voortgang.order_by("-datum", "-aangemaakt").first()
            if nieuwste and self.maatregel.status != nieuwste.status:
                self.maatregel.status = nieuwste.status
                self.maatregel.save(update_fields=["status"])

    def get_absolute_url(self):
        return self.onderwerp.get_absolute_url()

    @property
    def onderwerp(self):
        return self.maatregel or self.doel or self.speerpunt


class Indicator(models.Model):
    """Hoe een doel aan de cijfers wordt gemeten: categorie, gebied, basisjaar, richting."""

    class Richting(models.TextChoices):
        DALING = "daling", "Daling"
        STIJGING = "stijging", "Stijging"

    doel = models.OneToOneField(
        Doel, on_delete=models.CASCADE, related_name="indicator", verbose_name="doel"
    )
    categorie = models.ForeignKey(
        Categorie, on_delete=models.PROTECT, related_name="indicatoren", verbose_name="categorie"
    )
    gebied = models.ForeignKey(
        Gebied,
        on_delete=models.PROTECT,
        related_name="indicatoren",
        verbose_name="gebied",
        limit_choices_to={"soort__in": [Gebied.Soort.GEMEENTE, Gebied.Soort.BASISTEAM]},
    )
    basisjaar = models.PositiveSmallIntegerField("basisjaar")
    richting = models.CharField(
        "gewenste richting", max_length=10, choices=Richting.choices, default=Richting.DALING
    )
    streefwaarde = models.PositiveIntegerField(
        "streefwaarde",
        null=True,
        blank=True,
        help_text="Optioneel: het aantal dat bereikt moet zijn (ten hoogste bij daling, "
        "ten minste bij stijging).",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "indicator"
        verbose_name_plural = "indicatoren"

    def __str__(self):
        return f"{self.categorie} in {self.gebied} t.o.v. {self.basisjaar}"
