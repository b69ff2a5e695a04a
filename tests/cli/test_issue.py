"""``insigne issue``: a badge description to a signed credential (OB 3.0, JWT, OB 2.0)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from insigne.core.fetch import LocalFetcher
from insigne.core.keys import Ed25519Key
from insigne.core.ob2 import CryptographicKey, Issuer
from insigne.core.outcome import Outcome
from insigne.core.verify import verify

from .support import (
    DOMAIN,
    EXAMPLE,
    ISSUED,
    LEARNER,
    NOW,
    issue_file,
    load_key,
    outcomes,
)


def test_issue_signs_the_example_description_as_a_data_integrity_credential(
    tmp_path: Path, cli: Any, key_file: Path
) -> None:
    path = issue_file(cli, key_file, tmp_path)
    credential = json.loads(path.read_text("utf-8"))
    key = load_key(key_file)
    assert credential["issuer"]["id"] == key.did_key
    assert credential["validFrom"] == ISSUED
    assert credential["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert credential["proof"]["verificationMethod"] == key.did_key_method
    result = verify(path.read_bytes(), now=NOW, email=LEARNER)
    assert result.verified, result.failures()
    assert not result.warnings()
    assert outcomes(result)["recipient"] == {Outcome.PASS}


def test_issue_writes_to_stdout_without_out(cli: Any, key_file: Path) -> None:
    run = cli("issue", EXAMPLE, "--key", key_file, "--now", ISSUED)
    assert run.code == 0
    assert verify(run.out, now=NOW).verified


def test_issue_jwt_gives_a_token_that_verifies(tmp_path: Path, cli: Any, key_file: Path) -> None:
    path = issue_file(cli, key_file, tmp_path, "--format", "jwt")
    token = path.read_text("ascii").strip()
    assert token.count(".") == 2
    result = verify(token, now=NOW, email=LEARNER)
    assert result.verified, result.failures()
    assert (result.kind, result.format) == ("ob3", "jwt")


def ob2_description(tmp_path: Path) -> Path:
    path = tmp_path / "ob2.yaml"
    path.write_text(
        "issuer:\n"
        f"  id: https://{DOMAIN}/issuer.json\n"
        "  name: Atelier de formation de Lyon\n"
        f"  url: https://{DOMAIN}\n"
        f"  email: contact@{DOMAIN}\n"
        "achievement:\n"
        f"  id: https://{DOMAIN}/badges/equipe.json\n"
        "  name: Travail en équipe\n"
        "  description: Travaille en équipe.\n"
        "  criteria: A participé à un projet collectif.\n"
        f"  image: https://{DOMAIN}/badges/equipe.png\n"
        "recipient:\n"
        f"  email: {LEARNER}\n",
        "utf-8",
    )
    return path


def ob2_documents(key: Ed25519Key) -> dict[str, Any]:
    """The issuer profile and the CryptographicKey a signed OB 2.0 assertion points to."""
    issuer_id, key_url = f"https://{DOMAIN}/issuer.json", f"https://{DOMAIN}/key.json"
    public = Ed25519PublicKey.from_public_bytes(key.public)
    issuer = Issuer(
        issuer_id, "Atelier", f"https://{DOMAIN}", f"contact@{DOMAIN}", public_keys=(key_url,)
    )
    return {
        issuer_id: issuer.to_json(),
        key_url: CryptographicKey.from_public_key(key_url, issuer_id, public).to_json(),
    }


def test_issue_ob2_gives_a_signed_assertion_that_verifies(
    tmp_path: Path, cli: Any, key_file: Path
) -> None:
    run = cli(
        "issue", ob2_description(tmp_path), "--key", key_file, "--ob2",
        "--key-url", f"https://{DOMAIN}/key.json", "--now", ISSUED,
    )  # fmt: skip
    assert run.code == 0, run.err
    fetcher = LocalFetcher(ob2_documents(load_key(key_file)))
    result = verify(run.out, now=NOW, fetcher=fetcher, email=LEARNER)
    assert result.verified, result.failures()
    assert (result.kind, result.format) == ("ob2", "ob2-signed")
    assert outcomes(result)["recipient"] == {Outcome.PASS}
    assert verify(run.out, now=NOW).verified is False  # nothing to check the key against


def test_issue_ob2_without_key_url_is_a_usage_error(
    tmp_path: Path, cli: Any, key_file: Path
) -> None:
    run = cli("issue", ob2_description(tmp_path), "--key", key_file, "--ob2")
    assert run.code == 2
    assert "--key-url" in run.err


def test_issue_with_an_incomplete_description_names_the_missing_field(
    tmp_path: Path, cli: Any, key_file: Path
) -> None:
    incomplete = tmp_path / "incomplete.yaml"
    incomplete.write_text("issuer: {name: Atelier}\nrecipient: {email: a@example.org}\n", "utf-8")
    run = cli("issue", incomplete, "--key", key_file)
    assert run.code == 2
    assert "achievement" in run.err


def test_issue_with_invalid_yaml_is_a_usage_error(tmp_path: Path, cli: Any, key_file: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("issuer: [\n", "utf-8")
    run = cli("issue", broken, "--key", key_file)
    assert run.code == 2
    assert "not valid YAML" in run.err
