"""De formulieren van de uploadpagina, en de bewaking van de grootte van een upload."""

from django import forms
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from cijfers.importeren.lezen import max_bytes, te_groot


class UploadFormulier(forms.Form):
    """Het bestand dat geüpload wordt; te groot (lezen.max_bytes) is een fout bij `bestand`."""

    bestand = forms.FileField(
        label="Bestand",
        help_text=(
            "CSV (komma of puntkomma; UTF-8 of Windows-1252) of Excel-werkmap (.xlsx): het "
            "sjabloon, de open data van de politie of inwoners per gebied en jaar."
        ),
        error_messages={"required": "Kies een bestand.", "empty": "Het bestand is leeg."},
    )

    def clean_bestand(self):
        """Het bestand, of de fout van lezen.te_groot als het groter is dan het maximum."""
        bestand = self.cleaned_data["bestand"]
        if bestand.size > max_bytes():
            raise forms.ValidationError(te_groot(bestand.size).fout.reden)
        return bestand


class BevestigFormulier(forms.Form):
    """Het bevestigen van een voorbeeld; met `alleen_geldige` ook als er fouten zijn, en met
    `plan_bevestigd` worden cijfers uit het plan herzien (importeren/plan.py)."""

    alleen_geldige = forms.BooleanField(
        required=False,
        label="Alleen de geldige rijen importeren",
        help_text="De afgewezen rijen worden dan niet geïmporteerd; de rest wel.",
    )
    plan_bevestigd = forms.BooleanField(
        required=False,
        label="Afwijkingen van het plan overnemen: deze cijfers herzien",
        help_text=(
            "De cijfers uit het plan hierboven krijgen de waarde uit het bestand; de pagina's "
            "noemen ze herzien, en de geschiedenis houdt de waarde uit het plan."
        ),
    )


class GrootteBewaking(FileUploadHandler):
    """Stopt met ontvangen zodra een upload groter is dan het maximum (de rest wordt gelezen
    en weggegooid, niet opgeslagen); de view meldt het dan in het formulier."""

    def new_file(self, *args, **kwargs):
        """Begint met tellen bij elk nieuw bestand in de upload."""
        super().new_file(*args, **kwargs)
        self.ontvangen = 0

    def receive_data_chunk(self, raw_data, start):
        """Geeft het stuk door, of stopt de upload (StopUpload) boven het maximum."""
        self.ontvangen += len(raw_data)
        if self.ontvangen > max_bytes():
            self.request.import_te_groot = self.ontvangen
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        """None: het bestand zelf maakt de volgende handler (geheugen of tijdelijk bestand)."""
        return None
