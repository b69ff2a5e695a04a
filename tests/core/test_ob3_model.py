"""The OB 3.0 data model: construction checks and the JSON it writes."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

from insigne.core import ob3
from insigne.core.identity import hash_matches
from insigne.core.ob3 import (
    Achievement,
    AchievementSubject,
    Address,
    Alignment,
    BitstringStatusListEntry,
    CredentialSchema,
    CredentialStatus,
    Criteria,
    EndorsementCredential,
    EndorsementSubject,
    Evidence,
    GeoCoordinates,
    IdentifierEntry,
    IdentityObject,
    Image,
    OpenBadgeCredential,
    Profile,
    RefreshService,
    Related,
    Result,
    ResultDescription,
    RubricCriterionLevel,
    TermsOfUse,
    validate_credential,
)

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_303 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_EXTENSIONS = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
SPEC_VECTOR = "sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399"
BADGE = "https://badges.example.fr/achievements/cuisine-collective"
LEVELS = ("non-acquis", "en-cours", "acquis", "expert")


def _issuer() -> Profile:
    return Profile(
        id="https://badges.example.fr/issuers/42",
        name="Maison de quartier des Tilleuls",
        url="https://tilleuls.example.fr",
        email="contact@tilleuls.example.fr",
        image=Image(id="https://badges.example.fr/issuers/42/logo.png", caption="Logo"),
        address=Address(
            address_country="France",
            address_country_code="FR",
            address_locality="Lyon",
            postal_code="69003",
            geo=GeoCoordinates(latitude=45.76, longitude=Decimal("4.85")),
        ),
        other_identifier=(
            IdentifierEntry(identifier="12345678900012", identifier_type="ext:SIRET"),
        ),
    )


def _competence_description(code: str, title: str) -> ResultDescription:
    rid = f"{BADGE}/results/{code}"
    levels = tuple(
        RubricCriterionLevel(id=f"{rid}/{name}", name=name.replace("-", " "), points=points)
        for points, name in enumerate(LEVELS)
    )
    return ResultDescription(
        id=rid,
        name=title,
        result_type="RubricCriterionLevel",
        rubric_criterion_level=levels,
        required_level=f"{rid}/acquis",
        alignment=(
            Alignment(
                target_name=title,
                target_url=f"https://referentiel.example.fr/{code}",
                target_code=code,
                target_framework="Référentiel cuisine collective",
                target_type="ceasn:Competency",
            ),
        ),
    )


def grouped_competence_badge(
    *, email: str = "Camille.Durand@example.fr", salt: str = "sel-fixe"
) -> OpenBadgeCredential:
    """A badge grouping three competences, each assessed on a four-level rubric."""
    competences = {"hygiene": "Hygiène", "menus": "Menus équilibrés", "stocks": "Stocks"}
    descriptions = tuple(_competence_description(code, t) for code, t in competences.items())
    achievement = Achievement(
        id=BADGE,
        name="Cuisine collective",
        description="Préparer des repas pour un groupe en respectant l'hygiène.",
        criteria=Criteria(narrative="Trois compétences évaluées en situation réelle."),
        achievement_type="Competency",
        image=Image(id=f"{BADGE}/image.png", caption="Badge cuisine collective"),
        alignment=tuple(d.alignment[0] for d in descriptions),
        result_description=descriptions,
        credits_available=Decimal("3"),
        in_language="fr",
        tag=("cuisine", "collectif"),
        related=(Related(id=f"{BADGE}/en", in_language="en", version="1"),),
    )
    subject = AchievementSubject(
        identifier=(IdentityObject.hashed_email(email, salt=salt),),
        achievement=achievement,
        result=tuple(
            Result(result_description=d.id, achieved_level=f"{d.id}/{level}")
            for d, level in zip(descriptions, ("acquis", "expert", "en-cours"), strict=True)
        ),
        credits_earned=2.0,
        activity_start_date="2024-09-02T08:00:00+02:00",
        activity_end_date=datetime(2025, 1, 31, 17, 0, tzinfo=UTC),
    )
    return OpenBadgeCredential(
        id="urn:uuid:5b0b7d1e-6c1a-4c59-9a57-2f0a8e6f1c11",
        name="Cuisine collective — Camille Durand",
        issuer=_issuer(),
        valid_from="2025-02-01T10:00:00Z",
        awarded_date=datetime(2025, 2, 1, 11, 0, tzinfo=timezone(timedelta(hours=1))),
        credential_subject=subject,
        evidence=(
            Evidence(
                id="https://badges.example.fr/evidence/981",
                name="Repas du 15 janvier",
                narrative="Repas pour 40 personnes préparé en autonomie.",
                genre="Photo",
            ),
        ),
        credential_status=BitstringStatusListEntry(
            status_list_credential="https://badges.example.fr/status/1", status_list_index=94567
        ),
        credential_schema=(CredentialSchema(),),
    )


# --- the realistic badge ----------------------------------------------------------------------


def test_grouped_competence_badge_is_accepted_by_the_validator_without_any_issue() -> None:
    document = grouped_competence_badge().to_json()

    assert validate_credential(document) == []


def test_credential_members_come_in_a_fixed_readable_order() -> None:
    document = grouped_competence_badge().to_json()

    assert list(document) == [
        "@context", "id", "type", "name", "issuer", "validFrom", "awardedDate",
        "credentialSubject", "evidence", "credentialStatus", "credentialSchema",
    ]  # fmt: skip
    subject = document["credentialSubject"]
    assert list(subject) == [
        "type", "identifier", "achievement", "result", "creditsEarned", "activityStartDate",
        "activityEndDate",
    ]  # fmt: skip
    assert list(subject["achievement"])[:6] == [
        "id", "type", "name", "description", "achievementType", "criteria",
    ]  # fmt: skip
    assert list(document["issuer"])[:3] == ["id", "type", "name"]


def test_serialisation_is_stable_from_one_call_to_the_next() -> None:
    badge = grouped_competence_badge()

    assert badge.to_json() == badge.to_json() == grouped_competence_badge().to_json()


def _nulls_and_empty_lists(value: Any, path: str = "") -> list[str]:
    if value is None or value == []:
        return [path]
    if isinstance(value, dict):
        return [
            p for key, item in value.items() for p in _nulls_and_empty_lists(item, f"{path}/{key}")
        ]
    if isinstance(value, list):
        return [
            p for i, item in enumerate(value) for p in _nulls_and_empty_lists(item, f"{path}/{i}")
        ]
    return []


def test_unset_members_and_empty_lists_are_left_out() -> None:
    document = grouped_competence_badge().to_json()

    assert _nulls_and_empty_lists(document) == []
    assert "description" not in document
    assert "validUntil" not in document
    assert "alignment" not in document["credentialSubject"]["result"][0]
    assert "id" not in document["credentialSubject"]


def test_the_strict_schema_arrays_are_arrays_and_closed_classes_plain_strings() -> None:
    document = grouped_competence_badge().to_json()
    subject = document["credentialSubject"]
    achievement = subject["achievement"]

    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert document["issuer"]["type"] == ["Profile"]
    assert document["issuer"]["address"]["type"] == ["Address"]
    assert subject["type"] == ["AchievementSubject"]
    assert achievement["type"] == ["Achievement"]
    assert achievement["alignment"][0]["type"] == ["Alignment"]
    assert achievement["resultDescription"][0]["type"] == ["ResultDescription"]
    assert achievement["resultDescription"][0]["rubricCriterionLevel"][0]["type"] == [
        "RubricCriterionLevel"
    ]
    assert subject["result"][0]["type"] == ["Result"]
    assert document["evidence"][0]["type"] == ["Evidence"]
    assert document["credentialSchema"] == [
        {
            "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"
            "ob_v3p0_achievementcredential_schema.json",
            "type": "1EdTechJsonSchemaValidator2019",
        }
    ]
    assert achievement["image"] == {
        "id": f"{BADGE}/image.png",
        "type": "Image",
        "caption": "Badge cuisine collective",
    }
    assert subject["identifier"][0]["type"] == "IdentityObject"
    assert document["issuer"]["otherIdentifier"][0]["type"] == "IdentifierEntry"
    assert document["issuer"]["address"]["geo"]["type"] == "GeoCoordinates"


def test_to_json_returns_a_fresh_copy_each_time() -> None:
    endorsement = {"id": "urn:uuid:e1", "type": ["VerifiableCredential"], "nested": {"a": 1}}
    profile = Profile(id="https://example.fr/p", endorsement=(endorsement,))

    written = profile.to_json()
    written["endorsement"][0]["nested"]["a"] = 2
    written["type"].append("Other")

    assert endorsement["nested"] == {"a": 1}
    assert profile.to_json()["type"] == ["Profile"]


# --- identity ---------------------------------------------------------------------------------


def test_hashed_email_reproduces_the_spec_vector() -> None:
    identity = IdentityObject.hashed_email("a@example.com", salt="Kosher")

    assert identity.identity_hash == SPEC_VECTOR
    assert identity.to_json() == {
        "type": "IdentityObject",
        "identityType": "emailAddress",
        "hashed": True,
        "identityHash": SPEC_VECTOR,
        "salt": "Kosher",
    }


def test_hashed_email_is_normalised_so_the_learner_matches_whatever_the_case() -> None:
    identity = IdentityObject.hashed_email("  A@Example.COM ", salt="Kosher")

    assert identity.identity_hash == SPEC_VECTOR
    assert hash_matches(identity.identity_hash, "a@example.com", identity.salt)
    assert not hash_matches(identity.identity_hash, "b@example.com", identity.salt)


def test_hashed_email_draws_a_fresh_salt_when_none_is_given() -> None:
    first = IdentityObject.hashed_email("camille@example.fr")
    second = IdentityObject.hashed_email("camille@example.fr")

    assert first.salt and second.salt and first.salt != second.salt
    assert first.identity_hash != second.identity_hash
    assert hash_matches(first.identity_hash, "camille@example.fr", first.salt)


def test_an_empty_salt_means_an_unsalted_hash_and_no_salt_member() -> None:
    identity = IdentityObject.hashed_email("a@example.com", salt="")

    assert "salt" not in identity.to_json()
    assert hash_matches(identity.identity_hash, "a@example.com", None)


def test_the_badge_identifies_its_learner_by_the_hashed_address() -> None:
    document = grouped_competence_badge(email="Camille.Durand@example.fr", salt="s").to_json()
    identity = document["credentialSubject"]["identifier"][0]

    assert hash_matches(identity["identityHash"], "camille.durand@example.fr", identity["salt"])


@pytest.mark.parametrize("digest", ["sha256$abc", "b5809d8a92f8858436d7e6b87c12ebc0", "sha1$00"])
def test_a_hashed_identity_must_carry_an_algorithm_and_a_full_digest(digest: str) -> None:
    with pytest.raises(ValueError, match="identityHash"):
        IdentityObject(identity_hash=digest, identity_type="emailAddress", hashed=True)


def test_a_plain_identity_may_hold_any_text() -> None:
    identity = IdentityObject(identity_hash="Camille Durand", identity_type="name", hashed=False)

    assert identity.to_json()["hashed"] is False


# --- vocabularies -----------------------------------------------------------------------------


def _achievement(**changes: Any) -> Achievement:
    fields: dict[str, Any] = {
        "id": "https://example.fr/a/1",
        "name": "Badge",
        "description": "Un badge.",
        "criteria": Criteria(narrative="Faire."),
    }
    return Achievement(**(fields | changes))


@pytest.mark.parametrize("value", ["Program", "competency", "ext:", "ext:Deux mots", "Ext:Foo"])
def test_an_achievement_type_outside_the_vocabulary_is_refused(value: str) -> None:
    with pytest.raises(ValueError, match="achievementType"):
        _achievement(achievement_type=value)


@pytest.mark.parametrize("value", ["Competency", "MicroCredential", "ext:Programme", "ext:CQP-2"])
def test_an_achievement_type_from_the_vocabulary_or_ext_prefixed_is_accepted(value: str) -> None:
    achievement = _achievement(achievement_type=value)

    assert achievement.to_json()["achievementType"] == value


def test_an_ext_achievement_type_passes_validation_too() -> None:
    badge = dataclasses.replace(
        grouped_competence_badge(),
        credential_subject=AchievementSubject(
            id="did:example:learner", achievement=_achievement(achievement_type="ext:Programme")
        ),
    )

    assert validate_credential(badge.to_json()) == []


@pytest.mark.parametrize(
    ("build", "member"),
    [
        (lambda: ResultDescription(id="urn:x:1", name="n", result_type="Grade"), "resultType"),
        (lambda: Result(status="Done"), "status"),
        (lambda: Result(status="ext:Done"), "status"),
        (lambda: IdentifierEntry(identifier="1", identifier_type="siret"), "identifierType"),
        (
            lambda: Alignment(target_name="n", target_url="https://x", target_type="Skill"),
            "targetType",
        ),
        (
            lambda: IdentityObject(identity_hash="x", identity_type="email", hashed=False),
            "identityType",
        ),
    ],
)
def test_other_vocabularies_are_enforced_at_construction(build: Any, member: str) -> None:
    with pytest.raises(ValueError, match=member):
        build()


# --- dates and numbers ------------------------------------------------------------------------


def test_dates_given_as_strings_are_written_exactly_as_given() -> None:
    badge = dataclasses.replace(
        grouped_competence_badge(),
        valid_from="2025-02-01T10:00:00.500+01:00",
        valid_until="2030-02-01T00:00:00Z",
    )

    document = badge.to_json()

    assert document["validFrom"] == "2025-02-01T10:00:00.500+01:00"
    assert document["validUntil"] == "2030-02-01T00:00:00Z"


def test_datetime_values_are_written_in_utc_with_a_z() -> None:
    document = grouped_competence_badge().to_json()

    assert document["awardedDate"] == "2025-02-01T10:00:00Z"
    assert document["credentialSubject"]["activityEndDate"] == "2025-01-31T17:00:00Z"
    assert document["credentialSubject"]["activityStartDate"] == "2024-09-02T08:00:00+02:00"


@pytest.mark.parametrize(
    "value", ["2025-02-01", "2025-02-01T10:00:00", "01/02/2025", datetime(2025, 2, 1, 10)]
)
def test_a_date_without_a_time_zone_is_refused(value: object) -> None:
    with pytest.raises(ValueError, match=r"validFrom|time zone"):
        dataclasses.replace(grouped_competence_badge(), valid_from=value)


def test_valid_until_before_valid_from_is_refused() -> None:
    with pytest.raises(ValueError, match="validUntil is before validFrom"):
        dataclasses.replace(grouped_competence_badge(), valid_until="2025-01-31T23:59:59Z")


@pytest.mark.parametrize(
    ("given", "written"),
    [
        (Decimal("3"), 3),
        (Decimal("1.50"), 1.5),
        (2.0, 2),
        (2.5, 2.5),
        (7, 7),
        (Decimal("1E+1"), 10),
    ],
)
def test_credits_are_plain_json_numbers_and_integral_values_are_integers(
    given: Any, written: float
) -> None:
    document = _achievement(credits_available=given).to_json()

    assert document["creditsAvailable"] == written
    assert type(document["creditsAvailable"]) is type(written)


@pytest.mark.parametrize("value", [True, float("nan"), float("inf"), Decimal("NaN"), "3"])
def test_credits_must_be_finite_numbers(value: Any) -> None:
    with pytest.raises(ValueError, match="creditsAvailable"):
        _achievement(credits_available=value)


@pytest.mark.parametrize(
    ("given", "written"), [(4, "4"), (Decimal("2.50"), "2.50"), (Decimal("1E+1"), "10"), ("3", "3")]
)
def test_rubric_points_are_written_as_the_decimal_string_the_spec_types_them_as(
    given: Any, written: str
) -> None:
    level = RubricCriterionLevel(id="urn:x:level", name="Acquis", points=given)

    assert level.to_json()["points"] == written


# --- structure checks at construction -------------------------------------------------------


@pytest.mark.parametrize("bad_id", ["badges.example.fr/1", "", "42", " https://example.fr"])
def test_ids_must_be_uris_with_a_scheme(bad_id: str) -> None:
    with pytest.raises(ValueError, match=r"Profile\.id must be a URI"):
        Profile(id=bad_id)


def test_a_subject_needs_an_id_or_an_identifier() -> None:
    with pytest.raises(ValueError, match="id or at least one identifier"):
        AchievementSubject(achievement=_achievement())


def test_criteria_need_a_page_or_a_narrative() -> None:
    with pytest.raises(ValueError, match="Criteria"):
        Criteria()
    assert Criteria(id="https://example.fr/criteres").to_json() == {
        "id": "https://example.fr/criteres"
    }


def test_a_result_must_point_at_a_result_description_of_the_achievement() -> None:
    badge = grouped_competence_badge()
    achievement = badge.credential_subject.achievement

    with pytest.raises(ValueError, match="resultDescription"):
        AchievementSubject(
            id="did:example:l",
            achievement=achievement,
            result=(Result(result_description=f"{BADGE}/results/unknown"),),
        )


def test_an_achieved_level_must_belong_to_the_linked_result_description() -> None:
    achievement = grouped_competence_badge().credential_subject.achievement
    hygiene, menus = achievement.result_description[0], achievement.result_description[1]

    with pytest.raises(ValueError, match="achievedLevel"):
        AchievementSubject(
            id="did:example:l",
            achievement=achievement,
            result=(Result(result_description=hygiene.id, achieved_level=f"{menus.id}/acquis"),),
        )


def test_a_status_result_description_requires_a_status() -> None:
    status = ResultDescription(id="urn:x:status", name="État", result_type="Status")
    achievement = _achievement(result_description=(status,))

    with pytest.raises(ValueError, match="status"):
        AchievementSubject(
            id="did:example:l",
            achievement=achievement,
            result=(Result(result_description="urn:x:status"),),
        )
    subject = AchievementSubject(
        id="did:example:l",
        achievement=achievement,
        result=(Result(result_description="urn:x:status", status="Completed"),),
    )
    assert subject.to_json()["result"][0]["status"] == "Completed"


def test_a_required_level_must_be_one_of_the_levels() -> None:
    with pytest.raises(ValueError, match="requiredLevel"):
        ResultDescription(
            id="urn:x:rd",
            name="n",
            result_type="RubricCriterionLevel",
            rubric_criterion_level=(RubricCriterionLevel(id="urn:x:l1", name="l1"),),
            required_level="urn:x:l2",
        )


def test_a_required_value_must_be_an_allowed_value() -> None:
    with pytest.raises(ValueError, match="requiredValue"):
        ResultDescription(
            id="urn:x:rd",
            name="n",
            result_type="LetterGrade",
            allowed_value=("A", "B"),
            required_value="C",
        )


def test_result_description_ids_are_unique_within_an_achievement() -> None:
    twice = ResultDescription(id="urn:x:rd", name="n", result_type="Result")
    with pytest.raises(ValueError, match="unique"):
        _achievement(result_description=(twice, twice))


@pytest.mark.parametrize("code", ["french", "FR", "fr_FR", "fr-fr"])
def test_languages_are_bcp47_codes(code: str) -> None:
    with pytest.raises(ValueError, match="inLanguage"):
        _achievement(in_language=code)


def test_the_type_lists_must_keep_their_class() -> None:
    with pytest.raises(ValueError, match=r"Profile\.type"):
        Profile(id="https://example.fr/p", type=("Organization",))
    with pytest.raises(ValueError, match=r"OpenBadgeCredential\.type"):
        dataclasses.replace(grouped_competence_badge(), type=("VerifiableCredential",))
    extended = Profile(id="https://example.fr/p", type=("Profile", "ext:Association"))
    assert extended.to_json()["type"] == ["Profile", "ext:Association"]


def test_objects_are_frozen_and_lists_are_stored_as_tuples() -> None:
    achievement = _achievement(tag=["a", "b"])

    assert achievement.tag == ("a", "b")
    assert hash(achievement)
    with pytest.raises(dataclasses.FrozenInstanceError):
        achievement.name = "Autre"  # type: ignore[misc]


def test_a_bare_string_is_refused_where_a_list_is_expected() -> None:
    with pytest.raises(ValueError, match="tag must be a list"):
        _achievement(tag="cuisine")


def test_names_must_not_be_blank() -> None:
    with pytest.raises(ValueError, match=r"Achievement\.name must be a non-empty string"):
        _achievement(name="   ")


def test_points_may_not_be_a_boolean() -> None:
    with pytest.raises(ValueError, match="points"):
        RubricCriterionLevel(id="urn:x:level", name="Acquis", points=True)


def test_hashed_must_be_a_real_boolean() -> None:
    with pytest.raises(ValueError, match="hashed"):
        IdentityObject(identity_hash="x", identity_type="name", hashed="no")  # type: ignore[arg-type]


def test_an_achieved_level_alone_may_name_any_level_of_the_achievement() -> None:
    achievement = grouped_competence_badge().credential_subject.achievement
    level = f"{achievement.result_description[2].id}/expert"

    subject = AchievementSubject(
        id="did:example:l", achievement=achievement, result=(Result(achieved_level=level),)
    )

    assert subject.to_json()["result"] == [{"type": ["Result"], "achievedLevel": level}]
    with pytest.raises(ValueError, match="achievedLevel"):
        AchievementSubject(
            id="did:example:l",
            achievement=achievement,
            result=(Result(achieved_level="urn:x:nowhere"),),
        )


def test_values_that_are_not_json_are_refused_when_writing() -> None:
    status = CredentialStatus(type="ext:List", properties={"members": {1, 2}})

    with pytest.raises(TypeError, match="cannot write set"):
        status.to_json()


# --- context, status and services -------------------------------------------------------------


def test_the_default_context_is_vc_2_then_ob_3_0_3() -> None:
    badge = dataclasses.replace(grouped_competence_badge(), credential_schema=())

    assert badge.to_json()["@context"] == [VC_V2, OB_303]


def test_1edtech_types_bring_the_extensions_context_that_defines_them() -> None:
    assert grouped_competence_badge().to_json()["@context"] == [VC_V2, OB_303, OB_EXTENSIONS]
    badge = dataclasses.replace(
        grouped_competence_badge(),
        credential_schema=(),
        credential_status=CredentialStatus(type="1EdTechRevocationList", id="https://x.fr/rl"),
        context=None,
    )
    assert badge.to_json()["@context"] == [VC_V2, OB_303, OB_EXTENSIONS]


def test_an_explicit_context_must_be_complete() -> None:
    base = grouped_competence_badge()
    with pytest.raises(ValueError, match=r"context must be a list, not a string"):
        dataclasses.replace(base, context=VC_V2)
    with pytest.raises(ValueError, match=r"extensions\.json"):
        dataclasses.replace(base, context=(VC_V2, OB_303))
    with pytest.raises(ValueError, match="start with"):
        dataclasses.replace(base, context=(OB_303, VC_V2, OB_EXTENSIONS))
    with pytest.raises(ValueError, match=r"OB 3\.0 context second"):
        dataclasses.replace(base, context=(VC_V2, OB_EXTENSIONS, OB_303))
    extra = {"@vocab": "https://example.fr/terms#"}
    custom = dataclasses.replace(base, context=(VC_V2, OB_303, OB_EXTENSIONS, extra))
    assert custom.to_json()["@context"][-1] == extra


def test_a_bitstring_status_entry_writes_its_index_as_a_string() -> None:
    entry = BitstringStatusListEntry(
        status_list_credential="https://badges.example.fr/status/1", status_list_index=94567
    )

    assert entry.to_json() == {
        "id": "https://badges.example.fr/status/1#94567",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "94567",
        "statusListCredential": "https://badges.example.fr/status/1",
    }


@pytest.mark.parametrize("index", [-1, "-1", "1.5", "", True, "２"])
def test_a_bitstring_index_is_a_non_negative_integer(index: Any) -> None:
    with pytest.raises(ValueError, match="statusListIndex"):
        BitstringStatusListEntry(status_list_credential="https://x.fr/s", status_list_index=index)


def test_generic_entries_carry_their_extra_members_after_id_and_type() -> None:
    terms = TermsOfUse(type="ext:Policy", id="https://x.fr/t", properties={"b": 1, "a": None})
    refresh = RefreshService(id="https://x.fr/refresh/1")

    assert terms.to_json() == {"id": "https://x.fr/t", "type": "ext:Policy", "b": 1}
    assert refresh.to_json() == {"id": "https://x.fr/refresh/1", "type": "1EdTechCredentialRefresh"}
    with pytest.raises(ValueError, match="properties"):
        CredentialStatus(type="X", properties={"type": "Y"})


# --- endorsements ------------------------------------------------------------------------------


def _endorsement() -> EndorsementCredential:
    return EndorsementCredential(
        id="urn:uuid:1d6c9c0e-3a7b-4b0e-8f8e-6f2a1c0d9e55",
        name="Recommandation de la fédération",
        issuer=Profile(id="https://federation.example.fr", name="Fédération"),
        valid_from="2025-03-01T00:00:00Z",
        credential_subject=EndorsementSubject(id=BADGE, endorsement_comment="Badge sérieux."),
    )


def test_an_unsigned_endorsement_is_only_missing_its_proof() -> None:
    document = _endorsement().to_json()

    issues = validate_credential(document)

    assert [(i.path, i.code) for i in issues] == [("/proof", "unsigned")]
    assert list(document)[:4] == ["@context", "id", "type", "name"]
    assert document["credentialSubject"]["type"] == ["EndorsementSubject"]


def test_a_signed_endorsement_embeds_in_an_achievement_as_given() -> None:
    signed = _endorsement().to_json() | {"proof": [{"type": "DataIntegrityProof"}]}
    badge = grouped_competence_badge()
    achievement = dataclasses.replace(badge.credential_subject.achievement, endorsement=(signed,))
    subject = dataclasses.replace(badge.credential_subject, achievement=achievement)

    document = dataclasses.replace(badge, credential_subject=subject).to_json()

    assert document["credentialSubject"]["achievement"]["endorsement"] == [signed]
    assert validate_credential(document) == []


def test_an_endorsement_keeps_an_explicit_context() -> None:
    context = [VC_V2, OB_303, {"ex": "https://example.fr/terms#"}]

    endorsement = dataclasses.replace(_endorsement(), context=context)

    assert endorsement.context == tuple(context)
    assert endorsement.to_json()["@context"] == context


# --- public surface ----------------------------------------------------------------------------


def test_the_public_surface_is_exactly_the_documented_one() -> None:
    assert sorted(ob3.__all__) == sorted(
        [
            "MAX_DEPTH", "MAX_ISSUES", "Achievement", "AchievementSubject", "Address",
            "Alignment", "BitstringStatusListEntry", "CredentialSchema", "CredentialStatus",
            "Criteria", "EndorsementCredential", "EndorsementSubject", "Evidence",
            "GeoCoordinates", "IdentifierEntry", "IdentityObject", "Image",
            "OpenBadgeCredential", "Profile", "RefreshService", "Related", "Result",
            "ResultDescription", "RubricCriterionLevel", "SchemaIssue", "Severity",
            "StatusEntry", "TermsOfUse", "validate_credential", "validate_profile",
            "validate_verifiable_credential",
        ]
    )  # fmt: skip
    assert all(hasattr(ob3, name) for name in ob3.__all__)
