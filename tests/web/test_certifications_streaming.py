"""Importing files of tens of thousands of rows reads them as streams: the test files are
produced as they are read, so they never exist whole, and the import works on the first rows
while most of the file is still unread."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO
from unittest.mock import patch

import pytest

from insigne.web.certifications import importer
from insigne.web.certifications.export_files import Source, rows
from insigne.web.certifications.models import Bloc, Fiche
from insigne.web.certifications.rows import FicheRow

from .test_certifications_support import BLOCS, BLOCS_HEADER, STANDARD, STANDARD_HEADER, fiche_line

FICHES = 15_000
BLOCS_PER_FICHE = 2
FIRST = 900_000  # synthetic codes, RNCP900000 and up, for this test only


class Generated(io.RawIOBase):
    """A CSV file made line by line as the reader asks for bytes; ``produced`` counts them."""

    def __init__(self, header: str, lines: Callable[[], Iterator[str]]) -> None:
        self._lines = lines()
        self._pending = (header + "\r\n").encode()
        self.produced = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while len(self._pending) < len(buffer):
            line = next(self._lines, None)
            if line is None:
                break
            self._pending += (line + "\r\n").encode()
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        self.produced += size
        return size


def fiche_lines() -> Iterator[str]:
    for n in range(FICHES):
        yield fiche_line(f"RNCP{FIRST + n}", f'"Fiche générée numéro {n} ; essai"', level="NIV5")


def bloc_lines() -> Iterator[str]:
    for n in range(FICHES):
        for b in range(1, BLOCS_PER_FICHE + 1):
            yield f'RNCP{FIRST + n};RNCP{FIRST + n}BC0{b};"Bloc {b} ; fiche {n}"'


def generated_source(
    name: str, header: str, lines: Callable[[], Iterator[str]]
) -> tuple[Source, list[Generated]]:
    """A source producing the file anew each time it is opened, and the streams it opened."""
    streams: list[Generated] = []

    @contextmanager
    def opener() -> Iterator[IO[bytes]]:
        raw = Generated(header, lines)
        streams.append(raw)
        yield io.BufferedReader(raw)

    return Source(name, opener), streams


def size_of(header: str, lines: Callable[[], Iterator[str]]) -> int:
    return len(header) + 2 + sum(len((line + "\r\n").encode()) for line in lines())


def test_rows_are_read_lazily_from_the_stream() -> None:
    source, streams = generated_source(STANDARD, STANDARD_HEADER, fiche_lines)
    reader = rows(source)
    line, first = next(reader)
    assert (line, first["Numero_Fiche"]) == (2, f"RNCP{FIRST}")
    [stream] = streams
    assert stream.produced < 64 * 1024 < size_of(STANDARD_HEADER, fiche_lines) // 30
    reader.close()


@pytest.mark.django_db
def test_tens_of_thousands_of_rows_are_checked_and_written_while_being_read() -> None:
    fiches, fiche_streams = generated_source(STANDARD, STANDARD_HEADER, fiche_lines)
    blocs, bloc_streams = generated_source(BLOCS, BLOCS_HEADER, bloc_lines)
    fiche_size = size_of(STANDARD_HEADER, fiche_lines)
    read_when: dict[str, int] = {}

    def progress(phase: str, count: int) -> None:
        if phase == "checking" and count > 0:
            read_when.setdefault("first check report", fiche_streams[-1].produced)

    first_write = importer._Writer._fiches

    def spy(writer: importer._Writer, batch: list[FicheRow]) -> None:
        read_when.setdefault("first batch written", fiche_streams[-1].produced)
        first_write(writer, batch)

    with patch.object(importer._Writer, "_fiches", spy):
        report = importer.import_export([fiches, blocs], progress=progress)
    assert report.counts["fiches_created"] == FICHES
    assert report.counts["blocs"] == FICHES * BLOCS_PER_FICHE
    assert Fiche.objects.count() == FICHES
    assert Bloc.objects.count() == FICHES * BLOCS_PER_FICHE
    last = FIRST + FICHES - 1
    assert Bloc.objects.get(code=f"RNCP{last}BC02").label == f"Bloc 2 ; fiche {FICHES - 1}"
    # Both passes (check, then write) worked on rows while most of the file was still unread.
    assert len(fiche_streams) == 3 and len(bloc_streams) == 3  # identify, check, write
    assert read_when["first check report"] < fiche_size / 5
    assert read_when["first batch written"] < fiche_size / 5
    assert all(stream.produced >= fiche_size for stream in fiche_streams[1:])
