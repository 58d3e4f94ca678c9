import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

MANAGE = str(settings.BASE_DIR / "manage.py")


def _deploy_check(**env_overrides: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, MANAGE, "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_values_pass_the_deploy_check():
    result = _deploy_check(
        DEBUG="0", SECRET_KEY=secrets.token_urlsafe(60), ALLOWED_HOSTS="releases.example.org"
    )
    assert result.returncode == 0, result.stderr


def test_the_development_key_fails_the_deploy_check():
    result = _deploy_check(DEBUG="0", ALLOWED_HOSTS="releases.example.org")
    assert result.returncode != 0
    assert "security.W009" in result.stderr


@pytest.mark.parametrize(("name", "value"), [("DEBUG", "maybe"), ("SECURE_HSTS_SECONDS", "1y")])
def test_an_unparseable_setting_fails_loudly_naming_it(name, value):
    result = _deploy_check(**{name: value})
    assert result.returncode != 0
    assert f"{name}={value!r}" in result.stderr
