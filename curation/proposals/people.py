"""People the record does not know, found as runs of capitalised words, and what the words
around each say about them: freed, still held, or someone else in the story (an official,
a lawyer, a relative, someone quoted, or only named).

How a role is read, first rule that holds (in the name's sentence):

1. **freed, directly**: release words right after the name ("X fue excarcelado", "X, who
   was released") or right before it ("freed X", "liberaron a X"), not negated;
2. **relative**, **lawyer**, **official**: such a word just before the name ("his wife,
   Ana", "Foreign Minister X", "el abogado Y") or in the apposition after it ("X, director
   de Foro Penal,"); never when the word belongs to someone else ("la madre de X": X is not
   the mother);
3. **quoted**: a speech verb right after the name or right before it ("X said", "dijo X",
   "según X");
4. **still held**: in the name's clause, words saying so ("sigue detenido"), or release
   words turned round ("not released", "pidió la liberación de");
5. **freed**: release words in the clause, or in the sentence when nothing says otherwise;
6. **the list's role**: a sentence with no such words of its own, in a list ("Se trata
   de…", "among them…", bulleted lines) after a sentence that had them, takes that role;
7. otherwise **named**."""

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from curation.proposals import lexicon
from curation.proposals.gazetteer import Found
from curation.proposals.given_names import is_given_name
from curation.proposals.text import Word, fold, list_item_start, phrase_at, words

FREED, STILL_HELD = "freed", "still_held"
OFFICIAL, LAWYER, RELATIVE, QUOTED, NAMED = "official", "lawyer", "relative", "quoted", "named"
NOT_FREED = (STILL_HELD, OFFICIAL, LAWYER, RELATIVE, QUOTED, NAMED)

