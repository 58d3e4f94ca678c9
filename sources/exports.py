"""Streaming CSV and JSON exports of any list, with memory that does not grow with rows.

A list describes its export once as an ``Export``: how to turn one object into a JSON
record, and which CSV columns to draw from that record. CSV is built from the JSON
record, so the two formats cannot disagree.
"""

import csv
import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import HttpRequest, StreamingHttpResponse

CHUNK_SIZE = 200

# A cell starting with one of these is run as a formula by spreadsheet programs.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: object) -> str:
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[dict], object]


def citation_columns(key: str, label: Callable[[dict], str]) -> list[Column]:
    """Four columns for a list of cited facts under ``key``: a label per fact, and the
    quotes, outlets and article URLs of their citations. Multiple facts are separated by
    ' | ', multiple citations of one fact by ' ; '."""

    def joined(part: Callable[[dict], object]) -> Callable[[dict], str]:
        return lambda record: " | ".join(
            " ; ".join(str(part(c) or "") for c in fact["citations"]) for fact in record[key]
        )

    return [
        Column(key, lambda r: " | ".join(label(fact) for fact in r[key])),
        Column(f"{key}_quotes", joined(lambda c: c["quote"])),
        Column(f"{key}_outlets", joined(lambda c: c["outlet"] or c["article"])),
        Column(f"{key}_article_urls", joined(lambda c: c["article_url"] or c["url"])),
    ]


def own_citation_columns(key: str = "citations") -> list[Column]:
    """Quote, outlet and article-URL columns for a record's own list of citations."""

    def joined(part: Callable[[dict], object]) -> Callable[[dict], str]:
        return lambda record: " ; ".join(str(part(c) or "") for c in record[key])

    return [
        Column(f"{key}_quotes", joined(lambda c: c["quote"])),
        Column(f"{key}_outlets", joined(lambda c: c["outlet"] or c["article"])),
        Column(f"{key}_article_urls", joined(lambda c: c["article_url"] or c["url"])),
    ]


@dataclass(frozen=True)
class Export:
    name: str
    to_json: Callable[[object, HttpRequest], dict]
    columns: list[Column]

    def records(self, queryset: QuerySet, request: HttpRequest) -> Iterator[dict]:
        """Records one chunk of rows at a time (iterator(chunk_size=…) keeps
        prefetch_related working). The first record is computed before returning, so a
        query that fails does so before a 200 is sent, not halfway through a download."""
        rows = (self.to_json(obj, request) for obj in queryset.iterator(chunk_size=CHUNK_SIZE))
        first = list(itertools.islice(rows, 1))
        return itertools.chain(first, rows)

    def json_response(self, queryset: QuerySet, request: HttpRequest) -> StreamingHttpResponse:
        count = queryset.count()

        def stream() -> Iterable[str]:
            yield f'{{"count": {count}, "results": ['
            for index, record in enumerate(self.records(queryset, request)):
                yield ("," if index else "") + json.dumps(record, ensure_ascii=False)
            yield "]}"

        response = StreamingHttpResponse(stream(), content_type="application/json")
        response["Content-Disposition"] = f'inline; filename="{self.name}.json"'
        return response

    def csv_response(self, queryset: QuerySet, request: HttpRequest) -> StreamingHttpResponse:
        class Echo:
            def write(self, value: str) -> str:
                return value

        writer = csv.writer(Echo())

        def stream() -> Iterable[str]:
            # A byte-order mark makes Excel read the file as UTF-8 (accents intact).
            yield "\ufeff" + writer.writerow([column.header for column in self.columns])
            for record in self.records(queryset, request):
                yield writer.writerow([neutralise(c.value(record)) for c in self.columns])

        response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.name}.csv"'
        return response


def export_action(export, public_queryset):
    """An admin action exporting the selected rows as CSV, in the public export's format
    (same columns, same rule that only cited facts appear)."""

    def export_selected(modeladmin, request, queryset):
        selected = public_queryset().filter(pk__in=queryset.values("pk"))
        return export.csv_response(selected, request)

    export_selected.short_description = "Export selected as CSV (public format)"
    export_selected.allowed_permissions = ("view",)
    return export_selected
