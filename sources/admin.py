from django.contrib import admin
from django.db.models import Count

from sources.models import BoilerplateSpan, Passage, SourceArticle


class BoilerplateSpanInline(admin.TabularInline):
    model = BoilerplateSpan
    extra = 0
    fields = ("start", "end", "kind", "note")


@admin.register(SourceArticle)
class SourceArticleAdmin(admin.ModelAdmin):
    list_display = (
        "slug",
        "title",
        "outlet",
        "published_display",
        "wire_agency",
        "passage_count",
    )
    list_filter = ("outlet", "wire_agency", "language", "published_precision")
    search_fields = ("slug", "title", "outlet", "text")
    readonly_fields = ("text", "sha256", "filename")
    inlines = [BoilerplateSpanInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(passage_total=Count("passages"))

    @admin.display(description="published", ordering="published_on")
    def published_display(self, obj: SourceArticle) -> str:
        return obj.published_display

    @admin.display(description="passages", ordering="passage_total")
    def passage_count(self, obj) -> int:
        return obj.passage_total


@admin.register(Passage)
class PassageAdmin(admin.ModelAdmin):
    list_display = ("article", "start", "end", "quote")
    list_filter = ("article",)
    list_select_related = ("article",)
    search_fields = ("quote", "article__slug", "article__title")
    readonly_fields = ("article", "start", "end", "quote")
