from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ivp import vergaderingen, views

admin.site.site_header = "IVP BES-dashboard: beheer"
admin.site.site_title = "IVP BES-beheer"
admin.site.index_title = "Beheer van plannen, prioriteiten en cijfers"

urlpatterns = [
    path("", views.home, name="home"),
    path("inloggen/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("geschiedenis/<slug:soort>/<int:pk>/", views.geschiedenis, name="geschiedenis"),
    path("vergaderingen/", vergaderingen.lijst, name="vergaderingen"),
    path("vergaderingen/nieuw/", vergaderingen.bewerken, name="vergadering_nieuw"),
    path("vergaderingen/<int:pk>/", vergaderingen.detail, name="vergadering"),
    path("vergaderingen/<int:pk>/bewerken/", vergaderingen.bewerken, name="vergadering_bewerken"),
    path("vergaderingen/<int:pk>/stuk/", vergaderingen.stuk, name="vergaderstuk"),
    path("vergaderingen/<int:pk>/stuk.pdf", vergaderingen.stuk_pdf, name="vergaderstuk_pdf"),
    path("vergaderingen/<int:pk>/stuk.xlsx", vergaderingen.stuk_xlsx, name="vergaderstuk_xlsx"),
    path(
        "vergaderingen/<int:pk>/stuk/openbaar/",
        vergaderingen.stuk,
        {"openbaar": True},
        name="vergaderstuk_openbaar",
    ),
    path(
        "vergaderingen/<int:pk>/stuk/openbaar.pdf",
        vergaderingen.stuk_pdf,
        {"openbaar": True},
        name="vergaderstuk_openbaar_pdf",
    ),
    path(
        "vergaderingen/<int:pk>/stuk/openbaar.xlsx",
        vergaderingen.stuk_xlsx,
        {"openbaar": True},
        name="vergaderstuk_openbaar_xlsx",
    ),
    path("", include("cijfers.urls")),
    path("", include("prioriteiten.urls")),
    path("admin/", admin.site.urls),
]
