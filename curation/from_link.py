"""An article from a link or a saved page: fetched safely (``curation.fetching``), its
article read from the HTML (``curation.extraction``), the response kept as a capture
(``sources.captures``), then ingested like any text, recording the capture it came from.

Nothing is stored when the page is refused: the capture is written only once the page is
fetched and holds an article. The admin stores it before the curator confirms what was
read (so the confirmation form carries only its id); a capture never confirmed stays, as
the record of a retrieval, listed in the admin."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext

from curation import fetching
from curation.extraction import Extracted, NothingToExtract, extract
from curation.ingest import DuplicateArticle, IngestResult
from curation.suggestions import ingest_with_suggestions
from sources import captures
from sources.dates import PartialDateError, parse_partial_date
from sources.models import Capture, SourceArticle

# Every way a page is refused before anything is stored; each message says why.
REFUSALS = (fetching.FetchRefused, NothingToExtract)


@dataclass(frozen=True)
class Page:
    """A page captured, and what the extractor read in it."""

    capture: Capture
    extracted: Extracted

    @property
    def published(self) -> str:
        """The date read, if sources.dates can take it."""
        try:
            parse_partial_date(self.extracted.published or None)
        except PartialDateError:
            return ""
        return self.extracted.published


def stored_from(url: str) -> SourceArticle | None:
    """The article already stored from this link (as given, or after redirects)."""
    if not url:
        return None
    return (
        SourceArticle.objects.filter(Q(url=url) | Q(capture__final_url=url)).order_by("pk").first()
    )


def _refuse_if_stored(url: str) -> None:
    existing = stored_from(url)
    if existing is not None:
        raise DuplicateArticle(existing, why=gettext("A page from this link"))


def capture_link(url: str) -> Page:
    """Fetch ``url`` and keep the response; raises one of REFUSALS, or DuplicateArticle
    when an article from this link (or where it leads) is already stored."""
    url = url.strip()
    _refuse_if_stored(url)
    response = fetching.fetch(url)
    if response.final_url != url:
        _refuse_if_stored(response.final_url)
    extracted = extract(response.body, content_type=response.content_type, url=response.final_url)
    capture = captures.store_fetched(
        requested_url=response.requested_url,
        final_url=response.final_url,
        status=response.status,
        reason=response.reason,
        http_version=response.http_version,
        headers=response.headers,
        body=response.body,
        retrieved_at=response.retrieved_at,
    )
    return Page(capture, extracted)


def capture_saved_page(body: bytes, *, filename: str, url: str = "") -> Page:
    """Keep a page a curator saved from their browser (``.html``, or ``.txt``)."""
    if len(body) > fetching.MAX_BYTES:
        raise fetching.FetchRefused(fetching.too_big(filename, len(body)))
    _refuse_if_stored(url)
    content_type = "text/plain" if filename.lower().endswith(".txt") else "text/html"
    extracted = extract(body, content_type=content_type, url=url)
    capture = captures.store_uploaded(
        body=body, filename=filename, url=url, content_type=content_type
    )
    return Page(capture, extracted)


def ingest_page(page: Page, **fields: Any) -> IngestResult:
    """Ingest the page's article with the suggestions; ``fields`` (title, text, language…,
    and ``published`` as a parsed pair) are what the curator confirmed or corrected; one
    not given (or None) is what was read."""
    extracted = page.extracted
    published = fields.pop("published", None)
    if published is None:
        published = parse_partial_date(page.published or None)
    published_on, precision = published
    values = {
        "text": extracted.text,
        "title": extracted.title,
        "outlet": extracted.outlet,
        "language": extracted.language or "en",
        "url": page.capture.final_url,
        "filename": page.capture.filename,
        **{key: value for key, value in fields.items() if value is not None},
    }
    return ingest_with_suggestions(
        **values,
        published_on=published_on,
        published_precision=precision,
        capture=page.capture,
    )
