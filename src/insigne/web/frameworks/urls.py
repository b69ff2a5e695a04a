"""Competence frameworks: the issuer's pages under ``organisations/<slug>/referentiels/`` and
the read-only CASE 1.0 service under ``ims/case/v1p0/``. Mounted at the site root."""

from django.urls import URLPattern, URLResolver

app_name = "frameworks"
urlpatterns: list[URLPattern | URLResolver] = []
