"""Compact JWS: signing, strict decoding, and verification that cannot be talked into the
wrong algorithm."""

from __future__ import annotations

import contextlib
import json
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from hypothesis import given
from hypothesis import strategies as st

from insigne.core.keys import Ed25519Key, PublicKey
from insigne.core.multibase import b64url_encode
from insigne.core.proofs import jws
from insigne.core.proofs.jws import JwsError

PAYLOAD = b'{"hello":"world"}'


@pytest.fixture(scope="module")
def keys() -> dict[str, jws.SigningKey]:
    return {
        "EdDSA": Ed25519Key.generate(),
        "ES256": ec.generate_private_key(ec.SECP256R1()),
        "RS256": rsa.generate_private_key(public_exponent=65537, key_size=2048),
    }


def public(key: jws.SigningKey) -> PublicKey:
    if isinstance(key, Ed25519Key):
        return Ed25519PublicKey.from_public_bytes(key.public)
    return key.public_key()


def token_from(header: Any, payload: bytes = PAYLOAD, signature: bytes = b"signature") -> str:
    header_bytes = header if isinstance(header, bytes) else json.dumps(header).encode()
    return ".".join(b64url_encode(part) for part in (header_bytes, payload, signature))


ALGORITHMS = ["EdDSA", "ES256", "RS256"]


@pytest.mark.parametrize("alg", ALGORITHMS)
def test_signed_token_verifies_with_its_public_key(keys: dict[str, Any], alg: str) -> None:
    token = jws.sign_compact(PAYLOAD, keys[alg], header={"typ": "JWT"})
    decoded = jws.decode(token)
    assert decoded.header == {"alg": alg, "typ": "JWT"}
    assert decoded.payload == PAYLOAD
    assert decoded.payload_json() == {"hello": "world"}
    assert jws.verify_signature(decoded, public(keys[alg]))


def test_es256_signature_is_raw_r_and_s_not_der(keys: dict[str, Any]) -> None:
    decoded = jws.decode(jws.sign_compact(PAYLOAD, keys["ES256"]))
    assert len(decoded.signature) == 64


@pytest.mark.parametrize("alg", ALGORITHMS)
def test_changed_payload_does_not_verify(keys: dict[str, Any], alg: str) -> None:
    header, _, signature = jws.sign_compact(PAYLOAD, keys[alg]).split(".")
    other = b64url_encode(b'{"hello":"there"}')
    forged = f"{header}.{other}.{signature}"
    assert not jws.verify_signature(jws.decode(forged), public(keys[alg]))


@pytest.mark.parametrize("alg", ALGORITHMS)
def test_changed_signature_does_not_verify(keys: dict[str, Any], alg: str) -> None:
    decoded = jws.decode(jws.sign_compact(PAYLOAD, keys[alg]))
    flipped = bytes([decoded.signature[0] ^ 1]) + decoded.signature[1:]
    forged = jws.DecodedJws(decoded.header, decoded.payload, decoded.signing_input, flipped)
    assert not jws.verify_signature(forged, public(keys[alg]))


def test_es256_signature_of_wrong_length_does_not_verify(keys: dict[str, Any]) -> None:
    decoded = jws.decode(jws.sign_compact(PAYLOAD, keys["ES256"]))
    short = jws.DecodedJws(decoded.header, decoded.payload, decoded.signing_input, b"\1" * 63)
    assert not jws.verify_signature(short, public(keys["ES256"]))


@pytest.mark.parametrize("alg", ["none", "None", "HS256", "RS512", "PS256", "ES384"])
def test_algorithms_outside_the_list_are_refused(alg: str) -> None:
    with pytest.raises(JwsError, match="refused"):
        jws.decode(token_from({"alg": alg}))


def test_unsigned_token_is_refused() -> None:
    unsigned = token_from({"alg": "none"}, signature=b"")
    with pytest.raises(JwsError):
        jws.decode(unsigned)
    with pytest.raises(JwsError, match="empty"):
        jws.decode(token_from({"alg": "EdDSA"}, signature=b""))


@pytest.mark.parametrize(("signer", "verifier"), [
    ("EdDSA", "RS256"), ("EdDSA", "ES256"), ("RS256", "EdDSA"), ("RS256", "ES256"),
    ("ES256", "EdDSA"), ("ES256", "RS256"),
])  # fmt: skip
def test_key_of_another_type_than_alg_is_an_error(
    keys: dict[str, Any], signer: str, verifier: str
) -> None:
    decoded = jws.decode(jws.sign_compact(PAYLOAD, keys[signer]))
    with pytest.raises(JwsError, match=f"alg {signer} cannot be verified"):
        jws.verify_signature(decoded, public(keys[verifier]))


