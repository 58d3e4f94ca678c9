"""What changed in the record, read from the audit history (django-simple-history), as a
public page of corrections (``/changes/``) and as Atom feeds, for the whole record and per
person, facility and nationality.

Each historical row of a cited record is compared with the one before it:

- cited now, not before (or created cited): **new**;
- cited before and now, with a public value changed: **changed**, each value before and
  after (a date with its precision: "9 January 2026", not a bare date);
- deleted, having been cited: **removed**, with the reason the curator gave;
- cited before, not now (its last citation taken away): **withdrawn**, with the reason;
- a quote the integrity check hid (``releases.integrity``): **withdrawn**, with why.

Only what the public may see: a record new or changed is listed while it is public, values
are the ones pages show (never ``curator_note``), and a removed record is listed only if it
was cited. A page reads a fixed number of the latest rows of each kind of record (a few
queries per kind, whatever the size of the history) and the records they are about in one
query per kind; ``/changes/`` pages back through all of the history (``?until=``).
"""

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol, cast

from django.apps import apps
from django.contrib.syndication.views import Feed
from django.db.models import Count, IntegerField, Model, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from releases.models import CITED_MODELS, PART_LABELS, Cited, Country, Facility, Person
from releases.selectors import citations_prefetch
from sources.citations import short_date, source_label
from sources.dates import format_partial_date
from sources.models import Passage
from web.caching import PageParams, cached_page

# What changes are listed about: one person, facility or nationality (None: the whole record).
Subject = Person | Facility | Country
# django-simple-history builds its historical models when the app loads, and has no types:
# a historical row, and its model, are read attribute by attribute.
HistoricalRow = Any
HistoricalModel = Any


class _Shown(Protocol):
    """A record with a page (or a place on one) of its own."""

    def get_absolute_url(self) -> str: ...


# The latest changes a page or feed lists.
SHOWN = 50
# Rows read per kind of record, for SHOWN changes: some rows change nothing the public sees.
READ_PER_KIND = 4 * SHOWN

# The values a reader is told about when they change, as the reader calls them. A date
# changes with its precision ("January" to "8 January" is a change of the date).
LABELS = {
    **PART_LABELS,
    "name": _("the name"),
    "country": _("the nationality"),
    "note": _("the note"),
    "certainty": _("how certain"),
    "value_text": _("the number in words"),
    "qualifier": _("the qualifier"),
    "verification": _("the verification"),
    "metric": _("what is counted"),
}
LABELS.pop("claim", None)
PRECISION_OF = {"date": "date_precision", "since": "since_precision", "as_of": "as_of_precision"}


class ChangeKind:
    NEW = "new"
    CHANGED = "changed"
    REMOVED = "removed"
    WITHDRAWN = "withdrawn"


KIND_LABELS = {
    ChangeKind.NEW: pgettext_lazy("a change", "new"),
    ChangeKind.CHANGED: pgettext_lazy("a change", "corrected"),
    ChangeKind.REMOVED: pgettext_lazy("a change", "removed"),
    ChangeKind.WITHDRAWN: pgettext_lazy("a change", "withdrawn"),
}


@dataclass
class Difference:
    label: str
    before: str
    after: str


@dataclass
class Change:
    kind: str
    when: datetime.datetime
    guid: str
    title: str
    url: str | None
    reason: str = ""
    differences: list[Difference] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])

    @property
    def anchor(self) -> str:
        return f"change-{self.guid}"

    def sentence(self) -> str:
        """The change as a correction column says it."""
        # A source is "outlet, date": several are told apart by semicolons.
        sources = "; ".join(self.sources)
        if self.kind == ChangeKind.CHANGED:
            said = "; ".join(
                gettext("%(label)s was %(before)s, now %(after)s")
                % {"label": d.label, "before": d.before, "after": d.after}
                for d in self.differences
            )
            words = {"record": self.title, "said": said, "sources": sources}
            if self.reason:
                return gettext("%(record)s: %(said)s, per %(sources)s (%(reason)s).") % {
                    **words,
                    "reason": self.reason,
                }
            return gettext("%(record)s: %(said)s, per %(sources)s.") % words
        if self.kind == ChangeKind.NEW:
            return gettext("%(record)s, per %(sources)s.") % {
                "record": self.title,
                "sources": sources,
            }
        reason = self.reason or gettext("no reason given")
        return gettext("%(record)s (%(reason)s).") % {"record": self.title, "reason": reason}


