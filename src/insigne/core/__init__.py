"""Insigne's credential engine: Open Badges 3.0 and 2.0, with no web framework and no I/O.

Everything a caller needs is importable from here; the data models live in ``ob3`` and
``ob2``, identifiers in ``did``. Collaborators that reach the outside world (the clock, a
fetcher for issuer documents and status lists, extra JSON-LD contexts) are always handed in.
"""

from .baking import Baked, BakingError, bake, unbake
from .canon import Canonicalizer, default_canonicalizer
from .competences import Certification, Competence, certification
from .fetch import Fetcher, FetchError, LocalFetcher, Response, no_network
from .issuing import sign_credential
from .keys import Ed25519Key, KeyFormatError
from .outcome import Check, Outcome
from .status import StatusList, check_status, list_credential, status_entry
from .text import Text
from .verify import VerificationResult, verify

__all__ = [
    "Baked",
    "BakingError",
    "Canonicalizer",
    "Certification",
    "Check",
    "Competence",
    "Ed25519Key",
    "FetchError",
    "Fetcher",
    "KeyFormatError",
    "LocalFetcher",
    "Outcome",
    "Response",
    "StatusList",
    "Text",
    "VerificationResult",
    "bake",
    "certification",
    "check_status",
    "default_canonicalizer",
    "list_credential",
    "no_network",
    "sign_credential",
    "status_entry",
    "unbake",
    "verify",
]
