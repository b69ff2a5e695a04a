"""``insigne keys new``: Ed25519 key files."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

from insigne.core.keys import Ed25519Key

from .support import (
    load_key,
)


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
