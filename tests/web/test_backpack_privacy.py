"""The learner's privacy choice: every badge private by default, public only with explicit
consent, private again in one click; the public page follows at once."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client

from insigne.web.awards.actions import change_state
from insigne.web.awards.models import Award
from insigne.web.backpack import actions
from insigne.web.badges.models import BadgeVersion

from .conftest import Cast
from .test_backpack_support import held, page, public_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    cache.clear()


def publish(client: Client, award: Award, **data: str) -> HttpResponse:
    return client.post(f"{page(award)}/publier", data)


def test_a_badge_is_private_until_its_learner_chooses(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = held(cast, grouped_badge)
    html = cast.client(cast.learner).get(page(award)).content.decode()
    assert "Privé." in html
    assert "Rendre ce badge public" in html
    assert Client().get(public_page(award)).status_code == 404


def test_the_consent_text_says_what_becomes_visible_and_that_it_can_be_undone(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = held(cast, grouped_badge)
    html = cast.client(cast.learner).get(page(award)).content.decode()
    for shown in ("mon nom", "le badge", "son émetteur", "ses dates", "compétences", "preuves"):
        assert shown in html
    assert "Je peux le rendre privé à tout moment." in html
    assert '<label for="publish_consent">' in html


def test_publishing_without_ticking_the_consent_is_refused(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = held(cast, grouped_badge)
    response = publish(cast.client(cast.learner), award)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Cochez la case pour confirmer" in html
    assert '<a href="#visibilite">Aller au formulaire</a>' in html
    award.refresh_from_db()
    assert not award.public
    assert award.public_changed_at is None
    assert Client().get(public_page(award)).status_code == 404


def test_publishing_with_consent_opens_the_page_to_anyone(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = held(cast, grouped_badge)
    response = publish(cast.client(cast.learner), award, consent="on")
    assert response.status_code == 302
    award.refresh_from_db()
    assert award.public
    assert award.public_changed_at is not None
    assert Client().get(public_page(award)).status_code == 200


def test_making_a_badge_private_again_is_one_click_and_the_page_disappears(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = held(cast, grouped_badge)
    learner = cast.client(cast.learner)
    publish(learner, award, consent="on")
    visitor = Client()
    assert visitor.get(public_page(award)).status_code == 200  # now in the page cache
    published_at = Award.objects.get(pk=award.pk).public_changed_at
    response = learner.post(f"{page(award)}/rendre-prive")
    assert response.status_code == 302
    award.refresh_from_db()
    assert not award.public
    assert award.public_changed_at is not None and published_at is not None
    assert award.public_changed_at > published_at
    assert visitor.get(public_page(award)).status_code == 404
    assert Client().get(public_page(award)).status_code == 404
    assert Client().get(f"{public_page(award)}/telecharger/badge.png").status_code == 404


def test_the_sharing_panel_shows_only_for_a_public_badge(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = held(cast, grouped_badge)
    learner = cast.client(cast.learner)
    assert "Partager ce badge" not in learner.get(page(award)).content.decode()
    publish(learner, award, consent="on")
    html = learner.get(page(award)).content.decode()
    assert "Partager ce badge" in html
    assert f"https://insigne.test/b/{award.public_id}" in html


def test_a_revoked_badge_cannot_be_made_public(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award = held(cast, grouped_badge)
    change_state([award], Award.State.REVOKED, "Erreur de saisie")
    learner = cast.client(cast.learner)
    assert "ne peut plus être rendu public" in learner.get(page(award)).content.decode()
    response = publish(learner, award, consent="on")
    assert response.status_code == 302
    award.refresh_from_db()
    assert not award.public
    assert Client().get(public_page(award)).status_code == 404


def test_a_public_badge_once_revoked_can_be_made_private_and_the_page_says_what_that_means(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = held(cast, grouped_badge, public=True)
    change_state([award], Award.State.REVOKED, "Erreur de saisie")
    learner = cast.client(cast.learner)
    html = learner.get(page(award)).content.decode()
    assert "Le badge restera révoqué" in html
    learner.post(f"{page(award)}/rendre-prive")
    award.refresh_from_db()
    assert not award.public


def test_only_the_learner_can_change_the_choice(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award = held(cast, grouped_badge)
    for user in (cast.outsider, cast.owner, cast.awarder):
        response = publish(cast.client(user), award, consent="on")
        assert response.status_code == 404
    public = held(cast, BadgeVersion.objects.get(pk=grouped_badge.pk), public=True)
    assert cast.client(cast.owner).post(f"{page(public)}/rendre-prive").status_code == 404
    award.refresh_from_db()
    public.refresh_from_db()
    assert not award.public and public.public


def test_the_actions_refuse_a_person_who_does_not_hold_the_award(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    from django.core.exceptions import PermissionDenied

    award = held(cast, grouped_badge)
    with pytest.raises(PermissionDenied):
        actions.publish_award(cast.outsider, award)
    with pytest.raises(PermissionDenied):
        actions.unpublish_award(cast.outsider, award)


def test_publishing_twice_changes_nothing_the_second_time(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = held(cast, grouped_badge)
    assert actions.publish_award(cast.learner, award) is True
    first = Award.objects.get(pk=award.pk).public_changed_at
    assert actions.publish_award(cast.learner, award) is False
    assert Award.objects.get(pk=award.pk).public_changed_at == first


def test_publishing_requires_a_post(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award = held(cast, grouped_badge)
    assert cast.client(cast.learner).get(f"{page(award)}/publier").status_code == 405
