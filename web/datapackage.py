"""The whole record as a Frictionless Data Package: ``/data/datapackage.json`` describes a
table schema per resource (primary and foreign keys included), and each resource is a CSV
at ``/data/<version>/<name>.csv``.

Versioned by the data version: the descriptor names the version and when it was made, and
its CSV paths carry it, so that a reader never mixes two versions: a CSV asked for at a
version that is no longer current answers 410 Gone (fetch the descriptor again). The
descriptor is a cached page; each CSV is streamed from the database a chunk at a time
(constant memory, a few queries per chunk, no per-row query), never built whole.

Cells are the stored values, not neutralised for spreadsheets (the lists' own
``?format=csv`` are): a quote must stay byte for byte its article's text at its offsets,
which the package lets anyone check (``citations`` against ``articles.text``).
"""

import datetime
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from releases.derived import data_version
from releases.exports import INCOMPLETE, guarded
from releases.models import (
    CITED_MODELS,
    Alias,
    Cited,
    Citizenship,
    CountClaim,
    Country,
    Detention,
    Facility,
    FacilityReport,
    Fact,
    Mention,
    Person,
    Release,
    ReleaseEvent,
    Role,
    StatusChange,
    supported_parts,
)
from releases.translation import LANGUAGES, is_translated_path
from sources.dates import iso_partial_date
from sources.models import Passage, SourceArticle
from sources.tabular import csv_line
from web.caching import cached_page, entity_tag, mark, not_modified, validators

CHUNK = 2000
PARTIAL_DATE = {"pattern": r"\d{4}(-\d{2}(-\d{2})?)?"}

# A table's row: its cells' values as the database gives them (``_cell`` writes them).
Cells = list[object]


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    constraints: Mapping[str, object] = field(default_factory=dict)

    def schema(self) -> dict[str, object]:
        described = {"name": self.name, "type": self.type, "description": self.description}
        return described | ({"constraints": self.constraints} if self.constraints else {})


# Curators' words are in the page's language, with the other's as fallback; each also has a
# column per language at the end of its table ("title_en", "title_es"), the value written
# in that language only.
_LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}


def _in_languages(*names: str) -> list[Column]:
    return [
        Column(
            f"{name}_{lang}",
            "string",
            f"{name} as written in {_LANGUAGE_NAMES[lang]}; empty when it is not.",
        )
        for name in names
        for lang in LANGUAGES
    ]


def _language_paths(*names: str) -> tuple[str, ...]:
    return tuple(f"{name}_{lang}" for name in names for lang in LANGUAGES)


def _id(description: str = "Row id, stable across versions.") -> Column:
    return Column("id", "integer", description, {"required": True, "unique": True})


def _ref(name: str, description: str, kind: str = "integer") -> Column:
    """A column that names a row of another resource (see the resource's foreign keys)."""
    return Column(name, kind, description)


def _partial(name: str, description: str) -> Column:
    return Column(
        name,
        "string",
        f"{description} As precise as the source: YYYY, YYYY-MM or YYYY-MM-DD.",
        PARTIAL_DATE,
    )


_PRECISION = "How precisely the source gives the date: day, month, year or unknown."
_CERTAINTY = [
    Column("certainty", "string", "stated, or implied (the text suggests it without saying it)."),
    Column("attributed_to", "string", "Who the text says makes the claim, when it says."),
    Column("note", "string", "Public note on how the fact was read."),
]


@dataclass(frozen=True)
class Resource:
    name: str
    title: Promise
    description: Promise
    columns: list[Column]
    rows: Callable[[], Iterable[Cells]]
    primary_key: list[str] = field(default_factory=lambda: ["id"])
    # (column, resource, its column)
    foreign_keys: list[tuple[str, str, str]] = field(default_factory=list)

    def descriptor(self, version: int) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "fields": [column.schema() for column in self.columns],
            "primaryKey": self.primary_key,
            "missingValues": [""],
        }
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": column, "reference": {"resource": resource, "fields": other}}
                for column, resource, other in self.foreign_keys
            ]
        return {
            "name": self.name,
            "title": str(self.title),
            "description": str(self.description),
            "path": f"{version}/{self.name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": schema,
        }


