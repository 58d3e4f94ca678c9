from typing import Any

from django.core.management.base import BaseCommand, CommandError

from curation.management.language import in_english
from releases.integrity import all_problems


class Command(BaseCommand):
    help = (
        "List passages that no longer match their article and records without a valid "
        "citation (both are hidden from public pages). Exits non-zero if any."
    )

    @in_english
    def handle(self, *args: str, **options: Any) -> None:
        problems = all_problems()
        for problem in problems:
            self.stdout.write(f"{problem.kind}: {problem.label} ({problem.admin_url})")
        if problems:
            raise CommandError(f"{len(problems)} integrity problem(s); public pages hide them.")
        self.stdout.write("No integrity problems: every passage matches, every record is cited.")
