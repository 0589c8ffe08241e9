from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cijfers.models import Bron, Categorie, Cijfer, Veiligheidsbeleving, Verandering


@admin.register(Categorie)
class CategorieAdmin(admin.ModelAdmin):
    list_display = ["naam", "ouder", "groep", "eenheid", "volgorde"]
    list_filter = ["groep", "eenheid"]
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
    list_filter = ["gebied", "categorie__groep", "jaar", "status", "bron"]
    search_fields = ["categorie__naam", "gebied__naam"]
    list_select_related = ["gebied", "categorie", "bron"]
    autocomplete_fields = ["categorie"]


@admin.register(Verandering)
class VeranderingAdmin(admin.ModelAdmin):
    list_display = ["gebied", "categorie", "vergelijking", "periode", "procent", "bron"]
    list_filter = ["gebied", "periode"]
    list_select_related = ["gebied", "categorie", "bron"]

    @admin.display(description="vergelijking")
    def vergelijking(self, verandering):
        return f"{verandering.jaar} t.o.v. {verandering.vergeleken_met}"


@admin.register(Veiligheidsbeleving)
class VeiligheidsbelevingAdmin(admin.ModelAdmin):
    list_display = ["gebied", "meetjaar", "rapportcijfer", "onderzoek", "bron"]
    list_select_related = ["gebied", "bron"]

    @admin.display(description="jaar", ordering="jaar")
    def meetjaar(self, beleving):
        return str(beleving.jaar)
