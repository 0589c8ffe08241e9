"""Gezamenlijke prioriteiten, doelen, aanpak en lokale speerpunten van een plan."""

import datetime
import re

from django.db import models
from django.db.models import OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from simple_history.models import HistoricalRecords

from cijfers.models import Categorie
from cijfers.tables import met_teken
from ivp.models import Gebied, Plan
from ivp.velden import gebruikersveld

NIET_VASTGELEGD = "niet vastgelegd"
# Zo begint een zin waarin het plan een doel noemt (Prioriteit.doelen_uit_omschrijving).
DOELZIN = re.compile(
    r"^(Het doel is|Het voorkomen van|Om dit te bereiken|Om te voorkomen|Wij zetten ons)"
)


class Prioriteit(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="prioriteiten")
    volgorde = models.PositiveSmallIntegerField("volgorde")
    naam = models.CharField("naam", max_length=200)
    slug = models.SlugField("slug", max_length=100)
    hoofdstuk = models.CharField("hoofdstuk in het plan", max_length=10, blank=True)
    omschrijving = models.TextField("omschrijving", help_text="Definitie of beschrijving.")
    toelichting = models.TextField("toelichting", blank=True)
    aanpak_inleiding = models.TextField(
        "inleiding van de aanpak",
        blank=True,
        help_text="De tekst van het plan boven de punten van 'Aanpak op hoofdlijnen'.",
    )
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
    def doelen_uit_omschrijving(self):
        """De zinnen van de omschrijving waarin het plan een doel noemt (DOELZIN: "Het doel
        is ...", "Om te voorkomen ...", ...): de doelen zoals het plan ze in zijn tekst stelt,
        geen meetbare doelen (issue 15, punt 4; IVP 2023-2026 regels 15, 19, 23 en 27). Een
        lijst van zinnen, leeg als er geen zijn."""
        zinnen = re.split(r"(?<=[.!?])\s+", self.omschrijving.replace("\n", " "))
        return [z.strip() for z in zinnen if DOELZIN.match(z.strip())]

    @property
    def portefeuillehouder_weergave(self):
        return self.portefeuillehouder or NIET_VASTGELEGD

    # Een gezamenlijke prioriteit hoort bij geen enkele gemeente (ivp.rechten).
    gemeente_id = None


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

    @property
    def gemeente_id(self):
        """De gemeente (Gebied-id) van dit speerpunt; gebruikt door ivp.rechten."""
        return self.gebied_id


_PRECIES_EEN_OUDER = Q(prioriteit__isnull=False, speerpunt__isnull=True) | Q(
    prioriteit__isnull=True, speerpunt__isnull=False
)


class OnderdeelQuerySet(models.QuerySet):
    def in_plan(self, plan):
        """De onderdelen van een prioriteit of lokaal speerpunt van `plan`."""
        return self.filter(Q(prioriteit__plan=plan) | Q(speerpunt__plan=plan))

    def met_meldingen(self):
        """Op volgorde, met de voortgangsmeldingen (en hun auteurs) vooraf opgehaald: één query
        extra voor alle onderdelen samen."""
        return self.prefetch_related(meldingen_vooraf()).order_by("volgorde")


