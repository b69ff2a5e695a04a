"""Reading external badges: the holder's list (without the heavy columns), one badge of theirs,
one public badge."""

from __future__ import annotations

import uuid

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.http import Http404

from ..accounts.models import User
from .models import ExternalBadge

# What a list never needs: the bytes received, the credential, the picture, the last report.
HEAVY = ("original", "credential", "image_png", "report")


def _with_picture_flag(queryset: QuerySet[ExternalBadge]) -> QuerySet[ExternalBadge]:
    return queryset.annotate(
        has_picture=ExpressionWrapper(Q(image_png__isnull=False), output_field=BooleanField())
    )


def held_by(user: User) -> QuerySet[ExternalBadge]:
    """``user``'s external badges, newest first, for lists: name, issuer, dates, ``outcome``
    (the last verdict in one word), ``public`` and ``has_picture``; one query."""
    return _with_picture_flag(ExternalBadge.objects.filter(owner=user).defer(*HEAVY))


def owned(user: User, public_id: uuid.UUID) -> ExternalBadge:
    """The badge ``public_id`` of ``user``; Http404 for anyone else's (or none)."""
    badge = ExternalBadge.objects.filter(owner=user, public_id=public_id).first()
    if badge is None:
        raise Http404("no such external badge")
    return badge


def public(public_id: uuid.UUID) -> ExternalBadge:
    """The badge ``public_id`` when its holder made it public; Http404 otherwise."""
    badge = (
        ExternalBadge.objects.select_related("owner")
        .filter(public_id=public_id, public=True)
        .first()
    )
    if badge is None:
        raise Http404("no such public external badge")
    return badge


def picture(public_id: uuid.UUID, user: User | None) -> tuple[bytes | None, bool]:
    """The picture of a badge that ``user`` holds or that is public, and whether it is
    public; Http404 for any other."""
    visible = Q(public=True)
    if user is not None:
        visible |= Q(owner=user)
    row = (
        ExternalBadge.objects.filter(visible, public_id=public_id)
        .values_list("image_png", "public")
        .first()
    )
    if row is None:
        raise Http404("no such external badge")
    return (bytes(row[0]) if row[0] is not None else None), bool(row[1])
