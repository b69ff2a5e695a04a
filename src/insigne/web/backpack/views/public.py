"""What others see of a collection: its page, once public."""

from __future__ import annotations

import uuid
from dataclasses import replace

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from ..holdings import Held, collected
from ..models import Collection


def _public_page(item: Held) -> Held:
    """The item as others see it, linked to its public page."""
    name = "external:public" if item.imported else "public:award"
    return replace(item, page_url=reverse(name, args=[item.public_id]))


@require_safe
def public_collection(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """A public collection, with only those of its badges that are public too. Its owner also
    sees it while it is private, as others would once it is public; anyone else gets 404."""
    found = Collection.objects.select_related("owner").filter(public_id=public_id).first()
    owner_viewing = found is not None and found.owner_id == request.user.pk
    if found is None or not (found.public or owner_viewing):
        raise Http404
    inside = collected(found.pk, found.owner)
    shown = [_public_page(item) for item in inside if item.public]
    context = {
        "collection": found,
        "owner_name": found.owner.get_full_name(),
        "shown": shown,
        "hidden": len(inside) - len(shown),
        "owner_viewing": owner_viewing,
    }
    response = render(request, "backpack/public_collection.html", context)
    if not found.public or owner_viewing:
        response["Cache-Control"] = "private, no-store"
    if not found.public:
        response["X-Robots-Tag"] = "noindex"
    return response
