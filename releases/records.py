"""The public record of every kind of thing, as JSON-ready dicts, and the CSV columns drawn
from them.

Every fact in a record carries ``citations``; a value that no fact supports is not output.
Objects must come with their public facts prefetched (``releases.selectors``). Links are made
by ``link``, which turns a site path into what the record should hold: an absolute URL when a
record is served straight away, or, when a person's record is stored (``PersonRecord``), the
path without its language (``stored_path``), given the server and the reader's language when
it is served.
"""

from collections.abc import Callable

from django.urls import reverse
from django.utils.translation import get_language_from_path

from releases import selectors
from releases.models import (
    CountClaim,
    Country,
    Facility,
    Fact,
    Person,
    ReleaseEvent,
    prefetched,
    supported_parts,
    was_held,
)
from releases.status import StatusStep, derive_status, status_history
from releases.translation import LANGUAGES, both, is_translated
from sources.citations import citation_json
from sources.dates import iso_partial_date
from sources.tabular import (
    Column,
    citation_columns,
    in_every_language,
    own_citation_columns,
    translated_citation_columns,
)

Link = Callable[[str], str]


def stored_path(path: str) -> str:
    """A site path as a stored record holds it: "/en/people/x/" becomes "/people/x/". A
    stored record is the same whoever's save wrote it (a curator on a Spanish page, the
    importer); the export adds the reader's language back."""
    language = get_language_from_path(path)
    return path.removeprefix(f"/{language}") if language else path


def citations_json(cited, link: Link) -> list[dict]:
    """Each citation with what it supports (``supports``): ``["all"]`` for the whole
    record, or the parts the curator chose (``claim`` for the claim itself)."""
    return [
        {**citation_json(p, link), "supports": supported_parts(cited.cited_parts, p.pk)}
        for p in prefetched(cited, "citations")
    ]


def translated(obj, *fields: str) -> dict:
    """Curators' words of ``obj``: each field's value in the active language (the other's
    when it has none), and beside it every language's, as ``title_i18n: {"en", "es"}``."""
    record: dict = {}
    for field in fields:
        record[field] = getattr(obj, field) or None
        if is_translated(obj, field):
            record[f"{field}_i18n"] = both(obj, field)
    return record


def fact_json(fact, link: Link, **fields) -> dict:
    record = dict(fields)
    if isinstance(fact, Fact):
        record["certainty"] = fact.certainty
        record.update(translated(fact, "attributed_to"))
    record["citations"] = citations_json(fact, link)
    return record


def count_json(count: CountClaim, link: Link) -> dict:
    return fact_json(
        count,
        link,
        id=count.pk,
        value=count.value,
        qualifier=count.qualifier,
        value_text=count.value_text,
        **translated(count, "subject"),
        metric=count.metric,
        **translated(count, "claimed_by"),
        verification=count.verification,
        country=count.country.code if count.country_id else None,
        event=count.event.slug if count.event_id else None,
        as_of=iso_partial_date(count.as_of, count.as_of_precision),
        as_of_precision=count.as_of_precision,
        as_of_text=count.as_of_text or None,
        **translated(count, "note"),
    )


def person_json(person: Person, link: Link, history: list[StatusStep] | None = None) -> dict:
    """``history``: the person's ``status_history``, when the caller has it already."""
    if history is None:
        history = status_history(person)
    status = derive_status(history)
    deciding = [step.fact for step in history if step.status == status]
    facilities = {}
    for fact in [*prefetched(person, "detentions"), *prefetched(person, "releases")]:
        if fact.facility_id and fact.facility_id not in facilities:
            facilities[fact.facility_id] = fact_json(
                fact, link, name=fact.facility.name, slug=fact.facility.slug
            )
    return {
        "name": person.name,
        "slug": person.slug,
        "url": link(person.get_absolute_url()),
        "is_named": person.is_named,
        **translated(person, "description"),
        "aliases": [fact_json(a, link, name=a.name) for a in prefetched(person, "aliases")],
        "status": status,
        # Held at some point (any status a fact establishes), or only mentioned.
        "detainee": was_held(status),
        "status_citations": [c for fact in deciding[-1:] for c in citations_json(fact, link)],
        "nationalities": [
            fact_json(c, link, code=c.country.code, name=c.country.name)
            for c in prefetched(person, "citizenships")
        ],
        "facilities": list(facilities.values()),
        "releases": [
            fact_json(
                r,
                link,
                event=r.event.slug if r.event_id else None,
                date=iso_partial_date(r.date, r.date_precision),
                date_precision=r.date_precision,
                with_conditions=r.with_conditions,
            )
            for r in prefetched(person, "releases")
        ],
        "detentions": [
            fact_json(
                d,
                link,
                facility=d.facility.slug if d.facility_id else None,
                since=iso_partial_date(d.since, d.since_precision),
                since_precision=d.since_precision,
                **translated(d, "reason"),
            )
            for d in prefetched(person, "detentions")
        ],
        "roles": [
            fact_json(
                r,
                link,
                kind=r.kind,
                **translated(r, "title"),
                event=r.event.slug if r.event_id else None,
            )
            for r in prefetched(person, "roles")
        ],
        "status_history": [
            fact_json(
                step.fact,
                link,
                status=step.status,
                date=iso_partial_date(step.date, step.precision),
                date_precision=step.precision,
            )
            for step in history
        ],
    }


