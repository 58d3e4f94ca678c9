"""Queries whose SQL is built once and run many times with another value.

Building a query's SQL (its columns, joins, ordering: forty-odd columns for a fact with its
translations) costs the ORM more than PostgreSQL takes to run it, and a page that reads a
dozen such queries pays that on every cold render. A ``PreparedQuery`` is a queryset compiled
once, with a marker where a value goes (a person's id, a slug); each run puts the value in
the marker's place and hands Django's own compiler, with that SQL, to Django's own model
iterable, so the rows become instances exactly as the queryset would make them (``from_db``,
related objects from ``select_related``, fetch modes). Only the SQL's building is skipped.

The SQL depends on the database and on the active language (django-modeltranslation sorts
a translated field in the language's column), so callers keep one per alias and language
(``prepared``).
"""

import copy
from collections.abc import Callable
from typing import Any

from django.db import connections, router
from django.db.models import Model, QuerySet
from django.utils.translation import get_language

# Stand for the values in the SQL built: nothing a query of the record is asked for.
INT_MARKER = -7_303_741_913
TEXT_MARKER = "\x1eprepared-value\x1e"


def int_markers(count: int) -> tuple[int, ...]:
    """``count`` markers of whole numbers, for a query of so many ids (``id__in``)."""
    return tuple(INT_MARKER - index for index in range(count))


class PreparedQuery[M: Model]:
    """``queryset``, which holds each of ``markers`` as exactly one of its parameters,
    compiled once; ``rows(*values)`` is ``list(queryset)`` with each value in its marker's
    place."""

    def __init__(self, queryset: QuerySet[M], *markers: object):
        self.queryset = queryset
        self.compiler = queryset.query.get_compiler(using=queryset.db)
        self.sql, params = self.compiler.as_sql()
        self.params = list(params)
        self.places = []
        for marker in markers:
            places = [index for index, param in enumerate(self.params) if param == marker]
            if len(places) != 1:
                raise ValueError(f"a marker is {len(places)} of the query's parameters, not one")
            self.places.append(places[0])

    def rows(self, *values: object) -> list[M]:
        if len(values) != len(self.places):
            raise ValueError(f"{len(values)} values for {len(self.places)} markers")
        params = self.params.copy()
        for place, value in zip(self.places, values, strict=True):
            params[place] = value
        sql = self.sql
        # A copy of the compiler as it was after compiling (its columns and how to build
        # instances from them), on this thread's connection, answering with the SQL built.
        compiler = copy.copy(self.compiler)
        compiler.connection = connections[self.queryset.db]

        def as_sql(*args: Any, **kwargs: Any) -> tuple[str, list[object]]:
            return sql, params

        compiler.as_sql = as_sql  # the one built, reused
        queryset = self.queryset.all()  # a fresh clone

        def get_compiler(*args: Any, **kwargs: Any) -> Any:
            return compiler

        queryset.query.get_compiler = get_compiler  # type: ignore[method-assign]  # see as_sql
        return list(queryset)


_PREPARED: dict[tuple[str, str, str | None], PreparedQuery[Any]] = {}


def prepared[M: Model](
    name: str, model: type[M], build: Callable[[], QuerySet[M]], *markers: object
) -> PreparedQuery[M]:
    """The query of ``model`` that ``build()`` makes, prepared once under ``name`` per
    database alias and language (and only then built)."""
    key = (name, router.db_for_read(model), get_language())
    if (query := _PREPARED.get(key)) is None:
        query = _PREPARED[key] = PreparedQuery(build(), *markers)
    return query
