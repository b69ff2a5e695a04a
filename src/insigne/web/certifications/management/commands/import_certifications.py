"""``python -m insigne.web import_certifications FILE...``: import France Compétences' export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from ...actions import import_files, load_sample
from ...importer import ImportRefusedError, Report
from ...problems import describe_json


class Command(BaseCommand):
    help = (
        "Import RS and RNCP fiches, blocs and certifiers from France Compétences' CSV export: "
        "the zip, or its Standard, Blocs_De_Compétences, Certificateurs (and "
        "Ancienne_Nouvelle_Certification) files. Nothing is stored if a row is refused."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="*", type=Path, help="CSV files or zip of the export")
        parser.add_argument(
            "--sample",
            action="store_true",
            help="import the fictitious sample shipped with Insigne",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override("en"):
            self._import(options)

    def _import(self, options: dict[str, Any]) -> None:
        files: list[Path] = options["files"]
        if bool(files) == bool(options["sample"]):
            raise CommandError("give the export's files (or zip), or --sample")
        for path in files:
            if not path.is_file():
                raise CommandError(f"{path}: no such file")
        try:
            report = load_sample() if options["sample"] else import_files(files)
        except ImportRefusedError as refused:
            self._problems(refused.report)
            raise CommandError(
                f"nothing imported: {refused.report.problem_count} problem(s)"
            ) from refused
        counts = report.counts
        self.stdout.write(
            f"{counts['fiches_created']} fiches added, {counts['fiches_updated']} updated, "
            f"{counts['blocs']} blocs, {counts['certifiers']} certifiers, "
            f"{counts['replacements']} replacements"
        )

    def _problems(self, report: Report) -> None:
        for problem in report.problems:
            where = f"{problem.file}:{problem.line}" if problem.line else problem.file or "-"
            text = describe_json(problem.as_json())
            self.stderr.write(f"{where}: {text}")
        hidden = report.problem_count - len(report.problems)
        if hidden > 0:
            self.stderr.write(f"... and {hidden} more")