def person_detail_json(person: Person, link: Link) -> dict:
    """The list record plus what only the detail page loads (``person_with_everything``)."""
    record = person_json(person, link)
    record["mentions"] = [fact_json(mention, link) for mention in prefetched(person, "mentions")]
    record["counts_claimed"] = [count_json(c, link) for c in person.count_claims.all()]
    return record


def facility_json(facility: Facility, link: Link) -> dict:
    return {
        "name": facility.name,
        "slug": facility.slug,
        "url": link(facility.get_absolute_url()),
        "city": facility.city or None,
        **translated(facility, "description"),
        "people_count": facility.people_count,
        "freed_count": facility.freed_count,
        "citations": citations_json(facility, link),
    }


def country_json(country: Country, link: Link) -> dict:
    return {
        "code": country.code,
        "name": country.name,
        "url": link(country.get_absolute_url()),
        "people_count": country.people_count,
        "counts": [count_json(c, link) for c in country.counts.all()],
    }


def event_json(event: ReleaseEvent, link: Link) -> dict:
    return {
        "slug": event.slug,
        **translated(event, "title"),
        "url": link(event.get_absolute_url()),
        "date": iso_partial_date(event.date, event.date_precision),
        "date_precision": event.date_precision,
        "date_text": event.date_text or None,
        **translated(event, "date_note", "description"),
        "announced_by": [
            fact_json(r, link, name=r.person.name, slug=r.person.slug, **translated(r, "title"))
            for r in event.announcements
        ],
        "counts": [count_json(c, link) for c in event.counts.all()],
        "citations": citations_json(event, link),
    }


def _count_label(count: dict) -> str:
    return f"{count['value_text']} {count['subject']} {count['metric']} ({count['claimed_by']})"


PERSON_COLUMNS = [
    Column("name", lambda r: r["name"]),
    Column("slug", lambda r: r["slug"]),
    Column("url", lambda r: r["url"], links=True),
    Column("status", lambda r: r["status"]),
    Column("detainee", lambda r: "yes" if r["detainee"] else "no"),
    # Who an unnamed person is, in our words (as their page says it).
    *in_every_language("description", LANGUAGES),
    *own_citation_columns("status_citations"),
    *citation_columns("aliases", lambda f: f["name"]),
    *citation_columns("nationalities", lambda f: f["code"]),
    *citation_columns("facilities", lambda f: f["name"]),
    *citation_columns(
        "releases", lambda f: f"{f['date'] or 'date unknown'} {f['event'] or ''}".strip()
    ),
    # Their roles in our words ("Spain's foreign minister"), each with its citations.
    *translated_citation_columns("roles", "title", LANGUAGES),
]

FACILITY_COLUMNS = [
    Column("name", lambda r: r["name"]),
    Column("slug", lambda r: r["slug"]),
    Column("url", lambda r: r["url"], links=True),
    Column("city", lambda r: r["city"]),
    # What its citations say it is, in our words: cited by the facility's own citations.
    *in_every_language("description", LANGUAGES),
    Column("people_count", lambda r: r["people_count"]),
    *own_citation_columns(),
]

COUNTRY_COLUMNS = [
    Column("code", lambda r: r["code"]),
    Column("name", lambda r: r["name"]),
    Column("url", lambda r: r["url"], links=True),
    Column("people_count", lambda r: r["people_count"]),
    *citation_columns("counts", _count_label),
]

EVENT_COLUMNS = [
    Column("slug", lambda r: r["slug"]),
    *in_every_language("title", LANGUAGES),
    Column("url", lambda r: r["url"], links=True),
    Column("date", lambda r: r["date"]),
    Column("date_precision", lambda r: r["date_precision"]),
    *own_citation_columns(),
    *citation_columns("announced_by", lambda f: f["name"]),
    *citation_columns("counts", _count_label),
]

