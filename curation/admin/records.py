"""The record in the admin: every person, facility, event and fact with their citations,
editable in one place, with accent-insensitive search and the columns a curator scans for."""

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, cast

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Model, QuerySet
from django.db.models.expressions import BaseExpression
from django.forms.formsets import BaseFormSet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from curation import citing, new_fact, tasks
from curation.admin.actions import export_action
from curation.admin.bases import AdminMixin
from curation.admin.batching import OneRefreshPerWrite
from curation.admin.locking import NoLostEdits
from curation.admin.translations import BothLanguagesAdmin, BothLanguagesInline
from releases import exports, selectors
from releases.integrity import unsupported_records
from releases.merging import merge_people
from releases.models import (
    CLAIM,
    PART_LABELS,
    Alias,
    Cited,
    Citizenship,
    CountClaim,
    Country,
    Detention,
    Facility,
    FacilityReport,
    ImportRecord,
    Mention,
    Person,
    Release,
    ReleaseEvent,
    Role,
    StatusChange,
)
from sources.models import SourceArticle
from sources.search import FoldedSearchMixin

if TYPE_CHECKING:  # a lazy translation, to the type checker only
    from django.utils.functional import _StrPromise


class SuggestsAfterSave(AdminMixin):
    """After a person, alias or country is saved, re-run the citation suggestions of the
    articles that name it: a new name is found where it is printed, and an alias marked
    ambiguous stops being proposed. It runs in the background (``curation.tasks``): the
    save costs the record saved, not the articles naming it."""

    def save_related(
        self,
        request: HttpRequest,
        form: forms.ModelForm[Person | Alias | Country],
        formsets: Sequence[BaseFormSet[forms.BaseForm]],
        change: bool,
    ) -> None:
        super().save_related(request, form, formsets, change)
        queued = tasks.rerun_later(form.instance)
        if not queued.finished:
            self.message_user(
                request,
                gettext(
                    "The citation suggestions of the articles that name it are being computed "
                    "again in the background; the suggestions list shows when they are done."
                ),
            )
        elif queued.made:
            message = ngettext(
                "%(count)d new citation suggestion in articles that name it.",
                "%(count)d new citation suggestions in articles that name it.",
                queued.made,
            )
            self.message_user(request, message % {"count": queued.made})


