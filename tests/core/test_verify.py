"""The single verification entry point, ``verify()``: hostile input, Insigne's own credentials
in every form it issues them, issuer-key binding, dates, status, and the report it returns.

Everything is offline: the documents a verification may fetch are served by ``LocalFetcher``,
and ``now`` is always given.
"""

from __future__ import annotations

import base64
import copy
import json
import random
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from insigne.core import description
from insigne.core.baking import bake
from insigne.core.canon import Canonicalizer, default_canonicalizer
from insigne.core.did import web_document, web_document_url
from insigne.core.fetch import LocalFetcher
from insigne.core.issuing import sign_credential
from insigne.core.keys import Ed25519Key
from insigne.core.outcome import Outcome
from insigne.core.proofs import data_integrity
from insigne.core.status import StatusList, list_credential, status_entry
from insigne.core.verify import VerificationResult, verify
from tests.core.test_baking_png import png_file
from tests.core.test_baking_svg import SVG

NOW = datetime(2026, 11, 28, tzinfo=UTC)
ISSUED = datetime(2026, 11, 1, tzinfo=UTC)
CREATED = "2026-11-01T00:00:00Z"
KEY = Ed25519Key.from_seed(bytes(32))
OTHER_KEY = Ed25519Key.from_seed(bytes([7]) * 32)
SCHOOL = "did:web:atelier-lyon.example.fr:issuers:1"
DESCRIPTION: dict[str, Any] = {
    "id": "urn:uuid:0b5a2a4e-59f6-4bf5-a6d1-6f1b8f3b9c21",
    "issuer": {
        "name": "Atelier de formation de Lyon",
        "url": "https://atelier-lyon.example.fr",
        "email": "contact@atelier-lyon.example.fr",
    },
    "achievement": {
        "id": "https://atelier-lyon.example.fr/badges/competences-relationnelles",
        "name": "Compétences relationnelles",
        "description": "Travaille en équipe et communique de façon adaptée.",
        "criteria": "A participé à un projet collectif de six semaines.",
        "type": "Competency",
        "image": "https://atelier-lyon.example.fr/badges/competences-relationnelles.png",
        "language": "fr",
        "tags": ["soft skills", "RECTEC"],
        "competences": [
            {
                "name": "Travailler en équipe",
                "framework": "RECTEC",
                "levels": ["Découverte", "Application", "Maîtrise"],
            },
        ],
    },
    "recipient": {
        "email": "camille.martin@example.org",
        "levels": {"Travailler en équipe": "Maîtrise"},
        "narrative": "Camille a coordonné la journée portes ouvertes.",
    },
}


def unsigned(issuer_id: str | None = None, **changes: Any) -> dict[str, Any]:
    """The OpenBadgeCredential Insigne issues for DESCRIPTION (with ``changes`` on top)."""
    data = {**copy.deepcopy(DESCRIPTION), **changes}
    return description.credential(
        data, issuer_id=issuer_id or KEY.did_key, now=ISSUED, salt="deadsea"
    )


def signed(
    credential: dict[str, Any] | None = None,
    key: Ed25519Key = KEY,
    method: str | None = None,
) -> dict[str, Any]:
    document = sign_credential(
        credential if credential is not None else unsigned(),
        key,
        created=CREATED,
        verification_method=method,
    )
    assert isinstance(document, dict)
    return document


def token(credential: dict[str, Any] | None = None, key: Ed25519Key = KEY) -> str:
    compact = sign_credential(
        credential if credential is not None else unsigned(), key, format="jwt"
    )
    assert isinstance(compact, str)
    return compact


def outcomes(result: VerificationResult) -> dict[str, set[Outcome]]:
    found: dict[str, set[Outcome]] = {}
    for check in result.checks:
        found.setdefault(check.name, set()).add(check.outcome)
    return found


def failing(result: VerificationResult) -> set[str]:
    return {check.name for check in result.failures()}


def the(result: VerificationResult, name: str) -> Any:
    """The only check called ``name``."""
    found = [check for check in result.checks if check.name == name]
    assert len(found) == 1, result.checks
    return found[0]


