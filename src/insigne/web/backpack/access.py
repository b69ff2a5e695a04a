"""Finding what a backpack page is about among the signed-in person's own things (else 404:
another person's badge or collection is never hinted at)."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest

from ..accounts.models import User
from ..awards.models import Award
from ..public.visibility import awards
from .models import Collection, HolderEvidence


def signed_in(request: HttpRequest) -> User:
    """The person behind a ``login_required`` view."""
    user = request.user
    if not isinstance(user, User):
        raise Http404
    return user


def own_award(user: User, public_id: uuid.UUID) -> Award:
    """An award ``user`` holds, with its badge and issuer (as ``visibility.awards()``)."""
    found = awards().filter(public_id=public_id, learner=user, erased_at__isnull=True).first()
    if found is None:
        raise Http404
    return found


def own_evidence(user: User, public_id: uuid.UUID) -> HolderEvidence:
    """Evidence ``user`` added to an award they hold, without the file's bytes."""
    found = (
        HolderEvidence.objects.select_related("award__version")
        .defer("data", "award__credential", "award__credential_jwt", "award__version__image_png")
        .defer("award__version__image_svg", "award__version__design")
        .filter(public_id=public_id, award__learner=user, award__erased_at__isnull=True)
        .first()
    )
    if found is None:
        raise Http404
    return found


def own_collection(user: User, public_id: uuid.UUID) -> Collection:
    found = Collection.objects.filter(public_id=public_id, owner=user).first()
    if found is None:
        raise Http404
    return found
