"""The JSON API described: an OpenAPI 3.1 document (``/api/openapi.json``) and a readable
page of it (``/api/``), for every ``?format=json`` list and detail.

The parameters are read from the lists' own FilterSets (a filter added to a list appears
here, with its label in the page's language); the response schemas are written here, beside
the records they describe (``releases.records``), and kept true by a test that validates
real responses against them and by a fuzzer (schemathesis) that runs in CI.
"""

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django_filters import ChoiceFilter, DateFilter, Filter, FilterSet, OrderingFilter

from releases.models import ALL_PARTS, PART_LABELS, Certainty, CountClaim, Role, Status
from sources.dates import DatePrecision
from web.caching import cached_page
from web.filters import (
    ArticleFilter,
    CountFilter,
    CountryFilter,
    EventFilter,
    FacilityFilter,
    FactFilter,
    PersonFilter,
)

# A JSON Schema, or any other object of the document.
Schema = dict[str, Any]


def _nullable(kind: str, **more: object) -> Schema:
    return {"type": [kind, "null"], **more}


# A curator's words in every language beside the field itself ("title_i18n": {"en": …,
# "es": …}; releases.records.translated), for the fields that are translated.
_IN_EVERY_LANGUAGE = {
    "type": "object",
    "properties": {"en": {"type": ["string", "null"]}, "es": {"type": ["string", "null"]}},
    "required": ["en", "es"],
    "additionalProperties": False,
}


def _object(properties: Schema, *, required: list[str] | None = None) -> Schema:
    """An object with exactly these properties, all present (a record always has every
    key; a missing value is null), and the translations of its translated fields."""
    return {
        "type": "object",
        "properties": properties,
        "patternProperties": {"_i18n$": _IN_EVERY_LANGUAGE},
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
    }


def _ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def _list_of(name: str) -> Schema:
    return {"type": "array", "items": _ref(name)}


