"""Table-driven checks of one JSON object: required members, member kinds, class, closedness.

A Shape says what the OB 3.0 JSON Schema says about one class; the rule modules add what a
table cannot (nested objects, cross-member rules).

Member checks take the path of the object holding the member plus the member's name, and
build the JSON Pointer only when they report: most members are fine, and building a path
for each one would be most of the cost of checking a valid credential.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import dates
from . import messages
from .formats import in_vocabulary, is_calendar_date, is_compact_jws, is_language_code, is_uri
from .issues import Checker, pointer
from .vocabulary import (
    ACHIEVEMENT_TYPES,
    ALIGNMENT_TARGET_TYPES,
    IDENTIFIER_TYPES,
    RESULT_STATUS_TYPES,
    RESULT_TYPES,
)

MemberCheck = Callable[[Checker, object, str, str], object]


@dataclass(frozen=True)
class Shape:
    """What one class requires.

    ``cls`` is the value its ``type`` must hold; ``exact_type`` means ``type`` is a single
    string equal to it (Image, IdentityObject...) rather than a set containing it; ``typed``
    False leaves ``type`` to ``members``. ``members`` maps member names to kinds (keys of
    ``KINDS``). A ``closed`` shape refuses any member not listed.
    """

    cls: str
    required: tuple[str, ...] = ()
    members: Mapping[str, str] = field(default_factory=dict)
    exact_type: bool = False
    closed: bool = False
    typed: bool = True
    checks: Mapping[str, MemberCheck] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        checks = {name: KINDS[kind] for name, kind in self.members.items()}
        object.__setattr__(self, "checks", checks)


def check_shape(c: Checker, node: object, path: str, shape: Shape) -> dict[str, Any] | None:
    """Check ``node`` (found at ``path``) against ``shape``; returns it if it is an object."""
    if not isinstance(node, dict):
        c.error(path, "type", messages.kind(_last(path), "object"))
        return None
    for name in shape.required:
        if name not in node:
            c.error(pointer(path, name), "required", messages.required(name, shape.cls))
    checks = shape.checks
    for name, value in node.items():
        if name == "type" and shape.typed:
            check_class(c, value, path, shape.cls, exact=shape.exact_type)
            continue
        check = checks.get(name)
        if check is None:
            if shape.closed:
                c.error(pointer(path, name), "closed-object", messages.closed(name, shape.cls))
        elif value is None:
            c.error(pointer(path, name), "null", messages.null(name))
        else:
            check(c, value, path, name)
    return node


def check_class(c: Checker, value: object, parent: str, cls: str, *, exact: bool) -> None:
    """``type`` names ``cls``: exactly, or as one of a set (a lone string counts as a set)."""
    if isinstance(value, str):
        if value != cls:
            c.error(pointer(parent, "type"), "class", messages.klass(cls, cls, exact=exact))
    elif value is None:
        c.error(pointer(parent, "type"), "null", messages.null("type"))
    elif exact:
        c.error(pointer(parent, "type"), "type", messages.kind("type", "string"))
    elif not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        c.error(pointer(parent, "type"), "type", messages.kind("type", "array"))
    elif cls not in value:
        c.error(pointer(parent, "type"), "class", messages.klass(cls, cls, exact=False))


def check_kind(c: Checker, value: object, parent: str, name: str, kind: str) -> None:
    """Check member ``name`` of the object at ``parent`` against a kind from ``KINDS``."""
    if value is None:
        c.error(pointer(parent, name), "null", messages.null(name))
    else:
        KINDS[kind](c, value, parent, name)


def items(
    c: Checker, node: dict[str, Any], name: str, path: str, *, compact: bool = False
) -> list[tuple[str, object]]:
    """The entries of array member ``name`` with their paths ([] when absent or wrong).

    ``compact`` accepts a lone value for a one-entry array, as the compacted JSON-LD form
    does for ``proof``, ``credentialSchema`` and ``termsOfUse``.
    """
    value = node.get(name)
    if isinstance(value, list):
        here = pointer(path, name)
        if not value:
            c.warning(here, "empty", messages.empty_array(name))
        return [(f"{here}/{index}", item) for index, item in enumerate(value)]
    if value is None:
        if name in node:
            c.error(pointer(path, name), "null", messages.null(name))
        return []
    if compact:
        return [(pointer(path, name), value)]
    c.error(pointer(path, name), "type", messages.kind(name, "array"))
    return []


def _string(c: Checker, value: object, parent: str, name: str) -> bool:
    if isinstance(value, str):
        return True
    c.error(pointer(parent, name), "type", messages.kind(name, "string"))
    return False


def _uri(c: Checker, value: object, parent: str, name: str) -> None:
    if _string(c, value, parent, name) and not is_uri(value):
        c.error(pointer(parent, name), "format", messages.not_uri(name))


def _datetime(c: Checker, value: object, parent: str, name: str) -> None:
    if _string(c, value, parent, name) and dates.parse(value) is None:
        c.error(pointer(parent, name), "format", messages.not_datetime(name))


def _date(c: Checker, value: object, parent: str, name: str) -> None:
    if _string(c, value, parent, name) and not is_calendar_date(str(value)):
        c.error(pointer(parent, name), "format", messages.not_date(name))


def _language(c: Checker, value: object, parent: str, name: str) -> None:
    if _string(c, value, parent, name) and not is_language_code(str(value)):
        c.error(pointer(parent, name), "format", messages.not_language(name))


def _number(c: Checker, value: object, parent: str, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        c.error(pointer(parent, name), "type", messages.kind(name, "number"))


def _boolean(c: Checker, value: object, parent: str, name: str) -> None:
    if not isinstance(value, bool):
        c.error(pointer(parent, name), "type", messages.kind(name, "boolean"))


def _strings(c: Checker, value: object, parent: str, name: str) -> None:
    if not isinstance(value, list):
        c.error(pointer(parent, name), "type", messages.kind(name, "array"))
        return
    if not value:
        c.warning(pointer(parent, name), "empty", messages.empty_array(name))
    for index, item in enumerate(value):
        if not isinstance(item, str):
            c.error(f"{pointer(parent, name)}/{index}", "type", messages.kind(name, "string"))


def _compact_jws_list(c: Checker, value: object, parent: str, name: str) -> None:
    _strings(c, value, parent, name)
    if isinstance(value, list) and not all(
        is_compact_jws(item) for item in value if isinstance(item, str)
    ):
        c.error(pointer(parent, name), "format", messages.not_jws(name))


_LANGUAGE_VALUE = frozenset({"@value", "@language", "@direction"})


def _text(c: Checker, value: object, parent: str, name: str) -> None:
    # VC 2.0 names and descriptions: a string, a language value object, or a list of those.
    if isinstance(value, str):
        return
    path = pointer(parent, name)
    entries: list[object] = value if isinstance(value, list) and value else [value]
    for index, entry in enumerate(entries):
        here = f"{path}/{index}" if entries is value else path
        if not isinstance(entry, dict) or not isinstance(entry.get("@value"), str):
            c.error(here, "type", messages.kind(name, "text"))
            continue
        for key in entry:
            if key not in _LANGUAGE_VALUE:
                c.error(pointer(here, key), "closed-object", messages.closed(key, "LanguageValue"))


def _type_names(c: Checker, value: object, parent: str, name: str) -> None:
    # VC 2.0 lets any `type` be one name or a set of names.
    if isinstance(value, str):
        return
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        c.error(pointer(parent, name), "type", messages.kind(name, "string"))


def _vocabulary(allowed: frozenset[str], *, extensible: bool) -> MemberCheck:
    def check(c: Checker, value: object, parent: str, name: str) -> None:
        if not _string(c, value, parent, name):
            return
        if not (in_vocabulary(str(value), allowed) if extensible else value in allowed):
            message = messages.vocabulary(name, value, extensible=extensible)
            c.error(pointer(parent, name), "enum", message)

    return check


KINDS: dict[str, MemberCheck] = {
    "string": _string,
    "uri": _uri,
    "datetime": _datetime,
    "date": _date,
    "language": _language,
    "number": _number,
    "boolean": _boolean,
    "strings": _strings,
    "jws-list": _compact_jws_list,
    "text": _text,
    "type-names": _type_names,
    "achievement-type": _vocabulary(ACHIEVEMENT_TYPES, extensible=True),
    "alignment-target-type": _vocabulary(ALIGNMENT_TARGET_TYPES, extensible=True),
    "identifier-type": _vocabulary(IDENTIFIER_TYPES, extensible=True),
    "result-type": _vocabulary(RESULT_TYPES, extensible=True),
    "result-status": _vocabulary(RESULT_STATUS_TYPES, extensible=False),
}


def _last(path: str) -> str:
    """The member a path ends in, skipping array indexes (``/evidence/1`` -> ``evidence``)."""
    steps = (step for step in reversed(path.split("/")) if step and not step.isdigit())
    return next(steps, "document").replace("~1", "/").replace("~0", "~")
