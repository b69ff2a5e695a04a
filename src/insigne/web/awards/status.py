"""Bitstring Status Lists of an organisation: slots for new awards, bits, signed lists.

Slots are chosen at random (the spec's privacy advice) under a row lock, so concurrent
imports never share a bit; a list is only half filled before a new one is opened, which
keeps random picks cheap and the set of awards behind a list large.
"""

from __future__ import annotations

import json
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ...core import dates
from ...core.canon import default_canonicalizer
from ...core.proofs import data_integrity
from ...core.status import MIN_ENTRIES, list_credential
from ...core.status import StatusList as Bits
from ..issuers import identifiers
from ..issuers.actions import active_key
from ..issuers.models import Organisation
from .models import Award, StatusList

FILL_LIMIT = MIN_ENTRIES // 2


def list_url(status_list: StatusList) -> str:
    slug = status_list.organisation.slug
    return f"{settings.PUBLIC_URL}/issuers/{slug}/status/{status_list.public_id}"


def allocate(
    organisation: Organisation, count: int, purpose: str = "revocation"
) -> list[tuple[StatusList, int]]:
    """``count`` free (list, index) slots; call inside the transaction that saves the awards."""
    slots: list[tuple[StatusList, int]] = []
    while len(slots) < count:
        status_list = _open_list(organisation, purpose)
        taken = (
            set(
                Award.objects.filter(revocation_list=status_list).values_list(
                    "revocation_index", flat=True
                )
            )
            if purpose == "revocation"
            else set(
                Award.objects.filter(suspension_list=status_list).values_list(
                    "suspension_index", flat=True
                )
            )
        )
        room = min(count - len(slots), FILL_LIMIT - status_list.used)
        chosen: set[int] = set()
        while len(chosen) < room:
            index = secrets.randbelow(status_list.size)
            if index not in taken and index not in chosen:
                chosen.add(index)
        slots.extend((status_list, index) for index in chosen)
        status_list.used += room
        status_list.save(update_fields=["used"])
    return slots


def _open_list(organisation: Organisation, purpose: str) -> StatusList:
    current = (
        StatusList.objects.select_for_update()
        .filter(organisation=organisation, purpose=purpose, used__lt=FILL_LIMIT)
        .order_by("created_at")
        .first()
    )
    if current is not None:
        return current
    return StatusList.objects.create(
        organisation=organisation,
        purpose=purpose,
        size=MIN_ENTRIES,
        bits=bytes(MIN_ENTRIES // 8),
    )


def set_bit(status_list: StatusList, index: int, value: bool) -> None:
    """Change one bit (inside a transaction, on a row locked with select_for_update)."""
    bits = Bits(bytearray(status_list.bits))
    if bits.get(index) == value:
        return
    bits.set(index) if value else bits.clear(index)
    status_list.bits = bits.to_bytes()
    status_list.version += 1
    status_list.save(update_fields=["bits", "version"])


def signed_document(status_list: StatusList) -> str:
    """The signed BitstringStatusListCredential (JSON text), re-signed only after a change."""
    if status_list.credential and status_list.credential_version == status_list.version:
        return status_list.credential
    with transaction.atomic():
        locked = StatusList.objects.select_for_update().get(pk=status_list.pk)
        if locked.credential and locked.credential_version == locked.version:
            return locked.credential
        organisation = locked.organisation
        record, key = active_key(organisation)
        now = dates.format_z(timezone.now())
        document = list_credential(
            list_url=list_url(locked),
            issuer=identifiers.did(organisation),
            purpose=locked.purpose,
            encoded_list=Bits(bytearray(locked.bits)).encode(),
            valid_from=now,
        )
        signed = data_integrity.sign(
            document,
            key,
            created=now,
            verification_method=identifiers.verification_method(
                organisation, record.public_multibase
            ),
            canonicalizer=default_canonicalizer(),
        )
        locked.credential = json.dumps(signed, ensure_ascii=False)
        locked.credential_version = locked.version
        locked.save(update_fields=["credential", "credential_version"])
        return locked.credential
