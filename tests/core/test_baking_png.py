"""Baking badges into PNG images: chunk layout, round trips, lenient reading, hostile files."""

from __future__ import annotations

import struct
import tracemalloc
import zlib

import pytest

from insigne.core.baking import (
    MAX_IMAGE_BYTES,
    MAX_PAYLOAD_BYTES,
    OB2_CONTAINER,
    OB3_CONTAINER,
    Baked,
    BakingError,
    bake_png,
    unbake_png,
)

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CREDENTIAL = '{"@context":["https://www.w3.org/ns/credentials/v2"],"name":"Écologie ✓"}'
ASSERTION = '{"@context":"https://w3id.org/openbadges/v2","type":"Assertion"}'
JWS = "eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJodHRwczovL2V4YW1wbGUub3JnIn0.c2lnbmF0dXJl"


def chunk(kind: bytes, data: bytes) -> bytes:
    """A PNG chunk with its CRC, written independently of the code under test."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_file(*extra: bytes, width: int = 2, height: int = 2) -> bytes:
    """A valid RGB PNG; ``extra`` chunks go between IHDR and IDAT."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = b"".join(b"\0" + b"\xd0\x2a\x2a" * width for _ in range(height))
    return (
        SIGNATURE
        + chunk(b"IHDR", header)
        + b"".join(extra)
        + chunk(b"IDAT", zlib.compress(pixels))
        + chunk(b"IEND", b"")
    )


def chunks_of(image: bytes) -> list[tuple[bytes, bytes]]:
    """(type, data) of every chunk, checking the signature, every CRC and the final IEND."""
    assert image.startswith(SIGNATURE)
    position, found = 8, []
    while position < len(image):
        length, kind = struct.unpack_from(">I4s", image, position)
        data = image[position + 8 : position + 8 + length]
        (crc,) = struct.unpack_from(">I", image, position + 8 + length)
        assert crc == zlib.crc32(kind + data), kind
        found.append((kind, data))
        position += 12 + length
    assert position == len(image)
    assert found[0][0] == b"IHDR"
    assert found[-1] == (b"IEND", b"")
    return found


def itxt(keyword: bytes, text: bytes, *, compressed: bool = False) -> bytes:
    body = zlib.compress(text) if compressed else text
    return chunk(b"iTXt", keyword + b"\0" + bytes([compressed, 0]) + b"\0\0" + body)


