"""Reads of the evidence that several views share."""

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from sources.models import Passage, SourceArticle


def articles() -> QuerySet[SourceArticle]:
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
