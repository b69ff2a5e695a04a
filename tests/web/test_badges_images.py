"""Uploaded badge images: PNG checks and re-encoding, the SVG sanitiser, the rasteriser."""

from __future__ import annotations

import base64
import io
import struct
import zlib

import pytest
from PIL import Image

from insigne.web.badges import rasterise
from insigne.web.badges.svg_sanitiser import UnsafeSvgError, sanitise_svg
from insigne.web.badges.uploads import (
    MAX_BYTES,
    ImageRefusedError,
    normalise_png,
    read_upload,
)

from .images import PNG_64, SVG, png

SVG_HEAD = b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="200">'  # noqa: E501
CIRCLE = b'<circle cx="100" cy="100" r="90" fill="#0b5cad"/>'


def svg(body: bytes) -> bytes:
    return SVG_HEAD + body + b"</svg>"


def size_of(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as image:
        return image.size


# PNG -----------------------------------------------------------------------------------------


def test_png_is_reencoded_without_foreign_chunks() -> None:
    baked = png(120, 120)
    # An iTXt chunk as another platform's baked badge would carry, before IEND.
    chunk = b"iTXt" + b"openbadges\x00\x00\x00\x00\x00{}"
    data = struct.pack(">I", len(chunk) - 4) + chunk + struct.pack(">I", zlib.crc32(chunk))
    baked = baked[:-12] + data + baked[-12:]
    assert b"openbadges" in baked
    image = read_upload(baked)
    assert b"openbadges" not in image.png
    assert size_of(image.png) == (120, 120)
    assert image.svg == ""


def test_png_larger_than_2048_is_reduced_to_2048() -> None:
    image = read_upload(png(3000, 1500))
    assert size_of(image.png) == (2048, 1024)


def test_png_smaller_than_90_pixels_is_refused_with_its_size() -> None:
    with pytest.raises(ImageRefusedError) as refused:
        read_upload(PNG_64)
    assert "64×64" in refused.value.message
    assert "90×90" in refused.value.message


def test_file_over_2_mb_is_refused_before_decoding() -> None:
    with pytest.raises(ImageRefusedError) as refused:
        read_upload(b"\x89PNG\r\n\x1a\n" + b"\x00" * MAX_BYTES)
    assert "2 Mo" in refused.value.message


def test_png_bomb_is_refused_from_its_header() -> None:
    # A valid header announcing 20000×20000 pixels: refused before any pixel is decoded.
    small = png(1, 1)
    ihdr = b"IHDR" + struct.pack(">IIBBBBB", 20000, 20000, 8, 2, 0, 0, 0)
    bomb = small[:12] + ihdr + struct.pack(">I", zlib.crc32(ihdr)) + small[33:]
    with pytest.raises(ImageRefusedError) as refused:
        normalise_png(bomb)
    assert "trop grand" in refused.value.message


def test_truncated_png_is_refused() -> None:
    with pytest.raises(ImageRefusedError) as refused:
        read_upload(png(120, 120)[:60])
    assert "illisible" in refused.value.message


@pytest.mark.parametrize(
    "data",
    [b"GIF89a" + b"\x00" * 100, b"\xff\xd8\xff\xe0" + b"\x00" * 100, b"%PDF-1.7", b"bonjour"],
)
def test_other_formats_are_refused_by_their_content(data: bytes) -> None:
    with pytest.raises(ImageRefusedError) as refused:
        read_upload(data)
    assert "PNG ou SVG" in refused.value.message


def test_empty_file_is_refused() -> None:
    with pytest.raises(ImageRefusedError):
        read_upload(b"")


# SVG sanitiser ----------------------------------------------------------------------------------


def test_clean_svg_keeps_its_drawing() -> None:
    clean = sanitise_svg(SVG)
    assert "<circle" in clean.text
    assert clean.removed == []
    assert (clean.width, clean.height) == (64, 64)


def test_scripts_and_event_handlers_are_removed() -> None:
    clean = sanitise_svg(
        svg(
            b'<script>alert(1)</script><g onclick="alert(2)">' + CIRCLE + b"</g>"
            b'<rect width="10" height="10" onload="alert(3)" onmouseover="x()"/>'
        )
    )
    assert "script" not in clean.text
    assert "alert" not in clean.text
    assert "onload" not in clean.text and "onclick" not in clean.text
    assert {"<script>", "onclick", "onload", "onmouseover"} <= set(clean.removed)


def test_foreign_object_and_its_html_are_removed() -> None:
    clean = sanitise_svg(
        svg(
            b'<foreignObject width="100" height="100"><body xmlns="http://www.w3.org/1999/xhtml">'
            b'<iframe src="https://evil.example"/></body></foreignObject>' + CIRCLE
        )
    )
    assert "foreignObject" not in clean.text
    assert "iframe" not in clean.text
    assert "<foreignObject>" in clean.removed


def test_external_references_are_removed_and_fragments_kept() -> None:
    clean = sanitise_svg(
        svg(
            b'<defs><circle id="dot" r="5"/></defs>'
            b'<use href="#dot" x="20" y="20"/>'
            b'<use xlink:href="https://evil.example/sprite.svg#dot"/>'
            b'<image href="https://evil.example/track.png" width="10" height="10"/>'
            b'<image href="file:///etc/passwd" width="10" height="10"/>'
            b'<a href="javascript:alert(1)">' + CIRCLE + b"</a>"
        )
    )
    assert 'href="#dot"' in clean.text
    assert "evil.example" not in clean.text
    assert "file:" not in clean.text
    assert "javascript" not in clean.text
    assert "<a>" in clean.removed  # links are not drawings


def test_embedded_png_is_kept_only_when_it_is_a_real_small_png() -> None:
    good = base64.b64encode(png(10, 10)).decode()
    fake = base64.b64encode(b"<script>alert(1)</script>").decode()
    clean = sanitise_svg(
        svg(
            f'<image href="data:image/png;base64,{good}" width="10" height="10"/>'
            f'<image href="data:image/png;base64,{fake}" width="10" height="10"/>'
            f'<image href="data:text/html;base64,{fake}" width="10" height="10"/>'.encode()
        )
    )
    assert clean.text.count("<image") == 1
    assert good in clean.text


def test_styles_with_external_urls_are_removed_and_local_urls_kept() -> None:
    clean = sanitise_svg(
        svg(
            b"<style>.a{fill:url(https://evil.example/x)}</style>"
            b'<linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>'
            b'<rect width="10" height="10" fill="url(#g)" style="stroke:url(#g)"/>'
            b'<rect width="10" height="10" style="background:url(//evil.example/t.png)"/>'
            b'<rect width="10" height="10" fill="url(https://evil.example/p)"/>'
            b'<rect width="10" height="10" style="fill:\\75 rl(x)"/>'
            b"<style>@import 'https://evil.example/a.css';</style>"
        )
    )
    assert "evil.example" not in clean.text
    assert "@import" not in clean.text
    assert 'fill="url(#g)"' in clean.text
    assert 'style="stroke:url(#g)"' in clean.text
    assert "<style>" in clean.removed


def test_xxe_and_entities_are_refused() -> None:
    xxe = b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + svg(
        b"<text>&x;</text>"
    )
    with pytest.raises(UnsafeSvgError) as refused:
        sanitise_svg(xxe)
    assert "DTD" in refused.value.message


def test_billion_laughs_is_refused_without_expanding() -> None:
    lol = b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "lol">' + b"".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(9)
    )
    with pytest.raises(UnsafeSvgError):
        sanitise_svg(lol + b"]>" + svg(b"<text>&j;</text>"))


