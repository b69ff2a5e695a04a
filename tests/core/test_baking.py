"""The baking API: format detection, version choice, and properties over generated input."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import insigne.core.baking
from insigne.core.baking import (
    OB2_CONTAINER,
    OB3_CONTAINER,
    BakingError,
    bake,
    bake_png,
    bake_svg,
    detect_image_format,
    unbake,
    unbake_png,
    unbake_svg,
)
from insigne.core.multibase import b64url_encode
from tests.core.test_baking_png import png_file
from tests.core.test_baking_svg import SVG

VC2 = "https://www.w3.org/ns/credentials/v2"
OB3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB2_CONTEXT = "https://w3id.org/openbadges/v2"
WHITESPACE = " \t\r\n"
PROPERTY = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def document(context: Any, **claims: Any) -> str:
    return json.dumps({"@context": context, **claims}, ensure_ascii=False)


def jws(claims: dict[str, Any]) -> str:
    header = b64url_encode(b'{"alg":"RS256"}')
    return f"{header}.{b64url_encode(json.dumps(claims).encode())}.c2lnbmF0dXJl"


def test_the_public_api_is_exactly_this() -> None:
    assert sorted(insigne.core.baking.__all__) == [
        "Baked",
        "BakingError",
        "MAX_IMAGE_BYTES",
        "MAX_PAYLOAD_BYTES",
        "OB2_CONTAINER",
        "OB3_CONTAINER",
        "bake",
        "bake_png",
        "bake_svg",
        "detect_image_format",
        "unbake",
        "unbake_png",
        "unbake_svg",
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (png_file(), "png"),
        (SVG, "svg"),
        (b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- c --><!DOCTYPE svg><svg/>', "svg"),
        (b"<x:svg xmlns:x='http://www.w3.org/2000/svg'/>", "svg"),
        (b"<html><svg/></html>", None),
        (b"<svgfoo/>", None),
        (b"GIF89a\x01\x00\x01\x00", None),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", None),
        (b"", None),
        (b"<!DOCTYPE svg [", None),
        (b"<!DOCTYPE svg [<!-- ]>", None),
        (b"<!DOCTYPE svg 'unterminated", None),
    ],
)
def test_image_format_is_told_from_the_bytes(data: bytes, expected: str | None) -> None:
    assert detect_image_format(data) == expected


@pytest.mark.parametrize(
    ("payload", "container"),
    [
        (document([VC2, OB3_CONTEXT]), OB3_CONTAINER),
        (document(["https://www.w3.org/2018/credentials/v1", {"@vocab": "x:"}]), OB3_CONTAINER),
        (document(OB3_CONTEXT), OB3_CONTAINER),
        (document(OB2_CONTEXT, type="Assertion"), OB2_CONTAINER),
        (document("https://openbadgespec.org/v2/context.json"), OB2_CONTAINER),
        (jws({"@context": [VC2, OB3_CONTEXT], "id": "urn:uuid:1"}), OB3_CONTAINER),
        (jws({"vc": {"id": "urn:uuid:1"}, "iss": "did:example:1"}), OB3_CONTAINER),
        (jws({"@context": OB2_CONTEXT, "type": "Assertion"}), OB2_CONTAINER),
    ],
)
def test_the_version_is_read_from_the_payload(payload: str, container: str) -> None:
    for image in (png_file(), SVG):
        assert unbake(bake(image, payload)).container == container


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (document("https://example.org/context"), "cannot tell"),
        (jws({"iss": "https://example.org"}), "cannot tell"),
        ("https://example.org/assertions/1", "neither a JSON object nor a JWS"),
        ("[1, 2]", "neither a JSON object"),
        ("{not json", "JSON content is not a valid JSON object"),
        ("a.bm90IGpzb24.c", "JWS content is not a valid JSON object"),
        (f"a.{b64url_encode(b'[1]')}.c", "JWS content is not a valid JSON object"),
        ("{" * 100_000, "JSON content is not a valid JSON object"),
    ],
)
def test_payloads_that_are_not_badges_are_refused(payload: str, message: str) -> None:
    with pytest.raises(BakingError, match=message):
        bake(png_file(), payload)


def test_an_explicit_version_decides_when_the_payload_does_not_say() -> None:
    payload = document("https://example.org/context")
    assert unbake(bake(SVG, payload, version=2)).container == OB2_CONTAINER
    assert unbake(bake(png_file(), payload, version=3)).container == OB3_CONTAINER


def test_an_explicit_version_that_contradicts_the_payload_is_refused() -> None:
    with pytest.raises(BakingError, match=re.escape("Open Badges 3.0 badge, not 2.0")):
        bake(png_file(), document([VC2]), version=2)


def test_an_unknown_version_is_refused() -> None:
    with pytest.raises(BakingError, match="unknown version 4"):
        bake(png_file(), document([VC2]), version=4)


def test_a_verification_url_only_goes_with_a_2_0_json_assertion() -> None:
    assertion = document(OB2_CONTEXT, id="https://example.org/a/1")
    baked_svg = bake(SVG, assertion, verify_url="https://example.org/a/1")
    assert b'verify="https://example.org/a/1"' in baked_svg
    assert unbake(bake(png_file(), assertion, verify_url="https://example.org/a/1")).payload == (
        assertion
    )
    for image in (png_file(), SVG):
        with pytest.raises(BakingError, match="only goes with"):
            bake(image, document([VC2]), verify_url="https://example.org/a/1")


@pytest.mark.parametrize(
    "data",
    [b"", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", b"\xff\xd8\xff\xdb", bytes(range(256))],
    ids=["empty", "gif", "jpeg", "bytes"],
)
def test_files_that_are_neither_png_nor_svg_are_refused(data: bytes) -> None:
    with pytest.raises(BakingError, match="neither a PNG nor an SVG") as error:
        unbake(data)
    assert error.value.text.fr == "Ce fichier n'est ni une image PNG ni une image SVG."
    with pytest.raises(BakingError, match="neither a PNG nor an SVG"):
        bake(data, document([VC2]))


def test_oversized_files_are_refused_before_anything_else() -> None:
    huge = bytes(insigne.core.baking.MAX_IMAGE_BYTES + 1)
    for call in (lambda: unbake(huge), lambda: bake(huge, document([VC2]))):
        with pytest.raises(BakingError, match="20 MiB limit") as error:
            call()
        assert "20 Mo" in error.value.text.fr


# Properties

TRICKY = st.sampled_from(
    ["\t", "\n", "\r", "]]>", "]]", "\u2028", "<", "&", "'", '"', "\U0001f3c5"]
)
XML_TEXT = st.lists(
    st.text(st.characters(exclude_categories=["Cs", "Cc"], exclude_characters="\ufffe\uffff"))
    | TRICKY
).map("".join)
PNG_TEXT = st.lists(
    st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\0")) | TRICKY
).map("".join)
CONTAINER = st.sampled_from([OB3_CONTAINER, OB2_CONTAINER])


@PROPERTY
@given(text=PNG_TEXT.filter(lambda t: t.strip(WHITESPACE)), container=CONTAINER)
def test_any_nul_free_text_round_trips_through_png(text: str, container: str) -> None:
    baked = unbake_png(bake_png(png_file(), text, container=container), container=container)
    assert baked.payload == text.strip(WHITESPACE)


@PROPERTY
@given(text=XML_TEXT.filter(lambda t: t.strip(WHITESPACE)), container=CONTAINER)
def test_any_xml_text_round_trips_through_svg(text: str, container: str) -> None:
    baked = unbake_svg(bake_svg(SVG, text, container=container), container=container)
    assert baked.payload == text.strip(WHITESPACE)


@PROPERTY
@given(name=XML_TEXT, image=st.sampled_from([png_file(), SVG]))
def test_any_credential_round_trips_and_rebaking_it_changes_nothing(
    name: str, image: bytes
) -> None:
    payload = document([VC2, OB3_CONTEXT], type=["VerifiableCredential"], name=name)
    baked = bake(image, payload)
    assert unbake(baked).payload == payload
    assert bake(baked, payload) == baked


def _damaged(image: bytes, data: st.DataObject) -> bytes:
    position = data.draw(st.integers(0, len(image)))
    cut = data.draw(st.integers(0, 16))
    insert = data.draw(st.binary(max_size=16))
    return image[:position] + insert + image[position + cut :]


@PROPERTY
@given(data=st.data())
def test_damaged_images_give_a_badge_or_a_baking_error(data: st.DataObject) -> None:
    original = data.draw(st.sampled_from([png_file(), SVG]))
    image = _damaged(bake(original, document([VC2], name="x")), data)
    for attempt in (lambda: unbake(image), lambda: bake(image, document([VC2], name="y"))):
        try:
            attempt()
        except BakingError as error:
            assert error.text.fr
            assert error.text.en


@PROPERTY
@given(
    prefix=st.sampled_from([b"", b"\x89PNG\r\n\x1a\n", b"<svg>", b"<!DOCTYPE svg"]),
    tail=st.binary(),
)
def test_arbitrary_bytes_give_only_baking_errors(prefix: bytes, tail: bytes) -> None:
    with pytest.raises(BakingError):
        unbake(prefix + tail)
