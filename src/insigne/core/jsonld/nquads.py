"""RDF terms and their canonical N-Quads form (RDFC-1.0, appendix A).

A quad is a tuple ``(subject, predicate, object, graph)``. Subjects, predicates, graph names
and IRI objects are strings; blank nodes are strings starting with ``_:``; literals are
``Literal`` tuples; ``graph`` is ``None`` for the default graph.
"""

from __future__ import annotations

import re
from typing import NamedTuple, TypeAlias

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_TYPE = RDF + "type"
RDF_FIRST = RDF + "first"
RDF_REST = RDF + "rest"
RDF_NIL = RDF + "nil"
RDF_JSON = RDF + "JSON"
RDF_LANGSTRING = RDF + "langString"
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
XSD_BOOLEAN = XSD + "boolean"
XSD_INTEGER = XSD + "integer"
XSD_DOUBLE = XSD + "double"


class Literal(NamedTuple):
    value: str
    datatype: str = XSD_STRING
    language: str | None = None


Term: TypeAlias = "str | Literal"
Quad: TypeAlias = "tuple[str, str, str | Literal, str | None]"

_LITERAL_SPECIAL = re.compile('[\x00-\x1f\x7f"\\\\]')
_LITERAL_ESCAPES = {c: f"\\u{c:04X}" for c in [*range(0x20), 0x7F]}
_LITERAL_ESCAPES.update(
    {0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r", 0x22: '\\"', 0x5C: "\\\\"}
)
_IRI_SPECIAL = re.compile('[\x00-\x20<>"{}|^`\\\\]')
_IRI_ESCAPES = {c: f"\\u{c:04X}" for c in [*range(0x21), *map(ord, '<>"{}|^`\\')]}


def escape_literal(value: str) -> str:
    """Escape a literal's lexical form: ECHAR for the usual six, UCHAR (upper hex) otherwise."""
    if _LITERAL_SPECIAL.search(value) is None:
        return value
    return value.translate(_LITERAL_ESCAPES)


def escape_iri(value: str) -> str:
    if _IRI_SPECIAL.search(value) is None:
        return value
    return value.translate(_IRI_ESCAPES)


def serialize_term(term: str | Literal) -> str:
    if isinstance(term, Literal):
        out = '"' + escape_literal(term.value) + '"'
        if term.datatype == RDF_LANGSTRING:
            return out + "@" + term.language if term.language else out
        if term.datatype != XSD_STRING:
            return out + "^^<" + escape_iri(term.datatype) + ">"
        return out
    if term.startswith("_:"):
        return term
    return "<" + escape_iri(term) + ">"


def serialize_quad(quad: Quad) -> str:
    subject, predicate, obj, graph = quad
    line = f"{serialize_term(subject)} {serialize_term(predicate)} {serialize_term(obj)}"
    if graph is not None:
        line += " " + serialize_term(graph)
    return line + " .\n"
