"""Importing a list: preview with every bad row, confirmation, progress, report, same file twice."""

from __future__ import annotations

import html
import json
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from insigne.core.verify import verify
from insigne.web.awards.issuance import Recipient, issue
from insigne.web.awards.models import Award, AwardImport
from insigne.web.badges.models import BadgeVersion
from insigne.web.public.fetching import platform_fetcher

from .conftest import Cast
from .test_awards_support import xlsx

pytestmark = pytest.mark.django_db

TOMORROW = (timezone.localdate() + timedelta(days=1)).strftime("%d/%m/%Y")
HEADER = "Courriel;Nom;Langue;Date;Commentaire;Preuve_URL;Preuve;Communiquer;"
LIST = (
    HEADER
    + f"""niveau:Travailler en équipe;Remarque
ana@example.org;Ana Lopez;fr;12/03/2025;Très bon travail;https://portfolio.example/ana;Vidéo;Maîtrise;découverte;x
bob@example.org;Bob Martin;en;2025-03-12;;;;2;;
pas-une-adresse;Zoé;fr;;;;;;;
carla@example.org;Carla;fr;;;;;Expert;;
dan@example.org;Dan;fr;{TOMORROW};;;;;;
eve@example.org;Eve;fr;31/31/2025;;;;;;
ANA@example.org;Ana bis;fr;;;;;;;
fred@example.org;Fred;allemand;;;;;;;
gus@example.org;Gus;fr;;;javascript:alert(1);;;;
"""
)


def upload(
    client: Client,
    cast: Cast,
    version: BadgeVersion,
    data: bytes,
    name: str = "liste.csv",
    **extra: str,
):  # type: ignore[no-untyped-def]
    url = reverse("awards:import", args=[cast.organisation.slug, version.badge.public_id])
    return client.post(url, {"file": SimpleUploadedFile(name, data), "language": "fr", **extra})


def plain(page: str) -> str:
    """Page text with entities decoded and French non-breaking spaces as plain spaces."""
    return html.unescape(page).replace("\u00a0", " ").replace("\u202f", " ")


