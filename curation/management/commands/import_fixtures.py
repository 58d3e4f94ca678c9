"""Load the curated fixtures (articles, records, cited facts) into the database.

All-or-nothing, idempotent and curation-safe: see releases/importer/ for the rules.
"""

import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import OperationalError

from curation.importer.apply import (
    CONFLICT,
    CREATED,
    OUTCOMES,
    UPDATED,
    ConflictsFound,
    Report,
    apply_plan,
    one_import_at_a_time,
)
from curation.importer.loading import FixtureErrors
from curation.importer.plan import build_plan
from curation.management.language import in_english

# Below this many records an import takes well under a second: no progress display.
PROGRESS_THRESHOLD = 500


class _DryRun(Exception):
    def __init__(self, report: Report):
        self.report = report


class Command(BaseCommand):
    help = "Import fixtures/*.yaml and the article texts they name. Nothing is written on error."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path", nargs="?", default=str(settings.BASE_DIR / "fixtures"), help="fixture folder"
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help="treat a conflict with a curator's edit as an error",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would change, then roll back"
        )
        parser.add_argument("--progress", action="store_true", help="always show progress")

    @in_english
    def handle(
        self, *args: str, path: str, strict: bool, dry_run: bool, progress: bool, **options: Any
    ) -> None:
        try:
            with one_import_at_a_time(on_wait=self._say_waiting):
                # Planned inside the lock, so that it reads what an earlier import wrote.
                plan = build_plan(Path(path))
                show_progress = progress or (
                    len(plan) >= PROGRESS_THRESHOLD and sys.stderr.isatty()
                )
                report = apply_plan(
                    plan, strict=strict, progress=self._progress if show_progress else None
                )
                if dry_run:
                    raise _DryRun(report)
        except FixtureErrors as exc:
            for problem in exc.problems:
                self.stderr.write(f"error: {problem}")
            raise CommandError(
                f"{len(exc.problems)} problem(s) found; nothing was written."
            ) from None
        except ConflictsFound as exc:
            self._print_report(exc.report)
            raise CommandError(
                f"{len(exc.report.conflicts)} conflict(s) with curators' edits and --strict given; "
                "nothing was written."
            ) from None
        except _DryRun as exc:
            self._print_report(exc.report)
            self.stdout.write("Dry run: nothing was written.")
            return
        except OperationalError as exc:
            if "locked" not in str(exc):
                raise
            raise CommandError(
                "the database stayed locked by another write (another import?) for longer "
                "than the busy timeout; nothing was written. Run the import again."
            ) from None
        if show_progress:
            self.stderr.write("")
        self._print_report(report)

    def _say_waiting(self) -> None:
        self.stderr.write("Another import is running; waiting for it to finish…")
        self.stderr.flush()

    def _progress(self, section: str, done: int, total: int) -> None:
        self.stderr.write(f"\r  importing {section:<18} {done:>6}/{total}", ending="")
        self.stderr.flush()

    def _print_report(self, report: Report) -> None:
        width = max((len(kind) for kind in report.by_kind), default=8)
        header = "  ".join(f"{outcome:>9}" for outcome in OUTCOMES)
        self.stdout.write(f"{'record':<{width}}  {header}")
        for kind, counter in report.by_kind.items():
            row = "  ".join(f"{counter[outcome]:>9}" for outcome in OUTCOMES)
            self.stdout.write(f"{kind:<{width}}  {row}")
        self.stdout.write(f"passages created: {report.passages_created}")
        if report.passages_translated:
            self.stdout.write(f"passages given a translation: {report.passages_translated}")
        for conflict in report.conflicts:
            self.stderr.write(f"conflict: {conflict}")
        if report.missing_translations:
            # Not an error: the pages show the other language's words, marked as such.
            self.stdout.write(
                f"{len(report.missing_translations)} translation(s) missing "
                "(shown in the other language until given):"
            )
            for missing in report.missing_translations:
                self.stdout.write(f"  missing: {missing}")
        if not report.changed_anything and not report.conflicts:
            self.stdout.write("Nothing to do: the database already matches the fixtures.")
        else:
            self.stdout.write(
                f"{report.total(CREATED)} created, {report.total(UPDATED)} updated, "
                f"{report.total(CONFLICT)} conflict(s) kept as curated."
            )
