"""What each role sees and may open, in the browser: controls a role cannot use are not
offered, their addresses answer 403, and an outsider cannot tell the organisation exists."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from insigne.web.badges.models import BadgeVersion
from tests.web.conftest import Cast

from .conftest import Site

EDIT = re.compile("Modifier le badge")
AWARD_CONTROLS = (re.compile("Attribuer à une personne"), re.compile("Attribuer à partir"))


def badge_url(cast: Cast, version: BadgeVersion) -> str:
    return f"/organisations/{cast.organisation.slug}/badges/{version.badge.public_id}/"


def controls(page: Page, name: re.Pattern[str]) -> int:
    """How many links or buttons of the page's main part are called ``name``."""
    main = page.get_by_role("main")
    return sum(main.get_by_role(role, name=name).count() for role in ("link", "button"))


def test_awarder_sees_no_modify_control_and_gets_403_on_the_edit_page(
    site: Site, cast: Cast, grouped_badge: BadgeVersion
) -> None:
    page = site.page(user=cast.awarder)
    page.goto(badge_url(cast, grouped_badge))
    expect(page.get_by_role("heading", level=1)).to_have_text(grouped_badge.name)
    expect(page.get_by_role("link", name=AWARD_CONTROLS[0])).to_be_visible()  # the awarder's job
    assert controls(page, EDIT) == 0
    assert controls(page, re.compile("^Archiver")) == 0
    page.goto(f"/organisations/{cast.organisation.slug}/badges/")
    assert controls(page, re.compile("Créer un badge")) == 0

    response = page.goto(badge_url(cast, grouped_badge) + "modifier/")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Accès refusé")
    response = page.goto(f"/organisations/{cast.organisation.slug}/badges/nouveau/")
    assert response is not None and response.status == 403


def test_editor_sees_no_award_or_import_control(
    site: Site, cast: Cast, grouped_badge: BadgeVersion
) -> None:
    page = site.page(user=cast.editor)
    page.goto(f"/organisations/{cast.organisation.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(cast.organisation.name)
    assert controls(page, re.compile("^Attributions$")) == 0

    page.goto(badge_url(cast, grouped_badge))
    expect(page.get_by_role("link", name=EDIT)).to_be_visible()  # the editor's job
    offered = [name.pattern for name in AWARD_CONTROLS if controls(page, name)]
    for path in ("attribuer/", "importer/"):
        response = page.goto(badge_url(cast, grouped_badge) + path)
        assert response is not None and response.status == 403, path
    assert not offered, f"the editor is offered award controls it cannot use: {offered}"


def test_outsider_gets_404_on_the_organisations_pages(
    site: Site, cast: Cast, grouped_badge: BadgeVersion
) -> None:
    page = site.page(user=cast.outsider)
    slug = cast.organisation.slug
    badge = badge_url(cast, grouped_badge)
    for path in (
        f"/organisations/{slug}/",
        f"/organisations/{slug}/badges/",
        badge,
        badge + "modifier/",
        badge + "attribuer/",
        badge + "importer/",
        f"/organisations/{slug}/attributions/",
        f"/organisations/{slug}/equipe/",
        f"/organisations/{slug}/cles/",
        f"/organisations/{slug}/tableau-de-bord/",
    ):
        response = page.goto(path)
        assert response is not None and response.status == 404, path
        expect(page.get_by_role("heading", level=1)).to_have_text("Page introuvable")
        expect(page.get_by_role("main")).not_to_contain_text(cast.organisation.name)
    # The outsider's own organisation is still theirs.
    response = page.goto(f"/organisations/{cast.other.slug}/")
    assert response is not None and response.status == 200
