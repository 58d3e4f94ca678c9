"""CSV and JSON exports: same filters and order as the page, all rows, cited, consistent."""

import csv
import gc
import io
import json
import re

import pytest
from django.db import OperationalError, connection, transaction
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from releases import derived, exports
from releases.models import MENTIONED_LAST, Mention, Person, PersonRecord
from releases.translation import LANGUAGES
from sources.tabular import (
    ROOT_MARK,
    Column,
    csv_line,
    csv_segments,
    finish_csv_segments,
    finish_stored_row,
    neutralise,
    stored_row,
)
from tests import builders

LISTS = ["/people/", "/facilities/", "/nationalities/", "/events/", "/sources/"]


@pytest.fixture
def world(db):
    return builders.world(30)


def _body(response) -> str:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode("utf-8")


def _csv(response) -> list[dict]:
    text = _body(response)
    assert text.startswith("\ufeff")  # Excel reads the file as UTF-8
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


@pytest.mark.parametrize("url", LISTS)
def test_every_list_exports_json_and_csv_with_the_same_rows(client, world, url):
    as_json = json.loads(_body(client.get(url, {"format": "json"})))
    rows = _csv(client.get(url, {"format": "csv"}))
    assert as_json["count"] == len(as_json["results"]) == len(rows)
    key = "slug" if "slug" in rows[0] else "code"
    assert [r[key] for r in rows] == [r[key] for r in as_json["results"]]


def test_exports_return_all_matching_rows_not_one_page(client, world):
    assert len(client.get("/people/").context["page"]) == 25
    people = json.loads(_body(client.get("/people/", {"format": "json"})))
    assert people["count"] == 30 and len(people["results"]) == 30


def test_exports_apply_exactly_the_page_filters_and_order(client, world):
    query = {"status": "any", "nationality": "es", "ordering": "-name", "q": "person 1"}
    page = client.get("/people/", query).context["page"]
    shown = [p.slug for p in page]
    exported = json.loads(_body(client.get("/people/", query | {"format": "json"})))
    assert [r["slug"] for r in exported["results"]] == shown
    rows = _csv(client.get("/people/", query | {"format": "csv"}))
    assert [r["slug"] for r in rows] == shown


def test_csv_cells_carry_each_facts_citations(client, world):
    rows = _csv(client.get("/people/", {"format": "csv"}))
    first = rows[0]
    assert first["nationalities"] == "ES"
    assert first["nationalities_quotes"] == "freed several Spanish citizens"
    assert first["nationalities_outlets"] == "Wire"
    assert first["releases_quotes"] == "freed several Spanish citizens"
    assert first["status"] == "released" and first["status_citations_quotes"]


def test_csv_agrees_with_json_field_by_field(client, world):
    rows = _csv(client.get("/people/", {"format": "csv"}))
    records = json.loads(_body(client.get("/people/", {"format": "json"})))["results"]
    for row, record in zip(rows, records, strict=True):
        assert row["name"] == record["name"]
        assert row["url"] == record["url"]
        assert row["aliases"] == " | ".join(a["name"] for a in record["aliases"])
        assert row["nationalities_quotes"] == " | ".join(
            " ; ".join(c["quote"] for c in n["citations"]) for n in record["nationalities"]
        )


@pytest.mark.parametrize("language", ["en", "es"])
def test_stored_people_exports_link_the_pages_in_the_readers_language(client, world, language):
    person = world["people"][0]
    with translation.override(language):
        page, passage = person.get_absolute_url(), person.releases.first().citations.first()
        passage_page = passage.get_absolute_url()
    url = f"/{language}/people/"
    records = json.loads(_body(client.get(url, {"format": "json"})))["results"]
    record = next(r for r in records if r["slug"] == person.slug)
    assert record["url"] == f"http://testserver{page}"
    assert record["releases"][0]["citations"][0]["url"] == f"http://testserver{passage_page}"
    row = next(r for r in _csv(client.get(url, {"format": "csv"})) if r["slug"] == person.slug)
    assert row["url"] == record["url"]
    # Cells holding several links (" ; " between a fact's quotes, " | " between facts).
    links = re.split(
        r" ; | \| ", row["nationalities_article_urls"] + " | " + row["releases_article_urls"]
    )
    assert len(links) >= 2
    assert all(link.startswith(f"http://testserver/{language}/sources/") for link in links), links


