"""What the command-line tests share: the example badge, fixed dates and small helpers."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from insigne.core import description
from insigne.core.keys import Ed25519Key
from insigne.core.outcome import Outcome
from insigne.core.verify import VerificationResult

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "badge.yaml"
ISSUED = "2026-11-01T00:00:00Z"
NOW = datetime(2026, 11, 28, tzinfo=UTC)
NOW_TEXT = "2026-11-28T00:00:00Z"
LEARNER = "camille.martin@example.org"
DOMAIN = "atelier-lyon.example.fr"
SCHOOL = f"did:web:{DOMAIN}:issuers:1"
LIST_URL = f"https://{DOMAIN}/status/1"
INSIGNE = Path(sys.executable).with_name("insigne")


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def load_key(path: Path) -> Ed25519Key:
    return Ed25519Key.from_json(json.loads(path.read_text("utf-8")))


def outcomes(result: VerificationResult) -> dict[str, set[Outcome]]:
    found: dict[str, set[Outcome]] = {}
    for check in result.checks:
        found.setdefault(check.name, set()).add(check.outcome)
    return found


def unsigned(key: Ed25519Key, number: int = 0, issuer: str | None = None) -> dict[str, Any]:
    """An unsigned credential Insigne would issue for examples/badge.yaml."""
    data = yaml.safe_load(EXAMPLE.read_text("utf-8"))
    data["id"] = f"urn:uuid:00000000-0000-4000-8000-{number:012d}"
    return description.credential(
        data,
        issuer_id=issuer or key.did_key,
        now=datetime(2026, 11, 1, tzinfo=UTC),
        salt="deadsea",
    )


def write_json(path: Path, value: Any) -> Path:
    path.write_text(json.dumps(value, ensure_ascii=False), "utf-8")
    return path


def issue_file(cli: Any, key_file: Path, tmp_path: Path, *extra: str) -> Path:
    out = tmp_path / "credential.json"
    run = cli("issue", EXAMPLE, "--key", key_file, "--now", ISSUED, "--out", out, *extra)
    assert run.code == 0, run.err
    return out
