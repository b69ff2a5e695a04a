"""Known-answer tests: VC-DI-EdDSA (W3C) and the Open Badges 3.0 implementation guide vector."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from insigne.core.canon import Canonicalizer
from insigne.core.fetch import no_network
from insigne.core.keys import Ed25519Key
from insigne.core.proofs import data_integrity
from tests.conftest import load_json

EXAMPLES_V2 = {
    "https://www.w3.org/ns/credentials/examples/v2": {
        "@context": {"@vocab": "https://www.w3.org/ns/credentials/examples#"}
    }
}


@pytest.fixture
def w3c(vectors: Path) -> Path:
    return vectors / "vc-di-eddsa" / "TestVectors"


@pytest.fixture
def canon() -> Canonicalizer:
    return Canonicalizer().with_contexts(EXAMPLES_V2)


def test_w3c_canonical_document_and_proof_configuration(w3c: Path, canon: Canonicalizer) -> None:
    suite = w3c / "eddsa-rdfc-2022"
    document = canon.canonicalize(load_json(w3c / "unsigned.json"))
    config = canon.canonicalize(load_json(suite / "proofConfigDataInt.json"))
    assert document == (suite / "canonDocDataInt.txt").read_text("utf-8")
    assert config == (suite / "proofCanonDataInt.txt").read_text("utf-8")
    doc_hash = hashlib.sha256(document.encode()).hexdigest()
    assert doc_hash == (suite / "docHashDataInt.txt").read_text().strip()
    proof_hash = hashlib.sha256(config.encode()).hexdigest()
    assert proof_hash == (suite / "proofHashDataInt.txt").read_text().strip()


def test_w3c_signature_is_reproduced_byte_for_byte(w3c: Path, canon: Canonicalizer) -> None:
    key = Ed25519Key.from_json(load_json(w3c / "keyPair.json"))
    expected = load_json(w3c / "eddsa-rdfc-2022" / "signedDataInt.json")
    signed = data_integrity.sign(
        load_json(w3c / "unsigned.json"), key, created="2023-02-24T23:36:38Z", canonicalizer=canon
    )
    assert signed == expected
    assert signed["proof"]["proofValue"] == (
        (w3c / "eddsa-rdfc-2022" / "sigBTC58DataInt.txt").read_text().strip()
    )


@pytest.mark.parametrize(
    "relative",
    [
        "eddsa-rdfc-2022/signedDataInt.json",
        "eddsa-jcs-2022/signedJCS.json",
        "Ed25519Signature2020/signedEdSig.json",
        "proof-set-chain/signedProofSet1.json",
        "proof-set-chain/signedProofSet2.json",
        "proof-set-chain/signedProofChain1.json",
        "proof-set-chain/signedProofChain2.json",
    ],
)
def test_w3c_signed_vectors_verify(w3c: Path, canon: Canonicalizer, relative: str) -> None:
    outcomes = data_integrity.verify_proofs(
        load_json(w3c / relative), canonicalizer=canon, fetcher=no_network
    )
    assert outcomes and all(o.verified for o in outcomes), outcomes


def test_w3c_jcs_signature_is_reproduced(w3c: Path, canon: Canonicalizer) -> None:
    key = Ed25519Key.from_json(load_json(w3c / "keyPair.json"))
    signed = data_integrity.sign(
        load_json(w3c / "unsigned.json"),
        key,
        created="2023-02-24T23:36:38Z",
        cryptosuite="eddsa-jcs-2022",
        canonicalizer=canon,
    )
    expected = load_json(w3c / "eddsa-jcs-2022" / "signedJCS.json")
    assert signed["proof"]["proofValue"] == expected["proof"]["proofValue"]


def test_changing_a_signed_value_breaks_the_signature(w3c: Path, canon: Canonicalizer) -> None:
    document = load_json(w3c / "eddsa-rdfc-2022" / "signedDataInt.json")
    document["credentialSubject"]["alumniOf"] = "The School of Forgeries"
    [outcome] = data_integrity.verify_proofs(document, canonicalizer=canon, fetcher=no_network)
    assert not outcome.verified
    assert "changed" in outcome.message


def test_open_badges_vector(vectors: Path) -> None:
    folder = vectors / "ob-v3p0-spec"
    canon = Canonicalizer()
    unsigned = load_json(folder / "unsigned-credential.json")
    options = load_json(folder / "proof-options.json")
    values = load_json(folder / "intermediate-values.json")
    document = canon.canonicalize(unsigned)
    config = canon.canonicalize({"@context": unsigned["@context"], **options})
    assert document == (folder / "document-canon.nq").read_text("utf-8")
    assert config == (folder / "proof-canon.nq").read_text("utf-8")
    assert hashlib.sha256(document.encode()).hexdigest() == values["documentHashHex"]
    assert hashlib.sha256(config.encode()).hexdigest() == values["proofHashHex"]
    pair = load_json(folder / "key-pair.json")
    key = Ed25519Key.from_json(pair)
    signed = data_integrity.sign(
        unsigned,
        key,
        created=options["created"],
        verification_method=options["verificationMethod"],
        canonicalizer=canon,
    )
    assert signed["proof"]["proofValue"] == values["proofValue"]
    assert key.sign(bytes.fromhex(values["dataToSignHex"])).hex() == values["signatureHex"]
