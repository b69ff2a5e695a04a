"""Open Badges 2.0 documents: Issuer, BadgeClass and hosted Assertion (410 Gone once revoked
or while suspended). All public: the assertion names its recipient only by a salted hash."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from .. import published
from ..responses import document_response


def _found(document: published.Published | None) -> published.Published:
    if document is None:
        raise Http404
    return document


@require_safe
def issuer(request: HttpRequest, slug: str) -> HttpResponse:
    return document_response(_found(published.ob2_issuer(slug)))


@require_safe
def badge_class(request: HttpRequest, badge_id: uuid.UUID, number: int) -> HttpResponse:
    return document_response(_found(published.ob2_badge_class(badge_id, number)))


@require_safe
def assertion(request: HttpRequest, award_id: uuid.UUID) -> HttpResponse:
    return document_response(_found(published.ob2_assertion(award_id)), revalidate=True)
