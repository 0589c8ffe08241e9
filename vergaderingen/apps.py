from django.apps import AppConfig


class VergaderingenConfig(AppConfig):
    name = "vergaderingen"
    verbose_name = "Vergaderingen: agenda's en vergaderstukken"
