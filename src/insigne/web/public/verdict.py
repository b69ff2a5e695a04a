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


def award_verdict(award: Award) -> VerificationResult:
    key = f"insigne:verdict:{award.public_id}:{state_stamp(award)}"
    result = cache.get(key)
    if not isinstance(result, VerificationResult):
        result = verify(award.credential, fetcher=platform_fetcher(), now=timezone.now())
        cache.set(key, result, CACHE_SECONDS)
    return result
