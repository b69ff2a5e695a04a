"""The public search of badges, for employers: public awards only, by competence and by
certification, whatever the case and the accents.

An award is found when its learner made it public, and while it attests something (not
revoked, not suspended, not erased). The words looked in are the folded competences and
certification of its badge version (``SearchTerms``), written the first time a search runs
after the version got a public award: such a version is frozen, so they never go stale.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from ..awards.models import Award
from ..badges.models import BadgeVersion, Competence
from ..folding import folded
from .models import SearchTerms

INDEX_BATCH = 500


def public_awards() -> QuerySet[Award]:
    return Award.objects.filter(public=True, erased_at__isnull=True, state=Award.State.ACTIVE)


def terms_of(version: BadgeVersion) -> SearchTerms:
    lines = [
        folded(f"{c.name} {c.code}")
        for c in sorted(version.competences.all(), key=lambda c: c.position)
    ]
    certification = folded(f"{version.certification_code} {version.certification_title}")
    return SearchTerms(version=version, competences="\n".join(lines), certification=certification)


def index_new_versions(limit: int = INDEX_BATCH) -> int:
    """Write the words of up to ``limit`` versions with a public award that have none yet;
    returns how many were written (one query when there is nothing to write)."""
    waiting = (
        BadgeVersion.objects.filter(awards__in=public_awards(), search_terms__isnull=True)
        .values_list("pk", flat=True)
        .distinct()[:limit]
    )
    ids = list(waiting)
    if not ids:
        return 0
    versions = (
        BadgeVersion.objects.filter(pk__in=ids)
        .only("pk", "certification_code", "certification_title")
        .prefetch_related("competences")
    )
    SearchTerms.objects.bulk_create([terms_of(v) for v in versions], ignore_conflicts=True)
    return len(ids)


def _words(field: str, query: str) -> Q:
    condition = Q()
    for word in folded(query).split():
        condition &= Q(**{f"version__search_terms__{field}__contains": word})
    return condition


def search(competence: str, certification: str) -> QuerySet[Award]:
    """Public awards whose badge names a competence with every word of ``competence`` and
    a certification with every word of ``certification`` (either may be empty, not both),
    newest first, with what a result shows."""
    index_new_versions()
    condition = _words("competences", competence) & _words("certification", certification)
    return (
        public_awards()
        .filter(condition)
        .select_related("version__badge", "organisation")
        .only(
            "public_id",
            "recipient_name",
            "awarded_at",
            "valid_until",
            "levels",
            "version__name",
            "version__number",
            "version__language",
            "version__certification_code",
            "version__certification_title",
            "version__badge__public_id",
            "organisation__name",
            "organisation__slug",
        )
        .prefetch_related(
            Prefetch("version__competences", queryset=Competence.objects.order_by("position"))
        )
        .order_by("-awarded_at", "-pk")
    )
