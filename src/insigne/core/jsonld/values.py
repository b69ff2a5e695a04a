"""Small predicates and mutators on expanded JSON-LD values (jsonld.js semantics)."""

from __future__ import annotations

from typing import Any


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def add_value(subject: dict[str, Any], prop: str, value: Any, *, as_array: bool = False) -> None:
    """Append ``value`` (each item, if a list) under ``prop``; duplicates are kept."""
    if isinstance(value, list):
        if not value and as_array and prop not in subject:
            subject[prop] = []
        for item in value:
            add_value(subject, prop, item, as_array=as_array)
    elif prop in subject:
        if not isinstance(subject[prop], list):
            subject[prop] = [subject[prop]]
        subject[prop].append(value)
    else:
        subject[prop] = [value] if as_array else value


def is_value_object(value: Any) -> bool:
    return isinstance(value, dict) and "@value" in value


def is_list_object(value: Any) -> bool:
    return isinstance(value, dict) and "@list" in value


def is_graph_object(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and "@graph" in value
        and len([k for k in value if k not in ("@id", "@index")]) == 1
    )


def is_node_object(value: Any) -> bool:
    """A node object (jsonld.js ``isSubject``)."""
    if isinstance(value, dict) and not ("@value" in value or "@set" in value or "@list" in value):
        return len(value) > 1 or "@id" not in value
    return False


def is_node_reference(value: Any) -> bool:
    return isinstance(value, dict) and len(value) == 1 and "@id" in value


def is_blank_node(value: Any) -> bool:
    if not isinstance(value, dict):
        return False
    if "@id" in value:
        node_id = value["@id"]
        return not isinstance(node_id, str) or node_id.startswith("_:")
    return len(value) == 0 or not ("@value" in value or "@set" in value or "@list" in value)
