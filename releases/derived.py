"""Writes that span models, and the one place that keeps derived data right.

Derived data is stored for reads and never set by hand:
- ``is_public`` of every cited row (facilities, events, every fact): at least one valid
  citation;
- for each person: ``status``, ``search_name``, ``is_public``, ``first_released_on``, their
  ``PersonLink`` rows (what the list's filters and facets read) and their ``PersonRecord``
  (what exports stream);
- the ``FacetCount`` rows (people by status, links by kind, key and status) that the
  people list's facets read under its default filters, and the ``FacetPairCount`` rows
  (those links among the people of one link) that they read under one link filter, kept
  by adding what each refresh changes;
- the ``DataVersion`` that cached pages are keyed on.

Every write path ends here. Code that writes in bulk (the importer, ingest, the benchmark's
generator) calls these functions; ordinary ORM writes — admin saves and deletes, history
reverts, citations added or removed — reach them through ``releases.receivers``. Inside
``batch()`` the work is collected and done once, at the end of the batch.
"""

import contextlib
import datetime
import json
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Exists, F, OuterRef, Subquery
from django.utils import timezone, translation

from releases.models import (
    CITED_MODELS,
    PERSON_FACT_MODELS,
    DataVersion,
    FacetCount,
    FacetPairCount,
    Facility,
    Fact,
    Person,
    PersonLink,
    PersonRecord,
    ReleaseEvent,
    Status,
    day_key,
    prefetched,
)
from releases.prepared import TEXT_MARKER, prepared
from releases.records import PERSON_COLUMNS, person_json, stored_path
from releases.selectors import FACT_KINDS, citations_prefetch, person_facts_prefetches
from releases.status import derive_status, status_history
from releases.translation import LANGUAGES, every_language
from sources.bulk import insert_rows
from sources.models import Passage, SourceArticle
from sources.search import fold_for_search
from sources.tabular import csv_segments, stored_row

CHUNK = 500


def _chunks(ids: list[int], size: int = CHUNK) -> Iterator[list[int]]:
    for index in range(0, len(ids), size):
        yield ids[index : index + size]


# -- Visibility of cited rows ---------------------------------------------------------------


def refresh_cited(model, pks: Iterable[int] | None) -> set[int]:
    """Recompute ``is_public`` of these rows of a cited model (``None``: all of them), in
    one UPDATE per chunk. Returns the people whose derived data reads these rows."""
    supported = model.citations.through.objects.filter(
        **{model.citations_owner(): OuterRef("pk")}, passage__is_valid=True
    )
    if pks is None:
        model.objects.update(is_public=Exists(supported))
        rows = model.objects.all()
    else:
        pks = sorted(set(pks))
        for chunk in _chunks(pks):
            model.objects.filter(pk__any_of=chunk).update(is_public=Exists(supported))
        rows = model.objects.filter(pk__any_of=pks)
    _refresh_cited_parts(rows.exclude(cited_parts={}))
    if pks == [] or "person" not in {f.name for f in model._meta.fields}:
        return set()
    return set(rows.filter(person__isnull=False).values_list("person_id", flat=True))


def _refresh_cited_parts(rows) -> None:
    """Rows whose citations say which parts they support (few: a curator chose them) are
    public only when a valid citation supports the claim itself, not just one of its
    values; and a passage no longer cited leaves the map."""
    for row in rows.prefetch_related("citations"):
        cited = {p.pk: p for p in prefetched(row, "citations")}
        parts = {key: value for key, value in row.cited_parts.items() if int(key) in cited}
        public = any(p.is_valid and row.supports_claim(pk) for pk, p in cited.items())
        if parts != row.cited_parts or public != row.is_public:
            type(row).objects.filter(pk=row.pk).update(cited_parts=parts, is_public=public)


# -- People ---------------------------------------------------------------------------------


