"""Who may see an award: everyone once the learner made it public; before that, the learner
(signed in, or holding the claim link in this browser session) and the issuing
organisation's staff. Anyone else gets 404, never a hint that the award exists. Once the
learner deleted their account (``erased_at``), nobody sees it: ``Erased`` is raised."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from ..awards.models import Award
from ..issuers.models import Membership
from .erased import Erased

CLAIMED_SESSION_KEY = "insigne_claimed_awards"
_CLAIMS_KEPT = 50


def awards() -> QuerySet[Award]:
    """Awards with their badge version, badge and organisation, without the heavy columns."""
    return Award.objects.select_related("version__badge", "organisation").defer(
        "version__image_png", "version__image_svg", "version__design", "organisation__logo_png"
    )


GATE_FIELDS = (
    "public_id",
    "public",
    "learner",
    "organisation",
    "state",
    "state_changed_at",
    "holder_changed_at",
    "erased_at",
)


def gate(*extra: str) -> QuerySet[Award]:
    """Awards with only what deciding who sees them (and caching their page) takes, plus
    ``extra`` fields."""
    return Award.objects.only(*GATE_FIELDS, *extra)


def is_holder(request: HttpRequest, award: Award) -> bool:
    """The learner: signed in as the award's learner, or opened its claim link here."""
    user = request.user
    if user.is_authenticated and award.learner_id is not None and award.learner_id == user.pk:
        return True
    return str(award.public_id) in request.session.get(CLAIMED_SESSION_KEY, [])


def is_staff(request: HttpRequest, award: Award) -> bool:
    """A member of the issuing organisation, whatever their role (``permissions.role_in``
    without loading the organisation)."""
    user = request.user
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user, organisation_id=award.organisation_id).exists()


@dataclass(frozen=True)
class Access:
    """Why a request may see an award. ``staff`` is only looked up for a private award."""

    holder: bool
    staff: bool


def access(request: HttpRequest, award: Award) -> Access | None:
    if award.erased_at is not None:
        return None
    holder = is_holder(request, award)
    staff = not holder and not award.public and is_staff(request, award)
    return Access(holder, staff) if award.public or holder or staff else None


def can_see(request: HttpRequest, award: Award) -> bool:
    return access(request, award) is not None


def visible_award(
    request: HttpRequest, public_id: uuid.UUID, queryset: QuerySet[Award] | None = None
) -> tuple[Award, Access]:
    """The award ``public_id`` if the request may see it, and why; raises ``Erased`` (an
    Http404) when its learner deleted their account, Http404 otherwise."""
    chosen = queryset if queryset is not None else awards()
    found = list(chosen.filter(public_id=public_id).order_by()[:1])
    award = found[0] if found else None
    if award is not None and award.erased_at is not None:
        raise Erased
    allowed = access(request, award) if award is not None else None
    if award is None or allowed is None:
        raise Http404
    return award, allowed


def remember_claim(request: HttpRequest, award: Award) -> None:
    """Let this browser session see the award, as the holder of its claim link."""
    claimed = [c for c in request.session.get(CLAIMED_SESSION_KEY, []) if c != str(award.public_id)]
    request.session[CLAIMED_SESSION_KEY] = [str(award.public_id), *claimed][:_CLAIMS_KEPT]