_OWNED_BY = frozenset(
    ["of", "de", "del", "do", "da", "dos", "das", "von", "des"]
)  # "la madre de X"
_POSSESSIVE = frozenset(
    [
        "his",
        "her",
        "their",
        "its",
        "su",
        "sus",
        "seu",
        "sua",
        "seus",
        "suas",
        "sein",
        "seine",
        "ihr",
        "ihre",
    ]
)
_CLAUSE_BREAKS = frozenset(
    [
        "but",
        "pero",
        "mas",
        "aber",
        "while",
        "mientras",
        "whereas",
        "however",
        "jedoch",
        "porem",
        "embargo",
        "entretanto",
    ]
)
# Words a subject may open with, after a verb of saying ("informó la Cancillería").
_DETERMINERS = frozenset(
    ["the", "a", "an", "el", "la", "los", "las", "o", "os", "as", "der", "die", "das", "um", "uma"]
)
_NEXT_IN_LIST = frozenset(["y", "e", "and", "und", "ou", "o", "or", "oder", "as well"])
# Offices that are also trades: prisoners among their holders (TRADE's mayors, councillors).
_ELECTED = lexicon.OFFICE & lexicon.TRADE
_GERMAN_ARTICLES = frozenset(
    ["der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "einen"]
)
_MONTHS_GIVEN = frozenset(["julio", "abril"])  # given names the dictionary leaves out as months
_PLACE_WORDS = frozenset(["municipio", "parroquia", "municipality", "county", "estado", "state"])
_REPORTED = frozenset(["that", "que", "dass", "como", "whether", "si", "ob"])
_NEAR = 4  # words: how near a cue must stand to the name it speaks of


@dataclass(frozen=True)
class Reading:
    """One naming of a new person in the text."""

    name: str
    start: int
    end: int
    sentence: tuple[int, int]
    role: str
    title: str = ""  # the words describing them ("periodista", "Foreign Minister")
    context: tuple[int, int] | None = None  # the sentence the role was inherited from
    # A later mention by surname ("Tafoya was released"): where the person's full naming
    # starts, the one reading it is of.
    mention_of: int | None = None


@dataclass
class NewPerson:
    """A new person as the article names them, however many times and spellings."""

    readings: list[Reading] = field(default_factory=list)

    @property
    def first(self) -> Reading:
        return min(self.readings, key=lambda r: (r.role != self.role, r.start))

    @property
    def name(self) -> str:
        return max((r.name for r in self.readings), key=lambda n: (len(n.split()), len(n)))

    @property
    def role(self) -> str:
        roles = [r.role for r in self.readings]
        if FREED in roles:
            return FREED
        return next((role for role in roles if role != NAMED), NAMED)

    @property
    def spellings(self) -> list[str]:
        # A surname alone is no spelling of the name: it would be an alias for others too.
        written = {r.name for r in self.readings if r.mention_of is None}
        return sorted(written - {self.name})

    @property
    def title(self) -> str:
        return next((r.title for r in self.readings if r.title), "")


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    words: list[Word]
    folded: list[str]
    clause: list[int]  # each word's clause number


@dataclass(frozen=True)
class _Shouted(Word):
    """A name's word printed in capitals ("BENIGNO"), as official lists print names."""

    @property
    def capitalised(self) -> bool:
        return True


def _sentence(text: str, start: int, end: int) -> _Sentence:
    found = words(text, start, end)
    if _semicolon_item(text, start):
        # "ROSALBA DEL CARMEN ITURRIAGO MEZA, recluida en…;": the line's leading words in
        # capitals are its name; later ones are acronyms ("(INOF)").
        for index, word in enumerate(found):
            joined = not index or text[found[index - 1].end : word.start] == " "
            if not (word.text.isupper() and joined):
                break
            found[index] = _Shouted(word.text, word.start, word.end)
    folded = [w.folded for w in found]
    clause, number = [], 0
    for index, word in enumerate(found):
        gap = text[found[index - 1].end : word.start] if index else ""
        if ";" in gap or ":" in gap or folded[index] in _CLAUSE_BREAKS:
            number += 1
        clause.append(number)
    return _Sentence(start, end, found, folded, clause)


def _phrases(sentence: _Sentence, phrases: frozenset[str]) -> list[tuple[int, int]]:
    """(first word, word after) of every phrase of ``phrases`` in the sentence."""
    found, index = [], 0
    while index < len(sentence.folded):
        size = phrase_at(sentence.folded, index, phrases)
        if size:
            found.append((index, index + size))
            index += size
        else:
            index += 1
    return found


@dataclass(frozen=True)
class _Cues:
    release: list[tuple[int, int]]
    held: list[tuple[int, int]]  # still-held words, and negated release words

    @property
    def role(self) -> str | None:
        if self.held:
            return STILL_HELD
        return FREED if self.release else None


# German separable verbs free at the clause's end: "Mit ihm kam auch Y frei".
_SEPARABLE_VERBS = frozenset(["kam", "kamen", "kommt", "kommen", "liess", "liessen", "lasst"])


def _separable_release(sentence: _Sentence) -> list[tuple[int, int]]:
    folded = sentence.folded
    if "frei" not in folded or not any(w in _SEPARABLE_VERBS for w in folded):
        return []
    verb = next(i for i, w in enumerate(folded) if w in _SEPARABLE_VERBS)
    particle = next((i for i in range(verb + 1, len(folded)) if folded[i] == "frei"), None)
    return [] if particle is None else [(particle, particle + 1)]


# Words only Portuguese has among the four languages: in their sentence "no" is "in the"
# ("No mesmo dia saiu em liberdade"), not the Spanish "no", which negates.
_PORTUGUESE = frozenset(["em", "com", "uma", "foi", "foram", "ao", "aos", "pelo", "pela", "nao"])

_REMAIN_REACH = 8  # words between a verb of remaining and the state it keeps


def _remaining(sentence: _Sentence) -> list[tuple[int, int]]:
    """ "siguen, según la ONG, al menos 40 presos": a verb of remaining, then in its clause
    the state it keeps, as one still-held span."""
    folded, spans = sentence.folded, []
    for verb, word in enumerate(folded):
        if word not in lexicon.REMAIN:
            continue
        for index in range(verb + 1, min(verb + 1 + _REMAIN_REACH, len(folded))):
            if sentence.clause[index] != sentence.clause[verb]:
                break
            size = phrase_at(folded, index, lexicon.HELD_STATE)
            if size:
                spans.append((verb, index + size))
                break
    return spans


_LEAVE_REACH = 4  # words between a verb of leaving and the prison it leaves


def _left_prison(sentence: _Sentence) -> list[tuple[int, int]]:
    """ "deixou no sábado o presídio", "hayan salido de prisión": leaving a prison, as a
    release at the verb."""
    folded, spans = sentence.folded, []
    for verb, after in _phrases(sentence, lexicon.LEAVE):
        for index in range(after, min(after + _LEAVE_REACH, len(folded))):
            if sentence.clause[index] != sentence.clause[verb]:
                break
            if phrase_at(folded, index, lexicon.PRISON):
                spans.append((verb, after))
                break
    return spans


def _cues(sentence: _Sentence) -> _Cues:
    release = _separable_release(sentence) + _left_prison(sentence)
    held = _phrases(sentence, lexicon.STILL_HELD) + _remaining(sentence)
    portuguese = any(word in _PORTUGUESE for word in sentence.folded)
    for first, after in _phrases(sentence, lexicon.RELEASE):
        if any(a <= first < b or a < after <= b for a, b in held):
            continue
        window = sentence.folded[max(0, first - 4) : first]
        negated = any(
            phrase_at(window, i, lexicon.NEGATING) and not (portuguese and window[i] == "no")
            for i in range(len(window))
        )
        (held if negated else release).append((first, after))
    return _Cues(release, held)


def sentence_role(text: str, start: int, end: int) -> str | None:
    """FREED or STILL_HELD when the sentence at (start, end) says so, else None."""
    return _cues(_sentence(text, start, end)).role


# --- Names ---------------------------------------------------------------------------------


# A nickname in quotes inside a name, a space either side: 'Juan "el Flaco" Pérez'.
_NICKNAME = re.compile(
    ' (?:\u00ab[^\u00bb\n]{1,25}\u00bb|"[^"\n]{1,25}"|\u201c[^\u201d\n]{1,25}\u201d'
    "|'[^'\n]{1,25}'|\u2018[^\u2019\n]{1,25}\u2019) "
)


def _after_nickname(sentence: _Sentence, text: str, index: int) -> int | None:
    """The word that goes on with the name after a nickname in quotes following word
    ``index`` ("Luis «Pocho» Bracamonte": Bracamonte), if it is capitalised."""
    found = _NICKNAME.match(text, sentence.words[index].end)
    if found is None:
        return None
    after = next(
        (
            i
            for i in range(index + 1, len(sentence.words))
            if sentence.words[i].start >= found.end()
        ),
        None,
    )
    if after is None or sentence.words[after].start != found.end():
        return None
    return after if sentence.words[after].capitalised else None


def _runs(sentence: _Sentence, text: str) -> Iterator[list[int]]:
    """Runs of capitalised words joined by single spaces, with particles inside, and a
    nickname in quotes left out ("Luis «Pocho» Bracamonte" runs Luis, Bracamonte; its
    reading's words still span the nickname)."""
    run: list[int] = []
    resume: int | None = None  # the name's word after a nickname
    for index, word in enumerate(sentence.words):
        if resume is not None and index < resume:
            continue
        joined = run and (index == resume or text[sentence.words[run[-1]].end : word.start] == " ")
        resume = None
        if (word.capitalised and (joined or not run)) or (
            joined and sentence.folded[index] in lexicon.PARTICLES
        ):
            run.append(index)
        else:
            if run:
                yield run
            run = [index] if word.capitalised else []
        if run and run[-1] == index:
            resume = _after_nickname(sentence, text, index)
    if run:
        yield run


def _unknown(run: list[int], sentence: _Sentence, known: list[Found]) -> Iterator[list[int]]:
    """The run cut wherever a word is part of something the record knows."""
    piece: list[int] = []
    for index in run:
        word = sentence.words[index]
        if any(k.start < word.end and word.start < k.end for k in known):
            if piece:
                yield piece
            piece = []
        else:
            piece.append(index)
    if piece:
        yield piece


# German nouns take endings ("des Außenministers", "der Katechetin") and join into
# compounds ("Innenminister", "Agraringenieur"): a word is read as its lexicon entry when
# it ends with one of six letters or more, or is one with an ending.
_ENDINGS = ("innen", "es", "en", "in", "s", "n", "e")
_COMPOUND_PART = 6


def _inflected(folded: str, phrases: frozenset[str]) -> bool:
    """``folded`` is one of ``phrases``, or one of them with a German ending or at the end
    of a compound."""
    if folded in phrases:
        return True
    stems = [folded] + [folded[: -len(e)] for e in _ENDINGS if folded.endswith(e)]
    return any(
        stem in phrases
        or any(stem[cut:] in phrases for cut in range(1, len(stem) - _COMPOUND_PART + 1))
        for stem in stems
        if len(stem) >= 4
    )


def _title_words(folded: str) -> bool:
    return (
        folded in lexicon.NOT_A_NAME
        or folded in lexicon.RELEASE
        or folded in lexicon.SPEECH
        or folded in lexicon.TITLE_WORDS
        or any(
            _inflected(folded, phrases)
            for phrases in (lexicon.OFFICE, lexicon.TRADE, lexicon.LAWYER, lexicon.RELATIVE)
        )
    )


def _name(
    run: list[int], sentence: _Sentence, text: str, listed: bool, named: frozenset[str]
) -> tuple[list[int], list[int]]:
    """(title words, name words) of a run, or an empty name when the run is no person's.
    ``named``: the names the article introduces somewhere (``_introduced``)."""
    folded = sentence.folded
    title: list[int] = []
    while run and (_title_words(folded[run[0]]) or folded[run[0]] in lexicon.PARTICLES):
        title.append(run.pop(0))
    while run and folded[run[-1]] in lexicon.PARTICLES:
        run.pop()
    run = _without_leading_complement(run, sentence)
    if run and (_names_a_place(sentence, text, run) or _in_title_case(sentence, text, run)):
        return title, []
    capitalised = [i for i in run if sentence.words[i].capitalised]
    if len(capitalised) < 2 or len(run) > 7:
        return title, []
    # Month names inside a name are given names ("Carlos Julio Rojas").
    if (folded[run[0]] in lexicon.NOT_A_NAME and folded[run[0]] not in _MONTHS_GIVEN) or any(
        folded[i] in lexicon.THING or folded[i] in lexicon.MONTHS for i in capitalised
    ):
        return title, []
    if any(len(sentence.words[i].text) == 1 for i in capitalised):
        return title, []
    # An unknown first name is believed in a list line, in a name of three words or more,
    # or where the article introduces the name as a person's.
    first_known = is_given_name(sentence.words[run[0]].text.rstrip("."))
    if not (
        first_known
        or listed
        or len(capitalised) >= 3
        or _introduced(sentence, text, run)
        or any(_describes_a_person(folded[i]) for i in title)  # "die Journalistin X"
        or " ".join(folded[i] for i in run) in named
    ):
        return title, []
    return title, run


def _names_a_place(sentence: _Sentence, text: str, run: list[int]) -> bool:
    """A place's noun just before the run, an adjective allowed between ("el puente
    internacional Simón Bolívar"), or a place's or a prison's just after it ("the Puente
    Ayala prison"): a place named after someone, not a person."""
    folded, words_ = sentence.folded, sentence.words
    first, last = run[0], run[-1]
    # Only words joined by spaces: "dos vecinos de su barrio: Edgar Sequera" names him.
    joined = [
        i
        for i in (first - 1, first - 2)
        if i >= 0 and text[words_[i].end : words_[i + 1].start] == " "
    ]
    before = [i for i in joined if not words_[i].capitalised]
    if before and before[0] == first - 1 and folded[before[0]] in lexicon.NAMED_PLACE:
        return True
    if before == [first - 1, first - 2] and folded[before[1]] in lexicon.NAMED_PLACE:
        between = folded[before[0]]
        if between not in _OWNED_BY and between not in _DETERMINERS and between not in _FROM:
            return True
    after = last + 1
    return (
        after < len(words_)
        and text[words_[last].end : words_[after].start] == " "
        and (folded[after] in lexicon.NAMED_PLACE or folded[after] in lexicon.PRISON)
    )


_TITLE_CASE = 0.8  # of a line's longer words capitalised: a headline in title case
_TITLE_CASE_WORDS = 4


def _in_title_case(sentence: _Sentence, text: str, run: list[int]) -> bool:
    """ "Venezuela Frees Jailed Oil Workers": in a headline (the article's first line) with
    every word capitalised, a run is a name only when it opens with a given name."""
    longer = [w for w in sentence.words if len(w.text) > 3]
    if text[: sentence.start].strip() or len(longer) < _TITLE_CASE_WORDS:
        return False
    if sum(w.text[0].isupper() for w in longer) < _TITLE_CASE * len(longer):
        return False
    return not is_given_name(sentence.words[run[0]].text)


def _describes_a_person(folded: str) -> bool:
    return any(
        _inflected(folded, phrases)
        for phrases in (lexicon.TRADE, lexicon.OFFICE, lexicon.LAWYER, lexicon.RELATIVE)
    )


_INDEFINITE = frozenset(["a", "an", "un", "una", "um", "uma", "ein", "eine"])


def _introduced(sentence: _Sentence, text: str, run: list[int]) -> bool:
    """Words around the run that only a person's name takes: a trade or an office before
    it; an apposition after it that gives an age, a trade or "a/una …" ("Solángel Ugarte,
    periodista excarcelada", "X, 36,", "X, a journalist"); or a name it is coordinated
    with ("Jhonder Alexis y Jhoander José Guarimán")."""
    words_, last = sentence.words, run[-1]
    if _described_before(sentence, run[0]):
        return True
    after = last + 1
    if after >= len(words_):
        return False
    gap = text[words_[last].end : words_[after].start].strip()
    if gap == ",":
        return _describing_apposition(sentence, text, after)
    return not gap and _coordinated_with_a_name(sentence, text, after)


def _described_before(sentence: _Sentence, first: int) -> bool:
    """A trade, an office or a relative's word just before the name, an adjective allowed
    between ("la periodista Solángel Ugarte", "o missionário cearense Cícero dos Anjos"),
    but not "de": "el ministro de Asuntos Exteriores" names an office, not its holder."""
    folded, words_ = sentence.folded, sentence.words
    if not first or words_[first - 1].capitalised:
        return False
    if _describes_a_person(folded[first - 1]):
        return True
    between = folded[first - 1]
    if first < 2 or between in _FROM or between in _OWNED_BY or between in _DETERMINERS:
        return False
    return not words_[first - 2].capitalised and _describes_a_person(folded[first - 2])


def _coordinated_with_a_name(sentence: _Sentence, text: str, conjunction: int) -> bool:
    """ "X y Jhoander José …": a conjunction, then a known given name and another
    capitalised word."""
    words_ = sentence.words
    if sentence.folded[conjunction] not in _NEXT_IN_LIST or conjunction + 2 >= len(words_):
        return False
    partner, surname = words_[conjunction + 1], words_[conjunction + 2]
    joined = text[partner.end : surname.start] == " "
    return partner.capitalised and surname.capitalised and joined and is_given_name(partner.text)


_AGES = frozenset(["anos", "years", "year", "jahre", "jahren"])


def _describing_apposition(sentence: _Sentence, text: str, start: int) -> bool:
    """The words from ``start`` (after a comma) describe a person: an age ("36,", "36
    años"), "a/una …", or a trade, an office or a relative's word, alone or after "the"
    or "his" ("X, periodista", "X, su esposa"), before any other name."""
    folded, words_ = sentence.folded, sentence.words
    window = []
    for index in range(start, min(start + 3, len(words_))):
        if words_[index].capitalised:
            break
        window.append(folded[index])
    if not window:
        return False
    if window[0].isdigit():
        # An age, not a date line's day ("Boa Vista, 10 de fevereiro").
        number = words_[start]
        following = text[number.end : number.end + 2].strip()
        return following in (",", ")") or (len(window) > 1 and window[1] in _AGES)
    if window[0] in _INDEFINITE or _describes_a_person(window[0]):
        return True
    # "X, su esposa", "X, la periodista"; not "X, según su hermano" (the brother speaks).
    leads = window[0] in _DETERMINERS or window[0] in _POSSESSIVE
    return leads and len(window) > 1 and _describes_a_person(window[1])


def _without_leading_complement(run: list[int], sentence: _Sentence) -> list[int]:
    """The run without the capitalised words before the name that belong to the words
    before the run: from its first given name after a trade's or an office's "de" ("el
    concejal de Tovar Juan Bautista Ramírez", "el exfuncionario de Protección Civil Freddy
    Moreno") or an institution ("Universidad de Los Andes Luis Felipe de la Torre"); after
    an article, without the noun and titles it opens ("die Katechetin Yanira Colina"). A
    given name no dictionary knows stays: "la liberación de Ramsés Eduardo Guédez" keeps
    Ramsés, as "de" follows no trade. After an office's "de" the words are its place or
    institution even from a given name ("el exalcalde de Santos Michelena"), unless a
    later given name opens a name of its own."""
    if not run:
        return run
    folded = sentence.folded
    if _office_of(sentence, run[0]):
        return _from_given_name(run, sentence) or []
    if is_given_name(sentence.words[run[0]].text):
        return run
    before = folded[run[0] - 1] if run[0] else ""
    # "de" alone is not enough: "la liberación de Ramsés Eduardo Guédez" names Ramsés.
    owner = folded[run[0] - 2] if run[0] > 1 else ""
    owned = (before in _OWNED_BY or before in lexicon.PARTICLES) and (
        owner in _PLACE_WORDS
        or any(_inflected(owner, p) for p in (lexicon.TRADE, lexicon.OFFICE, lexicon.THING))
    )
    led_by_thing = sentence.folded[run[0]] in lexicon.THING
    if before in _GERMAN_ARTICLES and not led_by_thing:
        # "die Katechetin Yanira Colina", "der Salzburger Tischler Bernhard Aigner": after
        # a German article stands a noun, then any title, then the name. Not after "a" or
        # "o": "liberaron a Jhonathan David Arrieche" names Jhonathan.
        rest = run[1:]
        while rest and _title_words(folded[rest[0]]):
            rest = rest[1:]
        return rest if sum(sentence.words[i].capitalised for i in rest) >= 2 else run
    if not (owned or led_by_thing):
        return run
    return _from_given_name(run, sentence) or run


def _from_given_name(run: list[int], sentence: _Sentence) -> list[int] | None:
    """The run from its first given name after its first word, when two capitalised
    words or more stand from there."""
    for position, index in enumerate(run[1:], start=1):
        word = sentence.words[index]
        if word.capitalised and (
            is_given_name(word.text) or sentence.folded[index] in _MONTHS_GIVEN
        ):
            rest = run[position:]
            if sum(sentence.words[i].capitalised for i in rest) >= 2:
                return rest
            break
    return None


def _office_of(sentence: _Sentence, first: int) -> bool:
    """ "el exalcalde de X", "the governor of X": an office and "de" just before."""
    if first < 2 or sentence.folded[first - 1] not in ("de", "del", "of", "do", "da"):
        return False
    office = first - 2
    return not sentence.words[office].capitalised and _inflected(
        sentence.folded[office], lexicon.OFFICE
    )


# --- Roles ---------------------------------------------------------------------------------


def _before(sentence: _Sentence, first: int, phrases: frozenset[str]) -> bool:
    """A phrase of ``phrases`` ends just before the name, allowing a possessive, a comma,
    a trade word or an adjective between, and not belonging to someone else ("de X")."""
    if first and sentence.folded[first - 1] in _OWNED_BY:
        return False
    for size in (1, 2, 3):
        for gap in range(0, 3):
            begin = first - gap - size
            if begin < 0:
                continue
            if " ".join(sentence.folded[begin : begin + size]) in phrases:
                between = sentence.folded[begin + size : first]
                if all(
                    w in _POSSESSIVE or w in lexicon.TRADE or w in lexicon.NOT_A_NAME or len(w) > 3
                    for w in between
                ):
                    return True
    return False


def _apposition(sentence: _Sentence, text: str, last: int, phrases: frozenset[str]) -> bool:
    """The words after the name, between commas, hold a phrase of ``phrases``: "X, director
    de Foro Penal,", "X, su esposa,"."""
    after = last + 1
    if after >= len(sentence.words):
        return False
    if (
        not text[sentence.words[last].end : sentence.words[after].start]
        .strip()
        .startswith((",", "(", "\u2013", "-"))
    ):
        return False
    if sentence.folded[after] in _NEXT_IN_LIST:
        return False  # "X, y el defensor del Pueblo, Y": the title is the next one's
    window = sentence.folded[after : after + _NEAR + 1]
    # A hyphened compound's last part counts right after the comma: "X, UN-Hochkommissar
    # für …"; not an unhyphened "exalcalde", an elected office a prisoner may have held.
    if "-" in window[0] and window[0].rsplit("-", 1)[1] in phrases:
        return True
    return any(phrase_at(window, i, phrases) for i in range(min(3, len(window))))


def _relative_in_apposition(sentence: _Sentence, text: str, first: int) -> bool:
    """ "La madre de X, Carmen Sánchez,": the name after a comma follows a relative word
    that belongs to someone else."""
    if (
        not first
        or text[sentence.words[first - 1].end : sentence.words[first].start].strip() != ","
    ):
        return False
    window = sentence.folded[max(0, first - 6) : first]
    for index in range(len(window) - 1):
        if window[index] in lexicon.RELATIVE and window[index + 1] in _OWNED_BY:
            return True
    return False


def _speaks(
    sentence: _Sentence, text: str, first: int, last: int, release: list[tuple[int, int]]
) -> bool:
    """A verb of saying right after the name, or after its apposition ("X, director of
    Foro Penal, said"), or just before it ("según dijo a este medio el abogado X")."""
    folded = sentence.folded
    for index in range(last + 1, min(last + 1 + _NEAR, len(folded))):
        if any(a <= index < b for a, b in release):
            break
        if phrase_at(folded, index, lexicon.SPEECH):
            return True
    after = _after_apposition(sentence, text, last) + 1
    # Right after the apposition, not "…, según confirmó la Cancillería", nor a verb with a
    # subject of its own ("X, que estaba preso…, informou a chancelaria").
    if (
        last < after - 1
        and after < len(folded)
        and not phrase_at(folded, after, lexicon.ACCORDING_TO)
        and phrase_at(folded, after, lexicon.SPEECH)
        and not _has_own_subject_after(sentence, after + phrase_at(folded, after, lexicon.SPEECH))
    ):
        return True
    start = max(0, first - 7)
    for index in range(first - 1, start - 1, -1):
        if (
            any(a <= index < b for a, b in release)
            or sentence.clause[index] != sentence.clause[first]
        ):
            return False
        if folded[index] in _REPORTED:  # "confirmó que X…": X is spoken of, not speaking
            return False
        if phrase_at(folded[index:first], 0, lexicon.ACCORDING_TO):
            return True
        if phrase_at(folded[index:first], 0, lexicon.SPEECH):
            # '"…", dijo X', "…, said X": X speaks. "The ministry said X had been freed":
            # the verb has its subject before it, and X is who it speaks of.
            return not _has_own_subject_before(sentence, text, index)
    return False


def _has_own_subject_before(sentence: _Sentence, text: str, verb: int) -> bool:
    """A verb of saying with its subject right before it ("the foreign ministry said"),
    not after a quotation, a comma or the sentence's start."""
    if verb == 0:
        return False
    gap = text[sentence.words[verb - 1].end : sentence.words[verb].start]
    if any(mark in gap for mark in ',;:"\u201d\u00bb\u2014\u2013-'):
        return False
    return sentence.clause[verb - 1] == sentence.clause[verb]


def _has_own_subject_after(sentence: _Sentence, after_verb: int) -> bool:
    """ "…, informou a chancelaria", "…, said the ministry": the verb's subject follows it."""
    if after_verb >= len(sentence.words):
        return False
    word = sentence.words[after_verb]
    return sentence.folded[after_verb] in _DETERMINERS or word.capitalised


def _after_apposition(sentence: _Sentence, text: str, last: int) -> int:
    """The last word of "X, a crew member of a cargo ship," when an apposition follows the
    name, so that "X, a crew member …, had been freed" reads as X freed."""
    words_ = sentence.words
    if last + 1 >= len(words_) or text[words_[last].end : words_[last + 1].start].strip() != ",":
        return last
    for index in range(last + 1, min(last + 20, len(words_) - 1)):
        if text[words_[index].end : words_[index + 1].start].strip() == ",":
            return index
    return last


def _counted(words_: list[str]) -> bool:
    """A number among the words: "X zählt neun freigelassene" counts others."""
    return any(w.isdigit() or w in lexicon.NUMBER_WORDS for w in words_)


def _freeing_cue(
    sentence: _Sentence, text: str, first: int, last: int, cues: _Cues
) -> tuple[int, int] | None:
    """The release words that free the name directly, if any."""
    last = _after_apposition(sentence, text, last)
    for start, _after in cues.release:
        if last < start <= last + _NEAR + 1:
            between = sentence.folded[last + 1 : start]
            # "X nannte die Freilassung …": the release is the object of X's verb.
            owned = bool(between) and (between[-1] in _DETERMINERS or between[-1] in _POSSESSIVE)
            # "X, detenido en 2024, cuya esposa, Y, volvió a casa": the verb is Y's.
            owned = owned or any(w in _WHOSE or w in lexicon.RELATIVE for w in between)
            if not (owned or _counted(between)) and not any(
                phrase_at(between, i, lexicon.SPEECH) for i in range(len(between))
            ):
                return start, _after
        # "freed X", "liberaron a X": right before, in the same clause, no comma between.
        gap = text[sentence.words[_after - 1].end : sentence.words[first].start] if _after else ""
        same_clause = sentence.clause[start] == sentence.clause[first]
        if 0 <= first - _after <= 2 and same_clause and not any(m in gap for m in ",;:.()"):
            return start, _after
    return None


_WHOSE = frozenset(["whose", "cuya", "cuyo", "cuyas", "cuyos", "cuja", "cujo", "dessen", "deren"])


_TITLED = ((RELATIVE, lexicon.RELATIVE), (LAWYER, lexicon.LAWYER), (OFFICIAL, lexicon.OFFICE))


def _titled_role(
    sentence: _Sentence, text: str, title: list[int], first: int, last: int
) -> str | None:
    """The role the words describing the person give: a relative, a lawyer, an official."""
    titled = " ".join(sentence.folded[i] for i in title).split()
    complement = _office_with_complement(sentence, text, first)
    if complement == OFFICIAL:  # "el defensor del Pueblo, X" is no lawyer
        return OFFICIAL
    for role, phrases in _TITLED:
        if any(_inflected(word, phrases) for word in titled):
            return role
        if _before(sentence, first, phrases) or _apposition(sentence, text, last, phrases):
            return role
    return complement


# Words that may stand between an office and the comma before its holder's name: "el
# ministro de Interior, X", "O Alto Comissário das Nações Unidas para os Direitos Humanos, X".
_COMPLEMENT = frozenset(["of", "for", "the", "and", "y", "e", "para", "und", "fur", "en", "in"])
_COMPLEMENT_SPAN = 10


def _office_with_complement(sentence: _Sentence, text: str, first: int) -> str | None:
    """The role of an office, lawyer or relative word whose complement of capitalised words
    ends at the comma before the name ("el gobernador del Táchira, Freddy Bernal")."""
    words_, folded = sentence.words, sentence.folded
    if not first or text[words_[first - 1].end : words_[first].start].strip() != ",":
        return None
    for index in range(first - 1, max(-1, first - 1 - _COMPLEMENT_SPAN), -1):
        # The longest title first: "el defensor del Pueblo" is an office, not a lawyer.
        for role, phrases in reversed(_TITLED):
            if index < first - 1 and (
                phrase_at(folded, index, phrases) or _inflected(folded[index], phrases)
            ):
                return role
        word = folded[index]
        if not (
            words_[index].capitalised
            or word in _COMPLEMENT
            or word in _OWNED_BY
            or word in lexicon.PARTICLES
            or word in _DETERMINERS
        ):
            return None
    return None


def _holds_office(
    title_role: str | None, sentence: _Sentence, title: list[int], first: int
) -> bool:
    """An office no prisoner holds while in prison (a minister, a spokesperson, a rights
    group's director), not an elected one ("el alcalde X" may be among the freed)."""
    if title_role != OFFICIAL:
        return False
    near = [sentence.folded[i] for i in title] + sentence.folded[max(0, first - 3) : first]
    return not any(word in _ELECTED for word in near)


def _role(
    sentence: _Sentence, text: str, title: list[int], first: int, last: int, cues: _Cues
) -> str | None:
    freeing = _freeing_cue(sentence, text, first, last, cues)
    # "the capture of X in January, has released …": the release words are others' unless
    # right after the name ("detuvieron a X, liberado ayer" still frees X).
    if _taken_captive(sentence, first) and (freeing is None or freeing[0] > last + 1):
        return STILL_HELD
    if freeing is not None and not (
        # "cuya esposa, Dilcia Orsini, volvió a casa": only a prisoner comes home freed.
        " ".join(sentence.folded[freeing[0] : freeing[1]]) in lexicon.HOMECOMING
        and _titled_role(sentence, text, title, first, last) in (RELATIVE, LAWYER, OFFICIAL)
    ):
        return FREED
    if _relative_in_apposition(sentence, text, first):
        return RELATIVE
    titled = _titled_role(sentence, text, title, first, last)
    if _speaks(sentence, text, first, last, cues.release):
        return titled or QUOTED
    if titled == RELATIVE:
        return RELATIVE
    if _holds_office(titled, sentence, title, first):
        # "liberaciones difundida por el ministro Diosdado Cabello": release words in the
        # clause speak of others.
        return OFFICIAL
    clause = sentence.clause[first]
    held = [c for c in cues.held if sentence.clause[c[0]] == clause]
    release = [c for c in cues.release if sentence.clause[c[0]] == clause]
    if held and (not release or _nearest(held, first) < _nearest(release, first)):
        return STILL_HELD
    if release:
        # "Entre los excarcelados figuran … la abogada Y, el concejal Z": in the clause that
        # frees them, a trade or an office describes the freed, not a source.
        return FREED
    return titled or cues.role


def _taken_captive(sentence: _Sentence, first: int) -> bool:
    """ "seized Nicolás Maduro", "the capture of X", "detuvieron a X": an arrest's words
    right before the name, "of", "a" or "the" allowed between."""
    folded = sentence.folded
    for index in range(first - 1, max(-1, first - 4), -1):
        if folded[index] in lexicon.ARREST:
            return True
        if not (folded[index] in _OWNED_BY or folded[index] in _DETERMINERS):
            return False
    return False


def _nearest(spans: list[tuple[int, int]], index: int) -> int:
    return min(min(abs(a - index), abs(b - 1 - index)) for a, b in spans)


def _title(sentence: _Sentence, text: str, title: list[int], last: int) -> str:
    if title:
        words_ = [sentence.words[i] for i in title if sentence.folded[i] not in lexicon.NOT_A_NAME]
        if words_:
            return text[words_[0].start : words_[-1].end]
    after = last + 1
    if (
        after < len(sentence.words)
        and text[sentence.words[last].end : sentence.words[after].start].strip() == ","
    ):
        end = text.find(",", sentence.words[after].start, sentence.end)
        piece = text[sentence.words[after].start : end] if end != -1 else ""
        if (
            piece
            and len(piece.split()) <= 6
            and sentence.folded[after] in lexicon.TRADE | lexicon.OFFICE
        ):
            return piece
    return ""


def _opens_list(sentence: _Sentence) -> bool:
    """ "Entre ellos está…", "Among them is…", "São eles…" in the sentence's first words."""
    return any(
        phrase_at(sentence.folded, i, lexicon.LIST_OPENERS)
        for i in range(min(4, len(sentence.folded)))
    )


def _opens_with_name(sentence: _Sentence, names: list[tuple[list[int], list[int]]]) -> bool:
    """ "Joost van Dam, 58, a skipper…", "Os portugueses Manuel Teixeira…": the sentence's
    first words are the name, or lead to it with no other capitalised word."""
    if not names:
        return False
    first = names[0][1][0]
    return first <= 3 and not any(w.capitalised for w in sentence.words[1:first])


# A field separator in a list line: a dash with a space either side (en, em, or a hyphen).
_FIELD_DASH = re.compile(r"\s[-\u2013\u2014]\s")


def _line(text: str, start: int) -> str | None:
    """The line the sentence at ``start`` opens, or None when it does not open one."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return None
    line_end = text.find("\n", start)
    return text[start : len(text) if line_end == -1 else line_end]


def _dash_fields(text: str, start: int) -> bool:
    """ "Ana Ríos Pérez - Maracay - docente" (en or em dashes, or hyphens): a line of three
    fields or more split by dashes, the first a name's words (capitalised, particles
    between), as lists are typeset without bullets. Not a dateline's "CARACAS - Dozens were
    freed" (one dash) nor a liveblog's "15:00 - ... - ..." (no name first)."""
    line = _line(text, start)
    fields = _FIELD_DASH.split(line) if line else []
    if len(fields) < 3:
        return False
    head = words(fields[0])
    return (
        1 <= len(head) <= 7
        and head[0].capitalised
        and all(w.capitalised or fold(w.text) in lexicon.PARTICLES for w in head)
    )


