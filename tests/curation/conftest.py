import pytest

from tests.curation.pages import PageServer


@pytest.fixture
def pages(settings):
    """A server of the test's own pages on 127.0.0.1, which fetching may reach only because
    the test allows loopback (as INGEST_ALLOW_LOOPBACK=1 does)."""
    settings.INGEST_ALLOW_LOOPBACK = True
    with PageServer() as server:
        yield server
