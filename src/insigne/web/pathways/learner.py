"""A learner's pathways, as the backpack shows them: those they have started, with each
requirement met (and by which badge) or missing.

Only the awards that are the learner's count (held, or sent to one of their verified
addresses), and only while they count (see ``facts.counting``). When a pathway that awards
its goal badge automatically is met and the badge was not awarded yet (the awards that met
it came by a route that does not check pathways, such as an import), the check is queued.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.core.cache import cache

from ..accounts.holdings import awards_of
from ..accounts.models import User
from ..awards.models import Award
from ..badges.models import BadgeVersion
from . import tasks
from .facts import Fact, counting, facts_of
from .models import Outcome, Pathway
from .progress import Progress, Step, evaluate
from .standing import requirements_of


class State:
    ONGOING = "ongoing"
    MET = "met"  # every requirement met, the goal not reached yet
    REACHED = "reached"  # the goal badge is held or was awarded


@dataclass(frozen=True)
class LearnerStep:
    step: Step
    label: str  # what is asked, in words: a badge's name, or a competence and its level


@dataclass(frozen=True)
class LearnerPathway:
    pathway: Pathway
    goal_name: str
    progress: Progress
    steps: tuple[LearnerStep, ...]
    state: str
    set_aside: bool = False


def badge_names(badges: set[int]) -> dict[int, str]:
    """Badge -> the name of its newest version (one query)."""
    names: dict[int, str] = {}
    rows = BadgeVersion.objects.filter(badge_id__in=badges).order_by("badge_id", "-number")
    for badge, name in rows.values_list("badge_id", "name"):
        names.setdefault(badge, name)
    return names


ANY_OPEN_KEY = "pathways:any-open"
ANY_OPEN_SECONDS = 60


def any_open() -> bool:
    """Whether some organisation has an open pathway: most backpacks then cost no query. Kept
    a minute (each process keeps its own copy); the pathway actions forget it at once."""
    found = cache.get(ANY_OPEN_KEY)
    if found is None:
        found = Pathway.objects.filter(active=True).exists()
        cache.set(ANY_OPEN_KEY, found, ANY_OPEN_SECONDS)
    return bool(found)


def pathways_of(user: User) -> list[LearnerPathway]:
    """The active pathways ``user`` has started, those nearest their goal first."""
    if not any_open():
        return []
    mine = awards_of(user)
    facts = facts_of(mine.filter(counting()))
    by_organisation: dict[int, list[Fact]] = defaultdict(list)
    for fact in facts:
        by_organisation[fact.organisation_id].append(fact)
    if not by_organisation:
        return []
    pathways = list(
        Pathway.objects.filter(active=True, organisation_id__in=list(by_organisation))
        .select_related("organisation")
        .order_by("name", "pk")
    )
    if not pathways:
        return []
    requirements = requirements_of(pathways)
    started = []
    for pathway in pathways:
        progress = evaluate(requirements[pathway.pk], by_organisation[pathway.organisation_id])
        if progress.started:
            started.append((pathway, progress))
    if not started:
        return []
    goals = {p.goal_badge_id for p, _ in started if p.goal_badge_id is not None}
    badges = goals | {
        s.requirement.badge_id for _, g in started for s in g.steps if s.requirement.badge_id
    }
    names = badge_names({b for b in badges if b is not None})
    held_goals = set(
        mine.filter(version__badge_id__in=goals)
        .exclude(state=Award.State.REVOKED)
        .values_list("version__badge_id", flat=True)
    )
    outcomes = dict(
        Outcome.objects.filter(
            pathway__in=[p for p, _ in started], recipient_email__in={f.email for f in facts}
        ).values_list("pathway_id", "state")
    )
    found = []
    for pathway, progress in started:
        reached = (
            pathway.goal_badge_id in held_goals or outcomes.get(pathway.pk) == Outcome.State.AWARDED
        )
        state = State.REACHED if reached else State.MET if progress.complete else State.ONGOING
        if state == State.MET and pathway.automatic and pathway.pk not in outcomes:
            tasks.check_on_commit([by_organisation[pathway.organisation_id][0].award_id])
        found.append(
            LearnerPathway(
                pathway=pathway,
                goal_name=names.get(pathway.goal_badge_id or 0, ""),
                progress=progress,
                steps=tuple(LearnerStep(s, _label(s, names)) for s in progress.steps),
                state=state,
                set_aside=outcomes.get(pathway.pk) == Outcome.State.DISMISSED,
            )
        )
    order = {State.MET: 0, State.ONGOING: 1, State.REACHED: 2}
    found.sort(key=lambda p: (order[p.state], -p.progress.done / max(p.progress.total, 1)))
    return found


def _label(step: Step, names: dict[int, str]) -> str:
    requirement = step.requirement
    if requirement.badge_id is not None:
        return names.get(requirement.badge_id, "")
    return requirement.name
