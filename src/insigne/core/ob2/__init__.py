"""Open Badges 2.0: the data model, signed and hosted verification, revocation lists."""

from .hosted import verify_hosted_assertion
from .model import Alignment, Assertion, BadgeClass, CryptographicKey, Issuer, Recipient
from .recipient import recipient_matches
from .result import Ob2Verification
from .revocation import revocation_list_json, revoked_assertion_json
from .signed import sign_assertion, verify_signed_assertion
from .verify import verify_assertion

__all__ = [
    "Alignment",
    "Assertion",
    "BadgeClass",
    "CryptographicKey",
    "Issuer",
    "Ob2Verification",
    "Recipient",
    "recipient_matches",
    "revocation_list_json",
    "revoked_assertion_json",
    "sign_assertion",
    "verify_assertion",
    "verify_hosted_assertion",
    "verify_signed_assertion",
]
