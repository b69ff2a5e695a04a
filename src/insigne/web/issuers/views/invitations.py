"""The page an invitation e-mail links to."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ...accounts import returning
from ...accounts.models import User
from .. import actions
from ..models import Invitation


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Accepting needs an account holding the invited address, verified.

    Anyone else is told what to do (sign in, create an account, add the address) and comes
    back here afterwards through ``next``.
    """
    found = (
        Invitation.objects.select_related("organisation", "invited_by").filter(token=token).first()
    )
    if found is None:
        return render(request, "issuers/invitation_unknown.html", status=404)
    user: User | None = request.user if request.user.is_authenticated else None
    problem = actions.invitation_problem(found, user)
    context: dict[str, Any] = {
        "invitation": found,
        "organisation": found.organisation,
        "problem": problem,
    }
    if problem is not None and problem.reason in ("used", "expired"):
        context["is_member"] = (
            user is not None and found.organisation.memberships.filter(user=user).exists()
        )
        return render(request, "issuers/invitation_closed.html", context, status=410)
    if user is not None and problem is None and request.method == "POST":
        try:
            actions.join(found, user)
        except actions.InvitationRefusedError as refused:  # accepted or expired meanwhile
            context["problem"] = refused
            return render(request, "issuers/invitation_closed.html", context, status=410)
        messages.success(
            request,
            _("Bienvenue dans l'organisation « %(name)s ».") % {"name": found.organisation.name},
        )
        return redirect("issuers:detail", slug=found.organisation.slug)
    if user is None:
        returning.remember(request, request.path)
    return render(request, "issuers/invitation.html", context)