def _semicolon_item(text: str, start: int) -> bool:
    """ "X, recluido en Rodeo I;": a line ending in a semicolon, or the line after one (the
    list's last, ending in a full stop), as a communiqué lists its people."""
    line = _line(text, start)
    if line is None:
        return False
    before = text[: text.rfind("\n", 0, start) + 1].rstrip()
    return line.rstrip().endswith(";") or before.endswith(";")


def _listed(text: str, start: int) -> bool:
    """Whether the sentence at ``start`` is a list line: bulleted, numbered, in fields, or
    ended by a semicolon."""
    return (
        list_item_start(text, start) is not None
        or _dash_fields(text, start)
        or _semicolon_item(text, start)
    )


def _is_list_continuation(sentence: _Sentence, text: str, names: int) -> bool:
    if _listed(text, sentence.start) or _opens_list(sentence):
        return True
    return names >= 2


# A byline or a credit line: "By A and B", "(Reporting by A in Valencia; Editing by B)".
_BYLINE_OPENERS = frozenset(["by", "por", "von", "de", "texto", "text", "reportagem"])
_CREDITS = frozenset(
    ["reporting", "writing", "editing", "additional", "written", "edited", "texto", "text"]
)
_BYLINE_WORDS = (
    _BYLINE_OPENERS
    | _CREDITS
    | frozenset(["and", "y", "e", "und", "in", "en", "em", "with", "con", "com", "mit"])
)


