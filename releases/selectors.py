"""Reads shared by views, exports and the derived-data refresh, with their prefetching
already applied.

Every queryset here loads a fact's citations with one query shape (``cited()``), so one
template include and one serializer can render the citations of any fact, and a page's
query count does not grow with its rows. What is public is stored (``is_public``, kept by
``releases.derived``), so every filter here is a plain indexed condition; counts are
correlated subqueries, so a page of 25 rows counts for those 25 only.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import reduce
from itertools import groupby
from operator import or_

from django.db.models import (
    BooleanField,
    Case,
    DateField,
    Exists,
    Expression,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Lower
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy

from releases import translation
from releases.models import (
    CITED_MODELS,
    FREED_STATUSES,
    Alias,
    Citizenship,
    CountClaim,
    Country,
    Detention,
    FacetCount,
    Facility,
    FacilityReport,
    Fact,
    Mention,
    Person,
    PersonLink,
    Release,
    ReleaseEvent,
    Role,
    Status,
    StatusChange,
    key_day,
    supported_parts,
)
from releases.prepared import TEXT_MARKER, int_markers, prepared
from sources.citations import source_label, text_fragment_url
from sources.dates import format_partial_date
from sources.models import Passage, SourceArticle

# A detail page lists this many people (the first by name) and links to the people list,
# filtered, for the rest: its cost follows what it shows, not the size of the record.
DETAIL_PEOPLE = 50


def citations_prefetch(prefix: str = "") -> Prefetch:
    """Prefetch of ``<prefix>citations`` with each passage's article in the same query."""
    return Prefetch(
        f"{prefix}citations",
        queryset=Passage.objects.valid()
        .select_related("article")
        .defer("article__text", "article__search_text"),
    )


def cited(model, *select: str) -> QuerySet:
    """Published facts of ``model`` with their related objects and citations."""
    queryset = model.objects.published()
    if select:
        queryset = queryset.select_related(*select)
    return queryset.prefetch_related(citations_prefetch())


def _within_person(model) -> list:
    """``model``'s order among one person's facts: its ``Meta.ordering`` without the person
    (the same for all of them), which would join the people table to sort by their names."""
    return [key for key in model._meta.ordering if key != "person"]


# Each language's prefetches of a person's facts, built once: building their querysets took
# a tenth of loading a person (a role's title is sorted in the active language's column).
_FACT_PREFETCHES: dict[tuple[bool, str | None], list[Prefetch]] = {}


def person_facts_prefetches(*, with_mentions: bool = False) -> list[Prefetch]:
    """A person's public facts, each kind in its own order, with their citations: grouped
    by person, so a prefetch for many people gives each their facts in the same order."""
    key = (with_mentions, get_language())
    if (prefetches := _FACT_PREFETCHES.get(key)) is not None:
        return prefetches
    kinds = [
        ("aliases", Alias, ()),
        ("citizenships", Citizenship, ("country",)),
        ("roles", Role, ("event",)),
        ("detentions", Detention, ("facility",)),
        ("releases", Release, ("event", "facility")),
        ("status_changes", StatusChange, ()),
    ]
    if with_mentions:
        kinds.append(("mentions", Mention, ()))
    prefetches = _FACT_PREFETCHES[key] = [
        Prefetch(name, queryset=cited(model, *select).order_by(*_within_person(model)))
        for name, model, select in kinds
    ]
    return prefetches


def public_people() -> QuerySet[Person]:
    """People something cited is said about (a bare name is not a fact)."""
    return Person.objects.filter(is_public=True)


def people() -> QuerySet[Person]:
    return public_people().prefetch_related(*person_facts_prefetches())


def latest_freed(limit: int) -> list[Person]:
    """The people most recently freed (by their first release), with their releases."""
    freed = public_people().filter(status__in=FREED_STATUSES)
    return list(
        freed.order_by(F("first_released_on").desc(nulls_last=True), "name", "pk").prefetch_related(
            Prefetch("releases", queryset=cited(Release, "event"))
        )[:limit]
    )


def freed_count() -> int:
    return public_people().filter(status__in=FREED_STATUSES).count()


