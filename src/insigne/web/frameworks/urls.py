"""Competence frameworks: the issuer's pages under ``organisations/<slug>/referentiels/`` and
the read-only CASE 1.0 service under ``ims/case/v1p0/``. Mounted at the site root."""

from django.urls import URLPattern, URLResolver, path

from .views import api, house, importing, listing, picker

app_name = "frameworks"
_org = "organisations/<slug:slug>/referentiels"
_one = f"{_org}/<uuid:identifier>"
_item = f"{_one}/items/<uuid:item>"
_case = "ims/case/v1p0"
urlpatterns: list[URLPattern | URLResolver] = [
    path(f"{_org}/", listing.framework_list, name="list"),
    path(f"{_org}/importer", importing.framework_import, name="import"),
    path(f"{_org}/nouveau", house.framework_create, name="create"),
    path(f"{_org}/recherche", picker.search_page, name="search"),
    path(f"{_org}/recherche.json", picker.search_json, name="search-json"),
    path(f"{_one}/", listing.framework_detail, name="detail"),
    path(f"{_one}/case.json", listing.framework_export, name="export"),
    path(f"{_one}/modifier", house.framework_edit, name="edit"),
    path(f"{_one}/supprimer", house.framework_delete, name="delete"),
    path(f"{_one}/items/nouveau", house.item_add, name="item-add"),
    path(f"{_item}/modifier", house.item_edit, name="item-edit"),
    path(f"{_item}/deplacer", house.item_move, name="item-move"),
    path(f"{_item}/supprimer", house.item_delete, name="item-delete"),
    path(f"{_case}/CFDocuments", api.documents, name="case-documents"),
    path(f"{_case}/CFDocuments/<str:identifier>", api.document, name="case-document"),
    path(f"{_case}/CFPackages/<str:identifier>", api.package, name="case-package"),
    path(f"{_case}/CFItems/<str:identifier>", api.item, name="case-item"),
    path(
        f"{_case}/CFItemAssociations/<str:identifier>",
        api.item_associations,
        name="case-item-associations",
    ),
    path(f"{_case}/CFAssociations/<str:identifier>", api.association, name="case-association"),
    path(f"{_case}/CFRubrics/<str:identifier>", api.rubric, name="case-rubric"),
    path(f"{_case}/CFLicenses/<str:identifier>", api.licence, name="case-licence"),
    path(f"{_case}/<path:rest>", api.unknown_endpoint),
]
