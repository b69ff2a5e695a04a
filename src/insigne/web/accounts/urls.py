"""Account pages of our own, next to allauth's under /compte/."""

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "accounts"
urlpatterns: list[URLPattern | URLResolver] = [
    path("profil/", views.profile, name="profile"),
]
