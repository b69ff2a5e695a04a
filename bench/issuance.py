"""Awarding a badge from a spreadsheet: 10,000 learners, CSV to signed, stored awards.

Run with ``make bench`` (or ``.venv/bin/python bench/issuance.py``). Each database is measured
in a fresh process and a fresh database: SQLite in a temporary directory, then PostgreSQL in
a scratch database created on the server of ``--postgres`` (skipped when it is unreachable)
and dropped afterwards. The figures are what an issuer waits for: checking the file (the
preview), then the background task that signs and stores the awards, as the worker runs it.
Goal: at least 1,000 awards a second on a 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
GOAL = 1_000
COMPETENCES = [
    ("Travailler en équipe", ["Découverte", "Application", "Maîtrise"]),
    ("Communiquer", ["Découverte", "Application", "Maîtrise"]),
    ("Apprendre à apprendre", []),
]


def spreadsheet(learners: int) -> bytes:
    """A French Excel CSV export: semicolons, day-first dates, Windows-1252."""
    lines = ["courriel;nom;date;commentaire;preuve_url;Travailler en équipe;Communiquer"]
    lines += [
        f"personne{n}@example.org;Personne {n};12/03/2025;A mené le projet {n};"
        f"https://portfolio.example/p{n};Application;Maîtrise"
        for n in range(learners)
    ]
    return "\r\n".join(lines).encode("cp1252")


def measure(learners: int) -> dict[str, float | int | str]:
    """In this process, on the database of the environment: preview, then issuing."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from insigne.web.accounts.models import User
    from insigne.web.awards import actions, tasks
    from insigne.web.awards.models import Award, AwardImport
    from insigne.web.badges.models import Badge, BadgeVersion, Competence
    from insigne.web.demo.seeding import badge_image
    from insigne.web.issuers.actions import create_organisation

    call_command("migrate", verbosity=0)
    owner = User.objects.create_user(email="bench@example.org", password="bench")
    organisation = create_organisation(owner, name="Atelier bench", contact_email="c@example.org")
    badge = Badge.objects.create(organisation=organisation)
    version = BadgeVersion.objects.create(
        badge=badge,
        number=1,
        name="Compétences relationnelles",
        description="Travailler avec les autres.",
        criteria="Avoir mené un projet collectif.",
        image_png=badge_image((20, 90, 160), "CR"),
    )
    for position, (name, levels) in enumerate(COMPETENCES):
        Competence.objects.create(version=version, position=position, name=name, levels=levels)
    data = spreadsheet(learners)

    start = time.perf_counter()
    award_import, _ = actions.start_import(version, name="apprenants.csv", data=data, by=owner)
    previewed = time.perf_counter()
    AwardImport.objects.filter(pk=award_import.pk).update(state=AwardImport.State.QUEUED)
    tasks.issue_import.func(award_import.pk)  # the task's body, as the worker runs it
    issued = time.perf_counter()
    stored = Award.objects.filter(import_batch=award_import).count()
    if stored != learners:
        raise SystemExit(f"{stored} awards stored for {learners} rows")
    return {
        "database": connection.vendor,
        "learners": learners,
        "preview": learners / (previewed - start),
        "issuing": stored / (issued - previewed),
        "overall": stored / (issued - start),
    }


def child(database_url: str | None, learners: int) -> dict[str, float | int | str]:
    with tempfile.TemporaryDirectory(prefix="insigne-bench-") as data_dir:
        env = {
            **os.environ,
            "INSIGNE_DATA_DIR": data_dir,
            "INSIGNE_SECRET_KEY": "bench-only-secret-key-0123456789abcdef-0123456789",
            "INSIGNE_EMAIL": "console",
            "DJANGO_SETTINGS_MODULE": "insigne.web.settings",
        }
        env.pop("DATABASE_URL", None)
        if database_url:
            env["DATABASE_URL"] = database_url
        output = subprocess.run(
            [sys.executable, __file__, "--child", "--learners", str(learners)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return dict(json.loads(output.strip().splitlines()[-1]))


def reachable(url: str) -> bool:
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 5432), 2).close()
    except OSError:
        return False
    return True


def scratch_database(server_url: str) -> tuple[str, str]:
    """A new database on the server of ``server_url``: (its URL, its name)."""
    import psycopg

    name = f"insigne_bench_{os.getpid()}"
    with psycopg.connect(_libpq(server_url), autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(urlsplit(server_url)._replace(path=f"/{name}")), name


def drop_database(server_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(_libpq(server_url), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')


def _libpq(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


def report(figures: dict[str, float | int | str]) -> None:
    verdict = "goal met" if float(figures["issuing"]) >= GOAL else "BELOW GOAL"
    print(
        f"  {figures['database']:<10} preview {float(figures['preview']):>8,.0f} rows/s   "
        f"issuing {float(figures['issuing']):>6,.0f} awards/s ({verdict}: ≥ {GOAL:,}/s)   "
        f"end to end {float(figures['overall']):>6,.0f} awards/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument(
        "--postgres",
        default=os.environ.get(
            "INSIGNE_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test"
        ),
        help="a PostgreSQL server (any database on it) where a scratch database may be created",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        print(json.dumps(measure(options.learners)))
        return
    print(f"CSV of {options.learners:,} learners → signed, stored awards (one core signs):")
    report(child(None, options.learners))
    if not reachable(options.postgres):
        print(f"  postgresql skipped: no server at {urlsplit(options.postgres).netloc}")
        return
    url, name = scratch_database(options.postgres)
    try:
        report(child(url, options.learners))
    finally:
        drop_database(options.postgres, name)


if __name__ == "__main__":
    main()
