"""Streaming CSV and JSON exports of every list, with memory that does not grow with rows.
Below both of their users: the public pages (``web``) and the admin's *Export selected as
CSV* (``curation``), which give the same columns.

A list describes its export once as an ``Export``: how to turn one object into a JSON record,
and which CSV columns to draw from that record, so the two formats cannot disagree. People,
the list that grows with the record, stream their stored records instead
(``PersonRecordExport``): no object is rebuilt per row.

Both formats say when the data last changed: ``Last-Modified`` on the response, and in JSON
``last_changed`` beside ``count`` (ISO 8601; the about page shows the same date).

A stream that fails half way (the database goes away) ends with a last line saying the
export is incomplete, then breaks off, so a truncated download is never taken for a whole one.
CSV is written as the csv module writes it by default (``sources.tabular.csv_line``).
"""

import datetime
import itertools
import json
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import psycopg
from django.core.exceptions import EmptyResultSet
from django.db import DatabaseError, connection, transaction
from django.db.models import QuerySet
from django.http import HttpRequest, StreamingHttpResponse
from django.utils.http import http_date
from django.utils.translation import get_language

from releases import records
from releases.derived import data_version
from releases.models import MENTIONED_LAST, Person, PersonRecord
from sources.records import ARTICLE_COLUMNS, article_json
from sources.tabular import Column, csv_cells, csv_line, finish_stored_row

CHUNK_SIZE = 200
STORED_CHUNK_SIZE = 2000
# Rows are sent in blocks: one write per row would cost more than the row itself.
ROWS_PER_WRITE = 500
INCOMPLETE = "EXPORT INCOMPLETE: the database failed while this file was being written."

logger = logging.getLogger(__name__)


def _site_root(request: HttpRequest) -> str:
    """What a stored record's language-free path (``releases.records.stored_path``) is put
    after: the server and the reader's language, as in "https://host/es"."""
    return request.build_absolute_uri("/") + get_language()


def _blocks(rows: Iterable[str]) -> Iterator[str]:
    rows = iter(rows)
    while block := "".join(itertools.islice(rows, ROWS_PER_WRITE)):
        yield block


def guarded(rows: Iterable[str], incomplete: str) -> Iterator[str]:
    try:
        yield from rows
    except DatabaseError:
        logger.exception("export stream failed")
        yield incomplete
        raise


def last_changed() -> datetime.datetime | None:
    """When the record last changed (any write: ``releases.derived``), for the exports and
    the about page: one date, the same everywhere."""
    _version, changed_at = data_version()
    return changed_at


def _dated(
    response: StreamingHttpResponse, changed: datetime.datetime | None
) -> StreamingHttpResponse:
    """An export says when the data last changed: in its ``Last-Modified`` header (both
    formats), and in JSON also as ``last_changed``, beside ``count``."""
    if changed is not None:
        response["Last-Modified"] = http_date(changed.timestamp())
    return response


def _json_response(name: str, count: int, records: Iterable[str]) -> StreamingHttpResponse:
    changed = last_changed()
    stamp = json.dumps(changed.isoformat() if changed else None)

    def stream() -> Iterator[str]:
        yield f'{{"count": {count}, "last_changed": {stamp}, "results": ['
        yield from _blocks(("," if index else "") + r for index, r in enumerate(records))
        yield "]}"

    incomplete = "\n" + json.dumps({"error": INCOMPLETE})
    response = StreamingHttpResponse(guarded(stream(), incomplete), content_type="application/json")
    response["Content-Disposition"] = f'inline; filename="{name}.json"'
    return _dated(response, changed)


