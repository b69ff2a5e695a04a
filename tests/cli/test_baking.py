"""``insigne bake`` and ``unbake``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from insigne.core.verify import verify
from tests.core.test_baking_png import png_file
from tests.core.test_baking_svg import SVG

from .support import (
    EXAMPLE,
    NOW,
    NOW_TEXT,
    issue_file,
)


@pytest.mark.parametrize(("image", "suffix"), [(png_file(), "png"), (SVG, "svg")])
def test_bake_and_unbake_round_trip(
    tmp_path: Path, cli: Any, key_file: Path, image: bytes, suffix: str
) -> None:
    credential = issue_file(cli, key_file, tmp_path)
    source = tmp_path / f"image.{suffix}"
    source.write_bytes(image)
    baked = tmp_path / f"baked.{suffix}"
    run = cli("bake", "--credential", credential, "--image", source, "--out", baked)
    assert run.code == 0, run.err
    unbaked = cli("unbake", baked)
    assert unbaked.code == 0
    assert json.loads(unbaked.out) == json.loads(credential.read_text("utf-8"))
    assert unbaked.err.strip() == f"{suffix}: openbadgecredential"
    result = verify(baked.read_bytes(), now=NOW)
    assert result.verified and result.container == suffix
    assert cli("verify", baked, "--now", NOW_TEXT).code == 0


def test_bake_refuses_to_bake_over_another_badge(tmp_path: Path, cli: Any, key_file: Path) -> None:
    first = issue_file(cli, key_file, tmp_path)
    second = tmp_path / "second.json"
    assert cli("issue", EXAMPLE, "--key", key_file, "--now", NOW_TEXT, "--out", second).code == 0
    source = tmp_path / "image.png"
    source.write_bytes(png_file())
    baked = tmp_path / "baked.png"
    assert cli("bake", "--credential", first, "--image", source, "--out", baked).code == 0
    again = tmp_path / "again.png"
    run = cli("bake", "--credential", second, "--image", baked, "--out", again)
    assert run.code == 1
    assert run.err.startswith("insigne: ")
    assert not again.exists()


def test_bake_refuses_a_file_that_is_not_an_image(tmp_path: Path, cli: Any, key_file: Path) -> None:
    credential = issue_file(cli, key_file, tmp_path)
    out = tmp_path / "out.png"
    run = cli("bake", "--credential", credential, "--image", credential, "--out", out)
    assert run.code == 1
    assert "neither a PNG nor an SVG" in run.err
    assert not out.exists()


def test_unbake_of_an_image_without_badge_exits_1(tmp_path: Path, cli: Any) -> None:
    image = tmp_path / "plain.png"
    image.write_bytes(png_file())
    run = cli("unbake", image)
    assert run.code == 1
    assert "no badge" in run.err
    assert run.out == ""
