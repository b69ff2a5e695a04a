"""Awarding a badge to one person, the staff page of an award, and changing its state."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from ...issuers.permissions import AWARD, VIEW, organisation_for, role_in
from .. import actions, links
from ..forms import AwardForm, StateForm
from ..models import Award
from .access import award_of, current_version


@login_required
def award(request: HttpRequest, slug: str, public_id: uuid.UUID) -> HttpResponse:
    organisation = organisation_for(request, slug, AWARD)
    version = current_version(organisation, public_id)
    posted = request.method == "POST"
    form = AwardForm(version, request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        try:
            made = actions.award_badge(
                version,
                form.recipient(),
                by=request.user,  # type: ignore[arg-type]
                evidence=form.evidence(),
                with_jwt=form.cleaned_data["with_jwt"],
            )
        except actions.AlreadyHeldError as held:
            url = reverse("awards:detail", args=[slug, held.award.public_id])
            form.add_error("email", _("Cette personne possède déjà ce badge."))
            return render(
                request,
                "awards/award_form.html",
                {"organisation": organisation, "version": version, "form": form, "held": url},
                status=409,
            )
        messages.success(
            request,
            _("Badge attribué à %(name)s. Un courriel lui a été envoyé.")
            % {"name": made.recipient_name or made.recipient_email},
        )
        return redirect("awards:detail", slug=slug, public_id=made.public_id)
    status = 400 if posted else 200
    return render(
        request,
        "awards/award_form.html",
        {"organisation": organisation, "version": version, "form": form},
        status=status,
    )


@login_required
def detail(request: HttpRequest, slug: str, public_id: uuid.UUID) -> HttpResponse:
    organisation = organisation_for(request, slug, VIEW)
    item = award_of(organisation, public_id)
    return render(request, "awards/award_detail.html", _detail_context(request, item))


def _detail_context(
    request: HttpRequest, item: Award, bound: StateForm | None = None
) -> dict[str, object]:
    organisation = item.organisation
    may_change = role_in(request.user, organisation) in AWARD
    return {
        "organisation": organisation,
        "award": item,
        "version": item.version,
        "levels": list(item.levels.items()),
        "evidence": item.evidence,
        "public_page": links.public_page(item),
        "downloads": links.downloads(item),
        "may_change": may_change,
        "state_forms": _state_forms(item, bound) if may_change else [],
    }


def _state_forms(item: Award, bound: StateForm | None) -> list[dict[str, object]]:
    """The state changes open to ``item``, each with its own form (``bound`` after an error)."""
    offers = {
        Award.State.ACTIVE: [
            (Award.State.SUSPENDED, _("Suspendre"), _("Suspendre ce badge")),
            (Award.State.REVOKED, _("Révoquer"), _("Révoquer définitivement ce badge")),
        ],
        Award.State.SUSPENDED: [
            (Award.State.ACTIVE, _("Rétablir"), _("Rétablir ce badge")),
            (Award.State.REVOKED, _("Révoquer"), _("Révoquer définitivement ce badge")),
        ],
    }.get(Award.State(item.state), [])
    reasons = {
        Award.State.SUSPENDED: _("Motif de la suspension"),
        Award.State.REVOKED: _("Motif de la révocation"),
        Award.State.ACTIVE: _("Motif du rétablissement (facultatif)"),
    }
    forms = []
    for state, title, button in offers:
        form = (
            bound
            if bound is not None and bound.data.get("state") == state
            else StateForm(auto_id=f"{state}_%s", initial={"state": state})
        )
        form.fields["reason"].label = reasons[state]  # two "Motif" fields would sound alike
        forms.append({"state": state, "title": title, "button": button, "form": form})
    return forms


@login_required
@require_POST
def change_state(request: HttpRequest, slug: str, public_id: uuid.UUID) -> HttpResponse:
    organisation = organisation_for(request, slug, AWARD)
    item = award_of(organisation, public_id)
    form = StateForm(request.POST, auto_id=f"{request.POST.get('state', 'state')}_%s")
    if not form.is_valid():
        context = _detail_context(request, item, form)
        return render(request, "awards/award_detail.html", context, status=400)
    state = form.cleaned_data["state"]
    if item.state == Award.State.REVOKED:
        messages.error(request, _("Ce badge est révoqué : son état ne peut plus changer."))
    elif actions.set_state([item], state, form.cleaned_data["reason"]):
        messages.success(request, state_message(state, 1))
    return redirect("awards:detail", slug=slug, public_id=public_id)


def state_message(state: str, count: int) -> str:
    if state == Award.State.REVOKED:
        text = ngettext("%(count)s badge révoqué.", "%(count)s badges révoqués.", count)
    elif state == Award.State.SUSPENDED:
        text = ngettext("%(count)s badge suspendu.", "%(count)s badges suspendus.", count)
    else:
        text = ngettext("%(count)s badge rétabli.", "%(count)s badges rétablis.", count)
    return text % {"count": count}
