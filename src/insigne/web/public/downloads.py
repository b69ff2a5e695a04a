"""What a learner can download: the signed credential (JSON, VC-JWT) and the badge image with
the credential baked in (Open Badges 3.0 in PNG or SVG; the Open Badges 2.0 hosted assertion
in PNG for older backpacks)."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from django.utils.text import slugify

from ...core.baking import BakingError, bake
from ..awards.models import Award
from .ob2_documents import assertion_document

FORMATS = ("ob3.json", "ob3.jwt", "badge.png", "badge.svg", "ob2.png")
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Download:
    body: bytes
    content_type: str
    filename: str


def available(award: Award, *, has_svg: bool) -> list[str]:
    """The formats this award can be downloaded in."""
    formats = ["badge.png", "ob3.json"]
    if has_svg:
        formats.append("badge.svg")
    if award.credential_jwt:
        formats.append("ob3.jwt")
    formats.append("ob2.png")
    return formats


def build(award: Award, format_name: str) -> Download | None:
    """The download ``format_name`` of ``award`` (its version's images loaded), or None."""
    stem = slugify(award.version.name)[:60] or "badge"
    try:
        if format_name == "ob3.json":
            body = award.credential.encode("utf-8")
            return Download(body, "application/vc+ld+json", f"{stem}.json")
        if format_name == "ob3.jwt" and award.credential_jwt:
            return Download(award.credential_jwt.encode("ascii"), "text/plain", f"{stem}.jwt")
        if format_name == "badge.png":
            baked = bake(bytes(award.version.image_png), award.credential, version=3)
            return Download(baked, "image/png", f"{stem}.png")
        if format_name == "badge.svg" and award.version.image_svg:
            svg = bake(award.version.image_svg.encode("utf-8"), award.credential, version=3)
            return Download(svg, "image/svg+xml", f"{stem}.svg")
        if format_name == "ob2.png":
            assertion = json.dumps(assertion_document(award), ensure_ascii=False)
            baked = bake(bytes(award.version.image_png), assertion, version=2)
            return Download(baked, "image/png", f"{stem}-ob2.png")
    except BakingError as error:
        _log.warning("award %s: cannot bake %s: %s", award.public_id, format_name, error)
    return None
