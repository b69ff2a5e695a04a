"""What an imported badge is called, who issued it and when: the columns the backpack lists
and searches, read from the credential once, at import."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..public.badge_facts import facts_of

MAX_NAME = 500
MAX_DESCRIPTION = 10_000
MAX_URL = 2000


@dataclass(frozen=True)
class Description:
    credential_id: str  # the credential's (or the OB 2.0 assertion's) own id; "" if none
    name: str
    description: str
    issuer_name: str
    issuer_url: str
    issued_at: datetime | None
    valid_until: datetime | None


def describe(kind: str, credential: dict[str, Any] | None, fallback_name: str) -> Description:
    """The listed fields of ``credential`` (OB 2.0: its badge class and issuer in place)."""
    facts = facts_of(kind, credential)
    document = credential or {}
    identifier = document.get("id")
    return Description(
        credential_id=identifier
        if isinstance(identifier, str) and len(identifier) <= MAX_URL
        else "",
        name=((facts.name if facts else None) or fallback_name or "Open Badge")[:MAX_NAME],
        description=_full_description(kind, document),
        issuer_name=((facts.issuer if facts else None) or "")[:MAX_NAME],
        issuer_url=_short_url(facts.issuer_url if facts else None),
        issued_at=facts.issued if facts else None,
        valid_until=facts.expires if facts else None,
    )


def _full_description(kind: str, credential: dict[str, Any]) -> str:
    if kind == "ob2":
        holder = credential.get("badge")
    else:
        subject = credential.get("credentialSubject")
        subject = subject[0] if isinstance(subject, list) and subject else subject
        holder = subject.get("achievement") if isinstance(subject, dict) else None
    text = holder.get("description") if isinstance(holder, dict) else None
    if isinstance(text, dict):  # a language map
        text = next((v for k in ("fr", "en", *text) if isinstance(v := text.get(k), str)), None)
    return text.strip()[:MAX_DESCRIPTION] if isinstance(text, str) else ""


def _short_url(url: str | None) -> str:
    return url if url and len(url) <= MAX_URL else ""