def test_nested_use_bomb_is_defused() -> None:
    # Each level uses the previous one ten times: 10^6 copies if rendered as written.
    levels = [b'<g id="l0">' + CIRCLE + b"</g>"]
    for level in range(1, 7):
        uses = b"".join(f'<use href="#l{level - 1}"/>'.encode() for _ in range(10))
        levels.append(f'<g id="l{level}">'.encode() + uses + b"</g>")
    clean = sanitise_svg(svg(b"<defs>" + b"".join(levels) + b"</defs>" + CIRCLE))
    # Only the uses that point at a group without uses (level 1 -> level 0) survive.
    assert clean.text.count("<use") == 10
    assert "<use>" in clean.removed


def test_too_many_elements_are_refused() -> None:
    with pytest.raises(UnsafeSvgError) as refused:
        sanitise_svg(svg(b'<rect width="1" height="1"/>' * 6000))
    assert "trop d'éléments" in refused.value.message


def test_too_deep_nesting_is_refused() -> None:
    with pytest.raises(UnsafeSvgError):
        sanitise_svg(svg(b"<g>" * 100 + CIRCLE + b"</g>" * 100))


@pytest.mark.parametrize(
    "data",
    [b"<svg", b"<html><body>hi</body></html>", b'<svg xmlns="http://example.com/other"/>'],
)
def test_malformed_or_foreign_xml_is_refused(data: bytes) -> None:
    with pytest.raises(UnsafeSvgError):
        sanitise_svg(data)


