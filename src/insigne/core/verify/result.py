"""The verdict of a verification: one frozen result with every check, in French and English."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..outcome import Check, Outcome
from ..text import Text

__all__ = ["Check", "Outcome", "VerificationResult"]


@dataclass(frozen=True)
class VerificationResult:
    """What was given, what it is, and whether it holds.

    ``verified`` is true when no check failed and at least one proof was verified; warnings
    alone do not make a credential unverified. ``credential`` is the credential as found (for
    a JWT: its payload), for display only: never re-serialise it to sign it.
    """

    kind: str  # "ob3", "ob2" or "unknown"
    format: str  # "json", "jwt", "ob2-hosted", "ob2-signed", "unknown"
    container: str | None  # "png", "svg" or None
    checks: tuple[Check, ...]
    credential: dict[str, Any] | None = None
    endorsements: tuple[VerificationResult, ...] = field(default=())
    revoked: bool = False

    @property
    def verified(self) -> bool:
        proven = any(c.name == "proof" and c.outcome is Outcome.PASS for c in self.checks)
        return proven and not any(c.outcome is Outcome.FAIL for c in self.checks)

    def failures(self) -> list[Check]:
        return [c for c in self.checks if c.outcome is Outcome.FAIL]

    def warnings(self) -> list[Check]:
        return [c for c in self.checks if c.outcome is Outcome.WARNING]

    def summary(self) -> Text:
        if self.verified and not self.warnings():
            return Text("Badge vérifié.", "Badge verified.")
        if self.verified:
            return Text("Badge vérifié, avec des réserves.", "Badge verified, with warnings.")
        if self.revoked:
            return Text("Badge révoqué par son émetteur.", "Badge revoked by its issuer.")
        return Text("Badge non vérifié.", "Badge not verified.")

    def to_json(self, language: str | None = None) -> dict[str, Any]:
        summary = self.summary()
        out: dict[str, Any] = {
            "verified": self.verified,
            "kind": self.kind,
            "format": self.format,
            "container": self.container,
            "summary": summary.get(language) if language else {"fr": summary.fr, "en": summary.en},
            "checks": [c.to_json(language) for c in self.checks],
        }
        if self.endorsements:
            out["endorsements"] = [e.to_json(language) for e in self.endorsements]
        if self.credential is not None:
            out["credential"] = self.credential
        return out
