from django.urls import path

from prioriteiten import views

app_name = "prioriteiten"

urlpatterns = [
    path("plan/<slug:slug>/", views.plan, name="plan"),
    path("plan/<slug:plan>/prioriteiten/<slug:slug>/", views.prioriteit, name="prioriteit"),
    path("plan/<slug:plan>/speerpunten/<slug:gebied>/", views.speerpunten, name="speerpunten"),
    path("voortgang/", views.overzicht, name="voortgang"),
    path("voortgang/nieuw/<slug:soort>/<int:pk>/", views.voortgang_nieuw, name="voortgang_nieuw"),
    path("voortgang/<int:pk>/bewerken/", views.voortgang_bewerken, name="voortgang_bewerken"),
    path(
        "onderdeel/nieuw/<slug:soort>/<slug:ouder>/<int:pk>/",
        views.onderdeel_nieuw,
        name="onderdeel_nieuw",
    ),
    path("doel/<int:pk>/indicator/", views.indicator_bewerken, name="indicator_bewerken"),
]
