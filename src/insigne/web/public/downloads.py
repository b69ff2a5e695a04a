"""What a learner can download: the signed credential (JSON, VC-JWT) and the badge image with
the credential baked in (Open Badges 3.0 in PNG or SVG; the Open Badges 2.0 hosted assertion
in PNG for older backpacks). Every format is offered for every award: the VC-JWT is signed
the first time it is asked for, and a badge drawn only in PNG gets an SVG that holds the PNG.
"""

from __future__ import annotations

import base64
import io
import json
import logging
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from django.utils.text import slugify
from PIL import Image

from ...core.baking import BakingError, bake
from ...core.baking.errors import NOT_AN_IMAGE
from ..awards.models import Award
from .actions import sign_jwt_copy
from .ob2_documents import assertion_document

FORMATS = ("badge.png", "ob3.json", "badge.svg", "ob3.jwt", "ob2.png")
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Download:
    body: bytes
    content_type: str
    filename: str


def svg_around_png(png: bytes, title: str) -> bytes:
    """An SVG image showing ``png`` at its own size (embedded as a data: URI), titled ``title``.

    Raises BakingError when ``png`` is not a readable image."""
    try:
        with Image.open(io.BytesIO(png)) as image:
            width, height = image.size
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise BakingError(NOT_AN_IMAGE) from error
    data = quoteattr("data:image/png;base64," + base64.b64encode(png).decode("ascii"))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        f' width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">'
        f"<title>{escape(title)}</title>"
        f'<image width="{width}" height="{height}" href={data} xlink:href={data}/></svg>'
    ).encode()


def _badge_svg(award: Award) -> bytes:
    version = award.version
    if version.image_svg:
        return version.image_svg.encode("utf-8")
    return svg_around_png(bytes(version.image_png), version.name)


def build(award: Award, format_name: str) -> Download | None:
    """The download ``format_name`` of ``award`` (its version's images loaded), or None."""
    stem = slugify(award.version.name)[:60] or "badge"
    try:
        if format_name == "ob3.json":
            body = award.credential.encode("utf-8")
            return Download(body, "application/vc+ld+json", f"{stem}.json")
        if format_name == "ob3.jwt":
            token = sign_jwt_copy(award)
            return Download(token.encode("ascii"), "text/plain", f"{stem}.jwt") if token else None
        if format_name == "badge.png":
            baked = bake(bytes(award.version.image_png), award.credential, version=3)
            return Download(baked, "image/png", f"{stem}.png")
        if format_name == "badge.svg":
            svg = bake(_badge_svg(award), award.credential, version=3)
            return Download(svg, "image/svg+xml", f"{stem}.svg")
        if format_name == "ob2.png":
            assertion = json.dumps(assertion_document(award), ensure_ascii=False)
            baked = bake(bytes(award.version.image_png), assertion, version=2)
            return Download(baked, "image/png", f"{stem}-ob2.png")
    except BakingError as error:
        _log.warning("award %s: cannot bake %s: %s", award.public_id, format_name, error)
    return None
