"""Schema issues and the collector the validation rules report into."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..text import Text
from . import messages

Severity = Literal["error", "warning"]

MAX_DEPTH = 64
MAX_ISSUES = 200


@dataclass(frozen=True)
class SchemaIssue:
    """One problem found in a document.

    ``path`` is a JSON Pointer to the member (``/credentialSubject/achievement/criteria``;
    ``""`` is the whole document). ``code`` is a short, stable English identifier:
    ``required``, ``null``, ``type`` (wrong JSON type), ``class`` (``type`` member lacks the
    expected class), ``enum``, ``format``, ``closed-object``, ``empty``, ``context``,
    ``context-order``, ``context-version``, ``older-format``, ``date-order``, ``reference``,
    ``unsigned``, ``depth``, ``too-many-issues``.
    """

    path: str
    code: str
    message: Text
    severity: Severity = "error"


class IssueLimitReachedError(Exception):
    """Raised once MAX_ISSUES is reached: a hostile document gets no more of our time."""


class Checker:
    """Collects issues while the rules walk a document.

    ``ob`` selects the Open Badges rules; without it only the VC Data Model 2.0 rules apply.
    """

    __slots__ = ("issues", "ob")

    def __init__(self, *, ob: bool) -> None:
        self.ob = ob
        self.issues: list[SchemaIssue] = []

    def error(self, path: str, code: str, message: Text) -> None:
        """Report an error at ``path``."""
        self._add(SchemaIssue(path, code, message, "error"))

    def warning(self, path: str, code: str, message: Text) -> None:
        """Report a warning at ``path``: the document stays usable."""
        self._add(SchemaIssue(path, code, message, "warning"))

    def _add(self, issue: SchemaIssue) -> None:
        if len(self.issues) >= MAX_ISSUES:
            self.issues.append(
                SchemaIssue("", "too-many-issues", messages.too_many_issues(MAX_ISSUES))
            )
            raise IssueLimitReachedError
        self.issues.append(issue)


def pointer(path: str, key: str | int) -> str:
    """``path`` extended by one JSON Pointer step (``~`` and ``/`` escaped, RFC 6901)."""
    if isinstance(key, int):
        return f"{path}/{key}"
    if "~" in key or "/" in key:
        key = key.replace("~", "~0").replace("/", "~1")
    return f"{path}/{key}"
