"""The public page of an imported badge, when its holder made it public: the badge as its
issuer's platform wrote it, its verdict checked again, and who imported it."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .. import queries
from ..page import badge_context


@require_safe
def public_page(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    badge = queries.public(public_id)
    context = {
        **badge_context(badge),
        "public_view": True,
        "holder_name": badge.owner.get_full_name(),
        "holder_viewing": request.user.is_authenticated and request.user.pk == badge.owner_id,
    }
    response = render(request, "external/public.html", context)
    response["Cache-Control"] = "no-cache"  # a badge made private again must disappear
    response["X-Robots-Tag"] = "noindex"  # shared by link, not listed by search engines
    return response
