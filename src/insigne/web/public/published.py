"""Every machine-readable document the platform publishes, one function each.

The HTTP views and the in-process fetcher (``fetching.py``) both answer from here, so a
verifier inside the platform reads exactly the bytes a verifier outside would download.
Each function returns None when the document does not exist (or is not public).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from ..awards.models import Award, StatusList
from ..awards.status import signed_document
from ..badges.models import BadgeVersion
from ..issuers.models import Organisation
from . import ob2_documents
from .documents import achievement_document, did_document, json_bytes, profile_document
from .erased import gone_json

JSON_LD = "application/ld+json"
_ASSERTION_FIELDS = (
    "public_id", "recipient_email", "salt", "awarded_at", "valid_until", "narrative",
    "evidence", "state", "state_reason", "version__number", "version__badge__public_id",
    "erased_at",
)  # fmt: skip
CREDENTIAL = "application/vc+ld+json"


@dataclass(frozen=True)
class Published:
    body: bytes
    content_type: str = JSON_LD
    status: int = 200


def parse_uuid(text: str | uuid.UUID) -> uuid.UUID | None:
    if isinstance(text, uuid.UUID):
        return text
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


def did(slug: str) -> Published | None:
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        return None
    return Published(json_bytes(did_document(organisation)), "application/json")


def profile(slug: str) -> Published | None:
    organisation = Organisation.objects.filter(slug=slug).first()
    return Published(json_bytes(profile_document(organisation))) if organisation else None


def status_list(slug: str, list_id: str | uuid.UUID) -> Published | None:
    public_id = parse_uuid(list_id)
    if public_id is None:
        return None
    found = (
        StatusList.objects.filter(public_id=public_id, organisation__slug=slug)
        .only("credential", "version", "credential_version")  # signed_document loads the rest
        .first()
    )
    if found is None:
        return None
    return Published(signed_document(found).encode("utf-8"), CREDENTIAL)


def badge_version(badge_id: str | uuid.UUID, number: int | str) -> BadgeVersion | None:
    public_id = parse_uuid(badge_id)
    if public_id is None:
        return None
    return (
        BadgeVersion.objects.select_related("badge__organisation")
        .prefetch_related("competences")
        .defer("image_png", "image_svg", "design", "badge__organisation__logo_png")
        .filter(badge__public_id=public_id, number=int(number))
        .first()
    )


def achievement(badge_id: str | uuid.UUID, number: int | str) -> Published | None:
    version = badge_version(badge_id, number)
    return Published(json_bytes(achievement_document(version))) if version else None


def ob2_issuer(slug: str) -> Published | None:
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        return None
    return Published(json_bytes(ob2_documents.issuer_document(organisation)))


def ob2_badge_class(badge_id: str | uuid.UUID, number: int | str) -> Published | None:
    version = badge_version(badge_id, number)
    return Published(json_bytes(ob2_documents.badge_class_document(version))) if version else None


def ob2_assertion(award_id: str | uuid.UUID) -> Published | None:
    """The hosted assertion; 410 Gone with ``revoked: true`` once revoked or while suspended,
    404 once its learner deleted their account (Open Badges 2.0 verifiers read any 410 at an
    assertion's address as a revocation, and an erased award was not revoked).

    Public whatever the learner chose: it names the recipient only by a salted hash, and
    Open Badges 2.0 backpacks cannot verify a badge without it.
    """
    public_id = parse_uuid(award_id)
    if public_id is None:
        return None
    award = (
        Award.objects.select_related("version__badge")
        .only(*_ASSERTION_FIELDS)
        .filter(public_id=public_id)
        .first()
    )
    if award is None:
        return None
    if award.erased_at is not None:
        url = ob2_documents.assertion_url(award)
        return Published(gone_json(url), "application/json", status=404)
    if award.state != Award.State.ACTIVE:
        return Published(json_bytes(ob2_documents.revoked_document(award)), status=410)
    return Published(json_bytes(ob2_documents.assertion_document(award)))


def public_credential(award_id: str | uuid.UUID) -> Published | None:
    """The signed credential of an award its learner made public, byte for byte."""
    public_id = parse_uuid(award_id)
    if public_id is None:
        return None
    credential = (
        Award.objects.filter(public_id=public_id, public=True, erased_at__isnull=True)
        .values_list("credential", flat=True)
        .first()
    )
    return Published(credential.encode("utf-8"), CREDENTIAL) if credential else None
