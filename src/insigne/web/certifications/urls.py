"""France Compétences fiches: search for the badge editor, imports for the platform staff."""

from django.urls import path

from . import views

app_name = "certifications"
urlpatterns = [
    path("recherche", views.search_page, name="search"),
    path("recherche.json", views.search_json, name="search_json"),
    path("imports/", views.imports, name="imports"),
    path("imports/<uuid:public_id>/", views.import_detail, name="import_detail"),
    path("imports/<uuid:public_id>/progression", views.import_progress, name="import_progress"),
]
