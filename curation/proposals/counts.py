"""Numbers of people, as the text claims them: "más de 800 presos políticos", "at least 18
journalists", "decenas de detenidos", "cinco españoles", with

- the **qualifier** in the words before ("más de", "at least", "unos", "rund"), or
  *unspecified* for a vague quantity ("decenas", "dozens", "several");
- the **metric** from the words of its clause: released (release words), still held
  ("siguen detenidos", "remain", "hay"), or held at some point;
- the **claimant**: who says it ("según Foro Penal", "the UN said", "dijo el ministro …"),
  or the article's own reporting when nobody is quoted;
- the **as-of** words when the text gives them ("hasta el 12 de enero", "as of Monday").

A number is a count only when people follow it ("18 presos", "five Spanish citizens"):
"45 años", "2024" and "15 de enero" are not."""

import re
from dataclasses import dataclass

from curation.proposals import lexicon, people
from curation.proposals.gazetteer import COUNTRY, Found
from curation.proposals.text import fold, phrase_at, words

EXACT, APPROXIMATE, AT_LEAST, MORE_THAN, UNSPECIFIED = (
    "exact",
    "approximate",
    "at_least",
    "more_than",
    "unspecified",
)
RELEASED, STILL_HELD, HELD = "released", "still_held", "held"
OWN_REPORTING = "not attributed (the article's own reporting)"

