from django.apps import AppConfig


class PrioriteitenConfig(AppConfig):
    name = "prioriteiten"
    verbose_name = "Prioriteiten en lokale speerpunten"
    # Wat een adviseur in het beheer mag (verzameld door ivp.apps.adviseursrechten).
    adviseursrechten = {
        "voortgang": ["view", "add", "change"],
        "doel": ["view", "add", "change"],
        "maatregel": ["view", "add", "change"],
        "indicator": ["view", "add", "change", "delete"],
        "prioriteit": ["view"],
        "lokaalspeerpunt": ["view"],
    }
