"""Adding a new article: stored verbatim, refused if already stored, linked to the copies
of the same story it reprints.

A near-duplicate is measured on the folded body text with word 5-gram shingles, as the
share of the shorter text's shingles found in the other (the overlap coefficient): a
reprint that trims or adds paragraphs still shares most of the shorter copy, while two
different stories on the same event share almost none. On the seeds, the two copies of
the AFP story score 0.6; every other pair scores under 0.05.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import QuerySet
from django.utils.text import slugify

from sources.models import SourceArticle, sha256_of
from sources.search import fold_for_search
from sources.services import refresh_search_text
from sources.signals import article_ingested

SHINGLE_WORDS = 5
NEAR_DUPLICATE_THRESHOLD = 0.5


class DuplicateArticle(Exception):
    def __init__(self, existing: SourceArticle):
        self.existing = existing
        super().__init__(f"This exact text is already stored as “{existing}” ({existing.slug}).")


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


def shingles(text: str) -> set[tuple[str, ...]]:
    words = fold_for_search(text).split()
    return {tuple(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def similarity(a: set, b: set) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def near_duplicates_of(
    text: str, *, exclude_pk: int | None = None
) -> list[tuple[SourceArticle, float]]:
    """Stored articles whose body is at least NEAR_DUPLICATE_THRESHOLD similar to ``text``,
    most similar first."""
    mine = shingles(text)
    found = []
    for other in SourceArticle.objects.exclude(pk=exclude_pk).prefetch_related("boilerplate_spans"):
        score = similarity(mine, shingles(other.body_text()))
        if score >= NEAR_DUPLICATE_THRESHOLD:
            found.append((other, score))
    return sorted(found, key=lambda pair: pair[1], reverse=True)


def unique_slug(base: str, taken: QuerySet | None = None) -> str:
    """A slug for ``base`` not yet used in ``taken`` (articles by default)."""
    taken = SourceArticle.objects.all() if taken is None else taken
    slug = slugify(base)[:100] or "article"
    candidate, number = slug, 2
    while taken.filter(slug=candidate).exists():
        candidate, number = f"{slug}-{number}", number + 1
    return candidate


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
) -> IngestResult:
    """Store ``text`` exactly as given. Raises DuplicateArticle if the same text is stored;
    links near-duplicates as one story origin."""
    digest = sha256_of(text)
    existing = SourceArticle.objects.filter(sha256=digest).first()
    if existing is not None:
        raise DuplicateArticle(existing)
    article = SourceArticle(
        slug=slug or unique_slug(title or outlet or text[:60]),
        title=title,
        outlet=outlet,
        url=url,
        language=language,
        published_on=published_on,
        published_precision=published_precision,
        published_text=published_text,
        wire_agency=wire_agency,
        filename=filename,
        text=text,
        sha256=digest,
    )
    article.full_clean()
    article.save()
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
    responses = article_ingested.send(sender=SourceArticle, article=article)
    notes = [note for _receiver, note in responses if isinstance(note, IngestNote)]
    return IngestResult(article, near, notes)
