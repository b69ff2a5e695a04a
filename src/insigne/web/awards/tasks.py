"""Background work of the awards context: issuing an import, e-mailing learners.

Arguments are ids (JSON). Enqueue from ``transaction.on_commit`` so a task never runs
before the rows it reads are committed.
"""

from __future__ import annotations

from django.db import transaction

from ..background import task
from . import batches, emails

EMAIL_BATCH = 100


@task()
def issue_import(import_id: int) -> None:
    batches.run(import_id, notify=after_batch)


def after_batch(award_ids: list[int]) -> None:
    """Once a batch of an import is committed: its e-mails, and the goal badges of automatic
    pathways its learners now qualify for."""
    from ..pathways import tasks as pathway_tasks

    enqueue_emails(award_ids)
    if award_ids:
        pathway_tasks.check_pathways.enqueue(award_ids)


@task()
def send_award_emails(award_ids: list[int]) -> int:
    return emails.send_awarded(award_ids)


def enqueue_emails(award_ids: list[int]) -> None:
    """One e-mail task per hundred awards, so that a large import never waits for its mail."""
    for start in range(0, len(award_ids), EMAIL_BATCH):
        send_award_emails.enqueue(award_ids[start : start + EMAIL_BATCH])


def enqueue_emails_on_commit(award_ids: list[int]) -> None:
    transaction.on_commit(lambda: enqueue_emails(award_ids))


def enqueue_import_on_commit(import_id: int) -> None:
    transaction.on_commit(lambda: issue_import.enqueue(import_id))
