"""A deleted account takes its badge requests with it: those it made (the foreign key
cascades) and those sent to one of its verified addresses through a claim link before the
person had an account, which carry their name and address."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from ..accounts.models import User
from .models import BadgeRequest


@receiver(pre_delete, sender=User, dispatch_uid="claims-forget-requests")
def forget_requests(sender: type[User], instance: User, **kwargs: Any) -> None:
    addresses = list(
        EmailAddress.objects.filter(user=instance, verified=True).values_list("email", flat=True)
    )
    if addresses:
        BadgeRequest.objects.filter(email__in=[a.lower() for a in addresses]).delete()
