"""Finding a curator's quote in an article's verbatim text.

Matching forgives exactly two things a person retyping a quote gets wrong: curly versus
straight quotation marks, and runs of whitespace (spaces, newlines, non-breaking spaces).
Everything else — case, accents, punctuation, spelling — must match. The offsets returned
always point into the verbatim text, so ``text[start:end]`` is the passage as printed.
"""

import difflib
from collections import Counter
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


# The exact similarity ratio costs up to the square of the quote's length; it is computed for
# the windows ranked best by a linear-time upper bound, within this many character pairs, so
# that a long article costs a pass over its text, not minutes.
CLOSEST_MATCH_BUDGET = 20_000_000


def closest_match(text: str, quote: str, folded: Folded | None = None) -> tuple[str, float]:
    """The stretch of ``text`` most like ``quote`` and its similarity ratio (0..1), to show a
    curator what they probably meant. Windows start at word boundaries and have the quote's
    length. Every window's upper-bound ratio (shared characters, as difflib's quick_ratio)
    is found in one sliding pass; the exact ratio is computed for the most promising
    windows only, best bound first, until no remaining bound can beat the best found."""
    needle = fold_quote(quote)
    folded = folded or fold(text)
    haystack = folded.text
    if not needle or not haystack:
        return "", 0.0
    width = len(needle)
    bounds = _upper_bounds(haystack, needle)
    ranked = sorted(bounds, key=lambda start: (-bounds[start], start))
    best_ratio, best_start = -1.0, 0
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(needle)
    candidates = max(10, CLOSEST_MATCH_BUDGET // (width * width))
    for start in ranked[:candidates]:
        if bounds[start] <= best_ratio:
            break
        matcher.set_seq1(haystack[start : start + width])
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best_ratio, best_start = ratio, start
    # The best stretch may be a little longer or shorter than the quote ("Thursday" for
    # "Friday"): try nearby widths from the best start, a few dozen at most.
    best_width = width
    shortest, longest = max(1, int(width * 0.75)), int(width * 1.35) + 2
    for candidate in range(shortest, longest, max(1, (longest - shortest) // 40)):
        matcher.set_seq1(haystack[best_start : best_start + candidate])
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best_ratio, best_width = ratio, candidate
    window_end = min(best_start + best_width, len(haystack)) - 1
    original = text[folded.origin[best_start] : folded.origin[window_end] + 1]
    return original, max(best_ratio, 0.0)


def _upper_bounds(haystack: str, needle: str) -> dict[int, float]:
    """For each window of the needle's width starting at a word boundary, difflib's
    quick_ratio: twice the characters it shares with the needle (as multisets) over the two
    lengths. Kept up to date as the window slides one character at a time."""
    width = len(needle)
    wanted = Counter(needle)
    held: Counter[str] = Counter()
    shared = 0
    bounds: dict[int, float] = {}
    end = 0  # the window is haystack[start:end]
    for start in range(len(haystack)):
        while end < min(start + width, len(haystack)):
            char = haystack[end]
            held[char] += 1
            shared += held[char] <= wanted[char]
            end += 1
        if start == 0 or haystack[start - 1] == " ":
            bounds[start] = 2 * shared / ((end - start) + width)
        char = haystack[start]
        shared -= held[char] <= wanted[char]
        held[char] -= 1
    return bounds
