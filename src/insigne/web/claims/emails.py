"""The e-mail that tells a person their badge request was declined, in their language.

An accepted request needs no message of its own: the award e-mail, with its claim link,
is the answer. Plain text with an HTML alternative, no images and no tracking.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from ..awards.emails import composed
from .models import BadgeRequest


def declined_message(request: BadgeRequest, badge_name: str) -> EmailMultiAlternatives:
    organisation = request.badge.organisation
    context = {
        "request": request,
        "badge": badge_name,
        "organisation": organisation,
        "public_url": settings.PUBLIC_URL,
    }
    return composed(
        "claims/email/declined",
        request.language,
        context,
        to=request.email,
        organisation=organisation,
    )


def send_declined(request_id: int) -> int:
    """Send the message for a request that is still declined; returns how many left."""
    request = (
        BadgeRequest.objects.select_related("badge__organisation")
        .defer("evidence_data")
        .filter(pk=request_id, state=BadgeRequest.State.DECLINED)
        .first()
    )
    if request is None:
        return 0
    version = request.badge.versions.order_by("-number").first()
    return declined_message(request, version.name if version else "").send()
