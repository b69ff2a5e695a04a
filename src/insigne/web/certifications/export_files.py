"""The files of France Compétences' CSV export, read row by row.

The export is a zip of one file per table, named ``export_fiches_CSV_<Table>_<YYYY_MM_DD>.csv``,
``;``-separated UTF-8 (sometimes with a byte order mark). Files may be given one by one or as
the zip; a file is recognised by its header, so a renamed file still imports. Rows are read
lazily from the stream (a zip member is decompressed as it is read): memory does not grow
with the file.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import enum
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO

MAX_ROWS = 1_000_000  # the real Blocs file has about 100,000
MAX_MEMBER_BYTES = 2 * 1024**3
MAX_LINE_BYTES = 4 * 1024 * 1024
_EXPORT_DATE = re.compile(r"_(\d{4})_(\d{2})_(\d{2})\.csv$", re.IGNORECASE)
csv.field_size_limit(1024 * 1024)  # descriptive columns of the full export can be long


class Table(enum.Enum):
    """The tables the importer reads, with the columns each one needs."""

    STANDARD = ("Standard", ("Numero_Fiche", "Intitule", "Actif"))
    BLOCS = ("Blocs_De_Compétences", ("Numero_Fiche", "Bloc_Competences_Code",
                                      "Bloc_Competences_Libelle"))  # fmt: skip
    CERTIFIERS = ("Certificateurs", ("Numero_Fiche", "Nom_Certificateur"))
    REPLACEMENTS = ("Ancienne_Nouvelle_Certification", ("Numero_Fiche", "Nouvelle_Certification"))

    @property
    def label(self) -> str:
        return str(self.value[0])

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(self.value[1])


# Columns the importer reads, spelled as in the export (headers are matched without case).
COLUMNS = (
    "Id_Fiche", "Numero_Fiche", "Intitule", "Abrege_Libelle", "Abrege_Intitule",
    "Nomenclature_Europe_Niveau", "Nomenclature_Europe_Intitule", "Date_dernier_jo",
    "Date_Decision", "Date_Fin_Enregistrement", "Date_Effet", "Type_Enregistrement", "Actif",
    "Bloc_Competences_Code", "Bloc_Competences_Libelle", "Siret_Certificateur",
    "Nom_Certificateur", "Ancienne_Certification", "Nouvelle_Certification",
)  # fmt: skip
_CANONICAL = {name.casefold(): name for name in COLUMNS}


class FileError(Exception):
    """A file that cannot be read at all: a reason code and its values (see ``problems``)."""

    def __init__(self, reason: str, /, **values: str | int) -> None:
        super().__init__(reason, values)
        self.code = reason
        self.values = values


@dataclass(frozen=True)
class Source:
    """One CSV file, opened afresh (as bytes) each time it is read."""

    name: str
    opener: Callable[[], AbstractContextManager[IO[bytes]]]

    @property
    def export_date(self) -> datetime.date | None:
        """The export's date, from a file name ending in ``_YYYY_MM_DD.csv``."""
        match = _EXPORT_DATE.search(self.name)
        if match is None:
            return None
        try:
            return datetime.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None


Opener = Callable[[], AbstractContextManager[IO[bytes]]]


def sources(name: str, opener: Opener) -> list[Source]:
    """The CSV files of an uploaded or local file: itself, or the members of a zip.

    Raises FileError for a damaged zip or a member too large to be an export.
    """
    with opener() as stream:
        is_zip = zipfile.is_zipfile(stream)
        stream.seek(0)
        signature = stream.read(4)
    if not is_zip:
        if signature == b"PK\x03\x04" or name.casefold().endswith(".zip"):
            raise FileError("zip", file=name)
        return [Source(name, opener)]
    try:
        with opener() as stream, zipfile.ZipFile(stream) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
    except (zipfile.BadZipFile, OSError) as error:
        raise FileError("zip", file=name, detail=str(error)[:200]) from error
    found = []
    for member in members:
        if not member.filename.casefold().endswith(".csv"):
            continue
        if member.file_size > MAX_MEMBER_BYTES:
            raise FileError("too_large", file=_member_name(member))
        found.append(Source(_member_name(member), _member_opener(opener, member.filename)))
    if not found:
        raise FileError("zip_empty", file=name)
    return found


