"""The ``insigne`` command line on real files: every command, its output, its exit status.

Most tests call ``insigne.cli.main(argv)`` in process (``capsys`` holds what it prints); a few
run the installed ``insigne`` executable to prove the command itself works: standard input
with ``-``, exit statuses, no traceback on a usage error. Exit statuses: 0 success (for
``verify``: every input verified), 1 a verification or signing failure, 2 a usage error.
"""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from insigne.cli import main
from insigne.core import dates, description
from insigne.core.did import web_document_url
from insigne.core.fetch import LocalFetcher
from insigne.core.keys import Ed25519Key
from insigne.core.ob2 import CryptographicKey, Issuer
from insigne.core.outcome import Outcome
from insigne.core.status import MIN_ENTRIES, StatusList, status_entry
from insigne.core.verify import VerificationResult, verify
from tests.core.test_baking_png import png_file
from tests.core.test_baking_svg import SVG

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "badge.yaml"
ISSUED = "2026-11-01T00:00:00Z"
NOW = datetime(2026, 11, 28, tzinfo=UTC)
NOW_TEXT = "2026-11-28T00:00:00Z"
LEARNER = "camille.martin@example.org"
DOMAIN = "atelier-lyon.example.fr"
SCHOOL = f"did:web:{DOMAIN}:issuers:1"
LIST_URL = f"https://{DOMAIN}/status/1"
INSIGNE = Path(sys.executable).with_name("insigne")


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Any:
    """``cli(*argv, stdin=b"")`` runs ``insigne`` in process."""
    monkeypatch.delenv("LANG", raising=False)

    def run(*argv: str | Path, stdin: bytes = b"") -> Run:
        capsys.readouterr()
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        code = main([str(arg) for arg in argv])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def key_file(tmp_path: Path, cli: Any) -> Path:
    path = tmp_path / "key.json"
    assert cli("keys", "new", "--out", path).code == 0
    return path


def load_key(path: Path) -> Ed25519Key:
    return Ed25519Key.from_json(json.loads(path.read_text("utf-8")))


def outcomes(result: VerificationResult) -> dict[str, set[Outcome]]:
    found: dict[str, set[Outcome]] = {}
    for check in result.checks:
        found.setdefault(check.name, set()).add(check.outcome)
    return found


def unsigned(key: Ed25519Key, number: int = 0, issuer: str | None = None) -> dict[str, Any]:
    """An unsigned credential Insigne would issue for examples/badge.yaml."""
    data = yaml.safe_load(EXAMPLE.read_text("utf-8"))
    data["id"] = f"urn:uuid:00000000-0000-4000-8000-{number:012d}"
    return description.credential(
        data,
        issuer_id=issuer or key.did_key,
        now=datetime(2026, 11, 1, tzinfo=UTC),
        salt="deadsea",
    )


def write_json(path: Path, value: Any) -> Path:
    path.write_text(json.dumps(value, ensure_ascii=False), "utf-8")
    return path


def issue_file(cli: Any, key_file: Path, tmp_path: Path, *extra: str) -> Path:
    out = tmp_path / "credential.json"
    run = cli("issue", EXAMPLE, "--key", key_file, "--now", ISSUED, "--out", out, *extra)
    assert run.code == 0, run.err
    return out


# --- keys new ---------------------------------------------------------------------------------


def test_keys_new_writes_a_key_only_its_owner_can_read(tmp_path: Path, cli: Any) -> None:
    path = tmp_path / "key.json"
    run = cli("keys", "new", "--out", path)
    assert run.code == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    key = load_key(path)
    assert run.err.strip() == key.did_key
    assert run.out == ""


def test_keys_new_refuses_to_overwrite_a_file(tmp_path: Path, cli: Any) -> None:
    path = tmp_path / "key.json"
    path.write_text("precious", "utf-8")
    run = cli("keys", "new", "--out", path)
    assert run.code == 2
    assert "refusing to overwrite" in run.err
    assert path.read_text("utf-8") == "precious"


