"""Streaming CSV and JSON exports of every list, with memory that does not grow with rows.

A list describes its export once as an ``Export``: how to turn one object into a JSON record,
and which CSV columns to draw from that record, so the two formats cannot disagree. People,
the list that grows with the record, stream their stored records instead
(``PersonRecordExport``): no object is rebuilt per row.

A stream that fails half way (the database goes away) ends with a last line saying the
export is incomplete, then breaks off, so a truncated download is never taken for a whole one.
"""

import csv
import itertools
import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db import DatabaseError
from django.db.models import QuerySet
from django.http import HttpRequest, StreamingHttpResponse

from releases import records
from sources.records import ARTICLE_COLUMNS, article_json
from sources.tabular import Column, csv_cells

CHUNK_SIZE = 200
STORED_CHUNK_SIZE = 2000
INCOMPLETE = "EXPORT INCOMPLETE: the database failed while this file was being written."

logger = logging.getLogger(__name__)


class _Echo:
    """A file-like object whose ``write`` returns what it is given (for csv.writer)."""

    def write(self, value: str) -> str:
        return value


def _site_root(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _guarded(rows: Iterable[str], incomplete: str) -> Iterator[str]:
    try:
        yield from rows
    except DatabaseError:
        logger.exception("export stream failed")
        yield incomplete
        raise


def _json_stream(count: int, records: Iterable[str]) -> Iterator[str]:
    yield f'{{"count": {count}, "results": ['
    for index, record in enumerate(records):
        yield ("," if index else "") + record
    yield "]}"


def _json_response(name: str, rows: Iterable[str]) -> StreamingHttpResponse:
    incomplete = "\n" + json.dumps({"error": INCOMPLETE})
    response = StreamingHttpResponse(_guarded(rows, incomplete), content_type="application/json")
    response["Content-Disposition"] = f'inline; filename="{name}.json"'
    return response


def _csv_response(name: str, header: list[str], rows: Iterable[list]) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def stream() -> Iterator[str]:
        # A byte-order mark makes Excel read the file as UTF-8 (accents intact).
        yield "\ufeff" + writer.writerow(header)
        for row in rows:
            yield writer.writerow(row)

    response = StreamingHttpResponse(
        _guarded(stream(), writer.writerow([INCOMPLETE])), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def _first_ready(rows: Iterator) -> Iterator:
    """Compute the first row before the response starts, so that a query that fails does
    so before a 200 is sent, not halfway through a download."""
    first = list(itertools.islice(rows, 1))
    return itertools.chain(first, rows)


@dataclass(frozen=True)
class Export:
    name: str
    to_json: Callable[[object, Callable[[str], str]], dict]
    columns: list[Column]

    def records(self, queryset: QuerySet, request: HttpRequest) -> Iterator[dict]:
        """Records one chunk of rows at a time (iterator(chunk_size=…) keeps
        prefetch_related working)."""
        link = request.build_absolute_uri
        rows = (self.to_json(obj, link) for obj in queryset.iterator(chunk_size=CHUNK_SIZE))
        return _first_ready(rows)

    def json_response(self, queryset: QuerySet, request: HttpRequest) -> StreamingHttpResponse:
        count = queryset.count()
        rows = (json.dumps(r, ensure_ascii=False) for r in self.records(queryset, request))
        return _json_response(self.name, _json_stream(count, rows))

    def csv_response(self, queryset: QuerySet, request: HttpRequest) -> StreamingHttpResponse:
        rows = (csv_cells(self.columns, r) for r in self.records(queryset, request))
        return _csv_response(self.name, [c.header for c in self.columns], rows)


# In a stored JSON record, a link is the value of a "url" key and starts with "/". Data
# can't fake the pattern: a quotation mark inside a string is escaped as \" in JSON.
_STORED_JSON_LINK = '"url": "/'
# In a stored CSV cell of links, each site path starts the cell or follows a separator.
_STORED_CSV_LINK = re.compile(r"(^|[;|] )/")


@dataclass(frozen=True)
class PersonRecordExport:
    """People's exports, streamed from their stored records (``releases.PersonRecord``) with
    keyset-free server-side iteration: one narrow query, constant memory, no per-row
    rebuilding. Same filters and order as the page (``queryset`` is the filtered people)."""

    name: str
    columns: list[Column]

    def _stored(self, queryset: QuerySet, field: str) -> Iterator[str]:
        values = queryset.values_list(f"record__{field}", flat=True)
        return _first_ready(
            value for value in values.iterator(chunk_size=STORED_CHUNK_SIZE) if value
        )

    def json_response(self, queryset: QuerySet, request: HttpRequest) -> StreamingHttpResponse:
        absolute = f'"url": "{_site_root(request)}/'
        rows = (
            record.replace(_STORED_JSON_LINK, absolute) for record in self._stored(queryset, "json")
        )
        return _json_response(self.name, _json_stream(queryset.count(), rows))

    def csv_response(self, queryset: QuerySet, request: HttpRequest) -> StreamingHttpResponse:
        root = _site_root(request)
        link_columns = [i for i, column in enumerate(self.columns) if column.links]

        def absolute(match: re.Match) -> str:
            return f"{match.group(1)}{root}/"

        def rows() -> Iterator[list]:
            for stored in self._stored(queryset, "csv"):
                cells = json.loads(stored)
                for i in link_columns:
                    cells[i] = _STORED_CSV_LINK.sub(absolute, cells[i])
                yield cells

        return _csv_response(self.name, [c.header for c in self.columns], rows())


PERSON_EXPORT = PersonRecordExport("people", records.PERSON_COLUMNS)
FACILITY_EXPORT = Export("facilities", records.facility_json, records.FACILITY_COLUMNS)
COUNTRY_EXPORT = Export("nationalities", records.country_json, records.COUNTRY_COLUMNS)
EVENT_EXPORT = Export("events", records.event_json, records.EVENT_COLUMNS)
ARTICLE_EXPORT = Export("sources", article_json, ARTICLE_COLUMNS)


def export_action(export, public_queryset):
    """An admin action exporting the selected rows as CSV, in the public export's format
    (same columns, same rule that only cited facts appear)."""

    def export_selected(modeladmin, request, queryset):
        selected = public_queryset().filter(pk__in=queryset.values("pk"))
        return export.csv_response(selected, request)

    export_selected.short_description = "Export selected as CSV (public format)"
    export_selected.allowed_permissions = ("view",)
    return export_selected