class CountColumns(AdminMixin):
    """List columns that count related rows. ``count_columns`` maps a column name to its
    heading and the ``Count`` annotated on the list query; each becomes a sortable column
    of that name."""

    count_columns: ClassVar[dict[str, tuple["str | _StrPromise", BaseExpression]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name, (heading, _count) in cls.count_columns.items():
            setattr(cls, name, _count_column(name, heading))

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        totals = {f"{name}_total": count for name, (_h, count) in self.count_columns.items()}
        counted: QuerySet[Any] = super().get_queryset(request).annotate(**totals)
        return counted


def _count_column(name: str, heading: "str | _StrPromise") -> Callable[[object, Model], int]:
    @admin.display(description=heading, ordering=f"{name}_total")
    def column(self: object, obj: Model) -> int:
        total: int = getattr(obj, f"{name}_total")
        return total

    return column


CITATION_COUNT = (_("citations"), Count("citations", distinct=True))

# The fields every fact has, after its own: what supports it and how it is claimed.
FACT_FIELDS = ("citations", *new_fact.CLAIM_FIELDS)


def part_choices(model: type[Cited]) -> list[tuple[str, str]]:
    """What a quote of this kind of record can support on its own, in words."""
    return [(name, str(PART_LABELS[name])) for name in (CLAIM, *model.citable_parts)]


class CiteForm(new_fact.SelectedWordsForm):
    article = forms.ModelChoiceField(SourceArticle.objects.order_by("slug"))
    parts = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("These words support"),
        help_text=_(
            "Tick what the words say when they support only part of the record "
            "(its place, its date…); leave all unticked when they support the whole of it."
        ),
    )

    def __init__(self, *args: Any, model: type[Cited], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["parts"]).choices = part_choices(model)


class CitedPartsForm(forms.Form):
    """What each of a record's current citations supports, one set of boxes per passage."""

    def __init__(self, *args: Any, record: Cited, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.passages = list(record.citations.select_related("article"))
        for passage in self.passages:
            self.fields[f"parts-{passage.pk}"] = forms.MultipleChoiceField(
                required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=part_choices(type(record)),
                initial=record.parts_cited_by(passage.pk),
                label=f"“{passage.quote}” ({passage.article.slug})",
            )

    def chosen(self) -> dict[int, list[str]]:
        return {p.pk: self.cleaned_data[f"parts-{p.pk}"] for p in self.passages}


class CiteBySelectionMixin(AdminMixin):
    """Adds "cite a passage by selecting text" to the admin of any cited record."""

    model: type[Cited]

    def get_urls(self) -> list[URLPattern]:
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/cite/",
                self.admin_site.admin_view(self.cite_view),
                name=f"{opts.app_label}_{opts.model_name}_cite",
            ),
            *super().get_urls(),
        ]

    def get_readonly_fields(self, request: HttpRequest, obj: Cited | None = None) -> list[str]:
        return [*super().get_readonly_fields(request, obj), "cite_link"]

    @admin.display(description=_("add a citation"))
    def cite_link(self, obj: Cited | None) -> str:
        if obj is None or obj.pk is None:
            return gettext("Save first, then cite passages by selecting text.")
        opts = self.model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_cite", args=[obj.pk])
        label = gettext("Cite a passage by selecting text in an article")
        return format_html('<a href="{}">{}</a>', url, label)

    @staticmethod
    def _only_article(record: Cited) -> int | None:
        """The article every citation of the record comes from, when there is just one."""
        articles = set(record.citations.values_list("article_id", flat=True))
        return articles.pop() if len(articles) == 1 else None

    def cite_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        record: Cited | None = self.get_object(request, object_id)
        if record is None or not self.has_change_permission(request, record):
            raise PermissionDenied
        opts = self.model._meta
        change_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
        saving_parts = request.method == "POST" and "save_parts" in request.POST
        parts_form = CitedPartsForm(request.POST if saving_parts else None, record=record)
        if saving_parts and parts_form.is_valid():
            citing.set_cited_parts(record, parts_form.chosen())
            self.message_user(request, gettext("Saved what each quote supports."))
            return redirect(request.get_full_path())
        form = CiteForm(
            None if saving_parts else request.POST or None,
            initial={"article": request.GET.get("article") or self._only_article(record)},
            model=self.model,
        )
        article = None
        if request.method == "POST" and not saving_parts and form.is_valid():
            data = form.cleaned_data
            article = data["article"]
            try:
                selection = citing.resolve_selection(
                    article, start=data["start"], end=data["end"], quote=data["quote"] or ""
                )
            except citing.CitationRefused as exc:
                form.add_error("quote", str(exc))
            else:
                passage = citing.cite_selection(record, article, selection, data["parts"])
                cited = gettext("Cited “%(quote)s” (%(article)s).")
                self.message_user(
                    request, cited % {"quote": passage.quote, "article": article.slug}
                )
                return redirect(change_url)
        chosen = str(form["article"].value() or "")
        # At most 18 digits: an id that fits a 64-bit column (longer ones are no article's,
        # and int() refuses more than 4300 digits); ASCII digits only ("²" is a digit to
        # isdigit, not to int).
        if article is None and chosen.isascii() and chosen.isdigit() and len(chosen) <= 18:
            article = SourceArticle.objects.filter(pk=int(chosen)).first()
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "original": record,
            "title": gettext("Cite a passage for “%(record)s”") % {"record": record},
            "form": form,
            "article": article,
            "current": parts_form.passages,
            "parts_form": parts_form,
        }
        return TemplateResponse(request, "curation/cite.html", context)


