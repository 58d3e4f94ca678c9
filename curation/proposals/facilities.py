"""Prisons and detention centres the record lacks, by the words real reports use:

- a kind of place before or after a capitalised name: "cárcel de Tocorón", "the Tocorón
  prison", "Gefängnis Rodeo II", "presídio de Tocuyito";
- a name that is itself such a place: "Centro Penitenciario de Aragua", "Internado
  Judicial Rodeo I";
- a numbered site: "Rodeo I", "Yare III", "Zona 7 de Boleíta";
- the detention sites that Venezuelan rights reports name without a kind of place
  (``WELL_KNOWN``, our own list): "La Tumba", "Ramo Verde".

A numbered name is its own place: "El Rodeo I" is never the record's "El Rodeo"."""

import re
from dataclasses import dataclass

from curation.proposals import lexicon
from curation.proposals.gazetteer import Found
from curation.proposals.given_names import is_given_name
from curation.proposals.text import fold

# A kind of place, in lower case ("cárcel") or opening the place's own name ("Cárcel").
_KIND = (
    r"c[áa]rcel(?:es)?|prisi[óo]n|penal|penitenciar[íi]a|centro penitenciario|"
    r"centro de reclusi[óo]n|centro de detenci[óo]n|centro de procesados|internado judicial|"
    r"ret[ée]n|comando|sede|prison|jail|detention cent(?:re|er)|penitentiary|"
    r"gef[äa]ngnis(?:ses)?|haftanstalt|haftzentrum|pris[ãa]o|pres[íi]dio|cadeia|"
    r"penitenci[áa]ria|complexo penitenci[áa]rio"
)
# "cárcel militar de Ramo Verde", "prisão feminina do INOF": what kind of prison it is.
_KIND_ADJECTIVE = (
    r"(?:\s+(?:militar|military|policial|federal|estatal|nacional|feminina|femenina|de mujeres|"
    r"de m[áa]xima seguridad|de alta seguridad|de seguridad|de m[áa]xima seguran[çc]a))?"
)
_LINK = (
    r"(?:\s+(?:de|del|de la|of|von|da|do|en|in))?(?:\s+(?:El|La|Los|Las|the|der|die|o|a)(?=\s))?"
)
_NAME = r"[A-ZÁÉÍÓÚÑ][\w'\u2019-]+(?:\s+(?:de\s+|del\s+)?[A-ZÁÉÍÓÚÑ][\w'\u2019-]+){0,3}"
_NUMBER = r"(?:\s+(?:I{1,3}|IV|V|\d{1,2})\b)?"
_AFTER_KIND = re.compile(
    rf"\b(?P<kind>(?i:{_KIND})){_KIND_ADJECTIVE}{_LINK}\s+(?P<name>{_NAME}{_NUMBER})"
)
# After the name, only a kind in lower case: "Tocorón prison", never "Foro Penal".
_BEFORE_KIND = re.compile(rf"\b(?P<name>{_NAME}{_NUMBER})\s+(?P<kind>{_KIND})\b")
_NUMBERED = re.compile(
    r"\b(?P<name>(?:(?:Zona|M[óo]dulo|Destacamento)\s+\d{1,3}(?:\s+de\s+[A-ZÁÉÍÓÚ]\w+)?)|"
    r"(?:[A-ZÁÉÍÓÚ]\w+\s+(?:I{1,3}|IV|V)))\b"
)
WELL_KNOWN = (
    "La Tumba",
    "Ramo Verde",
    "Tocorón",
    "Tocuyito",
    "Yare",
    "La Yaguara",
    "Fuerte Tiuna",
    "Uribana",
    "La Pica",
    "Puente Ayala",
    "El Dorado",
    "Boleíta",
    "INOF",
    "Instituto Nacional de Orientación Femenina",
)
# Institutions, not places: "la sede del Sebin" is where the Sebin is, and the record
# knows that place by its own name (El Helicoide).
_INSTITUTION = re.compile(
    r"^(?:Servicio|Servi[çc]o|Direcci[óo]n|Dire[çc][ãa]o|Ministerio|Minist[ée]rio|Polic[íi]a|"
    r"Guardia|Fuerza|Sebin|SEBIN|Dgcim|DGCIM|Gobierno|Governo)\b"
)
# Venezuela's states and the towns its prisons stand in: "una cárcel de Miranda" is a
# prison somewhere in Miranda, "la prisión de mujeres de Los Teques" is the INOF.
_PLACES = lexicon._entries(
    "los teques|teques|san juan de los morros|guatire|ocumare del tuy|"
    "amazonas|anzoategui|apure|aragua|barinas|bolivar|carabobo|cojedes|delta amacuro|"
    "falcon|guarico|lara|merida|miranda|monagas|nueva esparta|portuguesa|sucre|tachira|"
    "trujillo|la guaira|vargas|yaracuy|zulia|caracas"
)
# "Until I saw him", "When I": the English pronoun, not a numbered site.
_NOT_A_SITE = lexicon._entries("until|when|then|so|because|now|what|where|after|before|as")
_WELL_KNOWN = re.compile(r"\b(?P<name>" + "|".join(map(re.escape, WELL_KNOWN)) + r")\b")
_CASE_SENSITIVE_KINDS = re.compile(rf"^(?:{_KIND})$", re.I)
_PROPER_KIND = re.compile(r"^(?:Centro|Internado|Complexo|Penitenciar|C[áa]rcel|Prisi)", re.U)


