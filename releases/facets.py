"""Facet counts for the people list: for each facet, how many people match every other
current filter and each value of this one. Many-to-many is counted per person: a dual
national counts once under each country. One query per facet, whatever the rows."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count
from django.http import QueryDict

from releases import models as m
from releases.filters import STATUS_ANY, PersonFilter
from sources.models import Passage, SourceArticle


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    query: str
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    options: list[FacetOption]


def _query_with(params: QueryDict, name: str, value: str | None) -> str:
    query = params.copy()
    query.pop("page", None)
    query.pop("format", None)
    if value is None:
        query.pop(name, None)
    else:
        query[name] = value
    return query.urlencode()


def _pair_counts(*querysets) -> Counter:
    """Count distinct people per key over (key, person_id) pairs from several fact tables
    (one query each: the pairs are merged here rather than with a SQL UNION, whose
    ordering rules differ between databases)."""
    pairs = set()
    for queryset in querysets:
        pairs.update(queryset.distinct())
    return Counter(key for key, _person in pairs)


def person_facets(params: QueryDict) -> list[Facet]:
    facets = []
    for name, label in (
        ("status", "Status"),
        ("nationality", "Nationality"),
        ("facility", "Facility"),
        ("event", "Event"),
        ("source", "Source"),
    ):
        others = params.copy()
        others.pop(name, None)
        if name == "status":
            others[name] = STATUS_ANY
        filterset = PersonFilter(others)
        if not filterset.is_valid():
            return []
        people = filterset.qs.values("pk")
        selected = params.get(name, "")
        facets.append(Facet(name, label, _options(name, people, params, selected)))
    return facets


def _options(name: str, people, params: QueryDict, selected: str) -> list[FacetOption]:
    if name == "status":
        counts = dict(
            m.Person.objects.filter(pk__in=people)
            .order_by()
            .values_list("status")
            .annotate(n=Count("pk"))
        )
        labels = dict(m.Status.choices)
        rows = [(value, labels[value], n) for value, n in counts.items()]
        rows.sort(key=lambda row: list(labels).index(row[0]))
        rows.insert(0, (STATUS_ANY, "any status", sum(counts.values())))
    elif name == "nationality":
        rows = [
            (code.lower(), country, n)
            for code, country, n in m.Citizenship.objects.published()
            .filter(person__in=people)
            .order_by("country__name")
            .values_list("country__code", "country__name")
            .annotate(n=Count("person", distinct=True))
        ]
    elif name == "facility":
        counts = _pair_counts(
            m.Detention.objects.published()
            .filter(person__in=people, facility__isnull=False)
            .order_by()
            .values_list("facility_id", "person_id"),
            m.Release.objects.published()
            .filter(person__in=people, facility__isnull=False)
            .order_by()
            .values_list("facility_id", "person_id"),
        )
        rows = [
            (f.slug, f.name, counts[f.pk])
            for f in m.Facility.objects.published().filter(pk__in=list(counts)).order_by("name")
        ]
    elif name == "event":
        counts = _pair_counts(
            m.Release.objects.published()
            .filter(person__in=people, event__isnull=False)
            .order_by()
            .values_list("event_id", "person_id"),
            m.Role.objects.published()
            .filter(person__in=people, event__isnull=False)
            .order_by()
            .values_list("event_id", "person_id"),
        )
        rows = [
            (e.slug, e.title, counts[e.pk])
            for e in m.ReleaseEvent.objects.published().filter(pk__in=list(counts))
        ]
    else:  # source
        counts = _pair_counts(
            *(
                model.objects.published()
                .filter(person__in=people, citations__in=Passage.objects.valid())
                .order_by()
                .values_list("citations__article_id", "person_id")
                for model in m.PERSON_FACT_MODELS
            )
        )
        rows = [
            (a.slug, a.display_title, counts[a.pk])
            for a in SourceArticle.objects.filter(pk__in=list(counts))
            .prefetch_related("boilerplate_spans")
            .order_by("slug")
        ]
    return [
        FacetOption(
            value=value,
            label=label,
            count=count,
            # A selected option links to "without it" — except a status, which always has
            # a value (leaving it out means the default, not "any").
            query=_query_with(
                params, name, None if value == selected and name != "status" else value
            ),
            selected=value == selected,
        )
        for value, label, count in rows
    ]
