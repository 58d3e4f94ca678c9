"""Ingesting an article proposes citations; only accepted ones become public."""

import pytest
from django.urls import reverse

from releases import models as m
from releases import suggestions
from sources.ingest import ingest_article
from tests import builders

NEW_TEXT = (
    "Freed on Friday: ROCIO SAN MIGUEL left El Helicoide, Spanish diplomats said. Share this story"
)


@pytest.fixture
def known(db):
    rocio = builders.person("Rocío San Miguel", slug="rocio-san-miguel")
    builders.cite(
        m.Citizenship.objects.create(
            person=rocio,
            country=m.Country.objects.create(code="ES", name="Spain", demonym="Spanish"),
        ),
        builders.passage(builders.article("Rocío San Miguel is Spanish."), "Spanish"),
    )
    m.Facility.objects.create(name="El Helicoide", slug="el-helicoide")
    return rocio


def test_ingesting_proposes_known_names_ignoring_accents_and_case(known):
    result = ingest_article(text=NEW_TEXT, title="New")
    found = {(s.quote, str(s.subject)) for s in result.article.suggestions.all()}
    assert found == {
        ("ROCIO SAN MIGUEL", "Rocío San Miguel"),
        ("El Helicoide", "El Helicoide"),
        ("Spanish", "Spain (ES)"),
    }
    for suggestion in result.article.suggestions.all():
        assert NEW_TEXT[suggestion.start : suggestion.end] == suggestion.quote
    assert "3 suggested citation(s)" in result.notes[0].text


def test_nothing_suggested_is_public_until_accepted(client, known):
    article = ingest_article(text=NEW_TEXT, title="New").article
    person_url = known.get_absolute_url()
    assert "ROCIO SAN MIGUEL" not in client.get(person_url).content.decode()
    assert client.get(person_url, {"format": "json"}).json()["mentions"] == []
    suggestion = article.suggestions.get(person=known)
    suggestions.accept(suggestion)
    record = client.get(person_url, {"format": "json"}).json()
    assert [c["quote"] for c in record["mentions"][0]["citations"]] == ["ROCIO SAN MIGUEL"]
    assert "ROCIO SAN MIGUEL" in client.get(person_url).content.decode()


def test_a_rejected_suggestion_stays_unpublished(client, known):
    article = ingest_article(text=NEW_TEXT, title="New").article
    suggestion = article.suggestions.get(person=known)
    suggestions.accept(suggestion)
    suggestions.reject(suggestion)
    assert not m.Mention.objects.exists()
    assert client.get(known.get_absolute_url(), {"format": "json"}).json()["mentions"] == []


def test_admin_ingest_form_stores_and_proposes(admin_client, known):
    response = admin_client.post(
        reverse("admin:sources_sourcearticle_add"),
        {"text": NEW_TEXT, "title": "New", "language": "en", "published": "2026-01"},
        follow=True,
    )
    messages = [str(message) for message in response.context["messages"]]
    assert any("Stored" in message for message in messages)
    assert any("3 suggested citation(s)" in message for message in messages)
    article = m.CitationSuggestion.objects.first().article
    assert (article.published_precision, article.text) == ("month", NEW_TEXT)


def test_admin_ingest_refuses_the_same_text_with_a_link(admin_client, known):
    first = ingest_article(text=NEW_TEXT, title="First").article
    response = admin_client.post(
        reverse("admin:sources_sourcearticle_add"), {"text": NEW_TEXT, "language": "en"}
    )
    page = response.content.decode()
    assert "already stored" in page
    assert reverse("admin:sources_sourcearticle_change", args=[first.pk]) in page


def test_admin_accepts_and_rejects_suggestions_in_bulk(admin_client, known):
    article = ingest_article(text=NEW_TEXT, title="New").article
    url = reverse("admin:releases_citationsuggestion_changelist")
    person_suggestion = article.suggestions.get(person=known)
    others = article.suggestions.exclude(pk=person_suggestion.pk)
    admin_client.post(
        url, {"action": "accept_selected", "_selected_action": [person_suggestion.pk]}
    )
    admin_client.post(
        url,
        {
            "action": "reject_selected",
            "_selected_action": list(others.values_list("pk", flat=True)),
        },
    )
    states = dict(article.suggestions.values_list("quote", "state"))
    assert states == {
        "ROCIO SAN MIGUEL": "accepted",
        "El Helicoide": "rejected",
        "Spanish": "rejected",
    }
    assert m.Mention.objects.get().person == known
