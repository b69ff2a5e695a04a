"""Organisation signing keys, encrypted at rest with a key derived from the platform secret.

The Ed25519 seed is sealed with AES-256-GCM under a key derived (HKDF-SHA256) from
SECRET_KEY; the organisation's id is bound in as associated data, so a sealed key copied to
another organisation's row does not open. SECRET_KEY_FALLBACKS are tried when opening, which
lets the platform secret be rotated.
"""

from __future__ import annotations

import os
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

from ...core.keys import Ed25519Key

_INFO = b"insigne organisation signing keys v1"
_VERSION = b"\x01"


class KeyStoreError(Exception):
    """A stored key cannot be opened with the current platform secrets."""


@lru_cache(maxsize=8)
def _cipher(secret: str) -> AESGCM:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(
        secret.encode("utf-8")
    )
    return AESGCM(derived)


def seal(key: Ed25519Key, organisation_id: int) -> bytes:
    nonce = os.urandom(12)
    sealed = _cipher(settings.SECRET_KEY).encrypt(nonce, key.seed, _aad(organisation_id))
    return _VERSION + nonce + sealed


def open_sealed(data: bytes, organisation_id: int) -> Ed25519Key:
    data = bytes(data)
    if data[:1] != _VERSION or len(data) < 1 + 12 + 32 + 16:
        raise KeyStoreError("unknown sealed key format")
    nonce, sealed = data[1:13], data[13:]
    for secret in (settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])):
        try:
            seed = _cipher(secret).decrypt(nonce, sealed, _aad(organisation_id))
        except InvalidTag:
            continue
        return Ed25519Key.from_seed(seed)
    raise KeyStoreError("the signing key cannot be opened with the platform secret")


def _aad(organisation_id: int) -> bytes:
    return f"organisation:{organisation_id}".encode("ascii")
