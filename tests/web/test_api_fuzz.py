"""The API fuzzed from its own description (schemathesis): every request it makes of every
described endpoint gets no 5xx, a described status and content type, and a body the schema
allows. Run in process against the site's WSGI application, on the suite's database
(SQLite and PostgreSQL alike), with a small record for the endpoints to find."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import RequestFactory, override_settings
from django.urls import resolve
from django.utils import translation
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests import builders
from web import openapi

# Examples per endpoint: enough to try each filter and odd values, few enough that the
# twelve endpoints take seconds (the whole CI must stay well inside its time).
EXAMPLES = 20
# The host schemathesis's WSGI client sends.
HOST = "localhost"


def _described() -> dict:
    """The document as /en/api/openapi.json serves it (built here: a schema must exist
    when tests are collected, before any database does)."""
    request = RequestFactory().get("/en/api/openapi.json", HTTP_HOST=HOST)
    request.resolver_match = resolve(request.path)
    with translation.override("en"), override_settings(ALLOWED_HOSTS=[HOST]):
        return openapi.document(request)


schema = schemathesis.openapi.from_dict(_described())
schema.location = "/en/api/openapi.json"  # as from_wsgi() would say: served by the app


@pytest.fixture
def world(db, settings):
    settings.ALLOWED_HOSTS = [HOST]
    builders.every_kind_of_record()
    builders.world(3, prefix="w")
    # As Django's test client does: a request must not close the test's connection (and
    # its transaction) when it ends, as a server's would.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_answers_as_it_is_described(case, world):
    case.call_and_validate(
        # Built now, under the test settings (the middleware reads them once, when built:
        # the HTTPS redirect, off in tests).
        app=get_wsgi_application(),
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )
