"""Awarding a badge to one person, and the staff page of an award."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from insigne.core.verify import verify
from insigne.web.awards.models import Award, EvidenceFile
from insigne.web.badges.models import BadgeVersion
from insigne.web.public.fetching import platform_fetcher

from .conftest import Cast, make_badge

pytestmark = pytest.mark.django_db


def award_url(cast: Cast, version: BadgeVersion) -> str:
    return reverse("awards:award", args=[cast.organisation.slug, version.badge.public_id])


def form(**extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "email": "Camille@Apprenant.example",
        "name": "Camille Roux",
        "language": "fr",
        "awarded_on": timezone.localdate().isoformat(),
        "narrative": "A animé l'atelier de clôture.",
    }
    data.update(extra)
    return data


def test_owner_awards_a_badge_with_levels_that_verifies(
    cast: Cast, grouped_badge: BadgeVersion, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = cast.client(cast.owner).post(
            award_url(cast, grouped_badge), form(level_1="Maîtrise", level_0="")
        )
    award = Award.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "awards:detail", args=[cast.organisation.slug, award.public_id]
    )
    assert award.recipient_email == "camille@apprenant.example"
    assert award.levels == {"Communiquer": "Maîtrise"}
    assert award.created_by == cast.owner
    result = verify(
        award.credential.encode(), email="camille@apprenant.example", fetcher=platform_fetcher()
    )
    assert result.verified, [(c.name, c.detail) for c in result.failures()]
    subject = json.loads(award.credential)["credentialSubject"]
    assert subject["narrative"] == "A animé l'atelier de clôture."
    assert [r["achievedLevel"].rsplit("-", 1)[-1] for r in subject["result"]] == ["3"]
    assert len(mail.outbox) == 1


def test_awarder_may_award_but_editor_may_not(cast: Cast, grouped_badge: BadgeVersion) -> None:
    url = award_url(cast, grouped_badge)
    assert cast.client(cast.awarder).get(url).status_code == 200
    assert cast.client(cast.editor).get(url).status_code == 403
    assert cast.client(cast.editor).post(url, form()).status_code == 403
    assert not Award.objects.exists()


def test_outsider_gets_404_and_anonymous_is_sent_to_login(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    url = award_url(cast, grouped_badge)
    assert cast.client(cast.outsider).post(url, form()).status_code == 404
    assert cast.client(cast.learner).get(url).status_code == 404
    response = cast.client(None).get(url)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_badge_of_another_organisation_is_not_found(cast: Cast) -> None:
    foreign = make_badge(cast.other)
    assert cast.client(cast.owner).get(award_url(cast, foreign)).status_code == 404


def test_an_archived_badge_cannot_be_awarded(cast: Cast, grouped_badge: BadgeVersion) -> None:
    grouped_badge.badge.archived = True
    grouped_badge.badge.save()
    assert cast.client(cast.owner).get(award_url(cast, grouped_badge)).status_code == 404


def test_the_form_offers_a_level_only_for_competences_with_levels(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    page = cast.client(cast.owner).get(award_url(cast, grouped_badge)).content.decode()
    assert 'name="level_0"' in page
    assert 'name="level_1"' in page
    assert 'name="level_2"' not in page  # « Apprendre à apprendre » has no levels


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"email": "pas-une-adresse"}, "email"),
        ({"awarded_on": (timezone.localdate() + timedelta(days=1)).isoformat()}, "awarded_on"),
        ({"awarded_on": "31/02/2024"}, "awarded_on"),
        ({"level_1": "Expert"}, "level_1"),
        ({"evidence_url": "javascript:alert(1)"}, "evidence_url"),
        ({"language": "de"}, "language"),
        ({"name": ""}, "name"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_issues_nothing(
    cast: Cast, grouped_badge: BadgeVersion, changes: dict[str, str], field: str
) -> None:
    response = cast.client(cast.owner).post(award_url(cast, grouped_badge), form(**changes))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert f'href="#id_{field}"' in response.content.decode()  # the error summary links to it
    assert not Award.objects.exists()


def test_a_date_in_the_past_is_kept_as_the_award_date(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    cast.client(cast.owner).post(award_url(cast, grouped_badge), form(awarded_on="12/03/2024"))
    award = Award.objects.get()
    assert timezone.localtime(award.awarded_at).date().isoformat() == "2024-03-12"
    assert json.loads(award.credential)["validFrom"].startswith("2024-03-12T")


def test_evidence_file_is_stored_and_named_in_the_signed_credential(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    upload = SimpleUploadedFile("rapport.pdf", b"%PDF-1.4 rapport", content_type="text/html")
    response = cast.client(cast.owner).post(
        award_url(cast, grouped_badge),
        form(
            evidence_url="https://portfolio.example/projet",
            evidence_text="Rapport de projet collectif",
            evidence_file=upload,
        ),
    )
    assert response.status_code == 302
    award = Award.objects.get()
    stored = EvidenceFile.objects.get(award=award)
    assert bytes(stored.data) == b"%PDF-1.4 rapport"
    assert stored.content_type == "application/pdf"  # from the extension, not the browser
    evidence = json.loads(award.credential)["evidence"]
    assert evidence == [
        {
            "type": ["Evidence"],
            "id": "https://portfolio.example/projet",
            "narrative": "Rapport de projet collectif",
        },
        {
            "type": ["Evidence"],
            "id": f"https://insigne.test/evidence/{stored.public_id}",
            "name": "rapport.pdf",
        },
    ]
    result = verify(award.credential.encode(), fetcher=platform_fetcher())
    assert result.verified, [(c.name, c.detail) for c in result.failures()]


def test_evidence_text_alone_becomes_a_narrative(cast: Cast, grouped_badge: BadgeVersion) -> None:
    cast.client(cast.owner).post(award_url(cast, grouped_badge), form(evidence_text="Vidéo"))
    [evidence] = json.loads(Award.objects.get().credential)["evidence"]
    assert evidence == {"type": ["Evidence"], "narrative": "Vidéo"}


@pytest.mark.parametrize(
    ("name", "size"), [("page.svg", 100), ("page.html", 100), ("gros.pdf", 10 * 1024 * 1024 + 1)]
)
def test_evidence_files_that_could_harm_or_are_too_large_are_refused(
    cast: Cast, grouped_badge: BadgeVersion, name: str, size: int
) -> None:
    upload = SimpleUploadedFile(name, b"x" * size)
    response = cast.client(cast.owner).post(
        award_url(cast, grouped_badge), form(evidence_file=upload)
    )
    assert response.status_code == 400
    assert "evidence_file" in response.context["form"].errors
    assert not Award.objects.exists()
    assert not EvidenceFile.objects.exists()


def test_vc_jwt_is_produced_on_request(cast: Cast, grouped_badge: BadgeVersion) -> None:
    cast.client(cast.owner).post(award_url(cast, grouped_badge), form(with_jwt="on"))
    award = Award.objects.get()
    assert award.credential_jwt.count(".") == 2
    result = verify(award.credential_jwt, fetcher=platform_fetcher())
    assert result.verified, [(c.name, c.detail) for c in result.failures()]


def test_a_person_who_holds_the_badge_is_not_awarded_again(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    client = cast.client(cast.owner)
    client.post(award_url(cast, grouped_badge), form())
    first = Award.objects.get()
    response = client.post(award_url(cast, grouped_badge), form(email="CAMILLE@apprenant.example"))
    assert response.status_code == 409
    assert reverse("awards:detail", args=[cast.organisation.slug, first.public_id]) in (
        response.content.decode()
    )
    assert Award.objects.count() == 1


def test_after_revocation_the_person_may_be_awarded_again(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    client = cast.client(cast.owner)
    client.post(award_url(cast, grouped_badge), form())
    first = Award.objects.get()
    client.post(
        reverse("awards:state", args=[cast.organisation.slug, first.public_id]),
        {"state": "revoked", "reason": "Erreur de saisie", "confirm": "on"},
    )
    assert client.post(award_url(cast, grouped_badge), form()).status_code == 302
    assert Award.objects.count() == 2


def test_the_award_page_shows_recipient_levels_evidence_and_downloads(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    client = cast.client(cast.awarder)
    client.post(
        award_url(cast, grouped_badge),
        form(level_0="Application", evidence_url="https://portfolio.example/p", with_jwt="on"),
    )
    award = Award.objects.get()
    page = client.get(reverse("awards:detail", args=[cast.organisation.slug, award.public_id]))
    text = page.content.decode()
    assert page.status_code == 200
    for expected in (
        "Camille Roux",
        "camille@apprenant.example",
        "Travailler en équipe",
        "Application",
        "https://portfolio.example/p",
        f"https://insigne.test/b/{award.public_id}",
        f"/b/{award.public_id}/telecharger/ob3.json",
        f"/b/{award.public_id}/telecharger/ob3.jwt",
        f"/b/{award.public_id}/telecharger/badge.png",
        f"/b/{award.public_id}/telecharger/badge.svg",
        f"/b/{award.public_id}/telecharger/ob2.png",
        "Valide",  # the state in words, not colour only
        "Inès Petit",
    ):
        assert expected in text, expected


def test_every_member_sees_an_award_but_only_awarders_see_state_forms(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    cast.client(cast.owner).post(award_url(cast, grouped_badge), form())
    award = Award.objects.get()
    url = reverse("awards:detail", args=[cast.organisation.slug, award.public_id])
    editor_page = cast.client(cast.editor).get(url)
    assert editor_page.status_code == 200
    assert "awards:state" not in editor_page.content.decode()
    assert reverse("awards:state", args=[cast.organisation.slug, award.public_id]) not in (
        editor_page.content.decode()
    )
    assert reverse("awards:state", args=[cast.organisation.slug, award.public_id]) in (
        cast.client(cast.awarder).get(url).content.decode()
    )
    assert cast.client(cast.outsider).get(url).status_code == 404
    assert cast.client(None).get(url).status_code == 302
