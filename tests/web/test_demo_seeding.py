"""The demo data of `make run`: what a visitor trying the demo logins finds."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from insigne.web.accounts.models import User
from insigne.web.awards.models import Award
from insigne.web.backpack.models import Collection
from insigne.web.claims.models import BadgeRequest, ClaimLink
from insigne.web.demo.seeding import LEARNER, seed
from insigne.web.external.models import ExternalBadge
from insigne.web.frameworks.models import Framework
from insigne.web.pathways.models import Pathway

pytestmark = pytest.mark.django_db


def test_seeding_twice_creates_the_demo_once() -> None:
    assert seed(awards=8) is True
    assert seed(awards=8) is False
    assert Award.objects.filter(recipient_email=LEARNER.email).count() == 1


def test_the_demo_learner_finds_a_public_badge_an_imported_one_and_a_public_collection() -> None:
    seed(awards=8)
    learner = User.objects.get(email=LEARNER.email)
    client = Client()
    client.force_login(learner)
    page = client.get("/sac/").content.decode()
    assert "Compétences relationnelles" in page and "Engagement citoyen" in page

    [imported] = ExternalBadge.objects.filter(owner=learner)
    assert imported.verified, imported.report
    [collection] = Collection.objects.filter(owner=learner)
    assert collection.public
    shown = Client().get(f"/sac/c/{collection.public_id}").content.decode()
    assert "Compétences relationnelles" in shown  # the public award; the import is private
    assert "Engagement citoyen" not in shown

    [mine] = Award.objects.filter(learner=learner)
    badge_page = Client().get(f"/b/{mine.public_id}").content.decode()
    assert re.search(r"prendre la parole devant\s+un groupe", badge_page)


def test_the_demo_has_an_event_link_and_a_request_for_the_staff_to_decide() -> None:
    seed(awards=8)
    link = ClaimLink.objects.get()
    assert link.code and link.max_uses == 200
    assert Client().get(f"/evenement/{link.token}").status_code == 200
    request = BadgeRequest.objects.get()
    assert request.state == BadgeRequest.State.PENDING and request.evidence_url


def test_the_demo_organisation_has_sample_frameworks_and_a_pathway_to_the_grouped_badge() -> None:
    seed(awards=8)
    titles = set(
        Framework.objects.filter(organisation__slug="atelier-lyon").values_list("title", flat=True)
    )
    assert any("ESCO" in t for t in titles) and any("ROME" in t for t in titles)
    pathway = Pathway.objects.get()
    assert pathway.goal_badge is not None and pathway.requirements.count() == 3