def _cell(value: object) -> str:
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def _values(queryset: QuerySet[Any], *paths: str) -> Iterator[tuple[Any, ...]]:
    return queryset.order_by("pk").values_list(*paths).iterator(chunk_size=CHUNK)


# -- Rows ------------------------------------------------------------------------------------

# The columns of curators' words in each table, given again per language at its end.
_PERSON_TRANSLATED = ("description",)
_FACILITY_TRANSLATED = ("description",)
_EVENT_TRANSLATED = ("title", "date_note")
_FACT_TRANSLATED = ("title", "reason", "text", "attributed_to", "note")
_COUNT_TRANSLATED = ("subject", "claimed_by", "attributed_to", "note")


def _countries() -> Iterator[Cells]:
    for code, name, demonym in _values(Country.objects.all(), "code", "name", "demonym"):
        yield [code, name, demonym]


def _people() -> Iterator[Cells]:
    people = Person.objects.filter(is_public=True)
    paths = ("pk", "slug", "name", "is_named", "status", "description")
    for row in _values(people, *paths, *_language_paths(*_PERSON_TRANSLATED)):
        yield list(row)


def _referenced[C: Cited](model: type[C], facts: list[tuple[type[Fact], str]]) -> QuerySet[C]:
    """Public rows of ``model``, and the others a public fact names (a release from an
    event that cites nothing of its own): a foreign key never points at a missing row."""
    named = Q(is_public=True)
    for fact, path in facts:
        named |= Q(
            pk__in=fact.objects.published().filter(**{f"{path}__isnull": False}).values(path)
        )
    return model.objects.filter(named)


def _facilities() -> Iterator[Cells]:
    facilities = _referenced(
        Facility,
        [
            (Detention, "facility"),
            (Release, "facility"),
            (FacilityReport, "facility"),
            (Mention, "facility"),
        ],
    )
    paths = ("pk", "slug", "name", "city", "description", "is_public")
    for row in _values(facilities, *paths, *_language_paths(*_FACILITY_TRANSLATED)):
        yield list(row)


def _events() -> Iterator[Cells]:
    events = _referenced(
        ReleaseEvent,
        [(Release, "event"), (Role, "event"), (FacilityReport, "event"), (CountClaim, "event")],
    )
    paths = ("pk", "slug", "title", "date", "date_precision", "date_text", "date_note", "is_public")
    languages = _language_paths(*_EVENT_TRANSLATED)
    for pk, slug, title, date, precision, text, note, public, *words in _values(
        events, *paths, *languages
    ):
        date = iso_partial_date(date, precision)
        yield [pk, slug, title, date, precision, text, note, public, *words]


def _articles() -> Iterator[Cells]:
    paths = (
        "pk",
        "slug",
        "title",
        "outlet",
        "url",
        "language",
        "published_on",
        "published_precision",
        "published_text",
        "wire_agency",
        "story_origin",
        "sha256",
        "capture__sha256",
        "capture__retrieved_at",
        "text",
    )
    for row in _values(SourceArticle.objects.all(), *paths):
        values = list(row)
        values[6] = iso_partial_date(row[6], row[7])
        values[10] = row[10] or row[1]  # reprints of one story share it; else the slug
        values[13] = row[13].isoformat() if row[13] else None
        yield values


def _passages() -> Iterator[Cells]:
    for row in _values(Passage.objects.valid(), "pk", "article", "start", "end", "quote"):
        yield list(row)


