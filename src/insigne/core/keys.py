"""Signing keys: Ed25519 as Multikey (VC-DI-EdDSA section 2.1.1), and public JWKs.

Multikey values carry a multicodec varint before the raw key: ``0xed 0x01`` for an Ed25519
public key, ``0x80 0x26`` for an Ed25519 secret key. The secret key is the 32-byte seed in
the W3C vectors and seed followed by public key (64 bytes) in 1EdTech's; both are accepted.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from nacl.bindings import crypto_sign_open
from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey

from . import multibase
from .multibase import b64url_decode, b64url_encode

ED25519_PUBLIC_PREFIX = b"\xed\x01"
ED25519_SECRET_PREFIX = b"\x80\x26"

PublicKey = Ed25519PublicKey | ec.EllipticCurvePublicKey | rsa.RSAPublicKey


class KeyFormatError(ValueError):
    """A key is malformed, of an unsupported type, or inconsistent with itself."""


def decode_public_multikey(value: object) -> bytes:
    """The raw 32-byte Ed25519 key of a ``publicKeyMultibase`` value (``z6Mk...``)."""
    if not isinstance(value, str) or not value.startswith("z"):
        raise KeyFormatError("publicKeyMultibase must be base58btc text starting with 'z'")
    try:
        raw = multibase.decode(value)
    except ValueError as error:
        raise KeyFormatError(f"publicKeyMultibase is not valid base58btc: {error}") from error
    if raw[:2] != ED25519_PUBLIC_PREFIX or len(raw) != 34:
        raise KeyFormatError("publicKeyMultibase is not an Ed25519 key (multicodec 0xed01)")
    return raw[2:]


def encode_public_multikey(public: bytes) -> str:
    return multibase.encode(ED25519_PUBLIC_PREFIX + public)


def verify_ed25519(public: bytes, signature: bytes, data: bytes) -> bool:
    """RFC 8032 Ed25519 verification.

    libsodium answers first (about twice as fast as OpenSSL). It is the stricter of the two
    (it also refuses small-order points), so a signature it refuses is checked again with
    OpenSSL, which Node.js uses: Insigne then accepts exactly what the JavaScript verifiers
    accept.
    """
    if len(public) != 32 or len(signature) != 64:
        return False
    try:
        crypto_sign_open(signature + data, public)
    except (BadSignatureError, ValueError):
        pass
    else:
        return True
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


@dataclass(frozen=True, eq=False)
class Ed25519Key:
    """An Ed25519 key pair; the private key object is built once and reused for every sign."""

    seed: bytes
    public: bytes
    _private: Ed25519PrivateKey = field(repr=False)
    _sodium: SigningKey = field(repr=False)

    @classmethod
    def generate(cls) -> Ed25519Key:
        return cls.from_seed(Ed25519PrivateKey.generate().private_bytes_raw())

    @classmethod
    def from_seed(cls, seed: bytes, expected_public: bytes | None = None) -> Ed25519Key:
        if len(seed) != 32:
            raise KeyFormatError("an Ed25519 seed is 32 bytes")
        private = Ed25519PrivateKey.from_private_bytes(seed)
        public = private.public_key().public_bytes_raw()
        if expected_public is not None and expected_public != public:
            raise KeyFormatError("the public key does not belong to the secret key")
        return cls(seed, public, private, SigningKey(seed))

    @classmethod
    def from_secret_multibase(cls, value: str, public: bytes | None = None) -> Ed25519Key:
        try:
            raw = multibase.decode(value)
        except ValueError as error:
            raise KeyFormatError(f"secret key is not valid multibase: {error}") from error
        if raw[:2] != ED25519_SECRET_PREFIX or len(raw) not in (34, 66):
            raise KeyFormatError("secret key is not an Ed25519 Multikey (0x8026 + 32 or 64 bytes)")
        if len(raw) == 66:
            embedded = raw[34:]
            if public is not None and public != embedded:
                raise KeyFormatError("the public key does not belong to the secret key")
            public = embedded
        return cls.from_seed(raw[2:34], public)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Ed25519Key:
        """Load a key file: Multikey (``secretKeyMultibase`` or ``privateKeyMultibase``),
        hex fields as in 1EdTech's vector, or an OKP JWK with ``d``."""
        if not isinstance(data, Mapping):
            raise KeyFormatError("a key file holds a JSON object")
        if data.get("kty") == "OKP":
            return cls.from_jwk(data)
        public = None
        if "publicKeyMultibase" in data:
            public = decode_public_multikey(data["publicKeyMultibase"])
        elif isinstance(data.get("publicKeyHex"), str):
            public = _hex(data["publicKeyHex"])
        secret = data.get("secretKeyMultibase", data.get("privateKeyMultibase"))
        if isinstance(secret, str):
            return cls.from_secret_multibase(secret, public)
        for name in ("privateKeyHex", "privateKeyHex_seedThenPublic", "seedHex"):
            if isinstance(data.get(name), str):
                raw = _hex(data[name])
                if len(raw) == 64:
                    return cls.from_seed(raw[:32], public or raw[32:])
                return cls.from_seed(raw, public)
        raise KeyFormatError("no secret key found (expected secretKeyMultibase)")

    @classmethod
    def from_jwk(cls, jwk: Mapping[str, Any]) -> Ed25519Key:
        if jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519" or "d" not in jwk:
            raise KeyFormatError("expected an Ed25519 private JWK (kty OKP, crv Ed25519, d)")
        try:
            seed = b64url_decode(jwk["d"])
            public = b64url_decode(jwk["x"]) if "x" in jwk else None
        except (ValueError, TypeError) as error:
            raise KeyFormatError("the JWK's d or x is not base64url") from error
        return cls.from_seed(seed, public)

    @cached_property
    def public_multibase(self) -> str:
        return encode_public_multikey(self.public)

    @property
    def secret_multibase(self) -> str:
        return multibase.encode(ED25519_SECRET_PREFIX + self.seed)

    @property
    def did_key(self) -> str:
        return "did:key:" + self.public_multibase

    @property
    def did_key_method(self) -> str:
        """The did:key verification method URL (``did:key:z6Mk...#z6Mk...``)."""
        return f"{self.did_key}#{self.public_multibase}"

    def sign(self, data: bytes) -> bytes:
        # Ed25519 is deterministic: libsodium and OpenSSL give the same signature.
        return self._sodium.sign(data).signature

    def public_jwk(self) -> dict[str, str]:
        return {"kty": "OKP", "crv": "Ed25519", "x": b64url_encode(self.public)}

    def to_json(self) -> dict[str, str]:
        return {
            "type": "Multikey",
            "controller": self.did_key,
            "id": self.did_key_method,
            "publicKeyMultibase": self.public_multibase,
            "secretKeyMultibase": self.secret_multibase,
        }

    def to_json_text(self) -> str:
        return json.dumps(self.to_json(), indent=2) + "\n"


