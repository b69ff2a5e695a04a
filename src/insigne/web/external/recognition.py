"""Whether what a holder hands over is a badge, and what it carries.

The engine reads and verifies it. Something that is not a badge at all (an image without a
badge, a cut token, JSON of another kind) is refused with the reason, in the holder's
language. A badge whose verification fails is a badge all the same: it is kept, and its page
says why it does not verify.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ...core.baking import BakingError, unbake
from ...core.outcome import Outcome
from ...core.verify import VerificationResult, verify
from .fetching import RecordingFetcher


class ImportRefusedError(ValueError):
    """Nothing was imported; ``message`` says why, for the person."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(detail or message)
        self.message = message
        self.detail = detail


@dataclass(frozen=True)
class Recognised:
    result: VerificationResult
    payload: str  # the credential as carried: JSON text or a compact JWS
    media_type: str  # of the original


def recognise(data: bytes, fetcher: RecordingFetcher) -> Recognised:
    """Verify ``data`` (PNG, SVG, JSON or JWT); raises ImportRefusedError for a non-badge."""
    result = verify(data, fetcher=fetcher, now=timezone.now())
    if result.kind == "unknown":
        [problem] = result.checks
        raise ImportRefusedError(problem.message.get(get_language() or "fr"), problem.detail)
    if any(check.name == "kind" for check in result.checks):
        raise ImportRefusedError(
            _(
                "Ce document est un justificatif numérique, mais pas un badge (Open Badge) : "
                "seuls les badges peuvent être ajoutés à votre sac."
            ),
            "the credential has no Open Badges type",
        )
    payload = _payload(data, result)
    if _cut_short(payload, result):
        raise ImportRefusedError(
            _("Ce jeton (JWT) est incomplet : sa signature a été coupée. Copiez-le en entier."),
            "the signature is shorter than its algorithm's",
        )
    return Recognised(result, payload, _media_type(result))


def _payload(data: bytes, result: VerificationResult) -> str:
    if result.container is not None:
        try:
            return unbake(data).payload
        except BakingError as error:  # read once already by the engine: not expected
            raise ImportRefusedError(error.text.get(get_language() or "fr"), str(error)) from error
    return data.decode("utf-8").lstrip("\ufeff").strip()


def _media_type(result: VerificationResult) -> str:
    if result.container == "png":
        return "image/png"
    if result.container == "svg":
        return "image/svg+xml"
    if result.format == "jwt":
        return "application/vc+jwt"
    if result.format == "ob2-signed":
        return "application/jwt"
    return "application/vc+ld+json" if result.kind == "ob3" else "application/ld+json"


_SIGNATURE_BYTES = {"EdDSA": 64, "Ed25519": 64, "ES256": 64, "ES256K": 64, "ES384": 96}


def _cut_short(payload: str, result: VerificationResult) -> bool:
    """Whether a token whose signature fails has a signature too short for its algorithm:
    a token cut while being copied, rather than a badge that does not verify."""
    failed = any(c.name == "proof" and c.outcome is Outcome.FAIL for c in result.checks)
    if not failed or payload.count(".") != 2:
        return False
    header_part, _payload_part, signature_part = payload.split(".")
    try:
        header = json.loads(_b64url(header_part))
        signature = _b64url(signature_part)
    except (binascii.Error, ValueError):
        return True
    algorithm = header.get("alg") if isinstance(header, dict) else None
    if not isinstance(algorithm, str):
        return False
    if algorithm in _SIGNATURE_BYTES:
        return len(signature) != _SIGNATURE_BYTES[algorithm]
    if algorithm[:2] in ("RS", "PS"):  # RSA: as long as the key's modulus
        return len(signature) < 128 or len(signature) % 64 != 0
    return False


def _b64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
