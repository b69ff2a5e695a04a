"""Context processing (JSON-LD 1.1 API, Context Processing and Create Term Definition).

Behaviour follows jsonld.js, the implementation the JavaScript verifiers run, including its
safe-mode refusals. Results are cached per (active context, local context), which is what
makes repeated expansion of credentials with the same contexts cheap.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .context import UNSET, ActiveContext, Term, _expand_iri, expand_iri
from .errors import ContextLoadError, JsonLdError, SafeModeError
from .iri import BCP47, KEYWORD_FORM, is_absolute, is_keyword, resolve

Loader = Callable[[str], Any]

_TERM_KEYS = frozenset(
    {"@container", "@id", "@language", "@reverse", "@type", "@context", "@direction",
     "@index", "@nest", "@prefix", "@protected"}
)  # fmt: skip
_CONTAINERS = frozenset({"@list", "@set", "@index", "@language", "@graph", "@id", "@type"})
_IRI_LIKE_TERM = re.compile(r":[^:]|/")
_GEN_DELIM_END = re.compile(r"[:/?#\[\]@]$")
_MAX_REMOTE_DEPTH = 10
_CACHE_LIMIT = 4096


class ContextProcessor:
    """Processes local contexts against active contexts, with a loader and a result cache."""

    def __init__(self, loader: Loader, *, safe: bool = True, base: str | None = None) -> None:
        self.loader = loader
        self.safe = safe
        self.base = base
        self.initial = ActiveContext()
        self._cache: dict[tuple[Any, ...], tuple[Any, ActiveContext]] = {}

    def warn(self, code: str, message: str) -> None:
        """A jsonld.js warning event; in safe mode the listed ones are refusals."""
        if self.safe:
            raise SafeModeError(code, message)

    def process(
        self,
        active: ActiveContext,
        local: Any,
        *,
        propagate: bool = True,
        override_protected: bool = False,
    ) -> ActiveContext:
        identity = local if isinstance(local, str) else id(local)
        key = (active.uid, identity, propagate, override_protected)
        hit = self._cache.get(key)
        if hit is not None and (isinstance(local, str) or hit[0] is local):
            return hit[1]
        result = self._process(active, local, propagate, override_protected, set())
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[key] = (local, result)
        return result

    def _process(
        self,
        active: ActiveContext,
        local: Any,
        propagate: bool,
        override_protected: bool,
        cycles: set[str],
    ) -> ActiveContext:
        if isinstance(local, dict) and isinstance(local.get("@context"), list):
            local = local["@context"]
        contexts = self._resolve(local if isinstance(local, list) else [local], 0)
        if not contexts:
            return active
        first = contexts[0]
        if isinstance(first, dict) and isinstance(first.get("@propagate"), bool):
            propagate = first["@propagate"]
        result = active
        if not propagate and result.previous is None:
            result = result.copy()
            result.previous = active
        for ctx in contexts:
            if ctx is None:
                if not override_protected and result.has_protected:
                    raise JsonLdError(
                        "invalid context nullification",
                        "a context with protected terms cannot be set to null",
                    )
                result = ActiveContext()
                continue
            result = self._apply(result, ctx, override_protected, cycles)
        return result

    def _resolve(self, contexts: list[Any], depth: int) -> list[Any]:
        """Replace context URLs by the contexts they name, recursively."""
        if depth > _MAX_REMOTE_DEPTH:
            raise JsonLdError("context overflow", "too many nested remote contexts")
        out: list[Any] = []
        for ctx in contexts:
            if isinstance(ctx, str):
                url = resolve(self.base, ctx)
                document = self.loader(url)
                if not isinstance(document, dict) or "@context" not in document:
                    raise ContextLoadError(url, "remote context has no @context")
                inner = document["@context"]
                out.extend(self._resolve(inner if isinstance(inner, list) else [inner], depth + 1))
            else:
                out.append(ctx)
        return out

    def _apply(
        self, active: ActiveContext, ctx: Any, override_protected: bool, cycles: set[str]
    ) -> ActiveContext:
        if isinstance(ctx, dict) and "@context" in ctx:
            ctx = ctx["@context"]
        if not isinstance(ctx, dict):
            raise JsonLdError("invalid local context", "@context must be an object")
        result = active.copy()
        defined: dict[str, bool] = {}
        if "@version" in ctx:
            if ctx["@version"] != 1.1 or isinstance(ctx["@version"], bool):
                raise JsonLdError("invalid @version value", f"unsupported {ctx['@version']!r}")
            defined["@version"] = True
        if "@base" in ctx:
            base = ctx["@base"]
            if base is not None and not isinstance(base, str):
                raise JsonLdError("invalid base IRI", "@base must be an IRI or null")
            if isinstance(base, str) and not is_absolute(base):
                base = resolve(result.base if isinstance(result.base, str) else None, base)
            result.base = base
            defined["@base"] = True
        if "@vocab" in ctx:
            self._set_vocab(result, ctx["@vocab"])
            defined["@vocab"] = True
        if "@language" in ctx:
            language = ctx["@language"]
            if language is not None and not isinstance(language, str):
                raise JsonLdError("invalid default language", "@language must be a string")
            if language is not None and not BCP47.fullmatch(language):
                self.warn("invalid @language value", f"{language!r} is not BCP47")
            result.language = language.lower() if language is not None else None
            defined["@language"] = True
        if "@direction" in ctx:
            direction = ctx["@direction"]
            if direction not in (None, "ltr", "rtl"):
                raise JsonLdError("invalid base direction", "@direction must be ltr or rtl")
            result.direction = direction
            defined["@direction"] = True
        if "@propagate" in ctx:
            if not isinstance(ctx["@propagate"], bool):
                raise JsonLdError("invalid @propagate value", "@propagate must be a boolean")
            defined["@propagate"] = True
        if "@import" in ctx:
            ctx = self._import(ctx)
            defined["@import"] = True
        defined["@protected"] = ctx.get("@protected", False) is True
        for term in ctx:
            self._define(result, ctx, term, defined, override_protected)
            value = ctx[term]
            if isinstance(value, dict) and "@context" in value:
                self._check_scoped(result, term, value["@context"], cycles)
        return result

    def _set_vocab(self, result: ActiveContext, vocab: Any) -> None:
        if vocab is None:
            result.vocab = None
            return
        if not isinstance(vocab, str):
            raise JsonLdError("invalid vocab mapping", "@vocab must be a string or null")
        expanded = _expand_iri(result, vocab, True, True, self.base)
        if expanded is None or not is_absolute(expanded):
            self.warn("relative @vocab reference", f"@vocab {vocab!r} is relative")
        result.vocab = expanded

    def _import(self, ctx: dict[str, Any]) -> dict[str, Any]:
        url = ctx["@import"]
        if not isinstance(url, str):
            raise JsonLdError("invalid @import value", "@import must be a string")
        imported = self._resolve([url], 0)
        if len(imported) != 1 or not isinstance(imported[0], dict):
            raise JsonLdError("invalid remote context", "@import must name a single context")
        if "@import" in imported[0]:
            raise JsonLdError("invalid context entry", "an imported context cannot @import")
        return {**imported[0], **ctx}

    def _check_scoped(
        self, result: ActiveContext, term: str, scoped: Any, cycles: set[str]
    ) -> None:
        if isinstance(scoped, str):
            url = resolve(self.base, scoped)
            if url in cycles:
                return
            cycles.add(url)
        try:
            self._process(result.copy(), scoped, True, True, cycles)
        except JsonLdError as error:
            if isinstance(error, SafeModeError):
                raise
            raise JsonLdError("invalid scoped context", f"term {term!r}: {error.detail}") from error

    # -- Create Term Definition ---------------------------------------------------------------

    def _define(
        self,
        active: ActiveContext,
        local: dict[str, Any],
        term: str,
        defined: dict[str, bool],
        override_protected: bool = False,
    ) -> None:
        if term in defined:
            if defined[term]:
                return
            raise JsonLdError("cyclic IRI mapping", f"term {term!r} refers to itself")
        defined[term] = False
        value = local.get(term)
        if (
            term == "@type"
            and isinstance(value, dict)
            and value.get("@container", "@set") == "@set"
        ):
            if not value or any(k not in ("@container", "@id", "@protected") for k in value):
                raise JsonLdError("keyword redefinition", "@type may only set @container @set")
        elif is_keyword(term):
            raise JsonLdError("keyword redefinition", f"keyword {term} cannot be redefined")
        elif KEYWORD_FORM.fullmatch(term):
            self.warn("reserved term", f"terms like {term!r} are reserved")
            return
        elif term == "":
            raise JsonLdError("invalid term definition", "a term cannot be empty")

        previous = active.terms.pop(term, None)
        simple = isinstance(value, str) or value is None
        if simple:
            value = {"@id": value}
        if not isinstance(value, dict):
            raise JsonLdError("invalid term definition", f"{term!r} must be a string or object")
        for keyword in value:
            if keyword not in _TERM_KEYS:
                raise JsonLdError("invalid term definition", f"{term!r} has {keyword!r}")

        mapping = Term(has_colon=term.find(":") > 0)
        active.terms[term] = mapping
        if not self._set_iri(active, local, term, value, mapping, defined, previous, simple):
            return
        if value.get("@protected") is True or (
            defined.get("@protected") is True and value.get("@protected") is not False
        ):
            mapping.protected = active.has_protected = True
        defined[term] = True
        self._set_options(active, local, term, value, mapping, defined)
        if mapping.iri in ("@context", "@preserve"):
            raise JsonLdError("invalid keyword alias", "@context and @preserve cannot be aliased")
        if previous is not None and previous.protected and not override_protected:
            mapping.protected = active.has_protected = True
            if not previous.same_definition(mapping):
                raise JsonLdError("protected term redefinition", f"{term!r} is protected")

    def _set_iri(
        self,
        active: ActiveContext,
        local: dict[str, Any],
        term: str,
        value: dict[str, Any],
        mapping: Term,
        defined: dict[str, bool],
        previous: Term | None,
        simple: bool,
    ) -> bool:
        """Fill ``mapping.iri``; False when the definition is dropped (reserved value)."""

        def restore() -> None:
            if previous is not None:
                active.terms[term] = previous
            else:
                del active.terms[term]

        if "@reverse" in value:
            if "@id" in value or "@nest" in value:
                raise JsonLdError("invalid reverse property", f"{term!r} mixes @reverse")
            reverse = value["@reverse"]
            if not isinstance(reverse, str):
                raise JsonLdError("invalid IRI mapping", "@reverse must be a string")
            if KEYWORD_FORM.fullmatch(reverse):
                self.warn("reserved @reverse value", f"{reverse!r} is reserved")
                restore()
                return False
            iri = self._expand_local(active, local, reverse, defined)
            if iri is None or not is_absolute(iri):
                raise JsonLdError("invalid IRI mapping", "@reverse must expand to an IRI")
            mapping.iri = iri
            mapping.reverse = True
            return True
        if "@id" in value:
            iri = value["@id"]
            if iri is not None and not isinstance(iri, str):
                raise JsonLdError("invalid IRI mapping", "@id must be a string")
            if iri is None:
                mapping.iri = None
                return True
            if not is_keyword(iri) and KEYWORD_FORM.fullmatch(iri):
                self.warn("reserved @id value", f"{iri!r} is reserved")
                restore()
                return False
            if iri != term:
                expanded = self._expand_local(active, local, iri, defined)
                if expanded is None or not (is_absolute(expanded) or is_keyword(expanded)):
                    raise JsonLdError("invalid IRI mapping", f"{term!r} does not map to an IRI")
                if _IRI_LIKE_TERM.search(term):
                    term_defined = {**defined, term: True}
                    if self._expand_local(active, local, term, term_defined) != expanded:
                        raise JsonLdError(
                            "invalid IRI mapping",
                            f"{term!r} looks like an IRI it does not expand to",
                        )
                mapping.iri = expanded
                mapping.prefix = bool(
                    simple and not mapping.has_colon and _GEN_DELIM_END.search(expanded)
                )
                return True
        # No usable @id: derive the IRI from a prefix, @type, or the vocabulary mapping.
        if mapping.has_colon:
            prefix, suffix = term.split(":", 1)
            if prefix in local:
                self._define(active, local, prefix, defined)
            prefix_term = active.terms.get(prefix)
            mapping.iri = (prefix_term.iri or "") + suffix if prefix_term is not None else term
        elif term == "@type":
            mapping.iri = term
        else:
            if active.vocab is None:
                raise JsonLdError("invalid IRI mapping", f"term {term!r} has no @id and no @vocab")
            mapping.iri = active.vocab + term
        return True

    def _set_options(
        self,
        active: ActiveContext,
        local: dict[str, Any],
        term: str,
        value: dict[str, Any],
        mapping: Term,
        defined: dict[str, bool],
    ) -> None:
        if "@type" in value:
            kind = value["@type"]
            if not isinstance(kind, str):
                raise JsonLdError("invalid type mapping", "@type must be a string")
            if kind not in ("@json", "@none", "@id", "@vocab"):
                kind = self._expand_local(active, local, kind, defined)
                if kind is None or not is_absolute(kind) or kind.startswith("_:"):
                    raise JsonLdError("invalid type mapping", f"{term!r} @type is not an IRI")
            mapping.type = kind
        if "@container" in value:
            mapping.container = self._container(value["@container"], mapping)
        if "@index" in value:
            index = value["@index"]
            if "@index" not in mapping.container:
                raise JsonLdError("invalid term definition", "@index needs an @index container")
            if not isinstance(index, str) or index.startswith("@"):
                raise JsonLdError("invalid term definition", "@index must expand to an IRI")
            mapping.index = index
        if "@context" in value:
            mapping.context = value["@context"]
        if "@language" in value and "@type" not in value:
            language = value["@language"]
            if language is not None and not isinstance(language, str):
                raise JsonLdError("invalid language mapping", "@language must be a string")
            mapping.language = language.lower() if language is not None else None
        if "@prefix" in value:
            if re.search(r"[:/]", term):
                raise JsonLdError("invalid term definition", "@prefix on a compact IRI term")
            if is_keyword(mapping.iri):
                raise JsonLdError("invalid term definition", "a keyword cannot be a prefix")
            if not isinstance(value["@prefix"], bool):
                raise JsonLdError("invalid @prefix value", "@prefix must be a boolean")
            mapping.prefix = value["@prefix"]
        if "@direction" in value:
            direction = value["@direction"]
            if direction not in (None, "ltr", "rtl"):
                raise JsonLdError("invalid base direction", "@direction must be ltr or rtl")
            mapping.direction = direction
        if "@nest" in value:
            nest = value["@nest"]
            if not isinstance(nest, str) or (nest != "@nest" and nest.startswith("@")):
                raise JsonLdError("invalid @nest value", "@nest must be a term or @nest")
            mapping.nest = nest

    @staticmethod
    def _container(raw: Any, mapping: Term) -> tuple[str, ...]:
        container = [raw] if isinstance(raw, str) else (raw or [])
        if not isinstance(container, list) or not all(isinstance(c, str) for c in container):
            raise JsonLdError("invalid container mapping", "@container must be strings")
        valid = all(c in _CONTAINERS for c in container)
        if "@list" in container:
            valid = valid and len(container) == 1
        elif "@graph" in container:
            valid = valid and all(c in ("@graph", "@id", "@index", "@set") for c in container)
        else:
            valid = valid and len(container) <= (2 if "@set" in container else 1)
        if "@type" in container:
            mapping.type = mapping.type or "@id"
            if mapping.type not in ("@id", "@vocab"):
                raise JsonLdError("invalid type mapping", "@type containers need @id or @vocab")
        if not valid:
            raise JsonLdError("invalid container mapping", f"unsupported @container {raw!r}")
        if mapping.reverse and any(c not in ("@index", "@set") for c in container):
            raise JsonLdError("invalid reverse property", "reverse terms allow @index or @set")
        return tuple(container)

    def _expand_local(
        self, active: ActiveContext, local: dict[str, Any], value: str, defined: dict[str, bool]
    ) -> str | None:
        """IRI expansion during context processing: defines dependencies first."""
        if is_keyword(value):
            return value
        if KEYWORD_FORM.fullmatch(value):
            return None
        if value in local and defined.get(value) is not True:
            self._define(active, local, value, defined)
        colon = value.find(":")
        if colon > 0:
            prefix = value[:colon]
            if prefix != "_" and not value[colon + 1 :].startswith("//") and prefix in local:
                self._define(active, local, prefix, defined)
        active.iri_cache.clear()
        return expand_iri(active, value, vocab=True, processing_base=self.base)


def initial_context() -> ActiveContext:
    return ActiveContext()


__all__ = ["UNSET", "ContextProcessor", "initial_context"]
