import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from releases.models import Role
from sources import triggers
from sources.models import Passage
from tests import builders


@pytest.fixture
def world(db):
    return builders.world(2)


def test_a_clean_record_has_no_problems(world):
    out = io.StringIO()
    call_command("check_integrity", stdout=out)
    assert "No integrity problems" in out.getvalue()


def test_a_stale_passage_and_an_uncited_fact_are_listed_and_hidden(client, world):
    person = world["people"][0]
    # A passage made stale by a route outside the app: the database refuses to change an
    # article's text, so only a direct edit with its guard lifted can do this.
    article = world["article"]
    with triggers.lifted():
        type(article).objects.filter(pk=article.pk).update(
            text=article.text.replace("freed", "FREED")
        )
    uncited = Role.objects.create(person=person, kind="description", title="Unsupported role")
    out = io.StringIO()
    with pytest.raises(CommandError, match="integrity problem"):
        call_command("check_integrity", stdout=out)
    report = out.getvalue()
    assert "stale passage" in report and "Unsupported role" in report
    assert Passage.objects.stale().count() == 1
    # Public pages hide both: every fact about the person cited that passage, so nothing
    # cited is left to say about them, and they are not shown at all.
    assert client.get(person.get_absolute_url(), {"format": "json"}).status_code == 404
    everyone = client.get("/people/", {"status": "any"}).content.decode()
    assert person.name not in everyone and uncited.title not in everyone


def test_the_admin_warns_about_unsupported_records(admin_client, world):
    Role.objects.create(person=world["people"][0], kind="description", title="Unsupported role")
    response = admin_client.get(reverse("admin:releases_role_changelist"))
    messages = [str(message) for message in response.context["messages"]]
    assert any("Unsupported role" in message for message in messages)
    spanish = admin_client.get(
        reverse("admin:releases_role_changelist"), HTTP_ACCEPT_LANGUAGE="es"
    ).context["messages"]
    [warning] = [str(message) for message in spanish]
    assert "papel «p Person 0: Unsupported role» no tiene ninguna cita válida" in warning
