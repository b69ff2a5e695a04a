"""Active contexts and term definitions (JSON-LD 1.1 API, section 4.1 and 4.2).

An ``ActiveContext`` is never changed once context processing has returned it, so it can be
shared, cached and compared by identity. Each one memoises its IRI expansions.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any, Final

from .iri import KEYWORD_FORM, is_absolute, is_keyword, resolve


class _Unset:
    __slots__ = ()

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = _Unset()
_serial = itertools.count()


@dataclass(slots=True, eq=False)
class Term:
    """One term definition. ``UNSET`` marks an entry the definition does not have."""

    iri: str | None = None
    reverse: bool = False
    type: str | None = None
    container: tuple[str, ...] = ()
    language: Any = UNSET  # str, None (explicitly no language) or UNSET
    direction: Any = UNSET
    context: Any = UNSET  # the term's scoped context, as written
    index: str | None = None
    nest: str | None = None
    prefix: bool = False
    protected: bool = False
    has_colon: bool = False

    def same_definition(self, other: Term) -> bool:
        """Equality used to allow re-stating a protected term identically."""
        return (
            self.iri == other.iri
            and self.reverse == other.reverse
            and self.type == other.type
            and sorted(self.container) == sorted(other.container)
            and _same(self.language, other.language)
            and _same(self.direction, other.direction)
            and _same(self.context, other.context)
            and self.index == other.index
            and self.nest == other.nest
            and self.prefix == other.prefix
            and self.protected == other.protected
            and self.has_colon == other.has_colon
        )


def _same(a: Any, b: Any) -> bool:
    if a is UNSET or b is UNSET:
        return a is b
    return bool(type(a) is type(b) and a == b)


@dataclass(slots=True, eq=False)
class ActiveContext:
    terms: dict[str, Term] = field(default_factory=dict)
    base: Any = UNSET  # str, None, or UNSET (use the processing base)
    vocab: str | None = None
    language: str | None = None
    direction: str | None = None
    previous: ActiveContext | None = None
    # Like jsonld.js, remembers that a protected term was ever defined here, even if a
    # property-scoped context later overrode it.
    has_protected: bool = False
    uid: int = field(default_factory=lambda: next(_serial))
    iri_cache: dict[tuple[str, bool, bool], str | None] = field(default_factory=dict)

    def copy(self) -> ActiveContext:
        return ActiveContext(
            terms=dict(self.terms),
            base=self.base,
            vocab=self.vocab,
            language=self.language,
            direction=self.direction,
            previous=self.previous,
            has_protected=self.has_protected,
        )

    def revert(self) -> ActiveContext:
        """The context in force before a type-scoped context was applied."""
        return self.previous if self.previous is not None else self

    def container(self, key: str | None) -> tuple[str, ...]:
        term = self.terms.get(key) if key is not None else None
        return term.container if term is not None else ()

    def type_mapping(self, key: str | None) -> str | None:
        term = self.terms.get(key) if key is not None else None
        return term.type if term is not None else None

    def scoped_context(self, key: str | None) -> Any:
        term = self.terms.get(key) if key is not None else None
        return term.context if term is not None else UNSET

    def language_for(self, key: str | None) -> str | None:
        term = self.terms.get(key) if key is not None else None
        if term is not None and term.language is not UNSET:
            return term.language  # type: ignore[no-any-return]
        return self.language

    def direction_for(self, key: str | None) -> str | None:
        term = self.terms.get(key) if key is not None else None
        if term is not None and term.direction is not UNSET:
            return term.direction  # type: ignore[no-any-return]
        return self.direction


def expand_iri(
    ctx: ActiveContext,
    value: str,
    *,
    vocab: bool = False,
    base: bool = False,
    processing_base: str | None = None,
) -> str | None:
    """Expand a term, compact IRI or relative IRI (IRI Expansion, JSON-LD 1.1 API 5.2).

    Returns the value itself (the same object) when it is already an absolute IRI that no
    term or prefix rewrites; callers rely on that identity to recognise pass-through values.
    """
    if is_keyword(value):
        return value
    key = (value, vocab, base)
    cache = ctx.iri_cache
    if key in cache:
        cached = cache[key]
        # A cached pass-through result must stay the caller's own object.
        return value if cached == value else cached
    result = _expand_iri(ctx, value, vocab, base, processing_base)
    cache[key] = result
    return result


def _expand_iri(
    ctx: ActiveContext, value: str, vocab: bool, base: bool, processing_base: str | None
) -> str | None:
    if KEYWORD_FORM.fullmatch(value):
        return None
    if vocab:
        term = ctx.terms.get(value)
        if term is not None:
            return term.iri
    colon = value.find(":")
    if colon > 0:
        prefix, suffix = value[:colon], value[colon + 1 :]
        if prefix == "_" or suffix.startswith("//"):
            return value
        term = ctx.terms.get(prefix)
        if term is not None and term.prefix and term.iri is not None:
            return term.iri + suffix
        if is_absolute(value):
            return value
    if vocab and ctx.vocab is not None:
        return ctx.vocab + value
    if base:
        if ctx.base is UNSET:
            return resolve(processing_base, value)
        if ctx.base:
            return resolve(resolve(processing_base, ctx.base), value)
        return value
    return value
