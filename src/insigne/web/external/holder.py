"""Whether an imported badge names its holder: one of the account's verified addresses.

Anyone can import a badge file they were sent, so the pages say whether the badge was
issued to the person who imported it, without showing the address on the public page.
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress

from ...core.identity import hash_matches, normalize_email
from ...core.ob2.recipient import recipient_matches


def verified_addresses(user_id: int) -> list[str]:
    """The addresses account ``user_id`` has confirmed."""
    verified = EmailAddress.objects.filter(user_id=user_id, verified=True)
    return sorted(set(verified.values_list("email", flat=True)))


def issued_to(kind: str, credential: dict[str, Any] | None, addresses: list[str]) -> str | None:
    """The address among ``addresses`` that ``credential`` was issued to, if any."""
    if not isinstance(credential, dict):
        return None
    if kind == "ob2":
        recipient = credential.get("recipient")
        return next((a for a in addresses if recipient_matches(recipient, a)), None)
    for identifier in _email_identifiers(credential):
        value = identifier.get("identityHash")
        for address in addresses:
            if identifier.get("hashed") is True:
                if hash_matches(value, address, identifier.get("salt")):
                    return address
            elif isinstance(value, str) and normalize_email(value) == normalize_email(address):
                return address
    return None


def _email_identifiers(credential: dict[str, Any]) -> list[dict[str, Any]]:
    subjects = credential.get("credentialSubject")
    found: list[dict[str, Any]] = []
    for subject in subjects if isinstance(subjects, list) else [subjects]:
        if not isinstance(subject, dict):
            continue
        identifiers = subject.get("identifier", [])
        for item in identifiers if isinstance(identifiers, list) else [identifiers]:
            if isinstance(item, dict) and item.get("identityType") == "emailAddress":
                found.append(item)
    return found[:20]
