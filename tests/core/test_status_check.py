"""check_status on Bitstring Status List and StatusList2021 entries: every way a status can
be decided, and every way it cannot, with lists served offline."""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import pytest

import insigne.core.status
from insigne.core import multibase
from insigne.core.fetch import FetchError, LocalFetcher, Response
from insigne.core.status import StatusList, check_status, list_credential, status_entry
from insigne.core.status.check import MAX_ENTRIES
from insigne.core.status.outcome import (
    BAD_ENTRY,
    INDEX_OUT_OF_RANGE,
    LIST_BAD_DATES,
    LIST_EXPIRED,
    LIST_NOT_AUTHENTIC,
    LIST_NOT_FOUND,
    LIST_TOO_LARGE,
    LIST_TOO_SHORT,
    LIST_UNREADABLE,
    NOT_A_STATUS_LIST,
    NOT_REVOKED,
    NOT_SUSPENDED,
    NOTHING_REPORTED,
    REVOKED,
    SUSPENDED,
    TOO_MANY_ENTRIES,
    UNSUPPORTED,
    WRONG_PURPOSE,
    StatusOutcome,
)
from insigne.core.text import Text

NOW = datetime(2025, 6, 1, tzinfo=UTC)
URL = "https://issuer.example/status/7"
CREDENTIAL_ID = "urn:uuid:6a1c58f4-2a41-4c5d-9a4c-0e0f1b2c3d4e"


def trust(document: dict[str, Any]) -> Text | None:
    return None


def published(
    *set_bits: int, purpose: str | list[str] = "revocation", **changes: Any
) -> dict[str, Any]:
    bits = StatusList.new()
    for index in set_bits:
        bits.set(index)
    document = list_credential(
        list_url=URL,
        issuer="did:key:z6Mkexample",
        purpose="revocation",
        encoded_list=bits.encode(),
        valid_from="2025-01-01T00:00:00Z",
    )
    document["credentialSubject"]["statusPurpose"] = purpose
    document.update(changes)
    return document


def credential(*entries: Any) -> dict[str, Any]:
    status: Any = entries[0] if len(entries) == 1 else list(entries)
    return {"id": CREDENTIAL_ID, "credentialStatus": status}


def entry(index: Any = 23, purpose: str = "revocation", **changes: Any) -> dict[str, Any]:
    made = status_entry(URL, 0, "revocation")
    made.update(statusListIndex=index, statusPurpose=purpose, **changes)
    return made


def check_one(
    status: Any, document: Any = None, *, verify_list: Any = trust, now: datetime = NOW
) -> StatusOutcome:
    fetcher = LocalFetcher({} if document is None else {URL: document})
    [outcome] = check_status(credential(status), fetcher=fetcher, verify_list=verify_list, now=now)
    return outcome


def assert_cannot_check(outcome: StatusOutcome, reason: Text, detail: str = "") -> None:
    assert outcome.state == "error"
    assert outcome.message.fr.endswith(f" : {reason.fr}"), outcome.message.fr
    assert outcome.message.en.endswith(f": {reason.en}"), outcome.message.en
    assert detail in outcome.detail


# --- deciding ------------------------------------------------------------------------------


def test_public_surface_is_exactly_this() -> None:
    assert sorted(insigne.core.status.__all__) == [
        "ListVerifier",
        "MAX_LIST_BYTES",
        "MIN_ENTRIES",
        "StatusList",
        "StatusListError",
        "StatusListSizeError",
        "StatusOutcome",
        "check_status",
        "list_credential",
        "status_entry",
    ]


def test_credential_without_status_has_no_outcome() -> None:
    assert (
        check_status({"id": CREDENTIAL_ID}, fetcher=LocalFetcher({}), verify_list=trust, now=NOW)
        == []
    )
    assert check_status(credential(), fetcher=LocalFetcher({}), verify_list=trust, now=NOW) == []


def test_set_revocation_bit_means_revoked() -> None:
    outcome = check_one(entry("23"), published(23))
    assert outcome == StatusOutcome(
        "revoked", "revocation", REVOKED, f"revocation bit 23 of {URL} is set"
    )


