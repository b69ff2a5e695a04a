"""A framework's items in reading order: depth first, siblings by their sequence."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .models import Item


@dataclass(frozen=True)
class Node:
    item: Item
    depth: int  # 0 for the top items
    children: int  # how many items are directly under this one


def ordered(items: Iterable[Item]) -> list[Node]:
    """Every item once, parents before their children. An item whose parent is missing (or a
    cycle, which the actions never write) is shown at the top rather than lost."""
    items = list(items)
    by_pk = {item.pk: item for item in items}
    children: dict[int | None, list[Item]] = defaultdict(list)
    for item in items:
        parent = item.parent_id if item.parent_id in by_pk else None
        children[parent].append(item)
    for siblings in children.values():
        siblings.sort(key=lambda i: (i.sequence, i.pk))
    result: list[Node] = []
    seen: set[int] = set()

    def visit(item: Item, depth: int) -> None:
        stack = [(item, depth)]
        while stack:
            current, level = stack.pop()
            if current.pk in seen:
                continue
            seen.add(current.pk)
            below = children.get(current.pk, [])
            result.append(Node(current, level, len(below)))
            stack.extend((child, level + 1) for child in reversed(below))

    for top in children.get(None, []):
        visit(top, 0)
    for item in sorted(items, key=lambda i: (i.sequence, i.pk)):
        if item.pk not in seen:  # part of a cycle
            visit(item, 0)
    return result
