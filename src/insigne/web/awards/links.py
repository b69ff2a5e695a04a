"""Addresses of pages and files the public app serves for an award (built there, named here)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.utils.translation import gettext as _

from .models import Award


def claim_url(award: Award) -> str:
    return f"{settings.PUBLIC_URL}/reclamer/{award.claim_token}"


def evidence_url(public_id: uuid.UUID) -> str:
    return f"{settings.PUBLIC_URL}/evidence/{public_id}"


def public_page(award: Award) -> str:
    return f"{settings.PUBLIC_URL}/b/{award.public_id}"


def downloads(award: Award) -> list[tuple[str, str]]:
    """(label, address) of each file the learner or staff may download."""
    base = f"{public_page(award)}/telecharger"
    files = [(_("Badge signé Open Badges 3.0 (JSON)"), f"{base}/ob3.json")]
    if award.credential_jwt:
        files.append((_("Badge signé Open Badges 3.0 (VC-JWT)"), f"{base}/ob3.jwt"))
    files += [
        (_("Image du badge avec le badge intégré (PNG)"), f"{base}/badge.png"),
        (_("Image du badge avec le badge intégré (SVG)"), f"{base}/badge.svg"),
        (_("Image Open Badges 2.0 pour les anciens sacs à badges (PNG)"), f"{base}/ob2.png"),
    ]
    return files
