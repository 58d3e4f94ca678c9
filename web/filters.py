"""Validated filters for every list page (and its CSV/JSON export), and the building blocks
they share (whitelisted ordering, accent-insensitive search).

Filters across facts use ``Exists`` subqueries rather than joins, so a person matched by
two citizenships or two releases is listed once without ``distinct()``.
"""

import datetime
import functools
import operator
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import django_filters as filters
from django import forms
from django.conf import settings
from django.core.validators import validate_slug
from django.db.models import (
    BooleanField,
    Exists,
    Expression,
    ExpressionWrapper,
    F,
    Model,
    OuterRef,
    Q,
    QuerySet,
)
from django.http import QueryDict
from django.utils.functional import Promise, lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_filters import fields

from releases.country_names import countries_named, longest_country_form
from releases.models import (
    CLAIMANT_LANGUAGES,
    MENTIONED_LAST,
    WAS_HELD,
    CountClaim,
    Country,
    FacetCount,
    FacetPairCount,
    Facility,
    Person,
    PersonLink,
    Release,
    ReleaseEvent,
    Status,
)
from releases.selectors import COUNT_GROUPS, FACT_KINDS, FactCitations, fact_citations
from sources.models import SourceArticle
from sources.search import fold_for_search
from web.caching import page_data_version
from web.widgets import QuickSelect, forget_drawn_menus

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

STATUS_ANY = "any"
# Who a person is in the story: held at some point (any status but "no detention or release
# reported"), or only mentioned (officials, relatives, lawyers). Read from the stored status.
DETAINEE, MENTIONED = "detainee", "mentioned"
INVOLVEMENT_CHOICES = [(DETAINEE, _("Detainees")), (MENTIONED, _("Only mentioned"))]
DATE_INPUT = forms.DateInput(attrs={"type": "date"})
DEFAULT_PERSON_STATUS = Status.RELEASED
# A search that matches at most this many people is sorted after matching
# (``PersonFilter.sorted_after_matching``); one matching more is read in the list's order.
SORT_AFTER_MATCHING = 10_000

# A menu's choices: (value, label) pairs, read when a form is built.
Choices = list[tuple[str, str | Promise]]


