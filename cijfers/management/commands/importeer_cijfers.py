"""python manage.py importeer_cijfers BESTAND [--dry-run] [--alleen-geldige] [--plan-herzien]
[--gebruiker NAAM]

Hetzelfde als de uploadpagina /cijfers/importeren/: het bestand wordt gelezen en gecontroleerd,
vergeleken met de database en (zonder --dry-run) in één transactie geschreven. Met fouten
wordt er niets geschreven, tenzij --alleen-geldige; de uitgang is dan niet 0. Een cijfer uit
het plan dat het bestand verandert is een fout, tenzij --plan-herzien (het vinkje op de pagina).
"""

import hashlib
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cijfers import importeren
from cijfers.models import Import

TOON_FOUTEN = 50


class Command(BaseCommand):
    """importeer_cijfers: de uploadpagina vanaf de opdrachtregel (zie de uitleg bovenaan)."""

    help = (
        "Importeert cijfers uit een sjabloon (lang formaat van /cijfers/data.csv), de open data "
        "van de politie (CBS 47013NED/47018NED) of een inwonersbestand (CSV of XLSX)."
    )

    def add_arguments(self, parser):
        """BESTAND, --dry-run, --alleen-geldige, --plan-herzien en --gebruiker."""
        parser.add_argument("bestand", help="Pad naar het CSV- of XLSX-bestand.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Alleen controleren en tonen wat er zou veranderen; niets schrijven.",
        )
        parser.add_argument(
            "--alleen-geldige",
            action="store_true",
            help="Bij fouten toch de geldige rijen importeren (de foute rijen niet).",
        )
        parser.add_argument(
            "--plan-herzien",
            action="store_true",
            help="Cijfers uit het plan die het bestand verandert, herzien (anders een fout).",
        )
        parser.add_argument(
            "--gebruiker", help="Gebruikersnaam die in de geschiedenis als importeur staat."
        )

    def handle(
        self, *args, bestand, dry_run, alleen_geldige, gebruiker, plan_herzien=False, **options
    ):
        """Leest, controleert en (zonder --dry-run) importeert; CommandError bij fouten."""
        pad = Path(bestand)
        if not pad.is_file():
            raise CommandError(f"Bestand niet gevonden: {pad}")
        wie = None
        if gebruiker:
            wie = get_user_model().objects.filter(username=gebruiker).first()
            if wie is None:
                raise CommandError(f"Onbekende gebruiker: {gebruiker}")
        if pad.stat().st_size > importeren.max_bytes():
            # Niet eerst helemaal inlezen: dezelfde melding als de controle zelf geeft.
            fout = importeren.te_groot(pad.stat().st_size)
            raise CommandError(f"Niet geïmporteerd: {fout.fout}")
        inhoud = pad.read_bytes()
        try:
            controle = importeren.controleer_bestand(inhoud)
        except importeren.BestandFout as fout:
            raise CommandError(f"Niet geïmporteerd: {fout.fout}") from fout
        controle.plan_bevestigd = plan_herzien
        if dry_run:
            voorstel = importeren.maak_voorstel(controle)
            self.toon(voorstel, "Proefimport (--dry-run): er is niets geschreven.")
            if voorstel.aantal_fouten:
                raise CommandError(f"{voorstel.aantal_fouten} fouten gevonden.")
            return
        import_ = Import(
            bestandsnaam=pad.name[:255],
            soort=controle.formaat.soort,
            gebruiker=wie,
            sha256=hashlib.sha256(inhoud).hexdigest(),
        )
        try:
            voorstel = importeren.voer_uit(controle, import_, wie, alleen_geldige=alleen_geldige)
        except importeren.ImportGeweigerd as geweigerd:
            self.toon(geweigerd.voorstel, "Er is niets geïmporteerd.")
            raise CommandError(
                f"{geweigerd.voorstel.aantal_fouten} fouten: er is niets geïmporteerd. Herstel het "
                "bestand, of importeer alleen de geldige rijen met --alleen-geldige."
            ) from geweigerd
        self.toon(voorstel, f"{import_} is uitgevoerd.")

    def toon(self, voorstel, slot):
        """Het formaat, de tellingen, de redenen van overslaan, de jaarcijfers die niet kloppen
        met hun maanden (een waarschuwing, maandsom.py) en de fouten van het voorstel."""
        samenvatting = voorstel.samenvatting(max_fouten=TOON_FOUTEN)
        self.stdout.write(
            f"Formaat: {dict(Import.Soort.choices)[samenvatting['soort']]}; codering {samenvatting['codering']}"
            + (
                f", scheidingsteken {samenvatting['scheidingsteken']}"
                if samenvatting["scheidingsteken"]
                else ""
            )
            + f"; {samenvatting['rijen']} rijen."
        )
        self.stdout.write(
            f"Toegevoegd: {samenvatting['toegevoegd']}, gewijzigd: {samenvatting['gewijzigd']}, ongewijzigd: "
            f"{samenvatting['ongewijzigd']}, afgewezen: {samenvatting['afgewezen']}, overgeslagen: {samenvatting['overgeslagen']}."
        )
        for reden, aantal in samenvatting["overgeslagen_redenen"]:
            self.stdout.write(f"  overgeslagen ({aantal}x): {reden}")
        if samenvatting["jaar_maanden"]:
            self.stdout.write(
                f"Waarschuwing, jaarcijfer niet gelijk aan de som van de twaalf maanden "
                f"({samenvatting['aantal_jaar_maanden']}):"
            )
            for waarschuwing in samenvatting["jaar_maanden"]:
                self.stdout.write(f"  {waarschuwing}")
            if samenvatting["jaar_maanden_meer"]:
                self.stdout.write(f"  en {samenvatting['jaar_maanden_meer']} meer.")
        if samenvatting["aantal_fouten"]:
            self.stderr.write(f"Fouten ({samenvatting['aantal_fouten']}):")
            for rij, kolom, waarde, reden in samenvatting["fouten"]:
                self.stderr.write(f"  {importeren.Fout(rij, kolom, waarde, reden)}")
            if samenvatting["aantal_fouten"] > len(samenvatting["fouten"]):
                self.stderr.write(
                    f"  ... en nog {samenvatting['aantal_fouten'] - len(samenvatting['fouten'])} fouten."
                )
        self.stdout.write(slot)
