"""Queries built once and run with each value (releases.prepared), and the person's page read
made of them (releases.selectors.person_with_everything)."""

import pytest
from django.db.models import Prefetch
from django.utils import translation

from releases import selectors
from releases.models import Alias, CountClaim, Person, Role
from releases.prepared import TEXT_MARKER, PreparedQuery, prepared
from tests import builders

PAGE_RELATIONS = [name for name, *_ in selectors._PAGE_FACTS]
LIST_RELATIONS = [name for name, *_ in selectors._LIST_FACTS]


def _prefetched(slug: str) -> Person:
    """The person as the ORM's prefetches read them (what the page read before)."""
    return (
        selectors.public_people()
        .prefetch_related(
            *selectors.person_facts_prefetches(with_mentions=True),
            Prefetch("count_claims", queryset=selectors.cited(CountClaim, "event", "country")),
        )
        .get(slug=slug)
    )


def _facts(person: Person, relations: list[str] = PAGE_RELATIONS) -> dict[str, list]:
    """Each relation's facts in order, each with its citations in order and their articles."""
    return {
        name: [
            (
                fact.pk,
                str(fact),
                [(p.pk, p.quote, p.article.slug) for p in fact.citations.all()],
            )
            for fact in getattr(person, name).all()
        ]
        for name in relations
    }


@pytest.fixture
def record(db):
    made = builders.every_kind_of_record()
    more = builders.world(2, prefix="more")
    someone = made["people"][0]
    quotes = [made["article"].passages.first(), more["article"].passages.first()]
    # Two citations from two articles, a second role, a fact with no citation (not public)
    # and a count the person claims.
    builders.cite(Alias.objects.create(person=someone, name="Another spelling"), *quotes)
    builders.cite(
        Role.objects.create(person=someone, kind="description", title="a lawyer"), quotes[1]
    )
    Alias.objects.create(person=someone, name="Uncited spelling")
    builders.cite(
        CountClaim.objects.create(
            claimant=someone,
            subject="prisoners",
            metric="held",
            qualifier="approximate",
            value=40,
            value_text="about 40",
            claimed_by=someone.name,
        ),
        quotes[0],
    )
    return made, more


def test_a_persons_page_read_is_what_the_prefetches_read(record, django_assert_num_queries):
    made, more = record
    for person in [made["people"][0], *more["people"]]:
        for language in ("en", "es"):
            with translation.override(language):
                expected = _facts(_prefetched(person.slug))
                # The person, a query per kind of fact, and one per kind they have for its
                # citations: what the prefetches ask.
                kinds = sum(1 for facts in expected.values() if facts)
                with django_assert_num_queries(1 + len(PAGE_RELATIONS) + kinds):
                    read = selectors.person_with_everything(person.slug)
                    assert read is not None
                    assert _facts(read) == expected
    assert "Uncited spelling" not in str(_facts(read))


def test_a_page_of_people_is_read_as_the_prefetches_read_it(record, django_assert_num_queries):
    people = selectors.people().order_by("name", "pk")
    expected = [_facts(person, LIST_RELATIONS) for person in people]
    assert len(expected) == 3
    pages = selectors.WithFacts(people)
    for page in (slice(0, 25), slice(1, 3)):
        shown = expected[page]
        kinds = sum(1 for name in LIST_RELATIONS if any(facts[name] for facts in shown))
        # The people, a query per kind of fact, and one per kind they have for citations.
        with django_assert_num_queries(1 + len(LIST_RELATIONS) + kinds):
            read = [_facts(person, LIST_RELATIONS) for person in pages[page]]
        assert read == expected[page]


def test_no_public_person_at_the_slug_is_none(record):
    Person.objects.create(name="Nobody cited", slug="nobody-cited")
    assert selectors.person_with_everything("nobody-cited") is None
    assert selectors.person_with_everything("no-such-person") is None


def test_a_prepared_query_runs_with_each_value_given(record):
    made, more = record
    query = prepared(
        "test people", Person, lambda: Person.objects.filter(slug=TEXT_MARKER), TEXT_MARKER
    )
    for person in [*more["people"], made["people"][0]]:
        assert query.rows(person.slug) == [person]
    assert query.rows("no-such-person") == []


def test_a_prepared_query_is_kept_per_language(db):
    someone = builders.person()
    quote = builders.passage(builders.article(), "Ana Pérez")
    for en, es in [("a lawyer", "un abogado"), ("the editor", "el director")]:
        builders.cite(
            Role.objects.create(person=someone, kind="description", title_en=en, title_es=es), quote
        )

    def build():
        return Role.objects.filter(person__slug=TEXT_MARKER).order_by("title")

    for language, titles in [
        ("en", ["a lawyer", "the editor"]),
        ("es", ["el director", "un abogado"]),
    ]:
        with translation.override(language):
            roles = prepared("test roles", Role, build, TEXT_MARKER).rows(someone.slug)
            assert [role.title for role in roles] == titles


def test_a_query_must_hold_its_marker_once(db):
    with pytest.raises(ValueError, match="0 of the query's parameters"):
        PreparedQuery(Person.objects.filter(slug="ana"), TEXT_MARKER)
    with pytest.raises(ValueError, match="2 of the query's parameters"):
        PreparedQuery(Person.objects.filter(slug=TEXT_MARKER, name=TEXT_MARKER), TEXT_MARKER)
