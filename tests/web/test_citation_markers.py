"""Citation markers as a reader sees them: labelled by outlet and date, told apart when they
would read the same, the corroboration note once per fact, and per-fact anchors to cite."""

import datetime
import io
import re
from collections import Counter

import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from releases.derived import refresh_people
from releases.models import Citizenship, Country, Facility, Person, Release, ReleaseEvent
from tests import builders

JAN_9 = {"published_on": datetime.date(2026, 1, 9), "published_precision": "day"}


def render_markers(fact, permalink: bool = False) -> str:
    template = Template("{% load citations %}{% citations fact 'Ana Pérez' permalink=permalink %}")
    request = RequestFactory().get("/people/ana-perez/")
    return template.render(Context({"fact": fact, "permalink": permalink, "request": request}))


def summaries(html: str) -> list[str]:
    """Each marker's visible label (the screen-reader prefix left out)."""
    found = re.findall(r"<summary>(.*?)</summary>", html, re.S)
    return [re.sub(r'<span class="visually-hidden">.*?</span>', "", s) for s in found]


@pytest.fixture
def person(db):
    return builders.person("Ana Pérez", slug="ana-perez")


def test_markers_are_labelled_by_outlet_and_date_or_by_a_short_title(person):
    wire = builders.article(
        "Ana Pérez was freed.", outlet="Reuters", title="Long headline", **JAN_9
    )
    untitled = builders.article(
        "Venezuela has started releasing Ana Pérez and others.",
        title="",
        slug="venezuela-has-started-releasing-ana-perez-and-others",
    )
    release = Release.objects.create(person=person)
    builders.cite(release, builders.passage(wire, "freed"), builders.passage(untitled, "Ana"))
    html = render_markers(release)
    assert summaries(html) == ["Reuters · 9 Jan 2026", "Venezuela has started releasing… · undated"]
    assert html.count("Source for Ana Pérez:") == 2  # for screen readers, per marker
    assert untitled.slug not in "".join(summaries(html))


def test_markers_read_in_the_pages_language(person):
    wire = builders.article("Ana Pérez was freed.", outlet="Reuters", slug="a-1", **JAN_9)
    monthly = builders.article(
        "Ana Pérez spoke.",
        outlet="RTHK",
        slug="a-2",
        published_on=datetime.date(2026, 1, 1),
        published_precision="month",
    )
    release = Release.objects.create(person=person)
    builders.cite(release, builders.passage(wire, "freed"), builders.passage(monthly, "spoke"))
    with translation.override("es"):
        html = render_markers(release)
    # Spanish writes abbreviated months in lower case.
    assert summaries(html) == ["Reuters · 9 ene 2026", "RTHK · ene 2026"]
    assert html.count("Fuente de Ana Pérez:") == 2


def test_markers_that_would_read_the_same_are_told_apart(person):
    # Markers follow the articles' slugs: named here, so that no other test's articles
    # (numbered by one counter) change their order.
    first = builders.article(
        "One.", outlet="RTHK", title="Venezuela begins prisoner release", slug="a-1", **JAN_9
    )
    second = builders.article(
        "Two.", outlet="RTHK", title="Spanish citizens among those freed", slug="a-2", **JAN_9
    )
    third = builders.article("Three.", outlet="AFP", title="Another story", slug="a-3", **JAN_9)
    release = Release.objects.create(person=person)
    builders.cite(
        release,
        builders.passage(first, "One"),
        builders.passage(second, "Two"),
        builders.passage(third, "Three"),
    )
    assert summaries(render_markers(release)) == [
        "RTHK · 9 Jan 2026 · Venezuela begins prisoner release",
        "RTHK · 9 Jan 2026 · Spanish citizens among those…",
        "AFP · 9 Jan 2026",
    ]


def test_the_corroboration_note_is_shown_once_per_fact_after_its_markers(person):
    copies = [
        builders.article(f"Copy {n} of the AFP story.", outlet=f"Outlet {n}", story_origin="afp")
        for n in range(3)
    ]
    own = builders.article("Our own reporting.", outlet="Own")
    release = Release.objects.create(person=person)
    builders.cite(release, *(builders.passage(c, "AFP story") for c in copies))
    builders.cite(release, builders.passage(own, "own reporting"))
    html = render_markers(release)
    assert html.count('class="support"') == 1
    assert html.rindex("</details>") < html.index('class="support"')
    assert "4 articles, 2 independent origins" in html
    # Independent articles say nothing the markers don't: no note.
    single = Release.objects.create(person=person)
    builders.cite(single, builders.passage(copies[0], "Copy"), builders.passage(own, "Our"))
    assert 'class="support"' not in render_markers(single)


def test_a_person_page_gives_every_fact_an_anchor_a_permalink_and_a_copy_button(client, person):
    source = builders.article("Ana Pérez, a Spanish lawyer, was freed.", outlet="RTHK", **JAN_9)
    spain, _ = Country.objects.get_or_create(code="ES", defaults={"name": "Spain"})
    release = builders.cite(
        Release.objects.create(person=person), builders.passage(source, "was freed")
    )
    spanish = builders.cite(
        Citizenship.objects.create(person=person, country=spain),
        builders.passage(source, "Spanish"),
    )
    refresh_people([person.pk])
    page = client.get(person.get_absolute_url()).content.decode()
    for fact, kind in ((release, "release"), (spanish, "citizenship")):
        anchor = f"fact-{kind}-{fact.pk}"
        assert page.count(f'id="{anchor}"') == 1
        assert f'href="#{anchor}"' in page
    # The copy buttons wait for JavaScript; the quote and its full address are there without.
    assert page.count('class="copy-citation" hidden') == 2
    assert "<q>was freed</q>" in page
    assert f'data-url="http://testserver{source.get_absolute_url()}#p-' in page
    # What a copied citation says it supports is in the page's language, as the page is.
    assert 'data-fact="Ana Pérez: Spain nationality"' in page
    with translation.override("es"):
        spanish_page = client.get(person.get_absolute_url()).content.decode()
    assert 'data-fact="Ana Pérez: nacionalidad España"' in spanish_page


def test_on_the_seed_detail_pages_every_permalink_has_one_target(client, db):
    call_command("import_fixtures", stdout=io.StringIO())
    pages = [
        *(p.get_absolute_url() for p in Person.objects.all()),
        *(f.get_absolute_url() for f in Facility.objects.all()),
        *(e.get_absolute_url() for e in ReleaseEvent.objects.all()),
        *(c.get_absolute_url() for c in Country.objects.filter(citizenships__isnull=False)),
    ]
    permalinks = 0
    for url in sorted(set(pages)):
        page = client.get(url).content.decode()
        ids = Counter(re.findall(r'\sid="([^"]+)"', page))
        assert [i for i, n in ids.items() if n > 1] == [], url
        for anchor in re.findall(r'class="permalink" href="#([^"]+)"', page):
            assert ids[anchor] == 1, (url, anchor)
            permalinks += 1
    assert permalinks > 20  # (50 with the seed data of January 2026)
