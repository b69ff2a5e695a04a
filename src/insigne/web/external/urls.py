"""Badges issued elsewhere, under /sac/externes/: adding one, the holder's pages, and the
public page (``p/<id>``, shared with others: its path stays stable)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from .views import adding, held, public

app_name = "external"
urlpatterns: list[URLPattern | URLResolver] = [
    path("ajouter", adding.add, name="add"),
    path("<uuid:public_id>", held.detail, name="detail"),
    path("<uuid:public_id>/original", held.original, name="original"),
    path("<uuid:public_id>/image.png", held.picture, name="picture"),
    path("<uuid:public_id>/publier", held.publish, name="publish"),
    path("<uuid:public_id>/rendre-prive", held.unpublish, name="unpublish"),
    path("<uuid:public_id>/supprimer", held.delete, name="delete"),
    path("p/<uuid:public_id>", public.public_page, name="public"),
]
