"""The given names are read from the dictionary once, then from a cache file: a new
process's first ingest does not pay the dictionary's two seconds."""

import pytest

from curation.proposals import given_names


@pytest.fixture
def fresh(settings, tmp_path):
    settings.KNOWN_NAMES_DIR = str(tmp_path)
    given_names.given_names.cache_clear()
    yield tmp_path
    given_names.given_names.cache_clear()  # the next test reads them as configured


def test_a_new_process_reads_the_given_names_from_the_cache_file(fresh, monkeypatch):
    read = given_names.given_names()
    assert [path.name[:12] for path in fresh.glob("given-names-*.txt")] == ["given-names-"]

    given_names.given_names.cache_clear()  # a new process
    monkeypatch.setattr(given_names, "_from_the_dictionary", lambda: pytest.fail("re-read"))

    assert given_names.given_names() == read
    assert given_names.is_given_name("Yolimar") and given_names.is_given_name("maría")
    assert not given_names.is_given_name("Helicoide")


def test_other_lists_are_another_cache_file(fresh, monkeypatch):
    given_names.given_names()
    given_names.given_names.cache_clear()
    monkeypatch.setattr(given_names, "COMMON_HERE", [*given_names.COMMON_HERE, "Zuleidymar"])

    assert "zuleidymar" in given_names.given_names()
    assert len(list(fresh.glob("given-names-*.txt"))) == 2
