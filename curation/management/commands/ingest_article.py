"""Add articles from the command line: a UTF-8 text file, a link (``--url``), a saved page
(``--html``) or a text file of links, one a line (``--urls``), with a progress line each.

A link or a saved page is kept as a capture and its article read from the HTML; the title,
outlet, date and language read can be replaced with the options. With a text file,
``--url`` is only the address of the page the text came from."""

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from curation import fetching, from_link
from curation.ingest import DuplicateArticle, IngestResult
from curation.management.language import in_english
from curation.suggestions import ingest_with_suggestions
from sources import article_text
from sources.dates import PartialDateError, parse_partial_date


def _read(file: Path, limit: int) -> bytes:
    try:
        size = file.stat().st_size
        if size > limit:  # refused by size before reading the file into memory
            raise CommandError(f"{file}: {size:,} bytes; the limit is {limit:,} bytes.")
        return file.read_bytes()
    except FileNotFoundError:
        raise CommandError(f"{file}: no such file") from None
    except IsADirectoryError:
        raise CommandError(f"{file}: is a directory, not a file") from None


def _why(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
    return "; ".join(exc.messages)


def _capture_of(result: IngestResult) -> str:
    capture = result.article.capture
    if capture is None:
        return "no capture"
    return f"capture {capture.pk} (sha256 {capture.sha256[:12]}…, {capture.size:,} bytes)"


class Command(BaseCommand):
    help = (
        "Store an article verbatim (refused if the same text is stored): FILE of UTF-8 text, "
        "--url URL to fetch, --html FILE of a saved page, or --urls FILE of links."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, nargs="?", help="a UTF-8 text file")
        parser.add_argument(
            "--url", default="", help="the link to fetch; with FILE, the page the text is from"
        )
        parser.add_argument("--html", type=Path, help="a page saved from a browser")
        parser.add_argument("--urls", type=Path, help="a text file of links, one a line")
        parser.add_argument("--title", default=None)
        parser.add_argument("--outlet", default=None)
        parser.add_argument("--language", default=None, help="default: as read, else en")
        parser.add_argument("--published", default=None, help="YYYY-MM-DD, YYYY-MM, YYYY")
        parser.add_argument("--published-text", default=None, help="the words the date is from")
        parser.add_argument("--wire-agency", default=None)

    @in_english
    def handle(
        self,
        *args: str,
        file: Path | None,
        html: Path | None,
        urls: Path | None,
        **options: Any,
    ) -> None:
        fields = self._fields(options)
        ways = [way for way in (file, html, urls) if way is not None]
        if len(ways) > 1 or (not ways and not options["url"]):
            raise CommandError("Give one of FILE, --url URL, --html FILE or --urls FILE.")
        if urls is not None:
            return self._batch(urls, fields)
        if html is not None:
            body = _read(html, fetching.MAX_BYTES)
            page = self._page(
                lambda: from_link.capture_saved_page(body, filename=html.name, url=options["url"])
            )
            return self._report(self._ingest_page(page, fields))
        if file is None:
            page = self._page(lambda: from_link.capture_link(options["url"]))
            return self._report(self._ingest_page(page, fields))
        return self._report(self._ingest_text(file, options["url"], fields))

    def _fields(self, options: dict[str, Any]) -> dict[str, Any]:
        fields: dict[str, Any] = {
            key: options[key]
            for key in ("title", "outlet", "language", "published_text", "wire_agency")
            if options[key] is not None
        }
        if options["published"] is not None:
            try:
                fields["published"] = parse_partial_date(options["published"])
            except PartialDateError as exc:
                raise CommandError(f"--published: {exc}") from None
        return fields

    def _page(self, capture: Callable[[], from_link.Page]) -> from_link.Page:
        try:
            return capture()
        except from_link.REFUSALS as exc:
            raise CommandError(f"Refused, nothing stored: {exc}") from None
        except DuplicateArticle as exc:
            raise CommandError(str(exc)) from None

    def _ingest_page(self, page: from_link.Page, fields: dict[str, Any]) -> IngestResult:
        return self._ingest(lambda: from_link.ingest_page(page, **fields))

    def _ingest_text(self, file: Path, url: str, fields: dict[str, Any]) -> IngestResult:
        try:
            text = article_text.normalise(article_text.decode(_read(file, article_text.MAX_BYTES)))
        except article_text.UnacceptableText as exc:
            raise CommandError(f"{file}: {exc}") from None
        published = fields.pop("published", (None, "unknown"))
        return self._ingest(
            lambda: ingest_with_suggestions(
                text=text,
                url=url,
                filename=file.name,
                published_on=published[0],
                published_precision=published[1],
                **fields,
            )
        )

    def _ingest(self, ingest: Callable[[], IngestResult]) -> IngestResult:
        try:
            return ingest()
        except DuplicateArticle as exc:
            raise CommandError(str(exc)) from None
        except article_text.UnacceptableText as exc:
            raise CommandError(str(exc)) from None
        except ValidationError as exc:
            raise CommandError(_why(exc)) from None

    def _report(self, result: IngestResult) -> None:
        article = result.article
        self.stdout.write(f"Stored {article.slug} (sha256 {article.sha256[:12]}…).")
        capture = article.capture
        if capture is not None:
            self.stdout.write(
                f"  Capture {capture.pk}: {capture.final_url or capture.filename}, "
                f"{capture.size:,} bytes, sha256 {capture.sha256}, "
                f"retrieved {capture.retrieved_at:%Y-%m-%d %H:%M:%S} UTC."
            )
        for note in result.notes:
            self.stdout.write(f"{note.text}\n  Review them at: {note.url}")
        for other, score in result.near_duplicates:
            self.stdout.write(
                f"Near-duplicate of {other.slug} ({score:.0%} shared); linked as story origin "
                f"{article.story_origin}."
            )

    def _batch(self, file: Path, fields: dict[str, Any]) -> None:
        """Each link in turn, a line of progress each; a refusal is reported and the batch
        goes on; the exit status is non-zero if any link was refused."""
        links = [
            line.strip()
            for line in _read(file, article_text.MAX_BYTES).decode("utf-8", "replace").splitlines()
            if line.strip() and not line.lstrip().startswith("#")
        ]
        tally = {"stored": 0, "already stored": 0, "refused": 0}
        for number, link in enumerate(links, 1):
            prefix = f"[{number}/{len(links)}] {link}"
            try:
                page = self._page(functools.partial(from_link.capture_link, link))
                result = self._ingest_page(page, fields)
            except CommandError as exc:
                outcome = "already stored" if "already stored" in str(exc) else "refused"
                tally[outcome] += 1
                self.stdout.write(f"{prefix}: {exc}")
                continue
            tally["stored"] += 1
            self.stdout.write(f"{prefix}: stored {result.article.slug}, {_capture_of(result)}")
            self.stdout.flush()
        summary = ", ".join(f"{count} {what}" for what, count in tally.items())
        self.stdout.write(f"{len(links)} link(s): {summary}.")
        if tally["refused"]:
            raise CommandError(f"{tally['refused']} link(s) refused; nothing stored for them.")
