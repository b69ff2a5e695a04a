"""Uploaded SVG badge images, rebuilt from a whitelist of SVG elements and attributes.

The file is parsed with defusedxml with DTDs forbidden (so no entities, no external entities,
no entity expansion bombs). Only drawing elements in the SVG namespace are copied; scripts,
event handlers, ``foreignObject``, animations, filters, elements of other namespaces and
every reference that is not a ``#fragment`` (or, on ``<image>``, an embedded PNG or JPEG) are
dropped. A ``<use>`` may only point at an element that holds no ``<use>`` itself, which
bounds the work a renderer does. What is dropped is reported, so the page can say it.
A file that cannot be made safe (not XML, not an SVG, a DTD, too many or too deeply nested
elements, nothing drawable left) is refused with :class:`UnsafeSvgError`.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import warnings
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, ParseError
from xml.sax.saxutils import escape, quoteattr

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from PIL import Image

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"

MAX_ELEMENTS = 5_000
MAX_DEPTH = 40
MAX_USES = 200
MAX_EMBEDDED_PIXELS = 4096 * 4096

ELEMENTS = frozenset(
    {
        "svg", "g", "defs", "title", "desc", "symbol", "switch", "use", "path", "rect", "circle",
        "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath",
        "linearGradient", "radialGradient", "stop", "clipPath", "mask", "image", "style",
    }
)  # fmt: skip
# Editors' bookkeeping, dropped without a word: it never draws anything.
_QUIET_ELEMENTS = frozenset({"metadata", "namedview", "pgf", "xmpmeta", "RDF"})
_CONTAINERS = frozenset({"svg", "g", "defs", "title", "desc", "symbol", "switch", "style", "stop"})
_TEXT_ELEMENTS = frozenset({"title", "desc", "text", "tspan", "textPath", "style"})
ATTRIBUTES = frozenset(
    {
        "id", "class", "style", "transform", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy",
        "r", "rx", "ry", "fx", "fy", "fr", "width", "height", "d", "points", "pathLength",
        "viewBox", "preserveAspectRatio", "version", "fill", "fill-opacity", "fill-rule",
        "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit",
        "stroke-dasharray", "stroke-dashoffset", "stroke-opacity", "opacity", "clip-path",
        "clip-rule", "clipPathUnits", "mask", "maskUnits", "maskContentUnits",
        "gradientUnits", "gradientTransform", "spreadMethod", "offset", "stop-color",
        "stop-opacity", "color", "display", "visibility", "overflow", "paint-order",
        "vector-effect", "shape-rendering", "image-rendering", "text-rendering",
        "font-family", "font-size", "font-weight", "font-style", "font-variant",
        "font-stretch", "text-anchor", "dominant-baseline", "alignment-baseline",
        "baseline-shift", "letter-spacing", "word-spacing", "text-decoration", "dx", "dy",
        "rotate", "textLength", "lengthAdjust", "startOffset", "writing-mode", "direction",
        "href",
    }
)  # fmt: skip
_URL = re.compile(r"url\s*\(", re.IGNORECASE)
_LOCAL_URL = re.compile(r"url\(\s*(['\"]?)#[\w.:-]+\1\s*\)", re.IGNORECASE)
_FRAGMENT = re.compile(r"#[\w.:-]+")
_DATA_IMAGE = re.compile(r"data:image/(png|jpeg);base64,([A-Za-z0-9+/=\s]+)", re.IGNORECASE)
_FORBIDDEN_CSS = re.compile(r"[\\@<]|expression\s*\(|javascript:|behaviou?r\s*:", re.IGNORECASE)


class UnsafeSvgError(ValueError):
    """An SVG file that cannot be made safe; ``message`` says why, for the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class SanitisedSvg:
    text: str
    removed: list[str] = field(default_factory=list)  # what was dropped, for the page
    width: float | None = None
    height: float | None = None


def sanitise_svg(data: bytes) -> SanitisedSvg:
    """The safe subset of the SVG ``data``; raises :class:`UnsafeSvgError` when none is left."""
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise UnsafeSvgError(
            str(_("Ce fichier SVG déclare une DTD ou des entités XML, ce qui est refusé."))
        ) from error
    except (ParseError, ValueError, SyntaxError) as error:
        raise UnsafeSvgError(
            str(_("Ce fichier n'est pas un SVG lisible (XML mal formé)."))
        ) from error
    if root.tag != f"{{{SVG_NS}}}svg":
        raise UnsafeSvgError(
            str(_("Ce fichier n'est pas une image SVG (l'élément racine doit être <svg>)."))
        )
    _check_size(root)
    cleaner = _Cleaner()
    clean = cleaner.element(root)
    assert clean is not None  # the root is an allowed <svg>
    cleaner.drop_nested_uses(clean)
    if not cleaner.drawn:
        raise UnsafeSvgError(str(_("Ce fichier SVG ne contient rien à dessiner une fois nettoyé.")))
    width, height = _dimensions(clean)
    return SanitisedSvg(_serialise(clean), sorted(cleaner.removed), width, height)


def removed_message(removed: list[str]) -> str:
    """A sentence for the person: what the sanitiser dropped."""
    return ngettext(
        "Élément retiré de l'image pour des raisons de sécurité : %(items)s.",
        "Éléments retirés de l'image pour des raisons de sécurité : %(items)s.",
        len(removed),
    ) % {"items": ", ".join(removed)}


def _check_size(root: Element) -> None:
    count = 0
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > MAX_ELEMENTS:
            raise UnsafeSvgError(
                str(_("Ce fichier SVG contient trop d'éléments (%(max)s au plus)."))
                % {"max": MAX_ELEMENTS}
            )
        if depth > MAX_DEPTH:
            raise UnsafeSvgError(
                str(_("Ce fichier SVG est trop profondément imbriqué (%(max)s niveaux au plus)."))
                % {"max": MAX_DEPTH}
            )
        stack.extend((child, depth + 1) for child in node)


