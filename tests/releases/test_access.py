"""Who may do what: curators edit records but not users; the public site is read-only;
password guessing is locked out for a cool-off period."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, User
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from releases.curator_group import CURATOR_GROUP, ensure_curator_group
from tests import builders


@pytest.fixture
def curator(db):
    user = User.objects.create_user("curator", password="long enough passphrase", is_staff=True)
    user.groups.add(ensure_curator_group())
    return user


def test_the_curator_group_exists_after_migrate(db):
    group = Group.objects.get(name=CURATOR_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"change_person", "add_release", "view_sourcearticle", "delete_passage"} <= codenames
    assert "change_user" not in codenames and "add_group" not in codenames
    assert "change_importrecord" not in codenames and "view_importrecord" in codenames


def test_a_curator_edits_records_but_not_users(client, curator):
    world = builders.world(1)
    client.force_login(curator)
    person = world["people"][0]
    assert client.get(reverse("admin:releases_person_change", args=[person.pk])).status_code == 200
    assert client.get(reverse("admin:releases_release_add")).status_code == 200
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_the_public_site_is_read_only(client, db, method):
    builders.world(1)
    for url in ("/", "/people/", "/people/p-person-0/", "/sources/"):
        assert getattr(client, method)(url).status_code == 405


@override_settings(AXES_FAILURE_LIMIT=3)
def test_password_guessing_is_locked_out_then_cools_off(client, curator, settings):
    login = reverse("admin:login")

    def attempt(password):
        return client.post(login, {"username": "curator", "password": password})

    for _ in range(2):
        assert attempt("wrong").status_code == 200  # the form again, with an error
    locked = attempt("wrong")
    assert locked.status_code == 429
    assert attempt("long enough passphrase").status_code == 429  # even the right password
    # The cool-off is a period, not a permanent lock: once it has passed, logging in works.
    past = timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(minutes=1)
    AccessAttempt.objects.update(attempt_time=past)
    assert attempt("long enough passphrase").status_code == 302
