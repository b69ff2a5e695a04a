"""Turning recipients into signed, stored awards, a few thousand per second.

The Achievement and issuer Profile are built once per batch; each credential is a small
dict around them, signed with the organisation's active key (eddsa-rdfc-2022; the core's
shape templates make every credential after the first cheap), then all awards of a batch are
written at once (``bulk.insert``) inside the transaction that reserves their status-list slots.
"""

from __future__ import annotations

import json
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ...core import dates
from ...core.canon import default_canonicalizer
from ...core.competences import results_for
from ...core.identity import identity_hash, new_salt, normalize_email
from ...core.issuing import sign_credential
from ...core.status import status_entry
from ..accounts.models import User
from ..badges.achievement import achievement_json, achievement_url, core_competences, issuer_json
from ..badges.models import BadgeVersion
from ..issuers import identifiers
from ..issuers.actions import active_key
from . import bulk, status
from .models import Award, AwardImport

CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]


@dataclass(frozen=True)
class Recipient:
    """Who receives the badge, and what they showed."""

    email: str
    name: str = ""
    levels: dict[str, str] = field(default_factory=dict)  # competence name -> level name
    evidence: tuple[dict[str, str], ...] = ()  # {"url", "name", "narrative"}
    narrative: str = ""
    awarded_at: datetime | None = None
    language: str = "fr"


def valid_until(version: BadgeVersion, awarded_at: datetime) -> datetime | None:
    if version.expiry == BadgeVersion.Expiry.DATE and version.expiry_date:
        zone = ZoneInfo(settings.TIME_ZONE)
        return datetime.combine(version.expiry_date, time(23, 59, 59), tzinfo=zone)
    if version.expiry == BadgeVersion.Expiry.DURATION and version.expiry_days:
        return awarded_at + timedelta(days=version.expiry_days)
    return None


def issue(
    version: BadgeVersion,
    recipients: Sequence[Recipient],
    *,
    by: User | None,
    import_batch: AwardImport | None = None,
    with_jwt: bool = False,
) -> list[Award]:
    """Sign and store one award per recipient. Raises ValueError for an invalid recipient
    (unknown competence or level); nothing is stored then."""
    organisation = version.badge.organisation
    record, key = active_key(organisation)
    method = identifiers.verification_method(organisation, record.public_multibase)
    achievement = achievement_json(version)
    issuer = issuer_json(organisation)
    competences = core_competences(version)
    base = achievement_url(version)
    canonicalizer = default_canonicalizer()
    now = timezone.now()
    created = dates.format_z(now)
    awards: list[Award] = []
    with transaction.atomic():
        slots = status.allocate(organisation, len(recipients))
        for recipient, (status_list, index) in zip(recipients, slots, strict=True):
            awarded_at = recipient.awarded_at or now
            until = valid_until(version, awarded_at)
            email = normalize_email(recipient.email)
            salt = new_salt()
            award_id = uuid.uuid4()
            results = [r.to_json() for r in results_for(base, competences, recipient.levels)]
            credential = _credential(
                award_id=award_id,
                name=version.name,
                issuer=issuer,
                achievement=achievement,
                valid_from=dates.format_z(awarded_at),
                valid_until=dates.format_z(until) if until else None,
                identity=identity_hash(email, salt),
                salt=salt,
                results=results,
                narrative=recipient.narrative,
                evidence=recipient.evidence,
                status=status_entry(status.list_url(status_list), index, "revocation"),
            )
            signed = sign_credential(
                credential,
                key,
                created=created,
                verification_method=method,
                canonicalizer=canonicalizer,
            )
            token = ""
            if with_jwt:
                token = str(
                    sign_credential(credential, key, format="jwt", verification_method=method)
                )
            awards.append(
                Award(
                    public_id=award_id,
                    organisation=organisation,
                    version=version,
                    recipient_email=email,
                    recipient_name=recipient.name,
                    language=recipient.language,
                    awarded_at=awarded_at,
                    valid_until=until,
                    narrative=recipient.narrative,
                    levels=dict(recipient.levels),
                    evidence=list(recipient.evidence),
                    salt=salt,
                    credential=json.dumps(signed, ensure_ascii=False, separators=(",", ":")),
                    credential_jwt=token,
                    revocation_list=status_list,
                    revocation_index=index,
                    claim_token=secrets.token_urlsafe(24),
                    import_batch=import_batch,
                    created_by=by,
                )
            )
        bulk.insert(awards)
    return awards


def _credential(
    *,
    award_id: uuid.UUID,
    name: str,
    issuer: dict[str, Any],
    achievement: dict[str, Any],
    valid_from: str,
    valid_until: str | None,
    identity: str,
    salt: str,
    results: list[dict[str, Any]],
    narrative: str,
    evidence: Sequence[dict[str, str]],
    status: dict[str, Any],
) -> dict[str, Any]:
    subject: dict[str, Any] = {
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "identityHash": identity,
                "identityType": "emailAddress",
                "hashed": True,
                "salt": salt,
            }
        ],
        "achievement": achievement,
    }
    if results:
        subject["result"] = results
    if narrative:
        subject["narrative"] = narrative
    credential: dict[str, Any] = {
        "@context": CONTEXT,
        "id": f"urn:uuid:{award_id}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": name,
        "issuer": issuer,
        "validFrom": valid_from,
    }
    if valid_until:
        credential["validUntil"] = valid_until
    credential["credentialSubject"] = subject
    if evidence:
        credential["evidence"] = [_evidence(item) for item in evidence]
    credential["credentialStatus"] = status
    return credential


def _evidence(item: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {"type": ["Evidence"]}
    for key in ("url", "name", "narrative", "description"):
        value = item.get(key)
        if value:
            out["id" if key == "url" else key] = value
    return out
