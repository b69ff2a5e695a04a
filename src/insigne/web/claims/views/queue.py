"""Issuer side: an organisation's badge requests, one request with its evidence, and the
decision (accept awards the badge, decline e-mails the comment)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Case, Count, Q, QuerySet, Value, When
from django.db.models.expressions import OrderBy
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ...awards.actions import AlreadyHeldError
from ...badges.models import BadgeVersion
from ...issuers.models import Organisation
from ...issuers.permissions import AWARD, organisation_for
from ...public.responses import file_response
from .. import actions
from ..access import request_of, with_badge_names
from ..forms import AcceptForm, DeclineForm
from ..models import BadgeRequest

PAGE_SIZE = 50
ALL = "toutes"
STATES = {
    "en-attente": BadgeRequest.State.PENDING,
    "acceptees": BadgeRequest.State.ACCEPTED,
    "refusees": BadgeRequest.State.DECLINED,
}


def _counts(requests: QuerySet[BadgeRequest]) -> dict[str, int]:
    """How many requests of each state, in one query."""
    totals = requests.aggregate(
        **{key: Count("pk", filter=Q(state=state)) for key, state in STATES.items()},
        **{ALL: Count("pk")},
    )
    return {key: int(value or 0) for key, value in totals.items()}


def _badge_filter(organisation: Organisation, text: str) -> BadgeVersion | None:
    """The newest version of the badge ``text`` names, when it is one of the organisation's."""
    try:
        public_id = uuid.UUID(text)
    except ValueError:
        return None
    return (
        BadgeVersion.objects.select_related("badge")
        .filter(badge__organisation=organisation, badge__public_id=public_id)
        .order_by("-number")
        .first()
    )


def _order(shown: str) -> list[str | OrderBy]:
    """Oldest first while waiting (first come, first served); newest first once decided;
    everything together: the waiting ones first."""
    if shown == "en-attente":
        return ["created_at", "pk"]
    if shown == ALL:
        waiting = Case(When(state=BadgeRequest.State.PENDING, then=Value(0)), default=Value(1))
        return [waiting.asc(), "-created_at", "-pk"]
    return ["-created_at", "-pk"]


@login_required
def queue(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_for(request, slug, AWARD)
    shown = request.GET.get("etat", "en-attente")
    if shown not in STATES and shown != ALL:
        shown = "en-attente"
    scope = BadgeRequest.objects.filter(badge__organisation=organisation)
    badge_filter = _badge_filter(organisation, request.GET.get("badge", ""))
    if badge_filter is not None:
        scope = scope.filter(badge=badge_filter.badge)
    requests = with_badge_names(scope).select_related("claim_link", "badge")
    if shown != ALL:
        requests = requests.filter(state=STATES[shown])
    requests = requests.defer("evidence_data", "evidence_text", "message").order_by(*_order(shown))
    page = Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = _counts(scope)
    tabs = [
        ("en-attente", _("En attente"), counts["en-attente"]),
        ("acceptees", _("Acceptées"), counts["acceptees"]),
        ("refusees", _("Refusées"), counts["refusees"]),
        (ALL, _("Toutes"), counts[ALL]),
    ]
    context = {
        "organisation": organisation,
        "page": page,
        "shown": shown,
        "tabs": tabs,
        "badge_filter": badge_filter,
    }
    return render(request, "claims/queue.html", context)


def _detail_context(
    organisation: Organisation,
    item: BadgeRequest,
    accept: AcceptForm | None = None,
    decline: DeclineForm | None = None,
) -> dict[str, object]:
    pending = item.state == BadgeRequest.State.PENDING
    return {
        "organisation": organisation,
        "item": item,
        "held": actions.held_award(item.badge, item.email) if pending else None,
        "accept_form": accept or AcceptForm(auto_id="accept_%s"),
        "decline_form": decline or DeclineForm(auto_id="decline_%s"),
    }


@login_required
def request_detail(request: HttpRequest, slug: str, public_id: uuid.UUID) -> HttpResponse:
    organisation = organisation_for(request, slug, AWARD)
    item = request_of(organisation, public_id)
    return render(request, "claims/request_detail.html", _detail_context(organisation, item))


@login_required
@require_POST
def decide(request: HttpRequest, slug: str, public_id: uuid.UUID) -> HttpResponse:
    organisation = organisation_for(request, slug, AWARD)
    item = request_of(organisation, public_id)
    decision = request.POST.get("decision")
    here = reverse("claims:request", args=[slug, public_id])
    try:
        if decision == "accept":
            accept = AcceptForm(request.POST, auto_id="accept_%s")
            if not accept.is_valid():
                context = _detail_context(organisation, item, accept=accept)
                return render(request, "claims/request_detail.html", context, status=400)
            award = actions.accept_request(
                item,
                by=request.user,  # type: ignore[arg-type]
                comment=accept.cleaned_data["comment"],
            )
            messages.success(
                request,
                _(
                    "Demande acceptée : le badge est attribué à %(name)s, "
                    "qui le reçoit par courriel."
                )
                % {"name": award.recipient_name or award.recipient_email},
            )
        elif decision == "decline":
            decline = DeclineForm(request.POST, auto_id="decline_%s")
            if not decline.is_valid():
                context = _detail_context(organisation, item, decline=decline)
                return render(request, "claims/request_detail.html", context, status=400)
            actions.decline_request(
                item,
                by=request.user,  # type: ignore[arg-type]
                comment=decline.cleaned_data["comment"],
            )
            messages.success(
                request, _("Demande refusée : la personne en est informée par courriel.")
            )
        else:
            messages.error(request, _("Choisissez d'accepter ou de refuser la demande."))
    except actions.AlreadyDecidedError:
        messages.error(request, _("Cette demande a déjà été traitée."))
    except actions.BadgeUnavailableError:
        messages.error(request, _("Ce badge est archivé : il ne peut plus être attribué."))
    except AlreadyHeldError:
        messages.error(
            request,
            _("Cette personne possède déjà ce badge : il n'est pas attribué une seconde fois."),
        )
    return redirect(here)


@login_required
def request_evidence(request: HttpRequest, slug: str, public_id: uuid.UUID) -> HttpResponse:
    """The file a person gave as evidence, always as a download (never shown inline)."""
    organisation = organisation_for(request, slug, AWARD)
    found = (
        BadgeRequest.objects.filter(badge__organisation=organisation, public_id=public_id)
        .exclude(evidence_file_name="")
        .values_list("evidence_file_name", "evidence_data")
        .first()
    )
    if found is None:
        raise Http404
    name, data = found
    if data is None:
        raise Http404
    return file_response(
        bytes(data), "application/octet-stream", name or "preuve", attachment=True, private=True
    )
