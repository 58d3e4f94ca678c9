"""One request flow for every list page: validate filters, then render HTML (whole page, or
just the results fragment for htmx), or stream CSV/JSON with exactly the same filters and
order. Bad parameters give a 400 with a message; unknown ones are ignored, and listed where
the template leaves the page cache's marker for them (``web.caching``)."""

from collections.abc import Callable, Mapping
from typing import Any, Protocol

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext
from django_filters import FilterSet
from django_htmx.middleware import HtmxDetails

PAGE_SIZE = 25
FORMATS = ("html", "csv", "json")

# A template's context, and the JSON record of one object.
Context = dict[str, Any]
JsonObject = dict[str, Any]


def _unknown_format(formats: tuple[str, ...]) -> str:
    return gettext("Unknown format; use one of: %(formats)s.") % {"formats": ", ".join(formats)}


def wants_fragment(request: HttpRequest) -> bool:
    """An htmx request for part of a page (not a history restore, which needs it all)."""
    # Set by django-htmx's middleware, which a request built in a test may not have been through.
    htmx: HtmxDetails | None = getattr(request, "htmx", None)
    if not htmx:
        return False
    return not htmx.history_restore_request


def render_page(
    request: HttpRequest, template: str, context: Context, *, status: int = 200
) -> HttpResponse:
    """Render ``template``: the whole page, or for htmx requests (``fragment``) only its
    #results (a list template then extends web/layouts/fragment.html instead of web/base.html)."""
    fragment = wants_fragment(request)
    response = render(request, template, {**context, "fragment": fragment}, status=status)
    if fragment:
        # The address htmx shows for these results: the request's, less the empty fields a
        # form sends.
        query = _non_empty(request.GET).urlencode()
        response["HX-Push-Url"] = f"{request.path}?{query}" if query else request.path
    # A history restore asks for the whole page with HX-Request set too: a shared cache must
    # not answer it with a fragment.
    patch_vary_headers(response, ("HX-Request", "HX-History-Restore-Request"))
    return response


class ListExport(Protocol):
    """What the list flow needs of an export (``releases.exports``): the filtered rows,
    streamed as CSV or JSON."""

    def csv_response(self, queryset: QuerySet[Any], request: HttpRequest) -> HttpResponseBase: ...

    def json_response(self, queryset: QuerySet[Any], request: HttpRequest) -> HttpResponseBase: ...


def render_list[F: FilterSet](
    request: HttpRequest,
    *,
    filterset_class: type[F],
    queryset: QuerySet[Any],
    export: ListExport,
    template: str,
    defaults: dict[str, str] | None = None,
    extra_context: Callable[[F], Context] | None = None,
) -> HttpResponseBase:
    params = _non_empty(request.GET)
    for name, value in (defaults or {}).items():
        if not params.get(name):
            params[name] = value
    output = params.get("format", "html")
    filterset = filterset_class(params, queryset=queryset, request=request)

    if output not in FORMATS:
        return _bad_request(
            request, template, filterset, output, {"format": [_unknown_format(FORMATS)]}
        )
    if not filterset.is_valid():
        return _bad_request(request, template, filterset, output, filterset.errors)

    results = filterset.qs
    if output == "csv":
        return export.csv_response(results, request)
    if output == "json":
        return export.json_response(results, request)

    extra = extra_context(filterset) if extra_context else {}
    # The same rows, read in a way that knows what the extra context counted.
    paginator = Paginator(extra.pop("results", results), PAGE_SIZE)
    if "result_count" in extra:
        # Already counted (the people list's status facet counts exactly these rows): one
        # COUNT query fewer, and the two numbers cannot differ.
        paginator.count = extra.pop("result_count")
    context = {
        "filterset": filterset,
        "page": paginator.get_page(params.get("page")),
        "query": _query_without(params, "page", "format"),
        **extra,
    }
    return render_page(request, template, context)


def _non_empty(query: QueryDict) -> QueryDict:
    """``query`` without empty values: an empty field means "not filtered", so every link
    the page builds, and the address htmx pushes, carry only the filters in use."""
    kept = QueryDict(mutable=True)
    for name, values in query.lists():
        if values := [value for value in values if value]:
            kept.setlist(name, values)
    return kept


def _query_without(params: QueryDict, *names: str) -> str:
    query = params.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _bad_request(
    request: HttpRequest,
    template: str,
    filterset: FilterSet,
    output: str,
    errors: Mapping[str, list[Any]],
) -> HttpResponse:
    # ``errors`` are a form's (ErrorDict) or the list flow's own: messages, lazy or not.
    messages = {field: [str(e) for e in field_errors] for field, field_errors in errors.items()}
    if output == "json":
        return JsonResponse({"errors": messages}, status=400)
    if output == "csv":
        text = "\n".join(f"{field}: {' '.join(msgs)}" for field, msgs in messages.items())
        return HttpResponse(text, status=400, content_type="text/plain; charset=utf-8")
    context = {"filterset": filterset, "page": None, "errors": messages}
    return render_page(request, template, context, status=400)


DETAIL_FORMATS = ("html", "json")


def render_detail[T](
    request: HttpRequest,
    obj: T,
    *,
    to_json: Callable[[T, Callable[[str], str]], JsonObject],
    template: str,
    context: Callable[[T], Context],
) -> HttpResponse:
    """One object as HTML (``?format=html``, the default) or as its JSON record."""
    output = request.GET.get("format", "html")
    if output not in DETAIL_FORMATS:
        return JsonResponse({"errors": {"format": [_unknown_format(DETAIL_FORMATS)]}}, status=400)
    if output == "json":
        record = to_json(obj, request.build_absolute_uri)
        return JsonResponse(record, json_dumps_params={"ensure_ascii": False})
    return render(request, template, context(obj))