def test_clear_revocation_bit_means_not_revoked() -> None:
    outcome = check_one(entry("22"), published(23))
    assert (outcome.state, outcome.message) == ("ok", NOT_REVOKED)


def test_suspension_bit_suspends_and_clearing_it_lifts_the_suspension() -> None:
    assert (
        check_one(entry(5, "suspension"), published(5, purpose="suspension")).state == "suspended"
    )
    assert (
        check_one(entry(5, "suspension"), published(5, purpose="suspension")).message == SUSPENDED
    )
    lifted = check_one(entry(5, "suspension"), published(purpose="suspension"))
    assert (lifted.state, lifted.purpose, lifted.message) == ("ok", "suspension", NOT_SUSPENDED)


def test_integer_status_list_index_is_read_like_its_string() -> None:
    assert check_one(entry(23), published(23)).state == "revoked"
    assert check_one(entry(24), published(23)).state == "ok"


def test_one_list_may_serve_several_purposes() -> None:
    document = published(9, purpose=["revocation", "suspension"])
    assert check_one(entry("9", "suspension"), document).state == "suspended"


def test_refresh_and_message_bits_say_nothing_against_the_badge() -> None:
    outcome = check_one(entry("3", "refresh"), published(3, purpose="refresh"))
    assert (outcome.state, outcome.message) == ("ok", NOTHING_REPORTED)
    assert "does not act" in outcome.detail
    clear = check_one(entry("4", "message"), published(3, purpose="message"))
    assert (clear.state, clear.message) == ("ok", NOTHING_REPORTED)


def test_each_entry_of_an_array_gets_its_outcome_in_order() -> None:
    revocations = published(1)
    suspensions = published(2, purpose="suspension")
    fetcher = LocalFetcher({URL: revocations, f"{URL}/s": suspensions})
    status = credential(
        entry("1"),
        entry("1", "suspension", statusListCredential=f"{URL}/s"),
        entry("2", "suspension", statusListCredential=f"{URL}/s"),
    )
    outcomes = check_status(status, fetcher=fetcher, verify_list=trust, now=NOW)
    assert [(o.state, o.purpose) for o in outcomes] == [
        ("revoked", "revocation"),
        ("ok", "suspension"),
        ("suspended", "suspension"),
    ]


def test_verify_list_receives_the_list_credential_as_fetched() -> None:
    document = published(23)
    seen: list[dict[str, Any]] = []

    def record(received: dict[str, Any]) -> None:
        seen.append(received)

    check_one(entry("23"), document, verify_list=record)
    assert seen == [document]


def test_legacy_status_list_2021_uses_the_same_bits() -> None:
    document = published(23, type=["VerifiableCredential", "StatusList2021Credential"])
    document["credentialSubject"]["type"] = "StatusList2021"
    legacy = entry("23", type="StatusList2021Entry")
    assert check_one(legacy, document).state == "revoked"


def test_legacy_list_written_without_multibase_prefix_is_read() -> None:
    bits = StatusList.new()
    bits.set(23)
    document = published(
        type=["VerifiableCredential", "StatusList2021Credential"],
        issuanceDate="2021-04-05T14:27:40Z",
    )
    del document["validFrom"]
    document["credentialSubject"].update(type="StatusList2021", encodedList=bits.encode()[1:])
    assert check_one(entry("23", type="StatusList2021Entry"), document).state == "revoked"


def test_legacy_entry_does_not_accept_a_bitstring_list_and_vice_versa() -> None:
    outcome = check_one(entry("23", type="StatusList2021Entry"), published(23))
    assert_cannot_check(outcome, NOT_A_STATUS_LIST, "is not a StatusList2021Credential")


def test_a_single_subject_in_an_array_is_accepted() -> None:
    document = published(23)
    document["credentialSubject"] = [document["credentialSubject"]]
    assert check_one(entry("23"), document).state == "revoked"


