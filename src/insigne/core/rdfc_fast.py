"""RDFC-1.0 specialised for one dataset shape, compiled to Python code.

A shape is a list of quads whose blank nodes are fixed and whose holes are filled from a
document's leaves. When every blank node's first-degree hash is unique (the usual case for a
credential: each blank node has distinct content), RDFC-1.0 reduces to: hash each blank
node's quads, number the blank nodes in hash order, sort the relabelled lines. That path is
generated as straight-line code per shape; any other case (equal hashes, quads that become
identical) goes to the general algorithm in ``rdfc``.
"""

from __future__ import annotations

from collections.abc import Callable
from hashlib import sha256
from typing import Any

from . import rdfc
from .jsonld.nquads import Literal, Quad, escape_iri, escape_literal, serialize_term
from .jsonld.ordering import has_astral, js_sorted

# A compiled term: ("c", text) constant, ("b", k) blank node k, ("i", leaf) IRI hole,
# ("l", leaf, datatype, language) literal hole.
_Spec = tuple[Any, ...]
_MEMO_LIMIT = 4096


class CompiledShape:
    def __init__(self, quads: list[tuple[_Spec, ...]], blank_nodes: int, run: Callable[..., Any]):
        self.quads = quads
        self.blank_nodes = blank_nodes
        self._run = run
        self._memo: list[dict[Any, str]] = [{} for _ in range(blank_nodes)]

    def canonicalize(self, leaves: list[Any], *, work_factor: float = 1) -> str:
        result = self._run(
            leaves, escape_iri, escape_literal, sha256, _sort_lines, has_astral, self._memo
        )
        if result is not None:
            return str(result)
        return rdfc.canonicalize(self.fill(leaves), work_factor=work_factor)

    def fill(self, leaves: list[Any]) -> list[Quad]:
        """The shape's quads with holes filled and duplicates removed (RDF is a set)."""
        out: dict[Quad, None] = {}
        for quad in self.quads:
            terms = [_term(spec, leaves) for spec in quad]
            out[(terms[0], terms[1], terms[2], terms[3])] = None
        return list(out)


def _term(spec: _Spec | None, leaves: list[Any]) -> Any:
    if spec is None:
        return None
    kind = spec[0]
    if kind == "c":
        return spec[2]
    if kind == "b":
        return f"_:s{spec[1]}"
    if kind == "i":
        return leaves[spec[1]]
    return Literal(leaves[spec[1]], spec[2], spec[3])


def _sort_lines(lines: list[str], astral: bool) -> list[str]:
    if astral:
        return js_sorted(lines)
    lines.sort()
    return lines


def compile_shape(
    quads: list[Quad], holes: dict[str, tuple[int, str]], nonce: str
) -> CompiledShape | None:
    """Compile probe quads, where the strings in ``holes`` mark leaf positions."""
    blank: dict[str, int] = {}
    specs: list[tuple[Any, ...]] = []
    used: set[int] = set()
    for subject, predicate, obj, graph in quads:
        row = []
        for term in (subject, predicate, obj, graph):
            spec = _compile_term(term, holes, blank, used, nonce)
            if spec is False:
                return None
            row.append(spec)
        specs.append(tuple(row))
    if used != {index for index, _ in holes.values()}:
        return None
    return CompiledShape(specs, len(blank), _generate(specs, len(blank)))


def _compile_term(
    term: Any, holes: dict[str, tuple[int, str]], blank: dict[str, int], used: set[int], nonce: str
) -> Any:
    if term is None:
        return None
    if isinstance(term, Literal):
        hole = holes.get(term.value)
        if hole is not None and hole[1] == "literal":
            used.add(hole[0])
            return ("l", hole[0], term.datatype, term.language)
        if nonce in term.value or nonce in term.datatype:
            return False  # a hole's value was transformed: not a template position
        return ("c", serialize_term(term), term)
    if term.startswith("_:"):
        if term not in blank:
            blank[term] = len(blank)
        return ("b", blank[term])
    hole = holes.get(term)
    if hole is not None and hole[1] == "iri":
        used.add(hole[0])
        return ("i", hole[0])
    if nonce in term:
        return False
    return ("c", serialize_term(term), term)


