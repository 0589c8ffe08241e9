"""Laadt de brongegevens (fixtures/) in een database die ze nog niet heeft.

Een database waarin al gebieden, plannen of cijfers staan blijft onaangeroerd:
wat gebruikers sindsdien bewerkten of importeerden wordt nooit overschreven.
"""

import datetime

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from ivp.models import Gebied, Plan

REDEN = "brongegevens geladen (fixtures/)"
# De brongegevens gelden vanaf de vaststelling van het IVP BES 2019-2022 (begin 2019): zo
# toont een vergaderstuk van elke datum sindsdien de bron, ook als die later is gewijzigd.
GELDIG_VANAF = datetime.datetime(2019, 1, 1, tzinfo=datetime.UTC)

# In settings.FIXTURE_DIRS (de map fixtures/), in laadvolgorde.
FIXTURES = ["01_gebieden", "02_plannen", "03_prioriteiten", "04_cijfers"]


def modellen_met_geschiedenis():
    """Elk model met een geschiedenis (django-simple-history), uit elke app: ivp kent de apps
    niet bij naam."""
    return [
        model
        for model in apps.get_models()
        if getattr(model._meta, "simple_history_manager_attribute", None)
    ]


class Command(BaseCommand):
    help = "Laadt de brongegevens van het IVP BES, alleen in een database zonder gegevens."

    def handle(self, *args, **options):
        Cijfer = apps.get_model("cijfers", "Cijfer")
        if Gebied.objects.exists() or Plan.objects.exists() or Cijfer.objects.exists():
            self.stdout.write(
                "De database bevat al gegevens; de brongegevens zijn niet opnieuw geladen."
            )
            return
        with transaction.atomic():
            call_command("loaddata", *FIXTURES, verbosity=0)
            # Een eerste versie in de geschiedenis, zodat "de stand op een datum" (het
            # vergaderstuk) ook klopt voor brongegevens die later gewijzigd worden.
            for model in modellen_met_geschiedenis():
                getattr(model, model._meta.simple_history_manager_attribute).bulk_history_create(
                    list(model.objects.all()),
                    default_change_reason=REDEN,
                    default_date=GELDIG_VANAF,
                )
        self.stdout.write(
            self.style.SUCCESS(
                f"Brongegevens geladen: {Plan.objects.count()} plannen, "
                f"{Gebied.objects.count()} gebieden, {Cijfer.objects.count()} cijfers."
            )
        )