def _is_byline(sentence: _Sentence, text: str) -> bool:
    folded, words_ = sentence.folded, sentence.words
    opener = next((i for i, w in enumerate(folded) if w in _BYLINE_OPENERS), None)
    if opener is None or len(folded) > 30:
        return False
    if text[sentence.start : sentence.end].rstrip().endswith(":"):
        return False  # "De Caracas:" heads the list lines that follow; a byline heads nothing
    if any(w not in _CREDITS for w in folded[:opener]):
        return False  # "Salieron de Tocorón:" is no byline
    return all(
        word.capitalised or folded[i] in _BYLINE_WORDS or folded[i] in lexicon.PARTICLES
        for i, word in enumerate(words_)
    ) and any(word.capitalised for word in words_[opener + 1 :])


def _names_in(
    sentence: _Sentence,
    text: str,
    known: list[Found],
    listed: bool,
    named: frozenset[str] = frozenset(),
) -> list[tuple[list[int], list[int]]]:
    """(title words, name words) of every new person the sentence names."""
    names: list[tuple[list[int], list[int]]] = []
    item = list_item_start(text, sentence.start) or sentence.start
    opening = sum(w.start < item for w in sentence.words) + _LIST_OPENING
    for run in _runs(sentence, text):
        for piece in _unknown(run, sentence, known):
            # A list line believes the names it opens with ("- Ana Ríos y Yurelkis
            # Colmenter, …"), not those in its description ("5. O Ministro de Estado e
            # dos Negócios Estrangeiros, …").
            believed = listed and (piece[0] < opening or _next_in_line(sentence, names, piece))
            title, name = _name(list(piece), sentence, text, believed, named)
            if name and not (listed and _describes_the_listed(sentence, text, name[0])):
                names.append((title, name))
    return names


