"""Picking framework items in the badge editor without JavaScript.

Each competence of the editor has a search field and three buttons, named after the
competence's prefix so the editor's script renumbers them with the rest:
``competences-<n>-search`` shows the matching items as radio buttons
(``competences-<n>-choice``), ``competences-<n>-pick`` copies the chosen one into the
competence, ``competences-<n>-unlink`` detaches the competence from its item. With
JavaScript, ``frameworks.js`` does the same in the page through the JSON search.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django import forms
from django.http import QueryDict

from ..issuers.models import Organisation
from .access import available_item, available_items
from .picking import competence_values
from .search import Found, levels_of, search_items

PREFIX = "competences"
_BUTTON = re.compile(rf"^{PREFIX}-(\d+)-(search|pick|unlink)$")
FIELDS = ("name", "framework", "code", "url", "description", "levels", "item")


@dataclass(frozen=True)
class Request:
    verb: str  # search, pick or unlink
    index: int


def requested(data: QueryDict | None) -> Request | None:
    """Which picker button was pressed, if one was."""
    if data is None:
        return None
    for key in data:
        match = _BUTTON.match(key)
        if match:
            return Request(match.group(2), int(match.group(1)))
    return None


@dataclass
class Applied:
    data: QueryDict
    results: list[Found] | None = None  # search results to show in the competence
    focus: str = ""  # the competence field to bring the person back to
    no_choice: bool = False  # "use" was pressed with no result chosen


def apply(data: QueryDict, request: Request, organisation: Organisation, language: str) -> Applied:
    """``data`` after the button, with what the competence should show next."""
    prefix = f"{PREFIX}-{request.index}"
    query = data.get(f"{prefix}-query", "")
    if request.verb == "search":
        return Applied(data, search_items(organisation, query) if query.strip() else [])
    result = data.copy()
    if request.verb == "unlink":
        result[f"{prefix}-item"] = ""
        return Applied(result, focus="query")
    item = available_item(organisation, data.get(f"{prefix}-choice", ""))
    if item is None:
        results = search_items(organisation, query) if query.strip() else []
        return Applied(data, results, no_choice=True)
    for name, value in competence_values(item, levels_of(item), language).items():
        if name == "levels" and not value:
            continue  # keep levels typed for an item whose framework has none
        result[f"{prefix}-{name}"] = value
    result[f"{prefix}-query"] = ""
    return Applied(result, focus="name")


def annotate(
    forms_: Sequence[forms.Form],
    organisation: Organisation,
    shown: Request | None = None,
    applied: Applied | None = None,
) -> None:
    """Give each competence form ``picked`` (its item, or None), ``picker_results`` (the
    results of its search, or None) and ``picker_no_choice``, in one query for all."""
    values = {id(form): str(form["item"].value() or "") for form in forms_}
    found = available_items(organisation, {value for value in values.values() if value})
    for index, form in enumerate(forms_):
        form.picked = found.get(values[id(form)])  # type: ignore[attr-defined]
        form.picker_results = None  # type: ignore[attr-defined]
        form.picker_no_choice = False  # type: ignore[attr-defined]
        if shown is None or applied is None or shown.index != index:
            continue
        form.picker_results = applied.results  # type: ignore[attr-defined]
        form.picker_no_choice = applied.no_choice  # type: ignore[attr-defined]
        if applied.focus:
            form.fields[applied.focus].widget.attrs["autofocus"] = True
