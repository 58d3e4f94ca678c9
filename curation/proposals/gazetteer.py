"""What the record already knows, as one structure to match any number of articles against:
every name and alias of a person, every facility, and every form of every country
(``releases.country_names``), in Aho-Corasick automata (pyahocorasick), so reading an
article costs its own length, not the size of the record.

Built once per version of the names (``curation.known_names``) and shared."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import ahocorasick
import pycountry

from curation.proposals.text import View, fold, view, whole_word
from releases import country_names

PERSON, FACILITY, COUNTRY, NOTHING = "person", "facility", "country", "nothing"
_FOLDED, _CASED, _EXACT = "folded", "cased", "exact"
_FACILITY_ARTICLES = frozenset(["el", "la", "los", "las", "the", "o", "a", "os", "as"])
_ROMAN = frozenset(["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"])


@dataclass(frozen=True)
class Entry:
    kind: str
    key: int | str  # a primary key, or a country's ISO code
    known: bool = True  # countries: whether the record has a row for it
    demonym: bool = False  # names a country's people ("venezolanas")
    lower: bool = False  # a demonym written in lower case ("venezolanas", not "Venezolaner")
    combining: bool = False  # a compound's first part, found only before its hyphen ("ítalo-")


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    entry: Entry

    def overlaps(self, other: "Found") -> bool:
        return self.start < other.end and other.start < self.end


@dataclass
class Gazetteer:
    automata: dict[str, ahocorasick.Automaton] = field(default_factory=dict)
    # For look-alike spellings, every known name and alias as its name words (folded,
    # particles dropped: ``name_words``), indexed so that a look-up reads only the names
    # sharing a first word and a later word with the one looked up, each distinct name once
    # however many people bear it (never every name of the record):
    _people_named: dict[tuple[str, ...], set[int]] = field(default_factory=lambda: defaultdict(set))
    _names_by_pair: dict[tuple[str, str], set[tuple[str, ...]]] = field(
        default_factory=lambda: defaultdict(set)
    )
    # Every name word by its first two letters and by its second and third (a first
    # letter misspelt, "Yohan"/"Johan"): the words a spelling may be near.
    _words_by_start: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, mode: str, text: str, entry: Entry) -> None:
        needle = text if mode == _EXACT else fold(text, keep_accents=mode == _CASED)
        self._add_needle(mode, needle, entry)

    def _add_needle(self, mode: str, needle: str, entry: Entry) -> None:
        if len(needle) < 2:
            return
        automaton = self.automata.setdefault(mode, ahocorasick.Automaton())
        entries = automaton.get(needle, (0, ()))[1]
        if entry not in entries:
            automaton.add_word(needle, (len(needle), (*entries, entry)))

    def add_person(self, pk: int, name: str) -> None:
        folded = fold(name)
        self._add_needle(_FOLDED, folded, Entry(PERSON, pk))
        words = name_words(tuple(folded.split()))
        if len(words) < 2:  # never the same person as anyone (``same_person``)
            return
        self._people_named[words].add(pk)
        for later in words[1:]:
            self._names_by_pair[(words[0], later)].add(words)
        for word in words:
            self._words_by_start[word[:2]].add(word)
            self._words_by_start[f"_{word[1:3]}"].add(word)

    def add_facility(self, pk: int, name: str) -> None:
        """The facility's name, and without its article as reports write it after a
        contraction or a preposition ("al Helicoide", "complexo do Rodeo", "the Rodeo
        prison complex"): capitalised as in the name, so "a rodeo" is not El Rodeo (and
        "Rodeo I" is not either, as any facility with a numeral after it)."""
        entry = Entry(FACILITY, pk)
        self.add(_FOLDED, name, entry)
        first, _, rest = name.partition(" ")
        if fold(first) in _FACILITY_ARTICLES and rest[:1].isupper():
            self.add(_EXACT, rest, entry)

    def finish(self) -> "Gazetteer":
        for automaton in self.automata.values():
            automaton.make_automaton()
        return self

    def find(self, text: str) -> list["Found"]:
        """Every whole-word match, then the longest of overlapping ones (ties at the very
        same words all stay: two people may share a name), in reading order."""
        return longest(text, self.matches(text))

    def matches(self, text: str) -> list["Found"]:
        """Every whole-word match, overlapping ones included."""
        found: list[Found] = []
        for mode, automaton in self.automata.items():
            if mode == _EXACT:
                seen = View(text, tuple(range(len(text))))
            else:
                seen = view(text, keep_accents=mode == _CASED)
            for last, (length, entries) in automaton.iter(seen.text):
                first = last - length + 1
                if not whole_word(seen.text, first, last + 1):
                    continue
                start, end = seen.span(first, last + 1)
                hyphen = text[end : end + 1] == "-"
                found += [Found(start, end, e) for e in entries if hyphen or not e.combining]
        return found

    def lookalikes(self, name: str) -> list[int]:
        """Known people whose name or alias is probably this one spelt differently
        (``same_person``): among the names whose first word and one later word are each
        the same as, or near, one of this name's."""
        words = name_words(tuple(fold(name).split()))
        if len(words) < 2:
            return []
        firsts = self._near_words(words[0])
        laters = set().union(*(self._near_words(word) for word in words[1:]))
        names = set().union(
            *(self._names_by_pair.get((first, later), ()) for first in firsts for later in laters)
        )
        return sorted(
            pk for known in names if same_person(words, known) for pk in self._people_named[known]
        )

    def _near_words(self, word: str) -> set[str]:
        """The word, and the known name words that are probably it spelt differently."""
        if len(word) < 5:
            return {word}
        starting = self._words_by_start.get(word[:2], set()) | self._words_by_start.get(
            f"_{word[1:3]}", set()
        )
        return {word} | {
            known
            for known in starting
            if abs(len(known) - len(word)) <= 2 and similar_word(word, known)
        }


