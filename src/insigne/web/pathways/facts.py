"""The awards that count towards a grouped badge or a pathway, read as plain facts.

An award counts while it attests something: valid (neither revoked nor suspended), not
expired, and not erased by its learner. Awards are gathered into people: the awards an
account holds, plus those sent to one of its verified addresses that nobody holds, are one
person; an award nobody holds, sent to an address no account has verified, belongs to that
address alone.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from allauth.account.models import EmailAddress
from django.db.models import Q, QuerySet
from django.utils import timezone

from ...core.identity import normalize_email
from ..awards.models import Award
from ..badges.models import Competence
from .matching import Named


def counting(now: datetime | None = None) -> Q:
    """The awards that count (see the module's docstring)."""
    moment = now or timezone.now()
    return (
        Q(state=Award.State.ACTIVE, erased_at__isnull=True)
        & (Q(valid_until__isnull=True) | Q(valid_until__gt=moment))
    )  # fmt: skip


@dataclass(frozen=True)
class HeldCompetence:
    named: Named
    scale: tuple[str, ...]
    reached: str  # the level the award records, or ""


@dataclass(frozen=True)
class Fact:
    """One award that counts."""

    award_id: int
    public_id: uuid.UUID
    organisation_id: int
    badge_id: int
    badge_name: str
    email: str
    name: str
    learner_id: int | None
    language: str
    awarded_at: datetime
    competences: tuple[HeldCompetence, ...]


_FIELDS = (
    "pk",
    "public_id",
    "organisation_id",
    "version_id",
    "version__badge_id",
    "version__name",
    "recipient_email",
    "recipient_name",
    "learner_id",
    "language",
    "awarded_at",
    "levels",
)


def facts_of(awards: QuerySet[Award]) -> list[Fact]:
    """``awards`` as facts, newest first (two queries)."""
    rows = list(awards.order_by("-awarded_at", "-pk").values(*_FIELDS))
    versions = {row["version_id"] for row in rows}
    held: dict[int, list[Competence]] = defaultdict(list)
    for competence in Competence.objects.filter(version_id__in=versions).order_by("position"):
        held[competence.version_id].append(competence)
    return [
        Fact(
            award_id=row["pk"],
            public_id=row["public_id"],
            organisation_id=row["organisation_id"],
            badge_id=row["version__badge_id"],
            badge_name=row["version__name"],
            email=row["recipient_email"],
            name=row["recipient_name"],
            learner_id=row["learner_id"],
            language=row["language"],
            awarded_at=row["awarded_at"],
            competences=tuple(
                HeldCompetence(
                    named=Named(c.name, c.framework, c.code, c.url),
                    scale=tuple(str(level) for level in c.levels),
                    reached=str((row["levels"] or {}).get(c.name, "")),
                )
                for c in held[row["version_id"]]
            ),
        )
        for row in rows
    ]


@dataclass
class Person:
    """Someone who holds facts: an account (``user_id``) or an address alone."""

    key: str
    user_id: int | None
    addresses: set[str] = field(default_factory=set)
    facts: list[Fact] = field(default_factory=list)

    @property
    def name(self) -> str:
        return next((f.name for f in self.facts if f.name), "")

    @property
    def email(self) -> str:
        """Where a new badge goes: the address of the newest award."""
        return self.facts[0].email if self.facts else ""

    @property
    def language(self) -> str:
        return self.facts[0].language if self.facts else "fr"


def owners_of(addresses: Iterable[str]) -> dict[str, int]:
    """Verified address -> account, for ``addresses`` (one query)."""
    wanted = {normalize_email(a) for a in addresses}
    if not wanted:
        return {}
    found = EmailAddress.objects.filter(verified=True, email__in=wanted).values_list(
        "email", "user_id"
    )
    return {normalize_email(email): user for email, user in found}


def people(facts: Iterable[Fact]) -> list[Person]:
    """``facts`` gathered by person, in the order of their newest fact (two queries). An
    account's addresses are all its verified ones, so that a badge sent to any of them is
    seen as theirs."""
    facts = list(facts)
    owners = owners_of(f.email for f in facts if f.learner_id is None)
    found: dict[str, Person] = {}
    for fact in facts:
        user = fact.learner_id if fact.learner_id is not None else owners.get(fact.email)
        key = f"u:{user}" if user is not None else f"e:{fact.email}"
        person = found.setdefault(key, Person(key=key, user_id=user))
        person.addresses.add(fact.email)
        person.facts.append(fact)
    accounts = {p.user_id for p in found.values() if p.user_id is not None}
    if accounts:
        verified = EmailAddress.objects.filter(user_id__in=accounts, verified=True)
        for user, email in verified.values_list("user_id", "email"):
            found[f"u:{user}"].addresses.add(normalize_email(email))
    return list(found.values())


def among_people(addresses: Iterable[str], accounts: Iterable[int] = ()) -> Q:
    """The awards of the people behind ``addresses`` and ``accounts``: held by the accounts
    (and the owners of the addresses), or sent to any of their verified addresses (two
    queries)."""
    emails = {normalize_email(a) for a in addresses}
    users = set(accounts) | set(owners_of(emails).values())
    if users:
        verified = EmailAddress.objects.filter(user_id__in=users, verified=True)
        emails |= {normalize_email(e) for e in verified.values_list("email", flat=True)}
    return Q(learner_id__in=users) | Q(recipient_email__in=emails)
