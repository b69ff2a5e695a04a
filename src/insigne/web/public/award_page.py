"""The parts of a badge page that are the same for every visitor: title, head (Open Graph)
and body, rendered once per award state and language, then kept briefly.

A visit then costs one light query (what deciding visibility takes) and one cache read; the
award with its badge, issuer and competences is only loaded to render the parts again. A
visitor without a session (most visitors: an employer following a link) gets the whole page
from the cache, with only their CSRF token (the language form's) put in.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
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
    """Changes with the award's state, its visibility and the holder's additions."""
    public = int(award.public)
    changed = award.holder_changed_at
    holder = f"{changed.timestamp():.6f}" if changed else "0"
    stamp = f"{state_stamp(award)}:{public}:{holder}"
    return f"insigne:award-page:{award.public_id}:{stamp}:{get_language()}"


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


_TOKEN_MARK = "insigne-csrf-token-mark-7f3a9c"


def is_plain_visitor(request: HttpRequest) -> bool:
    """No session, no pending message, the bare address: the page such a visitor sees is the
    same for all of them but for the CSRF token."""
    cookies = request.COOKIES
    return (
        not request.GET
        and settings.SESSION_COOKIE_NAME not in cookies
        and CookieStorage.cookie_name not in cookies
    )


def visitor_page(request: HttpRequest, award: Award) -> HttpResponse:
    """The page of a public ``award`` for a plain visitor (see ``is_plain_visitor``)."""
    key = f"{_key(award)}:visitor"
    html = cache.get(key)
    if not isinstance(html, str):
        context = {
            "award": award,
            "parts": page_parts(award),
            "sharing": None,
            "holder": False,
            "staff": False,
            "csrf_token": _TOKEN_MARK,
        }
        html = render_to_string("public/award.html", context, request)
        cache.set(key, html, CACHE_SECONDS)
    return HttpResponse(html.replace(_TOKEN_MARK, get_token(request)))