# Each kind of a person's facts: its relation, model, related rows and the field naming the
# person; the people list's (``person_facts_prefetches()``), then what a person's page adds.
_LIST_FACTS = (
    ("aliases", Alias, (), "person"),
    ("citizenships", Citizenship, ("country",), "person"),
    ("roles", Role, ("event",), "person"),
    ("detentions", Detention, ("facility",), "person"),
    ("releases", Release, ("event", "facility"), "person"),
    ("status_changes", StatusChange, (), "person"),
)
_PAGE_FACTS = (
    *_LIST_FACTS,
    ("mentions", Mention, (), "person"),
    ("count_claims", CountClaim, ("event", "country"), "claimant"),
)


def person_with_everything(slug: str) -> Person | None:
    """The public person at ``slug`` with every public fact of theirs and the counts they
    claim, each with its valid citations and their articles (``with_facts``)."""
    found = prepared(
        "person", Person, lambda: public_people().filter(slug=TEXT_MARKER), TEXT_MARKER
    ).rows(slug)
    return with_facts(found, _PAGE_FACTS)[0] if found else None


def with_facts(people: list[Person], kinds=_LIST_FACTS) -> list[Person]:
    """``people``, each given their public facts of ``kinds`` with their valid citations and
    their articles: the rows and order of ``person_facts_prefetches`` (and, for a person's
    page, of their count claims), with one query per kind of fact and one for the
    citations of each kind they have, as the prefetches make. Each query's SQL is built
    once (``releases.prepared``) for so many people: building it was most of a cold person
    page's time, and a third of loading a people page's rows."""
    if not people:
        return people
    by_pk = {person.pk: person for person in people}
    ids = list(by_pk)
    for person in people:
        person._prefetched_objects_cache = {}
    for name, model, select, owner in kinds:
        facts = _facts_of(name, model, select, owner, len(ids)).rows(*ids)
        owner_field = model._meta.get_field(owner)
        for person in people:
            # What ``.all()`` on a prefetched relation returns (a list serves: it is read).
            person._prefetched_objects_cache[name] = []
        for fact in facts:
            person = by_pk[getattr(fact, owner_field.attname)]
            owner_field.set_cached_value(fact, person)
            person._prefetched_objects_cache[name].append(fact)
        if facts:
            _attach_citations_of(model, owner, ids, facts)
    return people


def _facts_of(name: str, model, select: tuple[str, ...], owner: str, people: int):
    def build() -> QuerySet:
        facts = cited(model, *select).prefetch_related(None).order_by(*_within_person(model))
        return facts.filter(**{f"{owner}__in": int_markers(people)})

    return prepared(f"facts {name} {people}", model, build, *int_markers(people))


def _attach_citations_of(model, owner: str, ids: list[int], facts: list) -> None:
    """Each fact's valid citations (``citations_prefetch``: its passages in article order,
    each with its article), read for all the people's facts of ``model`` at once."""
    through = model.citations.through
    fact_field = model.citations_owner()
    markers = int_markers(len(ids))

    def build() -> QuerySet:
        return (
            through.objects.filter(
                **{f"{fact_field}__{owner}__in": markers, f"{fact_field}__is_public": True},
                passage__is_valid=True,
            )
            .select_related("passage__article")
            .defer("passage__article__text", "passage__article__search_text")
            # Passage's order (article, start, end), article being in slug order.
            .order_by("passage__article__slug", "passage__start", "passage__end")
        )

    query = prepared(f"citations {model.__name__} {len(ids)}", through, build, *markers)
    cited_by: dict[int, list[Passage]] = defaultdict(list)
    for row in query.rows(*ids):
        cited_by[getattr(row, f"{fact_field}_id")].append(row.passage)
    for fact in facts:
        fact._prefetched_objects_cache = {"citations": cited_by[fact.pk]}


class WithFacts:
    """``people`` (a queryset, in its order) as the paginator pages it: each page read with
    its people's facts (``with_facts``)."""

    ordered = True

    def __init__(self, people: QuerySet[Person]):
        self.people = people.prefetch_related(None)

    def __getitem__(self, index: slice) -> list[Person]:
        return with_facts(list(self.people[index]))

    def count(self) -> int:
        return self.people.count()

    def __len__(self) -> int:
        return self.count()


