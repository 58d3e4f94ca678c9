"""Every citation as a W3C Web Annotation: per fact, per article and for the whole record;
every selector true to the stored text, every document valid JSON-LD (expanded offline)."""

import base64
import datetime
import hashlib
import json

import pytest

from releases import derived
from releases.models import Alias, Detention, Release
from sources import captures
from sources.models import SourceArticle
from sources.selectors import CONTEXT_CHARS
from tests import builders
from tests.jsonld import expand
from web import annotations

OA = "http://www.w3.org/ns/oa#"
AS = "http://www.w3.org/ns/activitystreams#"
ORIGINAL = "https://news.example/2026/01/freed"


@pytest.fixture
def world(db):
    made = builders.world(2)
    SourceArticle.objects.filter(pk=made["article"].pk).update(url=ORIGINAL)
    return made


def _get(client, url, **params) -> dict:
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/ld+json")
    return json.loads(response.content)


def _check(annotation: dict) -> None:
    """The annotation's selectors select exactly its quote in the stored text."""
    assert annotation["type"] == "Annotation"
    (stored,) = (t for t in annotation["target"] if isinstance(t["source"], dict))
    assert stored["source"]["format"] == "text/plain"
    slug = stored["source"]["id"].rstrip("/").split("/")[-2]
    text = SourceArticle.objects.get(slug=slug).text
    quote, position = stored["selector"]
    start, end = position["start"], position["end"]
    assert quote["exact"] == text[start:end]
    assert quote["prefix"] == text[max(0, start - CONTEXT_CHARS) : start]
    assert quote["suffix"] == text[end : end + CONTEXT_CHARS]


def _every_annotation(client, url: str) -> list[dict]:
    """Every annotation of the whole record, page after page (each page expanded too)."""
    collection = _get(client, url)
    expand(collection)
    found, page_url = [], collection["first"]
    while page_url:
        page = _get(client, page_url)
        expand(page)
        assert page["partOf"] == collection["id"]
        found += page["items"]
        page_url = page.get("next")
    assert len(found) == collection["total"]
    return found


def test_a_fact_is_an_annotation_of_the_words_that_support_it(client, world):
    release = Release.objects.get(person=world["people"][0])
    document = _get(client, f"/en/annotations/release/{release.pk}/")
    assert document["type"] == "AnnotationCollection" and document["total"] == 1
    (item,) = document["first"]["items"]
    _check(item)
    description, permalink = item["body"]
    assert description["value"] == str(release) and description["language"] == "en"
    assert permalink["source"]["id"].endswith(f"/en/people/p-person-0/#{release.anchor}")
    original, stored = item["target"]
    assert original["source"] == ORIGINAL and original["selector"]["type"] == "TextQuoteSelector"
    assert original["selector"]["exact"] == "freed several Spanish citizens"
    assert stored["source"]["id"].endswith(f"/en/sources/{world['article'].slug}/text/")
    # The annotation's own address serves it alone.
    alone = _get(client, item["id"])
    assert alone["@context"] == annotations.CONTEXT
    assert {k: v for k, v in alone.items() if k != "@context"} == item


def test_annotations_expand_as_w3c_annotations(client, world):
    release = Release.objects.get(person=world["people"][0])
    (expanded,) = expand(_get(client, f"/en/annotations/release/{release.pk}/"))
    assert expanded["@type"] == [f"{AS}OrderedCollection"]
    page = expanded[f"{AS}first"][0]
    (annotation,) = page[f"{AS}items"][0]["@list"]
    assert annotation["@type"] == [f"{OA}Annotation"]
    assert annotation[f"{OA}motivatedBy"] == [{"@id": f"{OA}describing"}]
    selectors = [
        selector["@type"][0]
        for target in annotation[f"{OA}hasTarget"]
        for selector in target[f"{OA}hasSelector"]
    ]
    assert selectors == [
        f"{OA}TextQuoteSelector",
        f"{OA}TextQuoteSelector",
        f"{OA}TextPositionSelector",
    ]


def test_the_stored_text_is_the_article_verbatim(client, world):
    article = world["article"]
    response = client.get(f"/sources/{article.slug}/text/")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == article.text


def test_an_article_lists_every_citation_of_its_words(client, world):
    article = world["article"]
    document = _get(client, f"/en/sources/{article.slug}/annotations/")
    expand(document)
    items = document["first"]["items"]
    # Per person: alias, nationality, detention, release; plus the facility, event and count.
    assert document["total"] == len(items) == 2 * 4 + 3
    for item in items:
        _check(item)
    assert _get(client, f"/en/sources/{article.slug}/annotations/", p="1")["items"] == items


def test_the_whole_record_pages_through_every_citation(client, world, settings, monkeypatch):
    builders.world(3, prefix="q")
    monkeypatch.setattr(annotations, "PASSAGES_PER_PAGE", 2)
    found = _every_annotation(client, "/en/annotations/")
    for item in found:
        _check(item)
    assert len({item["id"] for item in found}) == len(found)


def test_the_seed_record_annotations_all_select_their_quotes(client, seeded):
    found = _every_annotation(client, "/en/annotations/")
    assert len(found) > 100
    for item in found:
        _check(item)


def test_annotations_speak_the_pages_language(client, world):
    release = Release.objects.get(person=world["people"][0])
    document = _get(client, f"/es/annotations/release/{release.pk}/")
    description = document["first"]["items"][0]["body"][0]
    assert description["language"] == "es" and "excarcelado" in description["value"]


