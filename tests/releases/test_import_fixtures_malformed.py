"""A catalogue of malformed fixture sets, each refused with a `file:line` message, no
traceback and nothing written. bench/malformed_fixtures.py prints the same figures as a table.
"""

import io
import re
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from curation.importer.loading import MAX_ARTICLE_BYTES, MAX_YAML_BYTES
from tests.releases.test_import_fixtures_errors import TEXT, VALID, dump, write_fixture

Make = Callable[[Path], None]
SHA = VALID.split("sha256: ")[1].split("\n")[0]


@dataclass(frozen=True)
class Variant:
    name: str
    make: Make  # turns a valid fixture folder into a malformed one


def _yaml(old: str, new: str) -> Make:
    assert old in VALID, old

    def make(folder: Path) -> None:
        write_fixture(folder, VALID.replace(old, new, 1))

    return make


def _append(extra: str) -> Make:
    return lambda folder: write_fixture(folder, VALID + extra)


def _yaml_bytes(data: bytes) -> Make:
    return lambda folder: (folder / "fixture.yaml").write_bytes(data)


def _file(name: str) -> Make:
    """One more article, uncited and with no sha256, reading ``name``: the attack of
    publishing a file from the host."""
    leak = f'  - id: "leak"\n    file: {name}\n    slug: leak\n    language: en\n'
    return _yaml("countries:\n", leak + "    published: unknown\ncountries:\n")


def _article(data: bytes) -> Make:
    return lambda folder: (folder / "articles" / "a1.txt").write_bytes(data)


def _link_outside(folder: Path) -> None:
    outside = folder.parent / f"{folder.name}-secret.txt"
    outside.write_text(TEXT, encoding="utf-8")
    (folder / "articles" / "a1.txt").unlink()
    (folder / "articles" / "a1.txt").symlink_to(outside)


def _link_loop(folder: Path) -> None:
    (folder / "articles" / "a1.txt").unlink()
    (folder / "articles" / "a1.txt").symlink_to("a1.txt")


def _same_text_twice(folder: Path) -> None:
    first = VALID.split("countries:")[0].removeprefix("articles:\n")
    second = first.replace('id: "a1"', 'id: "a2"').replace("slug: a1", "slug: a2")
    second = second.replace("articles/a1.txt", "articles/a2.txt")
    write_fixture(
        folder, "articles:\n" + first + second + "countries:" + VALID.split("countries:")[1]
    )
    (folder / "articles" / "a2.txt").write_text(TEXT, encoding="utf-8")


def _oversized_yaml(folder: Path) -> None:
    with (folder / "fixture.yaml").open("a", encoding="utf-8") as fixture:
        fixture.write(f"# {'x' * MAX_YAML_BYTES}\n")


def _oversized_article(folder: Path) -> None:
    with (folder / "articles" / "a1.txt").open("a", encoding="utf-8") as article:
        article.write("x" * MAX_ARTICLE_BYTES)


BOMB = "".join(
    [f"a0: &a0 [{', '.join(['lol'] * 9)}]\n"]
    + [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]\n" for n in range(1, 10)]
)
COUNT = (
    "counts:\n  - id: c1\n    subject: prisoners\n    metric: released\n    qualifier: {q}\n"
    "{value}    value_text: some\n    claimed_by: the government\n"
    '    cite:\n      - {{article: "a1", quote: "Venezuela on Thursday freed Ana Pérez"}}\n'
)
ALIAS = (
    "  - id: alias-{n}\n    person: ana-perez\n    name: Ana Perez\n"
    '    cite:\n      - {{article: "a1", quote: "Ana Pérez was held", occurrence: 1}}\n'
)
CITIZENSHIP = (
    "  - id: ana-ve-2\n    person: ana-perez\n    country: VE\n"
    '    cite:\n      - {article: "a1", quote: "Venezuela on Thursday freed Ana Pérez"}\n'
)
QUOTE = "{article: \"a1\", quote: 'Venezuela on Thursday   freed Ana Pérez'}"

