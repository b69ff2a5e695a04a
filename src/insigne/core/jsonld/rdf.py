"""Expanded JSON-LD to an RDF dataset (JSON-LD 1.1 API, Node Map Generation and Deserialize
JSON-LD to RDF), as jsonld.js does it with ``rdfDirection: 'i18n-datatype'``.

Strings are passed through unchanged (the very same objects), which is what lets shape
templates find where each input value lands.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..jcs import canonicalize as jcs_canonicalize
from .iri import KEYWORDS, is_absolute
from .nquads import (
    RDF_FIRST,
    RDF_JSON,
    RDF_LANGSTRING,
    RDF_NIL,
    RDF_REST,
    RDF_TYPE,
    XSD_BOOLEAN,
    XSD_DOUBLE,
    XSD_INTEGER,
    XSD_STRING,
    Literal,
    Quad,
)  # fmt: skip
from .ordering import js_sorted
from .values import (
    add_value,
    is_blank_node,
    is_list_object,
    is_node_object,
    is_node_reference,
    is_value_object,
)

Warn = Callable[[str, str], None]
_JS_SAFE_INTEGER = 2**53
_JS_FLOAT_PREFIX = re.compile(r"\s*[+-]?(?:Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)")


class IdentifierIssuer:
    """Issues fresh blank node labels ``_:b0, _:b1...``, remembering old labels."""

    def __init__(self, prefix: str = "_:b") -> None:
        self.prefix = prefix
        self.counter = 0
        self.issued: dict[str, str] = {}

    def get_id(self, old: str | None = None) -> str:
        if old is not None and old in self.issued:
            return self.issued[old]
        new = f"{self.prefix}{self.counter}"
        self.counter += 1
        if old is not None:
            self.issued[old] = new
        return new


def to_rdf(expanded: list[Any], warn: Warn) -> list[Quad]:
    issuer = IdentifierIssuer()
    graphs: dict[str, dict[str, dict[str, Any]]] = {"@default": {}}
    _node_map(expanded, graphs, "@default", issuer)
    dataset: list[Quad] = []
    for graph_name in js_sorted(graphs):
        graph: str | None
        if graph_name == "@default":
            graph = None
        elif is_absolute(graph_name):
            graph = graph_name
        else:
            warn("relative graph reference", f"graph {graph_name!r} is a relative reference")
            continue
        _graph_to_rdf(dataset, graphs[graph_name], graph, issuer, warn)
    return dataset


def _node_map(
    element: Any,
    graphs: dict[str, dict[str, dict[str, Any]]],
    graph: str,
    issuer: IdentifierIssuer,
    name: str | None = None,
    out_list: list[Any] | None = None,
) -> None:
    if isinstance(element, list):
        for item in element:
            _node_map(item, graphs, graph, issuer, None, out_list)
        return
    if not isinstance(element, dict):
        if out_list is not None:
            out_list.append(element)
        return
    if is_value_object(element):
        kind = element.get("@type")
        if isinstance(kind, str) and kind.startswith("_:"):
            element["@type"] = issuer.get_id(kind)
        if out_list is not None:
            out_list.append(element)
        return
    if out_list is not None and is_list_object(element):
        inner: list[Any] = []
        _node_map(element["@list"], graphs, graph, issuer, name, inner)
        out_list.append({"@list": inner})
        return
    for kind in element.get("@type", []):
        if isinstance(kind, str) and kind.startswith("_:"):
            issuer.get_id(kind)
    if name is None:
        name = issuer.get_id(element.get("@id")) if is_blank_node(element) else element["@id"]
    if out_list is not None:
        out_list.append({"@id": name})
    subjects = graphs[graph]
    subject = subjects.setdefault(name, {})
    subject["@id"] = name
    for prop in js_sorted(element):
        if prop == "@id":
            continue
        value = element[prop]
        if prop == "@reverse":
            referenced = {"@id": name}
            for reverse_prop, items in value.items():
                for item in items:
                    item_name = item.get("@id")
                    if is_blank_node(item):
                        item_name = issuer.get_id(item_name)
                    _node_map(item, graphs, graph, issuer, item_name)
                    _add_unique(subjects[item_name], reverse_prop, referenced)
            continue
        if prop == "@graph":
            graphs.setdefault(name, {})
            _node_map(value, graphs, name, issuer)
            continue
        if prop == "@included":
            _node_map(value, graphs, graph, issuer)
            continue
        if prop != "@type" and prop in KEYWORDS:
            if prop == "@index" and prop in subject and subject[prop] != value:
                from .errors import JsonLdError

                raise JsonLdError("conflicting indexes", "one node carries two @index values")
            subject[prop] = value
            continue
        if prop.startswith("_:"):
            prop = issuer.get_id(prop)
        if not value:
            add_value(subject, prop, [], as_array=True)
            continue
        for obj in value:
            _node_map_value(subject, prop, obj, graphs, graph, issuer, name)


def _node_map_value(
    subject: dict[str, Any],
    prop: str,
    obj: Any,
    graphs: dict[str, dict[str, dict[str, Any]]],
    graph: str,
    issuer: IdentifierIssuer,
    name: str,
) -> None:
    if prop == "@type" and isinstance(obj, str) and obj.startswith("_:"):
        obj = issuer.get_id(obj)
    if is_node_object(obj) or is_node_reference(obj):
        if "@id" in obj and not obj["@id"]:
            return
        node_id = issuer.get_id(obj.get("@id")) if is_blank_node(obj) else obj["@id"]
        _add_unique(subject, prop, {"@id": node_id})
        _node_map(obj, graphs, graph, issuer, node_id)
    elif is_value_object(obj):
        _add_unique(subject, prop, obj)
    elif is_list_object(obj):
        inner: list[Any] = []
        _node_map(obj["@list"], graphs, graph, issuer, name, inner)
        _add_unique(subject, prop, {"@list": inner})
    else:
        _node_map(obj, graphs, graph, issuer, name)
        _add_unique(subject, prop, obj)


def _add_unique(subject: dict[str, Any], prop: str, value: Any) -> None:
    existing = subject.get(prop)
    if existing is None:
        subject[prop] = [value]
        return
    if not any(_same_value(value, other) for other in existing):
        existing.append(value)


def _js_identical(a: Any, b: Any) -> bool:
    """JavaScript's ``===`` on JSON values: objects are equal only to themselves."""
    if isinstance(a, str) and isinstance(b, str):
        return a == b
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    return a is b


