from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from vergaderingen.models import Agendapunt, Vergadering


class AgendapuntInline(admin.TabularInline):
    model = Agendapunt
    extra = 1


@admin.register(Vergadering)
class VergaderingAdmin(SimpleHistoryAdmin):
    list_display = ["datum", "overleg", "locatie"]
    list_filter = ["overleg"]
    date_hierarchy = "datum"
    inlines = [AgendapuntInline]


@admin.register(Agendapunt)
class AgendapuntAdmin(SimpleHistoryAdmin):
    list_display = ["titel", "vergadering", "voor_driehoek", "intern"]
    list_filter = ["voor_driehoek", "intern", "vergadering__overleg"]
    list_select_related = ["vergadering__overleg"]
