"""List pages: filters, facets, ordering, htmx fragments, and constant query counts."""

import csv
import io
import json
import re

import pytest
from django.core.cache import cache
from django.http import QueryDict

from releases.models import (
    Alias,
    Citizenship,
    Country,
    Detention,
    Facility,
    Person,
    Release,
    Role,
)
from tests import builders

LIST_URLS = [
    *("/people/", "/facilities/", "/nationalities/", "/events/", "/sources/", "/numbers/"),
    "/facts/",
]


@pytest.fixture
def world(db):
    return builders.world(3)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # Each count includes one read of the data version (web.caching). The home page
        # reads its events with their citations alone (not the events list's counts and
        # announcements, with their citations).
        ("/", 14),
        # With no link filter in use, the four link facets are one query; their labels are
        # the menus' (but the sources', which have no menu).
        ("/people/", 18),
        # The menus are read once a page and data version (validating a nationality reads
        # the one kept for the form); with one link filter in use, the three other link
        # facets are one query, and the status facet reads the stored counts.
        ("/people/?status=any&nationality=es", 19),
        ("/people/?status=any&involvement=detainee&ordering=-released", 18),
        ("/people/?q=person", 18),
        ("/facilities/", 4),
        ("/nationalities/", 5),
        ("/events/", 7),
        ("/sources/", 4),
        # The form's three menus, the people counted, the page's 25 people, one UNION for
        # their rows.
        ("/facts/", 7),
        ("/facts/?kind=release&nationality=es&q=person", 7),
    ],
)
def test_list_query_count_is_pinned_and_does_not_grow_with_rows(
    client, world, url, expected, django_assert_num_queries
):
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    builders.world(6, prefix="more")
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


def test_people_shows_the_freed_by_default(client, world):
    held = builders.person("Still Held", slug="still-held")
    builders.cite(Detention.objects.create(person=held), world["article"].passages.first())
    from releases.derived import refresh_people

    refresh_people([held.pk])
    page = client.get("/people/").content.decode()
    assert "p Person 0" in page and "Still Held" not in page
    everyone = client.get("/people/?status=any").content.decode()
    assert "Still Held" in everyone
    detained = client.get("/people/?status=detained").content.decode()
    assert "Still Held" in detained and "p Person 0" not in detained


def test_search_ignores_case_and_accents_over_names_and_aliases(client, db):
    rocio = builders.person("Rocío San Miguel", slug="rocio")
    source = builders.article("Activist R. Márquez was freed.")
    builders.cite(
        Alias.objects.create(person=rocio, name="R. Márquez"),
        builders.passage(source, "R. Márquez"),
    )
    from releases.derived import refresh_people

    refresh_people([rocio.pk])
    for query in ("rocio", "ROCÍO", "san miguel", "marquez", "MÁRQUEZ"):
        page = client.get("/people/", {"q": query, "status": "any"}).content.decode()
        assert "Rocío San Miguel" in page, query
    assert "Rocío San Miguel" not in client.get("/people/?q=maria&status=any").content.decode()


def test_a_dual_national_counts_under_both_countries_in_facets(client, world):
    dual = world["people"][0]
    venezuela = Country.objects.create(code="VE", name="Venezuela")
    builders.cite(
        Citizenship.objects.create(person=dual, country=venezuela),
        world["article"].passages.first(),
    )
    facets = client.get("/people/").context["facets"]
    nationality = next(f for f in facets if f.name == "nationality")
    counts = {option.value: option.count for option in nationality.options}
    assert counts == {"es": 3, "ve": 1}


def test_uncited_facts_are_neither_shown_nor_counted(client, world):
    venezuela = Country.objects.create(code="VE", name="Venezuela")
    Citizenship.objects.create(person=world["people"][0], country=venezuela)  # no citation
    response = client.get("/people/")
    nationality = next(f for f in response.context["facets"] if f.name == "nationality")
    assert [o.value for o in nationality.options] == ["es"]
    assert "Venezuela" not in response.content.decode().split("<table")[1]
    assert client.get("/people/?nationality=ve").context["page"].paginator.count == 0


def test_facet_counts_ignore_their_own_filter_but_apply_the_others(client, world):
    facets = client.get("/people/?status=detained").context["facets"]
    status = {o.value: o.count for o in next(f for f in facets if f.name == "status").options}
    assert status["released"] == 3 and status["any"] == 3
    nationality = next(f for f in facets if f.name == "nationality")
    assert nationality.options == []  # nobody detained, so no nationality to count


