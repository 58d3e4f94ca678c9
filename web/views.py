"""The public pages. Lists go through one flow (``web.listing.render_list``: HTML, htmx
fragment, CSV, JSON); details through ``render_detail`` (HTML or JSON of one object, loaded
once). Every page is cached whole until the next write (``web.caching``)."""

import base64
import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe
from django_filters import FilterSet

from releases import exports, records, selectors
from releases.derived import person_page_state
from releases.models import Citizenship, CountClaim, Country, PersonRedirect
from releases.records import Link
from releases.status import status_history
from sources import selectors as source_selectors
from sources.highlight import segments
from sources.models import Passage, SourceArticle
from sources.records import article_json
from web.caching import (
    DETAIL_PARAMS,
    View,
    cached_page,
    entity_tag,
    list_params,
    mark,
    not_modified,
    validators,
)
from web.facets import facts_people_count, person_facets
from web.filters import (
    DEFAULT_PERSON_STATUS,
    STATUS_ANY,
    ArticleFilter,
    CountFilter,
    CountryFilter,
    EventFilter,
    FacilityFilter,
    FactFilter,
    PersonFilter,
    sort_headers,
)
from web.listing import Context, JsonObject, ListExport, render_detail, render_list
from web.timeline import build_timeline

if TYPE_CHECKING:
    from sources.selectors import CountedArticle

# The home page names this many of the latest people freed; the people list has them all.
HOME_FREED = 12
# Each group of count claims on the home page shows this many; /numbers/ has them all.
HOME_CLAIMS = 6


def list_page(
    *,
    filterset_class: type[FilterSet],
    queryset: Callable[[], QuerySet[Any]],
    export: ListExport,
    template: str,
) -> View:
    """A public list with nothing of its own: its filters, rows (``queryset()``), exports
    and template, through the one list flow."""

    @require_safe
    @cached_page(params=list_params(filterset_class))
    def view(request: HttpRequest) -> HttpResponseBase:
        return render_list(
            request,
            filterset_class=filterset_class,
            queryset=queryset(),
            export=export,
            template=template,
        )

    return view


@require_safe
@cached_page()
def home(request: HttpRequest) -> HttpResponse:
    events = list(selectors.home_events())
    dated_events = [event for event in events if event.date]
    context = {
        "counts": selectors.home_counts(),
        "claims_shown": HOME_CLAIMS,
        "freed_total": selectors.freed_count(),
        "freed": selectors.latest_freed(HOME_FREED),
        # Every one of them is dated: the ``or`` is never taken, but tells the type checker.
        "latest_events": sorted(
            dated_events, key=lambda e: e.date or datetime.date.min, reverse=True
        )[:5],
        "timeline": build_timeline(events, selectors.timeline_people()),
    }
    return render(request, "web/home.html", context)


def _people_facets(filterset: PersonFilter) -> Context:
    facets = person_facets(filterset)
    status = next(facet for facet in facets if facet.name == "status")
    chosen = filterset.form.cleaned_data.get("status")
    # The status facet counts the people of every status under the other filters: the
    # option chosen (or "any status") counts exactly the rows listed.
    count = next((o.count for o in status.options if o.value == chosen), 0)
    everyone = next(o.count for o in status.options if o.value == STATUS_ANY)
    return {
        "facets": facets,
        "result_count": count,
        # Each page's people read with their facts by queries built once.
        "results": selectors.WithFacts(filterset.sorted_after_matching(count)),
        # Nobody of this status, but somebody of another ("machado" among the freed): say
        # so, rather than leave "no one matches" to be read as "not in the record".
        "other_statuses_count": everyone if not count and chosen != STATUS_ANY else 0,
        "sort": sort_headers(filterset, default="name"),
        # Everyone is listed: detainees first, then the people only mentioned, each group
        # under its own heading.
        "grouped": chosen == STATUS_ANY,
    }


@require_safe
@cached_page()
def about(request: HttpRequest) -> HttpResponse:
    context = {
        "sources": source_selectors.article_summary(),
        "people_total": selectors.public_people().count(),
        "counts_total": CountClaim.objects.published().count(),
        "last_changed": exports.last_changed(),
        # The home page of the mount asked (/, /en/ or /es/), as {% url %} would link it.
        "site_url": request.build_absolute_uri(
            reverse("releases:home", current_app=_namespace(request))
        ),
    }
    return render(request, "web/about.html", context)