_LIST_OPENING = 3  # words: how far into a list line the name it lists may start


def _next_in_line(
    sentence: _Sentence, names: list[tuple[list[int], list[int]]], piece: list[int]
) -> bool:
    """The piece follows the line's last name with only a comma or "y" between."""
    if not names:
        return False
    between = range(names[-1][1][-1] + 1, piece[0])
    return all(sentence.folded[i] in _NEXT_IN_LIST for i in between) and len(between) <= 1


_FROM = frozenset(["de", "del", "da", "do", "of", "from", "aus", "von", "en", "em", "in"])


def _describing_noun(sentence: _Sentence, text: str, first: int) -> str | None:
    """In a list line, the noun before "de", "of", "aus" when the name at ``first`` follows
    it after the line's first comma: a list line names its person first, then describes
    them ("• Ana Ríos, 27 años, mototaxista de Ocumare del Tuy")."""
    if first < 2 or sentence.folded[first - 1] not in _FROM:
        return None
    if "," not in text[sentence.start : sentence.words[first].start]:
        return None
    return sentence.folded[first - 2]


def _describes_the_listed(sentence: _Sentence, text: str, first: int) -> bool:
    """A name in a list line's description is the listed person's town or employer
    ("filho de emigrantes de Oliveira de Azeméis"), unless a relative's word leads to it."""
    noun = _describing_noun(sentence, text, first)
    return noun is not None and noun not in lexicon.RELATIVE


