from django.contrib import admin
from django.urls import include, path

from ivp import views

admin.site.site_header = "IVP BES-dashboard: beheer"
admin.site.site_title = "IVP BES-beheer"
admin.site.index_title = "Beheer van plannen, prioriteiten en cijfers"

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("cijfers.urls")),
    path("admin/", admin.site.urls),
]
