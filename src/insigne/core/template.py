"""Shape templates: JSON-LD expansion done once per credential *shape*, not per credential.

Credentials issued for the same badge differ only in string values (recipient hash, salt,
dates, identifiers). For a new shape, the full JSON-LD processor runs on the document with
every string leaf traced, to learn which leaves land in the RDF dataset unchanged (as a
literal's value or as an IRI), then on a probe copy where those leaves are unique
sentinels, which gives the quads of the shape with holes. A later document of the same
shape is canonicalized by filling the holes and running RDFC-1.0, skipping JSON-LD.

Exactness is kept by construction and checked:
- every other leaf (types, language tags, values that expansion rewrites) is part of the
  shape and must be equal for a template to apply;
- an IRI hole is filled only if IRI expansion, in the very context it was expanded in,
  passes the new value through unchanged and it is an absolute IRI (else: full path);
- a new template is only kept if filling it with its own document reproduces the full
  path's canonical form byte for byte.
"""

from __future__ import annotations

import secrets
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from .jsonld.context import ActiveContext, expand_iri
from .jsonld.expand import Expander
from .jsonld.iri import is_absolute
from .jsonld.nquads import Literal, Quad
from .jsonld.processing import ContextProcessor
from .jsonld.rdf import to_rdf
from .rdfc_fast import CompiledShape, compile_shape

_MAX_SHAPES = 512
_MAX_VARIANTS = 8
# Larger documents are rare (credentials are a few dozen quads): they take the full path,
# and compiling them is not worth its cost (it grows with the square of the quads).
MAX_TEMPLATE_LEAVES = 400
MAX_TEMPLATE_QUADS = 300


class Slot(str):
    """A string leaf of the document being traced, remembering its position."""

    __slots__ = ("position",)
    position: int


@dataclass(frozen=True, eq=False)
class _IriCheck:
    index: int
    context: ActiveContext
    vocab: bool


@dataclass(frozen=True, eq=False)
class Template:
    structural: Callable[[list[Any]], Any]  # picks the leaves that must match
    expected: Any
    iri_checks: tuple[_IriCheck, ...]
    shape: CompiledShape


def skeleton(document: Any) -> tuple[Any, list[Any]]:
    """The shape key of ``document`` and its leaves in document order."""
    tokens: list[Any] = []
    leaves: list[Any] = []
    _walk(document, tokens, leaves)
    return tuple(tokens), leaves


# Markers in the token stream are not strings, so they never collide with member names.
_OPEN_OBJECT, _CLOSE, _OPEN_ARRAY, _TEXT = 0, 1, 2, 3