def _relative_of_the_listed(sentence: _Sentence, text: str, first: int) -> bool:
    """ "• Zoraida Ochoa, hija de Ramón Ochoa": the listed person's relative."""
    noun = _describing_noun(sentence, text, first)
    return noun is not None and noun in lexicon.RELATIVE


def _capitalised_parts(word: str) -> str:
    """ "PÉREZ-ROMERO" as "Pérez-Romero", "D'ALESSANDRO" as "D'Alessandro": each part
    after a hyphen or an apostrophe capitalised (str.capitalize would lower the rest)."""
    return re.sub(r"[^\W\d_]+", lambda part: part.group().capitalize(), word)


def _reading(
    sentence: _Sentence,
    text: str,
    title: list[int],
    name: list[int],
    role: str,
    context: tuple[int, int] | None,
) -> Reading:
    start, end = sentence.words[name[0]].start, sentence.words[name[-1]].end
    if text[end - 2 : end] in ("'s", "\u2019s"):
        end -= 2
    written = text[start:end]
    if isinstance(sentence.words[name[0]], _Shouted):
        # The record keeps "Rosalba del Carmen Iturriago Meza"; the citation keeps the
        # capitals as printed.
        written = " ".join(
            w.lower() if fold(w) in lexicon.PARTICLES else _capitalised_parts(w)
            for w in written.split()
        )
    return Reading(
        written,
        start,
        end,
        (sentence.start, sentence.end),
        role,
        _title(sentence, text, title, name[-1]),
        context,
    )


