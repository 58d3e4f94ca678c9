"""The curators' commands print English whatever language is active or LANGUAGE_CODE says
(curation.management.language), the messages they share with the Spanish admin included;
the admin says those in the curator's language."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from curation.fetching import FetchRefused, fetch
from tests.releases.test_import_fixtures_errors import VALID, write_fixture

GOPHER = "gopher://example.org/"


@pytest.fixture
def spanish_server(settings):
    settings.LANGUAGE_CODE = "es"
    with translation.override("es"):
        yield
        assert translation.get_language() == "es"  # the command gave the language back


def test_a_refused_link_is_spanish_in_the_admin_and_english_on_the_command_line(db, spanish_server):
    with pytest.raises(FetchRefused) as in_the_admin:
        fetch(GOPHER)
    assert str(in_the_admin.value) == (
        f"{GOPHER}: solo se pueden descargar enlaces http y https, no gopher."
    )
    with pytest.raises(CommandError) as on_the_command_line:
        call_command("ingest_article", "--url", GOPHER)
    assert str(on_the_command_line.value) == (
        f"Refused, nothing stored: {GOPHER}: only http and https links can be fetched, not gopher."
    )


def test_a_fixture_error_is_english_on_a_spanish_server(db, spanish_server, tmp_path):
    bad = VALID.replace("    date: 2026-01\n", "    date: 2026-02-30\n")
    folder = write_fixture(tmp_path / "bad", bad)
    errors = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_fixtures", str(folder), stdout=io.StringIO(), stderr=errors)
    assert "field 'date': '2026-02-30' is an impossible date (no such day or month)" in (
        errors.getvalue()
    )
