"""The parts of a badge page that are the same for every visitor: title, head (Open Graph)
and body, rendered once per award state and language, then kept briefly.

A visit then costs one light query (what deciding visibility takes) and one cache read; the
award with its badge, issuer and competences is only loaded to render the parts again.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from ..awards.models import Award
from .award_details import AwardDetails
from .verdict import CACHE_SECONDS, state_stamp
from .visibility import awards


@dataclass(frozen=True)
class PageParts:
    title: str
    head: SafeString
    body: SafeString


def _key(award: Award) -> str:
    public = int(award.public)
    return f"insigne:award-page:{award.public_id}:{state_stamp(award)}:{public}:{get_language()}"


def render_parts(details: AwardDetails) -> PageParts:
    context = {"award": details.award, "details": details}
    return PageParts(
        title=details.award.version.name,
        head=render_to_string("public/_award_head.html", context),
        body=render_to_string("public/_award_body.html", context),
    )


def page_parts(award: Award, details: AwardDetails | None = None) -> PageParts:
    """The parts for ``award`` (loaded with ``visibility.gate()`` or fully)."""
    key = _key(award)
    cached = cache.get(key)
    if isinstance(cached, tuple) and len(cached) == 3:
        title, head, body = cached
        return PageParts(str(title), mark_safe(head), mark_safe(body))
    if details is None:
        details = AwardDetails(awards().get(pk=award.pk))
    parts = render_parts(details)
    cache.set(key, (parts.title, str(parts.head), str(parts.body)), CACHE_SECONDS)
    return parts