class Onderdeel(models.Model):
    """Wat een doel en een maatregel delen: precies één ouder (een gezamenlijke prioriteit of
    een lokaal speerpunt), een volgorde en een tekst.

    Abstract: elk onderdeel houdt zijn eigen tabel (prioriteiten_doel, prioriteiten_maatregel)
    en zijn eigen constraint prioriteiten_<model>_ouder.
    """

    prioriteit = models.ForeignKey(
        Prioriteit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="%(class)sen",
    )
    speerpunt = models.ForeignKey(
        LokaalSpeerpunt,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="%(class)sen",
    )
    volgorde = models.PositiveSmallIntegerField("volgorde")
    tekst = models.TextField("tekst")
    bronpassage = models.TextField(
        "passage uit de bron",
        blank=True,
        help_text="Alleen als de tekst een samenvatting (parafrase) van de bron is: de woorden "
        "van de bron zelf. De pagina toont de tekst dan als parafrase met deze passage.",
    )
    bronplaats = models.CharField(
        "plaats in de bron",
        max_length=100,
        blank=True,
        help_text="Paragraaf en regels van de passage, bijvoorbeeld §8.1, regels 950-953.",
    )

    class Meta:
        abstract = True
        ordering = ["prioriteit", "speerpunt", "volgorde"]
        constraints = [
            models.CheckConstraint(
                condition=_PRECIES_EEN_OUDER, name="prioriteiten_%(class)s_ouder"
            ),
        ]

    def __str__(self):
        return self.tekst[:80]

    def get_absolute_url(self):
        return self.ouder.get_absolute_url()

    @property
    def is_parafrase(self):
        """True als de tekst de bron samenvat in plaats van citeert (issue 15, punt 14)."""
        return bool(self.bronpassage)

    @property
    def ouder(self):
        """De prioriteit of het lokale speerpunt waar dit onderdeel onder valt."""
        return self.prioriteit or self.speerpunt

    @property
    def gemeente_id(self):
        """De gemeente (Gebied-id) van een lokaal onderdeel; None bij een gezamenlijke
        prioriteit. Gebruikt door ivp.rechten."""
        return self.speerpunt.gebied_id if self.speerpunt_id else None


class Doel(Onderdeel):
    """Een doel van een gezamenlijke prioriteit of van een lokaal speerpunt."""

    history = HistoricalRecords()
    objects = OnderdeelQuerySet.as_manager()

    class Meta(Onderdeel.Meta):
        verbose_name = "doel"
        verbose_name_plural = "doelen"


# De nieuwste melding eerst: op datum, dan op vastlegmoment.
NIEUWSTE_EERST = ["-datum", "-aangemaakt"]


def laatste_melding(meldingen):
    """De nieuwste melding uit een lijst Voortgang-rijen (op datum, dan vastlegmoment), of None.

    Dezelfde volgorde als NIEUWSTE_EERST; zonder database.
    """
    return max(meldingen, key=lambda melding: (melding.datum, melding.aangemaakt), default=None)


def status_uit(meldingen):
    """De status (Status) die volgt uit deze meldingen: die van de nieuwste, anders
    GEEN_VOORTGANG."""
    nieuwste = laatste_melding(meldingen)
    return Status(nieuwste.status) if nieuwste else Status.GEEN_VOORTGANG


class MaatregelQuerySet(OnderdeelQuerySet):
    def met_status(self):
        """Elke maatregel met `status`: die van zijn nieuwste voortgangsmelding (NIEUWSTE_EERST),
        GEEN_VOORTGANG zonder melding. Eén subquery in dezelfde query, dus nooit verouderd,
        ook niet na een verwijderde melding of een bulk-schrijfactie."""
        nieuwste = (
            Voortgang.objects.filter(maatregel=OuterRef("pk"))
            .order_by(*NIEUWSTE_EERST)
            .values("status")[:1]
        )
        if "status" in self.query.annotations:
            return self
        return self.annotate(
            status=Coalesce(
                Subquery(nieuwste), Value(Status.GEEN_VOORTGANG), output_field=models.CharField()
            )
        )


class MaatregelManager(models.Manager.from_queryset(MaatregelQuerySet)):
    """Elke query op maatregelen (ook `prioriteit.maatregelen` en een prefetch) heeft de
    afgeleide `status` al (met_status), zodat geen pagina er per maatregel een query voor doet."""

    def get_queryset(self):
        return super().get_queryset().met_status()


