import datetime

from django import forms
from django.utils import timezone

from ivp.forms import BootstrapMixin, DatumInvoer
from prioriteiten.models import Doel, Indicator, Maatregel, Mijlpaal, Voortgang


class VoortgangForm(BootstrapMixin, forms.ModelForm):
    """Een voortgangsmelding; bij bewerken bewaakt `versie` dat niemand iets overschrijft."""

    versie = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Voortgang
        fields = ["datum", "status", "tekst"]
        widgets = {
            "datum": DatumInvoer(),
            "tekst": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "tekst": "Wat is er gedaan, wat is het resultaat, wat is de volgende stap?",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["datum"].input_formats = ["%Y-%m-%d", "%d-%m-%Y"]
        if self.instance.pk:
            self.fields["versie"].initial = self.instance.gewijzigd.isoformat()

    def clean_datum(self):
        datum = self.cleaned_data["datum"]
        if datum > timezone.localdate():
            raise forms.ValidationError("De datum ligt in de toekomst; meld voortgang achteraf.")
        if datum < datetime.date(2019, 1, 1):
            raise forms.ValidationError("De datum ligt vóór de looptijd van de plannen (2019).")
        return datum

    def clean_tekst(self):
        tekst = self.cleaned_data["tekst"].strip()
        if len(tekst) < 10:
            raise forms.ValidationError("Beschrijf de voortgang in ten minste 10 tekens.")
        return tekst

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            huidig = Voortgang.objects.filter(pk=self.instance.pk).values_list(
                "gewijzigd", flat=True
            )
            huidig = huidig.first()
            if huidig and cleaned.get("versie") != huidig.isoformat():
                raise forms.ValidationError(
                    "Iemand anders heeft deze melding intussen gewijzigd. Uw invoer staat hieronder "
                    "nog; bekijk de geschiedenis en sla daarna opnieuw op.",
                    code="gewijzigd",
                )
        return cleaned


class OnderdeelForm(BootstrapMixin, forms.Form):
    """Een nieuw doel of een nieuwe maatregel bij een prioriteit of lokaal speerpunt."""

    tekst = forms.CharField(label="Tekst", widget=forms.Textarea(attrs={"rows": 3}))

    def clean_tekst(self):
        tekst = self.cleaned_data["tekst"].strip()
        if len(tekst) < 5:
            raise forms.ValidationError(
                "Schrijf het doel of de maatregel uit (ten minste 5 tekens)."
            )
        return tekst


ONDERDELEN = {"doel": Doel, "maatregel": Maatregel}


class SindsForm(BootstrapMixin, forms.Form):
    sinds = forms.DateField(
        label="Wat veranderde sinds",
        required=False,
        widget=DatumInvoer(),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
    )


class IndicatorForm(BootstrapMixin, forms.ModelForm):
    """Hoe een doel gemeten wordt: categorie, gebied, basisjaar (de nulmeting), richting,
    streefwaarde en streefdatum (issue 15, punt 13). Een streefdatum zonder streefwaarde, of
    een streefdatum vóór het basisjaar, is een fout."""

    class Meta:
        model = Indicator
        fields = ["categorie", "gebied", "basisjaar", "richting", "streefwaarde", "streefdatum"]
        widgets = {"streefdatum": DatumInvoer()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["streefdatum"].input_formats = ["%Y-%m-%d", "%d-%m-%Y"]

    def clean(self):
        cleaned = super().clean()
        streefdatum, basisjaar = cleaned.get("streefdatum"), cleaned.get("basisjaar")
        if streefdatum and cleaned.get("streefwaarde") is None:
            self.add_error("streefwaarde", "Geef de streefwaarde die op de streefdatum geldt.")
        if streefdatum and basisjaar and streefdatum.year <= basisjaar:
            self.add_error("streefdatum", "De streefdatum ligt niet na het basisjaar.")
        return cleaned


class MijlpaalForm(BootstrapMixin, forms.ModelForm):
    """Een tussendoel: het aantal dat in een jaar bereikt moet zijn."""

    class Meta:
        model = Mijlpaal
        fields = ["jaar", "waarde"]


MijlpaalFormSet = forms.inlineformset_factory(
    Indicator, Mijlpaal, form=MijlpaalForm, extra=3, can_delete=True
)
