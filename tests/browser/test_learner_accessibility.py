"""Accessibility smoke checks on the learner's pages, on a desktop screen and on a phone.

The checks of ``accessibility.py`` (language, title, one ``<h1>``, names from Chromium's
accessibility tree, text alternatives, announced help, contrast, skip link), the badge
pictures described by the badge's name and its issuer's, and, on a 360 px wide phone, no
page wider than the screen (WCAG 1.4.10, reflow). The backpack is a full one: two Insigne
badges (one public, with the holder's reflection and evidence), two badges imported from
the published test suites, and a public collection. A screenshot of each page is kept in
``screenshots/``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from insigne.web.awards.models import Award
from insigne.web.backpack.actions import (
    EvidenceInput,
    add_evidence,
    add_to_collection,
    create_collection,
    save_reflection,
)
from insigne.web.badges.models import BadgeVersion
from insigne.web.claims.actions import create_link
from insigne.web.external.actions import import_badge, set_public
from tests.web.conftest import Cast, make_badge
from tests.web.images import PNG_64
from tests.web.test_external_support import Outside, outside_fixture  # noqa: F401
from tests.web.test_public_support import award_for

from .accessibility import page_problems
from .conftest import Site

EDTECH_PNG = "1edtech-validator/ob30/simple-json.png"
DCC_JSON = (
    "dcc-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey/"
    "legacyRegistry-noStatus-noExpiry-alignments.json"
)
VIEWPORTS = {"desktop": (1280, 900), "phone": (360, 740)}


@dataclass
class Backpack:
    cast: Cast
    shared: Award  # public, with the holder's reflection and evidence
    private: Award
    imported: str  # public ids of the imported badges: the 1EdTech PNG, the DCC JSON
    imported_json: str
    collection: str
    event_token: str


@pytest.fixture
def backpack(cast: Cast, grouped_badge: BadgeVersion, vectors: Path, outside: Outside) -> Backpack:
    learner = cast.learner
    shared = award_for(cast, grouped_badge, public=True, linked=True)
    save_reflection(learner, shared, "Ce projet m'a appris à écouter avant de proposer.")
    add_evidence(
        learner,
        shared,
        EvidenceInput(
            title="Compte rendu du projet",
            url="https://portfolio.example/projet",
            description="Le bilan présenté au jury.",
        ),
    )
    other = make_badge(cast.organisation, name="Accueillir le public", certification=None)
    private = award_for(cast, other, linked=True, email=learner.email)
    png = import_badge(learner, (vectors / EDTECH_PNG).read_bytes(), name="teamwork.png").badge
    dcc = import_badge(learner, (vectors / DCC_JSON).read_bytes(), name="diplome.json").badge
    set_public(dcc, True)
    collection = create_collection(
        learner, name="Pour ma candidature", description="Mes badges d'équipe.", public=True
    )
    add_to_collection(
        learner, collection, awards=[shared.public_id], externals=[png.public_id, dcc.public_id]
    )
    link = create_link(grouped_badge.badge, label="Forum des métiers", by=cast.awarder)
    return Backpack(
        cast, shared, private, str(png.public_id), str(dcc.public_id), str(collection.public_id),
        link.token,
    )  # fmt: skip


@dataclass(frozen=True)
class LearnerPage:
    name: str
    path: Callable[[Backpack], str]
    signed_in: bool = True  # the learner's; False: an anonymous visitor
    badge: tuple[str, str] | None = None  # (badge, issuer) every badge picture must name


LEARNER_PAGES = [
    LearnerPage("backpack", lambda b: "/sac/"),
    LearnerPage("backpack-filtered", lambda b: "/sac/?q=introuvable&origin=imported"),
    LearnerPage(
        "backpack-award",
        lambda b: f"/sac/badges/{b.shared.public_id}",
        badge=("Compétences relationnelles", "Atelier de Lyon"),
    ),
    LearnerPage(
        "backpack-award-private",
        lambda b: f"/sac/badges/{b.private.public_id}",
        badge=("Accueillir le public", "Atelier de Lyon"),
    ),
    LearnerPage("collections", lambda b: "/sac/collections"),
    LearnerPage("collection", lambda b: f"/sac/collections/{b.collection}"),
    LearnerPage("public-collection", lambda b: f"/sac/c/{b.collection}", signed_in=False),
    LearnerPage("external-add", lambda b: "/sac/externes/ajouter"),
    LearnerPage("external-detail-png", lambda b: f"/sac/externes/{b.imported}"),
    LearnerPage("external-detail-json", lambda b: f"/sac/externes/{b.imported_json}"),
    LearnerPage("external-public", lambda b: f"/sac/externes/p/{b.imported_json}", False),
    LearnerPage(
        "claim-link-event",
        lambda b: f"/evenement/{b.event_token}",
        signed_in=False,
        badge=("Compétences relationnelles", "Atelier de Lyon"),
    ),
    LearnerPage("my-requests", lambda b: "/mes-demandes"),
    LearnerPage("account", lambda b: "/compte/profil/"),
    LearnerPage("account-delete", lambda b: "/compte/supprimer"),
]


def open_page(site: Site, backpack: Backpack, viewport: str, signed_in: bool) -> Page:
    page = site.page(user=backpack.cast.learner if signed_in else None)
    width, height = VIEWPORTS[viewport]
    page.set_viewport_size({"width": width, "height": height})
    return page


def wider_than_the_screen(page: Page) -> list[str]:
    """On a narrow screen, whether the page scrolls sideways (WCAG 1.4.10), and what makes
    it: elements reaching past the screen's edge, or whose content spills out of them."""
    result: list[str] = page.evaluate(
        """() => {
            const root = document.documentElement;
            const width = root.clientWidth;
            if (root.scrollWidth <= width) return [];
            const culprits = Array.from(document.body.querySelectorAll("*"))
              .filter((e) => !e.closest(".visually-hidden, [hidden]")
                && (e.getBoundingClientRect().right > width + 1
                  || (e.scrollWidth > e.clientWidth + 1
                    && getComputedStyle(e).overflowX === "visible")))
              .slice(-8)
              .map((e) => `<${e.tagName.toLowerCase()} class="${e.className}">`
                + ` ${Math.round(e.getBoundingClientRect().right)} px,`
                + ` content ${e.scrollWidth} px`);
            return [`the page is ${root.scrollWidth} px wide on a ${width} px screen`]
              .concat(culprits);
        }"""
    )
    return result


