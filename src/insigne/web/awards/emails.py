"""The e-mail that tells a learner about a new badge, in the learner's language.

Plain text with an HTML alternative, no images and no tracking: a link to claim the badge
and a few words on what a badge is for. Messages of a batch share one mail connection.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils import translation

from ..issuers.models import Organisation
from .links import claim_url
from .models import Award

LANGUAGES = ("fr", "en")


def composed(
    template: str, language: str, context: dict[str, Any], *, to: str, organisation: Organisation
) -> EmailMultiAlternatives:
    """The message ``template`` (``<template>_subject.<language>.txt``, ``.txt`` and ``.html``)
    sent on behalf of ``organisation``: replies go to its contact address."""
    language = language if language in LANGUAGES else "fr"
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.{language}.txt", context)
        text = render_to_string(f"{template}.{language}.txt", context)
        html = render_to_string(f"{template}.{language}.html", context)
    mail = EmailMultiAlternatives(
        subject=re.sub(r"\s*[\r\n]+\s*", " ", subject).strip(),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        reply_to=[organisation.contact_email] if organisation.contact_email else None,
        headers={"Auto-Submitted": "auto-generated"},
    )
    mail.attach_alternative(html, "text/html")
    return mail


def message(award: Award) -> EmailMultiAlternatives:
    context = {
        "award": award,
        "badge": award.version.name,
        "organisation": award.organisation,
        "claim_url": claim_url(award),
        "levels": sorted(award.levels.items()),
        "public_url": settings.PUBLIC_URL,
    }
    return composed(
        "awards/email/awarded",
        award.language,
        context,
        to=award.recipient_email,
        organisation=award.organisation,
    )


def send_awarded(award_ids: Sequence[int]) -> int:
    """Send the e-mail of each award still valid and not erased among ``award_ids``; returns
    how many left."""
    awards = (
        Award.objects.filter(pk__in=list(award_ids), erased_at__isnull=True)
        .exclude(state=Award.State.REVOKED)
        .select_related("version", "organisation")
        .order_by("pk")
    )
    messages = [message(award) for award in awards]
    if not messages:
        return 0
    with get_connection() as connection:
        return int(connection.send_messages(messages) or 0)
