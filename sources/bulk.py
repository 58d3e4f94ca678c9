"""Writing many rows at once without building a model instance for each.

Building a model instance costs tens of microseconds (more with translated fields), which is
most of the cost of writing a million rows; so rows are given as tuples of values. On
PostgreSQL they are streamed with COPY, one statement per table, the table's triggers and
constraints still checking every row; elsewhere they become instances for ``bulk_create``.
"""

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from itertools import batched

from django.core.exceptions import EmptyResultSet
from django.db import connection, models
from django.db.models.lookups import In

# Values the database driver writes as they are; any other (a dict for a JSON column, say)
# is first prepared by its field, as the ORM would.
_PLAIN = (str, int, float, bool, date, datetime, type(None))


def insert_rows(model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Insert ``rows``, each a tuple of values for ``columns`` (field attnames: ``person_id``),
    into ``model``'s table; every other column gets the model's default, as a new instance
    would have it, and an automatic key left out is the database's. Returns the rows written."""
    if connection.vendor != "postgresql":
        written = 0
        for chunk in batched(rows, 1000):
            model._default_manager.bulk_create(
                [model(**dict(zip(columns, row, strict=True))) for row in chunk]
            )
            written += len(chunk)
        return written
    by_name = {f.attname: f for f in model._meta.concrete_fields}
    fields = [by_name[name] for name in columns]
    template = model()
    defaults = [
        (f, f.get_db_prep_save(getattr(template, f.attname), connection))
        for f in model._meta.concrete_fields
        if f.attname not in columns and not f.primary_key
    ]
    names = [str(f.column) for f in fields] + [str(f.column) for f, _value in defaults]
    default_values = [value for _f, value in defaults]
    quoted = ", ".join(connection.ops.quote_name(name) for name in names)
    table = connection.ops.quote_name(model._meta.db_table)
    written = 0
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy,
    ):
        for row in rows:
            values = [
                value if isinstance(value, _PLAIN) else field.get_db_prep_save(value, connection)
                for field, value in zip(fields, row, strict=True)
            ]
            copy.write_row(values + default_values)
            written += 1
    return written


class AnyOf(In):
    """``field__any_of=keys``: ``field__in=keys`` for thousands of keys (values, not model
    instances). On PostgreSQL the keys go as one array (``= ANY(%s)``) instead of one
    placeholder each, which Django prepares and psycopg splits out of the SQL key by key:
    75,000 of them in a derive job of 2,500 people, a sixth of its Python. Elsewhere it is
    ``__in``. Registered on every field (``sources.apps``)."""

    lookup_name = "any_of"

    def as_postgresql(self, compiler, connection):
        if not self.rhs_is_direct_value():
            return super().as_sql(compiler, connection)
        keys = [key for key in self.rhs if key is not None]  # as ``__in``: NULL matches nothing
        if not keys:
            raise EmptyResultSet
        lhs, lhs_params = self.process_lhs(compiler, connection)
        array = f"{self.lhs.output_field.db_type(connection)}[]"
        return f"{lhs} = ANY(%s::{array})", (*lhs_params, keys)