def test_svg_with_nothing_left_to_draw_is_refused() -> None:
    with pytest.raises(UnsafeSvgError) as refused:
        sanitise_svg(svg(b"<script>alert(1)</script>"))
    assert "rien à dessiner" in refused.value.message


def test_editor_metadata_is_dropped_silently() -> None:
    inkscape = (
        b'<svg xmlns="http://www.w3.org/2000/svg" '
        b'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" '
        b'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" viewBox="0 0 10 10">'
        b"<sodipodi:namedview/><metadata/>"
        b'<g inkscape:label="Calque 1"><rect width="10" height="10"/></g></svg>'
    )
    clean = sanitise_svg(inkscape)
    assert clean.removed == []
    assert "inkscape" not in clean.text and "sodipodi" not in clean.text


def test_sanitised_svg_is_stable() -> None:
    once = sanitise_svg(
        svg(b"<g>" + CIRCLE + "<text x='1' y='2'>Équipe &amp; co</text></g>".encode())
    )
    twice = sanitise_svg(once.text.encode())
    assert twice.text == once.text
    assert "Équipe &amp; co" in once.text


# SVG upload -> PNG ------------------------------------------------------------------------------


@pytest.mark.skipif(not rasterise.AVAILABLE, reason="resvg-py is not installed")
def test_svg_upload_is_sanitised_and_drawn_as_png() -> None:
    image = read_upload(svg(b"<script>alert(1)</script>" + CIRCLE))
    assert "script" not in image.svg
    assert size_of(image.png) == (512, 512)
    assert image.notes and "script" in image.notes[0]
    with Image.open(io.BytesIO(image.png)) as picture:
        assert picture.convert("RGB").getpixel((256, 256)) == (11, 92, 173)  # the circle's blue


def test_svg_without_rasteriser_needs_a_png_beside_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rasterise, "AVAILABLE", False)
    with pytest.raises(ImageRefusedError) as refused:
        read_upload(svg(CIRCLE))
    assert "version PNG" in refused.value.message
    image = read_upload(svg(CIRCLE), companion_png=png(100, 100))
    assert size_of(image.png) == (100, 100)
    assert "<circle" in image.svg


def test_companion_that_is_not_a_png_is_refused() -> None:
    with pytest.raises(ImageRefusedError) as refused:
        read_upload(svg(CIRCLE), companion_png=SVG)
    assert "PNG" in refused.value.message


@pytest.mark.skipif(not rasterise.AVAILABLE, reason="resvg-py is not installed")
def test_huge_declared_svg_size_still_renders_at_512() -> None:
    huge = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000">'
        b'<rect width="100000" height="100000" fill="#1d6b2f"/></svg>'
    )
    assert size_of(read_upload(huge).png) == (512, 512)
