"""What an organisation can build grouped badges and pathways from: its badges (with the
name of their newest version) and the competences its badges name, each once."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db.models import OuterRef, QuerySet, Subquery

from ..badges.models import Badge, BadgeVersion, Competence
from ..folding import folded
from ..issuers.models import Organisation
from .matching import Named, same_competence


def badges_of(organisation: Organisation, *, archived: bool | None = None) -> QuerySet[Badge]:
    """The organisation's badges, each with ``current_name`` and ``current_code`` (the
    certification of its newest version), by name."""
    latest = BadgeVersion.objects.filter(badge=OuterRef("pk")).order_by("-number")
    badges = Badge.objects.filter(organisation=organisation)
    if archived is not None:
        badges = badges.filter(archived=archived)
    return badges.annotate(
        current_name=Subquery(latest.values("name")[:1]),
        current_code=Subquery(latest.values("certification_code")[:1]),
        current_title=Subquery(latest.values("certification_title")[:1]),
    ).order_by("current_name", "pk")


@dataclass(frozen=True)
class Entry:
    """A competence the organisation's badges name, with the scale of its newest naming."""

    named: Named
    levels: tuple[str, ...]

    @property
    def key(self) -> str:
        """A stable name for form fields."""
        n = self.named
        text = "|".join(folded(part) for part in (n.framework, n.code, n.url, n.name))
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def competences_of(organisation: Organisation) -> list[Entry]:
    """Every competence named by a version of the organisation's badges, each once (the
    newest naming wins), sorted by framework and name (one query)."""
    rows = (
        Competence.objects.filter(version__badge__organisation=organisation)
        .order_by("-version__created_at", "-version_id", "position")
        .values_list("name", "framework", "code", "url", "levels")
    )
    found: list[Entry] = []
    for name, framework, code, url, levels in rows:
        named = Named(name, framework, code, url)
        if any(same_competence(named, entry.named) for entry in found):
            continue
        found.append(Entry(named, tuple(str(level) for level in levels or ())))
    return sorted(found, key=lambda e: (folded(e.named.framework), folded(e.named.name)))
