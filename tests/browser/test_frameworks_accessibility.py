"""Accessibility smoke checks on the pages of issue 5, on a desktop screen and on a phone.

The checks of ``accessibility.py`` and, 360 px wide, no sideways scrolling (see
``test_learner_accessibility.py``) on the issuer's frameworks pages, the badge editor with
its competence and certification pickers (linked, then with their suggestions open), the
platform staff's certification import page, a grouped badge's page, the pathways, a CFItem's
page and the public search with results. A screenshot of each page is kept in
``screenshots/``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from insigne.web.accounts.models import User
from insigne.web.badges.content import CompetenceContent
from insigne.web.badges.models import Badge
from insigne.web.certifications.actions import load_sample
from insigne.web.frameworks.demo import import_samples
from insigne.web.frameworks.models import Framework, Item
from insigne.web.pathways import actions as pathways
from insigne.web.pathways.models import Pathway
from tests.web.conftest import Cast, make_user
from tests.web.test_pathways_support import (
    CAMILLE,
    SACHA,
    badge,
    give,
    make_pathway,
    rectec,
    speaking,
    teamwork,
)

from .conftest import Site, shipped_frameworks
from .test_learner_accessibility import VIEWPORTS, problems_of

FICHE = ("RS0000", "Certification de démonstration (code fictif)")


@dataclass
class Issuer:
    cast: Cast
    staff: User  # platform staff
    rectec: Framework
    item: Item  # RECTEC's "Travailler en équipe"
    linked: Badge  # competences picked from RECTEC and ESCO, the RS fiche linked
    grouped: Badge
    pathway: Pathway

    @property
    def org(self) -> str:
        return f"/organisations/{self.cast.organisation.slug}"


@pytest.fixture
def issuer(cast: Cast) -> Issuer:
    shipped_frameworks()
    load_sample()
    [esco, _rome] = import_samples(cast.organisation, cast.editor)
    shipped = Framework.objects.get(organisation=None, title__startswith="RECTEC")
    item = shipped.items.get(human_coding_scheme="RECTEC-ORG-3")
    spoken = esco.items.get(source_uri="https://esco.example/skill/communiquer-a-l-oral")
    linked = badge(
        cast.organisation,
        "Coopérer et s'exprimer",
        CompetenceContent(
            name=item.full_statement,
            framework=shipped.title,
            code=item.human_coding_scheme,
            levels=("Découverte", "Application", "Maîtrise"),
            item_id=item.pk,
        ),
        CompetenceContent(name=spoken.full_statement, framework=esco.title, item_id=spoken.pk),
        certification=FICHE,
    )
    team, oral = teamwork(cast.organisation), speaking(cast.organisation)
    for email, name in ((CAMILLE, "Camille Roux"), (SACHA, "Sacha Petit")):
        levels = {"Travailler en équipe": "Maîtrise"}
        give(team, email, name=name, public=email == CAMILLE, levels=levels)
        give(oral, email, name=name)
    give(linked, CAMILLE, public=True)
    grouping = pathways.define_grouped_badge(
        cast.organisation,
        cast.editor,
        [team.badge, oral.badge],
        pathways.GroupedContent("Compétences transversales", "Réunit deux compétences.", ""),
    )
    pathway = make_pathway(
        cast.organisation,
        goal=grouping.badge.versions.get(),
        badges=(team,),
        competences=((rectec("Communiquer à l'oral", "RECTEC-COM-1"), "Application"),),
    )
    staff = make_user("equipe@insigne.example", is_staff=True)
    return Issuer(cast, staff, shipped, item, linked.badge, grouping.badge, pathway)


@dataclass(frozen=True)
class IssuerPage:
    name: str
    path: Callable[[Issuer], str]
    who: Callable[[Issuer], User | None] = lambda i: i.cast.editor  # None: anonymous


ISSUER_PAGES = [
    IssuerPage("frameworks", lambda i: f"{i.org}/referentiels/"),
    IssuerPage("framework", lambda i: f"{i.org}/referentiels/{i.rectec.identifier}/"),
    IssuerPage("framework-import", lambda i: f"{i.org}/referentiels/importer"),
    IssuerPage("framework-search", lambda i: f"{i.org}/referentiels/recherche?q=equipe"),
    IssuerPage("editor-linked", lambda i: f"{i.org}/badges/{i.linked.public_id}/modifier/"),
    IssuerPage("certification-imports", lambda i: "/certifications/imports/", lambda i: i.staff),
    IssuerPage("certification-search", lambda i: "/certifications/recherche?q=exemple"),
    IssuerPage("group-create", lambda i: f"{i.org}/regroupements/nouveau/"),
    IssuerPage(
        "grouped-badge",
        lambda i: f"{i.org}/badges/{i.grouped.public_id}/regroupement/",
        lambda i: i.cast.awarder,
    ),
    IssuerPage("pathways", lambda i: f"{i.org}/parcours/"),
    IssuerPage("pathway", lambda i: f"{i.org}/parcours/{i.pathway.public_id}/"),
    IssuerPage("pathway-create", lambda i: f"{i.org}/parcours/nouveau/"),
    IssuerPage(
        "case-item", lambda i: f"/ims/case/v1p0/CFItems/{i.item.identifier}", lambda i: None
    ),
    IssuerPage("search", lambda i: "/recherche?competence=travailler+en+equipe", lambda i: None),
]


def open_page(site: Site, user: User | None, viewport: str) -> Page:
    page = site.page(user=user)
    width, height = VIEWPORTS[viewport]
    page.set_viewport_size({"width": width, "height": height})
    return page


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("issuer_page", ISSUER_PAGES, ids=[p.name for p in ISSUER_PAGES])
def test_issue5_page_passes_the_accessibility_smoke_checks(
    site: Site, issuer: Issuer, issuer_page: IssuerPage, viewport: str, screenshots: Path
) -> None:
    page = open_page(site, issuer_page.who(issuer), viewport)
    response = page.goto(issuer_page.path(issuer))
    assert response is not None and response.status == 200, response and response.status
    page.wait_for_load_state("networkidle")
    page.screenshot(path=screenshots / f"issue5-{issuer_page.name}-{viewport}.png", full_page=True)
    problems = problems_of(page, viewport)
    assert not problems, "\n".join(problems)


def test_the_public_search_lists_the_public_badges_found(site: Site, issuer: Issuer) -> None:
    page = site.page()
    page.goto("/recherche")
    page.get_by_label("Compétence").fill("travailler en equipe")
    page.get_by_role("button", name="Rechercher").click()
    main = page.get_by_role("main")
    # Camille's two public badges with the competence; Sacha's award is not public.
    expect(main.get_by_role("link", name="Travail en équipe")).to_have_count(1)
    expect(main.get_by_role("link", name="Coopérer et s'exprimer")).to_have_count(1)
    expect(main).not_to_contain_text("Sacha")


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_editor_with_its_pickers_open_passes_the_accessibility_smoke_checks(
    site: Site, issuer: Issuer, viewport: str, screenshots: Path
) -> None:
    page = open_page(site, issuer.cast.editor, viewport)
    page.goto(f"{issuer.org}/badges/nouveau/")
    group = page.get_by_role("group", name="Compétence 1", exact=True)
    search = group.get_by_role("combobox", name=re.compile("^Chercher dans les référentiels"))
    search.fill("travailler")
    expect(search).to_have_attribute("aria-expanded", "true")
    search.press("ArrowDown")
    expect(search).to_have_attribute("aria-activedescendant", re.compile("."))
    screen = "issue5-editor-competence-picker"
    page.screenshot(path=screenshots / f"{screen}-{viewport}.png", full_page=True)
    problems = problems_of(page, viewport, skip_link=False)

    code = page.get_by_role("combobox", name="Code de la certification")
    code.press_sequentially("RS000", delay=20)
    expect(code).to_have_attribute("aria-expanded", "true")
    page.screenshot(path=screenshots / f"issue5-editor-certification-picker-{viewport}.png")
    problems += problems_of(page, viewport, skip_link=False)
    assert not problems, "\n".join(problems)