def test_source_json_lets_anyone_check_every_passage(client, world):
    article = world["article"]
    record = client.get(article.get_absolute_url(), {"format": "json"}).json()
    assert record["sha256"] == article.sha256 and record["text"] == article.text
    for passage in record["passages"]:
        assert record["text"][passage["start"] : passage["end"]] == passage["quote"]


def test_json_export_fetches_rows_in_chunks_not_one_by_one(
    client, world, django_assert_max_num_queries
):
    # Rows are fetched in chunks (iterator with prefetch), so the number of queries grows
    # by chunk, not by row: 30 rows fit in one chunk.
    with django_assert_max_num_queries(20):
        _body(client.get("/people/", {"format": "json"}))


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+3", "'=1+3"),
        ("\n=1+3", "'\n=1+3"),  # a line break before the formula hides it from a naive check
        ("  @SUM(A1)", "'  @SUM(A1)"),
        ("\tanything", "'\tanything"),
        ("\r\nx", "'\r\nx"),
        ("Ana Pérez", "Ana Pérez"),
        ("1-2", "1-2"),
        (None, ""),
    ],
)
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(cell, expected):
    assert neutralise(cell) == expected


def test_a_person_named_with_a_leading_line_break_and_formula_exports_inert(client, world):
    person = world["people"][0]
    Person.objects.filter(pk=person.pk).update(name="\n=1+3")
    derived.refresh_people([person.pk])
    rows = _csv(client.get("/people/", {"format": "csv", "status": "any"}))
    assert next(r for r in rows if r["slug"] == person.slug)["name"] == "'\n=1+3"


def test_an_export_cut_by_a_database_failure_says_it_is_incomplete(client, world, monkeypatch):
    # The people's rows are read a fetch at a time from the cursor (exports._fetched).
    original = exports._fetched

    def failing_after_the_first_fetch(values):
        yield next(original(values))
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(exports, "STORED_CHUNK_SIZE", 1)
    monkeypatch.setattr(exports, "_fetched", failing_after_the_first_fetch)
    for output in ("csv", "json"):
        response = client.get("/people/", {"format": output, "status": "any"})
        chunks = []
        with pytest.raises(OperationalError):
            for chunk in response.streaming_content:
                chunks.append(chunk.decode())
        assert "EXPORT INCOMPLETE" in chunks[-1], output


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("fetch", [exports.STORED_CHUNK_SIZE, 1], ids=["one fetch", "many"])
def test_an_export_never_read_closes_nothing_in_a_later_transaction(client, monkeypatch, fetch):
    """A response whose stream is never read (a test's; one a 304 replaced) is collected
    some time later. Its cursor was declared in a transaction that has ended since, and
    PostgreSQL dropped it then: a CLOSE sent now, in the connection's current transaction,
    fails and aborts that one (three tests of a later run failed in setup so). The rows in
    one fetch: the cursor is closed before the view returns; over several, it is let go."""
    monkeypatch.setattr(exports, "STORED_CHUNK_SIZE", fetch)
    builders.world(3)
    with transaction.atomic():  # a caller's transaction, as a test's is
        response = client.get("/people/", {"format": "csv", "status": "any"})
        assert response.status_code == 200
    with transaction.atomic():
        people = Person.objects.count()  # the later transaction has begun
        del response
        gc.collect()
        assert Person.objects.count() == people


def test_the_whole_list_is_read_from_the_records_alone_in_the_lists_order(client, world):
    """Every status and no filter: the rows come from the records alone, down their own
    index, in the list's order, which they keep through a curator's rename and a person
    only mentioned (listed after everyone held, whatever their name)."""
    renamed = world["people"][3]
    renamed.name = "Aaron Renamed"
    renamed.save()
    mentioned = builders.person("Aaa Mentioned", slug="aaa-mentioned")
    builders.cite(Mention.objects.create(person=mentioned), world["article"].passages.first())
    listed = Person.objects.filter(is_public=True).order_by(MENTIONED_LAST, "name", "pk")
    expected = list(listed.values_list("slug", flat=True))
    assert expected[0] == renamed.slug and expected[-1] == mentioned.slug
    with CaptureQueriesContext(connection) as queries:
        rows = _csv(client.get("/people/", {"format": "csv", "status": "any"}))
    assert [row["slug"] for row in rows] == expected
    read = [q["sql"] for q in queries.captured_queries if '"csv_en"' in q["sql"]]
    assert len(read) == 1 and "JOIN" not in read[0] and '"releases_person"' not in read[0]
    # A filter reads through the people, as the page does: the same rows as the list's.
    held = _csv(client.get("/people/", {"format": "csv", "status": "released"}))
    assert [row["slug"] for row in held] == expected[:-1]


