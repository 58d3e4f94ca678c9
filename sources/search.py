"""Accent- and case-insensitive search that behaves the same on SQLite and PostgreSQL.

Neither database folds accents the same way out of the box (SQLite's LIKE only folds ASCII
case; PostgreSQL needs the unaccent extension), so we fold in Python: searchable text is
stored folded in a column beside the original, and queries are folded the same way.
"""

import unicodedata


def fold_for_search(text: str) -> str:
    """'Rocío  MÁRQUEZ' -> 'rocio marquez': accents dropped, case folded, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.casefold().split())
