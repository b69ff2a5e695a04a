"""Issuing a confirmed import, 500 rows at a time, so that it can stop and start again.

Each batch is one transaction: it locks the badge (two imports of the same badge never
award the same person twice), looks up in one query who already holds the badge, issues
the others, moves the import's counters and its resume position, and schedules the
e-mails of the batch. If the worker dies, running the import again starts after the last
committed batch, and an address already awarded by this import is never awarded again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from ..accounts.models import User
from ..badges.models import Badge, BadgeVersion
from .dates import awarded_at
from .issuance import Recipient, issue
from .models import Award, AwardImport

BATCH = 500
logger = logging.getLogger(__name__)
Notify = Callable[[list[int]], None]


def recipient(row: dict[str, Any]) -> Recipient:
    """The Recipient of a checked row (see imports.check)."""
    evidence: tuple[dict[str, str], ...] = ()
    if row.get("evidence_url") or row.get("evidence"):
        evidence = ({"url": row.get("evidence_url", ""), "narrative": row.get("evidence", "")},)
    day = row.get("date")
    return Recipient(
        email=row["email"],
        name=row.get("name", ""),
        levels=dict(row.get("levels", {})),
        evidence=evidence,
        narrative=row.get("narrative", ""),
        awarded_at=awarded_at(date.fromisoformat(day) if day else None),
        language=row.get("language", "fr"),
    )


def run(import_id: int, notify: Notify) -> None:
    """Issue the rows of a queued (or interrupted) import; ``notify`` gets each batch's award ids
    once the batch is committed."""
    claimed = AwardImport.objects.filter(
        pk=import_id, state__in=[AwardImport.State.QUEUED, AwardImport.State.RUNNING]
    ).update(state=AwardImport.State.RUNNING)
    if not claimed:
        return
    award_import = AwardImport.objects.select_related(
        "version__badge__organisation", "uploaded_by"
    ).get(pk=import_id)
    rows: list[dict[str, Any]] = award_import.rows
    by = _awarder(award_import)
    try:
        position = int(award_import.report.get("next", 0))
        while position < len(rows):
            end = min(position + BATCH, len(rows))
            _batch(award_import, rows[position:end], end, by, notify)
            position = end
    except Exception as error:
        logger.exception("import %s failed", award_import.public_id)
        _finish(import_id, AwardImport.State.FAILED, error=f"{type(error).__name__}: {error}")
        raise
    _finish(import_id, AwardImport.State.DONE)


def _batch(
    award_import: AwardImport,
    rows: list[dict[str, Any]],
    end: int,
    by: User | None,
    notify: Notify,
) -> None:
    version = award_import.version
    with transaction.atomic():
        Badge.objects.select_for_update().filter(pk=version.badge_id).first()
        locked = _locked(award_import.pk)
        report = dict(locked.report)
        if int(report.get("next", 0)) >= end:
            return  # another run of the same import already committed this batch
        existing = Award.objects.filter(
            version__badge_id=version.badge_id, recipient_email__in=[r["email"] for r in rows]
        ).values_list("recipient_email", "import_batch_id", "state")
        mine = {email for email, batch, _state in existing if batch == locked.pk}
        held = {
            email
            for email, batch, state in existing
            if batch != locked.pk and state != Award.State.REVOKED
        }
        skipped = [
            {"line": r["line"], "email": r["email"], "reasons": [{"code": "holder"}]}
            for r in rows
            if r["email"] in held and r["email"] not in mine
        ]
        pending = [r for r in rows if r["email"] not in mine and r["email"] not in held]
        awards, failed = _issue(version, pending, by, locked, bool(report.get("jwt")))
        report["next"] = end
        report["skipped"] = [*report.get("skipped", []), *skipped]
        report["failed"] = [*report.get("failed", []), *failed]
        report["heartbeat"] = timezone.now().isoformat()
        locked.report = report
        locked.done += len(awards)
        locked.skipped += len(skipped)
        locked.save(update_fields=["report", "done", "skipped"])
        ids = [award.pk for award in awards]
        if ids:
            transaction.on_commit(lambda: notify(ids))


def _issue(
    version: BadgeVersion,
    rows: Sequence[dict[str, Any]],
    by: User | None,
    award_import: AwardImport,
    with_jwt: bool,
) -> tuple[list[Award], list[dict[str, Any]]]:
    """Issue ``rows``; a row the issuer refuses (the badge changed since the preview) is set
    aside with its reason, the others are issued."""
    if not rows:
        return [], []
    recipients = [recipient(row) for row in rows]
    try:
        return issue(version, recipients, by=by, import_batch=award_import, with_jwt=with_jwt), []
    except ValueError:
        pass
    awards: list[Award] = []
    failed: list[dict[str, Any]] = []
    for row, one in zip(rows, recipients, strict=True):
        try:
            awards += issue(version, [one], by=by, import_batch=award_import, with_jwt=with_jwt)
        except ValueError as error:
            failed.append(
                {
                    "line": row["line"],
                    "email": row["email"],
                    "reasons": [{"code": "issue_failed", "detail": str(error)[:300]}],
                }
            )
    return awards, failed


def _awarder(award_import: AwardImport) -> User | None:
    """Who confirmed the import (recorded as the awards' author), else who uploaded it."""
    by = award_import.report.get("confirmed_by")
    if by and by != award_import.uploaded_by_id:
        return User.objects.filter(pk=by).first() or award_import.uploaded_by
    return award_import.uploaded_by


def _locked(import_id: int) -> AwardImport:
    """The import row, locked, without its rows and problems (megabytes of JSON)."""
    return (
        AwardImport.objects.select_for_update()
        .only("pk", "report", "done", "skipped", "state", "finished_at")
        .get(pk=import_id)
    )


def _finish(import_id: int, state: str, error: str = "") -> None:
    """Record the end of a run. A finished import forgets its rows: the awards hold what is
    needed, and the list's personal data is not kept twice (a failed one keeps them to resume)."""
    with transaction.atomic():
        locked = _locked(import_id)
        fields = ["report", "state", "finished_at"]
        if error:
            locked.report = {**locked.report, "error": error[:500]}
        if state == AwardImport.State.DONE:
            locked.rows = []
            fields.append("rows")
        locked.state = state
        locked.finished_at = timezone.now()
        locked.save(update_fields=fields)
