"""Add one article from a UTF-8 text file, for batches from the command line."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from curation.ingest import DuplicateArticle
from curation.suggestions import ingest_with_suggestions
from sources import article_text
from sources.dates import PartialDateError, parse_partial_date


class Command(BaseCommand):
    help = "Store FILE verbatim as a new source article (refused if the same text is stored)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--title", default="")
        parser.add_argument("--outlet", default="")
        parser.add_argument("--url", default="")
        parser.add_argument("--language", default="en")
        parser.add_argument("--published", default="unknown", help="YYYY-MM-DD, YYYY-MM, YYYY")
        parser.add_argument("--published-text", default="", help="the words the date comes from")
        parser.add_argument("--wire-agency", default="")

    def handle(self, *args, file: Path, **options):
        try:
            # Refuse by size before reading the file into memory.
            article_text.check_size(file.stat().st_size)
            text = article_text.normalise(article_text.decode(file.read_bytes()))
        except FileNotFoundError:
            raise CommandError(f"{file}: no such file") from None
        except IsADirectoryError:
            raise CommandError(f"{file}: is a directory, not a file") from None
        except article_text.UnacceptableText as exc:
            raise CommandError(f"{file}: {exc}") from None
        try:
            published_on, precision = parse_partial_date(options["published"])
        except PartialDateError as exc:
            raise CommandError(f"--published: {exc}") from None
        try:
            result = ingest_with_suggestions(
                text=text,
                title=options["title"],
                outlet=options["outlet"],
                url=options["url"],
                language=options["language"],
                published_on=published_on,
                published_precision=precision,
                published_text=options["published_text"],
                wire_agency=options["wire_agency"],
                filename=file.name,
            )
        except DuplicateArticle as exc:
            raise CommandError(str(exc)) from None
        except ValidationError as exc:
            raise CommandError(
                "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
            ) from None
        article = result.article
        self.stdout.write(f"Stored {article.slug} (sha256 {article.sha256[:12]}…).")
        for note in result.notes:
            self.stdout.write(f"{note.text}\n  Review them at: {note.url}")
        for other, score in result.near_duplicates:
            self.stdout.write(
                f"Near-duplicate of {other.slug} ({score:.0%} shared); linked as story origin "
                f"{article.story_origin}."
            )
