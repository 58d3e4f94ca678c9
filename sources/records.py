"""The public record (JSON and CSV columns) of a source article."""

from collections.abc import Callable
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from sources.tabular import Column

if TYPE_CHECKING:
    from sources.selectors import CountedArticle


def article_json(article: "CountedArticle", link: Callable[[str], str]) -> dict[str, Any]:
    return {
        "slug": article.slug,
        "url": link(article.get_absolute_url()),
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


ARTICLE_COLUMNS = [
    Column(name, itemgetter(name), links=name == "url")
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
]
