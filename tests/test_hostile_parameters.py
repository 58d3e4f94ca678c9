"""Hostile query parameters never crash a page: every list answers 200 or a 400 that says why,
and odd detail addresses are a 404, on SQLite and on PostgreSQL alike."""

import csv
import io
import itertools
import json
import traceback
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from releases.models import Country, Person, Status
from tests import builders

LIST_URLS = ["/people/", "/facilities/", "/nationalities/", "/events/", "/sources/", "/numbers/"]
KNOWN_PARAMS = [
    "q",
    "status",
    "nationality",
    "facility",
    "event",
    "source",
    "released_from",
    "released_to",
    "date_from",
    "date_to",
    "ordering",
    "page",
    "format",
    "outlet",
    "origin",
    "metric",
    "claimant",
    "country",
]
UNKNOWN_PARAMS = [
    "name__regex",
    "pk__in",
    "id",
    "status__in",
    "search_name__contains",
    "q[]",
    "__proto__",
    "",
    "\x00",
    "<script>",
]
# Values that match the seeded records, so that hostile values are mixed with real filters.
MATCHING_VALUES = [
    "any",
    "released",
    "detained",
    "es",
    "el-helicoide",
    "thursday",
    "h-article",
    "Wire",
    "wire-story",
    "person",
    "2026-01-01",
    "2026-01-31",
    "name",
    "-name",
    "status",
    "-released",
    "people",
    "-people",
    "code",
    "date",
    "-title",
    "published",
    "-slug",
    "outlet",
    "name,-status",
    "name,",
    ",-title",
    "slug,,outlet",
    ",",
    "1",
    "2",
]
NAMED_HOSTILE_VALUES = [
    "\x00",
    "a\x00b",
    "%00",
    str(10**40),
    str(-(10**40)),
    "-1",
    "0",
    "99999999999999999999",
    "1e400",
    "NaN",
    "pk);--",
    "' OR 1=1",
    "' OR '1'='1' --",
    '"; DROP TABLE releases_person; --',
    "name); DELETE FROM releases_person; --",
    "__class__",
    "-pk",
    "?",
    "%",
    "_",
    "\\",
    "*",
    ".*",
    "../../etc/passwd",
    "x" * 10_000,
    "é" * 5_000,
    "9" * 5_000,
    "Rocío ÁÉÍÓÚ",
    "\u202e\u200b\ufeff",
    "\U0001d518\U0001d52b\U0001d526 \U0001f600",  # mathematical letters, an emoji
    "\uff46\uff55\uff4c\uff4c",  # full-width letters
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "2026-02-30",
    "2026-13-01",
    "-2026-01-01",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "\r\nSet-Cookie: x=1",
    "csv",
    "json",
    "xml",
    "html",
    "",
    " ",
]
HOSTILE_VALUES = st.one_of(
    st.sampled_from(NAMED_HOSTILE_VALUES),
    st.sampled_from(MATCHING_VALUES),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.text(max_size=40),  # any code point but surrogates, NUL and control characters included
    st.dates().map(lambda d: d.isoformat()),
)
# Plausible values for each parameter a list knows, edges included (empty items in an
# ordering list, impossible dates, pages beyond the last): a bug on the success path only
# shows when every other parameter is valid, so each request starts from these.
ORDER_FIELDS = ["name", "status", "released", "people", "code", "date", "title", "published"]
ORDER_FIELDS += ["slug", "outlet"]
ORDERINGS = st.lists(
    st.one_of(
        st.just(""),
        st.tuples(st.sampled_from(["", "-"]), st.sampled_from(ORDER_FIELDS)).map("".join),
        st.sampled_from(["pk", "id", "--name", "+name", " name", "-", " ", "name__regex"]),
    ),
    min_size=1,
    max_size=3,
).map(",".join)
DATES = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.tuples(st.integers(-1, 100_000), st.integers(-1, 13), st.integers(-1, 32)).map(
        lambda ymd: "{}-{}-{}".format(*ymd)
    ),
)
WORDS = st.one_of(
    st.sampled_from(["person", "h", "Wire", "freed", "", " ", "é", "%", "_"]), st.text(max_size=20)
)
PLAUSIBLE = {
    "q": WORDS,
    "status": st.sampled_from(["any", *Status.values, "ANY", "released "]),
    "nationality": st.sampled_from(["", "es", "ve", "ES", "zz", "e", "esp"]),
    "facility": st.sampled_from(["", "el-helicoide", "El Helicoide", "nope"]),
    "event": st.sampled_from(["", "thursday", "nope"]),
    "source": st.sampled_from(["", "h-article", "k-article", "nope"]),
    "released_from": DATES,
    "released_to": DATES,
    "date_from": DATES,
    "date_to": DATES,
    "ordering": ORDERINGS,
    "page": st.integers(min_value=-(10**40), max_value=10**40).map(str),
    "outlet": WORDS,
    "origin": st.sampled_from(["", "wire-story", "h-article", "not a slug"]),
    "metric": st.sampled_from(["", "released", "still_held", "held", "RELEASED", "sum"]),
    "claimant": st.sampled_from(["", "Spain", "spain", "Nobody"]),
    "country": st.sampled_from(["", "es", "ve", "ES", "zz"]),
}
LIST_PARAMS = {
    "/people/": [
        *("q", "status", "nationality", "facility", "event", "source"),
        *("released_from", "released_to", "ordering", "page"),
    ],
    "/facilities/": ["ordering", "page"],
    "/nationalities/": ["ordering", "page"],
    "/events/": ["date_from", "date_to", "ordering", "page"],
    "/sources/": ["q", "outlet", "origin", "ordering", "page"],
    "/numbers/": ["metric", "claimant", "country", "event", "ordering", "page"],
}
NAMES = st.sampled_from(KNOWN_PARAMS + UNKNOWN_PARAMS)
# Anything, anywhere: hostile values for any name, singly or repeated.
HOSTILE_PAIRS = st.one_of(
    st.lists(st.tuples(NAMES, HOSTILE_VALUES), max_size=3),
    st.tuples(NAMES, st.lists(HOSTILE_VALUES, min_size=2, max_size=30)).map(
        lambda drawn: [(drawn[0], value) for value in drawn[1]]
    ),
)


