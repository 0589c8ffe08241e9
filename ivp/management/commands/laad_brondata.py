"""Laadt de brongegevens (fixtures/) in een database die ze nog niet heeft.

Een database waarin al gebieden, plannen of cijfers staan blijft onaangeroerd:
wat gebruikers sindsdien bewerkten of importeerden wordt nooit overschreven.
"""

import datetime

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from cijfers.models import Cijfer
from ivp.models import Gebied, Plan
from prioriteiten.models import Doel, LokaalSpeerpunt, Maatregel, Prioriteit

REDEN = "brongegevens geladen (fixtures/)"
# De brongegevens gelden vanaf de vaststelling van het IVP BES 2019-2022 (begin 2019): zo
# toont een vergaderstuk van elke datum sindsdien de bron, ook als die later is gewijzigd.
GELDIG_VANAF = datetime.datetime(2019, 1, 1, tzinfo=datetime.UTC)
GESCHIEDENIS = [Cijfer, Prioriteit, LokaalSpeerpunt, Doel, Maatregel]

# In settings.FIXTURE_DIRS (de map fixtures/), in laadvolgorde.
FIXTURES = ["01_gebieden", "02_plannen", "03_prioriteiten", "04_cijfers"]


class Command(BaseCommand):
    help = "Laadt de brongegevens van het IVP BES, alleen in een database zonder gegevens."

    def handle(self, *args, **options):
        if Gebied.objects.exists() or Plan.objects.exists() or Cijfer.objects.exists():
            self.stdout.write(
                "De database bevat al gegevens; de brongegevens zijn niet opnieuw geladen."
            )
            return
        with transaction.atomic():
            call_command("loaddata", *FIXTURES, verbosity=0)
            # Een eerste versie in de geschiedenis, zodat "de stand op een datum" (het
            # vergaderstuk) ook klopt voor brongegevens die later gewijzigd worden.
            for model in GESCHIEDENIS:
                model.history.bulk_history_create(
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
