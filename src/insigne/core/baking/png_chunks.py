"""PNG chunk structure: split a file into checked chunks, and build a new chunk.

Every length is checked against the bytes actually present before it is used, so a
truncated or hostile file ends the walk with an error instead of an exception or a loop.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

from .errors import damaged_png, too_big
from .payload import MAX_IMAGE_BYTES

SIGNATURE = b"\x89PNG\r\n\x1a\n"
# A 20 MiB image written with libpng's 8 KiB IDAT chunks has about 2,600 chunks.
MAX_CHUNKS = 10_000
_MAX_LENGTH = 2**31 - 1  # PNG specification, section 5.3


@dataclass(frozen=True)
class Chunk:
    """Where one chunk sits in the file: ``start`` is the offset of its length field."""

    kind: bytes
    start: int
    length: int

    @property
    def data_start(self) -> int:
        return self.start + 8

    @property
    def end(self) -> int:
        return self.start + 12 + self.length

    def data(self, image: bytes) -> bytes:
        return image[self.data_start : self.data_start + self.length]


def read_chunks(image: bytes) -> list[Chunk]:
    """The chunks of a PNG file, from IHDR to IEND.

    Raises :class:`BakingError` when the file is too large, lacks the PNG signature, is
    truncated, has a bad chunk length, type or CRC, does not start with IHDR, or has
    anything after IEND.
    """
    if len(image) > MAX_IMAGE_BYTES:
        raise too_big("L'image", "The image", MAX_IMAGE_BYTES)
    if not image.startswith(SIGNATURE):
        raise damaged_png("signature PNG absente", "the PNG signature is missing")
    view = memoryview(image)
    chunks: list[Chunk] = []
    position = len(SIGNATURE)
    while not chunks or chunks[-1].kind != b"IEND":
        if len(chunks) == MAX_CHUNKS:
            raise damaged_png("trop de blocs", f"more than {MAX_CHUNKS} chunks")
        chunk = _read_chunk(image, view, position)
        if not chunks and (chunk.kind != b"IHDR" or chunk.length != 13):
            raise damaged_png("le bloc IHDR n'est pas en tête", "it does not start with IHDR")
        chunks.append(chunk)
        position = chunk.end
    if position != len(image):
        raise damaged_png("données après le bloc IEND", "there is data after IEND")
    return chunks


def make_chunk(kind: bytes, data: bytes) -> bytes:
    """A complete chunk: length, type, data and CRC-32 over type and data."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _read_chunk(image: bytes, view: memoryview, position: int) -> Chunk:
    if position + 12 > len(image):
        raise damaged_png("fichier tronqué", "the file is truncated")
    length, kind = struct.unpack_from(">I4s", image, position)
    if length > _MAX_LENGTH:
        raise damaged_png("longueur de bloc impossible", f"impossible chunk length {length}")
    chunk = Chunk(kind=kind, start=position, length=length)
    if chunk.end > len(image):
        raise damaged_png("fichier tronqué", "the file is truncated")
    if not kind.isalpha() or not kind.isascii():
        raise damaged_png("type de bloc invalide", f"invalid chunk type {kind!r}")
    (expected,) = struct.unpack_from(">I", image, chunk.end - 4)
    if zlib.crc32(view[position + 4 : chunk.end - 4]) != expected:
        raise damaged_png(
            f"somme de contrôle fausse (bloc {kind.decode()})", f"bad CRC in {kind.decode()} chunk"
        )
    return chunk
