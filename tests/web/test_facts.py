"""The facts list (/facts/): one row per public fact about a person and valid passage citing
it, with the people filters plus ``kind``, and CSV and JSON exports that agree cell by cell."""

import csv
import datetime
import io
import itertools
import json

import pytest
from django.core.cache import cache

from releases import derived
from releases.models import Alias, Citizenship, Country, Detention, Person, Release
from releases.selectors import FACT_KINDS
from sources.models import Passage
from sources.tabular import neutralise
from tests import builders
from tests.test_hostile_parameters import (
    MALFORMED_QUERIES,
    NAMED_HOSTILE_VALUES,
    assert_all_handled,
    with_query,
)

MARQUEZ_TEXT = (
    "Reuters: Juan Márquez, a Venezuelan, was freed on 8 January, his lawyer said. "
    'Márquez left El Rodeo I "in good health".'
)


@pytest.fixture
def record(db):
    """``world``'s two Spanish people (alias, nationality, detention, release, one quote
    each), and Juan Márquez: an implied nationality and a release cited by three passages."""
    made = builders.world(2)
    source = builders.article(
        MARQUEZ_TEXT,
        slug="marquez-story",
        outlet="Reuters",
        url="https://example.org/marquez",
        published_on=datetime.date(2026, 1, 9),
        published_precision="day",
    )
    venezuela = Country.objects.create(code="VE", name="Venezuela")
    marquez = builders.person("Juan Márquez", slug="juan-marquez")
    quotes = [
        builders.passage(source, "Juan Márquez, a Venezuelan"),
        builders.passage(source, "was freed on 8 January"),
        builders.passage(source, 'Márquez left El Rodeo I "in good health"'),
    ]
    made["nationality"] = builders.cite(
        Citizenship.objects.create(person=marquez, country=venezuela, certainty="implied"),
        quotes[0],
    )
    made["release"] = builders.cite(
        Release.objects.create(
            person=marquez,
            date=datetime.date(2026, 1, 8),
            date_precision="day",
            attributed_to='his lawyer, "Gonzalo"',
        ),
        *quotes,
    )
    made.update(marquez=marquez, quotes=quotes, venezuela=venezuela, source=source)
    return made


