"""The owner watches a background import move to completion, as with ``make run``.

Tasks go to the database queue, and the real worker (``django_tasks_db``'s ``Worker``, what
``manage.py db_worker`` runs) works in a thread of the test process. The import issues 500
rows per batch; each batch commits, then waits at a gate that the test opens only once the
page has shown that batch's progress. So the page is bound to show 1/3, 2/3 and 100 %,
whatever the speed of the machine: nothing here depends on timing.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core import mail
from django.db import connections
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from insigne.web.awards import batches
from insigne.web.awards.actions import award_badge
from insigne.web.awards.issuance import Recipient
from insigne.web.awards.models import Award, AwardImport
from insigne.web.badges.models import BadgeVersion
from tests.web.conftest import Cast

from .conftest import Site

ROWS = 1_500  # three batches of 500
GATE_SECONDS = 120  # how long a batch waits for the page before going on anyway
EARLY = "apprenant0007@exemple.fr"  # receives the badge between the preview and the start


class BatchGate:
    """Holds the worker after each committed batch until the test lets it go on."""

    def __init__(self) -> None:
        self.passes = threading.Semaphore(0)
        self.committed = 0

    def wrap(self, original: Callable[..., None]) -> Callable[..., None]:
        def gated(*args: Any, **kwargs: Any) -> None:
            original(*args, **kwargs)
            self.committed += 1
            self.passes.acquire(timeout=GATE_SECONDS)

        return gated

    def open_once(self) -> None:
        self.passes.release()

    def open_wide(self) -> None:
        for _ in range(100):
            self.passes.release()


@pytest.fixture
def worker(site: Site, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[BatchGate]:
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    gate = BatchGate()
    monkeypatch.setattr(batches, "_batch", gate.wrap(batches._batch))
    running = Worker(
        queue_names=["default"],
        interval=0.05,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="browser-test-worker",
        excluded_queue_names=[],
    )
    failures: list[BaseException] = []

    def work() -> None:
        try:
            running.run()
        except BaseException as error:  # reported by the test, not lost in the thread
            failures.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=work, name="db_worker", daemon=True)
    thread.start()
    yield gate
    running.running = False
    gate.open_wide()
    thread.join(timeout=60)
    assert not thread.is_alive(), "the worker did not stop"
    assert not failures, f"the worker failed: {failures}"


def learners_csv() -> bytes:
    lines = ["courriel;nom;Travailler en équipe"]
    levels = ("Découverte", "Application", "Maîtrise")
    lines += [
        f"apprenant{n:04d}@exemple.fr;Élève n°{n};{levels[n % 3]}" for n in range(1, ROWS + 1)
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def progress(page: Page) -> tuple[float, str]:
    bar = page.get_by_role("progressbar", name="Progression")
    value = float(bar.evaluate("bar => bar.value"))
    live = page.get_by_text(re.compile(r"attribués? sur"))
    expect(live).to_have_attribute("aria-live", "polite")  # read out to screen reader users
    text = live.inner_text()
    return value, text


def wait_for_progress(page: Page, percent: int) -> str:
    """Wait until the page's bar shows ``percent``; returns what the live region says."""
    page.wait_for_function(
        "percent => document.querySelector('progress')?.value === percent",
        arg=percent,
        timeout=GATE_SECONDS * 1000,
    )
    value, text = progress(page)
    assert value == percent
    return text


def test_owner_watches_the_progress_bar_until_the_final_report(
    site: Site, cast: Cast, grouped_badge: BadgeVersion, worker: BatchGate
) -> None:
    page = site.page(user=cast.owner)
    badge = grouped_badge.badge
    page.goto(f"/organisations/{cast.organisation.slug}/badges/{badge.public_id}/")
    page.get_by_role("link", name="Attribuer à partir d'un fichier").click()
    page.get_by_label("Fichier des bénéficiaires").set_input_files(
        {"name": "promotion.csv", "mimeType": "text/csv", "buffer": learners_csv()}
    )
    page.get_by_role("button", name="Voir l'aperçu").click()
    expect(page.get_by_role("main")).to_contain_text(re.compile(r"1\s?500 lignes prêtes"))

    # Meanwhile, a colleague awards the badge to one person of the list.
    award_badge(grouped_badge, Recipient(email=EARLY, name="Déjà servie"), by=cast.awarder)

    page.get_by_role("button", name=re.compile(r"Attribuer le badge à 1\s?500 personnes")).click()
    expect(page.get_by_role("heading", name="Attribution en cours")).to_be_visible()
    bar = page.get_by_role("progressbar", name="Progression")
    expect(bar).to_have_attribute("max", "100")
    assert AwardImport.objects.get().state in {"queued", "running"}

    seen: list[tuple[int, str]] = []
    for percent in (33, 66, 100):  # 500, 1,000 and 1,500 rows of 1,500 handled
        seen.append((percent, wait_for_progress(page, percent)))
        worker.open_once()
    first, second, last = (text for _percent, text in seen)
    assert re.fullmatch(r"499 badges attribués sur 1\s500 \(33\s%\)", first), first
    assert re.fullmatch(r"999 badges attribués sur 1\s500 \(66\s%\)", second), second
    assert re.fullmatch(r"1\s499 badges attribués sur 1\s500 \(100\s%\)", last), last
    assert worker.committed == 3

    # Once the import is done, the page shows the final report by itself.
    report = page.get_by_role("heading", name="Compte rendu")
    expect(report).to_be_visible(timeout=GATE_SECONDS * 1000)
    main = page.get_by_role("main")
    expect(main).to_contain_text(re.compile(r"1\s?499 badges attribués"))
    expect(main).to_contain_text("1 personne possédait déjà le badge")
    skipped = page.get_by_role("table", name=re.compile("badge déjà possédé"))
    expect(skipped.get_by_role("row").filter(has_text=EARLY)).to_have_count(1)
    expect(page.get_by_role("progressbar")).to_have_count(0)
    assert Award.objects.filter(import_batch__isnull=False).count() == ROWS - 1

    # The worker also sends every learner their e-mail, a hundred per task.
    deadline = time.monotonic() + GATE_SECONDS
    while len(mail.outbox) < ROWS and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len({m.to[0] for m in mail.outbox}) == ROWS  # 1,499 from the import, 1 earlier
    failed = [(t.task_path, t.exception_class_path) for t in DBTaskResult.objects.failed()]
    assert not failed, f"tasks failed in the worker: {failed}"