def _cites(history_model: HistoricalModel) -> Coalesce:
    """How many citations a historical row had (its snapshot of the citations table)."""
    through = apps.get_model(history_model._meta.app_label, f"{history_model.__name__}_citations")
    rows = through.objects.filter(history=OuterRef("pk")).order_by().values("history")
    counted = rows.annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _previous(history_model: HistoricalModel) -> Subquery:
    earlier = history_model.objects.filter(
        id=OuterRef("id"), history_date__lt=OuterRef("history_date")
    ).order_by("-history_date", "-history_id")
    return Subquery(earlier.values("history_id")[:1])


def _tracked(model: type[Cited]) -> list[str]:
    names = {f.name for f in model._meta.concrete_fields}
    return [name for name in LABELS if name in names]


def _shown(row: HistoricalRow, name: str) -> str:
    """A value as the pages say it."""
    value = getattr(row, name)
    model_field = row._meta.get_field(name)
    if value is None or value == "":
        return gettext("not given")
    if name in PRECISION_OF:
        return format_partial_date(value, getattr(row, PRECISION_OF[name]))
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if model_field.is_relation:
        return getattr(value, "local_name", None) or str(value)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    return str(value)


def _differences(model: type[Cited], row: HistoricalRow, before: HistoricalRow) -> list[Difference]:
    found = []
    for name in _tracked(model):
        precision = PRECISION_OF.get(name)
        same = getattr(row, name) == getattr(before, name) and (
            precision is None or getattr(row, precision) == getattr(before, precision)
        )
        if not same:
            found.append(Difference(str(LABELS[name]), _shown(before, name), _shown(row, name)))
    return found


def _title(model: type[Cited], row: HistoricalRow) -> str:
    """What the record is, as its ``str`` says it, from its historical row."""
    instance = row.instance
    for name in model.label_related:
        setattr(instance, name, getattr(row, name))
    return str(instance)


def _with[M: Model](queryset: QuerySet[M], related: Iterable[str]) -> QuerySet[M]:
    # select_related() of nothing would join every foreign key.
    related = list(related)
    return queryset.select_related(*related) if related else queryset


@dataclass
class _Read:
    """The changes found in the newest rows read of one kind, and how far back they are
    complete: every row later than ``complete_after`` was read (None: every row was)."""

    changes: list[Change]
    complete_after: datetime.datetime | None


def _complete_after(dates: list[datetime.datetime]) -> datetime.datetime | None:
    return dates[-1] if len(dates) == READ_PER_KIND else None


def _changes_of(
    model: type[Cited], where: dict[str, int], until: datetime.datetime | None
) -> _Read:
    history: HistoricalModel = model.history.model
    wanted = _related(model)
    related = [f.name for f in history._meta.fields if f.is_relation and f.name in wanted]
    rows_of = history.objects.filter(**where)
    if until is not None:
        rows_of = rows_of.filter(history_date__lte=until)
    rows = list(
        _with(rows_of, related)
        .annotate(cites=_cites(history), previous_id=_previous(history))
        .order_by("-history_date", "-history_id")[:READ_PER_KIND]
    )
    previous = history.objects.filter(history_id__in=[r.previous_id for r in rows])
    before = {
        row.history_id: row for row in _with(previous, related).annotate(cites=_cites(history))
    }
    current = model.objects.published().filter(pk__in={r.id for r in rows})
    public = {
        obj.pk: obj
        for obj in _with(current, model.label_related).prefetch_related(citations_prefetch())
    }
    found = []
    for row in rows:
        previous = before.get(row.previous_id)
        change = _classify(model, row, previous, public.get(row.id))
        if change is not None:
            found.append(change)
    return _Read(found, _complete_after([row.history_date for row in rows]))


