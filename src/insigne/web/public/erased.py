"""Awards whose learner deleted their account: every public address of the award answers
410 Gone, saying the holder asked for it. The award is not revoked (revocation is the
issuer's act), so a copy the learner kept still verifies through its status list.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from .negotiation import HTML, preferred

GONE_FR = "Ce badge a été supprimé à la demande de son titulaire."
GONE_EN = "This badge was deleted at its holder's request."


class Erased(Http404):
    """Raised where an erased award was asked for. A view decorated with ``gone_when_erased``
    answers 410 Gone; any other view answers 404, as for an award that never existed."""


def gone_document(url: str) -> dict[str, Any]:
    """What machines get at the address ``url`` of an erased award (no ``revoked`` member:
    the award was not revoked)."""
    return {"id": url, "status": 410, "message": {"fr": GONE_FR, "en": GONE_EN}}


def gone_json(url: str) -> bytes:
    return json.dumps(gone_document(url), ensure_ascii=False).encode("utf-8")


def gone(request: HttpRequest) -> HttpResponse:
    """410 Gone: a short page for people, a small JSON document for clients asking for JSON."""
    if preferred(request, [HTML, "application/json", "application/ld+json"]) != HTML:
        response = HttpResponse(
            gone_json(f"{settings.PUBLIC_URL}{request.path}"),
            content_type="application/json",
            status=410,
        )
        response["Access-Control-Allow-Origin"] = "*"
    else:
        response = render(request, "public/gone.html", status=410)
    response["Cache-Control"] = "no-cache"
    response["X-Robots-Tag"] = "noindex"
    response["Vary"] = "Accept"
    return response


View = Callable[..., HttpResponse]


def gone_when_erased(view: View) -> View:
    """Answer 410 Gone when ``view`` raises ``Erased``."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except Erased:
            return gone(request)

    return wrapped
