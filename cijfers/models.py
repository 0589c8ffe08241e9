"""Categorieën, bronnen, geregistreerde aantallen, veranderingen en veiligheidsbeleving."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import connection, models
from django.db.models import OuterRef, Q, Subquery, Value
from django.db.models.functions import Concat, Substr
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from ivp.models import Gebied, volledig_jaar

EERSTE_JAAR = 1990
LAATSTE_JAAR = 2100

# Een cijfer komt uit het plan als het document van zijn Bron hiermee begint (zoals de
# brongegevens in fixtures/ het zetten: "Integraal Veiligheidsplan BES 2019-2022"); elke andere
# bron is een import (cijfers/importeren/schrijven.py maakt die bronnen).
PLANDOCUMENT = "Integraal Veiligheidsplan"

PERIODE_VALIDATOR = RegexValidator(
    r"^\d{4}(-H[12]|-(0[1-9]|1[0-2]))?$",
    "Gebruik een jaar (2018), een halfjaar (2018-H1) of een maand (2018-01).",
)


class CategorieQuerySet(models.QuerySet):
    def van_de_bron(self):
        """De categorieën uit de tabellen van het plan (niet de andere soorten misdrijf)."""
        return self.exclude(groep=Categorie.Groep.POLITIE)

    def politiesoorten(self):
        """De andere soorten misdrijf van de politie (groep POLITIE), op code."""
        return self.filter(groep=Categorie.Groep.POLITIE)


class Categorie(models.Model):
    """Een categorie met cijfers: een rij uit de tabellen van het plan, of een soort misdrijf
    van de politie (SoortMisdrijf, CBS 47013NED) die niet met zo'n rij overeenkomt.

    Welke soort een categorie is, staat in PolitieCategorie (de koppeling, in het beheer te
    wijzigen). Een soort zonder categorie van het plan krijgt bij de import een eigen
    categorie (groep POLITIE) met als `ouder` de categorie van de soort erboven in de indeling
    van de politie (0.0.0 Totaal misdrijven > 1.1 > 1.1.1, zie cijfers/politie.py). Een totaal
    wordt nooit bij zijn onderdelen opgeteld (politie.zonder_overlap). De categorieën van het
    plan staan overal eerst.
    """

    class Groep(models.TextChoices):
        TOTAAL = "totaal", "Totaal"
        WONINGINBRAAK = "woninginbraak", "Woninginbraken"
        GEWELD = "geweld", "Geweld"
        VVC = "vvc", "Veelvoorkomende criminaliteit (VVC)"
        OVERIG = "overig", "Overige misdrijven"
        OVERLAST = "overlast", "Overlast"
        POLITIE = "politie", "Andere soorten misdrijf (politie)"

    class Eenheid(models.TextChoices):
        """Wat een aantal telt, zoals de bron het noemt: IVP BES 2019-2022 §8.1 (regel 748 van
        de brontekst) spreekt van "het aantal incidenten autokraak, huiselijk geweld,
        zakkenrollen en meldingen jeugdoverlast" (issue 15, punt 8)."""

        MISDRIJVEN = "misdrijven", "geregistreerde misdrijven"
        INCIDENTEN = "incidenten", "incidenten"
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
    objects = CategorieQuerySet.as_manager()

    class Meta:
        verbose_name = "categorie"
        verbose_name_plural = "categorieën"
        ordering = ["volgorde", "naam"]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("cijfers:categorie", args=[self.slug])

    # Waar de bron van "incidenten" spreekt: alleen in de paragraaf over Baarn (regel 748).
    # De tabel van het basisteam (§2.1) noemt het "gemeten criminaliteit", zonder eenheid, en
    # de paragrafen van de andere gemeenten noemen geen eenheid; daarom noemt de eenheidsregel
    # Baarn bij naam, ook op de pagina van het basisteam (proefgebruiker, punt 16).
    INCIDENTEN_VINDPLAATS = "in de paragraaf over Baarn (IVP BES 2019-2022, §8.1)"

    @property
    def eenheid_tekst(self):
        """Wat de aantallen tellen, als zin-deel voor de eenheidsregel van een pagina:
        "aantal incidenten, zoals de bron ze noemt in de paragraaf over Baarn (IVP BES
        2019-2022, §8.1)" voor een categorie in incidenten (Eenheid.INCIDENTEN), anders
        "aantal <eenheid>"."""
        tekst = f"aantal {self.get_eenheid_display()}"
        if self.eenheid == self.Eenheid.INCIDENTEN:
            tekst += f", zoals de bron ze noemt {self.INCIDENTEN_VINDPLAATS}"
        return tekst


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
    def nieuwste_jaar(self, volledig=False):
        """Een Subquery voor `Gebied.objects.annotate(...)`: het nieuwste jaar (int, None zonder
        cijfers) van de cijfers in deze queryset van het gebied OuterRef("pk"); met `volledig`
        alleen jaren die een volledig cijfer hebben (ivp.models.volledig_jaar).

        Leest de index cijfers_cijfer_gebied_jaar van achter naar voren tot het eerste passende
        cijfer: geen scan over alle cijfers van het gebied."""
        cijfers = self.filter(gebied=OuterRef("pk"))
        if volledig:
            cijfers = cijfers.filter(volledig_jaar())
        return Subquery(cijfers.order_by("-jaar").values("jaar")[:1])

    def jaren(self):
        """Alle jaren met cijfers in de hele tabel (oplopend, elk jaar één keer; ints).

        Een "loose index scan" (recursieve CTE: telkens het kleinste jaar boven het vorige)
        over de index cijfers_cijfer_jaar: één indexsprong per jaar in plaats van een DISTINCT
        over alle cijfers. Filters op deze queryset tellen niet mee."""
        tabel = connection.ops.quote_name(self.model._meta.db_table)
        sql = (
            f"WITH RECURSIVE jaren(jaar) AS (SELECT MIN(jaar) FROM {tabel} UNION ALL "
            f"SELECT (SELECT MIN(jaar) FROM {tabel} WHERE jaar > jaren.jaar) FROM jaren "
            "WHERE jaren.jaar IS NOT NULL) SELECT jaar FROM jaren WHERE jaar IS NOT NULL"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return [int(jaar) for (jaar,) in cursor.fetchall()]

    def records(self, inwoners=False):
        """Gewone dicts voor de trendberekening: gebied en categorie als id, plus de bron.

        "importbron" is de titel van de bron als die niet uit het plan komt (PLANDOCUMENT),
        anders None: zo onderscheidt de trendtabel een geïmporteerd cijfer (issue 15, punt 6).

        Met `inwoners` krijgt elk record in dezelfde query ook het inwonertal van zijn gebied
        en jaar (en de bron daarvan), of None als dat niet bekend is.
        """
        extra = {}
        if inwoners:
            # Hoogstens één rij (uniek op gebied en jaar): zonder sortering, dus zonder join.
            bevolking = Bevolking.objects.filter(
                gebied=OuterRef("gebied"), jaar=OuterRef("jaar")
            ).order_by()
            extra = {
                "inwoners": Subquery(bevolking.values("inwoners")[:1]),
                "inwoners_bron": Subquery(bevolking.values("bron__titel")[:1]),
            }
        return self.values(
            "gebied",
            "categorie",
            "jaar",
            "periode",
            "waarde",
            "status",
            bron_titel=models.F("bron__titel"),
            importbron=models.Case(
                models.When(bron__document__startswith=PLANDOCUMENT, then=Value(None)),
                default=models.F("bron__titel"),
                output_field=models.CharField(),
            ),
            **extra,
        )

    def voor_export(self):
        """Tuples (gebied-naam, categorie-naam, jaar, periode, waarde of None, bron-titel,
        status, eenheid van de categorie als Categorie.Eenheid-waarde) voor data.csv.

        Geordend op de unieke sleutel (gebied-id, categorie-id, jaar, periode): PostgreSQL leest
        die index op volgorde en stuurt de eerste rij zonder eerst alle cijfers te sorteren.
        Tuples in plaats van modelobjecten: een paar keer zo snel over miljoenen rijen.

        Een wijk of buurt met een naam staat er als "naam (code)": hun namen zijn niet uniek,
        en zo vindt een import van de export hetzelfde gebied terug."""
        uniek = models.Case(
            models.When(
                Q(gebied__soort__in=[Gebied.Soort.WIJK, Gebied.Soort.BUURT])
                & ~Q(gebied__naam=models.F("gebied__cbs_code")),
                then=Concat("gebied__naam", Value(" ("), "gebied__cbs_code", Value(")")),
            ),
            default="gebied__naam",
            output_field=models.CharField(),
        )
        return self.order_by("gebied_id", "categorie_id", "jaar", "periode").values_list(
            uniek,
            "categorie__naam",
            "jaar",
            "periode",
            "waarde",
            "bron__titel",
            "status",
            "categorie__eenheid",
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

    # Geen aparte index op gebied: de unieke sleutel (gebied, categorie, jaar, periode) begint
    # ermee en dient elke zoekvraag op gebied; een index minder maakt een grote import sneller.
    gebied = models.ForeignKey(
        Gebied, on_delete=models.PROTECT, related_name="cijfers", db_index=False
    )
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
    # De geschiedenis wordt per cijfer (id) en op datum gelezen; indexen op gebied,
    # categorie en bron gebruikt niemand, en ze vertragen elke import.
    history = HistoricalRecords(
        verbose_name="cijfergeschiedenis", no_db_index=["gebied", "categorie", "bron"]
    )

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
        indexes = [
            # Het nieuwste jaar per gebied (startpagina, CijferQuerySet.nieuwste_jaar): van
            # achter naar voren, met de periode erin voor volledig_jaar zonder de tabel.
            models.Index(fields=["gebied", "jaar", "periode"], name="cijfers_cijfer_gebied_jaar"),
            # De jaren van de verkenner (CijferQuerySet.jaren): één indexsprong per jaar.
            models.Index(fields=["jaar"], name="cijfers_cijfer_jaar"),
        ]

    def __str__(self):
        return f"{self.gebied} · {self.categorie} · {self.periode}: {self.weergave}"

    @property
    def weergave(self):
        if self.waarde is None:
            return "x"
        return f"{self.waarde}*" if self.status == self.Status.VOORLOPIG else str(self.waarde)


class VeranderingQuerySet(models.QuerySet):
    def gepubliceerd(self, nieuw, vorig):
        """De veranderingen van jaar `vorig` naar jaar `nieuw` die een cijferpagina naast zijn
        trendtabel zet: van een regio het hele jaar, van andere gebieden de halfjaren.

        Met het gebied erbij (select_related): één query. Filter het gebied of de categorie
        van de pagina vóór deze methode, bijvoorbeeld `.filter(categorie=categorie)`.
        """
        return (
            self.filter(jaar=nieuw, vergeleken_met=vorig)
            .filter(
                Q(gebied__soort=Gebied.Soort.REGIO, periode=Verandering.Periode.JAAR)
                | ~Q(periode=Verandering.Periode.JAAR)
            )
            .select_related("gebied")
        )


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

    objects = VeranderingQuerySet.as_manager()

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


class PerGebiedEnJaar(models.Model):
    """Eén meting per gebied per jaar, met zijn bron (abstract).

    Gedeeld door `Veiligheidsbeleving` en `Bevolking`: de verwijzingen naar gebied en bron
    (terug te vinden als `gebied.<klassenaam>`), de volgorde en de regel dat een gebied per
    jaar hoogstens één meting heeft (constraint `cijfers_<klassenaam>_uniek`).
    """

    gebied = models.ForeignKey(Gebied, on_delete=models.PROTECT, related_name="%(class)s")
    bron = models.ForeignKey(Bron, on_delete=models.PROTECT, related_name="%(class)s")

    class Meta:
        abstract = True
        ordering = ["gebied", "jaar"]
        constraints = [
            models.UniqueConstraint(
                fields=["gebied", "jaar"], name="%(app_label)s_%(class)s_uniek"
            ),
        ]


class Veiligheidsbeleving(PerGebiedEnJaar):
    """Het rapportcijfer voor veiligheid in de buurt (1-10); leeg als er geen bruikbare meting is."""

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

    class Meta(PerGebiedEnJaar.Meta):
        verbose_name = verbose_name_plural = "veiligheidsbeleving"
        constraints = [
            *PerGebiedEnJaar.Meta.constraints,
            models.CheckConstraint(
                condition=Q(rapportcijfer__isnull=True)
                | Q(rapportcijfer__gte=1, rapportcijfer__lte=10),
                name="cijfers_beleving_bereik",
            ),
        ]

    def __str__(self):
        waarde = self.rapportcijfer if self.rapportcijfer is not None else "geen meting"
        return f"{self.gebied} {self.jaar}: {waarde}"


class PolitieCategorie(models.Model):
    """Een soort misdrijf uit de open data van de politie (CBS-tabellen 47013NED en 47018NED).

    Bij een import worden rijen met een gekoppelde soort opgeslagen als cijfer van die
    categorie; een soort zonder koppeling krijgt bij het schrijven een eigen categorie
    (politie.nieuwe_categorie) en is daarna daaraan gekoppeld. De koppeling is in het beheer te wijzigen; een categorie hoort bij hoogstens één soort,
    zodat een import nooit twee rijen op hetzelfde cijfer legt.
    """

    code = models.CharField(
        "code", max_length=10, unique=True, help_text="Zoals in de open data, bijv. 1.1.1."
    )
    naam = models.CharField(
        "naam", max_length=200, help_text="Zoals in de open data, bijv. Diefstal/inbraak woning."
    )
    categorie = models.ForeignKey(
        Categorie,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="politiecategorieen",
        verbose_name="categorie in het dashboard",
        help_text="Leeg: de volgende import van deze soort maakt er een eigen categorie voor.",
    )
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)

    class Meta:
        verbose_name = "soort misdrijf (politie)"
        verbose_name_plural = "soorten misdrijf (politie)"
        ordering = ["volgorde", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["categorie"],
                condition=Q(categorie__isnull=False),
                name="cijfers_politiecategorie_categorie_uniek",
                violation_error_message=(
                    "Deze categorie is al aan een andere soort misdrijf gekoppeld; een "
                    "categorie hoort bij hoogstens één soort."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.naam}"


class Bevolking(PerGebiedEnJaar):
    """Het aantal inwoners van een gebied in een jaar, voor cijfers per 1.000 inwoners."""

    jaar = models.PositiveSmallIntegerField(
        "jaar", validators=[MinValueValidator(EERSTE_JAAR), MaxValueValidator(LAATSTE_JAAR)]
    )
    inwoners = models.PositiveIntegerField("inwoners", validators=[MinValueValidator(1)])

    class Meta(PerGebiedEnJaar.Meta):
        verbose_name = verbose_name_plural = "bevolking"
        constraints = [
            *PerGebiedEnJaar.Meta.constraints,
            models.CheckConstraint(
                condition=Q(inwoners__gte=1), name="cijfers_bevolking_inwoners_positief"
            ),
            models.CheckConstraint(
                condition=Q(jaar__gte=EERSTE_JAAR, jaar__lte=LAATSTE_JAAR),
                name="cijfers_bevolking_jaar_bereik",
            ),
        ]

    def __str__(self):
        return f"{self.gebied} {self.jaar}: {self.inwoners} inwoners"


class Import(models.Model):
    """Een geüpload bestand: eerst een voorbeeld, na bevestiging uitgevoerd.

    De levensloop (`status`): VOORBEELD_MAKEN (het bestand is bewaard, de worker leest en
    controleert het en maakt het voorbeeld: cijfers/importeren/taken.py), dan VOORBEELD (te
    bevestigen) of NIET_TE_LEZEN (het bestand als geheel is niet te lezen; de fout staat in
    `voorbeeld["bestandsfout"]`), en na de bevestiging UITGEVOERD. Het bestand staat tot de
    bevestiging in `inhoud`; daarna (of als het niet te lezen is) wordt het geleegd. `soort`
    is leeg tot het voorbeeld gemaakt is. De geschiedenis van elk geïmporteerd cijfer noemt
    het nummer en de naam van de import.
    """

    class Soort(models.TextChoices):
        SJABLOON = "sjabloon", "Sjabloon (lang formaat van data.csv)"
        POLITIE = "politie", "Open data politie (CBS 47013NED/47018NED)"
        BEVOLKING = "bevolking", "Inwoners per gebied en jaar"
        KERNCIJFERS = "kerncijfers", "Kerncijfers wijken en buurten (CBS)"

    class Status(models.TextChoices):
        VOORBEELD_MAKEN = "voorbeeld_maken", "Voorbeeld wordt gemaakt"
        VOORBEELD = "voorbeeld", "Voorbeeld, nog niet bevestigd"
        NIET_TE_LEZEN = "niet_te_lezen", "Niet te importeren"
        UITGEVOERD = "uitgevoerd", "Uitgevoerd"

    bestandsnaam = models.CharField("bestandsnaam", max_length=255)
    soort = models.CharField("soort", max_length=20, choices=Soort.choices, blank=True)
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.VOORBEELD
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cijferimports",
        verbose_name="gebruiker",
    )
    aangemaakt = models.DateTimeField("geüpload op", auto_now_add=True)
    uitgevoerd = models.DateTimeField("uitgevoerd op", null=True, blank=True)
    alleen_geldige = models.BooleanField("alleen de geldige rijen", default=False)
    inhoud = models.BinaryField("bestand", blank=True, default=b"")
    sha256 = models.CharField("SHA-256 van het bestand", max_length=64)
    voorbeeld = models.JSONField("voorbeeld", default=dict, blank=True)
    toegevoegd = models.PositiveIntegerField("toegevoegd", default=0)
    gewijzigd = models.PositiveIntegerField("gewijzigd", default=0)
    ongewijzigd = models.PositiveIntegerField("ongewijzigd", default=0)
    afgewezen = models.PositiveIntegerField("afgewezen", default=0)
    overgeslagen = models.PositiveIntegerField("overgeslagen", default=0)

    class Meta:
        verbose_name = "import"
        verbose_name_plural = "imports"
        ordering = ["-aangemaakt", "-pk"]

    def __str__(self):
        return f"Import {self.pk}: {self.bestandsnaam}"

    def get_absolute_url(self):
        return reverse("cijfers:import", args=[self.pk])

    def tellingen(self):
        return {
            naam: getattr(self, naam)
            for naam in ("toegevoegd", "gewijzigd", "ongewijzigd", "afgewezen", "overgeslagen")
        }

    @property
    def is_voorbeeld(self):
        """Nog niet bevestigd: er is niets geschreven en het bestand staat nog in `inhoud`."""
        return self.status == self.Status.VOORBEELD

    @property
    def is_uitgevoerd(self):
        """Bevestigd en geschreven (op `uitgevoerd`)."""
        return self.status == self.Status.UITGEVOERD

    @property
    def wordt_voorbeeld(self):
        """Het bestand is bewaard en het voorbeeld wordt (door de worker) gemaakt."""
        return self.status == self.Status.VOORBEELD_MAKEN

    @property
    def is_niet_te_lezen(self):
        """De worker vond het bestand als geheel niet te lezen (BestandFout): niets bewaard."""
        return self.status == self.Status.NIET_TE_LEZEN

    @property
    def bestandsfout(self):
        """De fout van een bestand dat niet te lezen is: {"rij", "kolom", "waarde", "reden"}
        (zoals fouten.Fout), of None."""
        return self.voorbeeld.get("bestandsfout") if self.is_niet_te_lezen else None

    @property
    def reden(self):
        """De reden in de geschiedenis van elk cijfer dat deze import schrijft (max. 100 tekens)."""
        return str(self)[:100]


class Importtaak(models.Model):
    """Het werk van de worker aan een import (cijfers/importeren/taken.py): eerst het
    voorbeeld maken (`opdracht` VOORBEELD), na de bevestiging de import uitvoeren (IMPORT).

    Eén taak per import, die bij de bevestiging van opdracht wisselt. Wat de worker bijhoudt,
    zodat de importpagina de voortgang kan tonen zonder te herladen: de stap en de rijen die
    gelezen, gecontroleerd en geschreven zijn (aantallen rijen), en aan het eind de uitkomst
    (`melding` als er niets geïmporteerd is). `taak_id` is het id van de taak in django-tasks
    (django_tasks_db: DBTaskResult).
    """

    class Opdracht(models.TextChoices):
        VOORBEELD = "voorbeeld", "Voorbeeld maken"
        IMPORT = "import", "Importeren"

    class Status(models.TextChoices):
        IN_DE_RIJ = "in_de_rij", "In de rij voor de worker"
        BEZIG = "bezig", "Bezig"
        KLAAR = "klaar", "Klaar"
        MISLUKT = "mislukt", "Niets geïmporteerd"

    # Zo lang zonder bericht van een bezige worker: gestopt (is_vastgelopen).
    VASTGELOPEN_NA = datetime.timedelta(minutes=15)
    # Zo lang in de rij zonder dat een worker begint: draait er wel een? (is_niet_opgepakt)
    NIET_OPGEPAKT_NA = datetime.timedelta(minutes=2)

    class Stap(models.TextChoices):
        WACHTEN = "wachten", "Wachten op de worker"
        LEZEN = "lezen", "Lezen"
        CONTROLEREN = "controleren", "Controleren"
        VERGELIJKEN = "vergelijken", "Vergelijken met het dashboard"
        SCHRIJVEN = "schrijven", "Schrijven"
        AFGEROND = "afgerond", "Afgerond"

    import_bestand = models.OneToOneField(
        Import, on_delete=models.CASCADE, related_name="taak", verbose_name="import"
    )
    opdracht = models.CharField(
        "opdracht", max_length=20, choices=Opdracht.choices, default=Opdracht.IMPORT
    )
    taak_id = models.CharField("id van de taak", max_length=64, blank=True)
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.IN_DE_RIJ
    )
    stap = models.CharField("stap", max_length=20, choices=Stap.choices, default=Stap.WACHTEN)
    alleen_geldige = models.BooleanField("alleen de geldige rijen", default=False)
    plan_bevestigd = models.BooleanField("afwijkingen van het plan bevestigd", default=False)
    totaal = models.PositiveBigIntegerField("rijen in het bestand", default=0)
    gelezen = models.PositiveBigIntegerField("gelezen", default=0)
    gecontroleerd = models.PositiveBigIntegerField("gecontroleerd", default=0)
    geschreven = models.PositiveBigIntegerField("geschreven", default=0)
    te_schrijven = models.PositiveBigIntegerField("te schrijven", default=0)
    melding = models.TextField("melding", blank=True)
    aangemaakt = models.DateTimeField("in de rij gezet op", auto_now_add=True)
    bijgewerkt = models.DateTimeField("bijgewerkt op", auto_now=True)

    class Meta:
        verbose_name = "importtaak"
        verbose_name_plural = "importtaken"

    def __str__(self):
        return f"Taak van {self.import_bestand}"

    @property
    def is_afgelopen(self):
        """Klaar of mislukt: de worker doet er niets meer mee."""
        return self.status in (self.Status.KLAAR, self.Status.MISLUKT)

    @property
    def is_vastgelopen(self):
        """Bezig, maar al VASTGELOPEN_NA niets van de worker gehoord (een gestopte worker): dan
        mag de gebruiker opnieuw bevestigen. Een gestopte worker heeft niets geschreven (alles
        in één transactie); een trage die toch nog klaar komt, maakt het tweede voorbeeld
        ongeldig (schrijven.VeranderdSindsVoorbeeld)."""
        return (
            self.status == self.Status.BEZIG
            and self.bijgewerkt < timezone.now() - self.VASTGELOPEN_NA
        )

    @property
    def is_niet_opgepakt(self):
        """Al NIET_OPGEPAKT_NA in de rij zonder dat een worker begon (`bijgewerkt` is het
        moment van in de rij zetten): waarschijnlijk draait er geen worker. De taak blijft in
        de rij; een worker die later start, voert hem alsnog uit."""
        return (
            self.status == self.Status.IN_DE_RIJ
            and self.bijgewerkt < timezone.now() - self.NIET_OPGEPAKT_NA
        )

    @property
    def is_voorbeeld(self):
        """De taak maakt (of maakte) het voorbeeld; nog niets bevestigd."""
        return self.opdracht == self.Opdracht.VOORBEELD


