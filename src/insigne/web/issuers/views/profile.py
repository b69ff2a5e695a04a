"""Creating an organisation, its home page, its profile and its logo."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ...awards.models import Award
from ...badges.models import Badge
from ...claims.models import BadgeRequest
from .. import actions
from ..forms import OrganisationForm
from ..permissions import MANAGE
from .access import access


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        logo = form.cleaned_data.get("logo")
        organisation = actions.create_organisation(
            request.user,  # type: ignore[arg-type]
            **form.profile(),
            **({"logo_png": logo} if logo else {}),
        )
        messages.success(
            request,
            _("L'organisation « %(name)s » est créée. Vous en êtes responsable.")
            % {"name": organisation.name},
        )
        return redirect("issuers:detail", slug=organisation.slug)
    return render(request, "issuers/create.html", {"form": form})


@login_required
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    current = access(request, slug)
    organisation = current.organisation
    awards = Award.objects.filter(organisation=organisation).aggregate(
        total=Count("pk"), claimed=Count("pk", filter=Q(claimed_at__isnull=False))
    )
    figures = {
        "badges": Badge.objects.filter(organisation=organisation, archived=False).count(),
        "awards": awards["total"],
        "claimed": awards["claimed"],
        "members": organisation.memberships.count(),
        "requests": BadgeRequest.objects.filter(
            badge__organisation=organisation, state=BadgeRequest.State.PENDING
        ).count(),
    }
    return render(
        request,
        "issuers/detail.html",
        {"organisation": organisation, "access": current, "figures": figures},
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    current = access(request, slug, MANAGE)
    organisation = current.organisation
    # The form writes into its instance while validating: a copy keeps the page's own
    # heading and links on the saved values when the input is refused.
    form = OrganisationForm(
        request.POST or None, request.FILES or None, instance=copy.copy(organisation)
    )
    if request.method == "POST" and form.is_valid():
        actions.update_organisation(
            organisation,
            logo_png=form.cleaned_data.get("logo"),
            remove_logo=bool(form.cleaned_data.get("remove_logo")),
            **form.profile(),
        )
        messages.success(request, _("Le profil de l'organisation est enregistré."))
        return redirect("issuers:detail", slug=organisation.slug)
    return render(
        request,
        "issuers/edit.html",
        {"organisation": organisation, "access": current, "form": form},
    )
