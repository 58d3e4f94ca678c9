"""Suggestions re-run after a save in the background (``curation.tasks``): the save queues
the re-run, the admin says suggestions are still being computed until the worker has run
it, and the worker makes what the save inside the request used to make."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from curation.ingest import ingest_article
from curation.suggestions import ingest_with_suggestions
from releases.models import CitationSuggestion
from tests import builders
from tests.curation.admin_forms import change_form_data

TEXT = "Caracas freed Marta Linares on Monday, her lawyer said."


def _work_off_the_queue() -> None:
    """What ``manage.py db_worker`` does with each queued task, on the test's connection
    (the worker closes its connections when it stops, which would end the test's)."""
    for queued_task in DBTaskResult.objects.ready():
        queued_task.claim("test-worker")
        arguments = queued_task.args_kwargs
        queued_task.set_successful(queued_task.task.call(*arguments["args"], **arguments["kwargs"]))


@pytest.fixture
def queued(settings):
    """The production backend: tasks wait in the database for the worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _save_person(admin_client, person):
    url = reverse("admin:releases_person_change", args=[person.pk])
    return admin_client.post(url, change_form_data(admin_client.get(url)))


@pytest.mark.django_db
def test_a_save_queues_the_rerun_and_the_admin_says_it_is_being_computed(admin_client, queued):
    article = ingest_article(text=TEXT, title="Freed").article
    person = builders.person("Marta Linares", is_named=True)
    response = _save_person(admin_client, person)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert not article.suggestions.exists()  # not computed inside the request
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    listing = admin_client.get(reverse("admin:releases_citationsuggestion_changelist"))
    assert "Suggestions are still being computed after 1 recent save of" in (
        listing.content.decode()
    )

    _work_off_the_queue()

    made = article.suggestions.get(kind=CitationSuggestion.SuggestionKind.MENTION)
    assert made.person == person and made.quote == "Marta Linares"
    listing = admin_client.get(reverse("admin:releases_citationsuggestion_changelist"))
    assert "still being computed" not in listing.content.decode()


@pytest.mark.django_db
def test_without_a_queue_the_rerun_happens_at_once(admin_client):
    article = ingest_article(text=TEXT, title="Freed").article
    person = builders.person("Marta Linares", is_named=True)
    response = _save_person(admin_client, person)
    assert response.status_code == 302
    assert article.suggestions.filter(person=person).exists()


@pytest.mark.django_db
def test_accepting_a_new_person_queues_the_rerun_of_the_articles_naming_them(admin_client, queued):
    first = ingest_with_suggestions(text=TEXT, title="Freed").article
    second = ingest_article(
        text="Marta Linares thanked her lawyers in Valencia on Tuesday.", title="Thanks"
    ).article
    freed = first.suggestions.get(kind=CitationSuggestion.SuggestionKind.NEW_PERSON)
    review = reverse("admin:releases_citationsuggestion_review", args=[first.pk])

    response = admin_client.post(review, {"one": f"accept:{freed.pk}"}, follow=True)

    assert response.status_code == 200
    freed.refresh_from_db()
    assert freed.state == CitationSuggestion.State.ACCEPTED
    assert not second.suggestions.exists()  # not computed inside the request
    assert "Suggestions are still being computed after 1 recent save of" in (
        response.content.decode()
    )

    _work_off_the_queue()

    made = second.suggestions.get(kind=CitationSuggestion.SuggestionKind.MENTION)
    assert made.person == freed.person and made.quote == "Marta Linares"


@pytest.mark.django_db
def test_an_article_naming_someone_else_whose_name_begins_so_is_not_re_run():
    from curation.suggestions import articles_naming

    ingest_article(text="Caracas freed R. Castillo 31 and Ana Rojasová.", title="Others")
    named = ingest_article(text="Caracas freed R. Castillo 3, then Ana Rojas.", title="One")
    # As the suggestions match names: a hyphen is no letter, so this names Ana Rojas too.
    hyphen = ingest_article(text="Caracas freed Ana Rojas-Pérez on Monday.", title="Hyphen")

    assert list(articles_naming({"r. castillo 3"})) == [named.article]
    assert sorted(articles_naming({"ana rojas"}), key=lambda a: a.pk) == [
        named.article,
        hyphen.article,
    ]


@pytest.mark.django_db
def test_the_articles_naming_a_person_are_found_by_the_trigram_index_on_postgresql():
    from django.db import connection

    from curation.suggestions import articles_naming

    named = ingest_article(text="Caracas freed Marta Linares on Monday.", title="One").article
    ingest_article(text="Caracas freed Ana Rojas on Monday.", title="Other")
    if connection.vendor != "postgresql":
        assert list(articles_naming({"marta linares", "la flaca"})) == [named]
        return  # SQLite reads every text: correct, without the index

    def scans() -> int:  # of the trigram index, in this transaction
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_stat_get_xact_numscans('article_search_text_trgm'::regclass)")
            return cursor.fetchone()[0]

    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone() == ("on",)  # the planner left to itself: it scans a tiny table
    before = scans()
    assert list(articles_naming({"marta linares", "la flaca"})) == [named]
    assert scans() == before + 2  # one per name (a BitmapOr), where a seq scan makes none
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone() == ("on",)  # put back for what the transaction reads next
