"""Pages that belong to no bounded context: home, health check, error pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return dashboard(request)
    return render(request, "home.html")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    memberships = request.user.memberships.select_related("organisation")  # type: ignore[union-attr]
    if memberships.count() == 1:
        return redirect("issuers:detail", slug=memberships.get().organisation.slug)
    return render(request, "dashboard.html", {"memberships": memberships})


@never_cache
def health(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico where a page names no icon (JSON documents, files)."""
    return redirect(static("insigne/favicon.svg"), permanent=True)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", status=500)
