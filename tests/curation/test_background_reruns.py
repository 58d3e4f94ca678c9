"""Suggestions re-run after a save in the background (``curation.tasks``): the save queues
the re-run, the admin says suggestions are still being computed until the worker has run
it, and the worker makes what the save inside the request used to make."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from curation.ingest import ingest_article
from releases.models import CitationSuggestion, Person
from tests import builders

TEXT = "Caracas freed Marta Linares on Monday, her lawyer said."


@pytest.fixture
def queued(settings):
    """The production backend: tasks wait in the database for the worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _person_form(person: Person, **changes) -> dict:
    return {
        "name": person.name,
        "slug": person.slug,
        "is_named": "on",
        "gender": person.gender,
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
        **changes,
    }


def _save_person(admin_client, person, **changes):
    url = reverse("admin:releases_person_change", args=[person.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data = {k: ("on" if v is True else v) for k, v in data.items() if v is not False}
    for key, value in form.initial.items():
        if isinstance(value, list):
            data[key] = [getattr(v, "pk", v) for v in value]
    inline_data = {}
    for formset in admin_client.get(url).context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            inline_data[f"{management.prefix}-{name}"] = management[name].value()
    return admin_client.post(url, {**data, **inline_data, **changes})


@pytest.mark.django_db
def test_a_save_queues_the_rerun_and_the_admin_says_it_is_being_computed(admin_client, queued):
    article = ingest_article(text=TEXT, title="Freed").article
    person = builders.person("Marta Linares", is_named=True)
    response = _save_person(admin_client, person)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert not article.suggestions.exists()  # not computed inside the request
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    listing = admin_client.get(reverse("admin:releases_citationsuggestion_changelist"))
    assert "Suggestions are still being computed after 1 recent save(s)" in (
        listing.content.decode()
    )

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    made = article.suggestions.get(kind=CitationSuggestion.Kind.MENTION)
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