def test_token_relabelled_with_another_alg_does_not_verify(keys: dict[str, Any]) -> None:
    # An RS256 signature presented as EdDSA: the RSA key is refused, whatever the bytes say.
    _, payload, signature = jws.sign_compact(PAYLOAD, keys["RS256"]).split(".")
    eddsa = b64url_encode(b'{"alg":"EdDSA"}')
    relabelled = f"{eddsa}.{payload}.{signature}"
    with pytest.raises(JwsError):
        jws.verify_signature(jws.decode(relabelled), public(keys["RS256"]))


def test_p384_and_short_rsa_keys_are_refused(keys: dict[str, Any]) -> None:
    p384 = ec.generate_private_key(ec.SECP384R1())
    short_rsa = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    for key in (p384, short_rsa):
        with pytest.raises(JwsError):
            jws.sign_compact(PAYLOAD, key)
    decoded = jws.decode(jws.sign_compact(PAYLOAD, keys["ES256"]))
    with pytest.raises(JwsError, match="P-256"):
        jws.verify_signature(decoded, p384.public_key())


@pytest.mark.parametrize("member", ["d", "p", "k"])
def test_header_jwk_with_private_material_is_refused(member: str) -> None:
    jwk = {"kty": "OKP", "crv": "Ed25519", "x": "AAAA", member: "AAAA"}
    with pytest.raises(JwsError, match="private"):
        jws.decode(token_from({"alg": "EdDSA", "jwk": jwk}))
    with pytest.raises(JwsError, match="private"):
        jws.sign_compact(PAYLOAD, Ed25519Key.generate(), header={"jwk": jwk})


def test_header_jwk_must_be_an_object() -> None:
    with pytest.raises(JwsError, match="jwk"):
        jws.decode(token_from({"alg": "EdDSA", "jwk": "key"}))


def test_sign_refuses_a_header_naming_another_alg(keys: dict[str, Any]) -> None:
    with pytest.raises(JwsError, match="another alg"):
        jws.sign_compact(PAYLOAD, keys["EdDSA"], header={"alg": "RS256"})


@pytest.mark.parametrize("token", ["a.b", "a.b.c.d", "abc", "", "a..b.c"])
def test_token_without_exactly_three_parts_is_refused(token: str) -> None:
    with pytest.raises(JwsError, match="three"):
        jws.decode(token)


@pytest.mark.parametrize("signature", ["c2ln+", "c2ln=", "c2ln/", "c2 l", "c2lnb"])
def test_signature_in_bad_base64url_is_refused(signature: str) -> None:
    header, payload, _ = token_from({"alg": "EdDSA"}).split(".")
    with pytest.raises(JwsError, match="base64url"):
        jws.decode(f"{header}.{payload}.{signature}")


def test_non_canonical_base64url_is_refused() -> None:
    # "AB" and "AA" both decode to b"\0"; only "AA" is the canonical spelling.
    header, payload, _ = token_from({"alg": "EdDSA"}).split(".")
    jws.decode(f"{header}.{payload}.AA")
    with pytest.raises(JwsError, match="canonical"):
        jws.decode(f"{header}.{payload}.AB")


@pytest.mark.parametrize(("header", "message"), [
    (b"[]", "not a JSON object"),
    (b"{nope", "not valid JSON"),
    (b"\xff\xfe", "not valid JSON"),
    (b'{"alg":"EdDSA","alg":"none"}', "twice"),
    (b'{"typ":"JWT"}', "no alg"),
    (b'{"alg":1}', "no alg"),
    (b'{"alg":"EdDSA","crit":["b64"],"b64":false}', "critical"),
])  # fmt: skip
def test_malformed_header_is_refused(header: bytes, message: str) -> None:
    with pytest.raises(JwsError, match=message):
        jws.decode(token_from(header))


def test_oversized_token_is_refused() -> None:
    huge = token_from({"alg": "EdDSA"}, payload=b"x" * jws.MAX_TOKEN_LENGTH)
    with pytest.raises(JwsError, match="longer"):
        jws.decode(huge)


def test_payload_that_is_not_a_json_object_is_an_error(keys: dict[str, Any]) -> None:
    for payload in (b"[1]", b"\xff", b'{"a":1,"a":2}', b"[" * 100_000, b'{"nbf":NaN}'):
        decoded = jws.decode(jws.sign_compact(payload, keys["EdDSA"]))
        with pytest.raises(JwsError):
            decoded.payload_json()


def test_decode_refuses_what_is_not_text() -> None:
    with pytest.raises(JwsError, match="text"):
        jws.decode(b"a.b.c")  # type: ignore[arg-type]


@given(st.text(max_size=300))
def test_decode_raises_nothing_but_jws_error(text: str) -> None:
    with contextlib.suppress(JwsError):
        jws.decode(text)


@given(st.lists(st.text(alphabet="AQgw-_xyz09", max_size=40), min_size=3, max_size=3))
def test_decode_of_three_base64url_parts_raises_nothing_but_jws_error(parts: list[str]) -> None:
    with contextlib.suppress(JwsError):
        jws.decode(".".join(parts))