_PRECISION = {"type": "string", "enum": list(DatePrecision.values)}
_PARTIAL_DATE = _nullable("string", pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
_URL = {"type": "string", "format": "uri"}


def _fact(**properties: Schema) -> Schema:
    """A fact: its own values, how certain, who says so, and at least one citation."""
    return _object(
        {
            **properties,
            "certainty": {"type": "string", "enum": list(Certainty.values)},
            "attributed_to": _nullable("string"),
            "citations": {"type": "array", "items": _ref("Citation"), "minItems": 1},
        }
    )


_SLUG = {"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$"}
_COUNT_FIELDS = {
    "id": {"type": "integer"},
    "value": _nullable("integer", minimum=0),
    "qualifier": {"type": "string", "enum": list(CountClaim.Qualifier.values)},
    "value_text": {"type": "string"},
    "subject": {"type": "string"},
    "metric": {"type": "string", "enum": list(CountClaim.Metric.values)},
    "claimed_by": {"type": "string"},
    "verification": {"type": "string", "enum": list(CountClaim.Verification.values)},
    "country": _nullable("string", pattern="^[A-Z]{2}$"),
    "event": _nullable("string"),
    "as_of": _PARTIAL_DATE,
    "as_of_precision": _PRECISION,
    "as_of_text": _nullable("string"),
    "note": _nullable("string"),
}
_ARTICLE_FIELDS = {
    "slug": _SLUG,
    "url": _URL,
    "title": _nullable("string"),
    "outlet": _nullable("string"),
    "article_url": _nullable("string"),
    "published": _nullable("string", format="date"),
    "published_precision": _PRECISION,
    "published_text": _nullable("string"),
    "wire_agency": _nullable("string"),
    "story_origin": {"type": "string"},
    "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
    "passage_count": {"type": "integer", "minimum": 0},
}
_STATUSES = {"type": "string", "enum": list(Status.values)}
_PERSON_FIELDS = {
    "name": {"type": "string"},
    "slug": _SLUG,
    "url": _URL,
    "is_named": {"type": "boolean"},
    # How the sources describe someone they don't name, in the curators' words.
    "description": _nullable("string"),
    "aliases": {"type": "array", "items": _fact(name={"type": "string"})},
    "status": _STATUSES,
    "detainee": {"type": "boolean"},
    "status_citations": _list_of("Citation"),
    "nationalities": {
        "type": "array",
        "items": _fact(code={"type": "string", "pattern": "^[A-Z]{2}$"}, name={"type": "string"}),
    },
    "facilities": {"type": "array", "items": _fact(name={"type": "string"}, slug=_SLUG)},
    "releases": {
        "type": "array",
        "items": _fact(
            event=_nullable("string"),
            date=_PARTIAL_DATE,
            date_precision=_PRECISION,
            with_conditions={"type": "boolean"},
        ),
    },
    "detentions": {
        "type": "array",
        "items": _fact(
            facility=_nullable("string"),
            since=_PARTIAL_DATE,
            since_precision=_PRECISION,
            reason=_nullable("string"),
        ),
    },
    "roles": {
        "type": "array",
        "items": _fact(
            kind={"type": "string", "enum": list(Role.RoleKind.values)},
            title={"type": "string"},
            event=_nullable("string"),
        ),
    },
    "status_history": {
        "type": "array",
        "items": _fact(status=_STATUSES, date=_PARTIAL_DATE, date_precision=_PRECISION),
    },
}
_COUNTRY_FIELDS = {
    "code": {"type": "string", "pattern": "^[A-Z]{2}$"},
    "name": {"type": "string"},
    "url": _URL,
    "people_count": {"type": "integer", "minimum": 0},
    "counts": _list_of("Count"),
}

SCHEMAS: dict[str, Schema] = {
    "Citation": _object(
        {
            "article": _SLUG,
            "quote": {"type": "string", "minLength": 1},
            "start": {"type": "integer", "minimum": 0},
            "end": {"type": "integer", "minimum": 1},
            "url": _URL,
            "outlet": _nullable("string"),
            "published": _nullable("string", format="date"),
            "published_precision": _PRECISION,
            "article_url": _nullable("string"),
            "original_url": _nullable("string"),
            # What the quote supports: "all", or the parts a curator chose ("claim" is
            # the claim itself; see releases.models.PART_LABELS).
            "supports": {
                "type": "array",
                "items": {"type": "string", "enum": [ALL_PARTS, *PART_LABELS]},
                "minItems": 1,
            },
            # A translation of the quote, never instead of it (sources.Passage).
            "translation": {
                "oneOf": [
                    {"type": "null"},
                    _object(
                        {
                            "text": {"type": "string"},
                            "language": {"type": "string"},
                            "translated_by": {"type": "string"},
                            "method": {"type": "string"},
                        }
                    ),
                ]
            },
        }
    ),
    "Count": _fact(**_COUNT_FIELDS),
    "Person": _object(_PERSON_FIELDS),
    "PersonDetail": _object(
        {
            **_PERSON_FIELDS,
            "mentions": {"type": "array", "items": _fact()},
            "counts_claimed": _list_of("Count"),
        }
    ),
    "Facility": _object(
        {
            "name": {"type": "string"},
            "slug": _SLUG,
            "url": _URL,
            "city": _nullable("string"),
            "description": _nullable("string"),
            "people_count": {"type": "integer", "minimum": 0},
            "freed_count": {"type": "integer", "minimum": 0},
            "citations": {"type": "array", "items": _ref("Citation"), "minItems": 1},
        }
    ),
    "Nationality": _object(_COUNTRY_FIELDS),
    "NationalityDetail": _object(
        {
            **_COUNTRY_FIELDS,
            "people": {"type": "array", "items": _fact(name={"type": "string"}, slug=_SLUG)},
        }
    ),
    "Event": _object(
        {
            "slug": _SLUG,
            "title": {"type": "string"},
            "url": _URL,
            "date": _PARTIAL_DATE,
            "date_precision": _PRECISION,
            "date_text": _nullable("string"),
            "date_note": _nullable("string"),
            "description": _nullable("string"),
            "announced_by": {
                "type": "array",
                "items": _fact(name={"type": "string"}, slug=_SLUG, title={"type": "string"}),
            },
            "counts": _list_of("Count"),
            "citations": {"type": "array", "items": _ref("Citation"), "minItems": 1},
        }
    ),
    "Source": _object(_ARTICLE_FIELDS),
    "SourceDetail": _object(
        {
            **_ARTICLE_FIELDS,
            # The capture the text came from (sources.Capture), when it was fetched.
            "capture": {"type": ["object", "null"]},
            "text": {"type": "string"},
            "boilerplate": {
                "type": "array",
                "items": _object(
                    {
                        "start": {"type": "integer", "minimum": 0},
                        "end": {"type": "integer", "minimum": 1},
                        "kind": {"type": "string"},
                        "note": {"type": "string"},
                    }
                ),
            },
            "passages": {
                "type": "array",
                "items": _object(
                    {
                        "id": {"type": "integer"},
                        "start": {"type": "integer", "minimum": 0},
                        "end": {"type": "integer", "minimum": 1},
                        "quote": {"type": "string", "minLength": 1},
                        "url": _URL,
                    }
                ),
            },
        }
    ),
    "FactRow": _object(
        {
            "person": {"type": "string"},
            "person_url": _URL,
            "kind": {"type": "string"},
            "fact_id": {"type": "integer"},
            "value": _nullable("string"),
            "detail": _nullable("string"),
            "facility": _nullable("string"),
            "event": _nullable("string"),
            "date": _PARTIAL_DATE,
            "date_precision": _nullable("string", enum=[*DatePrecision.values, None]),
            "certainty": {"type": "string", "enum": list(Certainty.values)},
            "attributed_to": _nullable("string"),
            "note": _nullable("string"),
            "quote": {"type": "string", "minLength": 1},
            # The quote's translation, if it has one, and who made it how (releases.records).
            "quote_translation": _nullable("string"),
            "quote_translation_language": _nullable("string"),
            "quote_translation_by": _nullable("string"),
            "quote_translation_method": _nullable("string"),
            "supports": {"type": "string", "minLength": 1},
            "outlet": _nullable("string"),
            "article": _SLUG,
            "article_title": _nullable("string"),
            "article_date": _nullable("string", format="date"),
            "article_date_precision": _PRECISION,
            "article_url": _nullable("string"),
            "original_url": _nullable("string"),
            # The capture of the page the article was read from, if it was (sources.Capture).
            "capture_url": _nullable("string", format="uri"),
            "capture_sha256": _nullable("string", pattern="^[0-9a-f]{64}$"),
            "passage_url": _URL,
        }
    ),
    "Errors": _object(
        {
            "errors": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            }
        }
    ),
}


