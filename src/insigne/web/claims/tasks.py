"""Background work of the claims context: e-mailing a decision. Arguments are ids (JSON),
enqueued on commit so the task reads committed rows."""

from __future__ import annotations

from django.db import transaction

from ..background import task
from . import emails


@task()
def send_decision(request_id: int) -> int:
    return emails.send_declined(request_id)


def send_decision_on_commit(request_id: int) -> None:
    transaction.on_commit(lambda: send_decision.enqueue(request_id))