def request_strategy(url: str):
    """Plausible values for some of the list's own parameters, then hostile pairs."""
    plausible = st.fixed_dictionaries(
        {}, optional={name: PLAUSIBLE[name] for name in LIST_PARAMS[url]}
    )
    return st.tuples(plausible.map(lambda d: list(d.items())), HOSTILE_PAIRS).map(
        lambda parts: parts[0] + parts[1]
    )


@pytest.fixture
def records(db):
    """A small record, so that filters and orderings have something to match."""
    builders.world(2, prefix="h")
    builders.world(1, prefix="k")
    Country.objects.create(code="VE", name="Venezuela")
    builders.article(
        "AP: Venezuela freed detainees from Rodeo I.", outlet="Wire", story_origin="wire-story"
    )


def hostile_client() -> Client:
    # A crash must come back as a 500 response for the assertions to see, not as an exception.
    return Client(raise_request_exception=False)


def body_of(response) -> str:
    """The whole body; streaming exports are read to the end, so that an error while
    streaming (after the status line has gone out) is caught too."""
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def crash_summary(exc_info) -> str:
    """The exception, and the deepest line of our own code it passed through."""
    if not exc_info:
        return ""
    ours = [f for f in traceback.extract_tb(exc_info[2]) if "site-packages" not in f.filename]
    where = f" (last in our code: {ours[-1].filename}:{ours[-1].lineno})" if ours else ""
    return f": {exc_info[1]!r}"[:300] + where


def problem_with(response, target: str) -> str | None:
    """None for a 200, or for a 400 that says what is wrong; otherwise what went wrong."""
    label = target if len(target) < 300 else f"{target[:300]}… ({len(target)} characters)"
    if response.status_code not in (200, 400):
        return f"{response.status_code} for {label}{crash_summary(response.exc_info)}"
    try:
        body = body_of(response)
    except Exception as error:  # a streamed export failing after its 200 was sent
        summary = crash_summary((type(error), error, error.__traceback__))
        return f"{response.status_code} for {label}, then streaming the body failed{summary}"
    content_type = response["Content-Type"]
    if response.status_code == 400:
        if content_type.startswith("text/html"):
            explained = 'role="alert"' in body and "not valid" in body
        elif content_type.startswith("application/json"):
            explained = bool(json.loads(body)["errors"])
        else:
            explained = content_type.startswith("text/plain") and ": " in body
        if not explained:
            return f"400 without a message for {label}: {body[:500]}"
    elif content_type.startswith("application/json"):
        json.loads(body)
    elif content_type.startswith("text/csv"):
        list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))
    return None


