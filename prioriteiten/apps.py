from django.apps import AppConfig


class PrioriteitenConfig(AppConfig):
    name = "prioriteiten"
    verbose_name = "Prioriteiten en lokale speerpunten"
