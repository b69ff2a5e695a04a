"""Nesting deeper than a limit, found without recursion so hostile JSON cannot exhaust the stack."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .issues import pointer

_CONTAINERS = (dict, list)


def too_deep(document: object, limit: int) -> str | None:
    """The JSON Pointer of an object or array nested more than ``limit`` levels, or None.

    The document itself is level 0. Levels are swept one at a time, which is cheap on the
    common, shallow case; the path is searched for only when the limit is exceeded.
    """
    level: list[Any] = [document] if isinstance(document, _CONTAINERS) else []
    for _ in range(limit + 1):
        deeper: list[Any] = [
            child
            for node in level
            for child in (node.values() if isinstance(node, dict) else node)
            if isinstance(child, _CONTAINERS)
        ]
        if not deeper:
            return None
        level = deeper
    return _path_at(document, limit + 1)


def _path_at(document: object, depth: int) -> str:
    stack: list[tuple[Any, int, str]] = [(document, 0, "")]
    while stack:
        node, level, path = stack.pop()
        if level == depth:
            return path
        children: Iterable[tuple[str | int, object]]
        children = node.items() if isinstance(node, dict) else enumerate(node)
        for key, child in children:
            if isinstance(child, _CONTAINERS):
                stack.append((child, level + 1, pointer(path, key)))
    return ""  # pragma: no cover - too_deep found such a node
