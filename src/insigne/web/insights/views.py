"""The organisation dashboard: every member sees it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..issuers.permissions import VIEW, organisation_for
from . import dashboard


@login_required
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_for(request, slug, VIEW)
    return render(
        request,
        "insights/dashboard.html",
        {"organisation": organisation, **dashboard.context(organisation)},
    )
