"""Baking badges into SVG images: element and namespace, byte preservation, hardened parsing."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from insigne.core.baking import (
    MAX_IMAGE_BYTES,
    MAX_PAYLOAD_BYTES,
    OB2_CONTAINER,
    OB3_CONTAINER,
    Baked,
    BakingError,
    bake_svg,
    svg,
    svg_parse,
    unbake_svg,
)
from insigne.core.baking.svg_markup import StartTag

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">\n'
    b'  <rect width="10" height="10" fill="#d02a2a"/>\n'
    b"</svg>\n"
)
OB3 = "https://purl.imsglobal.org/ob/v3p0"
OB2 = "http://openbadges.org"
CREDENTIAL = '{"@context":["https://www.w3.org/ns/credentials/v2"],"name":"Écologie ✓"}'
ASSERTION = '{"@context":"https://w3id.org/openbadges/v2","type":"Assertion"}'
JWS = "eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJodHRwczovL2V4YW1wbGUub3JnIn0.c2lnbmF0dXJl"
ROOT_TAG_END = SVG.index(b">") + 1
RECT_CLOSE = SVG.index(b"/>")


def first_child(image: bytes) -> ET.Element:
    return ET.fromstring(image)[0]


# Writing


def test_a_credential_is_the_first_child_with_a_cdata_body() -> None:
    baked = bake_svg(SVG, CREDENTIAL, container=OB3_CONTAINER)
    element = (
        "<openbadges:credential><![CDATA[" + CREDENTIAL + "]]></openbadges:credential>"
    ).encode()
    declaration = f' xmlns:openbadges="{OB3}"'.encode()
    assert baked == SVG[: ROOT_TAG_END - 1] + declaration + b">" + element + SVG[ROOT_TAG_END:]


def test_a_jws_goes_in_a_self_closing_verify_attribute() -> None:
    baked = bake_svg(SVG, JWS, container=OB3_CONTAINER)
    assert f'<openbadges:credential verify="{JWS}"/>'.encode() in baked
    element = first_child(baked)
    assert element.tag == f"{{{OB3}}}credential"
    assert element.attrib == {"verify": JWS}
    assert element.text is None


def test_a_hosted_assertion_keeps_its_url_in_verify_and_its_json_in_the_body() -> None:
    url = "https://example.org/assertions/1?a=1&b=2"
    baked = bake_svg(SVG, ASSERTION, container=OB2_CONTAINER, verify_url=url)
    element = first_child(baked)
    assert element.tag == f"{{{OB2}}}assertion"
    assert element.get("verify") == url
    assert element.text == ASSERTION
    assert unbake_svg(baked).payload == ASSERTION


@pytest.mark.parametrize(
    ("payload", "container", "url", "message"),
    [
        (JWS, OB2_CONTAINER, "https://example.org/a", "only goes with"),
        (CREDENTIAL, OB3_CONTAINER, "https://example.org/a", "only goes with"),
        (ASSERTION, OB2_CONTAINER, "javascript:alert(1)", "not an http"),
    ],
)
def test_a_verification_url_that_does_not_fit_is_refused(
    payload: str, container: str, url: str, message: str
) -> None:
    with pytest.raises(BakingError, match=message):
        bake_svg(SVG, payload, container=container, verify_url=url)


def test_baking_keeps_the_rest_of_the_file_byte_for_byte() -> None:
    original = (
        b'<?xml version="1.0" encoding="UTF-8"?>\r\n'
        b"<!-- made by hand, <svg> in a comment -->\n"
        b'<!DOCTYPE svg [ <!ATTLIST svg note CDATA "a ] b > c"> <!-- ] \' > --> <?pi ] > ?> ]>\n'
        b'<svg note=">" xmlns="http://www.w3.org/2000/svg"\n     viewBox="0 0 1 1" >'
        b"<title>Caf\xc3\xa9 &amp; th\xc3\xa9</title><!-- x --></svg>"
    )
    baked = bake_svg(original, CREDENTIAL, container=OB3_CONTAINER)
    declaration = f' xmlns:openbadges="{OB3}"'.encode()
    element = baked[baked.index(b"<openbadges:") : baked.index(b"<title>")]
    assert baked.replace(declaration, b"", 1).replace(element, b"", 1) == original
    root_tag = b'viewBox="0 0 1 1"' + declaration + b" >"
    assert baked.index(b"<openbadges:credential>") == baked.index(root_tag) + len(root_tag)
    assert unbake_svg(baked).payload == CREDENTIAL


def test_a_prefixed_svg_root_is_baked() -> None:
    original = b'<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:g/></s:svg>'
    baked = bake_svg(original, CREDENTIAL, container=OB3_CONTAINER)
    assert ET.fromstring(baked)[0].tag == f"{{{OB3}}}credential"


def test_a_self_closing_svg_root_is_opened() -> None:
    baked = bake_svg(b'<svg xmlns="http://www.w3.org/2000/svg"/>', JWS, container=OB3_CONTAINER)
    assert (
        baked
        == (
            f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="{OB3}">'
            f'<openbadges:credential verify="{JWS}"/></svg>'
        ).encode()
    )


def test_a_namespace_already_declared_on_the_root_is_not_declared_again() -> None:
    original = SVG.replace(b"<svg ", f"<svg xmlns:openbadges='{OB3}' ".encode())
    baked = bake_svg(original, CREDENTIAL, container=OB3_CONTAINER)
    assert baked.count(b"xmlns:openbadges") == 1
    assert first_child(baked).tag == f"{{{OB3}}}credential"


def test_a_prefix_bound_to_another_namespace_is_declared_on_the_element() -> None:
    with_assertion = bake_svg(SVG, ASSERTION, container=OB2_CONTAINER)
    both = bake_svg(with_assertion, CREDENTIAL, container=OB3_CONTAINER)
    assert f'<openbadges:credential xmlns:openbadges="{OB3}">'.encode() in both
    assert unbake_svg(both) == Baked("svg", OB3_CONTAINER, CREDENTIAL)
    assert unbake_svg(both, container=OB2_CONTAINER) == Baked("svg", OB2_CONTAINER, ASSERTION)


@pytest.mark.parametrize(
    "payload", ["a]]>b", "]]>", "x]]]>y]]>>", "line\r\nend\rx", "]]\r>", "\u2028\u2029 \t tab"]
)
def test_cdata_breakers_and_line_ends_round_trip_exactly(payload: str) -> None:
    baked = bake_svg(SVG, payload, container=OB3_CONTAINER)
    assert first_child(baked).text == payload
    assert unbake_svg(baked).payload == payload


@pytest.mark.parametrize("payload", ["a\x01b", "\ufffe", "x\x1by"])
def test_characters_xml_cannot_hold_are_refused(payload: str) -> None:
    with pytest.raises(BakingError, match="XML cannot hold"):
        bake_svg(SVG, payload, container=OB3_CONTAINER)


def test_baking_the_same_payload_twice_returns_the_image_unchanged() -> None:
    baked = bake_svg(SVG, CREDENTIAL, container=OB3_CONTAINER)
    assert bake_svg(baked, f"  {CREDENTIAL}\n", container=OB3_CONTAINER) == baked


def test_baking_over_a_different_credential_is_refused() -> None:
    baked = bake_svg(SVG, CREDENTIAL, container=OB3_CONTAINER)
    with pytest.raises(BakingError, match="already carries another badge"):
        bake_svg(baked, JWS, container=OB3_CONTAINER)


@pytest.mark.parametrize(
    ("image", "message"),
    [
        (SVG.replace(b"<svg", b'<?xml version="1.0" encoding="ISO-8859-1"?><svg'), "only UTF-8"),
        (SVG.decode().encode("utf-16"), "only UTF-8"),
        (
            ('<?xml version="1.0" encoding="UTF-16"?>' + SVG.decode()).encode("utf-16-le"),
            "only UTF-8",
        ),
        (b'<html xmlns="http://www.w3.org/1999/xhtml"><svg/></html>', "root element is not <svg>"),
        (b"<svg><g></svg>", "not well-formed"),
    ],
)
def test_files_that_cannot_be_baked_are_refused(image: bytes, message: str) -> None:
    with pytest.raises(BakingError, match=message):
        bake_svg(image, CREDENTIAL, container=OB3_CONTAINER)


@pytest.mark.parametrize(
    "wrong_tag",
    [
        None,  # the scan found no start tag although the parser did
        # the scan took <rect/> for the root (and saw the prefix bound elsewhere)
        StartTag(
            b"svg",
            b' xmlns:openbadges="urn:elsewhere"',
            RECT_CLOSE,
            RECT_CLOSE,
            RECT_CLOSE + 2,
            self_closing=False,
        ),
    ],
)
def test_a_root_tag_scan_that_goes_wrong_is_caught_before_returning_a_file(
    monkeypatch: pytest.MonkeyPatch, wrong_tag: StartTag | None
) -> None:
    monkeypatch.setattr(svg, "root_start_tag", lambda data: wrong_tag)
    with pytest.raises(BakingError, match="<svg> tag was not found"):
        bake_svg(SVG, CREDENTIAL, container=OB3_CONTAINER)


def test_a_utf_8_byte_order_mark_is_kept() -> None:
    baked = bake_svg(b"\xef\xbb\xbf" + SVG, CREDENTIAL, container=OB3_CONTAINER)
    assert baked.startswith(b"\xef\xbb\xbf<svg ")
    assert unbake_svg(baked).payload == CREDENTIAL


def test_baking_that_would_pass_the_size_limit_is_refused() -> None:
    image = SVG.replace(b"</svg>", b" " * (MAX_IMAGE_BYTES - len(SVG)) + b"</svg>")
    assert len(image) == MAX_IMAGE_BYTES
    with pytest.raises(BakingError, match="baked image is larger"):
        bake_svg(image, CREDENTIAL, container=OB3_CONTAINER)


# Reading


def test_elements_are_matched_on_namespace_not_on_prefix() -> None:
    image = (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:ob="{OB3}" xmlns:openbadges="urn:other">'
        f"<openbadges:credential>decoy</openbadges:credential>"
        f"<ob:credential>real</ob:credential></svg>"
    ).encode()
    assert unbake_svg(image).payload == "real"


def test_a_badge_element_below_the_first_level_is_found() -> None:
    image = (
        f'<svg xmlns="http://www.w3.org/2000/svg"><metadata>'
        f'<assertion xmlns="{OB2}" verify="https://example.org/a/1"/></metadata></svg>'
    ).encode()
    assert unbake_svg(image) == Baked("svg", OB2_CONTAINER, "https://example.org/a/1")


def test_a_credential_element_in_the_2_0_namespace_is_still_a_credential() -> None:
    image = f'<svg><credential xmlns="{OB2}"><![CDATA[ {{}} ]]></credential></svg>'.encode()
    assert unbake_svg(image) == Baked("svg", OB3_CONTAINER, "{}")


def test_an_open_badges_3_credential_wins_over_an_earlier_2_0_assertion() -> None:
    image = (
        f'<svg xmlns:a="{OB2}" xmlns:c="{OB3}"><a:assertion verify="{JWS}"/>'
        f"<c:credential>{{}}</c:credential></svg>"
    ).encode()
    assert unbake_svg(image).container == OB3_CONTAINER


def test_an_image_without_badge_is_reported_as_such() -> None:
    with pytest.raises(BakingError, match="carries no badge"):
        unbake_svg(SVG)


def test_a_badge_element_above_the_payload_limit_is_refused() -> None:
    body = "x" * (MAX_PAYLOAD_BYTES + 1)
    image = f'<svg xmlns:o="{OB3}"><o:credential>{body}</o:credential></svg>'.encode()
    with pytest.raises(BakingError, match="badge is larger"):
        unbake_svg(image)


def test_a_jws_in_verify_wins_over_a_body() -> None:
    image = f'<svg xmlns:o="{OB3}"><o:credential verify="{JWS}">body</o:credential></svg>'
    assert unbake_svg(image.encode()).payload == JWS


def test_an_empty_badge_element_is_reported() -> None:
    image = f'<svg xmlns:o="{OB3}"><o:credential verify=" "> </o:credential></svg>'.encode()
    with pytest.raises(BakingError, match="badge element is empty"):
        unbake_svg(image)


# Hostile files

XXE = (
    b'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:o="https://purl.imsglobal.org/ob/v3p0">'
    b"<o:credential>&xxe;</o:credential></svg>"
)
LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE svg [\n <!ENTITY lol0 "lol">\n'
    + b"".join(b' <!ENTITY lol%d "%s">\n' % (n, b"&lol%d;" % (n - 1) * 10) for n in range(1, 10))
    + b']>\n<svg xmlns="http://www.w3.org/2000/svg">&lol9;</svg>'
)
PARAMETER_ENTITY = (
    b'<!DOCTYPE svg [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>'
    b'<svg xmlns="http://www.w3.org/2000/svg"/>'
)


@pytest.mark.parametrize("image", [XXE, LAUGHS, PARAMETER_ENTITY], ids=["xxe", "laughs", "param"])
def test_entity_declarations_are_refused_not_expanded(image: bytes) -> None:
    with pytest.raises(BakingError, match="declares XML entities") as error:
        unbake_svg(image)
    assert "entités" in error.value.text.fr
    with pytest.raises(BakingError, match="declares XML entities"):
        bake_svg(image, CREDENTIAL, container=OB3_CONTAINER)


def test_more_elements_than_the_cap_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(svg_parse, "MAX_SVG_ELEMENTS", 10)
    with pytest.raises(BakingError, match="no badge"):
        unbake_svg(b"<svg>" + b"<g/>" * 9 + b"</svg>")
    with pytest.raises(BakingError, match="more than 10 elements"):
        unbake_svg(b"<svg>" + b"<g/>" * 10 + b"</svg>")


@pytest.mark.parametrize(
    "image",
    [
        b"",
        b"<svg",
        b"<svg><g></svg>",
        b'<?xml version="1.0" encoding="no-such-codec"?><svg/>',
        b"<svg>&undeclared;</svg>",
        b"<svg>\xff</svg>",
    ],
)
def test_malformed_xml_is_refused(image: bytes) -> None:
    with pytest.raises(BakingError, match="SVG file cannot be used"):
        unbake_svg(image)


def test_an_image_above_the_size_limit_is_refused_before_parsing() -> None:
    with pytest.raises(BakingError, match="20 MiB limit"):
        unbake_svg(b"<svg>" + b" " * MAX_IMAGE_BYTES + b"</svg>")
