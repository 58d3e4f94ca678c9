"""The review screen: one article's citation suggestions, each in its sentence, accepted or
rejected one by one or together. Nothing suggested is public until accepted."""

from dataclasses import dataclass
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from curation import suggestions, tasks
from curation.admin.articles import quote_in_context
from curation.admin.batching import OneRefreshPerWrite
from releases.models import CitationSuggestion, ReleaseEvent
from sources.models import SourceArticle


@dataclass(frozen=True)
class ReviewRow:
    """One suggestion on the review screen: its words marked inside their sentence (plain
    strings; the template escapes them)."""

    suggestion: CitationSuggestion
    before: str
    words: str
    after: str
    clipped_before: bool
    clipped_after: bool


REVIEW_CONTEXT_CHARS = 110


def review_row(
    text: str, sentences: list[tuple[int, int]], suggestion: CitationSuggestion
) -> ReviewRow:
    start, end = suggestion.start, suggestion.end
    details = suggestion.details or {}
    marked = details.get("name_at") or details.get("words_at")
    if marked and suggestion.start <= marked[0] < marked[1] <= suggestion.end:
        # The citation is the sentence; mark the proposed name (or count) in it.
        start, end = marked
    elif suggestion.kind == CitationSuggestion.SuggestionKind.NEW_PERSON:
        at = suggestion.quote.find(suggestion.name)
        if at != -1:
            start, end = suggestion.start + at, suggestion.start + at + len(suggestion.name)
    left, right = next(((a, b) for a, b in sentences if a <= start < b), (start, end))
    left, right = min(left, suggestion.start), max(right, end, suggestion.end)
    # At most REVIEW_CONTEXT_CHARS either side, clipped at a space.
    shown_left = max(left, start - REVIEW_CONTEXT_CHARS)
    if shown_left > left and (space := text.find(" ", shown_left, start)) != -1:
        shown_left = space + 1
    shown_right = min(right, end + REVIEW_CONTEXT_CHARS)
    if shown_right < right and (space := text.rfind(" ", end, shown_right)) != -1:
        shown_right = space
    return ReviewRow(
        suggestion,
        text[shown_left:start],
        text[start:end],
        text[end:shown_right],
        shown_left > left,
        shown_right < right,
    )


def say_if_computing(request: HttpRequest) -> None:
    """Tell the curator that suggestions are still being computed after recent saves (the
    background re-runs, ``curation.tasks``): what the page lists may still grow or shrink."""
    pending = tasks.pending_reruns()
    if pending:
        warning = ngettext(
            "Suggestions are still being computed after %(count)d recent save of "
            "people, aliases or countries: reload in a moment for the complete list.",
            "Suggestions are still being computed after %(count)d recent saves of "
            "people, aliases or countries: reload in a moment for the complete list.",
            pending,
        )
        messages.warning(request, warning % {"count": pending})


