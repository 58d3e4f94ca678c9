import pytest

from sources import article_text
from sources.article_text import UnacceptableText, normalise


def test_line_ends_become_lf_whatever_the_browser_or_editor_sent():
    assert normalise("one\r\ntwo\rthree\nfour\r\n") == "one\ntwo\nthree\nfour\n"


def test_a_leading_byte_order_mark_is_dropped_but_not_one_inside_the_text():
    assert normalise("\ufeffTitle\n\ufeffbody") == "Title\n\ufeffbody"


@pytest.mark.parametrize(
    "evidence",
    [
        '“Curly” and \u2018single\u2019 quotes, and "straight" ones',
        "a non\u2011breaking hyphen and a non-breaking\u00a0space",
        "emoji 🇻🇪 and 🙏🏽 from the astral plane",
        "combining accents: Rocio\u0301 and precomposed Rocío",
        "zero\u200bwidth space and a trailing space ",
        "\ttabs\tand \u2028 line separators",
    ],
)
def test_characters_that_are_evidence_are_kept_exactly(evidence):
    assert normalise(evidence) == evidence


def test_normalising_twice_changes_nothing():
    once = normalise("\ufeffa\r\n\r\nb\r")
    assert normalise(once) == once == "a\n\nb\n"


def test_a_nul_character_is_refused_saying_where():
    with pytest.raises(UnacceptableText, match=r"NUL character \(line 2, column 4\)"):
        normalise("first\nsec\x00ond")


def test_text_over_the_limit_is_refused_saying_the_limit_and_why():
    with pytest.raises(UnacceptableText, match=r"limit is 1,000,000 bytes.*because news"):
        normalise("é" * (article_text.MAX_BYTES // 2 + 1))
    assert normalise("a" * article_text.MAX_BYTES)


def test_bytes_that_are_not_utf8_are_refused_saying_which_byte():
    with pytest.raises(UnacceptableText, match="byte 2 is not valid"):
        article_text.decode(b"ok\xe9")


def test_positions_map_lf_text_back_to_text_with_crs():
    text = "a\r\nb\rc\n"
    shown = article_text.lf_line_ends(text)
    origin = article_text.positions_in(text)
    assert shown == "a\nb\nc\n" and len(origin) == len(shown) + 1
    assert [text[origin[i]] for i in range(len(shown))] == ["a", "\r", "b", "\r", "c", "\n"]
    assert origin[-1] == len(text)