class Maatregel(Onderdeel):
    """Een punt uit 'Aanpak op hoofdlijnen'. Zijn status wordt niet opgeslagen maar volgt uit
    de voortgangsmeldingen (zie `status`)."""

    class Status(models.TextChoices):
        """De stand van uitvoering, vastgelegd in elke voortgangsmelding."""

        GEEN_VOORTGANG = "geen_voortgang", "Nog geen voortgang gemeld"
        GEPLAND = "gepland", "Gepland"
        LOPEND = "lopend", "Lopend"
        GEREED = "gereed", "Gereed"
        VERTRAAGD = "vertraagd", "Vertraagd"
        GESTOPT = "gestopt", "Gestopt"

    history = HistoricalRecords()
    objects = MaatregelManager()

    class Meta(Onderdeel.Meta):
        verbose_name = "maatregel (aanpak op hoofdlijnen)"
        verbose_name_plural = "maatregelen (aanpak op hoofdlijnen)"

    @property
    def status(self):
        """De status (Status): die van de nieuwste voortgangsmelding, GEEN_VOORTGANG zonder.

        Via Maatregel.objects (en elke gerelateerde manager of prefetch) al in de query
        (met_status); bij een maatregel via de basismanager (zoals `melding.maatregel`) uit
        de meldingen: één query, of geen als die vooraf zijn opgehaald.
        """
        status = self.__dict__.get("_status")
        if status is None:
            return status_uit(self.voortgang.all())
        return Status(status)

    @status.setter
    def status(self, waarde):
        self._status = waarde

    def get_status_display(self):
        """Het label van de status, zoals Django het voor een keuzeveld zou geven."""
        return self.status.label


Status = Maatregel.Status


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
    halfjaren_zonder_periode = models.JSONField(
        "halfjaarpercentages zonder periode",
        default=list,
        blank=True,
        help_text="Uit de cijfertabel van de paragraaf: rijen met maar één van de twee "
        "halfjaarpercentages, zodat niet te zeggen is welk halfjaar. Lijst van "
        '{"categorie": naam, "procent": getal, "regel": regelnummer in de brontekst}; '
        "gemaakt door scripts/bronpassages.py.",
    )

    class Meta:
        verbose_name = "gemeenteanalyse"
        verbose_name_plural = "gemeenteanalyses"
        ordering = ["plan", "gebied__volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "gebied"], name="prioriteiten_analyse_uniek"),
        ]

    def __str__(self):
        return f"{self.gebied} ({self.plan.looptijd})"

    @property
    def bron(self):
        """'IVP BES 2019-2022, hoofdstuk 8, §8.1' (de bron van het plan en de paragraaf)."""
        return f"{self.plan.bron}, hoofdstuk 8 (Lokale speerpunten per gemeente), §{self.paragraaf}"

    @property
    def halfjaren_weergave(self):
        """De halfjaarpercentages zonder periode als [(categorie, "+75%", regel)], met het
        teken zoals de tabellen het schrijven (cijfers.tables.met_teken)."""
        return [
            (h["categorie"], met_teken(h["procent"], "%"), h["regel"])
            for h in self.halfjaren_zonder_periode
        ]

    @property
    def toevalwaarschuwing(self):
        """De zinnen uit `veiligheidscijfers` waarin de gemeente zelf zegt dat procentuele
        verschillen groot kunnen zijn (Eemnes, §8.3, regel 1064-1065 van de brontekst): de
        reden voor het teken ≈ bij de veranderingen. Een lege lijst als de analyse dat niet zegt.
        """
        zinnen = re.split(r"(?<=[.!?])\s+", self.veiligheidscijfers)
        return [zin for zin in zinnen if "procentuele verschillen" in zin]


