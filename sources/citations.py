"""How a citation is presented: on a page, in JSON and in CSV.

Everything here takes passages (with their article loaded) and knows nothing about the
facts that cite them.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote as percent_encode

from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext

from sources.dates import DatePrecision
from sources.models import Passage, SourceArticle

SHORT_TITLE_WORDS = 4
SHORT_TITLE_CHARS = 40


def _title_words(article: SourceArticle) -> list[str]:
    """The headline's words or, for an untitled copy, the slug's (made from the opening
    words), without the number added to keep a slug unique. Never reads the text."""
    if article.title:
        return article.title.split()
    words = article.slug.split("-")
    while words and words[-1].isdigit():
        words.pop()
    if words in ([], ["article"]):
        return []
    return [words[0].capitalize(), *words[1:]]


def short_title(article: SourceArticle, words: int = SHORT_TITLE_WORDS) -> str:
    """The headline's first few words (fewer if they are long), cut at a word boundary with
    an ellipsis when cut."""
    all_words = _title_words(article)
    if not all_words:
        return gettext("untitled article")
    kept = all_words[:words]
    max_chars = SHORT_TITLE_CHARS * words // SHORT_TITLE_WORDS
    while len(kept) > 1 and len(" ".join(kept)) > max_chars:
        kept.pop()
    head = " ".join(kept)
    if len(kept) == len(all_words):
        return head
    return head.rstrip(",;:.\u2013\u2014-") + "…"


def source_label(article: SourceArticle) -> str:
    """What a citation marker calls its source: the outlet when known, otherwise the start
    of the headline. Never reads the text: labels are drawn per citation."""
    return article.outlet or short_title(article)


def short_date(article: SourceArticle) -> str:
    """The publication date for a citation marker ('9 Jan 2026'), no more precise than it
    is known, in the active language's month names."""
    value, precision = article.published_on, article.published_precision
    if value is None or precision == DatePrecision.UNKNOWN:
        return gettext("undated")
    if precision == DatePrecision.YEAR:
        return str(value.year)
    # The formats are translated: Spanish abbreviates months in lower case ("9 ene 2026").
    if precision == DatePrecision.MONTH:
        return date_format(value, pgettext("date format: month and year, short", "M Y"))
    return date_format(value, pgettext("date format: day, month and year, short", "j M Y"))


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
        # Beside the quote, never instead of it: text, language, who made it and how.
        "translation": passage.translation_json(),
    }
