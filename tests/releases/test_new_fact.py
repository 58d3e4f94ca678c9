"""New fact from selected words: one form, one transaction, the selection as citation."""

import pytest
from django.urls import reverse

from curation.ingest import ingest_article
from releases.models import (
    Alias,
    Citizenship,
    CountClaim,
    Country,
    Person,
    Release,
    ReleaseEvent,
    Status,
)

TEXT = (
    "Caracas, Friday.\n\nThe Spanish activist Ana Pérez was freed on Thursday from "
    "El Helicoide, her family said. Foro Penal counted 56 releases as of 29 December."
)


@pytest.fixture
def setup(db):
    article = ingest_article(text=TEXT, title="Freed").article
    spain = Country.objects.create(code="ES", name="Spain")
    return article, spain


def _url(article):
    return reverse("admin:sources_sourcearticle_new_fact", args=[article.pk])


def _select(words: str) -> dict:
    start = TEXT.index(words)
    return {"start": start, "end": start + len(words), "quote": words}


def test_the_article_page_links_to_new_fact_from_selected_words(admin_client, setup):
    article, _spain = setup
    page = admin_client.get(reverse("admin:sources_sourcearticle_change", args=[article.pk]))
    assert _url(article) in page.content.decode()


def test_a_new_person_and_nationality_are_created_citing_the_selection(admin_client, setup):
    article, spain = setup
    words = "The Spanish activist Ana Pérez"
    response = admin_client.post(
        _url(article),
        {
            **_select(words),
            "kind": "citizenship",
            "new_person": "Ana Pérez",
            "citizenship-country": spain.pk,
            "citizenship-certainty": "stated",
        },
    )
    assert response.status_code == 302
    citizenship = Citizenship.objects.get()
    assert citizenship.person.name == "Ana Pérez" and citizenship.country == spain
    assert [p.quote for p in citizenship.citations.all()] == [words]
    # Back on the same words, the person chosen, for the next fact.
    assert f"person={citizenship.person_id}" in response["Location"]

    released = admin_client.post(
        _url(article),
        {
            **_select("was freed on Thursday"),
            "kind": "release",
            "person": citizenship.person_id,
            "release-date": "2026-01-08",
            "release-certainty": "stated",
        },
    )
    assert released.status_code == 302
    person = Person.objects.get()
    assert person.status == Status.RELEASED
    assert person.releases.get().date_display == "8 January 2026"
    assert [p.quote for p in person.releases.get().citations.all()] == ["was freed on Thursday"]


def test_a_refused_fact_leaves_nothing_behind(admin_client, setup):
    article, _spain = setup
    response = admin_client.post(
        _url(article),
        {
            **_select("Ana Pérez"),
            "kind": "release",
            "new_person": "Ana Pérez",
            "release-date": "2026-02-30",
            "release-certainty": "stated",
        },
    )
    assert response.status_code == 200
    assert "is an impossible date" in response.content.decode()
    assert not Person.objects.exists() and not Release.objects.exists()
    assert not article.passages.exists()


def test_a_second_identical_nationality_is_refused_with_a_message(admin_client, setup):
    article, spain = setup
    data = {
        **_select("Spanish activist"),
        "kind": "citizenship",
        "new_person": "Ana Pérez",
        "citizenship-country": spain.pk,
        "citizenship-certainty": "stated",
    }
    admin_client.post(_url(article), data)
    person = Person.objects.get()
    again = admin_client.post(_url(article), {**data, "new_person": "", "person": person.pk})
    assert "already exists" in again.content.decode()
    assert Citizenship.objects.count() == 1


def test_a_selection_that_does_not_match_the_text_is_refused(admin_client, setup):
    article, spain = setup
    data = {
        **_select("Ana Pérez"),
        "quote": "Ana Perez",
        "kind": "citizenship",
        "new_person": "Ana",
        "citizenship-country": spain.pk,
        "citizenship-certainty": "stated",
    }
    response = admin_client.post(_url(article), data)
    assert "do not match" in response.content.decode()
    assert not Person.objects.exists()


def test_a_count_claim_and_a_release_event_need_no_person(admin_client, setup):
    article, _spain = setup
    count = admin_client.post(
        _url(article),
        {
            **_select("Foro Penal counted 56 releases as of 29 December"),
            "kind": "count",
            "count-value_text": "56",
            "count-value": 56,
            "count-qualifier": "exact",
            "count-subject": "political prisoners",
            "count-metric": "released",
            "count-as_of": "2025-12-29",
            "count-as_of_text": "as of 29 December",
            "count-claimed_by": "Foro Penal",
            "count-verification": "confirmed",
            "count-certainty": "stated",
            "count-curator_note": "check the January figure",
        },
    )
    assert count.status_code == 302
    claim = CountClaim.objects.get()
    assert claim.as_of_display == "29 December 2025" and claim.citations.count() == 1
    event = admin_client.post(
        _url(article),
        {
            **_select("was freed on Thursday"),
            "kind": "event",
            "event-title": "Thursday releases",
            "event-date": "2026-01-08",
        },
    )
    assert event.status_code == 302
    assert ReleaseEvent.objects.get().slug == "thursday-releases"


def test_naming_a_person_for_a_count_is_refused(admin_client, setup):
    article, _spain = setup
    response = admin_client.post(
        _url(article), {**_select("Foro Penal"), "kind": "count", "new_person": "X"}
    )
    assert "is not about a person" in response.content.decode()


def test_the_page_keeps_the_selection_for_the_next_fact(admin_client, setup):
    article, _spain = setup
    page = admin_client.get(_url(article), {"start": 3, "end": 7, "kind": "release"})
    form = page.context["form"]
    assert (form["start"].value(), form["end"].value(), form["kind"].value()) == (
        "3",
        "7",
        "release",
    )


def test_passages_cannot_be_added_by_hand(admin_client, db):
    assert admin_client.get(reverse("admin:sources_passage_add")).status_code == 403


@pytest.mark.parametrize(
    "query",
    [
        {"person": "abc"},
        {"person": "99999"},
        {"kind": "nonsense", "start": "x", "end": "-1"},
        {"start": "5", "end": "999999"},
    ],
)
def test_hostile_values_in_the_address_are_ignored_not_a_server_error(admin_client, setup, query):
    article, _spain = setup
    assert admin_client.get(_url(article), query).status_code == 200


def test_a_nul_byte_in_the_address_is_a_clear_400(admin_client, setup):
    # Refused before the view by the admin's input guard (config.admin_guard), by name.
    article, _spain = setup
    response = admin_client.get(_url(article), {"person": "\x00"})
    assert response.status_code == 400 and b"person" in response.content


@pytest.mark.parametrize("person", ["abc", "\x00", "99999", "1.5", "\u00b2"])
def test_hostile_values_in_the_form_are_refused_not_a_server_error(admin_client, setup, person):
    article, _spain = setup
    data = {**_select("Ana Pérez"), "kind": "alias", "person": person, "alias-name": "Ana"}
    response = admin_client.post(_url(article), data)
    assert response.status_code == 200
    assert not Alias.objects.exists()


def test_an_unknown_article_is_refused(admin_client, db):
    url = reverse("admin:sources_sourcearticle_new_fact", args=["abc"])
    assert admin_client.get(url).status_code in (403, 404)