class _Count(Func):
    """``COUNT(...)`` as a plain function, so that a correlated subquery counts its rows
    without a GROUP BY."""

    function = "COUNT"
    output_field = IntegerField()


class _CountRows(_Count):
    template = "COUNT(*)"


class _CountDistinct(_Count):
    template = "COUNT(DISTINCT %(expressions)s)"


class _Sum(Func):
    function = "SUM"
    output_field = IntegerField()


def _count(queryset: QuerySet, counted: Func | None = None) -> Coalesce:
    """How many rows of ``queryset`` (correlated with the outer row through ``OuterRef``).
    ``COUNT(*)`` by default: it needs no column, so an index alone can answer it."""
    subquery = queryset.order_by().annotate(counted=counted or _CountRows()).values("counted")
    return Coalesce(Subquery(subquery, output_field=IntegerField()), 0)


def _people_with(model, **where) -> Coalesce:
    """How many distinct people have a public fact of ``model`` matching ``where``."""
    return _count(model.objects.published().filter(**where), _CountDistinct(F("person")))


def linked_people_count(kind: str, key) -> Coalesce:
    """How many public people are linked to ``key``: their links counted ahead
    (``FacetCount``, a row per status), not counted again (5,500 links a country at 100,000
    people, 55,000 at a million)."""
    return _count(FacetCount.objects.filter(kind=kind, key=key), _Sum(F("n")))


def first_by_person_name[T: Fact](facts: QuerySet[T], limit: int = DETAIL_PEOPLE) -> list[T]:
    """The first ``limit`` of ``facts`` by their person's name (then person, then fact). The
    people are walked in name order on their index, each asked whether they have such a
    fact, until ``limit`` do; only their facts are then read and sorted. Sorting all the
    facts by name instead reads every person (a facility's 1,600 detentions at 100,000
    people were joined to the whole people table: 53-78 ms, growing with the record); the
    walk reads about as many people as it takes to find ``limit``, whatever the size."""
    first_people = (
        public_people()
        .filter(Exists(facts.filter(person=OuterRef("pk"))))
        .order_by("name", "pk")
        .values("pk")[:limit]
    )
    chosen = facts.filter(person__in=first_people)
    return list(chosen.order_by("person__name", "person", "pk")[:limit])


def facilities() -> QuerySet[Facility]:
    """Public facilities with how many distinct people the sources place there (held there)
    and how many they say were freed from there."""
    return (
        Facility.objects.published()
        .annotate(
            people_count=_people_with(Detention, facility=OuterRef("pk")),
            freed_count=_people_with(Release, facility=OuterRef("pk")),
        )
        .prefetch_related(citations_prefetch())
        .order_by("name")
    )


def facility_detail(facility: Facility) -> dict:
    """What the facility page shows besides the facility itself: the first people held
    there and freed from there (the people list has the rest), and the facts about the place."""
    held = cited(Detention, "person").filter(facility=facility)
    freed = cited(Release, "person", "event").filter(facility=facility)
    facts = {
        "detentions": first_by_person_name(held),
        "releases": first_by_person_name(freed),
        "reports": list(cited(FacilityReport, "event").filter(facility=facility)),
        "mentions": list(cited(Mention).filter(facility=facility)),
    }
    return {name: _at(facility, rows, "facility") for name, rows in facts.items()}


def _at(record, facts: list, field: str) -> list:
    """``facts`` about the page's ``record``, each told it is theirs: what a fact says of
    itself (``str``, in a copied citation) then costs no query."""
    for fact in facts:
        setattr(fact, field, record)
    return facts