def _facilities_of(person: Person) -> list[Facility]:
    """The places the person's public detentions and releases name, each once."""
    facts = [*prefetched(person, "detentions"), *prefetched(person, "releases")]
    return list({f.facility_id: f.facility for f in facts if f.facility_id}.values())


def _events_of(person: Person) -> list[ReleaseEvent]:
    """The release events the person's public releases and roles name, each once."""
    facts = [*prefetched(person, "releases"), *prefetched(person, "roles")]
    return list({f.event_id: f.event for f in facts if f.event_id}.values())


def search_text_for(person: Person) -> str:
    """What the people list's search matches, folded: the person's names and aliases, the
    facilities their public facts say they were held in or freed from (as their record
    shows them), their nationalities' country names and demonyms ("rocio", "helicoide",
    "spain", "spanish"), and, in every language of the record, the curators' words that
    say who they are: the description of someone unnamed, their roles' titles and the
    titles of the events their releases and roles name ("periodista", "journalist"), so
    that a reader of either language finds them by a word of their own. Words naming the
    country in other languages ("españolas") match that name too
    (``web.filters.people_of_countries_named``)."""
    countries = [c.country for c in prefetched(person, "citizenships")]
    words = [
        person.name,
        *(alias.name for alias in prefetched(person, "aliases")),
        *(facility.name for facility in _facilities_of(person)),
        *(country.name for country in countries),
        *(country.demonym for country in countries if country.demonym),
        *every_language(person, "description"),
        *(title for role in prefetched(person, "roles") for title in every_language(role, "title")),
        *(title for event in _events_of(person) for title in every_language(event, "title")),
    ]
    folded = (fold_for_search(word) for word in words)
    return " | ".join(dict.fromkeys(word for word in folded if word))


def _links_of(person: Person, public_facts: list[Fact]) -> set[tuple[str, str]]:
    kind = PersonLink.LinkKind
    links = {(kind.NATIONALITY, c.country.code.lower()) for c in prefetched(person, "citizenships")}
    links.update(
        (kind.RELEASED_ON, day_key(r.date, r.date_precision))
        for r in prefetched(person, "releases")
    )
    links.update(
        (kind.DIED_ON, day_key(change.date, change.date_precision))
        for change in prefetched(person, "status_changes")
        if change.status == Status.DIED_IN_CUSTODY
    )
    links.update((kind.FACILITY, facility.slug) for facility in _facilities_of(person))
    for fact in [*prefetched(person, "releases"), *prefetched(person, "roles")]:
        if fact.event_id:
            links.add((kind.EVENT, fact.event.slug))
    for fact in public_facts:
        links.update((kind.SOURCE, p.article.slug) for p in prefetched(fact, "citations"))
    links.add((kind.FACT_KINDS, fact_kinds_key(person)))
    return links


def _facts_of_kind(model) -> str:
    """The person's related manager of ``model``'s facts (their prefetched public ones)."""
    return model._meta.get_field("person").remote_field.get_accessor_name()


def fact_kinds_key(person: Person) -> str:
    """The kinds of public fact the person has, in the facts list's order, each between
    spaces (" nationality release "): one link a person, whose stored counts say how many
    people have facts of a kind (``releases.selectors.FactCitations``)."""
    kinds = [
        name for name, kind in FACT_KINDS.items() if prefetched(person, _facts_of_kind(kind.model))
    ]
    return f" {' '.join(kinds)} "


def _public_facts(person: Person) -> list[Fact]:
    return [
        *prefetched(person, "aliases"),
        *prefetched(person, "citizenships"),
        *prefetched(person, "roles"),
        *prefetched(person, "detentions"),
        *prefetched(person, "releases"),
        *prefetched(person, "status_changes"),
        *prefetched(person, "mentions"),
    ]


@dataclass
class _Derived:
    person: Person
    links: set[tuple[str, str]] = field(default_factory=set)
    json: str = ""
    # The CSV row in each language of the record (``PersonRecord.csv_en`` …).
    csv: dict[str, str] = field(default_factory=dict)
    # The person's place in the list, kept on the record (``PersonRecord.LIST_ORDER``).
    order: dict[str, Any] = field(default_factory=dict)


