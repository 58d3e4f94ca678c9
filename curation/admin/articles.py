"""The evidence in the admin: articles (ingested verbatim, with their citation suggestions
and "new fact from selected words") and the passages cut from them."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.forms.formsets import BaseFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from curation import citing, fetching, from_link, new_fact, suggestions
from curation.admin.actions import export_action
from curation.admin.batching import OneRefreshPerWrite
from curation.admin.locking import NoLostEdits
from curation.extraction import Extracted
from curation.forms import ConfirmPageForm, IngestArticleForm, LinkForm
from curation.ingest import DuplicateArticle, IngestResult
from releases.exports import ARTICLE_EXPORT
from sources.highlight import segments
from sources.models import BoilerplateSpan, Capture, Passage, SourceArticle
from sources.search import FoldedSearchMixin
from sources.selectors import articles
from sources.services import refresh_search_text

CONTEXT_CHARS = 80


def quote_in_context(article: SourceArticle, start: int, end: int) -> str:
    """The words around a span, the span marked, in the article's language (a Spanish
    admin shows an English article's words as English); every part escaped by format_html."""
    text = article.text
    before = text[max(0, start - CONTEXT_CHARS) : start]
    after = text[end : end + CONTEXT_CHARS]
    return format_html(
        '<span lang="{}">…{}<mark>{}</mark>{}…</span>',
        article.language,
        before,
        text[start:end],
        after,
    )


def already_stored(exc: DuplicateArticle) -> str:
    """The refusal of a duplicate, with a link to the article already stored."""
    return format_html(
        gettext('{} is already stored: <a href="{}">{}</a>.'),
        exc.why,
        reverse("admin:sources_sourcearticle_change", args=[exc.existing.pk]),
        exc.existing,
    )


def _confirm_form(page: from_link.Page) -> ConfirmPageForm:
    read = page.extracted
    return ConfirmPageForm(
        initial={
            "capture": page.capture.pk,
            "title": read.title,
            "outlet": read.outlet,
            "published": page.published,
            "language": read.language or "en",
            "url": page.capture.final_url,
            "text": read.text,
        }
    )


class BoilerplateSpanInline(admin.TabularInline[BoilerplateSpan, SourceArticle]):
    model = BoilerplateSpan
    extra = 0
    fields = ("start", "end", "kind", "note")