def _body(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def _json(client, **query) -> list[dict]:
    response = client.get("/facts/", {**query, "format": "json"})
    assert response.status_code == 200
    document = json.loads(_body(response))
    assert document["count"] == len(document["results"])
    return document["results"]


def _csv(client, **query) -> tuple[list[str], list[dict]]:
    response = client.get("/facts/", {**query, "format": "csv"})
    assert response.status_code == 200
    text = _body(response)
    assert text.startswith("\ufeff")
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def _page(client, **query) -> list:
    cache.clear()  # the view's own context, not a page the cache answers
    response = client.get("/facts/", query)
    assert response.status_code == 200
    return list(response.context["page"])


def test_a_fact_cited_by_three_passages_gives_three_rows(client, record):
    rows = _json(client, q="marquez", kind="release")
    assert [r["quote"] for r in rows] == [q.quote for q in record["quotes"]]
    assert {r["fact_id"] for r in rows} == {record["release"].pk}
    assert {r["kind"] for r in rows} == {"release"}
    first = rows[0]
    assert first["person"] == "Juan Márquez"
    assert first["person_url"] == "http://testserver/en/people/juan-marquez/"
    assert first["value"] == "released"
    assert (first["date"], first["date_precision"]) == ("2026-01-08", "day")
    assert first["attributed_to"] == 'his lawyer, "Gonzalo"'
    assert first["outlet"] == "Reuters"
    assert (first["article_date"], first["article_date_precision"]) == ("2026-01-09", "day")
    assert first["article_url"] == "https://example.org/marquez"
    assert first["original_url"].startswith("https://example.org/marquez#:~:text=")
    passage = record["quotes"][0]
    assert first["passage_url"] == f"http://testserver/en/sources/marquez-story/#p-{passage.pk}"
    assert len(_page(client, q="marquez", kind="release")) == 3


def test_every_row_of_the_html_page_is_one_citation(client, record):
    page = client.get("/facts/", {"q": "marquez"}).content.decode()
    for passage in record["quotes"]:
        assert f'href="/en/sources/marquez-story/#p-{passage.pk}"' in page
    assert page.count("<q>") == 4  # the nationality's quote, and the release's three


def test_implied_is_exported_and_shown(client, record):
    [row] = _json(client, q="marquez", kind="nationality")
    assert (row["value"], row["detail"], row["certainty"]) == ("Venezuela", "VE", "implied")
    _header, [cells] = _csv(client, q="marquez", kind="nationality")
    assert (cells["value"], cells["detail"], cells["certainty"]) == ("Venezuela", "VE", "implied")
    page = client.get("/facts/", {"q": "marquez", "kind": "nationality"}).content.decode()
    assert 'class="badge implied"' in page
    stated = _json(client, q="p person 0", kind="nationality")
    assert [r["certainty"] for r in stated] == ["stated"]


def test_filters_choose_people_and_kinds(client, record):
    held = builders.person("Still Held", slug="still-held")
    builders.cite(Detention.objects.create(person=held), record["quotes"][1])
    derived.refresh_people([held.pk])

    def people(**query) -> set[str]:
        return {r["person"] for r in _json(client, **query)}

    everyone = {"p Person 0", "p Person 1", "Juan Márquez", "Still Held"}
    assert people() == everyone  # every status by default, unlike the people list
    assert people(nationality="ve") == {"Juan Márquez"}
    assert people(nationality="es") == {"p Person 0", "p Person 1"}
    assert people(status="detained") == {"Still Held"}
    assert people(status="released", q="MARQUEZ") == {"Juan Márquez"}
    assert people(facility="el-helicoide", event="thursday") == {"p Person 0", "p Person 1"}
    assert people(source="marquez-story") == {"Juan Márquez", "Still Held"}
    assert {r["kind"] for r in _json(client, kind="nationality")} == {"nationality"}
    detentions = _json(client, kind="detention", status="any")
    assert {(r["person"], r["facility"], r["value"]) for r in detentions} == {
        ("p Person 0", "El Helicoide", "detained"),
        ("p Person 1", "El Helicoide", "detained"),
        ("Still Held", None, "detained"),
    }
    assert _json(client, kind="alias", nationality="ve") == []


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("kind=bogus", "kind"),
        ("kind=Release", "kind"),
        ("nationality=zz", "nationality"),
        ("status=freed", "status"),
        ("facility=nowhere", "facility"),
        ("source=no-such-article", "source"),
        ("released_from=2026-02-30", "released_from"),
        ("format=xlsx", "format"),
    ],
)
def test_bad_values_are_a_400_that_says_which(client, record, query, field):
    page = client.get(f"/facts/?{query}")
    assert page.status_code == 400
    assert f"<code>{field}</code>" in page.content.decode()
    if field != "format":  # (with another format after it, the last one given wins)
        as_json = client.get(f"/facts/?{query}&format=json")
        assert as_json.status_code == 400 and field in as_json.json()["errors"]
        as_csv = client.get(f"/facts/?{query}&format=csv")
        assert as_csv.status_code == 400 and f"{field}:" in as_csv.content.decode()


def test_the_csv_read_back_is_the_json_cell_for_cell(client, record):
    query = {"nationality": "ve"}
    records = _json(client, **query)
    header, rows = _csv(client, **query)
    assert len(records) == 4
    assert header == [
        column
        for key in records[0]
        if not key.endswith("_i18n")
        for column in ([key, f"{key}_en", f"{key}_es"] if key in TRANSLATED else [key])
    ]
    # None is an empty cell and numbers are text; otherwise the CSV says what the JSON says.
    assert rows == [{k: "" if v is None else str(v) for k, v in _cells(r).items()} for r in records]
    everything = _json(client)
    _header, all_rows = _csv(client)
    assert all_rows == [{k: neutralise(v) for k, v in _cells(r).items()} for r in everything]