VARIANTS = [
    # -- the YAML itself
    Variant("unclosed bracket", _yaml("    slug: a1\n", "    slug: [a1\n")),
    Variant("tab indentation", _yaml("    slug: a1\n", "\tslug: a1\n")),
    Variant("YAML not UTF-8", _yaml_bytes(VALID.encode("latin-1"))),
    Variant("raw NUL byte in YAML", _yaml_bytes(VALID.replace("Freed", "Fr\0eed").encode())),
    Variant("raw control character in YAML", _yaml_bytes(VALID.replace("Freed", "F\x07").encode())),
    Variant('"\\0" in a text field', _yaml("    title: Freed\n", '    title: "Fr\\0eed"\n')),
    Variant('"\\0" in a quote', _yaml("freed Ana Pérez, a", "freed Ana\\0 Pérez, a")),
    Variant('"\\0" in an id', _yaml("{id: ana-perez,", '{id: "ana\\0perez",')),
    Variant("lone surrogate in a text field", _yaml("title: Freed", 'title: "\\ud800"')),
    Variant("10,000 nested lists", _append("x: " + "[" * 10_000 + "]" * 10_000 + "\n")),
    Variant("10,000 nested mappings", _append("x: " + "{a: " * 10_000 + "1" + "}" * 10_000)),
    Variant(
        "billion laughs",
        lambda folder: write_fixture(folder, BOMB + VALID.replace("title: Freed", "title: *a9")),
    ),
    Variant("a single anchor and alias", _yaml("    slug: a1\n", "    slug: &s a1\n    url: *s\n")),
    Variant(
        "key repeated in a record", _yaml("    title: Freed\n", "    title: Freed\n    title: A\n")
    ),
    Variant("list as a mapping key", _yaml("    title: Freed\n", "    ? [a, b]\n    : Freed\n")),
    Variant("two YAML documents", _append("---\npeople: []\n")),
    Variant("a number too long to read", _yaml("    title: Freed\n", f"    title: {'9' * 5000}\n")),
    Variant("oversized YAML file", _oversized_yaml),
    # -- the shape of the file
    Variant("top level is a list", lambda folder: write_fixture(folder, "- people\n- articles\n")),
    Variant("top level is text", lambda folder: write_fixture(folder, "just some words\n")),
    Variant("unknown section", _append("prisoners:\n  - {id: x}\n")),
    Variant("section not a list", _append("events: nothing\n")),
    Variant("entry not a mapping", _append("events:\n  - just a line\n")),
    # -- records and fields
    Variant("missing id", _yaml("{id: ana-perez, name", "{name")),
    Variant("invalid id", _yaml("{id: ana-perez,", '{id: "ana perez!",')),
    Variant("unquoted numeric id", _yaml('  - id: "a1"\n', "  - id: 001\n")),
    Variant("duplicate id", _append("people:\n  - {id: ana-perez, name: Ana}\n")),
    Variant("unknown field", _yaml("    date: 2026-01\n", "    date: 2026-01\n    freed: yes\n")),
    Variant("missing required field", _yaml("    date: 2026-01\n", "")),
    Variant("list where text is expected", _yaml("    title: Freed\n", "    title: [Freed]\n")),
    Variant(
        "text where true/false is expected",
        _yaml("name: Ana Pérez}", "name: Ana, is_named: yes please}"),
    ),
    Variant("impossible date", _yaml("    date: 2026-01\n", "    date: 2026-02-30\n")),
    Variant("date that is not a date", _yaml("    date: 2026-01\n", "    date: last week\n")),
    Variant(
        "explicit timestamp tag",
        _yaml("    date: 2026-01\n", "    date: !!timestamp 2026-01-01 10:00:00\n"),
    ),
    Variant(
        "unsafe Python tag",
        _yaml("    title: Freed\n", "    title: !!python/object:os.system {}\n"),
    ),
    Variant("choice not among the choices", _yaml("certainty: implied", "certainty: probably")),
    Variant("unknown reference", _yaml("    country: VE\n", "    country: XX\n")),
    Variant("lower-case country id", _yaml("{id: VE,", "{id: ve,")),
    Variant("country id not ISO 3166", _yaml("{id: VE, name: Venezuela}", "{id: QQ, name: Q}")),
    Variant("text too long for its column", _yaml("name: Ana Pérez}", f"name: {'A' * 300}}}")),
    Variant("invalid slug", _yaml("    slug: a1\n", "    slug: not a slug!\n")),
    Variant("invalid URL", _yaml("    title: Freed\n", "    title: Freed\n    url: not a url\n")),
    Variant("count: negative value", _append(COUNT.format(q="exact", value="    value: -3\n"))),
    Variant(
        "count: value too large", _append(COUNT.format(q="exact", value=f"    value: {10**20}\n"))
    ),
    Variant(
        "count: unspecified with a value",
        _append(COUNT.format(q="unspecified", value="    value: 3\n")),
    ),
    Variant("count: approximate without a value", _append(COUNT.format(q="approximate", value=""))),
    # -- citations
    Variant("fact without citation", _yaml(f"    cite:\n      - {QUOTE}\n", "")),
    Variant("cite not a list", _yaml(f"    cite:\n      - {QUOTE}\n", "    cite: a1\n")),
    Variant("cite entry not a mapping", _yaml(f"      - {QUOTE}\n", "      - a1\n")),
    Variant(
        "cite with unknown keys", _yaml("quote: 'Venezuela on", "page: 3, quote: 'Venezuela on")
    ),
    Variant(
        "cite article not an id",
        _yaml('{article: "a1", quote: \'Venezuela', "{article: [a1], quote: 'Venezuela"),
    ),
    Variant(
        "cite of an unknown article",
        _yaml('{article: "a1", quote: \'Venezuela', '{article: "zz", quote: \'Venezuela'),
    ),
    Variant("empty quote", _yaml("'Venezuela on Thursday   freed Ana Pérez'", "''")),
    Variant("quote not in the article", _yaml("Thursday   freed", "Friday freed")),
    Variant(
        "ambiguous quote",
        _yaml("Venezuela on Thursday   freed Ana Pérez", "was held at El Helicoide"),
    ),
    Variant(
        "quote only in boilerplate",
        _yaml("Venezuela on Thursday   freed Ana Pérez", "Share this story"),
    ),
    Variant("occurrence zero", _yaml("freed Ana Pérez'}\n", "freed Ana Pérez', occurrence: 0}\n")),
    Variant(
        "occurrence too high", _yaml("freed Ana Pérez'}\n", "freed Ana Pérez', occurrence: 4}\n")
    ),
    # -- article files
    Variant("article without file", _yaml("    file: articles/a1.txt\n", "")),
    Variant("article file missing", _yaml("articles/a1.txt", "articles/a9.txt")),
    Variant("absolute path /etc/passwd", _file("/etc/passwd")),
    Variant("absolute path /proc/self/environ", _file("/proc/self/environ")),
    Variant("'..' out of the folder", _file("../../../../../../etc/hostname")),
    Variant("symlink to outside the folder", _link_outside),
    Variant("symlink loop", _link_loop),
    Variant("a folder as the file", _file("articles")),
    Variant("article not UTF-8", _article(TEXT.encode("utf-8").replace("é".encode(), b"\xe9"))),
    Variant("NUL byte in an article", _article(TEXT.replace("Helicoide", "Heli\0coide").encode())),
    Variant("oversized article", _oversized_article),
    Variant("article without sha256", _yaml(f"    sha256: {SHA}\n", "")),
    Variant("sha256 of another file", _yaml(SHA, "0" * 64)),
    Variant("sha256 not hex", _yaml(SHA, "not-a-digest")),
    Variant(
        "boilerplate not a list", _yaml('      - {lines: "5", kind: chrome}\n', "      chrome\n")
    ),
    Variant("boilerplate of unknown kind", _yaml("kind: chrome", "kind: adverts")),
    Variant("boilerplate lines outside the file", _yaml('lines: "5"', 'lines: "50-60"')),
    # -- duplicates inside one fixture set
    Variant("the same article text twice", _same_text_twice),
    Variant("the same alias twice", _append("aliases:\n" + ALIAS.format(n=1) + ALIAS.format(n=2))),
    Variant("the same citizenship twice", _yaml("releases:\n", CITIZENSHIP + "releases:\n")),
]

