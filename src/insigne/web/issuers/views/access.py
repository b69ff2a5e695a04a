"""What the signed-in person may do in the organisation a page is about."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.http import Http404, HttpRequest

from ..models import Organisation, Role
from ..permissions import AWARD, DESIGN, MANAGE, VIEW, organisation_for, role_in


@dataclass(frozen=True)
class Access:
    organisation: Organisation
    role: str

    @property
    def can_manage(self) -> bool:
        return self.role in MANAGE

    @property
    def can_design(self) -> bool:
        return self.role in DESIGN

    @property
    def can_award(self) -> bool:
        return self.role in AWARD

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)


def access(request: HttpRequest, slug: str, roles: Iterable[str] = VIEW) -> Access:
    """The organisation and the person's role in it; 404 for non-members, 403 for a role
    not in ``roles`` (see ``permissions.organisation_for``)."""
    organisation = organisation_for(request, slug, roles)
    role = role_in(request.user, organisation)
    if role is None:  # removed between the two queries
        raise Http404
    return Access(organisation, role)
