"""The platform staff's import page, its background run and report, the command line, and the
demo's sample: only platform staff import."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from insigne.web.accounts.models import User
from insigne.web.awards.models import Award
from insigne.web.certifications import actions
from insigne.web.certifications.models import Bloc, CertificationImport, Fiche
from insigne.web.demo.seeding import LEARNER, seed

from .conftest import Cast, make_user
from .test_certifications_support import (
    BLOCS,
    BLOCS_HEADER,
    STANDARD,
    STANDARD_HEADER,
    csv_bytes,
    fiche_line,
    sample_files,
    sample_paths,
    zip_bytes,
)

pytestmark = pytest.mark.django_db
IMPORTS = "/certifications/imports/"


@pytest.fixture
def staff(db: None) -> User:
    return make_user("plateforme@insigne.example", is_staff=True)


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def post_files(client: Any, files: dict[str, bytes], callbacks: Any) -> Any:
    with callbacks(execute=True):
        return client.post(IMPORTS, {"uploads": [upload(n, d) for n, d in files.items()]})


# Who may import --------------------------------------------------------------------------------


def test_visitor_is_sent_to_sign_in_before_importing(cast: Cast) -> None:
    response = cast.client(None).get(IMPORTS)
    assert response.status_code == 302
    assert "/compte/" in response["Location"]


@pytest.mark.parametrize("member", ["owner", "editor", "awarder", "outsider", "learner"])
def test_organisation_members_and_learners_cannot_import(cast: Cast, member: str) -> None:
    client = cast.client(getattr(cast, member))
    assert client.get(IMPORTS).status_code == 403
    data = {"uploads": [upload(STANDARD, csv_bytes(STANDARD_HEADER, fiche_line("RS0", "Ex")))]}
    assert client.post(IMPORTS, data).status_code == 403
    assert not Fiche.objects.exists()
    assert not CertificationImport.objects.exists()


def test_organisation_owner_cannot_read_an_import_report(cast: Cast, staff: User) -> None:
    record = CertificationImport.objects.create(uploaded_by=staff)
    for name in ("certifications:import_detail", "certifications:import_progress"):
        url = reverse(name, args=[record.public_id])
        assert cast.client(cast.owner).get(url).status_code == 403


# Importing from the page ---------------------------------------------------------------------


def test_platform_staff_imports_the_zip_and_reads_the_report(
    cast: Cast, staff: User, django_capture_on_commit_callbacks: Any
) -> None:
    client = cast.client(staff)
    assert client.get(IMPORTS).status_code == 200
    response = post_files(client, {"export_fiches_CSV.zip": zip_bytes(sample_files())},
                          django_capture_on_commit_callbacks)  # fmt: skip
    record = CertificationImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("certifications:import_detail", args=[record.public_id])
    assert record.state == CertificationImport.State.DONE
    assert record.uploaded_by == staff
    assert Fiche.objects.count() == 6 and Bloc.objects.count() == 6
    html = client.get(response["Location"]).content.decode().replace("\xa0", " ")
    assert "Import terminé : les fiches sont à jour." in html
    assert "6 fiches ajoutées" in html
    assert "6 blocs de compétences" in html
    assert "7 certificateurs" in html
    summary = client.get(IMPORTS).content.decode()
    assert "3 fiches du Répertoire spécifique" in summary
    assert "dont 3 fiches plus actives" in summary  # two inactive, one past its end date
    # The uploaded files are not kept once imported.
    assert not any(default_storage.exists(kept["path"]) for kept in record.files)


def test_the_three_files_uploaded_together_import(
    cast: Cast, staff: User, django_capture_on_commit_callbacks: Any
) -> None:
    files = {name: data for name, data in sample_files().items() if "Ancienne_Nouvelle" not in name}
    post_files(cast.client(staff), files, django_capture_on_commit_callbacks)
    assert CertificationImport.objects.get().state == CertificationImport.State.DONE
    assert Fiche.objects.count() == 6
    assert Fiche.objects.get(code="RS00000").replaced_by == []


def test_refused_rows_are_listed_and_nothing_is_stored(
    cast: Cast, staff: User, django_capture_on_commit_callbacks: Any
) -> None:
    files = {
        STANDARD: csv_bytes(STANDARD_HEADER, fiche_line("RS0", "Exemple"), fiche_line("X1", "Ex")),
        BLOCS: csv_bytes(BLOCS_HEADER, "RNCP0;RNCP0BC01;Bloc d'une fiche absente"),
    }
    response = post_files(cast.client(staff), files, django_capture_on_commit_callbacks)
    record = CertificationImport.objects.get()
    assert record.state == CertificationImport.State.REFUSED
    assert not Fiche.objects.exists()
    html = cast.client(staff).get(response["Location"]).content.decode().replace("\xa0", " ")
    assert "Rien n'a été importé : 2 problèmes à corriger." in html
    assert "<td>3</td><td>numéro de fiche « X1 » invalide" in html
    assert "la fiche RNCP0 n&#x27;est ni dans le fichier Standard ni déjà importée" in html


def test_a_file_that_is_not_the_export_is_refused_at_once(cast: Cast, staff: User) -> None:
    response = cast.client(staff).post(
        IMPORTS, {"uploads": [upload("liste.csv", b"courriel,nom\r\na@b.fr,Ana\r\n")]}
    )
    assert response.status_code == 400
    html = response.content.decode().replace("\xa0", " ")
    assert "liste.csv n&#x27;est pas un fichier CSV séparé par des points-virgules" in html
    assert not CertificationImport.objects.exists()


def test_an_empty_upload_asks_for_a_file(cast: Cast, staff: User) -> None:
    response = cast.client(staff).post(IMPORTS, {})
    assert response.status_code == 400
    assert "Choisissez au moins un fichier." in response.content.decode().replace("\xa0", " ")


def test_a_queued_import_shows_its_progress(cast: Cast, staff: User) -> None:
    record = CertificationImport.objects.create(
        uploaded_by=staff, state=CertificationImport.State.CHECKING, rows_checked=12000
    )
    client = cast.client(staff)
    html = client.get(reverse("certifications:import_detail", args=[record.public_id])).content
    text = "Étape 1 sur 2\xa0: vérification des lignes, 12\xa0000 lignes vérifiées."
    assert text in html.decode()
    progress = json.loads(
        client.get(reverse("certifications:import_progress", args=[record.public_id])).content
    )
    assert progress == {
        "state": "checking",
        "finished": False,
        "rows": 12000,
        "text": text,
    }


def test_an_import_runs_once_even_if_its_task_runs_twice(
    cast: Cast, staff: User, django_capture_on_commit_callbacks: Any
) -> None:
    post_files(cast.client(staff), sample_files(), django_capture_on_commit_callbacks)
    record = CertificationImport.objects.get()
    actions.run_import(record.pk)  # already done: nothing happens
    record.refresh_from_db()
    assert record.state == CertificationImport.State.DONE
    assert record.report["counts"]["fiches_created"] == 6


def test_the_imports_page_costs_the_same_queries_for_many_imports(cast: Cast, staff: User) -> None:
    client = cast.client(staff)
    CertificationImport.objects.create(uploaded_by=staff)
    with CaptureQueriesContext(connection) as one:
        client.get(IMPORTS)
    for _ in range(5):
        CertificationImport.objects.create(uploaded_by=staff)
    with CaptureQueriesContext(connection) as six:
        client.get(IMPORTS)
    assert len(six) == len(one)


# Command line and demo ---------------------------------------------------------------------


def test_command_imports_the_export_files(tmp_path: Path, capsys: Any) -> None:
    call_command("import_certifications", *[str(p) for p in sample_paths()])
    assert Fiche.objects.count() == 6
    assert "6 fiches added, 0 updated, 6 blocs, 7 certifiers, 2 replacements" in (
        capsys.readouterr().out
    )


def test_command_reports_refused_rows_and_stores_nothing(tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / STANDARD
    path.write_bytes(csv_bytes(STANDARD_HEADER, fiche_line("RS0", "Ex", active="?")))
    with pytest.raises(CommandError, match="nothing imported: 1 problem"):
        call_command("import_certifications", str(path))
    assert f"{STANDARD}:2: Actif column: " in capsys.readouterr().err
    assert not Fiche.objects.exists()


def test_command_loads_the_sample() -> None:
    call_command("import_certifications", "--sample")
    assert Fiche.objects.get(code="RS0000").source == actions.SAMPLE_SOURCE


def test_the_demo_links_its_grouped_badge_to_a_sample_fiche() -> None:
    seed(awards=8)
    assert Fiche.objects.filter(source=actions.SAMPLE_SOURCE).count() == 6
    [mine] = Award.objects.filter(recipient_email=LEARNER.email)
    page = Client().get(f"/b/{mine.public_id}").content.decode().replace("\xa0", " ")
    assert "Organisme certificateur d&#x27;exemple (fictif)" in page
