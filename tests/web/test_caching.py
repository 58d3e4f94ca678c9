"""Whole pages are cached, keyed on the data version: fast for readers, never stale."""

import os
import socket
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import caches

from releases import derived
from releases.models import Country
from tests import builders


@pytest.fixture
def world(db):
    return builders.world(2)


def test_a_page_is_computed_once_per_data_version(client, world, django_assert_num_queries):
    first = client.get("/facilities/")
    with django_assert_num_queries(1):  # the version alone
        again = client.get("/facilities/")
    assert again.content == first.content and again["Content-Type"] == first["Content-Type"]
    derived.bump_data_version()
    with django_assert_num_queries(4):  # a new version: the page is computed afresh
        client.get("/facilities/")


def test_a_fragment_and_the_whole_page_are_cached_apart(client, world):
    whole = client.get("/people/").content.decode()
    fragment = client.get("/people/", headers={"HX-Request": "true"}).content.decode()
    restore = client.get(
        "/people/", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    ).content.decode()
    assert "<html" in whole and "<html" not in fragment and "<html" in restore


def test_an_admin_edit_shows_on_the_next_request(admin_client, client, world):
    person = world["people"][0]
    assert person.name in client.get("/people/").content.decode()
    url = f"/admin/releases/person/{person.pk}/change/"
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["name"] = "Nombre Corregido"
    for prefix in ("aliases", "citizenships", "roles", "detentions", "releases", "status_changes"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert "Nombre Corregido" in client.get("/people/").content.decode()


def test_pages_are_still_served_when_the_cache_is_down(client, world, settings):
    with socket.socket() as probe:  # a port where nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
        }
    }
    try:
        assert client.get("/people/").status_code == 200
        assert world["people"][0].name in client.get("/people/").content.decode()
    finally:
        caches["default"].close()


def _settings_cache(**env: str) -> subprocess.CompletedProcess:
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    environment = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CACHE_URL"}}
    environment.update(env, DJANGO_SETTINGS_MODULE="config.settings", DEBUG="1")
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


def test_redis_is_the_cache_when_the_environment_names_it():
    assert _settings_cache().stdout.strip().endswith("LocMemCache")
    redis = _settings_cache(REDIS_URL="redis://127.0.0.1:6379/1")
    assert redis.stdout.strip().endswith("RedisCache"), redis.stderr
    wrong = _settings_cache(CACHE_URL="memcached://127.0.0.1")
    assert wrong.returncode != 0 and "CACHE_URL" in wrong.stderr


def test_the_data_version_moves_with_every_write(world):
    before, _when = derived.data_version()
    Country.objects.create(code="PT", name="Portugal")
    after, changed_at = derived.data_version()
    assert after > before and changed_at is not None
