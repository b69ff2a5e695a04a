"""Open Badges 2.0 revocation: the issuer's RevocationList (signed badges) and the answer a
hosted assertion URL gives once revoked.

A RevocationList names revoked assertions in ``revokedAssertions``, each a bare id or an
object with ``id`` (or the deprecated ``uid``) and an optional ``revocationReason``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..outcome import FAIL, PASS, Report, check
from .documents import Documents

OB2_CONTEXT = "https://w3id.org/openbadges/v2"

_REVOKED = ("L'émetteur a révoqué ce badge.", "The issuer has revoked this badge.")
_NOT_REVOKED = ("L'émetteur n'a pas révoqué ce badge.", "The issuer has not revoked this badge.")
_UNKNOWN = (
    "Impossible de savoir si l'émetteur a révoqué ce badge.",
    "Whether the issuer has revoked this badge cannot be checked.",
)


def revocation_list_json(list_id: str, revoked: Iterable[tuple[str, str | None]]) -> dict[str, Any]:
    """A RevocationList document naming (assertion id, reason or None) pairs."""
    entries: list[Any] = [
        {"id": assertion_id, "revocationReason": reason} if reason else assertion_id
        for assertion_id, reason in revoked
    ]
    return {
        "@context": OB2_CONTEXT,
        "id": list_id,
        "type": "RevocationList",
        "revokedAssertions": entries,
    }


def revoked_assertion_json(assertion_id: str, reason: str | None = None) -> dict[str, Any]:
    """What a hosted assertion URL serves once revoked (or answer HTTP 410 Gone)."""
    document: dict[str, Any] = {"@context": OB2_CONTEXT, "id": assertion_id, "revoked": True}
    if reason:
        document["revocationReason"] = reason
    return document


def find_revocation(
    revocation_list: dict[str, Any], assertion: dict[str, Any]
) -> tuple[bool, str | None]:
    """Whether the list names ``assertion`` (by id, or by its deprecated uid), and why."""
    ids = _names(assertion)
    entries = revocation_list.get("revokedAssertions")
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, str) and entry in ids:
            return True, None
        if isinstance(entry, dict) and _names(entry) & ids:
            reason = entry.get("revocationReason")
            return True, reason if isinstance(reason, str) else None
    return False, None


def _names(node: dict[str, Any]) -> set[str]:
    return {value for value in (node.get("id"), node.get("uid")) if isinstance(value, str)}


def revocation_check(
    issuer: dict[str, Any], assertion: dict[str, Any], documents: Documents, report: Report
) -> tuple[bool, str | None]:
    """Consult the issuer's ``revocationList``, if it has one; returns (revoked, reason).

    A list that cannot be obtained fails the verification: the badge may have been revoked.
    """
    location = issuer.get("revocationList")
    if location is None:
        report(check("revocation", PASS, _NOT_REVOKED, "the issuer publishes no revocationList"))
        return False, None
    if isinstance(location, dict):
        listing: dict[str, Any] | None = location
    elif isinstance(location, str):
        listing = documents.node(location, "revocation-list", report)
    else:
        listing = None
        report(check("revocation", FAIL, _UNKNOWN, f"revocationList is {location!r}"))
    if listing is None:
        return False, None
    revoked, reason = find_revocation(listing, assertion)
    if revoked:
        report(check("revocation", FAIL, _REVOKED, reason or "listed without a reason"))
    else:
        detail = f"{assertion.get('id')} is not in {listing.get('id', location)}"
        report(check("revocation", PASS, _NOT_REVOKED, detail))
    return revoked, reason
