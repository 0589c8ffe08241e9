from django.contrib import admin

from ivp.models import Bijdrage, Gebied, Gegevensversie, Overleg, Paragraaf, Plan, Profiel


@admin.register(Gebied)
class GebiedAdmin(admin.ModelAdmin):
    list_display = ["naam", "soort", "cbs_code", "volgorde"]
    list_filter = ["soort"]
    search_fields = ["naam", "cbs_code"]
    prepopulated_fields = {"slug": ["naam"]}
    filter_horizontal = ["leden"]


class ParagraafInline(admin.StackedInline):
    model = Paragraaf
    extra = 0


class BijdrageInline(admin.TabularInline):
    model = Bijdrage
    extra = 0


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["naam", "looptijd", "ondertekend_op"]
    prepopulated_fields = {"slug": ["naam"]}
    filter_horizontal = ["deelnemers"]
    inlines = [BijdrageInline, ParagraafInline]

    @admin.display(description="looptijd")
    def looptijd(self, plan):
        return plan.looptijd


@admin.register(Paragraaf)
class ParagraafAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan"]
    list_filter = ["plan"]
    search_fields = ["titel", "tekst"]


@admin.register(Overleg)
class OverlegAdmin(admin.ModelAdmin):
    list_display = ["naam", "afkorting", "frequentie", "voorzitter", "plan"]
    list_filter = ["plan"]
    search_fields = ["naam", "afkorting", "inhoud"]
    prepopulated_fields = {"slug": ["naam"]}


@admin.register(Bijdrage)
class BijdrageAdmin(admin.ModelAdmin):
    list_display = ["actor", "bijdrage", "plan"]
    list_filter = ["plan", "actor"]


@admin.register(Profiel)
class ProfielAdmin(admin.ModelAdmin):
    list_display = ["gebruiker", "rol"]
    list_filter = ["rol", "gemeenten"]
    filter_horizontal = ["gemeenten"]
    search_fields = ["gebruiker__username", "gebruiker__first_name", "gebruiker__last_name"]


@admin.register(Gegevensversie)
class GegevensversieAdmin(admin.ModelAdmin):
    """Alleen lezen: de versie van de gegevens (ivp/gegevensversie.py) verandert vanzelf."""

    list_display = ["versie", "sleutel"]

    def get_queryset(self, request):
        return Gegevensversie.objects.all()  # de standaardmanager is leeg (niet in dumps)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
