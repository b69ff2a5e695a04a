"""Badge images for staff pages and the editor: stored PNG and SVG, designer and criteria previews.

SVG is served with a Content-Security-Policy that forbids scripts and outside resources,
so even an SVG opened on its own cannot run anything (the sanitiser already removed it).
"""

from __future__ import annotations

import hashlib
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET, require_POST

from ..issuers.permissions import DESIGN, VIEW, organisation_for
from .designer import design_svg
from .image_forms import DesignForm
from .models import BadgeVersion
from .rendering import markdown_html

SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
MAX_PREVIEW_CHARS = 10_000


def _version(request: HttpRequest, slug: str, public_id: UUID, number: int | None) -> BadgeVersion:
    organisation = organisation_for(request, slug, VIEW)
    versions = BadgeVersion.objects.filter(
        badge__organisation=organisation, badge__public_id=public_id
    )
    if number is None:
        version = versions.order_by("-number").first()
        if version is None:
            raise Http404
        return version
    return get_object_or_404(versions, number=number)


def _image(request: HttpRequest, body: bytes, content_type: str) -> HttpResponse:
    tag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    if request.headers.get("If-None-Match") == tag:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type=content_type)
    response["ETag"] = tag
    response["Cache-Control"] = "private, no-cache"
    if content_type.startswith("image/svg"):
        response["Content-Security-Policy"] = SVG_POLICY
    return response


@login_required
@require_GET
def image_png(
    request: HttpRequest, slug: str, public_id: UUID, number: int | None = None
) -> HttpResponse:
    version = _version(request, slug, public_id, number)
    return _image(request, bytes(version.image_png), "image/png")


@login_required
@require_GET
def image_svg(
    request: HttpRequest, slug: str, public_id: UUID, number: int | None = None
) -> HttpResponse:
    version = _version(request, slug, public_id, number)
    if not version.image_svg:
        raise Http404
    return _image(request, version.image_svg.encode(), "image/svg+xml")


@login_required
@require_GET
def design_preview(request: HttpRequest, slug: str) -> HttpResponse:
    """The designer's SVG for the parameters in the query string (400 and the problems, as
    JSON, when they cannot be drawn)."""
    organisation_for(request, slug, DESIGN)
    form = DesignForm(request.GET)
    if not form.is_valid():
        problems = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
        return JsonResponse({"errors": problems}, status=400)
    return _image(request, design_svg(form.design()).encode(), "image/svg+xml")


@login_required
@require_POST
def criteria_preview(request: HttpRequest, slug: str) -> HttpResponse:
    """The criteria (Markdown) as the sanitised HTML the badge page will show."""
    organisation_for(request, slug, DESIGN)
    text = request.POST.get("criteria", "")[:MAX_PREVIEW_CHARS]
    return HttpResponse(markdown_html(text), content_type="text/html; charset=utf-8")
