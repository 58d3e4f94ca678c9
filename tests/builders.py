"""Small builders for test data made in code (not from the seed fixtures)."""

import datetime
import itertools

from releases import derived
from releases.models import (
    Alias,
    CitationSuggestion,
    Citizenship,
    CountClaim,
    Country,
    Detention,
    Facility,
    FacilityReport,
    Mention,
    Person,
    Release,
    ReleaseEvent,
    Role,
    Status,
    StatusChange,
)
from sources.models import Passage, SourceArticle

_counter = itertools.count(1)


def article(text: str = "Venezuela freed Ana Pérez from El Helicoide on Thursday.", **fields):
    number = next(_counter)
    fields.setdefault("slug", f"article-{number}")
    fields.setdefault("title", f"Article {number}")
    return SourceArticle.objects.create(text=text, **fields)


def passage(source: SourceArticle, quote: str) -> Passage:
    start = source.text.index(quote)
    return Passage.objects.create(article=source, start=start, end=start + len(quote), quote=quote)


def person(name: str = "Ana Pérez", **fields) -> Person:
    fields.setdefault("slug", f"person-{next(_counter)}")
    return Person.objects.create(name=name, **fields)


def cite(fact, *passages: Passage):
    fact.citations.add(*passages)
    return fact


def world(people: int = 3, *, prefix: str = "p") -> dict:
    """A small, fully cited record: people freed in one event from one facility, each with a
    nationality, an alias, a detention and a release, plus a count. Call again with another
    prefix to grow it. Written as one batch: derived data is refreshed once, at the end."""
    with derived.batch():
        return _world(people, prefix)


def _world(people: int, prefix: str) -> dict:
    source = article(
        f"{prefix}: Venezuela on Thursday freed several Spanish citizens from El Helicoide.",
        outlet="Wire",
        slug=f"{prefix}-article",
    )
    quote = passage(source, "freed several Spanish citizens")
    spain, _ = Country.objects.get_or_create(code="ES", defaults={"name": "Spain"})
    facility, created = Facility.objects.get_or_create(
        slug="el-helicoide", defaults={"name": "El Helicoide", "city": "Caracas"}
    )
    if created:
        cite(facility, passage(source, "El Helicoide"))
    event, created = ReleaseEvent.objects.get_or_create(
        slug="thursday",
        defaults={
            "title": "Thursday releases",
            "date": datetime.date(2026, 1, 8),
            "date_precision": "day",
        },
    )
    if created:
        cite(event, quote)
    cite(
        CountClaim.objects.create(
            event=event,
            country=spain,
            subject="Spanish citizens",
            metric="released",
            qualifier="unspecified",
            value_text="several",
            claimed_by="Spain",
        ),
        quote,
    )
    made = []
    for number in range(people):
        someone = person(f"{prefix} Person {number}", slug=f"{prefix}-person-{number}")
        cite(Alias.objects.create(person=someone, name=f"{prefix} Alias {number}"), quote)
        cite(Citizenship.objects.create(person=someone, country=spain), quote)
        cite(Detention.objects.create(person=someone, facility=facility), quote)
        cite(
            Release.objects.create(
                person=someone, event=event, date=datetime.date(2026, 1, 1), date_precision="month"
            ),
            quote,
        )
        made.append(someone)
    return {
        "article": source,
        "event": event,
        "facility": facility,
        "country": spain,
        "people": made,
    }


def every_kind_of_record(prefix: str = "e") -> dict:
    """``world`` plus one of each kind of record it leaves out (a role, a status change, a
    facility report, a mention, a pending citation suggestion), so that every admin page
    has a row to show."""
    made = world(1, prefix=prefix)
    someone, source = made["people"][0], made["article"]
    quote = source.passages.first()
    cite(Role.objects.create(person=someone, kind="description", title="a detainee"), quote)
    cite(
        StatusChange.objects.create(
            person=someone,
            status=Status.DETAINED,
            date=datetime.date(2026, 1, 2),
            date_precision="day",
        ),
        quote,
    )
    cite(FacilityReport.objects.create(facility=made["facility"], text="A vigil."), quote)
    cite(Mention.objects.create(person=someone), quote)
    named = source.text.index("Venezuela")
    CitationSuggestion.objects.create(
        article=source, start=named, end=named + 9, quote="Venezuela", country=made["country"]
    )
    return made