def test_entry_type_may_be_an_array() -> None:
    assert (
        check_one(entry("23", type=["BitstringStatusListEntry"]), published(23)).state == "revoked"
    )


# --- could not decide ----------------------------------------------------------------------


def test_list_rejected_by_verify_list_is_an_error_that_explains_why() -> None:
    problem = Text(fr="La signature est fausse.", en="The signature is wrong.")
    outcome = check_one(entry("23"), published(23), verify_list=lambda document: problem)
    assert outcome.state == "error"
    assert outcome.message.fr == (
        "Impossible de vérifier si ce badge a été révoqué : "
        f"{LIST_NOT_AUTHENTIC.fr} La signature est fausse."
    )
    assert outcome.message.en.endswith(f"{LIST_NOT_AUTHENTIC.en} The signature is wrong.")
    assert (
        outcome.detail
        == f"STATUS_VERIFICATION_ERROR: {URL} was not accepted: The signature is wrong."
    )


def test_unreachable_list_is_an_error_saying_the_list_cannot_be_found() -> None:
    outcome = check_one(entry("23"), None)
    assert outcome.message.fr == (
        "Impossible de vérifier si ce badge a été révoqué : la liste de statut est introuvable."
    )
    assert outcome.message.en == (
        "Could not check whether this badge has been revoked: the status list could not be found."
    )
    assert outcome.detail == f"STATUS_RETRIEVAL_ERROR: {URL} is not available offline"


def test_suspension_errors_speak_of_suspension() -> None:
    outcome = check_one(entry("23", "suspension"), None)
    assert outcome.message.fr.startswith("Impossible de vérifier si ce badge est suspendu : ")


def test_list_answering_http_error_is_not_found() -> None:
    fetcher = LocalFetcher({}, gone=frozenset({URL}))
    [outcome] = check_status(credential(entry("23")), fetcher=fetcher, verify_list=trust, now=NOW)
    assert_cannot_check(outcome, LIST_NOT_FOUND, f"STATUS_RETRIEVAL_ERROR: {URL} answered HTTP 410")


def test_fetch_error_without_url_gets_the_url_in_the_detail() -> None:
    def refuse(url: str) -> Response:
        raise FetchError("connection refused")

    [outcome] = check_status(credential(entry("23")), fetcher=refuse, verify_list=trust, now=NOW)
    assert outcome.detail == f"STATUS_RETRIEVAL_ERROR: {URL}: connection refused"


@pytest.mark.parametrize(
    "body",
    [b"<html>not json</html>", b"\xff\xfe", b"[1, 2]", b'"text"', b"[" * 100_000 + b"]" * 100_000],
)
def test_list_that_is_not_a_json_object_is_unreadable(body: bytes) -> None:
    assert_cannot_check(check_one(entry("23"), body), LIST_UNREADABLE, URL)


@pytest.mark.parametrize(
    ("change", "detail"),
    [
        ({"type": ["VerifiableCredential"]}, "is not a BitstringStatusListCredential"),
        ({"type": None}, "is not a BitstringStatusListCredential"),
        ({"credentialSubject": "nope"}, "credentialSubject"),
        ({"credentialSubject": [{}, {}]}, "credentialSubject"),
        ({"credentialSubject": {"type": "StatusList2021"}}, "credentialSubject"),
    ],
)
def test_document_that_is_not_a_bitstring_status_list_is_an_error(
    change: dict[str, Any], detail: str
) -> None:
    assert_cannot_check(check_one(entry("23"), published(23, **change)), NOT_A_STATUS_LIST, detail)


def test_expired_list_is_an_error() -> None:
    document = published(23, validUntil="2025-05-31T23:59:59Z")
    assert_cannot_check(
        check_one(entry("23"), document), LIST_EXPIRED, "expired at 2025-05-31T23:59:59Z"
    )
    still_valid = check_one(
        entry("23"), document, now=datetime(2025, 5, 31, 23, 59, 59, tzinfo=UTC)
    )
    assert still_valid.state == "revoked"


