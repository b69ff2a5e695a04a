"""The status list bitstring and the documents an issuer publishes with it."""

from __future__ import annotations

import base64
import gzip
import tracemalloc
import zlib
from datetime import UTC, datetime

import pytest

from insigne.core import multibase
from insigne.core.canon import default_canonicalizer
from insigne.core.fetch import LocalFetcher
from insigne.core.keys import Ed25519Key
from insigne.core.proofs import data_integrity
from insigne.core.status import (
    MAX_LIST_BYTES,
    MIN_ENTRIES,
    StatusList,
    StatusListError,
    StatusListSizeError,
    check_status,
    list_credential,
    status_entry,
)

LIST_URL = "https://issuer.example/status/1"
NOW = datetime(2025, 6, 1, tzinfo=UTC)


def _gzip_text(data: bytes) -> str:
    return multibase.encode(gzip.compress(data), "u")


# --- the bitstring ---------------------------------------------------------------------


def test_new_list_has_131072_clear_entries() -> None:
    bits = StatusList.new()
    assert len(bits) == MIN_ENTRIES == 131_072
    assert list(bits.set_bits()) == []
    assert bits.to_bytes() == bytes(16 * 1024)


def test_new_list_can_be_larger_than_the_minimum() -> None:
    assert len(StatusList.new(MIN_ENTRIES * 4)) == 524_288


@pytest.mark.parametrize(
    "size", [0, 100_000, MIN_ENTRIES - 8, MIN_ENTRIES + 1, MAX_LIST_BYTES * 8 + 8]
)
def test_new_list_refuses_sizes_below_the_minimum_or_not_whole_bytes(size: int) -> None:
    with pytest.raises(ValueError, match="multiple of 8"):
        StatusList.new(size)


def test_new_list_size_must_be_an_integer() -> None:
    with pytest.raises(TypeError):
        StatusList.new(True)


def test_set_get_and_clear_change_only_the_named_entry() -> None:
    bits = StatusList.new()
    bits.set(5)
    bits.set(MIN_ENTRIES - 1)
    assert bits.get(5) and bits.get(MIN_ENTRIES - 1)
    assert not bits.get(4) and not bits.get(6)
    bits.clear(5)
    assert not bits.get(5)
    assert list(bits.set_bits()) == [MIN_ENTRIES - 1]
    bits.clear(5)  # clearing a clear bit is harmless
    assert list(bits.set_bits()) == [MIN_ENTRIES - 1]


def test_index_zero_is_the_leftmost_bit_of_the_first_byte() -> None:
    bits = StatusList.new()
    bits.set(0)
    bits.set(9)
    bits.set(23)
    raw = bits.to_bytes()
    assert raw[:3] == bytes([0b1000_0000, 0b0100_0000, 0b0000_0001])


@pytest.mark.parametrize("operation", ["get", "set", "clear"])
@pytest.mark.parametrize("index", [-1, MIN_ENTRIES, 10**12])
def test_index_outside_the_list_raises_index_error(operation: str, index: int) -> None:
    with pytest.raises(IndexError, match=f"index {index} is outside the status list"):
        getattr(StatusList.new(), operation)(index)


@pytest.mark.parametrize("index", [True, "3", 1.0, None])
def test_index_must_be_an_integer(index: object) -> None:
    with pytest.raises(TypeError):
        StatusList.new().get(index)  # type: ignore[arg-type]


def test_set_bits_lists_indexes_in_increasing_order() -> None:
    bits = StatusList.new()
    for index in (70_000, 3, 8, 7):
        bits.set(index)
    assert list(bits.set_bits()) == [3, 7, 8, 70_000]
    assert repr(bits) == "StatusList(entries=131072, set=4)"


def test_lists_are_equal_when_their_bits_are() -> None:
    one, two = StatusList.new(), StatusList.new()
    assert one == two
    two.set(1)
    assert one != two
    assert StatusList.new() != StatusList.new(MIN_ENTRIES * 2)
    assert StatusList.new() != StatusList.new().to_bytes()
    with pytest.raises(TypeError):
        hash(one)


# --- writing -------------------------------------------------------------------------


def test_encoded_list_is_multibase_base64url_of_gzip_and_decodes_to_the_same_bits() -> None:
    bits = StatusList.new(MIN_ENTRIES * 2)
    for index in (0, 1, 4242, MIN_ENTRIES * 2 - 1):
        bits.set(index)
    text = bits.encode()
    assert text.startswith("u")
    assert "=" not in text and "+" not in text and "/" not in text
    assert gzip.decompress(multibase.decode(text)) == bits.to_bytes()
    assert StatusList.decode(text) == bits


