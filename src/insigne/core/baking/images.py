"""Bake a badge into, or read it from, an image whose format is told from its bytes."""

from __future__ import annotations

from .errors import NOT_AN_IMAGE, BakingError, too_big
from .payload import CONTAINERS, MAX_IMAGE_BYTES, Baked, check_verify_url, resolve_version
from .png import bake_png, unbake_png
from .png_chunks import SIGNATURE
from .svg import bake_svg, unbake_svg
from .svg_markup import root_start_tag


def detect_image_format(data: bytes) -> str | None:
    """``"png"`` or ``"svg"`` as told by the start of ``data``, or None.

    PNG is told by its signature; SVG by an XML prolog followed by a root element named
    ``svg`` (with any prefix). Only UTF-8 (or ASCII) SVG is recognised. This is a sniff, not a
    validation: :func:`unbake` still refuses a damaged file.
    """
    if data.startswith(SIGNATURE):
        return "png"
    tag = root_start_tag(data)
    return "svg" if tag is not None and tag.local_name == b"svg" else None


def bake(
    image: bytes, payload: str, *, version: int | None = None, verify_url: str | None = None
) -> bytes:
    """``image`` (PNG or SVG) with ``payload`` baked in.

    ``payload`` is a compact JWS or JSON object text. ``version`` (3 for Open Badges 3.0, 2 for
    2.0) is read from the payload's ``@context`` (or, for a JWS, from its claims) when not
    given. ``verify_url`` is the URL of an Open Badges 2.0 hosted assertion: written as the SVG
    ``verify`` attribute, and not needed in PNG, where the assertion's ``id`` holds it.
    Baking a payload the image already carries returns the image unchanged; an image may carry
    one 3.0 credential and one 2.0 assertion side by side.

    Raises :class:`BakingError` when the image is not a valid PNG or SVG, is too large, already
    carries a different badge of the same version, or when the payload is not a badge or
    contradicts ``version``.
    """
    if len(image) > MAX_IMAGE_BYTES:
        raise too_big("L'image", "The image", MAX_IMAGE_BYTES)
    image_format = detect_image_format(image)
    if image_format is None:
        raise BakingError(NOT_AN_IMAGE)
    container = CONTAINERS[resolve_version(payload, version)]
    if verify_url is not None:
        check_verify_url(verify_url, payload, container)
    if image_format == "png":
        return bake_png(image, payload, container=container)
    return bake_svg(image, payload, container=container, verify_url=verify_url)


def unbake(image: bytes) -> Baked:
    """The badge baked into a PNG or SVG image.

    When an image carries both an Open Badges 3.0 credential and a 2.0 assertion, the 3.0
    credential is returned. Raises :class:`BakingError` when the file is not a PNG or SVG
    image, is damaged or too large, carries no badge, or its badge cannot be read.
    """
    if len(image) > MAX_IMAGE_BYTES:
        raise too_big("L'image", "The image", MAX_IMAGE_BYTES)
    image_format = detect_image_format(image)
    if image_format == "png":
        return unbake_png(image)
    if image_format == "svg":
        return unbake_svg(image)
    raise BakingError(NOT_AN_IMAGE)
