"""Accessibility smoke checks on the main pages, as Chromium renders them (RGAA basics).

Each page: ``<html lang>``, a title, exactly one ``<h1>``, a name for every control, link and
image (from Chromium's accessibility tree), help texts that are really announced, text
contrast (WCAG AA), badge pictures described by the badge's name and its issuer's, and a
working skip link. A screenshot of each page is kept in ``screenshots/`` (look at them). The
badge editor is also filled in and submitted with the keyboard alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from insigne.web.awards.actions import award_badge, start_import
from insigne.web.awards.issuance import Recipient
from insigne.web.badges.models import BadgeVersion
from tests.web.conftest import Cast

from .accessibility import badge_images, badge_images_wrongly_described, page_problems
from .conftest import Site


@dataclass
class Scene:
    cast: Cast
    version: BadgeVersion
    award_id: str
    claim_path: str
    import_id: str

    @property
    def org_path(self) -> str:
        return f"/organisations/{self.cast.organisation.slug}/"

    @property
    def badge_path(self) -> str:
        return f"{self.org_path}badges/{self.version.badge.public_id}/"


@pytest.fixture
def scene(cast: Cast, grouped_badge: BadgeVersion) -> Scene:
    award = award_badge(
        grouped_badge,
        Recipient(
            email=cast.learner.email,
            name="Camille Roux",
            levels={"Travailler en équipe": "Maîtrise", "Communiquer": "Application"},
            narrative="A animé les réunions d'équipe du projet.",
        ),
        by=cast.owner,
    )
    rows = "courriel;nom;Travailler en équipe\nun@exemple.fr;Un;1\nfaux;Deux;Expert\n"
    preview, _created = start_import(
        grouped_badge, name="liste.csv", data=rows.encode("utf-8"), by=cast.owner
    )
    claim_path = f"/reclamer/{award.claim_token}"
    return Scene(cast, grouped_badge, str(award.public_id), claim_path, str(preview.public_id))


@dataclass(frozen=True)
class MainPage:
    name: str
    path: Callable[[Scene], str]
    who: str | None  # the member of the cast who opens it; None: an anonymous visitor
    claimed: bool = False  # opened by the learner, after the claim link of their e-mail


MAIN_PAGES = [
    MainPage("home", lambda s: "/", None),
    MainPage("sign-up", lambda s: "/compte/signup/", None),
    MainPage("verifier", lambda s: "/verifier", None),
    MainPage("organisation-home", lambda s: s.org_path, "owner"),
    MainPage("badge-list", lambda s: s.org_path + "badges/", "owner"),
    MainPage("badge-detail", lambda s: s.badge_path, "owner"),
    MainPage("badge-editor-new", lambda s: s.org_path + "badges/nouveau/", "owner"),
    MainPage("badge-editor-edit", lambda s: s.badge_path + "modifier/", "owner"),
    MainPage("award-form", lambda s: s.badge_path + "attribuer/", "owner"),
    MainPage("import-form", lambda s: s.badge_path + "importer/", "owner"),
    MainPage("import-preview", lambda s: s.org_path + f"imports/{s.import_id}/", "owner"),
    MainPage("award-staff-page", lambda s: s.org_path + f"attributions/{s.award_id}/", "owner"),
    MainPage("claim-page", lambda s: s.claim_path, None),
    MainPage("award-public-page", lambda s: f"/b/{s.award_id}", None, claimed=True),
    MainPage(
        "badge-public-page",
        lambda s: f"/badges/{s.version.badge.public_id}/v{s.version.number}",
        None,
    ),
]


@pytest.mark.parametrize("main_page", MAIN_PAGES, ids=[p.name for p in MAIN_PAGES])
def test_main_page_passes_the_accessibility_smoke_checks(
    site: Site, scene: Scene, main_page: MainPage, screenshots: Path
) -> None:
    user = getattr(scene.cast, main_page.who) if main_page.who else None
    page = site.page(user=user)
    if main_page.claimed:
        page.goto(scene.claim_path)
    response = page.goto(main_page.path(scene))
    assert response is not None and response.status == 200, response and response.status
    page.wait_for_load_state("networkidle")
    page.screenshot(path=screenshots / f"{main_page.name}.png", full_page=True)

    problems = page_problems(page)
    if badge_images(page):
        problems += [
            f"badge image alt text lacks the badge or issuer name: {item}"
            for item in badge_images_wrongly_described(
                page, scene.version.name, scene.cast.organisation.name
            )
        ]
    assert not problems, "\n".join(problems)


def test_the_verifier_result_passes_the_accessibility_smoke_checks(
    site: Site, scene: Scene, screenshots: Path, tmp_path: Path
) -> None:
    learner = site.page()
    learner.goto(scene.claim_path)
    response = learner.request.get(f"/b/{scene.award_id}/telecharger/badge.png")
    assert response.ok
    baked = tmp_path / "badge.png"
    baked.write_bytes(response.body())

    page = site.page()
    page.goto("/verifier")
    page.get_by_label("Fichier du badge").set_input_files(baked)
    page.get_by_role("button", name="Vérifier", exact=True).click()
    result = page.get_by_role("region", name="Résultat de la vérification")
    # The script gives the result the focus, so a screen reader announces it.
    expect(result).to_be_focused()
    page.screenshot(path=screenshots / "verifier-result.png", full_page=True)
    problems = page_problems(page, skip_link=False)
    assert not problems, "\n".join(problems)


def tab_to(page: Page, selector: str, limit: int = 250) -> None:
    """Press Tab until the element matching ``selector`` has the focus (fail if never)."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement?.matches(s) ?? false", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def test_badge_editor_is_filled_and_submitted_with_the_keyboard_alone(
    site: Site, cast: Cast, screenshots: Path
) -> None:
    page = site.page(user=cast.editor)
    page.goto(f"/organisations/{cast.organisation.slug}/badges/nouveau/")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Enter")

    tab_to(page, "[name=name]")
    page.keyboard.type("Accueillir le public")
    tab_to(page, "[name=description]")
    page.keyboard.type("Accueille le public avec attention.")
    tab_to(page, "[name=criteria]")
    page.keyboard.type("A tenu l'accueil pendant un mois.")
    tab_to(page, "[name='competences-0-name']")
    page.keyboard.type("Écouter")
    tab_to(page, "[name='competences-0-levels']")
    page.keyboard.type("Débutant")
    page.keyboard.press("Enter")
    page.keyboard.type("Confirmé")

    # "Add a competence" with the keyboard: the new competence's first field gets the focus.
    tab_to(page, "#add-competence")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.name") == "competences-1-name"
    page.keyboard.type("Renseigner")
    expect(page.get_by_role("status").filter(has_text="Compétence ajoutée")).to_have_count(1)

    # The designer: arrow keys move between the shapes.
    tab_to(page, "[name='design-shape']:checked")
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("radio", name="Hexagone")).to_be_checked()
    tab_to(page, "[name='design-line1']")
    page.keyboard.type("Accueil")
    page.screenshot(path=screenshots / "badge-editor-keyboard.png", full_page=True)
    page.keyboard.press("Enter")  # Enter in a text field saves the badge

    expect(page.get_by_role("heading", level=1)).to_have_text("Accueillir le public")
    expect(page.get_by_role("status")).to_contain_text(re.compile("est créé"))
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", name="Écouter", level=3)).to_be_visible()
    expect(main.get_by_role("heading", name="Renseigner", level=3)).to_be_visible()
    expect(main).to_contain_text("Confirmé")


def test_each_competence_and_its_action_buttons_are_named_apart_in_the_editor(
    site: Site, cast: Cast
) -> None:
    page = site.page(user=cast.editor)
    page.goto(f"/organisations/{cast.organisation.slug}/badges/nouveau/")
    page.get_by_role("button", name="Ajouter une compétence").click()
    for number in (1, 2):
        expect(page.get_by_role("group", name=f"Compétence {number}", exact=True)).to_have_count(1)
        actions = page.get_by_role("group", name=f"Actions sur la compétence {number}")
        expect(
            actions.get_by_role("button", name=f"Retirer la compétence {number}")
        ).to_be_visible()
