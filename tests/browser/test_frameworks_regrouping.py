"""Regrouping in a browser: an issuer that gave one badge per competence defines a grouped
badge over two of them, awards it in one action to the people holding both, and the learner
keeps it next to the parts, which stay valid.

The parts and their awards are made in the test's setup (``tests/web/test_pathways_support``):
Camille (the cast's learner, whose parts are already in her backpack) and Sacha hold both,
Noah holds only the first.
"""

from __future__ import annotations

import re

from django.core import mail
from playwright.sync_api import Page, expect

from insigne.web.awards.models import Award
from tests.web.conftest import Cast
from tests.web.test_pathways_support import CAMILLE, NOAH, SACHA, give, speaking, teamwork

from .conftest import Site, link_in

GROUPED = "Compétences transversales"
PARTS = ("Travail en équipe", "Oral")


def define_the_grouped_badge(page: Page, slug: str) -> None:
    page.goto(f"/organisations/{slug}/badges/")
    page.get_by_role("main").get_by_role("link", name=PARTS[0]).first.click()
    panel = page.get_by_role("region", name="Regroupements et parcours")
    panel.get_by_role("link", name="Le regrouper avec d’autres badges").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouveau badge regroupé")
    parts = page.get_by_role("group", name=re.compile("^Badges à regrouper"))
    expect(parts.get_by_role("checkbox", name=PARTS[0])).to_be_checked()
    parts.get_by_role("checkbox", name=PARTS[1]).check()
    page.get_by_label("Nom du badge regroupé").fill(GROUPED)
    page.get_by_label("Description").fill("Réunit le travail en équipe et l'expression orale.")
    page.get_by_role("button", name="Créer le badge regroupé").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Badge regroupé : personnes à qui l’attribuer"
    )


def award_to_everyone_listed(page: Page, url: str) -> None:
    page.goto(url)
    people = page.get_by_role("table", name="Personnes qui détiennent toutes les parties")
    rows = people.get_by_role("row")
    expect(rows).to_have_count(3)  # the header and two people
    for email in (CAMILLE, SACHA):
        row = rows.filter(has_text=email)
        expect(row).to_contain_text(PARTS[0])
        expect(row).to_contain_text(PARTS[1])
    expect(people).not_to_contain_text(NOAH)
    page.get_by_role("button", name="Attribuer aux 2 personnes listées").click()
    expect(page.get_by_role("status").first).to_contain_text(
        re.compile(r"Badge regroupé attribué à 2\spersonnes")
    )
    expect(page.get_by_role("main")).to_contain_text(
        "Personne ne détient toutes les parties sans avoir déjà le badge regroupé."
    )


def test_a_grouped_badge_defined_over_earlier_badges_is_awarded_in_one_action(
    site: Site, cast: Cast
) -> None:
    team, oral = teamwork(cast.organisation), speaking(cast.organisation)
    for version, levels in ((team, {"Travailler en équipe": "Maîtrise"}), (oral, {})):
        give(version, CAMILLE, levels=levels, learner=cast.learner)
        give(version, SACHA, name="Sacha Petit")
    give(team, NOAH, name="Noah Martin")
    parts_before = list(Award.objects.order_by("pk").values_list("pk", "state"))

    designer = site.page(user=cast.editor)
    define_the_grouped_badge(designer, cast.organisation.slug)
    awarder = site.page(user=cast.awarder)
    award_to_everyone_listed(awarder, designer.url)

    assert sorted(m.to[0] for m in mail.outbox) == [CAMILLE, SACHA]
    assert list(Award.objects.filter(version__badge__in=[team.badge, oral.badge]).order_by(
        "pk"
    ).values_list("pk", "state")) == parts_before  # fmt: skip

    [message] = [m for m in mail.outbox if m.to == [CAMILLE]]
    learner = site.page(user=cast.learner)
    learner.goto(link_in(str(message.body), "/reclamer/"))
    learner.get_by_role("main").get_by_role("button", name="Garder ce badge").click()
    expect(learner.get_by_role("heading", level=1)).to_have_text(GROUPED)
    main = learner.get_by_role("main")
    expect(main.locator(".verdict-headline").first).to_contain_text("Badge vérifié")
    expect(main.get_by_role("heading", name="Travailler en équipe")).to_be_visible()
    expect(main).to_contain_text("Niveau atteint : Maîtrise")

    learner.get_by_role("link", name="Mon sac à badges").first.click()
    main = learner.get_by_role("main")
    for name in (GROUPED, *PARTS):
        expect(main.get_by_role("link", name=name)).to_be_visible()
    for name in PARTS:
        learner.get_by_role("main").get_by_role("link", name=name).click()
        expect(learner.get_by_role("heading", level=1)).to_have_text(name)
        verdict = learner.get_by_role("main").locator(".verdict-headline").first
        expect(verdict).to_contain_text("Badge vérifié")
        learner.go_back()
