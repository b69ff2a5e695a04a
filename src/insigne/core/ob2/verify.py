"""One entry point for an Open Badges 2.0 assertion in whatever form a badge carries it."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from ..fetch import Fetcher
from .hosted import verify_hosted_assertion
from .result import Ob2Verification
from .signed import verify_signed_assertion


def verify_assertion(
    value: dict[str, Any] | str,
    *,
    fetcher: Fetcher,
    now: datetime,
    email: str | None = None,
) -> Ob2Verification:
    """Verify a compact JWS (signed badge), an assertion URL or assertion JSON (hosted badge).

    These are the three things a baked OB 2.0 image may hold. Never raises on bad input.
    """
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("{"):
            try:
                parsed = json.loads(text)
            except (ValueError, RecursionError):
                parsed = None
            value = parsed if isinstance(parsed, dict) else text
        elif text.count(".") == 2 and "/" not in text:
            return verify_signed_assertion(text, fetcher=fetcher, now=now, email=email)
        else:
            value = text
    return verify_hosted_assertion(value, fetcher=fetcher, now=now, email=email)
