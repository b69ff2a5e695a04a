"""The France Compétences certification a badge version is linked to, if any."""

from __future__ import annotations

from ...core.competences import Certification, certification
from ..badges.models import BadgeVersion


def certification_of(version: BadgeVersion) -> Certification | None:
    """The RS fiche, RNCP fiche or RNCP bloc of ``version``; None without a (valid) code."""
    if not version.certification_code:
        return None
    try:
        return certification(
            version.certification_code,
            version.certification_title or version.certification_code,
            version.certification_url or None,
        )
    except ValueError:
        return None