def _derive(person: Person) -> _Derived:
    history = status_history(person)
    first_release = min((r.date for r in prefetched(person, "releases") if r.date), default=None)
    person.status = derive_status(history)
    person.search_name = search_text_for(person)
    public_facts = _public_facts(person)
    person.is_public = bool(public_facts)
    person.first_released_on = first_release
    derived = _Derived(person)
    if person.is_public:
        # The stored record is the same whatever the language of the request that saved:
        # curators' words in the default language, and every language's beside them.
        with translation.override(settings.LANGUAGE_CODE):
            record = person_json(person, stored_path, history)
        derived.links = _links_of(person, public_facts)
        derived.json = json.dumps(record, ensure_ascii=False)
        segments = csv_segments(PERSON_COLUMNS, record)
        derived.csv = {
            PersonRecord.csv_field(lang): stored_row(segments, lang) for lang in LANGUAGES
        }
        # As MENTIONED_LAST reads the stored status.
        derived.order = {"mentioned_last": person.status == Status.UNKNOWN, "name": person.name}
    return derived


_PERSON_FIELDS = ["status", "search_name", "is_public", "first_released_on"]
# A stored record's fields, the CSV rows in the order ``_derive`` makes them.
_RECORD_FIELDS = [
    "json",
    *(PersonRecord.csv_field(lang) for lang in LANGUAGES),
    "mentioned_last",
    "name",
]


def _pairs(links: Iterable[tuple[str, str]], status: str) -> Counter:
    """A person's ``FacetPairCount`` rows (within kind, within key, kind, key, status): each
    of their links of a paired kind within each other of another paired kind."""
    paired = [(kind, key) for kind, key in links if kind in FacetPairCount.KINDS]
    return Counter(
        (*within, *link, status) for within in paired for link in paired if within[0] != link[0]
    )


def _refresh_chunk(person_ids: list[int], counts: Counter, pairs: Counter) -> int:
    """Refresh these people; add what changes in the facet counts to ``counts``, and in
    the pair counts to ``pairs``."""
    people = list(
        Person.objects.filter(pk__in=person_ids)
        .select_related("record")
        .prefetch_related(*person_facts_prefetches(with_mentions=True), "links")
    )
    changed_people, records, stale_links, new_links = [], [], [], []
    for person in people:
        before = [getattr(person, name) for name in _PERSON_FIELDS]
        if person.is_public:
            counts[FacetCount.STATUS, "", person.status] -= 1
        old_links = {(link.kind, link.key): link for link in person.links.all()}
        old_status = next((link.status for link in old_links.values()), "")
        derived = _derive(person)
        if before != [getattr(person, name) for name in _PERSON_FIELDS]:
            changed_people.append(person)
        if person.is_public:
            counts[FacetCount.STATUS, "", person.status] += 1
        # Links carry the person's status, so a new status rewrites them all.
        for (kind, key), link in old_links.items():
            if (kind, key) not in derived.links or link.status != person.status:
                stale_links.append(link.pk)
                counts[kind, key, link.status] -= 1
        for kind, key in derived.links:
            if (kind, key) not in old_links or old_links[(kind, key)].status != person.status:
                new_links.append(
                    PersonLink(person=person, kind=kind, key=key, status=person.status)
                )
                counts[kind, key, person.status] += 1
        if old_links.keys() != derived.links or old_status != person.status:
            pairs.update(_pairs(derived.links, person.status))
            pairs.subtract(_pairs(old_links, old_status))
        stored = getattr(person, "record", None)
        kept = {**derived.csv, **derived.order}
        if derived.json and (
            stored is None
            or stored.json != derived.json
            or any(getattr(stored, name) != value for name, value in kept.items())
        ):
            records.append(PersonRecord(person=person, json=derived.json, **kept))
    Person.objects.bulk_update(changed_people, _PERSON_FIELDS)
    # Whatever changed, the person's page is rendered anew (web.caching keys it on this).
    Person.objects.filter(pk__in=person_ids).update(page_version=F("page_version") + 1)
    PersonLink.objects.filter(pk__in=stale_links).delete()
    PersonLink.objects.bulk_create(new_links)
    PersonRecord.objects.bulk_create(
        records, update_conflicts=True, unique_fields=["person"], update_fields=_RECORD_FIELDS
    )
    PersonRecord.objects.filter(person__in=person_ids, person__is_public=False).delete()
    return len(changed_people)