NUMBER_WORDS = {
    fold(word): value
    for value, spellings in {
        2: "two dos dois duas zwei",
        3: "three tres três drei",
        4: "four cuatro quatro vier",
        5: "five cinco fünf",
        6: "six seis sechs",
        7: "seven siete sete sieben",
        8: "eight ocho oito acht",
        9: "nine nueve nove neun",
        10: "ten diez dez zehn",
        11: "eleven once onze elf",
        12: "twelve doce doze zwölf dozen docena dúzia dutzend",
        13: "thirteen trece treze dreizehn",
        14: "fourteen catorce catorze vierzehn",
        15: "fifteen quince quinze fünfzehn",
        16: "sixteen dieciséis dezesseis sechzehn",
        17: "seventeen diecisiete dezessete siebzehn",
        18: "eighteen dieciocho dezoito achtzehn",
        19: "nineteen diecinueve dezenove neunzehn",
        20: "twenty veinte vinte zwanzig",
        30: "thirty treinta trinta dreißig",
        40: "forty cuarenta quarenta vierzig",
        50: "fifty cincuenta cinquenta fünfzig",
        60: "sixty sesenta sessenta sechzig",
        100: "hundred cien cem hundert centenar centena",
    }.items()
    for word in spellings.split()
}
VAGUE = lexicon._entries(
    "dozens|scores|hundreds|thousands|several|multiple|many|numerous|a large number|"
    "a number|a handful|decenas|docenas|cientos|centenares|miles|varios|varias|numerosos|"
    "numerosas|un gran numero|un numero|muchos|muchas|dezenas|centenas|milhares|varios|"
    "varias|muitos|muitas|dutzende|hunderte|tausende|mehrere|zahlreiche|viele|eine reihe"
)
QUALIFIERS = {
    MORE_THAN: lexicon._entries(
        "more than|over|upwards of|in excess of|mas de|mais de|mehr als|uber|über"
    ),
    AT_LEAST: lexicon._entries(
        "at least|no fewer than|al menos|por lo menos|como minimo|pelo menos|no minimo|"
        "mindestens|wenigstens"
    ),
    APPROXIMATE: lexicon._entries(
        "about|around|nearly|almost|some|roughly|approximately|an estimated|close to|up to|"
        "unos|unas|cerca de|alrededor de|aproximadamente|casi|hasta|unos|"
        "cerca de|quase|aproximadamente|ate|rund|etwa|fast|ungefahr|knapp|bis zu|gut"
    ),
}
PEOPLE = lexicon._entries(
    "prisoners|prisoner|political prisoners|detainees|detainee|people|persons|citizens|"
    "nationals|foreigners|foreign nationals|journalists|inmates|activists|soldiers|"
    "officers|opposition figures|politicians|students|women|men|minors|children|"
    "workers|press workers|media workers|of them|releases|"
    "excarcelaciones|liberaciones|libertacoes|libertações|solturas|freilassungen|"
    "connacionales|compatriotas|vecinos|colegas|sailors|marineros|"
    "presos|preso|presas|prisioneros|detenidos|detenidas|personas|ciudadanos|ciudadanas|"
    "extranjeros|extranjeras|periodistas|reclusos|reclusas|activistas|militares|"
    "opositores|dirigentes|politicos|estudiantes|mujeres|hombres|menores|trabajadores|"
    "trabajadoras|privados de libertad|excarcelados|excarceladas|liberados|liberadas|"
    "de ellos|de ellas|"
    "presos|detidos|detidas|pessoas|cidadaos|estrangeiros|prisioneiros|jornalistas|"
    "ativistas|libertados|libertadas|deles|"
    "haftlinge|häftlinge|gefangene|gefangenen|politische gefangene|menschen|personen|"
    "manner|männer|frauen|staatsburger|staatsbürger|burger|bürger|seeleute|soldaten|"
    "homens|mulheres|cidadaos|marinheiros|militares|opositores|"
    "auslander|ausländer|journalisten|aktivisten|inhaftierte|inhaftierten|freigelassene"
)
_SUBJECT_TAIL = lexicon._entries(
    "politicos|politicas|political|politische|politischen|de la prensa|de prensa|"
    "del sector prensa|extranjeros|extranjeras|estrangeiros|venezolanos|venezolanas"
)
HOLDING = lexicon._entries(
    "hold|holds|held|holding|there are|there were|remain|remains|remaining|still|"
    "hay|habia|quedan|siguen|permanecen|continuan|mantiene|mantienen|tiene|todavia|aun|"
    "ha|tem|existem|seguem|permanecem|ainda|"
    "gibt es|sitzen|bleiben|noch|weiterhin"
)
# "CARACAS, 14 ene (Agencia) - ", "WASHINGTON — ": where a wire story was filed, not who speaks.
_DATELINE = re.compile(
    r"^\s*[A-ZÁÉÍÓÚÑÜ][A-ZÁÉÍÓÚÑÜ .'-]{2,}(?:,[^\u2014\u2013-]{0,40})?\s*[\u2014\u2013-]+\s*"
)
_TOLD = re.compile(
    r"(?:a|to|à|ao|gegenüber)\s+(?:(?:esta|este|la|el|los|the|a|o|der|dem)\s+)?"
    r"(?:agencia|agencia|agency|agência|reporters|periodistas|prensa|press|jornalistas|"
    r"journalists|Journalisten|[A-Z]{2,5})\s+",
    re.I,
)
_QUOTE = re.compile('["\u201c\u201d\u00ab\u00bb]')
_ARTICLES = frozenset(["el", "la", "los", "las", "the", "o", "a", "os", "as", "der", "die", "das"])
_CLAIMANT_STOP = re.compile(r"[,;:()]|\b(?:que|that|dass|who|quien|which|cuyo)\b")
_AS_OF = re.compile(
    r"\b(?:as of|as at|up to|until|hasta el|hasta este|hasta|con corte al|al cierre del?|"
    r"at[ée] (?:o|a|esta|este)|bis zum|bis zu|bis|stand)\s+(?P<words>(?:\w+\s+){0,3}\w+)",
    re.I,
)
_DATE_AFTER = re.compile(
    r"^\s*(?:de\s+)?(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|"
    r"octubre|noviembre|diciembre|january|february|march|april|may|june|july|august|"
    r"september|october|november|december|jan|feb|janeiro|fevereiro|januar|februar|"
    r"años|anos|years|jahre|year-old|-year|horas|hours|días|days|de la mañana|a\.m|p\.m|"
    r"%|por ciento|percent|kilómetros|km)",
    re.I,
)
_DIGITS = re.compile(r"\d{1,3}(?:[.,\u00a0 ]\d{3})+|\d+")


@dataclass(frozen=True)
class Count:
    start: int  # the words of the number and what it counts
    end: int
    value: int | None
    qualifier: str
    metric: str
    subject: str
    claimed_by: str
    claimant_at: tuple[int, int] | None
    as_of_text: str
    country: str  # ISO code when the counted people are a nationality
    sentence: tuple[int, int]


def _number(token: str) -> int | None:
    if _DIGITS.fullmatch(token):
        return int(re.sub(r"\D", "", token))
    return NUMBER_WORDS.get(fold(token))


