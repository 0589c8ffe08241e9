from django.urls import path

from cijfers import views

app_name = "cijfers"

urlpatterns = [
    path("cijfers/", views.verkenner, name="verkenner"),
    path("cijfers/data.csv", views.data_csv, name="data_csv"),
    path("cijfers/<slug:slug>/", views.categorie, name="categorie"),
    path("gebieden/<slug:slug>/", views.gebied, name="gebied"),
]
