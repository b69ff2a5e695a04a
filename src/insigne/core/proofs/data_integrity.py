"""Data Integrity proofs with Ed25519: ``eddsa-rdfc-2022`` (and its former name
``eddsa-2022``), ``eddsa-jcs-2022`` and the legacy ``Ed25519Signature2020``.

Signing follows VC-DI-EdDSA section 3.3: canonicalize the proof configuration (the proof
options plus the document's ``@context``) and the document without ``proof``, hash each with
SHA-256, sign proofHash || documentHash, and encode the signature as base58btc multibase.
"""

from __future__ import annotations

from dataclasses import dataclass
from hashlib import sha256
from typing import Any

from .. import dates, jcs, multibase
from ..canon import Canonicalizer
from ..fetch import Fetcher
from ..keys import Ed25519Key, verify_ed25519
from ..methods import MethodError, VerificationMethod, resolve_method

DATA_INTEGRITY_V1 = "https://w3id.org/security/data-integrity/v1"
DATA_INTEGRITY_V2 = "https://w3id.org/security/data-integrity/v2"
VC_V2 = "https://www.w3.org/ns/credentials/v2"
ED25519_2020_CONTEXT = "https://w3id.org/security/suites/ed25519-2020/v1"
RDFC_SUITES = ("eddsa-rdfc-2022", "eddsa-2022")
JCS_SUITE = "eddsa-jcs-2022"


class ProofError(ValueError):
    """A proof is malformed or does not verify; the message says why."""


@dataclass(frozen=True)
class ProofOutcome:
    index: int
    kind: str  # e.g. "DataIntegrityProof/eddsa-rdfc-2022"
    verified: bool
    message: str
    method: VerificationMethod | None = None
    problem: str = ""  # "key" (the key could not be obtained), "proof" or "data"


def suite_name(proof: Any) -> str:
    if not isinstance(proof, dict):
        return "?"
    kind = proof.get("type")
    if kind == "DataIntegrityProof":
        return f"DataIntegrityProof/{proof.get('cryptosuite')}"
    return str(kind)


def create_proof(
    document: dict[str, Any],
    key: Ed25519Key,
    *,
    created: str,
    verification_method: str | None = None,
    cryptosuite: str = "eddsa-rdfc-2022",
    canonicalizer: Canonicalizer,
) -> dict[str, Any]:
    """The proof object for ``document`` (which must not be changed afterwards)."""
    if dates.parse(created) is None:
        raise ProofError(f"created {created!r} is not an XSD dateTimeStamp")
    if cryptosuite not in (*RDFC_SUITES, JCS_SUITE):
        raise ProofError(f"unsupported cryptosuite {cryptosuite!r}")
    # Same member order as jsonld-signatures, so both produce identical JSON.
    proof: dict[str, Any] = {
        "type": "DataIntegrityProof",
        "created": created,
        "verificationMethod": verification_method or key.did_key_method,
        "cryptosuite": cryptosuite,
        "proofPurpose": "assertionMethod",
    }
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    data = _signing_input(unsecured, proof, canonicalizer)
    proof["proofValue"] = "z" + multibase.b58encode(key.sign(data))
    return proof


def sign(
    document: dict[str, Any],
    key: Ed25519Key,
    *,
    created: str,
    verification_method: str | None = None,
    cryptosuite: str = "eddsa-rdfc-2022",
    canonicalizer: Canonicalizer,
) -> dict[str, Any]:
    """A copy of ``document`` with a new proof (added to the proof set if one exists)."""
    proof = create_proof(
        document,
        key,
        created=created,
        verification_method=verification_method,
        cryptosuite=cryptosuite,
        canonicalizer=canonicalizer,
    )
    signed = dict(document)
    if "proof" in document:
        existing = document["proof"]
        signed["proof"] = [*(existing if isinstance(existing, list) else [existing]), proof]
    else:
        signed["proof"] = proof
    return signed


def _signing_input(
    unsecured: dict[str, Any],
    proof: dict[str, Any],
    canonicalizer: Canonicalizer,
    canonical_document: str | None = None,
) -> bytes:
    """proofHash || documentHash for the proof's suite."""
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    kind = options.get("type")
    if kind == "DataIntegrityProof" and options.get("cryptosuite") == JCS_SUITE:
        if "@context" in options:
            if not _context_starts_with(unsecured.get("@context"), options["@context"]):
                raise ProofError("the proof's @context is not a prefix of the document's")
            unsecured = {**unsecured, "@context": options["@context"]}
        else:
            options = {**options, "@context": unsecured.get("@context")}
        return _hash(jcs.canonicalize(options)) + _hash(jcs.canonicalize(unsecured))
    context = unsecured.get("@context")
    config = {"@context": context, **options}
    # jsonld-signatures adds the suite's context when the document lacks it; the legacy
    # eddsa-2022 suite was defined with data-integrity/v1.
    suite_context = (
        DATA_INTEGRITY_V1 if options.get("cryptosuite") == "eddsa-2022" else DATA_INTEGRITY_V2
    )
    if kind == "DataIntegrityProof" and not _has_context(context, suite_context, VC_V2):
        config["@context"] = [*_as_list(context), suite_context]
    if kind == "Ed25519Signature2020" and not _has_context(context, ED25519_2020_CONTEXT):
        raise ProofError(f"Ed25519Signature2020 needs the {ED25519_2020_CONTEXT} context")
    proof_hash = _hash(canonicalizer.canonicalize(config))
    if canonical_document is None:
        canonical_document = canonicalizer.canonicalize(unsecured)
    return proof_hash + _hash(canonical_document)