def test_keys_new_makes_a_different_key_each_time(tmp_path: Path, cli: Any) -> None:
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    assert cli("keys", "new", "--out", first).code == 0
    assert cli("keys", "new", "--out", second).code == 0
    assert load_key(first).did_key != load_key(second).did_key


def test_keys_new_prints_the_key_without_out(cli: Any) -> None:
    run = cli("keys", "new")
    assert run.code == 0
    assert load_key_text(run.out).did_key.startswith("did:key:z6Mk")


def load_key_text(text: str) -> Ed25519Key:
    return Ed25519Key.from_json(json.loads(text))


# --- issue ------------------------------------------------------------------------------------


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


# --- sign -------------------------------------------------------------------------------------


def test_sign_signs_one_credential(tmp_path: Path, cli: Any, key_file: Path) -> None:
    key = load_key(key_file)
    source = write_json(tmp_path / "unsigned.json", unsigned(key))
    out = tmp_path / "signed.json"
    run = cli("sign", "--key", key_file, "--created", ISSUED, source, "--out", out)
    assert run.code == 0, run.err
    signed = json.loads(out.read_text("utf-8"))
    assert signed["proof"]["created"] == ISSUED
    assert {k: v for k, v in signed.items() if k != "proof"} == unsigned(key)
    assert verify(out.read_bytes(), now=NOW).verified


def test_sign_reads_standard_input(cli: Any, key_file: Path) -> None:
    source = json.dumps(unsigned(load_key(key_file))).encode()
    run = cli("sign", "--key", key_file, "--created", ISSUED, "-", stdin=source)
    assert run.code == 0, run.err
    assert verify(run.out, now=NOW).verified


def test_sign_jsonl_keeps_the_order_and_every_line_verifies(
    tmp_path: Path, cli: Any, key_file: Path
) -> None:
    key = load_key(key_file)
    lines = [json.dumps(unsigned(key, number)) for number in range(50)]
    source = tmp_path / "batch.jsonl"
    source.write_text("\n".join(lines) + "\n", "utf-8")
    run = cli("sign", "--key", key_file, "--created", ISSUED, "--jsonl", source)
    assert run.code == 0, run.err
    signed = [json.loads(line) for line in run.out.splitlines()]
    assert [document["id"] for document in signed] == [
        f"urn:uuid:00000000-0000-4000-8000-{number:012d}" for number in range(50)
    ]
    assert all(verify(document, now=NOW).verified for document in signed)


def test_sign_jsonl_reports_a_bad_line_in_place_and_exits_1(
    tmp_path: Path, cli: Any, key_file: Path
) -> None:
    key = load_key(key_file)
    source = tmp_path / "batch.jsonl"
    source.write_text(
        "\n".join(
            [
                json.dumps(unsigned(key, 1)),
                "this is not JSON",
                json.dumps(unsigned(key, 3)),
                json.dumps({"undefined": "term"}),
                json.dumps(unsigned(key, 5)),
            ]
        ),
        "utf-8",
    )
    run = cli("sign", "--key", key_file, "--created", ISSUED, "--jsonl", source)
    assert run.code == 1
    out = [json.loads(line) for line in run.out.splitlines()]
    assert len(out) == 5
    assert [entry.get("line") for entry in out] == [None, 2, None, 4, None]
    assert all("error" in out[i] for i in (1, 3))
    assert all(verify(out[i], now=NOW).verified for i in (0, 2, 4))
    assert "line 2" in run.err and "line 4" in run.err


def test_sign_jsonl_in_jwt_format_gives_one_token_per_line(
    tmp_path: Path, cli: Any, key_file: Path
) -> None:
    key = load_key(key_file)
    source = tmp_path / "batch.jsonl"
    source.write_text("\n".join(json.dumps(unsigned(key, n)) for n in range(3)), "utf-8")
    run = cli("sign", "--key", key_file, "--format", "jwt", "--jsonl", source)
    assert run.code == 0, run.err
    tokens = run.out.splitlines()
    assert len(tokens) == 3
    assert all(verify(token, now=NOW).format == "jwt" for token in tokens)
    assert all(verify(token, now=NOW).verified for token in tokens)