@admin.register(CitationSuggestion)
class CitationSuggestionAdmin(OneRefreshPerWrite, admin.ModelAdmin[CitationSuggestion]):
    """Suggested citations from ingested articles: accept or reject each, best from the
    review screen of one article. Nothing here is public until accepted."""

    list_display = ("quote_in_context", "kind", "proposal", "article", "state", "review_link")
    list_filter = ("state", "kind", "article")
    list_select_related = ("article", "person", "facility", "country")
    search_fields = ("quote", "name", "person__name", "facility__name", "country__name")
    readonly_fields = (
        "article",
        "kind",
        "start",
        "end",
        "quote",
        "name",
        "person",
        "facility",
        "country",
        "state",
        "mention",
    )
    actions = ["accept_selected", "reject_selected"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        say_if_computing(request)
        return super().changelist_view(request, extra_context)

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "article/<int:article_id>/",
                self.admin_site.admin_view(self.review_view),
                name="releases_citationsuggestion_review",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("in the article"))
    def quote_in_context(self, obj: CitationSuggestion) -> str:
        return quote_in_context(obj.article, obj.start, obj.end)

    @admin.display(description=_("proposes"))
    def proposal(self, obj: CitationSuggestion) -> str:
        return obj.proposal

    @admin.display(description=_("review"))
    def review_link(self, obj: CitationSuggestion) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            suggestions.review_url(obj.article),
            gettext("all of this article"),
        )

    def _decide(
        self,
        request: HttpRequest,
        chosen: list[CitationSuggestion],
        verdict: str,
        event: ReleaseEvent | None = None,
    ) -> None:
        if verdict == "accept":
            accepted = suggestions.accept_many(chosen, event=event)
            done = ngettext(
                "Accepted %(count)d suggestion.", "Accepted %(count)d suggestions.", accepted
            )
            self.message_user(request, done % {"count": accepted}, messages.SUCCESS)
        else:
            rejected = suggestions.reject_many(chosen)
            done = ngettext(
                "Rejected %(count)d suggestion.", "Rejected %(count)d suggestions.", rejected
            )
            self.message_user(request, done % {"count": rejected}, messages.SUCCESS)

    @admin.action(description=_("Accept: cite these passages"), permissions=["change"])
    def accept_selected(self, request: HttpRequest, queryset: QuerySet[CitationSuggestion]) -> None:
        self._decide(request, list(queryset.select_related("article", "mention")), "accept")

    @admin.action(description=_("Reject: never publish these"), permissions=["change"])
    def reject_selected(self, request: HttpRequest, queryset: QuerySet[CitationSuggestion]) -> None:
        self._decide(request, list(queryset.select_related("article", "mention")), "reject")

    def review_view(self, request: HttpRequest, article_id: int) -> HttpResponse:
        """One article's suggestions, each in its sentence: tick rows and accept or reject
        them together, or decide a row with its own button; keys j/k, x, a, r (see the
        page). Works without JavaScript."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        article = get_object_or_404(
            SourceArticle.objects.prefetch_related("boilerplate_spans"), pk=article_id
        )
        here = suggestions.review_url(article)
        if request.method == "POST":
            if not self.has_change_permission(request):
                raise PermissionDenied
            self._review_post(request, article)
            return redirect(f"{here}?{request.GET.urlencode()}" if request.GET else here)
        say_if_computing(request)
        shown = request.GET.get("state", "pending")
        rows = article.suggestions.select_related("person", "facility", "country")
        if shown != "all":
            shown = "pending"
            rows = rows.filter(state=CitationSuggestion.State.PENDING)
        text = article.text
        sentences = suggestions.sentences(text)
        counts = dict(article.suggestions.values_list("state").annotate(n=Count("pk")).order_by())
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Suggestions for “%(article)s”") % {"article": article},
            "article": article,
            "rows": [review_row(text, sentences, s) for s in rows.order_by("start", "kind")],
            "shown": shown,
            "counts": {state: counts.get(state, 0) for state in CitationSuggestion.State},
            "can_change": self.has_change_permission(request),
            "freed_pending": article.suggestions.filter(
                kind=CitationSuggestion.SuggestionKind.NEW_PERSON,
                state=CitationSuggestion.State.PENDING,
            ).count(),
            "events": ReleaseEvent.objects.order_by("-date", "title").only("pk", "title"),
        }
        return TemplateResponse(request, "curation/suggestion_review.html", context)

    def _review_post(self, request: HttpRequest, article: SourceArticle) -> None:
        verdict = request.POST.get("action", "")
        one = request.POST.get("one", "")
        if one:
            verdict, _sep, pk = one.partition(":")
            wanted = [pk]
        else:
            wanted = request.POST.getlist("selected")
        if verdict == "rerun":
            made = suggestions.suggest_for_article(article)
            done = gettext("Re-ran suggestions: %(count)d new.") % {"count": len(made)}
            self.message_user(request, done, messages.SUCCESS)
            return
        event, event_error = _chosen_event(request.POST.get("event", ""))
        if event_error:
            self.message_user(request, event_error, messages.ERROR)
            return
        if verdict == "accept_freed":  # every pending freed person of the article at once
            verdict = "accept"
            wanted = [
                str(pk)
                for pk in article.suggestions.filter(
                    kind=CitationSuggestion.SuggestionKind.NEW_PERSON,
                    state=CitationSuggestion.State.PENDING,
                ).values_list("pk", flat=True)
            ]
        if verdict not in {"accept", "reject"}:
            self.message_user(request, gettext("Choose accept, reject or re-run."), messages.ERROR)
            return
        ids = [int(pk) for pk in wanted if pk.isdigit()]
        if not ids:
            self.message_user(
                request, gettext("Tick at least one suggestion first."), messages.WARNING
            )
            return
        chosen = list(
            article.suggestions.filter(pk__in=ids)
            .select_related("article", "mention", "country")
            .order_by("start")
        )
        self._decide(request, chosen, verdict, event)


def _chosen_event(value: str) -> tuple[ReleaseEvent | None, str]:
    """The release event picked on the review screen for freed people's releases, or an
    error that says what was wrong."""
    if not value:
        return None, ""
    if not value.isdigit() or not (event := ReleaseEvent.objects.filter(pk=value).first()):
        error = gettext("No release event has the id %(id)r: pick one from the list.")
        return None, error % {"id": value[:20]}
    return event, ""