class Kerncijfers(PerGebiedEnJaar):
    """De kerncijfers van een gemeente in een jaar uit CBS' "Kerncijfers wijken en buurten"
    (bijvoorbeeld 85984NED): inwoners, omgevingsadressendichtheid (adressen per km² binnen
    een cirkel van 1 km, gemiddeld over de adressen) en de mate van stedelijkheid (1 zeer
    sterk stedelijk t/m 5 niet stedelijk). Een cijfer dat het CBS niet geeft, blijft leeg.

    Gebruikt om de vergelijkingsgroep van een gemeente te kiezen (cijfers/vergelijking.py)."""

    jaar = models.PositiveSmallIntegerField(
        "jaar", validators=[MinValueValidator(EERSTE_JAAR), MaxValueValidator(LAATSTE_JAAR)]
    )
    inwoners = models.PositiveIntegerField("inwoners", null=True, blank=True)
    adressendichtheid = models.PositiveIntegerField(
        "omgevingsadressendichtheid (adressen per km²)", null=True, blank=True
    )
    stedelijkheid = models.PositiveSmallIntegerField(
        "mate van stedelijkheid (1-5)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )

    class Meta(PerGebiedEnJaar.Meta):
        verbose_name = verbose_name_plural = "kerncijfers"
        constraints = [
            *PerGebiedEnJaar.Meta.constraints,
            models.CheckConstraint(
                condition=Q(stedelijkheid__isnull=True)
                | Q(stedelijkheid__gte=1, stedelijkheid__lte=5),
                name="cijfers_kerncijfers_stedelijkheid_bereik",
            ),
        ]

    def __str__(self):
        return f"{self.gebied} {self.jaar}: kerncijfers"


class Vergelijkingsgroep(models.Model):
    """De gemeenten waarmee een gemeente zich vergelijkt ("is dat veel?").

    Standaard de k meest gelijkende gemeenten van het land naar inwoners en
    omgevingsadressendichtheid (cijfers/vergelijking.py, `methode` zegt hoe); in het beheer
    aan te passen. Een aangepaste groep (`aangepast`) wordt nooit door een nieuwe berekening
    overschreven."""

    gemeente = models.OneToOneField(
        Gebied,
        on_delete=models.CASCADE,
        related_name="vergelijkingsgroep",
        limit_choices_to={"soort": Gebied.Soort.GEMEENTE},
    )
    leden = models.ManyToManyField(
        Gebied,
        related_name="in_vergelijkingsgroepen",
        limit_choices_to={"soort": Gebied.Soort.GEMEENTE},
        verbose_name="leden",
    )
    methode = models.TextField(
        "methode", help_text="Hoe de groep gekozen is; staat op de gebiedspagina."
    )
    aangepast = models.BooleanField(
        "aangepast in het beheer",
        default=False,
        help_text="Een aangepaste groep wordt niet opnieuw berekend.",
    )
    bijgewerkt = models.DateTimeField("bijgewerkt", auto_now=True)

    class Meta:
        verbose_name = "vergelijkingsgroep"
        verbose_name_plural = "vergelijkingsgroepen"
        ordering = ["gemeente__naam"]

    def __str__(self):
        return f"Vergelijkingsgroep van {self.gemeente}"


# --- Toelichting bij een cijfer (issue 17) ---------------------------------------------------

TOELICHTING_MAX = 2000  # tekens: een alinea of twee, geen rapport


def periodegrenzen(periode):
    """De eerste en laatste maand van een periode in de notatie van Cijfer.periode, als
    ((jaar, maand), (jaar, maand)): "2018" → ((2018, 1), (2018, 12)), "2018-H2" →
    ((2018, 7), (2018, 12)), "2018-03" → ((2018, 3), (2018, 3)). ValueError bij een andere
    notatie (zie PERIODE_VALIDATOR)."""
    jaar, _, deel = periode.partition("-")
    jaar = int(jaar)
    if not deel:
        return (jaar, 1), (jaar, 12)
    if deel in ("H1", "H2"):
        begin = 1 if deel == "H1" else 7
        return (jaar, begin), (jaar, begin + 5)
    maand = int(deel)
    if not 1 <= maand <= 12:
        raise ValueError(f"Geen maand: {periode}")
    return (jaar, maand), (jaar, maand)


class ToelichtingQuerySet(models.QuerySet):
    def zichtbaar(self):
        """De niet ingetrokken toelichtingen met gebied, categorie en auteur (voor een lijst of
        een cel: één query), oudste periode eerst."""
        return (
            self.filter(ingetrokken=False)
            .select_related("gebied", "categorie", "auteur")
            .order_by("gebied__volgorde", "categorie__volgorde", "van", "aangemaakt")
        )

    def voor_gebieden(self, gebieden):
        """De toelichtingen bij deze gebieden (Gebied-objecten of id's)."""
        return self.filter(gebied__in=gebieden)

    def sinds(self, datum):
        """Toegevoegd of gewijzigd sinds `datum`: een datum (op of na die dag, lokale tijd,
        zoals ?sinds= op /voortgang/) of een aware datetime (ná dat moment, bijvoorbeeld het
        einde van de dag van de vorige vergadering)."""
        if isinstance(datum, datetime.datetime):
            return self.filter(Q(aangemaakt__gt=datum) | Q(bijgewerkt__gt=datum))
        return self.filter(Q(aangemaakt__date__gte=datum) | Q(bijgewerkt__date__gte=datum))


class Toelichting(models.Model):
    """De eigen uitleg van een gemeente (of het basisteam) bij haar cijfers: bij een gebied,
    een categorie en een periode of een reeks perioden (`van` t/m `tot`, in de notatie van
    Cijfer.periode: 2018, 2018-H1, 2018-01). Zoals Baarns analyse in het plan: "de
    woninginbraken stegen begin 2018 sterk, tot de politie een groep verdachten aanhield".

    Wie mag schrijven: ivp.rechten.mag_bewerken via `gemeente_id` (het gebied): een adviseur
    van die gemeente, de voorzitter of een beheerder. Ingetrokken is niet verwijderd: de
    toelichting blijft in de geschiedenis, maar staat niet meer op de pagina's. De tekst is
    gewone tekst en wordt overal geëscaped getoond.
    """

    gebied = models.ForeignKey(
        Gebied,
        on_delete=models.PROTECT,
        related_name="toelichtingen",
        verbose_name="gebied",
        limit_choices_to={"soort__in": [Gebied.Soort.GEMEENTE, Gebied.Soort.BASISTEAM]},
    )
    categorie = models.ForeignKey(
        Categorie, on_delete=models.PROTECT, related_name="toelichtingen", verbose_name="categorie"
    )
    van = models.CharField(
        "periode (van)",
        max_length=7,
        validators=[PERIODE_VALIDATOR],
        help_text="Een jaar (2018), een halfjaar (2018-H1) of een maand (2018-01).",
    )
    tot = models.CharField(
        "tot en met",
        max_length=7,
        blank=True,
        validators=[PERIODE_VALIDATOR],
        help_text="Leeg voor één periode; anders de laatste periode van de reeks.",
    )
    tekst = models.TextField(
        "toelichting", max_length=TOELICHTING_MAX, help_text="Gewone tekst, geen opmaak."
    )
    contact = models.CharField(
        "contactpersoon",
        max_length=200,
        blank=True,
        help_text="Optioneel: wie meer weet (naam, functie of e-mailadres).",
    )
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="toelichtingen",
        verbose_name="auteur",
    )
    ingetrokken = models.BooleanField(
        "ingetrokken",
        default=False,
        help_text="Niet meer op de pagina's; blijft in de geschiedenis.",
    )
    aangemaakt = models.DateTimeField("geschreven op", auto_now_add=True)
    bijgewerkt = models.DateTimeField("bijgewerkt op", auto_now=True)

    objects = ToelichtingQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="geschiedenis van de toelichting")

    class Meta:
        verbose_name = "toelichting bij een cijfer"
        verbose_name_plural = "toelichtingen bij cijfers"
        ordering = ["gebied", "categorie", "van", "aangemaakt"]
        constraints = [
            # `tot` wordt bij het opslaan ingevuld (gelijk aan `van` voor één periode).
            models.CheckConstraint(
                condition=Q(tot__gte=Substr("van", 1, 4)) & ~Q(tot=""),
                name="cijfers_toelichting_van_voor_tot",
            ),
            models.CheckConstraint(
                condition=~Q(tekst=""), name="cijfers_toelichting_tekst_niet_leeg"
            ),
        ]
        indexes = [
            models.Index(fields=["gebied", "categorie"], name="cijfers_toelichting_reeks"),
        ]

    def __str__(self):
        return f"{self.gebied} · {self.categorie} · {self.periode}"

    def save(self, *args, **kwargs):
        if not self.tot:
            self.tot = self.van
        super().save(*args, **kwargs)

    @property
    def gemeente_id(self):
        """Het gebied (gemeente of basisteam) waarvan de toelichting is (ivp.rechten)."""
        return self.gebied_id

    @property
    def periode(self):
        """De periode als tekst: "2018" of "2018-H1 t/m 2018-12"."""
        return self.van if not self.tot or self.tot == self.van else f"{self.van} t/m {self.tot}"

    @property
    def jaren(self):
        """De jaren (ints) die de periode raakt: de cellen van de trendtabel met een teken."""
        begin, _ = periodegrenzen(self.van)
        _, eind = periodegrenzen(self.tot or self.van)
        return range(begin[0], eind[0] + 1)

    def clean(self):
        """`tot` niet vóór `van` (op begin- en eindmaand, niet op de tekst)."""
        super().clean()
        if not self.tot:
            self.tot = self.van  # één periode (ook voor de constraint bij full_clean)
        try:
            begin, _ = periodegrenzen(self.van)
            _, eind = periodegrenzen(self.tot or self.van)
        except ValueError:
            return  # de veldvalidatie meldt de notatie
        if eind < begin:
            raise ValidationError({"tot": "De laatste periode ligt vóór de eerste."})
