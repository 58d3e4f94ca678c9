"""Real-browser tests: Playwright's sync API driving Debian's Chromium (never a downloaded
browser) against pytest-django's live server, with the seed data imported.

Run only these with ``pytest tests/e2e`` (or ``-m e2e``; ``-m "not e2e"`` leaves them out).
They need Chromium at /usr/bin/chromium (``apt-get install chromium``, as ``.ci/run`` does)
and are skipped when it is missing; point ``CHROMIUM`` elsewhere to use another build.
"""

import io
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.test import override_settings
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright

from tests.e2e.browser import CHROMIUM, TIMEOUT_MS, launch


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "e2e: drives a real browser (Chromium) against the live server"
    )


@pytest.fixture(scope="session")
def _plain_http_server() -> Iterator[None]:
    # The live server builds its middleware once, when it starts, so the per-test `settings`
    # change in tests/conftest.py comes too late for SecurityMiddleware's HTTPS redirect.
    with override_settings(SECURE_SSL_REDIRECT=False):
        yield


@pytest.fixture(scope="session")
def live_server(_plain_http_server, live_server):
    """pytest-django's live server, started after the HTTPS redirect is off."""
    return live_server


@pytest.fixture
def seeded_server(live_server, transactional_db) -> str:
    """The live server's base URL, with the seed articles and curated facts imported. The
    live server sees only committed data, so this is a transactional test database, emptied
    after each test."""
    call_command("import_fixtures", stdout=io.StringIO())
    return live_server.url


@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    """Playwright, for as long as this package's tests run.

    Between its calls the sync API leaves its event loop marked as running in this thread,
    so Django's guard against synchronous database calls from async code would refuse the
    tests' queries (importing, flushing). The guard is off only while Playwright runs: not
    session-wide, where the variable would also reach other tests' subprocesses (and fail
    ``check --deploy`` with async.E001). Package scope also stops Playwright before any test
    outside this package runs, whatever order pytest-randomly picks.
    """
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}; apt-get install chromium")
    expect.set_options(timeout=TIMEOUT_MS)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            yield playwright


@pytest.fixture(scope="package")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """One browser for all the tests here; each test gets its own context (cookies, storage)."""
    browser = launch(playwright)
    yield browser
    browser.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()
