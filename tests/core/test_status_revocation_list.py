"""1EdTech Revocation List (VCRL 1.0) entries, read through check_status."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from insigne.core.fetch import LocalFetcher
from insigne.core.status import StatusOutcome, check_status
from insigne.core.status.outcome import (
    BAD_ENTRY,
    LIST_NOT_FOUND,
    LIST_UNREADABLE,
    NO_CREDENTIAL_ID,
    NOT_REVOKED,
    REVOKED,
)
from insigne.core.text import Text

NOW = datetime(2025, 6, 1, tzinfo=UTC)
LIST_URL = "https://issuer.example/api/revocations/42"
CREDENTIAL_ID = "https://issuer.example/credentials/3f1e"
OTHER_ID = "https://issuer.example/credentials/9a0c"


def never_called(document: dict[str, Any]) -> Text | None:
    raise AssertionError("a 1EdTech revocation list is plain JSON, not a credential to verify")


def check(
    revocation_list: Any, *, credential_id: Any = CREDENTIAL_ID, list_url: Any = LIST_URL
) -> StatusOutcome:
    credential = {
        "id": credential_id,
        "credentialStatus": {"id": list_url, "type": "1EdTechRevocationList"},
    }
    fetcher = LocalFetcher({} if revocation_list is None else {LIST_URL: revocation_list})
    [outcome] = check_status(credential, fetcher=fetcher, verify_list=never_called, now=NOW)
    assert outcome.purpose == "revocation"
    return outcome


def assert_cannot_check(outcome: StatusOutcome, reason: Text, detail: str) -> None:
    assert outcome.state == "error"
    assert outcome.message.fr == f"Impossible de vérifier si ce badge a été révoqué : {reason.fr}"
    assert outcome.message.en == f"Could not check whether this badge has been revoked: {reason.en}"
    assert detail in outcome.detail


def test_listed_object_entry_is_revoked_and_its_reason_is_shown() -> None:
    outcome = check(
        {
            "revokedCredential": [
                {"id": OTHER_ID, "revocationReason": "Autre"},
                {"id": CREDENTIAL_ID, "revocationReason": "Délivré par erreur"},
            ]
        }
    )
    assert outcome.state == "revoked"
    assert outcome.message == Text(
        fr="Ce badge a été révoqué par son émetteur. Motif indiqué : Délivré par erreur",
        en="This badge has been revoked by its issuer. Reason given: Délivré par erreur",
    )
    assert outcome.detail == f"{CREDENTIAL_ID} is revoked in {LIST_URL}"


def test_listed_string_entry_is_revoked_without_reason() -> None:
    outcome = check({"revokedCredential": [OTHER_ID, CREDENTIAL_ID]})
    assert (outcome.state, outcome.message) == ("revoked", REVOKED)


def test_entry_with_revoked_true_is_revoked() -> None:
    assert check({"revokedCredential": [{"id": CREDENTIAL_ID, "revoked": True}]}).state == "revoked"


@pytest.mark.parametrize("revoked", [False, "false"])
def test_entry_with_revoked_false_is_not_revoked(revoked: Any) -> None:
    outcome = check({"revokedCredential": [{"id": CREDENTIAL_ID, "revoked": revoked}]})
    assert (outcome.state, outcome.message) == ("ok", NOT_REVOKED)


def test_credential_absent_from_the_list_is_not_revoked() -> None:
    outcome = check({"revokedCredential": [OTHER_ID, {"id": OTHER_ID}]})
    assert (outcome.state, outcome.message) == ("ok", NOT_REVOKED)
    assert outcome.detail == f"{CREDENTIAL_ID} is not revoked in {LIST_URL}"


def test_empty_list_is_not_revoked() -> None:
    assert check({"revokedCredential": []}).state == "ok"


def test_the_plural_array_name_is_read_too() -> None:
    assert check({"revokedCredentials": [{"id": CREDENTIAL_ID}]}).state == "revoked"
    both = {"revokedCredential": [OTHER_ID], "revokedCredentials": [CREDENTIAL_ID]}
    assert check(both).state == "revoked"


def test_a_single_entry_instead_of_an_array_is_read() -> None:
    assert check({"revokedCredential": {"id": CREDENTIAL_ID}}).state == "revoked"
    assert check({"revokedCredential": CREDENTIAL_ID}).state == "revoked"


@pytest.mark.parametrize("reason", ["", "   ", None, 42, {"fr": "x"}])
def test_blank_or_non_text_reason_is_left_out(reason: Any) -> None:
    outcome = check({"revokedCredential": [{"id": CREDENTIAL_ID, "revocationReason": reason}]})
    assert (outcome.state, outcome.message) == ("revoked", REVOKED)


def test_long_reason_is_tidied_and_shortened() -> None:
    reason = "Fraude\n  avérée " + "x" * 1000
    outcome = check({"revokedCredential": [{"id": CREDENTIAL_ID, "revocationReason": reason}]})
    shown = outcome.message.fr.removeprefix(f"{REVOKED.fr} Motif indiqué : ")
    assert shown.startswith("Fraude avérée xxx")
    assert len(shown) == 500 and shown.endswith("…")


def test_unreachable_list_is_an_error() -> None:
    outcome = check(None)
    assert_cannot_check(outcome, LIST_NOT_FOUND, f"STATUS_RETRIEVAL_ERROR: {LIST_URL}")


def test_list_answering_http_error_is_an_error() -> None:
    credential = {
        "id": CREDENTIAL_ID,
        "credentialStatus": {"id": LIST_URL, "type": "1EdTechRevocationList"},
    }
    fetcher = LocalFetcher({}, gone=frozenset({LIST_URL}))
    [outcome] = check_status(credential, fetcher=fetcher, verify_list=never_called, now=NOW)
    assert_cannot_check(outcome, LIST_NOT_FOUND, "answered HTTP 410")


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (b"revoked: everything", "did not return JSON"),
        ([CREDENTIAL_ID], "not an object"),
        ({"revoked": [CREDENTIAL_ID]}, "has no revokedCredential array"),
        ({"revokedCredential": 3}, "not an array"),
        ({"revokedCredential": None}, "not an array"),
        ({"revokedCredential": [OTHER_ID, 3, CREDENTIAL_ID]}, "not an id or object"),
    ],
)
def test_malformed_list_is_an_error(body: Any, detail: str) -> None:
    assert_cannot_check(check(body), LIST_UNREADABLE, detail)


@pytest.mark.parametrize("credential_id", [None, "", 7])
def test_credential_without_id_cannot_be_looked_up(credential_id: Any) -> None:
    outcome = check({"revokedCredential": [CREDENTIAL_ID]}, credential_id=credential_id)
    assert_cannot_check(outcome, NO_CREDENTIAL_ID, "no id")


@pytest.mark.parametrize("list_url", [None, "", ["https://issuer.example/list"]])
def test_entry_without_list_url_is_a_malformed_entry(list_url: Any) -> None:
    outcome = check({"revokedCredential": []}, list_url=list_url)
    assert_cannot_check(outcome, BAD_ENTRY, "revocation list URL")