def public_key_from_jwk(jwk: Any) -> PublicKey:
    """A public key from a JWK (Ed25519, P-256 or RSA); private members are refused."""
    if not isinstance(jwk, Mapping):
        raise KeyFormatError("a JWK is a JSON object")
    if "d" in jwk:
        raise KeyFormatError("the JWK contains a private key ('d')")
    kty = jwk.get("kty")
    try:
        if kty == "OKP" and jwk.get("crv") == "Ed25519":
            return Ed25519PublicKey.from_public_bytes(b64url_decode(jwk["x"]))
        if kty == "EC" and jwk.get("crv") == "P-256":
            x, y = b64url_decode(jwk["x"]), b64url_decode(jwk["y"])
            if len(x) != 32 or len(y) != 32:
                raise KeyFormatError("P-256 coordinates are 32 bytes")
            numbers = ec.EllipticCurvePublicNumbers(
                int.from_bytes(x, "big"), int.from_bytes(y, "big"), ec.SECP256R1()
            )
            return numbers.public_key()
        if kty == "RSA":
            n = int.from_bytes(b64url_decode(jwk["n"]), "big")
            e = int.from_bytes(b64url_decode(jwk["e"]), "big")
            if n.bit_length() < 2048:
                raise KeyFormatError("RSA keys shorter than 2048 bits are refused")
            return rsa.RSAPublicNumbers(e, n).public_key()
    except (KeyError, TypeError, ValueError) as error:
        if isinstance(error, KeyFormatError):
            raise
        raise KeyFormatError(f"malformed {kty} JWK: {error}") from error
    raise KeyFormatError(f"unsupported JWK (kty {kty!r}, crv {jwk.get('crv')!r})")


def public_key_to_jwk(key: PublicKey) -> dict[str, str]:
    if isinstance(key, Ed25519PublicKey):
        return {"kty": "OKP", "crv": "Ed25519", "x": b64url_encode(key.public_bytes_raw())}
    if isinstance(key, ec.EllipticCurvePublicKey):
        numbers = key.public_numbers()
        return {
            "kty": "EC",
            "crv": "P-256",
            "x": b64url_encode(numbers.x.to_bytes(32, "big")),
            "y": b64url_encode(numbers.y.to_bytes(32, "big")),
        }
    rsa_numbers = key.public_numbers()
    return {
        "kty": "RSA",
        "n": b64url_encode(rsa_numbers.n.to_bytes((rsa_numbers.n.bit_length() + 7) // 8, "big")),
        "e": b64url_encode(rsa_numbers.e.to_bytes((rsa_numbers.e.bit_length() + 7) // 8, "big")),
    }


def public_key_from_pem(pem: str) -> PublicKey:
    try:
        key = serialization.load_pem_public_key(pem.encode("ascii"))
    except (ValueError, UnicodeEncodeError) as error:
        raise KeyFormatError("not a PEM public key") from error
    if not isinstance(key, (Ed25519PublicKey, ec.EllipticCurvePublicKey, rsa.RSAPublicKey)):
        raise KeyFormatError("unsupported public key type")
    return key


def _hex(value: str) -> bytes:
    try:
        return bytes.fromhex(value)
    except ValueError as error:
        raise KeyFormatError("not hexadecimal") from error
