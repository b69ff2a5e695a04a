"""``badges.csv``: one line per badge, Insigne's and imported ones, for a spreadsheet.

UTF-8 with a byte-order mark and ``;`` between columns: what French Excel opens as is.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from ...awards import links
from ...awards.models import Award
from ...external.models import ExternalBadge
from . import naming
from .contents import Contents


def header() -> list[str]:
    return [
        _("nom"),
        _("émetteur"),
        _("date"),
        _("expiration"),
        _("état"),
        _("public"),
        _("adresse de la page"),
        _("origine"),
        _("fichier dans l'archive"),
    ]


def table_bytes(found: Contents) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header())
    now = found.made_at
    for award in found.awards:
        writer.writerow(_safe(_award_line(award, now)))
    for badge in found.imported:
        writer.writerow(_safe(_imported_line(badge, now)))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _day(when: datetime | None) -> str:
    return timezone.localdate(when).isoformat() if when else ""


def _yes_no(value: bool) -> str:
    return _("oui") if value else _("non")


def _award_line(award: Award, now: datetime) -> list[str]:
    state = str(award.get_state_display())
    if award.state == Award.State.ACTIVE and award.valid_until and award.valid_until < now:
        state = _("expiré")
    return [
        award.version.name,
        award.organisation.name,
        _day(award.awarded_at),
        _day(award.valid_until),
        state,
        _yes_no(award.public),
        links.public_page(award),
        "Insigne",
        naming.award_file(award, "png"),
    ]


def _imported_line(badge: ExternalBadge, now: datetime) -> list[str]:
    if badge.valid_until and badge.valid_until < now:
        state = _("expiré")
    else:
        state = _("vérifié") if badge.verified else _("non vérifié")
    source = {
        ExternalBadge.Source.FILE: _("importé (fichier)"),
        ExternalBadge.Source.URL: _("importé (adresse web)"),
        ExternalBadge.Source.API: _("importé (API Open Badges)"),
    }.get(ExternalBadge.Source(badge.source), _("importé"))
    return [
        badge.name,
        badge.issuer_name,
        _day(badge.issued_at),
        _day(badge.valid_until),
        state,
        _yes_no(badge.public),
        badge.source_url,
        source,
        naming.imported_file(badge),
    ]


def _safe(line: list[str]) -> list[str]:
    """Cells that a spreadsheet would run as a formula are quoted with an apostrophe."""
    return ["'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell for cell in line]