def listing(result: VerificationResult) -> list[tuple[str, str, str]]:
    return [
        (c.name, c.outcome.value, c.detail)
        for c in result.checks
        if c.outcome in (Outcome.FAIL, Outcome.WARNING)
    ]


# --- hostile and bad input ------------------------------------------------------------------


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def nested(depth: int) -> dict[str, Any]:
    document: dict[str, Any] = {}
    inner = document
    for _ in range(depth):
        inner["a"] = {}
        inner = inner["a"]
    return document


def hostile_inputs() -> list[Any]:
    compact = token()
    header, payload, signature = compact.split(".")
    return [
        pytest.param(b"", "The content is empty.", id="empty bytes"),
        pytest.param("   \n", "The content is empty.", id="blank text"),
        pytest.param(random.Random(7).randbytes(4096), "not a recognised badge", id="random bytes"),
        pytest.param(f"{header}.{payload}", "not a recognised badge", id="JWT without signature"),
        pytest.param(
            f"{header}.{payload[: len(payload) // 2]}.{signature}",
            "JWT) is unreadable or incomplete",
            id="JWT cut in its payload",
        ),
        pytest.param(b"{" + b" " * (25 * 1024 * 1024) + b"}", "too large", id="25 MB blob"),
        pytest.param(
            '{"a":' * 10_000 + "1" + "}" * 10_000, "nested too deeply", id="JSON 10,000 deep"
        ),
        pytest.param(
            '{"@context": ["https://www.w3.org/ns/credentials/v2"], "x": NaN}',
            "looks like JSON but is malformed",
            id="NaN in JSON",
        ),
        pytest.param('{"a": 1', "looks like JSON but is malformed", id="unterminated JSON"),
        pytest.param("[1, 2, 3]", "not a recognised badge", id="JSON array"),
        pytest.param('"a string"', "not a recognised badge", id="JSON string"),
        pytest.param([{"@context": "x"}], "not a recognised badge", id="Python list"),
        pytest.param(None, "not a recognised badge", id="None"),
        pytest.param(png_file(), "carries no badge", id="PNG without badge"),
        pytest.param(SVG, "carries no badge", id="SVG without badge"),
        pytest.param(b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "damaged", id="damaged PNG"),
    ]


@pytest.mark.parametrize(("data", "message"), hostile_inputs())
def test_bad_input_gives_a_single_format_failure_with_a_clear_message(
    data: Any, message: str
) -> None:
    result = verify(data, now=NOW)
    assert (result.kind, result.format, result.container) == ("unknown", "unknown", None)
    assert [(c.name, c.outcome) for c in result.checks] == [("format", Outcome.FAIL)]
    text = result.checks[0].message
    assert message in text.en
    assert text.fr and text.fr != text.en
    assert "internal error" not in text.en
    assert not result.verified and not result.revoked
    assert result.credential is None
    assert result.summary().en == "Badge not verified."
    json.dumps(result.to_json())


def test_a_parsed_object_nested_10000_deep_is_refused_without_crashing() -> None:
    result = verify(nested(10_000), now=NOW)
    assert not result.verified
    jsonld = the(result, "jsonld")
    assert jsonld.outcome is Outcome.FAIL
    assert "abnormally complex" in jsonld.message.en
    assert all("internal error" not in check.message.en for check in result.checks)


