"""Shared pieces of the backpack tests (no tests here): awards held by the learner, imported
badges, collections, and the addresses of the backpack's pages."""

from __future__ import annotations

from datetime import UTC, datetime

from insigne.web.accounts.models import User
from insigne.web.awards.models import Award
from insigne.web.backpack.models import Collection
from insigne.web.badges.models import BadgeVersion
from insigne.web.external.models import ExternalBadge
from insigne.web.issuers.models import Organisation

from .conftest import Cast, make_badge
from .images import PNG_64
from .test_public_support import award_for


def held(cast: Cast, version: BadgeVersion, *, public: bool = False, **recipient: object) -> Award:
    """An award of ``version`` that the cast's learner holds (linked to their account)."""
    return award_for(cast, version, public=public, linked=True, **recipient)


def other_badge(organisation: Organisation, name: str) -> BadgeVersion:
    return make_badge(organisation, name=name, certification=None)


def imported(
    owner: User,
    *,
    name: str = "Secourisme en équipe",
    issuer: str = "Croix de l'Ouest",
    issued: datetime | None = None,
    public: bool = False,
    verified: bool = True,
    image: bool = True,
    credential_id: str = "",
) -> ExternalBadge:
    """A badge ``owner`` imported from another platform."""
    return ExternalBadge.objects.create(
        owner=owner,
        source=ExternalBadge.Source.FILE,
        original=b'{"type": ["VerifiableCredential"]}',
        original_name="badge.json",
        original_media_type="application/json",
        spec=ExternalBadge.Spec.OB3,
        credential_id=credential_id,
        credential='{"type": ["VerifiableCredential"]}',
        name=name,
        description="Gestes de premiers secours en équipe.",
        issuer_name=issuer,
        issuer_url="https://croix.example",
        issued_at=issued or datetime(2024, 3, 1, tzinfo=UTC),
        image_png=PNG_64 if image else None,
        verified=verified,
        outcome=ExternalBadge.Outcome.PASS if verified else ExternalBadge.Outcome.FAIL,
        public=public,
    )


def collection_of(owner: User, name: str = "Pour ma candidature", **fields: object) -> Collection:
    return Collection.objects.create(owner=owner, name=name, **fields)


def page(award: Award) -> str:
    return f"/sac/badges/{award.public_id}"


def public_page(award: Award) -> str:
    return f"/b/{award.public_id}"