def bomb(size: int) -> bytes:
    """zlib data that inflates to ``size`` bytes of spaces."""
    compressor = zlib.compressobj(9)
    block = b" " * 2**20
    return b"".join(compressor.compress(block) for _ in range(size // 2**20)) + compressor.flush()


# Writing


def test_baked_png_has_one_uncompressed_itxt_chunk_just_before_iend() -> None:
    image = png_file()
    baked = bake_png(image, CREDENTIAL, container=OB3_CONTAINER)
    original = chunks_of(image)
    assert chunks_of(baked) == [
        *original[:-1],
        (b"iTXt", b"openbadgecredential\0\0\0\0\0" + CREDENTIAL.encode("utf-8")),
        original[-1],
    ]


def test_baking_keeps_every_original_byte_before_iend() -> None:
    image = png_file(chunk(b"tEXt", b"Comment\0hello"), chunk(b"pHYs", bytes(9)))
    baked = bake_png(image, ASSERTION, container=OB2_CONTAINER)
    assert baked.startswith(image[:-12])
    assert baked.endswith(image[-12:])


def test_baked_png_reads_back_the_payload() -> None:
    baked = bake_png(png_file(), JWS, container=OB3_CONTAINER)
    assert unbake_png(baked) == Baked(image_format="png", container=OB3_CONTAINER, payload=JWS)


def test_surrounding_whitespace_is_not_baked() -> None:
    baked = bake_png(png_file(), f"\n  {CREDENTIAL}\r\n", container=OB3_CONTAINER)
    assert chunks_of(baked)[-2][1].endswith(b"\0\0\0\0" + CREDENTIAL.encode())


def test_baking_the_same_payload_twice_returns_the_image_unchanged() -> None:
    baked = bake_png(png_file(), CREDENTIAL, container=OB3_CONTAINER)
    assert bake_png(baked, CREDENTIAL, container=OB3_CONTAINER) == baked


def test_baking_over_a_different_credential_is_refused() -> None:
    baked = bake_png(png_file(), CREDENTIAL, container=OB3_CONTAINER)
    with pytest.raises(BakingError, match="already carries another badge") as error:
        bake_png(baked, JWS, container=OB3_CONTAINER)
    assert error.value.text.fr == "Cette image contient déjà un autre badge."


def test_baking_over_a_legacy_text_badge_is_refused() -> None:
    image = png_file(chunk(b"tEXt", b"openbadges\0https://example.org/assertions/1"))
    with pytest.raises(BakingError, match="another badge"):
        bake_png(image, ASSERTION, container=OB2_CONTAINER)


def test_a_credential_and_an_assertion_can_share_an_image() -> None:
    both = bake_png(
        bake_png(png_file(), ASSERTION, container=OB2_CONTAINER), JWS, container=OB3_CONTAINER
    )
    assert [kind for kind, _ in chunks_of(both)].count(b"iTXt") == 2
    assert unbake_png(both).payload == JWS
    assert unbake_png(both, container=OB2_CONTAINER).payload == ASSERTION


@pytest.mark.parametrize(
    ("payload", "message"),
    [("", "empty"), (" \n", "empty"), ("{\0}", "NUL"), ("\ud800", "invalid Unicode")],
)
def test_payloads_a_png_cannot_carry_are_refused(payload: str, message: str) -> None:
    with pytest.raises(BakingError, match=message):
        bake_png(png_file(), payload, container=OB3_CONTAINER)


def test_a_payload_above_the_limit_is_refused() -> None:
    with pytest.raises(BakingError, match="limit"):
        bake_png(png_file(), "x" * (MAX_PAYLOAD_BYTES + 1), container=OB3_CONTAINER)


def test_an_unknown_container_is_refused() -> None:
    with pytest.raises(BakingError, match="unknown badge container"):
        bake_png(png_file(), CREDENTIAL, container="openbadge")


def test_baking_that_would_pass_the_size_limit_is_refused() -> None:
    padding = chunk(b"prVt", bytes(MAX_IMAGE_BYTES - len(png_file()) - 12))
    image = png_file(padding)
    assert len(image) == MAX_IMAGE_BYTES
    with pytest.raises(BakingError, match="baked image is larger"):
        bake_png(image, CREDENTIAL, container=OB3_CONTAINER)


# Reading what other tools write


def test_an_image_without_badge_is_reported_as_such() -> None:
    image = png_file(chunk(b"iTXt", b"XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta/>"))
    with pytest.raises(BakingError, match="carries no badge") as error:
        unbake_png(image)
    assert error.value.text.fr == "Cette image ne contient aucun badge."


def test_compressed_itxt_is_read() -> None:
    image = png_file(itxt(b"openbadgecredential", CREDENTIAL.encode(), compressed=True))
    assert unbake_png(image).payload == CREDENTIAL


def test_legacy_text_chunk_with_an_assertion_url_is_read() -> None:
    image = png_file(chunk(b"tEXt", b"openbadges\0https://example.org/assertions/1"))
    assert unbake_png(image) == Baked("png", OB2_CONTAINER, "https://example.org/assertions/1")


def test_legacy_text_chunk_is_latin_1_when_not_utf_8() -> None:
    image = png_file(chunk(b"tEXt", b"openbadges\0https://example.org/caf\xe9"))
    assert unbake_png(image).payload == "https://example.org/café"


def test_legacy_compressed_text_chunk_is_read() -> None:
    image = png_file(chunk(b"zTXt", b"openbadges\0\0" + zlib.compress(ASSERTION.encode())))
    assert unbake_png(image).payload == ASSERTION


@pytest.mark.parametrize(
    "body",
    [
        b"\0\0\0\0" + CREDENTIAL.encode() + b"\0",  # trailing NUL after the text
        b"\0\0\0\0\0\0" + CREDENTIAL.encode(),  # NULs to spare before the text
        b"\0\0\0" + CREDENTIAL.encode(),  # one field separator missing
        b"\0\0" + CREDENTIAL.encode(),  # compression flag and method missing
        CREDENTIAL.encode(),  # tEXt layout inside iTXt
    ],
)
def test_itxt_with_misplaced_nul_bytes_is_read(body: bytes) -> None:
    image = png_file(chunk(b"iTXt", b"openbadgecredential\0" + body))
    assert unbake_png(image).payload == CREDENTIAL


@pytest.mark.parametrize(
    "chunks",
    [
        (itxt(b"openbadges", b"first"), itxt(b"openbadges", b"second")),
        (chunk(b"tEXt", b"openbadges\0first"), chunk(b"tEXt", b"openbadges\0second")),
    ],
)
def test_the_first_chunk_of_a_container_wins(chunks: tuple[bytes, bytes]) -> None:
    assert unbake_png(png_file(*chunks)).payload == "first"


def test_itxt_wins_over_an_earlier_legacy_text_chunk() -> None:
    image = png_file(chunk(b"tEXt", b"openbadges\0legacy"), itxt(b"openbadges", b"current"))
    assert unbake_png(image).payload == "current"


def test_an_open_badges_3_credential_wins_over_an_earlier_2_0_assertion() -> None:
    image = png_file(itxt(b"openbadges", ASSERTION.encode()), itxt(b"openbadgecredential", b"x"))
    assert unbake_png(image).container == OB3_CONTAINER


def test_a_keyword_that_only_starts_like_the_container_is_ignored() -> None:
    image = png_file(itxt(b"openbadgesx", b"x"), itxt(b"openbadge", b"y"))
    with pytest.raises(BakingError, match="no badge"):
        unbake_png(image)


@pytest.mark.parametrize(
    ("payload_chunk", "message"),
    [
        (itxt(b"openbadges", b"\xff\xfe"), "not UTF-8"),
        (itxt(b"openbadges", b"\0 \n"), "empty"),
        (chunk(b"iTXt", b"openbadges\0\1\0no fields"), "incomplete iTXt"),
        (chunk(b"iTXt", b"openbadges\0\1\7\0\0data"), "unknown compression"),
        (chunk(b"zTXt", b"openbadges\0\5data"), "unknown compression"),
        (chunk(b"iTXt", b"openbadges\0\1\0\0\0not zlib"), "damaged compressed"),
        (chunk(b"iTXt", b"openbadges\0\1\0\0\0" + zlib.compress(b"{}" * 99)[:-6]), "truncated"),
    ],
)
def test_unreadable_badge_chunks_are_reported(payload_chunk: bytes, message: str) -> None:
    with pytest.raises(BakingError, match=message):
        unbake_png(png_file(payload_chunk))


def test_an_uncompressed_payload_above_the_limit_is_refused() -> None:
    image = png_file(itxt(b"openbadges", b"x" * (MAX_PAYLOAD_BYTES + 1)))
    with pytest.raises(BakingError, match="badge is larger"):
        unbake_png(image)


@pytest.mark.parametrize("kind", [b"iTXt", b"zTXt"])
def test_a_compressed_text_that_inflates_past_the_cap_is_refused_without_inflating_it(
    kind: bytes,
) -> None:
    size = 64 * 2**20
    header = b"\1\0\0\0" if kind == b"iTXt" else b"\0"
    image = png_file(chunk(kind, b"openbadges\0" + header + bomb(size)))
    tracemalloc.start()
    try:
        with pytest.raises(BakingError, match="badge is larger"):
            unbake_png(image)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * MAX_PAYLOAD_BYTES < size


# Damaged and hostile files


def test_truncated_files_are_refused_at_every_length() -> None:
    baked = bake_png(png_file(), CREDENTIAL, container=OB3_CONTAINER)
    for length in range(len(baked)):
        with pytest.raises(BakingError):
            unbake_png(baked[:length])


def test_a_bad_crc_is_refused() -> None:
    image = bytearray(png_file())
    image[image.index(b"IDAT") + 6] ^= 1
    with pytest.raises(BakingError, match="bad CRC in IDAT"):
        unbake_png(bytes(image))


def test_a_wrong_signature_is_refused() -> None:
    with pytest.raises(BakingError, match="signature"):
        unbake_png(b"\x89PNG\n\r\x1a\n" + png_file()[8:])


@pytest.mark.parametrize(
    ("length", "message"), [(0x7FFFFFF0, "truncated"), (0xFFFFFFFF, "impossible chunk length")]
)
def test_a_huge_declared_chunk_length_is_refused(length: int, message: str) -> None:
    image = png_file()
    hostile = image[:33] + struct.pack(">I", length) + b"iTXt" + bytes(20)
    with pytest.raises(BakingError, match=message):
        unbake_png(hostile)


def test_too_many_chunks_are_refused() -> None:
    with pytest.raises(BakingError, match="more than 10000 chunks"):
        unbake_png(png_file(*[chunk(b"prVt", b"")] * 10_000))


def test_data_after_iend_is_refused() -> None:
    with pytest.raises(BakingError, match="after IEND"):
        unbake_png(png_file() + b"trailing")


def test_a_file_not_starting_with_ihdr_is_refused() -> None:
    image = png_file()
    swapped = SIGNATURE + chunk(b"gAMA", bytes(4)) + image[8:]
    with pytest.raises(BakingError, match="IHDR"):
        unbake_png(swapped)


def test_an_ihdr_of_the_wrong_length_is_refused() -> None:
    image = png_file()
    with pytest.raises(BakingError, match="IHDR"):
        unbake_png(SIGNATURE + chunk(b"IHDR", bytes(12)) + image[33:])


def test_a_chunk_type_that_is_not_letters_is_refused() -> None:
    with pytest.raises(BakingError, match="invalid chunk type"):
        unbake_png(png_file(chunk(b"i\0Xt", b"")))


def test_an_image_above_the_size_limit_is_refused_before_parsing() -> None:
    with pytest.raises(BakingError, match="20 MiB limit"):
        unbake_png(SIGNATURE + bytes(MAX_IMAGE_BYTES))


def test_baking_into_a_damaged_png_is_refused() -> None:
    with pytest.raises(BakingError, match="truncated"):
        bake_png(png_file()[:-1], CREDENTIAL, container=OB3_CONTAINER)
