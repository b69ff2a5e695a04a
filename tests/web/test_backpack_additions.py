"""What the holder adds to an award: a reflection and evidence (links, files), shown on the
backpack page and on the public page apart from the issuer's signed evidence."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

from insigne.web.awards.models import Award
from insigne.web.backpack import actions
from insigne.web.backpack.limits import MAX_EVIDENCE_BYTES, MAX_EVIDENCE_ITEMS
from insigne.web.backpack.models import HolderEvidence, Reflection
from insigne.web.badges.models import BadgeVersion

from .conftest import Cast
from .images import PNG_64
from .test_backpack_support import held, page, public_page

pytestmark = pytest.mark.django_db

HOLDER_HEADING = "Ajouté par le titulaire du badge"


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    cache.clear()


def add_evidence(client: Client, award: Award, **data: object) -> HttpResponse:
    return client.post(f"{page(award)}/preuves", {"title": "Mon projet", **data})


def test_the_reflection_is_saved_and_shown_on_both_pages(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = held(cast, grouped_badge, public=True)
    learner = cast.client(cast.learner)
    visitor = Client()
    assert HOLDER_HEADING not in visitor.get(public_page(award)).content.decode()  # cached now
    response = learner.post(f"{page(award)}/reflexion", {"text": "J’ai appris à écouter."})
    assert response.status_code == 302
    assert Reflection.objects.get(award=award).text == "J’ai appris à écouter."
    assert "J’ai appris à écouter." in learner.get(page(award)).content.decode()
    html = visitor.get(public_page(award)).content.decode()
    assert HOLDER_HEADING in html
    assert "J’ai appris à écouter." in html


def test_an_empty_reflection_removes_it(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award = held(cast, grouped_badge)
    learner = cast.client(cast.learner)
    learner.post(f"{page(award)}/reflexion", {"text": "Un texte"})
    learner.post(f"{page(award)}/reflexion", {"text": "   "})
    assert not Reflection.objects.filter(award=award).exists()


def test_a_reflection_longer_than_5000_characters_is_refused_with_a_message(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = held(cast, grouped_badge)
    response = cast.client(cast.learner).post(f"{page(award)}/reflexion", {"text": "a" * 5001})
    assert response.status_code == 400
    assert "5000 caractères" in response.content.decode()
    assert not Reflection.objects.filter(award=award).exists()


def test_evidence_with_a_link_is_shown_apart_from_the_issuers_evidence(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = held(
        cast,
        grouped_badge,
        public=True,
        evidence=({"url": "https://atelier.example/projet", "name": "Projet signé"},),
    )
    response = add_evidence(
        cast.client(cast.learner),
        award,
        url="https://camille.example/portfolio",
        description="Mon portfolio en ligne",
    )
    assert response.status_code == 302
    html = Client().get(public_page(award)).content.decode()
    issuer_part, holder_part = html.split(HOLDER_HEADING)
    assert "Projet signé" in issuer_part and "Projet signé" not in holder_part
    assert "https://camille.example/portfolio" in holder_part
    assert "https://camille.example/portfolio" not in issuer_part
    assert 'rel="nofollow noopener noreferrer ugc"' in holder_part
    assert "ne font pas partie du badge signé" in holder_part


def test_the_signed_credential_does_not_change_when_the_holder_adds_evidence(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = held(cast, grouped_badge)
    before = award.credential
    add_evidence(cast.client(cast.learner), award, url="https://camille.example/a")
    assert Award.objects.get(pk=award.pk).credential == before


def test_evidence_needs_a_link_or_a_file(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award = held(cast, grouped_badge)
    response = add_evidence(cast.client(cast.learner), award)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Indiquez une adresse web ou joignez un fichier." in html
    assert '<a href="#ajout-preuve-title">Aller au formulaire</a>' in html
    assert not HolderEvidence.objects.exists()


def test_a_file_is_kept_and_served_to_whoever_may_see_the_award(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = held(cast, grouped_badge)
    upload = SimpleUploadedFile("attestation.pdf", b"%PDF-1.4 test", "application/pdf")
    add_evidence(cast.client(cast.learner), award, file=upload)
    item = HolderEvidence.objects.get(award=award)
    assert item.file_name == "attestation.pdf"
    assert item.content_type == "application/pdf"
    url = f"/sac/preuves/{item.public_id}"
    response = cast.client(cast.learner).get(url)
    assert response.status_code == 200
    assert response.content == b"%PDF-1.4 test"
    assert response["Content-Disposition"].startswith("inline")  # as the issuer's evidence
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert cast.client(cast.owner).get(url).status_code == 200  # the issuer sees private awards
    assert Client().get(url).status_code == 404
    assert cast.client(cast.outsider).get(url).status_code == 404
    Award.objects.filter(pk=award.pk).update(public=True)
    assert Client().get(url).status_code == 200


def test_an_office_document_is_only_ever_downloaded(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = held(cast, grouped_badge)
    kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    upload = SimpleUploadedFile("rapport.docx", b"PK\x03\x04 test", kind)
    add_evidence(cast.client(cast.learner), award, file=upload)
    item = HolderEvidence.objects.get(award=award)
    response = cast.client(cast.learner).get(f"/sac/preuves/{item.public_id}")
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/octet-stream"
    assert "sandbox" in response["Content-Security-Policy"]


def test_an_image_file_opens_in_the_browser(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award = held(cast, grouped_badge)
    add_evidence(
        cast.client(cast.learner), award, file=SimpleUploadedFile("photo.png", PNG_64, "image/png")
    )
    item = HolderEvidence.objects.get(award=award)
    response = cast.client(cast.learner).get(f"/sac/preuves/{item.public_id}")
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert "sandbox" in response["Content-Security-Policy"]


def test_a_file_of_a_refused_type_gets_a_clear_message(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = held(cast, grouped_badge)
    upload = SimpleUploadedFile("page.html", b"<script>alert(1)</script>", "text/html")
    response = add_evidence(cast.client(cast.learner), award, file=upload)
    assert response.status_code == 400
    assert "type de fichier n" in response.content.decode()
    assert not HolderEvidence.objects.exists()


def test_a_file_over_10_mb_is_refused_with_the_limit_in_the_message(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = held(cast, grouped_badge)
    upload = SimpleUploadedFile("video.mp4", b"0" * (MAX_EVIDENCE_BYTES + 1), "video/mp4")
    response = add_evidence(cast.client(cast.learner), award, file=upload)
    assert response.status_code == 400
    assert "10 Mo" in response.content.decode()
    assert not HolderEvidence.objects.exists()


def test_an_upload_declared_far_over_the_limit_is_refused_before_it_is_read(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = held(cast, grouped_badge)
    client = cast.client(cast.learner)
    response = client.generic(
        "POST",
        f"{page(award)}/preuves",
        b"x" * 100,
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "10 Mo au plus" in response.content.decode()


def test_a_broken_upload_gets_a_message_not_an_error(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = held(cast, grouped_badge)
    response = cast.client(cast.learner).generic(
        "POST",
        f"{page(award)}/preuves",
        b"--xyz\r\nContent-Disposition: form-data; name=",
        content_type="multipart/form-data; boundary=xyz",
    )
    assert response.status_code == 400


def test_a_file_exactly_at_the_limit_is_accepted(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award = held(cast, grouped_badge)
    upload = SimpleUploadedFile("son.mp3", b"0" * MAX_EVIDENCE_BYTES, "audio/mpeg")
    response = add_evidence(cast.client(cast.learner), award, file=upload)
    assert response.status_code == 302
    assert HolderEvidence.objects.get(award=award).file_name == "son.mp3"


def test_an_award_takes_at_most_twenty_pieces_of_evidence(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = held(cast, grouped_badge)
    for number in range(MAX_EVIDENCE_ITEMS):
        HolderEvidence.objects.create(award=award, title=f"P{number}", url="https://a.example")
    response = add_evidence(cast.client(cast.learner), award, url="https://camille.example")
    assert response.status_code == 400
    assert "au plus 20 preuves" in response.content.decode()
    assert HolderEvidence.objects.filter(award=award).count() == MAX_EVIDENCE_ITEMS


def test_evidence_can_be_changed_and_its_file_removed(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = held(cast, grouped_badge, public=True)
    learner = cast.client(cast.learner)
    upload = SimpleUploadedFile("notes.txt", b"Mes notes", "text/plain")
    add_evidence(learner, award, file=upload, url="https://camille.example/notes")
    item = HolderEvidence.objects.get(award=award)
    edit = f"/sac/preuves/{item.public_id}/modifier"
    assert "Retirer le fichier joint" in learner.get(edit).content.decode()
    response = learner.post(
        edit, {"title": "Notes revues", "url": "https://camille.example/notes", "drop_file": "on"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Notes revues"
    assert item.file_name == "" and item.data is None
    assert "Notes revues" in Client().get(public_page(award)).content.decode()


def test_removing_the_only_file_of_evidence_without_a_link_is_refused(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = held(cast, grouped_badge)
    learner = cast.client(cast.learner)
    add_evidence(learner, award, file=SimpleUploadedFile("a.txt", b"abc", "text/plain"))
    item = HolderEvidence.objects.get(award=award)
    response = learner.post(
        f"/sac/preuves/{item.public_id}/modifier", {"title": "A", "drop_file": "on"}
    )
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.file_name == "a.txt"


def test_deleting_evidence_asks_first_then_removes_it_from_the_public_page(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = held(cast, grouped_badge, public=True)
    learner = cast.client(cast.learner)
    add_evidence(learner, award, url="https://camille.example/a-effacer")
    item = HolderEvidence.objects.get(award=award)
    visitor = Client()
    assert "camille.example/a-effacer" in visitor.get(public_page(award)).content.decode()
    url = f"/sac/preuves/{item.public_id}/supprimer"
    assert "Supprimer la preuve" in learner.get(url).content.decode()
    assert HolderEvidence.objects.filter(pk=item.pk).exists()
    assert learner.post(url).status_code == 302
    assert not HolderEvidence.objects.filter(pk=item.pk).exists()
    assert "camille.example/a-effacer" not in visitor.get(public_page(award)).content.decode()


@pytest.mark.parametrize("who", [None, "outsider", "owner"])
def test_only_the_holder_changes_the_additions(
    cast: Cast, grouped_badge: BadgeVersion, who: str | None
) -> None:
    award = held(cast, grouped_badge, public=True)
    item = HolderEvidence.objects.create(award=award, title="Preuve", url="https://c.example")
    client = cast.client(getattr(cast, who) if who else None)
    for url, data in (
        (f"{page(award)}/reflexion", {"text": "intrus"}),
        (f"{page(award)}/preuves", {"title": "intrus", "url": "https://x.example"}),
        (
            f"/sac/preuves/{item.public_id}/modifier",
            {"title": "intrus", "url": "https://x.example"},
        ),
        (f"/sac/preuves/{item.public_id}/supprimer", {}),
    ):
        response = client.post(url, data)
        assert response.status_code in (302, 404), url
        if response.status_code == 302:
            assert response["Location"].startswith("/compte/")  # to the sign-in page
    item.refresh_from_db()
    assert item.title == "Preuve"
    assert HolderEvidence.objects.filter(award=award).count() == 1
    assert not Reflection.objects.exists()


def test_a_badge_page_reads_the_holders_additions_only_once_they_exist(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award = held(cast, grouped_badge, public=True)
    with CaptureQueriesContext(connection) as queries:
        Client().get(public_page(award))
    assert not [q for q in queries if "backpack_" in q["sql"]]
    cast.client(cast.learner).post(f"{page(award)}/reflexion", {"text": "Mon texte"})
    with CaptureQueriesContext(connection) as queries:
        html = Client().get(public_page(award)).content.decode()
    assert "Mon texte" in html
    assert len([q for q in queries if "backpack_" in q["sql"]]) == 2  # reflection, evidence


def test_the_actions_check_the_holder(cast: Cast, grouped_badge: BadgeVersion) -> None:
    from django.core.exceptions import PermissionDenied

    award = held(cast, grouped_badge)
    with pytest.raises(PermissionDenied):
        actions.save_reflection(cast.outsider, award, "texte")
    with pytest.raises(PermissionDenied):
        actions.add_evidence(
            cast.outsider, award, actions.EvidenceInput(title="x", url="https://x.example")
        )
