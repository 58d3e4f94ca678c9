"""Derived data (stored visibility, status, search text, links, export records, the data
version) stays right on every write path: ORM writes, the admin, history reverts, deletes,
cite-by-selection, suggestions and the importer."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import translation

from curation import citing, suggestions
from releases import derived
from releases.merging import merge_people
from releases.models import (
    CITED_MODELS,
    Alias,
    CitationSuggestion,
    Citizenship,
    Country,
    DataVersion,
    Person,
    PersonLink,
    PersonRecord,
    Release,
    Status,
    StatusChange,
)
from tests import builders
from tests.releases.counted import counted_afresh, pairs_counted_afresh, stored_facet_counts


@pytest.fixture
def world(db):
    return builders.world(2)


def _person(pk: int) -> Person:
    return Person.objects.get(pk=pk)


def _links(person: Person) -> set[tuple[str, str, str]]:
    return set(PersonLink.objects.filter(person=person).values_list("kind", "key", "status"))


def test_a_fact_is_public_only_while_it_has_a_citation(world):
    person = builders.person("Nuevo Liberado", slug="nuevo")
    release = Release.objects.create(
        person=person, date=datetime.date(2026, 1, 9), date_precision="day"
    )
    assert not release.is_public and not _person(person.pk).is_public
    passage = world["article"].passages.first()
    release.citations.add(passage)
    release.refresh_from_db()
    assert release.is_public
    person = _person(person.pk)
    assert person.is_public and person.status == Status.RELEASED
    assert person.first_released_on == datetime.date(2026, 1, 9)
    release.citations.remove(passage)
    release.refresh_from_db()
    person = _person(person.pk)
    assert not release.is_public and not person.is_public
    assert not PersonLink.objects.filter(person=person).exists()
    assert not PersonRecord.objects.filter(person=person).exists()


def test_a_passage_deleted_under_a_fact_takes_the_fact_off_the_public_pages(world):
    source = world["article"]
    person = builders.person("Solo Una Cita", slug="solo")
    only = builders.passage(source, "Venezuela on Thursday")
    citizenship = Citizenship.objects.create(person=person, country=world["country"])
    citizenship.citations.add(only)
    assert _person(person.pk).is_public
    only.delete()
    citizenship.refresh_from_db()
    assert not citizenship.is_public and not _person(person.pk).is_public


def test_links_follow_the_facts_and_carry_the_status(world):
    person = world["people"][0]
    assert _links(person) == {
        ("nationality", "es", "released"),
        ("facility", "el-helicoide", "released"),
        ("event", "thursday", "released"),
        ("source", world["article"].slug, "released"),
        # The date of the release (January 2026), counted ahead for the home's timeline.
        ("released_on", "2026-01-01|month", "released"),
        # The kinds of public fact they have, counted ahead for the facts list.
        ("fact_kinds", " nationality alias detention release ", "released"),
    }
    died = StatusChange.objects.create(person=person, status=Status.DIED_IN_CUSTODY)
    died.citations.add(world["article"].passages.first())
    assert {status for _kind, _key, status in _links(person)} == {"died_in_custody"}
    assert ("died_on", "|unknown", "died_in_custody") in _links(person)  # undated


def test_the_stored_export_record_follows_a_rename_of_what_it_names(world):
    facility = world["facility"]
    facility.name = "El Helicoide (SEBIN)"
    facility.save()
    record = json.loads(PersonRecord.objects.get(person=world["people"][0]).json)
    assert [f["name"] for f in record["facilities"]] == ["El Helicoide (SEBIN)"]
    # A path without its language, given the server and the reader's language when served.
    assert record["url"] == f"/people/{world['people'][0].slug}/"


def test_a_stored_record_is_the_same_whatever_language_the_save_was_made_in(world):
    person = world["people"][0]
    stored = PersonRecord.objects.get(person=person)
    with translation.override("es"):  # a curator saving from a Spanish page
        derived.refresh_people([person.pk])
        assert person.get_absolute_url().startswith("/es/")
    again = PersonRecord.objects.get(person=person)
    assert (again.json, again.csv_en, again.csv_es) == (stored.json, stored.csv_en, stored.csv_es)
    assert "/es/" not in again.json and "/en/" not in again.json


def test_cite_by_selection_publishes_the_fact(world):
    source = world["article"]
    person = builders.person("Ana Nueva", slug="ana-nueva")
    alias = Alias.objects.create(person=person, name="Ana N.")
    selection = citing.resolve_selection(source, start=None, end=None, quote="El Helicoide")
    citing.cite_selection(alias, source, selection)
    alias.refresh_from_db()
    assert alias.is_public and _person(person.pk).is_public
    assert "ana n." in _person(person.pk).search_name
    assert stored_facet_counts() == counted_afresh()


def test_accepting_a_suggestion_publishes_a_mention(world):
    person = builders.person("Mencionada Sola", slug="mencionada")
    source = builders.article("A note: Mencionada Sola was seen in Caracas.", slug="note")
    start = source.text.index("Mencionada")
    suggestion = CitationSuggestion.objects.create(
        article=source, start=start, end=start + 15, quote="Mencionada Sola", person=person
    )
    suggestions.accept(suggestion)
    assert _person(person.pk).is_public
    assert ("source", "note", "unknown") in _links(person)
    assert stored_facet_counts() == counted_afresh()


def test_deleting_a_fact_in_the_admin_refreshes_the_person(admin_client, world):
    person = world["people"][0]
    release = person.releases.get()
    url = reverse("admin:releases_release_delete", args=[release.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    person = _person(person.pk)
    assert person.status == Status.DETAINED and person.first_released_on is None
    assert {status for *_rest, status in _links(person)} == {"detained"}
    assert stored_facet_counts() == counted_afresh()


def _revert(admin_client, fact, version) -> None:
    """Post the admin's "revert to this version" form with the version's own values."""
    opts = fact._meta
    url = reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history",
        args=[fact.pk, version.history_id],
    )
    form = admin_client.get(url).context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[name] = (
            [str(v.pk if hasattr(v, "pk") else v) for v in value]
            if isinstance(value, list)
            else value
        )
    response = admin_client.post(url, data)
    assert response.status_code == 302, (
        getattr(response, "context", None) and response.context["adminform"].form.errors
    )


def test_reverting_a_status_change_from_history_restores_the_derived_status(admin_client, world):
    person = world["people"][1]
    died = StatusChange.objects.create(
        person=person,
        status=Status.DIED_IN_CUSTODY,
        date=datetime.date(2026, 2, 1),
        date_precision="month",
    )
    died.citations.add(world["article"].passages.first())
    original = died.history.order_by("history_id").last()
    assert _person(person.pk).status == Status.DIED_IN_CUSTODY
    died.status = Status.REDETAINED
    died.save()
    assert _person(person.pk).status == Status.REDETAINED
    _revert(admin_client, died, original)
    assert _person(person.pk).status == Status.DIED_IN_CUSTODY
    assert stored_facet_counts() == counted_afresh()
    page = admin_client.get("/people/").content.decode()
    assert person.name not in page  # the freed list no longer shows them


def test_renaming_a_person_and_reverting_keeps_search_right(admin_client, world, client):
    person = world["people"][0]
    original = person.history.order_by("history_id").last()
    person.name = "Renamed Person"
    person.save()
    assert "renamed person" in _person(person.pk).search_name
    _revert(admin_client, person, original)
    person = _person(person.pk)
    assert person.name == "p Person 0" and "renamed" not in person.search_name
    assert person.name in client.get("/people/", {"q": "p person 0"}).content.decode()


def test_a_write_shows_on_the_very_next_request(client, world, django_assert_num_queries):
    client.get("/people/")
    with django_assert_num_queries(1):  # the data version only: the page is cached
        cached = client.get("/people/").content.decode()
    assert "Late Arrival" not in cached
    late = builders.person("Late Arrival", slug="late")
    release = Release.objects.create(person=late, event=world["event"])
    release.citations.add(world["article"].passages.first())
    assert "Late Arrival" in client.get("/people/").content.decode()


def test_a_batch_refreshes_once_at_its_end(world):
    person = builders.person("En Lote", slug="en-lote")
    passage = world["article"].passages.first()
    with derived.batch():
        release = Release.objects.create(person=person)
        release.citations.add(passage)
        assert not _person(person.pk).is_public  # not yet: the batch is still open
    assert _person(person.pk).is_public


def test_a_record_from_before_the_stored_derived_data_gets_it_after_migrate(world):
    # As a database migrated from before 0004 looks: rows, but nothing derived yet.
    DataVersion.objects.all().delete()
    PersonLink.objects.all().delete()
    Person.objects.update(is_public=False, status=Status.UNKNOWN)
    for model in CITED_MODELS:
        model.objects.update(is_public=False)
    derived.derive_after_migrate()
    person = _person(world["people"][0].pk)
    assert person.is_public and person.status == Status.RELEASED
    assert _links(person) and Release.objects.filter(is_public=True).exists()
    assert derived.data_version()[0] > 0


def test_search_text_holds_facilities_and_nationalities_and_follows_their_renames(world):
    person = world["people"][0]
    spain = world["country"]
    spain.demonym = "Spanish"
    spain.save()  # a rename of what the search text names reaches it
    text = _person(person.pk).search_name
    assert text.split(" | ") == [
        "p person 0",
        "p alias 0",
        "el helicoide",
        "spain",
        "spanish",
        "thursday releases",
    ]

    facility = world["facility"]
    facility.name = "Zona Siete"
    facility.save()
    assert "zona siete" in _person(person.pk).search_name
    assert "helicoide" not in _person(person.pk).search_name


def test_search_text_leaves_out_what_no_public_fact_says(world):
    someone = builders.person("Sin Datos", slug="sin-datos")
    venezuela = Country.objects.create(code="VE", name="Venezuela", demonym="Venezuelan")
    Citizenship.objects.create(person=someone, country=venezuela)  # no citation
    builders.cite(
        Alias.objects.create(person=someone, name="S. D."), world["article"].passages.first()
    )
    assert _person(someone.pk).search_name == "sin datos | s. d."


def test_the_stored_facet_counts_follow_every_kind_of_write(world):
    assert stored_facet_counts() == counted_afresh() != {}
    assert pairs_counted_afresh()  # a person with links of two kinds
    first, second = world["people"]
    passage = world["article"].passages.first()
    # A new status, a new nationality, a new person, a fact taken away, a rename.
    builders.cite(StatusChange.objects.create(person=first, status=Status.REDETAINED), passage)
    portugal = Country.objects.create(code="PT", name="Portugal")
    builders.cite(Citizenship.objects.create(person=second, country=portugal), passage)
    newcomer = builders.person("Recién Llegado", slug="recien")
    builders.cite(Alias.objects.create(person=newcomer, name="R. Llegado"), passage)
    assert stored_facet_counts() == counted_afresh()
    second.citizenships.get(country=portugal).delete()
    world["facility"].slug = "el-helicoide-2"
    world["facility"].save()
    assert stored_facet_counts() == counted_afresh()
    # Deleted and merged people take their counts with them.
    newcomer.delete()
    merge_people(keep=first, merge=second)
    assert stored_facet_counts() == counted_afresh()
    derived.rebuild_facet_counts()
    assert stored_facet_counts() == counted_afresh()


@pytest.mark.django_db
def test_a_new_article_looks_for_no_people_citing_it_but_an_edited_one_does():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def citation_reads(write) -> int:
        with CaptureQueriesContext(connection) as queries:
            write()
        return sum("_citations" in q["sql"] for q in queries.captured_queries)

    article = builders.SourceArticle(slug="new", text="Venezuela freed Ana Pérez.", sha256="a" * 64)
    assert citation_reads(article.save) == 0  # nothing can cite a row not yet stored
    article.search_text = "venezuela freed ana perez."
    assert citation_reads(lambda: article.save(update_fields=["search_text"])) == 0
    with derived.batch():
        person = builders.person("Ana Pérez", is_named=True)
        builders.cite(
            Alias.objects.create(person=person, name="Ana P."),
            builders.passage(article, "Ana Pérez"),
        )
    article.outlet = "Efecto Cocuyo"
    assert citation_reads(article.save) > 0  # its outlet is in Ana Pérez's stored record
    assert "Efecto Cocuyo" in PersonRecord.objects.get(person=person).json
