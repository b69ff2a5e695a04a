"""The holder's evidence on an award: adding, changing and removing it, and its files, served
to whoever may see the award."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ...public.responses import evidence_response
from ...public.visibility import can_see
from .. import actions
from ..access import own_award, own_evidence, signed_in
from ..award_page import award_context
from ..forms import EvidenceForm
from ..models import HolderEvidence
from ..uploads import bounded_upload
from .award import back_to

# Shown in the browser; anything else is downloaded as opaque bytes.


@login_required
@require_POST
@bounded_upload
def add(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    user = signed_in(request)
    found = own_award(user, public_id)
    form = EvidenceForm(request.POST, request.FILES, auto_id="evidence_%s")
    if form.is_valid():
        try:
            actions.add_evidence(user, found, form.evidence())
        except actions.RefusedError as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Preuve ajoutée."))
            return back_to(public_id, "preuves")
    context = award_context(user, found, evidence=form)
    return render(request, "backpack/award.html", context, status=400)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@bounded_upload
def edit(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    user = signed_in(request)
    item = own_evidence(user, public_id)
    has_file = bool(item.file_name)
    if request.method != "POST":
        initial = {"title": item.title, "url": item.url, "description": item.description}
        form = EvidenceForm(initial=initial, has_file=has_file)
        return render(request, "backpack/evidence_edit.html", {"item": item, "form": form})
    form = EvidenceForm(request.POST, request.FILES, has_file=has_file)
    if form.is_valid():
        try:
            actions.change_evidence(
                user, item, form.evidence(), drop_file=bool(form.cleaned_data.get("drop_file"))
            )
        except actions.RefusedError as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Preuve modifiée."))
            return back_to(item.award.public_id, "preuves")
    return render(request, "backpack/evidence_edit.html", {"item": item, "form": form}, status=400)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    user = signed_in(request)
    item = own_evidence(user, public_id)
    if request.method != "POST":
        return render(request, "backpack/evidence_delete.html", {"item": item})
    actions.remove_evidence(user, item)
    messages.success(request, _("Preuve supprimée."))
    return back_to(item.award.public_id, "preuves")


@require_safe
def evidence_file(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """A file the holder gave, for whoever may see the award (else 404)."""
    found = (
        HolderEvidence.objects.select_related("award")
        .only(
            "file_name",
            "content_type",
            "data",
            "award__public_id",
            "award__public",
            "award__learner",
            "award__organisation",
            "award__state",
            "award__erased_at",
        )
        .filter(public_id=public_id)
        .first()
    )
    if found is None or found.data is None or found.award.erased_at is not None:
        raise Http404
    if not can_see(request, found.award):
        raise Http404
    return evidence_response(
        bytes(found.data), found.content_type, found.file_name, private=not found.award.public
    )
