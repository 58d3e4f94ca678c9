"""Readers see the capture an article was read from: its digest and time on the source page,
a download of the WARC record as stored, and a link to it beside each citation."""

import csv
import datetime
import gzip
import hashlib
import io
import json

import pytest
from django.urls import reverse

from releases import derived
from sources import captures
from tests import builders

PAGE = b"<html><body><p>Venezuela freed Ana Perez from El Helicoide on Thursday.</p></body></html>"


@pytest.fixture
def captured(db):
    capture = captures.store_fetched(
        requested_url="https://news.example/a",
        final_url="https://news.example/2026/a",
        status=200,
        reason="OK",
        http_version="HTTP/1.1",
        headers=[("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")],
        body=PAGE,
        retrieved_at=datetime.datetime(2026, 1, 9, 12, 30, tzinfo=datetime.UTC),
    )
    article = builders.article(
        "Venezuela freed Ana Perez from El Helicoide on Thursday.",
        url=capture.final_url,
        capture=capture,
    )
    return article, capture


def test_the_source_page_shows_the_capture_and_its_digests(client, captured):
    article, capture = captured
    page = client.get(article.get_absolute_url()).content.decode()
    assert "retrieved on 2026-01-09 12:30:00 UTC" in page
    assert capture.sha256 in page and capture.warc_sha256 in page
    assert f'href="{reverse("sources:capture", args=[article.slug])}"' in page
    data = client.get(article.get_absolute_url() + "?format=json").json()
    assert data["capture"]["sha256"] == hashlib.sha256(PAGE).hexdigest()
    assert data["capture"]["status"] == 200


def test_the_capture_downloads_as_stored_and_checks_against_its_digest(client, captured):
    article, capture = captured
    response = client.get(reverse("sources:capture", args=[article.slug]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{capture.warc_filename}"'
    assert hashlib.sha256(response.content).hexdigest() == capture.warc_sha256
    record = gzip.decompress(response.content)
    assert b"WARC-Target-URI: https://news.example/2026/a" in record
    assert b"HTTP/1.1 200 OK" in record and b"X-Archive-Orig-Transfer-Encoding: chunked" in record
    assert captures.payload_of(response.content) == PAGE


def test_an_article_without_a_capture_has_no_download(client, db):
    article = builders.article()
    assert client.get(reverse("sources:capture", args=[article.slug])).status_code == 404
    assert client.get(reverse("sources:capture", args=["no-such"])).status_code == 404
    assert 'id="capture"' not in client.get(article.get_absolute_url()).content.decode()


def test_a_citation_offers_the_live_page_and_the_capture(client, captured):
    article, _capture = captured
    with derived.batch():
        person = builders.person("Ana Perez", is_named=True)
        builders.cite(
            builders.Mention.objects.create(person=person),
            builders.passage(article, "Venezuela freed Ana Perez"),
        )
    page = client.get(person.get_absolute_url()).content.decode()
    assert 'class="original" href="https://news.example/2026/a#:~:text=' in page
    assert f'class="capture" href="{article.get_absolute_url()}#capture"' in page


def test_the_facts_list_links_each_citation_to_its_capture(client, captured):
    article, capture = captured
    pasted = builders.article("Ana Perez was seen leaving El Helicoide.", slug="pasted")
    with derived.batch():
        person = builders.person("Ana Perez", is_named=True)
        builders.cite(
            builders.Alias.objects.create(person=person, name="Ana P."),
            builders.passage(article, "Venezuela freed Ana Perez"),
            builders.passage(pasted, "Ana Perez was seen"),
        )
    response = client.get("/facts/", {"format": "json"})
    rows = json.loads(b"".join(response.streaming_content))["results"]
    by_article = {row["article"]: row for row in rows}
    download = f"http://testserver{reverse('sources:capture', args=[article.slug])}"
    assert by_article[article.slug]["capture_url"] == download
    assert by_article[article.slug]["capture_sha256"] == hashlib.sha256(PAGE).hexdigest()
    assert by_article["pasted"]["capture_url"] is None
    assert by_article["pasted"]["capture_sha256"] is None
    response = client.get("/facts/", {"format": "csv"})
    table = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    cells = {row["passage_url"].rsplit("#", 1)[1]: row for row in table}
    captured_row = next(row for row in cells.values() if row["capture_url"])
    assert (captured_row["capture_url"], captured_row["capture_sha256"]) == (
        download,
        capture.sha256,
    )
    assert sum(1 for row in cells.values() if not row["capture_url"]) == 1
