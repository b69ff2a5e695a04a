"""The accessibility statement and the privacy notice."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe


def _contact() -> str:
    """Where people write about accessibility or personal data (the platform's operator)."""
    configured = getattr(settings, "CONTACT_EMAIL", "")
    return str(configured) if configured else f"contact@{settings.PUBLIC_HOST.split(':')[0]}"


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "public/accessibility.html", {"contact": _contact()})


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "public/privacy.html", {"contact": _contact()})