def _related(model: type[Cited]) -> set[str]:
    return {
        *model.label_related,
        *(n for n in _tracked(model) if model._meta.get_field(n).is_relation),
    }


def _classify(
    model: type[Cited],
    row: HistoricalRow,
    previous: HistoricalRow | None,
    current: Cited | None,
) -> Change | None:
    was_cited = previous is not None and previous.cites > 0
    guid = f"{model._meta.model_name}-{row.history_id}"
    reason = row.history_change_reason or ""
    if row.history_type == "-":
        if not was_cited:
            return None
        return Change(
            ChangeKind.REMOVED, row.history_date, guid, _title(model, previous), None, reason
        )
    if row.cites == 0:
        if not was_cited:
            return None
        return Change(
            ChangeKind.WITHDRAWN, row.history_date, guid, _title(model, row), None, reason
        )
    if current is None:
        return None  # not public now: nothing of it is shown
    sources = list(
        dict.fromkeys(
            f"{source_label(p.article)}, {short_date(p.article)}" for p in current.citations.all()
        )
    )
    # Every kind in CITED_MODELS is shown at an address of its own, though ``Cited``, their
    # abstract base, declares none.
    url = cast(_Shown, current).get_absolute_url()
    if not was_cited:
        return Change(ChangeKind.NEW, row.history_date, guid, str(current), url, sources=sources)
    differences = _differences(model, row, previous)
    if not differences:
        return None
    return Change(
        ChangeKind.CHANGED,
        row.history_date,
        guid,
        str(current),
        url,
        reason,
        differences,
        sources,
    )


def _has(model: type[Cited], name: str) -> bool:
    return name in {f.name for f in model._meta.concrete_fields}


def _hidden_quotes(subject: Subject | None, until: datetime.datetime | None) -> _Read:
    """Quotes the integrity check hid (their words no longer match the article's stored
    text), each withdrawn with that reason: of the whole record, or those cited by what is
    about the subject. One query."""
    hidden = Passage.objects.stale().filter(hidden_at__isnull=False).select_related("article")
    if subject is not None:
        citing = Q(pk__in=[])
        for model, where in _kinds(subject):
            name = model._meta.get_field("citations").related_query_name()
            citing |= Q(**{f"{name}__{field}": value for field, value in where.items()})
        hidden = hidden.filter(pk__in=Passage.objects.filter(citing).values("pk"))
    if until is not None:
        hidden = hidden.filter(hidden_at__lte=until)
    passages = list(
        hidden.defer("article__text", "article__search_text").order_by("-hidden_at", "-pk")[
            :READ_PER_KIND
        ]
    )
    reason = gettext(
        "its words no longer match the article's stored text; hidden by the integrity check"
    )
    found = [
        Change(
            ChangeKind.WITHDRAWN,
            passage.hidden_at,
            f"passage-{passage.pk}",
            gettext("The quote “%(quote)s” (%(source)s)")
            % {
                "quote": passage.quote,
                "source": f"{source_label(passage.article)}, {short_date(passage.article)}",
            },
            None,
            reason,
        )
        for passage in passages
    ]
    return _Read(found, _complete_after([p.hidden_at for p in passages]))


@dataclass
class ChangesPage:
    changes: list[Change]
    # Where the next page starts (its changes are at or before it); None on the last page.
    older: datetime.datetime | None


def changes_page(
    subject: Subject | None = None, until: datetime.datetime | None = None
) -> ChangesPage:
    """Up to ``SHOWN`` changes at or before ``until`` (the newest without it), newest first,
    of the whole record or of what is about one person, facility or country; and where the
    next page starts. Each kind of record is read ``READ_PER_KIND`` rows at a time (a fixed
    number of queries per page, whatever the size of the history), and a page shows only
    changes later than every kind has been read to, so paging on misses none."""
    reads = [_hidden_quotes(subject, until)]
    reads += [_changes_of(model, where, until) for model, where in _kinds(subject)]
    bounds = [read.complete_after for read in reads if read.complete_after is not None]
    complete_after = max(bounds) if bounds else None
    found = sorted(
        (
            change
            for read in reads
            for change in read.changes
            if complete_after is None or change.when > complete_after
        ),
        key=lambda change: (change.when, change.guid),
        reverse=True,
    )
    if len(found) > SHOWN:
        # Cut between two moments, so the next page (at or before its start) repeats none.
        cut = found[SHOWN].when
        shown = [change for change in found[:SHOWN] if change.when > cut] or [
            change for change in found if change.when >= cut
        ]
        older = cut if shown[-1].when > cut else cut - datetime.timedelta(microseconds=1)
        return ChangesPage(shown, older)
    return ChangesPage(found, complete_after)


