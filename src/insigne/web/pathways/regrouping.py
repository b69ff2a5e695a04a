"""A grouped badge over earlier badges: its competences (those of its parts, each once) and
the people who hold every part, by the address the parts were sent to."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..awards.models import Award
from ..badges.content import MAX_COMPETENCES, CompetenceContent
from ..badges.models import BadgeVersion, Competence
from ..folding import folded
from .facts import Fact, counting, facts_of
from .matching import Named, best_level, rank, same_competence
from .models import Grouping


class GroupingError(ValueError):
    """Parts that cannot be grouped; ``message`` says why, for the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _named(c: CompetenceContent) -> Named:
    return Named(c.name, c.framework, c.code, c.url)


def merged_competences(
    parts: Sequence[tuple[str, Sequence[CompetenceContent]]],
) -> tuple[CompetenceContent, ...]:
    """The competences of ``parts`` ((badge name, competences) pairs), each once, in order.

    The same competence in two parts is kept once, with the longer scale of levels. Raises
    GroupingError when two different competences share a name (a badge cannot tell them
    apart) or when there are too many.
    """
    kept: list[CompetenceContent] = []
    origin: list[str] = []
    for badge_name, competences in parts:
        for competence in competences:
            same = next(
                (i for i, k in enumerate(kept) if same_competence(_named(k), _named(competence))),
                None,
            )
            if same is not None:
                if len(competence.levels) > len(kept[same].levels):
                    kept[same] = competence
                continue
            clash = next(
                (i for i, k in enumerate(kept) if folded(k.name) == folded(competence.name)), None
            )
            if clash is not None:
                raise GroupingError(
                    _(
                        "Les badges « %(one)s » et « %(other)s » ont chacun une compétence "
                        "« %(name)s », mais ce ne sont pas les mêmes (référentiel ou code "
                        "différent). Renommez l'une d'elles avant de les regrouper."
                    )
                    % {"one": origin[clash], "other": badge_name, "name": competence.name}
                )
            kept.append(competence)
            origin.append(badge_name)
    if len(kept) > MAX_COMPETENCES:
        raise GroupingError(
            _(
                "Ces badges réunissent %(count)s compétences ; un badge en regroupe "
                "%(limit)s au plus."
            )
            % {"count": len(kept), "limit": MAX_COMPETENCES}
        )
    return tuple(kept)


@dataclass(frozen=True)
class Holder:
    """Someone who holds every part of a grouped badge."""

    email: str
    name: str
    language: str
    parts: tuple[Fact, ...]  # one award per part, in the order of the parts
    levels: dict[str, str]  # grouped competence name -> level to record

    @property
    def award_ids(self) -> list[int]:
        return [fact.award_id for fact in self.parts]


def levels_for(competences: Sequence[Competence], facts: Sequence[Fact]) -> dict[str, str]:
    """For each competence of the grouped version that has levels, the best level the parts
    record for it, written as the grouped scale writes it."""
    levels: dict[str, str] = {}
    for competence in competences:
        scale = [str(level) for level in competence.levels]
        if not scale:
            continue
        wanted = Named(competence.name, competence.framework, competence.code, competence.url)
        reached = [
            held.reached
            for fact in facts
            for held in fact.competences
            if held.reached and same_competence(wanted, held.named)
        ]
        position = rank(best_level(reached, scale), scale)
        if position is not None:
            levels[competence.name] = scale[position]
    return levels


def holders(grouping: Grouping, version: BadgeVersion) -> list[Holder]:
    """Who holds an award that counts of every part and no award of the grouped badge (a
    revoked one aside), sorted by name; ``version`` is the grouped badge's version to award.
    Five queries, whatever the number of people."""
    parts = list(grouping.parts.order_by("pk").values_list("pk", flat=True))
    if not parts:
        return []
    awards = Award.objects.filter(version__badge_id__in=parts).filter(counting())
    by_email: dict[str, dict[int, Fact]] = defaultdict(dict)
    for fact in facts_of(awards):  # newest first: the first award of a part is kept
        by_email[fact.email].setdefault(fact.badge_id, fact)
    complete = {email: found for email, found in by_email.items() if len(found) == len(parts)}
    held = set(
        Award.objects.filter(version__badge_id=grouping.badge_id)
        .exclude(state=Award.State.REVOKED)
        .values_list("recipient_email", flat=True)
    )
    competences = list(version.competences.order_by("position"))
    found = []
    for email, by_part in complete.items():
        if email in held:
            continue
        facts = tuple(by_part[part] for part in parts)
        newest = max(facts, key=lambda f: f.awarded_at)
        found.append(
            Holder(
                email=email,
                name=newest.name or next((f.name for f in facts if f.name), ""),
                language=newest.language,
                parts=facts,
                levels=levels_for(competences, facts),
            )
        )
    return sorted(found, key=lambda h: (h.name.casefold(), h.email))