@transaction.atomic
def refresh_people(person_ids: Iterable[int]) -> int:
    """Recompute everything derived about these people from their public facts. Returns
    how many people's stored fields changed."""
    ids = sorted({pid for pid in person_ids if pid})
    counts: Counter = Counter()
    pairs: Counter = Counter()
    changed_people = sum(_refresh_chunk(chunk, counts, pairs) for chunk in _chunks(ids))
    _add_to_facet_counts(counts, pairs)
    return changed_people


# The columns of each kind of stored count, the change's key in ``_add_to_facet_counts``.
_FACET_COUNT_COLUMNS = ("kind", "key", "status")
_PAIR_COUNT_COLUMNS = ("within_kind", "within_key", "kind", "key", "status")


def _add_to_facet_counts(counts: Counter, pairs: Counter) -> None:
    """Add ``counts`` ((kind, key, status): change) to the stored facet counts and
    ``pairs`` ((within kind, within key, kind, key, status): change) to the pair counts,
    once, at the end of the refresh: an addition in the database, so that writers side by
    side (the generator's processes, two curators) each add their own, in key order (no
    deadlock), holding the rows only until they commit."""
    _add_to(FacetCount, _FACET_COUNT_COLUMNS, counts)
    _add_to(FacetPairCount, _PAIR_COUNT_COLUMNS, pairs)


def _add_to(model, columns: tuple[str, ...], changes: Counter) -> None:
    rows = sorted((*key, n) for key, n in changes.items() if n)
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        for chunk in _chunks(rows):
            values = ", ".join([f"({', '.join(['%s'] * (len(columns) + 1))})"] * len(chunk))
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(columns)}, n) VALUES {values} "  # noqa: S608
                # The table's unique key is the columns the changes are keyed by.
                f"ON CONFLICT ({', '.join(columns)}) "
                f"DO UPDATE SET n = {table}.n + excluded.n",
                [value for row in chunk for value in row],
            )


def forget_person(person: Person) -> None:
    """Before a person is deleted (their links go with them): take them out of the counts.
    The deletes of their facts that cascade from it refresh nothing (``receivers``)."""
    counts: Counter = Counter()
    pairs: Counter = Counter()
    # As stored now: the instance may have been read before its facts moved (a merge).
    stored = Person.objects.filter(pk=person.pk).values_list("is_public", "status").first()
    if stored and stored[0]:
        counts[FacetCount.STATUS, "", stored[1]] -= 1
    links = PersonLink.objects.filter(person=person.pk).values_list("kind", "key", "status")
    for kind, key, status in links:
        counts[kind, key, status] -= 1
    if links:
        pairs.subtract(_pairs([(kind, key) for kind, key, _status in links], links[0][2]))
    _add_to_facet_counts(counts, pairs)


