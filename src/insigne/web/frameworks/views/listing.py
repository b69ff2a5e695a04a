"""The frameworks an organisation may use, one framework's tree, and its CASE export."""

from __future__ import annotations

import json
import uuid

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify

from ...issuers.views.access import access
from .. import actions, case_json, uris
from ..access import available, framework_of
from ..models import Item
from ..nesting import nested
from ..tree import Node, ordered

PAGE_SIZE = 250  # items of a tree on one page (ESCO's skills are thousands)


@login_required
def framework_list(request: HttpRequest, slug: str) -> HttpResponse:
    allowed = access(request, slug)
    frameworks = available(allowed.organisation).annotate(
        item_count=Count("items", distinct=True),
        level_count=Count("levels", filter=Q(levels__item__isnull=True), distinct=True),
    )
    rows = list(frameworks.order_by("organisation_id", "title", "pk"))
    context = {
        "organisation": allowed.organisation,
        "access": allowed,
        "shipped": [f for f in rows if f.organisation_id is None],
        "own": [f for f in rows if f.organisation_id is not None],
    }
    return render(request, "frameworks/list.html", context)


@login_required
def framework_detail(request: HttpRequest, slug: str, identifier: uuid.UUID) -> HttpResponse:
    allowed = access(request, slug)
    framework = framework_of(allowed.organisation, identifier)
    own = allowed.can_design and framework.organisation_id == allowed.organisation.pk
    # The tree is ordered from a light list of every item; only the page's items are read whole.
    skeleton = list(framework.items.only("id", "parent", "sequence", "framework"))
    page = Paginator(ordered(skeleton), PAGE_SIZE).get_page(request.GET.get("page"))
    shown = {item.pk: item for item in Item.objects.filter(pk__in=[n.item.pk for n in page])}
    levels = list(framework.levels.order_by("item_id", "position"))
    item_levels: dict[int, list[str]] = {}
    for level in levels:
        if level.item_id is not None:
            item_levels.setdefault(level.item_id, []).append(level.name)
    for item in shown.values():
        item.level_names = item_levels.get(item.pk, [])  # type: ignore[attr-defined]
    nodes = [Node(shown[node.item.pk], node.depth, node.children) for node in page]
    rows, closing = nested(nodes)
    context = {
        "organisation": allowed.organisation,
        "access": allowed,
        "framework": framework,
        "editable": own and framework.origin == framework.Origin.HOUSE,
        "deletable": own,
        "levels": [level for level in levels if level.item_id is None],
        "rows": rows,
        "closing": closing,
        "page": page,
        "item_count": len(skeleton),
        "used": actions.used_by_badges(framework),
        "document_uri": uris.document_uri(framework.identifier),
        "package_uri": uris.package_uri(framework.identifier),
    }
    return render(request, "frameworks/detail.html", context)


@login_required
def framework_export(request: HttpRequest, slug: str, identifier: uuid.UUID) -> HttpResponse:
    allowed = access(request, slug)
    framework = framework_of(allowed.organisation, identifier)
    body = json.dumps(case_json.package_json(framework), ensure_ascii=False, indent=2)
    response = HttpResponse(body.encode(), content_type="application/json; charset=utf-8")
    name = slugify(framework.title)[:60] or "referentiel"
    response["Content-Disposition"] = f'attachment; filename="{name}.case.json"'
    return response
