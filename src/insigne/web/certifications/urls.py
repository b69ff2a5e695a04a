"""France Compétences fiches: search for the badge editor, imports for the platform staff."""

from django.urls import URLPattern, URLResolver

app_name = "certifications"
urlpatterns: list[URLPattern | URLResolver] = []
