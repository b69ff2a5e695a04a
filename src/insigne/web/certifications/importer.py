"""Importing France Compétences' export: every row is checked first, then everything is
written in one transaction, so an import with a single bad row stores nothing.

Both passes stream the files (see ``export_files``) and write in batches; what stays in
memory is bounded by the number of fiches (their codes), never by the size of the files.
Re-importing updates fiches in place by ``Numero_Fiche``. When the blocs (or certifiers)
file is part of the import, the blocs (or certifiers) of each fiche it covers are replaced
by those of the file; fiches are never deleted (an export may be partial, badges keep
their code).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import transaction
from django.utils import timezone

from .export_files import FileError, Source, Table, identify, rows
from .models import Bloc, Fiche
from .rows import (
    BlocRow,
    CertifierRow,
    FicheRow,
    ReplacementRow,
    RowError,
    parse_bloc,
    parse_certifier,
    parse_fiche,
    parse_replacement,
    searchable,
)

MAX_SHOWN = 200
BATCH = 500
PROGRESS_EVERY = 2000
FRANCE_COMPETENCES = "France compétences (Licence Ouverte 2.0)"
_FICHE_FIELDS = [
    "kind", "fiche_id", "title", "abbreviation", "abbreviation_label", "level", "level_label",
    "active", "registration_type", "decision_date", "effective_date", "end_date",
    "journal_date", "search_text", "source", "export_date", "imported_at",
]  # fmt: skip
_PARSERS: dict[Table, Callable[[dict[str, str]], Any]] = {
    Table.STANDARD: parse_fiche,
    Table.BLOCS: parse_bloc,
    Table.CERTIFIERS: parse_certifier,
    Table.REPLACEMENTS: parse_replacement,
}
Progress = Callable[[str, int], None]  # (phase "checking" or "writing", rows so far)
T = TypeVar("T")


@dataclass(frozen=True)
class Problem:
    """Why a file or a row was refused; ``line`` is 0 for the file as a whole."""

    file: str
    line: int
    code: str
    values: dict[str, str | int] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "code": self.code, "values": self.values}


@dataclass
class Report:
    """What an import found and did; stored as JSON on the import record."""

    files: list[dict[str, Any]] = field(default_factory=list)  # name, table, rows
    problems: list[Problem] = field(default_factory=list)  # the first MAX_SHOWN
    problem_count: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    export_date: datetime.date | None = None

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    def add(self, problem: Problem) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_SHOWN:
            self.problems.append(problem)

    def as_json(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "problems": [p.as_json() for p in self.problems],
            "problem_count": self.problem_count,
            "counts": self.counts,
            "export_date": self.export_date.isoformat() if self.export_date else None,
        }


class ImportRefusedError(Exception):
    """Nothing was stored; ``report`` says why."""

    def __init__(self, report: Report) -> None:
        super().__init__(f"{report.problem_count} problem(s)")
        self.report = report


def import_export(
    sources: Iterable[Source],
    *,
    source: str = FRANCE_COMPETENCES,
    progress: Progress | None = None,
    now: datetime.datetime | None = None,
) -> Report:
    """Check then store the tables found in ``sources``; raises ImportRefusedError, storing
    nothing, when a file or a row is refused. ``source`` is recorded on every fiche."""
    tables, report = plan(sources)
    if report.ok:
        check(tables, report, progress)
    if not report.ok:
        raise ImportRefusedError(report)
    if progress is not None:
        progress("writing", 0)
    with transaction.atomic():
        _Writer(tables, report, source, now or timezone.now(), progress).write()
    return report


def plan(sources: Iterable[Source]) -> tuple[dict[Table, Source], Report]:
    """Which source holds which table; files of other tables of the export are listed only."""
    report = Report()
    tables: dict[Table, Source] = {}
    for found in sources:
        try:
            table = identify(found)
        except FileError as error:
            report.add(Problem(found.name, 0, error.code, error.values))
            continue
        report.files.append({"name": found.name, "table": table.label if table else None})
        if table is None:
            continue
        if table in tables:
            report.add(
                Problem(found.name, 0, "duplicate_table", {"table": table.label,
                                                          "other": tables[table].name})
            )  # fmt: skip
            continue
        tables[table] = found
        if table is Table.STANDARD or report.export_date is None:
            report.export_date = found.export_date
    if not tables and report.ok:
        report.add(Problem("", 0, "no_table"))
    return tables, report


def _parsed(source: Source, table: Table, report: Report | None) -> Iterator[tuple[int, Any]]:
    """(line, parsed row) of ``source``; a bad row goes to ``report``, or raises
    ImportRefusedError when there is no report to fill (the writing pass)."""
    parse = _PARSERS[table]
    try:
        for line, row in rows(source):
            try:
                if "__fields__" in row:
                    raise RowError("fields", count=int(row["__fields__"]))
                yield line, parse(row)
            except RowError as error:
                problem = Problem(source.name, line, error.code, error.values)
                if report is None:
                    raise ImportRefusedError(_single(problem)) from error
                report.add(problem)
    except FileError as error:
        problem = Problem(source.name, 0, error.code, error.values)
        if report is None:
            raise ImportRefusedError(_single(problem)) from error
        report.add(problem)


def _single(problem: Problem) -> Report:
    report = Report()
    report.add(problem)
    return report


def check(tables: dict[Table, Source], report: Report, progress: Progress | None) -> None:
    """Read every row of every table, recording the refused ones in ``report``."""
    counted = 0

    def tick() -> None:
        nonlocal counted
        counted += 1
        if progress is not None and counted % PROGRESS_EVERY == 0:
            progress("checking", counted)

    first_line: dict[str, int] = {}
    if Table.STANDARD in tables:
        source = tables[Table.STANDARD]
        total = 0
        for line, fiche in _parsed(source, Table.STANDARD, report):
            total += 1
            tick()
            if fiche.code in first_line:
                report.add(
                    Problem(source.name, line, "duplicate", {"code": fiche.code,
                                                             "first": first_line[fiche.code]})
                )  # fmt: skip
            else:
                first_line[fiche.code] = line
        _count_rows(report, source, total)
    for table in (Table.BLOCS, Table.CERTIFIERS, Table.REPLACEMENTS):
        if table not in tables:
            continue
        source = tables[table]
        pending: list[tuple[int, str]] = []
        total = 0
        for line, row in _parsed(source, table, report):
            total += 1
            tick()
            if row.fiche not in first_line:
                pending.append((line, row.fiche))
            if len(pending) >= BATCH:
                _check_known(source, pending, report)
                pending = []
        _check_known(source, pending, report)
        _count_rows(report, source, total)
    if progress is not None:
        progress("checking", counted)


def _count_rows(report: Report, source: Source, total: int) -> None:
    for entry in report.files:
        if entry["name"] == source.name:
            entry["rows"] = total


def _check_known(source: Source, pending: list[tuple[int, str]], report: Report) -> None:
    """Rows naming a fiche neither in the Standard file nor already imported are refused."""
    if not pending:
        return
    known = set(
        Fiche.objects.filter(code__in={c for _l, c in pending}).values_list("code", flat=True)
    )
    for line, code in pending:
        if code not in known:
            report.add(Problem(source.name, line, "unknown_fiche", {"code": code}))


def _batches(items: Iterable[tuple[int, T]], size: int = BATCH) -> Iterator[list[T]]:
    batch: list[T] = []
    for _line, item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Writer:
    """The writing pass, inside the caller's transaction."""

    def __init__(
        self,
        tables: dict[Table, Source],
        report: Report,
        source: str,
        now: datetime.datetime,
        progress: Progress | None,
    ) -> None:
        self.tables = tables
        self.report = report
        self.source = source[:200]
        self.now = now
        self.progress = progress
        self.counts = dict.fromkeys(
            ("fiches_created", "fiches_updated", "blocs", "certifiers", "replacements"), 0
        )
        # Fiches whose blocs / certifiers were already cleared for replacement.
        self.blocs_cleared: set[str] = set()
        self.certifiers_cleared: set[str] = set()

    def write(self) -> None:
        steps = (
            (Table.STANDARD, self._fiches),
            (Table.BLOCS, self._blocs),
            (Table.CERTIFIERS, self._certifiers),
            (Table.REPLACEMENTS, self._replacements),
        )
        written = 0
        for table, write in steps:
            if table not in self.tables:
                continue
            for batch in _batches(_parsed(self.tables[table], table, None)):
                write(batch)
                written += len(batch)
                if self.progress is not None:
                    self.progress("writing", written)
        self.report.counts = self.counts

    def _ids(self, codes: Iterable[str]) -> dict[str, int]:
        found = dict(Fiche.objects.filter(code__in=set(codes)).values_list("code", "pk"))
        missing = set(codes) - set(found)
        if missing:  # removed since the check: refuse rather than store half
            code = sorted(missing)[0]
            raise ImportRefusedError(_single(Problem("", 0, "unknown_fiche", {"code": code})))
        return found

    def _fiches(self, batch: list[FicheRow]) -> None:
        by_code = {row.code: row for row in batch}
        existing = {f.code: f for f in Fiche.objects.filter(code__in=by_code)}
        created: list[Fiche] = []
        updated: list[Fiche] = []
        for code, row in by_code.items():
            fiche = existing.get(code) or Fiche(code=code)
            self._fill(fiche, row)
            (updated if fiche.pk else created).append(fiche)
        Fiche.objects.bulk_create(created)
        Fiche.objects.bulk_update(updated, [*_FICHE_FIELDS, "replaced_by", "certifiers"])
        self.counts["fiches_created"] += len(created)
        self.counts["fiches_updated"] += len(updated)
        if Table.BLOCS in self.tables:
            Bloc.objects.filter(fiche__in=updated).delete()
            self.blocs_cleared.update(by_code)
        if Table.CERTIFIERS in self.tables:
            self.certifiers_cleared.update(by_code)

    def _fill(self, fiche: Fiche, row: FicheRow) -> None:
        for name in ("kind", "fiche_id", "title", "abbreviation", "abbreviation_label", "level",
                     "level_label", "active", "registration_type", "decision_date",
                     "effective_date", "end_date", "journal_date"):  # fmt: skip
            setattr(fiche, name, getattr(row, name))
        fiche.search_text = searchable(row.code, row.title, row.abbreviation,
                                       row.abbreviation_label)  # fmt: skip
        fiche.source = self.source
        fiche.export_date = self.report.export_date
        fiche.imported_at = self.now
        if Table.REPLACEMENTS in self.tables or fiche.pk is None:
            fiche.replaced_by = []
        if Table.CERTIFIERS in self.tables or fiche.pk is None:
            fiche.certifiers = []

    def _clear_blocs(self, codes: set[str], ids: dict[str, int]) -> None:
        fresh = codes - self.blocs_cleared
        if fresh:
            Bloc.objects.filter(fiche_id__in=[ids[c] for c in fresh]).delete()
            self.blocs_cleared.update(fresh)

    def _blocs(self, batch: list[BlocRow]) -> None:
        by_code = {row.code: row for row in batch}
        ids = self._ids(row.fiche for row in batch)
        self._clear_blocs({row.fiche for row in batch}, ids)
        existing = {b.code: b for b in Bloc.objects.filter(code__in=by_code)}
        created: list[Bloc] = []
        updated: list[Bloc] = []
        for code, row in by_code.items():
            bloc = existing.get(code) or Bloc(code=code)
            bloc.fiche_id = ids[row.fiche]
            bloc.label = row.label
            bloc.search_text = searchable(code, row.label)
            (updated if bloc.pk else created).append(bloc)
        Bloc.objects.bulk_create(created)
        Bloc.objects.bulk_update(updated, ["fiche", "label", "search_text"])
        self.counts["blocs"] += len(by_code)

    def _certifiers(self, batch: list[CertifierRow]) -> None:
        self._ids(row.fiche for row in batch)
        fiches = {f.code: f for f in Fiche.objects.filter(code__in={r.fiche for r in batch})}
        for code in set(fiches) - self.certifiers_cleared:
            fiches[code].certifiers = []
            self.certifiers_cleared.add(code)
        for row in batch:
            fiche = fiches[row.fiche]
            entry = {"name": row.name, "siret": row.siret}
            if entry not in fiche.certifiers:
                fiche.certifiers = [*fiche.certifiers, entry]
                self.counts["certifiers"] += 1
        Fiche.objects.bulk_update(fiches.values(), ["certifiers"])

    def _replacements(self, batch: list[ReplacementRow]) -> None:
        wanted = [row for row in batch if row.replaced_by]
        self._ids(row.fiche for row in batch)
        fiches = {f.code: f for f in Fiche.objects.filter(code__in={r.fiche for r in wanted})}
        changed = {}
        for row in wanted:
            fiche = fiches[row.fiche]
            if row.replaced_by not in fiche.replaced_by:
                fiche.replaced_by = [*fiche.replaced_by, row.replaced_by]
                changed[fiche.code] = fiche
                self.counts["replacements"] += 1
        Fiche.objects.bulk_update(changed.values(), ["replaced_by"])
