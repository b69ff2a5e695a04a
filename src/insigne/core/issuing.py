"""Signing Open Badges 3.0 credentials: Data Integrity (eddsa-rdfc-2022) or VC-JWT."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from . import dates
from .canon import Canonicalizer, default_canonicalizer
from .keys import Ed25519Key
from .proofs import data_integrity

FORMATS = ("di", "jwt")


def sign_credential(
    credential: dict[str, Any],
    key: Ed25519Key,
    *,
    format: str = "di",
    created: str | None = None,
    now: datetime | None = None,
    verification_method: str | None = None,
    canonicalizer: Canonicalizer | None = None,
) -> dict[str, Any] | str:
    """Sign ``credential`` with ``key``.

    ``format`` "di" returns the credential with an eddsa-rdfc-2022 proof (``created`` defaults
    to ``now``, written ``YYYY-MM-DDThh:mm:ssZ``); "jwt" returns a compact JWS (EdDSA).
    The verification method defaults to the key's did:key method. Raises ``ValueError``
    (``JsonLdError``, ``ProofError``...) when the credential cannot be signed safely.
    """
    method = verification_method or key.did_key_method
    if format == "jwt":
        from .proofs import vc_jwt

        return vc_jwt.sign_credential(credential, key, kid=method)
    if format != "di":
        raise ValueError(f"unknown format {format!r} (expected one of {', '.join(FORMATS)})")
    stamp = created or dates.format_z(now or dates.now())
    return data_integrity.sign(
        credential,
        key,
        created=stamp,
        verification_method=method,
        canonicalizer=canonicalizer or default_canonicalizer(),
    )
