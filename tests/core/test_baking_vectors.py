"""Known answers: badges baked by 1EdTech's validator fixtures, and a DCC image without one."""

from __future__ import annotations

import json
import struct
from pathlib import Path
from typing import Any

import pytest

from insigne.core.baking import (
    OB2_CONTAINER,
    OB3_CONTAINER,
    BakingError,
    bake,
    detect_image_format,
    unbake,
    unbake_svg,
)
from insigne.core.multibase import b64url_decode
from tests.conftest import load_json

CREDENTIAL_ID = "http://example.com/credentials/3527"
CREDENTIAL_V1_ID = "http://example.edu/credentials/3732"


@pytest.fixture
def ob30(vectors: Path) -> Path:
    return vectors / "1edtech-validator" / "ob30"


def jws_claims(token: str) -> dict[str, Any]:
    segments = token.split(".")
    assert len(segments) == 3
    claims: dict[str, Any] = json.loads(b64url_decode(segments[1]))
    return claims


def without_chunk(image: bytes, kind: bytes) -> tuple[bytes, int]:
    """``image`` without its first ``kind`` chunk, and the offset where the chunk was."""
    position = 8
    while True:
        (length,) = struct.unpack_from(">I", image, position)
        if image[position + 4 : position + 8] == kind:
            return image[:position] + image[position + 12 + length :], position
        position += 12 + length


@pytest.mark.parametrize("name", ["simple-json.png", "simple-json.svg"])
def test_1edtech_json_credentials_are_unbaked(ob30: Path, name: str) -> None:
    baked = unbake((ob30 / name).read_bytes())
    assert (baked.image_format, baked.container) == (name[-3:], OB3_CONTAINER)
    credential = json.loads(baked.payload)
    reference = load_json(ob30 / "simple.json")
    assert credential["id"] == CREDENTIAL_ID
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert {k: v for k, v in credential.items() if k != "proof"} == {
        k: v for k, v in reference.items() if k != "proof"
    }


@pytest.mark.parametrize("name", ["simple-jwt.png", "simple-jwt.svg"])
def test_1edtech_vc_jwts_are_unbaked(ob30: Path, name: str) -> None:
    baked = unbake((ob30 / name).read_bytes())
    assert (baked.image_format, baked.container) == (name[-3:], OB3_CONTAINER)
    claims = jws_claims(baked.payload)
    assert claims["id"] == CREDENTIAL_ID
    assert "OpenBadgeCredential" in claims["type"]


@pytest.mark.parametrize("name", ["simple-jwt_v1.png", "simple-jwt_v1.svg"])
def test_1edtech_vc_1_1_jwts_are_unbaked(ob30: Path, name: str) -> None:
    baked = unbake((ob30 / name).read_bytes())
    assert (baked.image_format, baked.container) == (name[-3:], OB3_CONTAINER)
    assert jws_claims(baked.payload)["vc"]["id"] == CREDENTIAL_V1_ID


def test_1edtech_open_badges_2_png_holds_a_json_assertion(vectors: Path) -> None:
    image = (vectors / "1edtech-validator" / "ob20" / "simple-badge.png").read_bytes()
    baked = unbake(image)
    assert (baked.image_format, baked.container) == ("png", OB2_CONTAINER)
    assertion = json.loads(baked.payload)
    assert assertion["@context"] == "https://w3id.org/openbadges/v2"
    assert assertion["type"] == "Assertion"
    assert assertion["id"] == "https://example.org/beths-robotics-badge.json"


def test_dcc_svg_is_an_svg_that_carries_no_badge(vectors: Path) -> None:
    # The DCC fixture is a QR code of the credential, not a baked badge.
    path = "dcc-vc-test-fixtures/verifiableCredentials/v1/dataIntegrityProof/didKey"
    image = (vectors / path / "mixedRegistry-validStatus-noExpiry.svg").read_bytes()
    assert detect_image_format(image) == "svg"
    with pytest.raises(BakingError, match="carries no badge"):
        unbake(image)


@pytest.mark.parametrize("name", ["simple-json.png", "simple-jwt.png", "simple-jwt_v1.png"])
def test_baking_writes_the_same_bytes_as_the_1edtech_fixtures(ob30: Path, name: str) -> None:
    fixture = (ob30 / name).read_bytes()
    payload = unbake(fixture).payload
    plain, _ = without_chunk(fixture, b"iTXt")
    assert bake(plain, payload) == fixture


def test_baking_the_2_0_fixture_moves_its_chunk_before_iend(vectors: Path) -> None:
    fixture = (vectors / "1edtech-validator" / "ob20" / "simple-badge.png").read_bytes()
    plain, where = without_chunk(fixture, b"iTXt")
    chunk = fixture[where : where + len(fixture) - len(plain)]
    assert bake(plain, unbake(fixture).payload) == plain[:-12] + chunk + plain[-12:]


@pytest.mark.parametrize(
    "name",
    ["simple-json.png", "simple-json.svg", "simple-jwt.png", "simple-jwt.svg"],
)
def test_rebaking_a_fixture_with_its_own_badge_leaves_it_unchanged(ob30: Path, name: str) -> None:
    fixture = (ob30 / name).read_bytes()
    assert bake(fixture, unbake(fixture).payload) == fixture


@pytest.mark.parametrize("name", ["simple-json.png", "simple-json.svg"])
def test_baking_another_credential_over_a_fixture_is_refused(ob30: Path, name: str) -> None:
    other = load_json(ob30 / "simple-did-key-method.json")
    with pytest.raises(BakingError, match="already carries another badge"):
        bake((ob30 / name).read_bytes(), json.dumps(other))


def test_a_signed_2_0_assertion_is_baked_beside_a_3_0_credential(vectors: Path) -> None:
    fixture = (vectors / "1edtech-validator" / "ob30" / "simple-json.svg").read_bytes()
    token = (vectors / "1edtech-validator" / "ob20" / "simple.jwt").read_text().strip()
    both = bake(fixture, token)
    assert unbake(both) == unbake(fixture)
    assert unbake_svg(both, container=OB2_CONTAINER).payload == token
