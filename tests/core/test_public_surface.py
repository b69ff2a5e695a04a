"""The core's public surface is explicit, exact, and free of any web framework."""

from __future__ import annotations

import subprocess
import sys

import insigne.core


def test_the_public_names_are_exactly_the_documented_ones() -> None:
    assert sorted(insigne.core.__all__) == [
        "Baked", "BakingError", "Canonicalizer", "Certification", "Check", "Competence",
        "Ed25519Key", "FetchError", "Fetcher", "KeyFormatError", "LocalFetcher", "Outcome",
        "Response", "StatusList", "Text", "VerificationResult", "bake", "certification",
        "check_status", "default_canonicalizer", "list_credential", "no_network",
        "sign_credential", "status_entry", "unbake", "verify",
    ]  # fmt: skip
    assert all(hasattr(insigne.core, name) for name in insigne.core.__all__)


def test_importing_the_whole_core_loads_no_web_framework() -> None:
    code = (
        "import sys, insigne.core, insigne.cli; "
        "import insigne.core.verify, insigne.core.ob2, insigne.core.ob3, insigne.core.did; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('django', 'httpx', 'requests')]; "
        "print(','.join(bad))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    assert output.strip() == ""
