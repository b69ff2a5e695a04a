"""Putting an award in a collection, or taking it out, from the award's own page."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import actions
from ..access import own_award, own_collection, signed_in
from ..award_page import award_context, collections_with
from ..forms import CollectionChoiceForm
from .award import back_to


def _collection_id(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


@login_required
@require_POST
def add(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    user = signed_in(request)
    found = own_award(user, public_id)
    choices = [(str(c.public_id), c.name) for c in collections_with(user, found)]
    form = CollectionChoiceForm(choices, request.POST, auto_id="collection_%s")
    if not form.is_valid():
        context = award_context(user, found, collection=form)
        return render(request, "backpack/award.html", context, status=400)
    chosen = own_collection(user, uuid.UUID(form.cleaned_data["collection"]))
    if actions.add_to_collection(user, chosen, awards=[found.public_id]):
        messages.success(
            request, _("Badge ajouté à la collection « %(name)s ».") % {"name": chosen.name}
        )
    return back_to(public_id, "collections")


@login_required
@require_POST
def remove(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    user = signed_in(request)
    found = own_award(user, public_id)
    collection_id = _collection_id(request.POST.get("collection", ""))
    if collection_id is not None:
        chosen = own_collection(user, collection_id)
        if actions.remove_from_collection(user, chosen, awards=[found.public_id]):
            messages.success(
                request,
                _("Badge retiré de la collection « %(name)s ».") % {"name": chosen.name},
            )
    return back_to(public_id, "collections")
