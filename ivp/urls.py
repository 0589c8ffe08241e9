from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ivp import views

admin.site.site_header = "IVP BES-dashboard: beheer"
admin.site.site_title = "IVP BES-beheer"
admin.site.index_title = "Beheer van plannen, prioriteiten en cijfers"

urlpatterns = [
    path("", views.home, name="home"),
    path("inloggen/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("organisatie/", views.organisatie, name="organisatie"),
    path("geschiedenis/<slug:soort>/<int:pk>/", views.geschiedenis, name="geschiedenis"),
    path(
        "geschiedenis/cijfer/<int:gebied>/<int:categorie>/<int:jaar>/",
        views.geschiedenis_cijfer,
        name="geschiedenis_cijfer",
    ),
    path("", include("vergaderingen.urls")),
    path("", include("cijfers.urls")),
    path("", include("prioriteiten.urls")),
    path("admin/", admin.site.urls),
]
