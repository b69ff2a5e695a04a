"""``{% keep_offer award as offer %}``: what the claim page offers the visitor to keep the badge."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from allauth.account.models import EmailAddress
from django import template

from ....core.identity import normalize_email
from ...awards.models import Award
from ..actions import address_elsewhere
from ..models import User

register = template.Library()


@dataclass(frozen=True)
class KeepOffer:
    """``situation``: ``mine`` (already in the visitor's backpack), ``elsewhere`` (another
    account holds it), ``keep`` (signed in, one button keeps it) or ``anonymous``.
    ``adds_address``: keeping adds the recipient's address to the visitor's account."""

    situation: str
    adds_address: bool = False


@register.simple_tag(takes_context=True)
def keep_offer(context: dict[str, Any], award: Award) -> KeepOffer:
    visitor = getattr(context.get("request"), "user", None)
    user = visitor if isinstance(visitor, User) and visitor.is_authenticated else None
    if award.learner_id is not None:
        mine = user is not None and award.learner_id == user.pk
        return KeepOffer("mine" if mine else "elsewhere")
    if user is None:
        return KeepOffer("anonymous")
    email = normalize_email(award.recipient_email)
    has_it = EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()
    return KeepOffer("keep", adds_address=not has_it and not address_elsewhere(user, email))
