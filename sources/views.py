from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from sources import evidence
from sources.exports import Column, Export
from sources.filters import ArticleFilter
from sources.highlight import segments
from sources.listing import bad_format_response, detail_format, json_record, render_list
from sources.models import SourceArticle


def article_json(article: SourceArticle, request: HttpRequest) -> dict:
    return {
        "slug": article.slug,
        "url": request.build_absolute_uri(article.get_absolute_url()),
        "title": article.title or None,
        "outlet": article.outlet or None,
        "article_url": article.url or None,
        "published": article.published_on.isoformat() if article.published_on else None,
        "published_precision": article.published_precision,
        "published_text": article.published_text or None,
        "wire_agency": article.wire_agency or None,
        "story_origin": article.origin_key,
        "sha256": article.sha256,
        "passage_count": article.passage_count,
    }


ARTICLE_EXPORT = Export(
    "sources",
    article_json,
    [
        Column(name, lambda r, name=name: r[name])
        for name in (
            "slug",
            "title",
            "outlet",
            "article_url",
            "published",
            "published_precision",
            "published_text",
            "wire_agency",
            "story_origin",
            "sha256",
            "passage_count",
            "url",
        )
    ],
)


def _articles():
    # The full text is only needed for the headline-less articles' fallback label.
    return (
        SourceArticle.objects.annotate(passage_count=Count("passages"))
        .prefetch_related("boilerplate_spans")
        .order_by("slug")
    )


@require_GET
def article_list(request: HttpRequest) -> HttpResponse:
    return render_list(
        request,
        filterset_class=ArticleFilter,
        queryset=_articles(),
        export=ARTICLE_EXPORT,
        template="sources/article_list.html",
    )


@require_GET
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    output = detail_format(request)
    if output is None:
        return bad_format_response()
    article = get_object_or_404(_articles(), slug=slug)
    passages = list(article.passages.valid().order_by("start", "end"))
    if output == "json":
        record = article_json(article, request)
        record["text"] = article.text
        record["boilerplate"] = [
            {"start": s.start, "end": s.end, "kind": s.kind, "note": s.note}
            for s in article.boilerplate_spans.all()
        ]
        record["passages"] = [
            {
                "id": p.pk,
                "start": p.start,
                "end": p.end,
                "quote": p.quote,
                "url": request.build_absolute_uri(p.get_absolute_url()),
            }
            for p in passages
        ]
        return json_record(record)
    supported = evidence.records_citing(p.pk for p in passages)
    for number, passage in enumerate(passages, start=1):
        passage.number = number  # footnote number, shown in the text and in the list
    context = {
        "article": article,
        "segments": segments(article, passages),
        "passages": [(p.number, p, supported.get(p.pk, [])) for p in passages],
    }
    return render(request, "sources/article_detail.html", context)