def test_encoding_is_deterministic_with_a_fixed_gzip_header() -> None:
    one, two = StatusList.new(), StatusList.new()
    for bits in (one, two):
        bits.set(99)
        bits.set(12_345)
    assert one.encode() == two.encode()
    header = multibase.decode(one.encode())[:10]
    # ID1 ID2 CM=deflate FLG=0 MTIME=0 XFL=0 OS=255 (unknown): nothing from the platform.
    assert header == bytes.fromhex("1f8b08000000000000ff")


def test_encoding_refuses_a_list_shorter_than_the_minimum() -> None:
    with pytest.raises(StatusListError, match="minimum is 131072"):
        StatusList(bytes(100_000 // 8)).encode()


# --- reading -------------------------------------------------------------------------


def _sample() -> tuple[StatusList, bytes]:
    bits = StatusList.new()
    bits.set(23)
    bits.set(100_001)
    return bits, gzip.compress(bits.to_bytes())


def test_decoding_accepts_the_legacy_unprefixed_forms() -> None:
    bits, compressed = _sample()
    url_safe = base64.urlsafe_b64encode(compressed).decode()
    standard = base64.b64encode(compressed).decode()
    assert url_safe != standard  # the sample really exercises both alphabets
    for text in (url_safe, url_safe.rstrip("="), standard, standard.rstrip("=")):
        assert StatusList.decode(text) == bits
    assert StatusList.decode("u" + url_safe) == bits  # padded multibase, as some writers do


def test_decoding_accepts_gzip_with_any_header_fields() -> None:
    bits, _ = _sample()
    with_name = gzip.compress(bits.to_bytes(), mtime=1_700_000_000)
    assert StatusList.decode(multibase.encode(with_name, "u")) == bits


def test_decoding_keeps_lists_shorter_than_the_minimum_for_the_checker_to_judge() -> None:
    assert len(StatusList.decode(_gzip_text(bytes(12_500)))) == 100_000


def _corrupt_deflate() -> bytes:
    data = bytearray(gzip.compress(bytes(range(256)) * 64))
    data[12] ^= 0xFF
    return bytes(data)


@pytest.mark.parametrize(
    ("encoded", "reason"),
    [
        (None, "not a non-empty string"),
        (42, "not a non-empty string"),
        ("", "not a non-empty string"),
        ("u!!not base64!!", "not base64url"),
        ("u" + multibase.b64url_encode(b"raw bits, not compressed"), "not GZIP"),
        ("u" + multibase.b64url_encode(gzip.compress(bytes(64))[:-12]), "truncated"),
        ("u" + multibase.b64url_encode(gzip.compress(bytes(64)) + b"junk"), "after the GZIP"),
        ("u" + multibase.b64url_encode(_corrupt_deflate()), "not valid GZIP"),
    ],
)
def test_decoding_refuses_what_is_not_a_gzip_bitstring(encoded: object, reason: str) -> None:
    with pytest.raises(StatusListError, match=reason) as caught:
        StatusList.decode(encoded)
    assert not isinstance(caught.value, StatusListSizeError)


def test_a_gzip_bomb_is_refused_without_being_inflated() -> None:
    # 128 MiB of zeros in ~600 KB: a reader that inflates first and measures afterwards
    # would hold all of it in memory.
    deflate = zlib.compressobj(1, zlib.DEFLATED, 31)
    chunk = bytes(1 << 20)
    bomb = b"".join(deflate.compress(chunk) for _ in range(128)) + deflate.flush()
    text = multibase.encode(bomb, "u")
    tracemalloc.start()
    try:
        with pytest.raises(StatusListSizeError, match=f"beyond {MAX_LIST_BYTES} bytes"):
            StatusList.decode(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024 * 1024


def test_the_size_cap_can_be_lowered() -> None:
    text = StatusList.new().encode()
    with pytest.raises(StatusListSizeError):
        StatusList.decode(text, max_bytes=16 * 1024 - 1)
    assert len(StatusList.decode(text, max_bytes=16 * 1024)) == MIN_ENTRIES


def test_text_too_long_to_hold_an_acceptable_list_is_refused_before_decoding() -> None:
    with pytest.raises(StatusListSizeError, match="characters long"):
        StatusList.decode("u" + "!" * 100, max_bytes=32)


# --- documents ------------------------------------------------------------------------


def test_status_entry_names_the_index_as_a_string() -> None:
    assert status_entry(LIST_URL, 94_567, "suspension") == {
        "id": f"{LIST_URL}#94567",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "suspension",
        "statusListIndex": "94567",
        "statusListCredential": LIST_URL,
    }


@pytest.mark.parametrize(
    ("url", "index", "purpose"),
    [
        (LIST_URL, -1, "revocation"),
        (LIST_URL, True, "revocation"),
        (LIST_URL, "3", "revocation"),
        (LIST_URL, 3, "refresh"),
        (LIST_URL, 3, "Revocation"),
        (f"{LIST_URL}#list", 3, "revocation"),
        ("", 3, "revocation"),
    ],
)
def test_status_entry_refuses_what_a_verifier_would_reject(
    url: str, index: int, purpose: str
) -> None:
    with pytest.raises(ValueError):
        status_entry(url, index, purpose)


def test_list_credential_is_an_unsigned_vc2_bitstring_status_list_credential() -> None:
    encoded = StatusList.new().encode()
    issuer = {"id": "did:key:z6Mkexample", "type": ["Profile"], "name": "École"}
    credential = list_credential(
        list_url=LIST_URL,
        issuer=issuer,
        purpose="revocation",
        encoded_list=encoded,
        valid_from=datetime(2025, 1, 2, 3, 4, 5, 678, tzinfo=UTC),
        valid_until="2026-01-01T00:00:00Z",
        ttl=300_000,
    )
    assert credential == {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": LIST_URL,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": "2025-01-02T03:04:05Z",
        "validUntil": "2026-01-01T00:00:00Z",
        "credentialSubject": {
            "id": f"{LIST_URL}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded,
            "ttl": 300_000,
        },
    }
    assert "proof" not in credential


def test_list_credential_keeps_a_date_string_as_given() -> None:
    credential = list_credential(
        list_url=LIST_URL,
        issuer="did:key:z6Mkexample",
        purpose="suspension",
        encoded_list="uH4sI",
        valid_from="2025-01-09T15:20:02.183+01:00",
    )
    assert credential["validFrom"] == "2025-01-09T15:20:02.183+01:00"
    assert "validUntil" not in credential and "ttl" not in credential["credentialSubject"]


@pytest.mark.parametrize(
    "change",
    [
        {"valid_from": datetime(2025, 1, 1)},  # no time zone
        {"valid_from": "2025-01-01"},
        {"valid_until": "2024-12-31T23:59:59Z"},
        {"valid_until": "2025-01-01T00:00:00Z"},
        {"ttl": -1},
        {"ttl": 1.5},
        {"encoded_list": "H4sIAAAA"},
        {"purpose": "message"},
        {"list_url": f"{LIST_URL}#list"},
    ],
)
def test_list_credential_refuses_what_a_verifier_would_reject(change: dict[str, object]) -> None:
    arguments: dict[str, object] = {
        "list_url": LIST_URL,
        "issuer": "did:key:z6Mkexample",
        "purpose": "revocation",
        "encoded_list": "uH4sI",
        "valid_from": "2025-01-01T00:00:00Z",
    }
    with pytest.raises(ValueError):
        list_credential(**{**arguments, **change})  # type: ignore[arg-type]


def test_signed_list_revokes_then_a_cleared_suspension_is_ok_again() -> None:
    """The builders' output is signable in safe mode and reads back through check_status."""
    key = Ed25519Key.from_seed(bytes(range(32)))
    canonicalizer = default_canonicalizer()

    def publish(bits: StatusList, purpose: str) -> dict[str, object]:
        unsigned = list_credential(
            list_url=f"{LIST_URL}/{purpose}",
            issuer=key.did_key,
            purpose=purpose,
            encoded_list=bits.encode(),
            valid_from="2025-01-01T00:00:00Z",
        )
        return data_integrity.sign(
            unsigned, key, created="2025-01-01T00:00:00Z", canonicalizer=canonicalizer
        )

    def verify_list(document: dict[str, object]) -> None:
        outcomes = data_integrity.verify_proofs(
            document, canonicalizer=canonicalizer, fetcher=LocalFetcher({})
        )
        assert [outcome.verified for outcome in outcomes] == [True]

    revocations, suspensions = StatusList.new(), StatusList.new()
    revocations.set(41)
    suspensions.set(42)
    credential = {
        "id": "urn:uuid:5e0b4a1c-3f43-4a36-9f0b-2a1f1a6c2d11",
        "credentialStatus": [
            status_entry(f"{LIST_URL}/revocation", 41, "revocation"),
            status_entry(f"{LIST_URL}/suspension", 42, "suspension"),
        ],
    }

    def check() -> list[str]:
        fetcher = LocalFetcher(
            {
                f"{LIST_URL}/revocation": publish(revocations, "revocation"),
                f"{LIST_URL}/suspension": publish(suspensions, "suspension"),
            }
        )
        outcomes = check_status(credential, fetcher=fetcher, verify_list=verify_list, now=NOW)
        return [outcome.state for outcome in outcomes]

    assert check() == ["revoked", "suspended"]
    suspensions.clear(42)
    assert check() == ["revoked", "ok"]
