"""python manage.py haal_politiecijfers [--alle-gemeenten] [--in-de-rij]

Haalt de nieuwste maandcijfers van de politie (CBS 47013NED, cijfers/importeren/cbs.py) voor
de eigen gebieden en Nederland (met --alle-gemeenten ook elke gemeente) en maakt er een
voorbeeld van, net als een upload op /cijfers/importeren/: er wordt niets geïmporteerd tot een
adviseur het voorbeeld op de importpagina bevestigt. Het voorbeeld maakt het commando zelf,
met dezelfde functie als de worker (taken.voer_voorbeeld_uit). Met --in-de-rij doet de
worker alles (de taak cbs.haal_politiecijfers_taak). Gepland: cron of een systemd-timer (README
"Importeren"); de backport django-tasks heeft geen planner. Zonder verbinding met het CBS is
de uitgang niet 0.
"""

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from cijfers.importeren.cbs import CbsOnbereikbaar, haal_politiecijfers_taak, maak_cbs_voorbeeld
from cijfers.importeren.fouten import BestandFout


class Command(BaseCommand):
    """haal_politiecijfers: de knop "Ophalen bij het CBS" vanaf de opdrachtregel."""

    help = (
        "Haalt de nieuwste politiecijfers (CBS 47013NED) van de eigen gebieden en Nederland en "
        "maakt er een voorbeeld van om op de importpagina te bevestigen."
    )

    def add_arguments(self, parser):
        """--alle-gemeenten en --in-de-rij."""
        parser.add_argument(
            "--alle-gemeenten",
            action="store_true",
            help="Ook de cijfers van elke andere gemeente van Nederland ophalen.",
        )
        parser.add_argument(
            "--in-de-rij",
            action="store_true",
            help="Niet hier ophalen maar een taak voor de worker (manage.py db_worker) maken.",
        )

    def handle(self, *args, alle_gemeenten=False, in_de_rij=False, **opties):
        """Maakt het voorbeeld (of de taak) en meldt waar het te bevestigen is."""
        if in_de_rij:
            resultaat = haal_politiecijfers_taak.enqueue(alle_gemeenten=alle_gemeenten)
            self.stdout.write(f"Taak {resultaat.id} staat in de rij voor de worker.")
            return
        try:
            import_ = maak_cbs_voorbeeld(None, alle_gemeenten=alle_gemeenten, in_de_rij=False)
        except CbsOnbereikbaar as fout:
            raise CommandError(f"{fout} ({fout.oorzaak})") from fout
        except BestandFout as fout:
            raise CommandError(f"Niets opgehaald: {fout.fout.reden}") from fout
        if import_.is_niet_te_lezen:
            raise CommandError(f"Niets opgehaald: {import_.bestandsfout['reden']}")
        tellingen = ", ".join(f"{naam} {aantal}" for naam, aantal in import_.tellingen().items())
        self.stdout.write(
            f"{import_}: {tellingen}. Nog niets geïmporteerd; bevestig op "
            f"{reverse('cijfers:import', args=[import_.pk])}"
        )
