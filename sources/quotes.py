"""Finding a curator's quote in an article's verbatim text.

Matching forgives exactly two things a person retyping a quote gets wrong: curly versus
straight quotation marks, and runs of whitespace (spaces, newlines, non-breaking spaces).
Everything else — case, accents, punctuation, spelling — must match. The offsets returned
always point into the verbatim text, so ``text[start:end]`` is the passage as printed.
"""

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

QUOTE_FOLD = str.maketrans(
    {
        "\u2018": "'",  # left single quotation mark
        "\u2019": "'",  # right single quotation mark / apostrophe
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
    }
)


@dataclass(frozen=True)
class Folded:
    """Text with quotes folded and whitespace runs collapsed to one space, plus, for every
    character of the folded text, its index in the original."""

    text: str
    origin: tuple[int, ...]


def fold(text: str) -> Folded:
    chars: list[str] = []
    origin: list[int] = []
    previous_space = False
    for index, char in enumerate(text):
        if char.isspace():
            if not previous_space:
                chars.append(" ")
                origin.append(index)
            previous_space = True
            continue
        previous_space = False
        chars.append(char.translate(QUOTE_FOLD))
        origin.append(index)
    return Folded("".join(chars), tuple(origin))


def fold_quote(quote: str) -> str:
    return fold(quote.strip()).text


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def find_all(text: str, quote: str, folded: Folded | None = None) -> list[Span]:
    """Every place ``quote`` occurs in ``text``, tolerant of quote marks and whitespace,
    as spans of the original text, in reading order. Overlapping occurrences count."""
    needle = fold_quote(quote)
    if not needle:
        return []
    folded = folded or fold(text)
    spans = []
    position = folded.text.find(needle)
    while position != -1:
        last = position + len(needle) - 1
        spans.append(Span(folded.origin[position], folded.origin[last] + 1))
        position = folded.text.find(needle, position + 1)
    return spans


def outside(spans: Iterable[Span], excluded: Iterable[tuple[int, int]]) -> list[Span]:
    """The spans that do not overlap any excluded (start, end) range."""
    excluded = list(excluded)
    return [
        span
        for span in spans
        if not any(span.start < ex_end and ex_start < span.end for ex_start, ex_end in excluded)
    ]


def closest_match(text: str, quote: str, folded: Folded | None = None) -> tuple[str, float]:
    """The stretch of ``text`` most like ``quote`` and its similarity ratio (0..1), to show a
    curator what they probably meant. Windows start at word boundaries and have the quote's
    length; a cheap upper-bound ratio prunes most of them."""
    needle = fold_quote(quote)
    folded = folded or fold(text)
    haystack = folded.text
    if not needle or not haystack:
        return "", 0.0
    width = len(needle)
    starts = [0] + [i + 1 for i, char in enumerate(haystack) if char == " "]
    best_ratio, best_start = -1.0, 0
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(needle)
    for start in starts:
        matcher.set_seq1(haystack[start : start + width])
        if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best_ratio, best_start = ratio, start
    # The best stretch may be a little longer or shorter than the quote ("Thursday" for
    # "Friday"): try nearby widths from the best start.
    best_width = width
    for candidate in range(max(1, int(width * 0.75)), int(width * 1.35) + 2):
        matcher.set_seq1(haystack[best_start : best_start + candidate])
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best_ratio, best_width = ratio, candidate
    window_end = min(best_start + best_width, len(haystack)) - 1
    original = text[folded.origin[best_start] : folded.origin[window_end] + 1]
    return original, max(best_ratio, 0.0)
