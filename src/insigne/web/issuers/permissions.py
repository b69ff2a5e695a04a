"""Who may do what in an organisation. Outsiders get 404, never a hint that it exists."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from ..accounts.models import User
from .models import Membership, Organisation, Role

DESIGN = frozenset({Role.OWNER, Role.EDITOR})
AWARD = frozenset({Role.OWNER, Role.AWARDER})
MANAGE = frozenset({Role.OWNER})
VIEW = frozenset({Role.OWNER, Role.EDITOR, Role.AWARDER})


def role_in(user: User | AnonymousUser, organisation: Organisation) -> str | None:
    if not user.is_authenticated:
        return None
    membership = Membership.objects.filter(user=user, organisation=organisation).first()
    return membership.role if membership else None


def organisation_for(request: HttpRequest, slug: str, roles: Iterable[str] = VIEW) -> Organisation:
    """The organisation ``slug`` if the user has one of ``roles`` in it, else 404."""
    organisation = get_object_or_404(Organisation, slug=slug)
    role = role_in(request.user, organisation)
    if role is None:
        raise Http404
    if role not in set(roles):
        raise PermissionDenied(f"role {role} cannot do this")
    return organisation
