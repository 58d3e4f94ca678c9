"""Markup in the record (names, titles, notes, the article text itself) or in a URL reaches
every page and fragment as text, never as markup; pages carry their security headers;
exports keep the data exact, and CSV cells cannot run as spreadsheet formulas."""

import csv
import datetime
import io
import json
import re

import pytest
from django.utils.html import escape

from releases.derived import refresh_people
from releases.models import (
    Alias,
    Citizenship,
    CountClaim,
    Country,
    Detention,
    Facility,
    FacilityReport,
    Person,
    Release,
    ReleaseEvent,
    Role,
)
from tests import builders

PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
)
# What must never reach an HTML body unescaped.
RAW = ("<script>alert(1)</script>", "<img src=x onerror", "<svg onload")
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
ALL_PAYLOADS = " ".join(PAYLOADS)

# One labelled value per field, so a test can tell which field reached which page.
FIELDS = [
    "person",
    "alias",
    "facility",
    "city",
    "facility_description",
    "event",
    "date_text",
    "date_note",
    "event_description",
    "subject",
    "claimed_by",
    "value_text",
    "count_note",
    "fact_note",
    "attributed_to",
    "title",
    "outlet",
    "published_text",
    "published_note",
    "wire_agency",
    "country",
    "role",
    "reason",
    "report",
]
V = {field: f"{field} {ALL_PAYLOADS}" for field in FIELDS}
QUOTE = f"the guards wrote {ALL_PAYLOADS} on the wall"
ARTICLE_TEXT = (
    "Caracas, 9 January 2026.\n"
    f"Witnesses said {QUOTE}.\n"
    "Prisoners were freed from the jail on Thursday.\n"
)
ARTICLE_URL = 'https://example.org/story?ref="><svg onload=alert(1)>'
FORMULA = '=HYPERLINK("http://x")'

LIST_URLS = ["/people/", "/facilities/", "/nationalities/", "/events/", "/sources/", "/numbers/"]
# Each page, and the fields it shows: each must appear there, escaped.
PAGES = {
    "/": [
        *("person", "event", "subject", "claimed_by", "value_text", "count_note", "country"),
        "outlet",
    ],
    "/people/": [
        *("person", "alias", "country", "facility", "event", "fact_note", "attributed_to"),
        *("outlet", "title"),
    ],
    "/people/?status=any": ["person", "alias"],
    "/facilities/": ["facility", "city", "facility_description", "outlet"],
    "/nationalities/": ["country", "subject", "claimed_by", "value_text", "count_note", "event"],
    "/events/": [
        *("event", "date_text", "date_note", "person", "role", "subject", "claimed_by"),
        *("value_text", "country"),
    ],
    "/sources/": ["title", "outlet", "published_text", "wire_agency"],
    "/numbers/": [
        *("subject", "claimed_by", "value_text", "count_note", "country", "event", "outlet"),
    ],
    "/people/xss-person/": [
        *("person", "alias", "fact_note", "attributed_to", "facility", "event", "reason"),
        *("country", "role", "subject", "claimed_by", "value_text"),
    ],
    "/facilities/xss-facility/": [
        *("facility", "city", "facility_description", "person", "report", "event"),
        *("fact_note", "attributed_to"),
    ],
    "/nationalities/xx/": ["country", "person", "subject", "claimed_by", "value_text"],
    "/events/xss-event/": [
        *("event", "date_text", "date_note", "event_description", "person", "role"),
        *("subject", "claimed_by", "value_text", "report", "facility"),
    ],
    "/sources/xss-article/": [
        *("title", "outlet", "published_text", "published_note", "wire_agency"),
        *("person", "facility", "event"),
    ],
}
# Pages whose citations (and so the payload-bearing quote) are shown.
PAGES_WITH_QUOTES = [url for url in PAGES if url != "/sources/"]