_LOCATED = re.compile(r"^error: \S+:\d+: ")


@dataclass
class Outcome:
    refused: bool  # CommandError, non-zero exit
    located: bool  # every error line names file:line
    wrote: bool  # the database changed
    traceback: str  # any other exception, as the command line would show it


def attempt(variant: Variant, folder: Path) -> Outcome:
    """Import ``variant`` over a database that already holds the valid fixture."""
    write_fixture(folder)
    variant.make(folder)
    before = dump()
    out = io.StringIO()
    refused, error = False, ""
    try:
        call_command("import_fixtures", str(folder), stdout=out, stderr=out)
    except CommandError:
        refused = True
    except Exception:  # what would reach the terminal as a traceback
        error = traceback.format_exc(limit=-3)
    errors = [line for line in out.getvalue().splitlines() if line.startswith("error: ")]
    located = bool(errors) and all(_LOCATED.match(line) for line in errors)
    return Outcome(refused, located, dump() != before, error)


@pytest.fixture
def imported(db, tmp_path):
    call_command("import_fixtures", str(write_fixture(tmp_path / "good")), stdout=io.StringIO())


@pytest.mark.parametrize("variant", VARIANTS, ids=[v.name for v in VARIANTS])
def test_a_malformed_fixture_is_refused_at_a_file_and_line_with_nothing_written(
    imported, tmp_path, variant
):
    outcome = attempt(variant, tmp_path / "bad")
    assert not outcome.traceback, outcome.traceback
    assert outcome.refused and outcome.located and not outcome.wrote, outcome
