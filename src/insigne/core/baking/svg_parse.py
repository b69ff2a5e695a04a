"""The badge elements of an SVG file, read without building a tree.

defusedxml refuses entity declarations (no external entities, no entity expansion). The
parser feeds a target that keeps only the first badge element of each container, so memory
stays small however many elements the file has, and their number is capped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from defusedxml.ElementTree import DefusedXMLParser

from .errors import invalid_svg, too_big, unreadable_badge
from .payload import (
    MAX_IMAGE_BYTES,
    MAX_PAYLOAD_BYTES,
    OB2_CONTAINER,
    OB3_CONTAINER,
    WHITESPACE,
    is_compact_jws,
)

NAMESPACES = {
    OB3_CONTAINER: "https://purl.imsglobal.org/ob/v3p0",
    OB2_CONTAINER: "http://openbadges.org",
}
ELEMENTS = {OB3_CONTAINER: "credential", OB2_CONTAINER: "assertion"}
# Detailed badge artwork has thousands of elements; a million means a file built to cost time.
MAX_SVG_ELEMENTS = 1_000_000

_CONTAINERS = {
    f"{{{namespace}}}{local}": container
    for namespace in NAMESPACES.values()
    for container, local in ELEMENTS.items()
}
_SVG_ROOTS = ("{http://www.w3.org/2000/svg}svg", "svg")


@dataclass
class BadgeElement:
    """The first badge element of one container, as the parser saw it."""

    verify: str
    first_child: bool  # the first element inside <svg>, where baking puts it
    text: list[str] = field(default_factory=list)

    def payload(self) -> str:
        """The ``verify`` attribute when it holds a compact JWS, else the text, else ``verify``.

        Raises :class:`BakingError` when the element is empty or its payload too large.
        """
        verify = self.verify.strip(WHITESPACE)
        text = verify if is_compact_jws(verify) else "".join(self.text).strip(WHITESPACE)
        text = text or verify
        if not text:
            raise unreadable_badge("l'élément du badge est vide", "the badge element is empty")
        if len(text.encode("utf-8")) > MAX_PAYLOAD_BYTES:
            raise too_big("Le badge", "The badge", MAX_PAYLOAD_BYTES)
        return text


def read_badges(image: bytes) -> dict[str, BadgeElement]:
    """The first badge element of each container found in an SVG file, by container name.

    ``credential`` and ``assertion`` are matched in either Open Badges namespace, whatever the
    prefix; the local name decides the container. Raises :class:`BakingError` when the file is
    too large, declares entities, is not well-formed XML, has more than ``MAX_SVG_ELEMENTS``
    elements, or its root element is not ``<svg>``.
    """
    if len(image) > MAX_IMAGE_BYTES:
        raise too_big("L'image", "The image", MAX_IMAGE_BYTES)
    collector = _Collector()
    parser = DefusedXMLParser(
        target=collector, forbid_dtd=False, forbid_entities=True, forbid_external=True
    )
    try:
        parser.feed(image)
        parser.close()
    except _TooManyElementsError as error:
        raise invalid_svg(
            f"plus de {MAX_SVG_ELEMENTS} éléments", f"more than {MAX_SVG_ELEMENTS} elements"
        ) from error
    except ET.ParseError as error:
        raise invalid_svg("ce n'est pas du XML bien formé", "it is not well-formed XML") from error
    except (ValueError, LookupError) as error:  # defusedxml refusals are ValueErrors
        raise invalid_svg(
            "il déclare des entités XML, refusées par sécurité",
            "it declares XML entities, which are refused for safety",
        ) from error
    if collector.root not in _SVG_ROOTS:
        raise invalid_svg("l'élément racine n'est pas <svg>", "the root element is not <svg>")
    return collector.badges


class _TooManyElementsError(Exception):
    pass


class _Collector:
    """ElementTree parser target: the root tag and the first badge element of each container."""

    def __init__(self) -> None:
        self.root: str | None = None
        self.badges: dict[str, BadgeElement] = {}
        self._depth = 0
        self._elements = 0
        self._open: BadgeElement | None = None  # the badge element being read
        self._open_depth = 0

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self._elements += 1
        if self._elements > MAX_SVG_ELEMENTS:
            raise _TooManyElementsError
        self._depth += 1
        if self.root is None:
            self.root = tag
        container = _CONTAINERS.get(tag)
        if container is None or self._open is not None or container in self.badges:
            return
        first_child = self._depth == 2 and self._elements == 2
        self._open = self.badges[container] = BadgeElement(attrib.get("verify", ""), first_child)
        self._open_depth = self._depth

    def data(self, text: str) -> None:
        if self._open is not None:
            self._open.text.append(text)

    def end(self, tag: str) -> None:
        if self._depth == self._open_depth:
            self._open, self._open_depth = None, 0
        self._depth -= 1

    def close(self) -> None:
        return None
