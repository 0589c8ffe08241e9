from django.apps import AppConfig
from django.apps import apps as app_register
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

ADVISEURSGROEP = "Beleidsadviseurs OOV"


def adviseursrechten():
    """De beheerrechten van een adviseur, verzameld uit elke app.

    Een app die adviseurs iets in het beheer laat doen, zet op haar AppConfig een attribuut
    `adviseursrechten`: {modelnaam (kleine letters): [acties uit view/add/change/delete]}.
    ivp/rechten.py beperkt het daarbinnen per gemeente. Uitkomst: {(app-label, codename)}.
    """
    return {
        (config.label, f"{actie}_{model}")
        for config in app_register.get_app_configs()
        for model, acties in getattr(config, "adviseursrechten", {}).items()
        for actie in acties
    }


def maak_adviseursgroep(sender, **kwargs):
    """De groep met beheerrechten voor adviseurs; bij elke migrate bijgewerkt (idempotent)."""
    from django.contrib.auth.models import Group, Permission

    groep, _ = Group.objects.get_or_create(name=ADVISEURSGROEP)
    codenamen = adviseursrechten()
    rechten = [
        recht
        for recht in Permission.objects.filter(
            content_type__app_label__in={app for app, _ in codenamen}
        ).select_related("content_type")
        if (recht.content_type.app_label, recht.codename) in codenamen
    ]
    groep.permissions.add(*rechten)


class IvpConfig(AppConfig):
    name = "ivp"
    verbose_name = "IVP BES: gebieden, plannen en overleggen"

    def ready(self):
        # Na elke app: de rechten van de andere apps bestaan pas na hun eigen migrate.
        post_migrate.connect(maak_adviseursgroep, dispatch_uid="ivp_adviseursgroep")
        # De gegevensversie (ivp/gegevensversie.py): elke schrijfactie op de modellen van ivp,
        # cijfers, prioriteiten en vergaderingen verhoogt haar in dezelfde transactie.
        from ivp import gegevensversie

        post_save.connect(gegevensversie.na_schrijven, dispatch_uid="ivp_versie_save")
        post_delete.connect(gegevensversie.na_schrijven, dispatch_uid="ivp_versie_delete")
        m2m_changed.connect(gegevensversie.na_m2m, dispatch_uid="ivp_versie_m2m")
        post_migrate.connect(
            gegevensversie.na_migrate, sender=self, dispatch_uid="ivp_versie_migrate"
        )