def _same_value(a: Any, b: Any) -> bool:
    """jsonld.js ``compareValues``."""
    if _js_identical(a, b):
        return True
    if is_value_object(a) and is_value_object(b):
        return all(
            _js_identical(a.get(k), b.get(k)) for k in ("@value", "@type", "@language", "@index")
        )
    if isinstance(a, dict) and "@id" in a and isinstance(b, dict) and "@id" in b:
        return _js_identical(a["@id"], b["@id"])
    return False


def _graph_to_rdf(
    dataset: list[Quad],
    graph: dict[str, dict[str, Any]],
    graph_name: str | None,
    issuer: IdentifierIssuer,
    warn: Warn,
) -> None:
    for node_id in js_sorted(graph):
        node = graph[node_id]
        for prop in js_sorted(node):
            items = node[prop]
            if prop == "@type":
                predicate = RDF_TYPE
            elif prop in KEYWORDS:
                continue
            else:
                predicate = prop
            for item in items:
                subject = node["@id"]
                if not is_absolute(subject):
                    warn("relative subject reference", f"subject {subject!r} is relative")
                    continue
                if not is_absolute(predicate):
                    warn("relative predicate reference", f"predicate {predicate!r} is relative")
                    continue
                if predicate.startswith("_:"):
                    warn("blank node predicate", "a property maps to a blank node")
                    continue
                obj = _object_to_rdf(item, issuer, dataset, graph_name, warn)
                if obj is not None:
                    dataset.append((subject, predicate, obj, graph_name))


def _list_to_rdf(
    items: list[Any], issuer: IdentifierIssuer, dataset: list[Quad], graph: str | None, warn: Warn
) -> str:
    if not items:
        return RDF_NIL
    head = issuer.get_id()
    subject = head
    for index, item in enumerate(items):
        obj = _object_to_rdf(item, issuer, dataset, graph, warn)
        following = RDF_NIL if index == len(items) - 1 else issuer.get_id()
        if obj is not None:
            dataset.append((subject, RDF_FIRST, obj, graph))
        dataset.append((subject, RDF_REST, following, graph))
        subject = following
    return head


def _object_to_rdf(
    item: Any, issuer: IdentifierIssuer, dataset: list[Quad], graph: str | None, warn: Warn
) -> str | Literal | None:
    if is_value_object(item):
        return _literal(item)
    if is_list_object(item):
        return _list_to_rdf(item["@list"], issuer, dataset, graph, warn)
    node_id = item["@id"] if isinstance(item, dict) else item
    if not node_id.startswith("_:") and not is_absolute(node_id):
        warn("relative object reference", f"object {node_id!r} is a relative reference")
        return None
    return node_id  # type: ignore[no-any-return]


def _literal(item: dict[str, Any]) -> Literal:
    value = item["@value"]
    datatype = item.get("@type")
    if datatype == "@json":
        return Literal(jcs_canonicalize(value), RDF_JSON)
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype or XSD_BOOLEAN)
    if isinstance(value, (int, float)):
        number = (
            float(value) if isinstance(value, float) or abs(value) > _JS_SAFE_INTEGER else value
        )
        if isinstance(number, float) and (not number.is_integer() or abs(number) >= 1e21):
            return Literal(xsd_double(number), datatype or XSD_DOUBLE)
        if datatype == XSD_DOUBLE:
            return Literal(xsd_double(float(number)), datatype)
        return Literal(str(int(number)), datatype or XSD_INTEGER)
    if datatype == XSD_DOUBLE:
        return Literal(xsd_double(_js_parse_float(value)), datatype)
    if "@direction" in item:
        language = (item.get("@language") or "").lower()
        return Literal(value, f"https://www.w3.org/ns/i18n#{language}_{item['@direction']}")
    if "@language" in item:
        return Literal(value, datatype or RDF_LANGSTRING, item["@language"])
    return Literal(value, datatype or XSD_STRING)


def xsd_double(number: float) -> str:
    """Canonical xsd:double lexical form, as jsonld.js writes it (``1.5E0``).

    jsonld.js uses ``toExponential(15)``, which rounds the exact value half up to 16
    significant digits; Python's formatting rounds half to even, so round here explicitly.
    """
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    if number == 0:
        return "0.0E0"
    exact = Decimal(number)
    sign = "-" if exact < 0 else ""
    exact = abs(exact)
    exponent = exact.adjusted()
    mantissa = exact.scaleb(-exponent).quantize(_SIXTEEN_DIGITS, rounding=ROUND_HALF_UP)
    if mantissa >= 10:  # 9.9999999999999995 rounds up to 10
        mantissa, exponent = mantissa.scaleb(-1).quantize(_SIXTEEN_DIGITS), exponent + 1
    digits = re.sub(r"(\d)0*$", r"\1", format(mantissa, "f"))
    return f"{sign}{digits}E{exponent}"


_SIXTEEN_DIGITS = Decimal("1.000000000000000")


def _js_parse_float(text: str) -> float:
    match = _JS_FLOAT_PREFIX.match(text)
    if match is None:
        return math.nan
    return float(match.group().strip())
