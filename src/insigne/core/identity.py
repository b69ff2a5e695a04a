"""Recipient identity hashes shared by Open Badges 2.0 and 3.0: ``<alg>$<hex>``.

The hash covers UTF-8(identity) followed by UTF-8(salt) (OB 3.0 IdentityObject, OB 2.0
IdentityObject). Insigne lower-cases and trims e-mail addresses before hashing, so the
learner's address matches whatever case it is typed in; comparison of the hex digest is
case-insensitive, as the reference validators do.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

_ALGORITHMS = {"sha256": hashlib.sha256, "md5": hashlib.md5}


def normalize_email(address: str) -> str:
    return address.strip().lower()


def new_salt() -> str:
    return secrets.token_hex(16)


def identity_hash(identity: str, salt: str = "", algorithm: str = "sha256") -> str:
    digest = _ALGORITHMS[algorithm]((identity + salt).encode("utf-8")).hexdigest()
    return f"{algorithm}${digest}"


def hash_matches(identity_hash_value: object, identity: str, salt: object = None) -> bool:
    """True when ``identity`` (with ``salt``) produces ``identity_hash_value``.

    Tries the identity as given and, for e-mail addresses, its normalized form.
    """
    if not isinstance(identity_hash_value, str) or "$" not in identity_hash_value:
        return False
    algorithm, _, expected = identity_hash_value.partition("$")
    algorithm = algorithm.lower()
    if algorithm not in _ALGORITHMS:
        return False
    salt_text = salt if isinstance(salt, str) else ""
    candidates = {identity, normalize_email(identity)}
    return any(
        hmac.compare_digest(
            identity_hash(candidate, salt_text, algorithm).partition("$")[2], expected.lower()
        )
        for candidate in candidates
    )