def test_list_not_yet_valid_is_an_error() -> None:
    document = published(23, validFrom="2025-06-01T00:05:01Z")
    outcome = check_one(entry("23"), document)
    assert outcome.message.en.endswith("the status list published by the issuer is not valid yet.")
    assert "is valid from 2025-06-01T00:05:01Z" in outcome.detail


def test_a_list_signed_a_moment_after_the_verification_began_is_read() -> None:
    # Re-signed on revocation while a verification was starting, or by a publisher whose
    # clock runs a little ahead: within five minutes, the list is read.
    for start in ("2025-06-01T00:00:01Z", "2025-06-01T00:05:00Z"):
        assert check_one(entry("23"), published(23, validFrom=start)).state == "revoked"


def test_vc_1_1_list_dates_are_checked_too() -> None:
    document = published(
        23, issuanceDate="2020-01-01T00:00:00Z", expirationDate="2021-01-01T00:00:00Z"
    )
    del document["validFrom"]
    assert_cannot_check(check_one(entry("23"), document), LIST_EXPIRED, "expired at 2021-01-01")


@pytest.mark.parametrize(
    "change", [{"validFrom": "yesterday"}, {"validUntil": 1_700_000_000}, {"expirationDate": None}]
)
def test_unreadable_list_dates_are_an_error(change: dict[str, Any]) -> None:
    document = published(23, **change)
    if "expirationDate" in change:
        del document["validFrom"]
        document["issuanceDate"] = "2020-01-01T00:00:00Z"
    assert_cannot_check(check_one(entry("23"), document), LIST_BAD_DATES, "is not a dateTimeStamp")


@pytest.mark.parametrize("listed", ["suspension", ["suspension", "message"], None, 7])
def test_list_for_another_purpose_is_an_error(listed: Any) -> None:
    outcome = check_one(entry("23"), published(23, purpose=listed))
    assert_cannot_check(outcome, WRONG_PURPOSE, "not 'revocation'")


