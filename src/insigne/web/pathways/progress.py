"""How far a person is along a pathway: for each requirement, whether it is met and by which
award, or what is missing. Pure: it reads the requirements and the person's facts only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .facts import Fact
from .matching import Named, rank, reaches, same_competence
from .models import Requirement


@dataclass(frozen=True)
class Step:
    requirement: Requirement
    met: bool
    by: Fact | None  # the award that meets it, or the one coming closest
    reached: str = ""  # for a competence: the best level reached, "" when none is recorded

    @property
    def partly(self) -> bool:
        """A competence held, but below the level asked."""
        return not self.met and self.by is not None


@dataclass(frozen=True)
class Progress:
    steps: tuple[Step, ...]

    @property
    def done(self) -> int:
        return sum(1 for step in self.steps if step.met)

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def complete(self) -> bool:
        return bool(self.steps) and self.done == self.total

    @property
    def started(self) -> bool:
        return any(step.met or step.partly for step in self.steps)


def named(requirement: Requirement) -> Named:
    return Named(requirement.name, requirement.framework, requirement.code, requirement.url)


def evaluate(requirements: Sequence[Requirement], facts: Sequence[Fact]) -> Progress:
    """``facts`` newest first (see ``facts.facts_of``)."""
    return Progress(tuple(_step(r, facts) for r in requirements))


def _step(requirement: Requirement, facts: Sequence[Fact]) -> Step:
    if requirement.kind == Requirement.Kind.BADGE:
        holder = next((f for f in facts if f.badge_id == requirement.badge_id), None)
        return Step(requirement, holder is not None, holder)
    wanted = named(requirement)
    scale = [str(level) for level in requirement.levels]
    best: tuple[int, Fact, str] | None = None
    for fact in facts:
        for held in fact.competences:
            if not same_competence(wanted, held.named):
                continue
            position = rank(held.reached, scale)
            score = -1 if position is None else position
            if best is None or score > best[0]:
                best = (score, fact, held.reached if position is not None else "")
    if best is None:
        return Step(requirement, False, None)
    _score, fact, reached = best
    return Step(requirement, reaches(reached, requirement.minimum, scale), fact, reached)
