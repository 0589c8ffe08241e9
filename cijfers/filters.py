import django_filters
from django import forms

from cijfers.models import Categorie, Cijfer
from ivp.models import Gebied


class CijferFilter(django_filters.FilterSet):
    """De verkenner: kies gebieden, categorieën en jaren (alles in de querystring)."""

    gebied = django_filters.ModelMultipleChoiceFilter(
        label="Gebieden",
        field_name="gebied__slug",
        to_field_name="slug",
        queryset=Gebied.objects.exclude(soort=Gebied.Soort.REGIO),
        widget=forms.CheckboxSelectMultiple,
    )
    categorie = django_filters.ModelMultipleChoiceFilter(
        label="Categorieën",
        field_name="categorie__slug",
        to_field_name="slug",
        queryset=Categorie.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    jaar = django_filters.MultipleChoiceFilter(
        label="Jaren", field_name="jaar", widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Cijfer
        fields = ["gebied", "categorie", "jaar"]

    def __init__(self, *args, jaren=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["jaar"].extra["choices"] = [(str(j), str(j)) for j in jaren]
