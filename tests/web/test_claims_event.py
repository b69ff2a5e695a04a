"""Claiming a badge through an event link: the form, the award by e-mail, and every limit."""

from __future__ import annotations

import html
import threading
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from insigne.core.verify import verify
from insigne.web.awards.models import Award
from insigne.web.badges.models import BadgeVersion
from insigne.web.claims import actions
from insigne.web.claims.models import BadgeRequest, ClaimLink
from insigne.web.public.fetching import platform_fetcher

from .conftest import Cast
from .test_claims_support import CAMILLE, SACHA, claim, event_url, make_link

pytestmark = pytest.mark.django_db


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


def test_the_event_page_shows_the_badge_and_its_issuer(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    link = make_link(cast, grouped_badge)
    response = cast.client(None).get(event_url(link))
    assert response.status_code == 200
    page = text(response)
    assert "Compétences relationnelles" in page
    assert "Atelier de Lyon" in page
    assert "Forum des métiers" in page
    assert "projet collectif" in page  # the criteria
    assert f"/badges/{grouped_badge.badge.public_id}/v1/image.png" in page
    assert response["X-Robots-Tag"] == "noindex"
    assert 'name="code"' not in page


def test_a_participant_receives_the_badge_at_once_by_e_mail(
    cast: Cast, grouped_badge: BadgeVersion, django_capture_on_commit_callbacks: Any
) -> None:
    link = make_link(cast, grouped_badge)
    client = cast.client(None)
    with django_capture_on_commit_callbacks(execute=True):
        response = claim(client, link, email="Sacha@Visiteur.example")
    assert response.status_code == 302
    award = Award.objects.get()
    assert (award.recipient_email, award.recipient_name) == (SACHA, "Sacha Leroy")
    assert award.created_by == cast.awarder
    assert verify(award.credential.encode(), email=SACHA, fetcher=platform_fetcher()).verified
    [message] = mail.outbox
    assert message.to == [SACHA]
    assert f"/reclamer/{award.claim_token}" in message.body
    made = BadgeRequest.objects.get()
    assert (made.state, made.automatic, made.award, made.claim_link) == (
        BadgeRequest.State.ACCEPTED,
        True,
        award,
        link,
    )
    link.refresh_from_db()
    assert link.uses == 1
    done = client.get(response["Location"])
    assert "regardez votre boîte aux lettres" in text(done)
    assert SACHA in text(done)


def test_the_confirmation_page_needs_the_session_that_claimed(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    link = make_link(cast, grouped_badge)
    response = claim(cast.client(None), link)
    other = cast.client(None).get(response["Location"])
    assert other.status_code == 302
    assert other["Location"] == event_url(link)


def test_a_participant_writes_in_english_and_gets_an_english_mail(
    cast: Cast, grouped_badge: BadgeVersion, django_capture_on_commit_callbacks: Any
) -> None:
    link = make_link(cast, grouped_badge)
    client = cast.client(None)
    client.cookies["django_language"] = "en"
    page = client.get(event_url(link))
    assert "Receive this badge" in text(page)
    with django_capture_on_commit_callbacks(execute=True):
        claim(client, link)
    assert Award.objects.get().language == "en"
    assert mail.outbox[0].subject.startswith("Your badge")


def test_a_link_with_a_code_refuses_a_wrong_code_and_accepts_it_in_any_case(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    link = make_link(cast, grouped_badge, code="Lumière")
    client = cast.client(None)
    assert 'name="code"' in text(client.get(event_url(link)))
    missing = claim(client, link)
    assert missing.status_code == 400
    wrong = claim(client, link, code="lumiere")
    assert wrong.status_code == 400
    assert "Ce code ne correspond pas" in text(wrong)
    assert not Award.objects.exists()
    link.refresh_from_db()
    assert link.uses == 0
    right = claim(client, link, code="  LUMIÈRE ")
    assert right.status_code == 302
    assert Award.objects.count() == 1


def test_a_link_awards_no_more_badges_than_its_limit(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    link = make_link(cast, grouped_badge, max_uses=2)
    client = cast.client(None)
    assert claim(client, link, email="un@visiteur.example").status_code == 302
    assert claim(client, link, email="deux@visiteur.example").status_code == 302
    third = claim(client, link, email="trois@visiteur.example")
    assert third.status_code == 410
    assert "Tous les badges prévus pour «\u00a0Forum des métiers\u00a0»" in text(third)
    assert client.get(event_url(link)).status_code == 410
    assert Award.objects.count() == 2
    link.refresh_from_db()
    assert link.uses == 2


def test_a_stale_copy_of_an_open_link_cannot_go_past_the_limit(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    """Two people open the form while one place is left: the second submission loses."""
    link = make_link(cast, grouped_badge, max_uses=1)
    stale = ClaimLink.objects.get(pk=link.pk)
    actions.claim_through_link(link, actions.Participant(email=CAMILLE, name="Camille Roux"))
    assert stale.closed() is None  # what the second visitor's page was built from
    with pytest.raises(actions.LinkClosedError) as closed:
        actions.claim_through_link(stale, actions.Participant(email=SACHA, name="Sacha Leroy"))
    assert closed.value.reason == ClaimLink.Closed.EXHAUSTED
    assert Award.objects.count() == 1
    assert BadgeRequest.objects.count() == 1


def test_the_place_is_taken_by_a_conditional_update(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    """Even when the link was read before the last place went, the UPDATE that takes a place
    re-checks the limit in the database."""
    link = make_link(cast, grouped_badge, max_uses=3)
    ClaimLink.objects.filter(pk=link.pk).update(uses=3)
    assert actions._take_place(link, timezone.now()) is False
    ClaimLink.objects.filter(pk=link.pk).update(uses=2)
    assert actions._take_place(link, timezone.now()) is True
    link.refresh_from_db()
    assert link.uses == 3


def test_the_database_refuses_more_uses_than_the_limit(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    link = make_link(cast, grouped_badge, max_uses=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimLink.objects.filter(pk=link.pk).update(uses=2)


def test_an_expired_link_answers_gone_with_its_date(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    link = make_link(cast, grouped_badge)
    ClaimLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    client = cast.client(None)
    page = client.get(event_url(link))
    assert page.status_code == 410
    assert "a expiré le" in text(page)
    assert claim(client, link).status_code == 410
    assert not Award.objects.exists()


def test_a_deactivated_link_answers_gone(cast: Cast, grouped_badge: BadgeVersion) -> None:
    link = make_link(cast, grouped_badge)
    actions.set_link_active(link, False)
    client = cast.client(None)
    page = client.get(event_url(link))
    assert page.status_code == 410
    assert "L’organisateur a désactivé le lien" in text(page)
    assert "contact@atelier.example" in text(page)
    assert claim(client, link).status_code == 410
    assert not Award.objects.exists()


def test_an_archived_badge_cannot_be_claimed(cast: Cast, grouped_badge: BadgeVersion) -> None:
    link = make_link(cast, grouped_badge)
    grouped_badge.badge.archived = True
    grouped_badge.badge.save()
    client = cast.client(None)
    assert client.get(event_url(link)).status_code == 410
    assert claim(client, link).status_code == 410
    assert not Award.objects.exists()


def test_an_unknown_link_is_not_found(cast: Cast) -> None:
    client = cast.client(None)
    assert client.get("/evenement/inconnu").status_code == 404
    assert client.get("/evenement/" + "x" * 500).status_code == 404


def test_an_address_that_holds_the_badge_gets_no_second_one(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    link = make_link(cast, grouped_badge)
    client = cast.client(None)
    claim(client, link)
    again = claim(client, link, email=SACHA.upper())
    assert again.status_code == 409
    assert "Cette adresse a déjà reçu ce badge" in text(again)
    assert Award.objects.count() == 1
    link.refresh_from_db()
    assert link.uses == 1  # refused before taking a place


def test_a_link_with_approval_leaves_a_request_and_awards_nothing(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    link = make_link(cast, grouped_badge, requires_approval=True, max_uses=10)
    client = cast.client(None)
    assert 'name="message"' in text(client.get(event_url(link)))
    response = claim(client, link, message="J'étais à l'atelier du matin.")
    assert response.status_code == 302
    assert not Award.objects.exists()
    assert mail.outbox == []
    made = BadgeRequest.objects.get()
    assert (made.state, made.email, made.message) == (
        BadgeRequest.State.PENDING,
        SACHA,
        "J'étais à l'atelier du matin.",
    )
    assert "va examiner votre demande" in text(client.get(response["Location"]))
    twice = claim(client, link)
    assert twice.status_code == 409
    assert "attend déjà la décision" in text(twice)
    link.refresh_from_db()
    assert link.uses == 1


def test_bad_input_gets_messages_never_an_error(cast: Cast, grouped_badge: BadgeVersion) -> None:
    link = make_link(cast, grouped_badge, code="abc")
    client = cast.client(None)
    cases: list[dict[str, Any]] = [
        {},
        {"name": "", "email": "pas-une-adresse", "code": "abc"},
        {"name": "x" * 500, "email": "a@b.example", "code": "abc"},
        {"name": "Zoé", "email": "a@" + "b" * 300 + ".example", "code": "abc"},
        {"name": "Zoé", "email": "zoe@visiteur.example", "code": "x" * 1000},
        {"name": "\x00", "email": "zoe@visiteur.example", "code": "abc"},
    ]
    for data in cases:
        response = client.post(event_url(link), data)
        assert response.status_code == 400, data
    assert not Award.objects.exists()
    assert client.put(event_url(link)).status_code == 405


def test_a_signed_in_participant_finds_the_form_filled_and_the_request_in_their_list(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    link = make_link(cast, grouped_badge, requires_approval=True)
    client = cast.client(cast.learner)
    page = text(client.get(event_url(link)))
    assert f'value="{CAMILLE}"' in page
    assert 'value="Camille Roux"' in page
    claim(client, link, email=CAMILLE, name="Camille Roux")
    assert BadgeRequest.objects.get().user == cast.learner


@pytest.mark.django_db(transaction=True)
def test_people_claiming_at_the_same_moment_never_pass_the_limit(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    """Eight people submit at once for three places: three badges, five clear refusals."""
    if connection.vendor == "sqlite":
        pytest.skip("concurrent writers need PostgreSQL (the suite's SQLite database is in memory)")
    link = make_link(cast, grouped_badge, max_uses=3)
    start = threading.Barrier(8)
    outcomes: list[str] = []

    def participant(number: int) -> None:
        try:
            start.wait()
            actions.claim_through_link(
                link,
                actions.Participant(email=f"p{number}@visiteur.example", name=f"P{number}"),
            )
            outcomes.append("awarded")
        except actions.LinkClosedError as closed:
            outcomes.append(closed.reason)
        finally:
            connection.close()

    threads = [threading.Thread(target=participant, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["awarded"] * 3 + [ClaimLink.Closed.EXHAUSTED] * 5
    assert Award.objects.count() == 3
    link.refresh_from_db()
    assert link.uses == 3
