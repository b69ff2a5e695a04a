"""The export archive: every badge as its signed credential and baked image, the imported
badges as received, the evidence files (the issuer's, the holder's, those joined to badge
requests), ``badges.csv``, ``compte.json`` and a README.

The zip is written to a spooled temporary file (on disk past a few megabytes), and each file
is read from the database only when written, so a large backpack is never held in memory.
"""

from __future__ import annotations

import zipfile
from tempfile import SpooledTemporaryFile
from typing import IO

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from ...awards.models import Award, EvidenceFile
from ...backpack.models import HolderEvidence
from ...external.models import ExternalBadge
from ...public import downloads
from . import naming
from .contents import Contents
from .document import document_bytes
from .requests import evidence_of
from .table import table_bytes

IN_MEMORY_UP_TO = 8 * 1024 * 1024


def build_archive(found: Contents) -> IO[bytes]:
    """The zip, rewound, in a temporary file the caller closes."""
    spool: IO[bytes] = SpooledTemporaryFile(max_size=IN_MEMORY_UP_TO)  # noqa: SIM115
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        readme = render_to_string(
            "accounts/export/README.txt",
            {
                "contents": found,
                "verifier_url": f"{settings.PUBLIC_URL}{reverse('public:verifier')}",
            },
        )
        archive.writestr("README.txt", readme.replace("\n", "\r\n").encode("utf-8"))
        archive.writestr("badges.csv", table_bytes(found))
        archive.writestr("compte.json", document_bytes(found))
        for award in found.awards:
            _write_award(archive, award)
        for badge in found.imported:
            _write_imported(archive, badge)
        taken: set[str] = set()
        for request in found.requests:
            data = evidence_of(request) if request.evidence_file_name else None
            if data is not None:
                name = naming.file_name(request.evidence_file_name, taken)
                archive.writestr(f"{naming.REQUESTS_FOLDER}/{name}", data)
    spool.seek(0)
    return spool


def _write_award(archive: zipfile.ZipFile, award: Award) -> None:
    if not award.credential:
        return
    archive.writestr(naming.award_file(award, "json"), award.credential.encode("utf-8"))
    if award.credential_jwt:
        archive.writestr(naming.award_file(award, "jwt"), award.credential_jwt.encode("ascii"))
    baked = downloads.build(award, "badge.png")
    if baked is not None:
        archive.writestr(naming.award_file(award, "png"), baked.body)
    folder = naming.award_folder(award)
    taken: set[str] = set()
    for item in award.evidence_files.all():
        data = EvidenceFile.objects.filter(pk=item.pk).values_list("data", flat=True).get()
        name = naming.file_name(item.name, taken)
        archive.writestr(f"{folder}/preuves-emetteur/{name}", bytes(data))
    taken = set()
    for added in award.holder_evidence.all():
        if not added.file_name:
            continue
        kept = HolderEvidence.objects.filter(pk=added.pk).values_list("data", flat=True).get()
        if kept is None:
            continue
        name = naming.file_name(added.file_name, taken)
        archive.writestr(f"{folder}/preuves-ajoutees/{name}", bytes(kept))


def _write_imported(archive: zipfile.ZipFile, badge: ExternalBadge) -> None:
    original = ExternalBadge.objects.filter(pk=badge.pk).values_list("original", flat=True).get()
    archive.writestr(naming.imported_file(badge), bytes(original))