def test_sign_with_an_extra_context_and_verify_with_it(
    tmp_path: Path, cli: Any, key_file: Path
) -> None:
    context_url = f"https://{DOMAIN}/contexts/v1"
    context_file = write_json(
        tmp_path / "context.json",
        {"@context": {"@version": 1.1, "grade": f"https://{DOMAIN}/vocab#grade"}},
    )
    credential = unsigned(load_key(key_file))
    credential["@context"] = [*credential["@context"], context_url]
    credential["grade"] = "A"
    source = write_json(tmp_path / "unsigned.json", credential)
    signed = tmp_path / "signed.json"
    pair = f"{context_url}={context_file}"
    assert cli("sign", "--key", key_file, source, "--out", signed).code == 1  # unknown context
    run = cli("sign", "--key", key_file, "--context", pair, source, "--out", signed)
    assert run.code == 0, run.err
    assert cli("verify", signed, "--now", NOW_TEXT).code == 1
    assert cli("verify", signed, "--now", NOW_TEXT, "--context", pair).code == 0


def test_sign_refuses_input_that_is_not_json(tmp_path: Path, cli: Any, key_file: Path) -> None:
    source = tmp_path / "bad.json"
    source.write_text("not json", "utf-8")
    run = cli("sign", "--key", key_file, source)
    assert run.code == 2
    assert "not JSON" in run.err


def test_sign_refuses_a_bad_created_date(tmp_path: Path, cli: Any, key_file: Path) -> None:
    source = write_json(tmp_path / "unsigned.json", unsigned(load_key(key_file)))
    run = cli("sign", "--key", key_file, "--created", "yesterday", source)
    assert run.code == 2
    assert "--created" in run.err


@pytest.mark.parametrize("content", ["[1]", '{"type": "Multikey"}', "not json"])
def test_sign_refuses_a_file_that_is_not_a_key(tmp_path: Path, cli: Any, content: str) -> None:
    bad_key = tmp_path / "key.json"
    bad_key.write_text(content, "utf-8")
    source = write_json(tmp_path / "unsigned.json", unsigned(Ed25519Key.from_seed(bytes(32))))
    run = cli("sign", "--key", bad_key, source)
    assert run.code == 2
    assert run.err.startswith("insigne: ")


# --- verify -----------------------------------------------------------------------------------


def test_verify_exits_0_and_reports_each_check(tmp_path: Path, cli: Any, key_file: Path) -> None:
    path = issue_file(cli, key_file, tmp_path)
    run = cli("verify", path, "--now", NOW_TEXT, "--lang", "en")
    assert run.code == 0
    lines = run.out.splitlines()
    assert lines[0] == "✔ Badge verified.  (ob3 json)"
    names = [line.split()[1] for line in lines[1:]]
    assert names == ["jsonld", "schema", "proof", "issuer", "valid_from", "recipient"]


def test_verify_exits_1_when_the_credential_was_changed(
    tmp_path: Path, cli: Any, key_file: Path
) -> None:
    path = issue_file(cli, key_file, tmp_path)
    credential = json.loads(path.read_text("utf-8"))
    credential["name"] = "Autre badge"
    write_json(path, credential)
    run = cli("verify", path, "--now", NOW_TEXT, "--lang", "en")
    assert run.code == 1
    assert run.out.startswith("✘ Badge not verified.")
    assert "✘ proof" in run.out


def test_verify_exits_2_for_a_missing_file(tmp_path: Path, cli: Any) -> None:
    run = cli("verify", tmp_path / "missing.json", "--now", NOW_TEXT)
    assert run.code == 2
    assert run.err.startswith("insigne: cannot read")
    assert run.out == ""


