"""Bad fixture input: a clear error naming file, line, record and field, and nothing written."""

import hashlib
import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from curation.importer.loading import MAX_YAML_BYTES
from releases.models import Release

TEXT = (
    "Freed: Ana Pérez\n"
    "Venezuela on Thursday freed Ana Pérez, a \u201cjournalist\u201d.\n"
    "Ana Pérez was held at El Helicoide.\n"
    "Ana Pérez was held at El Helicoide.\n"
    "Share this story\n"
)

VALID = """\
articles:
  - id: "a1"
    file: articles/a1.txt
    sha256: SHA256
    slug: a1
    title: Freed
    language: en
    published: "2026-01-09"
    published_text: "9 January 2026"
    boilerplate:
      - {lines: "5", kind: chrome}
countries:
  - {id: VE, name: Venezuela}
people:
  - {id: ana-perez, name: Ana Pérez}
citizenships:
  - id: ana-ve
    person: ana-perez
    country: VE
    certainty: implied
    cite:
      - {article: "a1", quote: 'freed Ana Pérez, a "journalist".'}
releases:
  - id: release-ana
    person: ana-perez
    date: 2026-01
    cite:
      - {article: "a1", quote: 'Venezuela on Thursday   freed Ana Pérez'}
""".replace("SHA256", hashlib.sha256(TEXT.encode("utf-8")).hexdigest())


def write_fixture(folder: Path, yaml_text: str = VALID, text: str | bytes = TEXT) -> Path:
    (folder / "articles").mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8") if isinstance(text, str) else text
    (folder / "articles" / "a1.txt").write_bytes(data)
    (folder / "fixture.yaml").write_text(yaml_text, encoding="utf-8")
    return folder


def run_import(folder: Path, *args: str) -> str:
    out = io.StringIO()
    call_command("import_fixtures", str(folder), *args, stdout=out, stderr=out)
    return out.getvalue()


def dump() -> str:
    out = io.StringIO()
    call_command("dumpdata", "sources", "releases", stdout=out)
    return out.getvalue()


@pytest.fixture
def imported(db, tmp_path):
    """A small valid fixture already imported, so that 'unchanged database' means something."""
    folder = write_fixture(tmp_path / "good")
    run_import(folder)
    return folder


def assert_refused(folder: Path, *expected: str) -> str:
    before = dump()
    out = io.StringIO()
    with pytest.raises(CommandError, match="nothing was written") as refusal:
        call_command("import_fixtures", str(folder), stdout=out, stderr=out)
    assert dump() == before
    errors = out.getvalue() + str(refusal.value)
    for fragment in expected:
        assert fragment in errors, errors
    return errors


def test_a_valid_fixture_imports_with_offsets_into_the_verbatim_text(imported):
    release = Release.objects.get()
    passage = release.citations.get()
    assert passage.quote == "Venezuela on Thursday freed Ana Pérez"
    assert passage.article.text[passage.start : passage.end] == passage.quote


def test_malformed_yaml_names_the_file_and_line(imported, tmp_path):
    bad = VALID.replace("    slug: a1\n", "    slug: [a1\n")
    assert_refused(write_fixture(tmp_path / "bad", bad), "fixture.yaml:", "malformed YAML")


def test_a_missing_required_field_is_named_with_its_record(imported, tmp_path):
    bad = VALID.replace("    date: 2026-01\n", "")
    assert_refused(
        write_fixture(tmp_path / "bad", bad),
        "fixture.yaml:24: releases[id=release-ana], field 'date': required field missing",
    )


def test_an_unknown_article_is_named(imported, tmp_path):
    bad = VALID.replace('{article: "a1", quote: \'Venezuela', '{article: "zz", quote: \'Venezuela')
    assert_refused(write_fixture(tmp_path / "bad", bad), "field 'cite[1]'", "unknown article 'zz'")


def test_a_quote_not_found_shows_the_closest_near_match(imported, tmp_path):
    bad = VALID.replace(
        "Venezuela on Thursday   freed Ana Pérez", "Venezuela on Friday freed Ana Perez"
    )
    errors = assert_refused(write_fixture(tmp_path / "bad", bad), "quote not found in article 'a1'")
    assert "closest" in errors and "Venezuela on Thursday freed Ana Pérez" in errors


