"""The described API: a valid OpenAPI 3.1 document whose every ?format=json endpoint is
described, and whose schemas real responses satisfy."""

import json

import jsonschema
import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

from tests import builders
from web import openapi


@pytest.fixture
def world(db):
    made = builders.every_kind_of_record()
    builders.world(2, prefix="w")
    return made


def _document(client, prefix="/en") -> dict:
    response = client.get(f"{prefix}/api/openapi.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    return response.json()


def _validate(document: dict, operation: dict, status: str, body) -> None:
    schema = operation["responses"][status]["content"]["application/json"]["schema"]
    # OpenAPI 3.1's schemas are JSON Schema 2020-12; their $refs point into the document.
    validator = jsonschema.Draft202012Validator(
        {**document, **schema}, format_checker=jsonschema.FormatChecker()
    )
    errors = sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def _body(response):
    if response.streaming:
        return json.loads(b"".join(response.streaming_content))
    return response.json()


def test_the_document_is_openapi_3_1_and_its_schemas_are_valid_json_schema(client, world):
    document = _document(client)
    assert document["openapi"] == "3.1.0"
    for name, schema in document["components"]["schemas"].items():
        jsonschema.Draft202012Validator.check_schema(schema), name
    assert document["servers"] == [{"url": "http://testserver/en"}]


def _paths(world) -> dict[str, str]:
    """A real address of each described path."""
    return {
        "/people/{slug}/": world["people"][0].get_absolute_url(),
        "/facilities/{slug}/": world["facility"].get_absolute_url(),
        "/nationalities/{code}/": world["country"].get_absolute_url(),
        "/events/{slug}/": world["event"].get_absolute_url(),
        "/sources/{slug}/": world["article"].get_absolute_url(),
    }


def test_every_real_response_matches_its_schema(client, world):
    document = _document(client)
    with translation.override("en"):
        details = _paths(world)
    for path, methods in document["paths"].items():
        operation = methods["get"]
        url = details.get(path, f"/en{path}")
        response = client.get(url, {"format": "json"})
        assert response.status_code == 200, path
        body = _body(response)
        if "results" in body:
            assert body["results"], f"{path}: no row to check"
        _validate(document, operation, "200", body)


@pytest.mark.parametrize("query", ["status=any", "nationality=es&ordering=-name", "kind=alias"])
def test_filtered_lists_match_too(client, world, query):
    document = _document(client)
    path = "/facts/" if "kind" in query else "/people/"
    response = client.get(f"/en{path}?{query}&format=json")
    _validate(document, document["paths"][path]["get"], "200", _body(response))


def test_a_bad_parameter_answers_with_the_described_error(client, world):
    document = _document(client)
    response = client.get("/en/people/?format=json&status=nonsense")
    assert response.status_code == 400
    _validate(document, document["paths"]["/people/"]["get"], "400", response.json())


def test_every_json_endpoint_of_the_site_is_described(client, world):
    """Every view that renders a list or detail through the JSON-capable flow is in the
    document: a new one fails here until it is described."""
    described = {endpoint.name for endpoint in openapi.ENDPOINTS}
    pages = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace in ("releases", "sources") or not pattern.namespace:
                    walk(pattern.url_patterns, pattern.namespace or "")
            elif isinstance(pattern, URLPattern) and namespace:
                pages.add(f"{namespace}:{pattern.name}")

    walk(get_resolver().url_patterns)
    not_json = {
        "releases:home",
        "releases:about",
        "releases:api",
        "releases:openapi",
        "releases:data",
        "releases:datapackage",
        "releases:data_table",
        "releases:annotations",
        "releases:fact_annotations",
        "releases:annotation",
        "releases:changes",
        "releases:feed",
        "releases:subject_feed",
        "sources:text",
        "sources:capture",
        "sources:annotations",
    }
    assert pages - not_json == described


def test_parameters_come_from_the_lists_filters_in_the_pages_language(client, world):
    english = _document(client, "/en")["paths"]["/people/"]["get"]["parameters"]
    spanish = _document(client, "/es")["paths"]["/people/"]["get"]["parameters"]
    names = [p["name"] for p in english]
    assert {"format", "q", "status", "nationality", "released_from", "ordering"} <= set(names)
    status = next(p for p in english if p["name"] == "status")
    assert "any" in status["schema"]["enum"] and "released" in status["schema"]["enum"]
    assert next(p for p in spanish if p["name"] == "status")["description"] == "Situación"


def test_the_readable_page_shows_every_endpoint(client, world, django_assert_num_queries):
    with django_assert_num_queries(1):
        page = client.get("/en/api/").content.decode()
    for endpoint in openapi.ENDPOINTS:
        assert f"GET {endpoint.path}?format=json" in page
    assert 'href="/en/api/openapi.json"' in page
    assert "Parámetros" in client.get("/es/api/").content.decode()
