"""Reading an article's text: its sentences and list lines, its words, and views of it that
ignore case and accents while remembering where each character came from, so that whatever
is found can be cited by its offsets in the original."""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from sources.quotes import QUOTE_FOLD
from sources.search import fold_for_search


@dataclass(frozen=True)
class View:
    """The text as a matching mode sees it, with each character's index in the original."""

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets of ``text[start:end]``."""
        return self.origin[start], self.origin[end - 1] + 1


@cache
def _fold_char(char: str, keep_accents: bool) -> str:
    char = char.translate(QUOTE_FOLD)
    if char.isspace():
        return " "
    pieces = unicodedata.normalize("NFKD", char)
    if not keep_accents:
        pieces = "".join(p for p in pieces if not unicodedata.combining(p))
    else:
        pieces = unicodedata.normalize("NFC", pieces)
    return pieces.casefold()


def view(text: str, *, keep_accents: bool = False) -> View:
    """Lower case, curly quotes straightened, runs of spaces as one; accents dropped unless
    ``keep_accents`` (so the name "Germán" is not the demonym "german")."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = _fold_char(char, keep_accents)
        if folded == " " and chars and chars[-1] == " ":
            continue
        chars.append(folded)
        origin += [index] * len(folded)
    return View("".join(chars), tuple(origin))


def fold(text: str, *, keep_accents: bool = False) -> str:
    """``view(text).text``, trimmed; without accents it is ``fold_for_search``, which gives
    the same in one pass over the string rather than one per character (the record's
    150,000 names are folded this way)."""
    if not keep_accents:
        return fold_for_search(text)
    return view(text, keep_accents=keep_accents).text.strip()


def in_word(char: str) -> bool:
    return char.isalnum() or unicodedata.combining(char) > 0


def whole_word(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands as whole words (not inside a longer word)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (in_word(text[start]) and in_word(before)) and not (
        in_word(text[end - 1]) and in_word(after)
    )


_MONTH_AFTER = re.compile(
    r"\s*(?:Januar|Februar|März|Maerz|April|Mai|Juni|Juli|August|September|"
    r"Oktober|November|Dezember|Jan|Feb|Mär|Apr|Jun|Jul|Aug|Sep|Okt|Nov|Dez)\b"
)
# A list's number ("10. Ana Ríos") is no sentence of its own, however many digits.
_ABBREVIATION = re.compile(
    # An initial is a letter ("J. Smith"); "on Jan. 8. Foro Penal said" ends at the digit.
    r"(?:\b[^\W\d_]\.)+$|^\s*\d{1,3}\.$|\bEE\.\s?UU\.$|"
    r"\b(?:Mr|Mrs|Ms|Dr|Dra|Sr|Sra|Srta|St|Gen|Col|Lt|Jr|Cap|"
    r"Tte|Cnel|Prof|Lic|Abg|Ing|Nr|No|Capt|Sgt|Cpl|Pvt|Maj|Adm|Cmdr|Rev|Gov|Sen|Rep|Sgto|"
    r"Gral|Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec|Ene|Dic)\.$"
)
_SENTENCE_END = re.compile(r"[.!?…]+[\"\u201d\u2019)\]]*(?=\s+[\"“¿¡(\[]?[^\W_])|\n")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, trimmed of surrounding spaces. A full stop ends a
    sentence when a capitalised word or a number follows and it is not an abbreviation
    (U.S., EE.UU., Mr.); a line break always does."""
    spans, start = [], 0
    for found in _SENTENCE_END.finditer(text):
        end = found.end()
        following = text[end:].lstrip()[:1]
        if found.group() != "\n":
            if not (following.isupper() or following.isdigit() or following in '"“¿¡(['):
                continue
            if _ABBREVIATION.search(text[start : found.start() + 1]):
                continue
            if text[found.start() - 1 : found.start()].isdigit() and _MONTH_AFTER.match(text, end):
                continue  # "seit dem 8. Januar": a German ordinal, not a sentence's end
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    trimmed = []
    for left, right in spans:
        piece = text[left:right]
        stripped = piece.strip()
        if stripped:
            offset = left + len(piece) - len(piece.lstrip())
            trimmed.append((offset, offset + len(stripped)))
    return trimmed


_LIST_ITEM = re.compile(r"\s*(?:[-\u2013\u2014•*·▪●]|\d{1,3}[.)]|[a-z][.)])\s+")


def list_item_start(text: str, start: int) -> int | None:
    """Where the words of a list line begin ("- Ana Ríos, periodista" → at "Ana"), if the
    sentence at ``start`` begins a line that is a bulleted or numbered list item."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return None
    found = _LIST_ITEM.match(text, line_start)
    return found.end() if found else None


# A word: letters with inner apostrophes, hyphens or dots ("O'Brien", "Jean-Pierre", "U.S"),
# or a number ("1,200").
WORD = re.compile(r"[^\W\d_](?:[\w'\u2019]|[-.](?=[^\W\d_]))*|\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Word:
    text: str
    start: int
    end: int

    @property
    def folded(self) -> str:
        return fold(self.text)

    @property
    def capitalised(self) -> bool:
        first = self.text[0]
        return first.isupper() and (any(c.islower() for c in self.text) or len(self.text) <= 3)


def words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    end = len(text) if end is None else end
    return [
        Word(found.group(), found.start(), found.end()) for found in WORD.finditer(text, start, end)
    ]


def phrase_at(
    folded_words: list[str], index: int, phrases: frozenset[str], longest: int = 4
) -> int:
    """The longest phrase of ``phrases`` starting at ``folded_words[index]``, as its length
    in words (0 when none)."""
    for size in range(min(longest, len(folded_words) - index), 0, -1):
        if " ".join(folded_words[index : index + size]) in phrases:
            return size
    return 0
