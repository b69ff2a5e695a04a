"""URL map: each bounded context brings its own ``urls.py``."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("sante", views.health, name="health"),
    path("favicon.ico", views.favicon),
    path("i18n/", include("django.conf.urls.i18n")),
    path("compte/", include("allauth.urls")),
    path("compte/", include("insigne.web.accounts.urls")),
    path("organisations/", include("insigne.web.issuers.urls")),
    path("organisations/", include("insigne.web.badges.urls")),
    path("organisations/", include("insigne.web.awards.urls")),
    path("organisations/", include("insigne.web.insights.urls")),
    path("sac/", include("insigne.web.backpack.urls")),
    path("sac/externes/", include("insigne.web.external.urls")),
    path("", include("insigne.web.claims.urls")),
    path("", include("insigne.web.pathways.urls")),
    path("certifications/", include("insigne.web.certifications.urls")),
    path("", include("insigne.web.frameworks.urls")),
    path("", include("insigne.web.public.urls")),
    path("admin/", admin.site.urls),
]

handler404 = "insigne.web.views.not_found"
handler500 = "insigne.web.views.server_error"
