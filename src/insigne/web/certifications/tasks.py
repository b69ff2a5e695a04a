"""Background work of the certifications context: running an uploaded import.

Enqueue from ``transaction.on_commit`` so the task never runs before its record exists.
"""

from __future__ import annotations

from django.db import transaction

from ..background import task
from . import actions


@task()
def import_certifications(import_id: int) -> None:
    actions.run_import(import_id)


def enqueue_import_on_commit(import_id: int) -> None:
    transaction.on_commit(lambda: import_certifications.enqueue(import_id))
