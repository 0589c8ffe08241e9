"""De vergaderpagina's; de namen zonder namespace, zoals toen ze nog in ivp/urls.py stonden."""

from django.urls import path

from vergaderingen import views

urlpatterns = [
    path("vergaderingen/", views.lijst, name="vergaderingen"),
    path("vergaderingen/nieuw/", views.bewerken, name="vergadering_nieuw"),
    path("vergaderingen/<int:pk>/", views.detail, name="vergadering"),
    path("vergaderingen/<int:pk>/bewerken/", views.bewerken, name="vergadering_bewerken"),
    path("vergaderingen/<int:pk>/stuk/", views.stuk, name="vergaderstuk"),
    path("vergaderingen/<int:pk>/stuk.pdf", views.stuk_pdf, name="vergaderstuk_pdf"),
    path("vergaderingen/<int:pk>/stuk.xlsx", views.stuk_xlsx, name="vergaderstuk_xlsx"),
    path(
        "vergaderingen/<int:pk>/stuk/openbaar/",
        views.stuk,
        {"openbaar": True},
        name="vergaderstuk_openbaar",
    ),
    path(
        "vergaderingen/<int:pk>/stuk/openbaar.pdf",
        views.stuk_pdf,
        {"openbaar": True},
        name="vergaderstuk_openbaar_pdf",
    ),
    path(
        "vergaderingen/<int:pk>/stuk/openbaar.xlsx",
        views.stuk_xlsx,
        {"openbaar": True},
        name="vergaderstuk_openbaar_xlsx",
    ),
]
