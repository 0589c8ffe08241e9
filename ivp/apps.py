from django.apps import AppConfig
from django.db.models.signals import post_migrate

ADVISEURSGROEP = "Beleidsadviseurs OOV"
# Wat een adviseur in het beheer mag; ivp/rechten.py beperkt het daarbinnen per gemeente.
ADVISEURSRECHTEN = {
    "prioriteiten": {
        "voortgang": ["view", "add", "change"],
        "doel": ["view", "add", "change"],
        "maatregel": ["view", "add", "change"],
        "indicator": ["view", "add", "change", "delete"],
        "prioriteit": ["view"],
        "lokaalspeerpunt": ["view"],
    },
    "cijfers": {"cijfer": ["view"], "categorie": ["view"], "bron": ["view"]},
}


def maak_adviseursgroep(sender, **kwargs):
    """De groep met beheerrechten voor adviseurs; bij elke migrate bijgewerkt (idempotent)."""
    from django.contrib.auth.models import Group, Permission

    groep, _ = Group.objects.get_or_create(name=ADVISEURSGROEP)
    codenamen = [
        (app, f"{actie}_{model}")
        for app, modellen in ADVISEURSRECHTEN.items()
        for model, acties in modellen.items()
        for actie in acties
    ]
    rechten = [
        p
        for p in Permission.objects.filter(
            content_type__app_label__in=ADVISEURSRECHTEN
        ).select_related("content_type")
        if (p.content_type.app_label, p.codename) in codenamen
    ]
    groep.permissions.add(*rechten)


class IvpConfig(AppConfig):
    name = "ivp"
    verbose_name = "IVP BES: gebieden, plannen en overleggen"

    def ready(self):
        # Na elke app: de rechten van prioriteiten en cijfers bestaan pas na hun eigen migrate.
        post_migrate.connect(maak_adviseursgroep, dispatch_uid="ivp_adviseursgroep")