def test_verify_json_gives_the_structured_result(tmp_path: Path, cli: Any, key_file: Path) -> None:
    path = issue_file(cli, key_file, tmp_path)
    run = cli("verify", path, "--json", "--now", NOW_TEXT, "--lang", "en")
    assert run.code == 0
    report = run.json()
    assert report["verified"] is True
    assert (report["kind"], report["format"], report["container"]) == ("ob3", "json", None)
    assert report["summary"] == "Badge verified."
    assert [c["check"] for c in report["checks"]] == [
        "jsonld", "schema", "proof", "issuer", "valid_from", "recipient",
    ]  # fmt: skip
    assert {c["outcome"] for c in report["checks"]} == {"pass", "skipped"}
    assert report["credential"] == json.loads(path.read_text("utf-8"))


def test_verify_jsonl_gives_one_result_per_line(tmp_path: Path, cli: Any, key_file: Path) -> None:
    path = issue_file(cli, key_file, tmp_path)
    good = json.dumps(json.loads(path.read_text("utf-8")))
    changed = good.replace("Camille", "Camilla")
    assert changed != good
    stream = tmp_path / "badges.jsonl"
    stream.write_text("\n".join([good, changed, "", good, "garbage"]) + "\n", "utf-8")
    run = cli("verify", stream, "--jsonl", "--now", NOW_TEXT, "--lang", "en")
    assert run.code == 1
    results = [json.loads(line) for line in run.out.splitlines()]
    assert [r["verified"] for r in results] == [True, False, True, False]
    assert results[3]["kind"] == "unknown"


def test_verify_jsonl_exits_0_when_every_line_verifies(
    tmp_path: Path, cli: Any, key_file: Path
) -> None:
    path = issue_file(cli, key_file, tmp_path)
    good = json.dumps(json.loads(path.read_text("utf-8")))
    run = cli("verify", "--jsonl", "--now", NOW_TEXT, "-", stdin=(good + "\n" + good).encode())
    assert run.code == 0
    assert len(run.out.splitlines()) == 2


@pytest.mark.parametrize(
    ("email", "code", "outcome"),
    [
        (LEARNER, 0, "pass"),
        ("  Camille.Martin@Example.org", 0, "pass"),
        ("x@example.org", 1, "fail"),
    ],
)
def test_verify_email_checks_the_recipient(
    tmp_path: Path, cli: Any, key_file: Path, email: str, code: int, outcome: str
) -> None:
    path = issue_file(cli, key_file, tmp_path)
    run = cli("verify", path, "--json", "--now", NOW_TEXT, "--email", email)
    assert run.code == code
    recipient = next(c for c in run.json()["checks"] if c["check"] == "recipient")
    assert recipient["outcome"] == outcome


def test_verify_now_judges_the_dates(tmp_path: Path, cli: Any, key_file: Path) -> None:
    path = issue_file(cli, key_file, tmp_path)
    before = cli("verify", path, "--json", "--now", "2026-10-31T23:59:59Z")
    assert before.code == 1
    assert [c["check"] for c in before.json()["checks"] if c["outcome"] == "fail"] == ["valid_from"]
    assert cli("verify", path, "--now", ISSUED).code == 0


def test_verify_bad_now_is_a_usage_error(tmp_path: Path, cli: Any, key_file: Path) -> None:
    path = issue_file(cli, key_file, tmp_path)
    run = cli("verify", path, "--now", "tomorrow")
    assert run.code == 2
    assert "--now 'tomorrow'" in run.err


@pytest.mark.parametrize("pair", ["no-equals-sign", "=file.json", "https://x.example/ctx="])
def test_verify_bad_context_syntax_is_a_usage_error(
    tmp_path: Path, cli: Any, key_file: Path, pair: str
) -> None:
    path = issue_file(cli, key_file, tmp_path)
    run = cli("verify", path, "--now", NOW_TEXT, "--context", pair)
    assert run.code == 2
    assert "--context expects URL=FILE" in run.err


