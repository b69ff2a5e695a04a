"""Panels other apps' pages include with one line:

- ``{% load pathways %}{% badge_pathways_panel %}`` on a badge's staff page: its grouping,
  the grouped badges it is part of, the pathways it belongs to, and links to make more;
- ``{% load pathways %}{% pathway_progress %}`` in the backpack: the learner's pathways.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Q

from ..catalogue import badges_of
from ..learner import pathways_of
from ..models import Grouping, Pathway

register = template.Library()


@register.inclusion_tag("pathways/_badge_panel.html", takes_context=True)
def badge_pathways_panel(context: template.Context) -> dict[str, Any]:
    """Reads ``organisation``, ``badge``, ``can_design`` and ``can_award`` from the page."""
    badge = context["badge"]
    organisation = context["organisation"]
    grouping = Grouping.objects.filter(badge=badge).first()
    groups = list(badges_of(organisation).filter(grouping__parts=badge))
    pathways = list(
        Pathway.objects.filter(Q(goal_badge=badge) | Q(requirements__badge=badge))
        .filter(organisation=organisation)
        .distinct()
        .order_by("name")
    )
    return {
        "organisation": organisation,
        "badge": badge,
        "grouping": grouping,
        "groups": groups,
        "pathways": pathways,
        "can_design": context.get("can_design", False),
        "can_award": context.get("can_award", False),
    }


@register.inclusion_tag("pathways/_progress.html", takes_context=True)
def pathway_progress(context: template.Context) -> dict[str, Any]:
    """Reads the signed-in ``user`` from the page."""
    user = context["request"].user
    return {"pathways": pathways_of(user) if user.is_authenticated else []}
