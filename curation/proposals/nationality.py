"""A nationality beside a name: "Spanish human rights activist Ana Ríos", "Ana Ríos,
venezolana,", "o italiano Marco Rossi", "der Deutsche Jan Weber"."""

import re

from curation.proposals.gazetteer import COUNTRY, Found
from curation.proposals.lexicon import NOT_PEOPLE
from sources.search import fold_for_search

# Words that may stand between a nationality and a name, folded.
CONNECTORS = frozenset(
    fold_for_search(
        # English
        "a an the and former fellow dual citizen national activist lawyer journalist "
        "politician opposition leader human rights defender businessman businesswoman "
        "student photographer reporter doctor engineer prisoner detainee who is was born "
        "trade unionist aid worker tourist citizen "
        # Spanish
        "el la los las un una y ciudadano ciudadana de nacionalidad activista abogado "
        "abogada periodista político política opositor opositora dirigente defensor "
        "defensora derechos humanos preso presa detenido detenida fotógrafo fotógrafa "
        "empresario empresaria estudiante sindicalista sindical cooperante turista "
        # Portuguese
        "o a os as um uma cidadão cidadã de nacionalidade jornalista ativista advogado "
        "advogada empresário empresária estudante preso presa detido detida "
        # German
        "der die den dem ein eine einen staatsbürger staatsbürgerin aktivist aktivistin "
        "anwalt anwältin journalist journalistin oppositionspolitiker "
        "oppositionspolitikerin menschenrechtler menschenrechtlerin"
    ).split()
)
_MAX_CONNECTORS = 4
_NEAR_CHARS = 80  # longer than any four connecting words and their spaces


def _joins(text: str, *, comma_first: bool) -> bool:
    """Whether ``text`` (between a nationality and a name) is only connecting words: at most
    a few, hyphens and spaces, and, after a name, one leading comma or bracket."""
    if comma_first:
        stripped = text.lstrip()
        if stripped[:1] not in {",", "("}:
            return False
        text = stripped[1:]
    found = re.findall(r"[^\W\d_]+", text)
    rest = re.sub(r"[^\W\d_]+", "", text)
    return (
        len(found) <= _MAX_CONNECTORS
        and not rest.strip(" -/")
        and all(fold_for_search(w) in CONNECTORS for w in found)
    )


def demonyms(text: str, found: list[Found]) -> list[Found]:
    """The words naming a country's people, less those that name something else: a
    lower-case demonym capitalised inside a sentence is a name ("Giancarlo Russo", the
    state of Portuguesa), and one describing a place, an institution or the press is not
    anyone's nationality ("the Colombian border", "Swiss radio", "la Cancillería
    colombiana", "der italienischen Regierung")."""
    return [
        f
        for f in found
        if f.entry.kind == COUNTRY
        and f.entry.demonym
        and not (f.entry.lower and _capitalised_inside(text, f))
        and not _describes_a_thing(text, f)
    ]


def _capitalised_inside(text: str, found: Found) -> bool:
    word = text[found.start : found.end]
    if not word[:1].isupper() or word.isupper():
        return False
    # A sentence, a heading or a quotation opening before it, or the text's start.
    before = text[max(0, found.start - 12) : found.start].rstrip(_OPENING)
    return bool(before) and before[-1] not in ".!?:;\n"


_WORD = re.compile(r"[^\W\d_]+")
# Quotation marks, brackets and dashes that may open a sentence or a heading.
_OPENING = " \t\"'«\u201c\u2018(*-\u2013\u2014"


def _describes_a_thing(text: str, found: Found) -> bool:
    """Whether the noun the demonym qualifies, the word after it (English, German) or
    before it (Spanish, Portuguese, with no comma between), names no person."""
    after = _WORD.match(text, found.end + 1) if text[found.end : found.end + 1] == " " else None
    before = re.search(r"([^\W\d_]+) $", text[max(0, found.start - 40) : found.start])
    return any(
        fold_for_search(word.group(1) if word is before else word.group(0)) in NOT_PEOPLE
        for word in (after, before)
        if word is not None
    )


_CITIZENS = re.compile(
    r"\b(?:citizens?|nationals|ciudadan[oa]s?|nacionales|connacionales|compatriotas|"
    r"cidad[ãa]os?|cidad[ãa]s?|nacionais|staatsb[üu]rger\w*|staatsangeh[öo]rige\w*|"
    r"landsleute)\b",
    re.IGNORECASE,
)
# What may stand between the citizens and the countries they are of, besides the other
# countries of the list: "citizens of Colombia, Peru and Ecuador", "ciudadanos de Italia".
_OF = frozenset(
    fold_for_search("of from the de del da do dos das aus von and y e und or o including").split()
)
_CITIZENS_AFTER = 8  # words from a list of countries to its citizens
_SENTENCE_END = re.compile(r"[.!?;:\n]")


def of_citizens(text: str, found: list[Found]) -> list[Found]:
    """Countries named as the ones whose citizens are spoken of: "including citizens of
    Colombia, Peru and Ecuador", "Spain, Italy and Ecuador have all had citizens freed",
    "Paraguay reclama por dos de sus ciudadanos". A country named as a place ("arrested
    near the border with Colombia", "travelling from Colombia") is not one."""
    countries = [f for f in found if f.entry.kind == COUNTRY and not f.entry.demonym]
    kept = []
    for country in countries:
        left = max(0, country.start - _NEAR_CHARS)
        before = _without(text, left, country.start, countries)
        citizens = list(_CITIZENS.finditer(before))
        if citizens and _only_words(before[citizens[-1].end() :], _OF, at_most=_MAX_CONNECTORS):
            kept.append(country)
            continue
        after = _without(text, country.end, country.end + 2 * _NEAR_CHARS, countries)
        citizen = _CITIZENS.search(after)
        between = after[: citizen.start()] if citizen else ""
        near = len(_WORD.findall(between)) <= _CITIZENS_AFTER
        if citizen and near and not _SENTENCE_END.search(between):
            kept.append(country)
    return kept


def _without(text: str, start: int, end: int, found: list[Found]) -> str:
    """``text[start:end]`` with the words of every one of ``found`` inside it blanked."""
    chars = list(text[start:end])
    for other in found:
        if start <= other.start and other.end <= end:
            chars[other.start - start : other.end - start] = " " * (other.end - other.start)
    return "".join(chars)


def _only_words(text: str, allowed: frozenset[str], *, at_most: int) -> bool:
    words = _WORD.findall(text)
    rest = _WORD.sub("", text)
    return (
        len(words) <= at_most
        and not rest.strip(" ,")
        and all(fold_for_search(w) in allowed for w in words)
    )


def beside(text: str, name: tuple[int, int], nationalities: list[Found]) -> list[Found]:
    """The nationality words standing beside the name at ``name`` (``start``, ``end``)."""
    found = []
    for demonym in nationalities:
        # A few connecting words at most: anything farther is not beside the name (and a
        # long article is not read once per pair of a name and a nationality).
        if demonym.end < name[0] - _NEAR_CHARS or demonym.start > name[1] + _NEAR_CHARS:
            continue
        if demonym.end <= name[0]:
            between = text[demonym.end : name[0]]
            # Other nationalities between count as connecting ("Spanish-Venezuelan activist").
            for other in nationalities:
                if demonym.end <= other.start and other.end <= name[0]:
                    between = between.replace(text[other.start : other.end], " ", 1)
            if _joins(between, comma_first=False):
                found.append(demonym)
        elif demonym.start >= name[1] and _joins(text[name[1] : demonym.start], comma_first=True):
            found.append(demonym)
    return found
