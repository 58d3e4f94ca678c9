"""Filter building blocks shared by every list page."""

import django_filters as filters
from django.db.models import F

from sources.search import fold_for_search


def search_terms(value: str) -> list[str]:
    return fold_for_search(value).split()[:10]


class OrderingFilter(filters.OrderingFilter):
    """Whitelisted ordering with empty values last on every database (SQLite and
    PostgreSQL disagree by default), and a stable tie-break on the primary key."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", "default")
        kwargs.setdefault("label", "Sort by")
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        # "name," arrives as ["name", ""]: an empty item means nothing, not a field.
        value = [item for item in value or [] if item and item.strip()]
        if not value:
            return qs
        expressions = []
        for param in value:
            field = self.get_ordering_value(param)
            descending = field.startswith("-")
            column = F(field.lstrip("-"))
            expressions.append(
                column.desc(nulls_last=True) if descending else column.asc(nulls_last=True)
            )
        return qs.order_by(*expressions, "pk")


class SearchFilter(filters.CharFilter):
    """Accent- and case-insensitive match of every word on a pre-folded column."""

    def __init__(self, *, folded_field: str, **kwargs):
        self.folded_field = folded_field
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("label", "Search")
        super().__init__(**kwargs)

    def filter(self, qs, value):
        for term in search_terms(value or ""):
            qs = qs.filter(**{f"{self.folded_field}__contains": term})
        return qs
