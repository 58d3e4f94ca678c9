"""Merging one person spelt two ways: everything moves to the person kept, in one step."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from releases.merging import MergeError, merge_people
from releases.models import Citizenship, Country, Mention, Person, Release, Status
from tests import builders


@pytest.fixture
def twins(db):
    spain = Country.objects.create(code="ES", name="Spain", demonym="Spanish")
    article = builders.article("Kenny Tejeda Jiménez, Spanish, was freed. Kennedy Tejeda left.")
    keep = builders.person("Kenny Tejeda Jiménez", slug="kenny-tejeda-jimenez")
    merge = builders.person("Kennedy Tejeda", slug="kennedy-tejeda")
    left = builders.passage(article, "Kennedy Tejeda left")
    for person, cited in (
        (keep, builders.passage(article, "Kenny Tejeda Jiménez, Spanish")),
        (merge, left),
    ):
        builders.cite(Citizenship.objects.create(person=person, country=spain), cited)
    builders.cite(Release.objects.create(person=merge), left)
    builders.cite(Mention.objects.create(person=merge), builders.passage(article, "Kennedy Tejeda"))
    return keep, merge


def test_every_fact_and_citation_moves_and_the_name_becomes_a_cited_alias(twins):
    keep, merge = twins
    merge_people(keep=keep, merge=merge)
    assert not Person.objects.filter(pk=merge.pk).exists()
    citizenship = keep.citizenships.get()  # one per country: the two folded together
    assert sorted(p.quote for p in citizenship.citations.all()) == [
        "Kennedy Tejeda left",
        "Kenny Tejeda Jiménez, Spanish",
    ]
    assert keep.releases.count() == 1
    alias = keep.aliases.get()
    assert (alias.name, [p.quote for p in alias.citations.all()]) == (
        "Kennedy Tejeda",
        ["Kennedy Tejeda"],
    )
    keep.refresh_from_db()
    assert keep.status == Status.RELEASED


def test_the_old_address_redirects_permanently(client, twins):
    keep, merge = twins
    merge_people(keep=keep, merge=merge)
    response = client.get("/en/people/kennedy-tejeda/?format=json")
    assert response.status_code == 301
    assert response["Location"] == f"{keep.get_absolute_url()}?format=json"
    assert client.get("/en/people/nobody-at-all/").status_code == 404


def test_a_person_is_not_merged_into_themselves(twins):
    keep, _merge = twins
    with pytest.raises(MergeError, match="into themselves"):
        merge_people(keep=keep, merge=keep)


def test_the_admin_merges_two_ticked_people_into_the_one_picked(client, twins):
    keep, merge = twins
    client.force_login(User.objects.create_superuser("editor", "e@example.org", "long pass"))
    url = reverse("admin:releases_person_changelist")
    ticked = {"action": "merge_people", "_selected_action": [keep.pk, merge.pk]}
    page = client.post(url, ticked)
    assert page.status_code == 200 and b"Pick the one to keep" in page.content
    assert Person.objects.count() == 2  # nothing happens before the pick
    done = client.post(url, {**ticked, "keep": merge.pk}, follow=True)
    assert b"Merged" in done.content
    assert list(Person.objects.values_list("name", flat=True)) == ["Kennedy Tejeda"]
    one = client.post(url, {"action": "merge_people", "_selected_action": [merge.pk]}, follow=True)
    assert b"Tick exactly two people" in one.content
