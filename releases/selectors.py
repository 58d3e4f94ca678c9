"""Reads shared by views, exports and the derived-data refresh, with their prefetching
already applied.

Every queryset here loads a fact's citations with one query shape (``cited()``), so one
template include and one serializer can render the citations of any fact, and a page's
query count does not grow with its rows. What is public is stored (``is_public``, kept by
``releases.services``), so every filter here is a plain indexed condition; counts are
correlated subqueries, so a page of 25 rows counts for those 25 only.
"""

from collections import defaultdict
from dataclasses import dataclass
from itertools import groupby

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower

from releases import models as m
from sources.models import Passage

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


def person_facts_prefetches(*, with_mentions: bool = False) -> list[Prefetch]:
    prefetches = [
        Prefetch("aliases", queryset=cited(m.Alias)),
        Prefetch("citizenships", queryset=cited(m.Citizenship, "country")),
        Prefetch("roles", queryset=cited(m.Role, "event")),
        Prefetch("detentions", queryset=cited(m.Detention, "facility")),
        Prefetch("releases", queryset=cited(m.Release, "event", "facility")),
        Prefetch("status_changes", queryset=cited(m.StatusChange)),
    ]
    if with_mentions:
        prefetches.append(Prefetch("mentions", queryset=cited(m.Mention)))
    return prefetches


def public_people() -> QuerySet[m.Person]:
    """People something cited is said about (a bare name is not a fact)."""
    return m.Person.objects.filter(is_public=True)


def people() -> QuerySet[m.Person]:
    return public_people().prefetch_related(*person_facts_prefetches())


def latest_freed(limit: int) -> list[m.Person]:
    """The people most recently freed (by their first release), with their releases."""
    freed = public_people().filter(status__in=m.FREED_STATUSES)
    return list(
        freed.order_by(F("first_released_on").desc(nulls_last=True), "name", "pk").prefetch_related(
            Prefetch("releases", queryset=cited(m.Release, "event"))
        )[:limit]
    )


def freed_count() -> int:
    return public_people().filter(status__in=m.FREED_STATUSES).count()


def person_with_everything() -> QuerySet[m.Person]:
    return public_people().prefetch_related(
        *person_facts_prefetches(with_mentions=True),
        Prefetch("count_claims", queryset=cited(m.CountClaim, "event", "country")),
    )


class _Count(Func):
    """``COUNT(...)`` as a plain function, so that a correlated subquery counts its rows
    without a GROUP BY."""

    function = "COUNT"
    output_field = IntegerField()


class _CountRows(_Count):
    template = "COUNT(*)"


class _CountDistinct(_Count):
    template = "COUNT(DISTINCT %(expressions)s)"


def _count(queryset: QuerySet, counted: Func | None = None) -> Coalesce:
    """How many rows of ``queryset`` (correlated with the outer row through ``OuterRef``).
    ``COUNT(*)`` by default: it needs no column, so an index alone can answer it."""
    subquery = queryset.order_by().annotate(n=counted or _CountRows()).values("n")
    return Coalesce(Subquery(subquery, output_field=IntegerField()), 0)


def _people_with(model, **where) -> Coalesce:
    """How many distinct people have a public fact of ``model`` matching ``where``."""
    return _count(model.objects.published().filter(**where), _CountDistinct(F("person")))


def linked_people_count(kind: str, key) -> Coalesce:
    """How many public people are linked to ``key`` (counted on the link table's index)."""
    return _count(m.PersonLink.objects.filter(kind=kind, key=key))


def facilities() -> QuerySet[m.Facility]:
    """Public facilities with how many distinct people the sources place there (held there)
    and how many they say were freed from there."""
    return (
        m.Facility.objects.published()
        .annotate(
            people_count=_people_with(m.Detention, facility=OuterRef("pk")),
            freed_count=_people_with(m.Release, facility=OuterRef("pk")),
        )
        .prefetch_related(citations_prefetch())
        .order_by("name")
    )


def facility_detail(facility: m.Facility) -> dict:
    """What the facility page shows besides the facility itself: the first people held
    there and freed from there (the people list has the rest), and the facts about the place."""
    held = cited(m.Detention, "person").filter(facility=facility)
    freed = cited(m.Release, "person", "event").filter(facility=facility)
    return {
        "detentions": list(held.order_by("person__name", "pk")[:DETAIL_PEOPLE]),
        "releases": list(freed.order_by("person__name", "pk")[:DETAIL_PEOPLE]),
        "reports": list(cited(m.FacilityReport, "event").filter(facility=facility)),
        "mentions": list(cited(m.Mention).filter(facility=facility)),
    }


def countries() -> QuerySet[m.Country]:
    """Countries the record involves: a public person's nationality, or a count names them.
    (Which countries is asked with EXISTS, which stops at the first row; only the rows of
    the page count their people.)"""
    nationals = m.PersonLink.objects.filter(
        kind=m.PersonLink.Kind.NATIONALITY, key=Lower(OuterRef("code"))
    )
    counts = m.CountClaim.objects.published().filter(country=OuterRef("pk"))
    return (
        m.Country.objects.filter(Exists(nationals) | Exists(counts))
        .annotate(
            people_count=linked_people_count(
                m.PersonLink.Kind.NATIONALITY, Lower(OuterRef("code"))
            ),
            count_total=_count(counts),
        )
        .prefetch_related(Prefetch("counts", queryset=cited(m.CountClaim, "event")))
        .order_by("name")
    )