def path_sources(path: Path) -> list[Source]:
    def opener() -> AbstractContextManager[IO[bytes]]:
        return path.open("rb")

    return sources(path.name, opener)


def _member_name(member: zipfile.ZipInfo) -> str:
    name = member.filename.rsplit("/", 1)[-1]
    if not member.flag_bits & 0x800:
        # Without the UTF-8 flag, Python decodes names as cp437; most zips wrote them in UTF-8.
        with suppress(UnicodeError):
            name = name.encode("cp437").decode("utf-8")
    return name


def _member_opener(container: Opener, member: str) -> Opener:
    @contextmanager
    def opener() -> Iterator[IO[bytes]]:
        with (
            container() as stream,
            zipfile.ZipFile(stream) as archive,
            archive.open(member) as data,
        ):
            yield data

    return opener


@dataclass(frozen=True)
class Header:
    columns: tuple[str, ...]  # canonical names; an unknown column keeps its own
    table: Table | None


def identify(source: Source) -> Table | None:
    """The table ``source`` holds, from its header; None for another table of the export.

    Raises FileError when the file is not readable as the export's CSV, or when its name or
    header says it is one of our tables but a column we need is missing.
    """
    with source.opener() as stream:
        header = _header(source, _records(source, stream))
    if header.table is not None:
        return header.table
    named = next((t for t in Table if f"_{t.label.casefold()}_" in source.name.casefold()), None)
    if named is not None:
        missing = [c for c in named.required if c not in header.columns]
        raise FileError("columns", file=source.name, columns=", ".join(missing))
    return None


def rows(source: Source) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, {column: value}) for each data row of ``source``, read lazily.

    Blank lines are skipped. Raises FileError for an undecodable file or broken CSV; a row
    with the wrong number of fields is yielded with the key ``"__fields__"`` set to its count.
    """
    with source.opener() as stream:
        records = _records(source, stream)
        header = _header(source, records)
        width = len(header.columns)
        count = 0
        for line, values in records:
            if not any(v.strip() for v in values):
                continue
            count += 1
            if count > MAX_ROWS:
                raise FileError("too_many_rows", file=source.name, max=MAX_ROWS)
            row = dict(zip(header.columns, values, strict=False))
            if len(values) != width:
                row["__fields__"] = str(len(values))
            yield line, row


def _records(source: Source, stream: IO[bytes]) -> Iterator[tuple[int, list[str]]]:
    """(first line of the record, fields), decoding UTF-8 with or without BOM as it goes."""
    reader = csv.reader(_lines(source, stream), delimiter=";", quotechar='"', strict=False)
    line = 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise FileError(
                "csv", file=source.name, line=reader.line_num, detail=str(error)[:200]
            ) from error
        yield line, values
        line = reader.line_num + 1


def _lines(source: Source, stream: IO[bytes]) -> Iterator[str]:
    """The file's lines as text, one at a time (a UTF-8 byte never contains a line feed, so
    each line decodes on its own); a byte order mark at the start is dropped."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    number = 0
    while True:
        raw = stream.readline(MAX_LINE_BYTES + 1)
        if not raw:
            break
        number += 1
        if len(raw) > MAX_LINE_BYTES:
            raise FileError("line_too_long", file=source.name, line=number)
        try:
            yield decoder.decode(raw)
        except UnicodeDecodeError as error:
            raise FileError("encoding", file=source.name, line=number) from error


def _header(source: Source, records: Iterator[tuple[int, list[str]]]) -> Header:
    first = next(records, None)
    if first is None:
        raise FileError("empty_file", file=source.name)
    columns = tuple(_CANONICAL.get(v.strip().casefold(), v.strip()) for v in first[1])
    if len(first[1]) < 2:
        raise FileError("not_csv", file=source.name)
    table = next((t for t in Table if all(c in columns for c in t.required)), None)
    return Header(columns, table)