def test_ordering_is_whitelisted_and_applied(client, world):
    names = [p.name for p in client.get("/people/?ordering=-name").context["page"]]
    assert names == sorted(names, reverse=True)
    response = client.get("/people/?ordering=pk);--")
    assert response.status_code == 400
    assert "ordering" in response.content.decode()


def test_unknown_parameters_are_ignored_visibly(client, world):
    response = client.get("/people/?name__regex=.*&foo=1")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ignored unknown parameters:" in body
    assert "<code>foo</code>, <code>name__regex</code>." in body


@pytest.mark.parametrize("url", LIST_URLS)
def test_htmx_requests_get_the_results_fragment_and_vary_says_so(client, world, url):
    full = client.get(url)
    fragment = client.get(url, headers={"HX-Request": "true"})
    assert "<html" in full.content.decode()
    body = fragment.content.decode()
    assert "<html" not in body and body.lstrip().startswith('<div id="results"')
    for response in (full, fragment):
        assert "HX-Request" in response["Vary"]


def test_a_history_restore_gets_the_whole_page(client, world):
    response = client.get(
        "/people/", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in response.content.decode()


def test_pagination_never_fails_on_odd_page_numbers(client, db):
    builders.world(30)
    assert len(client.get("/people/").context["page"]) == 25
    last = client.get("/people/?page=2").context["page"]
    assert len(last) == 5
    for odd in ("0", "-1", "abc", "9" * 40):
        assert client.get(f"/people/?page={odd}").status_code == 200


def test_invalid_filter_values_get_a_400_that_says_why(client, world):
    response = client.get("/people/?nationality=zz")
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    as_json = client.get("/people/?nationality=zz&format=json")
    assert as_json.status_code == 400 and "nationality" in as_json.json()["errors"]


@pytest.mark.parametrize("query", ["", "?status=any", "?status=detained", "?status=any&q=person 1"])
def test_the_result_count_is_the_number_of_rows_listed(client, world, query):
    held = builders.person("Still Held", slug="still-held")
    builders.cite(Detention.objects.create(person=held), world["article"].passages.first())
    page = client.get(f"/people/{query}").context["page"]
    exported = client.get(f"/people/{query}{'&' if query else '?'}format=json")
    results = json.loads(b"".join(exported.streaming_content))["results"]
    assert page.paginator.count == len(results)


def test_search_finds_people_by_facility_and_nationality_words(client, world):
    world["country"].demonym = "Spanish"
    world["country"].save()
    loner = builders.person("Solo Persona", slug="solo")
    passage = world["article"].passages.first()
    builders.cite(Alias.objects.create(person=loner, name="Solo"), passage)
    everyone = ["p Person 0", "p Person 1", "p Person 2"]

    def found(query: str) -> list[str]:
        page = client.get("/people/", {"q": query, "status": "any"}).context["page"]
        return [person.name for person in page]

    for query in ("helicoide", "EL HELICOIDE", "spain", "SPANISH"):
        assert found(query) == everyone, query
    assert found("spanish person 1") == ["p Person 1"]
    assert found("solo") == ["Solo Persona"]
    # A journalist's own language: the country's names, demonyms in any inflection and
    # abbreviations, in English, Spanish or German, alone or with other words.
    for query in ("España", "españolas", "espanol", "Spanier", "reino de españa"):
        assert found(query) == everyone, query
    assert found("person 1 española") == ["p Person 1"]
    assert found("venezolanos") == []  # another country's people
    # Only whole words name a country: "ana" is in "España" and "venezolana", and is a name;
    # nor do parts of a word ("nat", "ali"); "Germán" with its accent is a name, not German.
    for query in ("ana", "nat", "tion", "germán"):
        assert found(query) == [], query


def test_search_words_that_name_a_country_still_match_as_words(client, world):
    spain = world["country"]
    passage = world["article"].passages.first()
    salvador = builders.person("Salvador del Valle", slug="salvador")
    builders.cite(Citizenship.objects.create(person=salvador, country=spain), passage)
    american = builders.person("Ann Smith", slug="ann")
    usa, _ = Country.objects.get_or_create(code="US", defaults={"name": "United States"})
    builders.cite(Citizenship.objects.create(person=american, country=usa), passage)

    def found(query: str) -> list[str]:
        page = client.get("/people/", {"q": query, "status": "any"}).context["page"]
        return [person.name for person in page]

    # "El Salvador" names a country, and its words are also in this Spaniard's name.
    assert found("el salvador") == ["Salvador del Valle"]
    assert found("Estados Unidos") == found("EEUU") == found("usa") == ["Ann Smith"]
    assert found("estadounidense ann") == ["Ann Smith"]


@pytest.mark.parametrize("url", LIST_URLS)
def test_the_filter_form_is_outside_the_swapped_results_and_follows_them_out_of_band(
    client, world, url
):
    page = client.get(url).content.decode()
    form = page.index('<form method="get"')
    assert page.count('id="filters"') == 1
    assert form < page.index('<div id="results"'), "the form must survive a swap of #results"
    assert 'hx-sync="this:replace"' in page

    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.count('id="filters"') == 1 and 'hx-swap-oob="true"' in fragment


def test_htmx_pushes_the_address_without_the_forms_empty_fields(client, world):
    query = "q=&status=any&nationality=&facility=&released_from=&page="
    response = client.get(f"/people/?{query}", headers={"HX-Request": "true"})
    assert response["HX-Push-Url"] == "/people/?status=any"
    bare = client.get("/people/?q=&page=", headers={"HX-Request": "true"})
    assert bare["HX-Push-Url"] == "/people/"
    # The links the answer builds (facets, pages, exports) carry no empty field either.
    assert "q=&amp;" not in bare.content.decode() and "=&amp;" not in bare.content.decode()
    # From the page cache too.
    assert (
        client.get("/people/?q=&page=", headers={"HX-Request": "true"})["HX-Push-Url"] == "/people/"
    )


def _mentioned_only(world, name: str, title: str, *, cited: bool = True) -> Person:
    """Someone the sources name in a role, never as held (an official, a relative)."""
    from releases.derived import refresh_people

    someone = builders.person(name, slug=name.lower().replace(" ", "-"))
    role = Role.objects.create(person=someone, kind=Role.RoleKind.CLAIMANT, title=title)
    if cited:
        builders.cite(role, world["article"].passages.first())
    refresh_people([someone.pk])
    return someone


def test_any_status_lists_the_detainees_first_then_the_people_only_mentioned(client, world):
    _mentioned_only(world, "Aaron Official", "Deputy press secretary")
    response = client.get("/people/?status=any")
    names = [person.name for person in response.context["page"]]
    assert names == ["p Person 0", "p Person 1", "p Person 2", "Aaron Official"]
    html = response.content.decode()
    assert html.index("Detainees: held at some point") < html.index("Only mentioned: no detention")
    # Each group in the order chosen.
    reverse = [p.name for p in client.get("/people/?status=any&ordering=-name").context["page"]]
    assert reverse == ["p Person 2", "p Person 1", "p Person 0", "Aaron Official"]
    # One status: no groups to tell apart.
    assert "Only mentioned: no detention" not in client.get("/people/").content.decode()


def test_the_detainee_or_mentioned_facet_counts_and_filters(client, world):
    _mentioned_only(world, "Aaron Official", "Deputy press secretary")
    facets = client.get("/people/?status=any").context["facets"]
    involvement = next(f for f in facets if f.name == "involvement")
    assert [(o.value, o.count) for o in involvement.options] == [
        ("detainee", 3),
        ("mentioned", 1),
    ]
    mentioned = client.get("/people/?status=any&involvement=mentioned")
    assert [p.name for p in mentioned.context["page"]] == ["Aaron Official"]
    assert mentioned.context["page"].paginator.count == 1
    status = next(f for f in mentioned.context["facets"] if f.name == "status")
    assert {o.value: o.count for o in status.options} == {"any": 1, "unknown": 1}
    # Under the default status (released), nobody is only mentioned.
    facets = client.get("/people/").context["facets"]
    involvement = next(f for f in facets if f.name == "involvement")
    assert [o.count for o in involvement.options] == [3, 0]
    exported = client.get("/people/?status=any&involvement=mentioned&format=json")
    results = json.loads(b"".join(exported.streaming_content))["results"]
    assert [(r["name"], r["detainee"]) for r in results] == [("Aaron Official", False)]
    csv_rows = b"".join(client.get("/people/?status=any&format=csv").streaming_content)
    table = list(csv.DictReader(io.StringIO(csv_rows.decode("utf-8-sig"))))
    assert {(row["name"], row["detainee"]) for row in table} == {
        ("p Person 0", "yes"),
        ("p Person 1", "yes"),
        ("p Person 2", "yes"),
        ("Aaron Official", "no"),
    }
    assert client.get("/people/?involvement=everyone").status_code == 400


def test_the_role_column_shows_what_a_cited_role_says_and_nothing_uncited(client, world):
    _mentioned_only(world, "Aaron Official", "Deputy press secretary")
    _mentioned_only(world, "Zed Nobody", "Secret adviser", cited=False)
    html = client.get("/people/?status=any").content.decode()
    assert "Role or description" in html
    row = html.split("Aaron Official</a>")[1].split("</tr>")[0]
    assert "Deputy press secretary" in row and 'class="cites"' in row
    assert "Secret adviser" not in html


def test_column_headers_sort_and_say_which_way(client, world):
    html = client.get("/people/?status=any").content.decode()
    assert 'aria-sort="ascending"' in html  # by name, the default
    assert 'href="?status=any&amp;ordering=-name"' in html
    assert 'href="?status=any&amp;ordering=released"' in html
    html = client.get("/people/?status=any&ordering=-released&page=1").content.decode()
    assert 'aria-sort="descending"' in html and 'aria-sort="ascending"' not in html
    assert 'href="?status=any&amp;ordering=released"' in html
    assert 'href="?status=any&amp;ordering=name"' in html
    assert client.get("/people/?ordering=role").status_code == 400


def test_an_empty_page_says_when_people_of_other_statuses_match(client, world):
    official = builders.person("Delcy Oficial", slug="delcy")
    builders.cite(
        Role.objects.create(person=official, kind="commenter", title="minister"),
        world["article"].passages.first(),
    )
    page = client.get("/people/", {"q": "delcy"})  # the freed, by default
    assert page.context["page"].paginator.count == 0
    html = page.content.decode()
    assert "No one matches these filters." in html
    assert "1 person of another status matches: show them" in html
    link = re.search(r'<a href="(\?[^"]*)"[^>]*>1 person of another status', html).group(1)
    assert "status=any" in link and "q=delcy" in link
    shown = client.get(f"/people/{link.replace('&amp;', '&')}").context["page"]
    assert [person.name for person in shown] == ["Delcy Oficial"]
    # Nothing to point to: no hint.
    for query in ({"q": "nobody"}, {"q": "nobody", "status": "any"}):
        assert "of another status" not in client.get("/people/", query).content.decode()


def test_the_nationality_menu_is_in_the_order_of_the_names_it_shows(client, world):
    for code, name in (("DE", "Germany"), ("US", "United States"), ("AR", "Argentina")):
        Country.objects.get_or_create(code=code, defaults={"name": name})

    def menu(path: str) -> list[str]:
        html = client.get(path).content.decode()
        select = html[
            html.index('name="nationality"') : html.index(
                "</select>", html.index('name="nationality"')
            )
        ]
        return re.findall(r">([^<]+)</option>", select)[1:]  # after "any", the countries

    assert menu("/en/people/") == ["Argentina", "Germany", "Spain", "United States"]
    # On Spanish pages "Alemania" and "España" sort where they read, not as Germany and Spain.
    assert menu("/es/people/") == ["Alemania", "Argentina", "España", "Estados Unidos"]


def test_the_menus_are_read_once_a_data_version_and_anew_after_a_write(
    client, world, django_assert_num_queries
):
    client.get("/people/")
    with django_assert_num_queries(15):  # 18, less the three menus kept from the first page
        client.get("/people/?page=2")
    Country.objects.create(code="PT", name="Portugal")
    assert "Portugal" in client.get("/people/").content.decode()


def test_a_menu_drawn_once_a_data_version_marks_the_option_each_page_chose(client, world):
    """The menus' markup is kept for the pages of one data version and language
    (web.widgets), under the option selected: each page still marks its own."""
    Country.objects.create(code="VE", name="Venezuela")

    def chosen(path: str) -> list[str]:
        html = client.get(path).content.decode()
        start = html.index('name="nationality"')
        select = html[start : html.index("</select>", start)]
        return re.findall(r'<option value="([^"]*)" selected>', select)

    for _round in range(2):  # drawn, then kept
        assert chosen("/people/?nationality=es") == ["es"]
        assert chosen("/people/?nationality=ve") == ["ve"]
        assert chosen("/people/") == [""]
    # In the page's language, though drawn first for the other.
    assert ">España</option>" in client.get("/es/people/?nationality=es").content.decode()


def _varied_record(world) -> None:
    """Beside the world's three freed Spaniards: a Spanish-Venezuelan held at another
    facility, a freed Venezuelan, and someone only mentioned."""
    from releases.derived import batch

    passage = world["article"].passages.first()
    venezuela = Country.objects.create(code="VE", name="Venezuela")
    rodeo = builders.cite(Facility.objects.create(slug="el-rodeo", name="El Rodeo"), passage)
    with batch():
        dual = builders.person("Dual Person", slug="dual")
        builders.cite(Citizenship.objects.create(person=dual, country=venezuela), passage)
        builders.cite(Citizenship.objects.create(person=dual, country=world["country"]), passage)
        builders.cite(Detention.objects.create(person=dual, facility=rodeo), passage)
        freed = builders.person("Freed Person", slug="freed")
        builders.cite(Citizenship.objects.create(person=freed, country=venezuela), passage)
        builders.cite(Release.objects.create(person=freed, event=world["event"]), passage)
    _mentioned_only(world, "Aaron Official", "Deputy press secretary")


@pytest.mark.parametrize(
    "query",
    [
        "",
        "status=any",
        "nationality=es",
        "status=any&nationality=es",
        "status=detained&nationality=ve",
        "status=any&facility=el-rodeo",
        "status=any&involvement=detainee&nationality=ve",
        "status=any&q=person",
        "q=person&nationality=es",
        "status=any&nationality=es&facility=el-helicoide",
    ],
)
def test_every_facet_count_is_the_number_of_people_its_link_lists(client, world, query):
    """However a count is read (stored counts, one query for several facets, a facet of its
    own), following an option lists exactly as many people as it says."""
    _varied_record(world)
    facets = client.get(f"/people/?{query}").context["facets"]
    checked = 0
    for facet in facets:
        for option in facet.options:
            if option.selected and facet.name != "status":
                continue  # its link leaves the choice out
            cache.clear()  # the page itself, not the page cache's copy, with its context
            listed = client.get(f"/people/?{option.query}").context["page"].paginator
            assert len(listed.object_list) == option.count, (facet.name, option.value)
            checked += 1
    assert checked >= 5


@pytest.mark.parametrize("matched_at_most", [0, 10_000])
@pytest.mark.parametrize(
    "query", ["q=person", "status=any&q=person", "status=any&q=person&ordering=-released"]
)
def test_a_search_lists_its_matches_in_the_exports_order_however_it_is_read(
    client, world, monkeypatch, query, matched_at_most
):
    """A search matching few people is sorted after matching (web.filters
    SORT_AFTER_MATCHING); one matching more is read in the list's order: the same rows in
    the same order either way, as the export has them."""
    monkeypatch.setattr("web.filters.SORT_AFTER_MATCHING", matched_at_most)
    _varied_record(world)
    builders.world(3, prefix="q")
    listed = [p.slug for p in client.get(f"/people/?{query}").context["page"]]
    exported = json.loads(b"".join(client.get(f"/people/?{query}&format=json").streaming_content))
    assert listed == [row["slug"] for row in exported["results"]]
    assert len(listed) >= 6


def test_a_facet_names_a_place_its_menu_does_not_offer(client, world):
    """Facet labels are the menus' ("El Helicoide"); a facility no citation supports yet is
    in no menu, but a cited detention there still counts, under its name."""
    from releases.derived import refresh_people

    unsupported = Facility.objects.create(slug="la-tumba", name="La Tumba")
    someone = world["people"][0]
    builders.cite(
        Detention.objects.create(person=someone, facility=unsupported),
        world["article"].passages.first(),
    )
    refresh_people([someone.pk])
    facets = client.get("/people/").context["facets"]
    facility = next(f for f in facets if f.name == "facility")
    assert {o.value: o.label for o in facility.options} == {
        "el-helicoide": "El Helicoide",
        "la-tumba": "La Tumba",
    }


def test_a_facet_option_links_to_the_page_query_with_its_own_value(client, world):
    """Each option's query is the page's, less its page and format, with the facet's value
    set, and a selected option's left out."""
    _varied_record(world)
    url = "/people/?q=person&nationality=es&page=1&status=any&format=html"
    facets = client.get(url).context["facets"]
    queries = {f.name: {o.value: QueryDict(o.query) for o in f.options} for f in facets}
    assert queries["nationality"]["es"] == QueryDict("q=person&status=any")  # selected
    assert queries["nationality"]["ve"] == QueryDict("q=person&status=any&nationality=ve")
    assert queries["status"]["released"] == QueryDict("q=person&status=released&nationality=es")
    assert queries["facility"]["el-helicoide"] == QueryDict(
        "q=person&status=any&nationality=es&facility=el-helicoide"
    )
