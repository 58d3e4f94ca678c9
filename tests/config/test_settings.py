import os
import re
import secrets
import shlex
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client

MANAGE = str(settings.BASE_DIR / "manage.py")
PRODUCTION = {"DEBUG": "0", "ALLOWED_HOSTS": "releases.example.org"}


def _manage(*args: str, **env_overrides: str) -> subprocess.CompletedProcess:
    """manage.py with the real settings module and only the environment given here."""
    unset = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, MANAGE, *args], env=env, capture_output=True, text=True, check=False
    )


def _deploy_check(**env_overrides: str) -> subprocess.CompletedProcess:
    return _manage("check", "--deploy", "--fail-level", "WARNING", **env_overrides)


def test_production_values_pass_the_deploy_check():
    result = _deploy_check(**PRODUCTION, SECRET_KEY=secrets.token_urlsafe(60))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("debug", [{"DEBUG": "0"}, {"DEBUG": "off"}, {}], ids=str)
def test_without_a_secret_key_debug_off_refuses_to_start_saying_what_to_set(debug):
    result = _manage("check", "--deploy", **{**PRODUCTION, **debug})
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not set, and DEBUG is off" in result.stderr
    assert "DEBUG=1 for local development" in result.stderr


def test_under_debug_a_fresh_clone_starts_without_a_secret_key():
    # What `make messages` does: DEBUG=1 and nothing else set.
    result = _manage("check", DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_a_weak_secret_key_fails_the_deploy_check():
    result = _deploy_check(**PRODUCTION, SECRET_KEY="too-short")
    assert result.returncode != 0
    assert "security.W009" in result.stderr


@pytest.mark.parametrize(("name", "value"), [("DEBUG", "maybe"), ("SECURE_HSTS_SECONDS", "1y")])
def test_an_unparseable_setting_fails_loudly_naming_it(name, value):
    result = _deploy_check(SECRET_KEY=secrets.token_urlsafe(60), **{name: value})
    assert result.returncode != 0
    assert f"{name}={value!r}" in result.stderr


@pytest.mark.parametrize("https_redirect", [False, True])
def test_a_request_for_an_unknown_host_is_a_400_with_the_usual_framing_headers(
    settings, https_redirect
):
    # The host is refused by whichever middleware asks for it first (the HTTPS redirect, or
    # the common middleware); the 400 must still say "do not frame me" and carry the policy.
    settings.SECURE_SSL_REDIRECT = https_redirect
    response = Client(raise_request_exception=False).get("/", HTTP_HOST="attacker.example")
    assert response.status_code == 400
    assert response["X-Frame-Options"] == "DENY"
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "'unsafe-inline'" not in policy


def _make_run_environment() -> dict[str, str]:
    """The variables the Makefile's ``make run`` sets, as it sets them."""
    makefile = (settings.BASE_DIR / "Makefile").read_text()
    block = re.search(r"^RUN_ENV = (.*?)\n\n", makefile, re.S | re.M)
    assert block, "RUN_ENV not found in the Makefile"
    hosts = re.search(r"^ALLOWED_HOSTS \?= (.*)$", makefile, re.M)[1]
    words = shlex.split(block[1].replace("\\\n", " "))
    env = dict(word.split("=", 1) for word in words)
    assert env.pop("SECRET_KEY") == "$$(cat .secret_key)"
    assert env.pop("ALLOWED_HOSTS") == "$(ALLOWED_HOSTS)"
    return {**env, "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": hosts}


_WRONG_ADDRESS = """
import django
django.setup()
from django.test import Client
from django.conf import settings
response = Client().get("/es/no-such-page/", headers={"host": "localhost"})
print(settings.DEBUG, response.status_code)
print(response.content.decode())
"""


def test_make_run_shows_the_sites_own_404_page_not_the_debug_page():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    env.update(_make_run_environment(), DJANGO_SETTINGS_MODULE="config.settings")
    result = subprocess.run(
        [sys.executable, "-c", _WRONG_ADDRESS],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    first, page = result.stdout.split("\n", 1)
    assert first == "False 404"
    assert "<h1>Error 404</h1>" in page and "No hay nada en esta dirección" in page
    assert "technical_404" not in page and "Django tried these URL patterns" not in page
    checked = _manage("check", **_make_run_environment())
    assert checked.returncode == 0, checked.stderr


@pytest.mark.django_db
def test_postgresql_runs_a_pages_queries_without_parallel_workers():
    """A page's queries are indexed and short: on a loaded server, starting workers for
    them costs more than it saves (config.settings, PG_PARALLEL_WORKERS)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone() == ("0",)
