"""Checking an award list before anything is issued: every bad row, with a plain reason.

The result is JSON-ready: the rows ready to issue (``AwardImport.rows``) and the rows left
out with their reasons (``AwardImport.problems``). Reasons are stored as codes with their
values and put into words when shown, in the language of whoever reads them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

from ...core.identity import normalize_email
from ..badges.models import Badge, BadgeVersion, Competence
from .columns import Layout, fold, layout
from .dates import EARLIEST, parse_date, today
from .models import Award
from .spreadsheets import SpreadsheetError, Table

MAX_NAME = 200
MAX_TEXT = 5000
MAX_URL = 500
_email = EmailValidator()
_url = URLValidator(schemes=["http", "https"])
_LANGUAGES = {
    "fr": "fr", "francais": "fr", "french": "fr",
    "en": "en", "anglais": "en", "english": "en",
}  # fmt: skip


@dataclass(frozen=True)
class Checked:
    rows: list[dict[str, Any]]
    problems: list[dict[str, Any]]
    layout: Layout


def holders(badge: Badge) -> set[str]:
    """Addresses that hold ``badge`` (any version) and have not had it revoked: one query."""
    return set(
        Award.objects.filter(version__badge=badge)
        .exclude(state=Award.State.REVOKED)
        .values_list("recipient_email", flat=True)
    )


def language_code(value: str) -> str | None:
    folded = fold(value)
    return _LANGUAGES.get(folded) or _LANGUAGES.get(folded.split(" ")[0] if folded else "")


def level_name(value: str, levels: Sequence[str]) -> str | None:
    """The level ``value`` names (any case or accents, or its rank: 1 is the first), or None."""
    folded = fold(value)
    for level in levels:
        if fold(level) == folded:
            return level
    if re.fullmatch(r"\d{1,2}", value.strip()) and 1 <= int(value) <= len(levels):
        return levels[int(value) - 1]
    return None


def check(table: Table, version: BadgeVersion, *, default_language: str = "fr") -> Checked:
    """Rows ready to issue and rows left out. Raises SpreadsheetError without an address column."""
    competences: list[Competence] = list(version.competences.all())
    columns = layout(table.header, competences)
    if columns.index("email") is None:
        raise SpreadsheetError(
            _(
                "Aucune colonne d'adresse électronique : la première ligne doit contenir "
                "un titre de colonne comme « courriel » ou « email »."
            )
        )
    scales = {c.name: list(c.levels) for c in competences}
    held = holders(version.badge)
    seen: dict[str, int] = {}
    rows: list[dict[str, Any]] = []
    problems: list[dict[str, Any]] = []
    context = _Context(columns, scales, today(), default_language)
    for line, cells in table.rows:
        row, reasons = _check_row(line, cells, context)
        email = row["email"]
        if email:
            if email in seen:
                reasons.append({"code": "duplicate", "first_line": seen[email]})
            else:
                seen[email] = line
                if email in held:
                    reasons.append({"code": "holder"})
        if reasons:
            problems.append({"line": line, "email": _cell(cells, columns.index("email")),
                             "reasons": reasons})  # fmt: skip
        else:
            rows.append(row)
    return Checked(rows, problems, columns)


@dataclass(frozen=True)
class _Context:
    layout: Layout
    scales: dict[str, list[str]]
    today: date
    default_language: str


def _cell(cells: Sequence[str], index: int | None) -> str:
    return cells[index] if index is not None and index < len(cells) else ""


def _check_row(
    line: int, cells: Sequence[str], context: _Context
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    columns = context.layout
    reasons: list[dict[str, Any]] = []
    raw_email = _cell(cells, columns.index("email"))
    email = normalize_email(raw_email)
    if not email:
        reasons.append({"code": "email_missing"})
    else:
        try:
            _email(email)
        except ValidationError:
            reasons.append({"code": "email_invalid", "value": raw_email})
            email = ""
    name = " ".join(
        part
        for part in (_cell(cells, columns.index("first_name")), _cell(cells, columns.index("name")))
        if part
    )
    if len(name) > MAX_NAME:
        reasons.append({"code": "too_long", "field": "name", "max": MAX_NAME})
    language = context.default_language
    raw_language = _cell(cells, columns.index("language"))
    if raw_language:
        language = language_code(raw_language) or ""
        if not language:
            reasons.append({"code": "language_unknown", "value": raw_language})
    day = _check_date(_cell(cells, columns.index("date")), context.today, reasons)
    narrative = _cell(cells, columns.index("narrative"))
    evidence = _cell(cells, columns.index("evidence"))
    for field, text in (("narrative", narrative), ("evidence", evidence)):
        if len(text) > MAX_TEXT:
            reasons.append({"code": "too_long", "field": field, "max": MAX_TEXT})
    evidence_url = _cell(cells, columns.index("evidence_url"))
    if evidence_url:
        try:
            if len(evidence_url) > MAX_URL:
                raise ValidationError("too long")
            _url(evidence_url)
        except ValidationError:
            reasons.append({"code": "url_invalid", "value": evidence_url[:200]})
    levels: dict[str, str] = {}
    for column in columns.levels:
        value = _cell(cells, column.index)
        if not value:
            continue
        scale = context.scales[column.competence]
        level = level_name(value, scale)
        if level is None:
            reasons.append(
                {"code": "level_unknown", "value": value[:100], "competence": column.competence,
                 "levels": scale}
            )  # fmt: skip
        else:
            levels[column.competence] = level
    row = {
        "line": line,
        "email": email,
        "name": name[:MAX_NAME],
        "language": language,
        "date": day.isoformat() if day else "",
        "narrative": narrative,
        "evidence_url": evidence_url,
        "evidence": evidence,
        "levels": levels,
    }
    return row, reasons


def _check_date(raw: str, today: date, reasons: list[dict[str, Any]]) -> date | None:
    if not raw:
        return None
    day = parse_date(raw)
    if day is None:
        reasons.append({"code": "date_unreadable", "value": raw[:40]})
    elif day > today:
        reasons.append({"code": "date_future", "value": raw[:40]})
    elif day < EARLIEST:
        reasons.append({"code": "date_too_old", "value": raw[:40]})
    else:
        return day
    return None
