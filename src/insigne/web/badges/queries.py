"""Read-side queries of the badges context: the list page in a constant number of queries."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from ..awards.models import Award
from ..folding import folded
from ..issuers.models import Organisation
from .models import Badge, BadgeVersion


def badge_rows(organisation: Organisation, *, archived: bool, search: str = "") -> QuerySet[Badge]:
    """Badges of ``organisation`` with their current version's name and number and their
    number of awards (all versions), newest first."""
    latest = BadgeVersion.objects.filter(badge=OuterRef("pk")).order_by("-number")
    awards = (
        Award.objects.filter(version__badge=OuterRef("pk"))
        .order_by()
        .values("version__badge")
        .annotate(total=Count("pk"))
        .values("total")
    )
    rows = (
        Badge.objects.filter(organisation=organisation, archived=archived)
        .select_related("unit")
        .annotate(
            current_name=Subquery(latest.values("name")[:1]),
            current_number=Subquery(latest.values("number")[:1]),
            award_count=Coalesce(Subquery(awards[:1], output_field=IntegerField()), Value(0)),
        )
        .order_by("-created_at", "-pk")
    )
    if search:
        # Matched in Python, ignoring case and accents ("equipe" finds "Équipe"): SQLite's
        # LIKE only folds ASCII. One query for the names of one organisation's badges.
        key = folded(search)
        names = rows.values_list("pk", "current_name")
        rows = rows.filter(pk__in=[pk for pk, name in names if key in folded(name or "")])
    return rows


def versions_with_counts(badge: Badge) -> list[BadgeVersion]:
    """Every version of ``badge``, newest first, each with ``award_count``."""
    return list(badge.versions.annotate(award_count=Count("awards")).order_by("-number"))
