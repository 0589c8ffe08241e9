from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from ivp.rechten import mag_bewerken
from prioriteiten.models import (
    Doel,
    Gemeenteanalyse,
    Indicator,
    LokaalSpeerpunt,
    Maatregel,
    Mijlpaal,
    Prioriteit,
    Status,
    Voortgang,
)


class RechtenMixin:
    """Ook in het beheer geldt ivp.rechten: een adviseur van Baarn bewerkt Soest niet.

    Bovenop Django's modelrechten: een object buiten iemands gemeenten is alleen te lezen,
    en opslaan ervan (ook een nieuw object) wordt geweigerd met 403.
    """

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or mag_bewerken(request.user, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or mag_bewerken(request.user, obj)
        )


class BewaakteAdmin(RechtenMixin, SimpleHistoryAdmin):
    def save_model(self, request, obj, form, change):
        if not mag_bewerken(request.user, obj):
            raise PermissionDenied("Dit onderwerp hoort niet bij uw gemeenten.")
        super().save_model(request, obj, form, change)


class DoelInline(RechtenMixin, admin.TabularInline):
    model = Doel
    extra = 0


class MaatregelInline(RechtenMixin, admin.TabularInline):
    model = Maatregel
    extra = 0


class OuderAdmin(BewaakteAdmin):
    """Een prioriteit of lokaal speerpunt, met zijn doelen en maatregelen eronder."""

    inlines = [DoelInline, MaatregelInline]


@admin.register(Prioriteit)
class PrioriteitAdmin(OuderAdmin):
    list_display = ["naam", "plan", "volgorde", "portefeuillehouder_weergave"]
    list_filter = ["plan"]
    search_fields = ["naam", "omschrijving"]
    prepopulated_fields = {"slug": ["naam"]}
    filter_horizontal = ["categorieen"]

    @admin.display(description="portefeuillehouder")
    def portefeuillehouder_weergave(self, prioriteit):
        return prioriteit.portefeuillehouder_weergave


@admin.register(LokaalSpeerpunt)
class LokaalSpeerpuntAdmin(OuderAdmin):
    list_display = ["titel", "gebied", "plan", "volgorde"]
    list_filter = ["plan", "gebied"]
    search_fields = ["titel", "toelichting"]
    prepopulated_fields = {"slug": ["titel"]}


@admin.register(Doel)
class DoelAdmin(BewaakteAdmin):
    list_display = ["__str__", "prioriteit", "speerpunt", "volgorde"]
    list_filter = ["prioriteit__plan", "prioriteit", "speerpunt__gebied"]
    list_select_related = ["prioriteit__plan", "speerpunt__gebied", "speerpunt__plan"]
    search_fields = ["tekst"]


class StatusFilter(admin.SimpleListFilter):
    """Filter op de afgeleide status (Maatregel.objects.met_status())."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Status.choices

    def queryset(self, request, queryset):
        if self.value() in Status.values:
            return queryset.filter(status=self.value())
        return queryset


@admin.register(Maatregel)
class MaatregelAdmin(BewaakteAdmin):
    list_display = ["__str__", "prioriteit", "speerpunt", "status_weergave"]
    list_filter = [StatusFilter, "prioriteit__plan", "prioriteit", "speerpunt__gebied"]
    list_select_related = ["prioriteit__plan", "speerpunt__gebied", "speerpunt__plan"]
    search_fields = ["tekst"]

    def get_queryset(self, request):
        return super().get_queryset(request).met_status()

    @admin.display(description="status", ordering="status")
    def status_weergave(self, maatregel):
        return maatregel.get_status_display()


@admin.register(Voortgang)
class VoortgangAdmin(BewaakteAdmin):
    list_display = ["datum", "status", "onderwerp", "auteur"]
    list_filter = ["status", "datum"]
    list_select_related = ["maatregel", "doel", "speerpunt", "auteur"]
    search_fields = ["tekst"]
    raw_id_fields = ["maatregel", "doel", "speerpunt"]
    date_hierarchy = "datum"


class MijlpaalInline(RechtenMixin, admin.TabularInline):
    model = Mijlpaal
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(BewaakteAdmin):
    list_display = [
        "doel", "categorie", "gebied", "basisjaar", "richting", "streefwaarde", "streefdatum",
    ]  # fmt: skip
    list_select_related = ["doel", "categorie", "gebied"]
    raw_id_fields = ["doel"]
    inlines = [MijlpaalInline]


@admin.register(Mijlpaal)
class MijlpaalAdmin(BewaakteAdmin):
    list_display = ["indicator", "jaar", "waarde"]
    list_select_related = ["indicator__doel", "indicator__categorie", "indicator__gebied"]
    raw_id_fields = ["indicator"]


@admin.register(Gemeenteanalyse)
class GemeenteanalyseAdmin(admin.ModelAdmin):
    list_display = ["gebied", "plan", "paragraaf"]
    list_filter = ["plan"]