def test_the_capture_hook_adds_a_state_to_the_original_page(client, world, monkeypatch):
    def captured(article, link):
        return [
            {"type": "TimeState", "cached": link("/captures/1/"), "sourceDate": "2026-01-09T10:00Z"}
        ]

    monkeypatch.setattr(annotations, "capture_states", captured)
    release = Release.objects.get(person=world["people"][0])
    document = _get(client, f"/en/annotations/release/{release.pk}/")
    (expanded,) = expand(document)
    original = document["first"]["items"][0]["target"][0]
    assert original["state"][0]["cached"].endswith("/captures/1/")
    target = expanded[f"{AS}first"][0][f"{AS}items"][0]["@list"][0][f"{OA}hasTarget"][0]
    assert target[f"{OA}hasState"][0][f"{OA}cachedSource"][0]["@id"].endswith("/captures/1/")


def test_an_article_without_an_address_is_annotated_in_its_stored_text_only(client, db):
    made = builders.world(1)
    alias = Alias.objects.get(person=made["people"][0])
    (item,) = _get(client, f"/annotations/alias/{alias.pk}/")["first"]["items"]
    assert [t["source"]["format"] for t in item["target"]] == ["text/plain"]  # no original
    _check(item)


@pytest.mark.parametrize(
    "url",
    [
        "/annotations/nothing/1/",
        "/annotations/release/999999/",
        "/annotations/release/1234567890123456789012345/",
        "/annotations/release/1/999999999999999999/",
        "/annotations/person/1/",
        "/sources/nowhere/annotations/",
        "/sources/nowhere/text/",
    ],
)
def test_unknown_annotations_are_404(client, world, url):
    assert client.get(url).status_code == 404


def test_a_fact_without_a_valid_citation_has_no_annotations(client, world):
    hidden = builders.person("Nadie")
    alias = Alias.objects.create(person=hidden, name="Nobody")
    assert client.get(f"/annotations/alias/{alias.pk}/").status_code == 404


@pytest.mark.parametrize("page", ["0", "-1", "2", "٣", "99999999999999999999999"])
def test_a_page_out_of_range_is_a_400(client, world, page):
    response = client.get("/annotations/", {"p": page})
    assert response.status_code == 400 and "p" in response.json()["errors"]


def _urls(world) -> list[str]:
    release = Release.objects.get(person=world["people"][0])
    return [
        f"/en/annotations/release/{release.pk}/",
        f"/en/sources/{world['article'].slug}/annotations/",
        "/en/annotations/",
        "/en/annotations/?p=1",
    ]


@pytest.mark.parametrize(("index", "expected"), [(0, 3), (1, 14), (2, 13), (3, 14)])
def test_annotation_query_counts_are_pinned(
    client, world, index, expected, django_assert_num_queries
):
    url = _urls(world)[index]
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    more = builders.world(4, prefix="more")
    release = Release.objects.get(person=world["people"][0])
    release.citations.add(*more["article"].passages.all())
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


def test_a_quote_for_part_of_a_fact_says_which_part(client, world):
    detention = Detention.objects.get(person=world["people"][0])
    other = world["article"].passages.get(quote="El Helicoide")
    detention.citations.add(other)
    Detention.objects.filter(pk=detention.pk).update(cited_parts={str(other.pk): ["facility"]})
    derived.refresh_everything()
    items = _get(client, f"/en/annotations/detention/{detention.pk}/")["first"]["items"]
    described = {
        item["target"][-1]["selector"][0]["exact"]: item["body"][0]["value"] for item in items
    }
    assert described["freed several Spanish citizens"] == str(detention)
    assert described["El Helicoide"] == f"{detention} (this quote supports the place)"


def test_the_original_page_names_the_capture_the_text_was_read_from(client, world):
    capture = captures.store_fetched(
        requested_url=ORIGINAL,
        final_url=ORIGINAL,
        status=200,
        reason="OK",
        http_version="HTTP/1.1",
        headers=[("Content-Type", "text/html")],
        body=b"<p>Venezuela on Thursday freed several Spanish citizens.</p>",
        retrieved_at=datetime.datetime(2026, 1, 9, 10, 0, tzinfo=datetime.UTC),
    )
    SourceArticle.objects.filter(pk=world["article"].pk).update(capture=capture)
    release = Release.objects.get(person=world["people"][0])
    document = _get(client, f"/en/annotations/release/{release.pk}/")
    original = document["first"]["items"][0]["target"][0]
    (state,) = original["state"]
    download, named = state["cached"]
    assert state["type"] == "TimeState" and state["sourceDate"] == "2026-01-09T10:00:00+00:00"
    warc = client.get(download.removeprefix("http://testserver"))
    digest = hashlib.sha256(warc.content).digest()
    assert named == "ni:///sha-256;" + base64.urlsafe_b64encode(digest).decode().rstrip("=")
    (expanded,) = expand(document)
    target = expanded[f"{AS}first"][0][f"{AS}items"][0]["@list"][0][f"{OA}hasTarget"][0]
    cached = target[f"{OA}hasState"][0][f"{OA}cachedSource"]
    assert [c["@id"] for c in cached] == [download, named]
    # Every annotation of the article, and of the record, names it: no query per passage.
    article_items = _get(client, f"/sources/{world['article'].slug}/annotations/")
    assert all(
        item["target"][0]["state"][0]["cached"] == [download, named]
        for item in article_items["first"]["items"]
    )
