"""User-facing text in both languages Insigne ships: French first, English."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    fr: str
    en: str

    def get(self, language: str) -> str:
        """The text in ``language`` ("fr" or "en"; anything else falls back to French)."""
        return self.en if language.lower().startswith("en") else self.fr

    def __str__(self) -> str:
        return self.en