def test_verify_context_file_that_is_not_json_is_a_usage_error(
    tmp_path: Path, cli: Any, key_file: Path
) -> None:
    path = issue_file(cli, key_file, tmp_path)
    context = tmp_path / "context.json"
    context.write_text("{", "utf-8")
    run = cli("verify", path, "--now", NOW_TEXT, "--context", f"https://x.example/c={context}")
    assert run.code == 2
    assert "not valid JSON" in run.err


def test_verify_missing_resource_file_is_a_usage_error(
    tmp_path: Path, cli: Any, key_file: Path
) -> None:
    path = issue_file(cli, key_file, tmp_path)
    run = cli("verify", path, "--now", NOW_TEXT, "--resource", f"https://x.example/d={tmp_path}/no")
    assert run.code == 2
    assert "cannot read" in run.err


@pytest.mark.parametrize(
    ("language", "summary", "proof"),
    [
        ("en", "Badge verified.", "The signature is valid: the badge has not been altered."),
        ("fr", "Badge vérifié.", "La signature est valide : le badge n'a pas été modifié."),
    ],
)
def test_verify_lang_chooses_the_language(
    tmp_path: Path, cli: Any, key_file: Path, language: str, summary: str, proof: str
) -> None:
    path = issue_file(cli, key_file, tmp_path)
    run = cli("verify", path, "--now", NOW_TEXT, "--lang", language)
    assert run.out.splitlines()[0] == f"✔ {summary}  (ob3 json)"
    assert proof in run.out