# Verbs of estimating and counting, beside those of speech: "Foro Penal estima que…".
CLAIMING = lexicon.SPEECH | lexicon._entries(
    "estimates|estimate|estimated|say|count|counts|counted|tallied|recorded|documented|"
    "puts|put|believes|reckons|"
    "estima|estiman|estimo|calcula|calculan|calculo|contabiliza|contabilizan|registra|"
    "registran|cifra|cifro|cuenta|reporta|reportan|reporto|sostiene|"
    "estimou|calculou|contabiliza|registra|aponta|apontou|"
    "schatzt|schätzt|schätzen|schatzen|zahlt|zählt|zählte|zahlte|registrierte|spricht"
)


def _claimant(
    text: str, left: int, right: int, folded: list[str], found, at: int = 0
) -> tuple[str, tuple[int, int] | None]:
    """Who the sentence says makes the claim, with where their words are: after "según",
    "according to"…, or the subject of the verb of saying or estimating nearest the
    number (at word ``at``)."""
    sentence_words = words(text, left, right)
    for index in range(len(folded)):
        size = phrase_at(folded, index, lexicon.ACCORDING_TO)
        if size and index + size < len(sentence_words):
            start = sentence_words[index + size].start
            end = _claimant_end(text, start, right)
            return text[start:end].strip(), (start, end)
    verbs = [i for i in range(len(folded)) if phrase_at(folded, i, CLAIMING)]
    for index in sorted(verbs, key=lambda i: (abs(i - at), i > at)):
        before = _DATELINE.sub("", text[left : sentence_words[index].start])
        offset = sentence_words[index].start - len(before)
        pieces = [p for p in _CLAIMANT_STOP.split(before) if p.strip()]
        # "Alfredo Romero, director de Foro Penal, dijo": the first piece when it is a
        # name; "Más tarde, el Ministerio … confirmó": the last; '"…", dijo X': after.
        for piece in (pieces[:1] + pieces[-1:]) if pieces else []:
            piece = re.sub(r"^(?:But|Pero|Y|And|Aber|Mas|E)\s+", "", piece.strip())
            first = fold(piece.split()[0]) if piece.split() else ""
            if (
                piece
                and len(piece.split()) <= 7
                and piece[0].isupper()
                and (first not in lexicon.NOT_A_NAME or first in _ARTICLES)
                and not before.rstrip().endswith(('"', "\u201d", "\u00bb"))
            ):
                start = text.index(piece, offset)
                return piece, (start, start + len(piece))
        last = pieces[-1].strip() if pieces else ""
        if last and len(last.split()) <= 4 and not any(c.isdigit() for c in last):
            # "… that rights groups say has reached": a short subject right before the verb.
            first = fold(last.split()[0])
            if first not in lexicon.NOT_A_NAME or first in _ARTICLES:
                start = text.index(last, offset)
                return last, (start, start + len(last))
        if index + 1 < len(sentence_words):
            start = sentence_words[index + 1].start
            if to := _TOLD.match(text, start):  # "dijo a esta agencia el director …"
                start = to.end()
            end = _claimant_end(text, start, right)
            if text[start:end].strip():
                return text[start:end].strip(), (start, end)
    return OWN_REPORTING, None


def _claimant_end(text: str, start: int, right: int) -> int:
    stop = _CLAIMANT_STOP.search(text, start, right)
    end = stop.start() if stop else right
    piece = text[start:end].rstrip(" .")
    pieces = piece.split()
    if len(pieces) > 9:
        piece = " ".join(pieces[:9])
    return start + len(piece)


