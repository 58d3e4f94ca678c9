"""Who may do what: curators edit records but not users; the public site is read-only;
password guessing is locked out for a cool-off period."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, User
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from curation.curator_group import CURATOR_GROUP, ensure_curator_group
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


def _login(client, password: str, **headers):
    return client.post(
        reverse("admin:login"), {"username": "curator", "password": password}, **headers
    )


def _shift_attempts_back(minutes: int) -> None:
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= datetime.timedelta(minutes=minutes)
        attempt.save(update_fields=["attempt_time"])


@override_settings(AXES_FAILURE_LIMIT=3, AXES_COOLOFF_TIME=datetime.timedelta(minutes=15))
def test_attempts_during_a_lockout_do_not_extend_it(client, curator):
    for _ in range(3):
        _login(client, "wrong")
    assert _login(client, "long enough passphrase").status_code == 429
    _shift_attempts_back(14)  # a minute before the lockout ends, more attempts come
    for password in ("wrong", "wrong", "long enough passphrase"):
        assert _login(client, password).status_code == 429
    _shift_attempts_back(2)  # 16 minutes after the lockout began: it has ended
    assert _login(client, "long enough passphrase").status_code == 302


PROXY = "10.0.0.2"


@override_settings(AXES_FAILURE_LIMIT=3, BEHIND_TLS_PROXY=True)
def test_behind_the_proxy_a_stranger_locks_a_username_only_for_their_own_address(curator):
    stranger, colleague = Client(), Client()
    for _ in range(3):
        _login(stranger, "wrong", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert (
        _login(stranger, "wrong", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code
        == 429
    )
    # The same username, through the same proxy, from the curator's own address.
    response = _login(
        colleague, "long enough passphrase", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    assert response.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}


@override_settings(AXES_FAILURE_LIMIT=3, BEHIND_TLS_PROXY=False)
def test_without_the_proxy_a_forged_forwarded_address_does_not_escape_the_lockout(client, curator):
    for number in range(3):
        _login(client, "wrong", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    locked = _login(client, "wrong", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert locked.status_code == 429


@pytest.mark.parametrize("unsafe", ["https://attacker.example/", "//attacker.example/", "/\\x"])
def test_a_login_whose_next_page_is_refused_lands_on_the_admin_index(client, curator, unsafe):
    response = client.post(
        f"{reverse('admin:login')}?next={unsafe}",
        {"username": "curator", "password": "long enough passphrase"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert client.get(response["Location"]).status_code == 200
