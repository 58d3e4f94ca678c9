"""Reads of the evidence that several views share."""

from typing import TYPE_CHECKING, TypedDict

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, Substr

from sources.models import Passage, SourceArticle


class _PassageCount(TypedDict):
    passage_count: int


if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    # An article read by ``articles()``: with its number of valid passages (a type only:
    # django-stubs' WithAnnotations takes no arguments at run time).
    CountedArticle = WithAnnotations[SourceArticle, _PassageCount]


def articles() -> "QuerySet[CountedArticle]":
    """Articles with their number of valid passages. The count is a correlated subquery, so
    a page of 25 articles counts the passages of those 25, not of every article."""
    passage_count = (
        Passage.objects.valid()
        .filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        SourceArticle.objects.defer("search_text")
        .annotate(passage_count=Coalesce(Subquery(passage_count, output_field=IntegerField()), 0))
        .prefetch_related("boilerplate_spans")
        .order_by("slug")
    )


def article_summary() -> dict:
    """What the sources are: how many articles, how many independent origins (reprints of
    one story count once), the outlets they name, and how many name none."""
    origin = Case(When(story_origin="", then=F("slug")), default=F("story_origin"))
    totals = SourceArticle.objects.aggregate(
        articles=Count("pk"),
        origins=Count(origin, distinct=True),
        without_outlet=Count("pk", filter=Q(outlet="")),
    )
    outlets = SourceArticle.objects.exclude(outlet="").order_by("outlet").values_list("outlet")
    return {**totals, "outlets": [name for (name,) in outlets.distinct()]}


# A TextQuoteSelector's prefix and suffix: this many characters either side of the quote.
CONTEXT_CHARS = 32


def with_context(passages: QuerySet[Passage], chars: int = CONTEXT_CHARS) -> QuerySet[Passage]:
    """Passages with up to ``chars`` characters of their article's text before (``prefix``)
    and after (``suffix``) the quote, cut out by the database: a page of annotations reads
    those few characters, never whole articles."""
    begin = Greatest(F("start") - chars, Value(0))
    return passages.annotate(
        prefix=Substr("article__text", begin + 1, F("start") - begin),
        suffix=Substr("article__text", F("end") + 1, Value(chars)),
    )
