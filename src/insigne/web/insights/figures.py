"""The figures of an organisation's dashboard. Every count is made by the database; the
number of queries does not grow with the number of awards."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import TruncMonth
from django.utils import timezone

from ..awards.models import Award
from ..badges.models import Badge, BadgeVersion, Competence
from ..issuers.models import Organisation


@dataclass(frozen=True)
class Totals:
    awards: int
    claimed: int
    suspended: int
    revoked: int

    @property
    def claim_rate(self) -> float | None:
        """Claimed awards as a percentage of all awards; None before the first award."""
        return 100 * self.claimed / self.awards if self.awards else None


@dataclass(frozen=True)
class Named:
    name: str
    value: int


@dataclass
class CompetenceFigures:
    """Awards of badges that group a competence, and how many reached each level."""

    name: str
    framework: str
    code: str
    awards: int = 0
    levels: dict[str, int] = field(default_factory=dict)  # in the order of the scale


def totals(organisation: Organisation) -> Totals:
    counts = Award.objects.filter(organisation=organisation).aggregate(
        awards=Count("pk"),
        claimed=Count("pk", filter=Q(claimed_at__isnull=False)),
        suspended=Count("pk", filter=Q(state=Award.State.SUSPENDED)),
        revoked=Count("pk", filter=Q(state=Award.State.REVOKED)),
    )
    return Totals(**counts)


def month_starts(now: datetime, months: int = 12) -> list[date]:
    """The first day of each of the last ``months`` months, the current one last (local time)."""
    local = timezone.localtime(now)
    year, month = local.year, local.month
    starts = []
    for _ in range(months):
        starts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def per_month(
    organisation: Organisation, *, months: int = 12, now: datetime | None = None
) -> list[tuple[date, int]]:
    """Awards per month (by award date, in local time), zero for months without any."""
    starts = month_starts(now or timezone.now(), months)
    since = timezone.make_aware(datetime.combine(starts[0], datetime.min.time()))
    rows = (
        Award.objects.filter(organisation=organisation, awarded_at__gte=since)
        .annotate(month=TruncMonth("awarded_at"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts = {(row["month"].year, row["month"].month): row["count"] for row in rows}
    return [(start, counts.get((start.year, start.month), 0)) for start in starts]


def per_badge(organisation: Organisation) -> list[Named]:
    """Awards per badge (all its versions), named after its latest version, most first."""
    latest_name = (
        BadgeVersion.objects.filter(badge=OuterRef("pk")).order_by("-number").values("name")[:1]
    )
    rows = (
        Badge.objects.filter(organisation=organisation)
        .annotate(latest_name=Subquery(latest_name), awards=Count("versions__awards"))
        .filter(Q(archived=False) | Q(awards__gt=0))
        .values_list("latest_name", "awards")
        .order_by("-awards", "latest_name")
    )
    return [Named(name or "—", count) for name, count in rows]


def per_competence(organisation: Organisation) -> list[CompetenceFigures]:
    """Awards per competence, merging the same competence across badges and versions.

    The database groups awards by (badge version, levels reached); there are few distinct
    combinations whatever the number of awards, and they are summed here.
    """
    combinations = (
        Award.objects.filter(organisation=organisation)
        .values("version_id", "levels")
        .annotate(count=Count("pk"))
        .order_by()
    )
    competences = Competence.objects.filter(version__badge__organisation=organisation).values_list(
        "version_id", "position", "name", "framework", "code", "levels"
    )
    figures: dict[tuple[str, str, str], CompetenceFigures] = {}
    by_version: dict[int, list[tuple[int, CompetenceFigures]]] = defaultdict(list)
    for version_id, position, name, framework, code, scale in competences.order_by(
        "version_id", "position"
    ):
        entry = figures.setdefault(
            (name, framework, code), CompetenceFigures(name, framework, code)
        )
        for level in scale or ():
            entry.levels.setdefault(str(level), 0)
        by_version[version_id].append((position, entry))
    for row in combinations:
        reached = row["levels"] if isinstance(row["levels"], dict) else {}
        for position, entry in by_version.get(row["version_id"], ()):
            entry.awards += row["count"]
            # Levels are keyed by competence name (older rows: by position).
            level = reached.get(entry.name, reached.get(str(position)))
            if level is not None and str(level) in entry.levels:
                entry.levels[str(level)] += row["count"]
    return sorted(figures.values(), key=lambda e: (-e.awards, e.name.casefold()))
