"""The awards of an organisation: search, filters, pages, and revoking or suspending several."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ...badges.models import BadgeVersion
from ...issuers.models import Organisation
from ...issuers.permissions import AWARD, VIEW, organisation_for, role_in
from .. import actions
from ..forms import BulkStateForm, FilterForm
from ..models import Award
from .single import state_message

PAGE_SIZE = 50


def badge_choices(organisation: Organisation) -> list[tuple[str, str]]:
    """(badge id, name of its newest version) for the filter, in one query."""
    names: dict[str, str] = {}
    versions = (
        BadgeVersion.objects.filter(badge__organisation=organisation)
        .order_by("badge_id", "-number")
        .values_list("badge__public_id", "name")
    )
    for badge_id, name in versions:
        names.setdefault(str(badge_id), name)
    return sorted(names.items(), key=lambda item: item[1].casefold())


def filtered(organisation: Organisation, form: FilterForm) -> QuerySet[Award]:
    awards = Award.objects.filter(organisation=organisation)
    if not form.is_valid():
        return awards
    data = form.cleaned_data
    if query := data["q"].strip():
        awards = awards.filter(
            Q(recipient_name__icontains=query) | Q(recipient_email__icontains=query)
        )
    if data["badge"]:
        awards = awards.filter(version__badge__public_id=data["badge"])
    if data["state"]:
        awards = awards.filter(state=data["state"])
    if data["batch"]:
        awards = awards.filter(import_batch__public_id=data["batch"])
    return awards


@login_required
def award_list(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_for(request, slug, VIEW)
    form = FilterForm(badge_choices(organisation), request.GET or None)
    awards = (
        filtered(organisation, form)
        .select_related("version")
        .only(
            "public_id",
            "recipient_name",
            "recipient_email",
            "awarded_at",
            "state",
            "state_reason",
            "claimed_at",
            "erased_at",
            "version__name",
            "version__number",
        )
        .order_by("-awarded_at", "-pk")
    )
    page = Paginator(awards, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "awards/award_list.html",
        {
            "organisation": organisation,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "may_change": role_in(request.user, organisation) in AWARD,
            "bulk": BulkStateForm(auto_id="bulk_%s"),
            "states": Award.State,
        },
    )


@login_required
@require_POST
def bulk(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_for(request, slug, AWARD)
    form = BulkStateForm(request.POST)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    back = back or reverse("awards:list", args=[slug])
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(back)
    selected = Award.objects.filter(
        organisation=organisation, public_id__in=form.cleaned_data["awards"]
    )
    state = form.cleaned_data["state"]
    changed = actions.set_state(list(selected), state, form.cleaned_data["reason"])
    if changed:
        messages.success(request, state_message(state, changed))
    else:
        messages.info(request, _("Aucune attribution n'a changé d'état."))
    return redirect(back)
