"""The installed ``insigne`` executable: standard input, exit statuses, no traceback."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .support import (
    INSIGNE,
    NOW_TEXT,
    issue_file,
)


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
