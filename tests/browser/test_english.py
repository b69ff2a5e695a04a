"""The English interface: a browser set to British English gets the pages in English, with no
French left outside names and user content (French content is marked ``lang="fr"``)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from insigne.web.awards.actions import award_badge
from insigne.web.awards.issuance import Recipient
from insigne.web.badges.models import BadgeVersion
from tests.web.conftest import Cast

from .accessibility import french_left, page_problems
from .conftest import Site

LOCALE = "en-GB"


def user_content(cast: Cast, version: BadgeVersion) -> list[str]:
    """What people typed: it stays as written, whatever the interface language."""
    competences = list(version.competences.all())
    return [
        cast.organisation.name,
        cast.organisation.get_region_display(),
        cast.owner.get_full_name(),
        "Camille Roux",
        version.name,
        version.description,
        version.certification_title,
        *(c.name for c in competences),
        *(str(level) for c in competences for level in c.levels),
    ]


def english_problems(page: Page, content: list[str], *expected: str) -> list[str]:
    problems = [f"{page.url}: {item}" for item in page_problems(page, language="en")]
    problems += [f"{page.url}: French left: {item}" for item in french_left(page, content)]
    main_text = page.get_by_role("main").inner_text()
    problems += [f"{page.url}: {text!r} not shown" for text in expected if text not in main_text]
    return problems


def test_organisation_home_and_badge_pages_are_in_english(
    site: Site, cast: Cast, grouped_badge: BadgeVersion, screenshots: Path
) -> None:
    content = user_content(cast, grouped_badge)
    owner = site.page(locale=LOCALE, user=cast.owner)
    problems = []

    owner.goto(f"/organisations/{cast.organisation.slug}/")
    expect(owner.get_by_role("heading", level=1)).to_have_text(cast.organisation.name)
    owner.screenshot(path=screenshots / "en-organisation-home.png", full_page=True)
    problems += english_problems(owner, content, "What would you like to do?", "In figures")

    owner.goto(f"/organisations/{cast.organisation.slug}/badges/{grouped_badge.badge.public_id}/")
    owner.screenshot(path=screenshots / "en-badge-detail.png", full_page=True)
    problems += english_problems(owner, content, "Edit the badge", "Version history")

    award = award_badge(
        grouped_badge,
        Recipient(
            email=cast.learner.email,
            name="Camille Roux",
            levels={"Travailler en équipe": "Maîtrise"},
            language="en",
        ),
        by=cast.owner,
    )
    learner = site.page(locale=LOCALE)
    learner.goto(f"/reclamer/{award.claim_token}")
    learner.goto(f"/b/{award.public_id}")
    learner.screenshot(path=screenshots / "en-award-public-page.png", full_page=True)
    problems += english_problems(learner, content, "Verification", "Download the badge")

    assert not problems, "\n".join(problems)
