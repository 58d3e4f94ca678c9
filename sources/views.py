from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from sources import evidence, serializers
from sources.filters import ArticleFilter
from sources.highlight import segments
from sources.listing import bad_format_response, detail_format, json_record, render_list


@require_GET
def article_list(request: HttpRequest) -> HttpResponse:
    return render_list(
        request,
        filterset_class=ArticleFilter,
        queryset=serializers.articles(),
        export=serializers.ARTICLE_EXPORT,
        template="sources/article_list.html",
    )


@require_GET
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    output = detail_format(request)
    if output is None:
        return bad_format_response()
    article = get_object_or_404(serializers.articles(), slug=slug)
    passages = list(article.passages.valid().order_by("start", "end"))
    if output == "json":
        record = serializers.article_json(article, request)
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