@pytest.fixture
def records(db):
    """Every text field the pages show carries markup, and the cited quote does too."""
    source = builders.article(
        ARTICLE_TEXT,
        slug="xss-article",
        title=V["title"],
        outlet=V["outlet"],
        url=ARTICLE_URL,
        published_on=datetime.date(2026, 1, 9),
        published_precision="day",
        published_text=V["published_text"],
        published_note=V["published_note"],
        wire_agency=V["wire_agency"],
        story_origin="xss-story",
    )
    quote = builders.passage(source, QUOTE)
    freed = builders.passage(source, "Prisoners were freed from the jail")
    country = Country.objects.create(code="XX", name=V["country"])
    facility = Facility.objects.create(
        slug="xss-facility",
        name=V["facility"],
        city=V["city"],
        description=V["facility_description"],
    )
    builders.cite(facility, quote)
    event = ReleaseEvent.objects.create(
        slug="xss-event",
        title=V["event"],
        date=datetime.date(2026, 1, 8),
        date_precision="day",
        date_text=V["date_text"],
        date_note=V["date_note"],
        description=V["event_description"],
    )
    builders.cite(event, quote, freed)
    person = builders.person(V["person"], slug="xss-person")
    meta = {"note": V["fact_note"], "attributed_to": V["attributed_to"]}
    for fact in (
        Alias(person=person, name=V["alias"], **meta),
        Citizenship(person=person, country=country, **meta),
        Detention(person=person, facility=facility, reason=V["reason"], **meta),
        Release(
            person=person,
            event=event,
            facility=facility,
            date=datetime.date(2026, 1, 8),
            date_precision="day",
            **meta,
        ),
        Role(person=person, kind=Role.RoleKind.ANNOUNCER, title=V["role"], event=event, **meta),
        CountClaim(
            event=event,
            country=country,
            subject=V["subject"],
            metric=CountClaim.Metric.RELEASED,
            qualifier=CountClaim.Qualifier.APPROXIMATE,
            value=50,
            value_text=V["value_text"],
            claimed_by=V["claimed_by"],
            claimant=person,
            note=V["count_note"],
        ),
        FacilityReport(facility=facility, event=event, text=V["report"], **meta),
    ):
        fact.save()
        builders.cite(fact, quote)
    formula_records(freed)
    refresh_people(Person.objects.values_list("pk", flat=True))


def formula_records(passage) -> None:
    """Records whose exported cells would start a spreadsheet formula."""
    country = Country.objects.create(code="FY", name="=1+1")
    facility = Facility.objects.create(slug="formula-facility", name="-2+3")
    builders.cite(facility, passage)
    event = ReleaseEvent.objects.create(slug="formula-event", title="@SUM(A1)")
    builders.cite(event, passage)
    person = builders.person(FORMULA, slug="formula")
    for fact in (
        Alias(person=person, name="+SUM(1,2)"),
        Citizenship(person=person, country=country),
        Detention(person=person, facility=facility),
        Release(person=person, event=event),
    ):
        fact.save()
        builders.cite(fact, passage)
    builders.article(
        "Another copy.", slug="formula-article", title="=cmd|' /C calc'!A0", outlet="+outlet"
    )


