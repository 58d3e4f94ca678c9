"""CSV and JSON exports: same filters and order as the page, all rows, cited, consistent."""

import csv
import io
import json

import pytest
from django.http import StreamingHttpResponse

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