# The facts: one table for every kind of fact but counts (which have their own), each
# kind filling the columns it has. A value of (date, precision) paths is a partial date.
_FACT_COLUMNS = (
    "person_id",
    "facility_id",
    "event_id",
    "country",
    "name",
    "role",
    "title",
    "status",
    "date",
    "date_precision",
    "date_text",
    "reason",
    "text",
)
_FACT_SOURCES: dict[type[Fact], dict[str, str | tuple[str, str]]] = {
    Alias: {"person_id": "person", "name": "name"},
    Citizenship: {"person_id": "person", "country": "country__code"},
    Role: {"person_id": "person", "role": "kind", "title": "title", "event_id": "event"},
    Detention: {
        "person_id": "person",
        "facility_id": "facility",
        "date": ("since", "since_precision"),
        "date_precision": "since_precision",
        "date_text": "since_text",
        "reason": "reason",
    },
    Release: {
        "person_id": "person",
        "event_id": "event",
        "facility_id": "facility",
        "date": ("date", "date_precision"),
        "date_precision": "date_precision",
    },
    StatusChange: {
        "person_id": "person",
        "status": "status",
        "date": ("date", "date_precision"),
        "date_precision": "date_precision",
        "date_text": "date_text",
    },
    FacilityReport: {"facility_id": "facility", "event_id": "event", "text": "text"},
    Mention: {"person_id": "person", "facility_id": "facility", "country": "country__code"},
}


def record_id(model: type[Cited], pk: int) -> str:
    """A cited record's id in the package ("release-12"): its kind and primary key, as in
    its anchor on the site and its annotations' addresses."""
    return f"{model._meta.model_name}-{pk}"


def _fact_status(model: type[Fact], values: dict[str, Any]) -> str | None:
    if model is Detention:
        return "detained"
    if model is Release:
        return "released_conditions" if values.pop("with_conditions") else "released"
    return values.get("status")


def _facts() -> Iterator[Cells]:
    for model, sources in _FACT_SOURCES.items():
        # The fact's own field for each column of curators' words it fills.
        fields = {c: sources.get(c, c) for c in _FACT_TRANSLATED}
        translated = [
            c for c, f in fields.items() if isinstance(f, str) and is_translated_path(model, f)
        ]
        paths = sorted(
            {p for s in sources.values() for p in ((s,) if isinstance(s, str) else s)}
            | {"pk", "certainty", "attributed_to", "note"}
            | ({"with_conditions"} if model is Release else set())
            | {f"{fields[c]}_{lang}" for c in translated for lang in LANGUAGES}
        )
        for row in _values(model.objects.published(), *paths):
            values = dict(zip(paths, row, strict=True))
            cells: Cells = [record_id(model, values["pk"]), model._meta.model_name]
            for column in _FACT_COLUMNS:
                source = sources.get(column)
                if column == "status":
                    cells.append(_fact_status(model, values))
                elif isinstance(source, tuple):
                    cells.append(iso_partial_date(values[source[0]], values[source[1]]))
                else:
                    cells.append(values[source] if source else None)
            words = [
                values[f"{fields[c]}_{lang}"] if c in translated else None
                for c in _FACT_TRANSLATED
                for lang in LANGUAGES
            ]
            yield [*cells, values["certainty"], values["attributed_to"], values["note"], *words]


def _counts() -> Iterator[Cells]:
    paths = (
        "pk",
        "metric",
        "subject",
        "value",
        "qualifier",
        "value_text",
        "claimed_by",
        "verification",
        "country__code",
        "event",
        "as_of",
        "as_of_precision",
        "as_of_text",
        "certainty",
        "attributed_to",
        "note",
    )
    languages = _language_paths(*_COUNT_TRANSLATED)
    for row in _values(CountClaim.objects.published(), *paths, *languages):
        values = list(row)
        values[10] = iso_partial_date(row[10], row[11])
        yield values


# Which column of the citations table names a record of each cited model.
_CITING_COLUMN = {Facility: "facility_id", ReleaseEvent: "event_id", CountClaim: "count_id"}
_CITATION_COLUMNS = ("record", "fact_id", "count_id", "facility_id", "event_id")


