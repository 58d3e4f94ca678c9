"""axe-core on every kind of page, in English and in Spanish: no serious or critical
violation.

Run with ``-s`` to see each page's violations counted by impact. Each page is a subtest of
one test, so that the seed data is imported once for all of them.
"""

from collections import Counter

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

pytestmark = pytest.mark.e2e

PAGES = [
    "/",
    "/people/",
    "/people/?status=any",
    "/people/rocio-san-miguel/",
    "/facilities/",
    "/facilities/el-helicoide/",
    "/nationalities/",
    "/nationalities/es/",
    "/events/",
    "/events/2026-01-08-releases/",
    "/sources/",
    "/sources/venezuela-on-thursday-began-releasing-political-prisoners/",
    "/numbers/",
    "/numbers/?metric=released",
    "/about/",
    "/changes/",
    "/data/",
    "/api/",
]
IMPACTS = ("critical", "serious", "moderate", "minor")
BLOCKING = {"critical", "serious"}
PHONE = {"width": 390, "height": 844}

axe = Axe()


def check(page: Page, url: str, label: str, status: int = 200) -> None:
    response = page.goto(url)
    assert response is not None
    assert response.status == status
    # Check the quotes and links inside citation markers too, not only their summaries.
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    violations = axe.run(page).response["violations"]

    counts = Counter(v["impact"] for v in violations)
    summary = " ".join(f"{impact}={counts[impact]}" for impact in IMPACTS)
    print(f"\naxe {label}: {summary}")
    for v in violations:
        targets = [" ".join(map(str, node["target"])) for node in v["nodes"]]
        print(f"  {v['impact']:8} {v['id']}: {v['help']} ({len(targets)}) {targets[:3]}")

    blocking = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
        if v["impact"] in BLOCKING
    ]
    assert blocking == []


def test_no_page_has_a_serious_accessibility_violation(seeded_server, page, browser, subtests):
    # Every page unprefixed (English by default), and in Spanish at /es/.
    for path in [*PAGES, *(f"/es{path}" for path in PAGES), "/es/no-such-page/"]:
        with subtests.test(path):
            check(page, f"{seeded_server}{path}", path, status=404 if "no-such" in path else 200)

    for path in ("/people/", "/es/people/"):
        with subtests.test(f"{path} at phone width"):
            phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
            try:
                check(phone.new_page(), f"{seeded_server}{path}", f"{path} at 390x844")
            finally:
                phone.close()
