"""The read-only CASE 1.0 service at ``/ims/case/v1p0/``: JSON, open to any origin, no login.

Every framework is served, shipped or an organisation's, because issued badges point at its
items. Unknown or malformed identifiers answer a JSON ``imsx_StatusInfo`` with status 404.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from .. import case_json
from ..models import Association, Framework, Item
from . import public_item

MAX_LIMIT = 1000


def _json(data: Any, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    if status == 200:
        response["Cache-Control"] = "public, max-age=300"
    return response


def _failure(status: int, description: str, minor: str) -> JsonResponse:
    return _json(
        {
            "imsx_codeMajor": "failure",
            "imsx_severity": "error",
            "imsx_description": description,
            "imsx_codeMinor": {
                "imsx_codeMinorField": [
                    {"imsx_codeMinorFieldName": "sourcedId", "imsx_codeMinorFieldValue": minor}
                ]
            },
        },
        status,
    )


def _unknown(identifier: str) -> JsonResponse:
    try:
        uuid.UUID(identifier)
    except ValueError:
        return _failure(404, "Invalid UUID", "invaliduuid")
    return _failure(404, "Unknown Object", "unknownobject")


def _key(identifier: str) -> uuid.UUID:
    """The identifier as a UUID; a malformed one becomes a UUID nothing has."""
    try:
        return uuid.UUID(identifier)
    except ValueError:
        return uuid.UUID(int=0)


@require_GET
def documents(request: HttpRequest) -> JsonResponse:
    try:
        limit = min(int(request.GET.get("limit", "100")), MAX_LIMIT)
        offset = int(request.GET.get("offset", "0"))
    except ValueError:
        return _failure(400, "limit and offset are whole numbers", "invalid_selection_field")
    if limit < 1 or offset < 0:
        return _failure(400, "limit must be positive, offset not negative", "invalid_data")
    frameworks = Framework.objects.order_by("title", "pk")
    page = list(frameworks[offset : offset + limit])
    response = _json({"CFDocuments": [case_json.document_json(f) for f in page]})
    response["X-Total-Count"] = str(frameworks.count())
    return response


@require_GET
def document(request: HttpRequest, identifier: str) -> JsonResponse:
    framework = Framework.objects.filter(identifier=_key(identifier)).first()
    if framework is None:
        return _unknown(identifier)
    return _json(case_json.document_json(framework))


@require_GET
def package(request: HttpRequest, identifier: str) -> JsonResponse:
    framework = Framework.objects.filter(identifier=_key(identifier)).first()
    if framework is None:
        return _unknown(identifier)
    return _json(case_json.package_json(framework))


def _item(identifier: str) -> Item | None:
    return (
        Item.objects.select_related("framework", "parent")
        .filter(identifier=_key(identifier))
        .first()
    )


@require_GET
def item(request: HttpRequest, identifier: str) -> HttpResponse:
    """The CFItem as JSON, or as a page for a person: badges link here from their pages."""
    found = _item(identifier)
    if found is None:
        return _unknown(identifier)
    if _wants_html(request):
        response = public_item.page(request, found)
    else:
        response = _json(case_json.item_json(found, found.framework))
    patch_vary_headers(response, ["Accept"])
    return response


def _wants_html(request: HttpRequest) -> bool:
    if request.GET.get("format") == "json":
        return False
    return request.get_preferred_type(["application/json", "text/html"]) == "text/html"


@require_GET
def item_associations(request: HttpRequest, identifier: str) -> JsonResponse:
    """The item and every association it takes part in (its place in the tree first)."""
    found = _item(identifier)
    if found is None:
        return _unknown(identifier)
    framework = found.framework
    children = list(Item.objects.filter(parent=found).order_by("sequence", "pk"))
    links = list(
        Association.objects.filter(Q(origin=found) | Q(destination=found))
        .select_related("origin", "destination")
        .order_by("pk")
    )
    nodes = {found.pk: found, **{child.pk: child for child in children}}
    for link in links:
        nodes[link.origin_id] = link.origin
        if link.destination is not None:
            nodes[link.destination.pk] = link.destination
    associations = [case_json.child_json(found, framework, found.parent)]
    associations += [case_json.child_json(child, framework, found) for child in children]
    associations += [case_json.association_json(link, framework, nodes) for link in links]
    return _json({"CFItem": case_json.item_json(found, framework), "CFAssociations": associations})


@require_GET
def association(request: HttpRequest, identifier: str) -> JsonResponse:
    key = _key(identifier)
    link = Association.objects.select_related("framework", "origin", "destination").filter(
        identifier=key
    )
    found = link.first()
    if found is not None:
        nodes = {found.origin_id: found.origin}
        if found.destination is not None:
            nodes[found.destination.pk] = found.destination
        return _json(case_json.association_json(found, found.framework, nodes))
    child = Item.objects.select_related("framework", "parent").filter(child_link_id=key).first()
    if child is None:
        return _unknown(identifier)
    return _json(case_json.child_json(child, child.framework, child.parent))


@require_GET
def rubric(request: HttpRequest, identifier: str) -> JsonResponse:
    framework = Framework.objects.filter(rubric_id=_key(identifier)).first()
    if framework is None:
        return _unknown(identifier)
    levels = list(framework.levels.select_related("item").order_by("item_id", "position"))
    items = {level.item.pk: level.item for level in levels if level.item is not None}
    found = case_json.rubric_json(framework, levels, items)
    if found is None:
        return _unknown(identifier)
    return _json(found)


@require_GET
def licence(request: HttpRequest, identifier: str) -> JsonResponse:
    framework = Framework.objects.filter(licence_id=_key(identifier)).first()
    if framework is None or case_json.licence_link(framework) is None:
        return _unknown(identifier)
    return _json(case_json.licence_json(framework))


def unknown_endpoint(request: HttpRequest, rest: str) -> JsonResponse:
    return _failure(404, "Unknown endpoint", "unknownobject")
