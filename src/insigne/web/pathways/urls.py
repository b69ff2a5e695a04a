"""Grouped badges, pathways and the public search. Mounted at the site root: staff pages live
under ``organisations/<slug>/``, the search has a path of its own."""

from django.urls import URLPattern, URLResolver, path

from .views import grouping, pathways, search

app_name = "pathways"
_org = "organisations/<slug:slug>"
_pathway = f"{_org}/parcours/<uuid:public_id>"
urlpatterns: list[URLPattern | URLResolver] = [
    path(f"{_org}/regroupements/nouveau/", grouping.group_create, name="group-create"),
    path(f"{_org}/badges/<uuid:public_id>/regroupement/", grouping.group, name="group"),
    path(
        f"{_org}/badges/<uuid:public_id>/regroupement/attribuer/",
        grouping.group_award,
        name="group-award",
    ),
    path(f"{_org}/parcours/", pathways.pathway_list, name="list"),
    path(f"{_org}/parcours/nouveau/", pathways.pathway_create, name="create"),
    path(f"{_pathway}/", pathways.pathway_detail, name="detail"),
    path(f"{_pathway}/modifier/", pathways.pathway_edit, name="edit"),
    path(f"{_pathway}/attribuer/", pathways.pathway_decide, name="decide"),
    path(f"{_pathway}/ouverture/", pathways.pathway_active, name="active"),
    path("recherche", search.search, name="search"),
]
