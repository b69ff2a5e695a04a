"""State changes of the claims context: claim links, claiming through them, and badge requests
with their decisions. Awards are always made by ``awards.actions.award_badge``, which e-mails
the person the usual claim link once committed."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from ...core.identity import normalize_email
from ..accounts.models import User
from ..awards.actions import AlreadyHeldError, Evidence, award_badge
from ..awards.issuance import Recipient
from ..awards.models import Award
from ..badges.models import Badge, BadgeVersion
from . import tasks
from .models import BadgeRequest, ClaimLink


class LinkClosedError(Exception):
    """The link accepts nobody now; ``reason`` is a ``ClaimLink.Closed`` value."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"claim link closed: {reason}")
        self.reason = reason


class WrongCodeError(Exception):
    """The code given does not match the link's."""


class PendingRequestError(Exception):
    """This address already has a request waiting for a decision on this badge."""

    def __init__(self, request: BadgeRequest) -> None:
        super().__init__(f"{request.email} already has pending request {request.public_id}")
        self.request = request


class RequestsClosedError(Exception):
    """The issuer does not accept requests for this badge (or it is archived)."""


class AlreadyDecidedError(Exception):
    """Someone decided on this request already."""


class BadgeUnavailableError(Exception):
    """The badge is archived or has no version: it cannot be awarded."""


@dataclass(frozen=True)
class Participant:
    """Who asks for a badge."""

    email: str
    name: str
    language: str = "fr"
    user: User | None = None


@dataclass(frozen=True)
class RequestEvidence:
    url: str = ""
    text: str = ""
    file_name: str = ""
    content_type: str = ""
    data: bytes = b""


def create_link(
    badge: Badge,
    *,
    label: str,
    by: User | None,
    code: str = "",
    max_uses: int | None = None,
    expires_at: datetime | None = None,
    requires_approval: bool = False,
) -> ClaimLink:
    if badge.archived:
        raise BadgeUnavailableError(str(badge.public_id))
    return ClaimLink.objects.create(
        badge=badge,
        label=label.strip(),
        code=code.strip(),
        max_uses=max_uses,
        expires_at=expires_at,
        requires_approval=requires_approval,
        created_by=by,
    )


def set_link_active(link: ClaimLink, active: bool) -> bool:
    """Turn a link off or on again; returns whether it changed."""
    changed = ClaimLink.objects.filter(pk=link.pk, active=not active).update(active=active)
    link.active = active
    return bool(changed)


def set_requests_open(badge: Badge, accepts: bool) -> None:
    Badge.objects.filter(pk=badge.pk).update(accepts_requests=accepts)
    badge.accepts_requests = accepts


def current_version(badge: Badge) -> BadgeVersion | None:
    """The version a request or a link awards: the newest, unless the badge is archived."""
    if badge.archived:
        return None
    return BadgeVersion.objects.filter(badge=badge).order_by("-number").first()


def code_matches(link: ClaimLink, given: str) -> bool:
    """Case and surrounding spaces do not matter; the comparison takes constant time."""
    expected = link.code.strip().casefold().encode()
    return not expected or hmac.compare_digest(expected, given.strip().casefold().encode())


def claim_through_link(
    link: ClaimLink, participant: Participant, *, code: str = "", message: str = ""
) -> BadgeRequest:
    """Use one place of ``link``: award the badge at once, or leave a request for staff when
    the link asks for approval. The place is taken by a conditional UPDATE in the same
    transaction as the award, so the limit holds however many people claim at once.

    Raises WrongCodeError, LinkClosedError, AlreadyHeldError or PendingRequestError; nothing
    is stored then.
    """
    if not code_matches(link, code):
        raise WrongCodeError
    now = timezone.now()
    with transaction.atomic():
        link = ClaimLink.objects.select_related("badge").get(pk=link.pk)
        reason = link.closed(now)
        if reason is not None:
            raise LinkClosedError(reason)
        version = current_version(link.badge)
        if version is None:
            raise LinkClosedError(ClaimLink.Closed.ARCHIVED)
        _refuse_held_or_pending(link.badge, participant.email)
        if not _take_place(link, now):
            link.refresh_from_db()
            raise LinkClosedError(link.closed(now) or ClaimLink.Closed.EXHAUSTED)
        request = _create_request(link.badge, participant, claim_link=link, message=message.strip())
        if not link.requires_approval:
            award = award_badge(version, _recipient(request), by=link.created_by)
            _decide(request, BadgeRequest.State.ACCEPTED, by=None, award=award, now=now)
    return request


def _take_place(link: ClaimLink, now: datetime) -> bool:
    open_links = ClaimLink.objects.filter(pk=link.pk, active=True).filter(
        Q(max_uses__isnull=True) | Q(uses__lt=F("max_uses")),
        Q(expires_at__isnull=True) | Q(expires_at__gt=now),
    )
    return bool(open_links.update(uses=F("uses") + 1))


def _give_place_back(link_id: int | None) -> None:
    if link_id is not None:
        ClaimLink.objects.filter(pk=link_id, uses__gt=0).update(uses=F("uses") - 1)


def held_award(badge: Badge, email: str) -> Award | None:
    return (
        Award.objects.filter(version__badge=badge, recipient_email=normalize_email(email))
        .exclude(state=Award.State.REVOKED)
        .first()
    )


