"""The people list in a browser: live filtering with htmx, history, JavaScript off, keyboard."""

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.e2e.browser import TIMEOUT_MS, htmx_swap, launch

pytestmark = pytest.mark.e2e

ROCIO = "Rocío San Miguel"


def row_names(page: Page) -> list[str]:
    return page.locator("#results table.results tbody th[scope=row] > a").all_inner_texts()


def test_typing_a_name_filters_in_place_and_back_restores_the_previous_results(
    seeded_server, page, subtests
):
    page.goto(f"{seeded_server}/people/")
    expect(page.locator("#results")).to_contain_text(ROCIO)
    freed = row_names(page)
    assert len(freed) > 1
    # A full page load would start a new window object and lose this.
    page.evaluate("window.e2eMarker = 'same page'")

    with htmx_swap(page, "/people/") as answer:
        page.get_by_role("searchbox", name="Name").press_sequentially("rocio", delay=20)
    assert answer.value.ok
    assert answer.value.text().lstrip().startswith('<div id="results"'), "a fragment, not a page"

    expect(page).to_have_url(re.compile(r"[?&]q=rocio(&|$)"))
    expect(page.locator("#results")).to_contain_text(ROCIO)
    assert row_names(page) == [ROCIO]
    assert page.evaluate("window.e2eMarker") == "same page"
    filtered_url = page.url

    # Rocío San Miguel is Spanish-Venezuelan, not American: nobody matches.
    with htmx_swap(page, "/people/"):
        page.get_by_role("combobox", name="Nationality").select_option("us")
    expect(page).to_have_url(re.compile(r"[?&]nationality=us(&|$)"))
    assert "q=rocio" in page.url
    expect(page.locator("#results")).not_to_contain_text(ROCIO)
    assert row_names(page) == []
    with subtests.test("an empty result says so"):
        assert "No one matches these filters." in page.locator("#results").inner_text()

    page.go_back()
    expect(page).to_have_url(filtered_url)
    expect(page.locator("#results tbody th[scope=row] > a")).to_have_text([ROCIO])
    expect(page.get_by_role("searchbox", name="Name")).to_have_value("rocio")
    expect(page.get_by_role("combobox", name="Nationality")).to_have_value("")
    assert page.evaluate("window.e2eMarker") == "same page"

    # Off to the person's page and back: the whole filtered page, never the cached fragment.
    page.get_by_role("link", name=ROCIO).click()
    page.wait_for_url("**/people/rocio-san-miguel/")
    page.go_back()
    expect(page).to_have_url(filtered_url)
    expect(page.locator("header.site nav")).to_be_visible()
    expect(page.locator("#results tbody th[scope=row] > a")).to_have_text([ROCIO])


def test_the_filtered_address_works_with_javascript_off(seeded_server, browser: Browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        response = page.goto(f"{seeded_server}/people/?q=rocio&nationality=es")
        assert response is not None
        assert response.status == 200

        # The whole page, not the htmx fragment.
        expect(page).to_have_title(re.compile(r"^People · "))
        expect(page.locator("header.site nav")).to_be_visible()
        expect(page.get_by_role("searchbox", name="Name")).to_have_value("rocio")
        expect(page.get_by_role("combobox", name="Nationality")).to_have_value("es")
        expect(page.get_by_role("combobox", name="Status")).to_have_value("released")
        assert row_names(page) == [ROCIO]
        expect(page.locator("#results .count")).to_have_text("1 result.")

        # The Apply button submits the form as an ordinary GET.
        page.get_by_role("combobox", name="Status").select_option("any")
        with page.expect_navigation():
            page.get_by_role("button", name="Apply").click()
        assert re.search(r"[?&]status=any(&|$)", page.url)
        assert re.search(r"[?&]q=rocio(&|$)", page.url)
        expect(page.get_by_role("combobox", name="Status")).to_have_value("any")
        assert row_names(page) == [ROCIO]
    finally:
        context.close()


def test_the_filters_work_from_the_keyboard(seeded_server, page):
    page.goto(f"{seeded_server}/people/")
    freed = row_names(page)

    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_status":
            break
    else:
        pytest.fail("Tab never reached the Status select")
    expect(page.get_by_role("combobox", name="Status")).to_be_focused()
    expect(page.get_by_role("combobox", name="Status")).to_have_value("released")

    # Option order: any status, detained, released, ...
    with htmx_swap(page, "/people/"):
        page.keyboard.press("ArrowUp")
    expect(page).to_have_url(re.compile(r"[?&]status=detained(&|$)"))
    expect(page.get_by_role("combobox", name="Status")).to_have_value("detained")
    statuses = page.locator("#results tbody .status").all_inner_texts()
    assert statuses
    assert set(statuses) == {"detained"}
    assert row_names(page) != freed
    # The swap replaced the form; focus must come back to the same control, or a keyboard
    # user is thrown back to the top of the page.
    expect(page.get_by_role("combobox", name="Status")).to_be_focused()

    # Enter in the name box submits the filters too.
    page.get_by_role("searchbox", name="Name").focus()
    page.keyboard.type("zzz-nobody")
    with htmx_swap(page, "/people/"):
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]q=zzz-nobody(&|$)"))
    assert row_names(page) == []


