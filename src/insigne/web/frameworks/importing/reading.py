"""Reading an uploaded CSV file row by row, as text, without loading it whole."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from django.utils.translation import gettext as _

from .report import ImportRefusedError

csv.field_size_limit(1_000_000)  # ESCO descriptions are long; a runaway field is still refused


def text_stream(binary: IO[bytes]) -> io.TextIOWrapper:
    """``binary`` decoded as UTF-8 (a byte order mark is dropped), read in small chunks."""
    binary.seek(0)
    return io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")


def sniff_delimiter(header: str) -> str:
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    return max(counts, key=lambda sep: counts[sep])


@contextmanager
def csv_rows(
    binary: IO[bytes],
) -> Iterator[tuple[list[str], Iterator[tuple[int, dict[str, str]]]]]:
    """The header's column names, and each following row with the line it starts on.

    The uploaded file stays open (and is the caller's to close) after the block. Raises
    :class:`ImportRefusedError` when the file is empty, not UTF-8 text, or malformed CSV.
    """
    stream = text_stream(binary)
    try:
        yield _read(stream)
    finally:
        stream.detach()


def _read(stream: io.TextIOWrapper) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    try:
        header_line = stream.readline()
    except UnicodeDecodeError as error:
        raise ImportRefusedError(_not_utf8(1)) from error
    if not header_line.strip():
        raise ImportRefusedError(_("Le fichier est vide."))
    delimiter = sniff_delimiter(header_line)
    header = [name.strip() for name in next(csv.reader([header_line], delimiter=delimiter))]
    reader = csv.reader(stream, delimiter=delimiter)

    def records() -> Iterator[tuple[int, dict[str, str]]]:
        last = 1
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as error:
                raise ImportRefusedError(_not_utf8(last + 1)) from error
            except csv.Error as error:
                raise ImportRefusedError(
                    _("Ligne %(line)s : le fichier CSV est mal formé (%(error)s).")
                    % {"line": last + 1, "error": error}
                ) from error
            start, last = last + 1, reader.line_num + 1
            if not any(value.strip() for value in values):
                continue
            row = dict(zip(header, values, strict=False))
            if len(values) != len(header):
                row["\0count"] = str(len(values))
            yield start, row

    return header, records()


def column_count_problem(row: dict[str, str], expected: int) -> str | None:
    found = row.get("\0count")
    if found is None:
        return None
    return _("%(found)s colonnes au lieu de %(expected)s.") % {
        "found": found,
        "expected": expected,
    }


def missing_columns(header: list[str], required: tuple[str, ...]) -> list[str]:
    return [name for name in required if name not in header]


def _not_utf8(line: int) -> str:
    return _(
        "Le fichier n'est pas encodé en UTF-8 (vers la ligne %(line)s). Enregistrez-le en "
        "UTF-8, ou prenez la version « utf8 » du fichier publié."
    ) % {"line": line}
