"""The templates' house layout: one element per line, and one way to share a piece.

A line opens at most one block-level element (a list item, a cell, a paragraph, an SVG
shape…); inline words (links, emphasis, quotes) stay in their sentence, where a line break
would add a space to the text. A piece shared between pages, or sent again out of band, is a
file under ``<app>/templates/<app>/includes/`` pulled in with ``{% include %}``: no template
defines partials of its own.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted(
    path
    for app in ("web", "curation", "sources", "releases")
    for path in (ROOT / app / "templates").rglob("*.html")
)
BLOCK_ELEMENTS = """
html head body main header footer nav section article aside div p ul ol li dl dt dd table
caption thead tbody tfoot tr th td form fieldset legend details summary figure figcaption
h1 h2 h3 h4 h5 h6 blockquote pre svg g rect circle polygon line text title desc meta link
script hr textarea select option
"""
OPENS_BLOCK = re.compile(r"<(?:" + "|".join(BLOCK_ELEMENTS.split()) + r")(?=[\s>/])")


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_there_are_templates_to_check():
    assert len(TEMPLATES) > 30


@pytest.mark.parametrize("path", TEMPLATES, ids=_name)
def test_a_line_opens_at_most_one_block_element(path):
    crowded = [
        f"{number}: {line.strip()[:80]}"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if len(OPENS_BLOCK.findall(line)) > 1
    ]
    assert not crowded


@pytest.mark.parametrize("path", TEMPLATES, ids=_name)
def test_pieces_are_shared_by_include_not_partials(path):
    text = path.read_text()
    assert "{% partialdef" not in text and "{% partial " not in text
    for included in re.findall(r"{% include \"([^\"]+)\"", text):
        assert "/includes/" in included, included
