"""Open Badges in PNG images: one uncompressed ``iTXt`` chunk (Baking 1.0, OB 3.0 "Baked Badge").

Writing follows the specifications strictly; reading also accepts what other tools write:
compressed ``iTXt``, pre-1.0 ``tEXt``/``zTXt`` chunks, and stray NUL bytes around the text.
"""

from __future__ import annotations

import zlib

from .errors import ANOTHER_BADGE, NO_BADGE, BakingError, too_big, unreadable_badge
from .payload import (
    MAX_IMAGE_BYTES,
    MAX_PAYLOAD_BYTES,
    OB2_CONTAINER,
    OB3_CONTAINER,
    WHITESPACE,
    Baked,
    check_container,
    normalize_payload,
)
from .png_chunks import Chunk, make_chunk, read_chunks

_TEXT_KINDS = (b"iTXt", b"tEXt", b"zTXt")


def bake_png(image: bytes, payload: str, *, container: str) -> bytes:
    """``image`` with ``payload`` in an uncompressed ``iTXt`` chunk named ``container``.

    ``container`` is ``"openbadgecredential"`` (Open Badges 3.0) or ``"openbadges"`` (2.0).
    An image that already carries this payload in that container is returned unchanged.
    Raises :class:`BakingError` when the image is not a valid PNG, already carries a different
    badge in that container, or when the payload cannot be carried (see ``normalize_payload``).
    """
    check_container(container)
    text = normalize_payload(payload)
    chunks = read_chunks(image)
    existing = _find(image, chunks, container)
    if existing == text:
        return image
    if existing is not None:
        raise BakingError(ANOTHER_BADGE)
    # Compression flag 0, method 0, empty language tag, empty translated keyword.
    chunk = make_chunk(b"iTXt", container.encode("ascii") + b"\0\0\0\0\0" + text.encode("utf-8"))
    # Just before IEND, as in the 1EdTech OB 3.0 fixtures: every original byte up to IEND stays
    # at its offset, and iTXt is allowed anywhere between IHDR and IEND.
    iend = chunks[-1].start
    baked = image[:iend] + chunk + image[iend:]
    if len(baked) > MAX_IMAGE_BYTES:
        raise too_big("L'image avec son badge", "The baked image", MAX_IMAGE_BYTES)
    return baked


def unbake_png(image: bytes, *, container: str | None = None) -> Baked:
    """The badge baked into a PNG image.

    Without ``container``, an Open Badges 3.0 credential is preferred to a 2.0 assertion when
    the image carries both: it is the newer of the two. Within a container the first ``iTXt``
    chunk wins; for ``"openbadges"`` a pre-1.0 ``tEXt``/``zTXt`` chunk is used when there is
    no ``iTXt`` one. Raises :class:`BakingError` when the image is not a valid PNG, carries no
    badge, or its badge chunk cannot be read (bad UTF-8, damaged or oversized compressed text).
    """
    chunks = read_chunks(image)
    for name in [container] if container is not None else [OB3_CONTAINER, OB2_CONTAINER]:
        check_container(name)
        payload = _find(image, chunks, name)
        if payload is not None:
            return Baked(image_format="png", container=name, payload=payload)
    raise BakingError(NO_BADGE)


def _find(image: bytes, chunks: list[Chunk], container: str) -> str | None:
    prefix = container.encode("ascii") + b"\0"
    legacy: Chunk | None = None
    for chunk in chunks:
        if chunk.kind not in _TEXT_KINDS or not image.startswith(
            prefix, chunk.data_start, chunk.data_start + chunk.length
        ):
            continue
        if chunk.kind == b"iTXt":
            return _decode(chunk.kind, chunk.data(image)[len(prefix) :])
        if legacy is None and container == OB2_CONTAINER:
            legacy = chunk
    return None if legacy is None else _decode(legacy.kind, legacy.data(image)[len(prefix) :])


def _decode(kind: bytes, body: bytes) -> str:
    if kind == b"iTXt":
        raw = _itxt_text(body)
    elif kind == b"zTXt":
        if body[:1] != b"\0":
            raise unreadable_badge("compression inconnue", "unknown compression method")
        raw = _inflate(body[1:])
    else:
        raw = body
    raw = raw.strip(b"\0")
    if len(raw) > MAX_PAYLOAD_BYTES:
        raise too_big("Le badge", "The badge", MAX_PAYLOAD_BYTES)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        if kind == b"iTXt":
            raise unreadable_badge("texte non UTF-8", "the text is not UTF-8") from error
        text = raw.decode("latin-1")  # what the PNG specification says tEXt and zTXt hold
    text = text.strip(WHITESPACE)
    if not text:
        raise unreadable_badge("il est vide", "it is empty")
    return text


def _itxt_text(body: bytes) -> bytes:
    if body[:1] in (b"\0", b"\1") and len(body) >= 2:
        fields = body[2:].split(b"\0", 2)
        if len(fields) == 3:
            if body[0] == 0:
                return fields[2]
            if body[1] != 0:
                raise unreadable_badge("compression inconnue", "unknown compression method")
            return _inflate(fields[2])
        if body[0] == 1:
            raise unreadable_badge("bloc iTXt incomplet", "incomplete iTXt chunk")
    # Some writers leave out the language fields or put tEXt-style text in iTXt: the NULs left
    # in front are stripped with the others, as a badge's text never starts or ends with NUL.
    return body


def _inflate(data: bytes) -> bytes:
    # The output cap makes a zip bomb stop after MAX_PAYLOAD_BYTES, whatever it claims to hold.
    inflater = zlib.decompressobj()
    try:
        text = inflater.decompress(data, MAX_PAYLOAD_BYTES + 1)
    except zlib.error as error:
        raise unreadable_badge("texte compressé endommagé", "damaged compressed text") from error
    if len(text) > MAX_PAYLOAD_BYTES:
        raise too_big("Le badge", "The badge", MAX_PAYLOAD_BYTES)
    if not inflater.eof:
        raise unreadable_badge("texte compressé tronqué", "truncated compressed text")
    return text
