"""Detail pages: every fact with its citations, JSON twins, constant query counts."""

import datetime

import pytest

from releases.models import Alias, CountClaim
from tests import builders


@pytest.fixture
def world(db):
    return builders.world(2)


def _urls(world):
    person = world["people"][0]
    return [
        person.get_absolute_url(),
        world["facility"].get_absolute_url(),
        world["country"].get_absolute_url(),
        world["event"].get_absolute_url(),
        world["article"].get_absolute_url(),
    ]


@pytest.mark.parametrize(("index", "expected"), [(0, 14), (1, 8), (2, 6), (3, 10), (4, 15)])
def test_detail_query_count_is_pinned_and_does_not_grow_with_rows(
    client, world, index, expected, django_assert_num_queries
):
    url = _urls(world)[index]
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    # More facts on the same records: the same number of queries.
    more = builders.world(5, prefix="more")
    person = world["people"][0]
    for other in more["people"]:
        Alias.objects.create(person=person, name=f"alias of {other.name}").citations.add(
            *other.aliases.get().citations.all()
        )
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


def test_person_page_shows_every_fact_with_its_quote(client, world):
    person = world["people"][0]
    page = client.get(person.get_absolute_url()).content.decode()
    assert "freed several Spanish citizens" in page  # the quote, expandable
    assert f"/sources/{world['article'].slug}/#p-" in page  # the passage in context
    for text in ("Spain", "El Helicoide", "Thursday releases", "p Alias 0", "January 2026"):
        assert text in page


def test_person_json_carries_citations_for_every_fact(client, world):
    person = world["people"][0]
    record = client.get(person.get_absolute_url(), {"format": "json"}).json()
    assert record["name"] == person.name and record["status"] == "released"
    for key in ("aliases", "nationalities", "facilities", "releases"):
        assert record[key], key
        for fact in record[key]:
            assert fact["citations"], key
            for citation in fact["citations"]:
                article = world["article"]
                assert citation["article"] == article.slug
                assert article.text[citation["start"] : citation["end"]] == citation["quote"]
    assert record["nationalities"][0]["code"] == "ES"
    assert record["releases"][0] == record["releases"][0] | {
        "event": "thursday",
        "date": "2026-01",
        "date_precision": "month",
    }
    assert record["status_citations"]


def test_an_unknown_person_is_a_404(client, db):
    assert client.get("/people/nobody/").status_code == 404


def test_nationality_codes_are_lower_case_in_urls(client, world):
    assert client.get("/nationalities/es/").status_code == 200
    upper = client.get("/es/nationalities/ES/?format=json")
    assert upper.status_code == 301
    assert upper["Location"] == "/es/nationalities/es/?format=json"
    assert client.get("/en/nationalities/Es/")["Location"] == "/en/nationalities/es/"
    assert client.get("/nationalities/ES/")["Location"] == "/nationalities/es/"
    assert client.get("/nationalities/zz/").status_code == 404
    assert client.get("/nationalities/e1/").status_code == 404


def test_nationality_page_lists_named_people_and_counted_groups(client, world):
    response = client.get("/nationalities/es/")
    page = response.content.decode()
    assert "p Person 0" in page and "p Person 1" in page
    assert "several" in page and "Spanish citizens" in page
    record = client.get("/nationalities/es/?format=json").json()
    assert record["people_count"] == 2
    assert {p["slug"] for p in record["people"]} == {"p-person-0", "p-person-1"}
    assert record["counts"][0]["value_text"] == "several" and record["counts"][0]["citations"]


def test_facility_page_lists_who_was_held_there(client, world):
    page = client.get("/facilities/el-helicoide/").content.decode()
    assert "p Person 0" in page and "Caracas" in page
    record = client.get("/facilities/el-helicoide/?format=json").json()
    assert record["people_count"] == 2 and record["city"] == "Caracas" and record["citations"]


def test_event_page_gives_the_counts_each_source_gives(client, world):
    record = client.get("/events/thursday/?format=json").json()
    assert record["date"] == "2026-01-08" and record["date_precision"] == "day"
    assert record["counts"][0]["claimed_by"] == "Spain"
    assert record["citations"]


@pytest.mark.parametrize(
    "url", ["/people/{slug}/", "/events/thursday/", "/facilities/el-helicoide/"]
)
def test_unknown_format_on_a_detail_page_is_a_400(client, world, url):
    url = url.format(slug=world["people"][0].slug)
    response = client.get(url, {"format": "xml"})
    assert response.status_code == 400 and "format" in response.json()["errors"]


def test_a_count_shows_its_as_of_date_on_the_page_and_in_json(client, world):
    count = CountClaim.objects.create(
        event=world["event"],
        subject="political prisoners",
        metric="still_held",
        qualifier="exact",
        value=863,
        value_text="863",
        claimed_by="Foro Penal",
        as_of=datetime.date(2025, 12, 29),
        as_of_precision="day",
        as_of_text="as of 29 December",
        curator_note="checked against the group's own list",
    )
    count.citations.add(world["article"].passages.first())
    url = world["event"].get_absolute_url()
    page = client.get(url).content.decode()
    assert "as of 29 December 2025" in page
    record = client.get(url, {"format": "json"}).json()
    claim = next(c for c in record["counts"] if c["claimed_by"] == "Foro Penal")
    assert claim["as_of"] == "2025-12-29" and claim["as_of_precision"] == "day"
    assert claim["as_of_text"] == "as of 29 December"
    assert "checked against" not in page and "checked against" not in str(record)