def _citations() -> Iterator[Cells]:
    for model in CITED_MODELS:
        owner = model.citations_owner()
        rows = model.citations.through._default_manager.filter(
            **{f"{owner}__is_public": True}, passage__is_valid=True
        )
        paths = (
            owner,
            f"{owner}__cited_parts",
            "passage",
            "passage__article",
            "passage__start",
            "passage__end",
            "passage__quote",
        )
        column = _CITING_COLUMN.get(model, "fact_id")
        for pk, parts, passage, article, start, end, quote in _values(rows, *paths):
            record = record_id(model, pk)
            key = {"fact_id": record, "count_id": pk, "facility_id": pk, "event_id": pk}
            owners = [key[c] if c == column else None for c in _CITATION_COLUMNS[1:]]
            supports = " ".join(supported_parts(parts or {}, passage))
            yield [record, *owners, passage, article, start, end, quote, supports]


# -- The resources -----------------------------------------------------------------------------

RESOURCES = [
    Resource(
        "countries",
        _("Countries"),
        _("Nationalities, by ISO 3166-1 alpha-2 code (reference data, cited by nothing)."),
        [
            Column(
                "code",
                "string",
                "ISO 3166-1 alpha-2, upper case.",
                {"required": True, "unique": True},
            ),
            Column("name", "string", "The country's English name."),
            Column("demonym", "string", "What its citizens are called, in English."),
        ],
        _countries,
        primary_key=["code"],
    ),
    Resource(
        "people",
        _("People"),
        _(
            "Everyone a public fact is about: detainees, and "
            "the officials and relatives the sources name."
        ),
        [
            _id(),
            Column(
                "slug",
                "string",
                "The person's page is /people/<slug>/.",
                {"required": True, "unique": True},
            ),
            Column(
                "name",
                "string",
                "As the sources print it, or a description when they give no name.",
            ),
            Column(
                "is_named",
                "boolean",
                "false when the sources describe the person without naming them.",
            ),
            Column(
                "status",
                "string",
                "Derived from dated facts: released, released_conditions, "
                "detained, redetained, died_in_custody, unknown.",
            ),
            Column(
                "description",
                "string",
                "For a person the sources do not name: who they are, in our words.",
            ),
            *_in_languages(*_PERSON_TRANSLATED),
        ],
        _people,
    ),
    Resource(
        "facilities",
        _("Facilities"),
        _("Places where detainees were held."),
        [
            _id(),
            Column(
                "slug",
                "string",
                "The facility's page is /facilities/<slug>/.",
                {"required": True, "unique": True},
            ),
            Column("name", "string", "Its name."),
            Column("city", "string", "Where it is, as its citations say."),
            Column("description", "string", "What its citations say it is."),
            Column(
                "cited",
                "boolean",
                "false for a place that only a fact about a "
                "person names (it cites nothing of its own).",
            ),
            *_in_languages(*_FACILITY_TRANSLATED),
        ],
        _facilities,
    ),
    Resource(
        "events",
        _("Release events"),
        _("Releases as the sources describe them (a wave, a batch)."),
        [
            _id(),
            Column(
                "slug",
                "string",
                "The event's page is /events/<slug>/.",
                {"required": True, "unique": True},
            ),
            Column("title", "string", "Its title."),
            _partial("date", "When it happened."),
            Column("date_precision", "string", _PRECISION),
            Column("date_text", "string", "The words the date comes from."),
            Column("date_note", "string", "How the date was worked out from them."),
            Column(
                "cited",
                "boolean",
                "false for an event that only a fact names (it cites nothing of its own).",
            ),
            *_in_languages(*_EVENT_TRANSLATED),
        ],
        _events,
    ),
    Resource(
        "articles",
        _("Articles"),
        _("The sources, with their verbatim text: every passage's quote is text[start:end]."),
        [
            _id(),
            Column(
                "slug",
                "string",
                "The article's page is /sources/<slug>/.",
                {"required": True, "unique": True},
            ),
            Column("title", "string", "Headline as printed; empty if the copy has none."),
            Column("outlet", "string", "Empty when unknown."),
            Column("url", "string", "The original page, when known."),
            Column("language", "string", "Language of the text."),
            _partial("published", "When it was published."),
            Column("published_precision", "string", _PRECISION),
            Column("published_text", "string", "The words of the copy the date comes from."),
            Column("wire_agency", "string", "The agency the text names as the origin of the copy."),
            Column(
                "story_origin",
                "string",
                "Articles with the same value reprint one "
                "story and count as one independent origin.",
            ),
            Column(
                "sha256",
                "string",
                "SHA-256 of the text, UTF-8 encoded.",
                {"pattern": "[0-9a-f]{64}"},
            ),
            Column(
                "capture_sha256",
                "string",
                "SHA-256 of the page's bytes as fetched, when the text was read from a page: "
                "its capture (a WARC record) downloads at /sources/<slug>/capture.warc.gz. "
                "Empty for a pasted text.",
                {"pattern": "[0-9a-f]{64}"},
            ),
            Column(
                "capture_retrieved_at",
                "datetime",
                "When the captured page was fetched; empty for a pasted text.",
            ),
            Column("text", "string", "The stored text, verbatim (page chrome included)."),
        ],
        _articles,
    ),
    Resource(
        "passages",
        _("Passages"),
        _("The exact words that facts cite: an article's text from start to end."),
        [
            _id(),
            _ref("article_id", "The article (articles.id)."),
            Column(
                "start",
                "integer",
                "Offset of the first character (Unicode code points, from 0).",
                {"minimum": 0},
            ),
            Column("end", "integer", "Offset just past the last character.", {"minimum": 1}),
            Column("quote", "string", "text[start:end] of the article."),
        ],
        _passages,
        foreign_keys=[("article_id", "articles", "id")],
    ),
    Resource(
        "facts",
        _("Facts"),
        _(
            "Every public fact but counts: aliases, nationalities, roles, detentions, "
            "releases, changes of situation, facility reports and mentions."
        ),
        [
            Column(
                "id",
                "string",
                "kind-number, as in the fact's anchor on its page (#fact-<id>).",
                {"required": True, "unique": True},
            ),
            Column(
                "kind",
                "string",
                "alias, citizenship, role, detention, release, "
                "statuschange, facilityreport or mention.",
            ),
            _ref("person_id", "Who the fact is about (people.id)."),
            _ref("facility_id", "The facility it names (facilities.id)."),
            _ref("event_id", "The release event it names (events.id)."),
            _ref("country", "The nationality (countries.code).", "string"),
            Column("name", "string", "An alias: the other name."),
            Column(
                "role",
                "string",
                "A role's kind: description, announcer, claimant, commenter, relative.",
            ),
            Column("title", "string", "A role in the source's words."),
            Column(
                "status",
                "string",
                "The situation the fact puts the person in (detentions, "
                "releases, changes of situation).",
            ),
            _partial("date", "When (a detention's since, a release's or a change's date)."),
            Column("date_precision", "string", _PRECISION),
            Column("date_text", "string", "The words the date comes from."),
            Column(
                "reason", "string", "A detention's charge or grounds, as the source gives them."
            ),
            Column("text", "string", "A facility report: what happened."),
            *_CERTAINTY,
            *_in_languages(*_FACT_TRANSLATED),
        ],
        _facts,
        foreign_keys=[
            ("person_id", "people", "id"),
            ("facility_id", "facilities", "id"),
            ("event_id", "events", "id"),
            ("country", "countries", "code"),
        ],
    ),
    Resource(
        "counts",
        _("Counts"),
        _("Numbers of people as each claimant gives them, never summed across claimants."),
        [
            _id(),
            Column(
                "metric", "string", "What is counted: released, still_held or held (at some point)."
            ),
            Column("subject", "string", "Who is counted."),
            Column("value", "integer", "The number; empty when the source gives none ('dozens')."),
            Column(
                "qualifier", "string", "exact, approximate, at_least, more_than or unspecified."
            ),
            Column("value_text", "string", "The source's words for the number."),
            Column("claimed_by", "string", "Who gives the number."),
            Column(
                "verification",
                "string",
                "unverified (claimed or estimated) or confirmed (by the claimant).",
            ),
            _ref(
                "country", "The nationality counted (countries.code); empty for everyone.", "string"
            ),
            _ref("event_id", "The release event counted (events.id)."),
            _partial("as_of", "The date the number counts up to."),
            Column("as_of_precision", "string", _PRECISION),
            Column("as_of_text", "string", "The words the date comes from."),
            *_CERTAINTY,
            *_in_languages(*_COUNT_TRANSLATED),
        ],
        _counts,
        foreign_keys=[("country", "countries", "code"), ("event_id", "events", "id")],
    ),
    Resource(
        "citations",
        _("Citations"),
        _("Which passage supports which record: one row per record and passage."),
        [
            Column("record", "string", "The record cited for (kind-number)."),
            _ref("fact_id", "A fact (facts.id).", "string"),
            _ref("count_id", "A count (counts.id)."),
            _ref("facility_id", "A facility's own description (facilities.id)."),
            _ref("event_id", "An event's own date and description (events.id)."),
            _ref("passage_id", "The passage (passages.id)."),
            _ref("article_id", "Its article (articles.id)."),
            Column(
                "start", "integer", "The passage's start in the article's text.", {"minimum": 0}
            ),
            Column("end", "integer", "The passage's end.", {"minimum": 1}),
            Column("quote", "string", "The article's text[start:end]."),
            Column(
                "supports",
                "string",
                "What the quote supports: all, or the parts a curator chose, space-separated "
                "(claim: the claim itself; facility, date, title…: one of its values).",
                {"required": True},
            ),
        ],
        _citations,
        primary_key=["record", "passage_id"],
        foreign_keys=[
            ("fact_id", "facts", "id"),
            ("count_id", "counts", "id"),
            ("facility_id", "facilities", "id"),
            ("event_id", "events", "id"),
            ("passage_id", "passages", "id"),
            ("article_id", "articles", "id"),
        ],
    ),
]
BY_NAME = {resource.name: resource for resource in RESOURCES}


