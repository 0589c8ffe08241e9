from django.contrib import admin

from prioriteiten.models import Doel, Gemeenteanalyse, LokaalSpeerpunt, Maatregel, Prioriteit


class DoelInline(admin.TabularInline):
    model = Doel
    extra = 0


class MaatregelInline(admin.TabularInline):
    model = Maatregel
    extra = 0


@admin.register(Prioriteit)
class PrioriteitAdmin(admin.ModelAdmin):
    list_display = ["naam", "plan", "volgorde", "portefeuillehouder_weergave"]
    list_filter = ["plan"]
    search_fields = ["naam", "omschrijving"]
    prepopulated_fields = {"slug": ["naam"]}
    inlines = [DoelInline, MaatregelInline]

    @admin.display(description="portefeuillehouder")
    def portefeuillehouder_weergave(self, prioriteit):
        return prioriteit.portefeuillehouder_weergave


@admin.register(LokaalSpeerpunt)
class LokaalSpeerpuntAdmin(admin.ModelAdmin):
    list_display = ["titel", "gebied", "plan", "volgorde"]
    list_filter = ["plan", "gebied"]
    search_fields = ["titel", "toelichting"]
    prepopulated_fields = {"slug": ["titel"]}
    inlines = [DoelInline, MaatregelInline]


@admin.register(Doel)
class DoelAdmin(admin.ModelAdmin):
    list_display = ["__str__", "prioriteit", "speerpunt", "volgorde"]
    list_filter = ["prioriteit__plan", "prioriteit", "speerpunt__gebied"]
    search_fields = ["tekst"]


@admin.register(Maatregel)
class MaatregelAdmin(admin.ModelAdmin):
    list_display = ["__str__", "prioriteit", "speerpunt", "status"]
    list_filter = ["status", "prioriteit__plan", "prioriteit", "speerpunt__gebied"]
    search_fields = ["tekst"]


@admin.register(Gemeenteanalyse)
class GemeenteanalyseAdmin(admin.ModelAdmin):
    list_display = ["gebied", "plan", "paragraaf"]
    list_filter = ["plan"]
