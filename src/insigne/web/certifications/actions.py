"""State changes of the certifications context: importing France Compétences' export (from
the staff page, in the background, or from the command line) and loading the sample."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename

from ..accounts.models import User
from .export_files import FileError, Opener, Source, path_sources, sources
from .importer import ImportRefusedError, Problem, Report, import_export, plan
from .models import CertificationImport

SAMPLE_DIR = Path(__file__).resolve().parent / "samples"
SAMPLE_SOURCE = "Échantillon fictif livré avec Insigne (format de l'export France compétences)"
STORAGE_DIR = "certifications/imports"
logger = logging.getLogger(__name__)


def import_files(paths: Sequence[Path], *, source: str | None = None) -> Report:
    """Import CSV files or zips of the export from disk; raises ImportRefusedError (nothing stored)
    when a file or a row is refused."""
    found: list[Source] = []
    for path in paths:
        try:
            found += path_sources(path)
        except FileError as error:
            report = Report()
            report.add(Problem(path.name, 0, error.code, error.values))
            raise ImportRefusedError(report) from error
    if source is None:
        return import_export(found)
    return import_export(found, source=source)


def load_sample() -> Report:
    """Import the fictitious sample shipped with the product (see samples/README.md)."""
    return import_files(sorted(SAMPLE_DIR.glob("*.csv")), source=SAMPLE_SOURCE)


def check_uploads(files: Sequence[UploadedFile[bytes]]) -> Report:
    """Which tables the uploaded files hold (headers only); problems say what is wrong."""
    found: list[Source] = []
    report = Report()
    for upload in files:
        try:
            found += sources(upload.name or "fichier.csv", _upload_opener(upload))
        except FileError as error:
            report.add(Problem(upload.name or "", 0, error.code, error.values))
    if not report.ok:
        return report
    return plan(found)[1]


@transaction.atomic
def start_import(files: Sequence[UploadedFile[bytes]], by: User) -> CertificationImport:
    """Keep the uploaded files and queue their import (see ``run_import``)."""
    from .tasks import enqueue_import_on_commit

    record = CertificationImport.objects.create(uploaded_by=by)
    kept = []
    for number, upload in enumerate(files, start=1):
        name = upload.name or "fichier.csv"
        wanted = f"{STORAGE_DIR}/{record.public_id}/{number}-{get_valid_filename(name)[-100:]}"
        upload.seek(0)
        kept.append({"name": name, "path": default_storage.save(wanted, upload)})
    record.files = kept
    record.save(update_fields=["files"])
    enqueue_import_on_commit(record.pk)
    return record


def run_import(import_id: int) -> None:
    """Check then store a queued import, recording progress and the outcome; the kept files
    are deleted at the end, whatever happens."""
    claimed = CertificationImport.objects.filter(
        pk=import_id, state=CertificationImport.State.QUEUED
    ).update(state=CertificationImport.State.CHECKING)
    if not claimed:
        return
    record = CertificationImport.objects.get(pk=import_id)

    def progress(phase: str, count: int) -> None:
        # Inside the writing transaction nobody else would see a change: only its start.
        rows = CertificationImport.objects.filter(pk=import_id)
        if phase == "checking":
            rows.update(rows_checked=count)
        elif count == 0:
            rows.update(state=CertificationImport.State.WRITING)

    try:
        found: list[Source] = []
        for kept in record.files:
            found += sources(kept["name"], _storage_opener(kept["path"]))
        report = import_export(found, progress=progress)
    except ImportRefusedError as refused:
        _finish(import_id, CertificationImport.State.REFUSED, refused.report)
    except FileError as error:
        report = Report()
        report.add(Problem("", 0, error.code, error.values))
        _finish(import_id, CertificationImport.State.REFUSED, report)
    except Exception as error:
        logger.exception("certification import %s failed", record.public_id)
        _finish(import_id, CertificationImport.State.FAILED, Report(),
                error=f"{type(error).__name__}: {error}")  # fmt: skip
        raise
    else:
        _finish(import_id, CertificationImport.State.DONE, report)
    finally:
        for kept in record.files:
            default_storage.delete(kept["path"])


def _finish(import_id: int, state: str, report: Report, error: str = "") -> None:
    data = report.as_json()
    if error:
        data["error"] = error[:500]
    CertificationImport.objects.filter(pk=import_id).update(
        state=state, report=data, finished_at=timezone.now()
    )


def _upload_opener(upload: UploadedFile[bytes]) -> Opener:
    @contextmanager
    def opener() -> Iterator[IO[bytes]]:
        upload.seek(0)
        yield _Unclosed(upload)  # type: ignore[misc]

    return opener


def _storage_opener(path: str) -> Opener:
    @contextmanager
    def opener() -> Iterator[IO[bytes]]:
        with default_storage.open(path, "rb") as stream:
            yield stream

    return opener


class _Unclosed:
    """An uploaded file handed to readers that close what they read: closing does nothing,
    so the form can read it again (and the import keep it)."""

    def __init__(self, upload: UploadedFile[bytes]) -> None:
        self._upload = upload

    def __getattr__(self, name: str) -> object:
        return getattr(self._upload.file, name)

    def close(self) -> None:
        pass

    @property
    def closed(self) -> bool:
        return False

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def writable(self) -> bool:
        return False
