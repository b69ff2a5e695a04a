"""The main facts of any verified badge (Open Badges 3.0 or 2.0), for the verifier page.

Read from the credential as found, for display only. The recipient is never shown in clear:
a hashed address is "masked", an address in clear is shortened to a hint.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.utils.translation import gettext as _

from ...core import dates


@dataclass(frozen=True)
class BadgeFacts:
    name: str | None
    description: str | None
    issuer: str | None
    issuer_url: str | None
    recipient: str
    issued: datetime | None
    expires: datetime | None
    achievement_url: str | None


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()[:500]
    if isinstance(value, dict):  # a language map, as some issuers write names
        for key in ("fr", "en", *value):
            if isinstance(value.get(key), str):
                return str(value[key]).strip()[:500]
    return None


def _url(value: Any) -> str | None:
    return value if isinstance(value, str) and value.startswith(("https://", "http://")) else None


def _masked(address: str) -> str:
    local, _at, domain = address.partition("@")
    if not domain:
        return _("adresse masquée")
    return f"{local[:1]}…@{domain}"


def _recipient(identity: Any, hashed: Any) -> str:
    if hashed is True or not isinstance(identity, str):
        return _("adresse masquée")
    return _masked(identity)


def _ob3(credential: dict[str, Any]) -> BadgeFacts:
    subject = credential.get("credentialSubject")
    subject = subject[0] if isinstance(subject, list) and subject else subject
    subject = subject if isinstance(subject, dict) else {}
    achievement = subject.get("achievement")
    achievement = achievement if isinstance(achievement, dict) else {}
    issuer = credential.get("issuer")
    issuer_name = _text(issuer.get("name")) if isinstance(issuer, dict) else None
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    issuer_url = _url(issuer.get("url")) if isinstance(issuer, dict) else None
    identifiers = subject.get("identifier")
    identifiers = identifiers if isinstance(identifiers, list) else [identifiers]
    recipient = _("non précisé")
    for identifier in identifiers:
        if isinstance(identifier, dict) and identifier.get("identityType") == "emailAddress":
            recipient = _recipient(identifier.get("identityHash"), identifier.get("hashed"))
            break
    return BadgeFacts(
        name=_text(achievement.get("name")) or _text(credential.get("name")),
        description=_text(achievement.get("description")),
        issuer=issuer_name or _text(issuer_id),
        issuer_url=issuer_url,
        recipient=recipient,
        issued=dates.parse(credential.get("validFrom", credential.get("issuanceDate"))),
        expires=dates.parse(credential.get("validUntil", credential.get("expirationDate"))),
        achievement_url=_url(achievement.get("id")),
    )


def _ob2(assertion: dict[str, Any]) -> BadgeFacts:
    badge = assertion.get("badge")
    badge_data = badge if isinstance(badge, dict) else {}
    issuer = badge_data.get("issuer")
    recipient = assertion.get("recipient")
    recipient = recipient if isinstance(recipient, dict) else {}
    return BadgeFacts(
        name=_text(badge_data.get("name")),
        description=_text(badge_data.get("description")),
        issuer=_text(issuer.get("name")) if isinstance(issuer, dict) else _url(issuer),
        issuer_url=_url(issuer.get("url")) if isinstance(issuer, dict) else None,
        recipient=_recipient(recipient.get("identity"), recipient.get("hashed")),
        issued=_ob2_date(assertion.get("issuedOn")),
        expires=_ob2_date(assertion.get("expires")),
        achievement_url=_url(badge),
    )


def _ob2_date(value: Any) -> datetime | None:
    parsed = dates.parse(value)
    if parsed is None and isinstance(value, str) and value.isdigit():
        try:
            return datetime.fromtimestamp(int(value), tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    return parsed


def facts_of(kind: str, credential: dict[str, Any] | None) -> BadgeFacts | None:
    """The facts of a credential of ``kind`` ("ob3" or "ob2"); None when there is none."""
    if not isinstance(credential, dict):
        return None
    if kind == "ob2":
        return _ob2(credential)
    if kind == "ob3":
        return _ob3(credential)
    return None