def country_people(country: m.Country) -> list[m.Citizenship]:
    """The first public people of this nationality, by name (the people list has the rest)."""
    citizenships = cited(m.Citizenship, "person").filter(country=country)
    return list(citizenships.order_by("person__name", "pk")[:DETAIL_PEOPLE])


def events() -> QuerySet[m.ReleaseEvent]:
    return m.ReleaseEvent.objects.published().prefetch_related(
        citations_prefetch(),
        Prefetch("counts", queryset=cited(m.CountClaim, "country")),
        Prefetch(
            "roles",
            queryset=cited(m.Role, "person").filter(kind=m.Role.Kind.ANNOUNCER),
            to_attr="announcements",
        ),
    )


def event_detail() -> QuerySet[m.ReleaseEvent]:
    return (
        events()
        .annotate(
            freed_count=_people_with(m.Release, event=OuterRef("pk")),
        )
        .prefetch_related(
            Prefetch("facility_reports", queryset=cited(m.FacilityReport, "facility")),
        )
    )


def event_people(event: m.ReleaseEvent) -> dict:
    """The first people freed in the event and the first who spoke of it, by name."""
    releases = cited(m.Release, "person").filter(event=event)
    roles = cited(m.Role, "person").filter(event=event)
    return {
        "releases": list(releases.order_by("person__name", "pk")[:DETAIL_PEOPLE]),
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


def timeline_people() -> TimelinePeople:
    releases = m.Release.objects.published()
    deaths = m.StatusChange.objects.published().filter(status=m.Status.DIED_IN_CUSTODY)
    if releases.count() + deaths.count() <= TIMELINE_FACTS:
        return TimelinePeople(
            list(cited(m.Release, "person")),
            list(cited(m.StatusChange, "person").filter(status=m.Status.DIED_IN_CUSTODY)),
            grouped=False,
        )

    def by_date(facts):
        rows = facts.values("date", "date_precision").annotate(n=Count("person", distinct=True))
        return list(rows.order_by(F("date").asc(nulls_last=True), "date_precision"))

    return TimelinePeople(by_date(releases), by_date(deaths), grouped=True)


# The quantities a count measures, in the order a reader asks about them.
_METRIC_ORDER = Case(
    *(When(metric=value, then=Value(rank)) for rank, value in enumerate(m.CountClaim.Metric)),
    output_field=IntegerField(),
)


# How count claims are grouped: by the quantity measured, then by country (counts of
# everyone first). Any other order applies within a group.
COUNT_GROUPS = (_METRIC_ORDER, F("country__name").asc(nulls_first=True))


def count_claims() -> QuerySet[m.CountClaim]:
    """Every public count claim, grouped (``COUNT_GROUPS``), then by the date each counts
    up to: claims about the same thing side by side, never summed."""
    return cited(m.CountClaim, "event", "country", "claimant").order_by(
        *COUNT_GROUPS, F("as_of").asc(nulls_last=True), "claimed_by", "pk"
    )


@dataclass(frozen=True)
class CountGroup:
    """The claims about one quantity: one ``metric``, counted over everyone (``country`` is
    None) or over one nationality. Shown side by side, never summed."""

    metric: str
    country: m.Country | None
    claims: list[m.CountClaim]

    @property
    def metric_label(self) -> str:
        return m.CountClaim.Metric(self.metric).label


@dataclass(frozen=True)
class HomeCounts:
    """The home page's answers: a group per quantity counted over everyone (released so far,
    still held, held at some point), then a group per nationality and quantity."""

    overall: list[CountGroup]
    by_nationality: list[CountGroup]


def _running_totals_first(claim: m.CountClaim) -> tuple[bool, bool]:
    # Within a group the claims keep ``count_claims()``'s order (as of, claimant), except
    # that running totals come first: a claim about no single event, and a figure before
    # words such as "several".
    return claim.event_id is not None, claim.value is None


def home_counts() -> HomeCounts:
    """Every public count claim in ``count_claims()``'s groups (``COUNT_GROUPS``: quantity,
    then country), split into counts of everyone and counts of one nationality. One read."""
    groups = [
        CountGroup(metric, country, sorted(claims, key=_running_totals_first))
        for (metric, country), claims in groupby(
            count_claims(), key=lambda claim: (claim.metric, claim.country)
        )
    ]
    metrics = list(m.CountClaim.Metric)
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
    links = m.PersonLink.objects.filter(person=OuterRef("pk"), kind=m.PersonLink.Kind.SOURCE)
    return _count(links)


def records_citing(passage_ids) -> dict[int, list]:
    """For each passage, the public records citing it (each says what it is with ``str``
    and where it is shown with ``get_absolute_url``): one query per kind of record."""
    passage_ids = list(passage_ids)
    found: dict[int, list] = defaultdict(list)
    for model in m.CITED_MODELS:
        owner = model.citations_owner()
        rows = model.citations.through.objects.filter(
            passage_id__in=passage_ids, **{f"{owner}__is_public": True}
        ).select_related(owner, *(f"{owner}__{name}" for name in model.label_related))
        for row in rows.order_by(f"{owner}_id"):
            found[row.passage_id].append(getattr(row, owner))
    return found
