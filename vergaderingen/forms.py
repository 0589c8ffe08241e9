"""De formulieren om een vergadering te plannen: de vergadering en haar agendapunten."""

from django import forms

from ivp.forms import BootstrapMixin, DatumInvoer, TijdInvoer
from vergaderingen.models import Agendapunt, Vergadering


class VergaderingForm(BootstrapMixin, forms.ModelForm):
    """Overleg, datum (jjjj-mm-dd of dd-mm-jjjj), plan (leeg: het plan van de datum), aanvang,
    locatie en interne notities.

    Een tweede vergadering van hetzelfde overleg op dezelfde datum geeft de foutmelding van de
    unieke sleutel (Vergadering.Meta.constraints).
    """

    class Meta:
        model = Vergadering
        fields = ["overleg", "datum", "plan", "aanvang", "locatie", "interne_notities"]
        widgets = {
            "datum": DatumInvoer(),
            "aanvang": TijdInvoer(),
            "interne_notities": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["datum"].input_formats = ["%Y-%m-%d", "%d-%m-%Y"]
        self.fields["overleg"].empty_label = "Kies een overleg"
        self.fields["plan"].empty_label = "Het plan dat op de vergaderdatum geldt"


class AgendapuntForm(BootstrapMixin, forms.ModelForm):
    """Eén agendapunt; een lege regel in de formset wordt overgeslagen."""

    class Meta:
        model = Agendapunt
        fields = ["volgorde", "titel", "toelichting", "voor_driehoek", "intern"]
        widgets = {"toelichting": forms.Textarea(attrs={"rows": 2})}


AgendapuntFormSet = forms.inlineformset_factory(
    Vergadering, Agendapunt, form=AgendapuntForm, extra=3, can_delete=True
)
