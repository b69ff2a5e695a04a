"""An issuer's public documents: its Profile (JSON, or a page for people), DID document,
logo and status lists."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from ...badges.models import BadgeVersion
from ...issuers import identifiers
from ...issuers.models import Organisation
from .. import published
from ..negotiation import for_people, vary_on_accept
from ..responses import document_response, file_response


def _found(document: published.Published | None) -> published.Published:
    if document is None:
        raise Http404
    return document


@require_safe
def profile(request: HttpRequest, slug: str) -> HttpResponse:
    if not for_people(request):
        return vary_on_accept(document_response(_found(published.profile(slug))))
    organisation = get_object_or_404(Organisation, slug=slug)
    latest: dict[int, BadgeVersion] = {}
    versions = (
        BadgeVersion.objects.filter(badge__organisation=organisation, badge__archived=False)
        .select_related("badge")
        .only("name", "number", "description", "badge__public_id", "badge__archived")
        .order_by("badge_id", "-number")
    )
    for version in versions:
        latest.setdefault(version.badge_id, version)
    context = {
        "organisation": organisation,
        "has_logo": bool(organisation.logo_png),
        "versions": sorted(latest.values(), key=lambda v: v.name.lower()),
        "did": identifiers.did(organisation),
        "ob2_url": identifiers.ob2_issuer_url(organisation),
    }
    return vary_on_accept(render(request, "public/issuer.html", context))


@require_safe
def did_document(request: HttpRequest, slug: str) -> HttpResponse:
    return document_response(_found(published.did(slug)))


@require_safe
def logo(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.only("logo_png"), slug=slug)
    if not organisation.logo_png:
        raise Http404
    return file_response(
        bytes(organisation.logo_png), "image/png", "logo.png", attachment=False, private=False
    )


@require_safe
def status_list(request: HttpRequest, slug: str, list_id: uuid.UUID) -> HttpResponse:
    return document_response(_found(published.status_list(slug, list_id)), revalidate=True)
