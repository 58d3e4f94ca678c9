"""Accent- and case-insensitive search that behaves the same on SQLite and PostgreSQL.

Neither database folds accents the same way out of the box (SQLite's LIKE only folds ASCII
case; PostgreSQL needs the unaccent extension), so we fold in Python: searchable text is
stored folded in a column beside the original, and queries are folded the same way.
"""

import unicodedata

from django.db.models import Q

from sources.quotes import QUOTE_FOLD


def fold_for_search(text: str) -> str:
    """'Rocío  MÁRQUEZ\u2019s' -> "rocio marquez's": accents dropped, case folded, curly quotes
    straightened, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.translate(QUOTE_FOLD))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.casefold().split())


class FoldedSearchMixin:
    """Search that ignores accents and case, on columns stored folded
    (``folded_search_fields``), on top of the admin's usual search."""

    folded_search_fields: tuple[str, ...] = ()

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        terms = fold_for_search(search_term).split()
        if terms and self.folded_search_fields:
            folded = Q()
            for field in self.folded_search_fields:
                match = Q()
                for term in terms:
                    match &= Q(**{f"{field}__contains": term})
                folded |= match
            results = results | queryset.filter(folded)
        return results, may_have_duplicates
