"""Which kind of framework file an upload is, from its first bytes."""

from __future__ import annotations

from typing import IO

from . import esco, rome

CASE = "case"
ESCO = "esco"
ROME = "rome"


def detect(binary: IO[bytes]) -> str | None:
    """``case``, ``esco``, ``rome`` or None when the file looks like none of them."""
    binary.seek(0)
    head = binary.read(8192)
    binary.seek(0)
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if text.startswith("{"):
        return CASE
    header = text.split("\n", 1)[0]
    if esco.SIGNATURE in header:
        return ESCO
    if rome.SIGNATURE in header:
        return ROME
    return None