@admin.register(SourceArticle)
class SourceArticleAdmin(
    OneRefreshPerWrite, NoLostEdits, FoldedSearchMixin, SimpleHistoryAdmin[SourceArticle]
):
    """Articles: a new one is ingested verbatim and gets its citation suggestions, and "new
    fact from selected words" lets the curator select words and create, in one form, the
    fact they support (about a new or existing person, or a count or release event) with
    those words as its citation."""

    list_display = (
        "slug",
        "title",
        "outlet",
        "published_display",
        "wire_agency",
        "passage_count",
    )
    list_filter = ("outlet", "wire_agency", "language", "published_precision")
    search_fields = ("slug", "title", "outlet")
    folded_search_fields = ("search_text",)
    readonly_fields = ("highlighted_text", "sha256", "filename")
    exclude = ("text",)
    inlines = [BoilerplateSpanInline]
    actions = [export_action(ARTICLE_EXPORT, articles)]

    class Media:
        css = {"all": ("curation/css/admin.css",)}

    def get_queryset(self, request: HttpRequest) -> QuerySet[SourceArticle]:
        counted: QuerySet[SourceArticle] = (
            super().get_queryset(request).annotate(passage_total=Count("passages"))
        )
        return counted

    def save_related(
        self,
        request: HttpRequest,
        form: forms.ModelForm[SourceArticle],
        formsets: list[BaseFormSet[forms.BaseForm]],
        change: bool,
    ) -> None:
        # Boilerplate spans edited inline change the body text: refresh what derives from it.
        super().save_related(request, form, formsets, change)
        refresh_search_text(form.instance)

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """Adding an article is ingesting it: stored verbatim, duplicates refused,
        reprints linked, citation suggestions proposed (``ingest``)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = IngestArticleForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            published_on, precision = data["published"]
            stored = self._stored_or_refused(
                request,
                form,
                lambda: self.ingest(
                    text=data["text"],
                    title=data["title"],
                    outlet=data["outlet"],
                    url=data["url"],
                    language=data["language"],
                    published_on=published_on,
                    published_precision=precision,
                    published_text=data["published_text"],
                    wire_agency=data["wire_agency"],
                    filename=data.get("filename", ""),
                ),
            )
            if stored is not None:
                return stored
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": gettext("Ingest an article"),
            "from_link_url": reverse("admin:sources_sourcearticle_from_link"),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "curation/ingest_article.html", context)

    def ingest(self, **fields: Any) -> IngestResult:
        return suggestions.ingest_with_suggestions(**fields)

    def _stored_or_refused(
        self, request: HttpRequest, form: forms.Form, ingest: Callable[[], IngestResult]
    ) -> HttpResponseRedirect | None:
        """The redirect to the article ``ingest`` stored, or None with the reason it was
        refused on the form (already stored: with its link)."""
        try:
            result = ingest()
        except ValidationError as exc:
            form.add_error(None, "; ".join(exc.messages))
        except DuplicateArticle as exc:
            form.add_error(None, already_stored(exc))
        else:
            return self._after_ingest(request, result)
        return None

    def from_link_view(self, request: HttpRequest) -> HttpResponse:
        """Add article from a link (or a saved page): fetch it safely and keep the response
        as a capture, then show what was read for the curator to confirm or correct, then
        ingest it as any article, recording its capture. A refusal stores nothing."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method == "POST" and "capture" in request.POST:
            return self._confirm_page(request, ConfirmPageForm(request.POST))
        posted = request.method == "POST"
        form = LinkForm(request.POST if posted else None, request.FILES if posted else None)
        if request.method == "POST" and form.is_valid():
            page = self._capture(form)
            if page is not None:
                return self._confirm_page(request, _confirm_form(page), page.capture)
        return self._render_from_link(request, form=form, step="link")

    def _capture(self, form: LinkForm) -> from_link.Page | None:
        data = form.cleaned_data
        try:
            if data["saved_page"]:
                upload = data["saved_page"]
                if upload.size > fetching.MAX_BYTES:  # before reading it
                    raise fetching.FetchRefused(fetching.too_big(upload.name, upload.size))
                return from_link.capture_saved_page(
                    upload.read(), filename=upload.name, url=data["link"]
                )
            return from_link.capture_link(data["link"])
        except from_link.REFUSALS as exc:
            form.add_error(None, gettext("Refused, nothing stored: %(why)s") % {"why": exc})
        except DuplicateArticle as exc:
            form.add_error(None, already_stored(exc))
        return None

    def _confirm_page(
        self, request: HttpRequest, form: ConfirmPageForm, capture: Capture | None = None
    ) -> HttpResponse:
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            capture = data["capture"]
            used = capture.articles.first()
            if used is not None:  # confirmed already (twice sent, or by another curator)
                duplicate = DuplicateArticle(used, why=gettext("This page"))
                form.add_error(None, already_stored(duplicate))
                return self._render_from_link(request, form=form, step="confirm", capture=capture)
            page = from_link.Page(capture, Extracted(text=data["text"]))
            fields = {
                key: data[key]
                for key in ("text", "title", "outlet", "url", "language", "published_text")
            }
            stored = self._stored_or_refused(
                request,
                form,
                lambda: from_link.ingest_page(
                    page, **fields, wire_agency=data["wire_agency"], published=data["published"]
                ),
            )
            if stored is not None:
                return stored
        if capture is None and form.is_bound:
            pk = str(form.data.get("capture", ""))
            capture = Capture.objects.filter(pk=pk).first() if pk.isdigit() else None
        return self._render_from_link(request, form=form, step="confirm", capture=capture)

    def _render_from_link(self, request: HttpRequest, **context: object) -> TemplateResponse:
        return TemplateResponse(
            request,
            "curation/ingest_from_link.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": gettext("Add article from a link"),
                **context,
            },
        )

    def _after_ingest(self, request: HttpRequest, result: IngestResult) -> HttpResponseRedirect:
        article = result.article
        stored = gettext("Stored “%(article)s” verbatim (sha256 %(sha256)s…).")
        self.message_user(request, stored % {"article": article, "sha256": article.sha256[:12]})
        for other, score in result.near_duplicates:
            self.message_user(
                request,
                format_html(
                    gettext(
                        'Near-duplicate of <a href="{}">{}</a> ({} shared): '
                        "linked as one story origin."
                    ),
                    reverse("admin:sources_sourcearticle_change", args=[other.pk]),
                    other,
                    f"{round(score * 100)}%",
                ),
                messages.WARNING,
            )
        for note in result.notes:
            self.message_user(request, format_html('<a href="{}">{}</a>', note.url, note.text))
        return redirect(reverse("admin:sources_sourcearticle_change", args=[article.pk]))

    @admin.display(description=_("published"), ordering="published_on")
    def published_display(self, obj: SourceArticle) -> str:
        return obj.published_display

    @admin.display(description=_("passages"), ordering="passage_total")
    def passage_count(self, obj: SourceArticle) -> int:
        total: int = getattr(obj, "passage_total")  # noqa: B009 (annotated by the list's query)
        return total

    @admin.display(description=_("text (read-only; cited passages highlighted)"))
    def highlighted_text(self, obj: SourceArticle) -> str:
        if obj.pk is None:
            return "—"
        passages = list(obj.passages.order_by("start", "end"))
        context = {"segments": segments(obj, passages), "language": obj.language}
        return render_to_string("curation/article_text.html", context)

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "from-link/",
                self.admin_site.admin_view(self.from_link_view),
                name="sources_sourcearticle_from_link",
            ),
            path(
                "<path:object_id>/new-fact/",
                self.admin_site.admin_view(self.new_fact_view),
                name="sources_sourcearticle_new_fact",
            ),
            *super().get_urls(),
        ]

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        extra_context = {
            **(extra_context or {}),
            "new_fact_url": reverse("admin:sources_sourcearticle_new_fact", args=[object_id]),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def new_fact_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        article = self.get_object(request, object_id)
        if article is None or not self.has_view_permission(request, article):
            raise PermissionDenied
        posted = request.POST if request.method == "POST" else None
        form = new_fact.SelectionForm(
            posted, initial=request.GET.dict(), admin_site=self.admin_site
        )
        chosen = (posted.get("kind") if posted else request.GET.get("kind")) or ""
        fact_forms = {
            kind.key: new_fact.fact_form(kind, posted if kind.key == chosen else None)
            for kind in new_fact.KINDS
        }
        # One transaction from checking to writing: the check that nobody changed the
        # person since the form opened locks their row until the fact is written.
        with transaction.atomic():
            # Both forms checked, so that every mistake is shown at once.
            valid = [form.is_valid(), chosen in fact_forms and fact_forms[chosen].is_valid()]
            if posted is not None and all(valid):
                created = self._create_fact(request, article, form, fact_forms[chosen])
                if created is not None:
                    return created
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": article,
            "article": article,
            "title": gettext("New fact from selected words of “%(article)s”")
            % {"article": article},
            "form": form,
            "kinds": [(kind, fact_forms[kind.key]) for kind in new_fact.KINDS],
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "curation/new_fact.html", context)

    def _create_fact(
        self,
        request: HttpRequest,
        article: SourceArticle,
        form: new_fact.SelectionForm,
        fact_form: forms.ModelForm[Any],
    ) -> HttpResponseRedirect | None:
        """Write the fact citing the selection, or put the reason it can't be on the form
        (and return None)."""
        data = form.cleaned_data
        kind = new_fact.KINDS_BY_KEY[data["kind"]]
        needed = ["sources.add_passage", f"releases.add_{kind.model._meta.model_name}"]
        if data["new_person"]:
            needed.append("releases.add_person")
        if not request.user.has_perms(needed):
            raise PermissionDenied
        try:
            selection = citing.resolve_selection(
                article, start=data["start"], end=data["end"], quote=data["quote"] or ""
            )
            record = fact_form.save(commit=False)
            if data["person"]:
                record.person = data["person"]
            passage = citing.create_cited(
                record=record, article=article, selection=selection, new_person=data["new_person"]
            )
        except citing.CitationRefused as exc:
            form.add_error("quote", str(exc))
            return None
        except ValidationError as exc:
            form.add_error(None, "; ".join(exc.messages))
            return None
        opts = record._meta
        self.message_user(
            request,
            format_html(
                gettext('Created <a href="{}">{}</a>, citing “{}”.'),
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk]),
                record,
                passage.quote,
            ),
            messages.SUCCESS,
        )
        # Back to the same words, ready for another fact about the same person.
        again: dict[str, str | int] = {
            "kind": kind.key,
            "start": selection.start,
            "end": selection.end,
        }
        if kind.about_a_person:
            again["person"] = record.person_id
        url = reverse("admin:sources_sourcearticle_new_fact", args=[article.pk])
        return redirect(f"{url}?{urlencode(again)}")


