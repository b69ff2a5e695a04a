"""What each column of an award list means, from its header, in French or English.

Headers are compared without case, accents or punctuation: « Adresse électronique »,
"E-mail" and "courriel" all name the learner's address. A competence's level goes in a
column named after the competence, or ``niveau:<competence>`` / ``level:<competence>``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..badges.models import Competence
from ..folding import folded

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "email": (
        "email", "e mail", "mail", "courriel", "adresse", "adresse email", "adresse e mail",
        "adresse mail", "adresse electronique", "adresse courriel", "email address",
        "e mail address", "address",
    ),
    "name": (
        "nom", "name", "nom complet", "full name", "nom et prenom", "prenom et nom",
        "nom prenom", "prenom nom", "beneficiaire", "recipient", "recipient name",
    ),
    "first_name": ("prenom", "first name", "firstname", "given name"),
    "last_name": ("nom de famille", "last name", "lastname", "family name", "surname"),
    "language": ("langue", "language", "lang", "langue du courriel", "email language"),
    "date": (
        "date", "date d attribution", "date attribution", "date de delivrance",
        "date d obtention", "award date", "awarded on", "awarded at", "issued on",
    ),
    "narrative": (
        "commentaire", "commentaires", "narrative", "comment", "comments", "appreciation",
    ),
    "evidence_url": (
        "preuve url", "evidence url", "url preuve", "url de la preuve", "lien preuve",
        "lien de la preuve", "lien vers la preuve", "evidence link", "evidence address",
    ),
    "evidence": ("preuve", "preuves", "evidence", "texte de la preuve", "evidence text"),
}  # fmt: skip
_BY_HEADER = {synonym: field for field, names in _SYNONYMS.items() for synonym in names}
_LEVEL_PREFIX = re.compile(r"\s*(?:niveau|level)\s*:\s*(.+)", re.IGNORECASE)


def fold(text: str) -> str:
    """Lower case, no accents, words separated by single spaces: how headers are compared."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", folded(text)).split())


@dataclass(frozen=True)
class Column:
    index: int
    header: str
    field: str  # one of _SYNONYMS' keys, or "level"
    competence: str = ""  # for "level": the competence's name


@dataclass(frozen=True)
class Layout:
    columns: list[Column]
    ignored: list[str]  # headers that mean nothing here, reported to the person

    def index(self, field: str) -> int | None:
        return next((c.index for c in self.columns if c.field == field), None)

    @property
    def levels(self) -> list[Column]:
        return [c for c in self.columns if c.field == "level"]


def layout(header: Sequence[str], competences: Sequence[Competence]) -> Layout:
    """Columns of ``header`` for a badge with ``competences``; the first of duplicates wins.

    A competence without levels takes no column (there is nothing to record per learner)."""
    scaled = {fold(c.name): c.name for c in competences if c.levels}
    columns: list[Column] = []
    ignored: list[str] = []
    taken: set[str] = set()
    for index, raw in enumerate(header):
        title = raw.strip()
        if not title:
            continue
        prefixed = _LEVEL_PREFIX.fullmatch(title)
        key = fold(prefixed.group(1)) if prefixed else fold(title)
        field = "" if prefixed else _BY_HEADER.get(key, "")
        competence = ""
        if not field and key in scaled:
            field, competence = "level", scaled[key]
        slot = f"level:{competence}" if field == "level" else field
        if not field or slot in taken:
            ignored.append(title)
            continue
        taken.add(slot)
        columns.append(Column(index, title, field, competence))
    if "name" not in taken and "last_name" in taken:
        # « Prénom » + « Nom de famille »: the last name stands for the name.
        columns = [
            Column(c.index, c.header, "name") if c.field == "last_name" else c for c in columns
        ]
    return Layout(columns, ignored)


def meaning(column: Column) -> str:
    """What a recognised column is used for, in words (shown in the preview)."""
    labels = {
        "email": _("adresse électronique"),
        "name": _("nom"),
        "first_name": _("prénom"),
        "last_name": _("nom"),
        "language": _("langue du courriel"),
        "date": _("date d'attribution"),
        "narrative": _("commentaire"),
        "evidence_url": _("adresse de la preuve"),
        "evidence": _("texte de la preuve"),
    }
    if column.field == "level":
        return _("niveau atteint pour « %(competence)s »") % {"competence": column.competence}
    return labels[column.field]
