"""Erasing the personal data of awards whose learner deleted their account.

What stays is what the issuing organisation's records and statistics need: the organisation,
the badge version, the dates, the state (with the issuer's own reason) and the status-list
slot. The status-list bit is never touched: erasure is not revocation, and a copy of the
badge the person downloaded keeps verifying.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.utils import timezone

from ..awards.models import Award, AwardImport, EvidenceFile
from ..backpack.models import HolderEvidence, Reflection

ERASED_FIELDS = {
    "recipient_email": "",
    "recipient_name": "",
    "narrative": "",
    "levels": {},
    "evidence": [],
    "salt": "",
    "credential": "",
    "credential_jwt": "",
    "public": False,
    "public_changed_at": None,
    "learner": None,
}


def erase_awards(ids: list[int], addresses: Iterable[str]) -> int:
    """Erase the awards ``ids`` (call inside the transaction that locked them); ``addresses``
    are the person's, also wiped from the reports of finished imports that name them. Returns
    how many awards were erased."""
    now = timezone.now()
    emails = set(addresses) | set(
        Award.objects.filter(pk__in=ids).values_list("recipient_email", flat=True)
    )
    EvidenceFile.objects.filter(award_id__in=ids).delete()
    HolderEvidence.objects.filter(award_id__in=ids).delete()
    Reflection.objects.filter(award_id__in=ids).delete()
    erased = Award.objects.filter(pk__in=ids).update(
        **ERASED_FIELDS, erased_at=now, holder_changed_at=now
    )
    _wipe_imports(emails - {""})
    return erased


def _wipe_imports(emails: set[str]) -> None:
    """Blank the person's lines in the reports of finished imports (line numbers and reasons
    stay). An import not finished keeps its rows: it reads them to resume, and confirming a
    preview is a new award, the issuer's decision."""
    if not emails:
        return
    naming = Q()
    for email in emails:
        naming |= Q(rows__icontains=email) | Q(problems__icontains=email)
        naming |= Q(report__icontains=email)
    finished = AwardImport.objects.filter(naming, state=AwardImport.State.DONE)
    for batch in finished.only("pk", "rows", "problems", "report"):
        rows = [_wiped(row, emails) for row in batch.rows]
        problems = [_wiped(problem, emails) for problem in batch.problems]
        report = dict(batch.report)
        for key in ("skipped", "failed"):
            if isinstance(report.get(key), list):
                report[key] = [_wiped(entry, emails) for entry in report[key]]
        if (rows, problems, report) != (batch.rows, batch.problems, batch.report):
            batch.rows, batch.problems, batch.report = rows, problems, report
            batch.save(update_fields=["rows", "problems", "report"])


_PERSONAL = ("email", "name", "narrative", "evidence", "evidence_url", "levels", "date")


def _wiped(entry: Any, emails: set[str]) -> Any:
    """``entry`` with its personal values emptied when it names one of ``emails``."""
    if not isinstance(entry, dict) or str(entry.get("email", "")).strip().lower() not in emails:
        return entry
    return {key: (_empty(value) if key in _PERSONAL else value) for key, value in entry.items()}


def _empty(value: Any) -> Any:
    return type(value)() if isinstance(value, (str, list, dict)) else None