# What may be curators' words in a row: the JSON gives every language's as "<key>_i18n"
# where it is, the CSV a column per language ("<key>_en"), empty where it is not.
TRANSLATED = ("person", "value", "detail", "event", "attributed_to", "note")


def _cells(record: dict) -> dict:
    cells = {}
    for key, value in record.items():
        if key.endswith("_i18n"):
            continue
        cells[key] = value
        if key in TRANSLATED:
            languages = record.get(f"{key}_i18n") or {}
            cells.update({f"{key}_{lang}": languages.get(lang) for lang in ("en", "es")})
    return cells


def test_cells_a_spreadsheet_would_run_are_neutralised_in_csv_only(client, record):
    marquez = record["marquez"]
    Person.objects.filter(pk=marquez.pk).update(name='=HYPERLINK("http://x")')
    Release.objects.filter(pk=record["release"].pk).update(attributed_to="@SUM(A1)")
    alias = builders.cite(Alias.objects.create(person=marquez, name="+1 555"), record["quotes"][0])
    derived.changed(cited=[(Alias, alias.pk)], people=[marquez.pk])
    records = _json(client, nationality="ve")
    _header, rows = _csv(client, nationality="ve")
    assert {r["person"] for r in records} == {'=HYPERLINK("http://x")'}
    assert {r["person"] for r in rows} == {'\'=HYPERLINK("http://x")'}
    assert [r["value"] for r in rows if r["kind"] == "alias"] == ["'+1 555"]
    assert {r["attributed_to"] for r in rows if r["kind"] == "release"} == {"'@SUM(A1)"}


def test_a_fact_without_a_valid_citation_never_appears(client, record):
    someone = record["people"][0]
    Citizenship.objects.create(person=someone, country=record["venezuela"])  # uncited
    assert {r["value"] for r in _json(client, q="p person 0", kind="nationality")} == {"Spain"}

    # One of the release's three passages no longer matches its article: two rows remain.
    stale = record["quotes"][2]
    Passage.objects.filter(pk=stale.pk).update(is_valid=False)
    derived.changed(cited=[(Release, record["release"].pk)])
    quotes = [r["quote"] for r in _json(client, q="marquez", kind="release")]
    assert quotes == [q.quote for q in record["quotes"][:2]]

    # The nationality's only passage goes stale: the fact is not public, and never shown.
    Passage.objects.filter(pk=record["quotes"][0].pk).update(is_valid=False)
    derived.changed(cited=[(Citizenship, record["nationality"].pk)])
    assert _json(client, q="marquez", kind="nationality") == []
    page = client.get("/facts/", {"q": "marquez"}).content.decode()
    assert "Venezuela" not in page.split("<table")[1]


def test_rows_are_in_a_stable_order_the_same_on_the_page_and_in_the_exports(
    client, record, monkeypatch
):
    builders.world(12, prefix="more")
    monkeypatch.setattr("web.listing.PAGE_SIZE", 5)  # a page is every fact of 5 people
    exported = [(r["person"], r["kind"], r["fact_id"], r["quote"]) for r in _json(client)]
    shown, people_by_page = [], []
    pages = client.get("/facts/").context["page"].paginator.num_pages
    assert pages >= 3
    for number in range(1, pages + 1):
        rows = _page(client, page=str(number))
        shown += [(r.person_name, r.kind, r.fact_pk, r.quote) for r in rows]
        people_by_page.append({r.person_pk for r in rows})
    assert shown == exported
    # Each page holds five whole people: nobody's facts are split across two pages.
    assert all(len(people) == 5 for people in people_by_page[:-1])
    assert sum(len(people) for people in people_by_page) == len(set().union(*people_by_page))
    _header, rows = _csv(client)
    assert [(r["person"], r["kind"], r["fact_id"], r["quote"]) for r in rows] == [
        (p, k, str(f), q) for p, k, f, q in exported
    ]
    kinds = [r["kind"] for r in _json(client) if r["person"] == "p Person 0"]
    assert kinds == ["nationality", "alias", "detention", "release"]
    # People in the people list's order (by name, as the database sorts), each once.
    people = [r["person"] for r in _json(client)]
    listed = client.get("/people/", {"status": "any", "format": "json"})
    in_order = [r["name"] for r in json.loads(_body(listed))["results"]]
    assert list(dict.fromkeys(people)) == in_order


