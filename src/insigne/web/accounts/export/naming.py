"""Where each badge goes in the archive: readable, unique and safe names (no path can leave
the archive, whatever the badge or file is called)."""

from __future__ import annotations

import mimetypes
import re
from datetime import datetime

from django.core.exceptions import SuspiciousFileOperation
from django.utils import timezone
from django.utils.text import get_valid_filename, slugify

from ...awards.models import Award
from ...external.models import ExternalBadge

INSIGNE_FOLDER = "badges-insigne"
IMPORTED_FOLDER = "badges-importes"
REQUESTS_FOLDER = "demandes-de-badges"


def _stem(name: str, when: datetime | None, public_id: object) -> str:
    day = timezone.localdate(when).isoformat() if when else "sans-date"
    return f"{day}-{slugify(name)[:60] or 'badge'}-{str(public_id)[:8]}"


def award_folder(award: Award) -> str:
    return f"{INSIGNE_FOLDER}/{_stem(award.version.name, award.awarded_at, award.public_id)}"


def award_file(award: Award, extension: str) -> str:
    return f"{award_folder(award)}/{slugify(award.version.name)[:60] or 'badge'}.{extension}"


_EXTENSIONS = {
    "image/png": "png",
    "image/svg+xml": "svg",
    "application/json": "json",
    "application/ld+json": "json",
    "application/vc+ld+json": "json",
    "application/vc+jwt": "jwt",
    "application/jwt": "jwt",
    "text/plain": "txt",
}


def imported_file(badge: ExternalBadge) -> str:
    """The original bytes' place, with the extension of the name it came with, else of its
    media type."""
    original = badge.original_name.rsplit(".", 1)
    extension = original[1].lower() if len(original) == 2 and original[1].isalnum() else ""
    if not extension:
        media = badge.original_media_type.split(";")[0].strip().lower()
        guessed = mimetypes.guess_extension(media) or ""
        extension = _EXTENSIONS.get(media) or guessed.lstrip(".") or "bin"
    stem = _stem(badge.name, badge.issued_at, badge.public_id)
    return f"{IMPORTED_FOLDER}/{stem}.{extension[:10]}"


def file_name(name: str, taken: set[str]) -> str:
    """A safe name for a file inside one folder, different from those ``taken``."""
    try:
        base = get_valid_filename(name.replace("/", "_").replace("\\", "_"))
    except SuspiciousFileOperation:  # nothing usable left, such as ".."
        base = ""
    base = re.sub(r"\.{2,}", ".", base).lstrip("._-")[:120] or "fichier"
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        stem, dot, extension = base.rpartition(".")
        candidate = f"{stem}-{number}.{extension}" if dot and stem else f"{base}-{number}"
    taken.add(candidate)
    return candidate
