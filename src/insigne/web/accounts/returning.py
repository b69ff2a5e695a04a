"""Coming back to a page after signing in or signing up.

A link such as an invitation may be opened by someone without an account. Sign-up then
goes through e-mail verification, possibly ending with a fresh sign-in that no longer
carries ``?next=``; the page to come back to is kept in the session instead.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

SESSION_KEY = "insigne.return_to"


def remember(request: HttpRequest, path: str) -> None:
    if _local(path):
        request.session[SESSION_KEY] = path


def take(request: HttpRequest) -> str | None:
    """The remembered page, forgotten once taken."""
    path = request.session.pop(SESSION_KEY, None)
    return path if isinstance(path, str) and _local(path) else None


def _local(path: str) -> bool:
    return path.startswith("/") and url_has_allowed_host_and_scheme(path, allowed_hosts=None)
