"""Shared test helpers: where the published vectors and fixtures live."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared" / "vectors"


def load_json(path: Path) -> Any:
    return json.loads(path.read_text("utf-8"))


@pytest.fixture(scope="session")
def vectors() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared vectors not found at {SHARED}")
    return SHARED
