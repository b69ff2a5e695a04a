"""A badge version's public documents: the Achievement (JSON, or a page for people with the
criteria) and its image."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString
from django.views.decorators.http import require_safe

from ...badges.models import BadgeVersion
from ...badges.rendering import markdown_html
from ...issuers import identifiers
from .. import published
from ..award_details import competence_lines
from ..certification import certification_of
from ..negotiation import for_people, vary_on_accept
from ..ob2_documents import badge_class_url
from ..responses import document_response, file_response


@require_safe
def achievement(request: HttpRequest, badge_id: uuid.UUID, number: int) -> HttpResponse:
    if not for_people(request):
        document = published.achievement(badge_id, number)
        if document is None:
            raise Http404
        return vary_on_accept(document_response(document))
    version = published.badge_version(badge_id, number)
    if version is None:
        raise Http404
    latest = (
        BadgeVersion.objects.filter(badge_id=version.badge_id)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    context = {
        "version": version,
        "organisation": version.badge.organisation,
        "competences": competence_lines(list(version.competences.all()), {}),
        "criteria_html": SafeString(markdown_html(version.criteria)),
        "description_html": SafeString(markdown_html(version.description)),
        "certification": certification_of(version),
        "latest": latest,
        "ob2_url": badge_class_url(version),
        "issuer_did": identifiers.did(version.badge.organisation),
    }
    return vary_on_accept(render(request, "public/badge.html", context))


@require_safe
def image(request: HttpRequest, badge_id: uuid.UUID, number: int) -> HttpResponse:
    png = (
        BadgeVersion.objects.filter(badge__public_id=badge_id, number=number)
        .values_list("image_png", flat=True)
        .first()
    )
    if not png:
        raise Http404
    return file_response(bytes(png), "image/png", "badge.png", attachment=False, private=False)
