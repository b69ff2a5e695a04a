"""Finding what an issuer-side page is about inside the organisation the person may act for
(else 404), and the badge names list pages show."""

from __future__ import annotations

import uuid

from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404

from ..badges.models import Badge, BadgeVersion
from ..issuers.models import Organisation
from .models import BadgeRequest, ClaimLink


def badge_of(organisation: Organisation, public_id: uuid.UUID) -> Badge:
    badge = Badge.objects.filter(organisation=organisation, public_id=public_id).first()
    if badge is None:
        raise Http404
    return badge


def link_of(organisation: Organisation, public_id: uuid.UUID) -> ClaimLink:
    link = (
        ClaimLink.objects.select_related("badge", "created_by")
        .filter(badge__organisation=organisation, public_id=public_id)
        .first()
    )
    if link is None:
        raise Http404
    return link


def request_of(organisation: Organisation, public_id: uuid.UUID) -> BadgeRequest:
    found = (
        with_badge_names(BadgeRequest.objects.all())
        .select_related("badge", "claim_link", "decided_by", "award")
        .defer("evidence_data")
        .filter(badge__organisation=organisation, public_id=public_id)
        .first()
    )
    if found is None:
        raise Http404
    return found


def _latest(field: str) -> Subquery:
    return Subquery(
        BadgeVersion.objects.filter(badge=OuterRef("badge")).order_by("-number").values(field)[:1]
    )


def with_badge_names(requests: QuerySet[BadgeRequest]) -> QuerySet[BadgeRequest]:
    """Each request with ``badge_name`` and ``badge_number`` of the badge's newest version."""
    return requests.annotate(badge_name=_latest("name"), badge_number=_latest("number"))