def test_list_below_131072_entries_is_a_length_error_even_when_the_bit_is_set() -> None:
    short_bits = bytearray(100_000 // 8)
    short_bits[2] = 0xFF  # bit 23 set
    document = published()
    encoded = multibase.encode(gzip.compress(bytes(short_bits)), "u")
    document["credentialSubject"]["encodedList"] = encoded
    outcome = check_one(entry("23"), document)
    assert_cannot_check(outcome, LIST_TOO_SHORT, "STATUS_LIST_LENGTH_ERROR")
    assert "has 100000 entries, fewer than 131072" in outcome.detail


@pytest.mark.parametrize("index", ["131072", 131_072, "999999999999999999999999999999"])
def test_index_beyond_the_list_is_a_range_error(index: Any) -> None:
    assert_cannot_check(check_one(entry(index), published(23)), INDEX_OUT_OF_RANGE, "RANGE_ERROR")


def test_larger_list_reaches_further() -> None:
    bits = StatusList.new(262_144)
    bits.set(200_000)
    document = published()
    document["credentialSubject"]["encodedList"] = bits.encode()
    assert check_one(entry("200000"), document).state == "revoked"


@pytest.mark.parametrize(
    "encoded",
    [None, 12, "", "u%%%", "uSGVsbG8", "u" + multibase.b64url_encode(gzip.compress(b"x"))[:-4]],
)
def test_undecodable_encoded_list_is_unreadable(encoded: Any) -> None:
    document = published()
    document["credentialSubject"]["encodedList"] = encoded
    assert_cannot_check(check_one(entry("23"), document), LIST_UNREADABLE, "encodedList")


def test_list_inflating_beyond_the_cap_is_too_large() -> None:
    document = published()
    bomb = gzip.compress(bytes(17 * 1024 * 1024), compresslevel=1)
    document["credentialSubject"]["encodedList"] = multibase.encode(bomb, "u")
    assert_cannot_check(check_one(entry("23"), document), LIST_TOO_LARGE, "beyond")


@pytest.mark.parametrize(
    "index", [-1, "-1", "abc", "1.5", 1.5, True, None, "", " 1", "1" * 31, [1]]
)
def test_malformed_status_list_index_is_a_malformed_entry(index: Any) -> None:
    assert_cannot_check(check_one(entry(index), published(23)), BAD_ENTRY, "statusListIndex")


@pytest.mark.parametrize("url", [None, "", 42])
def test_missing_status_list_credential_is_a_malformed_entry(url: Any) -> None:
    assert_cannot_check(
        check_one(entry("23", statusListCredential=url)), BAD_ENTRY, "statusListCredential"
    )


@pytest.mark.parametrize("purpose", [None, 1, ["revocation"]])
def test_entry_without_a_purpose_is_a_malformed_entry(purpose: Any) -> None:
    outcome = check_one(entry("23", purpose=purpose), published(23))
    assert_cannot_check(outcome, BAD_ENTRY, "statusPurpose")
    assert outcome.purpose is None
    assert outcome.message.fr.startswith("Impossible de vérifier le statut de ce badge : ")


@pytest.mark.parametrize("size", [0, -1, "1", True, 1.0, None])
def test_invalid_status_size_is_a_malformed_entry(size: Any) -> None:
    assert_cannot_check(
        check_one(entry("23", statusSize=size), published(23)), BAD_ENTRY, "statusSize"
    )


def test_explicit_status_size_one_is_read() -> None:
    assert check_one(entry("23", statusSize=1), published(23)).state == "revoked"


# --- not supported -------------------------------------------------------------------------


def test_multi_bit_status_messages_are_unsupported() -> None:
    outcome = check_one(entry("23", "message", statusSize=2), published(23, purpose="message"))
    assert (outcome.state, outcome.message) == ("unsupported", UNSUPPORTED)


def test_unknown_purpose_is_unsupported() -> None:
    outcome = check_one(entry("23", "quarantine"), published(23))
    assert (outcome.state, outcome.purpose) == ("unsupported", "quarantine")


@pytest.mark.parametrize("kind", ["RevocationList2020Status", ["SomethingElse", {"x": 1}]])
def test_unknown_status_type_is_unsupported(kind: Any) -> None:
    outcome = check_one({"id": URL, "type": kind, "statusPurpose": "revocation"})
    assert (outcome.state, outcome.purpose, outcome.message) == (
        "unsupported",
        "revocation",
        UNSUPPORTED,
    )


@pytest.mark.parametrize("status", [{"id": URL}, {"type": None}, {"type": [1, 2]}])
def test_entry_without_type_is_a_malformed_entry(status: Any) -> None:
    assert_cannot_check(check_one(status), BAD_ENTRY, "no type")


@pytest.mark.parametrize("status", ["https://issuer.example/status", 42, True])
def test_entry_that_is_not_an_object_is_a_malformed_entry(status: Any) -> None:
    assert_cannot_check(check_one(status), BAD_ENTRY, "not an object")


def test_entries_beyond_the_limit_are_not_fetched() -> None:
    requested: list[str] = []
    served = LocalFetcher({URL: published(23)})

    def counting(url: str) -> Response:
        requested.append(url)
        return served(url)

    entries: Iterable[dict[str, Any]] = [entry("23") for _ in range(MAX_ENTRIES + 2)]
    outcomes = check_status(credential(*entries), fetcher=counting, verify_list=trust, now=NOW)
    assert [o.state for o in outcomes] == ["revoked"] * MAX_ENTRIES + ["error"] * 2
    assert len(requested) == MAX_ENTRIES
    assert outcomes[-1].message.fr.endswith(TOO_MANY_ENTRIES.fr)
    assert outcomes[-1].purpose == "revocation"


# --- programmer errors ----------------------------------------------------------------------


def test_naive_clock_is_a_programmer_error() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        check_status(
            credential(entry()),
            fetcher=LocalFetcher({}),
            verify_list=trust,
            now=datetime(2025, 1, 1),
        )


def test_credential_must_be_a_dict() -> None:
    with pytest.raises(TypeError):
        check_status([], fetcher=LocalFetcher({}), verify_list=trust, now=NOW)  # type: ignore[arg-type]
