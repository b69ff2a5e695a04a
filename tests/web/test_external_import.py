"""Importing a badge issued elsewhere: every format other platforms hand out is read and
verified, the bytes received are kept exactly, a second import of the same credential
replaces the first, and what is not a badge is refused without storing anything."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image

from insigne.core.baking import unbake
from insigne.web.awards.actions import change_state
from insigne.web.badges.models import BadgeVersion
from insigne.web.external.actions import (
    MAX_FILE_BYTES,
    ImportRefusedError,
    delete_badge,
    import_badge,
)
from insigne.web.external.models import ExternalBadge
from insigne.web.external.report import from_report

from .conftest import Cast
from .images import PNG_64
from .test_external_support import (  # noqa: F401
    STATUS_LIST,
    Outside,
    dcc,
    insigne_png,
    ob30,
    outside_fixture,
    vector,
)
from .test_public_support import award_for

pytestmark = pytest.mark.django_db


def checks_of(badge: ExternalBadge) -> dict[str, str]:
    return {item["check"]: item["outcome"] for item in badge.report["checks"]}


@pytest.mark.parametrize(
    ("name", "media_type", "picture"),
    [
        ("simple-json.png", "image/png", True),
        ("simple-json.svg", "image/svg+xml", True),
        ("simple.json", "application/vc+ld+json", False),
        ("simple-jwt.png", "image/png", True),
    ],
)
def test_a_1edtech_badge_imports_from_each_format(
    cast: Cast, vectors: Path, outside: Outside, name: str, media_type: str, picture: bool
) -> None:
    data = ob30(vectors, name)
    imported = import_badge(cast.learner, data, name=name)
    badge = ExternalBadge.objects.get(pk=imported.badge.pk)
    assert not imported.replaced
    assert bytes(badge.original) == data
    assert (badge.original_name, badge.original_media_type) == (name, media_type)
    assert (badge.spec, badge.source) == ("ob3", "file")
    assert badge.credential_id == "http://example.com/credentials/3527"
    assert badge.name == "Teamwork"
    assert badge.issuer_name == "Example Corp"
    assert badge.issued_at is not None and badge.issued_at.year == 2010
    assert (badge.image_png is not None) is picture
    # Offline, the issuer cannot confirm its key: authentic, with a reservation.
    assert (badge.verified, badge.outcome) == (True, "warning")
    assert checks_of(badge)["proof"] == "pass"
    assert badge.report["complete"] is False
    assert badge.public is False


def test_a_vc_jwt_imports_as_the_token_itself(cast: Cast, vectors: Path, outside: Outside) -> None:
    token = unbake(ob30(vectors, "simple-jwt.svg")).payload
    badge = import_badge(cast.learner, token.encode(), name="badge.jwt").badge
    assert badge.credential == token
    assert badge.original_media_type == "application/vc+jwt"
    assert badge.verified and badge.name == "Teamwork"


def test_a_baked_png_keeps_its_picture_without_the_credential(
    cast: Cast, vectors: Path, outside: Outside
) -> None:
    badge = import_badge(cast.learner, ob30(vectors, "simple-json.png")).badge
    assert badge.image_png is not None
    picture = bytes(badge.image_png)
    assert b"openbadgecredential" not in picture
    with Image.open(io.BytesIO(picture)) as image:
        assert image.format == "PNG" and max(image.size) <= 512


def test_a_dcc_badge_with_a_did_key_issuer_verifies_fully_offline(
    cast: Cast, vectors: Path, outside: Outside
) -> None:
    name = "dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-alignments.json"
    data = dcc(vectors, name)
    badge = import_badge(cast.learner, data, name="alignments.json").badge
    assert badge.verified and checks_of(badge)["issuer"] == "pass"
    assert badge.report["complete"] is True
    assert outside.asked == []
    assert badge.credential_id == "http://example.edu/credentials/3732"


@pytest.mark.parametrize(
    ("name", "failing", "status"),
    [
        # Their status lists are online only: the status stays unknown (a warning) here.
        ("noRegistry-revokedStatus-noExpiry.json", "valid_until", "warning"),
        ("twoOIDF-validStatus-expired.json", "valid_until", "warning"),
        ("oidf-noStatus-notExpired-notYetValid.json", "valid_from", None),
    ],
)
def test_dcc_badges_that_fail_on_their_dates_are_kept_with_that_verdict(
    cast: Cast, vectors: Path, outside: Outside, name: str, failing: str, status: str | None
) -> None:
    badge = import_badge(cast.learner, dcc(vectors, f"dataIntegrityProof/didKey/{name}")).badge
    checks = checks_of(badge)
    assert (badge.verified, badge.outcome) == (False, "fail")
    assert checks["proof"] == "pass" and checks[failing] == "fail"
    assert checks.get("status") == status


def test_an_insigne_vc_jwt_and_its_json_are_one_credential(
    cast: Cast, grouped_badge: BadgeVersion, outside: Outside
) -> None:
    award = award_for(cast, grouped_badge, with_jwt=True)
    first = import_badge(cast.learner, award.credential_jwt.encode(), name="badge.jwt")
    assert first.badge.verified and first.badge.original_media_type == "application/vc+jwt"
    again = import_badge(cast.learner, award.credential.encode(), name="badge.json")
    assert again.replaced and again.badge.pk == first.badge.pk
    assert again.badge.original_media_type == "application/vc+ld+json"


def test_an_insigne_badge_imports_and_verifies_without_the_network(
    cast: Cast, grouped_badge: BadgeVersion, outside: Outside
) -> None:
    award, png = insigne_png(cast, grouped_badge)
    badge = import_badge(cast.learner, png, name="badge.png").badge
    assert (badge.verified, badge.outcome) == (True, "pass")
    assert badge.report["complete"] is True
    assert outside.asked == []  # the platform's own documents come from the database
    assert badge.credential_id == json.loads(award.credential)["id"]
    assert badge.name == "Compétences relationnelles"
    assert badge.issuer_name == "Atelier de Lyon"


def test_an_insigne_badge_the_holder_already_has_is_not_imported_twice(
    cast: Cast, grouped_badge: BadgeVersion, outside: Outside
) -> None:
    _award, png = insigne_png(cast, grouped_badge, linked=True)
    with pytest.raises(ImportRefusedError) as refused:
        import_badge(cast.learner, png)
    assert "déjà dans votre sac" in refused.value.message
    assert not ExternalBadge.objects.exists()
    assert import_badge(cast.outsider, png).badge.verified  # someone else may keep a copy


def test_a_hosted_ob2_assertion_is_verified_at_its_address(
    cast: Cast, vectors: Path, outside: Outside
) -> None:
    outside.serve_ob2_assets(vectors)
    data = vector(vectors, "1edtech-validator/ob20/simple-badge.png")
    badge = import_badge(cast.learner, data, name="simple-badge.png").badge
    assert badge.spec == "ob2"
    assert badge.credential_id == "https://example.org/beths-robotics-badge.json"
    assert badge.verified, badge.report["checks"]
    # The assertion only names its badge class and issuer: their fetched copies name it.
    assert badge.name == "Awesome Robotics Badge"
    assert badge.issuer_name == "An Example Badge Issuer"
    assert set(badge.report["documents"]) == {"badge", "issuer"}


def test_a_hosted_ob2_assertion_offline_is_kept_with_a_failing_verdict(
    cast: Cast, vectors: Path, outside: Outside
) -> None:
    data = vector(vectors, "1edtech-validator/ob20/basic-assertion.json")
    badge = import_badge(cast.learner, data, name="basic-assertion.json").badge
    assert (badge.verified, badge.outcome) == (False, "fail")
    assert badge.name == "basic-assertion.json"  # nothing better is known
    assert badge.report["complete"] is False


def test_a_badge_revoked_on_its_status_list_imports_as_revoked(
    cast: Cast, vectors: Path, outside: Outside
) -> None:
    outside.documents[STATUS_LIST] = ob30(vectors, "bit-string-list/testlist")
    data = ob30(vectors, "bit-string-list/credential-status-revoked.json")
    badge = import_badge(cast.learner, data).badge
    assert (badge.verified, badge.outcome) == (False, "revoked")
    assert checks_of(badge)["status"] == "fail"


def test_a_status_list_out_of_reach_leaves_the_status_unknown(
    cast: Cast, vectors: Path, outside: Outside
) -> None:
    data = ob30(vectors, "bit-string-list/credential-status-revoked.json")
    badge = import_badge(cast.learner, data).badge
    assert STATUS_LIST in outside.asked
    assert (badge.verified, badge.outcome) == (True, "warning")
    assert checks_of(badge)["status"] == "warning"
    assert badge.report["complete"] is False


def test_a_signed_ob2_assertion_imports_with_its_badge_class(
    cast: Cast, vectors: Path, outside: Outside
) -> None:
    outside.serve_ob2_assets(vectors)
    data = vector(vectors, "1edtech-validator/ob20/simple.jwt")
    badge = import_badge(cast.learner, data, name="simple.jwt").badge
    assert (badge.spec, badge.original_media_type) == ("ob2", "application/jwt")
    assert badge.verified, badge.report["checks"]
    assert badge.name == "Awesome Robotics Badge"
    assert badge.credential == data.decode().strip()


@pytest.mark.parametrize(
    ("name", "failing"),
    [
        ("simple-err-expired.json", "valid_until"),
        ("simple-err-proof-value.json", "proof"),
    ],
)
def test_a_badge_that_fails_verification_is_still_imported_with_its_verdict(
    cast: Cast, vectors: Path, outside: Outside, name: str, failing: str
) -> None:
    badge = import_badge(cast.learner, ob30(vectors, name)).badge
    assert (badge.verified, badge.outcome) == (False, "fail")
    assert checks_of(badge)[failing] == "fail"


def test_a_revoked_insigne_badge_imports_as_revoked(
    cast: Cast, grouped_badge: BadgeVersion, outside: Outside
) -> None:
    award, png = insigne_png(cast, grouped_badge)
    change_state([award], "revoked", "Fraude constatée")
    badge = import_badge(cast.learner, png).badge
    assert (badge.verified, badge.outcome) == (False, "revoked")


def test_the_same_credential_imported_again_replaces_the_first_copy_in_place(
    cast: Cast, vectors: Path, outside: Outside
) -> None:
    first = import_badge(cast.learner, ob30(vectors, "simple.json"), name="simple.json").badge
    first.public = True
    first.save()
    again = import_badge(cast.learner, ob30(vectors, "simple-json.png"), name="b.png")
    assert again.replaced
    assert ExternalBadge.objects.filter(owner=cast.learner).count() == 1
    badge = ExternalBadge.objects.get()
    assert badge.public_id == first.public_id and badge.public  # same page, same choice
    assert bytes(badge.original) == ob30(vectors, "simple-json.png")
    assert badge.original_name == "b.png"


def test_two_holders_keep_their_own_copy_of_a_credential(
    cast: Cast, vectors: Path, outside: Outside
) -> None:
    import_badge(cast.learner, ob30(vectors, "simple.json"))
    import_badge(cast.outsider, ob30(vectors, "simple.json"))
    assert ExternalBadge.objects.count() == 2


def test_a_credential_without_id_is_not_duplicated_by_a_second_import(
    cast: Cast, vectors: Path, outside: Outside
) -> None:
    document = json.loads(ob30(vectors, "simple-noproof.json"))
    document.pop("id")
    data = json.dumps(document).encode()
    assert import_badge(cast.learner, data).badge.credential_id == ""
    assert import_badge(cast.learner, data).replaced
    assert ExternalBadge.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (PNG_64, "aucun badge"),
        (b"\x89PNG\r\n\x1a\nnot really", "PNG est endommagé"),
        (b'{"nom": "pas un badge"}', "pas un badge"),
        (b"du texte, rien de plus", "pas un badge reconnu"),
        (b"", "vide"),
        (b"   \n", "vide"),
    ],
)
def test_what_is_not_a_badge_is_refused_with_a_reason_and_nothing_is_stored(
    cast: Cast, outside: Outside, content: bytes, message: str
) -> None:
    with pytest.raises(ImportRefusedError) as refused:
        import_badge(cast.learner, content, name="fichier")
    assert message in refused.value.message
    assert not ExternalBadge.objects.exists()


@pytest.mark.parametrize("cut", [1, 4, 100, 400, 1000])
def test_a_truncated_jwt_is_refused_and_nothing_is_stored(
    cast: Cast, vectors: Path, outside: Outside, cut: int
) -> None:
    token = unbake(ob30(vectors, "simple-jwt.png")).payload
    with pytest.raises(ImportRefusedError) as refused:
        import_badge(cast.learner, token[:-cut].encode(), name="badge.jwt")
    assert "JWT" in refused.value.message or "pas un badge" in refused.value.message
    assert not ExternalBadge.objects.exists()


def test_a_verifiable_credential_that_is_not_a_badge_is_refused(
    cast: Cast, vectors: Path, outside: Outside
) -> None:
    status_list = ob30(vectors, "bit-string-list/testlist")
    with pytest.raises(ImportRefusedError) as refused:
        import_badge(cast.learner, status_list)
    assert "pas un badge" in refused.value.message
    assert not ExternalBadge.objects.exists()


def test_a_file_over_the_limit_is_refused_before_it_is_read(
    cast: Cast, vectors: Path, outside: Outside
) -> None:
    big = ob30(vectors, "simple.json") + b" " * MAX_FILE_BYTES
    with pytest.raises(ImportRefusedError) as refused:
        import_badge(cast.learner, big)
    assert "trop volumineux" in refused.value.message
    assert "10\u00a0Mo" in refused.value.message
    assert not ExternalBadge.objects.exists()


def test_the_stored_report_redraws_the_verdict(cast: Cast, vectors: Path, outside: Outside) -> None:
    badge = import_badge(cast.learner, ob30(vectors, "simple-err-expired.json")).badge
    result = from_report(badge.report)
    assert result is not None and not result.verified
    assert [c.name for c in result.failures()] == ["valid_until"]
    assert result.checks[0].message.en


def test_deleting_a_badge_removes_it_and_its_bytes(
    cast: Cast, vectors: Path, outside: Outside
) -> None:
    badge = import_badge(cast.learner, ob30(vectors, "simple.json")).badge
    delete_badge(badge)
    assert not ExternalBadge.objects.exists()
