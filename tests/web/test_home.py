"""The home page: count claims grouped by the question they answer (claimants side by side,
never summed), the people freed, and links that never say "All 0"."""

import datetime
import re

import pytest

from releases.models import CountClaim, Country
from tests import builders


@pytest.fixture
def world(db):
    return builders.world(2)


def _claim(passage, **fields) -> CountClaim:
    fields.setdefault("subject", "political prisoners")
    fields.setdefault("qualifier", "approximate")
    return builders.cite(CountClaim.objects.create(**fields), passage)


@pytest.fixture
def claims(world):
    """Besides the world's "several Spanish citizens released (Spain)": two claimants of how
    many were released so far (each with its own date), and one of how many are still held."""
    source = builders.article(
        "The UN said about 50 were freed; Foro Penal counts 800 held.", outlet="Wire"
    )
    freed = builders.passage(source, "about 50 were freed")
    held = builders.passage(source, "Foro Penal counts 800 held")
    world["un"] = _claim(
        freed,
        metric="released",
        value=50,
        value_text="about 50",
        claimed_by="the UN",
        as_of=datetime.date(2026, 1, 12),
        as_of_precision="day",
    )
    world["foro"] = _claim(
        freed,
        metric="released",
        value=18,
        qualifier="exact",
        value_text="18",
        claimed_by="Foro Penal",
        as_of=datetime.date(2026, 1, 1),
        as_of_precision="month",
        verification="confirmed",
    )
    world["still"] = _claim(
        held,
        metric="still_held",
        value=800,
        qualifier="more_than",
        value_text="more than 800",
        claimed_by="Foro Penal",
    )
    return world


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#x27;", "'")


def test_claims_about_different_quantities_are_never_in_one_group(client, claims):
    counts = client.get("/").context["counts"]
    groups = counts.overall + counts.by_nationality
    for group in groups:
        assert {(c.metric, c.country_id) for c in group.claims} == {
            (group.metric, group.country and group.country.pk)
        }
    assert [g.metric for g in counts.overall] == ["released", "still_held"]
    assert [(g.country.code, g.metric) for g in counts.by_nationality] == [("ES", "released")]


def test_two_claimants_of_the_same_quantity_stand_side_by_side_with_their_dates(client, claims):
    response = client.get("/")
    released = response.context["counts"].overall[0]
    # Figures before words, then by the date each counts up to.
    assert released.claims == [claims["foro"], claims["un"]]
    page = response.content.decode()
    table = page[page.index('id="question-released"') : page.index('id="question-still_held"')]
    text = _text(table)
    assert "How many released so far" in text
    assert "Foro Penal 18" in text and "January 2026" in text
    assert "the UN about 50" in text and "12 January 2026" in text
    assert "confirmed by the claimant" in text and "claimed or estimated" in text
    assert "more than 800" not in text  # still held: another question


def test_a_figure_in_another_language_is_said_in_the_pages_with_the_sources_words_quoted(
    client, claims
):
    """The claims' article is English: on /es/ "more than 800" reads "más de 800" and the
    source's words follow, quoted and tagged; a number in digits stands alone; a figure with
    no number ("dozens") is its words quoted, with its badge. On /en/ all stand as written."""
    vague = builders.article("Dozens more were freed, the UN said.", language="en")
    _claim(
        builders.passage(vague, "Dozens more were freed"),
        metric="released",
        qualifier="unspecified",
        value_text="Dozens",
        claimed_by="the UN",
    )
    assert claims["un"].citations.get().article.language == "en"
    spanish = client.get("/es/").content.decode()
    assert '<strong>unos 50</strong> <q><span lang="en">about 50</span></q>' in spanish
    assert '<strong>más de 800</strong> <q><span lang="en">more than 800</span></q>' in spanish
    assert '<strong lang="en">18</strong>' in spanish
    assert (
        '<strong><q><span lang="en">Dozens</span></q></strong> '
        '<span class="badge">cifra no especificada</span>'
    ) in spanish
    english = client.get("/en/").content.decode()
    assert '<strong lang="en">about 50</strong> <span class="badge">about</span>' in english
    assert "<q><span" not in english


def test_nothing_is_summed(client, claims):
    page = client.get("/").content.decode()
    numbers = _text(page[page.index('id="numbers"') : page.index('id="freed"')])
    # 50 + 18, 50 + 800, 18 + 800 and all three: no total appears among the numbers.
    for total in ("68", "850", "818", "868"):
        assert not re.search(rf"\b{total}\b", numbers)


def test_the_answer_comes_before_the_people_events_and_timeline(client, claims):
    page = client.get("/").content.decode()
    order = [
        page.index("How many released so far"),
        page.index("How many still held"),
        page.index("How many of each nationality"),
        page.index('id="freed"'),
        page.index('id="latest"'),
        page.index('id="timeline-title"'),
    ]
    assert order == sorted(order)
    assert 'href="/numbers/"' in page


def test_a_long_group_shows_its_first_claims_and_links_to_the_rest(client, claims):
    quote = claims["article"].passages.first()
    for number in range(7):
        _claim(
            quote,
            metric="still_held",
            value=number + 1,
            value_text=str(number + 1),
            claimed_by=f"Group {number}",
        )
    page = client.get("/").content.decode()
    assert "Group 4" in page and "Group 5" not in page  # 8 claims, the first 6 shown
    assert 'href="/numbers/?metric=still_held"' in page
    assert "All 8 claims about this on the numbers page" in page


def test_the_freed_link_counts_them_and_is_absent_when_all_are_shown(client, world):
    page = client.get("/").content.decode()
    assert "All 0" not in page and "All 2 people freed" not in page  # both are listed
    builders.world(12, prefix="more")
    page = client.get("/").content.decode()
    assert "All 14 people freed, latest first" in page


def test_a_nationality_with_no_named_people_never_says_all_0(client, world):
    usa = Country.objects.create(code="US", name="United States")
    _claim(
        world["article"].passages.first(),
        country=usa,
        metric="released",
        qualifier="unspecified",
        value_text="multiple",
        subject="Americans",
        claimed_by="a U.S. official",
    )
    page = client.get("/nationalities/us/").content.decode()
    assert "All 0" not in page and "multiple" in page
    assert (
        "All 2 named people in the people list" in client.get("/nationalities/es/").content.decode()
    )


def test_home_on_an_empty_database_still_renders(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "No source gives a count yet." in response.content.decode()


def test_the_latest_freed_are_read_in_the_order_of_an_index_on_postgresql(world):
    """The home page reads its latest freed from the first rows of an index in their order
    (releases 0023), not by sorting every freed person: whatever the record's size."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from releases import selectors

    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no such index and sorts")
    with CaptureQueriesContext(connection) as queries:
        freed = selectors.latest_freed(12)
    assert [p.name for p in freed] == ["p Person 0", "p Person 1"]
    with connection.cursor() as cursor:
        # A tiny table is read whole, or through a bitmap then sorted, whatever its indexes
        # (the full suite's statistics made the planner choose the bitmap): with both off,
        # the plan shows whether the index alone gives the order.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN {queries.captured_queries[0]['sql']}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "person_latest_freed" in plan and "Sort" not in plan.split("person_latest_freed")[0]
