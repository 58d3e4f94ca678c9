from sources.citations import source_label, support, text_fragment_url
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


def test_a_source_is_labelled_by_outlet_or_by_its_opening_words(db):
    assert source_label(builders.article("x", outlet="RTHK")) == "RTHK"
    untitled = builders.article(
        "Venezuela has started releasing multiple Americans.",
        title="",
        slug="venezuela-has-started-releasing-multiple-americans",
    )
    assert source_label(untitled) == "“Venezuela has started releasing…”"