def badge_pictures_wrongly_described(page: Page, badge: str, issuer: str) -> list[str]:
    """Badge pictures (``.../image.png``) that are not marked decorative and whose text
    alternative does not give the badge's name and its issuer's. A decorative picture
    (``alt=""`` with ``role="presentation"``) sits next to text that names the badge."""
    found: list[dict[str, str]] = page.evaluate(
        """() => Array.from(document.querySelectorAll("img"))
              .filter((img) => new URL(img.src).pathname.endsWith("/image.png")
                && img.getAttribute("role") !== "presentation")
              .map((img) => ({src: img.getAttribute("src"), alt: img.getAttribute("alt") || ""}))"""
    )
    return [
        f"{image['src']}: alt={image['alt']!r}"
        for image in found
        if badge not in image["alt"] or issuer not in image["alt"]
    ]


def problems_of(page: Page, viewport: str, *, skip_link: bool = True) -> list[str]:
    problems = page_problems(page, skip_link=skip_link)
    if viewport == "phone":
        problems += [f"wider than the phone: {item}" for item in wider_than_the_screen(page)]
    return problems


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("learner_page", LEARNER_PAGES, ids=[p.name for p in LEARNER_PAGES])
def test_learner_page_passes_the_accessibility_smoke_checks(
    site: Site, backpack: Backpack, learner_page: LearnerPage, viewport: str, screenshots: Path
) -> None:
    page = open_page(site, backpack, viewport, learner_page.signed_in)
    response = page.goto(learner_page.path(backpack))
    assert response is not None and response.status == 200, response and response.status
    page.wait_for_load_state("networkidle")
    shot = screenshots / f"learner-{learner_page.name}-{viewport}.png"
    page.screenshot(path=shot, full_page=True)

    problems = problems_of(page, viewport)
    if learner_page.badge:
        problems += [
            f"badge image alt text lacks the badge or issuer name: {item}"
            for item in badge_pictures_wrongly_described(page, *learner_page.badge)
        ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_a_refused_import_passes_the_accessibility_smoke_checks(
    site: Site, backpack: Backpack, viewport: str, screenshots: Path, tmp_path: Path
) -> None:
    page = open_page(site, backpack, viewport, signed_in=True)
    page.goto("/sac/externes/ajouter")
    photo = tmp_path / "photo.png"
    photo.write_bytes(PNG_64)
    page.get_by_label("Fichier du badge").set_input_files(photo)
    page.get_by_role("button", name="Ajouter à mon sac").click()
    problem = page.get_by_role("alert")
    # The script gives the reason the focus, so a screen reader announces it.
    expect(problem).to_be_focused()
    expect(problem).to_contain_text("Cette image ne contient aucun badge.")
    page.screenshot(path=screenshots / f"learner-external-refused-{viewport}.png", full_page=True)
    problems = problems_of(page, viewport, skip_link=False)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_making_a_badge_public_without_consent_passes_the_accessibility_smoke_checks(
    site: Site, backpack: Backpack, viewport: str, screenshots: Path
) -> None:
    page = open_page(site, backpack, viewport, signed_in=True)
    page.goto(f"/sac/badges/{backpack.private.public_id}")
    page.get_by_role("button", name="Rendre ce badge public").click()
    message = "Cochez la case pour confirmer que vous acceptez de rendre ce badge public."
    expect(page.get_by_role("main")).to_contain_text(message)
    # The box to tick is described by the error, so the error is read with it.
    consent = page.get_by_role("checkbox", name=re.compile("^J.accepte"))
    expect(consent).to_have_accessible_description(re.compile(re.escape(message)))
    page.screenshot(path=screenshots / f"learner-publish-refused-{viewport}.png", full_page=True)
    problems = problems_of(page, viewport, skip_link=False)
    assert not problems, "\n".join(problems)
