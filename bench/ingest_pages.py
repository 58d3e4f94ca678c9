"""A batch of ten local pages ingested from their links, each kept with its capture, as
``manage.py ingest_article --urls`` does it: the pages are written here and served on
127.0.0.1 (never the internet), fetched with loopback allowed for this run only.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python bench/ingest_pages.py

Prints the command's progress, then each article with its capture's digest and time. The
writes are rolled back: the database is left as found."""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PAGES = [
    ("Two students walk free in Valencia", "Two students held since March left the prison."),
    ("Union leader released", "The union leader was freed on Tuesday, his lawyer said."),
    ("Journalist freed after 90 days", "A reporter detained for 90 days went home tonight."),
    ("Release of three farmers", "Three farmers from Lara were released this morning."),
    ("Doctor returns home", "A doctor arrested at a protest returned home on Sunday."),
    ("Activist freed with conditions", "The activist must report to a court every 30 days."),
    ("Brothers released together", "Two brothers held in the same cell were freed together."),
    ("Student leader leaves prison", "The student leader left prison after a hearing."),
    ("Teacher freed in Maracay", "A teacher held for eight months was freed in Maracay."),
    ("Five relatives confirm release", "Relatives of five detainees confirmed their release."),
]


class _RollBack(Exception):
    pass


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ["INGEST_ALLOW_LOOPBACK"] = "1"
    import django

    django.setup()
    from django.core.management import CommandError, call_command
    from django.db import transaction

    from curation.suggestions import KnownNames
    from releases.models import Person
    from sources.models import SourceArticle
    from tests.curation.pages import PageServer, article_html

    # The record's names as a running server has them: read (or loaded) once, outside the
    # transaction rolled back below, whose reads are never kept.
    KnownNames.read()
    print(f"{Person.objects.count():,} people, load average {os.getloadavg()[0]:.1f}")

    with PageServer() as server, tempfile.TemporaryDirectory() as folder:
        links = [
            server.add(f"/2026/page-{n}", body=article_html(title, [line, f"Report {n}."]))
            for n, (title, line) in enumerate(PAGES, 1)
        ]
        listing = Path(folder) / "links.txt"
        listing.write_text("\n".join(links) + "\n")
        try:
            with transaction.atomic():
                began = time.perf_counter()
                try:
                    call_command("ingest_article", "--urls", str(listing))
                except CommandError as exc:
                    print(exc)
                took = time.perf_counter() - began
                stored = SourceArticle.objects.filter(url__in=links).select_related("capture")
                print(
                    f"\n{stored.count()} articles with their captures in {took:.1f} s "
                    f"(load average {os.getloadavg()[0]:.1f}):"
                )
                for article in stored.order_by("pk"):
                    capture = article.capture
                    print(
                        f"  {article.slug}: capture {capture.pk}, HTTP {capture.status}, "
                        f"{capture.size:,} bytes, sha256 {capture.sha256}, "
                        f"WARC {len(capture.warc):,} bytes, "
                        f"retrieved {capture.retrieved_at:%H:%M:%S}"
                    )
                raise _RollBack
        except _RollBack:
            pass


if __name__ == "__main__":
    main()
