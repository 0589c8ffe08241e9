from django.apps import apps
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.contrib.auth.models import Group, User
from django.utils.text import format_lazy

from ivp.models import Bijdrage, Gebied, Gegevensversie, Overleg, Paragraaf, Plan, Profiel

# De vier standaardrechten die Django per model aanmaakt ("Can add ...": in de database, in het
# Engels, en dus niet door een vertaling te vangen).
RECHTACTIES = {
    "add": "toevoegen",
    "change": "wijzigen",
    "delete": "verwijderen",
    "view": "bekijken",
}


def recht_in_het_nederlands(recht):
    """Het label van een Permission in het beheer, in het Nederlands voor de standaardrechten:
    "Cijfers | cijfer | Kan cijfer toevoegen" in plaats van "... | Can add cijfer". Andere
    rechten houden hun eigen naam (str(recht)). Gebruikt recht.content_type (select_related
    in de keuzelijst van Django's gebruikers- en groepsbeheer)."""
    actie, _, model = recht.codename.partition("_")
    soort = recht.content_type
    klasse = soort.model_class()
    if actie not in RECHTACTIES or model != soort.model or klasse is None:
        return str(recht)
    app = apps.get_app_config(soort.app_label).verbose_name
    naam = klasse._meta.verbose_name
    return f"{app} | {naam} | Kan {naam} {RECHTACTIES[actie]}"


class WachtwoordWijzigenForm(AdminPasswordChangeForm):
    """Django's formulier om in het beheer een wachtwoord te zetten, met de waarschuwing die
    Django in het Engels vastlegt ("If disabled, ...") in het Nederlands."""

    usable_password_help_text = format_lazy(
        "{}{}",
        SetUnusablePasswordMixin.usable_password_help_text,
        '<ul id="id_unusable_warning" class="messagelist"><li class="warning">'
        "Uitgeschakeld: het huidige wachtwoord van deze gebruiker gaat verloren.</li></ul>",
    )


class RechtenInHetNederlands:
    """Keuzelijsten van rechten (gebruikers en groepen) met Nederlandse labels."""

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        veld = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name in {"user_permissions", "permissions"}:
            veld.label_from_instance = recht_in_het_nederlands
        return veld


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class GebruikerAdmin(RechtenInHetNederlands, UserAdmin):
    change_password_form = WachtwoordWijzigenForm


@admin.register(Group)
class GroepAdmin(RechtenInHetNederlands, GroupAdmin):
    pass


@admin.register(Gebied)
class GebiedAdmin(admin.ModelAdmin):
    """Eigen gebieden en referentiegebieden (heel Nederland, provincies, wijken, buurten uit
    een import): filter op soort, zoek op naam of CBS-code."""

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