def test_an_svg_with_an_external_entity_is_refused_without_reading_the_entity(
    tmp_path: Path,
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-7c1f", "utf-8")
    image = (
        b'<?xml version="1.0"?>\n'
        b'<!DOCTYPE svg [<!ENTITY xxe SYSTEM "' + secret.as_uri().encode() + b'">]>\n'
        b'<svg xmlns="http://www.w3.org/2000/svg" '
        b'xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">'
        b"<openbadges:credential>&xxe;</openbadges:credential><text>&xxe;</text></svg>"
    )
    result = verify(image, now=NOW)
    assert [(c.name, c.outcome) for c in result.checks] == [("format", Outcome.FAIL)]
    assert "entities" in result.checks[0].message.en
    assert "TOP-SECRET" not in json.dumps(result.to_json())


def poison(nodes: int) -> dict[str, Any]:
    """A credential whose subject holds ``nodes`` identical blank nodes that all refer to each
    other: canonicalizing it is factorial work unless the work limit stops it."""
    credential = signed()
    proof = credential.pop("proof")
    credential["credentialSubject"]["source"] = [
        {
            "id": f"_:b{i}",
            "type": ["Profile"],
            "parentOrg": [{"id": f"_:b{j}"} for j in range(nodes) if j != i],
        }
        for i in range(nodes)
    ]
    credential["proof"] = proof
    return credential


def test_a_poison_blank_node_graph_stops_at_the_work_limit_and_fails_json_ld() -> None:
    result = verify(poison(20), now=NOW)
    assert not result.verified
    assert {"jsonld", "proof"} <= failing(result)
    jsonld = the(result, "jsonld")
    assert "abnormally complex" in jsonld.message.en
    assert "work limit" in jsonld.detail


class CountingCanonicalizer(Canonicalizer):
    """Records every document it is asked to canonicalize."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def canonicalize(self, document: Any) -> str:
        self.seen.append(json.dumps(document, sort_keys=True))
        return super().canonicalize(document)


def with_undefined_property() -> dict[str, Any]:
    credential = signed()
    credential["grade"] = "A+"
    return credential


@pytest.mark.parametrize(
    "credential",
    [
        pytest.param(signed, id="valid"),
        pytest.param(lambda: poison(10), id="poison graph"),
        pytest.param(with_undefined_property, id="undefined property"),
    ],
)
def test_a_verification_canonicalizes_the_credential_at_most_once(credential: Any) -> None:
    """Work already refused (work limit, safe mode) is not started again for the proof: with
    the template cache, a second canonicalization of the same shape is the expensive one."""
    document = credential()
    unsecured = json.dumps({k: v for k, v in document.items() if k != "proof"}, sort_keys=True)
    canonicalizer = CountingCanonicalizer()
    verify(document, now=NOW, canonicalizer=canonicalizer)
    assert canonicalizer.seen.count(unsecured) == 1


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096))
def test_arbitrary_bytes_never_verify_and_never_hit_an_internal_error(data: bytes) -> None:
    result = verify(data, now=NOW)
    assert not result.verified
    assert all("internal error" not in check.message.en for check in result.checks)


MEMBERS = [
    "@context", "id", "type", "issuer", "validFrom", "validUntil", "credentialSubject", "proof",
    "credentialStatus", "endorsement", "achievement", "identifier", "verificationMethod",
    "proofValue", "cryptosuite", "proofPurpose", "statusListCredential", "statusListIndex",
    "recipient", "badge", "verification", "@id", "@type", "@vocab", "@list", "@value",
]  # fmt: skip
WORDS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    "https://w3id.org/openbadges/v2", "VerifiableCredential", "OpenBadgeCredential",
    "DataIntegrityProof", "eddsa-rdfc-2022", "assertionMethod", KEY.did_key_method,
    "2020-01-01T00:00:00Z", "BitstringStatusListEntry", "revocation", "Assertion", "_:b0", "",
]  # fmt: skip
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(WORDS)
    | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(MEMBERS) | st.text(max_size=3), inner, max_size=6)
    ),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(MEMBERS), JSON_VALUES, max_size=10))
def test_arbitrary_json_objects_never_verify_and_never_hit_an_internal_error(
    document: dict[str, Any],
) -> None:
    for form in (document, json.dumps(document)):
        result = verify(form, now=NOW)
        assert not result.verified
        assert all("internal error" not in check.message.en for check in result.checks)


# --- Insigne's own credentials --------------------------------------------------------------


def test_an_insigne_issued_credential_verifies() -> None:
    credential = signed()
    result = verify(credential, now=NOW)
    assert result.verified, listing(result)
    assert (result.kind, result.format, result.container) == ("ob3", "json", None)
    assert outcomes(result) == {
        "jsonld": {Outcome.PASS},
        "schema": {Outcome.PASS},
        "proof": {Outcome.PASS},
        "issuer": {Outcome.PASS},
        "valid_from": {Outcome.PASS},
        "recipient": {Outcome.SKIPPED},
    }
    assert not result.warnings() and not result.revoked
    assert result.credential == credential


def test_text_bytes_and_parsed_json_verify_alike() -> None:
    credential = signed()
    text = json.dumps(credential, ensure_ascii=False)
    results = [
        verify(credential, now=NOW),
        verify(text, now=NOW),
        verify(text.encode("utf-8"), now=NOW),
        verify(b"\xef\xbb\xbf" + text.encode("utf-8") + b"\n", now=NOW),  # BOM, newline
    ]
    assert all(result.verified for result in results)
    assert len({json.dumps(result.to_json("en")) for result in results}) == 1


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda c: c.update(name="Autre badge"), id="name"),
        pytest.param(lambda c: c.update(validFrom="2020-01-01T00:00:00Z"), id="validFrom"),
        pytest.param(lambda c: c["issuer"].update(name="Université imaginaire"), id="issuer name"),
        pytest.param(
            lambda c: c["credentialSubject"]["identifier"][0].update(salt="other"), id="salt"
        ),
        pytest.param(
            lambda c: c["credentialSubject"]["achievement"].update(name="Autre"),
            id="achievement name",
        ),
    ],
)
def test_changing_one_signed_value_fails_the_proof(change: Any) -> None:
    credential = signed()
    change(credential)
    result = verify(credential, now=NOW)
    assert not result.verified
    assert failing(result) == {"proof"}
    assert "changed" in the(result, "proof").detail
    assert outcomes(result)["issuer"] == {Outcome.SKIPPED}


def test_a_credential_without_its_proof_is_not_verified() -> None:
    credential = signed()
    del credential["proof"]
    result = verify(credential, now=NOW)
    assert failing(result) == {"proof"}
    assert the(result, "proof").message.en == "This badge is not signed."


def test_a_proof_by_another_key_than_the_announced_one_fails() -> None:
    credential = signed(key=OTHER_KEY, method=KEY.did_key_method)
    result = verify(credential, now=NOW)
    assert failing(result) == {"proof"}


def test_an_expired_credential_fails_valid_until() -> None:
    credential = signed(unsigned(valid_until="2026-11-15T00:00:00Z"))
    assert credential["validUntil"] == "2026-11-15T00:00:00Z"
    assert verify(credential, now=datetime(2026, 11, 14, tzinfo=UTC)).verified
    result = verify(credential, now=NOW)
    assert not result.verified
    assert failing(result) == {"valid_until"}
    message = the(result, "valid_until").message
    assert message.en == "This badge expired on 2026-11-15."
    assert message.fr == "Ce badge a expiré le 15 novembre 2026."


def test_a_credential_not_yet_valid_fails_valid_from() -> None:
    result = verify(signed(), now=datetime(2026, 10, 31, 23, 59, tzinfo=UTC))
    assert not result.verified
    assert failing(result) == {"valid_from"}
    assert the(result, "valid_from").message.en == (
        "This badge is not valid yet (it will be on 2026-11-01)."
    )


@pytest.mark.parametrize(
    "place",
    [
        pytest.param(lambda c: c, id="top level"),
        pytest.param(lambda c: c["credentialSubject"], id="subject"),
        pytest.param(lambda c: c["credentialSubject"]["achievement"], id="achievement"),
    ],
)
def test_an_undefined_property_added_after_signing_fails_json_ld(place: Any) -> None:
    credential = signed()
    place(credential)["grade"] = "A+"
    result = verify(credential, now=NOW)
    assert not result.verified
    assert "jsonld" in failing(result)
    jsonld = the(result, "jsonld")
    assert "does not define" in jsonld.message.en
    assert "grade" in jsonld.detail


def test_the_jwt_version_verifies() -> None:
    credential = unsigned()
    compact = token(credential)
    result = verify(compact, now=NOW)
    assert result.verified, listing(result)
    assert (result.kind, result.format, result.container) == ("ob3", "jwt", None)
    assert outcomes(result)["proof"] == {Outcome.PASS}
    assert outcomes(result)["issuer"] == {Outcome.PASS}
    assert not result.warnings()
    assert result.credential is not None
    assert {k: result.credential[k] for k in credential} == credential


def test_a_jwt_with_a_changed_payload_fails_the_proof() -> None:
    header, payload, signature = token().split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["name"] = "Autre badge"
    forged = f"{header}.{b64(json.dumps(claims).encode())}.{signature}"
    result = verify(forged, now=NOW)
    assert not result.verified
    assert "proof" in failing(result)


def test_an_expired_jwt_fails_valid_until() -> None:
    compact = token(unsigned(valid_until="2026-11-15T00:00:00Z"))
    result = verify(compact, now=NOW)
    assert not result.verified
    assert "valid_until" in failing(result)


@pytest.mark.parametrize(("image", "container"), [(png_file(), "png"), (SVG, "svg")])
@pytest.mark.parametrize("kind", ["json", "jwt"])
def test_a_baked_credential_verifies_with_its_container(
    image: bytes, container: str, kind: str
) -> None:
    payload = json.dumps(signed(), ensure_ascii=False) if kind == "json" else token()
    result = verify(bake(image, payload), now=NOW)
    assert result.verified, listing(result)
    assert (result.kind, result.format, result.container) == ("ob3", kind, container)


def test_a_baked_credential_changed_inside_its_image_fails_the_proof() -> None:
    payload = json.dumps(signed(), ensure_ascii=False).replace("Camille", "Camilla")
    result = verify(bake(png_file(), payload), now=NOW)
    assert result.container == "png"
    assert "proof" in failing(result)


# --- issuer keys: did:key, did:web, and keys that belong to someone else -------------------


def school_fetcher(*keys: Ed25519Key) -> LocalFetcher:
    return LocalFetcher(
        {web_document_url(SCHOOL): web_document(SCHOOL, [k.public_multibase for k in keys])}
    )


def school_credential(key: Ed25519Key = KEY) -> dict[str, Any]:
    return signed(unsigned(SCHOOL), key, method=f"{SCHOOL}#{key.public_multibase}")


def test_a_did_web_issuer_key_published_in_its_did_document_passes_the_issuer_check() -> None:
    result = verify(school_credential(), now=NOW, fetcher=school_fetcher(OTHER_KEY, KEY))
    assert result.verified, listing(result)
    assert the(result, "issuer").outcome is Outcome.PASS
    assert not result.warnings()


def test_a_did_web_key_missing_from_the_did_document_fails_the_proof() -> None:
    result = verify(school_credential(), now=NOW, fetcher=school_fetcher(OTHER_KEY))
    assert not result.verified
    assert "proof" in failing(result)


def test_without_its_did_document_a_did_web_credential_cannot_be_checked() -> None:
    """The badge may be perfectly genuine: the message must say the check could not be made,
    not that the badge was altered."""
    result = verify(school_credential(), now=NOW, fetcher=LocalFetcher({}))
    assert not result.verified
    assert failing(result) == {"proof"}
    proof = the(result, "proof")
    assert web_document_url(SCHOOL) in proof.detail
    assert "altered" not in proof.message.en, proof.message.en
    assert "modifié" not in proof.message.fr, proof.message.fr


def test_a_key_controlled_by_another_did_fails_the_issuer_check() -> None:
    credential = signed(unsigned(SCHOOL), KEY)  # signed with KEY's own did:key method
    result = verify(credential, now=NOW, fetcher=school_fetcher(KEY))
    assert not result.verified
    assert the(result, "proof").outcome is Outcome.PASS
    assert failing(result) == {"issuer"}
    assert the(result, "issuer").message.en == (
        "The key that signed this badge does not belong to the issuer it names."
    )


IMPOSTOR = "did:web:impostor.example"


def test_a_did_document_cannot_give_its_key_to_another_did() -> None:
    """did:web:impostor.example publishes a key whose "controller" it claims is the school.
    Only the school's own DID document can say which keys are the school's."""
    method = f"{IMPOSTOR}#key-1"
    impostor_document = {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": IMPOSTOR,
        "verificationMethod": [
            {
                "id": method,
                "type": "Multikey",
                "controller": SCHOOL,
                "publicKeyMultibase": OTHER_KEY.public_multibase,
            }
        ],
        "assertionMethod": [method],
    }
    fetcher = LocalFetcher(
        {
            web_document_url(SCHOOL): web_document(SCHOOL, [KEY.public_multibase]),
            web_document_url(IMPOSTOR): impostor_document,
        }
    )
    forged = signed(unsigned(SCHOOL), OTHER_KEY, method=method)
    result = verify(forged, now=NOW, fetcher=fetcher)
    assert not result.verified, listing(result)
    assert the(result, "issuer").outcome is not Outcome.PASS


def test_a_key_document_on_another_host_cannot_claim_the_issuer_as_its_controller() -> None:
    issuer = "https://atelier-lyon.example.fr/issuer"
    method = "https://impostor.example/key"
    fetcher = LocalFetcher(
        {
            method: {
                "@context": ["https://w3id.org/security/multikey/v1"],
                "id": method,
                "type": "Multikey",
                "controller": issuer,
                "publicKeyMultibase": OTHER_KEY.public_multibase,
            },
            # The issuer's own profile lists only its real key.
            issuer: {
                "@context": ["https://w3id.org/security/multikey/v1"],
                "id": issuer,
                "verificationMethod": [
                    {
                        "id": f"{issuer}#key-1",
                        "type": "Multikey",
                        "controller": issuer,
                        "publicKeyMultibase": KEY.public_multibase,
                    }
                ],
                "assertionMethod": [f"{issuer}#key-1"],
            },
        }
    )
    forged = signed(unsigned(issuer), OTHER_KEY, method=method)
    result = verify(forged, now=NOW, fetcher=fetcher)
    assert not result.verified, listing(result)
    assert the(result, "issuer").outcome is not Outcome.PASS


# --- status ----------------------------------------------------------------------------------

LIST_URL = "https://atelier-lyon.example.fr/status/1"


def with_status(index: int) -> dict[str, Any]:
    credential = unsigned()
    credential["credentialStatus"] = status_entry(LIST_URL, index, "revocation")
    return signed(credential)


def published_list(*revoked: int, key: Ed25519Key = KEY) -> dict[str, Any]:
    bits = StatusList.new()
    for index in revoked:
        bits.set(index)
    document = list_credential(
        list_url=LIST_URL,
        issuer=key.did_key,
        purpose="revocation",
        encoded_list=bits.encode(),
        valid_from=CREATED,
    )
    return data_integrity.sign(
        document, key, created=CREATED, canonicalizer=default_canonicalizer()
    )


def test_a_credential_whose_bit_is_clear_in_its_issuers_list_verifies() -> None:
    fetcher = LocalFetcher({LIST_URL: published_list(3)})
    result = verify(with_status(42), now=NOW, fetcher=fetcher)
    assert result.verified, listing(result)
    assert the(result, "status").outcome is Outcome.PASS
    assert not result.revoked


def test_a_credential_whose_bit_is_set_is_revoked() -> None:
    fetcher = LocalFetcher({LIST_URL: published_list(3, 42)})
    result = verify(with_status(42), now=NOW, fetcher=fetcher)
    assert not result.verified
    assert result.revoked
    assert failing(result) == {"status"}


def test_a_status_list_signed_by_another_issuer_is_only_a_warning() -> None:
    fetcher = LocalFetcher({LIST_URL: published_list(key=OTHER_KEY)})
    result = verify(with_status(42), now=NOW, fetcher=fetcher)
    assert result.verified and not result.revoked
    assert the(result, "status").outcome is Outcome.WARNING


def test_a_status_list_from_another_issuer_still_revokes() -> None:
    fetcher = LocalFetcher({LIST_URL: published_list(42, key=OTHER_KEY)})
    result = verify(with_status(42), now=NOW, fetcher=fetcher)
    assert not result.verified and result.revoked


def test_an_unreachable_status_list_leaves_the_credential_verified_with_a_warning() -> None:
    result = verify(with_status(42), now=NOW, fetcher=LocalFetcher({}))
    assert result.verified
    assert the(result, "status").outcome is Outcome.WARNING
    assert {check.name for check in result.warnings()} == {"status"}


# --- the report ------------------------------------------------------------------------------


def test_summary_of_a_verified_credential() -> None:
    summary = verify(signed(), now=NOW).summary()
    assert (summary.fr, summary.en) == ("Badge vérifié.", "Badge verified.")


def test_summary_of_a_credential_verified_with_warnings() -> None:
    summary = verify(with_status(42), now=NOW).summary()
    assert (summary.fr, summary.en) == (
        "Badge vérifié, avec des réserves.",
        "Badge verified, with warnings.",
    )


def test_summary_of_a_revoked_credential() -> None:
    fetcher = LocalFetcher({LIST_URL: published_list(42)})
    summary = verify(with_status(42), now=NOW, fetcher=fetcher).summary()
    assert (summary.fr, summary.en) == (
        "Badge révoqué par son émetteur.",
        "Badge revoked by its issuer.",
    )


def test_summary_of_a_credential_not_verified() -> None:
    credential = signed()
    credential["name"] = "Autre"
    summary = verify(credential, now=NOW).summary()
    assert (summary.fr, summary.en) == ("Badge non vérifié.", "Badge not verified.")


def test_to_json_in_english() -> None:
    credential = signed()
    report = verify(credential, now=NOW).to_json("en")
    assert set(report) == {
        "verified",
        "kind",
        "format",
        "container",
        "summary",
        "checks",
        "credential",
    }
    assert report["verified"] is True
    assert (report["kind"], report["format"], report["container"]) == ("ob3", "json", None)
    assert report["summary"] == "Badge verified."
    assert report["checks"][0] == {
        "check": "jsonld",
        "outcome": "pass",
        "message": "All of the badge's data is covered by the signature.",
    }
    assert [check["check"] for check in report["checks"]] == [
        "jsonld", "schema", "proof", "issuer", "valid_from", "recipient",
    ]  # fmt: skip
    assert all(isinstance(check["message"], str) for check in report["checks"])
    assert report["credential"] == credential
    assert json.loads(json.dumps(report)) == report


def test_to_json_in_french() -> None:
    report = verify(signed(), now=NOW).to_json("fr")
    assert report["summary"] == "Badge vérifié."
    assert report["checks"][0]["message"] == (
        "Toutes les données du badge sont couvertes par la signature."
    )


def test_to_json_in_both_languages() -> None:
    credential = signed()
    credential["name"] = "Autre"
    report = verify(credential, now=NOW).to_json()
    assert report["verified"] is False
    assert report["summary"] == {"fr": "Badge non vérifié.", "en": "Badge not verified."}
    proof = next(check for check in report["checks"] if check["check"] == "proof")
    assert proof["outcome"] == "fail"
    assert set(proof["message"]) == {"fr", "en"}
    assert "changed" in proof["detail"]
    assert json.loads(json.dumps(report, ensure_ascii=False)) == report


def test_to_json_of_unreadable_input_has_no_credential() -> None:
    report = verify(b"", now=NOW).to_json("en")
    assert report == {
        "verified": False,
        "kind": "unknown",
        "format": "unknown",
        "container": None,
        "summary": "Badge not verified.",
        "checks": [
            {
                "check": "format",
                "outcome": "fail",
                "message": "The content is empty.",
                "detail": "The content is empty.",
            }
        ],
    }