def test_verify_speaks_french_unless_lang_or_the_environment_says_english(
    tmp_path: Path, cli: Any, key_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = issue_file(cli, key_file, tmp_path)
    assert "Badge vérifié." in cli("verify", path, "--now", NOW_TEXT).out
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert "Badge verified." in cli("verify", path, "--now", NOW_TEXT).out
    assert "Badge vérifié." in cli("verify", path, "--now", NOW_TEXT, "--lang", "fr").out


def test_verify_unknown_language_is_refused_by_the_parser(
    tmp_path: Path, cli: Any, key_file: Path
) -> None:
    path = issue_file(cli, key_file, tmp_path)
    with pytest.raises(SystemExit) as exit_info:
        cli("verify", path, "--lang", "de")
    assert exit_info.value.code == 2


# --- did web, and verify --resource -----------------------------------------------------------


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


# --- bake / unbake ----------------------------------------------------------------------------


@pytest.mark.parametrize(("image", "suffix"), [(png_file(), "png"), (SVG, "svg")])
def test_bake_and_unbake_round_trip(
    tmp_path: Path, cli: Any, key_file: Path, image: bytes, suffix: str
) -> None:
    credential = issue_file(cli, key_file, tmp_path)
    source = tmp_path / f"image.{suffix}"
    source.write_bytes(image)
    baked = tmp_path / f"baked.{suffix}"
    run = cli("bake", "--credential", credential, "--image", source, "--out", baked)
    assert run.code == 0, run.err
    unbaked = cli("unbake", baked)
    assert unbaked.code == 0
    assert json.loads(unbaked.out) == json.loads(credential.read_text("utf-8"))
    assert unbaked.err.strip() == f"{suffix}: openbadgecredential"
    result = verify(baked.read_bytes(), now=NOW)
    assert result.verified and result.container == suffix
    assert cli("verify", baked, "--now", NOW_TEXT).code == 0


def test_bake_refuses_to_bake_over_another_badge(tmp_path: Path, cli: Any, key_file: Path) -> None:
    first = issue_file(cli, key_file, tmp_path)
    second = tmp_path / "second.json"
    assert cli("issue", EXAMPLE, "--key", key_file, "--now", NOW_TEXT, "--out", second).code == 0
    source = tmp_path / "image.png"
    source.write_bytes(png_file())
    baked = tmp_path / "baked.png"
    assert cli("bake", "--credential", first, "--image", source, "--out", baked).code == 0
    again = tmp_path / "again.png"
    run = cli("bake", "--credential", second, "--image", baked, "--out", again)
    assert run.code == 1
    assert run.err.startswith("insigne: ")
    assert not again.exists()


def test_bake_refuses_a_file_that_is_not_an_image(tmp_path: Path, cli: Any, key_file: Path) -> None:
    credential = issue_file(cli, key_file, tmp_path)
    out = tmp_path / "out.png"
    run = cli("bake", "--credential", credential, "--image", credential, "--out", out)
    assert run.code == 1
    assert "neither a PNG nor an SVG" in run.err
    assert not out.exists()


def test_unbake_of_an_image_without_badge_exits_1(tmp_path: Path, cli: Any) -> None:
    image = tmp_path / "plain.png"
    image.write_bytes(png_file())
    run = cli("unbake", image)
    assert run.code == 1
    assert "no badge" in run.err
    assert run.out == ""


# --- status -----------------------------------------------------------------------------------


def test_status_new_set_clear_and_check(tmp_path: Path, cli: Any) -> None:
    path = tmp_path / "list.txt"
    assert cli("status", "new", "--out", path).code == 0
    assert len(StatusList.decode(path.read_text("ascii").strip())) == MIN_ENTRIES
    check = cli("status", "check", path, "5")
    assert (check.code, check.out) == (0, "clear\n")
    assert cli("status", "set", path, "5").code == 0
    check = cli("status", "check", path, "5")
    assert (check.code, check.out) == (1, "set\n")
    assert cli("status", "check", path, "6").out == "clear\n"
    assert list(StatusList.decode(path.read_text("ascii").strip()).set_bits()) == [5]
    assert cli("status", "clear", path, "5").code == 0
    assert cli("status", "check", path, "5").out == "clear\n"


def published_list(cli: Any, key_file: Path, list_file: Path) -> dict[str, Any]:
    run = cli("status", "publish", list_file, "--url", LIST_URL, "--key", key_file)
    assert run.code == 0, run.err
    document: dict[str, Any] = run.json()
    return document


def valid_from(document: dict[str, Any]) -> datetime:
    instant = dates.parse(document["validFrom"])
    assert instant is not None
    return instant


def test_status_publish_gives_a_signed_list_credential(
    tmp_path: Path, cli: Any, key_file: Path
) -> None:
    list_file = tmp_path / "list.txt"
    cli("status", "new", "--out", list_file)
    cli("status", "set", list_file, "42")
    document = published_list(cli, key_file, list_file)
    assert document["id"] == LIST_URL
    assert document["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert document["issuer"] == load_key(key_file).did_key
    subject = document["credentialSubject"]
    assert subject["statusPurpose"] == "revocation"
    assert list(StatusList.decode(subject["encodedList"]).set_bits()) == [42]


def test_the_published_status_list_verifies(tmp_path: Path, cli: Any, key_file: Path) -> None:
    list_file = tmp_path / "list.txt"
    cli("status", "new", "--out", list_file)
    document = published_list(cli, key_file, list_file)
    result = verify(document, now=valid_from(document))
    assert outcomes(result)["proof"] == {Outcome.PASS}
    assert outcomes(result)["issuer"] == {Outcome.PASS}
    assert result.verified, [(c.name, c.detail) for c in result.failures()]


def test_revoking_through_the_published_list_revokes_the_credential(
    tmp_path: Path, cli: Any, key_file: Path
) -> None:
    key = load_key(key_file)
    credential = unsigned(key)
    credential["credentialStatus"] = status_entry(LIST_URL, 42, "revocation")
    source = write_json(tmp_path / "unsigned.json", credential)
    signed = tmp_path / "signed.json"
    assert cli("sign", "--key", key_file, "--created", ISSUED, source, "--out", signed).code == 0
    list_file = tmp_path / "list.txt"
    cli("status", "new", "--out", list_file)
    published = tmp_path / "published.json"
    serve = ["--resource", f"{LIST_URL}={published}"]

    document = published_list(cli, key_file, list_file)
    write_json(published, document)
    when = dates.format_z(valid_from(document))
    run = cli("verify", signed, "--json", "--now", when, *serve)
    assert run.code == 0, run.out
    assert next(c for c in run.json()["checks"] if c["check"] == "status")["outcome"] == "pass"

    cli("status", "set", list_file, "42")
    document = published_list(cli, key_file, list_file)
    write_json(published, document)
    when = dates.format_z(valid_from(document))
    run = cli("verify", signed, "--json", "--now", when, "--lang", "en", *serve)
    assert run.code == 1
    assert run.json()["summary"] == "Badge revoked by its issuer."


def test_status_check_of_a_file_that_is_not_a_list_is_a_usage_error(
    tmp_path: Path, cli: Any
) -> None:
    path = tmp_path / "list.txt"
    path.write_text("hello", "utf-8")
    run = cli("status", "check", path, "1")
    assert run.code == 2
    assert "does not hold an encoded status list" in run.err


@pytest.mark.parametrize("action", ["set", "clear", "check"])
def test_status_index_past_the_end_of_the_list_is_a_usage_error(
    tmp_path: Path, cli: Any, action: str
) -> None:
    """Not a traceback; and for ``check`` not exit 1, which would mean "set" (revoked)."""
    path = tmp_path / "list.txt"
    cli("status", "new", "--out", path)
    run = cli("status", action, path, str(MIN_ENTRIES))
    assert run.code == 2
    assert "outside the status list" in run.err


def test_status_negative_index_is_a_usage_error(tmp_path: Path, cli: Any) -> None:
    path = tmp_path / "list.txt"
    cli("status", "new", "--out", path)
    run = cli("status", "check", path, "-1")
    assert run.code == 2
    assert run.err.startswith("insigne: ")


def test_status_new_with_a_size_below_the_minimum_is_a_usage_error(cli: Any) -> None:
    run = cli("status", "new", "--size", "10")
    assert run.code == 2
    assert run.err.startswith("insigne: ")
    assert "131072" in run.err


# --- the installed executable -----------------------------------------------------------------


def installed(*argv: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    if not INSIGNE.exists():
        pytest.skip(f"{INSIGNE} is not installed")
    return subprocess.run(
        [str(INSIGNE), *argv],
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
        env={**os.environ, "LANG": "C.UTF-8"},
    )


def test_the_installed_command_verifies_standard_input(
    tmp_path: Path, cli: Any, key_file: Path
) -> None:
    credential = issue_file(cli, key_file, tmp_path).read_bytes()
    done = installed("verify", "--now", NOW_TEXT, "--lang", "en", "-", stdin=credential)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8").startswith("✔ Badge verified.")
    changed = credential.replace(b"Camille", b"Camilla")
    done = installed("verify", "--now", NOW_TEXT, "-", stdin=changed)
    assert done.returncode == 1


def test_the_installed_command_exits_2_without_a_traceback(tmp_path: Path) -> None:
    for argv in (
        ["verify", str(tmp_path / "missing.json")],
        ["verify", "--now", "tomorrow", "-"],
        ["verify", "--context", "nonsense", "-"],
        ["sign", "--key", str(tmp_path / "missing-key.json"), "-"],
        ["verify", "--lang", "de", "-"],  # argparse's own usage error
    ):
        done = installed(*argv)
        assert done.returncode == 2, argv
        assert b"Traceback" not in done.stderr, argv
        assert done.stderr.strip(), argv


def test_the_installed_command_exits_2_without_a_traceback_on_bad_status_arguments(
    tmp_path: Path,
) -> None:
    path = tmp_path / "list.txt"
    assert installed("status", "new", "--out", str(path)).returncode == 0
    for argv in (["status", "new", "--size", "10"], ["status", "set", str(path), "99999999"]):
        done = installed(*argv)
        assert b"Traceback" not in done.stderr, done.stderr.decode()
        assert done.returncode == 2, argv
