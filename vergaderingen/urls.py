"""De vergaderpagina's; de namen zonder namespace, zoals toen ze nog in ivp/urls.py stonden."""

from django.urls import path

from vergaderingen import views


def stukpaden(variant, extra):
    """Het vergaderstuk als HTML, PDF en XLSX, intern (variant "") of openbaar ("openbaar").

    Geeft drie paden: `.../stuk[/openbaar]/`, `.../stuk[/openbaar].pdf` en `.xlsx`, met de
    namen `vergaderstuk[_openbaar]`, `..._pdf` en `..._xlsx`.
    """
    pad = f"vergaderingen/<int:pk>/stuk{'/' + variant if variant else ''}"
    naam = f"vergaderstuk{'_' + variant if variant else ''}"
    return [
        path(f"{pad}/", views.stuk, extra, name=naam),
        path(f"{pad}.pdf", views.stuk_pdf, extra, name=f"{naam}_pdf"),
        path(f"{pad}.xlsx", views.stuk_xlsx, extra, name=f"{naam}_xlsx"),
    ]


urlpatterns = [
    path("vergaderingen/", views.lijst, name="vergaderingen"),
    path("vergaderingen/nieuw/", views.bewerken, name="vergadering_nieuw"),
    path("vergaderingen/<int:pk>/", views.detail, name="vergadering"),
    path("vergaderingen/<int:pk>/bewerken/", views.bewerken, name="vergadering_bewerken"),
    *stukpaden("", {}),
    *stukpaden("openbaar", {"openbaar": True}),
]
