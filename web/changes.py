"""What changed in the record, read from the audit history (django-simple-history), as a
public page of corrections (``/changes/``) and as Atom feeds, for the whole record and per
person, facility and nationality.

Each historical row of a cited record is compared with the one before it:

- cited now, not before (or created cited): **new**;
- cited before and now, with a public value changed: **changed**, each value before and
  after (a date with its precision: "9 January 2026", not a bare date);
- deleted, having been cited: **removed**, with the reason the curator gave;
- cited before, not now (its last citation taken away): **withdrawn**, with the reason.

Only what the public may see: a record new or changed is listed while it is public, values
are the ones pages show (never ``curator_note``), and a removed record is listed only if it
was cited. Each list reads the latest rows of each kind of record (a few queries per kind,
whatever the size of the history), and the records they are about in one query per kind.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.syndication.views import Feed
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
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
from web.caching import cached_page

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


def _cites(history_model) -> Coalesce:
    """How many citations a historical row had (its snapshot of the citations table)."""
    through = apps.get_model(history_model._meta.app_label, f"{history_model.__name__}_citations")
    rows = through.objects.filter(history=OuterRef("pk")).order_by().values("history")
    counted = rows.annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _previous(history_model) -> Subquery:
    earlier = history_model.objects.filter(
        id=OuterRef("id"), history_date__lt=OuterRef("history_date")
    ).order_by("-history_date", "-history_id")
    return Subquery(earlier.values("history_id")[:1])


def _tracked(model: type[Cited]) -> list[str]:
    names = {f.name for f in model._meta.concrete_fields}
    return [name for name in LABELS if name in names]


def _shown(row, name: str) -> str:
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


def _differences(model: type[Cited], row, before) -> list[Difference]:
    found = []
    for name in _tracked(model):
        precision = PRECISION_OF.get(name)
        same = getattr(row, name) == getattr(before, name) and (
            precision is None or getattr(row, precision) == getattr(before, precision)
        )
        if not same:
            found.append(Difference(str(LABELS[name]), _shown(before, name), _shown(row, name)))
    return found


def _title(model: type[Cited], row) -> str:
    """What the record is, as its ``str`` says it, from its historical row."""
    instance = row.instance
    for name in model.label_related:
        setattr(instance, name, getattr(row, name))
    return str(instance)


def _with(queryset: QuerySet, related: Iterable[str]) -> QuerySet:
    # select_related() of nothing would join every foreign key.
    related = list(related)
    return queryset.select_related(*related) if related else queryset


def _changes_of(model: type[Cited], where: dict) -> list[Change]:
    history = model.history.model
    wanted = _related(model)
    related = [f.name for f in history._meta.fields if f.is_relation and f.name in wanted]
    rows = list(
        _with(history.objects.filter(**where), related)
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
    return found


def _related(model: type[Cited]) -> set[str]:
    return {
        *model.label_related,
        *(n for n in _tracked(model) if model._meta.get_field(n).is_relation),
    }


def _classify(model: type[Cited], row, previous, current) -> Change | None:
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
    url = current.get_absolute_url()
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


def changes(subject: Any = None) -> list[Change]:
    """The latest changes, newest first: of the whole record, or of what is about one
    person, facility or country."""
    found: list[Change] = []
    for model, where in _kinds(subject):
        found += _changes_of(model, where)
    found.sort(key=lambda change: (change.when, change.guid), reverse=True)
    return found[:SHOWN]


def _kinds(subject: Any) -> Iterable[tuple[type[Cited], dict]]:
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


@require_safe
@cached_page()
def change_list(request: HttpRequest) -> HttpResponse:
    return render(request, "web/changes.html", {"changes": changes()})


def _subject(kind: str | None, key: str | None):
    if kind is None:
        return None
    if kind == "people":
        return get_object_or_404(Person.objects.filter(is_public=True), slug=key)
    if kind == "facilities":
        return get_object_or_404(Facility.objects.published(), slug=key)
    if kind == "nationalities" and key and len(key) == 2 and key.isascii() and key.isalpha():
        return get_object_or_404(Country, code=key.upper())
    raise Http404("No such subject.")


class ChangeFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, kind=None, key=None):
        self.request = request
        return _subject(kind, key)

    def title(self, subject):
        if subject is None:
            return gettext("Detainee releases: what changed")
        name = getattr(subject, "local_name", None) or str(subject)
        return gettext("Detainee releases: what changed about %(subject)s") % {"subject": name}

    def link(self, subject):
        return subject.get_absolute_url() if subject is not None else reverse("releases:changes")

    def subtitle(self, subject):
        return gettext("New facts, corrections and removals, newest first, each with its sources.")

    def items(self, subject):
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
