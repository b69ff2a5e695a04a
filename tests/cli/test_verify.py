"""``insigne verify``: exit statuses, reports, options."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .support import (
    ISSUED,
    LEARNER,
    NOW_TEXT,
    issue_file,
    write_json,
)


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
