"""A plain eddsa-rdfc-2022 implementation with pyld and cryptography: the baseline Python
stack Insigne is compared with. It follows VC-DI-EdDSA step by step and nothing more."""

from __future__ import annotations

import copy
import hashlib
import json
from importlib import resources
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pyld import jsonld  # type: ignore[import-untyped]

from insigne.core import multibase

_MANIFEST = json.loads(
    resources.files("insigne.core.jsonld").joinpath("contexts/manifest.json").read_text()
)
_CONTEXTS = {
    entry["url"]: json.loads(
        resources.files("insigne.core.jsonld").joinpath("contexts", entry["file"]).read_text()
    )
    for entry in _MANIFEST["contexts"]
}


def _loader(url: str, options: Any = None) -> dict[str, Any]:
    return {"contextUrl": None, "documentUrl": url, "document": _CONTEXTS[url]}


def _canonize(document: dict[str, Any]) -> str:
    options = {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": _loader}
    return str(jsonld.normalize(copy.deepcopy(document), options))


def _hash_data(unsecured: dict[str, Any], options: dict[str, Any]) -> bytes:
    config = {"@context": unsecured["@context"], **options}
    proof_hash = hashlib.sha256(_canonize(config).encode()).digest()
    return proof_hash + hashlib.sha256(_canonize(unsecured).encode()).digest()


def sign(
    document: dict[str, Any], private: Ed25519PrivateKey, method: str, created: str
) -> dict[str, Any]:
    options = {
        "type": "DataIntegrityProof",
        "created": created,
        "verificationMethod": method,
        "cryptosuite": "eddsa-rdfc-2022",
        "proofPurpose": "assertionMethod",
    }
    signature = private.sign(_hash_data(document, options))
    return {**document, "proof": {**options, "proofValue": "z" + multibase.b58encode(signature)}}


def verify(document: dict[str, Any]) -> bool:
    proof = dict(document["proof"])
    value = proof.pop("proofValue")
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    method = proof["verificationMethod"]
    issuer = (
        unsecured["issuer"]["id"] if isinstance(unsecured["issuer"], dict) else unsecured["issuer"]
    )
    if method.split("#")[0] != issuer:
        return False
    public = multibase.decode(method.split("#")[1])[2:]
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(
            multibase.decode(value), _hash_data(unsecured, proof)
        )
    except Exception:
        return False
    return True