def descriptor(request: HttpRequest) -> dict[str, Any]:
    version, changed = data_version()
    return {
        "profile": "tabular-data-package",
        "name": "detainee-releases",
        "title": str(_("Detainee releases, with receipts")),
        "description": str(
            _(
                "The whole record: people, facts, counts, their "
                "citations and the articles they quote."
            )
        ),
        "version": str(version),
        "created": changed.isoformat() if isinstance(changed, datetime.datetime) else None,
        "homepage": request.build_absolute_uri(reverse("releases:home")),
        "resources": [resource.descriptor(version) for resource in RESOURCES],
    }


@require_safe
@cached_page()
def package(request: HttpRequest) -> HttpResponse:
    return JsonResponse(
        descriptor(request),
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )


@require_safe
@cached_page()
def overview(request: HttpRequest) -> HttpResponse:
    document = descriptor(request)
    return render(request, "web/data.html", {"package": document})


def _stream(resource: Resource) -> Iterator[str]:
    yield csv_line([column.name for column in resource.columns])
    rows = (csv_line([_cell(value) for value in row]) for row in resource.rows())
    while block := "".join(itertools.islice(rows, 500)):
        yield block


@require_safe
def table(request: HttpRequest, version: int, name: str) -> HttpResponseBase:
    resource = BY_NAME.get(name)
    if resource is None:
        raise Http404("No such resource.")
    current, changed = data_version()
    if version != current:
        url = reverse("releases:datapackage")
        message = _("The data changed since version %(version)s; read %(url)s again.") % {
            "version": version,
            "url": url,
        }
        return HttpResponse(message, status=410, content_type="text/plain; charset=utf-8")
    # A version's table never changes: its tag is its address.
    checked = validators(entity_tag("table", str(version), name, get_language()), changed)
    if (answer := not_modified(request, checked)) is not None:
        return answer
    response = StreamingHttpResponse(
        guarded(_stream(resource), csv_line([INCOMPLETE])),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    mark(response, request, checked)
    return response
