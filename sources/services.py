"""Writes to articles that span more than one row."""

from collections.abc import Iterable

from django.db import transaction

from sources.models import BoilerplateSpan, Shingle, SourceArticle
from sources.search import fold_for_search
from sources.shingles import fingerprints


@transaction.atomic
def set_boilerplate(*, article: SourceArticle, spans: Iterable[BoilerplateSpan]) -> None:
    """Replace the article's boilerplate spans and refresh what depends on them (the
    searchable body text and its shingles)."""
    spans = list(spans)
    article.boilerplate_spans.all().delete()
    BoilerplateSpan.objects.bulk_create(spans)
    refresh_search_text(article, spans)


def refresh_search_text(article: SourceArticle, spans=None) -> None:
    """Store the folded body text, and the shingles of it used to find near-duplicates."""
    folded = fold_for_search(article.body_text(spans))
    if folded == article.search_text and article.shingles.exists():
        return
    article.search_text = folded
    article.save(update_fields=["search_text"])
    article.shingles.all().delete()
    Shingle.objects.bulk_create(
        [Shingle(article=article, hash=value) for value in fingerprints(folded)],
        batch_size=2000,
    )
