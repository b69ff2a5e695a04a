"""The badge actions, called directly as the demo seeding or a command would."""

from __future__ import annotations

from dataclasses import replace

import pytest

from insigne.web.badges import actions
from insigne.web.badges.content import BadgeContent, CompetenceContent, content_of
from insigne.web.badges.design_png import design_png
from insigne.web.badges.designer import Design, design_svg
from insigne.web.badges.uploads import BadgeImage
from insigne.web.issuers.models import Unit

from .conftest import Cast, make_badge
from .images import PNG_64


def content(**changes: object) -> BadgeContent:
    base = BadgeContent(
        name="Communiquer",
        description="Communique de façon adaptée.",
        criteria="A présenté un projet.",
        competences=(CompetenceContent(name="À l'oral", levels=("Un", "Deux")),),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


IMAGE = BadgeImage(png=PNG_64)


def test_create_badge_writes_version_1_with_its_competences(cast: Cast) -> None:
    version = actions.create_badge(cast.organisation, cast.owner, content(), IMAGE)
    assert version.number == 1
    assert content_of(version) == content()


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"name": "  "}, "name"),
        ({"competences": tuple(CompetenceContent(name=f"C{i}") for i in range(21))}, "20"),
        ({"competences": (CompetenceContent(name="A"), CompetenceContent(name="a"))}, "same"),
        ({"competences": (CompetenceContent(name="A", levels=("x", "X")),)}, "levels"),
        ({"certification_code": "RS12AB", "certification_title": "x"}, "certification"),
        ({"certification_code": "RS1234", "certification_title": ""}, "title"),
    ],
)
def test_create_badge_refuses_what_the_forms_refuse(
    cast: Cast, changes: dict[str, object], reason: str
) -> None:
    with pytest.raises(ValueError, match=reason):
        actions.create_badge(cast.organisation, cast.owner, content(**changes), IMAGE)


def test_create_badge_refuses_a_unit_of_another_organisation(cast: Cast) -> None:
    foreign = Unit.objects.create(organisation=cast.other, name="Ailleurs")
    with pytest.raises(ValueError, match="unit"):
        actions.create_badge(cast.organisation, cast.owner, content(), IMAGE, unit=foreign)


def test_edit_in_place_replaces_competences_and_image(cast: Cast) -> None:
    version = make_badge(cast.organisation)
    design = Design(pictogram="boussole")
    image = BadgeImage(png=design_png(design), svg=design_svg(design), design=design.as_json())
    result = actions.edit_badge(version.badge, cast.editor, content(), image)
    assert (result.new_version, result.changed) == (False, True)
    version.refresh_from_db()
    assert content_of(version) == content()
    assert version.design["pictogram"] == "boussole"


def test_archive_and_unarchive(cast: Cast) -> None:
    version = make_badge(cast.organisation)
    actions.archive_badge(version.badge)
    version.badge.refresh_from_db()
    assert version.badge.archived
    actions.unarchive_badge(version.badge)
    version.badge.refresh_from_db()
    assert not version.badge.archived
