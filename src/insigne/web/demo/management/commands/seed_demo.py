"""``python -m insigne.web seed_demo``: demo data (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from ...seeding import seed


class Command(BaseCommand):
    help = "Create the demo organisation, badges, awards and accounts (once)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--awards", type=int, default=300)

    def handle(self, *args: Any, **options: Any) -> None:
        created = seed(options["awards"])
        self.stdout.write("Demo data created." if created else "Demo data already present.")
