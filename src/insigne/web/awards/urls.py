from django.urls import URLPattern, URLResolver, path

from .views import imports, listing, single

app_name = "awards"
urlpatterns: list[URLPattern | URLResolver] = [
    path("<slug:slug>/badges/<uuid:public_id>/attribuer/", single.award, name="award"),
    path("<slug:slug>/badges/<uuid:public_id>/importer/", imports.upload, name="import"),
    path(
        "<slug:slug>/badges/<uuid:public_id>/importer/modele.csv",
        imports.template,
        name="import_template",
    ),
    path("<slug:slug>/imports/<uuid:public_id>/", imports.detail, name="import_detail"),
    path(
        "<slug:slug>/imports/<uuid:public_id>/progression.json",
        imports.progress,
        name="import_progress",
    ),
    path(
        "<slug:slug>/imports/<uuid:public_id>/lignes-ecartees.csv",
        imports.problems,
        name="import_problems",
    ),
    path("<slug:slug>/attributions/", listing.award_list, name="list"),
    path("<slug:slug>/attributions/actions/", listing.bulk, name="bulk"),
    path("<slug:slug>/attributions/<uuid:public_id>/", single.detail, name="detail"),
    path("<slug:slug>/attributions/<uuid:public_id>/etat/", single.change_state, name="state"),
]
