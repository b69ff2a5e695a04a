"""How issuer staff pages name an award whose learner deleted their account."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from ...awards.models import Award

register = template.Library()


@register.filter
def recipient_label(award: Award) -> str:
    """The recipient's name or address; for an erased award, that it was deleted."""
    if award.erased_at is not None:
        return _("Supprimé à la demande du titulaire")
    return award.recipient_name or award.recipient_email
