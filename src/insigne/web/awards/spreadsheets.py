"""Reading award lists: CSV (UTF-8, Excel's French flavour, UTF-16) and .xlsx, as rows of text.

What comes out is a header and numbered rows of strings, whatever the format; the meaning of
columns is decided in ``imports.py``. Line numbers are those the person sees in a spreadsheet
program (the header is line 1), so a problem can be found again in the file.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils.formats import number_format
from django.utils.translation import gettext as _

MAX_ROWS = 50_000
MAX_COLUMNS = 200
# An .xlsx is a zip archive: refuse archives that inflate to far more than a real list would.
MAX_INFLATED_BYTES = 400 * 1024 * 1024
_DELIMITERS = (";", ",", "\t")


class SpreadsheetError(ValueError):
    """The file cannot be read as a list of rows; the message is for the person uploading."""


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (line number, cells), blank lines left out


def read_table(name: str, data: bytes, max_rows: int = MAX_ROWS) -> Table:
    """The header and rows of an uploaded file, chosen by content more than by name."""
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data, max_rows)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise SpreadsheetError(
            _(
                "Les fichiers Excel 97-2003 (.xls) ne sont pas pris en charge : "
                "enregistrez le fichier au format .xlsx ou CSV."
            )
        )
    if name.lower().endswith((".xlsx", ".xlsm")):
        raise SpreadsheetError(_("Ce fichier .xlsx est illisible ou endommagé."))
    return _read_csv(decode(data), max_rows)


def decode(data: bytes) -> str:
    """Text of a CSV file: UTF-16 with a byte-order mark, UTF-8 (BOM or not), else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # What Excel writes for "CSV (séparateur : point-virgule)" on a French Windows.
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise SpreadsheetError(
            _("Le fichier n'est pas un fichier texte lisible (encodage inconnu).")
        ) from error


def detect_delimiter(text: str) -> str:
    """The separator of the header line: the one of ; , and tab most used outside quotes."""
    line = next((candidate for candidate in text.splitlines() if candidate.strip()), "")
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(text: str, max_rows: int) -> Table:
    if "\x00" in text:
        raise SpreadsheetError(_("Le fichier n'est pas un fichier texte lisible."))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=detect_delimiter(text))
    try:
        return _collect(((n, row) for n, row in enumerate(reader, start=1)), max_rows)
    except csv.Error as error:
        raise SpreadsheetError(
            _("Le fichier CSV est mal formé : %(detail)s") % {"detail": error}
        ) from error


def _read_xlsx(data: bytes, max_rows: int) -> Table:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            inflated = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise SpreadsheetError(_("Ce fichier .xlsx est illisible ou endommagé.")) from error
    if inflated > MAX_INFLATED_BYTES:
        raise SpreadsheetError(_("Ce fichier .xlsx est trop volumineux une fois décompressé."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds of errors on a damaged file
        raise SpreadsheetError(_("Ce fichier .xlsx est illisible ou endommagé.")) from error
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise SpreadsheetError(_("Ce classeur ne contient aucune feuille."))
        rows = (
            (n, [_cell_text(value) for value in row[:MAX_COLUMNS]])
            for n, row in enumerate(sheet.iter_rows(values_only=True), start=1)
        )
        try:
            return _collect(rows, max_rows)
        except SpreadsheetError:
            raise
        except Exception as error:
            raise SpreadsheetError(_("Ce fichier .xlsx est illisible ou endommagé.")) from error
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _collect(numbered: Iterator[tuple[int, list[str]]], max_rows: int) -> Table:
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for number, raw in numbered:
        cells = [cell.strip() for cell in raw[:MAX_COLUMNS]]
        if not any(cells):
            continue
        if header is None:
            header = cells
            continue
        if len(rows) >= max_rows:
            raise SpreadsheetError(
                _("Le fichier compte plus de %(max)s lignes : découpez-le en plusieurs fichiers.")
                % {"max": number_format(max_rows, force_grouping=True)}
            )
        rows.append((number, cells))
    if header is None:
        raise SpreadsheetError(_("Le fichier est vide."))
    return Table(header, rows)
