from django.urls import path

from cijfers import views

app_name = "cijfers"

urlpatterns = [
    path("data.csv", views.data_csv, name="data_csv"),
]
