"""Cheap re-reads: every page and export answers a conditional request with a 304 while the
data it shows stands, from the version alone (``web.caching``)."""

import datetime

import pytest
from django.urls import reverse
from django.utils.http import http_date

from releases import derived
from releases.models import Alias, DataVersion
from sources import captures
from sources.models import Passage
from tests import builders

WHEN = datetime.datetime(2026, 1, 20, 14, 5, tzinfo=datetime.UTC)


@pytest.fixture
def world(db):
    made = builders.world(2)
    DataVersion.objects.filter(pk=1).update(changed_at=WHEN)
    return made


def _addresses(world) -> list[str]:
    person = world["people"][0]
    article = world["article"]
    version = derived.data_version()[0]
    return [
        "/",
        "/people/",
        "/people/?status=any&q=person",
        person.get_absolute_url(),
        f"{person.get_absolute_url()}?format=json",
        "/people/?format=json",
        "/people/?format=csv",
        "/facilities/el-helicoide/",
        "/events/thursday/",
        "/nationalities/",
        "/numbers/?format=csv",
        "/facts/",
        "/sources/",
        article.get_absolute_url(),
        reverse("sources:text", args=[article.slug]),
        reverse("sources:annotations", args=[article.slug]),
        "/annotations/",
        "/about/",
        "/changes/",
        "/changes/feed/",
        "/api/openapi.json",
        "/data/",
        "/data/datapackage.json",
        f"/data/{version}/people.csv",
    ]


def _read(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_every_page_and_export_answers_its_own_etag_with_a_304(client, world):
    for url in _addresses(world):
        first = client.get(url)
        assert first.status_code == 200, url
        _read(first)
        etag = first["ETag"]
        assert first["Last-Modified"] == http_date(WHEN.timestamp()), url
        assert first["Cache-Control"] == "public, max-age=0, must-revalidate", url

        again = client.get(url, headers={"if-none-match": etag})
        assert again.status_code == 304, url
        assert again.content == b"" and again["ETag"] == etag, url
        assert again["Cache-Control"] == first["Cache-Control"], url

        dated = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
        assert dated.status_code == 304, url


def test_a_304_costs_the_one_query_that_reads_the_version(client, world, django_assert_num_queries):
    for url in ("/people/", world["people"][0].get_absolute_url(), "/people/?format=csv"):
        etag = client.get(url)["ETag"]
        with django_assert_num_queries(1):
            assert client.get(url, headers={"if-none-match": etag}).status_code == 304


def test_after_a_write_the_old_copy_gets_the_new_page(client, world):
    person = world["people"][0]
    url = person.get_absolute_url()
    first = client.get(url)
    builders.cite(Alias.objects.create(person=person, name="Nuevo Alias"), _passage(world))

    again = client.get(url, headers={"if-none-match": first["ETag"]})

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert "Nuevo Alias" in again.content.decode()
    listed = client.get("/people/", headers={"if-modified-since": first["Last-Modified"]})
    assert listed.status_code == 200  # the data changed since that date


def test_a_write_about_another_person_leaves_a_persons_copy_current(client, world):
    person, other = world["people"]
    etag = client.get(person.get_absolute_url())["ETag"]
    builders.cite(Alias.objects.create(person=other, name="Otro Alias"), _passage(world))
    again = client.get(person.get_absolute_url(), headers={"if-none-match": etag})
    assert again.status_code == 304


def test_one_address_in_two_languages_is_two_copies(client, world):
    english = client.get("/en/people/")
    spanish = client.get("/es/people/", headers={"if-none-match": english["ETag"]})
    assert spanish.status_code == 200
    assert spanish["ETag"] != english["ETag"]
    # The unprefixed address answers in the browser's language: one copy per language.
    in_spanish = client.get("/people/", headers={"accept-language": "es"})
    in_english = client.get(
        "/people/", headers={"accept-language": "en", "if-none-match": in_spanish["ETag"]}
    )
    assert in_english.status_code == 200
    assert in_english["ETag"] != in_spanish["ETag"]
    assert "Accept-Language" in in_english["Vary"]


def test_an_ignored_parameter_is_its_own_copy(client, world):
    canonical = client.get("/people/")
    ignored = client.get("/people/?zz=1", headers={"if-none-match": canonical["ETag"]})
    assert ignored.status_code == 200
    assert "zz" in ignored.content.decode()
    same = client.get("/people/?zz=2", headers={"if-none-match": ignored["ETag"]})
    assert same.status_code == 304  # the same page: only the parameter's name is shown


def test_a_curators_pages_stay_out_of_shared_caches(client, world, admin_user):
    client.force_login(admin_user)
    response = client.get("/people/")
    assert response["Cache-Control"] == "private, max-age=0, must-revalidate"
    again = client.get("/people/", headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304
    assert again["Cache-Control"] == "private, max-age=0, must-revalidate"


def test_errors_carry_no_validators(client, world):
    missing = client.get("/people/nobody/")
    assert missing.status_code == 404 and not missing.has_header("ETag")
    refused = client.get("/people/?page=x&status=nonsense")
    assert refused.status_code == 400 and not refused.has_header("ETag")
    gone = client.get(f"/data/{derived.data_version()[0] + 1}/people.csv")
    assert gone.status_code == 410 and not gone.has_header("ETag")


def test_a_capture_answers_its_digest(client, db):
    capture = captures.store_fetched(
        requested_url="https://news.example/a",
        final_url="https://news.example/a",
        status=200,
        reason="OK",
        http_version="HTTP/1.1",
        headers=[("Content-Type", "text/html")],
        body=b"<p>Venezuela freed Ana Perez.</p>",
        retrieved_at=WHEN,
    )
    article = builders.article("Venezuela freed Ana Perez.", capture=capture)
    url = reverse("sources:capture", args=[article.slug])
    first = client.get(url)
    assert first["Last-Modified"] == http_date(WHEN.timestamp())
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304


def _passage(world):
    return Passage.objects.filter(article=world["article"]).first()