class _Cleaner:
    def __init__(self) -> None:
        self.removed: set[str] = set()
        self.drawn = False
        self.uses = 0

    def element(self, node: Element) -> Element | None:
        name = _local(node.tag)
        if name is None or name not in ELEMENTS:
            shown = _local_name(node.tag)
            if shown and shown not in _QUIET_ELEMENTS:
                self.removed.add(f"<{shown}>")
            return None
        attributes = self.attributes(node, name)
        if name == "use":
            if "href" not in attributes or self.uses >= MAX_USES:
                self.removed.add("<use>")
                return None
            self.uses += 1
        if name == "image" and "href" not in attributes:
            self.removed.add("<image>")
            return None
        if name == "style" and not _safe_css(node.text or ""):
            self.removed.add("<style>")
            return None
        clean = Element(name, attributes)
        if name in _TEXT_ELEMENTS:
            clean.text = node.text
        if name not in _CONTAINERS:
            self.drawn = True
        for child in node:
            copied = self.element(child)
            if copied is not None:
                if name in _TEXT_ELEMENTS:
                    copied.tail = child.tail
                clean.append(copied)
        return clean

    def attributes(self, node: Element, element: str) -> dict[str, str]:
        kept: dict[str, str] = {}
        for key, value in node.attrib.items():
            name = _attribute_name(key)
            if name is None or name not in ATTRIBUTES:
                if name is not None and name.lower().startswith("on"):
                    self.removed.add(name)  # an event handler
                continue
            if name == "href":
                href = _safe_href(value, element)
                if href is None:
                    self.removed.add(f"href={value[:40]}")
                    continue
                value = href
            elif name == "style":
                if not _safe_css(value):
                    self.removed.add("style")
                    continue
            elif not _safe_value(value):
                self.removed.add(name)
                continue
            kept[name] = value
        return kept

    def drop_nested_uses(self, root: Element) -> None:
        """Remove each ``<use>`` whose target is missing or holds a ``<use>`` itself."""
        by_id = {node.get("id"): node for node in root.iter() if node.get("id")}
        # Decided on the tree as it was, before any removal: removing the uses of one level
        # must not make the level above it look harmless.
        holding_uses = {
            key for key, node in by_id.items() if any(n.tag == "use" for n in node.iter())
        }
        for parent in list(root.iter()):
            for child in list(parent):
                if child.tag != "use":
                    continue
                target = (child.get("href") or "")[1:]
                if target not in by_id or target in holding_uses:
                    parent.remove(child)
                    self.removed.add("<use>")


def _local(tag: str) -> str | None:
    if not isinstance(tag, str) or not tag.startswith(f"{{{SVG_NS}}}"):
        return None  # comments, processing instructions, other namespaces
    return tag[len(SVG_NS) + 2 :]


def _local_name(tag: object) -> str:
    return tag.rsplit("}", 1)[-1][:40] if isinstance(tag, str) else ""


def _attribute_name(key: str) -> str | None:
    if key.startswith(f"{{{XLINK_NS}}}"):
        return "href" if key.endswith("}href") else None
    if key.startswith("{"):
        return None
    return key


def _safe_href(value: str, element: str) -> str | None:
    value = value.strip()
    if element != "image":
        return value if _FRAGMENT.fullmatch(value) else None
    match = _DATA_IMAGE.fullmatch(value)
    if match is None or not _embedded_image_ok(match.group(2)):
        return None
    return value


def _embedded_image_ok(encoded: str) -> bool:
    try:
        raw = base64.b64decode("".join(encoded.split()), validate=True)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(raw)) as image:
                width, height = image.size
                return image.format in {"PNG", "JPEG"} and width * height <= MAX_EMBEDDED_PIXELS
    except (binascii.Error, OSError, ValueError, Image.DecompressionBombError, Warning):
        return False


def _only_local_urls(value: str) -> bool:
    return not _URL.search(_LOCAL_URL.sub("", value))


def _safe_value(value: str) -> bool:
    return _only_local_urls(value) and "javascript:" not in value.lower()


def _safe_css(text: str) -> bool:
    return not _FORBIDDEN_CSS.search(text) and _only_local_urls(text)


_NUMBER = re.compile(r"\s*([0-9]*\.?[0-9]+)\s*(px)?\s*")


def _dimensions(root: Element) -> tuple[float | None, float | None]:
    view_box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(view_box) == 4:
        try:
            return float(view_box[2]), float(view_box[3])
        except ValueError:
            pass
    width, height = (_NUMBER.fullmatch(root.get(k) or "") for k in ("width", "height"))
    if width and height:
        w, h = float(width.group(1)), float(height.group(1))
        if w > 0 and h > 0:
            root.set("viewBox", f"0 0 {w:g} {h:g}")  # scales when shown at another size
            return w, h
    return None, None


def _serialise(root: Element) -> str:
    parts: list[str] = []
    _write(root, parts, top=True)
    return "".join(parts)


def _write(node: Element, parts: list[str], *, top: bool = False) -> None:
    attributes = dict(node.attrib)
    if top:
        attributes = {"xmlns": SVG_NS, **attributes}
    parts.append(f"<{node.tag}")
    parts.extend(f" {key}={quoteattr(value)}" for key, value in attributes.items())
    if node.text is None and len(node) == 0:
        parts.append("/>")
    else:
        parts.append(">")
        if node.text:
            parts.append(escape(node.text))
        for child in node:
            _write(child, parts)
        parts.append(f"</{node.tag}>")
    if node.tail and not top:
        parts.append(escape(node.tail))
