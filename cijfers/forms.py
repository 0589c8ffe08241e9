"""Formulieren van de cijferpagina's die iets schrijven: de toelichting bij een cijfer."""

from django import forms

from cijfers.models import TOELICHTING_MAX, Categorie, Toelichting
from ivp.forms import BootstrapMixin


class ToelichtingForm(BootstrapMixin, forms.ModelForm):
    """Een toelichting bij de cijfers van één gebied (dat geeft de view, niet het formulier):
    categorie, periode (`van`, met `tot` voor een reeks perioden), tekst en contactpersoon.

    De tekst is gewone tekst (hoogstens TOELICHTING_MAX tekens); HTML wordt niet weggehaald
    maar overal geëscaped getoond. `Toelichting.clean` bewaakt dat `tot` niet vóór `van` ligt.
    """

    class Meta:
        model = Toelichting
        fields = ["categorie", "van", "tot", "tekst", "contact"]
        widgets = {
            "van": forms.TextInput(attrs={"placeholder": "2018", "inputmode": "text"}),
            "tot": forms.TextInput(attrs={"placeholder": "leeg: één periode"}),
            "tekst": forms.Textarea(attrs={"rows": 6, "maxlength": TOELICHTING_MAX}),
        }
        help_texts = {
            "tekst": "Wat verklaart dit cijfer? Gewone tekst, hoogstens "
            f"{TOELICHTING_MAX} tekens; de lezers van het dashboard en het vergaderstuk zien "
            "haar naast het cijfer.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categorie"].queryset = Categorie.objects.select_related("ouder")
        if self.instance.pk and self.instance.tot == self.instance.van:
            self.initial["tot"] = ""

    def clean_tekst(self):
        tekst = self.cleaned_data["tekst"].strip()
        if not tekst:
            raise forms.ValidationError("Schrijf een toelichting.")
        return tekst
