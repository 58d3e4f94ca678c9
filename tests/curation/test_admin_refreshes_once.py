"""An admin write refreshes derived data once, however many rows it saves: a change form
with its inlines, a list action, a delete (``curation.admin.batching``)."""

import pytest
from django.urls import reverse

from releases import derived
from releases.models import Person, Release
from tests import builders
from tests.curation.admin_forms import change_form_data


@pytest.fixture
def refreshes(monkeypatch):
    """Each refresh of people's derived data, as the set of people it refreshed."""
    calls: list[set[int]] = []
    real = derived.refresh_people

    def counted(person_ids):
        ids = set(person_ids)
        calls.append(ids)
        return real(ids)

    monkeypatch.setattr(derived, "refresh_people", counted)
    return calls


def test_an_event_saved_with_its_inline_releases_is_one_refresh(admin_client, refreshes):
    world = builders.world(3)
    event = world["event"]
    url = reverse("admin:releases_releaseevent_change", args=[event.pk])
    form = change_form_data(admin_client.get(url))
    releases = list(Release.objects.filter(event=event).order_by("pk"))
    assert len(releases) == 3
    prefix = "releases"
    for index, release in enumerate(releases):
        assert int(form[f"{prefix}-{index}-id"]) == release.pk
        form[f"{prefix}-{index}-date"] = "2026-01-09"
        form[f"{prefix}-{index}-date_precision"] = "day"
    form["title_en"] = "Thursday and Friday releases"
    refreshes.clear()

    saved = admin_client.post(url, form)

    assert saved.status_code == 302, saved.context["adminform"].form.errors
    assert {r.date.isoformat() for r in Release.objects.filter(event=event)} == {"2026-01-09"}
    assert refreshes == [{p.pk for p in world["people"]}]  # once, for the three people
    first = Person.objects.get(pk=world["people"][0].pk)
    assert first.first_released_on.isoformat() == "2026-01-09"  # and it was done


def test_an_invalid_save_writes_and_refreshes_nothing(admin_client, refreshes):
    world = builders.world(2)
    event = world["event"]
    url = reverse("admin:releases_releaseevent_change", args=[event.pk])
    form = change_form_data(admin_client.get(url)) | {"releases-0-date": "not a date"}
    refreshes.clear()

    refused = admin_client.post(url, form)

    assert refused.status_code == 200
    assert refreshes == []


def test_deleting_many_people_from_the_list_is_one_refresh(admin_client, refreshes):
    world = builders.world(3)
    release_ids = [r.pk for r in Release.objects.all()]
    refreshes.clear()

    done = admin_client.post(
        reverse("admin:releases_release_changelist"),
        {"action": "delete_selected", "_selected_action": release_ids, "post": "yes"},
    )

    assert done.status_code == 302
    assert not Release.objects.exists()
    assert refreshes == [{p.pk for p in world["people"]}]
    assert all(
        p.first_released_on is None
        for p in Person.objects.filter(pk__in=[p.pk for p in world["people"]])
    )
