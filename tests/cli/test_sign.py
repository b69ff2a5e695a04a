"""``insigne sign``: unsigned credentials, one file or a JSON Lines stream."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from insigne.core.keys import Ed25519Key
from insigne.core.verify import verify

from .support import (
    DOMAIN,
    ISSUED,
    NOW,
    NOW_TEXT,
    load_key,
    unsigned,
    write_json,
)


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
