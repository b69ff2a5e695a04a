"""The verdict an imported badge's pages show, checked again when they are viewed.

The issuer may have revoked the badge since it was imported, so each view verifies it again,
status list included, through the guarded fetcher within a short time budget. When that
check cannot obtain every document it needs (the issuer's site is down, the network is
unavailable) and an earlier check could, the earlier verdict is shown with its date: a
failure to reach the issuer says nothing about the badge. An expiry, which needs no
network, always shows. A re-check is kept a minute, so a burst of visits costs one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.utils import timezone

from ...core.outcome import Outcome
from ...core.verify import VerificationResult, verify
from ..public.badge_facts import BadgeFacts
from ..public.explanations import Verdict, explain
from . import actions, fetching
from .models import ExternalBadge
from .report import facts, from_report, ob2_documents

CACHE_SECONDS = 60
_DATE_CHECKS = frozenset({"valid_from", "valid_until", "dates", "exp", "nbf"})


@dataclass(frozen=True)
class _Check:
    result: VerificationResult
    documents: dict[str, Any]
    complete: bool
    at: datetime


@dataclass(frozen=True)
class Shown:
    verdict: Verdict
    facts: BadgeFacts | None
    credential: dict[str, Any] | None  # as read from the badge, for display only
    live: bool  # checked just now; otherwise the last complete check, of ``checked_at``
    complete: bool  # every document the verification needed was obtained
    checked_at: datetime | None


def current_verdict(badge: ExternalBadge) -> Shown:
    """The verdict to show for ``badge`` now (its ``report`` updated when it was re-checked)."""
    key = f"insigne:external:{badge.public_id}:{badge.updated_at.timestamp():.6f}"
    check = cache.get(key)
    fresh = not isinstance(check, _Check)
    if not isinstance(check, _Check):
        check = _check_again(badge)
        cache.set(key, check, CACHE_SECONDS)
    stored_report = badge.report if isinstance(badge.report, dict) else {}
    documents = check.documents or stored_report.get("documents") or {}
    credential = check.result.credential
    shown_facts = facts(check.result.kind, credential, documents)
    stored = from_report(stored_report)
    if (
        not check.complete
        and stored is not None
        and stored_report.get("complete")
        and not _dates_failed(check.result)
    ):
        return Shown(_explained(stored), shown_facts, credential, False, True, badge.checked_at)
    if fresh:
        actions.record_verdict(
            badge, check.result, complete=check.complete, documents=documents, at=check.at
        )
    verdict = _explained(check.result)
    return Shown(verdict, shown_facts, credential, True, check.complete, check.at)


def _explained(result: VerificationResult) -> Verdict:
    """The verdict without the recipient line the engine leaves unchecked: the pages say
    whether the badge names its holder, from the holder's verified addresses."""
    verdict = explain(result)
    lines = [
        line for line in verdict.lines if (line.name, line.outcome) != ("recipient", "skipped")
    ]
    return replace(verdict, lines=tuple(lines))


def _check_again(badge: ExternalBadge) -> _Check:
    recording = fetching.RecordingFetcher(fetching.outside_fetcher(fetching.VIEW_BUDGET))
    now = timezone.now()
    result = verify(badge.credential, fetcher=recording, now=now)
    documents = ob2_documents(result.credential, recording.document) if result.kind == "ob2" else {}
    return _Check(result, documents, not recording.failures, now)


def _dates_failed(result: VerificationResult) -> bool:
    return any(c.name in _DATE_CHECKS and c.outcome is Outcome.FAIL for c in result.checks)
