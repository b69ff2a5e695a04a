"""Account pages of our own, next to allauth's under /compte/."""

from django.urls import URLPattern, URLResolver, path

from .views import deletion, export, keeping, profile

app_name = "accounts"
urlpatterns: list[URLPattern | URLResolver] = [
    path("profil/", profile.profile, name="profile"),
    path("supprimer", deletion.delete, name="delete"),
    path("supprimer/termine", deletion.deleted, name="deleted"),
    path("exporter", export.archive, name="export"),
    path("exporter/compte.json", export.account_json, name="export-json"),
    path("garder/<str:token>", keeping.keep, name="keep"),
    path("garder/<str:token>/inscription", keeping.sign_up, name="keep-signup"),
    path("garder/<str:token>/connexion", keeping.sign_in, name="keep-login"),
]