class MenuFilter(filters.ChoiceFilter):
    """A menu of choices, drawn by ``QuickSelect`` (the same markup, in a fraction of the
    time: the people page's menus hold a couple of hundred options)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", QuickSelect)
        super().__init__(*args, **kwargs)


def search_words(value: str) -> list[str]:
    """The query's words in lower case, at most ten: folded where they are matched against
    the folded column, kept as typed where an accent tells a name ("Germán") from a
    nationality ("German")."""
    return [word for word in value.casefold().split() if fold_for_search(word)][:10]


def _descending_label(label: str | Promise) -> str:
    return str(filters.OrderingFilter.descending_fmt % label)


_descending = lazy(_descending_label, str)


class OrderingFilter(filters.OrderingFilter):
    """Whitelisted ordering with empty values last on every database (SQLite and
    PostgreSQL disagree by default), and a stable tie-break on the primary key."""

    def __init__(
        self, *args: Any, within: tuple[str | Expression, ...] = (), **kwargs: Any
    ) -> None:
        # ``within``: an order that always comes first (the groups a page shows), so that
        # the chosen one sorts inside each group.
        self.within = within
        kwargs.setdefault("empty_label", _("default"))
        kwargs.setdefault("label", _("Sort by"))
        kwargs.setdefault("widget", QuickSelect)
        super().__init__(*args, **kwargs)

    def build_choices(
        self, fields: Mapping[str, str], labels: dict[str, "StrOrPromise"] | None
    ) -> list[tuple[str, str]]:
        # django-filter formats "<label> (descending)" once, when the module is imported,
        # in whatever language is active then; kept lazy, each page shows its own language.
        choices = super().build_choices(fields, labels)
        ascending = dict(choices)
        return [
            (param, _descending(ascending[param[1:]]) if param.startswith("-") else label)
            for param, label in choices
        ]

    def filter(self, qs: QuerySet[Any], value: list[str] | None) -> QuerySet[Any]:
        # "name," arrives as ["name", ""]: an empty item means nothing, not a field.
        value = [item for item in value or [] if item and item.strip()]
        if not value:
            return qs
        expressions = []
        for param in value:
            field = self.get_ordering_value(param)
            descending = field.startswith("-")
            column = F(field.lstrip("-"))
            expressions.append(
                column.desc(nulls_last=True) if descending else column.asc(nulls_last=True)
            )
        return qs.order_by(*self.within, *expressions, "pk")


@dataclass(frozen=True)
class SortHeader:
    """A sortable column header: the ordering a click asks for, and how the rows are
    sorted by this column now (``aria-sort``: "ascending", "descending", or "" when not)."""

    next: str
    aria_sort: str


def sort_headers(filterset: filters.FilterSet, *, default: str) -> dict[str, SortHeader]:
    """For each ordering value of a valid ``filterset`` (``default`` when none is chosen):
    a click on its header sorts by it ascending, or reverses it when it is the current
    order."""
    chosen = [item for item in filterset.form.cleaned_data.get("ordering") or [] if item]
    current = chosen[0] if chosen else default
    headers = {}
    ordering = cast(OrderingFilter, filterset.filters["ordering"])
    for param in ordering.param_map or {}:
        if current == param:
            headers[param] = SortHeader(f"-{param}", "ascending")
        elif current == f"-{param}":
            headers[param] = SortHeader(param, "descending")
        else:
            headers[param] = SortHeader(param, "")
    return headers


class SearchFilter(filters.CharFilter):
    """Accent- and case-insensitive match of every word on a pre-folded column. Where
    ``also_matches`` knows a run of words (as typed, in lower case: "estados unidos"), the
    run matches what it selects too (``Q``), besides its words."""

    def __init__(
        self,
        *,
        folded_field: str,
        also_matches: Callable[[str], Q | None] = lambda words: None,
        longest_run: int = 1,
        **kwargs: Any,
    ) -> None:
        self.folded_field = folded_field
        self.also_matches = also_matches
        self.longest_run = longest_run
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("label", _("Search"))
        super().__init__(**kwargs)

    def _conditions(self, words: list[str]) -> Iterator[Q]:
        """One condition per run: the longest run ``also_matches`` knows, else a word."""
        start = 0
        while start < len(words):
            for size in range(min(self.longest_run, len(words) - start), 0, -1):
                run = words[start : start + size]
                extra = self.also_matches(" ".join(run))
                if extra is not None or size == 1:
                    condition = Q()
                    for word in run:
                        condition &= Q(**{f"{self.folded_field}__contains": fold_for_search(word)})
                    yield (condition | extra) if extra is not None else condition
                    start += size
                    break

    def conditions(self, value: str) -> Iterator[Q]:
        """What a search for ``value`` asks of every row listed, one ``Q`` per run."""
        return self._conditions(search_words(value))

    def filter(self, qs: QuerySet[Any], value: str | None) -> QuerySet[Any]:
        for condition in self.conditions(value or ""):
            qs = qs.filter(condition)
        return qs


def people_of_countries_named(words: str) -> Q | None:
    """People with a nationality that ``words`` name ("españolas"): their search text holds
    the country's name as its record gives it ("spain"). A second pattern on the same
    column, not a lookup elsewhere, so PostgreSQL still answers from the trigram index."""
    codes = countries_named(words)
    if not codes:
        return None
    names = Country.objects.filter(code__in=codes).values_list("name", flat=True)
    conditions = [Q(search_name__contains=fold_for_search(name)) for name in names]
    return functools.reduce(operator.or_, conditions) if conditions else None


# Each menu's choices, by data version and language (``_choices``).
_KEPT_MENUS: list[dict[Any, Any]] = []


def forget_menus() -> None:
    """Drop the menus kept, and those drawn (a test's database starts its data versions
    again)."""
    for kept in _KEPT_MENUS:
        kept.clear()
    forget_drawn_menus()


def _choices[M: Model](
    model: type[M],
    value: Callable[[M], str],
    label: Callable[[M], str | Promise],
    *,
    order_by: str,
    fields: tuple[str, ...],
) -> Callable[[], Choices]:
    """Choices read from the database each time a form is built (callable, so a new
    facility or event appears without a restart). Validating against them keeps any value
    we do not know (NUL bytes and all) away from the database."""

    kept: dict[tuple[int | None, str | None], Choices] = {}
    _KEPT_MENUS.append(kept)

    def load() -> Choices:
        # The same for every page of one data version (in one language): kept for them,
        # not read again for each page and each validation.
        version = page_data_version()
        key = (version, get_language())
        if version is not None and key in kept:
            return kept[key]
        rows = model._default_manager.order_by(order_by).only(*fields)
        if hasattr(rows, "published"):  # no name of an unsupported record in a menu
            rows = rows.published()
        choices = [(value(obj), label(obj)) for obj in rows]
        if version is not None:
            if len(kept) >= len(settings.LANGUAGES) * 2:
                kept.clear()  # older versions: never asked for again
            kept[key] = choices
        return choices

    return load


def _sorted_by_label(load: Callable[[], Choices]) -> Callable[[], Choices]:
    """Choices in the order of what the menu shows: a name in the page's language sorts
    where it reads ("Alemania" before "España" on Spanish pages), not where English has it."""
    return lambda: sorted(load(), key=lambda choice: fold_for_search(str(choice[1])))


COUNTRY_CHOICES = _sorted_by_label(
    _choices(
        Country,
        lambda c: c.code.lower(),
        lambda c: c.local_name,
        order_by="name",
        fields=("code", "name"),
    )
)
EVENT_CHOICES = _choices(
    ReleaseEvent, lambda e: e.slug, lambda e: e.title, order_by="title", fields=("slug", "title")
)


class SourceField(forms.SlugField):
    """An article, by slug. Articles are too many for a menu (the facet offers the ones
    that matter); an unknown slug is refused like any bad value."""

    widget = forms.HiddenInput

    def validate(self, value: str) -> None:
        super().validate(value)
        if value:
            validate_slug(value)  # before the database sees it (NUL bytes and all)
            if not SourceArticle.objects.filter(slug=value).exists():
                raise forms.ValidationError(_("No source article has this name."))


class SourceFilter(filters.Filter):
    field_class = SourceField


# The filters that select people by what links them to something (``PersonLink.kind``).
LINK_FILTERS = {
    "nationality": PersonLink.LinkKind.NATIONALITY,
    "facility": PersonLink.LinkKind.FACILITY,
    "event": PersonLink.LinkKind.EVENT,
    "source": PersonLink.LinkKind.SOURCE,
}


class PersonFilter(filters.FilterSet):
    q = SearchFilter(
        folded_field="search_name",
        also_matches=people_of_countries_named,
        longest_run=longest_country_form(),
        label=_("Name, place, nationality, role or event"),
    )
    status = MenuFilter(
        choices=[(STATUS_ANY, _("any status")), *Status.choices],
        method="filter_status",
        label=_("Status"),
        empty_label=None,
    )
    involvement = MenuFilter(
        choices=INVOLVEMENT_CHOICES,
        method="filter_involvement",
        label=_("Detainee or only mentioned"),
        empty_label=_("any"),
    )
    nationality = MenuFilter(
        choices=COUNTRY_CHOICES,
        method="filter_link",
        label=_("Nationality"),
        empty_label=_("any"),
    )
    facility = MenuFilter(
        choices=_choices(
            Facility, lambda f: f.slug, lambda f: f.name, order_by="name", fields=("slug", "name")
        ),
        method="filter_link",
        label=_("Facility"),
        empty_label=_("any"),
    )
    event = MenuFilter(
        choices=EVENT_CHOICES,
        method="filter_link",
        label=_("Event"),
        empty_label=_("any"),
    )
    source = SourceFilter(method="filter_link", label=_("Source"), max_length=120)
    released_from = filters.DateFilter(
        method="filter_released_from", label=_("Released from"), widget=DATE_INPUT
    )
    released_to = filters.DateFilter(
        method="filter_released_to", label=_("Released until"), widget=DATE_INPUT
    )
    ordering = OrderingFilter(
        fields=(("name", "name"), ("status", "status"), ("first_released_on", "released")),
        field_labels={
            "name": _("Name"),
            "status": _("Status"),
            "first_released_on": _("Release date"),
        },
    )

    class Meta:
        model = Person
        fields: list[str] = []

    def __init__(
        self,
        data: QueryDict | dict[str, Any] | None = None,
        queryset: QuerySet[Person] | None = None,
        **kwargs: Any,
    ) -> None:
        if queryset is None:
            queryset = Person.objects.filter(is_public=True)
        super().__init__(data, queryset=queryset.order_by("name", "pk"), **kwargs)

    def queryset_without(self, *names: str) -> QuerySet[Any]:
        """The people matching every valid filter but ``names`` (and in no set order):
        what a facet counts over. Call after ``is_valid()``."""
        queryset = self._people().order_by()
        for name, value in self.form.cleaned_data.items():
            if name not in names and name != "ordering":
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def active(self, *excluding: str) -> list[str]:
        """Names of the filters in use, but ``excluding`` (status "any" is not in use)."""
        return [
            name
            for name, value in self.form.cleaned_data.items()
            if value not in (None, "", [], STATUS_ANY) and name not in (*excluding, "ordering")
        ]

    def _people(self) -> QuerySet[Any]:
        """The people before filtering (``__init__`` always gives them)."""
        return cast(QuerySet[Any], self.queryset)

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        queryset = super().filter_queryset(queryset)
        if self.form.cleaned_data.get("status") == STATUS_ANY:
            # Everyone the sources name: the detainees first, then the people only
            # mentioned, each group in the order chosen.
            queryset = queryset.order_by(MENTIONED_LAST, *queryset.query.order_by)
        return queryset

    def sorted_after_matching(self, matched: int) -> QuerySet[Any]:
        """The rows listed (``qs``), knowing that ``matched`` people match. PostgreSQL
        cannot tell how few people a search matches, nor that they bunch together in the
        list's order ("maria" among the names in M), so it reads the list in order, testing
        each row: 17,000 rows for "maria" at 100,000 people, ten times more at a million. A
        search matching few is sorted first by its own condition, true for every row: the
        order is unchanged, but no index has it, so the matches are found through the
        trigram index and only they are sorted."""
        search = cast(SearchFilter, self.filters["q"])
        conditions = list(search.conditions(self.form.cleaned_data.get("q") or ""))
        if not conditions or matched > SORT_AFTER_MATCHING:
            return self.qs
        matching = ExpressionWrapper(conditions[0], output_field=BooleanField())
        return self.qs.order_by(matching.desc(), *self.qs.query.order_by)

    # The status and involvement filters apply to people, and as they are to the links and
    # their stored counts (``web.facets``), which repeat their person's status.

    def filter_status[M: Person | PersonLink | FacetCount | FacetPairCount](
        self, qs: QuerySet[M], name: str, value: str
    ) -> QuerySet[M]:
        return qs if value == STATUS_ANY else qs.filter(status=value)

    def filter_involvement[M: Person | PersonLink | FacetCount | FacetPairCount](
        self, qs: QuerySet[M], name: str, value: str | None
    ) -> QuerySet[M]:
        if value == DETAINEE:
            return qs.filter(WAS_HELD)
        if value == MENTIONED:
            return qs.exclude(WAS_HELD)
        return qs

    def filter_link(self, qs: QuerySet[Person], name: str, value: str) -> QuerySet[Person]:
        if not value:
            return qs
        links = PersonLink.objects.filter(kind=LINK_FILTERS[name], key=value)
        return qs.filter(pk__in=links.values("person"))

    def filter_released_from(
        self, qs: QuerySet[Person], name: str, value: datetime.date
    ) -> QuerySet[Person]:
        return qs.filter(
            Exists(Release.objects.published().filter(person=OuterRef("pk"), date__gte=value))
        )

    def filter_released_to(
        self, qs: QuerySet[Person], name: str, value: datetime.date
    ) -> QuerySet[Person]:
        return qs.filter(
            Exists(Release.objects.published().filter(person=OuterRef("pk"), date__lte=value))
        )


class FacilityFilter(filters.FilterSet):
    ordering = OrderingFilter(
        fields=(("name", "name"), ("people_count", "people")),
        field_labels={"name": _("Name"), "people_count": _("People held")},
    )

    class Meta:
        model = Facility
        fields: list[str] = []


class CountryFilter(filters.FilterSet):
    ordering = OrderingFilter(
        fields=(("name", "name"), ("code", "code"), ("people_count", "people")),
        field_labels={"name": _("Name"), "code": _("Code"), "people_count": _("Named people")},
    )

    class Meta:
        model = Country
        fields: list[str] = []


class EventFilter(filters.FilterSet):
    date_from = filters.DateFilter(
        field_name="date", lookup_expr="gte", label=_("From"), widget=DATE_INPUT
    )
    date_to = filters.DateFilter(
        field_name="date", lookup_expr="lte", label=_("Until"), widget=DATE_INPUT
    )
    ordering = OrderingFilter(
        fields=(("date", "date"), ("title", "title")),
        field_labels={"date": _("Date"), "title": _("Title")},
    )

    class Meta:
        model = ReleaseEvent
        fields: list[str] = []


class ArticleFilter(filters.FilterSet):
    q = SearchFilter(folded_field="search_text", label=_("Text"))
    outlet = filters.CharFilter(field_name="outlet", max_length=200, label=_("Outlet"))
    origin = filters.CharFilter(
        field_name="story_origin",
        validators=[validate_slug],
        max_length=120,
        label=_("Story origin"),
    )
    ordering = OrderingFilter(
        fields=(("published_on", "published"), ("slug", "slug"), ("outlet", "outlet")),
        field_labels={"published_on": _("Date"), "slug": _("Name"), "outlet": _("Outlet")},
    )

    class Meta:
        model = SourceArticle
        fields: list[str] = []


# Every public claimant by key ({key: [{"en": …, "es": …}, …]}), by data version.
_KEPT_CLAIMANTS: dict[int, dict[str, list[dict[str, str]]]] = {}
_KEPT_MENUS.append(_KEPT_CLAIMANTS)


def claimants() -> dict[str, list[dict[str, str]]]:
    """Who makes a public count claim, in every language, by their stored key (read once per
    data version for the menu and its validation). A claimant renamed since its claims were
    made keeps its key, so one key may have had several names: each is listed."""
    version = page_data_version()
    if version is not None and version in _KEPT_CLAIMANTS:
        return _KEPT_CLAIMANTS[version]
    columns = [f"claimed_by_{lang}" for lang in CLAIMANT_LANGUAGES]
    rows = CountClaim.objects.published().order_by().values_list("claimant_key", *columns)
    found: dict[str, list[dict[str, str]]] = defaultdict(list)
    for key, *row in rows.distinct():
        names = {lang: value or "" for lang, value in zip(CLAIMANT_LANGUAGES, row, strict=True)}
        found[key].append(names)
    if version is not None:
        _KEPT_CLAIMANTS.clear()  # older versions: never asked for again
        _KEPT_CLAIMANTS[version] = dict(found)
    return dict(found)


def _claimant_label(names: dict[str, str]) -> str:
    language = get_language() or settings.LANGUAGE_CODE
    order = [language, *CLAIMANT_LANGUAGES]
    return next((names[lang] for lang in order if names.get(lang)), "")


def _claimant_choices() -> list[tuple[str, str]]:
    """The claimants' keys, each labelled as the page's language names them."""
    choices = [(key, _claimant_label(names[0])) for key, names in claimants().items()]
    return sorted(choices, key=lambda choice: fold_for_search(choice[1]))


class ClaimantField(fields.ChoiceField):
    """A claimant by its stored key. A link from before keys (the name as a page of either
    language showed it: "the UN", "la ONU") still filters: the name is read as its
    claimant's key."""

    def clean(self, value: Any) -> Any:
        if value and value not in claimants():
            typed = fold_for_search(str(value))
            for key, all_names in claimants().items():
                if any(fold_for_search(n) == typed for names in all_names for n in names.values()):
                    value = key
                    break
        return super().clean(value)


