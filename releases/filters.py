"""Validated filters for every list page (and its CSV/JSON export).

Filters across facts use ``Exists`` subqueries rather than joins, so a person matched by
two citizenships or two releases is listed once without ``distinct()``.
"""

import django_filters as filters
from django import forms
from django.db.models import Exists, Min, OuterRef, Q

from releases import models as m
from sources.filtering import OrderingFilter, SearchFilter
from sources.models import Passage, SourceArticle

STATUS_ANY = "any"
DATE_INPUT = forms.DateInput(attrs={"type": "date"})
DEFAULT_PERSON_STATUS = m.Status.RELEASED


def _choices(model, value, label, *, order_by: str, fields: tuple[str, ...]):
    """Choices read from the database each time a form is built (callable, so a new
    facility or event appears without a restart). Validating against them keeps any value
    we do not know (NUL bytes and all) away from the database."""

    def load():
        rows = model.objects.order_by(order_by).only(*fields)
        if hasattr(rows, "published"):  # no name of an unsupported record in a menu
            rows = rows.published()
        return [(value(obj), label(obj)) for obj in rows]

    return load


def cited_in_article(slug: str) -> Q:
    """People with at least one fact citing the article ``slug``."""
    condition = Q()
    for model in m.PERSON_FACT_MODELS:
        condition |= Exists(
            model.objects.published().filter(
                person=OuterRef("pk"),
                citations__in=Passage.objects.valid().filter(article__slug=slug),
            )
        )
    return condition


class PersonFilter(filters.FilterSet):
    q = SearchFilter(folded_field="search_name", label="Name")
    status = filters.ChoiceFilter(
        choices=[(STATUS_ANY, "any status"), *m.Status.choices],
        method="filter_status",
        empty_label=None,
    )
    nationality = filters.ChoiceFilter(
        choices=_choices(
            m.Country,
            lambda c: c.code.lower(),
            lambda c: c.name,
            order_by="name",
            fields=("code", "name"),
        ),
        method="filter_nationality",
        label="Nationality",
        empty_label="any",
    )
    facility = filters.ChoiceFilter(
        choices=_choices(
            m.Facility, lambda f: f.slug, lambda f: f.name, order_by="name", fields=("slug", "name")
        ),
        method="filter_facility",
        label="Facility",
        empty_label="any",
    )
    event = filters.ChoiceFilter(
        choices=_choices(
            m.ReleaseEvent,
            lambda e: e.slug,
            lambda e: e.title,
            order_by="title",
            fields=("slug", "title"),
        ),
        method="filter_event",
        label="Event",
        empty_label="any",
    )
    source = filters.ChoiceFilter(
        choices=_choices(
            SourceArticle,
            lambda a: a.slug,
            lambda a: a.title or a.slug,
            order_by="slug",
            fields=("slug", "title"),
        ),
        method="filter_source",
        label="Source",
        empty_label="any",
    )
    released_from = filters.DateFilter(
        method="filter_released_from", label="Released from", widget=DATE_INPUT
    )
    released_to = filters.DateFilter(
        method="filter_released_to", label="Released until", widget=DATE_INPUT
    )
    ordering = OrderingFilter(
        fields=(("name", "name"), ("status", "status"), ("first_release", "released")),
        field_labels={"name": "Name", "status": "Status", "first_release": "Release date"},
    )

    class Meta:
        model = m.Person
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, **kwargs):
        if queryset is None:
            queryset = m.Person.objects.all()
        queryset = queryset.annotate(
            first_release=Min(
                "releases__date", filter=Q(releases__in=m.Release.objects.published())
            )
        ).order_by("name", "pk")
        super().__init__(data, queryset=queryset, **kwargs)

    def filter_status(self, qs, name, value):
        return qs if value == STATUS_ANY else qs.filter(status=value)

    def filter_nationality(self, qs, name, value):  # value: lower-case ISO code
        return qs.filter(
            Exists(
                m.Citizenship.objects.published().filter(
                    person=OuterRef("pk"), country__code=value.upper()
                )
            )
        )

    def filter_facility(self, qs, name, value):
        return qs.filter(
            Exists(
                m.Detention.objects.published().filter(person=OuterRef("pk"), facility__slug=value)
            )
            | Exists(
                m.Release.objects.published().filter(person=OuterRef("pk"), facility__slug=value)
            )
        )

    def filter_event(self, qs, name, value):
        return qs.filter(
            Exists(m.Release.objects.published().filter(person=OuterRef("pk"), event__slug=value))
            | Exists(m.Role.objects.published().filter(person=OuterRef("pk"), event__slug=value))
        )

    def filter_source(self, qs, name, value):
        return qs.filter(cited_in_article(value))

    def filter_released_from(self, qs, name, value):
        return qs.filter(
            Exists(m.Release.objects.published().filter(person=OuterRef("pk"), date__gte=value))
        )

    def filter_released_to(self, qs, name, value):
        return qs.filter(
            Exists(m.Release.objects.published().filter(person=OuterRef("pk"), date__lte=value))
        )


class FacilityFilter(filters.FilterSet):
    ordering = OrderingFilter(
        fields=(("name", "name"), ("people_count", "people")),
        field_labels={"name": "Name", "people_count": "People held"},
    )

    class Meta:
        model = m.Facility
        fields: list[str] = []


class CountryFilter(filters.FilterSet):
    ordering = OrderingFilter(
        fields=(("name", "name"), ("code", "code"), ("people_count", "people")),
        field_labels={"name": "Name", "code": "Code", "people_count": "Named people"},
    )

    class Meta:
        model = m.Country
        fields: list[str] = []


class EventFilter(filters.FilterSet):
    date_from = filters.DateFilter(
        field_name="date", lookup_expr="gte", label="From", widget=DATE_INPUT
    )
    date_to = filters.DateFilter(
        field_name="date", lookup_expr="lte", label="Until", widget=DATE_INPUT
    )
    ordering = OrderingFilter(
        fields=(("date", "date"), ("title", "title")),
        field_labels={"date": "Date", "title": "Title"},
    )

    class Meta:
        model = m.ReleaseEvent
        fields: list[str] = []
