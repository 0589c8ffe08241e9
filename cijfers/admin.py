from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from cijfers.models import (
    Bevolking,
    Bron,
    Categorie,
    Cijfer,
    Import,
    Importtaak,
    Kerncijfers,
    PolitieCategorie,
    Toelichting,
    Veiligheidsbeleving,
    Verandering,
    Vergelijkingsgroep,
)
from cijfers.vergelijking import bereken_groepen
from ivp.rechten import mag_toelichten


@admin.register(Categorie)
class CategorieAdmin(admin.ModelAdmin):
    list_display = ["naam", "ouder", "groep", "eenheid", "volgorde"]
    list_filter = ["groep", "eenheid"]
    list_select_related = ["ouder"]
    search_fields = ["naam"]
    prepopulated_fields = {"slug": ["naam"]}


@admin.register(Bron)
class BronAdmin(admin.ModelAdmin):
    list_display = ["titel", "document", "tabel"]
    search_fields = ["titel", "document", "tabel"]


@admin.register(Cijfer)
class CijferAdmin(SimpleHistoryAdmin):
    # De periode is tekst, zodat een jaar niet als "2.018" verschijnt.
    list_display = ["gebied", "categorie", "periode", "waarde", "status", "bron"]
    # Met referentiegebieden (heel Nederland, wijken, buurten) zijn het duizenden gebieden:
    # filteren op soort, zoeken op naam of CBS-code, kiezen met autocomplete.
    list_filter = ["gebied__soort", "categorie__groep", "jaar", "status", "bron"]
    search_fields = ["categorie__naam", "gebied__naam", "gebied__cbs_code"]
    list_select_related = ["gebied", "categorie", "bron"]
    autocomplete_fields = ["gebied", "categorie"]


@admin.register(Verandering)
class VeranderingAdmin(admin.ModelAdmin):
    list_display = ["gebied", "categorie", "vergelijking", "periode", "procent", "bron"]
    list_filter = ["gebied", "periode"]
    list_select_related = ["gebied", "categorie", "bron"]

    @admin.display(description="vergelijking")
    def vergelijking(self, verandering):
        return f"{verandering.jaar} t.o.v. {verandering.vergeleken_met}"


class JaarAlsTekstMixin:
    """Toont het jaar als "2018" in plaats van Django's "2.018" (getalnotatie met punt)."""

    @admin.display(description="jaar", ordering="jaar")
    def jaar_als_tekst(self, obj):
        return str(obj.jaar)


@admin.register(Veiligheidsbeleving)
class VeiligheidsbelevingAdmin(JaarAlsTekstMixin, admin.ModelAdmin):
    list_display = ["gebied", "jaar_als_tekst", "rapportcijfer", "onderzoek", "bron"]
    list_select_related = ["gebied", "bron"]


@admin.register(PolitieCategorie)
class PolitieCategorieAdmin(admin.ModelAdmin):
    """De koppeling van de soorten misdrijf uit de open data van de politie aan de categorieën."""

    list_display = ["code", "naam", "categorie"]
    list_editable = ["categorie"]
    list_filter = [("categorie", admin.EmptyFieldListFilter)]
    search_fields = ["code", "naam", "categorie__naam"]
    list_select_related = ["categorie"]
    list_per_page = 100


@admin.register(Bevolking)
class BevolkingAdmin(JaarAlsTekstMixin, admin.ModelAdmin):
    list_display = ["gebied", "jaar_als_tekst", "inwoners", "bron"]
    list_filter = ["gebied__soort", "jaar"]
    search_fields = ["gebied__naam", "gebied__cbs_code"]
    list_select_related = ["gebied", "bron"]
    autocomplete_fields = ["gebied"]


@admin.register(Kerncijfers)
class KerncijfersAdmin(JaarAlsTekstMixin, admin.ModelAdmin):
    list_display = [
        "gebied", "jaar_als_tekst", "inwoners", "adressendichtheid", "stedelijkheid", "bron"
    ]  # fmt: skip
    list_filter = ["jaar", "stedelijkheid"]
    search_fields = ["gebied__naam", "gebied__cbs_code"]
    list_select_related = ["gebied", "bron"]
    autocomplete_fields = ["gebied"]