def countries() -> QuerySet[Country]:
    """Countries the record involves: a public person's nationality, or a count names them.
    (Which countries is asked with EXISTS, which stops at the first row; only the rows of
    the page count their people.)"""
    nationals = PersonLink.objects.filter(
        kind=PersonLink.LinkKind.NATIONALITY, key=Lower(OuterRef("code"))
    )
    counts = CountClaim.objects.published().filter(country=OuterRef("pk"))
    return (
        Country.objects.filter(Exists(nationals) | Exists(counts))
        .annotate(
            people_count=linked_people_count(
                PersonLink.LinkKind.NATIONALITY, Lower(OuterRef("code"))
            ),
            count_total=_count(counts),
        )
        .prefetch_related(Prefetch("counts", queryset=cited(CountClaim, "event")))
        .order_by("name")
    )


def country_people(country: Country) -> list[Citizenship]:
    """The first public people of this nationality, by name (the people list has the rest)."""
    citizenships = cited(Citizenship, "person").filter(country=country)
    return _at(country, first_by_person_name(citizenships), "country")


def home_events() -> QuerySet[ReleaseEvent]:
    """Public release events with their citations alone: the home page shows each one's
    title, date and sources, not the counts and announcements the events list adds."""
    return cited(ReleaseEvent)


def events() -> QuerySet[ReleaseEvent]:
    return home_events().prefetch_related(
        Prefetch("counts", queryset=cited(CountClaim, "country")),
        Prefetch(
            "roles",
            queryset=cited(Role, "person").filter(kind=Role.RoleKind.ANNOUNCER),
            to_attr="announcements",
        ),
    )


def event_detail() -> QuerySet[ReleaseEvent]:
    return (
        events()
        .annotate(
            freed_count=_people_with(Release, event=OuterRef("pk")),
        )
        .prefetch_related(
            Prefetch("facility_reports", queryset=cited(FacilityReport, "facility")),
        )
    )


def event_people(event: ReleaseEvent) -> dict:
    """The first people freed in the event and the first who spoke of it, by name."""
    releases = cited(Release, "person").filter(event=event)
    roles = cited(Role, "person").filter(event=event)
    return {
        "releases": first_by_person_name(releases),
        "roles": list(roles.order_by("kind", "person__name", "pk")[:DETAIL_PEOPLE]),
    }


# The timeline draws each dated fact about a person up to this many; past it, one mark per
# date says how many people.
TIMELINE_FACTS = 40


@dataclass(frozen=True)
class TimelinePeople:
    """Releases and deaths in custody for the timeline: facts (with person and citations),
    or, when ``grouped``, rows of ``date``, ``date_precision`` and ``n`` people."""

    releases: list
    deaths: list
    grouped: bool


def _date_order(row: dict) -> tuple:
    return (row["date"] is None, row["date"] or datetime.date.min, row["date_precision"])


def timeline_people() -> TimelinePeople:
    releases = Release.objects.published()
    deaths = StatusChange.objects.published().filter(status=Status.DIED_IN_CUSTODY)
    if releases.count() + deaths.count() <= TIMELINE_FACTS:
        return TimelinePeople(
            list(cited(Release, "person")),
            list(cited(StatusChange, "person").filter(status=Status.DIED_IN_CUSTODY)),
            grouped=False,
        )

    # People by the dates of their public releases and deaths, counted ahead
    # (``releases.derived`` keeps a link per person and date): a few hundred rows, not a
    # count of every release.
    kinds = [PersonLink.LinkKind.RELEASED_ON, PersonLink.LinkKind.DIED_ON]
    counted = (
        FacetCount.objects.filter(kind__in=kinds)
        .values_list("kind", "key")
        .annotate(people=Sum("n"))
        .filter(people__gt=0)
    )
    dates: dict[str, list[dict]] = {kind: [] for kind in kinds}
    for kind, key, people in counted:
        date, precision = key_day(key)
        dates[kind].append({"date": date, "date_precision": precision, "n": people})
    for rows in dates.values():
        # The order of dates, undated last (ORDER BY date NULLS LAST, date_precision).
        rows.sort(key=_date_order)
    return TimelinePeople(*dates.values(), grouped=True)


# The quantities a count measures, in the order a reader asks about them.
_METRIC_ORDER = Case(
    *(When(metric=value, then=Value(rank)) for rank, value in enumerate(CountClaim.Metric)),
    output_field=IntegerField(),
)


