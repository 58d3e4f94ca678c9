"""A record's History pages in a real browser: the site's Content-Security-Policy blocks
nothing on them (no inline style or script)."""

import pytest
from playwright.sync_api import expect

from releases.models import Person
from tests.e2e.test_curator_flow import log_in

pytestmark = pytest.mark.e2e


def test_history_pages_trigger_no_policy_violation(seeded_server, page):
    base = seeded_server
    log_in(page, base)
    page.add_init_script(
        "window.cspViolations = [];"
        "document.addEventListener('securitypolicyviolation', e => window.cspViolations.push("
        "`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}`));"
    )
    person = Person.objects.order_by("pk").first()
    violations = []
    page.goto(f"{base}/admin/releases/person/{person.pk}/history/")
    expect(page.locator("#change-history")).to_be_visible()
    violations += page.evaluate("window.cspViolations")
    page.locator("#change-history a").first.click()
    expect(page.locator("#content h1")).to_be_visible()
    violations += page.evaluate("window.cspViolations")
    assert violations == []