@admin.register(Vergelijkingsgroep)
class VergelijkingsgroepAdmin(admin.ModelAdmin):
    """De vergelijkingsgroep van een gemeente: de leden kiezen (zoeken op naam of CBS-code),
    of met de actie de standaardgroep opnieuw laten berekenen (cijfers/vergelijking.py)."""

    list_display = ["gemeente", "aantal_leden", "aangepast", "bijgewerkt"]
    list_filter = ["aangepast"]
    search_fields = ["gemeente__naam", "gemeente__cbs_code"]
    autocomplete_fields = ["gemeente", "leden"]
    actions = ["standaardgroep"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("gemeente").prefetch_related("leden")

    @admin.display(description="leden")
    def aantal_leden(self, groep):
        return len(groep.leden.all())

    def save_model(self, request, obj, form, change):
        # Wie hier de leden wijzigt, past de groep aan: een nieuwe berekening laat hem staan.
        if "leden" in form.changed_data:
            obj.aangepast = True
        super().save_model(request, obj, form, change)

    @admin.action(description="Standaardgroep opnieuw berekenen (niet voor aangepaste groepen)")
    def standaardgroep(self, request, queryset):
        aantal = bereken_groepen([groep.gemeente for groep in queryset])
        self.message_user(request, f"{aantal} vergelijkingsgroep(en) opnieuw berekend.")


@admin.register(Import)
class ImportAdmin(admin.ModelAdmin):
    """Alleen lezen: imports komen van de uploadpagina of het commando importeer_cijfers."""

    list_display = [
        "__str__",
        "soort",
        "status",
        "gebruiker",
        "aangemaakt",
        "toegevoegd",
        "gewijzigd",
        "ongewijzigd",
        "afgewezen",
        "overgeslagen",
    ]
    list_filter = ["soort", "status"]
    list_select_related = ["gebruiker"]
    exclude = ["inhoud", "voorbeeld"]
    readonly_fields = ["pagina"]

    @admin.display(description="voorbeeld en uitkomst")
    def pagina(self, import_):
        url = reverse("cijfers:import", args=[import_.pk])
        return format_html('<a href="{}">{}</a>', url, url)

    def get_queryset(self, request):
        return super().get_queryset(request).defer("inhoud", "voorbeeld")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Importtaak)
class ImporttaakAdmin(admin.ModelAdmin):
    """Alleen lezen: de worker houdt hier de voortgang van een bevestigde import bij."""

    list_display = ["__str__", "status", "stap", "gelezen", "geschreven", "bijgewerkt"]
    list_filter = ["status"]
    list_select_related = ["import_bestand"]
    raw_id_fields = ["import_bestand"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Toelichting)
class ToelichtingAdmin(SimpleHistoryAdmin):
    """Toelichtingen in het beheer, met dezelfde rechten als op de site (ivp.rechten.
    mag_toelichten): een adviseur van Soest ziet die van Baarn, maar wijzigt of maakt er geen
    (403). Verwijderen mag alleen wie alles mag; een adviseur trekt een toelichting in."""

    list_display = ["gebied", "categorie", "periode", "auteur", "bijgewerkt", "ingetrokken"]
    list_filter = ["ingetrokken", "gebied"]
    list_select_related = ["gebied", "categorie", "auteur"]
    search_fields = ["tekst", "gebied__naam", "categorie__naam"]
    autocomplete_fields = ["categorie"]
    readonly_fields = ["auteur", "aangemaakt", "bijgewerkt"]
    fields = [
        "gebied",
        "categorie",
        "van",
        "tot",
        "tekst",
        "contact",
        "ingetrokken",
        *readonly_fields,
    ]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or mag_toelichten(request.user, obj.gebied_id)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or mag_toelichten(request.user, obj.gebied_id)
        )

    def save_model(self, request, obj, form, change):
        if not mag_toelichten(request.user, obj.gebied_id):
            raise PermissionDenied("Deze toelichting hoort niet bij uw gemeenten.")
        if not change:
            obj.auteur = request.user
        super().save_model(request, obj, form, change)
