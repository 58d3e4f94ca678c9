import os
import secrets
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
    # What `make run` does: DEBUG=1 and nothing else set.
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