def test_the_page_query_count_does_not_grow_with_facts(client, db, django_assert_num_queries):
    source = builders.article("Ana Pérez is Spanish.")
    ana = builders.person("Ana Pérez", slug="ana")
    spain = Country.objects.create(code="ES", name="Spain")
    builders.cite(
        Citizenship.objects.create(person=ana, country=spain),
        builders.passage(source, "Ana Pérez is Spanish"),
    )
    # The data version (web.caching), the form's menus (nationality, facility, event),
    # the people counted, the page's 25 people, and their rows.
    with django_assert_num_queries(7):
        assert len(client.get("/facts/").context["page"]) == 1
    builders.every_kind_of_record()
    builders.world(30, prefix="many")
    with django_assert_num_queries(7):
        rows = client.get("/facts/").context["page"]
        assert len({row.person_pk for row in rows}) == 25
        assert len(rows) > 25


def test_exports_read_rows_in_chunks_not_one_by_one(
    client, db, django_assert_max_num_queries, monkeypatch
):
    builders.world(30)  # 120 rows
    monkeypatch.setattr("releases.exports.CHUNK_SIZE", 50)
    with django_assert_max_num_queries(6):
        assert len(_json(client)) == 120
    with django_assert_max_num_queries(6):
        assert len(_csv(client)[1]) == 120


def test_exports_say_when_the_data_last_changed(client, record):
    response = client.get("/facts/", {"format": "json"})
    document = json.loads(_body(response))
    assert document["last_changed"] and response["Last-Modified"]
    as_csv = client.get("/facts/", {"format": "csv"})
    _body(as_csv)  # read to the end, which closes its cursor (PostgreSQL: a server-side one)
    assert as_csv["Last-Modified"] == response["Last-Modified"]


def test_every_page_links_to_the_facts_list(client, record):
    assert 'href="/facts/"' in client.get("/").content.decode()


def test_hostile_parameters_are_refused_or_ignored_never_a_server_error(record):
    names = ["q", "status", "nationality", "facility", "event", "source", "kind"]
    names += ["released_from", "released_to", "page", "ordering"]
    targets = [f"/facts/?{query}" for query in MALFORMED_QUERIES]
    # Every hostile value once, under each name in turn; every name with a NUL byte.
    targets += [
        with_query("/facts/", {name: value})
        for name, value in zip(itertools.cycle(names), NAMED_HOSTILE_VALUES)
    ]
    targets += [with_query("/facts/", {name: "a\x00b"}) for name in names]
    for output in ("csv", "json"):
        targets += [with_query("/facts/", {"kind": "a\x00b", "format": output})]
    assert_all_handled(targets)
    assert_all_handled(targets[::7], {"HX-Request": "true"})


def test_the_people_counted_for_a_kind_of_fact_are_those_with_one_after_every_write(client, record):
    """The count is read from links counted ahead: it must be what counting the people
    with such a public fact says, for every kind and status, after writes that change it."""
    builders.every_kind_of_record(prefix="all")

    def check():
        cache.clear()
        for kind in ["", *FACT_KINDS]:
            for status in ["any", "released", "unknown"]:
                query = {"kind": kind, "status": status}
                counted = client.get("/facts/", query).context["page"].paginator.count
                people = Person.objects.filter(is_public=True)
                if status != "any":
                    people = people.filter(status=status)
                if kind:
                    model = FACT_KINDS[kind].model
                    people = people.filter(pk__in=model.objects.published().values("person"))
                assert counted == people.count(), query

    check()
    released = Release.objects.filter(is_public=True).first()
    released.citations.clear()  # no longer public: one person fewer with a release
    check()
    Alias.objects.filter(person=released.person).delete()
    Person.objects.get(pk=record["people"][0].pk).delete()
    check()
    cache.clear()
    assert client.get("/facts/", {"kind": "release"}).context["page"].paginator.count == 2
