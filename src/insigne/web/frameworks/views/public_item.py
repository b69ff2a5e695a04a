"""A framework item as a page for people: the address a badge's competence links to answers
JSON to programs and this page to browsers."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .. import uris
from ..models import Association, Item
from ..search import levels_of


def page(request: HttpRequest, item: Item) -> HttpResponse:
    framework = item.framework
    ancestors: list[Item] = []
    parent = item.parent
    while parent is not None and len(ancestors) < 20:
        ancestors.insert(0, parent)
        parent = parent.parent
    matches = Association.objects.filter(
        origin=item, association_type=Association.Type.EXACT_MATCH_OF
    ).exclude(destination_uri="")
    translations = [
        (language, str(values.get("fullStatement") or ""))
        for language, values in sorted((item.translations or {}).items())
        if isinstance(values, dict) and values.get("fullStatement")
    ]
    context = {
        "item": item,
        "framework": framework,
        "ancestors": ancestors,
        "children": list(item.children.order_by("sequence", "pk")),
        "levels": levels_of(item),
        "matches": [m.destination_uri for m in matches],
        "translations": translations,
        "uri": uris.item_uri(item.identifier),
        "package_uri": uris.package_uri(framework.identifier),
    }
    return render(request, "frameworks/public_item.html", context)
