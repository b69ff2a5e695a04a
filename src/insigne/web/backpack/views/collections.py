"""The holder's collections: the list, creating one, its own page (name, description,
public or private, its badges), and deleting it."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from ...accounts.models import User
from .. import actions
from ..access import own_collection, signed_in
from ..forms import CollectionForm, PickForm, split_keys
from ..holdings import collected, held_badges
from ..models import Collection


def _list_page(
    request: HttpRequest, user: User, form: CollectionForm, status: int = 200
) -> HttpResponse:
    found = Collection.objects.filter(owner=user).only("public_id", "name", "public", "description")
    return render(
        request,
        "backpack/collections.html",
        {"collections": list(found), "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def collections(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    if request.method != "POST":
        return _list_page(request, user, CollectionForm())
    form = CollectionForm(request.POST)
    if form.is_valid():
        try:
            made = actions.create_collection(user, **form.cleaned_data)
        except actions.RefusedError as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Collection créée : ajoutez-y vos badges."))
            return redirect("backpack:collection", public_id=made.public_id)
    return _list_page(request, user, form, status=400)


def _collection_page(
    request: HttpRequest,
    user: User,
    collection: Collection,
    *,
    form: CollectionForm | None = None,
    pick: PickForm | None = None,
    status: int = 200,
) -> HttpResponse:
    inside = collected(collection.pk, user)
    keys = {item.key for item in inside}
    choices = [(h.key, f"{h.name} — {h.issuer}") for h in held_badges(user) if h.key not in keys]
    initial = {"name": collection.name, "description": collection.description}
    context = {
        "collection": collection,
        "form": form or CollectionForm(initial={**initial, "public": collection.public}),
        "inside": inside,
        "hidden": sum(1 for item in inside if not item.public),
        "pick": pick or (PickForm(choices, auto_id="pick_%s") if choices else None),
        "public_url": request.build_absolute_uri(
            reverse("backpack:public-collection", args=[collection.public_id])
        ),
    }
    return render(request, "backpack/collection.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def collection(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    user = signed_in(request)
    found = own_collection(user, public_id)
    if request.method != "POST":
        return _collection_page(request, user, found)
    form = CollectionForm(request.POST)
    if form.is_valid():
        actions.change_collection(user, found, **form.cleaned_data)
        messages.success(request, _("Collection enregistrée."))
        return redirect("backpack:collection", public_id=public_id)
    return _collection_page(request, user, found, form=form, status=400)


@login_required
@require_POST
def add_badges(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    user = signed_in(request)
    found = own_collection(user, public_id)
    choices = [(h.key, h.name) for h in held_badges(user)]
    pick = PickForm(choices, request.POST, auto_id="pick_%s")
    if not pick.is_valid():
        return _collection_page(request, user, found, pick=pick, status=400)
    awards, externals = split_keys(pick.cleaned_data["badges"])
    added = actions.add_to_collection(user, found, awards=awards, externals=externals)
    text = ngettext(
        "%(count)s badge ajouté à la collection.",
        "%(count)s badges ajoutés à la collection.",
        added,
    )
    messages.success(request, text % {"count": added})
    return redirect("backpack:collection", public_id=public_id)


@login_required
@require_POST
def remove_badge(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    user = signed_in(request)
    found = own_collection(user, public_id)
    awards, externals = split_keys(request.POST.getlist("badge"))
    if actions.remove_from_collection(user, found, awards=awards, externals=externals):
        messages.success(request, _("Badge retiré de la collection. Il reste dans votre sac."))
    return redirect("backpack:collection", public_id=public_id)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    user = signed_in(request)
    found = own_collection(user, public_id)
    if request.method != "POST":
        return render(request, "backpack/collection_delete.html", {"collection": found})
    actions.delete_collection(user, found)
    messages.success(
        request,
        _("Collection « %(name)s » supprimée. Ses badges restent dans votre sac.")
        % {"name": found.name},
    )
    return redirect("backpack:collections")
