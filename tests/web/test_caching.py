"""Whole pages are cached, keyed on the data version: fast for readers, never stale."""

import os
import socket
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import caches

from releases import derived
from releases.models import Alias, Country
from tests import builders
from web import caching


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


# -- Canonical keys and a bounded cache ----------------------------------------------------


def _page_entries() -> int:
    """Pages the (local memory) cache holds now."""
    return sum(":page:" in key for key in caches["default"]._cache)


def test_a_flood_of_unknown_parameters_is_answered_from_one_cached_page(
    client, world, django_assert_num_queries
):
    first = client.get("/people/?zz=0")
    assert "<code>zz</code>" in first.content.decode()
    for number in range(1, 2000):
        with django_assert_num_queries(1):  # the data version alone: nothing rendered
            response = client.get(f"/people/?zz{number}={number}")
        assert response.status_code == 200
    # Each answer names its own unknown parameter, escaped, in the one cached page.
    assert f"<code>zz{number}</code>" in response.content.decode()
    assert "<code>zz</code>" not in response.content.decode()
    assert _page_entries() == 1


def test_the_page_cache_holds_at_most_its_entries_whatever_is_asked(client, world, settings):
    settings.PAGE_CACHE_ENTRIES = 20
    for number in range(200):
        assert client.get("/people/", {"q": f"person {number}"}).status_code == 200
    assert 0 < _page_entries() <= 20


def test_a_page_larger_than_the_bound_is_served_not_stored(client, world, settings):
    settings.PAGE_CACHE_MAX_BYTES = 1000
    assert world["people"][0].name in client.get("/people/").content.decode()
    assert _page_entries() == 0


@pytest.mark.parametrize(
    "same",
    [
        "?status=released",  # the default
        "?page=1",
        "?format=html",
        "?q=&nationality=",
        "?status=any&status=released",  # the last value is the one the form reads
        "?utm_source=newsletter",
    ],
)
def test_addresses_that_ask_for_the_same_page_share_one_entry(
    client, world, same, django_assert_num_queries
):
    plain = client.get("/people/").content.decode()
    with django_assert_num_queries(1):
        again = client.get(f"/people/{same}").content.decode()
    assert again.replace('<p class="message">', "", 1).count("<table") == plain.count("<table")
    assert _page_entries() == 1


def test_a_search_is_one_page_however_its_spaces_are_typed(
    client, world, django_assert_num_queries
):
    spaced = client.get("/people/", {"q": "  p   person  "})
    assert spaced.context["filterset"].data["q"] == "p person"  # what the box shows
    with django_assert_num_queries(1):
        client.get("/people/", {"q": "p person"})


def test_pages_that_differ_are_kept_apart(client, world):
    urls = ["/people/", "/people/?status=any", "/people/?page=2", "/es/people/", "/facilities/"]
    for url in urls:
        client.get(url)
    client.get("/people/", headers={"HX-Request": "true"})
    assert _page_entries() == len(urls) + 1


# -- A write renders anew what it changed ----------------------------------------------------


def test_a_write_about_one_person_leaves_other_peoples_pages_cached(
    client, world, django_assert_num_queries
):
    changed, other = world["people"][:2]
    for person in (changed, other):
        client.get(person.get_absolute_url())
    client.get("/people/")
    builders.cite(Alias.objects.create(person=changed, name="Nuevo Alias"), _a_passage(world))
    with django_assert_num_queries(1):  # still cached: nothing about them changed
        client.get(other.get_absolute_url())
    assert "Nuevo Alias" in client.get(changed.get_absolute_url()).content.decode()
    assert "Nuevo Alias" in client.get("/people/").content.decode()


def test_a_write_to_what_people_share_renders_every_persons_page_anew(client, world):
    person = world["people"][1]
    assert "El Helicoide" in client.get(person.get_absolute_url()).content.decode()
    facility = world["facility"]
    facility.name = "Helicoide renombrado"
    facility.save()
    assert "Helicoide renombrado" in client.get(person.get_absolute_url()).content.decode()


def test_a_count_claim_renders_its_claimants_page_anew(client, world):
    person = world["people"][1]
    client.get(person.get_absolute_url())
    derived.changed(cited=[])  # any write but one about people's own facts
    version, _when = derived.data_version()
    assert derived.person_page_version(person.slug).startswith(f"person:{version}:")


def _a_passage(world):
    return world["article"].passages.first()


# -- Redis bounds itself ---------------------------------------------------------------------


class _Redis:
    def __init__(self, **config):
        self.config = config

    def config_get(self, name):
        if isinstance(self.config.get(name), Exception):
            raise self.config[name]
        return {name: self.config[name]}


def _redis_cache(monkeypatch, client):
    monkeypatch.setattr(caching, "_redis_client", lambda: client)


def test_a_cache_in_local_memory_needs_no_redis_bound():
    assert caching.redis_bound_problems() == []


def test_an_unbounded_redis_is_warned_about(monkeypatch, caplog):
    redis = _Redis(**{"maxmemory": "0", "maxmemory-policy": "noeviction"})
    _redis_cache(monkeypatch, redis)
    caching.warn_about_redis_bound()
    assert "no maxmemory" in caplog.text and "'noeviction', not allkeys-lru" in caplog.text


def test_a_bounded_redis_is_not(monkeypatch):
    redis = _Redis(**{"maxmemory": str(2**30), "maxmemory-policy": "allkeys-lru"})
    _redis_cache(monkeypatch, redis)
    assert caching.redis_bound_problems() == []


def test_a_redis_that_refuses_config_is_said_to_be_unchecked(monkeypatch):
    redis = _Redis(maxmemory=PermissionError("CONFIG is disabled"))
    _redis_cache(monkeypatch, redis)
    assert caching.redis_bound_problems() == [
        "could not read Redis's maxmemory settings (CONFIG is disabled)"
    ]


class _RenderedElsewhere:
    """The page cache while another worker renders the page: its lock is taken, and the
    page is stored once the waiting reader has slept a while."""

    def __init__(self, real, key, entry):
        self.real, self.key, self.entry, self.done = real, key, entry, False

    def add(self, key, *args):
        return False

    def get(self, key, default=None):
        if key.startswith("render:"):
            return None if self.done else 1
        return self.real.get(key, default)

    def finish(self, _seconds):
        self.done = True
        self.real.set(self.key, self.entry)

    def __getattr__(self, name):
        return getattr(self.real, name)


def test_a_reader_of_a_page_being_rendered_waits_for_it_rather_than_render_it_too(
    client, world, monkeypatch, django_assert_num_queries
):
    first = client.get("/facilities/")
    key = next(k for k in caches["default"]._cache if ":page:" in k).split(":", 2)[2]
    entry = caches["default"].get(key)
    caches["default"].clear()
    elsewhere = _RenderedElsewhere(caches["default"], key, entry)
    monkeypatch.setattr(caching, "cache", elsewhere)
    monkeypatch.setattr(caching.time, "sleep", elsewhere.finish)
    with django_assert_num_queries(1):  # the version: the page is the other worker's
        waited = client.get("/facilities/")
    assert elsewhere.done and waited.content == first.content
