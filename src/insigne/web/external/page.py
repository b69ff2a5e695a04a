"""What both pages of an imported badge (the holder's and the public one) show about it."""

from __future__ import annotations

from django.utils import timezone

from .checking import current_verdict
from .holder import issued_to, verified_addresses
from .models import ExternalBadge


def badge_context(badge: ExternalBadge) -> dict[str, object]:
    """The badge, its verdict checked again, whether it has expired, and the holder's
    verified address it was issued to (None when it names none of them)."""
    shown = current_verdict(badge)
    return {
        "badge": badge,
        "shown": shown,
        "expired": badge.valid_until is not None and badge.valid_until < timezone.now(),
        "issued_to": issued_to(badge.spec, shown.credential, verified_addresses(badge.owner_id)),
    }