# How count claims are grouped: by the quantity measured, then by country (counts of
# everyone first). Any other order applies within a group.
COUNT_GROUPS = (_METRIC_ORDER, F("country__name").asc(nulls_first=True))


# Within a group, running totals come first: a claim about no single event, and a figure
# before words such as "several" (False sorts before True on every database).
_TIED_TO_AN_EVENT = ExpressionWrapper(Q(event__isnull=False), output_field=BooleanField())
_IN_WORDS_ONLY = ExpressionWrapper(Q(value__isnull=True), output_field=BooleanField())


def count_claims() -> QuerySet[CountClaim]:
    """Every public count claim, grouped (``COUNT_GROUPS``), running totals first, then by
    the date each counts up to: claims about the same thing side by side, never summed.
    The home page and the numbers page read them in this one order."""
    return cited(CountClaim, "event", "country", "claimant").order_by(
        *COUNT_GROUPS,
        _TIED_TO_AN_EVENT,
        _IN_WORDS_ONLY,
        F("as_of").asc(nulls_last=True),
        "claimed_by",
        "pk",
    )


@dataclass(frozen=True)
class CountGroup:
    """The claims about one quantity: one ``metric``, counted over everyone (``country`` is
    None) or over one nationality. Shown side by side, never summed."""

    metric: str
    country: Country | None
    claims: list[CountClaim]

    @property
    def metric_label(self) -> str:
        return CountClaim.Metric(self.metric).label


@dataclass(frozen=True)
class HomeCounts:
    """The home page's answers: a group per quantity counted over everyone (released so far,
    still held, held at some point), then a group per nationality and quantity."""

    overall: list[CountGroup]
    by_nationality: list[CountGroup]


def home_counts() -> HomeCounts:
    """Every public count claim in ``count_claims()``'s groups (``COUNT_GROUPS``: quantity,
    then country), split into counts of everyone and counts of one nationality. One read."""
    groups = [
        CountGroup(metric, country, list(claims))
        for (metric, country), claims in groupby(
            count_claims(), key=lambda claim: (claim.metric, claim.country)
        )
    ]
    metrics = list(CountClaim.Metric)
    return HomeCounts(
        overall=[g for g in groups if g.country is None],
        # A nationality's quantities together, countries by name.
        by_nationality=sorted(
            (g for g in groups if g.country is not None),
            key=lambda g: (g.country.name, metrics.index(g.metric)),
        ),
    )


def source_count() -> Coalesce:
    """How many articles support some fact about the outer person (from their links)."""
    links = PersonLink.objects.filter(person=OuterRef("pk"), kind=PersonLink.LinkKind.SOURCE)
    return _count(links)


def records_citing(passage_ids) -> dict[int, list]:
    """For each passage, the public records citing it (each says what it is with ``str``
    and where it is shown with ``get_absolute_url``): one query per kind of record."""
    passage_ids = list(passage_ids)
    found: dict[int, list] = defaultdict(list)
    for model in CITED_MODELS:
        owner = model.citations_owner()
        rows = model.citations.through.objects.filter(
            passage_id__in=passage_ids, **{f"{owner}__is_public": True}
        ).select_related(owner, *(f"{owner}__{name}" for name in model.label_related))
        for row in rows.order_by(f"{owner}_id"):
            found[row.passage_id].append(getattr(row, owner))
    return found


# --- The facts list: one row per public fact about a person and valid passage citing it ---

# Where a column of the facts list comes from, for one kind of fact: a path from the fact
# ("country__name"), an expression built from such paths (given a function that makes
# them), or None when the kind has no such thing.
Source = str | Callable[[Callable[[str], str]], Expression] | None


@dataclass(frozen=True)
class FactKind:
    model: type[Fact]
    label: str
    value: Source = None
    detail: Source = None
    facility: Source = None
    event: Source = None
    date: tuple[str, str] | None = None


def _release_situation(path: Callable[[str], str]) -> Case:
    return Case(
        When(**{path("with_conditions"): True}, then=Value(Status.RELEASED_WITH_CONDITIONS.value)),
        default=Value(Status.RELEASED.value),
    )