def preview(client: Client, response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"]).content.decode()


def test_preview_lists_every_bad_row_with_its_line_and_reason(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    client = cast.client(cast.awarder)
    page = preview(client, upload(client, cast, grouped_badge, LIST.encode("cp1252")))
    award_import = AwardImport.objects.get()
    assert award_import.state == AwardImport.State.PREVIEW
    assert award_import.total == 2
    assert [row["email"] for row in award_import.rows] == ["ana@example.org", "bob@example.org"]
    assert award_import.rows[0]["levels"] == {
        "Communiquer": "Maîtrise",
        "Travailler en équipe": "Découverte",
    }
    assert award_import.rows[1]["levels"] == {"Communiquer": "Application"}  # rank 2
    assert award_import.rows[1]["language"] == "en"
    assert {p["line"] for p in award_import.problems} == {4, 5, 6, 7, 8, 9, 10}
    for expected in (
        "adresse électronique invalide « pas-une-adresse »",
        "niveau inconnu « Expert » pour « Communiquer » "
        "(niveaux : Découverte, Application, Maîtrise)",
        f"date dans le futur « {TOMORROW} »",
        "date illisible « 31/31/2025 »",
        "adresse déjà présente dans le fichier, ligne 2",
        "langue inconnue « allemand »",
        "adresse de preuve invalide « javascript:alert(1) »",
        "« Remarque »",  # an ignored column is named
    ):
        assert expected.lower() in plain(page).lower(), expected
    assert not Award.objects.exists()  # nothing is issued before confirmation


def test_a_person_who_already_holds_the_badge_is_shown_in_the_preview(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    issue(grouped_badge, [Recipient("bob@example.org")], by=cast.owner)
    client = cast.client(cast.owner)
    page = preview(
        client, upload(client, cast, grouped_badge, b"email\nana@example.org\nbob@example.org\n")
    )
    assert "possède déjà ce badge" in plain(page)
    assert AwardImport.objects.get().total == 1


def test_confirming_issues_verifiable_awards_with_evidence_and_mails_each_learner(
    cast: Cast, grouped_badge: BadgeVersion, django_capture_on_commit_callbacks
) -> None:
    client = cast.client(cast.awarder)
    response = upload(client, cast, grouped_badge, LIST.encode("cp1252"))
    award_import = AwardImport.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(response["Location"], {"action": "confirm"})
    assert confirmed.status_code == 302
    award_import.refresh_from_db()
    assert award_import.state == AwardImport.State.DONE
    assert (award_import.done, award_import.skipped) == (2, 0)
    ana = Award.objects.get(recipient_email="ana@example.org")
    assert ana.import_batch == award_import
    assert ana.created_by == cast.awarder
    assert timezone.localtime(ana.awarded_at).date().isoformat() == "2025-03-12"
    credential = json.loads(ana.credential)
    assert credential["evidence"] == [
        {"type": ["Evidence"], "id": "https://portfolio.example/ana", "narrative": "Vidéo"}
    ]
    assert credential["credentialSubject"]["narrative"] == "Très bon travail"
    result = verify(ana.credential.encode(), email="ana@example.org", fetcher=platform_fetcher())
    assert result.verified, [(c.name, c.detail) for c in result.failures()]
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "bob@example.org"]
    bob_mail = next(m for m in mail.outbox if m.to == ["bob@example.org"])
    assert "Congratulations" in bob_mail.body
    report = client.get(response["Location"]).content.decode()
    assert "2 badges attribués" in plain(report)


def test_xlsx_list_is_imported(
    cast: Cast, grouped_badge: BadgeVersion, django_capture_on_commit_callbacks
) -> None:
    data = xlsx(
        [
            ["E-mail", "Prénom", "Nom", "Date d'attribution", "Communiquer"],
            ["ana@example.org", "Ana", "Lopez", timezone.now().replace(tzinfo=None), "Application"],
            ["bob@example.org", "Bob", "Martin", None, 3],
        ]
    )
    client = cast.client(cast.owner)
    response = upload(client, cast, grouped_badge, data, name="liste.xlsx")
    award_import = AwardImport.objects.get()
    assert award_import.problems == []
    assert award_import.rows[0]["name"] == "Ana Lopez"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"], {"action": "confirm"})
    assert Award.objects.get(recipient_email="bob@example.org").levels == {
        "Communiquer": "Maîtrise"
    }


def test_uploading_the_same_file_again_shows_the_earlier_import_and_awards_nobody_twice(
    cast: Cast, grouped_badge: BadgeVersion, django_capture_on_commit_callbacks
) -> None:
    client = cast.client(cast.owner)
    data = b"email;nom\nana@example.org;Ana\nbob@example.org;Bob\n"
    first = upload(client, cast, grouped_badge, data)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(first["Location"], {"action": "confirm"})
    again = upload(client, cast, grouped_badge, data, name="copie.csv")
    assert again["Location"] == first["Location"]
    assert AwardImport.objects.count() == 1
    assert Award.objects.count() == 2
    assert "déjà été déposé" in plain(client.get(again["Location"]).content.decode())


def test_a_new_file_with_people_who_hold_the_badge_skips_them(
    cast: Cast, grouped_badge: BadgeVersion, django_capture_on_commit_callbacks
) -> None:
    client = cast.client(cast.owner)
    first = upload(client, cast, grouped_badge, b"email\nana@example.org\n")
    second = upload(client, cast, grouped_badge, b"email\nana@example.org\nbob@example.org\n")
    # Both previews were made before anyone was awarded: the check at issuing time counts.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(first["Location"], {"action": "confirm"})
        client.post(second["Location"], {"action": "confirm"})
    later = AwardImport.objects.get(public_id=second["Location"].rstrip("/").rsplit("/", 1)[-1])
    assert (later.done, later.skipped) == (1, 1)
    assert later.report["skipped"][0]["email"] == "ana@example.org"
    assert Award.objects.filter(recipient_email="ana@example.org").count() == 1
    page = client.get(second["Location"]).content.decode()
    assert "1 personne possédait déjà le badge" in plain(page)


def test_confirming_twice_issues_once(
    cast: Cast, grouped_badge: BadgeVersion, django_capture_on_commit_callbacks
) -> None:
    client = cast.client(cast.owner)
    response = upload(client, cast, grouped_badge, b"email\nana@example.org\n")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"], {"action": "confirm"})
        client.post(response["Location"], {"action": "confirm"})
    assert Award.objects.count() == 1


def test_cancelling_a_preview_forgets_it(cast: Cast, grouped_badge: BadgeVersion) -> None:
    client = cast.client(cast.owner)
    response = upload(client, cast, grouped_badge, b"email\nana@example.org\n")
    client.post(response["Location"], {"action": "cancel"})
    assert not AwardImport.objects.exists()
    assert upload(client, cast, grouped_badge, b"email\nana@example.org\n").status_code == 302


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"nom;date\nAna;12/03/2025\n", "Aucune colonne d"),
        (b"", "vide"),
        (b"PK\x03\x04garbage", "illisible"),
    ],
)
def test_an_unusable_file_is_refused_with_a_message(
    cast: Cast, grouped_badge: BadgeVersion, data: bytes, message: str
) -> None:
    client = cast.client(cast.owner)
    response = upload(client, cast, grouped_badge, data)
    assert response.status_code == 400
    assert message in plain(response.content.decode())
    assert not AwardImport.objects.exists()


def test_a_file_over_the_size_limit_is_refused(
    cast: Cast, grouped_badge: BadgeVersion, settings
) -> None:
    settings.MAX_UPLOAD_BYTES = 1024
    client = cast.client(cast.owner)
    response = upload(client, cast, grouped_badge, b"email\n" + b"a@example.org\n" * 100)
    assert response.status_code == 400
    assert not AwardImport.objects.exists()