def text_of(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def assert_no_raw_markup(body: str, where: str) -> None:
    for raw in RAW:
        assert raw not in body, f"unescaped {raw!r} in {where}"
    # No element carries an inline event handler (looking at attribute names, outside the
    # quoted values), nor a javascript: link.
    for tag in re.findall(r"<[a-zA-Z][^<>]*>", body):
        names = re.sub(r'"[^"]*"|\'[^\']*\'', '""', tag)
        assert not re.search(r"\son[a-z]+\s*=", names), (where, tag)
    assert "javascript:" not in body.lower(), where


# --- Stored markup ------------------------------------------------------------------------


@pytest.mark.parametrize("url", list(PAGES))
def test_stored_markup_is_shown_as_text_on_every_page(client, records, url):
    response = client.get(url)
    assert response.status_code == 200
    body = text_of(response)
    assert_no_raw_markup(body, url)
    assert ESCAPED_SCRIPT in body
    missing = [field for field in PAGES[url] if escape(V[field]) not in body]
    assert missing == [], f"{url} does not show these fields (escaped): {missing}"
    if url in PAGES_WITH_QUOTES:
        assert escape(QUOTE) in body, f"{url} does not show the cited quote, escaped"


@pytest.mark.parametrize("url", [*LIST_URLS, "/people/?status=any"])
def test_stored_markup_is_shown_as_text_in_htmx_fragments(client, records, url):
    response = client.get(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    body = text_of(response)
    assert "<html" not in body
    assert_no_raw_markup(body, f"{url} (fragment)")
    assert ESCAPED_SCRIPT in body
    missing = [field for field in PAGES[url] if escape(V[field]) not in body]
    assert missing == [], f"the {url} fragment does not show these fields (escaped): {missing}"


def test_the_article_text_and_its_link_are_shown_as_text(client, records):
    body = text_of(client.get("/sources/xss-article/"))
    assert_no_raw_markup(body, "/sources/xss-article/")
    # The quote inside the highlighted text, and again in the list of cited passages.
    assert re.search(rf'<mark data-passages="p-\d+">{re.escape(escape(QUOTE))}</mark>', body)
    assert f"<q>{escape(QUOTE)}</q>" in body
    assert escape("Caracas, 9 January 2026.") in body
    assert f'href="{escape(ARTICLE_URL)}"' in body


# --- Markup in the URL --------------------------------------------------------------------


REFLECTED = [
    {"q": ALL_PAYLOADS},
    {"q": ALL_PAYLOADS, "status": "any"},
    {"ordering": PAYLOADS[0]},
    {"nationality": ALL_PAYLOADS},
    {"released_from": ALL_PAYLOADS},
    {"outlet": ALL_PAYLOADS},
    {"origin": ALL_PAYLOADS},
    {"claimant": ALL_PAYLOADS},
    {"metric": ALL_PAYLOADS},
    {ALL_PAYLOADS: "1"},
    {"page": ALL_PAYLOADS},
    {"format": ALL_PAYLOADS},
]


@pytest.mark.parametrize("url", LIST_URLS)
def test_markup_in_query_parameters_is_never_reflected_raw(client, records, url):
    for params in REFLECTED:
        for headers in ({}, {"HX-Request": "true"}):
            response = client.get(url, params, headers=headers)
            where = f"{url} {params} {headers}"
            assert response.status_code in (200, 400), where
            body = text_of(response)
            assert_no_raw_markup(body, where)
            if ALL_PAYLOADS in params or "q" in params:
                # Echoed back (the ignored parameter's name, the search box), escaped.
                assert ESCAPED_SCRIPT in body, where


@pytest.mark.parametrize("output", ["json", "csv"])
def test_rejected_parameters_in_exports_are_echoed_as_data_not_html(client, records, output):
    response = client.get("/people/", {"nationality": ALL_PAYLOADS, "format": output})
    assert response.status_code == 400
    assert response["Content-Type"].split(";")[0] in ("application/json", "text/plain")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_404_does_not_reflect_the_path(client, records):
    for path in ("/people/<script>alert(1)</script>/", "/<svg onload=alert(1)>/"):
        response = client.get(path)
        assert response.status_code == 404
        assert_no_raw_markup(text_of(response), path)


# --- Headers ------------------------------------------------------------------------------


def _directives(policy: str) -> dict[str, list[str]]:
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {words[0]: words[1:] for words in parts}


def assert_security_headers(response, where: str) -> None:
    assert response["X-Frame-Options"] == "DENY", where
    assert response["X-Content-Type-Options"] == "nosniff", where
    assert response.get("Referrer-Policy"), where
    policy = response.get("Content-Security-Policy")
    assert policy, where
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy, (where, policy)
    script_src = _directives(policy).get("script-src")
    assert script_src, (where, policy)
    assert "*" not in script_src and "data:" not in script_src, (where, policy)


@pytest.mark.parametrize("url", list(PAGES))
def test_pages_carry_security_headers_and_load_only_our_own_scripts(client, records, url):
    # Pages are cached whole, so they carry no per-request nonce: every script is a file of
    # ours (allowed by 'self'), and the policy allows no inline script at all.
    response = client.get(url)
    assert_security_headers(response, url)
    script_src = _directives(response["Content-Security-Policy"])["script-src"]
    assert "'unsafe-inline'" not in script_src and "'self'" in script_src, script_src
    scripts = re.findall(r"<script\b[^>]*>", text_of(response))
    assert scripts, f"{url} loads no script (htmx expected)"
    for tag in scripts:
        assert re.search(r'\ssrc="/static/[^"]+"', tag), (url, tag)
        assert "nonce" not in tag, (url, tag)


@pytest.mark.parametrize("url", [*LIST_URLS, "/people/?nationality=zz"])
def test_fragments_carry_security_headers_and_no_scripts(client, records, url):
    # A fragment is swapped into a page that already has its own policy and nonce; it only
    # needs a strict policy of its own (no nonce is spent on it) and no script tags.
    response = client.get(url, headers={"HX-Request": "true"})
    assert_security_headers(response, f"{url} (fragment)")
    assert "<script" not in text_of(response)


@pytest.mark.parametrize(
    "url",
    [
        "/people/?format=json",
        "/people/?format=csv",
        "/sources/xss-article/?format=json",
        "/people/?format=xml",
        "/people/nope/",
    ],
)
def test_exports_and_errors_carry_security_headers(client, records, url):
    assert_security_headers(client.get(url), url)


def _without_nonces(body: str) -> str:
    return re.sub(r'nonce="[^"]*"', 'nonce=""', body)


@pytest.mark.parametrize(
    "url", [*PAGES, "/people/?nationality=zz", "/events/?format=xml", "/sources/?q=wall"]
)
def test_responses_that_differ_for_htmx_say_so_in_vary(client, records, url):
    full = client.get(url)
    fragment = client.get(url, headers={"HX-Request": "true"})
    if _without_nonces(text_of(full)) == _without_nonces(text_of(fragment)):
        return  # the same answer either way: nothing for a cache to tell apart
    for response in (full, fragment):
        vary = [v.strip().lower() for v in response.get("Vary", "").split(",")]
        assert "hx-request" in vary, (url, response.get("Vary"))


def test_every_list_answers_htmx_with_a_fragment(client, records):
    # So the Vary test above covers every list.
    for url in LIST_URLS:
        assert "<html" not in text_of(client.get(url, headers={"HX-Request": "true"}))


# --- Exports ------------------------------------------------------------------------------


def _json(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["X-Content-Type-Options"] == "nosniff"
    return json.loads(text_of(response))


def _by_key(results: list[dict], key: str, value: str) -> dict:
    return next(record for record in results if record[key] == value)


def test_json_exports_carry_the_markup_as_exact_data(client, records):
    people = _json(client, "/people/?format=json&status=any")["results"]
    person = _by_key(people, "slug", "xss-person")
    assert person["name"] == V["person"]
    assert person["aliases"][0]["name"] == V["alias"]
    assert person["aliases"][0]["attributed_to"] == V["attributed_to"]
    assert person["aliases"][0]["citations"][0]["quote"] == QUOTE
    assert person["aliases"][0]["citations"][0]["outlet"] == V["outlet"]
    assert person["aliases"][0]["citations"][0]["article_url"] == ARTICLE_URL
    assert person["facilities"][0]["name"] == V["facility"]
    assert person["detentions"][0]["reason"] == V["reason"]
    assert person["roles"][0]["title"] == V["role"]
    assert _by_key(people, "slug", "formula")["name"] == FORMULA

    facility = _by_key(_json(client, "/facilities/?format=json")["results"], "slug", "xss-facility")
    assert (facility["name"], facility["city"], facility["description"]) == (
        V["facility"],
        V["city"],
        V["facility_description"],
    )

    event = _by_key(_json(client, "/events/?format=json")["results"], "slug", "xss-event")
    assert (event["title"], event["date_text"], event["date_note"]) == (
        V["event"],
        V["date_text"],
        V["date_note"],
    )
    count = event["counts"][0]
    assert (count["subject"], count["claimed_by"], count["value_text"], count["note"]) == (
        V["subject"],
        V["claimed_by"],
        V["value_text"],
        V["count_note"],
    )
    assert event["announced_by"][0]["name"] == V["person"]

    country = _by_key(_json(client, "/nationalities/?format=json")["results"], "code", "XX")
    assert country["name"] == V["country"]

    article = _by_key(_json(client, "/sources/?format=json")["results"], "slug", "xss-article")
    assert (article["title"], article["outlet"], article["article_url"]) == (
        V["title"],
        V["outlet"],
        ARTICLE_URL,
    )
    assert (article["published_text"], article["wire_agency"]) == (
        V["published_text"],
        V["wire_agency"],
    )


def test_json_details_carry_the_markup_as_exact_data(client, records):
    article = _json(client, "/sources/xss-article/?format=json")
    assert article["text"] == ARTICLE_TEXT
    assert QUOTE in [p["quote"] for p in article["passages"]]
    assert _json(client, "/people/xss-person/?format=json")["name"] == V["person"]
    assert _json(client, "/facilities/xss-facility/?format=json")["city"] == V["city"]
    assert _json(client, "/events/xss-event/?format=json")["date_text"] == V["date_text"]
    assert _json(client, "/nationalities/xx/?format=json")["name"] == V["country"]


def _csv(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment")
    text = text_of(response).removeprefix("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(
    ("url", "key", "value", "column", "original"),
    [
        ("/people/?status=any", "slug", "formula", "name", FORMULA),
        ("/people/?status=any", "slug", "formula", "aliases", "+SUM(1,2)"),
        ("/facilities/", "slug", "formula-facility", "name", "-2+3"),
        ("/events/", "slug", "formula-event", "title", "@SUM(A1)"),
        ("/nationalities/", "code", "FY", "name", "=1+1"),
        ("/sources/", "slug", "formula-article", "title", "=cmd|' /C calc'!A0"),
        ("/sources/", "slug", "formula-article", "outlet", "+outlet"),
    ],
)
def test_csv_cells_that_would_run_as_formulas_are_neutralised(
    client, records, url, key, value, column, original
):
    rows = _csv(client, f"{url}{'&' if '?' in url else '?'}format=csv")
    assert _by_key(rows, key, value)[column] == "'" + original


@pytest.mark.parametrize("url", [*LIST_URLS, "/people/?status=any"])
def test_no_csv_cell_starts_a_formula(client, records, url):
    rows = _csv(client, f"{url}{'&' if '?' in url else '?'}format=csv")
    assert rows
    formulas = [
        (column, cell)
        for row in rows
        for column, cell in row.items()
        if cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    ]
    assert formulas == []


def test_csv_keeps_markup_as_plain_data(client, records):
    rows = _csv(client, "/people/?status=any&format=csv")
    person = _by_key(rows, "slug", "xss-person")
    assert person["name"] == V["person"]
    assert person["aliases"] == V["alias"]
    assert QUOTE in person["aliases_quotes"]
