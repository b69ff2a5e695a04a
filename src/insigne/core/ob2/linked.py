"""The steps hosted and signed Open Badges 2.0 verification share: the BadgeClass and the
issuer Profile an assertion links to (fetched or embedded), its dates and its recipient."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..outcome import PASS, Report, check
from .documents import LABELS, Documents
from .recipient import recipient_check
from .validation import class_check, context_check, dates_check, is_url


def load_badge(
    assertion: dict[str, Any], documents: Documents, report: Report
) -> dict[str, Any] | None:
    """The assertion's BadgeClass, checked; None when it cannot be obtained."""
    return _load(assertion.get("badge"), "badge", documents, report, refetch=False)


def load_issuer(
    badge: dict[str, Any], documents: Documents, report: Report, *, refetch: bool
) -> dict[str, Any] | None:
    """The badge's issuer Profile, checked.

    With ``refetch``, an embedded issuer whose id is a URL is fetched from there instead:
    the keys and revocation list that matter are those the issuer itself publishes.
    """
    return _load(badge.get("issuer"), "issuer", documents, report, refetch=refetch)


def _load(
    reference: Any, kind: str, documents: Documents, report: Report, *, refetch: bool
) -> dict[str, Any] | None:
    if isinstance(reference, dict) and refetch and is_url(reference.get("id")):
        reference = reference["id"]
    if isinstance(reference, dict):
        fr, en = LABELS[kind]
        message = (
            f"{fr.capitalize()} fait partie du badge.",
            f"{en.capitalize()} is embedded in the badge.",
        )
        report(check(f"{kind}-document", PASS, message, "embedded"))
        document: dict[str, Any] | None = reference
    elif isinstance(reference, str):
        document = documents.node(reference, kind, report)
        if document is not None and _declares_context(document):
            context_check(document, kind, report)
    else:
        return None  # the missing link is reported by class_check on the linking document
    if document is not None:
        class_check(document, kind, report)
    return document


def _declares_context(document: dict[str, Any]) -> bool:
    """Whether ``@context`` names contexts by URL only; inline definitions are not judged."""
    value = document.get("@context")
    values = value if isinstance(value, list) else [value]
    return value is not None and all(isinstance(item, str) for item in values)


def final_checks(
    assertion: dict[str, Any], *, now: datetime, email: str | None, report: Report
) -> None:
    """Dates, then the recipient when an e-mail address is given."""
    dates_check(assertion, now, report)
    if email is not None:
        report(recipient_check(assertion.get("recipient"), email))
