"""Compact JSON Web Signatures (RFC 7515 section 7.1) with EdDSA, ES256 and RS256 only.

Decoding is strict because a token comes from strangers: exactly three segments of unpadded,
canonical base64url; a header that is a JSON object without duplicate members; an ``alg``
from the short list above (so ``none`` and the HMAC family can never be chosen by the token);
no ``crit`` extensions; an embedded ``jwk`` that holds a public key only. The key used to
verify must be of the type ``alg`` names, which rules out algorithm confusion.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

from ..keys import Ed25519Key, PublicKey
from ..multibase import b64url_decode, b64url_encode

SigningKey = Ed25519Key | ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey

ALGORITHMS = ("EdDSA", "ES256", "RS256")
MAX_TOKEN_LENGTH = 1 << 20  # 1 MiB: far above any credential, far below a memory problem
MIN_RSA_BITS = 2048
# RFC 7517/7518: members that only a private or symmetric JWK carries.
PRIVATE_JWK_MEMBERS = frozenset({"d", "p", "q", "dp", "dq", "qi", "oth", "k"})
_B64URL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


class JwsError(ValueError):
    """The token is not a well-formed compact JWS, or its key does not fit its ``alg``."""


@dataclass(frozen=True)
class DecodedJws:
    header: dict[str, Any]
    payload: bytes
    signing_input: bytes
    signature: bytes

    @property
    def alg(self) -> str:
        return str(self.header["alg"])

    def payload_json(self) -> dict[str, Any]:
        """The payload as a JSON object; raises JwsError if it is anything else."""
        return parse_json_object(self.payload, "payload")


def parse_json_object(data: bytes, what: str) -> dict[str, Any]:
    """UTF-8 JSON text holding one object, no repeated member names (RFC 7515 §5.2), no NaN."""
    try:
        value = json.loads(
            data.decode("utf-8"), object_pairs_hook=_no_duplicates, parse_constant=_no_constant
        )
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise JwsError(f"the {what} is not valid JSON: {error}") from error
    if not isinstance(value, dict):
        raise JwsError(f"the {what} is not a JSON object")
    return value


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for name, value in pairs:
        if name in result:
            raise ValueError(f"member {name!r} appears twice")
        result[name] = value
    return result


def _no_constant(name: str) -> Any:
    # Python's json reads NaN and Infinity, which JSON does not have; a NaN date would
    # compare false with everything and slip past validity checks.
    raise ValueError(f"{name} is not JSON")


def algorithm_for(key: SigningKey | PublicKey) -> str:
    """The JWS ``alg`` a key signs with; raises JwsError for keys outside the three supported."""
    if isinstance(key, (Ed25519Key, Ed25519PrivateKey, Ed25519PublicKey)):
        return "EdDSA"
    if isinstance(key, (ec.EllipticCurvePrivateKey, ec.EllipticCurvePublicKey)):
        if not isinstance(key.curve, ec.SECP256R1):
            raise JwsError(f"ES256 needs a P-256 key, not {key.curve.name}")
        return "ES256"
    if isinstance(key, (rsa.RSAPrivateKey, rsa.RSAPublicKey)):
        if key.key_size < MIN_RSA_BITS:
            raise JwsError(f"RSA keys shorter than {MIN_RSA_BITS} bits are refused")
        return "RS256"
    raise JwsError(f"unsupported key type {type(key).__name__}")


def sign_compact(payload: bytes, key: SigningKey, *, header: dict[str, Any] | None = None) -> str:
    """Sign ``payload`` and return the compact serialization.

    ``alg`` is set from the key (EdDSA, ES256 or RS256); other header members are copied from
    ``header``. Raises JwsError if ``header`` names another ``alg`` or embeds a private JWK.
    """
    alg = algorithm_for(key)
    extra = dict(header or {})
    if extra.pop("alg", alg) != alg:
        raise JwsError(f"the header names another alg than the key's ({alg})")
    _check_jwk_member(extra)
    protected = {"alg": alg, **extra}
    header_text = json.dumps(protected, separators=(",", ":"), ensure_ascii=False)
    signing_input = f"{b64url_encode(header_text.encode('utf-8'))}.{b64url_encode(payload)}"
    signature = _sign(signing_input.encode("ascii"), key)
    return f"{signing_input}.{b64url_encode(signature)}"


def _sign(data: bytes, key: SigningKey) -> bytes:
    if isinstance(key, Ed25519Key):
        return key.sign(data)
    if isinstance(key, ec.EllipticCurvePrivateKey):
        # JWS carries ECDSA signatures as fixed-length r || s (RFC 7518 §3.4), not DER.
        r, s = decode_dss_signature(key.sign(data, ec.ECDSA(hashes.SHA256())))
        return r.to_bytes(32, "big") + s.to_bytes(32, "big")
    return key.sign(data, padding.PKCS1v15(), hashes.SHA256())


def decode(token: str) -> DecodedJws:
    """Split and check a compact JWS without verifying it; raises JwsError saying what is wrong."""
    if not isinstance(token, str):
        raise JwsError("a compact JWS is text")
    if len(token) > MAX_TOKEN_LENGTH:
        raise JwsError(f"the token is longer than {MAX_TOKEN_LENGTH} characters")
    parts = token.split(".")
    if len(parts) != 3:
        raise JwsError(f"a compact JWS has three dot-separated parts, this one has {len(parts)}")
    header_bytes = _segment(parts[0], "header")
    payload = _segment(parts[1], "payload")
    signature = _segment(parts[2], "signature")
    if not header_bytes or not signature:
        raise JwsError("the header or the signature is empty")
    header = parse_json_object(header_bytes, "header")
    alg = header.get("alg")
    if not isinstance(alg, str):
        raise JwsError("the header has no alg")
    if alg not in ALGORITHMS:
        raise JwsError(f"alg {alg!r} is refused (accepted: {', '.join(ALGORITHMS)})")
    if "crit" in header:
        raise JwsError("the header lists critical extensions, none of which are supported")
    _check_jwk_member(header)
    signing_input = f"{parts[0]}.{parts[1]}".encode("ascii")
    return DecodedJws(header, payload, signing_input, signature)


def _segment(text: str, what: str) -> bytes:
    if any(char not in _B64URL for char in text) or len(text) % 4 == 1:
        raise JwsError(f"the {what} is not unpadded base64url")
    data = b64url_decode(text)
    # Non-zero spare bits would let one token have several spellings.
    if b64url_encode(data) != text:
        raise JwsError(f"the {what} is not canonical base64url")
    return data


def _check_jwk_member(header: dict[str, Any]) -> None:
    if "jwk" not in header:
        return
    jwk = header["jwk"]
    if not isinstance(jwk, dict):
        raise JwsError("the header's jwk is not a JSON object")
    private = sorted(PRIVATE_JWK_MEMBERS & jwk.keys())
    if private:
        raise JwsError(f"the header's jwk holds private key material ({', '.join(private)})")


def check_key(alg: str, public_key: PublicKey) -> None:
    """Raise JwsError unless ``public_key`` is of the type ``alg`` requires."""
    if alg not in ALGORITHMS:
        raise JwsError(f"alg {alg!r} is refused")
    expected = algorithm_for(public_key)
    if expected != alg:
        raise JwsError(f"alg {alg} cannot be verified with a key made for {expected}")


def verify_signature(decoded: DecodedJws, public_key: PublicKey) -> bool:
    """True when the signature is valid for ``public_key``.

    Raises JwsError when the key does not fit the header's ``alg`` (an RSA key for an ``EdDSA``
    token, a P-384 key, a short RSA key...): that is a wrong key, not a wrong signature.
    """
    check_key(decoded.alg, public_key)
    data, signature = decoded.signing_input, decoded.signature
    try:
        if isinstance(public_key, Ed25519PublicKey):
            public_key.verify(signature, data)
        elif isinstance(public_key, ec.EllipticCurvePublicKey):
            if len(signature) != 64:
                return False
            der = encode_dss_signature(
                int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
            )
            public_key.verify(der, data, ec.ECDSA(hashes.SHA256()))
        else:
            public_key.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        return False
    return True
