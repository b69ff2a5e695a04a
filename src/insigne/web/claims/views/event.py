"""Participant side: the page a claim link or its QR code opens, and what happens next.

The badge goes to the address given, by the usual award e-mail: opening its claim link is
what proves the address. A closed link answers 410 Gone with the reason, never an error.
"""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from ...awards.actions import AlreadyHeldError
from ...badges.models import BadgeVersion
from ...badges.rendering import markdown_html
from .. import actions
from ..forms import EventClaimForm
from ..models import BadgeRequest, ClaimLink

DONE = "insigne.claims.done"


def _link(token: str) -> ClaimLink:
    return get_object_or_404(
        ClaimLink.objects.select_related("badge__organisation"), token=token[:64]
    )


def _closed(request: HttpRequest, link: ClaimLink, reason: str) -> HttpResponse:
    context = {"link": link, "organisation": link.badge.organisation, "reason": reason}
    response = render(request, "claims/event_closed.html", context, status=410)
    response["X-Robots-Tag"] = "noindex"
    return response


def _page(
    request: HttpRequest, link: ClaimLink, version: BadgeVersion, form: EventClaimForm, status: int
) -> HttpResponse:
    context = {
        "link": link,
        "version": version,
        "organisation": link.badge.organisation,
        "criteria_html": SafeString(markdown_html(version.criteria)),
        "form": form,
    }
    response = render(request, "claims/event.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


def _initial(request: HttpRequest) -> dict[str, str]:
    user = request.user
    if not user.is_authenticated:
        return {}
    return {"name": user.get_full_name(), "email": user.email}


@never_cache
@require_http_methods(["GET", "POST"])
def event(request: HttpRequest, token: str) -> HttpResponse:
    link = _link(token)
    version = actions.current_version(link.badge)
    reason = link.closed(timezone.now()) or (None if version else ClaimLink.Closed.ARCHIVED)
    if reason is not None or version is None:
        return _closed(request, link, reason or ClaimLink.Closed.ARCHIVED)
    posted = request.method == "POST"
    form = EventClaimForm(link, request.POST if posted else None, initial=_initial(request))
    if not posted or not form.is_valid():
        return _page(request, link, version, form, 400 if posted else 200)
    data = form.cleaned_data
    user = request.user if request.user.is_authenticated else None
    language = (user.language if user else "") or (get_language() or "fr")[:2]
    participant = actions.Participant(
        email=data["email"], name=data["name"], language=language, user=user
    )
    try:
        made = actions.claim_through_link(
            link, participant, code=data.get("code", ""), message=data.get("message", "")
        )
    except actions.WrongCodeError:
        form.add_error(
            "code", _("Ce code ne correspond pas. Vérifiez-le auprès de l'organisateur.")
        )
        return _page(request, link, version, form, 400)
    except actions.LinkClosedError as closed:
        return _closed(request, link, closed.reason)
    except AlreadyHeldError:
        form.add_error(
            "email",
            _(
                "Cette adresse a déjà reçu ce badge. Retrouvez-le grâce au courriel reçu lors "
                "de son attribution."
            ),
        )
        return _page(request, link, version, form, 409)
    except actions.PendingRequestError:
        form.add_error(
            "email",
            _("Une demande pour cette adresse attend déjà la décision de l'organisateur."),
        )
        return _page(request, link, version, form, 409)
    request.session[DONE] = str(made.public_id)
    return redirect("claims:event-done", token=link.token)


def _done(request: HttpRequest, link: ClaimLink) -> BadgeRequest | None:
    try:
        public_id = uuid.UUID(str(request.session.get(DONE, "")))
    except ValueError:
        return None
    return (
        BadgeRequest.objects.filter(claim_link=link, public_id=public_id)
        .defer("evidence_data")
        .first()
    )


@never_cache
@require_safe
def event_done(request: HttpRequest, token: str) -> HttpResponse:
    """What was done for the participant in this browser session: awarded, or waiting."""
    link = _link(token)
    made = _done(request, link)
    if made is None:
        return redirect("claims:event", token=link.token)
    context = {
        "link": link,
        "organisation": link.badge.organisation,
        "made": made,
        "version": link.badge.current_version,
    }
    response = render(request, "claims/event_done.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response
