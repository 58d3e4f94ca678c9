"""What changed, from the audit history: new facts, corrections with before and after,
removals with their reason; as a page and as Atom feeds (whole record, per person, facility
and nationality); curator-only notes never shown."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest

from releases.integrity import hide_stale_passages
from releases.models import Alias, CountClaim, Release
from sources import triggers
from tests import builders

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def world(db):
    return builders.world(2)


def _feed(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200, response
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (the site's own feed)
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "summary": entry.findtext(f"{ATOM}summary"),
            "id": entry.findtext(f"{ATOM}id"),
            "category": entry.find(f"{ATOM}category").get("term"),
        }
        for entry in root.iter(f"{ATOM}entry")
    ]


def _correct_release(world) -> Release:
    release = Release.objects.get(person=world["people"][0])
    release.date, release.date_precision = datetime.date(2026, 1, 8), "day"
    release.save()
    return release


def test_new_facts_are_listed_with_their_sources(client, world):
    entries = _feed(client, "/en/changes/feed/")
    new = [e for e in entries if e["category"] == "new"]
    alias = Alias.objects.get(person=world["people"][0])
    assert any(e["title"] == f"new: {alias}" for e in new)
    assert all(e["summary"].endswith("per Wire, undated.") for e in new)


def test_a_correction_says_what_it_was_and_what_it_is(client, world):
    release = _correct_release(world)
    (entry,) = [e for e in _feed(client, "/en/changes/feed/") if e["category"] == "changed"]
    assert entry["title"] == f"corrected: {release}"
    assert entry["summary"] == (
        f"{release}: the date was January 2026, now 8 January 2026, per Wire, undated."
    )
    page = client.get("/en/changes/").content.decode()
    assert "Corrected on" in page and "the date was January 2026, now 8 January 2026" in page


def test_a_correction_gives_its_reason_and_every_source(client, world):
    release = Release.objects.get(person=world["people"][0])
    other = builders.article("Ana Pérez was freed on 8 January.", outlet="Radio")
    release.citations.add(builders.passage(other, "Ana Pérez was freed on 8 January"))
    release.date, release.date_precision = datetime.date(2026, 1, 8), "day"
    release._change_reason = "the second report gives the day"
    release.save()
    (entry,) = [e for e in _feed(client, "/en/changes/feed/") if e["category"] == "changed"]
    assert entry["summary"].endswith(
        "now 8 January 2026, per Radio, undated; Wire, undated (the second report gives the day)."
    )


def test_a_removal_gives_the_curators_reason(client, world):
    alias = Alias.objects.get(person=world["people"][0])
    name = str(alias)
    alias._change_reason = "a misspelling, not another name"
    alias.delete()
    (entry,) = [e for e in _feed(client, "/en/changes/feed/") if e["category"] == "removed"]
    assert entry["summary"] == f"{name} (a misspelling, not another name)."


def test_a_fact_whose_last_citation_goes_is_withdrawn(client, world):
    alias = Alias.objects.get(person=world["people"][0])
    alias.citations.clear()
    (entry,) = [e for e in _feed(client, "/en/changes/feed/") if e["category"] == "withdrawn"]
    assert entry["summary"] == f"{alias} (no reason given)."


def test_curator_notes_and_uncited_drafts_never_appear(client, world):
    count = CountClaim.objects.get()
    count.curator_note = "PRIVATE: ask the ministry again"
    count.save()
    draft = Alias.objects.create(person=world["people"][0], name="Draft Name Unsupported")
    draft.save()
    page = client.get("/en/changes/").content.decode()
    feed = client.get("/en/changes/feed/").content.decode()
    for text in (page, feed):
        assert "PRIVATE" not in text and "Draft Name Unsupported" not in text
    assert not [e for e in _feed(client, "/en/changes/feed/") if e["category"] == "changed"]


def test_each_person_facility_and_nationality_has_its_own_feed(client, world):
    first, second = world["people"]
    _correct_release(world)
    mine = _feed(client, f"/en/changes/feed/people/{first.slug}/")
    theirs = _feed(client, f"/en/changes/feed/people/{second.slug}/")
    assert any(e["category"] == "changed" for e in mine)
    assert not any(e["category"] == "changed" for e in theirs)
    assert all(second.name in e["title"] for e in theirs)
    facility = _feed(client, "/en/changes/feed/facilities/el-helicoide/")
    assert any("El Helicoide" in e["title"] for e in facility)
    nationality = _feed(client, "/en/changes/feed/nationalities/es/")
    assert nationality and all(
        "Spain" in e["title"] or "Spanish" in e["title"] for e in nationality
    )


@pytest.mark.parametrize(
    "url",
    [
        "/changes/feed/people/nobody/",
        "/changes/feed/facilities/nowhere/",
        "/changes/feed/nationalities/zz/",
        "/changes/feed/nationalities/e%00/",
        "/changes/feed/planets/mars/",
    ],
)
def test_a_feed_of_nothing_is_a_404(client, world, url):
    assert client.get(url).status_code == 404


def test_changes_are_escaped(client, world):
    alias = Alias.objects.get(person=world["people"][0])
    alias.name = "<script>alert(1)</script>"
    alias.save()
    page = client.get("/en/changes/").content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    feed = client.get("/en/changes/feed/").content.decode()
    assert "<script>alert(1)" not in feed


def test_the_page_and_feed_speak_spanish(client, world):
    _correct_release(world)
    page = client.get("/es/changes/").content.decode()
    assert "Corregido el" in page and "la fecha era enero de 2026, ahora 8 de enero de 2026" in page
    titles = [e["title"] for e in _feed(client, "/es/changes/feed/")]
    assert any(title.startswith("corregido: ") for title in titles)


# The version, then per kind of record its rows, the rows before them and the records now,
# and one query for the quotes the integrity check hid.
@pytest.mark.parametrize(("url", "expected"), [("/en/changes/", 34), ("/en/changes/feed/", 34)])
def test_query_counts_are_pinned(client, world, url, expected, django_assert_num_queries):
    with django_assert_num_queries(expected):
        client.get(url)
    more = builders.world(4, prefix="more")
    for person in more["people"]:
        release = Release.objects.get(person=person)
        release.date_precision = "day"
        release.save()
    with django_assert_num_queries(expected):
        client.get(url)


def test_a_quote_the_integrity_check_hid_is_withdrawn_with_its_reason(client, world):
    article = world["article"]
    with triggers.lifted():  # only a direct edit of the stored text can make a quote stale
        type(article).objects.filter(pk=article.pk).update(
            text=article.text.replace("freed several", "FREED several")
        )
    assert hide_stale_passages() == 1

    page = client.get("/en/changes/").content.decode()
    assert "The quote “freed several Spanish citizens” (Wire," in page
    assert "its words no longer match the article&#x27;s stored text" in page
    (entry,) = [e for e in _feed(client, "/en/changes/feed/") if "The quote" in e["title"]]
    assert entry["category"] == "withdrawn" and entry["title"].startswith("withdrawn: ")
    assert "hidden by the integrity check" in entry["summary"]
    # The facility stays public (its own quote still matches); the hidden quote cited the
    # detentions and releases there. The people, left with no valid quote, are not public.
    about = _feed(client, "/en/changes/feed/facilities/el-helicoide/")
    assert any("The quote" in e["title"] for e in about)
    other = builders.person("Nobody Else", slug="nobody-else", is_named=True)
    builders.cite(Alias.objects.create(person=other, name="N. Else"), _other_passage())
    assert not any(
        "The quote" in e["title"] for e in _feed(client, "/en/changes/feed/people/nobody-else/")
    )


def _other_passage():
    source = builders.article("A note that Nobody Else was freed.", slug="other-article")
    return builders.passage(source, "Nobody Else was freed")


def test_the_list_pages_back_through_all_of_history_missing_none(client, world, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from web import changes

    for number in range(6):  # corrections, and saves that change nothing the public sees
        release = Release.objects.get(person=world["people"][number % 2])
        release.date = datetime.date(2026, 1, 10 + number)
        release.date_precision = "day"
        release.save()
        release.save()
    everything = [c.guid for c in changes.changes_page().changes]  # all fit on one page
    assert len(everything) > 12
    monkeypatch.setattr(changes, "SHOWN", 4)
    monkeypatch.setattr(changes, "READ_PER_KIND", 3)

    seen, url, counts = [], "/en/changes/", []
    while url:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        counts.append(len(queries))
        page = response.content.decode()
        seen += re.findall(r'<li id="change-([\w-]+)"', page)
        older = re.search(r'<a href="\?until=([^"]+)" rel="next">', page)
        url = f"/en/changes/?until={older.group(1)}" if older else None
        assert len(counts) < 50

    assert seen == everything  # every change once, newest first, across the pages
    # No page costs more than the first, whatever its place in the history (a kind with
    # nothing left to read skips the queries about its rows).
    assert counts[0] == 34 and max(counts) == 34 and len(counts) > 3


@pytest.mark.parametrize("until", ["yesterday", "2026-01-09T10:00", "2026-13-01T00:00:00Z"])
def test_a_bad_page_start_is_a_clear_400(client, world, until):
    response = client.get("/en/changes/", {"until": until})
    assert response.status_code == 400
    assert "<code>until</code>" in response.content.decode()
