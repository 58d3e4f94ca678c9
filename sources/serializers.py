"""The JSON record (and CSV columns) of a source article."""

from django.db.models import Count, Q
from django.http import HttpRequest

from sources.exports import Column, Export
from sources.models import Passage, SourceArticle


def article_json(article: SourceArticle, request: HttpRequest) -> dict:
    return {
        "slug": article.slug,
        "url": request.build_absolute_uri(article.get_absolute_url()),
        "title": article.title or None,
        "outlet": article.outlet or None,
        "article_url": article.url or None,
        "published": article.published_on.isoformat() if article.published_on else None,
        "published_precision": article.published_precision,
        "published_text": article.published_text or None,
        "wire_agency": article.wire_agency or None,
        "story_origin": article.origin_key,
        "sha256": article.sha256,
        "passage_count": article.passage_count,
    }


ARTICLE_EXPORT = Export(
    "sources",
    article_json,
    [
        Column(name, lambda r, name=name: r[name])
        for name in (
            "slug",
            "title",
            "outlet",
            "article_url",
            "published",
            "published_precision",
            "published_text",
            "wire_agency",
            "story_origin",
            "sha256",
            "passage_count",
            "url",
        )
    ],
)


def articles():
    """Articles with their number of (still matching) passages."""
    valid = Q(passages__in=Passage.objects.valid())
    return (
        SourceArticle.objects.annotate(passage_count=Count("passages", filter=valid))
        .prefetch_related("boilerplate_spans")
        .order_by("slug")
    )
