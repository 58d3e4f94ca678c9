"""A nationality beside a name: "Spanish human rights activist Ana Ríos", "Ana Ríos,
venezolana,", "o italiano Marco Rossi", "der Deutsche Jan Weber"."""

import re

from curation.proposals.gazetteer import COUNTRY, Found
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


def demonyms(found: list[Found]) -> list[Found]:
    return [f for f in found if f.entry.kind == COUNTRY and f.entry.demonym]


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
