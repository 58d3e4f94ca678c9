from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from sources.forms import IngestArticleForm
from sources.highlight import segments
from sources.ingest import DuplicateArticle, IngestResult, ingest_article
from sources.models import BoilerplateSpan, Passage, SourceArticle
from sources.search import FoldedSearchMixin
from sources.selectors import articles
from sources.services import refresh_search_text
from web.exports import ARTICLE_EXPORT, export_action

CONTEXT_CHARS = 80


def quote_in_context(text: str, start: int, end: int) -> str:
    """The words around a span, the span marked; every part escaped by format_html."""
    before = text[max(0, start - CONTEXT_CHARS) : start]
    after = text[end : end + CONTEXT_CHARS]
    return format_html("…{}<mark>{}</mark>{}…", before, text[start:end], after)


class BoilerplateSpanInline(admin.TabularInline):
    model = BoilerplateSpan
    extra = 0
    fields = ("start", "end", "kind", "note")


@admin.register(SourceArticle)
class SourceArticleAdmin(FoldedSearchMixin, SimpleHistoryAdmin):
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
        css = {"all": ("css/admin.css",)}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(passage_total=Count("passages"))

    def save_related(self, request, form, formsets, change):
        # Boilerplate spans edited inline change the body text: refresh what derives from it.
        super().save_related(request, form, formsets, change)
        refresh_search_text(form.instance)

    def add_view(self, request, form_url="", extra_context=None):
        """Adding an article is ingesting it: stored verbatim, duplicates refused,
        reprints linked (``ingest``; the releases app's article admin adds its citation
        suggestions)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = IngestArticleForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            published_on, precision = data["published"]
            try:
                result = self.ingest(
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
                )
            except ValidationError as exc:
                form.add_error(None, "; ".join(exc.messages))
            except DuplicateArticle as exc:
                form.add_error(
                    None,
                    format_html(
                        'This exact text is already stored: <a href="{}">{}</a>.',
                        reverse("admin:sources_sourcearticle_change", args=[exc.existing.pk]),
                        exc.existing,
                    ),
                )
            else:
                return self._after_ingest(request, result)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": "Ingest an article",
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/sources/ingest_article.html", context)

    def ingest(self, **fields) -> IngestResult:
        return ingest_article(**fields)

    def _after_ingest(self, request, result):
        article = result.article
        self.message_user(request, f"Stored “{article}” verbatim (sha256 {article.sha256[:12]}…).")
        for other, score in result.near_duplicates:
            self.message_user(
                request,
                format_html(
                    'Near-duplicate of <a href="{}">{}</a> ({}% shared): '
                    "linked as one story origin.",
                    reverse("admin:sources_sourcearticle_change", args=[other.pk]),
                    other,
                    round(score * 100),
                ),
                messages.WARNING,
            )
        for note in result.notes:
            self.message_user(request, format_html('<a href="{}">{}</a>', note.url, note.text))
        return redirect(reverse("admin:sources_sourcearticle_change", args=[article.pk]))

    @admin.display(description="published", ordering="published_on")
    def published_display(self, obj: SourceArticle) -> str:
        return obj.published_display

    @admin.display(description="passages", ordering="passage_total")
    def passage_count(self, obj) -> int:
        return obj.passage_total

    @admin.display(description="text (read-only; cited passages highlighted)")
    def highlighted_text(self, obj: SourceArticle) -> str:
        if obj.pk is None:
            return "—"
        passages = list(obj.passages.order_by("start", "end"))
        return render_to_string(
            "sources/admin_article_text.html", {"segments": segments(obj, passages)}
        )


@admin.register(Passage)
class PassageAdmin(SimpleHistoryAdmin):
    list_display = ("quote_in_context", "article", "start", "end")
    list_filter = ("article",)
    list_select_related = ("article",)
    search_fields = ("quote", "article__slug", "article__title")
    readonly_fields = ("article", "start", "end", "quote", "quote_in_context")

    def has_add_permission(self, request) -> bool:
        # Passages are made by selecting words of an article ("Cite a passage" on a fact,
        # "New fact from selected words" on an article), never typed in as offsets. This
        # also removes the "+" beside every citations field.
        return False

    def changelist_view(self, request, extra_context=None):
        stale = Passage.objects.stale().count()
        if stale:
            messages.warning(
                request,
                f"{stale} passage(s) no longer match their article's text and are hidden from "
                "public pages. Run manage.py check_integrity for the list.",
            )
        return super().changelist_view(request, extra_context)

    @admin.display(description="quote in context")
    def quote_in_context(self, obj: Passage) -> str:
        return quote_in_context(obj.article.text, obj.start, obj.end)