def test_an_ambiguous_quote_asks_for_an_occurrence(imported, tmp_path):
    bad = VALID.replace("Venezuela on Thursday   freed Ana Pérez", "was held at El Helicoide")
    assert_refused(
        write_fixture(tmp_path / "bad", bad),
        "ambiguous quote: occurs 2 times in article 'a1' (lines 3, 4); add occurrence: N",
    )


def test_occurrence_picks_one_of_several_in_reading_order(db, tmp_path):
    chosen = VALID.replace(
        "{article: \"a1\", quote: 'Venezuela on Thursday   freed Ana Pérez'}",
        '{article: "a1", quote: "was held at El Helicoide", occurrence: 2}',
    )
    run_import(write_fixture(tmp_path / "ok", chosen))
    passage = Release.objects.get().citations.get()
    assert passage.start == TEXT.rindex("was held at El Helicoide")


def test_a_quote_found_only_in_boilerplate_is_not_citable(imported, tmp_path):
    bad = VALID.replace("Venezuela on Thursday   freed Ana Pérez", "Share this story")
    assert_refused(write_fixture(tmp_path / "bad", bad), "occurs only in boilerplate")


def test_a_duplicate_id_points_at_the_first_definition(imported, tmp_path):
    bad = VALID.replace(
        "  - {id: ana-perez, name: Ana Pérez}\n", "  - {id: ana-perez, name: Ana Pérez}\n" * 2
    )
    assert_refused(write_fixture(tmp_path / "bad", bad), "duplicate id; first defined at")


def test_a_key_repeated_inside_one_record_is_refused(imported, tmp_path):
    bad = VALID.replace("    title: Freed\n", "    title: Freed\n    title: Again\n")
    assert_refused(write_fixture(tmp_path / "bad", bad), "found the key 'title' twice")


def test_an_impossible_date_is_refused(imported, tmp_path):
    bad = VALID.replace("    date: 2026-01\n", "    date: 2026-02-30\n")
    assert_refused(
        write_fixture(tmp_path / "bad", bad), "field 'date': '2026-02-30' is an impossible date"
    )


def test_an_article_in_the_wrong_encoding_is_refused(imported, tmp_path):
    folder = write_fixture(
        tmp_path / "bad", text=TEXT.replace("\u201c", '"').replace("\u201d", '"').encode("latin-1")
    )
    assert_refused(folder, "articles/a1.txt:1", "not valid UTF-8: byte 0xe9")


def test_a_yaml_file_in_the_wrong_encoding_is_refused(imported, tmp_path):
    folder = write_fixture(tmp_path / "bad")
    (folder / "fixture.yaml").write_bytes(VALID.encode("latin-1"))
    assert_refused(folder, "fixture.yaml", "not valid UTF-8")


def test_an_unknown_reference_is_named(imported, tmp_path):
    bad = VALID.replace("    country: VE\n", "    country: XX\n")
    assert_refused(write_fixture(tmp_path / "bad", bad), "field 'country': unknown country 'XX'")


def test_a_fact_without_citation_is_refused(imported, tmp_path):
    bad = VALID.split('    cite:\n      - {article: "a1", quote: \'Venezuela')[0]
    assert_refused(write_fixture(tmp_path / "bad", bad), "no citation: every fact must cite")


def test_an_unknown_field_is_refused(imported, tmp_path):
    bad = VALID.replace("    date: 2026-01\n", "    date: 2026-01\n    freed_from: el-helicoide\n")
    assert_refused(write_fixture(tmp_path / "bad", bad), "field 'freed_from': unknown field")


def test_an_unquoted_numeric_id_is_refused_with_a_hint(imported, tmp_path):
    bad = VALID.replace('  - id: "a1"\n', "  - id: 001\n")
    assert_refused(write_fixture(tmp_path / "bad", bad), "(quote it")


