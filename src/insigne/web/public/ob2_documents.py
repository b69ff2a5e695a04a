"""The Open Badges 2.0 documents the platform hosts: Issuer, BadgeClass, hosted Assertion.

Older backpacks and learning platforms verify a badge by fetching its hosted Assertion, which
links to the BadgeClass, which links to the Issuer; all three live on the platform's host, so
the assertion is in the issuer's scope. The Assertion names its recipient only by the salted
hash the Open Badges 3.0 credential carries. A revoked or suspended award answers 410 Gone
with ``revoked: true``; no RevocationList is published, since hosted assertions do not use one
and it would list every revoked badge of an organisation in one place.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from ...core import ob2
from ...core.identity import identity_hash
from ..awards.models import Award
from ..badges.achievement import achievement_url, core_competences, image_url
from ..badges.models import BadgeVersion
from ..badges.rendering import criteria_text
from ..issuers import identifiers
from ..issuers.models import Organisation
from .certification import certification_of


def badge_class_url(version: BadgeVersion) -> str:
    return f"{settings.PUBLIC_URL}/ob2/badges/{version.badge.public_id}/v{version.number}"


def assertion_url(award: Award) -> str:
    return f"{settings.PUBLIC_URL}/ob2/assertions/{award.public_id}"


def issuer_document(organisation: Organisation) -> dict[str, Any]:
    logo = None
    if organisation.logo_png:
        logo = f"{identifiers.profile_url(organisation)}/logo.png"
    return ob2.Issuer(
        id=identifiers.ob2_issuer_url(organisation),
        name=organisation.name,
        url=organisation.website or identifiers.profile_url(organisation),
        email=organisation.contact_email,
        description=organisation.description or None,
        image=logo,
    ).to_json()


def badge_class_document(version: BadgeVersion) -> dict[str, Any]:
    alignments = [
        ob2.Alignment(
            target_name=c.name,
            target_url=c.url,
            target_description=c.description,
            target_framework=c.framework,
            target_code=c.code,
        )
        for c in core_competences(version)
    ]
    certification = certification_of(version)
    if certification is not None:
        alignments.append(
            ob2.Alignment(
                target_name=certification.title,
                target_url=certification.url,
                target_framework=certification.alignment().target_framework,
                target_code=certification.code,
            )
        )
    return ob2.BadgeClass(
        id=badge_class_url(version),
        name=version.name,
        description=version.description,
        image=image_url(version),
        issuer=identifiers.ob2_issuer_url(version.badge.organisation),
        criteria_url=achievement_url(version),
        criteria_narrative=criteria_text(version.criteria) or None,
        alignment=tuple(alignments),
        tags=tuple(str(tag) for tag in version.tags),
    ).to_json()


def assertion_document(award: Award) -> dict[str, Any]:
    """The hosted Assertion of an active award."""
    expires = award.valid_until
    if expires is not None and expires <= award.awarded_at:
        expires = None
    evidence = tuple(
        str(item["url"])
        for item in award.evidence
        if isinstance(item, dict) and str(item.get("url", "")).startswith(("https://", "http://"))
    )
    return ob2.Assertion(
        id=assertion_url(award),
        recipient=ob2.Recipient(
            identity_hash(award.recipient_email, award.salt), "email", True, award.salt
        ),
        badge=badge_class_url(award.version),
        issued_on=award.awarded_at,
        expires=expires,
        evidence=evidence,
        narrative=award.narrative or None,
    ).to_json()


def revoked_document(award: Award) -> dict[str, Any]:
    """What the assertion URL answers (with 410 Gone) once revoked or while suspended."""
    return ob2.revoked_assertion_json(assertion_url(award), award.state_reason or None)
