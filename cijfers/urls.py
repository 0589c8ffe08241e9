from django.urls import path

from cijfers import toelichtingen, views
from cijfers.importeren import views as importeren

app_name = "cijfers"

urlpatterns = [
    path("cijfers/", views.verkenner, name="verkenner"),
    path("cijfers/data.csv", views.data_csv, name="data_csv"),
    path("cijfers/importeren/", importeren.importeren_pagina, name="importeren"),
    path("cijfers/importeren/sjabloon.xlsx", importeren.sjabloon_xlsx, name="sjabloon"),
    path("cijfers/importeren/cbs/", importeren.cbs_ophalen, name="cbs_ophalen"),
    path("cijfers/importeren/<int:pk>/", importeren.import_pagina, name="import"),
    path("cijfers/importeren/<int:pk>/status.json", importeren.import_status, name="import_status"),
    path("cijfers/<slug:slug>/", views.categorie, name="categorie"),
    path("gebieden/zoek/", views.gebied_zoeken, name="gebied_zoeken"),
    path("gebieden/<slug:slug>/", views.gebied, name="gebied"),
    path("gebieden/<slug:slug>/toelichting/nieuw/", toelichtingen.nieuw, name="toelichting_nieuw"),
    path("toelichtingen/<int:pk>/bewerken/", toelichtingen.bewerken, name="toelichting_bewerken"),
    path(
        "toelichtingen/<int:pk>/intrekken/", toelichtingen.intrekken, name="toelichting_intrekken"
    ),
]
