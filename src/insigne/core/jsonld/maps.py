"""Expansion of language, index, id and type maps (JSON-LD 1.1 API 5.1.2, steps 13.7-13.8)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .context import UNSET, ActiveContext, expand_iri
from .errors import JsonLdError
from .iri import BCP47
from .ordering import js_sorted
from .values import add_value, as_list, is_graph_object, is_value_object

if TYPE_CHECKING:
    from .expand import Expander


def expand_language_map(
    expander: Expander, ctx: ActiveContext, direction: str | None, language_map: dict[str, Any]
) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = []
    for key in js_sorted(language_map):
        expanded_key = expander.vocab_iri(ctx, key)
        for item in as_list(language_map[key]):
            if item is None:
                continue
            if not isinstance(item, str):
                raise JsonLdError("invalid language map value", "language map values are strings")
            value: dict[str, Any] = {"@value": item}
            if expanded_key != "@none":
                if not BCP47.fullmatch(key):
                    expander.warn("invalid @language value", f"{key!r} is not BCP47")
                value["@language"] = key.lower()
            if direction:
                value["@direction"] = direction
            result.append(value)
    return result


def expand_index_map(
    expander: Expander,
    ctx: ActiveContext,
    active_property: str,
    value: dict[str, Any],
    as_graph: bool,
    index_key: str,
    property_index: str | None,
) -> list[Any]:
    result: list[Any] = []
    is_type_index = index_key == "@type"
    base = expander.processor.base
    for key in js_sorted(value):
        if is_type_index:
            scoped = ctx.scoped_context(key)
            if scoped is not UNSET:
                ctx = expander.processor.process(ctx, scoped, propagate=False)
        items = expander.expand(ctx, active_property, as_list(value[key]), inside_index=True)
        expanded_key: Any
        if property_index:
            expanded_key = "@none" if key == "@none" else expander.expand_value(ctx, index_key, key)
        else:
            expanded_key = expand_iri(ctx, key, vocab=True, processing_base=base)
        map_key: Any = key
        if index_key == "@id":
            map_key = expand_iri(ctx, key, base=True, processing_base=base)
        elif is_type_index:
            map_key = expanded_key
        for item in items:
            if as_graph and not is_graph_object(item):
                item = {"@graph": [item]}
            if is_type_index:
                if expanded_key != "@none":
                    item["@type"] = [map_key, *as_list(item.get("@type") or [])]
            elif is_value_object(item) and index_key not in ("@language", "@type", "@index"):
                raise JsonLdError("invalid value object", f"cannot add {index_key} to a value")
            elif property_index:
                if expanded_key != "@none":
                    existing = as_list(item.get(property_index, []))
                    item[property_index] = []
                    add_value(item, property_index, [expanded_key, *existing], as_array=True)
            elif expanded_key != "@none" and index_key not in item:
                item[index_key] = map_key
            result.append(item)
    return result
