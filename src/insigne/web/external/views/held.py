"""The holder's own pages for an imported badge: its detail with the verdict checked again,
the original file, its picture, the choice of public or private, and deleting it.
Only the holder sees them; anyone else gets "not found"."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from ...public.responses import file_response
from .. import actions, queries
from ..forms import PublishForm
from ..models import ExternalBadge
from ..page import badge_context

_EXTENSIONS = {
    "image/png": "png",
    "image/svg+xml": "svg",
    "application/vc+jwt": "jwt",
    "application/jwt": "jwt",
}


def public_url(badge: ExternalBadge) -> str:
    return settings.PUBLIC_URL + reverse("external:public", args=[badge.public_id])


def detail_context(badge: ExternalBadge, form: PublishForm | None = None) -> dict[str, object]:
    return {
        **badge_context(badge),
        "publish_form": form or PublishForm(),
        "public_url": public_url(badge),
    }


@login_required
@require_safe
def detail(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    badge = queries.owned(request.user, public_id)  # type: ignore[arg-type]
    response = render(request, "external/detail.html", detail_context(badge))
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
def original(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    badge = queries.owned(request.user, public_id)  # type: ignore[arg-type]
    extension = _EXTENSIONS.get(badge.original_media_type, "json")
    name = badge.original_name or f"{slugify(badge.name)[:60] or 'badge'}.{extension}"
    response = file_response(
        bytes(badge.original), badge.original_media_type, name, attachment=True, private=True
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"  # an SVG stays inert
    return response


@require_safe
def picture(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    user = request.user if request.user.is_authenticated else None
    image, public = queries.picture(public_id, user)
    if image is None:
        raise Http404("this badge has no picture")
    response = file_response(image, "image/png", "badge.png", attachment=False, private=not public)
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_POST
def publish(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    badge = queries.owned(request.user, public_id)  # type: ignore[arg-type]
    form = PublishForm(request.POST)
    if not form.is_valid():
        return render(request, "external/detail.html", detail_context(badge, form), status=400)
    actions.set_public(badge, True)
    messages.success(request, _("Ce badge est maintenant public : vous pouvez partager sa page."))
    return redirect("external:detail", public_id=public_id)


@login_required
@require_POST
def unpublish(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    badge = queries.owned(request.user, public_id)  # type: ignore[arg-type]
    actions.set_public(badge, False)
    messages.success(request, _("Ce badge est maintenant privé : sa page publique n'existe plus."))
    return redirect("external:detail", public_id=public_id)


@login_required
def delete(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    badge = queries.owned(request.user, public_id)  # type: ignore[arg-type]
    if request.method == "POST":
        name = badge.name
        actions.delete_badge(badge)
        messages.success(request, _("« %(name)s » a été retiré de votre sac.") % {"name": name})
        return redirect("backpack:index")
    return render(request, "external/delete.html", {"badge": badge})