def rebuild_facet_counts() -> None:
    """Count everything again from the people and their links (after a bulk load or a
    migration; ``refresh_people`` keeps them right after that)."""
    FacetCount.objects.all().delete()
    # No ordering: a model with translated fields (django-modeltranslation) keeps its
    # Meta.ordering in a GROUP BY query, which would count each name apart.
    statuses = (
        Person.objects.filter(is_public=True)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    links = PersonLink.objects.values_list("kind", "key", "status").annotate(n=Count("pk"))
    FacetCount.objects.bulk_create(
        [FacetCount(kind=FacetCount.STATUS, key="", status=s, n=n) for s, n in statuses]
        + [FacetCount(kind=kind, key=key, status=s, n=n) for kind, key, s, n in links],
        batch_size=2000,
    )
    _rebuild_pair_counts()


def _rebuild_pair_counts() -> None:
    """Every person's links of the paired kinds within each other (``_pairs``), counted in
    one statement in the database (3 s at 100,000 people: 260,000 rows)."""
    FacetPairCount.objects.all().delete()
    table = connection.ops.quote_name(FacetPairCount._meta.db_table)
    links = connection.ops.quote_name(PersonLink._meta.db_table)
    kinds = ", ".join(["%s"] * len(FacetPairCount.KINDS))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(_PAIR_COUNT_COLUMNS)}, n) "  # noqa: S608
            "SELECT w.kind, w.key, l.kind, l.key, l.status, COUNT(*) "
            f"FROM {links} w JOIN {links} l ON l.person_id = w.person_id AND l.kind <> w.kind "
            f"WHERE w.kind IN ({kinds}) AND l.kind IN ({kinds}) "
            "GROUP BY w.kind, w.key, l.kind, l.key, l.status",
            [*FacetPairCount.KINDS, *FacetPairCount.KINDS],
        )


# -- Many people at once ---------------------------------------------------------------------

# People per chunk of a bulk refresh: a few thousand facts and passages in memory at once.
BULK_CHUNK = 2000


def _people_with_facts(person_ids: list[int]) -> list[Person]:
    """These people with their public facts and each fact's citations, as
    ``person_facts_prefetches(with_mentions=True)`` loads them (the same querysets, so the
    same rows in the same order), read set-wise: one query per kind of fact and two for
    their citations, and each article, country, facility and event built once per chunk
    instead of once per row that names it. That is what makes many people cheap: Django's
    prefetch builds a queryset per person and per fact to hold its results, and a related
    object per row."""
    people = {person.pk: person for person in Person.objects.filter(pk__any_of=person_ids)}
    for person in people.values():
        person._prefetched_objects_cache = {}
    for prefetch in person_facts_prefetches(with_mentions=True):
        queryset = prefetch.queryset
        related = list(queryset.query.select_related or {})
        facts = list(
            queryset.select_related(None).prefetch_related(None).filter(person__any_of=list(people))
        )
        for person in people.values():
            person._prefetched_objects_cache[prefetch.prefetch_to] = []
        owner = queryset.model._meta.get_field("person")
        for fact in facts:
            person = people[fact.person_id]
            person._prefetched_objects_cache[prefetch.prefetch_to].append(fact)
            owner.set_cached_value(fact, person)
        _attach_related(facts, related)
        _attach_citations(queryset.model, facts)
    return list(people.values())


def _attach_related(rows: list, names: list[str]) -> None:
    """Give each row its ``names`` (foreign keys) as ``select_related`` would, one object
    per key."""
    if not rows:
        return
    for name in names:
        field = rows[0]._meta.get_field(name)
        keys = {getattr(row, field.attname) for row in rows} - {None}
        objects = field.related_model._default_manager.in_bulk(keys)
        for row in rows:
            field.set_cached_value(row, objects.get(getattr(row, field.attname)))