@dataclass(frozen=True)
class NewFacility:
    name: str
    start: int
    end: int

    @property
    def key(self) -> str:
        """One key for "El Rodeo I" and "Rodeo I"."""
        return re.sub(r"^(?:el|la|los|las|the) ", "", fold(self.name))


def _plausible(name: str) -> bool:
    words = fold(name).split()
    if not words or words[0] in lexicon.NOT_A_NAME - {"el", "la", "los", "las"}:
        return False
    if words[0] in _NOT_A_SITE or _INSTITUTION.match(name):
        return False
    if _WELL_KNOWN.fullmatch(name):
        return True  # "Ramo Verde", though "Ramo" is also a given name
    if len(words) == 2 and is_given_name(name.split()[0]) and not _NUMBERED.fullmatch(name):
        return False  # "Juan Pérez prison"? a person's name
    return not _CASE_SENSITIVE_KINDS.match(name)


def _where_another_is(text: str, start: int, taken: list[tuple[int, int]]) -> bool:
    """ "Zona 7, en Boleíta": a place named right after a facility, as where it stands."""
    before = text[max(0, start - 6) : start]
    return bool(re.search(r"(?:\b(?:en|in|em|de)\s+)$", before)) and any(
        0 <= start - end <= 12 for _start, end in taken
    )


def read(text: str, known: list[Found]) -> list[NewFacility]:
    """Each new facility, at its first naming, in reading order."""
    found: list[NewFacility] = []
    taken = [(k.start, k.end) for k in known]

    def keep(start: int, end: int) -> None:
        name = text[start:end].strip()
        if not _plausible(name):
            return
        if any(a <= start < b or a < end <= b for a, b in taken):
            return
        taken.append((start, end))
        found.append(NewFacility(name, start, end))

    for match in _AFTER_KIND.finditer(text):
        kind = match.group("kind")
        if kind[0].isupper() and _PROPER_KIND.match(kind):  # "Centro Penitenciario de Aragua"
            keep(match.start("kind"), match.end("name"))
        elif fold(match.group("name")) not in _PLACES:
            keep(match.start("name"), match.end("name"))
    for pattern in (_BEFORE_KIND, _NUMBERED, _WELL_KNOWN):
        for match in pattern.finditer(text):
            if pattern is _WELL_KNOWN and _where_another_is(text, match.start(), taken):
                continue
            keep(match.start("name"), match.end("name"))
    first: dict[str, NewFacility] = {}
    for facility in sorted(found, key=lambda f: f.start):
        first.setdefault(facility.key, facility)
    return list(first.values())
