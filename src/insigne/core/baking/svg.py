"""Open Badges in SVG images: an ``<openbadges:credential>`` / ``<openbadges:assertion>`` element.

Reading is done by :mod:`.svg_parse` (defusedxml, no tree). Writing inserts the element as the
first child of the root ``<svg>`` and keeps every other byte of the file.
"""

from __future__ import annotations

import re

from .errors import (
    ANOTHER_BADGE,
    NO_BADGE,
    BakingError,
    invalid_payload,
    invalid_svg,
    too_big,
)
from .payload import (
    MAX_IMAGE_BYTES,
    NOT_XML_CHAR,
    OB2_CONTAINER,
    OB3_CONTAINER,
    Baked,
    check_container,
    check_verify_url,
    is_compact_jws,
    normalize_payload,
)
from .svg_markup import UTF8_BOM, StartTag, attribute_value, cdata, root_start_tag
from .svg_parse import ELEMENTS, NAMESPACES, read_badges

_ENCODING = re.compile(rb"""<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def bake_svg(image: bytes, payload: str, *, container: str, verify_url: str | None = None) -> bytes:
    """``image`` with ``payload`` in a badge element, inserted right after the ``<svg>`` tag.

    A compact JWS goes in the ``verify`` attribute; anything else in a CDATA body, with
    ``verify_url`` (Open Badges 2.0 hosted assertions) as ``verify``. The namespace is declared
    on ``<svg>``, or on the element when the ``openbadges`` prefix is already bound to another
    namespace there. An image already carrying this payload in that container is returned
    unchanged. Raises :class:`BakingError` when the image is not a UTF-8 SVG, already carries
    a different badge in that container, or the payload or URL cannot be written in XML.
    """
    check_container(container)
    text = normalize_payload(payload)
    jws = is_compact_jws(text)
    _check_xml_text(text)
    if verify_url is not None:
        check_verify_url(verify_url, text, container)
    existing = read_badges(image).get(container)
    if existing is not None:
        if existing.payload() == text:
            return image
        raise BakingError(ANOTHER_BADGE)
    tag = _root_tag_for_baking(image)
    # The prefix is the one the specifications show; if <svg> binds it to another namespace
    # (say, an Open Badges 2.0 assertion is already there), the element declares its own.
    namespace = NAMESPACES[container].encode()
    bound = tag.attribute(b"xmlns:openbadges")
    declaration = b' xmlns:openbadges="' + namespace + b'"'
    element = _element(
        container, text, jws, verify_url, b"" if bound in (None, namespace) else declaration
    )
    parts = [image[: tag.attributes_end], declaration if bound is None else b""]
    parts.append(image[tag.attributes_end : tag.close])
    if tag.self_closing:
        parts += [b">", element, b"</" + tag.name + b">"]
    else:
        parts += [image[tag.close : tag.end], element]
    baked = b"".join([*parts, image[tag.end :]])
    if len(baked) > MAX_IMAGE_BYTES:
        raise too_big("L'image avec son badge", "The baked image", MAX_IMAGE_BYTES)
    # Parsed again so that markup which fooled the start-tag scan is refused, not returned broken.
    badge = read_badges(baked).get(container)
    if badge is None or not badge.first_child or badge.payload() != text:
        raise invalid_svg("la balise <svg> n'a pas pu être repérée", "the <svg> tag was not found")
    return baked


def unbake_svg(image: bytes, *, container: str | None = None) -> Baked:
    """The badge baked into an SVG image.

    Elements are matched on namespace and local name, not on the prefix: ``credential`` or
    ``assertion`` in either Open Badges namespace; the local name decides the container.
    Without ``container``, an Open Badges 3.0 credential is preferred to a 2.0 assertion; the
    first element in document order wins. The payload is the ``verify`` attribute when it
    holds a compact JWS, else the element's text, else the ``verify`` URL. Raises
    :class:`BakingError` when the file is not a well-formed SVG, declares XML entities, is too
    large, carries no badge, or its badge element is empty.
    """
    badges = read_badges(image)
    for name in [container] if container is not None else [OB3_CONTAINER, OB2_CONTAINER]:
        check_container(name)
        if name in badges:
            return Baked(image_format="svg", container=name, payload=badges[name].payload())
    raise BakingError(NO_BADGE)


def _element(
    container: str, text: str, jws: bool, verify_url: str | None, declaration: bytes
) -> bytes:
    name = f"openbadges:{ELEMENTS[container]}"
    element = f"<{name}{declaration.decode()}"
    if jws or verify_url is not None:
        element += f' verify="{attribute_value(text if jws else str(verify_url))}"'
    element += "/>" if jws else f">{cdata(text)}</{name}>"
    return element.encode("utf-8")


def _root_tag_for_baking(image: bytes) -> StartTag:
    if b"\0" in image[:4]:  # UTF-16 or UTF-32, with or without a byte order mark
        raise invalid_svg("seuls les fichiers UTF-8 sont pris en charge", "only UTF-8 is supported")
    declared = _ENCODING.match(image, len(UTF8_BOM) if image.startswith(UTF8_BOM) else 0)
    if declared is not None and declared[1].lower() not in (b"utf-8", b"utf8"):
        raise invalid_svg("seuls les fichiers UTF-8 sont pris en charge", "only UTF-8 is supported")
    tag = root_start_tag(image)
    if tag is None or tag.local_name != b"svg":
        raise invalid_svg("la balise <svg> n'a pas pu être repérée", "the <svg> tag was not found")
    return tag


def _check_xml_text(text: str) -> None:
    if NOT_XML_CHAR.search(text):
        raise invalid_payload(
            "il contient un caractère interdit en XML", "it contains a character XML cannot hold"
        )