def test_keys_typed_while_results_load_are_kept(seeded_server, page):
    page.goto(f"{seeded_server}/people/?status=any")
    held: list[Route] = []

    def hold_the_first_request(route: Route) -> None:
        if held:
            route.continue_()
        else:
            held.append(route)

    page.route(re.compile(r"/people/\?"), hold_the_first_request)
    name = page.get_by_role("searchbox", name="Name")
    name.press_sequentially("ma", delay=20)
    for _ in range(40):  # the search for "ma" leaves after the 400 ms pause
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "typing sent no request"
    # A slow connection: the answer for "ma" arrives while the reader types on.
    name.press_sequentially("ria", delay=20)
    _release(held[0])

    # A correct page searches again for "maria" 400 ms after the last key.
    expect(page).to_have_url(re.compile(r"[?&]q=maria(&|$)"), timeout=8_000)
    expect(name).to_have_value("maria")
    names = row_names(page)
    assert "María Corina Machado" in names
    assert "Enrique Márquez" not in names  # found by "ma", not by "maria"


def _release(route: Route) -> None:
    """Let a held request go on; the page may have dropped it since (a newer search)."""
    try:
        route.continue_()
    except Exception as error:  # Playwright's error for a request the page aborted
        if "aborted" not in str(error).lower() and "closed" not in str(error).lower():
            raise


# Every answer the page swaps in, with what the search box read at that moment.
RECORD_SWAPS = """
window.swaps = [];
document.addEventListener("htmx:afterSwap", (event) => {
  const url = new URL(event.detail.xhr.responseURL);
  window.swaps.push({
    asked: (url.searchParams.get("q") || ""),
    box: document.querySelector("#filters input[name=q]").value,
  });
});
"""


def test_on_a_slow_connection_the_rows_always_match_what_the_box_reads(seeded_server, page):
    page.add_init_script(RECORD_SWAPS)
    page.goto(f"{seeded_server}/people/?status=any")
    held: list[Route] = []
    # Every answer waits until the test lets it go.
    page.route(re.compile(r"/people/\?"), lambda route: held.append(route))
    name = page.get_by_role("searchbox", name="Name")

    def wait_for_requests(count: int) -> None:
        for _ in range(40):
            if len(held) >= count:
                return
            page.wait_for_timeout(50)
        pytest.fail(f"typing sent {len(held)} requests, not {count}")

    # Typed in pieces, each sent (after the box's pause) while the last is still loading.
    for count, piece in enumerate(("ro", "c", "i"), start=1):
        name.press_sequentially(piece, delay=20)
        wait_for_requests(count)
    name.press_sequentially("o", delay=20)
    # The slow answers arrive newest first, then the old ones, while the last search waits.
    for route in reversed(held[:3]):
        _release(route)
    page.wait_for_timeout(300)
    wait_for_requests(4)
    for route in held[3:]:
        _release(route)

    expect(page).to_have_url(re.compile(r"[?&]q=rocio(&|$)"), timeout=8_000)
    expect(page.locator("#results tbody th[scope=row] > a")).to_have_text([ROCIO])
    expect(name).to_have_value("rocio")
    swaps = page.evaluate("window.swaps")
    assert swaps, "no answer was shown"
    # No answer for an old query was ever shown, not even for a moment.
    assert all(swap["asked"] == swap["box"] for swap in swaps), swaps
    assert swaps[-1] == {"asked": "rocio", "box": "rocio"}


@pytest.fixture
def first_visit_page(playwright) -> Iterator[Page]:
    """A page in a browser of its own: Chromium asks for /favicon.ico once per browser, and
    that first visit must be seen whatever order the tests run in."""
    browser = launch(playwright)
    page = browser.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    yield page
    browser.close()


