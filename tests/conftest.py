import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from curation import suggestions
from web import filters


@pytest.fixture(autouse=True)
def _fresh_names():
    # The known names are kept per data version; a rolled-back test may reuse a version.
    suggestions.forget_names()
    filters.forget_menus()  # kept per data version too


@pytest.fixture(autouse=True)
def _test_settings(settings):
    # Production security settings stay on in tests; only the HTTPS redirect goes, since
    # the test client speaks plain HTTP.
    settings.SECURE_SSL_REDIRECT = False
    # Real password hashing costs a second per user; tests only need it to work.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # No collectstatic runs before tests: serve static files unhashed.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Cached pages are keyed on the data version, which starts again from the same number
    # in every test's fresh database: no page may survive from one test to the next.
    cache.clear()
    # A request to /es/… leaves Spanish active in the thread that served it, which is this
    # one under the test client: every test starts, and ends, as a fresh thread would.
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def seeded(db):
    """The five seed articles and the curated fixture, imported. Only for tests whose
    subject is the seed data itself."""
    call_command("import_fixtures", stdout=io.StringIO())