def _attach_citations(model, facts: list) -> None:
    """Give each fact its valid citations, in the order of ``citations_prefetch``, each
    article built once."""
    through = model.citations.through
    owner = f"{model.citations_owner()}_id"
    cited = defaultdict(list)
    for fact_id, passage_id in through.objects.filter(
        **{f"{owner}__any_of": [fact.pk for fact in facts]}
    ).values_list(owner, "passage_id"):
        cited[passage_id].append(fact_id)
    passages = list(
        citations_prefetch().queryset.select_related(None).filter(pk__any_of=list(cited))
    )
    article = Passage._meta.get_field("article")
    articles = SourceArticle.objects.defer("text", "search_text").in_bulk(
        {passage.article_id for passage in passages}
    )
    by_fact = defaultdict(list)
    for passage in passages:
        article.set_cached_value(passage, articles[passage.article_id])
        for fact_id in cited[passage.pk]:
            by_fact[fact_id].append(passage)
    for fact in facts:
        # What ``.all()`` on a prefetched relation returns (a list serves: it is only read).
        fact._prefetched_objects_cache = {"citations": by_fact[fact.pk]}


def _store_people(people: list[Person]) -> None:
    """Write the people's derived fields, and move their ``page_version``."""
    if connection.vendor != "postgresql":
        Person.objects.bulk_update(people, _PERSON_FIELDS, batch_size=500)
        Person.objects.filter(pk__in=[p.pk for p in people]).update(
            page_version=F("page_version") + 1
        )
        return
    table = connection.ops.quote_name(Person._meta.db_table)
    columns = [[getattr(person, name) for person in people] for name in ["pk", *_PERSON_FIELDS]]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} AS p SET status = v.status, search_name = v.search_name, "  # noqa: S608
            "is_public = v.is_public, first_released_on = v.first_released_on, "
            "page_version = p.page_version + 1 "
            "FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::boolean[], %s::date[]) "
            "AS v(id, status, search_name, is_public, first_released_on) WHERE p.id = v.id",
            columns,
        )


def _rewrite_chunk(person_ids: list[int]) -> None:
    people = _people_with_facts(person_ids)
    links, records = [], []
    for person in people:
        derived = _derive(person)
        links.extend((person.pk, kind, key, person.status) for kind, key in derived.links)
        if derived.json:
            records.append(
                (person.pk, derived.json, *derived.csv.values(), *derived.order.values())
            )
    _store_people(people)
    PersonLink.objects.filter(person__any_of=person_ids).delete()
    PersonRecord.objects.filter(person__any_of=person_ids).delete()
    insert_rows(PersonLink, ["person_id", "kind", "key", "status"], links)
    insert_rows(PersonRecord, ["person_id", *_RECORD_FIELDS], records)


@transaction.atomic
def refresh_people_in_bulk(person_ids: Iterable[int]) -> None:
    """``refresh_people`` for many people at once (``refresh_everything`` after a migration
    or ``check_integrity``, the benchmark's generator): the same values, from the same
    function (``_derive``), with the facts read set-wise (``_people_with_facts``) and every
    stored row written again rather than compared with the old (COPY on PostgreSQL). It
    does not keep the facet counts: the caller counts them again (``rebuild_facet_counts``)."""
    ids = sorted({pid for pid in person_ids if pid})
    for chunk in _chunks(ids, BULK_CHUNK):
        _rewrite_chunk(chunk)


# -- The data version -----------------------------------------------------------------------


def bump_data_version(*, shared: bool = True) -> None:
    """Every write ends here, in the writer's transaction: once it commits, cached pages
    keyed on the old version are never served again. ``shared=False`` for a write about
    people's own facts alone: what people's pages share is unchanged (their own pages
    are keyed on their ``page_version``, which ``refresh_people`` moved)."""
    moved = {"version": F("version") + 1, "changed_at": timezone.now()}
    if shared:
        moved["shared_version"] = F("version") + 1
    if not DataVersion.objects.filter(pk=1).update(**moved):
        DataVersion.objects.get_or_create(
            pk=1, defaults={"version": 1, "shared_version": 1, "changed_at": timezone.now()}
        )


def data_version() -> tuple[int, datetime.datetime | None]:
    """The current version and when it changed (0 and None before any write)."""
    row = DataVersion.objects.filter(pk=1).values_list("version", "changed_at").first()
    return row or (0, None)