def _generate(specs: list[tuple[Any, ...]], blank_nodes: int) -> Callable[..., Any]:
    """Straight-line code for the fast path; returns None when it does not apply."""
    lines = ["def run(L, esc_iri, esc_lit, sha256, sort_lines, has_astral, memo):"]
    holes: dict[tuple[Any, ...], str] = {}
    for quad in specs:
        for spec in quad:
            if spec is not None and spec[0] in "il" and spec not in holes:
                name = f"t{len(holes)}"
                holes[spec] = name
                if spec[0] == "i":
                    lines.append(f"    {name} = '<' + esc_iri(L[{spec[1]}]) + '>'")
                else:
                    suffix = serialize_term(Literal("", spec[2], spec[3]))[2:]
                    lines.append(f"    {name} = '\"' + esc_lit(L[{spec[1]}]) + '\"' + {suffix!r}")
    leaf_indexes = tuple(sorted({spec[1] for spec in holes}))
    constant_astral = has_astral(
        spec[1] for quad in specs for spec in quad if spec is not None and spec[0] == "c"
    )
    if constant_astral:
        lines.append("    astral = True")
    else:
        lines.append(f"    astral = has_astral([L[i] for i in {leaf_indexes!r}])")
    for a, b in _collidable_pairs(specs):
        lines.append(
            f"    if {_render(specs[a], None, holes)} == {_render(specs[b], None, holes)}:"
        )
        lines.append("        return None")
    for node in range(blank_nodes):
        mentions = [
            q for q in specs if any(s is not None and s[0] == "b" and s[1] == node for s in q)
        ]
        rendered = ", ".join(_render(q, ("a", node), holes) for q in mentions)
        used = sorted({holes[s] for q in mentions for s in q if s is not None and s[0] in "il"})
        compute = f"sha256(''.join(sort_lines([{rendered}], astral)).encode()).hexdigest()"
        if not used:
            lines.append(
                f"    h{node} = memo[{node}].get(None) or memo[{node}].setdefault(None, {compute})"
            )
            continue
        # Credentials of one badge share most values: a blank node's hash depends only on the
        # text of its own quads, so it is remembered per distinct text.
        lines.append(f"    k{node} = ({', '.join(used)},)")
        lines.append(f"    h{node} = memo[{node}].get(k{node})")
        lines.append(f"    if h{node} is None:")
        lines.append(f"        h{node} = {compute}")
        lines.append(f"        if len(memo[{node}]) >= {_MEMO_LIMIT}:")
        lines.append(f"            memo[{node}].clear()")
        lines.append(f"        memo[{node}][k{node}] = h{node}")
    hashes = ", ".join(f"h{n}" for n in range(blank_nodes))
    lines.append(f"    hashes = ({hashes}{',' if blank_nodes == 1 else ''})")
    lines.append(f"    if len(set(hashes)) != {blank_nodes}:")
    lines.append("        return None")
    lines.append(f"    order = sorted(range({blank_nodes}), key=hashes.__getitem__)")
    lines.append(f"    lab = [''] * {blank_nodes}")
    lines.append("    for rank, node in enumerate(order):")
    lines.append("        lab[node] = '_:c14n' + str(rank)")
    rendered = ", ".join(_render(q, ("label",), holes) for q in specs)
    lines.append(f"    return ''.join(sort_lines([{rendered}], astral))")
    namespace: dict[str, Any] = {}
    exec(compile("\n".join(lines), "<rdfc shape>", "exec"), namespace)
    return namespace["run"]  # type: ignore[no-any-return]


def _render(quad: tuple[Any, ...], mode: tuple[Any, ...] | None, holes: dict[Any, str]) -> str:
    """A Python expression building one N-Quads line for ``quad``.

    mode None: blank nodes as fixed placeholders (for collision checks); ("a", n): first-degree
    hashing of blank node n; ("label",): canonical labels from ``lab``.
    """
    # Each part is (is_constant, text): constants are merged, then written as literals.
    parts: list[tuple[bool, str]] = []
    for position, spec in enumerate(quad):
        if spec is None:
            continue
        if position:
            parts.append((True, " "))
        kind = spec[0]
        if kind == "c":
            parts.append((True, spec[1]))
        elif kind == "b":
            if mode is None:
                parts.append((True, f"_:s{spec[1]}"))
            elif mode[0] == "a":
                parts.append((True, "_:a" if spec[1] == mode[1] else "_:z"))
            else:
                parts.append((False, f"lab[{spec[1]}]"))
        else:
            parts.append((False, holes[spec]))
    parts.append((True, " .\n"))
    merged: list[tuple[bool, str]] = []
    for constant, text in parts:
        if constant and merged and merged[-1][0]:
            merged[-1] = (True, merged[-1][1] + text)
        else:
            merged.append((constant, text))
    return " + ".join(repr(text) if constant else text for constant, text in merged)


def _collidable_pairs(specs: list[tuple[Any, ...]]) -> list[tuple[int, int]]:
    """Pairs of quads that become identical for some hole values."""
    pairs = []
    for a in range(len(specs)):
        for b in range(a + 1, len(specs)):
            if all(_may_equal(x, y) for x, y in zip(specs[a], specs[b], strict=True)):
                pairs.append((a, b))
    return pairs


def _may_equal(x: Any, y: Any) -> bool:
    if x is None or y is None:
        return x is y
    if x[0] in "il" or y[0] in "il":
        if x[0] == "l" and y[0] == "l":
            return bool(x[2:] == y[2:])
        if x[0] == "l" or y[0] == "l":
            other = y if x[0] == "l" else x
            return other[0] == "c" and isinstance(other[2], Literal)
        other = y if x[0] == "i" else x
        return other[0] == "i" or (other[0] == "c" and not isinstance(other[2], Literal))
    return bool(x[:2] == y[:2])
