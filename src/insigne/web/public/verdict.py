"""The live verdict on a platform award, as its badge page shows it.

Verification runs in the process against the platform's own documents (no network), then is
kept for a short while: the key includes the award's state and the time it last changed, so
a revocation or suspension shows at once, while a burst of visits costs one verification.
"""

from __future__ import annotations

from django.core.cache import cache
from django.utils import timezone

from ...core.verify import VerificationResult, verify
from ..awards.models import Award
from .fetching import platform_fetcher

CACHE_SECONDS = 60


def state_stamp(award: Award) -> str:
    """What changes whenever the award's state does."""
    changed = award.state_changed_at.timestamp() if award.state_changed_at else 0
    return f"{award.state}:{changed:.6f}"


def award_verdict(award: Award, *, for_holder: bool = False) -> VerificationResult:
    """``for_holder``: also check that the credential names the recipient's address (what the
    holder's own page shows; the public page never uses the address)."""
    key = f"insigne:verdict:{award.public_id}:{state_stamp(award)}:{int(for_holder)}"
    result = cache.get(key)
    if not isinstance(result, VerificationResult):
        email = award.recipient_email if for_holder else None
        result = verify(
            award.credential, email=email, fetcher=platform_fetcher(), now=timezone.now()
        )
        cache.set(key, result, CACHE_SECONDS)
    return result
