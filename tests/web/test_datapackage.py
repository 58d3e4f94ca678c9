"""The whole record as a Frictionless Data Package: valid (0 errors, keys included), every
citation true to its article's text, versioned, streamed at a constant cost."""

import csv
import io
import json

import frictionless
import pytest
from django.http import StreamingHttpResponse

from releases import derived
from releases.models import CountClaim, Release, ReleaseEvent, Role
from tests import builders

NAMES = [
    "countries",
    "people",
    "facilities",
    "events",
    "articles",
    "passages",
    "facts",
    "counts",
    "citations",
]


@pytest.fixture
def world(db):
    made = builders.every_kind_of_record()
    builders.world(3, prefix="w")
    CountClaim.objects.update(curator_note="PRIVATE curator note")
    return made


def _body(response) -> str:
    assert response.status_code == 200, response
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode("utf-8")


def _download(client, folder) -> dict:
    """The package written to ``folder`` as a reader would save it."""
    descriptor = client.get("/en/data/datapackage.json").json()
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    for resource in descriptor["resources"]:
        target = folder / resource["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_body(client.get(f"/en/data/{resource['path']}")), encoding="utf-8")
    return descriptor


def _rows(folder, descriptor, name) -> list[dict]:
    (resource,) = [r for r in descriptor["resources"] if r["name"] == name]
    text = (folder / resource["path"]).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_package_validates_with_no_errors(client, world, tmp_path):
    descriptor = _download(client, tmp_path)
    assert [r["name"] for r in descriptor["resources"]] == NAMES
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.stats["errors"] == 0
    # Every table has rows, and foreign keys were checked (they are declared).
    for name in NAMES:
        assert _rows(tmp_path, descriptor, name), name
    facts = next(r for r in descriptor["resources"] if r["name"] == "citations")
    assert len(facts["schema"]["foreignKeys"]) == 6


def test_every_citation_row_is_its_articles_text(client, world, tmp_path):
    descriptor = _download(client, tmp_path)
    texts = {row["id"]: row["text"] for row in _rows(tmp_path, descriptor, "articles")}
    passages = {row["id"]: row for row in _rows(tmp_path, descriptor, "passages")}
    citations = _rows(tmp_path, descriptor, "citations")
    assert len(citations) == sum(
        model.citations.through.objects.count() for model in derived.CITED_MODELS
    )
    for row in citations:
        start, end = int(row["start"]), int(row["end"])
        assert texts[row["article_id"]][start:end] == row["quote"]
        assert passages[row["passage_id"]]["quote"] == row["quote"]
        owners = [row[c] for c in ("fact_id", "count_id", "facility_id", "event_id")]
        assert sum(bool(o) for o in owners) == 1, row
        assert row["supports"] == "all"


def test_the_seed_package_validates(client, seeded, tmp_path):
    descriptor = _download(client, tmp_path)
    supports = {row["supports"] for row in _rows(tmp_path, descriptor, "citations")}
    assert "all" in supports and "claim facility" in supports  # parts cited apart
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    texts = {row["id"]: row["text"] for row in _rows(tmp_path, descriptor, "articles")}
    for row in _rows(tmp_path, descriptor, "citations"):
        assert texts[row["article_id"]][int(row["start"]) : int(row["end"])] == row["quote"]


def test_facts_keep_partial_dates_and_curator_notes_stay_private(client, world, tmp_path):
    descriptor = _download(client, tmp_path)
    release = Release.objects.filter(date__isnull=False).first()
    facts = {row["id"]: row for row in _rows(tmp_path, descriptor, "facts")}
    row = facts[f"release-{release.pk}"]
    assert (row["date"], row["date_precision"], row["status"]) == ("2026-01", "month", "released")
    everything = "".join(p.read_text() for p in tmp_path.rglob("*.*"))
    assert "PRIVATE" not in everything


def test_a_table_of_an_old_version_is_gone(client, world):
    descriptor = client.get("/data/datapackage.json").json()
    path = descriptor["resources"][1]["path"]
    assert client.get(f"/data/{path}").status_code == 200
    derived.bump_data_version()
    gone = client.get(f"/data/{path}")
    assert gone.status_code == 410 and "datapackage.json" in gone.content.decode()
    again = client.get("/data/datapackage.json").json()
    assert int(again["version"]) == int(descriptor["version"]) + 1


@pytest.mark.parametrize(
    "url", ["/data/1/nothing.csv", "/data/123456789012345678901/people.csv", "/data/x/people.csv"]
)
def test_unknown_tables_are_not_found(client, world, url):
    assert client.get(url).status_code == 404


def test_a_table_streams_at_a_constant_query_count(client, world, django_assert_num_queries):
    version = client.get("/data/datapackage.json").json()["version"]
    with django_assert_num_queries(9):  # the version, and one query per kind of fact
        _body(client.get(f"/data/{version}/facts.csv"))
    builders.world(5, prefix="more")
    version = client.get("/data/datapackage.json").json()["version"]
    with django_assert_num_queries(9):
        _body(client.get(f"/data/{version}/facts.csv"))


def test_the_data_page_lists_every_table_in_both_languages(
    client, world, django_assert_num_queries
):
    with django_assert_num_queries(2):  # the version, for the cache and for the page
        english = client.get("/en/data/").content.decode()
    assert "Frictionless Data Package" in english and 'href="/en/data/datapackage.json"' in english
    for name in NAMES:
        assert f"<code>{name}.csv</code>" in english
    spanish = client.get("/es/data/").content.decode()
    assert "Personas" in spanish and "Citas" in spanish


def test_curators_words_come_in_each_language_beside_the_page_languages(client, world, tmp_path):
    event = ReleaseEvent.objects.filter(is_public=True).first()
    event.title_es = "Excarcelaciones del jueves"
    event.save()
    role = Role.objects.filter(is_public=True).first()
    role.title_en, role.title_es = "A lawyer", ""
    role.save()
    person = role.person
    person.description_en, person.description_es = "a lawyer", "una abogada"
    person.save()
    descriptor = _download(client, tmp_path)
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert report.stats["errors"] == 0
    events = {row["slug"]: row for row in _rows(tmp_path, descriptor, "events")}
    row = events[event.slug]
    assert (row["title"], row["title_es"]) == (event.title_en, "Excarcelaciones del jueves")
    assert row["title_en"] == event.title_en
    facts = {row["id"]: row for row in _rows(tmp_path, descriptor, "facts")}
    row = facts[f"role-{role.pk}"]
    assert (row["title"], row["title_en"], row["title_es"]) == ("A lawyer", "A lawyer", "")
    people = {row["slug"]: row for row in _rows(tmp_path, descriptor, "people")}
    row = people[person.slug]
    assert (row["description"], row["description_en"], row["description_es"]) == (
        "a lawyer",
        "a lawyer",
        "una abogada",
    )
    # A kind of fact with no such words leaves their columns empty.
    alias = next(r for r in facts.values() if r["kind"] == "alias")
    assert alias["title_en"] == alias["title_es"] == alias["reason_es"] == ""
    (events_resource,) = [r for r in descriptor["resources"] if r["name"] == "events"]
    described = {f["name"]: f["description"] for f in events_resource["schema"]["fields"]}
    assert described["title_es"] == "title as written in Spanish; empty when it is not."
