from django.apps import AppConfig
from django.db.models.signals import post_save


class CijfersConfig(AppConfig):
    name = "cijfers"
    verbose_name = "Cijfers"
    # Wat een adviseur in het beheer mag (verzameld door ivp.apps.adviseursrechten).
    # Een toelichting trekt een adviseur in (ingetrokken), hij verwijdert haar niet: geen delete.
    adviseursrechten = {
        "cijfer": ["view"],
        "categorie": ["view"],
        "bron": ["view"],
        "toelichting": ["view", "add", "change"],
    }

    def ready(self):
        from cijfers.models import Categorie

        post_save.connect(
            _koppel_politiesoort, sender=Categorie, dispatch_uid="cijfers_koppel_politiesoort"
        )


def _koppel_politiesoort(sender, instance, created, **kwargs):
    """Een nieuwe categorie met een slug uit de standaardkoppeling krijgt haar soort misdrijf
    (ook bij het laden van de brongegevens, die na de migraties komen)."""
    if created:
        from cijfers.models import PolitieCategorie
        from cijfers.politie import koppel_nieuwe_categorie

        koppel_nieuwe_categorie(PolitieCategorie, instance)