@dataclass(frozen=True)
class Endpoint:
    path: str
    name: str
    summary: Promise
    schema: str
    filterset: type[FilterSet] | None = None
    # A detail page: its path parameter and the pattern it takes.
    key: tuple[str, str] | None = None

    @property
    def operation_id(self) -> str:
        return self.name.replace(":", "_")


ENDPOINTS = [
    Endpoint("/people/", "releases:person_list", _("People"), "Person", PersonFilter),
    Endpoint(
        "/people/{slug}/",
        "releases:person_detail",
        _("One person, every fact with its citations"),
        "PersonDetail",
        key=("slug", _SLUG["pattern"]),
    ),
    Endpoint("/facilities/", "releases:facility_list", _("Facilities"), "Facility", FacilityFilter),
    Endpoint(
        "/facilities/{slug}/",
        "releases:facility_detail",
        _("One facility"),
        "Facility",
        key=("slug", _SLUG["pattern"]),
    ),
    Endpoint(
        "/nationalities/",
        "releases:nationality_list",
        _("Nationalities"),
        "Nationality",
        CountryFilter,
    ),
    Endpoint(
        "/nationalities/{code}/",
        "releases:nationality_detail",
        _("One nationality and its first named people"),
        "NationalityDetail",
        key=("code", "^[a-z]{2}$"),
    ),
    Endpoint("/events/", "releases:event_list", _("Release events"), "Event", EventFilter),
    Endpoint(
        "/events/{slug}/",
        "releases:event_detail",
        _("One release event"),
        "Event",
        key=("slug", _SLUG["pattern"]),
    ),
    Endpoint("/numbers/", "releases:count_list", _("Counts"), "Count", CountFilter),
    Endpoint(
        "/facts/", "releases:fact_list", _("Every fact, once per citation"), "FactRow", FactFilter
    ),
    Endpoint("/sources/", "sources:list", _("Source articles"), "Source", ArticleFilter),
    Endpoint(
        "/sources/{slug}/",
        "sources:detail",
        _("One source article, its verbatim text and its cited passages"),
        "SourceDetail",
        key=("slug", _SLUG["pattern"]),
    ),
]