# In the order the list shows a person's facts. The value of a detention, a release or a
# status change is the situation it puts the person in (a ``Status`` value, shown by its
# label); a role's detail is its kind.
FACT_KINDS: dict[str, FactKind] = {
    "nationality": FactKind(
        Citizenship, gettext_lazy("nationality"), value="country__name", detail="country__code"
    ),
    "alias": FactKind(Alias, gettext_lazy("other name"), value="name"),
    "role": FactKind(
        Role, gettext_lazy("role"), value="title", detail="kind", event="event__title"
    ),
    "detention": FactKind(
        Detention,
        gettext_lazy("detention"),
        value=lambda path: Value(Status.DETAINED.value),
        detail="reason",
        facility="facility__name",
        date=("since", "since_precision"),
    ),
    "release": FactKind(
        Release,
        gettext_lazy("release"),
        value=_release_situation,
        facility="facility__name",
        event="event__title",
        date=("date", "date_precision"),
    ),
    "status_change": FactKind(
        StatusChange,
        gettext_lazy("change of situation"),
        value="status",
        date=("date", "date_precision"),
    ),
    "mention": FactKind(Mention, gettext_lazy("named in a source")),
}

# The facts list's columns that may hold curators' words: each comes with its value in
# every language beside it ("value_en", "value_es"), read in the same query, for the page to
# mark a fallback and for exports to give both.
FACT_ROW_TRANSLATED = ("person_name", "value", "detail", "event", "attributed_to", "note")


def _translated_sources(kind: FactKind) -> frozenset[str]:
    """Which of ``FACT_ROW_TRANSLATED`` are curators' words for facts of this kind (a
    role's title is, a nationality's country name is not)."""
    sources = {"value": kind.value, "detail": kind.detail, "event": kind.event}
    found = {
        name
        for name, source in sources.items()
        if isinstance(source, str) and translation.is_translated_path(kind.model, source)
    }
    return frozenset(found | {"attributed_to", "note"})


# A stable order: by person, their facts in ``FACT_KINDS`` order, each fact's passages in
# article order.
FACT_ROW_ORDER = ("person_name", "person_pk", "kind_rank", "fact_pk", "article_slug", "start")


# Each kind's rows before they are narrowed to some people, by kind and language: the same
# query for every page and export of the facts list, and its forty-odd column expressions
# took longer to build than the page's query takes to run (``_fact_kind_rows``).
_KIND_ROWS: dict[tuple[str, str | None], QuerySet] = {}


def _fact_kind_rows(name: str, kind: FactKind, people) -> QuerySet:
    """One kind's rows about ``people``, read from its citations table: one per (public
    fact, valid passage), every column a plain join (no per-row query)."""
    key = (name, get_language())
    if (rows := _KIND_ROWS.get(key)) is None:
        rows = _KIND_ROWS[key] = _fact_kind_columns(name, kind)
    # A filter after the columns reuses their joins (forward keys), so the query is the
    # one written with the filter first.
    return rows.filter(**{f"{kind.model.citations_owner()}__person__in": people})