class WarnsWhenUnsupported(AdminMixin):
    """On the list page, warn about rows without a valid citation (hidden from the public)."""

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        problems = unsupported_records(self.model)
        if problems:
            shown = "; ".join(p.label for p in problems[:5])
            if len(problems) > 5:
                shown = gettext("%(shown)s and %(more)d more") % {
                    "shown": shown,
                    "more": len(problems) - 5,
                }
            warning = ngettext(
                "%(count)d hidden from public pages for lack of a valid citation: %(shown)s. "
                "Run manage.py check_integrity for the full list.",
                "%(count)d hidden from public pages for lack of a valid citation: %(shown)s. "
                "Run manage.py check_integrity for the full list.",
                len(problems),
            )
            messages.warning(request, warning % {"count": len(problems), "shown": shown})
        return super().changelist_view(request, extra_context)


class FactAdmin(
    OneRefreshPerWrite,
    NoLostEdits,
    CiteBySelectionMixin,
    WarnsWhenUnsupported,
    CountColumns,
    FoldedSearchMixin,
    BothLanguagesAdmin,
    SimpleHistoryAdmin[Cited],
):
    """Shared columns for every kind of fact: how many passages support it, and whether
    it is stated or only implied."""

    autocomplete_fields: ClassVar[tuple[str, ...]] = ("citations",)
    list_display: tuple[str, ...]
    list_filter: ClassVar[tuple[str, ...]] = ("certainty",)
    search_fields: ClassVar[tuple[str, ...]]
    folded_search_fields: tuple[str, ...] = ("person__search_name",)
    count_columns = {"citation_count": CITATION_COUNT}


class FactInline(BothLanguagesInline):
    extra = 0
    autocomplete_fields: ClassVar[tuple[str, ...]] = ("citations",)
    fields: ClassVar[tuple[str | tuple[str, ...], ...]]
    classes = ("collapse",)


class AliasInline(FactInline):
    model = Alias
    fields = ("name", "ambiguous", *FACT_FIELDS)


class CitizenshipInline(FactInline):
    model = Citizenship
    autocomplete_fields = ("country", "citations")
    fields = ("country", *FACT_FIELDS)


class RoleInline(FactInline):
    model = Role
    autocomplete_fields = ("event", "citations")
    fields = ("kind", "title", "event", *FACT_FIELDS)


class DetentionInline(FactInline):
    model = Detention
    autocomplete_fields = ("facility", "citations")
    fields = (
        "facility",
        ("since", "since_precision", "since_text"),
        "reason",
        *FACT_FIELDS,
    )


class FacilityDetentionInline(DetentionInline):
    autocomplete_fields = ("person", "citations")
    fields = ("person", *DetentionInline.fields[1:])


class ReleaseInline(FactInline):
    model = Release
    autocomplete_fields = ("event", "facility", "citations")
    fields = (
        "event",
        "facility",
        ("date", "date_precision"),
        "with_conditions",
        *FACT_FIELDS,
    )


class EventReleaseInline(ReleaseInline):
    fk_name = "event"
    autocomplete_fields = ("person", "facility", "citations")
    fields = ("person", *ReleaseInline.fields[1:])


class StatusChangeInline(FactInline):
    model = StatusChange
    fields = (
        "status",
        ("date", "date_precision", "date_text"),
        *FACT_FIELDS,
    )


COUNT_FIELDS = (
    ("value_text", "value", "qualifier"),
    ("subject", "metric", "country"),
    ("as_of_text", "as_of", "as_of_precision"),
    ("claimed_by", "claimant", "verification"),
    "citations",
    "certainty",
    "note",
    "curator_note",
)


class CountClaimInline(FactInline):
    model = CountClaim
    fk_name = "event"
    autocomplete_fields = ("country", "claimant", "citations")
    fields = COUNT_FIELDS


class FacilityReportInline(FactInline):
    model = FacilityReport
    autocomplete_fields = ("event", "citations")
    fields = ("text", "event", *FACT_FIELDS)


@admin.register(Country)
class CountryAdmin(
    OneRefreshPerWrite, NoLostEdits, SuggestsAfterSave, CountColumns, SimpleHistoryAdmin[Country]
):
    list_display = ("code", "name", "demonym", "people")
    search_fields = ("code", "name", "demonym")
    actions = [export_action(exports.COUNTRY_EXPORT, selectors.countries)]
    count_columns = {"people": (_("named people"), Count("citizenships__person", distinct=True))}


