"""The people of an organisation: roles, invitations, departures."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import actions
from ..forms import InvitationForm, RoleForm
from ..models import Invitation, Membership, Role
from ..permissions import MANAGE
from .access import Access, access


def _page(request: HttpRequest, current: Access, form: InvitationForm | None) -> HttpResponse:
    organisation = current.organisation
    members = list(
        organisation.memberships.select_related("user").order_by(
            "user__last_name", "user__first_name", "user__email"
        )
    )
    invitations = (
        organisation.invitations.filter(accepted_at__isnull=True)
        .select_related("invited_by")
        .order_by("-created_at")
        if current.can_manage
        else Invitation.objects.none()
    )
    owners = sum(1 for m in members if m.role == Role.OWNER)
    # The only owner is offered neither another role nor removal (the actions refuse too).
    last_owner = (
        next((m.pk for m in members if m.role == Role.OWNER), None) if owners == 1 else None
    )
    return render(
        request,
        "issuers/staff.html",
        {
            "organisation": organisation,
            "access": current,
            "members": members,
            "invitations": invitations,
            "form": form,
            "roles": Role.choices,
            "last_owner": last_owner,
            "now": timezone.now(),
            "invitation_days": actions.INVITATION_DAYS,
        },
    )


@login_required
def staff(request: HttpRequest, slug: str) -> HttpResponse:
    """Every member sees who is in the organisation; owners also manage it here."""
    current = access(request, slug)
    form = InvitationForm(current.organisation) if current.can_manage else None
    return _page(request, current, form)


@login_required
@require_POST
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    current = access(request, slug, MANAGE)
    form = InvitationForm(current.organisation, request.POST)
    if not form.is_valid():
        return _page(request, current, form)
    invitation = actions.send_invitation(
        current.organisation,
        form.cleaned_data["email"],
        form.cleaned_data["role"],
        invited_by=request.user,  # type: ignore[arg-type]
        language=(translation.get_language() or "fr")[:2],
    )
    messages.success(
        request,
        _("Une invitation est envoyée à %(email)s. Elle reste valable %(days)d jours.")
        % {"email": invitation.email, "days": actions.INVITATION_DAYS},
    )
    return redirect("issuers:staff", slug=slug)


@login_required
@require_POST
def cancel_invitation(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    current = access(request, slug, MANAGE)
    invitation = get_object_or_404(Invitation, pk=pk, organisation=current.organisation)
    actions.cancel_invitation(invitation)
    messages.success(
        request, _("L'invitation de %(email)s est annulée.") % {"email": invitation.email}
    )
    return redirect("issuers:staff", slug=slug)


@login_required
@require_POST
def change_role(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    current = access(request, slug, MANAGE)
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=pk, organisation=current.organisation
    )
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez un rôle dans la liste."))
        return redirect("issuers:staff", slug=slug)
    try:
        changed = actions.change_role(membership, form.cleaned_data["role"])
    except actions.LastOwnerError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request,
            _("%(person)s a maintenant le rôle « %(role)s ».")
            % {"person": membership.user.display_name, "role": changed.get_role_display()},
        )
    return redirect("issuers:staff", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A confirmation page, then the removal. The last owner stays."""
    current = access(request, slug, MANAGE)
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=pk, organisation=current.organisation
    )
    last_owner = (
        membership.role == Role.OWNER
        and not current.organisation.memberships.filter(role=Role.OWNER)
        .exclude(pk=membership.pk)
        .exists()
    )
    if request.method == "POST":
        try:
            actions.remove_member(membership)
        except actions.LastOwnerError as refused:
            messages.error(request, refused.message)
            return redirect("issuers:staff", slug=slug)
        messages.success(
            request,
            _("%(person)s ne fait plus partie de l'organisation.")
            % {"person": membership.user.display_name},
        )
        if membership.user_id == request.user.pk:
            return redirect("home")
        return redirect("issuers:staff", slug=slug)
    return render(
        request,
        "issuers/member_remove.html",
        {
            "organisation": current.organisation,
            "access": current,
            "membership": membership,
            "last_owner": last_owner,
            "is_self": membership.user_id == request.user.pk,
        },
    )