def read(text: str, spans: list[tuple[int, int]], known: list[Found]) -> list[Reading]:
    """Every naming of someone the record does not know, with its role, in reading order."""
    readings: list[Reading] = []
    named = _names_read(text, spans, known)
    context: tuple[str, tuple[int, int]] | None = None  # the last list-worthy role, and where
    previous: tuple[int, int, bool] | None = None  # the last sentence, and if it inherited
    headline = _headline(text, spans)
    tails = _tails(named)
    full: dict[str, list[Reading]] = defaultdict(list)  # each name read, folded
    mentions: list[tuple[Reading, str]] = []
    for left, right in spans:
        sentence = _sentence(text, left, right)
        if _is_byline(sentence, text):
            for title, name in _names_in(sentence, text, known, listed=False):
                readings.append(_reading(sentence, text, title, name, NAMED, None))
            context, previous = None, (left, right, False)
            continue
        cues = _cues(sentence)
        listed = _listed(text, left)
        line_role = None
        if listed and cues.role is None:
            # A list line's later sentences may say what happened ("4. Ana Ríos. Periodista,
            # liberada el jueves."): the line's words count for its names.
            line_end = text.find("\n", right)
            line_role = _cues(_sentence(text, left, len(text) if line_end == -1 else line_end)).role
        names = _names_in(sentence, text, known, listed, named)
        inherited = None
        if (
            cues.role is None
            and context
            and _is_list_continuation(sentence, text, len(names))
            and (
                listed
                or _continues(text, previous, left)
                or _opens_list(sentence)
                or _opens_with_name(sentence, names)
            )
        ):
            inherited = context
        for title, name in names:
            role = _role(sentence, text, title, name[0], name[-1], cues)
            if listed and _relative_of_the_listed(sentence, text, name[0]):
                role = RELATIVE
            if role is None and not line_role and not inherited and listed and headline:
                # "Quiénes son los 15 presos excarcelados": the headline's words are the
                # role of the list lines below it that no sentence of the body heads.
                inherited = headline
            if role is None:
                role = line_role or (inherited[0] if inherited else NAMED)
            took = (
                inherited[1] if inherited and role == inherited[0] and cues.role is None else None
            )
            readings.append(_reading(sentence, text, title, name, role, took))
            full[" ".join(sentence.folded[i] for i in name)].append(readings[-1])
        mentions += _surname_mentions(sentence, text, known, names, cues, tails)
        if cues.role is not None:
            context = (cues.role, (left, right))
        elif inherited is None and not _keeps_context(text, left, right, bool(names)):
            context = None
        previous = (left, right, inherited is not None)
    return readings + _of_whom(mentions, tails, full)