def _fact_kind_columns(name: str, kind: FactKind) -> QuerySet:
    """One kind's rows about every public person, in the active language: the columns of a
    facts list's row."""
    owner = kind.model.citations_owner()

    def path(field: str) -> str:
        return f"{owner}__{field}"

    def column(source: Source, output_field=None) -> Expression:
        if source is None:
            # Typed: PostgreSQL types a UNION's columns arm by arm, and an untyped NULL
            # in the first arms would make the date column text.
            return Cast(Value(None), output_field or TextField())
        if isinstance(source, str):
            return translation.column(kind.model, source, prefix=path(""))
        return source(path)

    def in_language(name: str, lang: str) -> Expression:
        if name == "person_name":
            unnamed = When(
                **{path("person__is_named"): False}, then=F(path(f"person__description_{lang}"))
            )
            return Case(unnamed, default=Value(None), output_field=TextField())
        source = {"attributed_to": "attributed_to", "note": "note"}.get(name) or getattr(kind, name)
        if name not in translated:
            return column(None)
        return Cast(F(path(f"{source}_{lang}")), TextField())

    translated = _translated_sources(kind)
    date, precision = kind.date or (None, None)
    rows = kind.model.citations.through.objects.filter(
        **{path("is_public"): True}, passage__is_valid=True
    )
    columns = {
        "kind": Value(name),
        "kind_rank": Value(list(FACT_KINDS).index(name)),
        "fact_pk": F(owner),
        "person_pk": F(path("person")),
        # Someone the sources do not name is called by our description of them.
        "person_name": Case(
            When(
                **{path("person__is_named"): False},
                then=translation.column(
                    Person, "description", path("person__"), default=F(path("person__name"))
                ),
            ),
            default=F(path("person__name")),
            output_field=TextField(),
        ),
        "person_slug": F(path("person__slug")),
        "value": column(kind.value),
        "detail": column(kind.detail),
        "facility": column(kind.facility),
        "event": column(kind.event),
        "date": column(date, DateField()),
        "date_precision": column(precision),
        "certainty": F(path("certainty")),
        "attributed_to": translation.column(kind.model, "attributed_to", prefix=path("")),
        "note": translation.column(kind.model, "note", prefix=path("")),
        "cited_parts": F(path("cited_parts")),
        "passage_pk": F("passage"),
        "start": F("passage__start"),
        "end": F("passage__end"),
        "quote": F("passage__quote"),
        "translation": F("passage__translation"),
        "translation_language": F("passage__translation_language"),
        "translated_by": F("passage__translated_by"),
        "translation_method": F("passage__translation_method"),
        "article_slug": F("passage__article__slug"),
        "article_title": F("passage__article__title"),
        "outlet": F("passage__article__outlet"),
        "article_url": F("passage__article__url"),
        "published_on": F("passage__article__published_on"),
        "published_precision": F("passage__article__published_precision"),
        # The page the text was read from, as fetched (null for a pasted text).
        "capture_sha256": F("passage__article__capture__sha256"),
        **{
            f"{name}_{lang}": in_language(name, lang)
            for name in FACT_ROW_TRANSLATED
            for lang in translation.LANGUAGES
        },
    }
    # Every kind selects the same columns in the same order, as a UNION needs.
    return rows.annotate(**columns).values(*columns)


class FactCitation:
    """One row of the facts list: a fact about a person and one passage citing it, with
    the passage (and its article) rebuilt from the row, so that its links and labels are
    made as everywhere else (``sources.citations``)."""

    def __init__(self, row: dict):
        self.__dict__.update(row)
        self.kind_label = FACT_KINDS[self.kind].label
        # Which fields are curators' words (``releases.translation.is_translated``): a
        # person's name only when it is our description of someone unnamed.
        self.translated = _TRANSLATED_BY_KIND[self.kind] | (
            {"person_name"}
            if any(row[f"person_name_{lang}"] for lang in translation.LANGUAGES)
            else set()
        )

        article = SourceArticle(
            slug=self.article_slug,
            title=self.article_title,
            outlet=self.outlet,
            url=self.article_url,
            published_on=self.published_on,
            published_precision=self.published_precision,
        )
        self.passage = Passage(
            pk=self.passage_pk,
            article=article,
            start=self.start,
            end=self.end,
            quote=self.quote,
            translation=self.translation,
            translation_language=self.translation_language,
            translated_by=self.translated_by,
            translation_method=self.translation_method,
        )

    def in_every_language(self, name: str) -> dict[str, str | None] | None:
        """{"en": …, "es": …} of a field that is curators' words, else None."""
        if name not in self.translated:
            return None
        return {lang: getattr(self, f"{name}_{lang}") or None for lang in translation.LANGUAGES}

    @property
    def supports(self) -> list[str]:
        """What this row's passage supports (``releases.models.Cited.cited_parts``)."""
        return supported_parts(self.cited_parts, self.passage_pk)

    @property
    def value_display(self) -> str:
        """The value in words: a situation's label rather than its code."""
        if self.kind in ("detention", "release", "status_change"):
            return str(Status(self.value).label)
        return self.value or ""

    @property
    def value_shown(self) -> str:
        """The value as the page shows it: a nationality by its name in the reader's
        language ("España"); exports keep ``value_display``, the record's."""
        if self.kind == "nationality":
            return Country(code=self.detail, name=self.value).local_name
        return self.value_display

    @property
    def detail_display(self) -> str:
        if self.kind == "role":
            return str(Role.RoleKind(self.detail).label)
        return self.detail or ""

    @property
    def has_date(self) -> bool:
        return FACT_KINDS[self.kind].date is not None

    @property
    def date_display(self) -> str:
        return format_partial_date(self.date, self.date_precision)

    @property
    def source(self) -> str:
        """The source's name as every citation marker gives it (``source_label``)."""
        return source_label(self.passage.article)

    @property
    def original_url(self) -> str | None:
        return text_fragment_url(self.passage)

    def get_person_url(self) -> str:
        return reverse("releases:person_detail", args=[self.person_slug])


