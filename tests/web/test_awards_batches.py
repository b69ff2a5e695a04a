"""The issuing task: batches that commit one by one, resume after a crash, never award twice."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from insigne.web.awards import actions, batches, tasks
from insigne.web.awards.models import Award, AwardImport
from insigne.web.badges.models import BadgeVersion

from .conftest import Cast

pytestmark = pytest.mark.django_db


def prepared(cast: Cast, version: BadgeVersion, count: int, extra: str = "") -> AwardImport:
    lines = ["courriel;nom;Communiquer"] + [
        f"personne{n}@example.org;Personne {n};{extra or 'Application'}" for n in range(count)
    ]
    award_import, created = actions.start_import(
        version, name="liste.csv", data="\n".join(lines).encode(), by=cast.owner
    )
    assert created
    return award_import


def run(award_import: AwardImport, sent: list[list[int]] | None = None) -> None:
    AwardImport.objects.filter(pk=award_import.pk).update(state=AwardImport.State.QUEUED)
    batches.run(award_import.pk, notify=(sent.append if sent is not None else lambda ids: None))


def test_batches_move_the_counters_and_each_batch_mails_its_own_awards(
    cast: Cast, grouped_badge: BadgeVersion, monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:  # fmt: skip
    monkeypatch.setattr(batches, "BATCH", 4)
    award_import = prepared(cast, grouped_badge, 10)
    sent: list[list[int]] = []
    seen: list[int] = []
    real_issue = batches.issue

    def spying(*args: Any, **kwargs: Any) -> list[Award]:
        seen.append(AwardImport.objects.get(pk=award_import.pk).done)
        return real_issue(*args, **kwargs)

    monkeypatch.setattr(batches, "issue", spying)
    with django_capture_on_commit_callbacks(execute=True):
        run(award_import, sent)
    award_import.refresh_from_db()
    assert seen == [0, 4, 8]  # the progress bar moves between batches
    assert [len(ids) for ids in sent] == [4, 4, 2]
    assert award_import.state == AwardImport.State.DONE
    assert (award_import.done, award_import.skipped) == (10, 0)
    assert award_import.finished_at is not None
    assert Award.objects.filter(import_batch=award_import).count() == 10
    assert award_import.rows == []  # the list's personal data is not kept twice


def test_a_crashed_import_is_marked_failed_and_resumes_without_duplicates(
    cast: Cast, grouped_badge: BadgeVersion, monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:  # fmt: skip
    monkeypatch.setattr(batches, "BATCH", 3)
    award_import = prepared(cast, grouped_badge, 8)
    real_issue = batches.issue
    calls = {"n": 0}

    def failing(*args: Any, **kwargs: Any) -> list[Award]:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disque plein")
        return real_issue(*args, **kwargs)

    monkeypatch.setattr(batches, "issue", failing)
    with pytest.raises(RuntimeError):
        run(award_import)
    award_import.refresh_from_db()
    assert award_import.state == AwardImport.State.FAILED
    assert award_import.done == 3
    assert "disque plein" in award_import.report["error"]
    assert actions.can_resume(award_import)

    with django_capture_on_commit_callbacks(execute=True):
        assert actions.resume_import(award_import)
    award_import.refresh_from_db()
    assert award_import.state == AwardImport.State.DONE  # the immediate backend ran it
    assert award_import.done == 8
    emails = list(Award.objects.values_list("recipient_email", flat=True))
    assert len(emails) == len(set(emails)) == 8


def test_a_worker_killed_mid_way_leaves_a_running_import_that_continues_where_it_stopped(
    cast: Cast, grouped_badge: BadgeVersion, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batches, "BATCH", 2)
    award_import = prepared(cast, grouped_badge, 5)
    real_issue = batches.issue
    calls = {"n": 0}

    def killed(*args: Any, **kwargs: Any) -> list[Award]:
        calls["n"] += 1
        if calls["n"] == 2:
            raise SystemExit("worker killed")  # not caught: nothing records the stop
        return real_issue(*args, **kwargs)

    monkeypatch.setattr(batches, "issue", killed)
    with pytest.raises(SystemExit):
        run(award_import)
    award_import.refresh_from_db()
    assert award_import.state == AwardImport.State.RUNNING
    assert award_import.done == 2
    monkeypatch.setattr(batches, "issue", real_issue)
    batches.run(award_import.pk, notify=lambda ids: None)  # the task, run again
    award_import.refresh_from_db()
    assert (award_import.state, award_import.done) == (AwardImport.State.DONE, 5)
    assert Award.objects.count() == 5


def test_an_address_already_awarded_by_this_import_is_never_awarded_again(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award_import = prepared(cast, grouped_badge, 3)
    # As if a batch had committed its awards but its position was lost.
    batches.issue(
        grouped_badge, [batches.recipient(award_import.rows[0])], by=None, import_batch=award_import
    )
    run(award_import)
    assert Award.objects.filter(recipient_email="personne0@example.org").count() == 1
    assert Award.objects.count() == 3


def test_a_revoked_award_of_this_import_is_not_reissued_on_resume(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award_import = prepared(cast, grouped_badge, 2)
    [early] = batches.issue(
        grouped_badge, [batches.recipient(award_import.rows[0])], by=None, import_batch=award_import
    )
    actions.set_state([early], Award.State.REVOKED, "Erreur")
    run(award_import)
    assert Award.objects.filter(recipient_email="personne0@example.org").count() == 1


def test_rows_the_badge_no_longer_accepts_are_reported_and_the_others_issued(
    cast: Cast, grouped_badge: BadgeVersion
) -> None:
    award_import = prepared(cast, grouped_badge, 3)
    rows = award_import.rows
    rows[1]["levels"] = {"Communiquer": "Niveau disparu"}
    AwardImport.objects.filter(pk=award_import.pk).update(rows=rows)
    run(award_import)
    award_import.refresh_from_db()
    assert award_import.state == AwardImport.State.DONE
    assert award_import.done == 2
    [failed] = award_import.report["failed"]
    assert failed["line"] == 3
    assert failed["reasons"][0]["code"] == "issue_failed"
    page = cast.client(cast.owner).get(
        reverse("awards:import_detail", args=[cast.organisation.slug, award_import.public_id])
    )
    assert "Attribution impossible" in page.content.decode()


def test_the_task_mails_learners_in_batches_of_a_hundred(
    cast: Cast, grouped_badge: BadgeVersion, monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:  # fmt: skip
    award_import = prepared(cast, grouped_badge, 230)
    batch_sizes: list[int] = []
    real = tasks.emails.send_awarded

    def counting(ids: list[int]) -> int:
        batch_sizes.append(len(ids))
        return real(ids)

    monkeypatch.setattr(tasks.emails, "send_awarded", counting)
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.confirm_import(award_import, by=cast.awarder)
    assert batch_sizes == [100, 100, 30]
    assert len(mail.outbox) == 230
    assert Award.objects.filter(created_by=cast.awarder).count() == 230


def test_a_finished_import_is_not_run_again(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award_import = prepared(cast, grouped_badge, 2)
    run(award_import)
    batches.run(award_import.pk, notify=lambda ids: None)
    assert Award.objects.count() == 2
    award_import.refresh_from_db()
    assert not actions.can_resume(award_import)
    assert not actions.resume_import(award_import)


def test_a_preview_is_never_issued_by_the_task(cast: Cast, grouped_badge: BadgeVersion) -> None:
    award_import = prepared(cast, grouped_badge, 2)
    batches.run(award_import.pk, notify=lambda ids: None)
    assert not Award.objects.exists()


def test_an_import_without_progress_for_five_minutes_may_be_resumed(
    cast: Cast, grouped_badge: BadgeVersion, django_capture_on_commit_callbacks: Any
) -> None:
    award_import = prepared(cast, grouped_badge, 2)
    with django_capture_on_commit_callbacks(execute=False):  # no worker picks it up
        assert actions.confirm_import(award_import, by=cast.owner)
    award_import.refresh_from_db()
    queued_at = datetime.fromisoformat(award_import.report["queued_at"])
    assert not actions.can_resume(award_import, now=queued_at + timedelta(minutes=4))
    assert actions.can_resume(award_import, now=queued_at + timedelta(minutes=6))
    url = reverse("awards:import_detail", args=[cast.organisation.slug, award_import.public_id])
    assert "Reprendre" not in cast.client(cast.owner).get(url).content.decode()
    AwardImport.objects.filter(pk=award_import.pk).update(
        report={**award_import.report, "queued_at": (queued_at - timedelta(minutes=6)).isoformat()}
    )
    page = cast.client(cast.owner).get(url).content.decode()
    assert "Reprendre" in page
    assert "Reprendre" not in cast.client(cast.editor).get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        cast.client(cast.owner).post(url, {"action": "resume"})
    award_import.refresh_from_db()
    assert (award_import.state, award_import.done) == (AwardImport.State.DONE, 2)
