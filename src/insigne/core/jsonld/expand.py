"""JSON-LD expansion (JSON-LD 1.1 API, section 5.1), with jsonld.js safe-mode refusals.

``Expander.expand_document`` turns a JSON document (already parsed) into expanded JSON-LD.
In safe mode every value that plain JSON-LD would silently drop (an undefined term, a
relative IRI, an empty top-level object...) raises ``SafeModeError`` instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .context import UNSET, ActiveContext, expand_iri
from .errors import JsonLdError
from .iri import BCP47, KEYWORD_FORM, is_absolute, is_keyword
from .maps import expand_index_map, expand_language_map
from .ordering import js_sorted
from .processing import ContextProcessor
from .values import add_value, as_list, is_list_object, is_node_object, is_value_object

# Called for every value expanded as an IRI: (value, result, context, vocab, base).
IriHook = Callable[[str, Any, ActiveContext, bool, bool], None]

_SCALARS = (str, int, float, bool)


class Expander:
    def __init__(self, processor: ContextProcessor, *, iri_hook: IriHook | None = None) -> None:
        self.processor = processor
        self.iri_hook = iri_hook

    def expand_document(self, document: Any) -> list[Any]:
        expanded = self.expand(self.processor.initial, None, document)
        if isinstance(expanded, dict) and "@graph" in expanded and len(expanded) == 1:
            expanded = expanded["@graph"]
        elif expanded is None:
            expanded = []
        return expanded if isinstance(expanded, list) else [expanded]

    # -- helpers ------------------------------------------------------------------------------

    def vocab_iri(self, ctx: ActiveContext, key: str | None) -> str | None:
        if key is None:
            return None
        return expand_iri(ctx, key, vocab=True, processing_base=self.processor.base)

    def value_iri(self, ctx: ActiveContext, value: str, *, vocab: bool) -> str | None:
        result = expand_iri(ctx, value, vocab=vocab, base=True, processing_base=self.processor.base)
        if self.iri_hook is not None:
            self.iri_hook(value, result, ctx, vocab, True)
        return result

    def type_iri(self, ctx: ActiveContext, value: str) -> str | None:
        result = expand_iri(ctx, value, vocab=True, base=True, processing_base=self.processor.base)
        # Type IRIs select type-scoped contexts, so templates must treat them as fixed:
        # hand back a plain string, never the caller's object.
        return None if result is None else str(result)

    def warn(self, code: str, message: str) -> None:
        self.processor.warn(code, message)

    # -- the algorithm ------------------------------------------------------------------------

    def expand(
        self,
        ctx: ActiveContext,
        active_property: str | None,
        element: Any,
        *,
        inside_list: bool = False,
        inside_index: bool = False,
        type_scoped: ActiveContext | None = None,
    ) -> Any:
        if element is None:
            return None
        if isinstance(element, list):
            return self._expand_array(
                ctx, active_property, element, inside_list, inside_index, type_scoped
            )
        if not isinstance(element, dict):
            if not inside_list and (
                active_property is None or self.vocab_iri(ctx, active_property) == "@graph"
            ):
                self.warn("free-floating scalar", f"dropping {element!r}, which is not in a list")
                return None
            return self.expand_value(ctx, active_property, element)
        return self._expand_node(
            ctx, active_property, element, inside_list, inside_index, type_scoped
        )

    def _expand_array(
        self,
        ctx: ActiveContext,
        active_property: str | None,
        element: list[Any],
        inside_list: bool,
        inside_index: bool,
        type_scoped: ActiveContext | None,
    ) -> list[Any]:
        result: list[Any] = []
        inside_list = inside_list or "@list" in ctx.container(active_property)
        for item in element:
            expanded = self.expand(
                ctx, active_property, item, inside_index=inside_index, type_scoped=type_scoped
            )
            if inside_list and isinstance(expanded, list):
                expanded = {"@list": expanded}
            if expanded is None:
                continue
            if isinstance(expanded, list):
                result.extend(expanded)
            else:
                result.append(expanded)
        return result

    def _expand_node(
        self,
        ctx: ActiveContext,
        active_property: str | None,
        element: dict[str, Any],
        inside_list: bool,
        inside_index: bool,
        type_scoped: ActiveContext | None,
    ) -> Any:
        expanded_active = self.vocab_iri(ctx, active_property)
        property_scoped = ctx.scoped_context(active_property)
        if type_scoped is None and ctx.previous is not None:
            type_scoped = ctx
        keys = js_sorted(element)
        must_revert = not inside_index
        if must_revert and type_scoped is not None and len(keys) <= 2 and "@context" not in keys:
            for key in keys:
                expanded = self.vocab_iri(type_scoped, key)
                if expanded == "@value":
                    must_revert = False
                    ctx = type_scoped
                    break
                if expanded == "@id" and len(keys) == 1:
                    must_revert = False
                    break
        if must_revert:
            ctx = ctx.revert()
        process = self.processor.process
        if property_scoped is not UNSET:
            ctx = process(ctx, property_scoped, override_protected=True)
        if "@context" in element:
            ctx = process(ctx, element["@context"])
        type_scoped = ctx
        type_key = None
        for key in keys:
            if self.vocab_iri(ctx, key) != "@type":
                continue
            type_key = type_key or key
            value = element[key]
            types = (
                js_sorted(t for t in value if isinstance(t, str))
                if isinstance(value, list)
                else [value]
            )
            for kind in types:
                scoped = type_scoped.scoped_context(kind) if isinstance(kind, str) else UNSET
                if scoped is not UNSET:
                    ctx = process(ctx, scoped, propagate=False)

        result: dict[str, Any] = {}
        self._expand_object(
            ctx,
            active_property,
            expanded_active,
            element,
            result,
            inside_list,
            type_key,
            type_scoped,
        )
        return self._finish_node(ctx, active_property, expanded_active, result, inside_list)

    def _finish_node(
        self,
        ctx: ActiveContext,
        active_property: str | None,
        expanded_active: str | None,
        result: dict[str, Any],
        inside_list: bool,
    ) -> Any:
        count = len(result)
        rval: Any = result
        if "@value" in result:
            rval = _check_value_object(self, result)
        elif "@type" in result and not isinstance(result["@type"], list):
            result["@type"] = [result["@type"]]
        elif "@set" in result or "@list" in result:
            if count > 1 and not (count == 2 and "@index" in result):
                raise JsonLdError(
                    "invalid set or list object", "@set or @list may only be paired with @index"
                )
            if "@set" in result:
                rval = result["@set"]
        elif count == 1 and "@language" in result:
            self.warn("object with only @language", "dropping an object with only @language")
            rval = None
        if (
            isinstance(rval, dict)
            and not inside_list
            and (
                active_property is None
                or expanded_active == "@graph"
                or "@graph" in ctx.container(active_property)
            )
        ):
            rval = self.drop_unsafe(rval)
        return rval

    def drop_unsafe(self, value: dict[str, Any]) -> dict[str, Any] | None:
        """Drop (and, in safe mode, refuse) objects that would produce no triples."""
        count = len(value)
        if count == 0:
            self.warn("empty object", "dropping an empty object")
        elif "@value" in value:
            self.warn("object with only @value", "dropping a free-floating value object")
        elif "@list" in value:
            self.warn("object with only @list", "dropping a free-floating list object")
        elif count == 1 and "@id" in value:
            self.warn("object with only @id", "dropping an object with only @id")
        else:
            return value
        return None

    def _expand_object(
        self,
        ctx: ActiveContext,
        active_property: str | None,
        expanded_active: str | None,
        element: dict[str, Any],
        parent: dict[str, Any],
        inside_list: bool,
        type_key: str | None,
        type_scoped: ActiveContext,
    ) -> None:
        nests: list[str] = []
        unexpanded_value: Any = None
        is_json_type = False
        if type_key is not None and element.get(type_key):
            first = element[type_key]
            first = first[0] if isinstance(first, list) else first
            is_json_type = isinstance(first, str) and self.vocab_iri(ctx, first) == "@json"

        for key in js_sorted(element):
            if key == "@context":
                continue
            value = element[key]
            prop = self.vocab_iri(ctx, key)
            if prop is None or not (is_absolute(prop) or is_keyword(prop)):
                self.warn("invalid property", f"property {key!r} is not defined by any context")
                continue
            if is_keyword(prop):
                if expanded_active == "@reverse":
                    raise JsonLdError(
                        "invalid reverse property map", "a keyword cannot be reversed"
                    )
                if prop in parent and prop not in ("@included", "@type"):
                    raise JsonLdError("colliding keywords", f"{prop} given twice")
                if self._expand_keyword(
                    ctx, active_property, prop, value, parent, type_scoped, is_json_type
                ):
                    if prop == "@value":
                        unexpanded_value = value
                    elif prop == "@nest":
                        nests.append(key)
                    continue
            self._expand_property(ctx, expanded_active, active_property, key, prop, value, parent)

        json_literal = is_json_type or parent.get("@type") == "@json"
        if "@value" in parent and not json_literal and isinstance(unexpanded_value, (dict, list)):
            raise JsonLdError("invalid value object value", "@value must be a scalar")
        for key in nests:
            for nested in as_list(element[key]):
                if not isinstance(nested, dict) or any(
                    self.vocab_iri(ctx, k) == "@value" for k in nested
                ):
                    raise JsonLdError("invalid @nest value", "nested values must be node objects")
                self._expand_object(
                    ctx,
                    active_property,
                    expanded_active,
                    nested,
                    parent,
                    inside_list,
                    type_key,
                    type_scoped,
                )

    def _expand_keyword(
        self,
        ctx: ActiveContext,
        active_property: str | None,
        prop: str,
        value: Any,
        parent: dict[str, Any],
        type_scoped: ActiveContext,
        is_json_type: bool,
    ) -> bool:
        """Handle a keyword entry; False when it is an ordinary entry (@list, @set, @graph...)."""
        if prop == "@id":
            if not isinstance(value, str):
                raise JsonLdError("invalid @id value", "@id must be a string")
            expanded = self.value_iri(ctx, value, vocab=False)
            if expanded is None:
                self.warn("reserved @id value", f"@id {value!r} is reserved")
            elif not is_absolute(expanded):
                self.warn("relative @id reference", f"@id {value!r} is a relative reference")
            add_value(parent, "@id", expanded)
        elif prop == "@type":
            if not (
                isinstance(value, str)
                or (isinstance(value, list) and all(isinstance(v, str) for v in value))
            ):
                raise JsonLdError("invalid type value", "@type must be a string or strings")
            for kind in as_list(value):
                expanded = self.type_iri(type_scoped, kind)
                if expanded != "@json" and (expanded is None or not is_absolute(expanded)):
                    self.warn("relative @type reference", f"type {kind!r} is not defined")
                add_value(parent, "@type", expanded)
        elif prop == "@included":
            included = as_list(self.expand(ctx, active_property, value))
            if not all(is_node_object(v) for v in included):
                raise JsonLdError("invalid @included value", "@included must hold node objects")
            add_value(parent, "@included", included, as_array=True)
        elif prop == "@graph" and not isinstance(value, (dict, list)):
            raise JsonLdError("invalid @graph value", "@graph must be an object or an array")
        elif prop == "@value":
            if is_json_type:
                parent["@value"] = value
            else:
                add_value(parent, "@value", value)
        elif prop == "@language":
            if value is None:
                return True
            if not isinstance(value, str):
                raise JsonLdError("invalid language-tagged string", "@language must be a string")
            if not BCP47.fullmatch(value):
                self.warn("invalid @language value", f"{value!r} is not BCP47")
            add_value(parent, "@language", value.lower())
        elif prop == "@direction":
            if value not in ("ltr", "rtl") or not isinstance(value, str):
                raise JsonLdError("invalid base direction", "@direction must be ltr or rtl")
            add_value(parent, "@direction", str(value))
        elif prop == "@index":
            if not isinstance(value, str):
                raise JsonLdError("invalid @index value", "@index must be a string")
            add_value(parent, "@index", str(value))
        elif prop == "@reverse":
            self._expand_reverse(ctx, value, parent)
        else:
            return prop == "@nest"
        return True

    def _expand_reverse(self, ctx: ActiveContext, value: Any, parent: dict[str, Any]) -> None:
        if not isinstance(value, dict):
            raise JsonLdError("invalid @reverse value", "@reverse must be an object")
        expanded = self.expand(ctx, "@reverse", value)
        if not isinstance(expanded, dict):
            return
        for prop, items in expanded.get("@reverse", {}).items():
            add_value(parent, prop, items, as_array=True)
        for prop, items in expanded.items():
            if prop == "@reverse":
                continue
            reverse_map = parent.setdefault("@reverse", {})
            add_value(reverse_map, prop, [], as_array=True)
            for item in items:
                if is_value_object(item) or is_list_object(item):
                    raise JsonLdError("invalid reverse property value", "cannot reverse a value")
                add_value(reverse_map, prop, item, as_array=True)

    def _expand_property(
        self,
        ctx: ActiveContext,
        expanded_active: str | None,
        active_property: str | None,
        key: str,
        prop: str,
        value: Any,
        parent: dict[str, Any],
    ) -> None:
        term_ctx = ctx
        scoped = ctx.scoped_context(key)
        if scoped is not UNSET:
            term_ctx = self.processor.process(ctx, scoped, override_protected=True)
        container = ctx.container(key)
        expanded: Any
        if "@language" in container and isinstance(value, dict):
            expanded = expand_language_map(self, term_ctx, term_ctx.direction_for(key), value)
        elif "@index" in container and isinstance(value, dict):
            term = term_ctx.terms.get(key)
            index_key = term.index if term is not None and term.index else "@index"
            property_index = self.vocab_iri(ctx, index_key) if index_key != "@index" else None
            expanded = expand_index_map(
                self, term_ctx, key, value, "@graph" in container, index_key, property_index
            )
        elif "@id" in container and isinstance(value, dict):
            expanded = expand_index_map(
                self, term_ctx, key, value, "@graph" in container, "@id", None
            )
        elif "@type" in container and isinstance(value, dict):
            expanded = expand_index_map(self, term_ctx.revert(), key, value, False, "@type", None)
        elif prop in ("@list", "@set"):
            next_property = active_property
            if prop == "@list" and expanded_active == "@graph":
                next_property = None
            expanded = self.expand(term_ctx, next_property, value, inside_list=prop == "@list")
        elif ctx.type_mapping(key) == "@json":
            expanded = {"@type": "@json", "@value": value}
        else:
            expanded = self.expand(term_ctx, key, value)

        if expanded is None and prop != "@value":
            return
        if prop != "@list" and not is_list_object(expanded) and "@list" in container:
            expanded = {"@list": as_list(expanded)}
        if "@graph" in container and "@id" not in container and "@index" not in container:
            kept = [v for v in as_list(expanded) if self.drop_unsafe(v) is not None]
            if not kept:
                return
            expanded = [{"@graph": as_list(v)} for v in kept]
        term = term_ctx.terms.get(key)
        if term is not None and term.reverse:
            reverse_map = parent.setdefault("@reverse", {})
            for item in as_list(expanded):
                if is_value_object(item) or is_list_object(item):
                    raise JsonLdError("invalid reverse property value", "cannot reverse a value")
                add_value(reverse_map, prop, item, as_array=True)
            return
        add_value(parent, prop, expanded, as_array=True)

    def expand_value(self, ctx: ActiveContext, active_property: str | None, value: Any) -> Any:
        """Value Expansion (JSON-LD 1.1 API 5.3.2)."""
        if value is None:
            return None
        prop = self.vocab_iri(ctx, active_property)
        if prop == "@id":
            return self.value_iri(ctx, value, vocab=False) if isinstance(value, str) else value
        if prop == "@type":
            return self.type_iri(ctx, value) if isinstance(value, str) else value
        kind = ctx.type_mapping(active_property)
        if (kind == "@id" or prop == "@graph") and isinstance(value, str):
            expanded = self.value_iri(ctx, value, vocab=False)
            if expanded is None and KEYWORD_FORM.fullmatch(value):
                self.warn("reserved @id value", f"{value!r} is reserved")
            return {"@id": expanded}
        if kind == "@vocab" and isinstance(value, str):
            return {"@id": self.value_iri(ctx, value, vocab=True)}
        if is_keyword(prop):
            return value
        result: dict[str, Any] = {}
        if kind is not None and kind not in ("@id", "@vocab", "@none"):
            result["@type"] = kind
        elif isinstance(value, str):
            language = ctx.language_for(active_property)
            if language is not None:
                result["@language"] = language
            direction = ctx.direction_for(active_property)
            if direction is not None:
                result["@direction"] = direction
        if not isinstance(value, _SCALARS):
            raise JsonLdError("invalid value object value", f"cannot expand {type(value).__name__}")
        result["@value"] = value
        return result


def _check_value_object(expander: Expander, result: dict[str, Any]) -> dict[str, Any] | None:
    if "@type" in result and ("@language" in result or "@direction" in result):
        raise JsonLdError("invalid value object", "@value cannot have both @type and @language")
    allowed = {"@value", "@type", "@index", "@language", "@direction"}
    if any(key not in allowed for key in result):
        raise JsonLdError("invalid value object", "a value object has unexpected entries")
    values = [] if result["@value"] is None else as_list(result["@value"])
    types = as_list(result.get("@type", []))
    if types == ["@json"]:
        return result
    if not values:
        expander.warn("null @value value", "dropping a null @value")
        return None
    if "@language" in result and not all(isinstance(v, str) or v == {} for v in values):
        raise JsonLdError("invalid language-tagged value", "only strings can carry a language")
    if not all(
        (isinstance(t, str) and is_absolute(t) and not t.startswith("_:")) or t == {} for t in types
    ):
        raise JsonLdError("invalid typed value", "a value's @type must be an absolute IRI")
    return result