@admin.register(Passage)
class PassageAdmin(OneRefreshPerWrite, SimpleHistoryAdmin[Passage]):
    list_display = ("quote_in_context", "article", "start", "end")
    list_filter = ("article",)
    list_select_related = ("article",)
    search_fields = ("quote", "article__slug", "article__title")
    readonly_fields = ("article", "start", "end", "quote", "quote_in_context")

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Passages are made by selecting words of an article ("Cite a passage" on a fact,
        # "New fact from selected words" on an article), never typed in as offsets. This
        # also removes the "+" beside every citations field.
        return False

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        stale = Passage.objects.stale().count()
        if stale:
            warning = ngettext(
                "%(count)d passage no longer matches its article's text and is hidden from "
                "public pages. Run manage.py check_integrity for the list.",
                "%(count)d passages no longer match their article's text and are hidden from "
                "public pages. Run manage.py check_integrity for the list.",
                stale,
            )
            messages.warning(request, warning % {"count": stale})
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("quote in context"))
    def quote_in_context(self, obj: Passage) -> str:
        return quote_in_context(obj.article, obj.start, obj.end)


@admin.register(Capture)
class CaptureAdmin(admin.ModelAdmin[Capture]):
    """Pages as retrieved, read only: the database refuses any change to one. A capture no
    article records is a page fetched and never confirmed."""

    list_display = ("__str__", "origin", "status", "size", "retrieved_at", "article_count")
    list_filter = ("origin", "status")
    search_fields = ("final_url", "requested_url", "filename", "sha256")
    exclude = ("warc",)
    readonly_fields = [
        field.name for field in Capture._meta.fields if field.name not in ("id", "warc")
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Capture]:
        return super().get_queryset(request).defer("warc").annotate(article_total=Count("articles"))

    @admin.display(description=_("articles"), ordering="article_total")
    def article_count(self, obj: Capture) -> int:
        total: int = getattr(obj, "article_total")  # noqa: B009 (annotated by the list's query)
        return total

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # made by "Add article from a link", never typed in

    def has_change_permission(self, request: HttpRequest, obj: Capture | None = None) -> bool:
        return False
