"""Shared test helpers: where the published vectors and fixtures live."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

SHARED = (
    Path(os.environ.get("INSIGNE_SHARED", Path(__file__).resolve().parents[2] / "shared"))
    / "vectors"
)


def load_json(path: Path) -> Any:
    return json.loads(path.read_text("utf-8"))


@pytest.fixture(scope="session")
def vectors() -> Path:
    if not SHARED.is_dir():
        message = f"shared test vectors not found at {SHARED} (set INSIGNE_SHARED)"
        if os.environ.get("INSIGNE_REQUIRE_VECTORS") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return SHARED
