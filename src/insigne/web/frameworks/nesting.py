"""A page of tree nodes as nested lists: the tags to write before each node and at the end.

The page may start deep in the tree (pagination), so the first node is wrapped in as many
"continued" list items as it is deep; the tags are constants, the content goes through the
template and its escaping.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString

from .tree import Node


@dataclass(frozen=True)
class Row:
    before: SafeString
    node: Node


def nested(nodes: list[Node]) -> tuple[list[Row], SafeString]:
    """The rows of ``nodes`` (in reading order) and the tags that close the lists."""
    if not nodes:
        return [], SafeString("")
    base = min(node.depth for node in nodes)
    rows: list[Row] = []
    previous: int | None = None
    for node in nodes:
        if previous is None:
            before = '<li class="continued"><ul>' * (node.depth - base)
        elif node.depth > previous:
            before = "<ul>" + '<li class="continued"><ul>' * (node.depth - previous - 1)
        else:
            before = "</li>" + "</ul></li>" * (previous - node.depth)
        rows.append(Row(SafeString(before), node))
        previous = node.depth
    assert previous is not None
    return rows, SafeString("</li>" + "</ul></li>" * (previous - base))
