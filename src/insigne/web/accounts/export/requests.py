"""The badge requests of an account (claims app): those it made, and those made with one of its
verified addresses before it had an account. Requests the person decided as issuer staff are
not theirs and never exported."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from ...claims.models import BadgeRequest
from .. import holdings
from ..models import User


def badge_requests(user: User) -> list[BadgeRequest]:
    mine = Q(user=user) | Q(email__in=holdings.verified_addresses(user))
    return list(
        BadgeRequest.objects.filter(mine)
        .select_related("badge", "award")
        .defer("evidence_data")
        .order_by("created_at", "pk")
    )


def request_document(request: BadgeRequest) -> dict[str, Any]:
    version = request.badge.current_version
    return {
        "id": str(request.public_id),
        "badge": version.name if version is not None else None,
        "email": request.email,
        "name": request.name,
        "message": request.message,
        "evidence_url": request.evidence_url,
        "evidence_text": request.evidence_text,
        "evidence_file_name": request.evidence_file_name,
        "state": request.state,
        "decision_comment": request.decision_comment,
        "decided_at": request.decided_at,
        "asked_at": request.created_at,
        "award": str(request.award.public_id) if request.award is not None else None,
    }


def evidence_of(request: Any) -> bytes | None:
    """The file joined to the request, read only now."""
    model = type(request)
    data = model._default_manager.filter(pk=request.pk).values_list("evidence_data", flat=True)
    found = data.first()
    return bytes(found) if found else None
