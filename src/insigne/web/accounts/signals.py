"""Badges join the backpack as soon as an address of the account is proven: when it is
confirmed, and at each sign-in (for badges sent to a verified address since then)."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed, user_logged_in
from django.dispatch import receiver

from .actions import attach_awards
from .models import User


@receiver(email_confirmed, dispatch_uid="insigne-accounts-email-confirmed")
def address_confirmed(sender: Any, email_address: EmailAddress, **kwargs: Any) -> None:
    if email_address.verified and email_address.user_id is not None:
        attach_awards(email_address.user, [email_address.email])


@receiver(user_logged_in, dispatch_uid="insigne-accounts-logged-in")
def signed_in(sender: Any, user: User, **kwargs: Any) -> None:
    attach_awards(user)
