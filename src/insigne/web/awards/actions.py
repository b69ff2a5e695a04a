"""State changes of the awards context: awarding one person, importing a list, and revoking,
suspending or reinstating awards (one or many, with a reason)."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from ...core.identity import normalize_email
from ..accounts.models import User
from ..badges.models import Badge, BadgeVersion
from ..pathways import tasks as pathway_tasks
from . import links, status, tasks
from .imports import check
from .issuance import Recipient, issue
from .models import Award, AwardImport, EvidenceFile, StatusList
from .spreadsheets import read_table


@transaction.atomic
def change_state(awards: Iterable[Award], state: str, reason: str) -> int:
    """Revoke, suspend or reinstate awards; the status list changes in the same transaction.

    Revocation is final (the W3C list's revocation purpose is irreversible): a revoked award
    is not touched again. Suspension is reversible. Returns how many awards changed.
    """
    if state not in Award.State.values:
        raise ValueError(f"unknown state {state!r}")
    changed = 0
    now = timezone.now()
    ids = [a.pk for a in awards]
    locked = Award.objects.select_for_update().filter(pk__in=ids).exclude(state=Award.State.REVOKED)
    lists: dict[int, StatusList] = {}
    for award in locked:
        if award.state == state:
            continue
        if award.revocation_list_id is not None and award.revocation_index is not None:
            status_list = lists.get(award.revocation_list_id)
            if status_list is None:
                status_list = StatusList.objects.select_for_update().get(
                    pk=award.revocation_list_id
                )
                lists[status_list.pk] = status_list
            # The credential carries one revocation entry; a suspension sets the same bit,
            # cleared again on reinstatement (see the README on suspension).
            status.set_bit(status_list, award.revocation_index, state != Award.State.ACTIVE)
        award.state = state
        award.state_reason = reason.strip()[:500]
        award.state_changed_at = now
        award.save(update_fields=["state", "state_reason", "state_changed_at"])
        changed += 1
    return changed


REASON_REQUIRED = frozenset({Award.State.REVOKED, Award.State.SUSPENDED})


def set_state(awards: Iterable[Award], state: str, reason: str) -> int:
    """``change_state`` for people: revoking and suspending need a reason."""
    if state in REASON_REQUIRED and not reason.strip():
        raise ValueError("a reason is required to revoke or suspend")
    return change_state(awards, state, reason)


class AlreadyHeldError(Exception):
    """The person already holds this badge (an award that is not revoked)."""

    def __init__(self, award: Award) -> None:
        super().__init__(f"{award.recipient_email} already holds award {award.public_id}")
        self.award = award


@dataclass(frozen=True)
class Evidence:
    url: str = ""
    text: str = ""
    file: UploadedFile[bytes] | None = None
    content_type: str = "application/octet-stream"


def award_badge(
    version: BadgeVersion,
    recipient: Recipient,
    *,
    by: User | None,
    evidence: Evidence = Evidence(),
    with_jwt: bool = False,
) -> Award:
    """Award ``version`` to one person and e-mail them once committed.

    An evidence file gets its public address before signing (the credential names it) and
    is stored in the same transaction as the award. Raises AlreadyHeldError, or ValueError for a
    competence or level the badge does not have.
    """
    file_id = uuid.uuid4()
    entries: list[dict[str, str]] = []
    if evidence.url:
        entries.append({"url": evidence.url})
    if evidence.file is not None:
        entries.append({"url": links.evidence_url(file_id), "name": evidence.file.name or ""})
    if evidence.text:
        if entries:
            entries[0]["narrative"] = evidence.text
        else:
            entries.append({"narrative": evidence.text})
    with transaction.atomic():
        Badge.objects.select_for_update().filter(pk=version.badge_id).first()
        held = (
            Award.objects.filter(
                version__badge_id=version.badge_id,
                recipient_email=normalize_email(recipient.email),
            )
            .exclude(state=Award.State.REVOKED)
            .first()
        )
        if held is not None:
            raise AlreadyHeldError(held)
        [award] = issue(
            version, [replace(recipient, evidence=tuple(entries))], by=by, with_jwt=with_jwt
        )
        if evidence.file is not None:
            evidence.file.seek(0)
            EvidenceFile.objects.create(
                public_id=file_id,
                award=award,
                name=(evidence.file.name or "")[:255],
                content_type=evidence.content_type,
                data=evidence.file.read(),
            )
        tasks.enqueue_emails_on_commit([award.pk])
        pathway_tasks.check_on_commit([award.pk])  # goal badges of automatic pathways
    return award


def start_import(
    version: BadgeVersion,
    *,
    name: str,
    data: bytes,
    by: User | None,
    language: str = "fr",
    with_jwt: bool = False,
) -> tuple[AwardImport, bool]:
    """The preview of an uploaded list, or the earlier import of the same file for the same
    badge (then ``False``): a file is never awarded twice. Raises SpreadsheetError."""
    digest = hashlib.sha256(data).hexdigest()
    earlier = AwardImport.objects.filter(
        organisation_id=version.badge.organisation_id,
        version__badge_id=version.badge_id,
        file_sha256=digest,
    ).first()
    if earlier is not None:
        return earlier, False
    checked = check(read_table(name, data), version, default_language=language)
    award_import = AwardImport.objects.create(
        organisation_id=version.badge.organisation_id,
        version=version,
        uploaded_by=by,
        file_name=name[:255],
        file_sha256=digest,
        rows=checked.rows,
        problems=checked.problems,
        total=len(checked.rows),
        report={
            "jwt": with_jwt,
            "language": language,
            "columns": [
                {"header": c.header, "field": c.field, "competence": c.competence}
                for c in checked.layout.columns
            ],
            "ignored": checked.layout.ignored,
        },
    )
    return award_import, True


def confirm_import(award_import: AwardImport, *, by: User | None) -> bool:
    """Queue a previewed import for issuing (once, even if confirmed twice)."""
    with transaction.atomic():
        locked = AwardImport.objects.select_for_update().get(pk=award_import.pk)
        if locked.state != AwardImport.State.PREVIEW:
            return False
        locked.state = AwardImport.State.QUEUED
        locked.report = {
            **locked.report,
            "confirmed_by": by.pk if by else None,
            "queued_at": timezone.now().isoformat(),
        }
        locked.save(update_fields=["state", "report"])
        tasks.enqueue_import_on_commit(locked.pk)
    return True


STALLED_AFTER = timedelta(minutes=5)


def can_resume(award_import: AwardImport, now: datetime | None = None) -> bool:
    """A failed import, or one running without progress for a while (its worker stopped)."""
    if award_import.state == AwardImport.State.FAILED:
        return True
    if award_import.state not in (AwardImport.State.RUNNING, AwardImport.State.QUEUED):
        return False
    beats = [award_import.report.get(k) for k in ("heartbeat", "queued_at")]
    latest = max((datetime.fromisoformat(b) for b in beats if b), default=None)
    return latest is not None and (now or timezone.now()) - latest > STALLED_AFTER


def resume_import(award_import: AwardImport) -> bool:
    """Queue an interrupted import again; it continues after its last committed batch."""
    with transaction.atomic():
        locked = AwardImport.objects.select_for_update().get(pk=award_import.pk)
        if not can_resume(locked):
            return False
        locked.state = AwardImport.State.QUEUED
        report = {k: v for k, v in locked.report.items() if k != "error"}
        locked.report = {**report, "queued_at": timezone.now().isoformat()}
        locked.finished_at = None
        locked.save(update_fields=["state", "report", "finished_at"])
        tasks.enqueue_import_on_commit(locked.pk)
    return True


def cancel_import(award_import: AwardImport) -> bool:
    """Forget a preview that was not confirmed (the same file may then be uploaded again)."""
    return bool(
        AwardImport.objects.filter(pk=award_import.pk, state=AwardImport.State.PREVIEW).delete()[0]
    )
