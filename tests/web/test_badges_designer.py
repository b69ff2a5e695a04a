"""The built-in designer: parameters, checks, and the SVG and PNG it draws."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from insigne.web.badges import fonts, rasterise
from insigne.web.badges.design_png import design_png
from insigne.web.badges.designer import (
    MIN_CONTRAST,
    PALETTES,
    SHAPES,
    Design,
    contrast,
    design_svg,
    problems,
)
from insigne.web.badges.pictograms import PICTOGRAMS
from insigne.web.badges.svg_sanitiser import sanitise_svg

pytestmark = pytest.mark.django_db(databases=[])


def picture(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


@pytest.mark.parametrize("key", list(PALETTES))
def test_every_preset_palette_has_text_contrast(key: str) -> None:
    _label, background, foreground = PALETTES[key]
    assert contrast(background, foreground) >= MIN_CONTRAST


def test_contrast_ratio_matches_wcag_examples() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_low_contrast_custom_colours_are_refused_with_the_ratio() -> None:
    found = problems(Design(palette="perso", background="#ffffff", foreground="#ffff00"))
    assert "1,0:1" in found["foreground"]  # 1.07, shown truncated: never rounded up to 4,5


def test_bad_parameters_are_reported_per_field() -> None:
    found = problems(
        Design(shape="triangle", pictogram="licorne", background="red", line1="x" * 41)
    )
    assert set(found) == {"shape", "pictogram", "background", "line1"}


def test_text_too_wide_for_the_banner_is_refused() -> None:
    assert "line1" in problems(Design(line1="W" * 40))
    assert problems(Design(line1="Travailler en équipe", line2="Atelier de Lyon 2025")) == {}


@pytest.mark.parametrize("shape", list(SHAPES))
@pytest.mark.parametrize("pictogram", list(PICTOGRAMS))
def test_every_shape_and_pictogram_draws_a_512_png(shape: str, pictogram: str) -> None:
    image = picture(design_png(Design(shape=shape, pictogram=pictogram, line1="Équipe")))
    assert image.size == (512, 512)
    assert image.mode == "RGBA"
    assert image.getpixel((1, 1))[3] == 0  # transparent outside the shape, corners included


def test_png_has_the_chosen_colours() -> None:
    design = Design(palette="vert", background="#1d6b2f", foreground="#ffffff", pictogram="aucun")
    image = picture(design_png(design)).convert("RGB")
    assert image.getpixel((256, 256)) == (29, 107, 47)  # the background, at the centre
    assert image.getpixel((256, 10)) == (255, 255, 255)  # the outer rim, foreground colour


def test_svg_is_a_safe_svg_that_the_sanitiser_keeps_whole() -> None:
    text = design_svg(Design(pictogram="ampoule", line1="Idées & <projets>", line2="2025"))
    clean = sanitise_svg(text.encode())
    assert clean.removed == []
    assert "Idées &amp; &lt;projets&gt;" in text
    assert "<script" not in text


def test_svg_numbers_are_not_localised() -> None:
    text = design_svg(Design(shape="hexagone"))  # in French, where 474.24 is written 474,24
    assert "," in text  # points are "x,y" pairs...
    assert "474.24" in text  # ...with decimal points, never decimal commas


@pytest.mark.skipif(not rasterise.AVAILABLE, reason="resvg-py is not installed")
@pytest.mark.parametrize("shape", list(SHAPES))
def test_svg_and_png_look_alike(shape: str) -> None:
    design = Design(shape=shape, pictogram="equipe", line1="Travail en équipe", line2="2025")
    from_pillow = picture(design_png(design)).convert("RGBA")
    from_svg = picture(rasterise.svg_to_png(design_svg(design))).convert("RGBA")
    from PIL import ImageChops

    difference = ImageChops.difference(from_pillow, from_svg).convert("L")
    differing = sum(difference.histogram()[65:])
    # Edges and glyph hinting differ by a pixel here and there; the drawing is the same.
    assert differing / (512 * 512) < 0.03


def test_design_round_trips_through_json() -> None:
    design = Design(shape="blason", palette="nuit", background="#1b2a4a", foreground="#f2c14e")
    assert Design.from_json(design.as_json()) == design


def test_unreadable_stored_design_falls_back_to_the_default() -> None:
    assert Design.from_json({"shape": "triangle"}) == Design()
    assert Design.from_json(None) == Design()


def test_font_falls_back_to_pillows_own_when_dejavu_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fonts, "CANDIDATES", ("/nonexistent/font.ttf",))
    fonts.font_path.cache_clear()
    fonts.font.cache_clear()
    try:
        assert fonts.font_path() is None
        assert fonts.text_width("Équipe", 40) > 0
        assert picture(design_png(Design(line1="Équipe"))).size == (512, 512)
    finally:
        fonts.font_path.cache_clear()
        fonts.font.cache_clear()
