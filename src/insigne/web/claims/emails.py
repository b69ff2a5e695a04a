"""The e-mail that tells a person their badge request was declined, in their language.

An accepted request needs no message of its own: the award e-mail, with its claim link,
is the answer. Plain text with an HTML alternative, no images and no tracking.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from .models import BadgeRequest

LANGUAGES = ("fr", "en")


def declined_message(request: BadgeRequest, badge_name: str) -> EmailMultiAlternatives:
    language = request.language if request.language in LANGUAGES else "fr"
    organisation = request.badge.organisation
    context = {
        "request": request,
        "badge": badge_name,
        "organisation": organisation,
        "public_url": settings.PUBLIC_URL,
    }
    with translation.override(language):
        subject = render_to_string(f"claims/email/declined_subject.{language}.txt", context)
        text = render_to_string(f"claims/email/declined.{language}.txt", context)
        html = render_to_string(f"claims/email/declined.{language}.html", context)
    mail = EmailMultiAlternatives(
        subject=re.sub(r"\s*[\r\n]+\s*", " ", subject).strip(),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[request.email],
        reply_to=[organisation.contact_email] if organisation.contact_email else None,
        headers={"Auto-Submitted": "auto-generated"},
    )
    mail.attach_alternative(html, "text/html")
    return mail


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