def test_head_is_answered_on_every_public_page(client, world):
    for url in ["/", *LISTS, world["people"][0].get_absolute_url()]:
        response = client.head(url)
        assert response.status_code == 200, url
        assert response.content == b""


def test_responses_vary_on_both_htmx_request_headers(client, world):
    vary = client.get("/people/")["Vary"]
    assert "HX-Request" in vary and "HX-History-Restore-Request" in vary


@pytest.mark.parametrize(
    "cells",
    [
        ["plain", "with, comma", 'with "quotes"', "line\nbreak", "", "crlf\r\nend"],
        ["", ""],
        ["Ana Pérez", "émoji 🙂", "tab\there"],
    ],
)
def test_csv_lines_are_what_the_csv_module_writes_and_reads_back(cells):
    buffer = io.StringIO()
    csv.writer(buffer).writerow(cells)
    assert csv_line(cells) == buffer.getvalue()
    assert next(csv.reader(io.StringIO(csv_line(cells)))) == cells


def test_a_row_written_ahead_is_finished_with_absolute_links():
    columns = [
        Column("name", lambda r: r["name"]),
        Column("url", lambda r: r["url"], links=True),
        Column("quote", lambda r: r["quote"]),
        Column("links", lambda r: r["links"], links=True),
    ]
    record = {
        "name": 'Ana, "la" Pérez',
        "url": "/people/ana/",
        "quote": "/people/ana/ ; / | / is not a link here",
        "links": "/sources/a/#p-1 ; https://example.org/x,y | /sources/b/#p-2",
    }
    line = finish_csv_segments(csv_segments(columns, record), "https://site", "en")
    assert next(csv.reader(io.StringIO(line))) == [
        record["name"],
        "https://site/people/ana/",
        record["quote"],
        "https://site/sources/a/#p-1 ; https://example.org/x,y | https://site/sources/b/#p-2",
    ]


def test_a_stored_row_is_the_row_written_ahead_finished_for_the_reader():
    columns = [
        Column("name", lambda r: r["name"]),
        Column("url", lambda r: r["url"], links=True),
        Column(
            "title", lambda r: r["en"], languages=("en", "es"), in_language=lambda r, lang: r[lang]
        ),
        Column("links", lambda r: r["links"], links=True),
    ]
    # The root's mark in the record's own words, alone and doubled, even beside a link.
    record = {
        "name": f'{ROOT_MARK}Ana, "la" {ROOT_MARK * 2}',
        "url": "/people/ana/",
        "en": f"journalist {ROOT_MARK}",
        "es": "periodista",
        "links": f"/sources/a/#p-1 ; {ROOT_MARK}/x | /sources/b/#p-{ROOT_MARK * 3}",
    }
    segments = csv_segments(columns, record)
    for language in ("en", "es"):
        for root in ("https://site/es", "http://127.0.0.1:8000/en"):
            written = finish_stored_row(stored_row(segments, language), root)
            assert written == finish_csv_segments(segments, root, language)
    line = finish_stored_row(stored_row(segments, "es"), "https://site/es")
    assert next(csv.reader(io.StringIO(line))) == [
        record["name"],
        "https://site/es/people/ana/",
        "periodista",
        f"https://site/es/sources/a/#p-1 ; {ROOT_MARK}/x"
        f" | https://site/es/sources/b/#p-{ROOT_MARK * 3}",
    ]


def test_a_person_record_holds_a_csv_row_in_every_language_of_the_record():
    fields = {field.name for field in PersonRecord._meta.fields}
    assert {PersonRecord.csv_field(lang) for lang in LANGUAGES} <= fields
    assert PersonRecord.csv_field("fr") == PersonRecord.csv_field("en")


@pytest.mark.django_db(transaction=True)
def test_the_people_csv_streams_as_the_database_reads_it(client):
    """Not a cursor WITH HOLD, which PostgreSQL runs to the end (sorting every record)
    before the first row, as Django declares it outside a transaction (as in production,
    not in a test's); and the rows are every person's, each with its citations."""
    builders.world(30)
    with CaptureQueriesContext(connection) as queries:
        rows = _csv(client.get("/people/", {"format": "csv", "status": "any"}))
    assert len(rows) == 30 and all(row["releases_quotes"] for row in rows)
    declared = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("DECLARE")]
    if connection.vendor == "postgresql":
        assert declared and not any("WITH HOLD" in sql for sql in declared)
