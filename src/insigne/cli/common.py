"""Small pieces every command uses: reading inputs, key files and context overrides."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from ..core import dates
from ..core.keys import Ed25519Key, KeyFormatError


class UsageError(Exception):
    """Bad arguments or unreadable input: reported on stderr, exit status 2."""


def date_time(value: str | None, option: str) -> datetime | None:
    """The date-time given to ``option`` (None when it was not given)."""
    if value is None:
        return None
    parsed = dates.parse(value)
    if parsed is None:
        raise UsageError(f"{option} {value!r} is not a date-time like 2026-11-28T09:00:00Z")
    return parsed


def read_bytes(path: str | None) -> bytes:
    """The bytes of ``path``, or of standard input for ``-`` or None."""
    if path in (None, "-"):
        stream: BinaryIO = sys.stdin.buffer
        return stream.read()
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror}") from error


def read_json_file(path: str) -> Any:
    try:
        return json.loads(read_bytes(path).decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise UsageError(f"{path} is not valid JSON: {error}") from error


def load_key(path: str) -> Ed25519Key:
    data = read_json_file(path)
    try:
        return Ed25519Key.from_json(data)
    except KeyFormatError as error:
        raise UsageError(f"{path}: {error}") from error


def parse_pairs(values: list[str] | None, option: str) -> dict[str, str]:
    """``URL=FILE`` pairs into a dict."""
    pairs = {}
    for value in values or []:
        url, sep, path = value.partition("=")
        if not sep or not url or not path:
            raise UsageError(f"{option} expects URL=FILE, got {value!r}")
        pairs[url] = path
    return pairs


def load_contexts(values: list[str] | None) -> dict[str, Any]:
    """``--context URL=FILE``: context documents to use in addition to the pinned ones."""
    return {url: read_json_file(path) for url, path in parse_pairs(values, "--context").items()}


def write_output(data: bytes | str, path: str | None) -> None:
    if isinstance(data, str):
        data = data.encode("utf-8")
    if path in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        Path(path).write_bytes(data)
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror}") from error