_TRANSLATED_BY_KIND = {name: _translated_sources(kind) for name, kind in FACT_KINDS.items()}


class FactCitations:
    """The facts list's rows, paged by PERSON: a slice ``[a:b]`` is every row of people
    ``a`` to ``b`` (in name order), so a page of 25 people shows all their facts, and a
    person is never split across pages. ``people_count()`` counts in those units (the
    paginator's count); ``count()`` counts rows (an export's ``count``).

    Why by person: sorting or counting every (fact, passage) row of the record costs
    seconds at 100,000 people, whatever the page shows. People come in name order from
    their index, and then only their rows are read: one query for the people, one for
    their rows, per page or per export chunk."""

    def __init__(self, people: QuerySet[Person], kinds: list[str]):
        self.kinds = kinds
        if len(kinds) < len(FACT_KINDS):
            # A public person has at least one public fact of some kind (releases.derived), so
            # only a chosen kind needs asking for.
            people = people.filter(
                reduce(or_, (_has_public(FACT_KINDS[name].model) for name in kinds))
            )
        self.people = people.order_by("name", "pk")

    def count(self) -> int:
        """The rows (an export's ``count``): one COUNT over the kinds' citation tables."""
        return self._union(self.people.values("pk")).count()

    def people_count(self) -> int:
        """The people with a row: what a page of 25 counts in."""
        return self.people.count()

    def __getitem__(self, index: slice) -> list[FactCitation]:
        return self._rows(list(self.people.values_list("pk", flat=True)[index]))

    def iterator(self, chunk_size: int) -> Iterator[FactCitation]:
        """Every row, ``chunk_size`` people at a time, each chunk found after the last
        one's name (a keyset on the name index, not an OFFSET that grows)."""
        people = self.people.values_list("name", "pk")
        chunk = list(people[:chunk_size])
        while chunk:
            yield from self._rows([pk for _, pk in chunk])
            last_name, last_pk = chunk[-1]
            after = Q(name__gt=last_name) | Q(name=last_name, pk__gt=last_pk)
            chunk = list(people.filter(after)[:chunk_size])

    def _rows(self, person_pks: list[int]) -> list[FactCitation]:
        if not person_pks:
            return []
        return [FactCitation(row) for row in self._union(person_pks).order_by(*FACT_ROW_ORDER)]

    def _union(self, people) -> QuerySet:
        arms = [_fact_kind_rows(name, FACT_KINDS[name], people) for name in self.kinds]
        return arms[0].union(*arms[1:], all=True) if len(arms) > 1 else arms[0]


def _has_public(model: type[Fact]) -> Exists:
    return Exists(model.objects.published().filter(person=OuterRef("pk")))


def fact_citations(people: QuerySet[Person], kinds: Iterable[str] = ()) -> FactCitations:
    """Every public fact of ``kinds`` (all when empty) about ``people``, once per valid
    passage citing it, in ``FACT_ROW_ORDER``, paged by person (``FactCitations``)."""
    chosen = [name for name in FACT_KINDS if not kinds or name in kinds]
    return FactCitations(people.order_by(), chosen)
