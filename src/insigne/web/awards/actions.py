"""State changes of awards: revoke, suspend, reinstate (one or many, with a reason)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from . import status
from .models import Award, StatusList


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