def read(text: str, spans: list[tuple[int, int]], found: list[Found]) -> list[Count]:
    counts: list[Count] = []
    demonyms = [f for f in found if f.entry.kind == COUNTRY and f.entry.demonym]
    for position, (left, right) in enumerate(spans):
        sentence_words = words(text, left, right)
        folded = [w.folded for w in sentence_words]
        index = 0
        while index < len(folded):
            value, size = _number(sentence_words[index].text), 1
            vague = 0 if value is not None else phrase_at(folded, index, VAGUE)
            if value is None and not vague:
                index += 1
                continue
            if vague:
                size = vague
            after = sentence_words[index + size - 1].end
            if value is not None and (
                _DATE_AFTER.match(text[after:right])
                or _is_year(value, sentence_words[index].text)
                or (index and folded[index - 1] in _MONTH_ABBREVIATIONS)  # "Jan 12 (AP)"
                or _is_age(text, sentence_words[index].start, after)
            ):
                index += 1
                continue
            noun = _people_after(folded, index + size, demonyms, sentence_words)
            if noun is None:
                index += size
                continue
            end_word = noun
            while end_word + 1 < len(folded) and (phrase_at(folded, end_word + 1, _SUBJECT_TAIL)):
                end_word += phrase_at(folded, end_word + 1, _SUBJECT_TAIL)
            qualifier, first = _qualifier(folded, index, value)
            start = sentence_words[first].start
            end = sentence_words[end_word].end
            subject_start = sentence_words[index + size].start
            if folded[index + size : index + size + 1] in (["de"], ["of"], ["von"]):
                subject_start = sentence_words[index + size + 1].start
            subject = text[subject_start:end]
            metric = _metric(text, left, right, folded)
            claimed_by, claimant_at = _claimant(text, left, right, folded, found, index)
            if (
                claimed_by == OWN_REPORTING
                and position + 1 < len(spans)
                and _QUOTE.search(text, left, right)
            ):
                # A quoted figure whose speaker the next sentence names ("…". dijo X).
                following = spans[position + 1]
                next_words = [w.folded for w in words(text, *following)]
                claimed_by, claimant_at = _claimant(text, *following, next_words, found)
            as_of = _AS_OF.search(text, left, right)
            country = next((d.entry.key for d in demonyms if start <= d.start and d.end <= end), "")
            counts.append(
                Count(
                    start,
                    end,
                    value,
                    qualifier,
                    metric,
                    subject,
                    claimed_by,
                    claimant_at,
                    as_of.group(0) if as_of and _looks_like_date(as_of.group("words")) else "",
                    str(country),
                    (left, right),
                )
            )
            index = end_word + 1
    return counts


_MONTH_ABBREVIATIONS = lexicon._entries(
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|ene|abr|ago|dic|janeiro|fevereiro|"
    "enero|febrero|january|february|januar|februar"
)


def _is_age(text: str, start: int, end: int) -> bool:
    """ ", 45, was freed": a number between commas right after a name is an age."""
    return text[max(0, start - 2) : start] == ", " and text[end : end + 1] == ","


def _is_year(value: int, token: str) -> bool:
    return len(token) == 4 and token.isdigit() and 1900 <= value <= 2100


def _looks_like_date(words_: str) -> bool:
    return bool(
        re.search(
            r"\d|enero|febrero|january|february|janeiro|fevereiro|januar|februar|"
            r"lunes|martes|miércoles|jueves|viernes|sábado|domingo|monday|tuesday|"
            r"wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|"
            r"donnerstag|freitag|samstag|sonntag|segunda|terça|quarta|quinta|sexta",
            words_,
            re.I,
        )
    )


def _people_after(
    folded: list[str], index: int, demonyms: list[Found], sentence_words
) -> int | None:
    """The index of the last word of the people counted, if they follow within a few
    words ("18 presos", "decenas de presos políticos", "five Spanish citizens")."""
    for position in range(index, min(index + 4, len(folded))):
        size = phrase_at(folded, position, PEOPLE)
        if size:
            return position + size - 1
        word = sentence_words[position]
        if any(d.start <= word.start and word.end <= d.end for d in demonyms):
            # "cinco españoles": a plural nationality is the people counted, unless a noun follows.
            following = phrase_at(folded, position + 1, PEOPLE)
            return position + following if following else position
        if _number(sentence_words[position].text) is not None and position > index:
            return None
    return None


def _qualifier(folded: list[str], index: int, value: int | None) -> tuple[str, int]:
    if value is None:
        return UNSPECIFIED, index
    for size in (3, 2, 1):
        begin = index - size
        if begin >= 0:
            phrase = " ".join(folded[begin:index])
            for qualifier, phrases in QUALIFIERS.items():
                if phrase in phrases:
                    return qualifier, begin
    return EXACT, index


def _metric(text: str, left: int, right: int, folded: list[str]) -> str:
    role = people.sentence_role(text, left, right)
    if role == people.STILL_HELD:
        return STILL_HELD
    if role == people.FREED:
        return RELEASED
    if any(phrase_at(folded, i, HOLDING) for i in range(len(folded))):
        return STILL_HELD
    return HELD