def verify_proofs(
    document: dict[str, Any],
    *,
    canonicalizer: Canonicalizer,
    fetcher: Fetcher,
    canonical_document: str | None = None,
) -> list[ProofOutcome]:
    """Verify each proof of ``document`` on its own (proof sets) or with the proofs it
    chains to (``previousProof``). Never raises on bad input.

    ``canonical_document``: the RDFC-1.0 form of the document without ``proof``, when the
    caller already has it (it is then not computed again).
    """
    proofs = _as_list(document.get("proof"))
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    outcomes = []
    for index, proof in enumerate(proofs):
        try:
            method = _verify_one(
                unsecured, proof, proofs, canonicalizer, fetcher, canonical_document
            )
        except MethodError as error:
            outcomes.append(ProofOutcome(index, suite_name(proof), False, str(error), None, "key"))
        except ProofError as error:
            outcomes.append(
                ProofOutcome(index, suite_name(proof), False, str(error), None, "proof")
            )
        except ValueError as error:  # canonicalization refused the data (JsonLdError...)
            outcomes.append(ProofOutcome(index, suite_name(proof), False, str(error), None, "data"))
        else:
            outcomes.append(ProofOutcome(index, suite_name(proof), True, "signature valid", method))
    return outcomes


def _verify_one(
    unsecured: dict[str, Any],
    proof: Any,
    proofs: list[Any],
    canonicalizer: Canonicalizer,
    fetcher: Fetcher,
    canonical_document: str | None,
) -> VerificationMethod:
    if not isinstance(proof, dict):
        raise ProofError("a proof must be a JSON object")
    kind = proof.get("type")
    if kind == "DataIntegrityProof":
        if proof.get("cryptosuite") not in (*RDFC_SUITES, JCS_SUITE):
            raise ProofError(f"unsupported cryptosuite {proof.get('cryptosuite')!r}")
    elif kind != "Ed25519Signature2020":
        raise ProofError(f"unsupported proof type {kind!r}")
    if proof.get("proofPurpose") != "assertionMethod":
        raise ProofError(f"proofPurpose is {proof.get('proofPurpose')!r}, not assertionMethod")
    for name in ("created", "expires"):
        if name in proof and dates.parse(proof[name]) is None:
            raise ProofError(f"proof.{name} is not an XSD dateTimeStamp")
    signature = _signature(proof.get("proofValue"))
    method = resolve_method(proof.get("verificationMethod"), fetcher)
    if method.public_key is None:
        raise ProofError("the verification method is not an Ed25519 key")
    if "previousProof" in proof:
        unsecured = {**unsecured, "proof": _previous(proof["previousProof"], proofs)}
        canonical_document = None
    data = _signing_input(unsecured, proof, canonicalizer, canonical_document)
    if not verify_ed25519(method.public_key, signature, data):
        raise ProofError("the signature does not match the data (the credential was changed)")
    return method


def _previous(reference: Any, proofs: list[Any]) -> list[Any]:
    wanted = _as_list(reference)
    found = [p for p in proofs if isinstance(p, dict) and p.get("id") in wanted]
    if len(found) != len(wanted):
        raise ProofError("previousProof names a proof that is not in the proof set")
    return found


def _signature(value: Any) -> bytes:
    if not isinstance(value, str) or not value:
        raise ProofError("the proof has no proofValue")
    try:
        signature = multibase.decode(value)
    except ValueError as error:
        raise ProofError(f"proofValue is not multibase: {error}") from error
    if len(signature) != 64:
        raise ProofError("proofValue is not a 64-byte Ed25519 signature")
    return signature


def _hash(text: str) -> bytes:
    return sha256(text.encode("utf-8")).digest()


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _has_context(context: Any, *urls: str) -> bool:
    return any(url == context or (isinstance(context, list) and url in context) for url in urls)


def _context_starts_with(document_context: Any, proof_context: Any) -> bool:
    doc, prefix = _as_list(document_context), _as_list(proof_context)
    return doc[: len(prefix)] == prefix
