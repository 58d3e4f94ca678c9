"""How a citation is presented: on a page, in JSON and in CSV.

Everything here takes passages (with their article loaded) and knows nothing about the
facts that cite them.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote as percent_encode

from sources.models import Passage, SourceArticle


def source_label(article: SourceArticle) -> str:
    """Outlet when known; otherwise the start of the headline (or of the slug, which is made
    from the opening words) in quotes. Never reads the text: labels are drawn per citation."""
    if article.outlet:
        return article.outlet
    words = (article.title or article.slug.replace("-", " ").capitalize()).split()
    head = " ".join(words[:4])
    return f"“{head}…”" if len(words) > 4 else f"“{head}”"


def _fragment_encode(text: str) -> str:
    # In a text directive "-", "," and "&" are syntax, so they must be escaped too.
    return percent_encode(text, safe="").replace("-", "%2D")


def text_fragment_url(passage: Passage) -> str | None:
    """A link to the passage in the original page, if the article's URL is known. Long
    quotes use the start,end form so the link survives small differences in between."""
    base = passage.article.url
    if not base:
        return None
    words = passage.quote.split()
    if len(words) > 8:
        start, end = " ".join(words[:4]), " ".join(words[-4:])
        directive = f"{_fragment_encode(start)},{_fragment_encode(end)}"
    else:
        directive = _fragment_encode(" ".join(words))
    return f"{base.split('#', 1)[0]}#:~:text={directive}"


@dataclass(frozen=True)
class Support:
    """How much independent support a fact has: reprints of one wire story are one origin."""

    passages: int
    articles: int
    origins: int

    @property
    def has_reprints(self) -> bool:
        return self.origins < self.articles


def support(passages: Iterable[Passage]) -> Support:
    passages = list(passages)
    articles = {p.article_id: p.article for p in passages}
    origins = {article.origin_key for article in articles.values()}
    return Support(len(passages), len(articles), len(origins))


def citation_json(passage: Passage, build_absolute_uri) -> dict:
    article = passage.article
    return {
        "article": article.slug,
        "quote": passage.quote,
        "start": passage.start,
        "end": passage.end,
        "url": build_absolute_uri(passage.get_absolute_url()),
        "outlet": article.outlet or None,
        "published": article.published_on.isoformat() if article.published_on else None,
        "published_precision": article.published_precision,
        "article_url": article.url or None,
        "original_url": text_fragment_url(passage),
    }