def _moved_permanently(request: HttpRequest, url: str) -> HttpResponseBase:
    """A permanent redirect to the page's one address, the reader's query kept."""
    query = f"?{request.GET.urlencode()}" if request.GET else ""
    return redirect(f"{url}{query}", permanent=True)


def _namespace(request: HttpRequest) -> str | None:
    """The URL namespace of the mount the request came in by (a view is only reached
    resolved, so the match is always there)."""
    match = request.resolver_match
    return match.namespace if match is not None else None


@require_safe
@cached_page(params=list_params(PersonFilter, {"status": DEFAULT_PERSON_STATUS}))
def person_list(request: HttpRequest) -> HttpResponseBase:
    return render_list(
        request,
        filterset_class=PersonFilter,
        queryset=selectors.people(),
        export=exports.PERSON_EXPORT,
        template="web/person_list.html",
        defaults={"status": DEFAULT_PERSON_STATUS},
        extra_context=_people_facets,
    )


@require_safe
@cached_page(params=DETAIL_PARAMS, version=person_page_state)
def person_detail(request: HttpRequest, slug: str) -> HttpResponseBase:
    person = selectors.person_with_everything(slug)
    if person is None:
        # A person merged into another: their old address lasts, as a permanent redirect.
        moved = PersonRedirect.objects.filter(slug=slug).select_related("person").first()
        if moved is None:
            raise Http404("No person is at this address.")
        return _moved_permanently(request, moved.person.get_absolute_url())
    return render_detail(
        request,
        person,
        to_json=records.person_detail_json,
        template="web/person_detail.html",
        context=lambda person: {"person": person, "history": status_history(person)},
    )


facility_list = list_page(
    filterset_class=FacilityFilter,
    queryset=selectors.facilities,
    export=exports.FACILITY_EXPORT,
    template="web/facility_list.html",
)


@require_safe
@cached_page(params=DETAIL_PARAMS)
def facility_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return render_detail(
        request,
        get_object_or_404(selectors.facilities(), slug=slug),
        to_json=records.facility_json,
        template="web/facility_detail.html",
        context=lambda facility: {
            "facility": facility,
            **selectors.facility_detail(facility),
            "shown": selectors.DETAIL_PEOPLE,
        },
    )


nationality_list = list_page(
    filterset_class=CountryFilter,
    queryset=selectors.countries,
    export=exports.COUNTRY_EXPORT,
    template="web/nationality_list.html",
)


def _country_json(country: Country, link: Link, first_people: list[Citizenship]) -> JsonObject:
    """A nationality with its first named people (the people list's export has them all)."""
    record: JsonObject = records.country_json(country, link)
    record["people"] = [
        records.fact_json(c, link, name=c.person.name, slug=c.person.slug) for c in first_people
    ]
    return record


@require_safe
@cached_page(params=DETAIL_PARAMS)
def nationality_detail(request: HttpRequest, code: str) -> HttpResponseBase:
    if len(code) != 2 or not (code.isascii() and code.isalpha()):
        raise Http404("Nationalities are addressed by ISO 3166 alpha-2 codes.")
    if not code.islower():
        # "ES" as a journalist types it: one address per country, so one cached page.
        return _moved_permanently(
            request,
            reverse(
                "releases:nationality_detail",
                kwargs={"code": code.lower()},
                current_app=_namespace(request),
            ),
        )
    country = get_object_or_404(selectors.countries(), code=code.upper())
    first_people = selectors.country_people(country)
    return render_detail(
        request,
        country,
        to_json=lambda country, link: _country_json(country, link, first_people),
        template="web/nationality_detail.html",
        context=lambda country: {
            "country": country,
            "first_people": first_people,
            "shown": selectors.DETAIL_PEOPLE,
        },
    )


event_list = list_page(
    filterset_class=EventFilter,
    queryset=selectors.events,
    export=exports.EVENT_EXPORT,
    template="web/event_list.html",
)