@admin.register(Facility)
class FacilityAdmin(
    OneRefreshPerWrite,
    NoLostEdits,
    CiteBySelectionMixin,
    WarnsWhenUnsupported,
    CountColumns,
    BothLanguagesAdmin,
    SimpleHistoryAdmin[Facility],
):
    list_display = ("name", "city", "people", "citation_count")
    search_fields = ("name", "city", "slug")
    autocomplete_fields = ("citations",)
    prepopulated_fields = {"slug": ("name",)}
    inlines = [FacilityDetentionInline, FacilityReportInline]
    actions = [export_action(exports.FACILITY_EXPORT, selectors.facilities)]
    count_columns = {
        "people": (_("people held"), Count("detentions__person", distinct=True)),
        "citation_count": CITATION_COUNT,
    }


@admin.register(ReleaseEvent)
class ReleaseEventAdmin(
    OneRefreshPerWrite,
    NoLostEdits,
    CiteBySelectionMixin,
    WarnsWhenUnsupported,
    CountColumns,
    BothLanguagesAdmin,
    SimpleHistoryAdmin[ReleaseEvent],
):
    list_display = ("title", "date", "date_precision", "date_text", "people")
    list_filter = ("date_precision",)
    search_fields = ("title_en", "title_es", "slug", "description_en", "description_es")
    autocomplete_fields = ("citations",)
    prepopulated_fields = {"slug": ("title",)}
    inlines = [EventReleaseInline, CountClaimInline]
    actions = [export_action(exports.EVENT_EXPORT, selectors.events)]
    count_columns = {"people": (_("named people freed"), Count("releases__person", distinct=True))}


@admin.register(Person)
class PersonAdmin(
    OneRefreshPerWrite,
    NoLostEdits,
    SuggestsAfterSave,
    CountColumns,
    FoldedSearchMixin,
    BothLanguagesAdmin,
    SimpleHistoryAdmin[Person],
):
    list_display = ("name", "status", "nationalities", "sources", "is_named")
    list_filter = ("status", "is_named", "citizenships__country")
    search_fields = ("name", "slug")
    folded_search_fields = ("search_name",)
    readonly_fields = ("status", "search_name")
    prepopulated_fields = {"slug": ("name",)}
    actions = [export_action(exports.PERSON_EXPORT, selectors.people), "merge_people"]

    @admin.action(description=_("Merge the two selected people (one person spelt two ways)"))
    def merge_people(
        self, request: HttpRequest, queryset: QuerySet[Person]
    ) -> TemplateResponse | None:
        """Tick two people, pick the one to keep on the next page: every fact, citation and
        alias of the other moves to them, its name becomes an alias, its page redirects."""
        if not self.has_change_permission(request) or not self.has_delete_permission(request):
            raise PermissionDenied
        people = list(queryset.order_by("pk")[:3])
        if len(people) != 2:
            self.message_user(
                request, gettext("Tick exactly two people to merge."), messages.WARNING
            )
            return None
        keep_pk = request.POST.get("keep", "")
        if keep_pk:
            keep = next((p for p in people if str(p.pk) == keep_pk), None)
            if keep is None:
                self.message_user(
                    request, gettext("Pick one of the two people to keep."), messages.ERROR
                )
                return None
            merged = next(p for p in people if p.pk != keep.pk)
            merge_people(keep=keep, merge=merged)
            self.message_user(
                request,
                gettext(
                    "Merged “%(merged)s” into “%(keep)s”: its facts, citations and name "
                    "(now an alias) are theirs, and /%(slug)s/ redirects."
                )
                % {"merged": merged.name, "keep": keep.name, "slug": merged.slug},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Merge two people"),
            "people": people,
            "selected": [p.pk for p in people],
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "curation/person_merge.html", context)

    inlines = [
        AliasInline,
        CitizenshipInline,
        RoleInline,
        DetentionInline,
        ReleaseInline,
        StatusChangeInline,
    ]

    count_columns = {"sources": (_("sources"), selectors.source_count())}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Person]:
        return super().get_queryset(request).prefetch_related("citizenships__country")

    @admin.display(description=_("nationalities"))
    def nationalities(self, obj: Person) -> str:
        return ", ".join(c.country.code for c in obj.citizenships.all()) or "—"


