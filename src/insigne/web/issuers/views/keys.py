"""The organisation's signing keys: the active one, retired ones, rotation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import actions, identifiers
from ..models import SigningKey
from ..permissions import MANAGE
from .access import access


@login_required
def keys(request: HttpRequest, slug: str) -> HttpResponse:
    current = access(request, slug, MANAGE)
    organisation = current.organisation
    # Never the sealed secret: only what the DID document publishes anyway.
    records = list(
        SigningKey.objects.filter(organisation=organisation)
        .only("public_multibase", "created_at", "retired_at")
        .order_by("-created_at")
    )
    active = next((k for k in records if k.retired_at is None), None)
    retired = [k for k in records if k.retired_at is not None]
    return render(
        request,
        "issuers/keys.html",
        {
            "organisation": organisation,
            "access": current,
            "active": active,
            "active_method": identifiers.verification_method(organisation, active.public_multibase)
            if active
            else "",
            "retired": retired,
            "did": identifiers.did(organisation),
            "did_document_url": identifiers.did_document_url(organisation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def rotate(request: HttpRequest, slug: str) -> HttpResponse:
    """A confirmation page explaining the consequences, then the rotation."""
    current = access(request, slug, MANAGE)
    if request.method == "POST":
        actions.rotate_key(current.organisation)
        messages.success(
            request,
            _(
                "Une nouvelle clé signe désormais vos badges. L'ancienne reste publiée : "
                "les badges déjà délivrés restent vérifiables."
            ),
        )
        return redirect("issuers:keys", slug=slug)
    return render(
        request,
        "issuers/key_rotate.html",
        {"organisation": current.organisation, "access": current},
    )
