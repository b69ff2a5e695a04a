"""Known answers and published fixtures: 1EdTech's validator and the Digital Credentials
Consortium's vc-test-fixtures, checked offline with real proof verification of the lists."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from insigne.core.canon import default_canonicalizer
from insigne.core.fetch import LocalFetcher
from insigne.core.proofs.data_integrity import verify_proofs
from insigne.core.status import StatusList, check_status
from insigne.core.status.outcome import (
    LIST_EXPIRED,
    LIST_NOT_AUTHENTIC,
    LIST_NOT_YET_VALID,
    LIST_TOO_SHORT,
    NOT_A_STATUS_LIST,
    REVOKED,
)
from insigne.core.text import Text
from tests.conftest import load_json

NOW = datetime(2025, 6, 1, tzinfo=UTC)
BAD_SIGNATURE = Text(
    fr="La signature de la liste ne correspond pas à son contenu.",
    en="The list's signature does not match its content.",
)
# DCC credentials name the same list at two addresses (its GitHub Pages copy and the
# verifier-core test fixture); both are served from the one stored file.
DCC_LIST_URLS = (
    "https://digitalcredentials.github.io/vc-test-fixtures/statusLists/"
    "didkey-ed25519Signature2020/e5WK8CbZ1GjycuPombrj",
    "https://raw.githubusercontent.com/digitalcredentials/verifier-core/refs/heads/main/"
    "src/test-fixtures/status/e5WK8CbZ1GjycuPombrj",
)


def verify_list(document: dict[str, Any]) -> Text | None:
    """Trust a list when one of its proofs verifies with a key its issuer controls."""
    issuer = document.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    outcomes = verify_proofs(
        document, canonicalizer=default_canonicalizer(), fetcher=LocalFetcher({})
    )
    for outcome in outcomes:
        if (
            outcome.verified
            and outcome.method is not None
            and outcome.method.controller == issuer_id
        ):
            return None
    return BAD_SIGNATURE


@pytest.fixture
def bit_string_list(vectors: Path) -> Path:
    return vectors / "1edtech-validator" / "ob30" / "bit-string-list"


@pytest.fixture
def dcc(vectors: Path) -> Path:
    return vectors / "dcc-vc-test-fixtures"


def _dcc_list(dcc: Path, name: str) -> dict[str, Any]:
    document: dict[str, Any] = load_json(dcc / "statusLists" / "didkey-ed25519Signature2020" / name)
    return document


# --- decoding published lists -------------------------------------------------------------


def test_1edtech_testlist_decodes_to_131072_entries_with_only_bit_23_set(
    bit_string_list: Path,
) -> None:
    encoded = load_json(bit_string_list / "testlist")["credentialSubject"]["encodedList"]
    bits = StatusList.decode(encoded)
    assert len(bits) == 131_072
    assert list(bits.set_bits()) == [23]


def test_dcc_list_decodes_to_100000_entries_with_bits_2_6_8_set(dcc: Path) -> None:
    bits = StatusList.decode(
        _dcc_list(dcc, "e5WK8CbZ1GjycuPombrj")["credentialSubject"]["encodedList"]
    )
    assert len(bits) == 100_000
    assert list(bits.set_bits()) == [2, 6, 8]


def test_writing_bit_23_reproduces_1edtechs_encoded_list_byte_for_byte(
    bit_string_list: Path,
) -> None:
    bits = StatusList.new()
    bits.set(23)
    expected = load_json(bit_string_list / "testlist")["credentialSubject"]["encodedList"]
    assert bits.encode() == expected


# --- 1EdTech: revoked through a Bitstring Status List ---------------------------------------


@pytest.mark.parametrize(
    "name", ["credential-status-revoked.json", "credential-status-revoked-blank-nodes.json"]
)
def test_1edtech_revoked_credentials_are_revoked(bit_string_list: Path, name: str) -> None:
    credential = load_json(bit_string_list / name)
    # The entry writes statusListIndex as a JSON integer (23), not the string the spec asks for.
    assert credential["credentialStatus"]["statusListIndex"] == 23
    fetcher = LocalFetcher(
        {
            credential["credentialStatus"]["statusListCredential"]: load_json(
                bit_string_list / "testlist"
            )
        }
    )
    [outcome] = check_status(credential, fetcher=fetcher, verify_list=verify_list, now=NOW)
    assert outcome.state == "revoked"
    assert outcome.purpose == "revocation"
    assert outcome.message == REVOKED
    assert "bit 23" in outcome.detail


def test_1edtech_list_with_its_bit_cleared_no_longer_verifies(bit_string_list: Path) -> None:
    """Clearing bit 23 in the signed list would un-revoke the credential: the proof stops it."""
    credential = load_json(bit_string_list / "credential-status-revoked.json")
    forged = copy.deepcopy(load_json(bit_string_list / "testlist"))
    forged["credentialSubject"]["encodedList"] = StatusList.new().encode()
    fetcher = LocalFetcher({credential["credentialStatus"]["statusListCredential"]: forged})
    [outcome] = check_status(credential, fetcher=fetcher, verify_list=verify_list, now=NOW)
    assert outcome.state == "error"
    assert outcome.detail.startswith("STATUS_VERIFICATION_ERROR")
    assert LIST_NOT_AUTHENTIC.fr in outcome.message.fr
    assert outcome.message.fr.endswith(BAD_SIGNATURE.fr)


# --- DCC: a list below the W3C minimum ------------------------------------------------------


def _dcc_credentials(dcc: Path, pattern: str) -> list[Path]:
    return sorted((dcc / "verifiableCredentials").glob(f"**/{pattern}"))


@pytest.mark.parametrize("pattern", ["*evoked*.json", "*validStatus*.json"])
def test_dcc_credentials_on_the_100000_entry_list_cannot_be_confirmed(
    dcc: Path, pattern: str
) -> None:
    """DCC's list (bits 2, 6 and 8 set) is signed and valid, but holds 100,000 entries where
    Bitstring Status List requires at least 131,072 (section 3.2, step 9). A strict
    verifier raises STATUS_LIST_LENGTH_ERROR instead of reading the bit, so the
    "revokedStatus" credentials (index 8) and the "validStatus" ones (index 7) alike end
    as "error": Insigne cannot say either revoked or not revoked, and says so plainly."""
    paths = _dcc_credentials(dcc, pattern)
    assert paths, f"no DCC fixture matches {pattern}"
    status_list = _dcc_list(dcc, "e5WK8CbZ1GjycuPombrj")
    assert verify_list(status_list) is None  # the list itself is authentic
    fetcher = LocalFetcher(dict.fromkeys(DCC_LIST_URLS, status_list))
    for path in paths:
        credential = load_json(path)
        [outcome] = check_status(credential, fetcher=fetcher, verify_list=verify_list, now=NOW)
        assert outcome.state == "error", path
        assert outcome.detail.startswith("STATUS_LIST_LENGTH_ERROR"), (path, outcome.detail)
        assert outcome.message.fr == (
            "Impossible de vérifier si ce badge a été révoqué : " + LIST_TOO_SHORT.fr
        )
        assert outcome.message.en == (
            "Could not check whether this badge has been revoked: " + LIST_TOO_SHORT.en
        )


@pytest.mark.parametrize(
    ("name", "reason", "detail"),
    [
        ("expired", LIST_EXPIRED, "expired at 2021-01-09T15:20:02.183Z"),
        ("notYetValid", LIST_NOT_YET_VALID, "is valid from 3000-01-09T15:20:02.183Z"),
        ("tampered", LIST_NOT_AUTHENTIC, "STATUS_VERIFICATION_ERROR"),
        ("missingBitStringType", NOT_A_STATUS_LIST, "is not a BitstringStatusListCredential"),
    ],
)
def test_dcc_negative_lists_are_errors_for_the_right_reason(
    dcc: Path, name: str, reason: Text, detail: str
) -> None:
    status_list = _dcc_list(dcc, name)
    url = status_list["id"]
    credential = {
        "id": "urn:uuid:0b6c6f1e-9d1a-4a57-8b0e-2b9e4c2f7d10",
        "credentialStatus": {
            "id": f"{url}#8",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": "8",
            "statusListCredential": url,
        },
    }
    fetcher = LocalFetcher({url: status_list})
    [outcome] = check_status(credential, fetcher=fetcher, verify_list=verify_list, now=NOW)
    assert outcome.state == "error"
    assert outcome.message.fr.startswith(
        f"Impossible de vérifier si ce badge a été révoqué : {reason.fr}"
    )
    assert outcome.message.en.startswith(
        f"Could not check whether this badge has been revoked: {reason.en}"
    )
    assert detail in outcome.detail


# --- 1EdTech: revoked through a 1EdTech Revocation List ---------------------------------------


def test_1edtech_revocation_list_credential_is_revoked(vectors: Path) -> None:
    credential = load_json(
        vectors / "1edtech-validator" / "ob30" / "credential-status-revoked.json"
    )
    assert credential["credentialStatus"]["type"] == "1EdTechRevocationList"
    revocations = {
        "revokedCredential": [
            {"id": "urn:uuid:someone-else", "revocationReason": "Erreur de saisie"},
            {"id": credential["id"], "revoked": True, "revocationReason": "Issued in error"},
        ]
    }
    fetcher = LocalFetcher({credential["credentialStatus"]["id"]: revocations})
    [outcome] = check_status(credential, fetcher=fetcher, verify_list=verify_list, now=NOW)
    assert outcome.state == "revoked"
    assert outcome.message.en == f"{REVOKED.en} Reason given: Issued in error"


def test_1edtech_revocation_list_out_of_reach_is_an_error_not_a_pass(vectors: Path) -> None:
    credential = load_json(
        vectors / "1edtech-validator" / "ob30" / "credential-status-revoked.json"
    )
    [outcome] = check_status(credential, fetcher=LocalFetcher({}), verify_list=verify_list, now=NOW)
    assert outcome.state == "error"
    assert outcome.detail.startswith("STATUS_RETRIEVAL_ERROR")
    assert outcome.message.fr == (
        "Impossible de vérifier si ce badge a été révoqué : la liste de statut est introuvable."
    )