@admin.register(Alias)
class AliasAdmin(SuggestsAfterSave, FactAdmin):
    list_display = ("name", "person", "ambiguous", "certainty", "citation_count")
    list_filter = ("certainty", "ambiguous")
    search_fields = ("name", "person__name")
    autocomplete_fields = ("person", "citations")


@admin.register(Citizenship)
class CitizenshipAdmin(FactAdmin):
    list_display = ("person", "country", "certainty", "citation_count")
    list_filter = ("country", "certainty")
    search_fields = ("person__name",)
    autocomplete_fields = ("person", "country", "citations")


@admin.register(Role)
class RoleAdmin(FactAdmin):
    list_display = ("person", "kind", "title", "event", "citation_count")
    list_filter = ("kind", "certainty")
    search_fields = ("person__name", "title_en", "title_es")
    autocomplete_fields = ("person", "event", "citations")


@admin.register(Detention)
class DetentionAdmin(FactAdmin):
    list_display = ("person", "facility", "since", "since_precision", "citation_count")
    list_filter = ("facility", "certainty")
    search_fields = ("person__name", "reason_en", "reason_es")
    autocomplete_fields = ("person", "facility", "citations")


@admin.register(Release)
class ReleaseAdmin(FactAdmin):
    list_display = ("person", "event", "date", "date_precision", "attributed_to", "citation_count")
    list_filter = ("event", "certainty", "with_conditions")
    search_fields = ("person__name", "attributed_to_en", "attributed_to_es")
    autocomplete_fields = ("person", "event", "facility", "citations")


@admin.register(StatusChange)
class StatusChangeAdmin(FactAdmin):
    list_display = ("person", "status", "date", "date_precision", "citation_count")
    list_filter = ("status", "certainty")
    search_fields = ("person__name",)
    autocomplete_fields = ("person", "citations")


@admin.register(CountClaim)
class CountClaimAdmin(FactAdmin):
    list_display = (
        "value_text",
        "subject",
        "metric",
        "qualifier",
        "claimed_by",
        "country",
        "event",
        "verification",
        "as_of_display",
        "citation_count",
    )
    list_filter = ("metric", "qualifier", "verification", "country", "event")
    # The claimant's key is shown, never edited: links carry it, whatever it is renamed to.
    fields = ("event", *COUNT_FIELDS, "claimant_key")
    readonly_fields = ("claimant_key",)
    search_fields = ("subject_en", "subject_es", "claimed_by_en", "claimed_by_es", "value_text")
    folded_search_fields = ()
    autocomplete_fields = ("event", "country", "claimant", "citations")

    @admin.display(description=_("as of"), ordering="as_of")
    def as_of_display(self, obj: CountClaim) -> str:
        return obj.as_of_display


@admin.register(FacilityReport)
class FacilityReportAdmin(FactAdmin):
    list_display = ("facility", "text", "event", "citation_count")
    list_filter = ("facility", "certainty")
    search_fields = ("text_en", "text_es", "facility__name")
    folded_search_fields = ()
    autocomplete_fields = ("facility", "event", "citations")


@admin.register(ImportRecord)
class ImportRecordAdmin(admin.ModelAdmin[ImportRecord]):
    list_display = ("kind", "key", "object_id")
    list_filter = ("kind",)
    search_fields = ("key",)
    readonly_fields = ("kind", "key", "object_id", "fingerprint")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Mention)
class MentionAdmin(FactAdmin):
    list_display = ("__str__", "person", "facility", "country", "citation_count")
    list_filter = ("certainty", "country")
    search_fields = ("person__name", "facility__name", "country__name")
    folded_search_fields = ("person__search_name",)
    autocomplete_fields = ("person", "facility", "country", "citations")
