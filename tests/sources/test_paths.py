"""A detail page's path reversed once per pattern is the path ``reverse`` gives, in every
language, and any key ``reverse`` would encode or refuse is left to ``reverse``."""

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from sources.paths import detail_path


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("releases:person_detail", "ana-perez-2"),
        ("releases:facility_detail", "el_helicoide"),
        ("releases:event_detail", "release-wave-7"),
        ("releases:nationality_detail", "ve"),
        ("sources:detail", "bench-report-1"),
    ],
)
def test_a_slug_gives_the_path_reverse_gives(language, name, key):
    with translation.override(language):
        assert detail_path(name, key) == reverse(name, args=[key])
        assert detail_path(name, key).startswith(f"/{language}/")


def test_each_key_takes_its_own_place_in_the_pattern():
    with translation.override("en"):
        first = detail_path("releases:person_detail", "first")
        second = detail_path("releases:person_detail", "second")
    assert (first, second) == ("/en/people/first/", "/en/people/second/")


def test_a_key_that_needs_encoding_is_encoded_as_reverse_does():
    with translation.override("es"):
        path = detail_path("releases:nationality_detail", "côte d'ivoire")
        assert path == reverse("releases:nationality_detail", args=["côte d'ivoire"])
    assert "%20" in path


def test_a_key_the_pattern_refuses_is_still_refused():
    with pytest.raises(NoReverseMatch):
        detail_path("releases:person_detail", "no/slashes")
