from django.apps import AppConfig


class CijfersConfig(AppConfig):
    name = "cijfers"
    verbose_name = "Cijfers"
