"""What an import did, or why it was refused: bad rows with their line and the reason."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

SHOWN = 100  # problems kept for the page; the rest are only counted


@dataclass(frozen=True)
class Problem:
    line: int | None  # the file's line (CSV) or None for a whole-file problem
    message: str
    where: str = ""  # e.g. "CFItems[3]" in a CASE package

    def __str__(self) -> str:
        if self.line is not None:
            return _("Ligne %(line)s : %(message)s") % {"line": self.line, "message": self.message}
        if self.where:
            return f"{self.where} : {self.message}"
        return self.message


@dataclass
class Problems:
    shown: list[Problem] = field(default_factory=list)
    count: int = 0

    def add(self, message: str, *, line: int | None = None, where: str = "") -> None:
        self.count += 1
        if len(self.shown) < SHOWN:
            self.shown.append(Problem(line, message, where))

    def __bool__(self) -> bool:
        return self.count > 0


class ImportRefusedError(Exception):
    """Nothing was stored: the file has the problems listed."""

    def __init__(self, problems: Problems | str) -> None:
        if isinstance(problems, str):
            single = Problems()
            single.add(problems)
            problems = single
        self.problems = problems
        super().__init__(f"{problems.count} problem(s)")


@dataclass
class Outcome:
    """A successful import: the framework written and what changed in it."""

    created: int = 0  # items added
    updated: int = 0  # items whose labels were completed or replaced
    skipped: int = 0  # rows outside the chosen part of the file
    notes: list[str] = field(default_factory=list)
