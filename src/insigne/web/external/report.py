"""The stored verdict of an imported badge: enough to redraw it, in either language, when the
issuer's platform cannot be reached.

``report`` holds each check (French and English message, technical detail), whether the
verification could obtain every document it needed (``complete``), and for an Open Badges
2.0 assertion the badge class and issuer as fetched (``documents``), which the assertion
only names by their address.
"""

from __future__ import annotations

from typing import Any

from ...core.outcome import Check, Outcome
from ...core.text import Text
from ...core.verify import VerificationResult
from ..public.badge_facts import BadgeFacts, facts_of

VERSION = 1
DOCUMENT_LIMIT = 256 * 1024  # a badge class with an embedded image can be large; not kept then


def outcome_of(result: VerificationResult) -> str:
    """The verdict in one word (see ``ExternalBadge.Outcome``)."""
    if result.verified:
        return "warning" if result.warnings() else "pass"
    return "revoked" if result.revoked else "fail"


def to_report(
    result: VerificationResult, *, complete: bool, documents: dict[str, Any]
) -> dict[str, Any]:
    return {
        "version": VERSION,
        "kind": result.kind,
        "format": result.format,
        "container": result.container,
        "revoked": result.revoked,
        "complete": complete,
        "checks": [check.to_json() for check in result.checks],
        "documents": documents,
    }


def from_report(report: Any) -> VerificationResult | None:
    """The result stored in ``report``; None when there is none (or it is unreadable)."""
    if not isinstance(report, dict) or report.get("version") != VERSION:
        return None
    try:
        checks = tuple(
            Check(
                str(item["check"]),
                Outcome(item["outcome"]),
                Text(str(item["message"]["fr"]), str(item["message"]["en"])),
                str(item.get("detail", "")),
            )
            for item in report["checks"]
        )
    except (KeyError, TypeError, ValueError):
        return None
    return VerificationResult(
        kind=str(report.get("kind", "unknown")),
        format=str(report.get("format", "unknown")),
        container=report.get("container"),
        checks=checks,
        revoked=bool(report.get("revoked")),
    )


def ob2_documents(assertion: Any, document: Any) -> dict[str, Any]:
    """The badge class and issuer of an OB 2.0 ``assertion``, from ``document(url)``."""
    if not isinstance(assertion, dict):
        return {}
    found: dict[str, Any] = {}
    badge = assertion.get("badge")
    badge = badge if isinstance(badge, dict) else document(badge)
    if isinstance(badge, dict):
        found["badge"] = badge
        issuer = badge.get("issuer")
        issuer = issuer if isinstance(issuer, dict) else document(issuer)
        if isinstance(issuer, dict):
            found["issuer"] = issuer
    return {k: v for k, v in found.items() if len(repr(v)) <= DOCUMENT_LIMIT}


def expanded(kind: str, credential: Any, documents: dict[str, Any]) -> dict[str, Any] | None:
    """The credential with an OB 2.0 assertion's badge class and issuer put in place."""
    if not isinstance(credential, dict):
        return None
    if kind == "ob2" and "badge" in documents:
        badge = dict(documents["badge"])
        if "issuer" in documents:
            badge["issuer"] = documents["issuer"]
        return {**credential, "badge": badge}
    return credential


def facts(kind: str, credential: Any, documents: dict[str, Any]) -> BadgeFacts | None:
    """What the credential says, read as the verifier page reads it."""
    return facts_of(kind, expanded(kind, credential, documents))
