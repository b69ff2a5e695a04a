"""Canonical N-Quads of JSON-LD documents: pinned contexts, safe mode, bounded work.

``Canonicalizer.canonicalize`` is what every Data Integrity proof hashes. It expands the
document with Insigne's JSON-LD processor (offline, safe mode: undefined terms and relative
IRIs are errors) and runs RDFC-1.0 with rdf-canonize's work limit.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from . import rdfc
from .jsonld.errors import WorkLimitError
from .jsonld.expand import Expander
from .jsonld.loader import ContextStore
from .jsonld.nquads import Quad
from .jsonld.processing import ContextProcessor
from .jsonld.rdf import to_rdf
from .template import TemplateCache


class Canonicalizer:
    def __init__(
        self, store: ContextStore | None = None, *, work_factor: float = 1, templates: bool = True
    ) -> None:
        self.store = store if store is not None else ContextStore()
        self.processor = ContextProcessor(self.store, safe=True)
        self.work_factor = work_factor
        self.templates = TemplateCache(self.processor) if templates else None

    def with_contexts(self, extra: dict[str, Any]) -> Canonicalizer:
        """A canonicalizer that also resolves the given context documents (URL to JSON)."""
        return Canonicalizer(
            self.store.with_contexts(extra),
            work_factor=self.work_factor,
            templates=self.templates is not None,
        )

    def quads(self, document: Any) -> list[Quad]:
        try:
            expanded = Expander(self.processor).expand_document(document)
            return to_rdf(expanded, self.processor.warn)
        except RecursionError as error:
            raise _too_deep() from error

    def canonicalize(self, document: Any) -> str:
        """RDFC-1.0 canonical N-Quads; raises ``JsonLdError`` (safe mode, limits, syntax)."""
        if self.templates is not None:
            try:
                found = self.templates.quads_and_shape(document)
            except RecursionError as error:
                raise _too_deep() from error
            if found is not None:
                shape, leaves = found
                return shape.canonicalize(leaves, work_factor=self.work_factor)
        return rdfc.canonicalize(self.quads(document), work_factor=self.work_factor)


def _too_deep() -> WorkLimitError:
    return WorkLimitError("nesting limit", "the document is nested too deeply to process")


@cache
def default_canonicalizer() -> Canonicalizer:
    return Canonicalizer()
