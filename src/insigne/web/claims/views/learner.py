"""Learner side: asking for a badge from its public page, and following one's requests."""

from __future__ import annotations

import uuid

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ...accounts.models import User
from ...accounts.returning import remember
from ...awards.actions import AlreadyHeldError
from ...badges.models import Badge
from ...badges.rendering import markdown_html
from .. import actions
from ..access import with_badge_names
from ..forms import LearnerRequestForm
from ..models import BadgeRequest


def verified_addresses(user: User) -> list[str]:
    """The account's verified addresses, the primary one first."""
    addresses = list(
        EmailAddress.objects.filter(user=user, verified=True)
        .order_by("-primary", "email")
        .values_list("email", flat=True)
    )
    return addresses or [user.email]


@require_http_methods(["GET", "POST"])
def request_badge(request: HttpRequest, badge_id: uuid.UUID) -> HttpResponse:
    badge = get_object_or_404(Badge.objects.select_related("organisation"), public_id=badge_id)
    version = actions.current_version(badge)
    if version is None:
        raise Http404
    context: dict[str, object] = {
        "badge": badge,
        "version": version,
        "organisation": badge.organisation,
        "criteria_html": SafeString(markdown_html(version.criteria)),
    }
    if not badge.accepts_requests:
        return render(request, "claims/request_closed.html", context, status=403)
    if not request.user.is_authenticated:
        remember(request, request.get_full_path())
        return render(request, "claims/request_sign_in.html", context)
    user = request.user
    posted = request.method == "POST"
    form = LearnerRequestForm(
        verified_addresses(user),
        request.POST if posted else None,
        request.FILES if posted else None,
        initial={"name": user.get_full_name()},
    )
    context["form"] = form
    if not posted or not form.is_valid():
        return render(request, "claims/request_form.html", context, status=400 if posted else 200)
    participant = actions.Participant(
        email=form.cleaned_data["email"],
        name=form.cleaned_data["name"],
        language=user.language or "fr",
        user=user,
    )
    try:
        actions.request_badge(
            badge, participant, evidence=form.evidence(), message=form.cleaned_data["message"]
        )
    except actions.RequestsClosedError:
        return render(request, "claims/request_closed.html", context, status=403)
    except AlreadyHeldError:
        form.add_error("email", _("Vous avez déjà reçu ce badge à cette adresse."))
        return render(request, "claims/request_form.html", context, status=409)
    except actions.PendingRequestError:
        form.add_error(
            "email", _("Une demande de ce badge attend déjà une décision pour cette adresse.")
        )
        return render(request, "claims/request_form.html", context, status=409)
    messages.success(
        request,
        _("Demande envoyée à %(issuer)s. Vous recevrez un courriel quand elle sera traitée.")
        % {"issuer": badge.organisation.name},
    )
    return redirect("claims:my-requests")


@login_required
def my_requests(request: HttpRequest) -> HttpResponse:
    requests = (
        with_badge_names(BadgeRequest.objects.filter(user=request.user))  # type: ignore[misc]
        .select_related("badge__organisation", "award")
        .defer(
            "evidence_data",
            "badge__organisation__logo_png",
            "award__credential",
            "award__credential_jwt",
        )
        .order_by("-created_at", "-pk")
    )
    return render(request, "claims/my_requests.html", {"requests": list(requests)})


@login_required
@require_POST
def withdraw(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    found = BadgeRequest.objects.filter(public_id=public_id, user=request.user).first()  # type: ignore[misc]
    if found is None:
        raise Http404
    if actions.withdraw_request(found, request.user):  # type: ignore[arg-type]
        messages.success(request, _("Votre demande est retirée."))
    else:
        messages.error(
            request, _("Cette demande a déjà été traitée : elle ne peut plus être retirée.")
        )
    return redirect(reverse("claims:my-requests"))
