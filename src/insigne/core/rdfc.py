"""RDF Dataset Canonicalization (RDFC-1.0, W3C Recommendation 2024) with a work limit.

Strings are ordered by UTF-16 code units, as rdf-canonize and the Java implementations do
(see ``jsonld.ordering``). The number of Hash N-Degree Quads calls is capped the way
rdf-canonize caps it (``maxWorkFactor``, default 1): a dataset built to make the algorithm
explode ("poison graph") is refused after a bounded amount of work, and exactly the datasets
rdf-canonize refuses are refused here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from hashlib import sha256

from .jsonld.errors import WorkLimitError
from .jsonld.nquads import Literal, Quad, serialize_term
from .jsonld.ordering import js_sorted

# A quad prepared for hashing: each position holds either serialized N-Quads text or, for a
# blank node, its label wrapped in a one-element tuple.
_Part = str | tuple[str]


class _Issuer:
    __slots__ = ("counter", "issued", "prefix")

    def __init__(self, prefix: str, issued: dict[str, str] | None = None, counter: int = 0) -> None:
        self.prefix = prefix
        self.issued: dict[str, str] = issued if issued is not None else {}
        self.counter = counter

    def clone(self) -> _Issuer:
        return _Issuer(self.prefix, dict(self.issued), self.counter)

    def get(self, old: str) -> str:
        new = self.issued.get(old)
        if new is None:
            new = f"{self.prefix}{self.counter}"
            self.counter += 1
            self.issued[old] = new
        return new


class _Canonicalizer:
    def __init__(self, quads: Sequence[Quad], work_factor: float) -> None:
        self.quads = quads
        self.work_factor = work_factor
        self.remaining: float = 0
        self.canonical = _Issuer("_:c14n")
        self.parts: list[tuple[_Part, str, _Part, _Part | None]] = []
        self.node_quads: dict[str, list[int]] = {}
        self.first_hash: dict[str, str] = {}
        for index, (subject, predicate, obj, graph) in enumerate(quads):
            self.parts.append(
                (
                    _part(subject),
                    serialize_term(predicate),
                    _part(obj),
                    None if graph is None else _part(graph),
                )
            )
            for term in (subject, obj, graph):
                if isinstance(term, str) and term.startswith("_:"):
                    indexes = self.node_quads.setdefault(term, [])
                    if not indexes or indexes[-1] != index:
                        indexes.append(index)

    def run(self) -> dict[str, str]:
        by_hash: dict[str, list[str]] = {}
        for node in self.node_quads:
            by_hash.setdefault(self.hash_first_degree(node), []).append(node)
        non_unique: list[list[str]] = []
        for digest in sorted(by_hash):
            nodes = by_hash[digest]
            if len(nodes) > 1:
                non_unique.append(nodes)
            else:
                self.canonical.get(nodes[0])
        count = sum(len(nodes) for nodes in non_unique)
        self.remaining = count**self.work_factor if self.work_factor else 0
        for nodes in non_unique:
            results: list[tuple[str, _Issuer]] = []
            for node in nodes:
                if node in self.canonical.issued:
                    continue
                issuer = _Issuer("_:b")
                issuer.get(node)
                results.append(self.hash_n_degree(node, issuer))
            results.sort(key=lambda result: result[0])
            for _, issuer in results:
                for old in issuer.issued:
                    self.canonical.get(old)
        return self.canonical.issued

    def render(self, index: int, label: dict[str, str] | None, reference: str | None = None) -> str:
        subject, predicate, obj, graph = self.parts[index]

        def text(part: _Part) -> str:
            if isinstance(part, str):
                return part
            node = part[0]
            if label is not None:
                return label[node]
            return "_:a" if node == reference else "_:z"

        line = f"{text(subject)} {predicate} {text(obj)}"
        if graph is not None:
            line += " " + text(graph)
        return line + " .\n"

    def hash_first_degree(self, node: str) -> str:
        lines = js_sorted(self.render(i, None, node) for i in self.node_quads[node])
        digest = sha256("".join(lines).encode("utf-8")).hexdigest()
        self.first_hash[node] = digest
        return digest

    def hash_related(self, related: str, index: int, issuer: _Issuer, position: str) -> str:
        if related in self.canonical.issued:
            label = self.canonical.issued[related]
        elif related in issuer.issued:
            label = issuer.issued[related]
        else:
            label = self.first_hash[related]
        text = position
        if position != "g":
            text += "<" + self.quads[index][1] + ">"
        return sha256((text + label).encode("utf-8")).hexdigest()

    def hash_n_degree(self, node: str, issuer: _Issuer) -> tuple[str, _Issuer]:
        if self.remaining <= 0:
            raise WorkLimitError(
                "canonicalization work limit",
                "this data would take too long to canonicalize (too many similar blank nodes)",
            )
        self.remaining -= 1
        related_by_hash: dict[str, list[str]] = {}
        for index in self.node_quads[node]:
            subject, _, obj, graph = self.quads[index]
            for term, position in ((subject, "s"), (obj, "o"), (graph, "g")):
                if isinstance(term, str) and term.startswith("_:") and term != node:
                    digest = self.hash_related(term, index, issuer, position)
                    related_by_hash.setdefault(digest, []).append(term)
        data = ""
        for digest in sorted(related_by_hash):
            data += digest
            chosen_path = ""
            chosen_issuer: _Issuer | None = None
            for permutation in _permutations(related_by_hash[digest]):
                candidate = self._path(permutation, issuer, chosen_path)
                if candidate is not None and (not chosen_path or candidate[0] < chosen_path):
                    chosen_path, chosen_issuer = candidate
            data += chosen_path
            assert chosen_issuer is not None  # the first permutation is always kept
            issuer = chosen_issuer
        return sha256(data.encode("utf-8")).hexdigest(), issuer

    def _path(
        self, permutation: list[str], issuer: _Issuer, chosen: str
    ) -> tuple[str, _Issuer] | None:
        copy = issuer.clone()
        path = ""
        recursion: list[str] = []
        for related in permutation:
            if related in self.canonical.issued:
                path += self.canonical.issued[related]
            else:
                if related not in copy.issued:
                    recursion.append(related)
                path += copy.get(related)
            if chosen and path > chosen:
                return None
        for related in recursion:
            digest, copy = self.hash_n_degree(related, copy)
            path += copy.get(related) + f"<{digest}>"
            if chosen and path > chosen:
                return None
        return path, copy


def _part(term: str | Literal) -> _Part:
    if isinstance(term, str) and term.startswith("_:"):
        return (term,)
    return serialize_term(term)


def _permutations(items: Iterable[str]) -> Iterator[list[str]]:
    """Permutations in rdf-canonize's order (Steinhaus-Johnson-Trotter from the sorted list)."""
    current = js_sorted(items)
    left = dict.fromkeys(current, True)
    length = len(current)
    while True:
        yield list(current)
        largest: str | None = None
        position = 0
        for i, element in enumerate(current):
            movable = (left[element] and i > 0 and element > current[i - 1]) or (
                not left[element] and i < length - 1 and element > current[i + 1]
            )
            if movable and (largest is None or element > largest):
                largest, position = element, i
        if largest is None:
            return
        swap = position - 1 if left[largest] else position + 1
        current[position], current[swap] = current[swap], largest
        for element in current:
            if element > largest:
                left[element] = not left[element]


def canonical_labels(quads: Sequence[Quad], *, work_factor: float = 1) -> dict[str, str]:
    """Map each blank node label of ``quads`` to its canonical label (``_:c14n0``...)."""
    return _Canonicalizer(quads, work_factor).run()


def canonicalize(quads: Sequence[Quad], *, work_factor: float = 1) -> str:
    """The canonical N-Quads document of ``quads``.

    Raises ``WorkLimitError`` when the dataset needs more Hash N-Degree Quads work than
    ``work_factor`` allows (rdf-canonize's default, 1, unless told otherwise).
    """
    canon = _Canonicalizer(quads, work_factor)
    labels = canon.run()
    return "".join(js_sorted(canon.render(i, labels) for i in range(len(quads))))