def test_progress_is_reported_as_json_for_every_member(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    response = upload(cast.client(cast.owner), cast, grouped_badge, b"email\na@example.org\n")
    award_import = AwardImport.objects.get()
    url = reverse("awards:import_progress", args=[cast.organisation.slug, award_import.public_id])
    data = cast.client(cast.editor).get(url).json()
    assert data["state"] == "preview"
    assert (data["total"], data["done"], data["percent"], data["finished"]) == (1, 0, 0, False)
    assert cast.client(cast.outsider).get(url).status_code == 404
    assert cast.client(None).get(url).status_code == 302
    assert response.status_code == 302


def test_the_progress_page_has_a_bar_and_a_spoken_status(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    client = cast.client(cast.owner)
    response = upload(client, cast, grouped_badge, b"email\na@example.org\nb@example.org\n")
    AwardImport.objects.update(state=AwardImport.State.RUNNING, done=1)
    page = client.get(response["Location"]).content.decode()
    assert '<progress id="progression" class="progress" max="100" value="50">' in page
    assert 'aria-live="polite"' in page
    assert "1 badge attribué sur 2 (50 %)" in plain(page)
    assert "insigne/awards.js" in page


def test_editor_sees_an_import_but_cannot_confirm_it(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    response = upload(cast.client(cast.owner), cast, grouped_badge, b"email\na@example.org\n")
    editor = cast.client(cast.editor)
    assert editor.get(response["Location"]).status_code == 200
    assert editor.post(response["Location"], {"action": "confirm"}).status_code == 403
    assert AwardImport.objects.get().state == AwardImport.State.PREVIEW
    upload_url = reverse(
        "awards:import", args=[cast.organisation.slug, grouped_badge.badge.public_id]
    )
    assert editor.get(upload_url).status_code == 403


def test_outsider_can_neither_upload_nor_see_an_import(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    response = upload(cast.client(cast.owner), cast, grouped_badge, b"email\na@example.org\n")
    outsider = cast.client(cast.outsider)
    assert outsider.get(response["Location"]).status_code == 404
    assert outsider.post(response["Location"], {"action": "confirm"}).status_code == 404
    assert upload(outsider, cast, grouped_badge, b"email\nb@example.org\n").status_code == 404
    assert (
        upload(cast.client(None), cast, grouped_badge, b"email\nb@example.org\n").status_code == 302
    )
    assert AwardImport.objects.count() == 1


def test_an_unknown_action_is_a_bad_request(cast: Cast, grouped_badge: BadgeVersion) -> None:
    response = upload(cast.client(cast.owner), cast, grouped_badge, b"email\na@example.org\n")
    assert cast.client(cast.owner).post(response["Location"], {"action": "x"}).status_code == 400


def test_the_rows_left_out_can_be_downloaded_for_excel(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    client = cast.client(cast.owner)
    upload(client, cast, grouped_badge, b"email\nbad\n=cmd@example\ngood@example.org\n")
    award_import = AwardImport.objects.get()
    url = reverse("awards:import_problems", args=[cast.organisation.slug, award_import.public_id])
    response = client.get(url)
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffligne;adresse;motif")
    assert "2;bad;adresse électronique invalide" in text.replace("\u00a0", " ")
    assert "3;'=cmd@example;" in text  # a formula is never run by the spreadsheet


def test_the_template_file_has_a_column_per_competence_with_levels(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    url = reverse(
        "awards:import_template", args=[cast.organisation.slug, grouped_badge.badge.public_id]
    )
    text = cast.client(cast.owner).get(url).content.decode()
    header = text.lstrip("\ufeff").splitlines()[0]
    assert (
        header
        == "courriel;nom;langue;date;commentaire;preuve_url;preuve;Travailler en équipe;Communiquer"
    )


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 40,
        b"email\n" + b"x" * 200_000 + b"\n",
        b'email;nom\n"a@example.org;unterminated\n',
        "email;Communiquer\n" + "a@example.org;" + "é" * 300 + "\n",
    ],
)
def test_garbage_files_never_cause_a_server_error(
    cast: Cast, grouped_badge: BadgeVersion, data: bytes | str
) -> None:
    raw = data.encode() if isinstance(data, str) else data
    response = upload(cast.client(cast.owner), cast, grouped_badge, raw)
    assert response.status_code in (302, 400)
    assert not Award.objects.exists()


def test_a_file_with_only_a_header_has_nothing_to_confirm(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    client = cast.client(cast.owner)
    page = preview(client, upload(client, cast, grouped_badge, b"courriel;nom\n"))
    assert "Aucune ligne prête : aucun badge ne sera attribué." in plain(page)
    assert 'value="confirm"' not in page