def person_page_version(slug: str) -> str | None:
    """What a person's page shows last changed at, in one query: the version of what
    people share and the person's own ``page_version``. ``None`` for no such person."""
    state = person_page_state(slug)
    return None if state is None else state[0]


def person_page_state(slug: str) -> tuple[str, object] | None:
    """``person_page_version`` and when the record last changed (an upper bound of when
    the page did), still in one query. ``None`` for no such person."""

    def build():
        current = DataVersion.objects.filter(pk=1)
        return (
            Person.objects.filter(slug=TEXT_MARKER)
            .annotate(
                shared=Subquery(current.values("shared_version")[:1]),
                changed_at=Subquery(current.values("changed_at")[:1]),
            )
            .values_list("pk", "page_version", "shared", "changed_at")
            .order_by()[:1]
        )

    # Asked before every person's page, cold or cached: its SQL is built once.
    rows = prepared("person page state", Person, build, TEXT_MARKER).rows(slug)
    if not rows:
        return None
    pk, own, shared_version, changed_at = rows[0]
    return f"person:{shared_version or 0}:{pk}:{own}", changed_at


# -- Everything -----------------------------------------------------------------------------


@transaction.atomic
def refresh_everything() -> None:
    """Recompute all derived data (after a migration, ``check_integrity``, a bulk load)."""
    for model in CITED_MODELS:
        refresh_cited(model, None)
    refresh_people_in_bulk(Person.objects.values_list("pk", flat=True))
    rebuild_facet_counts()
    bump_data_version()


def derive_after_migrate(**kwargs) -> None:
    """After ``migrate``: a record whose derived data is missing or out of date (it has
    rows but no data version: from before the data was stored, or a migration that changes
    how it is computed cleared the version) gets it computed once, with every migration
    applied."""
    if DataVersion.objects.exists():
        return
    if Person.objects.exists() or Passage.objects.exists():
        refresh_everything()


# -- Collecting work during a batch ----------------------------------------------------------


@dataclass
class _Pending:
    cited: dict = field(default_factory=lambda: defaultdict(set))
    people: set = field(default_factory=set)
    written: bool = False
    shared: bool = False  # something besides people's own facts was written


_state = threading.local()


@contextlib.contextmanager
def batch() -> Iterator[None]:
    """Collect the refreshes that writes inside the block ask for, and do each once when
    the block ends (nested blocks join the outermost). If the block raises, nothing is
    refreshed: the caller's transaction is rolled back anyway."""
    if getattr(_state, "pending", None) is not None:
        yield
        return
    _state.pending = _Pending()
    try:
        yield
        pending = _state.pending
    finally:
        _state.pending = None
    _flush(pending)


@transaction.atomic
def _flush(pending: _Pending) -> None:
    if not (pending.written or pending.cited or pending.people):
        return  # a batch in which nothing was written
    people = set(pending.people)
    for model, pks in pending.cited.items():
        people |= refresh_cited(model, pks)
    refresh_people(people)
    if pending.written or pending.cited or people:
        bump_data_version(shared=pending.shared)


def changed(*, cited: Iterable = (), people: Iterable[int] = (), shared: bool = True) -> None:
    """Say what a write touched: ``cited`` as (model, pk) pairs, ``people`` as ids. Done at
    once, or at the end of the current ``batch()``. With nothing named it still counts as a
    write (the data version moves). ``shared=False`` says the write was to these people
    and their own facts alone (``PERSON_FACT_MODELS``): other people's cached pages stay."""
    pending = _Pending()
    for model, pk in cited:
        pending.cited[model].add(pk)
    pending.people.update(pid for pid in people if pid)
    pending.written = True
    pending.shared = shared or any(model not in PERSON_FACT_MODELS for model in pending.cited)
    current = getattr(_state, "pending", None)
    if current is None:
        _flush(pending)
        return
    for model, pks in pending.cited.items():
        current.cited[model] |= pks
    current.people |= pending.people
    current.written = True
    current.shared = current.shared or pending.shared
