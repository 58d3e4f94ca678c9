from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from releases import models as m
from releases import selectors, serializers
from releases.facets import person_facets
from releases.filters import (
    DEFAULT_PERSON_STATUS,
    CountryFilter,
    EventFilter,
    FacilityFilter,
    PersonFilter,
)
from releases.status import status_history
from releases.timeline import build_timeline
from sources.listing import bad_format_response, detail_format, json_record, render_list

FREED = (m.Status.RELEASED, m.Status.RELEASED_WITH_CONDITIONS)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    counts = list(selectors.headline_counts())
    # Releases and deaths in custody are what the timeline draws about people.
    drawn = list(
        selectors.people().filter(status__in=[*FREED, m.Status.DIED_IN_CUSTODY]).order_by("name")
    )
    freed = [person for person in drawn if person.status in FREED]
    events = list(selectors.events())
    dated_events = [event for event in events if event.date]
    context = {
        "confirmed_counts": [c for c in counts if c.verification == c.Verification.CONFIRMED],
        "claimed_counts": [c for c in counts if c.verification != c.Verification.CONFIRMED],
        "freed": freed,
        "latest_events": sorted(dated_events, key=lambda e: e.date, reverse=True)[:5],
        "timeline": build_timeline(events, drawn),
    }
    return render(request, "releases/home.html", context)


@require_GET
def person_list(request: HttpRequest) -> HttpResponse:
    return render_list(
        request,
        filterset_class=PersonFilter,
        queryset=selectors.people(),
        export=serializers.PERSON_EXPORT,
        template="releases/person_list.html",
        defaults={"status": DEFAULT_PERSON_STATUS},
        extra_context=lambda filterset: {"facets": person_facets(filterset.data)},
    )


@require_GET
def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    output = detail_format(request)
    if output is None:
        return bad_format_response()
    person = get_object_or_404(selectors.person_with_everything(), slug=slug)
    if output == "json":
        return json_record(serializers.person_detail_json(person, request))
    context = {"person": person, "history": status_history(person)}
    return render(request, "releases/person_detail.html", context)


@require_GET
def facility_list(request: HttpRequest) -> HttpResponse:
    return render_list(
        request,
        filterset_class=FacilityFilter,
        queryset=selectors.facilities(),
        export=serializers.FACILITY_EXPORT,
        template="releases/facility_list.html",
    )


@require_GET
def facility_detail(request: HttpRequest, slug: str) -> HttpResponse:
    output = detail_format(request)
    if output is None:
        return bad_format_response()
    facility = get_object_or_404(selectors.facilities(), slug=slug)
    if output == "json":
        return json_record(serializers.facility_json(facility, request))
    context = {"facility": facility, "detail": selectors.facility_detail().get(pk=facility.pk)}
    return render(request, "releases/facility_detail.html", context)


@require_GET
def nationality_list(request: HttpRequest) -> HttpResponse:
    return render_list(
        request,
        filterset_class=CountryFilter,
        queryset=selectors.countries(),
        export=serializers.COUNTRY_EXPORT,
        template="releases/nationality_list.html",
    )


@require_GET
def nationality_detail(request: HttpRequest, code: str) -> HttpResponse:
    output = detail_format(request)
    if output is None:
        return bad_format_response()
    if len(code) != 2 or not (code.isascii() and code.isalpha() and code.islower()):
        raise Http404("Nationalities are addressed by lower-case ISO 3166 alpha-2 codes.")
    country = get_object_or_404(selectors.countries(), code=code.upper())
    detail = selectors.country_detail().get(pk=country.pk)
    if output == "json":
        return json_record(serializers.country_detail_json(country, detail, request))
    return render(
        request, "releases/nationality_detail.html", {"country": country, "detail": detail}
    )


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    return render_list(
        request,
        filterset_class=EventFilter,
        queryset=selectors.events(),
        export=serializers.EVENT_EXPORT,
        template="releases/event_list.html",
    )


@require_GET
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    output = detail_format(request)
    if output is None:
        return bad_format_response()
    event = get_object_or_404(selectors.event_detail(), slug=slug)
    if output == "json":
        return json_record(serializers.event_json(event, request))
    return render(request, "releases/event_detail.html", {"event": event})
