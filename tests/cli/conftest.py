"""The ``insigne`` command line on real files: every command, its output, its exit status.

Most tests call ``insigne.cli.main(argv)`` in process through the ``cli`` fixture (``capsys``
holds what it prints); ``test_executable.py`` runs the installed ``insigne`` executable to
prove the command itself works: standard input with ``-``, exit statuses, no traceback on a
usage error. Exit statuses: 0 success (for ``verify``: every input verified), 1 a
verification or signing failure, 2 a usage error.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import pytest

from insigne.cli import main

from .support import Run


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
