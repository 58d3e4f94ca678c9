from django.contrib import admin, messages
from django.db.models import Count
from django.template.loader import render_to_string
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from sources import serializers
from sources.exports import export_action
from sources.highlight import segments
from sources.models import BoilerplateSpan, Passage, SourceArticle
from sources.search import FoldedSearchMixin

CONTEXT_CHARS = 80


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
    actions = [export_action(serializers.ARTICLE_EXPORT, serializers.articles)]

    class Media:
        css = {"all": ("css/admin.css",)}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(passage_total=Count("passages"))

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
        text = obj.article.text
        before = text[max(0, obj.start - CONTEXT_CHARS) : obj.start]
        after = text[obj.end : obj.end + CONTEXT_CHARS]
        return format_html("…{}<mark>{}</mark>{}…", before, obj.quote, after)