def _walk(node: Any, tokens: list[Any], leaves: list[Any]) -> None:
    kind = type(node)
    if kind is dict:
        tokens.append(_OPEN_OBJECT)
        for key, value in node.items():
            tokens.append(key)
            if key == "@context":
                tokens.append(_frozen(value))
            else:
                _walk(value, tokens, leaves)
        tokens.append(_CLOSE)
    elif kind is list:
        tokens.append(_OPEN_ARRAY)
        for item in node:
            _walk(item, tokens, leaves)
        tokens.append(_CLOSE)
    else:
        leaves.append(node)
        tokens.append(_TEXT if kind is str else kind.__name__)


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        return ("{", *((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("[", *(_frozen(v) for v in value))
    return (type(value).__name__, value)


def _replace_leaves(node: Any, values: list[Any], counter: list[int]) -> Any:
    """A copy of ``node`` whose leaves are ``values``, in document order."""
    if isinstance(node, dict):
        return {
            key: value if key == "@context" else _replace_leaves(value, values, counter)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_replace_leaves(item, values, counter) for item in node]
    index = counter[0]
    counter[0] += 1
    return values[index]


class TemplateCache:
    """Templates per shape for one context processor (one set of available contexts)."""

    def __init__(self, processor: ContextProcessor) -> None:
        self.processor = processor
        self._shapes: OrderedDict[Any, list[Template | None]] = OrderedDict()
        # Shapes seen once: a template is only worth building when a shape comes back.
        self._seen: OrderedDict[Any, None] = OrderedDict()

    def quads_and_shape(self, document: Any) -> tuple[CompiledShape, list[Any]] | None:
        """The compiled shape and leaves for ``document``, or None (use the full path)."""
        key, leaves = skeleton(document)
        if len(leaves) > MAX_TEMPLATE_LEAVES:
            return None
        variants = self._shapes.get(key)
        if variants is not None:
            self._shapes.move_to_end(key)
            for template in variants:
                if template is not None and template.structural(leaves) == template.expected:
                    return (template.shape, leaves) if self._iris_pass(template, leaves) else None
            if len(variants) >= _MAX_VARIANTS:
                return None
        elif key not in self._seen:
            self._seen[key] = None
            if len(self._seen) > _MAX_SHAPES:
                self._seen.popitem(last=False)
            return None
        else:
            del self._seen[key]
            variants = self._shapes[key] = []
            if len(self._shapes) > _MAX_SHAPES:
                self._shapes.popitem(last=False)
        template = self._build(document, leaves)
        variants.append(template)
        if template is None:
            # A shape that cannot be templated once will not be tried again.
            variants.extend([None] * (_MAX_VARIANTS - len(variants)))
        return (template.shape, leaves) if template is not None else None

    @staticmethod
    def _iris_pass(template: Template, leaves: list[Any]) -> bool:
        for check in template.iri_checks:
            value: str = leaves[check.index]
            expanded = expand_iri(check.context, value, vocab=check.vocab, base=True)
            if expanded is not value or value.startswith("_:") or not is_absolute(value):
                return False
        return True

    def _build(self, document: Any, leaves: list[Any]) -> Template | None:
        traced, roles, iri_info = self._trace(document, leaves)
        if traced is None or len(traced) > MAX_TEMPLATE_QUADS:
            return None
        nonce = secrets.token_hex(8)
        probe_values = list(leaves)
        for index, role in roles.items():
            probe_values[index] = (
                f"urn:x-insigne-slot:{nonce}:{index}" if role == "iri" else f"{nonce}~{index}~"
            )
        for index, role in roles.items():
            if role == "iri":
                check = iri_info[index]
                probe = probe_values[index]
                if expand_iri(check.context, probe, vocab=check.vocab, base=True) is not probe:
                    return None
        probe_document = _replace_leaves(document, probe_values, [0])
        try:
            probe_quads = to_rdf(
                Expander(self.processor).expand_document(probe_document), self.processor.warn
            )
        except ValueError:
            return None
        shape = compile_shape(
            probe_quads, {probe_values[i]: (i, role) for i, role in roles.items()}, nonce
        )
        if shape is None:
            return None
        structural_indexes = [i for i in range(len(leaves)) if i not in roles]
        picker = _picker(structural_indexes)
        template = Template(
            structural=picker,
            expected=picker(leaves),
            iri_checks=tuple(iri_info[i] for i, role in roles.items() if role == "iri"),
            shape=shape,
        )
        if not self._iris_pass(template, leaves):
            return None
        # The template must reproduce the full path for the document it was built from.
        from . import rdfc

        expected = rdfc.canonicalize(traced)
        if shape.canonicalize(leaves) != expected:
            return None
        return template

    def _trace(
        self, document: Any, leaves: list[Any]
    ) -> tuple[list[Quad] | None, dict[int, str], dict[int, _IriCheck]]:
        slots: list[Any] = []
        for index, leaf in enumerate(leaves):
            if isinstance(leaf, str):
                slot = Slot(leaf)
                slot.position = index
                slots.append(slot)
            else:
                slots.append(leaf)
        traced_document = _replace_leaves(document, slots, [0])
        iri_info: dict[int, _IriCheck] = {}

        def hook(value: str, result: Any, ctx: ActiveContext, vocab: bool, base: bool) -> None:
            if isinstance(value, Slot) and result is value:
                iri_info[value.position] = _IriCheck(value.position, ctx, vocab)

        try:
            expanded = Expander(self.processor, iri_hook=hook).expand_document(traced_document)
            quads = to_rdf(expanded, self.processor.warn)
        except ValueError:
            return None, {}, {}
        roles: dict[int, str] = {}
        for subject, _, obj, graph in quads:
            for term in (subject, obj, graph):
                if isinstance(term, Slot):
                    if term.position not in iri_info:
                        return None, {}, {}
                    roles[term.position] = "iri"
                elif isinstance(term, Literal) and isinstance(term.value, Slot):
                    roles[term.value.position] = "literal"
        if any(role == "literal" and index in iri_info for index, role in roles.items()):
            return None, {}, {}
        return quads, roles, iri_info


def _picker(indexes: list[int]) -> Callable[[list[Any]], Any]:
    if not indexes:
        return lambda leaves: ()
    getter = itemgetter(*indexes)
    if len(indexes) == 1:
        return lambda leaves: (getter(leaves),)
    return getter
