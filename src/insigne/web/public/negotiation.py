"""Content negotiation: one URL per object, HTML for people and JSON for machines."""

from __future__ import annotations

from collections.abc import Sequence

from django.http import HttpRequest, HttpResponse

HTML = "text/html"
# What a client may ask a badge URL for; the answer says the type it asked for.
CREDENTIAL_TYPES = (
    "application/ld+json",
    "application/vc+ld+json",
    "application/vc",
    "application/json",
)
DOCUMENT_TYPES = ("application/ld+json", "application/json")


def preferred(request: HttpRequest, offered: Sequence[str]) -> str:
    """The type of ``offered`` the client prefers; the first one when it states none."""
    return request.get_preferred_type(list(offered)) or offered[0]


def for_people(request: HttpRequest) -> bool:
    """Whether a document URL should answer with its HTML page (browsers ask for text/html)."""
    return preferred(request, [*DOCUMENT_TYPES, HTML]) == HTML


def vary_on_accept(response: HttpResponse) -> HttpResponse:
    existing = response.get("Vary")
    response["Vary"] = f"{existing}, Accept" if existing else "Accept"
    return response
