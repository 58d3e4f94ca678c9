"""Curators' words in English and Spanish: each page shows the reader's language, a missing
translation falls back to the other language visibly marked, derived data and cached pages
follow an edit of either language, and query counts stay pinned in both."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from releases.models import CountClaim, PersonRecord, Role
from tests import builders


@pytest.fixture
def world(db):
    made = builders.world(2)
    event = made["event"]
    event.title_es = "Excarcelaciones del jueves"
    event.save()
    role = builders.cite(
        Role.objects.create(
            person=made["people"][0],
            kind="description",
            title_en="A journalist",
            title_es="Una periodista",
            note_en="In her own words.",
        ),
        made["article"].passages.first(),
    )
    made["role"] = role
    return made


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_each_language_reads_its_own_words(client, world):
    person = world["people"][0]
    spanish = _page(client, f"/es/people/{person.slug}/")
    english = _page(client, f"/en/people/{person.slug}/")
    assert "Una periodista" in spanish and "A journalist" not in spanish
    assert "Excarcelaciones del jueves" in spanish and "Thursday releases" not in spanish
    assert "A journalist" in english and "Una periodista" not in english
    assert "Thursday releases" in english and "Excarcelaciones del jueves" not in english


def test_a_missing_translation_shows_the_other_language_marked(client, world):
    person = world["people"][0]
    spanish = _page(client, f"/es/people/{person.slug}/")
    # The note has no Spanish yet: shown in English, tagged and said to be.
    assert (
        '<span lang="en">In her own words.</span> <span class="fallback">(in English)</span>'
        in spanish
    )
    role = world["role"]
    role.title_en = ""
    role.save()
    english = _page(client, f"/en/people/{person.slug}/")
    assert (
        '<span lang="es">Una periodista</span> <span class="fallback">(en español)</span>'
        in english
    )
    # A translation given is never marked.
    assert '<span lang="en">Thursday releases' not in spanish


def test_a_fallback_is_escaped_like_any_value(client, world):
    role = world["role"]
    role.title_es = ""
    role.title_en = "<script>alert(1)</script>"
    role.save()
    spanish = _page(client, f"/es/people/{world['people'][0].slug}/")
    assert "<script>alert(1)</script>" not in spanish
    assert '<span lang="en">&lt;script&gt;alert(1)&lt;/script&gt;</span>' in spanish


def test_an_edit_of_either_language_shows_on_the_next_request(client, world):
    url = world["event"].get_absolute_url().replace("/en/", "/es/")
    assert "Excarcelaciones del jueves" in _page(client, url)  # now cached
    event = world["event"]
    event.title_es = "Excarcelaciones de enero"
    event.save()
    page = _page(client, url)
    assert "Excarcelaciones de enero" in page and "Excarcelaciones del jueves" not in page


def test_the_stored_record_is_the_same_whichever_language_saved_it(world):
    role = world["role"]
    with translation.override("es"):
        role.note_es = "En sus propias palabras."
        role.save()
    spanish_save = PersonRecord.objects.get(person=role.person).json
    with translation.override("en"):
        role.save()
    assert PersonRecord.objects.get(person=role.person).json == spanish_save
    record = json.loads(spanish_save)
    [stored] = [r for r in record["roles"] if r["kind"] == "description"]
    # Curators' words in the default language, every language's beside them.
    assert stored["title"] == "A journalist"
    assert stored["title_i18n"] == {"en": "A journalist", "es": "Una periodista"}


def test_json_gives_each_translated_field_in_the_page_language_and_in_both(client, world):
    event = world["event"]
    spanish = client.get(f"/es/events/{event.slug}/?format=json").json()
    assert spanish["title"] == "Excarcelaciones del jueves"
    assert spanish["title_i18n"] == {"en": "Thursday releases", "es": "Excarcelaciones del jueves"}
    english = client.get(f"/en/events/{event.slug}/?format=json").json()
    assert english["title"] == "Thursday releases"


def _facts(client, language: str) -> list[dict]:
    response = client.get(f"/{language}/facts/", {"format": "json", "kind": "role"})
    assert response.status_code == 200
    return json.loads(b"".join(response.streaming_content))["results"]


def test_the_facts_list_reads_the_page_language_with_the_other_as_fallback(client, world):
    [row] = _facts(client, "es")
    assert (row["value"], row["note"]) == ("Una periodista", "In her own words.")
    [row] = _facts(client, "en")
    assert row["value"] == "A journalist"


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "path", ["/people/{person}/", "/events/{event}/", "/facilities/{facility}/", "/", "/people/"]
)
def test_a_spanish_page_costs_the_queries_of_the_english_one(client, world, path):
    url = path.format(
        person=world["people"][0].slug, event=world["event"].slug, facility=world["facility"].slug
    )
    english = _queries(client, f"/en{url}")
    assert _queries(client, f"/es{url}") == english
    # And neither grows with the record.
    builders.world(4, prefix="more")
    assert _queries(client, f"/es{url}?v=2") == english


def _found(client, language: str, query: str) -> list[str]:
    response = client.get(f"/{language}/people/", {"q": query, "format": "json"})
    assert response.status_code == 200
    return [
        person["slug"] for person in json.loads(b"".join(response.streaming_content))["results"]
    ]


def test_search_finds_a_role_or_an_event_by_its_words_in_either_language(client, world):
    journalist, other = (person.slug for person in world["people"])
    for language in ("es", "en"):  # a link copied from one language finds the same
        assert _found(client, language, "periodista") == [journalist]
        assert _found(client, language, "journalist") == [journalist]
        # Both were freed in the event, whichever language its title is typed in.
        assert set(_found(client, language, "excarcelaciones jueves")) == {journalist, other}
        assert set(_found(client, language, "thursday releases")) == {journalist, other}
    assert _found(client, "es", "periodista excarcelaciones") == [journalist]


def test_search_follows_an_edit_of_a_role_in_either_language(client, world):
    role = world["role"]
    role.title_es = "Una abogada"
    role.save()
    assert _found(client, "es", "abogada") == [world["people"][0].slug]
    assert _found(client, "es", "periodista") == []
    assert _found(client, "es", "journalist") == [world["people"][0].slug]


def test_search_by_a_role_that_no_quote_supports_finds_no_one(client, world):
    Role.objects.create(person=world["people"][1], kind="description", title_es="Un sindicalista")
    assert _found(client, "es", "sindicalista") == []


@pytest.mark.parametrize("query", ["periodista", "journalist", "excarcelaciones del jueves"])
def test_a_search_in_either_language_costs_the_same_queries(client, world, query):
    english = _queries(client, f"/en/people/?q={query}")
    assert _queries(client, f"/es/people/?q={query}") == english
    builders.world(4, prefix="more")
    assert _queries(client, f"/es/people/?q={query}&v=2") == english


def test_the_facts_list_marks_a_fallback_as_other_pages_do(client, world):
    spanish = _page(client, "/es/facts/?kind=role")
    assert "Una periodista" in spanish
    assert (
        '<span lang="en">In her own words.</span> <span class="fallback">(in English)</span>'
        in spanish
    )
    assert '<span lang="en">Una periodista' not in spanish  # a translation given: unmarked
    english = _page(client, "/en/facts/?kind=role")
    assert "In her own words." in english and "(in English)" not in english
    releases = _page(client, "/es/facts/?kind=release")
    assert "en Excarcelaciones del jueves" in releases and "(in English)" not in releases


def _csv_rows(client, url: str, **query: str) -> list[dict]:
    response = client.get(url, {"format": "csv", **query})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8").removeprefix("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_exports_give_a_column_per_language_beside_the_page_language(client, world):
    [role] = _csv_rows(client, "/es/facts/", kind="role")
    assert (role["value"], role["value_en"], role["value_es"]) == (
        "Una periodista",
        "A journalist",
        "Una periodista",
    )
    assert (role["note"], role["note_en"], role["note_es"]) == ("In her own words.",) * 2 + ("",)
    # The rows' query is kept per language: English after Spanish reads the English value.
    [role] = _csv_rows(client, "/en/facts/", kind="role")
    assert role["value"] == "A journalist"
    # A value that is no curator's words has no language: its columns stay empty.
    nationality = next(r for r in _csv_rows(client, "/es/facts/") if r["kind"] == "nationality")
    assert nationality["value"] and nationality["value_en"] == nationality["value_es"] == ""
    [event] = _csv_rows(client, "/en/events/")
    assert (event["title"], event["title_en"], event["title_es"]) == (
        "Thursday releases",
        "Thursday releases",
        "Excarcelaciones del jueves",
    )


def test_the_numbers_csv_gives_each_claimant_and_subject_in_both_languages(client, world):
    count = builders.cite(
        CountClaim.objects.create(
            metric="released",
            subject_en="prisoners",
            subject_es="presos",
            qualifier="exact",
            value=3,
            value_text="three",
            claimed_by_en="the UN",
        ),
        world["article"].passages.first(),
    )
    [row] = [r for r in _csv_rows(client, "/es/numbers/") if r["id"] == str(count.pk)]
    assert (row["subject"], row["subject_en"], row["subject_es"]) == (
        "presos",
        "prisoners",
        "presos",
    )
    # No Spanish yet: the page language's column falls back, its own column stays empty.
    assert (row["claimed_by"], row["claimed_by_en"], row["claimed_by_es"]) == (
        "the UN",
        "the UN",
        "",
    )


def test_the_people_csv_gives_roles_and_descriptions_in_the_readers_language(client, world):
    person = world["people"][0]
    person.is_named, person.description_en = False, "a journalist from Caracas"
    person.description_es = "una periodista de Caracas"
    person.save()
    quote = world["role"].citations.get().quote
    rows = {
        language: next(
            r for r in _csv_rows(client, f"/{language}/people/") if r["slug"] == person.slug
        )
        for language in ("en", "es")
    }
    for language, title, description in [
        ("en", "A journalist", "a journalist from Caracas"),
        ("es", "Una periodista", "una periodista de Caracas"),
    ]:
        row = rows[language]
        assert (row["roles"], row["description"]) == (title, description)
        assert (row["roles_en"], row["roles_es"]) == ("A journalist", "Una periodista")
        assert row["description_en"] == "a journalist from Caracas"
        assert row["description_es"] == "una periodista de Caracas"
        # The role comes with its citation, as every fact in an export does.
        assert (row["roles_quotes"], row["roles_outlets"]) == (quote, "Wire")
        assert row["roles_article_urls"].startswith("http")
    # A role with no Spanish yet: the Spanish column is empty, the page's falls back.
    Role.objects.filter(pk=world["role"].pk).update(title_es="")
    world["role"].refresh_from_db()
    world["role"].save()  # an ordinary write, refreshing the stored record
    row = next(r for r in _csv_rows(client, "/es/people/") if r["slug"] == person.slug)
    assert (row["roles"], row["roles_en"], row["roles_es"]) == ("A journalist",) * 2 + ("",)


def test_the_facilities_csv_gives_a_description_in_the_readers_language(client, world):
    facility = world["facility"]
    facility.description_en, facility.description_es = "a prison", "una cárcel"
    facility.save()
    for language, shown in [("en", "a prison"), ("es", "una cárcel")]:
        [row] = _csv_rows(client, f"/{language}/facilities/")
        assert (row["description"], row["description_en"], row["description_es"]) == (
            shown,
            "a prison",
            "una cárcel",
        )
        assert row["citations_quotes"] == "El Helicoide"


def test_spanish_labels_about_people_use_words_that_agree_with_anyone(client, world):
    # Filters and facets name no one in particular: no masculine default ("Excarcelado
    # desde", "Nacionalidad: ninguno"), neutral words instead.
    page = _page(client, "/es/people/?q=nadie+se+llama+asi")
    assert "Excarcelación desde" in page and "Excarcelado desde" not in page
    assert "Persona detenida o solo mencionada" in page and "Detenido o solo" not in page
    assert "sin resultados" in page and "ninguno" not in page
