"""Background work of pathways: awarding goal badges once their requirements are met.

Arguments are ids (JSON). Enqueued from ``transaction.on_commit`` so that the task reads the
awards it is told about; this module imports no other part of the app at load time, so that
the awards context can call it without an import cycle.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from ..background import task


@task()
def check_pathways(award_ids: list[int]) -> int:
    """Award the goal badges the people of ``award_ids`` now qualify for (automatic
    pathways). Returns how many were awarded."""
    from .actions import complete_pathways

    return complete_pathways(award_ids)


def check_on_commit(award_ids: Iterable[int]) -> None:
    """Check the pathways of these awards' people once the current transaction commits."""
    ids = list(award_ids)
    if ids:
        transaction.on_commit(lambda: check_pathways.enqueue(ids))
