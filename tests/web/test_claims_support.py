"""Shared pieces of the claims tests (no tests here): links, addresses, requests."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from insigne.web.badges.models import BadgeVersion
from insigne.web.claims import actions
from insigne.web.claims.models import BadgeRequest, ClaimLink

from .conftest import Cast

CAMILLE = "camille@apprenant.example"
SACHA = "sacha@visiteur.example"


def make_link(cast: Cast, version: BadgeVersion, **fields: Any) -> ClaimLink:
    """A link of ``version``'s badge, created by the awarder."""
    fields.setdefault("label", "Forum des métiers")
    return actions.create_link(version.badge, by=cast.awarder, **fields)


def event_url(link: ClaimLink) -> str:
    return reverse("claims:event", args=[link.token])


def claim(client: Client, link: ClaimLink, **data: str) -> Any:
    form = {"name": "Sacha Leroy", "email": SACHA, **data}
    return client.post(event_url(link), form)


def links_url(cast: Cast, version: BadgeVersion) -> str:
    return reverse("claims:links", args=[cast.organisation.slug, version.badge.public_id])


def link_url(cast: Cast, link: ClaimLink) -> str:
    return reverse("claims:link", args=[cast.organisation.slug, link.public_id])


def queue_url(cast: Cast) -> str:
    return reverse("claims:queue", args=[cast.organisation.slug])


def request_url(cast: Cast, item: BadgeRequest) -> str:
    return reverse("claims:request", args=[cast.organisation.slug, item.public_id])


def decide_url(cast: Cast, item: BadgeRequest) -> str:
    return reverse("claims:decide", args=[cast.organisation.slug, item.public_id])


def ask_url(version: BadgeVersion) -> str:
    return reverse("claims:request-badge", args=[version.badge.public_id])


def open_requests(version: BadgeVersion) -> None:
    actions.set_requests_open(version.badge, True)


def pending_request(
    cast: Cast, version: BadgeVersion, *, email: str = CAMILLE, **evidence: Any
) -> BadgeRequest:
    """Camille's request (as the cast's learner) with evidence, the badge opened to requests."""
    open_requests(version)
    evidence.setdefault("url", "https://portfolio.example/projet")
    evidence.setdefault("text", "J'ai animé l'atelier de clôture.")
    return actions.request_badge(
        version.badge,
        actions.Participant(email=email, name="Camille Roux", user=cast.learner),
        evidence=actions.RequestEvidence(**evidence),
        message="Merci de votre attention.",
    )
