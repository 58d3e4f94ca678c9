import time

from sources import quotes

TEXT = "He said \u201ca large number\u201d were\n  freed.\nIt\u2019s over. It\u2019s over."


def test_curly_quotes_and_whitespace_runs_are_forgiven():
    spans = quotes.find_all(TEXT, 'said "a large number" were freed.')
    assert len(spans) == 1
    assert TEXT[spans[0].start : spans[0].end] == "said \u201ca large number\u201d were\n  freed."


def test_offsets_point_into_the_verbatim_text_even_after_collapsed_whitespace():
    span = quotes.find_all(TEXT, "It's over.")[1]
    assert TEXT[span.start : span.end] == "It\u2019s over."
    assert span.start == TEXT.rindex("It\u2019s")


def test_case_accents_and_spelling_must_match():
    assert quotes.find_all(TEXT, "he said") == []
    assert quotes.find_all("Rocío San Miguel", "Rocio San Miguel") == []
    assert quotes.find_all("Rocío San Miguel", "Rocío San Miguel") != []


def test_every_occurrence_is_found_in_reading_order():
    spans = quotes.find_all(TEXT, "It's over.")
    assert [s.start for s in spans] == sorted(s.start for s in spans)
    assert len(spans) == 2


def test_occurrences_overlapping_excluded_ranges_are_dropped():
    spans = quotes.find_all(TEXT, "It's over.")
    kept = quotes.outside(spans, [(spans[1].start - 1, spans[1].start + 2)])
    assert kept == [spans[0]]


def test_closest_match_points_at_what_the_curator_probably_meant():
    near, ratio = quotes.closest_match(TEXT, "a larger number were freed")
    assert "large number" in near
    assert 0.6 < ratio < 1.0


def test_blank_quote_matches_nothing():
    assert quotes.find_all(TEXT, "   ") == []


def test_closest_match_in_a_long_article_takes_seconds_not_minutes():
    words = [f"w{n:03}" for n in range(997)]
    text = " ".join(words[(n * n) % 997] for n in range(40_000))  # about 200 kB
    quote = " ".join(words[(n * 7) % 997] for n in range(60))  # 300 characters, not in it
    typo = text[100_000:100_300].replace(text[100_150:100_154], "XXXX")
    started = time.monotonic()
    _near, ratio = quotes.closest_match(text, quote)
    near, typo_ratio = quotes.closest_match(text, typo)
    assert time.monotonic() - started < 20
    assert 0 < ratio < 1
    assert typo_ratio > 0.95 and near[50:100] == text[100_050:100_100]
