"""The bitstring of a W3C Bitstring Status List (and of the older StatusList2021).

One bit per credential (``statusSize`` 1). Bit 0 is the left-most bit of the first byte.
On the wire the bitstring is GZIP-compressed, then base64url-encoded without padding behind
the multibase prefix ``u`` (Bitstring Status List v1.0, section 2.2 and 3.2).

Writing is strict: at least 131,072 entries, the ``u`` form, and identical bytes for
identical bits. Reading is lenient about the text form (StatusList2021 lists were written
without the prefix, some in standard base64) but always bounded in size.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator

from .. import multibase

MIN_ENTRIES = 131_072  # 16 KiB: the herd-privacy minimum of the specification
MAX_LIST_BYTES = 16 * 1024 * 1024  # largest inflated bitstring accepted (134 million entries)

# A fixed GZIP header: no file name, modification time 0, "unknown" operating system. The
# standard library would record the platform and, at level 9, a different XFL byte; a
# fixed header keeps the output identical everywhere (and byte-equal to 1EdTech's list).
_GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
_GZIP_MAGIC = b"\x1f\x8b"
_LEGACY_BASE64 = str.maketrans("+/", "-_")


class StatusListError(ValueError):
    """An encoded status list cannot be read; the message says why."""


class StatusListSizeError(StatusListError):
    """The encoded status list inflates beyond the accepted size (a GZIP bomb, say)."""


class StatusList:
    """A mutable bitstring of status entries, one bit each."""

    __slots__ = ("_bits",)

    def __init__(self, bits: bytes | bytearray) -> None:
        """Wrap the raw (uncompressed) bitstring ``bits``; its length may be anything."""
        self._bits = bytearray(bits)

    @classmethod
    def new(cls, size: int = MIN_ENTRIES) -> StatusList:
        """An all-clear list of ``size`` entries.

        ``size`` must be a multiple of 8 between 131,072 and ``MAX_LIST_BYTES * 8``;
        anything else raises ValueError.
        """
        if isinstance(size, bool) or not isinstance(size, int):
            raise TypeError("the size of a status list is an integer")
        if size < MIN_ENTRIES or size > MAX_LIST_BYTES * 8 or size % 8:
            raise ValueError(
                f"a status list has a multiple of 8 entries between {MIN_ENTRIES} and "
                f"{MAX_LIST_BYTES * 8}, not {size}"
            )
        return cls(bytes(size // 8))

    @classmethod
    def decode(cls, encoded: object, *, max_bytes: int = MAX_LIST_BYTES) -> StatusList:
        """Read an ``encodedList`` value.

        Accepts the multibase form ``u<base64url>`` and, as older lists were written,
        unprefixed base64url or base64 (with or without padding). The data must be GZIP.
        Raises ``StatusListSizeError`` when the bitstring would exceed ``max_bytes`` and
        ``StatusListError`` for anything else that is not a readable list.
        """
        if not isinstance(encoded, str) or not encoded:
            raise StatusListError("encodedList is not a non-empty string")
        # Deflate never expands data by more than a fraction of a percent, so text this
        # long cannot hold a list we would accept: refuse it before decoding anything.
        if len(encoded) > 2 * max_bytes:
            raise StatusListSizeError(f"encodedList is {len(encoded)} characters long")
        # GZIP data starts with 0x1f, which base64 writes as "H": an unprefixed list never
        # starts with "u", so the two forms cannot be confused.
        text = encoded[1:] if encoded[0] == "u" else encoded.translate(_LEGACY_BASE64)
        try:
            compressed = multibase.b64url_decode(text)
        except ValueError as error:
            raise StatusListError("encodedList is not base64url text") from error
        return cls(_gunzip(compressed, max_bytes))

    def __len__(self) -> int:
        return len(self._bits) * 8

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, StatusList):
            return NotImplemented
        return self._bits == other._bits

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return f"StatusList(entries={len(self)}, set={sum(1 for _ in self.set_bits())})"

    def get(self, index: int) -> bool:
        """Whether the bit at ``index`` is set; IndexError outside ``0 .. len - 1``."""
        byte, mask = self._locate(index)
        return bool(self._bits[byte] & mask)

    def set(self, index: int) -> None:
        """Set the bit at ``index`` (revoke or suspend that entry)."""
        byte, mask = self._locate(index)
        self._bits[byte] |= mask

    def clear(self, index: int) -> None:
        """Clear the bit at ``index`` (lift a suspension)."""
        byte, mask = self._locate(index)
        self._bits[byte] &= ~mask & 0xFF

    def set_bits(self) -> Iterator[int]:
        """The indexes whose bit is set, in increasing order."""
        for byte_index, byte in enumerate(self._bits):
            if byte:
                for offset in range(8):
                    if byte & (0x80 >> offset):
                        yield byte_index * 8 + offset

    def to_bytes(self) -> bytes:
        """The raw, uncompressed bitstring."""
        return bytes(self._bits)

    def encode(self) -> str:
        """The ``encodedList`` value: ``u`` + base64url (no padding) of the GZIP data.

        Deterministic: the same bits always give the same text. Raises StatusListError
        for a list shorter than 131,072 entries, which strict verifiers reject.
        """
        if len(self) < MIN_ENTRIES:
            raise StatusListError(
                f"refusing to write a status list of {len(self)} entries; "
                f"the minimum is {MIN_ENTRIES}"
            )
        return multibase.encode(_gzip(bytes(self._bits)), "u")

    def _locate(self, index: int) -> tuple[int, int]:
        if isinstance(index, bool) or not isinstance(index, int):
            raise TypeError(f"a status list index is an integer, not {type(index).__name__}")
        if not 0 <= index < len(self):
            raise IndexError(f"index {index} is outside the status list (0 to {len(self) - 1})")
        return index // 8, 0x80 >> (index % 8)


def _gzip(data: bytes) -> bytes:
    deflate = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    body = deflate.compress(data) + deflate.flush()
    trailer = struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)
    return _GZIP_HEADER + body + trailer


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    if not data.startswith(_GZIP_MAGIC):
        raise StatusListError("encodedList is not GZIP-compressed")
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        # max_length stops inflating one byte past the cap: a bomb costs at most that much.
        bits = inflater.decompress(data, max_bytes + 1)
    except zlib.error as error:
        raise StatusListError(f"encodedList is not valid GZIP data ({error})") from error
    if len(bits) > max_bytes:
        raise StatusListSizeError(f"the status list inflates beyond {max_bytes} bytes")
    if not inflater.eof:
        raise StatusListError("encodedList holds truncated GZIP data")
    if inflater.unused_data:
        raise StatusListError("encodedList has data after the GZIP stream")
    return bits
