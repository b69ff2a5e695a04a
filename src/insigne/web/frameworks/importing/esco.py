"""ESCO's CSV downloads: ``skills_<lang>.csv`` and the collections such as
``transversalSkillsCollection_<lang>.csv``.

Columns used: ``conceptUri`` and ``preferredLabel`` (required), ``conceptType``, ``skillType``,
``altLabels`` (one per line, or separated by ``|``), ``description``, and in the collections
``broaderConceptUri`` / ``broaderConceptPT`` (parents, separated by ``|``), which give the
tree. One file is one language: importing the other language's file of the same collection
into the same framework adds its labels to the items with the same ``conceptUri``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO
from urllib.parse import urlsplit

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Framework, Item
from ..text import one_line
from . import reading
from .report import ImportRefusedError, Outcome, Problems
from .writing import BATCH, ItemWriter, item_search_text, set_parents

REQUIRED = ("conceptUri", "preferredLabel")
SIGNATURE = "conceptUri"
_SPLIT = re.compile(r"\s*(?:\r?\n|\|)\s*")
MAX_LABEL = 1000


def file_language(name: str) -> str:
    """``skills_fr.csv`` → ``fr``; empty when the name does not say."""
    match = re.search(r"_([a-z]{2})(?:[-_][A-Za-z]{2})?\.csv$", name)
    return match.group(1) if match else ""


def is_http_uri(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value


def split(value: str | None) -> list[str]:
    return [part for part in (one_line(p) for p in _SPLIT.split(value or "")) if part]


class _Reader:
    def __init__(self, framework: Framework, language: str) -> None:
        self.framework = framework
        self.language = language
        self.problems = Problems()
        self.writer = ItemWriter(framework)
        self.existing: dict[str, int] = dict(
            framework.items.exclude(source_uri="").values_list("source_uri", "pk")
        )
        self.seen: dict[str, int] = {}  # conceptUri → line
        self.broader: dict[str, str] = {}  # conceptUri → its first broader concept
        self.group_labels: dict[str, str] = {}  # broader concepts named by broaderConceptPT
        self.updates: dict[int, tuple[str, str, list[str]]] = {}  # item pk → label, text, alt
        self.updated = 0

    def row(self, line: int, row: dict[str, str], columns: int) -> None:
        before = self.problems.count
        problem = reading.column_count_problem(row, columns)
        if problem:
            self.problems.add(problem, line=line)
            return
        uri = (row.get("conceptUri") or "").strip()
        label = one_line(row.get("preferredLabel") or "")
        if not uri:
            self.problems.add(_("la colonne conceptUri est vide."), line=line)
        elif not is_http_uri(uri) or len(uri) > 500:
            self.problems.add(
                _("conceptUri « %(uri)s » n'est pas une adresse http(s).") % {"uri": uri[:80]},
                line=line,
            )
        elif uri in self.seen:
            self.problems.add(
                _("conceptUri %(uri)s figure déjà ligne %(first)s.")
                % {"uri": uri, "first": self.seen[uri]},
                line=line,
            )
        if not label:
            self.problems.add(_("la colonne preferredLabel est vide."), line=line)
        elif len(label) > MAX_LABEL:
            self.problems.add(
                _("preferredLabel dépasse %(max)s caractères.") % {"max": MAX_LABEL}, line=line
            )
        parents = split(row.get("broaderConceptUri"))
        parent_labels = split(row.get("broaderConceptPT"))
        for parent in parents:
            if not is_http_uri(parent) or len(parent) > 500:
                self.problems.add(
                    _("broaderConceptUri « %(uri)s » n'est pas une adresse http(s).")
                    % {"uri": parent[:80]},
                    line=line,
                )
        if self.problems.count > before:
            return
        self.seen[uri] = line
        if len(parents) == len(parent_labels):
            for parent, parent_label in zip(parents, parent_labels, strict=True):
                self.group_labels.setdefault(parent, parent_label[:MAX_LABEL])
        if parents:
            self.broader[uri] = parents[0]
        if self.problems:
            return  # the file will be refused: only look for more problems
        alt = split(row.get("altLabels"))[:50]
        description = (row.get("description") or "").strip()[:5000]
        if uri in self.existing:
            self.updates[self.existing[uri]] = (label, description, alt)
            if len(self.updates) >= BATCH:
                self._apply_updates()
            return
        kind = one_line(row.get("skillType") or "") or one_line(row.get("conceptType") or "")
        item = Item(
            full_statement=label,
            item_type=kind[:120],
            language=self.language,
            notes=description,
            concept_keywords=alt,
            source_uri=uri,
            sequence=line,
        )
        self.writer.add(uri, item)
        self.writer.add_exact_match(uri, uri, label)

    def finish(self) -> Outcome:
        for uri, label in self.group_labels.items():
            if uri in self.seen:
                continue  # the file has its own row: that row's label wins
            if uri in self.existing:
                self.updates[self.existing[uri]] = (label, "", [])
            elif uri not in self.writer.pks:
                group = Item(
                    full_statement=label, language=self.language, source_uri=uri, sequence=0
                )
                self.writer.add(uri, group)
                self.writer.add_exact_match(uri, uri, label)
        self._apply_updates()
        self.writer.flush()
        known = {**self.existing, **self.writer.pks}
        set_parents(
            (known[child], known[parent])
            for child, parent in self.broader.items()
            if child in known and parent in known and child != parent
        )
        return Outcome(created=self.writer.created, updated=self.updated)

    def _apply_updates(self) -> None:
        if not self.updates:
            return
        items = list(Item.objects.filter(pk__in=self.updates))
        for item in items:
            label, description, alt = self.updates[item.pk]
            if item.language in ("", self.language):
                item.full_statement = label
                item.notes = description or item.notes
                item.concept_keywords = alt or item.concept_keywords
            else:
                translations = dict(item.translations or {})
                translations[self.language] = {
                    "fullStatement": label,
                    "notes": description,
                    "conceptKeywords": alt,
                }
                item.translations = translations
        now = timezone.now()
        for item in items:
            item.search_text = item_search_text(item)
            item.updated_at = now
        fields = ["full_statement", "notes", "concept_keywords", "translations", "search_text"]
        fields.append("updated_at")
        Item.objects.bulk_update(items, fields)
        self.updated += len(items)
        self.updates = {}


def read(binary: IO[bytes], framework: Framework, *, language: str) -> Outcome:
    """Read an ESCO CSV file into ``framework`` (new, or an earlier import of the collection).

    Raises :class:`ImportRefusedError` listing every bad row; the caller's transaction then drops
    whatever was written.
    """
    with reading.csv_rows(binary) as (header, records):
        return _read(framework, language, header, records)


def _read(
    framework: Framework,
    language: str,
    header: list[str],
    records: Iterator[tuple[int, dict[str, str]]],
) -> Outcome:
    missing = reading.missing_columns(header, REQUIRED)
    if missing:
        raise ImportRefusedError(
            _(
                "Ce fichier n'a pas les colonnes d'un fichier ESCO : il manque %(missing)s "
                "(colonnes attendues : conceptType, conceptUri, preferredLabel, altLabels, "
                "description…)."
            )
            % {"missing": ", ".join(missing)}
        )
    reader = _Reader(framework, language)
    for line, row in records:
        reader.row(line, row, len(header))
    if reader.problems:
        raise ImportRefusedError(reader.problems)
    if not reader.seen:
        raise ImportRefusedError(_("Le fichier ne contient aucune compétence."))
    return reader.finish()
