"""Grouped badges, pathways and the public search. Mounted at the site root: staff pages live
under ``organisations/<slug>/``, the search has a path of its own."""

from django.urls import URLPattern, URLResolver

app_name = "pathways"
urlpatterns: list[URLPattern | URLResolver] = []
