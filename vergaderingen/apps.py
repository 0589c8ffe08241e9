from django.apps import AppConfig


class VergaderingenConfig(AppConfig):
    """Vergaderingen, agendapunten en het vergaderstuk (HTML, PDF, XLSX)."""

    name = "vergaderingen"
    verbose_name = "Vergaderingen: agenda's en vergaderstukken"
