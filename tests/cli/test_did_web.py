"""``insigne did web`` and ``verify --resource``: did:web documents served offline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from insigne.core.did import web_document_url
from insigne.core.fetch import LocalFetcher
from insigne.core.outcome import Outcome
from insigne.core.verify import verify

from .support import (
    DOMAIN,
    ISSUED,
    NOW,
    NOW_TEXT,
    SCHOOL,
    load_key,
    outcomes,
    unsigned,
    write_json,
)


def did_web_document(cli: Any, key_file: Path, tmp_path: Path) -> Path:
    run = cli("did", "web", "--domain", DOMAIN, "--path", "issuers/1", "--key", key_file)
    assert run.code == 0, run.err
    assert run.err.strip() == f"publish at https://{DOMAIN}/issuers/1/did.json"
    path = tmp_path / "did.json"
    path.write_text(run.out, "utf-8")
    return path


def test_did_web_prints_the_did_document_of_the_key(
    tmp_path: Path, cli: Any, key_file: Path
) -> None:
    document = json.loads(did_web_document(cli, key_file, tmp_path).read_text("utf-8"))
    key = load_key(key_file)
    method = f"{SCHOOL}#{key.public_multibase}"
    assert document["id"] == SCHOOL
    assert document["verificationMethod"] == [
        {
            "id": method,
            "type": "Multikey",
            "controller": SCHOOL,
            "publicKeyMultibase": key.public_multibase,
        }
    ]
    assert document["assertionMethod"] == [method]
    assert "https://www.w3.org/ns/did/v1" in document["@context"]


def did_web_credential(cli: Any, key_file: Path, tmp_path: Path) -> Path:
    """A credential issued by SCHOOL, signed with the key its DID document publishes."""
    key = load_key(key_file)
    source = write_json(tmp_path / "unsigned.json", unsigned(key, issuer=SCHOOL))
    out = tmp_path / "signed.json"
    method = f"{SCHOOL}#{key.public_multibase}"
    run = cli("sign", "--key", key_file, "--created", ISSUED, "--verification-method", method,
              source, "--out", out)  # fmt: skip
    assert run.code == 0, run.err
    return out


def test_the_did_web_document_verifies_a_credential_signed_with_its_key(
    tmp_path: Path, cli: Any, key_file: Path
) -> None:
    document = did_web_document(cli, key_file, tmp_path)
    credential = did_web_credential(cli, key_file, tmp_path)
    fetcher = LocalFetcher({web_document_url(SCHOOL): document.read_bytes()})
    result = verify(credential.read_bytes(), now=NOW, fetcher=fetcher)
    assert result.verified, result.failures()
    assert outcomes(result)["issuer"] == {Outcome.PASS}


def test_verify_resource_serves_the_did_document(tmp_path: Path, cli: Any, key_file: Path) -> None:
    document = did_web_document(cli, key_file, tmp_path)
    credential = did_web_credential(cli, key_file, tmp_path)
    offline = cli("verify", credential, "--now", NOW_TEXT, "--json")
    assert offline.code == 1
    served = cli("verify", credential, "--now", NOW_TEXT, "--json",
                 "--resource", f"https://{DOMAIN}/issuers/1/did.json={document}")  # fmt: skip
    assert served.code == 0, served.out
    issuer = next(c for c in served.json()["checks"] if c["check"] == "issuer")
    assert issuer["outcome"] == "pass"


def test_did_web_refuses_a_bad_domain(cli: Any, key_file: Path) -> None:
    run = cli("did", "web", "--domain", "not a host", "--key", key_file)
    assert run.code == 2
    assert "is not a host name" in run.err
