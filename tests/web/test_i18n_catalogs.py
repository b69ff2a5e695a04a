"""Every English catalog of the platform is complete, and its compiled form is up to date."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest

WEB = Path(__file__).resolve().parents[2] / "src" / "insigne" / "web"
CATALOGS = sorted(WEB.glob("**/locale/en/LC_MESSAGES/django.po"))
_ENTRY = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$')


def entries(path: Path) -> list[dict[str, str]]:
    """The .po entries as {keyword: text} (continuation lines joined, escapes kept)."""
    found: list[dict[str, str]] = []
    current: dict[str, str] = {}
    key = ""
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            if current:
                found.append(current)
            current, key = {}, ""
            continue
        if line.startswith("#"):
            if line.startswith("#,") and "fuzzy" in line:
                current["fuzzy"] = "yes"
            continue
        match = _ENTRY.match(line)
        if (
            match
            and match.group(1) in ("msgctxt", "msgid")
            and any(k.startswith("msgstr") for k in current)
        ):
            found.append(current)  # a new entry without the usual blank line before it
            current = {}
        if match:
            key = match.group(1)
            current[key] = match.group(2)
        elif line.startswith('"') and key:
            current[key] += line[1:-1]
    if current:
        found.append(current)
    return [e for e in found if e.get("msgid")]


def test_every_context_has_an_english_catalog() -> None:
    apps = {path.parents[3].name for path in CATALOGS}
    assert {"web", "accounts", "issuers", "badges", "awards", "public", "insights"} <= apps


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.parents[3].name))
def test_the_catalog_translates_every_message(path: Path) -> None:
    missing = [
        e["msgid"]
        for e in entries(path)
        if e.get("fuzzy") or not any(v for k, v in e.items() if k.startswith("msgstr"))
    ]
    assert missing == []


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.parents[3].name))
def test_the_compiled_catalog_matches_its_source(path: Path) -> None:
    with path.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in entries(path):
        if "msgid_plural" in entry or "msgctxt" in entry:
            continue
        source = entry["msgid"].encode().decode("unicode_escape").encode("latin-1").decode()
        expected = entry["msgstr"].encode().decode("unicode_escape").encode("latin-1").decode()
        assert compiled.gettext(source) == expected, source