def _tails(named: frozenset[str]) -> dict[str, set[str]]:
    """Each name the article reads by its later words, as a report names again someone it
    has named in full ("Peraza Colmenares", "Tafoya", "Van der Kolk")."""
    tails: dict[str, set[str]] = defaultdict(set)
    for name in named:
        parts = name.split()
        for cut in range(1, len(parts)):
            if parts[cut] not in lexicon.PARTICLES or cut < len(parts) - 1:
                tails[" ".join(parts[cut:])].add(name)
    return tails


def _surname_mentions(
    sentence: _Sentence,
    text: str,
    known: list[Found],
    names: list[tuple[list[int], list[int]]],
    cues: _Cues,
    tails: dict[str, set[str]],
) -> list[tuple[Reading, str]]:
    """Words that name again, by surname, someone the article names in full, where the
    sentence's own words free them ("Tafoya, 30, was released on Friday", "confirmed
    Ramdass's release"), with the surnames they go by. Only freeing words count: what else
    a surname's sentence says is the full name's to say."""
    taken = {i for _title, name in names for i in name}
    found = []
    for run in _runs(sentence, text):
        for piece in _unknown(run, sentence, known):
            while piece and _title_words(sentence.folded[piece[0]]):
                piece = piece[1:]
            if not piece or taken.intersection(piece):
                continue
            key = " ".join(sentence.folded[i] for i in piece)
            key = key[:-2] if key.endswith(("'s", "\u2019s")) else key
            if key not in tails:
                continue
            if _role(sentence, text, [], piece[0], piece[-1], cues) == FREED:
                found.append((_reading(sentence, text, [], piece, FREED, None), key))
    return found


_TITLED_ROLES = frozenset([OFFICIAL, LAWYER, RELATIVE])


def _of_whom(
    mentions: list[tuple[Reading, str]],
    tails: dict[str, set[str]],
    full: dict[str, list[Reading]],
) -> list[Reading]:
    """The surname mentions that name one person: the one person the article names with
    that surname, when no title marks them as a relative, a lawyer or an official. None
    when two people share it, whatever their titles: in "Ihr Mann Dietmar Kohlhaß" the
    freed one is the relative, and the wife named first is not."""
    of_whom = []
    for mention, key in mentions:
        people_ = [name for name in sorted(tails[key]) if full[name]]
        if len(people_) == 1 and not any(r.role in _TITLED_ROLES for r in full[people_[0]]):
            of_whom.append(replace(mention, mention_of=full[people_[0]][0].start))
    return of_whom


def _headline(text: str, spans: list[tuple[int, int]]) -> tuple[str, tuple[int, int]] | None:
    """The role the article's first line gives, and where, when that line is a headline
    of its own (a line to itself, a sentence long) with release or still-held words."""
    if not spans or "\n" not in text[spans[0][1] :] or text[: spans[0][0]].strip():
        return None
    left, right = spans[0]
    if "\n" in text[left:right] or not text[right:].startswith(("\n", "\r\n")):
        return None
    role = _cues(_sentence(text, left, right)).role
    return (role, (left, right)) if role else None


def _names_read(text: str, spans: list[tuple[int, int]], known: list[Found]) -> frozenset[str]:
    """Every name read somewhere in the article, folded: a name its words introduce once
    ("la periodista Solángel Ugarte") is a name wherever it stands ("Solángel Ugarte salió")."""
    named = set()
    for left, right in spans:
        sentence = _sentence(text, left, right)
        listed = _listed(text, left)
        for _title, name in _names_in(sentence, text, known, listed):
            named.add(" ".join(sentence.folded[i] for i in name))
    return frozenset(named)


def _continues(text: str, previous: tuple[int, int, bool] | None, left: int) -> bool:
    """Whether a sentence goes on from the one before it: in the same line, or on the next
    line after a heading ("Los nombres:") or after a line that itself went on. Otherwise a
    new paragraph or a liveblog's new entry ("15:00 — …") takes the role before it only
    when it opens as a list or with the name."""
    if previous is None:
        return False
    before_left, before_right, went_on = previous
    if "\n" not in text[before_right:left]:
        return True
    return went_on or text[before_left:before_right].rstrip().endswith(":")


def _keeps_context(text: str, left: int, right: int, named: bool) -> bool:
    """Whether a sentence with no release words of its own leaves the list's role standing
    for what follows: a list heading ("Estos son algunos de los nombres:") does, and so
    does a sentence naming nobody inside a paragraph ("La organización precisó que se
    trata de al menos 14 personas."); a paragraph's end, or names of other people, do not."""
    if text[left:right].rstrip().endswith(":"):
        return True
    paragraph_ends = text[right : right + 3].startswith(("\n\n", "\r\n\r")) or right >= len(text)
    return not named and not paragraph_ends