@require_safe
@cached_page(params=DETAIL_PARAMS)
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return render_detail(
        request,
        get_object_or_404(selectors.event_detail(), slug=slug),
        to_json=records.event_json,
        template="web/event_detail.html",
        context=lambda event: {
            "event": event,
            **selectors.event_people(event),
            "shown": selectors.DETAIL_PEOPLE,
        },
    )


count_list = list_page(
    filterset_class=CountFilter,
    queryset=selectors.count_claims,
    export=exports.COUNT_EXPORT,
    template="web/count_list.html",
)


@require_safe
@cached_page(params=list_params(FactFilter, {"status": STATUS_ANY}))
def fact_list(request: HttpRequest) -> HttpResponseBase:
    """Every public fact about a person, once per passage citing it: for checking in a
    spreadsheet. Same filters as the people list, but of every status by default."""
    return render_list(
        request,
        filterset_class=FactFilter,
        queryset=selectors.public_people(),
        export=exports.FACT_EXPORT,
        template="web/fact_list.html",
        defaults={"status": STATUS_ANY},
        # A page holds every fact of 25 people (releases.selectors.FactCitations).
        extra_context=lambda filterset: {"result_count": facts_people_count(filterset)},
    )


article_list = list_page(
    filterset_class=ArticleFilter,
    queryset=source_selectors.articles,
    export=exports.ARTICLE_EXPORT,
    template="web/article_list.html",
)


def _article_json(article: "CountedArticle", link: Link, passages: list[Passage]) -> JsonObject:
    record: JsonObject = article_json(article, link)
    record["text"] = article.text
    record["capture"] = _capture_json(article, link)
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
            "url": link(p.get_absolute_url()),
        }
        for p in passages
    ]
    return record


@require_safe
def article_capture(request: HttpRequest, slug: str) -> HttpResponseBase:
    """The page the article's text was read from, as retrieved: one gzipped WARC record,
    byte for byte as stored (its sha256 is on the article's page)."""
    article = get_object_or_404(SourceArticle.objects.select_related("capture"), slug=slug)
    capture = article.capture
    if capture is None:
        raise Http404("This article was not read from a captured page.")
    # A capture never changes (the database refuses it): its digest is its tag.
    checked = validators(entity_tag("capture", capture.warc_sha256), capture.retrieved_at)
    if (answer := not_modified(request, checked)) is not None:
        return answer
    response = HttpResponse(bytes(capture.warc), content_type="application/warc")
    response["Content-Disposition"] = f'attachment; filename="{capture.warc_filename}"'
    response["Digest"] = f"sha-256={base64.b64encode(bytes.fromhex(capture.warc_sha256)).decode()}"
    mark(response, request, checked)
    return response


def _capture_json(article: SourceArticle, link: Link) -> JsonObject | None:
    capture = article.capture
    if capture is None:
        return None
    return {
        "download": link(reverse("sources:capture", args=[article.slug])),
        "retrieved_at": capture.retrieved_at.isoformat(),
        "final_url": capture.final_url or None,
        "status": capture.status,
        "sha256": capture.sha256,
        "warc_sha256": capture.warc_sha256,
    }


def _article_context(article: SourceArticle, passages: list[Passage]) -> Context:
    supported = selectors.records_citing(p.pk for p in passages)
    numbered = list(enumerate(passages, start=1))
    for number, passage in numbered:
        # The passage's footnote number on this page, which the text's segments show.
        passage.number = number  # type: ignore[attr-defined]  # for the template, not a field
    return {
        "article": article,
        "segments": segments(article, passages),
        "passages": [(number, p, supported.get(p.pk, [])) for number, p in numbered],
    }


@require_safe
@cached_page(params=DETAIL_PARAMS)
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # The capture's summary is shown, never its bytes (up to 5 MB): those are downloaded.
    with_capture = source_selectors.articles().select_related("capture").defer("capture__warc")
    article = get_object_or_404(with_capture, slug=slug)
    passages = list(article.passages.valid().order_by("start", "end"))
    return render_detail(
        request,
        article,
        to_json=lambda article, link: _article_json(article, link, passages),
        template="web/article_detail.html",
        context=lambda article: _article_context(article, passages),
    )
