"""Errors raised while turning JSON-LD into RDF."""

from __future__ import annotations


class JsonLdError(ValueError):
    """The document is not valid JSON-LD, or uses a feature Insigne refuses.

    ``code`` is the JSON-LD error code (for example ``invalid term definition``) or, for
    safe-mode refusals, the jsonld.js event code (for example ``invalid property``).
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.detail = message


class SafeModeError(JsonLdError):
    """Safe mode refused data that plain JSON-LD would silently drop or leave relative."""


class ContextLoadError(JsonLdError):
    """A context URL is not one of the pinned or explicitly added contexts."""

    def __init__(self, url: str, message: str) -> None:
        super().__init__("loading remote context failed", message)
        self.url = url


class WorkLimitError(JsonLdError):
    """Processing this input would take more work than the configured limit allows."""