def test_filtering_logs_no_console_error_or_csp_violation(seeded_server, first_visit_page):
    page = first_visit_page
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(f"console.{message.type}: {message.text} ({message.location['url']})")
            if message.type in ("error", "warning", "assert")
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))
    # Runs before the page's own scripts, whatever the CSP says.
    page.add_init_script(
        "window.cspViolations = [];"
        "document.addEventListener('securitypolicyviolation', e => window.cspViolations.push("
        "`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}`));"
    )

    page.goto(f"{seeded_server}/people/")
    with htmx_swap(page, "/people/"):
        page.get_by_role("searchbox", name="Name").press_sequentially("san", delay=20)
    with htmx_swap(page, "/people/"):
        page.get_by_role("combobox", name="Status").select_option("any")
    with htmx_swap(page, "/people/"):
        page.get_by_label("Released from").fill("2026-01-01")
    with htmx_swap(page, "/people/"):
        page.locator(".facets a").first.click()
    page.go_back()
    expect(page).to_have_url(re.compile(r"[?&]released_from=2026-01-01(&|$)"))
    page.locator("details.cite summary").first.click()
    expect(page.locator("details.cite[open] .cite-body").first).to_be_visible()

    problems += page.evaluate("window.cspViolations")
    assert problems == []


MOBILE = {"width": 390, "height": 844}


def test_on_a_phone_the_results_come_first_and_the_filters_open_on_demand(
    seeded_server, browser: Browser, tmp_path
):
    context = browser.new_context(viewport=MOBILE)
    try:
        page = context.new_page()
        page.goto(f"{seeded_server}/people/?status=any")
        first_row = page.locator("#results tbody tr:not(.group)").first
        expect(first_row).to_be_visible()
        box = first_row.bounding_box()
        assert box is not None
        assert box["y"] < MOBILE["height"], f"the first result starts {box['y']} px down"
        # The filters and facets are folded away, once each, behind one "Filters".
        assert page.locator("#facets").count() == 1
        assert page.locator("#filters").count() == 1
        status = page.get_by_role("combobox", name="Status")
        expect(status).to_be_hidden()
        expect(page.locator("#facets")).to_be_hidden()

        page.locator("summary", has_text="Filters").click()
        expect(status).to_be_visible()
        expect(page.locator("#facets")).to_be_visible()
        # A facet chosen on the phone: the answer keeps the panel and its facets in place.
        with htmx_swap(page, "/people/"):
            page.locator("#facets a", has_text="Only mentioned").click()
        expect(page).to_have_url(re.compile(r"[?&]involvement=mentioned(&|$)"))
        expect(page.locator("#facets a.selected", has_text="Only mentioned")).to_be_visible()
        assert page.locator("#facets").count() == 1
        statuses = set(page.locator("#results tbody .status").all_inner_texts())
        assert statuses == {"no detention or release reported"}
    finally:
        context.close()


def test_on_a_wide_screen_the_filters_are_open_beside_the_results(seeded_server, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{seeded_server}/people/")
    expect(page.get_by_role("combobox", name="Status")).to_be_visible()
    expect(page.locator("#facets")).to_be_visible()
    expect(page.locator("summary", has_text="Filters")).to_be_hidden()
    first_row = page.locator("#results tbody tr").first.bounding_box()
    assert first_row is not None and first_row["y"] < 900


def test_column_headers_sort_the_list_and_say_how(seeded_server, page):
    page.goto(f"{seeded_server}/people/?status=any")
    name = page.locator("th", has=page.get_by_role("link", name="Name", exact=True))
    expect(name).to_have_attribute("aria-sort", "ascending")
    groups = page.locator("#results tbody")
    ascending = [g.locator("th[scope=row] > a").all_inner_texts() for g in groups.all()]
    with htmx_swap(page, "/people/"):
        page.get_by_role("link", name="Name", exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]ordering=-name(&|$)"))
    expect(name).to_have_attribute("aria-sort", "descending")
    # Detainees first, each group in the order chosen.
    descending = [g.locator("th[scope=row] > a").all_inner_texts() for g in groups.all()]
    assert len(descending) == 2
    assert descending == [names[::-1] for names in ascending]
    assert "Detainees" in groups.nth(0).locator("tr.group").inner_text()
    assert "Only mentioned" in groups.nth(1).locator("tr.group").inner_text()


def test_a_date_filter_asks_once_the_date_is_typed_whole(seeded_server, page):
    page.goto(f"{seeded_server}/people/?status=any")
    asked: list[str] = []
    page.on(
        "request",
        lambda request: asked.append(request.url) if "released_from" in request.url else None,
    )
    date_box = page.get_by_label("Released from")
    date_box.click()
    # Digit by digit, as a journalist types: on the way the box holds 0002, 0020, 0202.
    with htmx_swap(page, "/people/"):
        date_box.press_sequentially("01012026", delay=60)
    expect(page).to_have_url(re.compile(r"released_from=2026-01-01"))
    assert len(asked) == 1 and "released_from=2026-01-01" in asked[0], asked
