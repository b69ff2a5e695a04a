"""The holder's page of one award, and the choices made there: public or private, and their
reflection."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from .. import actions
from ..access import own_award, signed_in
from ..award_page import award_context
from ..forms import PublishForm, ReflectionForm


def back_to(award_id: uuid.UUID, anchor: str) -> HttpResponse:
    return redirect(reverse("backpack:award", args=[award_id]) + f"#{anchor}")


@never_cache
@login_required
@require_safe
def award(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    user = signed_in(request)
    found = own_award(user, public_id)
    return render(request, "backpack/award.html", award_context(user, found))


@login_required
@require_POST
def publish(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    user = signed_in(request)
    found = own_award(user, public_id)
    form = PublishForm(request.POST, auto_id="publish_%s")
    if not form.is_valid():
        context = award_context(user, found, publish=form)
        return render(request, "backpack/award.html", context, status=400)
    try:
        if actions.publish_award(user, found):
            messages.success(
                request,
                _("Ce badge est maintenant public : vous pouvez partager son lien."),
            )
    except actions.RefusedError as refusal:
        messages.error(request, refusal.message)
    return back_to(public_id, "visibilite")


@login_required
@require_POST
def unpublish(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    user = signed_in(request)
    found = own_award(user, public_id)
    if actions.unpublish_award(user, found):
        messages.success(
            request,
            _("Ce badge est maintenant privé : sa page n'est plus visible par les autres."),
        )
    return back_to(public_id, "visibilite")


@login_required
@require_POST
def reflection(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    user = signed_in(request)
    found = own_award(user, public_id)
    form = ReflectionForm(request.POST, auto_id="reflection_%s")
    if not form.is_valid():
        context = award_context(user, found, reflection=form)
        return render(request, "backpack/award.html", context, status=400)
    saved = actions.save_reflection(user, found, form.cleaned_data["text"])
    messages.success(
        request,
        _("Votre réflexion est enregistrée.") if saved else _("Votre réflexion est effacée."),
    )
    return back_to(public_id, "reflexion")