def _filter_schema(field: Filter) -> Schema:
    if isinstance(field, OrderingFilter):
        names = list(field.param_map or {})
        return {"type": "string", "enum": [*names, *(f"-{name}" for name in names)]}
    if isinstance(field, ChoiceFilter):
        choices = field.extra.get("choices")
        if callable(choices):  # read from the record: its menu on the page lists them
            return {"type": "string", "maxLength": 200}
        return {"type": "string", "enum": [str(value) for value, _label in choices or ()]}
    if isinstance(field, DateFilter):
        return {"type": "string", "format": "date"}
    return {"type": "string", "maxLength": field.extra.get("max_length") or 200}


def _parameters(endpoint: Endpoint) -> list[Schema]:
    parameters = [
        {
            "name": "format",
            "in": "query",
            "required": True,
            "description": gettext("The JSON twin of the page."),
            "schema": {"type": "string", "enum": ["json"]},
        }
    ]
    if endpoint.key:
        name, pattern = endpoint.key
        parameters.insert(
            0,
            {
                "name": name,
                "in": "path",
                "required": True,
                "schema": {"type": "string", "pattern": pattern, "maxLength": 120},
            },
        )
    for name, field in (endpoint.filterset.base_filters if endpoint.filterset else {}).items():
        if field is None:
            continue
        parameters.append(
            {
                "name": name,
                "in": "query",
                "required": False,
                "description": str(field.label or name),
                "schema": _filter_schema(field),
            }
        )
    return parameters


# What a page or a CSV export says when it refuses a request.
_PAGE = {"schema": {"type": "string"}}
_TEXT = {"text/html": _PAGE, "text/plain": _PAGE}


def _json(schema: Schema) -> Schema:
    return {"application/json": {"schema": schema}}


def _operation(endpoint: Endpoint) -> Schema:
    if endpoint.filterset:
        ok = _object(
            {
                "count": {"type": "integer", "minimum": 0},
                "last_changed": _nullable("string", format="date-time"),
                "results": _list_of(endpoint.schema),
            }
        )
        described = gettext("Every matching row (not one page), with the page's filters and order.")
    else:
        ok = _ref(endpoint.schema)
        described = gettext("The record the page shows.")
    responses = {
        # Without format=json the address is the page itself.
        "200": {"description": described, "content": {**_json(ok), "text/html": _PAGE}},
        "400": {
            "description": gettext(
                "A parameter is not valid: each error says why (as a page when the format "
                "asked for is not one the address knows)."
            ),
            "content": {**_json(_ref("Errors")), **_TEXT},
        },
    }
    if endpoint.key:
        responses["404"] = {"description": gettext("Nothing has this address."), "content": _TEXT}
    if endpoint.name == "releases:person_detail":
        responses["301"] = {"description": gettext("A person merged into another: their page.")}
    return {
        "operationId": endpoint.operation_id,
        "summary": str(endpoint.summary),
        "parameters": _parameters(endpoint),
        "responses": responses,
    }


def document(request: HttpRequest) -> Schema:
    # The mount asked (/en, /es or none): links in the responses are in its language.
    match = request.resolver_match
    home = reverse("releases:home", current_app=match.namespace if match else None)
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": gettext("Detainee releases, with receipts"),
            "version": "1",
            "description": gettext(
                "The record's JSON: every list and detail page answers ?format=json. Every "
                "fact carries its citations: the article, the quote and its offsets in the "
                "article's stored text."
            ),
        },
        "servers": [{"url": request.build_absolute_uri(home).rstrip("/")}],
        "paths": {endpoint.path: {"get": _operation(endpoint)} for endpoint in ENDPOINTS},
        "components": {"schemas": SCHEMAS},
    }


@require_safe
@cached_page()
def openapi_json(request: HttpRequest) -> HttpResponse:
    return JsonResponse(document(request), json_dumps_params={"ensure_ascii": False})


@require_safe
@cached_page()
def api_page(request: HttpRequest) -> HttpResponse:
    described = document(request)
    operations = [{"path": path, **methods["get"]} for path, methods in described["paths"].items()]
    return render(request, "web/api.html", {"api": described, "operations": operations})
