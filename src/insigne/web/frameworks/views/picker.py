"""Searching framework items for the badge editor (JSON for its script) and as a page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from ...issuers.permissions import DESIGN
from ...issuers.views.access import access
from ..picking import competence_values
from ..search import search_items

MAX_QUERY = 100


def _query(request: HttpRequest) -> str:
    return " ".join(request.GET.get("q", "").split())[:MAX_QUERY]


@login_required
def search_json(request: HttpRequest, slug: str) -> JsonResponse:
    allowed = access(request, slug, DESIGN)
    language = request.GET.get("lang", "fr")[:8]
    results = []
    for found in search_items(allowed.organisation, _query(request)):
        item = found.item
        results.append(
            {
                **competence_values(item, found.levels, language),
                "label": item.label(language),
                "lang": item.label_language(language),
                "context": item.parent.label(language) if item.parent else "",
            }
        )
    return JsonResponse({"results": results}, json_dumps_params={"ensure_ascii": False})


@login_required
def search_page(request: HttpRequest, slug: str) -> HttpResponse:
    allowed = access(request, slug)
    query = _query(request)
    found = search_items(allowed.organisation, query, limit=50) if query else []
    context = {"organisation": allowed.organisation, "query": query, "found": found}
    return render(request, "frameworks/search.html", context)
