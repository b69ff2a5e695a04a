"""The English catalog of the badge pages is complete and compiled."""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

import insigne.web.badges

LOCALE = Path(insigne.web.badges.__file__).parent / "locale" / "en" / "LC_MESSAGES"


def entries() -> list[str]:
    return (LOCALE / "django.po").read_text(encoding="utf-8").split("\n\n")[1:]


def test_every_french_string_has_an_english_translation() -> None:
    missing = [
        entry
        for entry in entries()
        if re.search(r'^msgstr(\[\d\])? ""$', entry, re.M)
        and not re.search(r'^msgstr(\[\d\])? ""\n"', entry, re.M)
    ]
    assert missing == []


def test_no_translation_is_marked_fuzzy() -> None:
    assert not [entry for entry in entries() if "#, fuzzy" in entry]


def _unquote(lines: list[str]) -> str:
    return "".join(ast.literal_eval(line) for line in lines)


def _translations() -> dict[str, str]:
    """msgid -> msgstr (the singular form) as written in the .po file."""
    found = {}
    for entry in entries():
        parts: dict[str, list[str]] = {}
        key = ""
        for line in entry.splitlines():
            if line.startswith("#"):
                continue
            if line.startswith('"'):
                parts[key].append(line)
            else:
                key, _space, rest = line.partition(" ")
                parts[key] = [rest]
        msgstr = parts.get("msgstr") or parts.get("msgstr[0]") or ['""']
        found[_unquote(parts["msgid"])] = _unquote(msgstr)
    return found


def test_compiled_catalog_matches_the_po_file() -> None:
    with (LOCALE / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for msgid, msgstr in _translations().items():
        assert compiled.gettext(msgid) == msgstr, msgid