def assert_all_handled(targets, headers=None) -> None:
    """Request every target; report everything that went wrong, not just the first."""
    client = hostile_client()
    found = [problem_with(client.get(target, headers=headers or {}), target) for target in targets]
    found = [problem for problem in found if problem]
    assert not found, f"{len(found)} request(s) not handled:\n" + "\n".join(found)


def with_query(url: str, pairs) -> str:
    return f"{url}?{urlencode(pairs)}"


def sweep(examples: int):
    """Hypothesis settings for a sweep of requests against one database fixture, shared by
    all examples; no "explain" phase, which would repeat every request many times."""
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
        report_multiple_bugs=False,
    )


@sweep(75)
@given(
    url=st.sampled_from(LIST_URLS),
    data=st.data(),
    output=st.sampled_from([None, "csv", "json"]),
    htmx=st.booleans(),
)
def test_no_combination_of_hostile_parameters_gives_a_server_error(
    records, url, data, output, htmx
):
    pairs = data.draw(request_strategy(url), label="pairs")
    if output:
        pairs = [*pairs, ("format", output)]  # the last value of a parameter wins
    headers = {"HX-Request": "true"} if htmx else {}
    assert_all_handled([with_query(url, pairs)], headers)


def test_nul_bytes_in_any_parameter_are_refused_or_ignored(records):
    targets = []
    for url in LIST_URLS:
        outputs = itertools.cycle(["", "&format=csv", "&format=json"])
        names = [*LIST_PARAMS[url], "format", "name__regex"]
        targets += [
            f"{url}?{name}={value}{next(outputs)}"
            for name, value in zip(names, itertools.cycle(["%00", "a%00b"]))
        ]
        targets += [f"{url}?%00=1", f"{url}?q%00=1&format=json", f"{url}?%00=%00&format=csv"]
    assert_all_handled(targets)
    assert_all_handled(targets[::5], {"HX-Request": "true"})


def test_a_nul_byte_in_a_filter_is_a_400_naming_it_or_an_ignored_parameter(records):
    client = hostile_client()
    for url in LIST_URLS:
        for name in ("q", "status", "nationality", "outlet", "origin", "ordering", "released_from"):
            response = client.get(f"{url}?{name}=a%00b")
            assert response.status_code in (200, 400), (url, name)
            # Named either in the list of errors or in the list of ignored parameters.
            assert f"<code>{name}</code>" in body_of(response), (url, name)


MALFORMED_QUERIES = [
    "q=%ff%fe",
    "q=%ed%a0%80",  # an encoded surrogate
    "q=%",
    "q=%zz",
    "=",
    "&&&",
    "page",
    "ordering=-",
    "ordering=--name",
    "status=&status=",
    "format=CSV",
]


def test_malformed_query_strings_are_handled(records):
    targets = [f"{url}?{query}" for url in LIST_URLS for query in MALFORMED_QUERIES]
    assert_all_handled(targets)


# A field each list can be ordered by.
ORDERABLE = {
    "/people/": "name",
    "/facilities/": "name",
    "/nationalities/": "code",
    "/events/": "title",
    "/sources/": "slug",
    "/numbers/": "claimant",
}


def test_empty_items_in_an_ordering_list_are_handled(records):
    targets = []
    for url, field in ORDERABLE.items():
        orderings = [",", ",,,", " ", f"{field},", f",{field}", f"{field},,-{field}", f"-{field}, "]
        targets += [with_query(url, {"ordering": value}) for value in orderings]
        targets += [with_query(url, {"ordering": ",", "format": fmt}) for fmt in ("csv", "json")]
    assert_all_handled(targets)


def test_absurd_page_numbers_show_a_page(records):
    client = hostile_client()
    pages = ("99999999999999999999", str(10**40), "-1", "0", "1.5", "1e3", "9" * 5000)
    for url, page in itertools.product(LIST_URLS, pages):
        cache.clear()  # each value rendered by the view, not answered by the page cache
        response = client.get(url, {"page": page})
        assert response.status_code == 200, (url, page[:40])
        assert response.context["page"].number >= 1


def test_sql_in_ordering_is_a_400_about_ordering(records):
    client = hostile_client()
    for url, output in itertools.product(LIST_URLS, (None, "csv", "json")):
        response = client.get(url, {"ordering": "pk);--", **({"format": output} if output else {})})
        assert response.status_code == 400, (url, output)
        assert "ordering" in body_of(response), (url, output)