def _csv_response(
    name: str, columns: list[Column], lines: Iterable[str], *, blocked: bool = False
) -> StreamingHttpResponse:
    """``lines`` are rows, or blocks of rows already joined (``blocked``)."""

    def stream() -> Iterator[str]:
        # A byte-order mark makes Excel read the file as UTF-8 (accents intact).
        yield "\ufeff" + csv_line([column.header for column in columns])
        yield from lines if blocked else _blocks(lines)

    response = StreamingHttpResponse(
        guarded(stream(), csv_line([INCOMPLETE])), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return _dated(response, last_changed())


def _first_ready[T](rows: Iterator[T]) -> Iterator[T]:
    """Compute the first row before the response starts, so that a query that fails does
    so before a 200 is sent, not halfway through a download."""
    first = list(itertools.islice(rows, 1))
    return itertools.chain(first, rows)


@dataclass(frozen=True)
class Export[T]:
    """A list's export: each of its objects (``T``) as a JSON record, and the CSV columns
    drawn from that record."""

    name: str
    to_json: Callable[[T, Callable[[str], str]], dict[str, Any]]
    columns: list[Column]

    def records(self, queryset: QuerySet[Any], request: HttpRequest) -> Iterator[dict[str, Any]]:
        """Records one chunk of rows at a time (iterator(chunk_size=…) keeps
        prefetch_related working)."""
        link = request.build_absolute_uri
        rows = (self.to_json(obj, link) for obj in queryset.iterator(chunk_size=CHUNK_SIZE))
        return _first_ready(rows)

    def json_response(self, queryset: QuerySet, request: HttpRequest) -> StreamingHttpResponse:
        rows = (json.dumps(r, ensure_ascii=False) for r in self.records(queryset, request))
        return _json_response(self.name, queryset.count(), rows)

    def csv_response(self, queryset: QuerySet, request: HttpRequest) -> StreamingHttpResponse:
        lines = (csv_line(csv_cells(self.columns, r)) for r in self.records(queryset, request))
        return _csv_response(self.name, self.columns, lines)


# In a stored JSON record, a link is the value of a "url" key and starts with "/". Data
# can't fake the pattern: a quotation mark inside a string is escaped as \" in JSON.
_STORED_JSON_LINK = '"url": "/'


@dataclass(frozen=True)
class PersonRecordExport:
    """People's exports, streamed from their stored records (``releases.PersonRecord``):
    one narrow query read through a server-side cursor, constant memory, no per-row
    rebuilding. Same filters and order as the page (``queryset`` is the filtered people)."""

    name: str
    columns: list[Column]

    def _stored(self, queryset: QuerySet, field: str) -> Iterator[list[str]]:
        """The stored values a fetch at a time (``STORED_CHUNK_SIZE``), each fetch one list.
        The cursor is read as it is, not through the queryset's iterator: a row's trip
        through Django's and modeltranslation's iterables cost more than finishing it."""
        values = queryset.values_list(f"record__{field}", flat=True)
        if _is_everyone(values, field):
            values = PersonRecord.objects.order_by(*PersonRecord.LIST_ORDER).values_list(
                field, flat=True
            )
        return _first_ready(_in_one_transaction(values))

    def json_response(self, queryset: QuerySet, request: HttpRequest) -> StreamingHttpResponse:
        absolute = f'"url": "{_site_root(request)}/'
        fetched = itertools.chain.from_iterable(self._stored(queryset, "json"))
        rows = (r.replace(_STORED_JSON_LINK, absolute) for r in fetched)
        return _json_response(self.name, queryset.count(), rows)

    def csv_response(self, queryset: QuerySet, request: HttpRequest) -> StreamingHttpResponse:
        root = _site_root(request)
        stored = self._stored(queryset, PersonRecord.csv_field(get_language()))
        # One write per fetch: the rows are joined where they are finished.
        blocks = ("".join([finish_stored_row(r, root) for r in rows]) for rows in stored)
        return _csv_response(self.name, self.columns, blocks, blocked=True)


def _is_everyone(values: QuerySet, field: str) -> bool:
    """Whether ``values`` are every public person's ``field``, in the list's order for every
    status: the very query, as SQL, that the list gives unfiltered. The records alone then
    hold those rows in that order (``PersonRecord.LIST_ORDER``, indexed), as a record is
    kept for every public person and no one else, with their place in the list
    (``releases.derived``): read down that index they come without a lookup of each
    person's record in the people's order (1.7-2.2 s to 0.6 s of the database's time at
    100,000 people on the loaded machine). Any filter or other order makes other SQL."""
    everyone = (
        Person.objects.filter(is_public=True)
        .order_by(MENTIONED_LAST, "name", "pk")
        .values_list(f"record__{field}", flat=True)
    )
    try:
        return values.query.sql_with_params() == everyone.query.sql_with_params()
    except EmptyResultSet:
        return False


def _in_one_transaction(values: QuerySet) -> Iterator[list[str]]:
    """The stored values, read in one transaction. Outside one, Django declares its
    server-side cursor WITH HOLD, and PostgreSQL then runs the whole query before the first
    row, sorting every record on disk (1.0-1.4 s at 100,000 people) while the download
    waits; inside, rows come as the people's index is walked, in a snapshot of one moment.
    (Read only: a stream closed early, or failing, rolls back nothing.) Inside a transaction
    already (an atomic block, a test) the cursor is declared without hold anyway: no
    transaction is begun that would outlive the caller's."""
    if connection.in_atomic_block:
        yield from _fetched(values)
        return
    with transaction.atomic():
        yield from _fetched(values)


def _fetched(values: QuerySet) -> Iterator[list[str]]:
    """A one-column ``values_list`` read through a server-side cursor (a plain one on
    SQLite), a list per fetch, without the rows that have no stored value.

    The cursor is closed as soon as a fetch comes back short, before its rows are yielded:
    a response whose stream is never read (a test's, one replaced by a 304) then holds no
    cursor once the view has returned, whenever the result fits in one fetch. A stream of
    more fetches holds it until the response is closed. If the transaction it was declared
    in has ended by then (a caller's, as a test's: its stream was never read), PostgreSQL
    has dropped the cursor with it, and a CLOSE would fail inside whatever transaction the
    connection is in then, aborting it (as the stream's generator is closed when collected,
    in a later test); so it is then let go without a word to the server."""
    try:
        sql, params = values.query.get_compiler(using=values.db).as_sql()
    except EmptyResultSet:
        return
    # The innermost atomic block (_in_one_transaction ensures one): a cursor WITHOUT HOLD
    # ends with its transaction, and with its savepoint if that is rolled back.
    declared_in = connection.atomic_blocks[-1]
    cursor = connection.chunked_cursor()
    try:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(STORED_CHUNK_SIZE):
            last = len(rows) < STORED_CHUNK_SIZE
            if last:
                cursor.close()
            if kept := [value for (value,) in rows if value]:
                yield kept
            if last:
                return
    finally:
        if any(block is declared_in for block in connection.atomic_blocks):
            cursor.close()
        else:
            _let_go(cursor)


def _let_go(cursor: Any) -> None:
    """Close a cursor whose transaction is over without a statement: psycopg's server-side
    cursor sends CLOSE from its ``close``; the plain cursor's ``close`` it extends frees only
    the client's side (SQLite's cursors hold nothing on a server)."""
    raw = cursor.cursor
    if isinstance(raw, psycopg.ServerCursor):
        psycopg.Cursor.close(raw)
    else:
        raw.close()


PERSON_EXPORT = PersonRecordExport("people", records.PERSON_COLUMNS)
FACILITY_EXPORT = Export("facilities", records.facility_json, records.FACILITY_COLUMNS)
COUNTRY_EXPORT = Export("nationalities", records.country_json, records.COUNTRY_COLUMNS)
EVENT_EXPORT = Export("events", records.event_json, records.EVENT_COLUMNS)
ARTICLE_EXPORT = Export("sources", article_json, ARTICLE_COLUMNS)
COUNT_EXPORT = Export("numbers", records.count_json, records.COUNT_COLUMNS)
# Rows of ``releases.selectors.FactCitations``, read a chunk at a time (two queries: the
# chunk's people by keyset, then their rows).
FACT_EXPORT = Export("facts", records.fact_citation_json, records.FACT_CITATION_COLUMNS)
