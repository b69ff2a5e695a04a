from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "insights"
urlpatterns: list[URLPattern | URLResolver] = [
    path("<slug:slug>/tableau-de-bord/", views.overview, name="dashboard"),
]
