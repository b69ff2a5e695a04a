"""Does an Open Badges 2.0 assertion name this e-mail address as its recipient?

The IdentityObject holds the address either in clear or as ``sha256$<hex>`` (or ``md5$``)
of address + salt. Addresses are compared in their normalized form (trimmed, lower case),
which is how Insigne hashes them; the address exactly as given is tried too.
"""

from __future__ import annotations

from typing import Any

from ..identity import hash_matches, normalize_email
from ..outcome import FAIL, PASS, Check, check

_MATCH = ("Ce badge a bien été délivré à cette adresse.", "This badge was awarded to this address.")
_NO_MATCH = (
    "Ce badge n'a pas été délivré à cette adresse.",
    "This badge was not awarded to this address.",
)


def recipient_matches(recipient: Any, email: str) -> bool:
    """True when the IdentityObject ``recipient`` designates ``email``."""
    if not isinstance(recipient, dict) or recipient.get("type") != "email":
        return False
    identity = recipient.get("identity")
    if not isinstance(identity, str):
        return False
    if recipient.get("hashed") is True:
        return hash_matches(identity, email, recipient.get("salt"))
    return normalize_email(identity) == normalize_email(email)


def recipient_check(recipient: Any, email: str) -> Check:
    kind = recipient.get("type") if isinstance(recipient, dict) else None
    if recipient_matches(recipient, email):
        return check("recipient", PASS, _MATCH, f"recipient {kind} identity matches")
    if kind != "email":
        return check("recipient", FAIL, _NO_MATCH, f"the recipient is identified by {kind!r}")
    return check("recipient", FAIL, _NO_MATCH, "the recipient identity does not match")
