"""Who may manage claim links and decide on requests: whoever may award the organisation's
badges (owner, awarder). Editors are refused; outsiders and learners learn nothing (404);
anonymous visitors are sent to sign in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from insigne.web.accounts.models import User
from insigne.web.awards.models import Award
from insigne.web.badges.models import BadgeVersion
from insigne.web.claims.models import BadgeRequest, ClaimLink

from .conftest import Cast
from .test_claims_support import make_link, pending_request

pytestmark = pytest.mark.django_db


def pages(cast: Cast, version: BadgeVersion) -> dict[str, str]:
    """Every issuer-side page of the claims app, for one link and one request."""
    link = make_link(cast, version)
    item = pending_request(
        cast, version, file_name="a.pdf", content_type="application/pdf", data=b"%PDF"
    )
    slug, badge = cast.organisation.slug, version.badge.public_id
    return {
        "links": reverse("claims:links", args=[slug, badge]),
        "link-create": reverse("claims:link-create", args=[slug, badge]),
        "link": reverse("claims:link", args=[slug, link.public_id]),
        "link-qr": reverse("claims:link-qr", args=[slug, link.public_id, "svg"]),
        "queue": reverse("claims:queue", args=[slug]),
        "request": reverse("claims:request", args=[slug, item.public_id]),
        "evidence": reverse("claims:evidence", args=[slug, item.public_id]),
    }


def actions_of(cast: Cast) -> dict[str, tuple[str, dict[str, str]]]:
    link = ClaimLink.objects.get()
    item = BadgeRequest.objects.get()
    slug, badge = cast.organisation.slug, link.badge.public_id
    return {
        "create": (reverse("claims:link-create", args=[slug, badge]), {"label": "Intrus"}),
        "deactivate": (reverse("claims:link-active", args=[slug, link.public_id]), {"active": "0"}),
        "open": (reverse("claims:requests-open", args=[slug, badge]), {"open": "0"}),
        "accept": (reverse("claims:decide", args=[slug, item.public_id]), {"decision": "accept"}),
        "decline": (
            reverse("claims:decide", args=[slug, item.public_id]),
            {"decision": "decline", "comment": "Non."},
        ),
    }


def nothing_changed(cast: Cast) -> bool:
    link = ClaimLink.objects.get()
    item = BadgeRequest.objects.get()
    return (
        ClaimLink.objects.count() == 1
        and link.active
        and link.badge.accepts_requests
        and item.state == BadgeRequest.State.PENDING
        and not Award.objects.exists()
    )


@pytest.mark.parametrize("role", ["owner", "awarder"])
def test_owners_and_awarders_see_every_claims_page(
    cast: Cast, grouped_badge: BadgeVersion, role: str
) -> None:
    client = cast.client(getattr(cast, role))
    for name, url in pages(cast, grouped_badge).items():
        assert client.get(url).status_code == 200, name


def test_an_editor_may_not_manage_links_or_decide_requests(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    client = cast.client(cast.editor)
    for name, url in pages(cast, grouped_badge).items():
        assert client.get(url).status_code == 403, name
    for name, (url, data) in actions_of(cast).items():
        assert client.post(url, data).status_code == 403, name
    assert nothing_changed(cast)


@pytest.mark.parametrize("who", ["outsider", "learner"])
def test_outsiders_and_learners_cannot_manage_links_or_decide_requests(
    cast: Cast, grouped_badge: BadgeVersion, who: str
) -> None:
    person: User = getattr(cast, who)
    client = cast.client(person)
    for name, url in pages(cast, grouped_badge).items():
        assert client.get(url).status_code == 404, name
    for name, (url, data) in actions_of(cast).items():
        assert client.post(url, data).status_code == 404, name
    assert nothing_changed(cast)


def test_the_outsiders_own_organisation_does_not_open_another_ones_links(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    """The organisation in the address must be the one the link belongs to."""
    pages(cast, grouped_badge)
    link = ClaimLink.objects.get()
    item = BadgeRequest.objects.get()
    client = cast.client(cast.outsider)
    slug = cast.other.slug
    assert client.get(reverse("claims:link", args=[slug, link.public_id])).status_code == 404
    assert client.get(reverse("claims:request", args=[slug, item.public_id])).status_code == 404
    decide = reverse("claims:decide", args=[slug, item.public_id])
    assert client.post(decide, {"decision": "accept"}).status_code == 404
    assert nothing_changed(cast)


def test_anonymous_visitors_are_sent_to_sign_in(cast: Cast, grouped_badge: BadgeVersion) -> None:
    client = cast.client(None)
    for name, url in pages(cast, grouped_badge).items():
        response = client.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith("/compte/login/"), name
    for name, (url, data) in actions_of(cast).items():
        assert client.post(url, data).status_code == 302, name
    assert nothing_changed(cast)