def pending_request(badge: Badge, email: str) -> BadgeRequest | None:
    return BadgeRequest.objects.filter(
        badge=badge, email=normalize_email(email), state=BadgeRequest.State.PENDING
    ).first()


def _refuse_held_or_pending(badge: Badge, email: str) -> None:
    held = held_award(badge, email)
    if held is not None:
        raise AlreadyHeldError(held)
    pending = pending_request(badge, email)
    if pending is not None:
        raise PendingRequestError(pending)


def _create_request(
    badge: Badge,
    participant: Participant,
    *,
    claim_link: ClaimLink | None = None,
    evidence: RequestEvidence = RequestEvidence(),
    message: str = "",
) -> BadgeRequest:
    email = normalize_email(participant.email)
    try:
        with transaction.atomic():
            return BadgeRequest.objects.create(
                badge=badge,
                claim_link=claim_link,
                email=email,
                name=participant.name.strip(),
                language=participant.language if participant.language in ("fr", "en") else "fr",
                user=participant.user,
                evidence_url=evidence.url,
                evidence_text=evidence.text.strip(),
                evidence_file_name=evidence.file_name[:255],
                evidence_content_type=evidence.content_type[:100],
                evidence_data=evidence.data or None,
                message=message,
            )
    except IntegrityError:
        # Another request for the same address was stored meanwhile (double submission).
        pending = pending_request(badge, email)
        if pending is None:
            raise
        raise PendingRequestError(pending) from None


def request_badge(
    badge: Badge,
    participant: Participant,
    *,
    evidence: RequestEvidence,
    message: str = "",
) -> BadgeRequest:
    """A learner's request, with evidence, for a badge whose issuer accepts requests.
    Raises RequestsClosedError, AlreadyHeldError or PendingRequestError."""
    with transaction.atomic():
        locked = Badge.objects.select_for_update().get(pk=badge.pk)
        if not locked.accepts_requests or current_version(locked) is None:
            raise RequestsClosedError(str(badge.public_id))
        _refuse_held_or_pending(locked, participant.email)
        return _create_request(locked, participant, evidence=evidence, message=message.strip())


def _recipient(request: BadgeRequest) -> Recipient:
    return Recipient(email=request.email, name=request.name, language=request.language)


def _evidence(request: BadgeRequest) -> Evidence:
    upload = None
    if request.evidence_file_name and request.evidence_data is not None:
        upload = SimpleUploadedFile(
            request.evidence_file_name,
            bytes(request.evidence_data),
            request.evidence_content_type or "application/octet-stream",
        )
    return Evidence(
        url=request.evidence_url,
        text=request.evidence_text,
        file=upload,
        content_type=request.evidence_content_type or "application/octet-stream",
    )


def _decide(
    request: BadgeRequest,
    state: str,
    *,
    by: User | None,
    now: datetime,
    comment: str = "",
    award: Award | None = None,
) -> None:
    request.state = state
    request.decided_by = by
    request.decided_at = now
    request.decision_comment = comment.strip()
    request.automatic = by is None
    request.award = award
    request.save(
        update_fields=[
            "state",
            "decided_by",
            "decided_at",
            "decision_comment",
            "automatic",
            "award",
        ]
    )


def _lock_pending(request: BadgeRequest) -> BadgeRequest:
    locked = BadgeRequest.objects.select_for_update().get(pk=request.pk)
    if locked.state != BadgeRequest.State.PENDING:
        raise AlreadyDecidedError(str(request.public_id))
    return locked


def accept_request(request: BadgeRequest, *, by: User, comment: str = "") -> Award:
    """Award the badge's current version with the request's evidence (once, however many
    times staff press the button). Raises AlreadyDecidedError, BadgeUnavailableError or
    AlreadyHeldError."""
    with transaction.atomic():
        locked = _lock_pending(request)
        badge = Badge.objects.get(pk=locked.badge_id)
        version = current_version(badge)
        if version is None:
            raise BadgeUnavailableError(str(badge.public_id))
        award = award_badge(version, _recipient(locked), by=by, evidence=_evidence(locked))
        _decide(
            locked, BadgeRequest.State.ACCEPTED, by=by, now=timezone.now(), comment=comment,
            award=award,
        )  # fmt: skip
    request.refresh_from_db()
    return award


def decline_request(request: BadgeRequest, *, by: User, comment: str) -> None:
    """Decline with a comment, e-mailed to the person in their language once committed. A
    place taken on a claim link is given back. Raises ValueError without a comment, or
    AlreadyDecidedError."""
    if not comment.strip():
        raise ValueError("a comment is required to decline a request")
    with transaction.atomic():
        locked = _lock_pending(request)
        _decide(locked, BadgeRequest.State.DECLINED, by=by, now=timezone.now(), comment=comment)
        _give_place_back(locked.claim_link_id)
        tasks.send_decision_on_commit(locked.pk)
    request.refresh_from_db()


def withdraw_request(request: BadgeRequest, user: User) -> bool:
    """The learner takes back a request still waiting; returns whether one was removed."""
    with transaction.atomic():
        locked = (
            BadgeRequest.objects.select_for_update()
            .filter(pk=request.pk, user=user, state=BadgeRequest.State.PENDING)
            .first()
        )
        if locked is None:
            return False
        link_id = locked.claim_link_id
        locked.delete()
        _give_place_back(link_id)
    return True
