"""Het beheer van vergaderingen en agendapunten, met hun geschiedenis (django-simple-history)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from vergaderingen.models import Agendapunt, Vergadering


class AgendapuntInline(admin.TabularInline):
    """De agendapunten onder een vergadering."""

    model = Agendapunt
    extra = 1


@admin.register(Vergadering)
class VergaderingAdmin(SimpleHistoryAdmin):
    """Vergaderingen per datum en overleg, met hun agendapunten."""

    list_display = ["datum", "overleg", "locatie"]
    list_filter = ["overleg"]
    date_hierarchy = "datum"
    inlines = [AgendapuntInline]


@admin.register(Agendapunt)
class AgendapuntAdmin(SimpleHistoryAdmin):
    """Agendapunten los, te filteren op Driehoek, intern en overleg."""

    list_display = ["titel", "vergadering", "voor_driehoek", "intern"]
    list_filter = ["voor_driehoek", "intern", "vergadering__overleg"]
    list_select_related = ["vergadering__overleg"]