class VoortgangQuerySet(models.QuerySet):
    def met_onderwerp(self):
        """Meldingen met hun auteur en hun onderwerp (maatregel, doel of lokaal speerpunt), de
        prioriteit of het speerpunt erboven, het plan en de gemeente: alles voor een kop en een
        link per melding, in dezelfde query."""
        return self.select_related(
            "auteur",
            "maatregel__prioriteit__plan",
            "maatregel__speerpunt__gebied",
            "maatregel__speerpunt__plan",
            "doel__prioriteit__plan",
            "doel__speerpunt__gebied",
            "doel__speerpunt__plan",
            "speerpunt__gebied",
            "speerpunt__plan",
        )

    def gedateerd_of_gewijzigd_sinds(self, datum):
        """Meldingen gedateerd op of na `datum`, of sindsdien (lokale datum) gewijzigd."""
        return self.filter(Q(datum__gte=datum) | Q(gewijzigd__date__gte=datum))

    def in_plan(self, plan):
        """De meldingen bij een maatregel, doel of lokaal speerpunt van `plan`."""
        return self.filter(
            Q(maatregel__prioriteit__plan=plan)
            | Q(maatregel__speerpunt__plan=plan)
            | Q(doel__prioriteit__plan=plan)
            | Q(doel__speerpunt__plan=plan)
            | Q(speerpunt__plan=plan)
        )


def meldingen_vooraf():
    """Prefetch van de voortgangsmeldingen (met auteur) van een maatregel, doel of speerpunt."""
    return Prefetch("voortgang", queryset=Voortgang.objects.select_related("auteur"))


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
    auteur = gebruikersveld(related_name="voortgang", verbose_name="auteur")
    aangemaakt = models.DateTimeField("vastgelegd op", auto_now_add=True)
    gewijzigd = models.DateTimeField("gewijzigd op", auto_now=True)
    history = HistoricalRecords()
    objects = VoortgangQuerySet.as_manager()

    class Meta:
        verbose_name = "voortgangsmelding"
        verbose_name_plural = "voortgangsmeldingen"
        ordering = NIEUWSTE_EERST
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

    def get_absolute_url(self):
        return self.onderwerp.get_absolute_url()

    @property
    def onderwerp(self):
        return self.maatregel or self.doel or self.speerpunt

    @property
    def gemeente_id(self):
        """De gemeente van het onderwerp, None bij een gezamenlijk onderwerp (ivp.rechten)."""
        return self.onderwerp.gemeente_id


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
    streefdatum = models.DateField(
        "streefdatum",
        null=True,
        blank=True,
        help_text="Optioneel: wanneer de streefwaarde bereikt moet zijn. Het cijfer van het "
        "jaar van deze datum wordt met de streefwaarde vergeleken.",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "indicator"
        verbose_name_plural = "indicatoren"

    def __str__(self):
        return f"{self.categorie} in {self.gebied} t.o.v. {self.basisjaar}"

    @property
    def gemeente_id(self):
        """De gemeente van het doel, None bij een gezamenlijk doel (ivp.rechten)."""
        return self.doel.gemeente_id

    def doelwaarden(self, mijlpalen=None):
        """{jaar: doelwaarde}: de mijlpalen (Mijlpaal, vooraf opgehaald of `mijlpalen`) en de
        streefwaarde in het jaar van de streefdatum (zonder streefdatum: niet in de reeks)."""
        mijlpalen = self.mijlpalen.all() if mijlpalen is None else mijlpalen
        waarden = {m.jaar: m.waarde for m in mijlpalen}
        if self.streefwaarde is not None and self.streefdatum is not None:
            waarden[self.streefdatum.year] = self.streefwaarde
        return waarden


class Mijlpaal(models.Model):
    """Een tussendoel van een indicator: het aantal dat in `jaar` bereikt moet zijn (ten
    hoogste bij daling, ten minste bij stijging), op weg naar de streefwaarde."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="mijlpalen", verbose_name="indicator"
    )
    jaar = models.PositiveSmallIntegerField("jaar")
    waarde = models.PositiveIntegerField("aantal")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "mijlpaal"
        verbose_name_plural = "mijlpalen"
        ordering = ["indicator", "jaar"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "jaar"],
                name="prioriteiten_mijlpaal_uniek",
                violation_error_message="Deze indicator heeft al een mijlpaal in dit jaar.",
            ),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.waarde} in {self.jaar}"

    @property
    def gemeente_id(self):
        """De gemeente van het doel (ivp.rechten)."""
        return self.indicator.gemeente_id