COUNT_COLUMNS = [
    Column("id", lambda r: r["id"]),
    Column("metric", lambda r: r["metric"]),
    Column("country", lambda r: r["country"]),
    *in_every_language("subject", LANGUAGES),
    Column("value_text", lambda r: r["value_text"]),
    Column("value", lambda r: r["value"]),
    Column("qualifier", lambda r: r["qualifier"]),
    *in_every_language("claimed_by", LANGUAGES),
    Column("verification", lambda r: r["verification"]),
    Column("as_of", lambda r: r["as_of"]),
    Column("as_of_precision", lambda r: r["as_of_precision"]),
    Column("as_of_text", lambda r: r["as_of_text"]),
    Column("event", lambda r: r["event"]),
    Column("certainty", lambda r: r["certainty"]),
    *in_every_language("attributed_to", LANGUAGES),
    *in_every_language("note", LANGUAGES),
    *own_citation_columns(),
]


_TRANSLATION_CELLS = (
    ("", "text"),
    ("_language", "language"),
    ("_by", "translated_by"),
    ("_method", "method"),
)


# The facts list's row fields by the name its records give them.
_FACT_CITATION_KEY = {"person_name": "person"}
_FACT_CITATION_TRANSLATED = [_FACT_CITATION_KEY.get(n, n) for n in selectors.FACT_ROW_TRANSLATED]


def fact_citation_json(row: selectors.FactCitation, link: Link) -> dict:
    """One row of the facts list: a fact about a person with one of its citations, every
    value in a cell of its own (for checking in a spreadsheet)."""
    citation = citation_json(row.passage, link)
    dated = row.has_date
    return {
        "person": row.person_name,
        "person_url": link(row.get_person_url()),
        "kind": row.kind,
        "fact_id": row.fact_pk,
        "value": row.value_display or None,
        "detail": row.detail_display or None,
        "facility": row.facility,
        "event": row.event,
        "date": iso_partial_date(row.date, row.date_precision) if dated else None,
        "date_precision": row.date_precision if dated else None,
        "certainty": row.certainty,
        "attributed_to": row.attributed_to or None,
        "note": row.note or None,
        # Curators' words in every language beside them ("value_i18n"), where they are.
        **{
            f"{_FACT_CITATION_KEY.get(name, name)}_i18n": row.in_every_language(name)
            for name in selectors.FACT_ROW_TRANSLATED
            if name in row.translated
        },
        "quote": citation["quote"],
        # The quote's translation beside it, labelled with its language and provenance.
        **{
            f"quote_translation{suffix}": (citation["translation"] or {}).get(key)
            for suffix, key in _TRANSLATION_CELLS
        },
        "supports": " ".join(row.supports),
        "outlet": citation["outlet"],
        "article": citation["article"],
        "article_title": row.article_title or None,
        "article_date": citation["published"],
        "article_date_precision": citation["published_precision"],
        "article_url": citation["article_url"],
        "original_url": citation["original_url"],
        # The capture of the page the article was read from, to check the quote against
        # the page as it was: its download and the sha256 of its bytes (none if pasted).
        "capture_url": (
            link(reverse("sources:capture", args=[row.article_slug]))
            if row.capture_sha256
            else None
        ),
        "capture_sha256": row.capture_sha256,
        "passage_url": citation["url"],
    }


_FACT_CITATION_LINKS = ("person_url", "article_url", "original_url", "capture_url", "passage_url")
_FACT_CITATION_FIELDS = (
    "person",
    "person_url",
    "kind",
    "fact_id",
    "value",
    "detail",
    "facility",
    "event",
    "date",
    "date_precision",
    "certainty",
    "attributed_to",
    "note",
    "quote",
    *(f"quote_translation{suffix}" for suffix, _key in _TRANSLATION_CELLS),
    "supports",
    "outlet",
    "article",
    "article_title",
    "article_date",
    "article_date_precision",
    "article_url",
    "original_url",
    "capture_url",
    "capture_sha256",
    "passage_url",
)
FACT_CITATION_COLUMNS = [
    column
    for name in _FACT_CITATION_FIELDS
    for column in (
        in_every_language(name, LANGUAGES)
        if name in _FACT_CITATION_TRANSLATED
        else [Column(name, lambda r, name=name: r[name], links=name in _FACT_CITATION_LINKS)]
    )
]