def test_sql_in_free_text_filters_matches_nothing_and_drops_nothing(records):
    client = hostile_client()
    values = ("' OR 1=1", "1' OR '1'='1", "x'); DROP TABLE releases_person;--", "%", "_")
    for url, value in itertools.product(LIST_URLS, values):
        cache.clear()  # each value rendered by the view, not answered by the page cache
        response = client.get(url, {"q": value, "outlet": value, "status": "any"})
        assert response.status_code == 200, (url, value)
        if "q" in response.context["filterset"].filters:
            assert len(response.context["page"]) == 0, (url, value)
    assert Person.objects.count() == 3


def test_lookup_parameters_are_ignored_not_applied(records):
    client = hostile_client()
    for url in LIST_URLS:
        everything = len(client.get(url, {"status": "any"}).context["page"])
        for name, value in (("name__regex", ".*"), ("pk__in", "1,2"), ("id", "1"), ("pk", "1")):
            cache.clear()  # rendered by the view, not answered by the page cache
            response = client.get(url, {"status": "any", name: value})
            assert response.status_code == 200, (url, name)
            assert f"<code>{name}</code>" in body_of(response), (url, name)
            assert len(response.context["page"]) == everything, (url, name)


def test_very_long_values_are_handled(records):
    long = "x" * 10_000
    targets = []
    for url in LIST_URLS:
        targets.append(with_query(url, dict.fromkeys([*KNOWN_PARAMS, "name__regex"], long)))
        names = [*LIST_PARAMS[url], "name__regex", long]
        targets += [with_query(url, {name: long}) for name in names]
        targets += [with_query(url, {name: "9" * 10_000}) for name in ("page", "ordering")]
    assert_all_handled(targets)


def test_many_repeated_parameters_are_handled(records):
    values = ("any", "-name", "\x00", "1", "2026-01-01", "csv") * 50
    names = ("status", "ordering", "q", "page", "format", "released_from", "name__regex")
    targets = [
        with_query(url, [(name, value) for value in values])
        for url, name in itertools.product(LIST_URLS, names)
    ]
    assert_all_handled(targets)


def test_more_parameters_than_django_accepts_is_a_400(records):
    # DATA_UPLOAD_MAX_NUMBER_FIELDS (1000): Django refuses the request before our view runs.
    response = hostile_client().get("/people/?" + "&".join(["status=any"] * 1500))
    assert response.status_code == 400


def test_an_unknown_format_is_a_400_that_lists_the_formats(records):
    for url, headers in itertools.product(LIST_URLS, ({}, {"HX-Request": "true"})):
        response = hostile_client().get(url, {"format": "xml"}, headers=headers)
        assert response.status_code == 400, (url, headers)
        body = body_of(response)
        assert "Unknown format" in body and "csv" in body and "json" in body
        assert "HX-Request" in response["Vary"]


DETAIL_URLS = [
    "/people/h-person-0/",
    "/facilities/el-helicoide/",
    "/nationalities/es/",
    "/events/thursday/",
    "/sources/h-article/",
]


def test_an_unknown_format_on_a_detail_page_is_a_400(records):
    client = hostile_client()
    for url in DETAIL_URLS:
        assert client.get(url).status_code == 200, url
        assert client.get(f"{url}?format=json").status_code == 200, url
        for value in ("xml", "csv", "%00", "x" * 10_000):
            response = client.get(f"{url}?format={value}")
            assert response.status_code == 400, (url, value[:20])
            assert "Unknown format" in response.json()["errors"]["format"][0]


ODD_DETAIL_URLS = [
    "/people/%00/",
    "/people/nope/",
    "/people/%27%20OR%201=1/",
    "/people/" + "x" * 10_000 + "/",
    "/facilities/%00/",
    "/facilities/nope/",
    "/events/%00/",
    "/events/nope/",
    "/nationalities/%00/",
    "/nationalities/ESP/",
    "/nationalities/e1/",
    "/nationalities/zz/",
    "/nationalities/%C3%A9s/",
    "/nationalities/%00%00/",
    "/nationalities/es%00/",
    "/nationalities/" + "a" * 10_000 + "/",
    "/sources/nope/",
    "/sources/%00/",
    "/sources/..%2F..%2Fetc%2Fpasswd/",
]


def test_odd_detail_addresses_are_404_not_500(records):
    client = hostile_client()
    wrong = {}
    for url in ODD_DETAIL_URLS:
        for target in (url, f"{url}?format=json"):
            status = client.get(target).status_code
            if status != 404:
                wrong[target[:120]] = status
        # The format is checked before the record is looked up.
        status = client.get(f"{url}?format=%00").status_code
        if status not in (400, 404):
            wrong[f"{url[:100]}?format=%00"] = status
    assert wrong == {}
