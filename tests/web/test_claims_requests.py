"""Badge requests: a learner asks from the public page, staff accept (the badge is awarded
once, with the evidence) or decline (the comment is e-mailed), the learner follows them."""

from __future__ import annotations

import html
import json
import re
import uuid
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from insigne.core.verify import verify
from insigne.web.accounts.returning import SESSION_KEY
from insigne.web.awards.issuance import Recipient, issue
from insigne.web.awards.models import Award, EvidenceFile
from insigne.web.badges.models import BadgeVersion
from insigne.web.claims import actions
from insigne.web.claims.models import BadgeRequest, ClaimLink
from insigne.web.public.fetching import platform_fetcher

from .conftest import Cast, make_user
from .test_claims_support import (
    CAMILLE,
    SACHA,
    ask_url,
    claim,
    decide_url,
    make_link,
    open_requests,
    pending_request,
    queue_url,
    request_url,
)

pytestmark = pytest.mark.django_db
PEOPLE = {"HTTP_ACCEPT": "text/html"}


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


def words(response: Any) -> str:
    """The page's text without its tags, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", text(response)).split())


def public_page(version: BadgeVersion) -> str:
    return reverse("public:achievement", args=[version.badge.public_id, version.number])


def ask(client: Any, version: BadgeVersion, **data: Any) -> Any:
    form = {
        "email": CAMILLE,
        "name": "Camille Roux",
        "evidence_url": "https://portfolio.example/projet",
        "evidence_text": "J'ai animé l'atelier de clôture.",
        "message": "",
        **data,
    }
    return client.post(ask_url(version), form)


# The public page and asking


def test_the_public_page_offers_a_request_only_when_the_issuer_accepts_them(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    client = cast.client(None)
    assert ask_url(grouped_badge) not in text(client.get(public_page(grouped_badge), **PEOPLE))
    assert client.get(ask_url(grouped_badge)).status_code == 403
    open_requests(grouped_badge)
    page = text(client.get(public_page(grouped_badge), **PEOPLE))
    assert ask_url(grouped_badge) in page
    assert "Demander ce badge" in page


def test_the_issuer_opens_and_closes_requests_from_the_links_page(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    url = reverse(
        "claims:requests-open", args=[cast.organisation.slug, grouped_badge.badge.public_id]
    )
    client = cast.client(cast.awarder)
    assert client.post(url, {"open": "1"}).status_code == 302
    grouped_badge.badge.refresh_from_db()
    assert grouped_badge.badge.accepts_requests
    client.post(url, {"open": "0"})
    grouped_badge.badge.refresh_from_db()
    assert not grouped_badge.badge.accepts_requests


def test_an_anonymous_visitor_is_asked_to_sign_in_and_comes_back(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    open_requests(grouped_badge)
    client = cast.client(None)
    response = client.get(ask_url(grouped_badge))
    assert response.status_code == 200
    page = text(response)
    assert "Connectez-vous pour demander ce badge" in page
    assert f"/compte/login/?next={ask_url(grouped_badge)}" in page
    assert client.session[SESSION_KEY] == ask_url(grouped_badge)
    assert ask(client, grouped_badge).status_code == 200
    assert not BadgeRequest.objects.exists()


def test_a_learner_asks_with_evidence_and_a_file(cast: Cast, grouped_badge: BadgeVersion) -> None:
    open_requests(grouped_badge)
    client = cast.client(cast.learner)
    form = text(client.get(ask_url(grouped_badge)))
    assert "projet collectif" in form  # the criteria are shown
    upload = SimpleUploadedFile("rapport.pdf", b"%PDF-1.4 rapport", "application/pdf")
    response = ask(client, grouped_badge, evidence_file=upload, message="Bonjour !")
    assert response.status_code == 302
    assert response["Location"] == reverse("claims:my-requests")
    made = BadgeRequest.objects.get()
    assert (made.email, made.name, made.user, made.state) == (
        CAMILLE,
        "Camille Roux",
        cast.learner,
        BadgeRequest.State.PENDING,
    )
    assert made.evidence_url == "https://portfolio.example/projet"
    assert (made.evidence_file_name, made.evidence_content_type) == (
        "rapport.pdf",
        "application/pdf",
    )
    assert bytes(made.evidence_data or b"") == b"%PDF-1.4 rapport"
    mine = text(client.get(reverse("claims:my-requests")))
    assert "Compétences relationnelles" in mine
    assert "En attente" in mine


def test_a_request_needs_some_evidence(cast: Cast, grouped_badge: BadgeVersion) -> None:
    open_requests(grouped_badge)
    response = ask(cast.client(cast.learner), grouped_badge, evidence_url="", evidence_text=" ")
    assert response.status_code == 400
    assert "Donnez au moins une preuve" in text(response)
    assert not BadgeRequest.objects.exists()


def test_a_request_goes_to_a_verified_address_of_the_account_only(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    open_requests(grouped_badge)
    EmailAddress.objects.create(
        user=cast.learner, email="ancienne@apprenant.example", verified=True
    )
    EmailAddress.objects.create(user=cast.learner, email="pas-verifiee@apprenant.example")
    client = cast.client(cast.learner)
    form = text(client.get(ask_url(grouped_badge)))
    assert "ancienne@apprenant.example" in form
    assert "pas-verifiee@apprenant.example" not in form
    refused = ask(client, grouped_badge, email="quelqu-un@autre.example")
    assert refused.status_code == 400
    assert ask(client, grouped_badge, email="ancienne@apprenant.example").status_code == 302
    assert BadgeRequest.objects.get().email == "ancienne@apprenant.example"


def test_a_refused_file_gets_a_clear_message(cast: Cast, grouped_badge: BadgeVersion) -> None:
    open_requests(grouped_badge)
    client = cast.client(cast.learner)
    page = ask(client, grouped_badge, evidence_file=SimpleUploadedFile("a.html", b"<script>"))
    assert page.status_code == 400
    assert "Ce type de fichier n'est pas accepté" in text(page)
    big = SimpleUploadedFile("gros.pdf", b"0" * (10 * 1024 * 1024 + 1), "application/pdf")
    assert "Le fichier dépasse 10\u00a0Mo." in text(ask(client, grouped_badge, evidence_file=big))
    assert not BadgeRequest.objects.exists()


def test_one_pending_request_per_address_and_none_for_a_holder(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    open_requests(grouped_badge)
    client = cast.client(cast.learner)
    assert ask(client, grouped_badge).status_code == 302
    again = ask(client, grouped_badge)
    assert again.status_code == 409
    assert "attend déjà une décision" in text(again)
    BadgeRequest.objects.all().delete()
    claim(cast.client(None), make_link(cast, grouped_badge), email=CAMILLE)
    held = ask(client, grouped_badge)
    assert held.status_code == 409
    assert "Vous avez déjà reçu ce badge" in text(held)


def test_the_database_keeps_one_pending_request_per_address(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    first = pending_request(cast, grouped_badge)
    with pytest.raises(actions.PendingRequestError) as pending:
        actions._create_request(
            grouped_badge.badge, actions.Participant(email=CAMILLE.upper(), name="Camille")
        )
    assert pending.value.request == first


def test_requests_closed_meanwhile_are_refused(cast: Cast, grouped_badge: BadgeVersion) -> None:
    open_requests(grouped_badge)
    client = cast.client(cast.learner)
    client.get(ask_url(grouped_badge))
    actions.set_requests_open(grouped_badge.badge, False)
    response = ask(client, grouped_badge)
    assert response.status_code == 403
    assert "n’accepte pas de demandes pour ce badge" in text(response)


def test_bad_input_never_breaks_the_request_page(cast: Cast, grouped_badge: BadgeVersion) -> None:
    open_requests(grouped_badge)
    client = cast.client(cast.learner)
    for data in (
        {"evidence_url": "javascript:alert(1)"},
        {"evidence_url": "http://" + "a" * 600 + ".example"},
        {"evidence_text": "x" * 6000},
        {"name": ""},
        {"email": ""},
        {"message": "m" * 3000},
    ):
        assert ask(client, grouped_badge, **data).status_code == 400, data
    assert client.get(reverse("claims:request-badge", args=[uuid.UUID(int=0)])).status_code == 404
    assert client.get("/badges/pas-un-uuid/demander").status_code == 404


# Staff decisions


def test_accepting_awards_the_badge_once_with_the_evidence(
    cast: Cast, grouped_badge: BadgeVersion, django_capture_on_commit_callbacks: Any
) -> None:
    upload = {"file_name": "rapport.pdf", "content_type": "application/pdf", "data": b"%PDF-1"}
    item = pending_request(cast, grouped_badge, **upload)
    client = cast.client(cast.awarder)
    page = text(client.get(request_url(cast, item)))
    assert "https://portfolio.example/projet" in page
    assert "J'ai animé l'atelier de clôture." in page
    assert "Merci de votre attention." in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            decide_url(cast, item), {"decision": "accept", "comment": "Bravo pour ce projet."}
        )
    assert response.status_code == 302
    award = Award.objects.get()
    item.refresh_from_db()
    assert (item.state, item.award, item.decided_by, item.decision_comment, item.automatic) == (
        BadgeRequest.State.ACCEPTED,
        award,
        cast.awarder,
        "Bravo pour ce projet.",
        False,
    )
    assert award.recipient_email == CAMILLE
    assert award.created_by == cast.awarder
    evidence = json.loads(award.credential)["evidence"]
    assert evidence[0]["id"] == "https://portfolio.example/projet"
    assert evidence[0]["narrative"] == "J'ai animé l'atelier de clôture."
    assert EvidenceFile.objects.get(award=award).data == b"%PDF-1"
    assert verify(award.credential.encode(), email=CAMILLE, fetcher=platform_fetcher()).verified
    [message] = mail.outbox
    assert message.to == [CAMILLE]
    assert f"/reclamer/{award.claim_token}" in message.body
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(decide_url(cast, item), {"decision": "accept"})
        client.post(decide_url(cast, item), {"decision": "decline", "comment": "Non."})
    assert "Cette demande a déjà été traitée." in text(client.get(again["Location"]))
    assert Award.objects.count() == 1
    assert len(mail.outbox) == 1
    item.refresh_from_db()
    assert item.state == BadgeRequest.State.ACCEPTED


def test_accepting_twice_from_the_action_awards_once(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    item = pending_request(cast, grouped_badge)
    stale = BadgeRequest.objects.get(pk=item.pk)
    actions.accept_request(item, by=cast.owner)
    with pytest.raises(actions.AlreadyDecidedError):
        actions.accept_request(stale, by=cast.awarder)
    assert Award.objects.count() == 1


def test_declining_needs_a_comment_and_e_mails_it_in_the_persons_language(
    cast: Cast, grouped_badge: BadgeVersion, django_capture_on_commit_callbacks: Any
) -> None:
    item = pending_request(cast, grouped_badge)
    BadgeRequest.objects.filter(pk=item.pk).update(language="en")
    client = cast.client(cast.owner)
    empty = client.post(decide_url(cast, item), {"decision": "decline", "comment": "  "})
    assert empty.status_code == 400
    assert "Expliquez à la personne pourquoi" in text(empty)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            decide_url(cast, item),
            {"decision": "decline", "comment": "Il manque la vidéo de la présentation."},
        )
    item.refresh_from_db()
    assert (item.state, item.decided_by) == (BadgeRequest.State.DECLINED, cast.owner)
    assert not Award.objects.exists()
    [message] = mail.outbox
    assert message.to == [CAMILLE]
    assert (
        message.subject
        == "Your request for the badge “Compétences relationnelles” — Atelier de Lyon"
    )
    assert "Il manque la vidéo de la présentation." in message.body
    assert "cannot award it to you for now" in message.body
    assert message.reply_to == ["contact@atelier.example"]
    html_part = message.alternatives[0][0]  # type: ignore[index]
    assert "Il manque la vidéo de la présentation." in str(html_part)
    mine = text(cast.client(cast.learner).get(reverse("claims:my-requests")))
    assert "Refusée" in mine
    assert "Il manque la vidéo de la présentation." in mine


def test_a_french_decline_reads_french(
    cast: Cast, grouped_badge: BadgeVersion, django_capture_on_commit_callbacks: Any
) -> None:
    item = pending_request(cast, grouped_badge)
    with django_capture_on_commit_callbacks(execute=True):
        actions.decline_request(item, by=cast.owner, comment="Pas encore.")
    [message] = mail.outbox
    assert message.subject == (
        "Votre demande du badge «\u00a0Compétences relationnelles\u00a0» — Atelier de Lyon"
    )
    assert "ne peut pas vous l'attribuer pour le moment" in message.body


def test_declining_a_link_request_gives_its_place_back(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    link = make_link(cast, grouped_badge, requires_approval=True, max_uses=1)
    claim(cast.client(None), link)
    assert claim(cast.client(None), link, email="autre@visiteur.example").status_code == 410
    item = BadgeRequest.objects.get()
    actions.decline_request(item, by=cast.awarder, comment="Vous n'étiez pas inscrit.")
    link.refresh_from_db()
    assert link.uses == 0
    assert claim(cast.client(None), link, email="autre@visiteur.example").status_code == 302


def test_accepting_a_link_request_awards_the_participant(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    link = make_link(cast, grouped_badge, requires_approval=True)
    claim(cast.client(None), link)
    item = BadgeRequest.objects.get()
    award = actions.accept_request(item, by=cast.awarder)
    assert (award.recipient_email, award.recipient_name) == (SACHA, "Sacha Leroy")
    link.refresh_from_db()
    assert link.uses == 1


def test_accepting_for_an_address_that_got_the_badge_meanwhile_awards_nothing(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    item = pending_request(cast, grouped_badge)
    issue(grouped_badge, [Recipient(email=CAMILLE, name="Camille Roux")], by=cast.owner)
    client = cast.client(cast.awarder)
    assert "Cette adresse possède déjà ce badge" in text(client.get(request_url(cast, item)))
    response = client.post(decide_url(cast, item), {"decision": "accept"})
    assert "il n'est pas attribué une seconde fois" in text(client.get(response["Location"]))
    assert Award.objects.count() == 1
    item.refresh_from_db()
    assert item.state == BadgeRequest.State.PENDING


def test_an_archived_badge_is_not_awarded_on_acceptance(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    item = pending_request(cast, grouped_badge)
    grouped_badge.badge.archived = True
    grouped_badge.badge.save()
    with pytest.raises(actions.BadgeUnavailableError):
        actions.accept_request(item, by=cast.owner)
    assert not Award.objects.exists()


def test_an_unknown_decision_changes_nothing(cast: Cast, grouped_badge: BadgeVersion) -> None:
    item = pending_request(cast, grouped_badge)
    client = cast.client(cast.owner)
    for data in ({}, {"decision": "peut-etre"}, {"decision": "accept", "comment": "x" * 3000}):
        response = client.post(decide_url(cast, item), data)
        assert response.status_code in (302, 400), data
    item.refresh_from_db()
    assert item.state == BadgeRequest.State.PENDING
    assert client.get(decide_url(cast, item)).status_code == 405


def test_staff_download_the_evidence_file_as_an_attachment(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    item = pending_request(
        cast, grouped_badge, file_name="photo été.png", content_type="image/png", data=b"\x89PNG"
    )
    url = reverse("claims:evidence", args=[cast.organisation.slug, item.public_id])
    response = cast.client(cast.awarder).get(url)
    assert response.status_code == 200
    assert response.content == b"\x89PNG"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    without = pending_request(cast, make_other_badge(cast), email="x@y.example")
    assert (
        cast.client(cast.awarder)
        .get(reverse("claims:evidence", args=[cast.organisation.slug, without.public_id]))
        .status_code
        == 404
    )


def make_other_badge(cast: Cast) -> BadgeVersion:
    from .conftest import make_badge

    return make_badge(cast.organisation, name="Autre badge")


# The queue


def test_the_queue_shows_pending_requests_first_with_counts(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    first = pending_request(cast, grouped_badge)
    second = pending_request(cast, grouped_badge, email="deux@apprenant.example")
    done = pending_request(cast, grouped_badge, email="trois@apprenant.example")
    actions.decline_request(done, by=cast.owner, comment="Non.")
    client = cast.client(cast.awarder)
    response = client.get(queue_url(cast))
    assert [r.pk for r in response.context["page"].object_list] == [first.pk, second.pk]
    page = words(response)
    assert "En attente (2)" in page
    assert "Refusées (1)" in page
    assert "Toutes (3)" in page
    declined = client.get(queue_url(cast), {"etat": "refusees"})
    assert [r.pk for r in declined.context["page"].object_list] == [done.pk]
    everything = client.get(queue_url(cast), {"etat": "toutes"})
    # Waiting requests first, even though the declined one is the newest.
    assert [r.pk for r in everything.context["page"].object_list] == [second.pk, first.pk, done.pk]
    assert client.get(queue_url(cast), {"etat": "n'importe"}).status_code == 200
    assert client.get(queue_url(cast), {"page": "mille"}).status_code == 200
    assert client.get(queue_url(cast), {"badge": "pas-un-uuid"}).status_code == 200


def test_the_queue_filters_by_badge(cast: Cast, grouped_badge: BadgeVersion) -> None:
    pending_request(cast, grouped_badge)
    other = make_other_badge(cast)
    mine = pending_request(cast, other)
    response = cast.client(cast.awarder).get(queue_url(cast), {"badge": str(other.badge.public_id)})
    assert [r.pk for r in response.context["page"].object_list] == [mine.pk]
    assert "En attente (1)" in words(response)


def test_the_queue_takes_the_same_queries_for_many_requests(
    cast: Cast, grouped_badge: BadgeVersion, django_assert_num_queries: Any
) -> None:
    link = make_link(cast, grouped_badge, requires_approval=True)
    pending_request(cast, grouped_badge)
    client = cast.client(cast.awarder)
    with django_assert_num_queries(7) as few:
        client.get(queue_url(cast))
    expected = len(few.captured_queries)
    for number in range(15):
        claim(cast.client(None), link, email=f"personne{number}@visiteur.example")
    with django_assert_num_queries(expected):
        response = client.get(queue_url(cast))
    assert len(response.context["page"].object_list) == 16


def test_my_requests_take_the_same_queries_for_many_requests(
    cast: Cast, grouped_badge: BadgeVersion, django_assert_num_queries: Any
) -> None:
    client = cast.client(cast.learner)
    pending_request(cast, grouped_badge)
    with django_assert_num_queries(3) as few:
        client.get(reverse("claims:my-requests"))
    expected = len(few.captured_queries)
    for _ in range(5):
        version = make_other_badge(cast)
        item = pending_request(cast, version)
        actions.accept_request(item, by=cast.owner)
    with django_assert_num_queries(expected):
        response = client.get(reverse("claims:my-requests"))
    assert len(response.context["requests"]) == 6


# The learner's requests


def test_a_learner_withdraws_a_pending_request(cast: Cast, grouped_badge: BadgeVersion) -> None:
    item = pending_request(cast, grouped_badge)
    url = reverse("claims:withdraw", args=[item.public_id])
    assert cast.client(cast.outsider).post(url).status_code == 404
    assert cast.client(cast.learner).post(url).status_code == 302
    assert not BadgeRequest.objects.exists()


def test_a_decided_request_cannot_be_withdrawn(cast: Cast, grouped_badge: BadgeVersion) -> None:
    item = pending_request(cast, grouped_badge)
    actions.accept_request(item, by=cast.owner)
    response = cast.client(cast.learner).post(reverse("claims:withdraw", args=[item.public_id]))
    assert response.status_code == 302
    assert BadgeRequest.objects.filter(pk=item.pk).exists()


def test_an_accepted_request_says_where_the_badge_went(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    item = pending_request(cast, grouped_badge)
    award = actions.accept_request(item, by=cast.owner, comment="Bravo.")
    client = cast.client(cast.learner)
    page = text(client.get(reverse("claims:my-requests")))
    assert "Acceptée" in page
    assert "Bravo." in page
    assert "Le badge vous a été envoyé par courriel" in page
    Award.objects.filter(pk=award.pk).update(learner=cast.learner)
    page = text(client.get(reverse("claims:my-requests")))
    assert reverse("backpack:award", args=[award.public_id]) in page


def test_my_requests_need_an_account_and_show_only_mine(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    pending_request(cast, grouped_badge)
    assert cast.client(None).get(reverse("claims:my-requests")).status_code == 302
    other = make_user("autre@apprenant.example")
    page = text(cast.client(other).get(reverse("claims:my-requests")))
    assert "Compétences relationnelles" not in page
    assert "Vous n’avez demandé aucun badge." in page


def test_deleting_an_account_deletes_its_requests_and_those_sent_to_its_addresses(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    pending_request(cast, grouped_badge)
    claim(
        cast.client(None),
        make_link(cast, make_other_badge(cast), requires_approval=True),
        email=CAMILLE,
    )
    kept = pending_request(cast, make_other_badge(cast), email="quelqu-un@autre.example")
    BadgeRequest.objects.filter(pk=kept.pk).update(user=None)
    assert BadgeRequest.objects.count() == 3
    cast.learner.delete()
    assert list(BadgeRequest.objects.all()) == [kept]
    assert ClaimLink.objects.count() == 1