class ClaimantFilter(MenuFilter):
    field_class = ClaimantField


class CountFilter(filters.FilterSet):
    """The numbers: what a count measures, who claims it, and the country or event it is
    about. Grouped by quantity and country whatever the order chosen (``COUNT_GROUPS``)."""

    metric = MenuFilter(
        choices=CountClaim.Metric.choices, label=_("Quantity"), empty_label=_("any")
    )
    claimant = ClaimantFilter(
        choices=_claimant_choices,
        method="filter_claimant",
        label=_("Claimant"),
        empty_label=_("any"),
    )
    country = MenuFilter(
        choices=COUNTRY_CHOICES, method="filter_country", label=_("Country"), empty_label=_("any")
    )
    event = MenuFilter(
        field_name="event__slug", choices=EVENT_CHOICES, label=_("Event"), empty_label=_("any")
    )
    ordering = OrderingFilter(
        fields=(("as_of", "as_of"), ("value", "figure"), ("claimed_by", "claimant")),
        field_labels={"as_of": _("As of"), "value": _("Figure"), "claimed_by": _("Claimant")},
        label=_("Sort each group by"),
        within=COUNT_GROUPS,
    )

    class Meta:
        model = CountClaim
        fields: list[str] = []

    def filter_claimant(
        self, qs: QuerySet[CountClaim], name: str, value: str
    ) -> QuerySet[CountClaim]:
        if not value:
            return qs
        return qs.filter(claimant_key=value)

    def filter_country(
        self, qs: QuerySet[CountClaim], name: str, value: str
    ) -> QuerySet[CountClaim]:
        return qs.filter(country__code=value.upper()) if value else qs


class FactFilter(PersonFilter):
    """The facts list: the people filters choose whose facts (``PersonFilter``, unchanged),
    ``kind`` which of them. Rows are in one fixed order (``FACT_ROW_ORDER``), so the
    people's sort order is not offered."""

    kind = MenuFilter(
        choices=[(name, kind.label) for name, kind in FACT_KINDS.items()],
        method="filter_kind",
        label=_("Kind of fact"),
        empty_label=_("any"),
    )
    ordering = None  # type: ignore[assignment]  # the declared filter removed, as django-filter allows

    def filter_kind(self, qs: QuerySet[Person], name: str, value: str) -> QuerySet[Person]:
        return qs  # applied to the facts, not to the people (``qs`` below)

    @property
    def qs(self) -> FactCitations:  # type: ignore[override]  # facts, not the people filtered
        if not hasattr(self, "_facts"):
            people = super().qs  # validates the form first
            kind = self.form.cleaned_data.get("kind") if self.is_bound else None
            self._facts = fact_citations(people, [kind] if kind else [])
        return self._facts
