import datetime

from sources.citations import short_date, short_title, source_label, support, text_fragment_url
from sources.highlight import segments
from tests import builders


def test_a_text_fragment_link_points_into_the_original_page(db):
    source = builders.article(
        "Rocío San Miguel, a Spanish-Venezuelan activist, was freed, officials said.",
        url="https://news.example/story#top",
    )
    short = builders.passage(source, "Spanish-Venezuelan activist")
    assert (
        text_fragment_url(short)
        == "https://news.example/story#:~:text=Spanish%2DVenezuelan%20activist"
    )
    long = builders.passage(source, source.text)
    assert text_fragment_url(long) == (
        "https://news.example/story#:~:text=Roc%C3%ADo%20San%20Miguel%2C%20a,"
        "was%20freed%2C%20officials%20said."
    )


def test_no_text_fragment_without_a_known_url(db):
    source = builders.article("Some text here.")
    assert text_fragment_url(builders.passage(source, "text")) is None


def test_reprints_of_one_story_count_as_one_origin(db):
    afp_one = builders.article("AFP copy one.", story_origin="afp-story", outlet="RTHK")
    afp_two = builders.article("AFP copy two.", story_origin="afp-story")
    other = builders.article("Another outlet's own story.")
    passages = [
        builders.passage(afp_one, "copy one"),
        builders.passage(afp_one, "AFP"),
        builders.passage(afp_two, "copy two"),
        builders.passage(other, "own story"),
    ]
    result = support(passages)
    assert (result.passages, result.articles, result.origins) == (4, 3, 2)
    assert result.has_reprints


def test_a_source_is_labelled_by_outlet_or_by_a_short_title_never_by_its_id(db):
    assert source_label(builders.article("x1", outlet="RTHK", title="A long headline")) == "RTHK"
    titled = builders.article("x2", title="Venezuela Frees Political Prisoners In Dramatic Shift")
    assert source_label(titled) == "Venezuela Frees Political Prisoners…"
    untitled = builders.article(
        "Venezuela has started releasing multiple Americans.",
        title="",
        slug="venezuela-has-started-releasing-multiple-americans",
    )
    assert source_label(untitled) == "Venezuela has started releasing…"
    # The number unique_slug adds, and slugs made of no words, are ids: never shown.
    assert source_label(builders.article("x3", title="", slug="freed-today-2")) == "Freed today"
    assert source_label(builders.article("x4", title="", slug="article-3")) == "untitled article"
    assert source_label(builders.article("x5", title="", slug="003")) == "untitled article"


def test_a_short_title_is_cut_cleanly_at_a_word_boundary(db):
    comma = builders.article("x6", title="Venezuela releases political detainees, move welcomed")
    assert short_title(comma) == "Venezuela releases political detainees…"
    assert short_title(builders.article("x7", title="Four short words here")) == (
        "Four short words here"
    )
    # Long words: fewer of them, and never a word cut in half.
    long_words = builders.article(
        "x", title="Internationally-recognised humanitarian organisations welcome"
    )
    assert short_title(long_words) == "Internationally-recognised humanitarian…"
    assert short_title(
        builders.article("x8", title="Supercalifragilisticexpialidocious-and-more words")
    ) == ("Supercalifragilisticexpialidocious-and-more…")


def test_a_marker_date_is_short_and_no_more_precise_than_known(db):
    day = builders.article("x9", published_on=datetime.date(2026, 1, 9), published_precision="day")
    month = builders.article(
        "y", published_on=datetime.date(2026, 1, 1), published_precision="month"
    )
    year = builders.article(
        "x10", published_on=datetime.date(2026, 1, 1), published_precision="year"
    )
    assert [short_date(a) for a in (day, month, year)] == ["9 Jan 2026", "Jan 2026", "2026"]
    assert short_date(builders.article("x11")) == "undated"


def test_overlapping_passages_are_cut_into_fragments_that_each_list_every_passage(db):
    source = builders.article("José Márquez, a Venezuelan lawyer, was freed on Thursday.")
    name = builders.passage(source, "José Márquez, a Venezuelan lawyer")
    release = builders.passage(source, "Márquez, a Venezuelan lawyer, was freed on Thursday")
    parts = segments(source, [name, release])
    assert [(s.text, s.covered_by) for s in parts] == [
        ("José ", [name]),
        ("Márquez, a Venezuelan lawyer", [name, release]),
        (", was freed on Thursday", [release]),
        (".", []),
    ]
    assert parts[1].anchors == f"p-{name.pk} p-{release.pk}"
    # The fragments that list a passage read, in order, as its quote.
    assert "".join(s.text for s in parts if release in s.covered_by) == release.quote
