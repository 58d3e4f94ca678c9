"""The about page, and the last-changed date that it and every export share."""

import csv
import datetime
import io
import json

import pytest
from django.utils.http import http_date

from releases.derived import bump_data_version, data_version
from releases.models import DataVersion
from tests import builders


@pytest.fixture
def world(db):
    return builders.world(2)


def _body(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def _set_changed(when: datetime.datetime) -> None:
    DataVersion.objects.filter(pk=1).update(changed_at=when)


WHEN = datetime.datetime(2026, 1, 20, 14, 5, tzinfo=datetime.UTC)


def test_about_says_what_the_sources_are_and_when_the_data_last_changed(client, world):
    builders.article("A reprint.", outlet="Another Paper", story_origin="p-article")
    builders.article("Own story.", outlet="Wire")
    builders.article("No outlet named.")
    bump_data_version()
    _set_changed(WHEN)
    response = client.get("/about/")
    assert response.status_code == 200
    page = response.content.decode()
    # Four articles, three origins (the reprint counts with the story it reprints).
    assert "from 4 news articles, which come from 3 independent origins." in page
    assert "The outlets they name: Another Paper, Wire; 1 names no outlet" in page
    assert "2 people (named, or described" in page and "1 count of people, each with who" in page
    assert '<time datetime="2026-01-20T14:05:00+00:00">20 January 2026, 14:05' in page
    for term in ("implied", "confirmed by the claimant", "independent origins"):
        assert f"<dt>{term}</dt>" in page
    assert "http://testserver/ (data as of 20 January 2026)" in page


def test_the_about_page_query_count_is_pinned(client, world, django_assert_num_queries):
    # Data version (cache), articles and origins, outlets, people, counts, last changed.
    with django_assert_num_queries(6):
        assert client.get("/about/").status_code == 200
    builders.world(5, prefix="more")
    with django_assert_num_queries(6):
        assert client.get("/about/?again").status_code == 200


def test_about_on_an_empty_record_still_renders(client, db):
    page = client.get("/about/").content.decode()
    assert "has not been changed since it was set up" in page


@pytest.mark.parametrize("url", ["/people/", "/facilities/", "/numbers/", "/sources/"])
def test_exports_carry_the_same_last_changed_date_as_the_about_page(client, world, url):
    _set_changed(WHEN)
    as_json = client.get(url, {"format": "json"})
    record = json.loads(_body(as_json))
    assert record["last_changed"] == "2026-01-20T14:05:00+00:00"
    assert list(record)[:3] == ["count", "last_changed", "results"]
    as_csv = client.get(url, {"format": "csv"})
    rows = list(csv.reader(io.StringIO(_body(as_csv).removeprefix("\ufeff"))))
    assert rows[0] and "last_changed" not in rows[0]  # the date is not a column
    stamp = http_date(WHEN.timestamp())
    assert as_csv["Last-Modified"] == as_json["Last-Modified"] == stamp
    assert data_version()[1] == WHEN


def test_the_about_page_is_linked_from_every_page(client, world):
    for url in ("/", "/people/", "/numbers/"):
        page = client.get(url).content.decode()
        assert 'href="/about/"' in page, url
        assert "{#" not in page and "#}" not in page, "a template comment shown as text"
