"""What a baked image carries: containers, size limits, and which Open Badges version a payload is.

Open Badges 3.0 bakes into the PNG keyword / SVG element ``openbadgecredential`` /
``<openbadges:credential>``; Open Badges 2.0 into ``openbadges`` / ``<openbadges:assertion>``.
The payload is a compact JWS or JSON text (and, in pre-1.0 images, an assertion URL).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from insigne.core.multibase import b64url_decode

from .errors import BakingError, invalid_payload, too_big

OB3_CONTAINER = "openbadgecredential"
OB2_CONTAINER = "openbadges"
CONTAINERS = {3: OB3_CONTAINER, 2: OB2_CONTAINER}

# Real badge images are a few hundred KiB; the limits keep a hostile upload from costing
# more than a bounded amount of memory and time.
MAX_IMAGE_BYTES = 20 * 2**20
MAX_PAYLOAD_BYTES = 2 * 2**20

# JSON and JWS do not care about surrounding whitespace, and SVG files indent the element body.
WHITESPACE = " \t\r\n"

# Characters XML 1.0 can carry; the others cannot be written in an SVG file, even escaped.
NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_JWS = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")
_VC_CONTEXTS = {"https://www.w3.org/ns/credentials/v2", "https://www.w3.org/2018/credentials/v1"}
_OB3_CONTEXT_PREFIX = "https://purl.imsglobal.org/spec/ob/v3p0/"
_OB2_CONTEXTS = {"https://w3id.org/openbadges/v2", "https://openbadgespec.org/v2/context.json"}


@dataclass(frozen=True)
class Baked:
    """A badge found in an image.

    ``image_format`` is ``"png"`` or ``"svg"``; ``container`` is ``"openbadgecredential"``
    (Open Badges 3.0) or ``"openbadges"`` (Open Badges 2.0); ``payload`` is the compact JWS,
    the JSON text or (pre-1.0 Open Badges images) the assertion URL, without surrounding
    whitespace.
    """

    image_format: str
    container: str
    payload: str


def is_compact_jws(text: str) -> bool:
    """Whether ``text`` has the shape of a compact JWS (three base64url segments)."""
    return _JWS.fullmatch(text) is not None


def check_container(container: str) -> None:
    """Raise :class:`BakingError` unless ``container`` is one of the two container names."""
    if container not in CONTAINERS.values():
        raise invalid_payload(
            f"conteneur inconnu {container!r}", f"unknown badge container {container!r}"
        )


def check_verify_url(url: str, payload: str, container: str) -> None:
    """Raise :class:`BakingError` unless ``url`` can go with ``payload`` as an SVG ``verify``.

    Only Open Badges 2.0 hosted assertions (JSON) have an assertion URL beside the payload.
    """
    if container != OB2_CONTAINER or is_compact_jws(payload.strip(WHITESPACE)):
        raise invalid_payload(
            "une adresse de vérification ne va qu'avec une assertion Open Badges 2.0 en JSON",
            "a verification URL only goes with an Open Badges 2.0 JSON assertion",
        )
    if not url.startswith(("https://", "http://")) or NOT_XML_CHAR.search(url):
        raise invalid_payload(
            "l'adresse de vérification n'est pas une URL http(s)",
            "the verification URL is not an http(s) URL",
        )


def normalize_payload(payload: str) -> str:
    """``payload`` without surrounding whitespace, checked to fit in an image.

    Raises :class:`BakingError` when it is empty, contains NUL (which PNG text cannot hold),
    is not encodable as UTF-8, or is larger than ``MAX_PAYLOAD_BYTES``.
    """
    text = payload.strip(WHITESPACE)
    if not text:
        raise invalid_payload("il est vide", "it is empty")
    if "\0" in text:
        raise invalid_payload("il contient un caractère NUL", "it contains a NUL character")
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as error:
        raise invalid_payload(
            "il contient un caractère Unicode invalide", "it contains an invalid Unicode character"
        ) from error
    if size > MAX_PAYLOAD_BYTES:
        raise too_big("Le badge", "The badge", MAX_PAYLOAD_BYTES)
    return text


def resolve_version(payload: str, version: int | None) -> int:
    """The Open Badges version (2 or 3) to bake ``payload`` as.

    ``version`` wins when the payload does not say; a payload that says otherwise is refused.
    Raises :class:`BakingError` when the payload is neither a JSON object nor a compact JWS,
    when the version cannot be told, or when it contradicts ``version``.
    """
    if version is not None and version not in CONTAINERS:
        raise invalid_payload(f"version {version!r} inconnue", f"unknown version {version!r}")
    detected = _version_of(_claims(normalize_payload(payload)))
    if version is None:
        if detected is None:
            raise invalid_payload(
                "impossible de savoir s'il s'agit d'Open Badges 2.0 ou 3.0",
                "cannot tell whether it is Open Badges 2.0 or 3.0",
            )
        return detected
    if detected is not None and detected != version:
        raise invalid_payload(
            f"c'est un badge Open Badges {detected}.0, pas {version}.0",
            f"it is an Open Badges {detected}.0 badge, not {version}.0",
        )
    return version


def _claims(text: str) -> dict[str, Any]:
    jws = is_compact_jws(text)
    if not jws and not text.startswith("{"):
        raise invalid_payload(
            "ce n'est ni un objet JSON ni un JWS compact", "it is neither a JSON object nor a JWS"
        )
    kind = "JWS" if jws else "JSON"
    try:
        claims = json.loads(b64url_decode(text.split(".")[1]) if jws else text)
    except (ValueError, RecursionError) as error:
        raise _not_json(kind) from error
    if not isinstance(claims, dict):
        raise _not_json(kind)
    return claims


def _version_of(claims: dict[str, Any]) -> int | None:
    if isinstance(claims.get("vc"), dict):
        return 3  # VC-JWT from the VC 1.1 era: the credential sits in the ``vc`` claim
    context = claims.get("@context")
    urls = {c for c in (context if isinstance(context, list) else [context]) if isinstance(c, str)}
    if urls & _VC_CONTEXTS or any(url.startswith(_OB3_CONTEXT_PREFIX) for url in urls):
        return 3
    if urls & _OB2_CONTEXTS:
        return 2
    return None


def _not_json(kind: str) -> BakingError:
    return invalid_payload(
        f"le contenu du {kind} n'est pas un objet JSON valide",
        f"the {kind} content is not a valid JSON object",
    )
