"""``insigne status``: Bitstring Status Lists, new, set, clear, check, publish."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from insigne.core import dates
from insigne.core.outcome import Outcome
from insigne.core.status import MIN_ENTRIES, StatusList, status_entry
from insigne.core.verify import verify

from .support import (
    ISSUED,
    LIST_URL,
    load_key,
    outcomes,
    unsigned,
    write_json,
)


def test_status_new_set_clear_and_check(tmp_path: Path, cli: Any) -> None:
    path = tmp_path / "list.txt"
    assert cli("status", "new", "--out", path).code == 0
    assert len(StatusList.decode(path.read_text("ascii").strip())) == MIN_ENTRIES
    check = cli("status", "check", path, "5")
    assert (check.code, check.out) == (0, "clear\n")
    assert cli("status", "set", path, "5").code == 0
    check = cli("status", "check", path, "5")
    assert (check.code, check.out) == (1, "set\n")
    assert cli("status", "check", path, "6").out == "clear\n"
    assert list(StatusList.decode(path.read_text("ascii").strip()).set_bits()) == [5]
    assert cli("status", "clear", path, "5").code == 0
    assert cli("status", "check", path, "5").out == "clear\n"


def published_list(cli: Any, key_file: Path, list_file: Path) -> dict[str, Any]:
    run = cli("status", "publish", list_file, "--url", LIST_URL, "--key", key_file)
    assert run.code == 0, run.err
    document: dict[str, Any] = run.json()
    return document


def valid_from(document: dict[str, Any]) -> datetime:
    instant = dates.parse(document["validFrom"])
    assert instant is not None
    return instant


def test_status_publish_gives_a_signed_list_credential(
    tmp_path: Path, cli: Any, key_file: Path
) -> None:
    list_file = tmp_path / "list.txt"
    cli("status", "new", "--out", list_file)
    cli("status", "set", list_file, "42")
    document = published_list(cli, key_file, list_file)
    assert document["id"] == LIST_URL
    assert document["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert document["issuer"] == load_key(key_file).did_key
    subject = document["credentialSubject"]
    assert subject["statusPurpose"] == "revocation"
    assert list(StatusList.decode(subject["encodedList"]).set_bits()) == [42]


def test_the_published_status_list_verifies(tmp_path: Path, cli: Any, key_file: Path) -> None:
    list_file = tmp_path / "list.txt"
    cli("status", "new", "--out", list_file)
    document = published_list(cli, key_file, list_file)
    result = verify(document, now=valid_from(document))
    assert outcomes(result)["proof"] == {Outcome.PASS}
    assert outcomes(result)["issuer"] == {Outcome.PASS}
    assert result.verified, [(c.name, c.detail) for c in result.failures()]


def test_revoking_through_the_published_list_revokes_the_credential(
    tmp_path: Path, cli: Any, key_file: Path
) -> None:
    key = load_key(key_file)
    credential = unsigned(key)
    credential["credentialStatus"] = status_entry(LIST_URL, 42, "revocation")
    source = write_json(tmp_path / "unsigned.json", credential)
    signed = tmp_path / "signed.json"
    assert cli("sign", "--key", key_file, "--created", ISSUED, source, "--out", signed).code == 0
    list_file = tmp_path / "list.txt"
    cli("status", "new", "--out", list_file)
    published = tmp_path / "published.json"
    serve = ["--resource", f"{LIST_URL}={published}"]

    document = published_list(cli, key_file, list_file)
    write_json(published, document)
    when = dates.format_z(valid_from(document))
    run = cli("verify", signed, "--json", "--now", when, *serve)
    assert run.code == 0, run.out
    assert next(c for c in run.json()["checks"] if c["check"] == "status")["outcome"] == "pass"

    cli("status", "set", list_file, "42")
    document = published_list(cli, key_file, list_file)
    write_json(published, document)
    when = dates.format_z(valid_from(document))
    run = cli("verify", signed, "--json", "--now", when, "--lang", "en", *serve)
    assert run.code == 1
    assert run.json()["summary"] == "Badge revoked by its issuer."


def test_status_check_of_a_file_that_is_not_a_list_is_a_usage_error(
    tmp_path: Path, cli: Any
) -> None:
    path = tmp_path / "list.txt"
    path.write_text("hello", "utf-8")
    run = cli("status", "check", path, "1")
    assert run.code == 2
    assert "does not hold an encoded status list" in run.err


@pytest.mark.parametrize("action", ["set", "clear", "check"])
def test_status_index_past_the_end_of_the_list_is_a_usage_error(
    tmp_path: Path, cli: Any, action: str
) -> None:
    """Not a traceback; and for ``check`` not exit 1, which would mean "set" (revoked)."""
    path = tmp_path / "list.txt"
    cli("status", "new", "--out", path)
    run = cli("status", action, path, str(MIN_ENTRIES))
    assert run.code == 2
    assert "outside the status list" in run.err


def test_status_negative_index_is_a_usage_error(tmp_path: Path, cli: Any) -> None:
    path = tmp_path / "list.txt"
    cli("status", "new", "--out", path)
    run = cli("status", "check", path, "-1")
    assert run.code == 2
    assert run.err.startswith("insigne: ")


def test_status_new_with_a_size_below_the_minimum_is_a_usage_error(cli: Any) -> None:
    run = cli("status", "new", "--size", "10")
    assert run.code == 2
    assert run.err.startswith("insigne: ")
    assert "131072" in run.err
