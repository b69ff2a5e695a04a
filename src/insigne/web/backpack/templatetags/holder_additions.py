"""``{% holder_additions award as additions %}``: what the holder added to an award, for the
public badge page (see ``backpack/_holder_additions.html``)."""

from __future__ import annotations

from django import template

from ...awards.models import Award
from ..additions import Additions, additions_of

register = template.Library()


@register.simple_tag
def holder_additions(award: Award) -> Additions:
    return additions_of(award)
