"""JSON records (and CSV columns drawn from them) for every list and detail page.

Every fact in a record carries ``citations``; a value that no fact supports is not output.
Objects must come from ``releases.selectors`` so that their facts are prefetched.
"""

from django.http import HttpRequest

from releases import models as m
from releases.status import derive_status, status_history
from sources.citations import citation_json
from sources.dates import iso_partial_date
from sources.exports import Column, Export, citation_columns, own_citation_columns


def _citations(fact, request: HttpRequest) -> list[dict]:
    return [citation_json(p, request.build_absolute_uri) for p in fact.citations.all()]


def _fact(fact, request: HttpRequest, **fields) -> dict:
    record = dict(fields)
    if isinstance(fact, m.Fact):
        record["certainty"] = fact.certainty
        record["attributed_to"] = fact.attributed_to or None
    record["citations"] = _citations(fact, request)
    return record


def count_json(count: m.CountClaim, request: HttpRequest) -> dict:
    return _fact(
        count,
        request,
        value=count.value,
        qualifier=count.qualifier,
        value_text=count.value_text,
        subject=count.subject,
        metric=count.metric,
        claimed_by=count.claimed_by,
        verification=count.verification,
        country=count.country.code if count.country_id else None,
        event=count.event.slug if count.event_id else None,
        note=count.note or None,
    )


def person_detail_json(person: m.Person, request: HttpRequest) -> dict:
    """The list record plus what only the detail page loads (``person_with_everything``)."""
    record = person_json(person, request)
    record["mentions"] = [_fact(mention, request) for mention in person.mentions.all()]
    record["counts_claimed"] = [count_json(c, request) for c in person.count_claims.all()]
    return record


def person_json(person: m.Person, request: HttpRequest) -> dict:
    history = status_history(person)
    status = derive_status(history)
    deciding = [step.fact for step in history if step.status == status]
    facilities = {}
    for fact in [*person.detentions.all(), *person.releases.all()]:
        if fact.facility_id and fact.facility_id not in facilities:
            facilities[fact.facility_id] = _fact(
                fact, request, name=fact.facility.name, slug=fact.facility.slug
            )
    return {
        "name": person.name,
        "slug": person.slug,
        "url": request.build_absolute_uri(person.get_absolute_url()),
        "is_named": person.is_named,
        "aliases": [_fact(a, request, name=a.name) for a in person.aliases.all()],
        "status": status,
        "status_citations": [c for fact in deciding[-1:] for c in _citations(fact, request)],
        "nationalities": [
            _fact(c, request, code=c.country.code, name=c.country.name)
            for c in person.citizenships.all()
        ],
        "facilities": list(facilities.values()),
        "releases": [
            _fact(
                r,
                request,
                event=r.event.slug if r.event_id else None,
                date=iso_partial_date(r.date, r.date_precision),
                date_precision=r.date_precision,
                with_conditions=r.with_conditions,
            )
            for r in person.releases.all()
        ],
        "detentions": [
            _fact(
                d,
                request,
                facility=d.facility.slug if d.facility_id else None,
                since=iso_partial_date(d.since, d.since_precision),
                since_precision=d.since_precision,
                reason=d.reason or None,
            )
            for d in person.detentions.all()
        ],
        "roles": [
            _fact(
                r, request, kind=r.kind, title=r.title, event=r.event.slug if r.event_id else None
            )
            for r in person.roles.all()
        ],
        "status_history": [
            _fact(
                step.fact,
                request,
                status=step.status,
                date=iso_partial_date(step.date, step.precision),
                date_precision=step.precision,
            )
            for step in history
        ],
    }


def facility_json(facility: m.Facility, request: HttpRequest) -> dict:
    return {
        "name": facility.name,
        "slug": facility.slug,
        "url": request.build_absolute_uri(facility.get_absolute_url()),
        "city": facility.city or None,
        "description": facility.description or None,
        "people_count": facility.people_count,
        "freed_count": facility.freed_count,
        "citations": _citations(facility, request),
    }


def country_json(country: m.Country, request: HttpRequest) -> dict:
    return {
        "code": country.code,
        "name": country.name,
        "url": request.build_absolute_uri(country.get_absolute_url()),
        "people_count": country.people_count,
        "counts": [count_json(c, request) for c in country.counts.all()],
    }


def country_detail_json(country: m.Country, detail: m.Country, request: HttpRequest) -> dict:
    """A nationality with its named people (``detail`` from ``selectors.country_detail``)."""
    record = country_json(country, request)
    record["people"] = [
        _fact(c, request, name=c.person.name, slug=c.person.slug) for c in detail.citizenships.all()
    ]
    return record


def event_json(event: m.ReleaseEvent, request: HttpRequest) -> dict:
    return {
        "slug": event.slug,
        "title": event.title,
        "url": request.build_absolute_uri(event.get_absolute_url()),
        "date": iso_partial_date(event.date, event.date_precision),
        "date_precision": event.date_precision,
        "date_text": event.date_text or None,
        "date_note": event.date_note or None,
        "announced_by": [
            _fact(r, request, name=r.person.name, slug=r.person.slug, title=r.title)
            for r in event.announcements
        ],
        "counts": [count_json(c, request) for c in event.counts.all()],
        "citations": _citations(event, request),
    }


def _count_label(count: dict) -> str:
    return f"{count['value_text']} {count['subject']} {count['metric']} ({count['claimed_by']})"


PERSON_EXPORT = Export(
    "people",
    person_json,
    [
        Column("name", lambda r: r["name"]),
        Column("slug", lambda r: r["slug"]),
        Column("url", lambda r: r["url"]),
        Column("status", lambda r: r["status"]),
        *own_citation_columns("status_citations"),
        *citation_columns("aliases", lambda f: f["name"]),
        *citation_columns("nationalities", lambda f: f["code"]),
        *citation_columns("facilities", lambda f: f["name"]),
        *citation_columns(
            "releases", lambda f: f"{f['date'] or 'date unknown'} {f['event'] or ''}".strip()
        ),
    ],
)

FACILITY_EXPORT = Export(
    "facilities",
    facility_json,
    [
        Column("name", lambda r: r["name"]),
        Column("slug", lambda r: r["slug"]),
        Column("url", lambda r: r["url"]),
        Column("city", lambda r: r["city"]),
        Column("people_count", lambda r: r["people_count"]),
        *own_citation_columns(),
    ],
)

COUNTRY_EXPORT = Export(
    "nationalities",
    country_json,
    [
        Column("code", lambda r: r["code"]),
        Column("name", lambda r: r["name"]),
        Column("url", lambda r: r["url"]),
        Column("people_count", lambda r: r["people_count"]),
        *citation_columns("counts", _count_label),
    ],
)

EVENT_EXPORT = Export(
    "events",
    event_json,
    [
        Column("slug", lambda r: r["slug"]),
        Column("title", lambda r: r["title"]),
        Column("url", lambda r: r["url"]),
        Column("date", lambda r: r["date"]),
        Column("date_precision", lambda r: r["date_precision"]),
        *own_citation_columns(),
        *citation_columns("announced_by", lambda f: f["name"]),
        *citation_columns("counts", _count_label),
    ],
)
