"""Writes to articles that span more than one row."""

from collections.abc import Iterable

from django.db import transaction

from sources.models import BoilerplateSpan, SourceArticle
from sources.search import fold_for_search


@transaction.atomic
def set_boilerplate(*, article: SourceArticle, spans: Iterable[BoilerplateSpan]) -> None:
    """Replace the article's boilerplate spans and refresh what depends on them (the
    searchable body text)."""
    spans = list(spans)
    article.boilerplate_spans.all().delete()
    BoilerplateSpan.objects.bulk_create(spans)
    refresh_search_text(article, spans)


def refresh_search_text(article: SourceArticle, spans=None) -> None:
    folded = fold_for_search(article.body_text(spans))
    if folded != article.search_text:
        article.search_text = folded
        article.save(update_fields=["search_text"])