def changes(subject: Subject | None = None) -> list[Change]:
    """The latest changes, newest first (the first page)."""
    return changes_page(subject).changes


def _kinds(subject: Subject | None) -> Iterator[tuple[type[Cited], dict[str, int]]]:
    for model in CITED_MODELS:
        if subject is None:
            yield model, {}
        elif isinstance(subject, Person) and _has(model, "person"):
            yield model, {"person_id": subject.pk}
        elif isinstance(subject, Facility):
            if model is Facility:
                yield model, {"id": subject.pk}
            elif _has(model, "facility"):
                yield model, {"facility_id": subject.pk}
        elif isinstance(subject, Country) and _has(model, "country"):
            yield model, {"country_id": subject.pk}


# -- The page and the feeds ------------------------------------------------------------------


def _until(value: str) -> datetime.datetime | None:
    """A page's start as its link gives it (an ISO date and time with its offset)."""
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


@require_safe
@cached_page(params=PageParams(("until",)))
def change_list(request: HttpRequest) -> HttpResponse:
    given = request.GET.get("until")
    until = _until(given) if given else None
    if given and until is None:
        message = gettext("A date and time with its offset, as the “Older changes” link gives.")
        return render(request, "web/changes.html", {"errors": {"until": [message]}}, status=400)
    page = changes_page(until=until)
    return render(
        request,
        "web/changes.html",
        {
            "changes": page.changes,
            "older": page.older.isoformat() if page.older else None,
            "paged": until is not None,
        },
    )


def _subject(kind: str | None, key: str | None) -> Subject | None:
    if kind is None:
        return None
    if kind == "people":
        return get_object_or_404(Person.objects.filter(is_public=True), slug=key)
    if kind == "facilities":
        return get_object_or_404(Facility.objects.published(), slug=key)
    if kind == "nationalities" and key and len(key) == 2 and key.isascii() and key.isalpha():
        return get_object_or_404(Country, code=key.upper())
    raise Http404("No such subject.")


class ChangeFeed(Feed[Change, Subject | None]):
    feed_type = Atom1Feed

    def get_object(
        self, request: HttpRequest, kind: str | None = None, key: str | None = None
    ) -> Subject | None:
        self.request = request
        return _subject(kind, key)

    def title(self, subject: Subject | None) -> str:
        if subject is None:
            return gettext("Detainee releases: what changed")
        name = getattr(subject, "local_name", None) or str(subject)
        return gettext("Detainee releases: what changed about %(subject)s") % {"subject": name}

    def link(self, subject: Subject | None) -> str:
        return subject.get_absolute_url() if subject is not None else reverse("releases:changes")

    def subtitle(self, subject: Subject | None) -> str:
        return gettext("New facts, corrections and removals, newest first, each with its sources.")

    def items(self, subject: Subject | None) -> list[Change]:
        return changes(subject)

    def item_title(self, change: Change) -> str:
        return f"{change.kind_label}: {change.title}"

    def item_description(self, change: Change) -> str:
        return change.sentence()

    def item_link(self, change: Change) -> str:
        return change.url or f"{reverse('releases:changes')}#{change.anchor}"

    def item_guid(self, change: Change) -> str:
        return self.request.build_absolute_uri(f"{reverse('releases:changes')}#{change.anchor}")

    item_guid_is_permalink = False

    def item_updateddate(self, change: Change) -> datetime.datetime:
        return change.when

    def item_pubdate(self, change: Change) -> datetime.datetime:
        return change.when

    def item_categories(self, change: Change) -> list[str]:
        return [change.kind]


feed = require_safe(cached_page()(ChangeFeed()))
