"""The staff list of awards: search, filters, pages, and revoking, suspending, reinstating."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.urls import reverse

from insigne.core.verify import verify
from insigne.web.awards.issuance import Recipient, issue
from insigne.web.awards.models import Award
from insigne.web.badges.models import BadgeVersion
from insigne.web.public.fetching import platform_fetcher

from .conftest import Cast, make_badge

pytestmark = pytest.mark.django_db


def list_url(cast: Cast) -> str:
    return reverse("awards:list", args=[cast.organisation.slug])


def awarded(cast: Cast, version: BadgeVersion, count: int, prefix: str = "p") -> list[Award]:
    return issue(
        version,
        [
            Recipient(f"{prefix}{n}@example.org", f"Personne {prefix.upper()}{n}")
            for n in range(count)
        ],
        by=cast.owner,
    )


def test_every_member_sees_the_list_and_outsiders_get_404(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    awarded(cast, grouped_badge, 2)
    for member in (cast.owner, cast.editor, cast.awarder):
        assert cast.client(member).get(list_url(cast)).status_code == 200
    assert cast.client(cast.outsider).get(list_url(cast)).status_code == 404
    assert cast.client(None).get(list_url(cast)).status_code == 302


def test_the_list_never_shows_another_organisations_awards(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    awarded(cast, grouped_badge, 1, prefix="ici")
    awarded(cast, make_badge(cast.other), 1, prefix="ailleurs")
    page = cast.client(cast.owner).get(list_url(cast)).content.decode()
    assert "ici0@example.org" in page
    assert "ailleurs0@example.org" not in page


def test_search_by_name_or_address_and_filter_by_badge_and_state(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    other = make_badge(cast.organisation, name="Secourisme")
    awarded(cast, grouped_badge, 3, prefix="eq")
    [first, *_] = awarded(cast, other, 2, prefix="sec")
    Award.objects.filter(pk=first.pk).update(state=Award.State.SUSPENDED)
    client = cast.client(cast.owner)

    def emails(**query: str) -> set[str]:
        page = client.get(list_url(cast), query)
        return {a.recipient_email for a in page.context["page"].object_list}

    assert emails(q="EQ1") == {"eq1@example.org"}
    assert emails(q="personne sec") == {"sec0@example.org", "sec1@example.org"}
    assert emails(badge=str(other.badge.public_id)) == {"sec0@example.org", "sec1@example.org"}
    assert emails(state="suspended") == {"sec0@example.org"}
    assert emails(badge=str(grouped_badge.badge.public_id), state="suspended") == set()
    assert len(emails(badge="pas-un-badge")) == 5  # a bad filter is ignored, never a 500


def test_the_list_is_paginated_with_a_constant_number_of_queries(
    cast: Cast, grouped_badge: BadgeVersion, django_assert_num_queries: Any
) -> None:
    client = cast.client(cast.owner)
    awarded(cast, grouped_badge, 3, prefix="a")
    make_badge(cast.organisation, name="Autre badge")
    with django_assert_num_queries(8) as few:
        client.get(list_url(cast))
    awarded(cast, grouped_badge, 60, prefix="b")
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(list_url(cast))
    assert len(response.context["page"].object_list) == 50
    second = client.get(list_url(cast), {"page": "2"})
    assert len(second.context["page"].object_list) == 13
    assert client.get(list_url(cast), {"page": "beaucoup"}).status_code == 200


def test_the_state_is_shown_in_words(cast: Cast, grouped_badge: BadgeVersion) -> None:
    [_a, b, c] = awarded(cast, grouped_badge, 3)
    Award.objects.filter(pk=b.pk).update(state=Award.State.SUSPENDED)
    Award.objects.filter(pk=c.pk).update(state=Award.State.REVOKED)
    page = cast.client(cast.owner).get(list_url(cast)).content.decode()
    for word in ("Valide", "Suspendu", "Révoqué"):
        assert word in page


def state_url(cast: Cast, award: Award) -> str:
    return reverse("awards:state", args=[cast.organisation.slug, award.public_id])


def test_revocation_needs_a_reason_and_a_confirmation(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    [award] = awarded(cast, grouped_badge, 1)
    client = cast.client(cast.awarder)
    response = client.post(state_url(cast, award), {"state": "revoked", "reason": " "})
    assert response.status_code == 400
    text = html.unescape(response.content.decode())
    assert "Indiquez le motif." in text
    assert "Cochez cette case pour confirmer la révocation." in text
    award.refresh_from_db()
    assert award.state == Award.State.ACTIVE


def test_revoking_one_award_is_final_and_the_credential_reports_it(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    [award] = awarded(cast, grouped_badge, 1)
    client = cast.client(cast.awarder)
    response = client.post(
        state_url(cast, award), {"state": "revoked", "reason": "Fraude constatée", "confirm": "on"}
    )
    assert response.status_code == 302
    award.refresh_from_db()
    assert (award.state, award.state_reason) == (Award.State.REVOKED, "Fraude constatée")
    assert verify(award.credential.encode(), fetcher=platform_fetcher()).revoked
    client.post(state_url(cast, award), {"state": "active"})
    award.refresh_from_db()
    assert award.state == Award.State.REVOKED
    page = client.get(reverse("awards:detail", args=[cast.organisation.slug, award.public_id]))
    text = page.content.decode()
    assert "Fraude constatée" in text
    assert state_url(cast, award) not in text  # no form is offered any more


def test_suspending_then_reinstating_one_award(cast: Cast, grouped_badge: BadgeVersion) -> None:
    [award] = awarded(cast, grouped_badge, 1)
    client = cast.client(cast.owner)
    assert client.post(state_url(cast, award), {"state": "suspended"}).status_code == 400
    client.post(state_url(cast, award), {"state": "suspended", "reason": "Vérification"})
    award.refresh_from_db()
    assert award.state == Award.State.SUSPENDED
    assert not verify(award.credential.encode(), fetcher=platform_fetcher()).verified
    client.post(state_url(cast, award), {"state": "active", "reason": ""})
    award.refresh_from_db()
    assert award.state == Award.State.ACTIVE
    result = verify(award.credential.encode(), fetcher=platform_fetcher())
    assert result.verified, [(c.name, c.detail) for c in result.failures()]


def test_editor_and_outsider_cannot_change_a_state(cast: Cast, grouped_badge: BadgeVersion) -> None:
    [award] = awarded(cast, grouped_badge, 1)
    data = {"state": "revoked", "reason": "x", "confirm": "on"}
    assert cast.client(cast.editor).post(state_url(cast, award), data).status_code == 403
    assert cast.client(cast.outsider).post(state_url(cast, award), data).status_code == 404
    assert cast.client(None).post(state_url(cast, award), data).status_code == 302
    assert cast.client(cast.owner).get(state_url(cast, award)).status_code == 405
    award.refresh_from_db()
    assert award.state == Award.State.ACTIVE


def test_a_bad_state_is_refused_without_error(cast: Cast, grouped_badge: BadgeVersion) -> None:
    [award] = awarded(cast, grouped_badge, 1)
    response = cast.client(cast.owner).post(state_url(cast, award), {"state": "détruit"})
    assert response.status_code == 400


def bulk_url(cast: Cast) -> str:
    return reverse("awards:bulk", args=[cast.organisation.slug])


def test_suspending_and_revoking_a_selection_with_one_reason(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    awards = awarded(cast, grouped_badge, 4)
    client = cast.client(cast.awarder)
    chosen = [str(a.public_id) for a in awards[:3]]
    back = list_url(cast) + "?state=active"
    response = client.post(
        bulk_url(cast),
        {"awards": chosen, "state": "suspended", "reason": "Session annulée", "next": back},
    )
    assert response["Location"] == back
    assert Award.objects.filter(state=Award.State.SUSPENDED).count() == 3
    client.post(
        bulk_url(cast),
        {"awards": chosen[:2], "state": "revoked", "reason": "Session annulée", "confirm": "on"},
    )
    assert set(Award.objects.values_list("state", flat=True)) == {
        Award.State.REVOKED, Award.State.SUSPENDED, Award.State.ACTIVE,
    }  # fmt: skip
    assert Award.objects.filter(state=Award.State.REVOKED).count() == 2
    messages = [str(m) for m in client.get(list_url(cast)).context["messages"]]
    assert messages == ["3 badges suspendus.", "2 badges révoqués."]


def test_a_selection_never_reaches_another_organisations_awards(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    [foreign] = awarded(cast, make_badge(cast.other), 1, prefix="ailleurs")
    cast.client(cast.owner).post(
        bulk_url(cast),
        {"awards": [str(foreign.public_id)], "state": "suspended", "reason": "x"},
    )
    foreign.refresh_from_db()
    assert foreign.state == Award.State.ACTIVE


@pytest.mark.parametrize(
    "data",
    [
        {"state": "suspended", "reason": "x"},  # nothing selected
        {"awards": ["pas-un-uuid"], "state": "suspended", "reason": "x"},
        {"awards": ["6f1c8a4e-0000-4000-8000-000000000000"], "state": "suspended", "reason": ""},
        {"awards": ["6f1c8a4e-0000-4000-8000-000000000000"], "state": "fondu", "reason": "x"},
        {"awards": ["6f1c8a4e-0000-4000-8000-000000000000"], "state": "suspended", "reason": "x",
         "next": "https://ailleurs.example/"},
    ],
)  # fmt: skip
def test_bad_bulk_requests_change_nothing_and_stay_on_the_list(
    cast: Cast, grouped_badge: BadgeVersion, data: dict[str, object]
) -> None:
    [award] = awarded(cast, grouped_badge, 1)
    response = cast.client(cast.owner).post(bulk_url(cast), data)
    assert response.status_code == 302
    assert response["Location"] == list_url(cast)
    award.refresh_from_db()
    assert award.state == Award.State.ACTIVE


def test_editor_cannot_use_bulk_actions(cast: Cast, grouped_badge: BadgeVersion) -> None:
    [award] = awarded(cast, grouped_badge, 1)
    data = {"awards": [str(award.public_id)], "state": "suspended", "reason": "x"}
    assert cast.client(cast.editor).post(bulk_url(cast), data).status_code == 403
    assert 'id="bulk-form"' in cast.client(cast.editor).get(list_url(cast)).content.decode()
    assert 'name="awards"' not in cast.client(cast.editor).get(list_url(cast)).content.decode()
