"""Everything a person holds, in one list: the awards Insigne issued to them and the badges
they imported, newest first, each read with only what a list shows (two queries)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet, TextChoices
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..accounts.models import User
from ..awards.models import Award
from ..external.models import ExternalBadge
from ..external.queries import held_by


class Origin(TextChoices):
    INSIGNE = "insigne", _("Délivré sur Insigne")
    IMPORTED = "imported", _("Importé")


class Standing(TextChoices):
    VALID = "valid", _("Valide")
    SUSPENDED = "suspended", _("Suspendu")
    REVOKED = "revoked", _("Révoqué")
    EXPIRED = "expired", _("Expiré")
    UNVERIFIED = "unverified", _("Non vérifié")


# What each standing looks like besides its colour (never colour alone).
SYMBOLS = {
    Standing.VALID: "✓",
    Standing.SUSPENDED: "!",
    Standing.REVOKED: "✗",
    Standing.EXPIRED: "⌛",
    Standing.UNVERIFIED: "?",
}


@dataclass(frozen=True)
class Held:
    """One badge of the list, whatever its origin."""

    origin: str
    public_id: uuid.UUID
    name: str
    issuer: str
    description: str
    date: datetime | None
    standing: str
    public: bool
    image_url: str  # empty when the badge has no image
    page_url: str  # empty when no page can be linked

    @property
    def imported(self) -> bool:
        return self.origin == Origin.IMPORTED

    @property
    def standing_label(self) -> str:
        return str(Standing(self.standing).label)

    @property
    def symbol(self) -> str:
        return SYMBOLS[Standing(self.standing)]

    @property
    def key(self) -> str:
        """The badge's identifier in forms: its origin's letter and its id."""
        return f"{'e' if self.imported else 'a'}:{self.public_id}"


def award_standing(state: str, valid_until: datetime | None, now: datetime) -> str:
    if state == Award.State.REVOKED:
        return Standing.REVOKED
    if state == Award.State.SUSPENDED:
        return Standing.SUSPENDED
    if valid_until is not None and valid_until < now:
        return Standing.EXPIRED
    return Standing.VALID


def external_standing(outcome: str, valid_until: datetime | None, now: datetime) -> str:
    """From the last verification's outcome (see ``ExternalBadge.Outcome``) and the dates."""
    if outcome == ExternalBadge.Outcome.REVOKED:
        return Standing.REVOKED
    if valid_until is not None and valid_until < now:
        return Standing.EXPIRED
    if outcome == ExternalBadge.Outcome.FAIL:
        return Standing.UNVERIFIED
    return Standing.VALID


def held_awards(user: User) -> QuerySet[Award]:
    """The awards ``user`` holds, with only what a list shows."""
    return (
        Award.objects.filter(learner=user, erased_at__isnull=True)
        .select_related("version__badge", "organisation")
        .only(
            "public_id",
            "awarded_at",
            "valid_until",
            "state",
            "public",
            "version__name",
            "version__number",
            "version__description",
            "version__badge__public_id",
            "organisation__name",
        )
    )


def from_award(award: Award, now: datetime) -> Held:
    version = award.version
    return Held(
        origin=Origin.INSIGNE,
        public_id=award.public_id,
        name=version.name,
        issuer=award.organisation.name,
        description=version.description,
        date=award.awarded_at,
        standing=award_standing(award.state, award.valid_until, now),
        public=award.public,
        image_url=reverse("public:badge-image", args=[version.badge.public_id, version.number]),
        page_url=reverse("backpack:award", args=[award.public_id]),
    )


def from_external(badge: ExternalBadge, now: datetime) -> Held:
    """``badge`` as read by ``external.queries.held_by``."""
    has_picture = bool(getattr(badge, "has_picture", False))
    return Held(
        origin=Origin.IMPORTED,
        public_id=badge.public_id,
        name=badge.name,
        issuer=badge.issuer_name,
        description=badge.description,
        date=badge.issued_at or badge.created_at,
        standing=external_standing(badge.outcome, badge.valid_until, now),
        public=badge.public,
        image_url=reverse("external:picture", args=[badge.public_id]) if has_picture else "",
        page_url=reverse("external:detail", args=[badge.public_id]),
    )


def newest_first(items: list[Held]) -> list[Held]:
    return sorted(items, key=lambda h: h.date.timestamp() if h.date else 0.0, reverse=True)


def held_badges(user: User) -> list[Held]:
    """Every badge ``user`` holds, newest first."""
    now = timezone.now()
    items = [from_award(a, now) for a in held_awards(user)]
    items += [from_external(b, now) for b in held_by(user)]
    return newest_first(items)


def collected(collection_id: int, owner: User) -> list[Held]:
    """The badges of a collection (those its owner still holds), newest first."""
    now = timezone.now()
    items = [from_award(a, now) for a in held_awards(owner).filter(collections=collection_id)]
    items += [from_external(b, now) for b in held_by(owner).filter(collections=collection_id)]
    return newest_first(items)