def test_an_altered_article_file_is_caught_by_its_sha256(imported, tmp_path):
    folder = write_fixture(tmp_path / "bad", text=TEXT.replace("Thursday", "Friday"))
    assert_refused(folder, "field 'sha256'", "the file was altered")


def test_an_invalid_country_code_is_refused(imported, tmp_path):
    bad = VALID.replace("{id: VE, name: Venezuela}", "{id: QQ, name: Nowhere}")
    assert_refused(write_fixture(tmp_path / "bad", bad), "'QQ' is not an ISO 3166-1 alpha-2 code")


def test_all_problems_are_reported_at_once(imported, tmp_path):
    bad = VALID.replace("    date: 2026-01\n", "    date: 2026-02-30\n").replace(
        "    country: VE\n", "    country: XX\n"
    )
    errors = assert_refused(write_fixture(tmp_path / "bad", bad), "2 problem(s)")
    assert "impossible date" in errors and "unknown country" in errors


def test_the_command_line_exits_non_zero_without_a_traceback(tmp_path):
    folder = write_fixture(tmp_path / "bad", VALID.replace("    date: 2026-01\n", ""))
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}"}
    manage = str(settings.BASE_DIR / "manage.py")
    subprocess.run([sys.executable, manage, "migrate", "-v0"], env=env, check=True)
    result = subprocess.run(
        [sys.executable, manage, "import_fixtures", str(folder)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "required field missing" in result.stderr
    assert "Traceback" not in result.stderr


# -- article files: only from inside the fixture folder, each with its sha256 -------------


@pytest.mark.parametrize(
    ("file", "message"),
    [
        ("/etc/passwd", "not an absolute path"),
        ("/proc/self/environ", "not an absolute path"),
        ("../outside.txt", "must not leave the fixture folder with '..'"),
        ("articles/../../outside.txt", "must not leave the fixture folder with '..'"),
        ("articles", "is not a regular file"),
    ],
)
def test_an_article_file_outside_the_fixture_folder_is_refused(imported, tmp_path, file, message):
    (tmp_path / "outside.txt").write_text(TEXT, encoding="utf-8")
    bad = VALID.replace("    file: articles/a1.txt\n", f"    file: {file}\n")
    assert_refused(write_fixture(tmp_path / "bad", bad), "articles[id=a1], field 'file'", message)


def test_a_link_to_a_file_outside_the_fixture_folder_is_refused(imported, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(TEXT, encoding="utf-8")
    folder = write_fixture(tmp_path / "bad")
    (folder / "articles" / "a1.txt").unlink()
    (folder / "articles" / "a1.txt").symlink_to(secret)
    assert_refused(folder, "fixture.yaml:2: articles[id=a1], field 'file'", "outside the fixture")


def test_a_link_that_stays_inside_the_fixture_folder_is_followed(db, tmp_path):
    folder = write_fixture(tmp_path / "ok")
    (folder / "articles" / "a1.txt").rename(folder / "articles" / "real.txt")
    (folder / "articles" / "a1.txt").symlink_to("real.txt")
    run_import(folder)
    assert Release.objects.get().citations.get().article.text == TEXT


def test_an_article_without_its_sha256_is_refused_naming_the_digest(db, tmp_path):
    digest = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    bad = VALID.replace(f"    sha256: {digest}\n", "")
    errors = assert_refused(
        write_fixture(tmp_path / "bad", bad),
        "fixture.yaml:2: articles[id=a1], field 'sha256': required field missing",
    )
    assert digest in errors


# -- input the database cannot store, or that would take unbounded time or memory ----------


def test_a_raw_nul_byte_in_the_yaml_is_refused_with_its_line(imported, tmp_path):
    folder = write_fixture(tmp_path / "bad")
    (folder / "fixture.yaml").write_bytes(
        VALID.replace("title: Freed", "title: Fr\0eed").encode("utf-8")
    )
    assert_refused(folder, "fixture.yaml:6:", "NUL byte")


def test_an_escaped_nul_in_a_text_field_is_refused_with_its_line(imported, tmp_path):
    bad = VALID.replace("    title: Freed\n", '    title: "Fr\\0eed"\n')
    assert_refused(write_fixture(tmp_path / "bad", bad), "fixture.yaml:6:", "NUL character")


def test_half_a_utf16_pair_in_a_text_field_is_refused_with_its_line(imported, tmp_path):
    bad = VALID.replace("    title: Freed\n", '    title: "Fr\\ud800eed"\n')
    assert_refused(write_fixture(tmp_path / "bad", bad), "fixture.yaml:6:", "UTF-16 pair")


def test_a_nul_byte_in_an_article_is_refused_with_its_line(imported, tmp_path):
    folder = write_fixture(tmp_path / "bad", text=TEXT.replace("El Helicoide", "El\0Helicoide", 1))
    assert_refused(folder, "articles/a1.txt:3:", "NUL byte")


def test_deep_nesting_is_refused_before_it_is_built(imported, tmp_path):
    bad = VALID + "countries_extra: " + "[" * 10_000 + "]" * 10_000 + "\n"
    assert_refused(write_fixture(tmp_path / "bad", bad), "fixture.yaml:", "nested more than")


def test_yaml_aliases_are_refused_before_they_are_expanded(imported, tmp_path):
    bomb = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    bomb += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    bad = VALID + "\n".join(bomb) + "\n"
    started = time.monotonic()
    assert_refused(
        write_fixture(tmp_path / "bad", bad), "fixture.yaml:", "anchors and aliases are not allowed"
    )
    assert time.monotonic() - started < 10


def test_an_oversized_fixture_file_is_refused_unread(imported, tmp_path):
    folder = write_fixture(tmp_path / "bad")
    with (folder / "fixture.yaml").open("a", encoding="utf-8") as fixture:
        fixture.write(f"# {'x' * (MAX_YAML_BYTES + 1)}\n")
    assert_refused(folder, "fixture.yaml:1:", "larger than")


COUNT = """\
counts:
  - id: freed-total
    subject: political prisoners
    metric: released
    qualifier: QUALIFIER
    value_text: some
    claimed_by: the government
    cite:
      - {article: "a1", quote: "Venezuela on Thursday freed Ana Pérez"}
"""


@pytest.mark.parametrize(
    ("qualifier", "value"), [("unspecified", "    value: 12\n"), ("approximate", "")]
)
def test_a_count_whose_value_and_qualifier_disagree_is_refused(
    imported, tmp_path, qualifier, value
):
    count = COUNT.replace("QUALIFIER", qualifier).replace(
        "    value_text", f"{value}    value_text"
    )
    assert_refused(
        write_fixture(tmp_path / "bad", VALID + count),
        "fixture.yaml:30: counts[id=freed-total], field 'value': give a value exactly when",
    )


# -- duplicates inside one fixture set are errors, not conflicts ----------------------------


def test_the_same_alias_twice_in_one_fixture_set_is_an_error(imported, tmp_path):
    alias = """\
  - id: ana-alias-{n}
    person: ana-perez
    name: Ana Perez
    cite:
      - {{article: "a1", quote: "Ana Pérez was held", occurrence: 1}}
"""
    bad = VALID + "aliases:\n" + alias.format(n=1) + alias.format(n=2)
    assert_refused(
        write_fixture(tmp_path / "bad", bad),
        "fixture.yaml:35: aliases[id=ana-alias-2], field 'name': same person and name as "
        "aliases[id=ana-alias-1] at ",
    )


def test_the_same_article_text_twice_in_one_fixture_set_is_an_error(imported, tmp_path):
    first = VALID.split("countries:")[0].removeprefix("articles:\n")
    second = first.replace('id: "a1"', 'id: "a2"').replace("slug: a1", "slug: a2")
    second = second.replace("articles/a1.txt", "articles/a2.txt")
    bad = "articles:\n" + first + second + "countries:" + VALID.split("countries:")[1]
    folder = write_fixture(tmp_path / "bad", bad)
    (folder / "articles" / "a2.txt").write_text(TEXT, encoding="utf-8")
    assert_refused(
        folder, "articles[id=a2], field 'sha256': same text (sha256) as articles[id=a1] at "
    )
