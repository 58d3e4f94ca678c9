"""Facet counts for the people list: for each facet, how many people match every other
current filter and each value of this one. A dual national counts once under each country.

Counts come from the same table the filters read (``PersonLink``), so a facet's count and
the list it links to cannot disagree. Each facet is one indexed query plus one for its
labels, whatever the size of the record; with no link filter in use, the four link facets
share a single query. Under the default filters (a status, "detainee or
only mentioned", nothing else) they are read from ``FacetCount``, those very links counted
ahead by ``releases.derived``: a few hundred rows, not every person; under one link filter
besides ("Spanish nationals"), from ``FacetPairCount``, the links of the people of that
link counted ahead.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.db.models import Count, QuerySet, Sum
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from releases.models import (
    Country,
    FacetCount,
    FacetPairCount,
    Facility,
    PersonLink,
    ReleaseEvent,
    Status,
    was_held,
)
from sources.citations import source_label
from sources.models import SourceArticle
from web.filters import (
    DETAINEE,
    INVOLVEMENT_CHOICES,
    LINK_FILTERS,
    MENTIONED,
    STATUS_ANY,
    FactFilter,
    PersonFilter,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# The rows a facet counts: links, or their counts kept ahead (all repeat the status).
Links = QuerySet[PersonLink] | QuerySet[FacetCount] | QuerySet[FacetPairCount]
# A facet's option before it is linked: value, label, people.
Row = tuple[str, "StrOrPromise", int]

# The most frequent values of a facet are offered (the selected one always is); a facet of
# a thousand sources would help no one.
FACET_LIMIT = 20


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: "StrOrPromise"
    count: int
    query: str
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str
    label: "StrOrPromise"
    options: list[FacetOption]
    more: int = 0  # values left out of ``options`` by FACET_LIMIT


def _queries_with(params: QueryDict, name: str) -> Callable[[str | None], str]:
    """The page's query (less its page and format) with ``name`` set to a value, or left out
    for None, for each option of a facet: the rest of the query is encoded once for them
    all, on either side of ``name`` where the query has it (the order it would have had
    set in a copy), rather than the whole query copied and encoded for each option (87
    options on a people page)."""
    query = params.copy()
    query.pop("page", None)
    query.pop("format", None)
    names = list(query)
    at = names.index(name) if name in names else len(names)

    def encoded(keys: list[str]) -> str:
        part = QueryDict(mutable=True)
        for key in keys:
            part.setlist(key, query.getlist(key))
        return part.urlencode()

    before, after = encoded(names[:at]), encoded(names[at + 1 :])
    own = name.encode(query.encoding)

    def with_value(value: str | None) -> str:
        # As ``QueryDict.urlencode`` encodes each item.
        item = urlencode({own: value.encode(query.encoding)}) if value is not None else ""
        return "&".join(part for part in (before, item, after) if part)

    return with_value


def _labels(filterset: PersonFilter, name: str, keys: list[str]) -> dict[str, str]:
    """What each of a facet's ``keys`` is called: the label the filter's menu gives it (a
    menu is read once per data version and language, so this costs no query), else, for a
    value the menu does not offer (a facility no citation supports yet) or a facet with no
    menu (sources), from the table."""
    field = filterset.form.fields[name]
    menu = dict(field.choices) if hasattr(field, "choices") else {}
    labels = {key: str(menu[key]) for key in keys if key in menu}
    if missing := [key for key in keys if key not in labels]:
        labels.update(_labels_read(name, missing))
    return labels


def _labels_read(name: str, keys: list[str]) -> dict[str, str]:
    if name == "nationality":
        countries = Country.objects.filter(code__in=[key.upper() for key in keys])
        return {c.code.lower(): c.local_name for c in countries}
    if name == "facility":
        return dict(Facility.objects.filter(slug__in=keys).values_list("slug", "name"))
    if name == "event":
        return dict(ReleaseEvent.objects.filter(slug__in=keys).values_list("slug", "title"))
    # Not ``display_title``: an untitled article's label must not read its whole text.
    articles = SourceArticle.objects.filter(slug__in=keys).only("slug", "title", "outlet")
    return {a.slug: a.title or source_label(a) for a in articles}


def _status_rows(filterset: PersonFilter) -> dict[str, list[Row]]:
    """The status facet and the "detainee or only mentioned" facet, from one count of the
    people under every other filter by status (whether someone is a detainee is read from
    their status: anything but "no detention or release reported")."""
    others = filterset.active("status", "involvement")
    if not others:
        stored = FacetCount.objects.filter(kind=FacetCount.STATUS, n__gt=0)
        counts = dict(stored.values_list("status", "n"))
    elif len(others) == 1 and others[0] in LINK_FILTERS:
        # One link filter alone ("Spanish nationals"): its stored link counts by status are
        # the people of each status with that link (a person has a link once).
        kind, key = LINK_FILTERS[others[0]], filterset.form.cleaned_data[others[0]]
        stored = FacetCount.objects.filter(kind=kind, key=key, n__gt=0)
        counts = dict(stored.values_list("status", "n"))
    else:
        people = filterset.queryset_without("status", "involvement")
        counts = dict(people.order_by().values_list("status").annotate(n=Count("pk")))
    data = filterset.form.cleaned_data
    status, involvement = data.get("status"), data.get("involvement")

    def kind_of(value: str) -> str:
        return DETAINEE if was_held(value) else MENTIONED

    # Each facet applies the other's choice.
    by_status = {
        value: n for value, n in counts.items() if involvement in ("", None, kind_of(value))
    }
    labels = dict(Status.choices)
    status_rows: list[Row] = [(v, labels[v], by_status[v]) for v in labels if v in by_status]
    by_involvement = {
        kind: sum(
            n
            for value, n in counts.items()
            if kind_of(value) == kind and status in (STATUS_ANY, value)
        )
        for kind, _label in INVOLVEMENT_CHOICES
    }
    return {
        "status": [(STATUS_ANY, _("any status"), sum(by_status.values())), *status_rows],
        "involvement": [(kind, label, by_involvement[kind]) for kind, label in INVOLVEMENT_CHOICES],
    }


def _link_counts(
    filterset: PersonFilter, name: str, counted: list[tuple[str, int]] | None = None
) -> tuple[list[Row], int]:
    if counted is None:
        counted = _counted_links(filterset, name, filterset.active(name, "status", "involvement"))
    shown = counted[:FACET_LIMIT]
    selected = filterset.form.cleaned_data.get(name)
    if selected and selected not in {key for key, _n in shown}:
        shown += [(key, n) for key, n in counted if key == selected] or [(selected, 0)]
    labels = _labels(filterset, name, [key for key, _n in shown])
    rows: list[Row] = [(key, labels.get(key, key), n) for key, n in shown]
    return rows, len(counted) - len(shown)


def _under_status[L: (QuerySet[PersonLink], QuerySet[FacetCount], QuerySet[FacetPairCount])](
    filterset: PersonFilter, links: L
) -> L:
    """Links repeat their person's status, so the people list's own status and involvement
    filters apply to them directly, with no join."""
    status = filterset.form.cleaned_data.get("status")
    if status:
        links = filterset.filter_status(links, "status", status)
    return filterset.filter_involvement(
        links, "involvement", filterset.form.cleaned_data.get("involvement")
    )


def _tally(links: Links, *by: str, stored: bool) -> QuerySet[Any, tuple[Any, ...]]:
    """People per value of ``by``: links counted, or ``FacetCount`` or ``FacetPairCount``
    rows (counted ahead by ``releases.derived``) summed over the statuses the filters
    allow."""
    grouped = links.values_list(*by)
    if stored:
        return grouped.annotate(people=Sum("n")).filter(people__gt=0)
    return grouped.annotate(people=Count("*"))


def _links_of_the_same_people(filterset: PersonFilter) -> dict[str, list[tuple[str, int]]]:
    """The link facets that count the links of the same people, in one query: with no link
    filter in use, all four (the stored counts under the default filters; the links of the
    people matched, a search matched once rather than once for each facet, otherwise); with
    one, the three others (the people it selects). A facet of a link filter in use leaves
    out its own choice, so it is counted on its own, as is every facet when two are in use."""
    others = filterset.active("status", "involvement")
    chosen = [name for name in others if name in LINK_FILTERS]
    if len(chosen) > 1:
        return {}
    names = [name for name in LINK_FILTERS if name not in chosen]
    kinds = [LINK_FILTERS[name] for name in names]
    links = _stored_links(filterset, kinds, others)
    if links is None:
        links = _of_the_people(filterset, PersonLink.objects.filter(kind__in=kinds), others)
        links = _under_status(filterset, links)
    counted: dict[str, list[tuple[str, int]]] = {kind: [] for kind in kinds}
    tallied = _tally(links, "kind", "key", stored=links.model is not PersonLink)
    for kind, key, n in tallied.order_by("kind", "-people", "key"):
        counted[kind].append((key, n))
    return {name: counted[LINK_FILTERS[name]] for name in names}


def _stored_links(filterset: PersonFilter, kinds: Sequence[str], others: list[str]) -> Links | None:
    """The links of ``kinds`` counted ahead, of the people the filters ``others`` select
    (those in use but status and involvement) under the status and involvement filters,
    where they are: under no other filter (``FacetCount``) or one link filter alone
    (``FacetPairCount``, within its link). None under any other filters: then the links
    are counted."""
    if not others:
        return _under_status(filterset, FacetCount.objects.filter(kind__in=kinds))
    paired = {LINK_FILTERS.get(other) for other in others} | set(kinds)
    if len(others) == 1 and paired <= set(FacetPairCount.KINDS):
        within = {
            "within_kind": LINK_FILTERS[others[0]],
            "within_key": filterset.form.cleaned_data[others[0]],
        }
        pairs = FacetPairCount.objects.filter(**within, kind__in=kinds)
        return _under_status(filterset, pairs)
    return None


def _of_the_people(
    filterset: PersonFilter, links: QuerySet[PersonLink], others: list[str], *without: str
) -> QuerySet[PersonLink]:
    """``links`` of the people every filter in use selects but ``without`` (``others``:
    those in use, but status and involvement, which ``_under_status`` applies to links)."""
    others = [name for name in others if name not in without]
    if all(other in LINK_FILTERS for other in others):
        # Only other links narrow it: join the link table to itself, on its indexes (links
        # exist only for public people, so the people table has nothing to add).
        for other in others:
            value = filterset.form.cleaned_data[other]
            linked = PersonLink.objects.filter(kind=LINK_FILTERS[other], key=value)
            links = links.filter(person__in=linked.values("person"))
        return links
    # The people matched under the status too, though their links repeat it: then
    # PostgreSQL walks the few people's links by index rather than hashing every link of the
    # status (32 ms → 10 ms for "maria" at 100,000 people).
    return links.filter(person__in=filterset.queryset_without(*without).values("pk"))


def _counted_links(filterset: PersonFilter, name: str, others: list[str]) -> list[tuple[str, int]]:
    """(key, people) of the facet ``name``, most people first, under every other filter."""
    kind = LINK_FILTERS[name]
    links = _stored_links(filterset, [kind], others)
    if links is None:
        links = _of_the_people(filterset, PersonLink.objects.filter(kind=kind), others, name)
        links = _under_status(filterset, links)
    tallied = _tally(links, "key", stored=links.model is not PersonLink)
    return list(tallied.order_by("-people", "key"))


def person_facets(filterset: PersonFilter) -> list[Facet]:
    """The facets of a valid ``PersonFilter``."""
    params = filterset.data
    if not isinstance(params, QueryDict):
        # Every option links to the page's query with its own value (``_queries_with``).
        raise TypeError("The facets need a filter set bound to a request's query.")
    facets = []
    status_rows = _status_rows(filterset)
    shared = _links_of_the_same_people(filterset)
    for name, label in (
        ("involvement", _("Detainee or only mentioned")),
        ("status", _("Status")),
        ("nationality", _("Nationality")),
        ("facility", _("Facility")),
        ("event", _("Event")),
        ("source", _("Source")),
    ):
        more = 0
        if name in status_rows:
            rows = status_rows[name]
        else:
            rows, more = _link_counts(filterset, name, shared.get(name))
        selected = params.get(name, "")
        query_with = _queries_with(params, name)
        options = [
            FacetOption(
                value=value,
                label=option_label,
                count=count,
                # A selected option links to "without it" — except a status, which always
                # has a value (leaving it out means the default, not "any").
                query=query_with(None if value == selected and name != "status" else value),
                selected=value == selected,
            )
            for value, option_label, count in rows
        ]
        facets.append(Facet(name, label, options, more))
    return facets


def facts_people_count(filterset: FactFilter) -> int:
    """How many people the facts list pages through (of a valid ``FactFilter``). With no
    filter in use but the status, involvement and kind, from their links of the kinds of
    fact they have, counted ahead (``FacetCount``: a row per set of kinds and status), not
    by asking every public person whether they have such a fact (442 ms for releases at a
    million people); otherwise counted."""
    if filterset.active("status", "involvement", "kind"):
        return filterset.qs.people_count()
    stored = FacetCount.objects.filter(kind=PersonLink.LinkKind.FACT_KINDS)
    if kind := filterset.form.cleaned_data.get("kind"):
        stored = stored.filter(key__contains=f" {kind} ")
    return _under_status(filterset, stored).aggregate(people=Sum("n"))["people"] or 0
