"""Which awards belong to an account: those it holds, and those sent to one of its verified
addresses that nobody holds yet (an address proven by e-mail or by a claim link)."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db.models import Q, QuerySet

from ...core.identity import normalize_email
from ..awards.models import Award
from .models import User


def verified_addresses(user: User) -> list[str]:
    """The account's verified addresses, normalised as award recipients are."""
    emails = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    return sorted({normalize_email(email) for email in emails})


def unheld_awards_sent_to(addresses: list[str]) -> QuerySet[Award]:
    """Awards sent to one of ``addresses`` that no account holds and that were not erased."""
    return Award.objects.filter(
        recipient_email__in=[normalize_email(a) for a in addresses],
        learner__isnull=True,
        erased_at__isnull=True,
    )


def held_awards(user: User) -> QuerySet[Award]:
    """The awards in the account's backpack (not erased)."""
    return Award.objects.filter(learner=user, erased_at__isnull=True)


def awards_of(user: User) -> QuerySet[Award]:
    """Every award that is the account's: held, or waiting at one of its verified addresses."""
    addresses = verified_addresses(user)
    waiting = Q(recipient_email__in=addresses, learner__isnull=True)
    return Award.objects.filter(Q(learner=user) | waiting, erased_at__isnull=True)