def longest(text: str, found: list[Found]) -> list[Found]:
    """Of overlapping matches, the longest (ties at the very same words all stay: two
    people may share a name), in reading order; no facility with a numeral after it."""
    found = [f for f in found if not (f.entry.kind == FACILITY and _numbered_after(text, f))]
    kept: list[Found] = []
    for match in sorted(found, key=lambda f: (f.start - f.end, f.start)):
        if not any(
            match.overlaps(k) and (k.start, k.end) != (match.start, match.end) for k in kept
        ):
            kept.append(match)
    return sorted(kept, key=lambda k: (k.start, k.end))


@dataclass(frozen=True)
class Layered:
    """A gazetteer built once (``base``) with the names changed since laid over it:
    whatever the base knows of a changed person, facility or country is ignored, and
    ``changed`` (a small gazetteer of their names now) is matched instead. So a rename or
    a new alias costs a gazetteer of the names changed, not one of the whole record."""

    base: Gazetteer
    changed: Gazetteer
    people: frozenset[int]
    facilities: frozenset[int]
    countries: frozenset[str]

    def _stale(self, entry: Entry) -> bool:
        if entry.kind == PERSON:
            return entry.key in self.people
        if entry.kind == FACILITY:
            return entry.key in self.facilities
        return entry.kind == COUNTRY and entry.key in self.countries

    def find(self, text: str) -> list[Found]:
        found = [f for f in self.base.matches(text) if not self._stale(f.entry)]
        return longest(text, found + self.changed.matches(text))

    def lookalikes(self, name: str) -> list[int]:
        kept = {pk for pk in self.base.lookalikes(name) if pk not in self.people}
        return sorted(kept | set(self.changed.lookalikes(name)))


def _numbered_after(text: str, found: Found) -> bool:
    """ "El Rodeo I" is not "El Rodeo": a numeral after a facility's name makes it another."""
    rest = text[found.end : found.end + 6].split()
    return bool(rest) and (rest[0].rstrip(".,;:)").lower() in _ROMAN or rest[0][:1].isdigit())


def _edits(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, stopping early once past ``limit``."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def similar_word(a: str, b: str) -> bool:
    """The same name word spelt differently: equal, one a nickname-length start of the other
    ("Kenny"/"Kennedy"), or one or two letters apart in a long word ("Márquez"/"Márvez")."""
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= 4 and longer.startswith(shorter[:4]) and len(longer) - len(shorter) <= 3:
        return True
    limit = 2 if len(shorter) >= 6 else 1 if len(shorter) >= 4 else 0
    return limit > 0 and _edits(a, b, limit) <= limit


_PARTICLES = frozenset(["de", "del", "la", "da", "do", "dos", "van", "von"])


def name_words(words: tuple[str, ...]) -> tuple[str, ...]:
    """A name's words that tell people apart: no initials, no particles ("de la")."""
    return tuple(w for w in words if len(w) > 1 and w not in _PARTICLES)


def same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two names, as folded words, are probably one person: the first names alike
    and every other word of the shorter name alike to a later word of the longer, in order
    ("Kennedy Tejeda" and "Kenny Tejeda Jiménez"; not "Ana Ríos" and "Ana Pérez")."""
    a, b = name_words(a), name_words(b)
    if len(a) < 2 or len(b) < 2 or a == b:
        return a == b and len(a) >= 2
    shorter, longer = sorted((a, b), key=len)
    if not similar_word(shorter[0], longer[0]):
        return False
    position = 1
    for word in shorter[1:]:
        while position < len(longer) and not similar_word(word, longer[position]):
            position += 1
        if position == len(longer):
            return False
        position += 1
    return True


def build(
    people: Iterable[tuple[int, str]],
    facilities: Iterable[tuple[int, str]],
    countries: dict[str, tuple[str, str]],
    only_countries: Iterable[str] | None = None,
) -> Gazetteer:
    """``countries`` maps the record's country codes to their (name, demonym); every other
    country pycountry knows is matched too, as not yet known. With ``only_countries``
    (codes), just those countries' forms: the names changed laid over a base (``Layered``)."""
    gazetteer = Gazetteer()
    for pk, name in people:
        gazetteer.add_person(pk, name)
    for pk, name in facilities:
        gazetteer.add_facility(pk, name)
    chosen = None if only_countries is None else set(only_countries)
    for country in pycountry.countries:
        code = country.alpha_2
        if chosen is not None and code not in chosen:
            continue
        name, demonym = countries.get(code, ("", ""))
        known = code in countries
        for form in country_names.forms_for(code, name, demonym):
            mode = _EXACT if form.mode == country_names.EXACT else _CASED
            entry = Entry(COUNTRY, code, known, form.demonym, form.lower, form.combining)
            gazetteer.add(mode, form.text, entry)
    if chosen is None:
        for text in country_names.NOT_A_COUNTRY:
            gazetteer.add(_CASED, text, Entry(NOTHING, text))
    return gazetteer.finish()
