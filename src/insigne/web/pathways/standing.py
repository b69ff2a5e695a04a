"""Who meets an organisation's pathways: the people to award the goal badge to, or to
propose it for, computed from the organisation's awards in a constant number of queries.

Only the organisation's own awards count: its staff never learn what other organisations
awarded, and a goal badge is never given on another issuer's word.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Q

from ..awards.models import Award
from ..badges.models import Competence
from ..issuers.models import Organisation
from .facts import Person, counting, facts_of, people
from .matching import Named, same_competence
from .models import Outcome, Pathway, Requirement
from .progress import Progress, evaluate, named


@dataclass(frozen=True)
class Candidate:
    person: Person
    progress: Progress


@dataclass
class Standing:
    """Of one pathway: who meets it and waits (no goal badge yet, not set aside), and how
    many people have started it without meeting it yet."""

    waiting: list[Candidate] = field(default_factory=list)
    started: int = 0
    completed: int = 0  # met it and hold the goal badge, or were decided on


def requirements_of(pathways: Sequence[Pathway]) -> dict[int, list[Requirement]]:
    """Pathway -> its requirements, in order (one query)."""
    found: dict[int, list[Requirement]] = {p.pk: [] for p in pathways}
    for requirement in Requirement.objects.filter(pathway__in=list(found)).order_by("position"):
        found[requirement.pathway_id].append(requirement)
    return found


def _matching_versions(organisation: Organisation, requirements: list[Requirement]) -> set[int]:
    wanted = [named(r) for r in requirements if r.kind == Requirement.Kind.COMPETENCE]
    if not wanted:
        return set()
    rows = Competence.objects.filter(version__badge__organisation=organisation).values_list(
        "version_id", "name", "framework", "code", "url"
    )
    return {
        version
        for version, name, framework, code, url in rows
        if any(same_competence(w, Named(name, framework, code, url)) for w in wanted)
    }


def relevant_people(
    organisation: Organisation, requirements: list[Requirement], among: Q | None = None
) -> list[Person]:
    """The people holding awards of ``organisation`` that could meet one of ``requirements``
    (``among`` narrows the awards read)."""
    badges = {r.badge_id for r in requirements if r.badge_id is not None}
    versions = _matching_versions(organisation, requirements)
    if not badges and not versions:
        return []
    awards = Award.objects.filter(organisation=organisation).filter(counting())
    awards = awards.filter(Q(version__badge_id__in=badges) | Q(version_id__in=versions))
    if among is not None:
        awards = awards.filter(among)
    return people(facts_of(awards))


def goal_holders(badges: set[int]) -> dict[int, tuple[set[str], set[int]]]:
    """Goal badge -> (addresses, accounts) that hold it (revoked awards aside)."""
    found: dict[int, tuple[set[str], set[int]]] = {b: (set(), set()) for b in badges}
    if not badges:
        return found
    rows = (
        Award.objects.filter(version__badge_id__in=badges)
        .exclude(state=Award.State.REVOKED)
        .values_list("version__badge_id", "recipient_email", "learner_id")
    )
    for badge, email, learner in rows:
        found[badge][0].add(email)
        if learner is not None:
            found[badge][1].add(learner)
    return found


def holds_goal(person: Person, holders: tuple[set[str], set[int]]) -> bool:
    addresses, accounts = holders
    return bool(person.addresses & addresses) or person.user_id in accounts


def standings(
    organisation: Organisation, pathways: Sequence[Pathway], *, among: Q | None = None
) -> dict[int, Standing]:
    """Pathway -> its standing, for ``pathways`` of ``organisation``."""
    by_pathway = requirements_of(pathways)
    everything = [r for found in by_pathway.values() for r in found]
    persons = relevant_people(organisation, everything, among)
    holders = goal_holders({p.goal_badge_id for p in pathways if p.goal_badge_id is not None})
    decided: dict[int, set[str]] = {p.pk: set() for p in pathways}
    if persons:
        outcomes = Outcome.objects.filter(pathway__in=pathways)
        for pathway_id, email in outcomes.values_list("pathway_id", "recipient_email"):
            decided[pathway_id].add(email)
    result: dict[int, Standing] = {}
    for pathway in pathways:
        standing = Standing()
        requirements = by_pathway[pathway.pk]
        for person in persons:
            progress = evaluate(requirements, person.facts)
            if not progress.complete:
                standing.started += 1 if progress.done else 0
                continue
            has_goal = pathway.goal_badge_id is not None and holds_goal(
                person, holders[pathway.goal_badge_id]
            )
            if has_goal or person.addresses & decided[pathway.pk]:
                standing.completed += 1
            else:
                standing.waiting.append(Candidate(person, progress))
        standing.waiting.sort(key=lambda c: (c.person.name.casefold(), c.person.email))
        result[pathway.pk] = standing
    return result
