"""Adding a new article: stored verbatim, refused if already stored, linked to the copies
of the same story it reprints.

The text is first normalised (``sources.article_text``), so the same article pasted and
uploaded is the same text, and the exact-duplicate check compares normalised texts.

A near-duplicate is measured on the folded body text with word 5-gram shingles, as the
share of the shorter text's shingles found in the other (the overlap coefficient): a
reprint that trims or adds paragraphs still shares most of the shorter copy, while two
different stories on the same event share almost none. On the seeds, the two copies of
the AFP story score 0.55; every other pair scores under 0.05. Every article's shingles
are stored hashed, winnowed and indexed (``sources.shingles``), so finding the articles
that share a new text's fingerprints costs what the new text and its matches cost, not
what the whole corpus costs.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import cast

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils.translation import gettext

from sources.article_text import normalise
from sources.models import Capture, Shingle, SourceArticle, sha256_of
from sources.search import fold_for_search
from sources.services import refresh_search_text
from sources.shingles import fingerprints
from sources.slugs import unique_slug

NEAR_DUPLICATE_THRESHOLD = 0.5
LOOKUP_BATCH = 500  # hashes per query, well under every database's parameter limit
FILENAME_MAX = cast(int, SourceArticle._meta.get_field("filename").max_length)  # a CharField's


class DuplicateArticle(Exception):
    def __init__(self, existing: SourceArticle, *, why: str | None = None):
        self.existing = existing
        self.why = why or gettext("This exact text")
        stored = gettext("%(what)s is already stored as “%(article)s” (%(slug)s).")
        super().__init__(stored % {"what": self.why, "article": existing, "slug": existing.slug})


def _stored_with(digest: str) -> SourceArticle | None:
    return SourceArticle.objects.filter(sha256=digest).first()


@dataclass(frozen=True)
class IngestNote:
    """Something an app did in response to the new article, for the curator to follow."""

    text: str
    url: str


@dataclass
class IngestResult:
    article: SourceArticle
    near_duplicates: list[tuple[SourceArticle, float]] = field(default_factory=list)
    notes: list[IngestNote] = field(default_factory=list)


def near_duplicates_of(
    text: str, *, exclude_pk: int | None = None
) -> list[tuple[SourceArticle, float]]:
    """Stored articles whose body is at least NEAR_DUPLICATE_THRESHOLD similar to ``text``,
    most similar first. Only articles sharing a shingle with ``text`` are read."""
    mine = fingerprints(fold_for_search(text))
    if not mine:
        return []
    hashes = sorted(mine)
    shared: Counter[int] = Counter()
    for i in range(0, len(hashes), LOOKUP_BATCH):
        rows = Shingle.objects.filter(hash__in=hashes[i : i + LOOKUP_BATCH])
        shared.update(rows.exclude(article_id=exclude_pk).values_list("article_id", flat=True))
    if not shared:
        return []
    totals = dict(
        Shingle.objects.filter(article_id__in=list(shared))
        .values("article_id")
        .annotate(total=Count("pk"))
        .values_list("article_id", "total")
    )
    scores = {pk: count / min(len(mine), totals[pk]) for pk, count in shared.items()}
    scores = {pk: score for pk, score in scores.items() if score >= NEAR_DUPLICATE_THRESHOLD}
    articles = SourceArticle.objects.in_bulk(list(scores))
    return sorted(
        ((articles[pk], score) for pk, score in scores.items()),
        key=lambda pair: (-pair[1], pair[0].slug),
    )


def _insert(article: SourceArticle) -> None:
    """Save a new article; if the same text won the race to be stored (the unique sha256
    waits for the other transaction, then refuses), say so as a duplicate. A slug taken at
    the same moment by another article is replaced by a fresh one, once."""
    for attempt in range(2):
        try:
            with transaction.atomic():
                article.save()
            return
        except IntegrityError:
            winner = SourceArticle.objects.filter(sha256=article.sha256).first()
            if winner is not None:
                raise DuplicateArticle(winner) from None
            if attempt or not SourceArticle.objects.filter(slug=article.slug).exists():
                raise
            article.slug = unique_slug(article.slug, SourceArticle.objects, fallback="article")


def short_filename(name: str) -> str:
    """A file name that fits the ``filename`` column, keeping its end (the extension)."""
    if len(name) <= FILENAME_MAX:
        return name
    keep = FILENAME_MAX - 1
    return name[: keep - keep // 4] + "…" + name[-(keep // 4) :]


@transaction.atomic
def ingest_article(
    *,
    text: str,
    title: str = "",
    outlet: str = "",
    url: str = "",
    language: str = "en",
    published_on: datetime.date | None = None,
    published_precision: str = "unknown",
    published_text: str = "",
    wire_agency: str = "",
    filename: str = "",
    slug: str = "",
    capture: Capture | None = None,
) -> IngestResult:
    """Store ``text``, normalised (``sources.article_text.normalise``; raises
    UnacceptableText), extracted from ``capture`` if given. Raises DuplicateArticle if the
    same normalised text is stored, also when another ingest of it commits first (two
    curators, two commands at once); links near-duplicates as one story origin."""
    text = normalise(text)
    digest = sha256_of(text)
    existing = _stored_with(digest)
    if existing is not None:
        raise DuplicateArticle(existing)
    article = SourceArticle(
        slug=slug
        or unique_slug(title or outlet or text[:60], SourceArticle.objects, fallback="article"),
        capture=capture,
        title=title,
        outlet=outlet,
        url=url,
        language=language,
        published_on=published_on,
        published_precision=published_precision,
        published_text=published_text,
        wire_agency=wire_agency,
        filename=short_filename(filename),
        text=text,
        sha256=digest,
    )
    # The same text stored meanwhile is found by the insert itself (``_insert``).
    article.full_clean(exclude=["sha256"])
    _insert(article)
    refresh_search_text(article, spans=[])
    near = near_duplicates_of(text, exclude_pk=article.pk)
    if near:
        closest = near[0][0]
        origin = closest.story_origin or f"story-{closest.slug}"[:120]
        for other, _score in near:
            if not other.story_origin:
                other.story_origin = origin
                other.save(update_fields=["story_origin"])
        article.story_origin = origin
        article.save(update_fields=["story_origin"])
    return IngestResult(article, near)
