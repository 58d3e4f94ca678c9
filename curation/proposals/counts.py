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
from collections.abc import Iterator
from dataclasses import dataclass

from curation.proposals import lexicon, nationality, people
from curation.proposals.gazetteer import Found
from curation.proposals.given_names import is_given_name
from curation.proposals.text import Word, fold, phrase_at, words

EXACT, APPROXIMATE, AT_LEAST, MORE_THAN, UNSPECIFIED = (
    "exact",
    "approximate",
    "at_least",
    "more_than",
    "unspecified",
)
RELEASED, STILL_HELD, HELD = "released", "still_held", "held"
OWN_REPORTING = "not attributed (the article's own reporting)"
# Who claims a count, and where the text names them (None: nowhere, as for the article's
# own reporting).
Claimant = tuple[str, tuple[int, int] | None]

# Not "many", "muchos", "viele": they say a lot, not how many ("many of them", "many
# people fear"), and reports rarely mean them as a figure.
VAGUE = lexicon._entries(
    "dozens|scores|hundreds|thousands|several|multiple|numerous|a large number|"
    "a number|a handful|a significant number|a considerable number|a substantial number|"
    "um numero|un numero significativo|um numero significativo|decenas|docenas|cientos|"
    "centenares|miles|varios|varias|numerosos|"
    "numerosas|un gran numero|un numero|dezenas|centenas|milhares|varios|"
    "varias|dutzende|hunderte|tausende|mehrere|zahlreiche|eine reihe"
)
QUALIFIERS = {
    MORE_THAN: lexicon._entries(
        "more than|over|upwards of|in excess of|mas de|mais de|mehr als|uber|über|"
        "above|por encima de|acima de|arriba de"
    ),
    AT_LEAST: lexicon._entries(
        "at least|no fewer than|al menos|por lo menos|como minimo|pelo menos|no minimo|"
        "mindestens|wenigstens"
    ),
    APPROXIMATE: lexicon._entries(
        "about|around|nearly|almost|some|roughly|approximately|an estimated|close to|up to|"
        "unos|unas|cerca de|alrededor de|aproximadamente|casi|hasta|unos|"
        "cerca de|perto de|quase|aproximadamente|ate|rund|etwa|fast|ungefahr|knapp|bis zu|gut"
    ),
}
PEOPLE = lexicon._entries(
    "prisoners|prisoner|political prisoners|detainees|detainee|people|persons|citizens|"
    "nationals|foreigners|foreign nationals|journalists|inmates|activists|soldiers|"
    "officers|opposition figures|politicians|students|women|men|minors|children|"
    "workers|press workers|media workers|of them|releases|"
    "excarcelaciones|liberaciones|libertacoes|libertações|solturas|freilassungen|"
    "entlassungen|haftentlassungen|"
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
    "auslander|ausländer|journalisten|aktivisten|inhaftierte|inhaftierten|freigelassene|"
    # Cases, members, beneficiaries: how tallies name the people they count.
    "cases|casos|falle|fälle|members|miembros|integrantes|membros|beneficiados|"
    # Not families or relatives: "unas 40 familias", "several dozen relatives" wait outside.
    "beneficiarios|beneficiarias|beneficiaries|"
    "freigelassenen|begunstigte|begunstigten|angehorige der streitkrafte|national|citizen|"
    "ciudadano|ciudadana|cidadao|cidadã|"
    "compatriots|connationals|madeirenses|"
    # Arrests count the people arrested; officers, civilians and clients are people.
    "arrests|detentions|detenciones|arrestos|capturas|prisoes|prisões|festnahmen|"
    "verhaftungen|oficiales|agentes|policias|policías|civilians|civiles|civis|zivilisten|"
    "clients|clientes|mandanten|sindicalistas|"
    "trade unionists|union members|gewerkschafter|defensores|defenders|lideres|líderes|"
    "leaders|militantes|militants|opposition members|opositoras|presas politicas|"
    # What the people counted are by trade, rank or papers: "30 kolumbianische
    # Staatsangehörige", "cinco pescadores", "três lusodescendentes".
    "offiziere|staatsangehorige|doppelstaatler|europaer|priests|sacerdotes|priester|"
    "pastores|fishermen|pescadores|truck drivers|camioneros|employees|empleados|"
    "mitarbeiter|funcionarios|lusodescendentes|luso-venezuelanos|delas|"
    # The people of a Venezuelan state: "siguen detenidos dos tachirenses".
    "tachirenses|zulianos|merideños|larenses|carabobeños|aragüeños|mirandinos|caraqueños|"
    "margariteños|neoespartanos|barineses|falconianos|anzoatiguenses|bolivarenses|"
    "guayaneses|monaguenses|sucrenses|trujillanos|yaracuyanos|apureños|guariqueños|"
    "cojedeños|deltanos|amazonenses"
)
# "varios de ellos", "several of them": some of the people just counted.
_OF_THEM = lexicon._entries(
    "of them|of those|de ellos|de ellas|deles|delas|von ihnen|dos quais|de los cuales"
)


def _of_them(folded: list[str], start: int, end: int) -> bool:
    return any(phrase_at(folded, i, _OF_THEM) for i in range(start, end + 1))


# Verbs that give a tally its number ("la cifra asciende a 87", "passa de 400", "the
# figure is above 500"), with the qualifier they mean.
FIGURE_VERBS = {
    MORE_THAN: lexicon._entries(
        "supera|superan|supera los|supera las|superaba|sobrepasa|rebasa|passa de|passam de|"
        "ultrapassa|ultrapassam|is above|was above|are above|exceeds|exceeded|tops|topped|"
        "is over|ubersteigt|übersteigt|liegt uber|liegt über"
    ),
    EXACT: lexicon._entries(
        "asciende a|ascienden a|ascendia a|llega a|llegan a|llegaba a|llegaban a|llego a|"
        "llegaron a|chegava a|chegou a|alcanza|alcanzan|suma|suman|"
        "se eleva a|se elevan a|eleva a|elevo a|elevan a|totaliza|chega a|chegam a|soma|"
        "somam|atinge|sobe para|subiu para|"
        "stands at|stood at|rose to|rises to|reached|reaches|totals|totalled|totaled|"
        "liegt bei|liege bei|lag bei|steigt auf|stieg auf|betragt|beträgt|betrage|"
        # "up from 471 on Monday": the tally's figure before.
        "up from|down from"
    ),
    APPROXIMATE: lexicon._entries(
        "nears|neared|is nearing|nearing|approaches|ronda|rondan|rondaba|se acerca a|"
        "ronda os|beira|beira os|nahert sich|nähert sich"
    ),
}
# Words that give a figure as what someone says or finds, in a sentence about releases,
# detention or a tally: "habla de "más de 600"", "put the total at "nearly 2,000"", "spricht
# von «über 2000»", "sind es knapp 800", "quedan cientos".
_SAYS_FIGURE = lexicon._entries(
    "habla de|hablan de|hablaba de|hablo de|fala em|falam em|falava em|falou em|"
    "spricht von|sprechen von|sprach von|talks about|talks of|talked about|speaks of|"
    "put the total at|puts the total at|put the figure at|puts the figure at|"
    "put the number at|puts the number at|bring the total to|brings the total to|"
    "brought the total to|spoken of|spoke of|the total to|the total at|the figure at|"
    "risen to|climbed to|"
    "closer to|claims|claimed|had confirmed|has confirmed|cifra a|cifra en|la cifra a|"
    "han sido|habrian sido|sind es|seien es|waren es|quedan|quedaron|restam|ainda restam|"
    "siguen siendo|more than that|estimates|estima|estiman|calcula|calculan"
)
# Words that say the sentence is about a tally of people, for a number after a figure
# verb: "el número de excarcelaciones asciende a 87".
_TALLY_WORDS = lexicon._entries(
    "cifra|numero|total|balance|conteo|recuento|figure|number|tally|count|total|zahl|"
    "anzahl|bilanz|numero|contagem"
)
_TALLY_NAME = lexicon._entries(
    "el numero de|el numero total de|la cifra de|el total de|the number of|the total of|"
    "o numero de|o total de|die zahl der|die anzahl der"
)
# German reported speech (Konjunktiv I and II) goes on saying what the speaker before
# said: "…, sagte Romero. Rund 680 Menschen säßen weiterhin in Haft."
# (Folded, "würden" is "wurden": only forms that stay apart from the indicative.)
_REPORTED_SPEECH = lexicon._entries("sei|seien|habe|liege|befinde|befänden|gebe|säßen")
# What a number word needs before it to be one: "un centenar", "uma dezena".
_ONE = frozenset(["un", "una", "um", "uma", "a", "an"])
# A number of collective numbers: "duas dezenas" are 20, "two dozen" 24, "tres centenares" 300.
_MULTIPLES = {
    word: unit
    for unit, spellings in (
        (10, "decenas dezenas"),
        (12, "dozen docenas duzias dutzend"),
        (100, "hundred centenares centenas hundert"),
    )
    for word in spellings.split()
}
_COLLECTIVE_NUMBERS = lexicon._entries(
    "decena|docena|veintena|treintena|centenar|centena|dezena|vintena|duzia|dozen|hundred|"
    "dutzend|hundert"
)
# A vague quantity that the next words show to be people: "several remain in prison",
# "only a handful have walked out", "Hunderte weiter in Haft".
_PEOPLE_VERBS = lexicon._entries(
    "remain|remained|remains|have walked out|walked out|were freed|have been freed|"
    "were released|have been released|siguen|permanecen|continuan|fueron excarcelados|"
    "han sido excarcelados|salieron|seguem|permanecem|foram soltos|foram libertados|"
    "weiter in haft|noch in haft|sitzen|kamen frei|sind frei|are still|were still|"
    "siguen presos|siguen detenidos|continuam presos"
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
    # "17:00 — ", "09.10 - ": a liveblog entry's time.
    r"^\s*(?:\d{1,2}[:.h]\d{2}|[A-ZÁÉÍÓÚÑÜ][A-ZÁÉÍÓÚÑÜ .'-]{2,}(?:,[^\u2014\u2013-]{0,40})?"
    # "Caracas, 29 ene 2026 (AFP) - ", "Caracas, 9 ene (EFE).- ": a city in any case, with
    # the agency in brackets.
    r"|[A-ZÁÉÍÓÚÑÜ][\w .'-]{2,30}(?:\s*\([^()]{2,30}\))?,[^\u2014\u2013()]{0,40}"
    r"\([A-Za-z/ ]{2,20}\)\.?)"
    r"\s*[\u2014\u2013-]+\s*"
)
# "4/8 ", a thread's post number; "SEGUNDO: ", "Nota de la redacción: ", "UPDATE: ", a
# paragraph's label: how a paragraph opens, not who speaks in it.
_POST_NUMBER = re.compile(r"\s*\d{1,2}/\d{1,2}\s+")
_LABEL = re.compile(r"\s*(?P<label>[^\W\d][^:\n\"\u201c\u00ab]{0,40}?)\s*:\s+")
PARAGRAPH_LABELS = lexicon._entries(
    "primero|segundo|tercero|cuarto|quinto|sexto|septimo|octavo|noveno|decimo|unico|"
    "primeiro|terceiro|first|second|third|fourth|fifth|erstens|zweitens|drittens|"
    "nota|nota de la redaccion|nota del editor|nota de redaccion|nota da redacao|"
    "nota do editor|editor's note|editors note|note|update|actualizacion|atualizacao|"
    "aktualisierung|nachtrag|contexto|context|hintergrund|background|analyse|analysis|"
    "analisis|ultima hora|breaking|urgente|eilmeldung|en vivo|live|correccion|correction"
)


def _is_label(words_: str) -> bool:
    return fold(words_) in PARAGRAPH_LABELS or fold(words_) in lexicon.ORDINALS


def _undated(piece: str) -> str:
    """A sentence's words without what opens it and says nobody: a dateline ("CARACAS, 14
    ene (Agencia) - "), a thread's post number ("4/8 ") or a paragraph's label
    ("SEGUNDO: ", "Nota de la redacción: ")."""
    piece = _DATELINE.sub("", piece)
    if post := _POST_NUMBER.match(piece):
        piece = piece[post.end() :]
    if (label := _LABEL.match(piece)) and _is_label(label.group("label")):
        piece = piece[label.end() :]
    return piece


_TOLD = re.compile(
    r"(?:a|to|à|ao|gegenüber)\s+(?:(?:esta|este|la|el|los|the|a|o|der|dem)\s+)?"
    r"(?:agencia|agencia|agency|agência|reporters|periodistas|prensa|press|jornalistas|"
    r"journalists|Journalisten|[A-Z]{2,5})\s+",
    re.I,
)
_QUOTE = re.compile('["\u201c\u201d\u00ab\u00bb]')
_ARTICLES = frozenset(["el", "la", "los", "las", "the", "o", "a", "os", "as", "der", "die", "das"])
_CLAIMANT_STOP = re.compile(
    r"[,;:()]|\b(?:que|that|dass|who|quien|which|cuyo|junto con|junto a|together with|"
    r"along with)\b|"
    # "disse Himiob à imprensa": whom they told is not who says it.
    r"\s(?:à|a la|a los|to|ao|aos|gegenüber)\s+(?:imprensa|prensa|periodistas|press|"
    r"reporters|journalists|jornalistas|Journalisten|medios|media)\b"
)
# "Alfredo Romero, director de Foro Penal,": the office after a speaker's name says for
# whom they speak.
_AFFILIATION = re.compile(
    r",\s+(?P<office>(?:[a-záéíóúñü-]+\s+){0,4}(?:de|del|of|do|da|der|von|for|with|con|com|bei)\s+"
    r"(?:(?:la|el|the|o|a|die)\s+)?(?:[a-záéíóúñü-]+\s+){0,2}[A-ZÁÉÍÓÚÑ][^,;.()\"]{1,60}?)"
    r"(?=\s*[,;.)])"
)
_AS_OF = re.compile(
    r"\b(?:as of|as at|up to|until|hasta el|hasta este|hasta|con corte al|al cierre del?|"
    r"at[ée] (?:o|a|esta|este)|bis zum|bis zu|bis|stand)\s+(?P<words>(?:\w+\s+){0,3}\w+)",
    re.I,
)
_DATE_AFTER = re.compile(
    r"^\s*(?:de\s+)?(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|"
    r"octubre|noviembre|diciembre|january|february|march|april|may|june|july|august|"
    r"september|october|november|december|jan|feb|janeiro|fevereiro|januar|februar|"
    r"ene\b|abr\b|ago\b|dic\b|sept?\b|oct\b|nov\b|dez\b|mär\b|mai\b|"
    r"años|anos|years|jahre|jahren|year-old|-year|horas|hours|días|dias|days|tagen?\b|"
    r"meses|months?\b|monaten?\b|semanas|weeks?\b|wochen\b|décadas|decadas|decades?\b|"
    r"jahrzehnten?\b|de la mañana|a\.m|p\.m|"
    # "400 mil portugueses", "150,000 people": communities, not detainees
    r"de miles|de milhares|of thousands|:\d|"
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


# "3rd", "19th", "5º", "3ª": an ordinal written in digits.
_NUMBERED_ORDINAL = re.compile(r"(\d{1,3})(?:st|nd|rd|th|º|ª)")


def _number(token: str) -> int | None:
    if _DIGITS.fullmatch(token):
        return int(re.sub(r"\D", "", token))
    folded = fold(token)
    if folded in lexicon.NUMBER_WORDS:
        return lexicon.NUMBER_WORDS[folded]
    if folded in lexicon.ORDINALS:
        return lexicon.ORDINALS[folded]
    if ordinal := _NUMBERED_ORDINAL.fullmatch(token):
        return int(ordinal.group(1))
    # "twenty-eight", "veintiocho", "achtundzwanzig": tens and units in one word.
    if composed := _COMPOSED.fullmatch(folded):
        tens = composed.group("tens") or composed.group("tens_de")
        units = composed.group("units") or composed.group("units_de")
        tens_value = lexicon.NUMBER_WORDS.get(tens) if tens else 20  # "veinti-"
        units_value = 1 if units in ("one", "uno", "ein") else lexicon.NUMBER_WORDS.get(units)
        if tens_value and units_value and units_value < 10:
            return tens_value + units_value
    return None


def _is_ordinal(token: str) -> bool:
    return fold(token) in lexicon.ORDINALS or bool(_NUMBERED_ORDINAL.fullmatch(token))


_COMPOSED = re.compile(
    r"(?:(?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-|veinti)"
    r"(?P<units>[a-z]+)"
    r"|(?P<units_de>[a-z]+)und(?P<tens_de>zwanzig|dreissig|vierzig|funfzig|sechzig|siebzig|"
    r"achtzig|neunzig)"
)


# Verbs of estimating and counting, beside those of speech: "Foro Penal estima que…".
CLAIMING = lexicon.SPEECH | lexicon._entries(
    "estimates|estimate|estimated|say|count|counts|counted|tallied|recorded|documented|"
    "puts|put|believes|reckons|verified|verifies|verify|has verified|had verified|"
    "tracked|tracks|logged|"
    "estima|estiman|estimo|estimaba|calcula|calculan|calculo|calculaba|contabiliza|"
    "contabilizan|contabilizaba|contabilizo|registra|registran|registraba|registro|cifra|"
    "cifro|cuenta|contaba|reporta|reportan|reporto|reportaba|sostiene|verifico|verificado|"
    "verificaba|habla|hablan|hablo|hablaron|hablaba|confirmado|registrado|contabilizado|"
    "documentado|"
    "registrados|registradas|verifica|verifican|advierte|advierten|advertia|cifraba|"
    "cifraban|cifran|daba por|daban por|spoken of|spoke of|"
    "registados|registadas|regista|registou|registaram|dava como|davam como|"
    "estimou|calculou|contabiliza|contabilizava|contabilizou|registra|registrava|conta|contam|"
    "registrou|aponta|apontou|verificou|fala|falam|"
    "schatzt|schätzt|schätzen|schatzen|zahlt|zählt|zählte|zahlte|registrierte|spricht|"
    "recordo|recordou|"
    "sprechen|sprach|verzeichnete|dokumentierte|nennt|nannte|nennen|beziffert|bezifferte|"
    # A German participle at the clause's end: "hat knapp 500 Freilassungen überprüft".
    "uberpruft|verifiziert|bestatigt|registriert|gezahlt|dokumentiert|"
    # Revising a tally is claiming the new figure: "Foro Penal elevó a 131 el número…".
    "elevo|eleva|elevaba|rebajo|rebaja|actualizo|actualiza|corrigio|elevou|eleva|sube|subio|"
    "sobe|subiu|"
    "atualizou|raised|revised|lowered|updated|raises|revises|erhohte|erhöhte|"
    "korrigierte|aktualisierte|"
    # A tally made public: "la organización había informado de 243 excarcelaciones".
    "informado|reportado|divulgado|divulgou|published|publishes|veroffentlichte|"
    # Many speaking at once: "informaron las cancillerías…", "wie Angehörige berichteten".
    "dijeron|dicen|afirmaron|aseguraron|declararon|anunciaron|confirmaron|informaron|"
    "explicaron|senalaron|indicaron|denunciaron|precisaron|detallaron|advirtieron|"
    "contaron|relataron|sostienen|estiman|calculan|"
    "disseram|dizem|afirmaram|declararam|anunciaram|confirmaram|informaram|explicaram|"
    "contaram|relataram|"
    "sagten|erklarten|bestatigten|berichtete|berichteten|berichten|teilten|"
    # Answering is saying: "X respondió que mantiene 438 presos…".
    "respondio|respondieron|responde|responden|replico|contesto|responded|replied|"
    "responds|replies|respondeu|responderam|antwortete|antworteten|entgegnete|"
    # "Das Auswärtige Amt geht von mindestens drei Deutschen aus": assumes the figure;
    # "geht davon aus, dass…", "rechnen damit, dass…": assumes or expects it.
    "geht von|gehen von|ging von|geht davon aus|gehen davon aus|ging davon aus|"
    "gingen davon aus|rechnet damit|rechnen damit|rechnete damit|rechneten damit|"
    # German participles ending the clause: "hat … angekündigt", "hat … gefordert".
    "angekundigt|mitgeteilt|erklart|gesagt|berichtet|gemeldet|gefordert|begrusst|"
    "geschatzt|angegeben|meldete|meldet|melden|meldeten"
)
# Publishing a list or a figure is claiming it, but folded "publicó" is "público" (public)
# and "publica" is "pública": told apart by the accent, so matched before folding.
_PUBLISHING = frozenset(["publicó", "publica", "publicaba", "publicado", "publicou", "publicaram"])
# Who asked or demanded something spoke, though what they asked claims no figure:
# "pidió a las autoridades que…" names the speaker of the quotation after it.
SPEAKING = CLAIMING | lexicon._entries(
    "asked|demanded|pidio|pide|pedia|exigio|exige|reclamo|reclama|pediu|pede|exigiu|verlangte"
)
# A claimant spoken of again by what it is ("the group", "la organización"): the
# organisation named before in the article.
ANAPHORS = lexicon._entries(
    "the group|the organisation|the organization|the ngo|the rights group|"
    "his organisation|his organization|her organisation|her organization|"
    "their organisation|their organization|its count|"
    # After a contracted article ("pela organização", "by the group"): the noun alone.
    "organizacao|organizacion|organisation|organization|ong|ngo|"
    "la organizacion|la ong|el grupo|la agrupacion|esa organizacion|dicha organizacion|"
    "su organizacion|a organizacao|a ong|o grupo|sua organizacao|"
    "der organisation|die organisation|die gruppe|der gruppe|seine organisation|"
    "ihre organisation|"
    # "según la misma ONG", "a mesma ONG", "the same group": the one named before.
    "la misma ong|la misma organizacion|el mismo grupo|a mesma ong|a mesma organizacao|"
    "o mesmo grupo|the same group|the same organisation|the same organization|"
    "dieselbe organisation|derselben organisation"
)
# …or by a pronoun ("Segundo ele", "Nach seinen Worten", '" she said'): the one who spoke
# last, in this sentence or the ones before.
PRONOUNS = lexicon._entries(
    "he|she|they|it|him|her|ella|ellos|ellas|ele|ela|eles|elas|er|sie|ihm|"
    "nach seinen worten|nach ihren worten|ihm zufolge|ihr zufolge|nach ihren angaben|"
    "nach seinen angaben|nach deren angaben|"
    "according to him|according to her|segun el|segun ella|segundo ele|segundo ela"
)
# Inside a quotation; what is quoted is claimed by whoever the sentence says spoke it.
_QUOTED = re.compile(
    '["\u201c\u201e\u00ab][^"\u201c\u201d\u201e\u00ab\u00bb]*["\u201d\u201c\u00bb]'
)
# "the rights group Foro Penal", "la organización Provea": an organisation's name after
# the word for one, to resolve "the group" to.
_ORGANISATION = re.compile(
    r"(?:group|organi[sz]ation|NGO|ONG|organizaci[oó]n|organiza[cç][aã]o|"
    r"[Oo]rganisation|Menschenrechtsorganisation|grupo|colectivo|coalici[oó]n|"
    # "Alfredo Romero, director of Foro Penal, said his organisation…"
    r"(?:vice-?|vice)?(?:president[ea]?|director[a]?|head|coordinat(?:or|ora|dor|dora)|"
    r"spokes(?:man|woman|person)|portavoz|vocero|vocera|Direktor(?:in)?|Sprecher(?:in)?)"
    r"\s+(?:of|de|del|do|da|der|von|for)(?:\s+(?:la|el|the|o|a))?)\s+"
    r"(?:de\s+derechos\s+humanos\s+|de\s+direitos\s+humanos\s+|for\s+human\s+rights\s+)?"
    # "a ONG venezuelana Foro Penal": an adjective before the name.
    r"(?:(?!(?:de|del|do|da|of|que|that|said|dijo|disse)\s)[a-záéíóúñç]{4,}\s+)?"
    r"(?P<name>[A-ZÁÉÍÓÚÑ][\w-]+(?:\s+(?:de\s+|del\s+|la\s+|por\s+)?[A-ZÁÉÍÓÚÑ][\w-]+){0,5})"
)


def _claimant(
    text: str,
    left: int,
    right: int,
    folded: list[str],
    found: list[Found] | None,
    at: int | None = 0,
    claiming: frozenset[str] = CLAIMING,
) -> Claimant:
    """Who the sentence says makes the claim, with where their words are: after "según",
    "according to"…, or the subject of the verb of saying or estimating nearest the
    number (at word ``at``); for a number inside a quotation, whoever the sentence says
    spoke it. A pronoun or "the group" is returned as it is, for ``read`` to resolve."""
    sentence_words = words(text, left, right)
    if at is None:  # a sentence without the count: who speaks in it, nearest its end
        at, count_at = len(sentence_words), -1
    else:
        count_at = sentence_words[at].start if at < len(sentence_words) else right
    if promise := _promised(text, left, right, sentence_words, folded, at, count_at):
        return promise
    if own_tally := _OWN_TALLY.search(text, left, count_at if count_at > left else right):
        # "by the families' own tally at least nine more…"
        return own_tally.group("who"), own_tally.span("who")
    for source in (_COMPOUND_SOURCE, _SAID_WITHIN):
        if named := source.search(text, left, count_at if count_at > left else right):
            return named.group("who"), named.span("who")
    for index in range(len(folded)):
        size = phrase_at(folded, index, PRONOUNS)
        if size > 1 and sentence_words[index + size - 1].text != "el":
            # "Segundo ele", "Nach seinen Worten", "según él" (not "según el registro")
            start, end = sentence_words[index].start, sentence_words[index + size - 1].end
            return text[start:end], (start, end)
        size = phrase_at(folded, index, _ACCORDING_TO)
        if size and index + size < len(sentence_words):
            start = sentence_words[index + size].start
            if _names_another_count(text, sentence_words[index].start, start, right, count_at):
                continue
            # "nach Angaben der Organisation auch mehrere Ausländer": the claimant ends
            # where the counted people begin.
            end = _claimant_end(text, start, count_at if start < count_at else right)
            if verb := _GERMAN_VERB.search(text, start, end):
                end = verb.start()  # "Nach Angaben von Foro Penal sind es rund 600"
            possessive = index + size
            if folded[possessive] in _ARTICLES and possessive + 1 < len(folded):
                possessive += 1  # "segundo as suas contas"
            if folded[possessive] in _POSSESSIVES and _DOCUMENT.match(
                text, sentence_words[possessive].start
            ):
                # "según su conteo", "by its count": who speaks in the sentence, else its
                # own subject counts, else whoever spoke before when it names nobody.
                speaker = _verb_subject(
                    text, left, right, sentence_words, folded, at, count_at, lexicon.SPEECH
                )
                if speaker and not _spoken_of_again(speaker[0]):
                    return speaker
                subject = _sentence_subject(text, left, sentence_words[index].start)
                return subject if subject[0] != OWN_REPORTING else (SPEAKER_BEFORE, None)
            if folded[index + size] in lexicon.SPEECH:
                continue  # "según dijo": the subject of "dijo", found below
            if document := _DOCUMENT.match(text, start):
                # "según los registros de la ONG": who speaks in the sentence, else the
                # document's owner ("la ONG", resolved by ``read``).
                speaker = _verb_subject(
                    text, left, right, sentence_words, folded, at, count_at, lexicon.SPEECH
                )
                if speaker and not _spoken_of_again(speaker[0]):
                    return speaker
                owner = next(
                    (g for g in ("owner", "keeper", "maker") if document.group(g)), "owner"
                )
                if document.group(owner):
                    start = document.start(owner)
                    end = _claimant_end(text, start, count_at if start < count_at else right)
                    if owner == "maker":
                        end = document.end(owner)  # "… que la ONG X difundió": X
            if text[start:end].strip():
                return text[start:end].strip(), (start, end)
        if phrase_at(folded, index, _OWN_ACCOUNT):
            # "hat die Organisation Foro Penal nach eigenen Angaben 266 Fälle bestätigt"
            return _sentence_subject(text, left, sentence_words[index].start)
    if agent := _AGENT.search(text, left, right):
        # "libertações verificadas pela organização", "releases confirmed by the UN"
        start = agent.end()
        agent_words = _AGENT_WORDS.match(text, start, right)
        end = agent_words.end() if agent_words else start
        if text[start:end].strip() and not start <= count_at < end:
            return text[start:end].strip(), (start, end)
    return _verb_subject(text, left, right, sentence_words, folded, at, count_at, claiming) or (
        OWN_REPORTING,
        None,
    )


# A tally's source, besides whoever is quoted: "Nach Zählung örtlicher Anwälte", "nach
# Einschätzung von Diplomaten" (the genitive or "von" after the noun names whose).
_ACCORDING_TO = lexicon.ACCORDING_TO | lexicon._entries(
    "nach zahlung|nach schatzung|nach einschatzung|nach informationen|"
    "nach informationen von|nach recherchen"
)


# Who promises releases claims how many: "Jorge Rodríguez prometió soltar a "un número
# importante" de presos", "pledged that "a significant number" of detainees…", "verspricht,
# dass danach «Hunderte» weitere…".
PROMISING = lexicon._entries(
    "promised|promises|pledged|pledges|vowed|promete|prometio|prometia|prometieron|prometeu|"
    "prometeram|promete|anunciado|anunciada|verspricht|versprach|versprachen|versprochen"
)


def _promised(
    text: str,
    left: int,
    right: int,
    sentence_words: list[Word],
    folded: list[str],
    at: int,
    count_at: int,
) -> Claimant | None:
    """Whoever promises the count, when a verb of promising stands within a few words
    before it; else None."""
    if not any(folded[i] in PROMISING for i in range(max(0, at - 6), at)):
        return None
    return _verb_subject(text, left, right, sentence_words, folded, at, count_at, PROMISING)


# "by the families' own tally", "by the group's own count": whose tally it is.
_OWN_TALLY = re.compile(
    r"\bby\s+(?:the\s+)?(?P<who>[\w .-]{2,40}?)(?:'s|')\s+own\s+(?:tally|count|figures|records?)\b",
    re.I,
)
# "Nach AP-Zählung", "nach Regierungsangaben" is no one's: the source in the compound.
_COMPOUND_SOURCE = re.compile(
    r"\b[Nn]ach\s+(?:(?:der|den|einer)\s+)?(?P<who>[A-ZÄÖÜ][\w.]*(?:-[A-ZÄÖÜ][\w.]*)*)-"
    r"(?:Zählung|Angaben|Schätzung|Berechnungen|Daten|Informationen)\b"
)
# "In der Regierung heißt es, …": whoever is said within.
_SAID_WITHIN = re.compile(
    r"\b(?:[Ii]n|[Bb]ei|[Aa]us)\s+(?P<who>(?:der|dem|den)\s+[^,;:.]+?)\s+hei(?:ß|ss)t\s+es\b"
)


def _names_another_count(text: str, at: int, start: int, right: int, count_at: int) -> bool:
    """Whether the source at ``at`` (its name from ``start``) is another clause's than the
    count at ``count_at``: a colon or semicolon between them ("nach Angaben von X ein langer
    Tag: Mehr als 80 …"), or, after the count, a count of its own that follows it
    ("Rund 500 Menschen …, darunter nach Angaben der Gruppe mehr als 40 Frauen")."""
    count_at = count_at if count_at >= 0 else right  # a sentence without the count: its end
    between = text[min(at, count_at) : max(at, count_at)]
    if ":" in between or ";" in between:
        return True
    if at < count_at:
        return False
    named = [w.folded for w in words(text, start, _claimant_end(text, start, right))]
    # a number and the people it counts ("mehr als 40 Frauen"), not a
    # number in a name ("dos consulados", "Ministério dos Negócios")
    return any(
        _number(word) is not None and phrase_at(named, n + 1, PEOPLE)
        for n, word in enumerate(named)
    )


# A German finite verb after "nach Angaben von X": where X ends.
_GERMAN_VERB = re.compile(
    r"\s(?:sind|ist|seien|sei|waren|war|hat|haben|hatte|hatten|wurden|wurde|gibt|gab|kamen|"
    r"kommen|sitzen|säßen|bleiben|befinden)\b"
)
# A tally's document, in "según los registros de la ONG": who it belongs to, if named.
_DOCUMENT = re.compile(
    r"(?:(?P<determiner>el|la|los|las|the|o|a|os|as|die|der|den|su|sus|its|their|his|her|"
    r"seu|sua|seus|suas|sein|seine|ihr|ihre|nuestr[oa]s?|our|noss[oa]s?|unser[e]?)\s+)?"
    r"(?:(?:nuevo|nueva|último|última|primer|new|latest|first|novo|nova|neuen|neuesten)\s+)?"
    r"(?:registros?|balance|datos|cifras?|conteo|recuento|lista|informe|reporte|corte|"
    r"cuentas?|c[aá]lculos?|contas?|total|records?|figures?|data|tally|count|report|list|"
    r"dados|números|levantamento|relatório|Zählung|Liste|Bericht|Bilanz|information|"
    r"informaci[oó]n|informa[cç][aã]o|informa[cç][oõ]es|Informationen)\b"
    r"(?:\s+(?:de|del|of|da|do|der|des|von)\s+(?P<owner>[^,;:.]+)"
    # "según el conteo que llevan los defensores de Foro Penal": whoever keeps it.
    r"|\s+(?:que|that)\s+(?:llevan?|hacen?|mantienen?|keeps?|fazem?|mant[eé]m)\s+"
    r"(?P<keeper>[^,;:.]+)"
    # "según la lista que la ONG Foro Penal difundió": whoever made it.
    r"|\s+(?:que|that)\s+(?P<maker>(?:la|el|los|las|the|o|a)\s+(?:ONG\s+|NGO\s+)?"
    r"(?-i:[A-ZÁÉÍÓÚÑ][\w-]*(?:\s+(?:(?:de|del|la|por|of|for|do|da)\s+)?[A-ZÁÉÍÓÚÑ][\w-]*)*)))?",
    re.I,
)
# The agent of a passive count: "verificadas pela organização", "confirmed by the UN".
_AGENT = re.compile(
    r"\b(?:verificad|registrad|confirmad|documentad|contabilizad|contad|verified|documented|"
    r"confirmed|recorded|counted|tallied|registriert|bestätigt|dokumentiert|gezählt)\w*\s+"
    r"(?:por|pela|pelo|pelas|pelos|by|von|vom)\s+",
    re.I,
)
# …up to a comma or the words of when and where: "pela organização desde 8 de janeiro".
_AGENT_WORDS = re.compile(
    r"[^,;.()\d]*?(?=\s+(?:desde|since|em|en|on|in|seit|am|hasta|until|durante|entre|"
    r"between|para|for|que|that|who)\b|[,;.()\d]|$)"
)


def _verb_subject(
    text: str,
    left: int,
    right: int,
    sentence_words: list[Word],
    folded: list[str],
    at: int,
    count_at: int,
    claiming: frozenset[str],
    limit: int | None = None,
) -> Claimant | None:
    """The subject of the verb of saying or estimating nearest word ``at`` (among the
    words before ``limit``), or None."""
    quotation = next(
        (q.span() for q in _QUOTED.finditer(text, left, right) if q.start() < count_at < q.end()),
        None,
    )
    verbs = [
        i
        for i in range(len(folded) if limit is None else limit)
        if (phrase_at(folded, i, claiming) or sentence_words[i].text.lower() in _PUBLISHING)
        and not (quotation and quotation[0] <= sentence_words[i].start < quotation[1])
        # "put its own verified count at 493", "el registro": after a determiner, a noun
        and not (i and folded[i - 1] in _NOUN_BEFORE)
    ]
    for index in sorted(verbs, key=lambda i: (abs(i - at), i > at)):
        verb_at = sentence_words[index].start
        # "X, who leads the group, said": the relative clause describes who says it.
        relative = _RELATIVE_BEFORE.search(text, left, verb_at)
        if relative and "," in text[left : relative.start()]:
            # "…, entre ellos X, que estaba preso…, informó Y": Y speaks; but "…'s brother,
            # Jorge Rodriguez, who heads the National Assembly, promised": the name does.
            named = text[text.rfind(",", left, relative.start()) + 1 : relative.start()].strip()
            if (
                not named
                or _trailing_name(named) != named
                or _speaker_after(text, sentence_words, index, right, count_at)
            ):
                relative = None
        clause_end = relative.start() if relative else verb_at
        if _ends_its_clause(text, sentence_words[index].end, right) and (
            auxiliary := _GERMAN_AUXILIARY.search(text, left, clause_end)
        ):
            # "Libertad Ya hat bis Montag 212 Freilassungen überprüft": a participle ends
            # the clause, its subject stands before the auxiliary.
            clause_end = auxiliary.start()
        if (
            index + 1 < len(sentence_words)
            and sentence_words[index + 1].text in ("er", "sie")
            and len(words(text, left, verb_at)) <= 3
        ):
            # "Bisher zählt sie rund 90": the subject after the verb, as German inverts it.
            pronoun = sentence_words[index + 1]
            return pronoun.text, (pronoun.start, pronoun.end)
        if antecedent := _relative_subject(text, left, verb_at, count_at):
            return antecedent  # "otras organizaciones, que al día de hoy verifican 203"
        earlier = [i for i in verbs if i < index - 1]
        if index and folded[index - 1] in _COORDINATORS and earlier:
            # "La canciller, Rosa Ruiz, celebró en X "…" y recordó que…": the second verb
            # shares the first one's subject.
            limit = earlier[-1] + 1
            shared = _verb_subject(
                text, left, right, sentence_words, folded, earlier[-1], count_at, claiming, limit
            )
            if shared:
                return shared
        # What is quoted before the verb is what was said, not who said it.
        said_before = text[left:clause_end].rstrip(" ,")
        undated = _QUOTED.sub(lambda q: "," * len(q.group()), _undated(text[left:clause_end]))
        before = _AUXILIARY_AT_END.sub("", undated)
        offset = clause_end - len(undated)
        pieces = [p for p in _CLAIMANT_STOP.split(before) if p.strip(" ,")]
        subjects = [
            (piece, start)
            # a one-word subject opening a clause of its own, after a semicolon
            for piece in _subject_candidates(pieces, bool(re.search(r";\s*\S+\s*$", before)))
            if not (start := text.index(piece, offset)) <= count_at < start + len(piece)
            # "said the total of verified releases": what is said, not who says it
            and not _DOCUMENT.match(piece)
        ]
        after = _speaker_after(text, sentence_words, index, right, count_at)
        # '"…", dijo X', "…, sagt Kravets, seien…", "…, informó Foro Penal": after a comma
        # or a quotation the speaker comes after the verb; otherwise before it.
        # "cuya liberación confirmó el Gobierno": after a relative, the subject follows.
        if text[left:clause_end].rstrip().endswith(
            (",", *_CLOSING_QUOTES)
        ) or _RELATIVE_OBJECT.search(text, left, verb_at):
            if after:
                return after
            if said_before.endswith(_CLOSING_QUOTES) and not _names_after(sentence_words, index):
                # '"…", advirtió.': no subject, as Spanish and Portuguese leave it out
                # when it is the one who spoke before.
                return SPEAKER_BEFORE, None
        if subjects:
            piece, start = subjects[0]
            # "La presidenta de JEP, Martha Tineo, pidió…": the office with its holder.
            start, end = _with_their_name(text, (start, start + len(piece)), verb_at)
            piece = text[start:end]
            if _spoken_of_again(piece):
                # "Óscar Murillo dijo que la organización ha documentado…": who says so
                # is the one named, not "the organisation".
                speaker = _verb_subject(
                    text, left, verb_at, sentence_words, folded, 0, -1, lexicon.SPEECH, index
                )
                if speaker and not _spoken_of_again(speaker[0]):
                    return speaker
            return piece, (start, start + len(piece))
        if after:
            return after
        if index and folded[index - 1] in _COORDINATORS:
            # "Foro Penal has verified 412 releases…, and counts some 650": the verb
            # shares the subject that opens the sentence.
            opening = _opening_name(text, left, verb_at)
            if opening:
                return opening
    return None


_GERMAN_AUXILIARY = re.compile(r"\s(?:hat|haben|hatte|hatten)\s")
_CLAUSE_END = re.compile(r"\s*(?:[,;:.!?]|$|und\s)")


def _ends_its_clause(text: str, at: int, right: int) -> bool:
    return bool(_CLAUSE_END.match(text[:right], at))


# A relative clause between commas right before a verb: "Ricardo Bermúdez-Lara, who leads
# the advocacy group …, said", "El SNTP y la ONG Espacio Público, que dirige Carlos Correa,
# advierten".
_RELATIVE_BEFORE = re.compile(
    r",\s*(?:who|which|que|quien|quienes|der|die|deren|dessen|cuy[oa]s?)\s[^,;:\"\u201c\u201d]*,\s*\Z"
)
# A verb whose subject is the relative pronoun right before it, with only words of time
# between: "…el registro de otras organizaciones, que al día de hoy verifican 203".
_SUBJECT_RELATIVE = re.compile(
    r"(?P<antecedent>[^,;:()]+),\s*(?:que|who|which|quienes|die)\s+"
    r"(?P<between>(?:(?:al|a|el|la|este|esta|esta|on|at|de|do|da|ya|ja|now|still|todavia|"
    r"ainda|hoy|hoje|today|dia|día|momento|semana|week|now|jetzt|heute|noch)\s+)*)\Z",
    re.I,
)


def _relative_subject(text: str, left: int, verb_at: int, count_at: int) -> Claimant | None:
    """The antecedent of a relative pronoun that is the verb's subject, as the words after
    its last preposition ("el registro de otras organizaciones": "otras organizaciones"),
    or None."""
    relative = _SUBJECT_RELATIVE.search(text, left, verb_at)
    if relative is None:
        return None
    start, end = relative.span("antecedent")
    phrase = words(text, start, end)
    joints = [i for i, w in enumerate(phrase) if w.folded in ("de", "del", "of", "do", "da", "von")]
    first = joints[-1] + 1 if joints else 0
    if first >= len(phrase) or len(phrase) - first > 5:
        return None
    start = phrase[first].start
    if start <= count_at < end or any(c.isdigit() for c in text[start:end]):
        return None
    return text[start:end], (start, end)


def _speaker_after(
    text: str, sentence_words: list[Word], index: int, right: int, count_at: int
) -> Claimant | None:
    """The speaker named right after the verb at word ``index`` ("dijo el ministro",
    "informó Foro Penal", "said Alfredo Romero"), or None."""
    if index + 1 >= len(sentence_words):
        return None
    start = sentence_words[index + 1].start
    if to := _TOLD.match(text, start):  # "dijo a esta agencia el director …"
        start = to.end()
    if where := _CHANNEL.match(text, start):  # "escribió en X el director …"
        start = where.end()
    if when := _WHEN.match(text, start):  # "contabilizou hoje o ministro …"
        start = when.end()
    end = _claimant_end(text, start, right)
    if particle := _SEPARATED_PARTICLE.search(text, start, end):
        end = particle.start()  # "teilte die Organisation X mit": X
    if (
        text[start : start + 1] not in _OPENING_QUOTES  # what they said, not who
        and _opens_like_a_speaker(text[start:end])
        and not start <= count_at < end
        and not _DOCUMENT.match(text[start:end])
    ):
        start, end = _with_their_name(text, (start, end), right)
        return text[start:end].strip(), (start, end)
    return None


# The particle a German verb leaves at the clause's end: "teilte … mit", "gab … bekannt".
_SEPARATED_PARTICLE = re.compile(r"\s+(?:mit|bekannt|an)\Z")
# Where it was said, between the verb and who said it: "escribió en X el director…",
# "dijo en un comunicado la ONG…".
_CHANNEL = re.compile(
    r"(?:en|em|on|in|auf|über)\s+(?:(?:su|sus|seu|sua|its|his|her|their|a|an|un|una|um|"
    r"uma|einer|seiner|ihrer|la|el|o|the)\s+)?(?:X|Twitter|Instagram|Facebook|Telegram|"
    r"cuenta\s+de\s+X|conta\s+no\s+X|redes\s+sociales|redes\s+sociais|social\s+media|"
    r"comunicado|nota|statement|Erklärung|Mitteilung|rueda\s+de\s+prensa|"
    r"press\s+conference|entrevista|interview)\s*,?\s+"
)
# When it was said, between the verb and who said it: "contabilizou hoje o ministro",
# "precisó este martes el director…" (followed by an article, or it is not a speaker).
_WHEN = re.compile(
    r"(?:(?:este|esta|el|la|on|am|no|na|neste|nesta|last|this)\s+)?"
    r"(?:hoy|hoje|ayer|ontem|heute|gestern|today|yesterday|lunes|martes|mi[eé]rcoles|jueves|"
    r"viernes|s[aá]bado|domingo|segunda|ter[cç]a|quarta|quinta|sexta|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|"
    r"freitag|samstag|sonntag)(?:-feira)?\s*,?\s+(?=(?:el|la|los|las|o|a|os|as|the|der|die|das)\s)",
    re.I,
)
# "el director de Foro Penal, Alfredo Romero": an office with the name of who holds it.
_HOLDER = re.compile(
    r",\s+(?P<name>[A-ZÁÉÍÓÚÑ][\w-]+(?:\s+(?:de\s+|del\s+|da\s+)?[A-ZÁÉÍÓÚÑ][\w-]+){1,3})"
    r"(?=\s*(?:[,.;:]|$))"
)


def _with_their_name(text: str, at: tuple[int, int], right: int) -> tuple[int, int]:
    """The claimant's words, with the name after them when they name an office."""
    start, end = at
    office = [w.folded for w in words(text, start, end)]
    holder = _HOLDER.match(text, end, right)
    if holder and any(phrase_at(office, i, lexicon.OFFICE) for i in range(len(office))):
        return start, holder.end("name")
    return start, end


_CLOSING_QUOTES = ('"', "\u201d", "\u00bb", "\u201c")
_OPENING_QUOTES = ('"', "\u201c", "\u00ab", "\u201e", "'")
# Who spoke before: the claimant when a verb of saying has no subject of its own.
SPEAKER_BEFORE = "(the speaker before)"
_COORDINATORS = frozenset(["and", "y", "e", "und", "but", "pero", "mas", "aber"])
# Words that may open a speaker after the verb: an article or a determiner ("dijo el
# ministro", "said the group"); anything else lower-case ("said on Saturday", "said
# military detainees were…", "publicó nas redes sociais") is not who spoke.
_SPEAKER_OPENERS = _ARTICLES | frozenset(
    ["su", "sus", "its", "his", "her", "their", "seu", "sua", "sein", "seine", "ihr", "ihre"]
)


def _opens_like_a_speaker(piece: str) -> bool:
    said = words(piece)
    if not said or any(c.isdigit() for c in piece) or said[0].text in _CONTRACTIONS:
        return False
    if any(w.folded in _TIME_WORDS for w in said[:2]):  # "dijo el martes", "said on Friday"
        return False
    first = said[0]
    if first.capitalised:
        return first.folded not in lexicon.NOT_A_NAME or first.folded in _SPEAKER_OPENERS
    return first.folded in _SPEAKER_OPENERS or first.folded in _SPEAKING_GROUPS


# Who may speak with no article, after the verb: "informaron familiares y la ONG …".
_SPEAKING_GROUPS = lexicon._entries(
    "familiares|familias|relatives|families|parentes|familiares|angehorige|activistas|"
    "activists|ativistas|abogados|lawyers|advogados|diplomaticos|diplomats|diplomaten|"
    "fuentes|sources|fontes|quellen"
)


# A preposition with its article ("pidió às autoridades", "dijo al diario"): whom, not who.
_CONTRACTIONS = frozenset(["à", "às", "ao", "aos", "al", "zum", "zur", "dem", "den"])
_TIME_WORDS = lexicon._entries(
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|"
    "lunes|martes|miercoles|jueves|viernes|sabado|domingo|hoy|ayer|manana|tarde|noche|"
    "segunda|terca|quarta|quinta|sexta|hoje|ontem|"
    "montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|heute|gestern|"
    "week|semana|woche|month|mes|monat|night|morning|evening"
)


def _names_after(sentence_words: list[Word], index: int) -> bool:
    """Whether a name follows the verb at word ``index`` in its sentence."""
    return any(
        w.capitalised and w.folded not in lexicon.NOT_A_NAME for w in sentence_words[index + 1 :]
    )


# "according to its count", "según sus datos": a possessive names the sentence's subject.
_POSSESSIVES = frozenset(
    [
        "su",
        "sus",
        "its",
        "their",
        "his",
        "her",
        "seu",
        "sua",
        "seus",
        "suas",
        "seinen",
        "seiner",
        "ihren",
        "ihrer",
        "eigenen",
    ]
)
# Words after which a verb of counting is a noun: "its count", "the tally", "their own".
_NOUN_BEFORE = _POSSESSIVES | _ARTICLES | frozenset(["own", "verified", "official", "propio"])


_OWN_ACCOUNT = lexicon._entries(
    "nach eigenen angaben|by its own count|by their own count|por sus propios datos|"
    "segun sus propios datos|segundo os seus dados"
)
# "cuya liberación confirmó…": a relative's object before the verb.
_RELATIVE_OBJECT = re.compile(r"\b(?:cuy[oa]s?)\s+\w+\s*$", re.I)
# Words that open a clause, not a subject: "…, while the government says".
_CLAUSE_OPENER = re.compile(
    r"^(?:(?:even\s+)?(?:as|while|though|although|whereas|but|and)|mientras(?:\s+que)?|"
    r"aunque|pero|y|e|en\s+tanto|enquanto|embora|mas|während|obwohl|aber|und|já|ya)\s+",
    re.I,
)


def _sentence_subject(text: str, left: int, end: int) -> tuple[str, tuple[int, int] | None]:
    """Who a sentence is about, before ``end``: the organisation it names ("die
    Organisation Foro Penal"), else the name it opens with; else the article."""
    named = list(_ORGANISATION.finditer(text, left, end))
    if named:
        return named[-1].group("name"), named[-1].span("name")
    return _opening_name(text, left, end) or (OWN_REPORTING, None)


def _opening_name(text: str, left: int, end: int) -> tuple[str, tuple[int, int]] | None:
    """The name a sentence opens with, after its dateline ("Foro Penal has verified…")."""
    undated = _undated(text[left:end])
    offset = end - len(undated)
    found = re.match(
        r"(?:(?:The|El|La|Los|Las|O|A|Der|Die|Das)\s+)?"
        r"[A-ZÁÉÍÓÚÑ][\w-]+(?:\s+(?:de\s+|del\s+|la\s+)?[A-ZÁÉÍÓÚÑ][\w-]+){0,4}",
        undated,
    )
    first = fold(found.group().split()[0]) if found else ""
    if not found or first in lexicon.NOT_A_NAME - _ARTICLES or _number(first) is not None:
        return None
    return found.group(), (offset + found.start(), offset + found.end())


def _resolved(
    text: str,
    spans: list[tuple[int, int]],
    position: int,
    count_at: int,
    claimed: Claimant,
    named_before: Claimant | None,
    organisation_before: Claimant | None = None,
) -> Claimant:
    """A claimant spoken of again: "the group" is the organisation named last before the
    count ("the rights group Foro Penal"), a pronoun is whoever spoke last (in the
    sentences before); failing those, the claimant of the count before."""
    claimed_by, _at = claimed
    said = words(claimed_by)
    folded = [w.folded for w in said]
    organisation = phrase_at(folded, 0, ANAPHORS)
    if organisation and not any(w.text[:1].isupper() for w in said[organisation:]):
        named = list(_ORGANISATION.finditer(text, 0, count_at))
        if named:
            return named[-1].group("name"), named[-1].span("name")
        if organisation_before:
            # "Foro Penal contabilizava 431…; já o executivo fala em… Segundo a mesma ONG":
            # the organisation that claimed the count before, not whoever spoke last.
            return organisation_before
        # "Foro Penal confirmó… La organización precisó": whoever spoke just before.
        return _speaker_before(text, spans, position) or named_before or claimed
    if phrase_at(folded, 0, PRONOUNS) == len(folded):
        return _speaker_before(text, spans, position) or named_before or claimed
    return claimed


def _organisation_like(name: str) -> bool:
    """Whether a claimant reads as an organisation's name: capitalised words (joined by
    "de", "of"…), no office and no given name ("Foro Penal", not "Alfredo Romero")."""
    said = words(name)
    if said and said[0].folded in _DETERMINERS:  # "o Foro Penal"
        said = said[1:]
    folded = [w.folded for w in said]
    return (
        bool(said)
        and all(w.capitalised or w.folded in _NAME_JOINERS for w in said)
        and not any(phrase_at(folded, i, lexicon.OFFICE) for i in range(len(said)))
        and not any(is_given_name(w.text) for w in said)
    )


def _office_holder(
    text: str, spans: list[tuple[int, int]], position: int, claimed: Claimant
) -> Claimant:
    """ "añadió la ministra": an office named without its holder is the one who spoke
    before, when they were named ("La canciller Gabriela Sommerfeld precisó…")."""
    said = words(claimed[0])
    folded = [w.folded for w in said]
    if (
        len(folded) == 2
        and folded[0] in _ARTICLES  # "the lawyer"; "his lawyer" is someone else
        and phrase_at(folded, 1, lexicon.LAWYER) == 1
    ):
        # "El abogado añadió": the lawyer who spoke before.
        return _speaker_before(text, spans, position) or claimed
    if not (
        len(folded) >= 2
        and folded[0] in _DETERMINERS
        and phrase_at(folded, 1, lexicon.OFFICE) == len(folded) - 1
    ):
        return claimed
    earlier = words(text, max(0, spans[position][0] - 1500), spans[position][0])
    folded = [w.folded for w in earlier]
    for index in range(len(earlier) - 2, -1, -1):
        size = phrase_at(folded, index, lexicon.OFFICE)
        name = index + size
        while name < len(earlier) and earlier[name].capitalised:
            name += 1
        if size and name - (index + size) >= 2:
            start, end = earlier[index].start, earlier[name - 1].end
            return text[start:end], (start, end)
    return claimed


# "o MNE", "the UNHCR": an acronym the text spelt out before, "Ministério dos Negócios
# Estrangeiros (MNE)".
_ACRONYM = re.compile(r"\b[A-ZÁÉÍÓÚ]{2,6}\b")


def _spelt_out(text: str, claimed_by: str, at: tuple[int, int]) -> Claimant:
    said = claimed_by.split()
    acronyms = [w for w in said if _ACRONYM.fullmatch(w)]
    if len(acronyms) != 1 or len(said) > 2:
        return claimed_by, at
    spelt = re.search(
        r"(?:[A-ZÁÉÍÓÚÑ][\w-]+\s+(?:(?:de|del|do|dos|da|das|of|the|for|für|der|des)\s+)*)+\("
        + re.escape(acronyms[0])
        + r"\)",
        text[: at[0]],
    )
    if spelt is None:
        return claimed_by, at
    return spelt.group(), spelt.span()


# The rest of a name up to the acronym that ends it: "… Comité por la Libertad de los Presos
# Políticos (Clippve)".
_NAME_TO_ACRONYM = re.compile(
    r"(?:\s+(?:[A-ZÁÉÍÓÚÑ][\w-]*|de|del|la|las|los|por|para|y|of|the|for|and|do|da|dos|das|"
    r"pela|pelo|der|des|für|und)){0,8}\s*\((?P<acronym>[A-ZÁÉÍÓÚ][\w-]{1,11})\)"
)


def _with_acronym(text: str, claimed_by: str, at: tuple[int, int]) -> Claimant:
    """A claimant's name with the acronym in brackets after it, which is how the article
    goes on naming them ("la ONG Comité por la Libertad de los Presos Políticos (Clippve)")."""
    rest = _NAME_TO_ACRONYM.match(text, at[1])
    if rest is None:
        return claimed_by, at
    acronym = rest.group("acronym")
    initials = {w.text[0] for w in words(text, at[0], rest.start("acronym"))}
    if not (acronym.isupper() or acronym[0] in initials):
        return claimed_by, at  # "(Dutch)" after "Foro Penal" is no acronym of it
    return text[at[0] : rest.end()], (at[0], rest.end())


def _speaker_before(text: str, spans: list[tuple[int, int]], position: int) -> Claimant | None:
    """Whoever the two sentences before ``position`` say spoke, nearest first, or None."""
    for earlier in range(position - 1, max(position - 3, -1), -1):
        left, right = spans[earlier]
        earlier_words = [w.folded for w in words(text, left, right)]
        speaker = _claimant(text, left, right, earlier_words, None, None, SPEAKING)
        if speaker[0] not in (OWN_REPORTING, SPEAKER_BEFORE) and not _spoken_of_again(speaker[0]):
            return speaker
    return None


def _inside_quotation(text: str, left: int, right: int, at: int) -> bool:
    """Whether ``at`` is inside quotation marks in its sentence, or the sentence opens a
    quotation that it does not close ('"Dozens of them have never seen a judge.')."""
    marks = [m.start() for m in _QUOTE.finditer(text, left, right)]
    return any(a < at < b for a, b in zip(marks[::2], marks[1::2], strict=False)) or (
        len(marks) % 2 == 1 and marks[-1] < at
    )


def _first_mention(text: str, surname: str, at: tuple[int, int]) -> Claimant:
    """ "disse Himiob": the speaker as the article first named them, with their office
    ("Gonzalo Himiob, vice-presidente do Foro Penal,"), when it did before."""
    earlier = re.search(
        r"(?:[A-ZÁÉÍÓÚÑ][\w-]+\s+){1,3}" + re.escape(surname) + r"\b", text[: at[0]]
    )
    if earlier is None:
        return surname, at
    office = _AFFILIATION.match(text, earlier.end())
    end = office.end("office") if office else earlier.end()
    return text[earlier.start() : end], (earlier.start(), end)


# The organisation spoken of by what it is, after an office: "vicepresidente de la ONG".
_ORG_WORDS = lexicon._entries(
    "la ong|the ngo|the group|a ong|der organisation|la organizacion|the party|el partido|"
    "o partido|der partei"
)


def _with_organisation(
    text: str, claimed_by: str, at: tuple[int, int], named_before: Claimant | None
) -> str:
    """An office-holder named without their organisation ("its director Alfredo Romero",
    "Direktor Alfredo Romero", "vicepresidente de la ONG") with the organisation the text
    named last before them, or else the claimant before if that names no office:
    "its director Alfredo Romero (Foro Penal)". Anyone else as they are."""
    said = words(claimed_by)
    folded = [w.folded for w in said]
    offices = [i for i in range(len(folded)) if phrase_at(folded, i, lexicon.OFFICE)]
    if not offices:
        return claimed_by
    after_office = offices[0] + phrase_at(folded, offices[0], lexicon.OFFICE)
    rest = folded[after_office:]
    # "vicepresidente de la ONG": the organisation spoken of again, not named.
    if (
        rest[:1]
        and rest[0] in ("de", "del", "of", "do", "da", "der", "von", "for")
        and not (phrase_at(rest, 1, ANAPHORS) or phrase_at(rest, 1, _ORG_WORDS))
    ):
        return claimed_by  # "director de Foro Penal": named already
    named = list(_ORGANISATION.finditer(text, 0, at[0]))
    organisation = named[-1].group("name") if named else ""
    if not organisation and folded[0] in _POSSESSIVES:
        # "Foro Penal has verified…, its director Alfredo Romero said"
        left = max(text.rfind(".", 0, at[0]) + 1, text.rfind("\n", 0, at[0]) + 1)
        opening = _opening_name(text, left, at[0])
        organisation = opening[0] if opening else ""
    if not organisation and named_before and _organisation_like(named_before[0]):
        organisation = named_before[0]
    if not organisation or fold(organisation) in fold(claimed_by):
        return claimed_by
    return f"{claimed_by} ({organisation})"


def _spoken_of_again(claimed_by: str) -> bool:
    said = words(claimed_by)
    folded = [w.folded for w in said]
    anaphor = phrase_at(folded, 0, ANAPHORS)
    # "the group", not "die Organisation Foro Penal", which names it
    named = any(w.text[:1].isupper() for w in said[anaphor:])
    return (bool(anaphor) and not named) or phrase_at(folded, 0, PRONOUNS) == len(folded)


# Words a short subject may open with: "their governments said", "el Ministerio … confirmó".
_DETERMINERS = lexicon._entries(
    "the|their|its|his|her|el|la|los|las|su|sus|o|a|os|as|seu|sua|seus|suas|"
    "der|die|das|ihr|ihre|sein|seine"
)
_INDEFINITE = frozenset(
    [
        "a",
        "an",
        "un",
        "una",
        "um",
        "uma",
        "ein",
        "eine",
        "another",
        "otra",
        "otro",
        "outra",
        "outro",
    ]
)
# Lower-case words inside a name: "Comité por la Libertad de los Presos Políticos".
_NAME_JOINERS = lexicon._entries(
    "de|del|la|las|los|y|e|por|para|of|the|for|and|da|do|dos|das|und|für"
)
# "Foro Penal había verificado": the auxiliary is not part of who says it.
_AUXILIARY_AT_END = re.compile(
    r"\s+(?:había|habían|ha|han|has|have|had|hat|hatte|hatten|tem|tinha|têm|tenía|tenían|"
    r"haben|has been|had been|would|will|could)\s*$",
    re.I,
)


def _subject_candidates(pieces: list[str], alone: bool = False) -> Iterator[str]:
    """The words before a verb of saying that may name who says it, best first:
    - a short subject right before the verb ("rights groups say", "their governments
      said", "el Ministerio de Asuntos Exteriores de España confirmó");
    - a name opening the sentence, before an apposition ("Alfredo Romero, director de
      Foro Penal, dijo");
    - the name ending a clause, before a relative one ("…organizaciones como Foro Penal,
      que registraba…").
    Never a piece with a number in it (that is the count, or a date)."""
    cleaned = [re.sub(r"^(?:But|Pero|Y|And|Aber|Mas|E)\s+", "", p.strip()) for p in pieces]
    cleaned = [p for p in cleaned if p and not any(c.isdigit() for c in p)]
    if not cleaned:
        return
    last = _CLAUSE_OPENER.sub("", cleaned[-1])
    spoken = [w for w in words(last) if w.folded in lexicon.SPEECH]
    if spoken:
        # "…, said the organisation had confirmed": the subject after the speaker's verb;
        # but "the group said on Sunday it had verified" and "La Cancillería confirmó la
        # salida de X y dijo": the one before it, when "it" or "and" is all that follows.
        rest = last[spoken[-1].end :].strip()
        rest_words = [w.folded for w in words(rest) if w.folded not in _TIME_WORDS]
        rest_words = [w for w in rest_words if w not in ("on", "el", "este", "am", "last", "this")]
        if (
            (rest_words[-1:] and rest_words[-1] in _COORDINATORS)
            or (len(rest_words) == 1 and rest_words[0] in PRONOUNS)
            # "Foro Penal said its lawyers had verified": the owner of "its" says so
            or (rest_words[:1] and rest_words[0] in _POSSESSIVES)
        ):
            last = last[: spoken[-1].start].strip()  # empty: the subject is further back
        else:
            last = rest or last
    last_words = last.split()
    office = [w.folded for w in words(last)]
    # "Jorge Rodríguez, jefe del Parlamento, prometió": the name before the office.
    if (
        len(cleaned) > 1
        and office
        and phrase_at(office, 0, lexicon.OFFICE)
        and (name := _trailing_name(cleaned[-2]))
    ):
        yield name
    if len(last_words) == 1 and fold(last) in PRONOUNS:
        yield last  # '"…," she said': whoever spoke last, for ``read`` to resolve
        return
    if (
        len(cleaned) > 1
        and last_words
        and (
            fold(last_words[0]) in _INDEFINITE
            # "Foro Penal, the rights group, has counted": the name the apposition follows
            or phrase_at([w.folded for w in words(last)], 0, ANAPHORS) == len(last_words)
        )
    ):
        # "Foro Penal, a Venezuelan rights group, said": the apposition describes the
        # name before it, which is who speaks.
        opening = _trailing_name(cleaned[0])
        if opening and opening == cleaned[0]:
            yield opening
    if (
        last_words
        and (
            (fold(last_words[0]) in _DETERMINERS and len(last_words) <= 8)
            # "relatives and a local rights group said", "familiares dijeron"
            or (fold(last_words[0]) in _SPEAKING_GROUPS and len(last_words) <= 8)
            # "La Oficina del Alto Comisionado de la ONU para los Derechos Humanos habló…"
            or (
                fold(last_words[0]) in _DETERMINERS
                and _trailing_name(last) == _without_article(last)
            )
            # "…; government claims over 1,000", "Bogotá cuenta al menos 19": a subject alone
            or (
                len(last_words) == 1
                and alone
                and (
                    fold(last) in _INSTITUTION_WORDS
                    or (last[:1].isupper() and fold(last) not in lexicon.NOT_A_NAME)
                )
            )
            or (
                2 <= len(last_words) <= 3
                # who, not what they are: "rights groups say", not "…, continua preso, pediu"
                and not _says_what_they_are(last)
                and fold(last_words[0]) not in lexicon.NOT_A_NAME
                and fold(last_words[0]) not in _NAME_JOINERS
            )
        )
    ):
        yield last
    first = cleaned[0]
    if said := [w for w in words(first) if w.folded in lexicon.SPEECH]:
        # "Foro Penal said the total of verified releases…": who said it.
        first = first[: said[0].start].strip() or first
    first_word = fold(first.split()[0])
    if (
        len(first.split()) <= 7
        and first[0].isupper()
        and (first_word not in lexicon.NOT_A_NAME or first_word in _ARTICLES)
    ):
        yield first
    for piece in reversed(cleaned):
        name = _trailing_name(piece)
        if name:
            yield name


# Institutions named by what they are, with no article in a headline: "government claims…".
_INSTITUTION_WORDS = lexicon._entries(
    "government|gobierno|governo|regierung|ministry|ministerio|ministerium|"
    "cancilleria|chancelaria|itamaraty|group|grupo|ngo|ong"
)


def _without_article(piece: str) -> str:
    """A piece without the article it opens with ("El Comité …": "Comité …")."""
    first, _, rest = piece.strip().partition(" ")
    return rest if fold(first) in _ARTICLES and rest else piece.strip()


def _says_what_they_are(piece: str) -> bool:
    folded = [w.folded for w in words(piece)]
    states = lexicon.STILL_HELD | lexicon.RELEASE
    return any(phrase_at(folded, i, states) for i in range(len(folded)))


def _trailing_name(piece: str) -> str:
    """The capitalised name a piece of text ends with ("… como Foro Penal": "Foro Penal"),
    or ""."""
    tokens = piece.split()
    begin = len(tokens)
    while begin and (tokens[begin - 1][:1].isupper() or tokens[begin - 1] in _NAME_JOINERS):
        begin -= 1
    while begin < len(tokens) and (
        tokens[begin] in _NAME_JOINERS or fold(tokens[begin]) in _ARTICLES
    ):
        begin += 1  # "El Comité por la Libertad …": the name after its article
    name = tokens[begin:]
    if not name or fold(name[0]) in lexicon.NOT_A_NAME:
        return ""
    return " ".join(name)


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
    # The same demonyms as the nationalities read: not a capitalised name ("Giancarlo
    # Russo") nor one describing a place or an institution ("la Cancillería colombiana").
    demonyms = nationality.demonyms(text, found)
    named_before: Claimant | None = None
    organisation_before: Claimant | None = None  # the last organisation that claimed one
    portuguese = _reads_as_portuguese(text)
    for position, (left, right) in enumerate(spans):
        sentence_words = words(text, left, right)
        folded = [w.folded for w in sentence_words]
        index = 0
        while index < len(folded):
            value, size = _number(sentence_words[index].text), 1
            if value is None and _none_of_the_people(folded, index):
                value = 0  # "keine weiteren ukrainischen Staatsbürger": exactly none
            if portuguese and folded[index] == "dos":
                value = None  # "dos libertados": Portuguese "of the", not Spanish "two"
            next_word = folded[index + 1] if index + 1 < len(folded) else ""
            if value is not None and next_word == "mil":
                value, size = value * 1000, 2  # "dois mil", "2 mil": thousands
            elif value is not None and next_word in _MULTIPLES:
                value, size = value * _MULTIPLES[next_word], 2  # "duas dezenas": 20
            ranged = _range_at(sentence_words, folded, index, value)
            if ranged:
                size = ranged  # "entre 300 y 350", "between 250 and 300": the whole range
            vague = 0 if value is not None else phrase_at(folded, index, VAGUE)
            share = _share_at(text, sentence_words, folded, index, value)
            if share:
                value, vague = None, share  # "el 90 por ciento", "cerca de la mitad"
            if value is None and not vague:
                index += 1
                continue
            if vague:
                size = vague
            after = sentence_words[index + size - 1].end
            if (
                value is not None
                and (
                    _DATE_AFTER.match(text[after:right])
                    or (
                        _is_year(value, sentence_words[index].text)
                        and _qualifier(folded, index, value)[0] == EXACT
                    )
                    # "Jan 12 (AP)", not "31 ene. — Cinco dirigentes"
                    or (
                        index
                        and folded[index - 1] in _MONTH_ABBREVIATIONS
                        and sentence_words[index].text.isdigit()
                    )
                    or text[sentence_words[index].start - 1 : sentence_words[index].start] == ":"
                    or _is_list_number(text, sentence_words[index].start, after)
                    or _is_post_number(text, sentence_words[index].start, after)
                    or _is_age(text, sentence_words[index].start, after)
                )
            ):
                index += 1
                continue
            if _number_word_in_a_name(sentence_words, index, demonyms):
                index += 1
                continue
            noun = _people_after(folded, index + size, demonyms, sentence_words)
            if _is_ordinal(sentence_words[index].text) and (noun is None or noun > index + 2):
                index += 1  # "la tercera jornada de liberaciones": what it ranks is no people
                continue
            figure = (
                None if noun is not None else _figure_before(folded, index - 1 if ranged else index)
            )
            if noun is None and figure is None:
                if not ((share or ranged) and _about_people(folded)) and not _stands_for_people(
                    folded, index, size, value
                ):
                    index += size
                    continue
                noun = index + size - 1  # the number or the vague quantity is the people
            # the people counted end the words, or the number itself after a tally's verb
            end_word = noun if noun is not None and figure is None else index + size - 1
            while end_word + 1 < len(folded) and (phrase_at(folded, end_word + 1, _SUBJECT_TAIL)):
                end_word += phrase_at(folded, end_word + 1, _SUBJECT_TAIL)
            if figure is not None:
                qualifier, first = figure
                subject = _tally_subject(text, sentence_words, folded, first)
            else:
                qualifier, first = _qualifier(folded, index, value)
                subject = ""
            if (
                value is not None
                and index
                and folded[index - 1] in _ONE
                and folded[index] in _COLLECTIVE_NUMBERS
                and first == index
            ):
                # "casi un centenar": the number word with its article, and what is before.
                qualifier, first = _qualifier(folded, index - 1, value)
                qualifier = APPROXIMATE if qualifier == EXACT else qualifier
            if ranged:
                # A range claims at least its lower bound, the value it is given.
                qualifier, first = AT_LEAST, min(first, index - 1)
            start = sentence_words[first].start
            end = sentence_words[end_word].end
            if figure is None and end_word >= index + size:
                subject_start = sentence_words[index + size].start
                if folded[index + size : index + size + 1] in (["de"], ["of"], ["von"]):
                    subject_start = sentence_words[index + size + 1].start
                subject = text[subject_start:end]
            metric = _metric(text, left, right, folded)
            claimed_by, claimant_at = _claimant(text, left, right, folded, found, index)
            if said_of := _SAID_OF_THEM.match(text, sentence_words[end_word].end, right):
                # "more than 150 prisoners the government said it released": who says so
                # in the relative clause after the people counted.
                claimed_by, claimant_at = said_of.group("who"), said_of.span("who")
            # '…", resumió Romero. "Hay decenas…".': a whole quoted sentence going on in
            # the paragraph is still the speaker's, unless the next one says who spoke.
            goes_on = (
                position > 0
                and _QUOTED.fullmatch(text[left:right].strip().rstrip(".")) is not None
                and "\n" not in text[spans[position - 1][1] : left]
                and not (
                    position + 1 < len(spans) and _opens_with_speech(text, spans[position + 1])
                )
            )
            if (
                claimed_by == OWN_REPORTING
                and position + 1 < len(spans)
                and _inside_quotation(text, left, right, start)
                and not goes_on
            ):
                # A quoted figure whose speaker the next sentence names ("…". dijo X).
                following = spans[position + 1]
                next_words = [w.folded for w in words(text, *following)]
                claimed_by, claimant_at = _claimant(text, *following, next_words, found)
            if claimed_by == OWN_REPORTING and (heading := _list_heading(text, spans, position)):
                # "La organización presentó estas cifras:\n- 412 excarcelaciones…": a list's
                # figures are claimed by whoever its heading says gives them.
                heading_words = [w.folded for w in words(text, *heading)]
                claimed_by, claimant_at = _claimant(
                    text, *heading, heading_words, found, None, SPEAKING | _PRESENTING
                )
            if claimed_by == SPEAKER_BEFORE or (
                claimed_by == OWN_REPORTING
                and position
                and (any(w in _REPORTED_SPEECH for w in folded) or goes_on)
            ):
                claimed_by, claimant_at = (
                    _speaker_before(text, spans, position) or named_before or (OWN_REPORTING, None)
                )
            if _spoken_of_again(claimed_by):
                claimed_by, claimant_at = _resolved(
                    text,
                    spans,
                    position,
                    start,
                    (claimed_by, claimant_at),
                    named_before,
                    organisation_before,
                )
            claimed_by, claimant_at = _office_holder(
                text, spans, position, (claimed_by, claimant_at)
            )
            if claimant_at:
                claimed_by, claimant_at = _spelt_out(text, claimed_by, claimant_at)
            if claimant_at:
                claimed_by, claimant_at = _with_acronym(text, claimed_by, claimant_at)
            if claimant_at and len(claimed_by.split()) == 1 and claimed_by[:1].isupper():
                claimed_by, claimant_at = _first_mention(text, claimed_by, claimant_at)
            if (
                claimant_at
                and (office := _AFFILIATION.match(text, claimant_at[1], right))
                and not _counts_anyone(office.group("office"))
            ):
                claimant_at = (claimant_at[0], office.end("office"))
                claimed_by = text[claimant_at[0] : claimant_at[1]]
            first_person = _first_person(claimed_by, sentence_words)
            if (claimed_by == OWN_REPORTING or first_person) and (
                voice := _voice(text, start, first_person)
            ):
                # "hemos documentado 233", "según nuestros registros", "I had 37 clients":
                # the statement's, the transcript's or the interview's own voice.
                claimed_by, claimant_at = voice
            if claimant_at:
                claimed_by = _with_organisation(text, claimed_by, claimant_at, named_before)
            if claimed_by != OWN_REPORTING and not _spoken_of_again(claimed_by):
                named_before = (claimed_by, claimant_at)
                if _organisation_like(claimed_by):
                    organisation_before = named_before
            if (
                claimed_by == OWN_REPORTING
                and first == 0
                and folded[index + size : index + size + 1]
                and folded[index + size] in _COPULAS
                and counts
                and counts[-1].sentence[0] >= spans[max(0, position - 2)][0]
            ):
                # "Al menos 40 son mujeres", "63 are women": a sentence that opens with the
                # part of a count just made, claimed by whoever made it.
                claimed_by, claimant_at = counts[-1].claimed_by, counts[-1].claimant_at
            if vague and folded[index] in _FEW and _of_them(folded, index + size, end_word):
                index = end_word + 1  # "varios de ellos": some of them, not how many
                continue
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


# A relative clause after the people counted that says who counts them: "150 prisoners
# the Venezuelan government said it released", "presos que el Gobierno dice haber liberado".
_SAID_OF_THEM = re.compile(
    r"\s+(?:(?:that|whom|que|a los que|los que|die)\s+)?"
    r"(?P<who>(?:the|el|la|los|las|o|a|os|as|die|der|das)\s+[\w .'-]{2,60}?"
    r"|[A-ZÁÉÍÓÚÑ][\w.'-]+(?:\s+[A-ZÁÉÍÓÚÑ][\w.'-]+){0,4})"
    r"\s+(?:said|says|claimed|claims|reported|dijo|dice|afirmó|afirma|aseguró|asegura|disse|"
    r"diz|afirmou|sagte|sagt)\b"
)


def _counts_anyone(piece: str) -> bool:
    """Whether words hold a number (", saíram de El Dorado outros sete presos" is no office)."""
    return any(_number(w.text) is not None for w in words(piece))


def _opens_with_speech(text: str, span: tuple[int, int]) -> bool:
    """Whether a sentence opens with a verb of saying or in lower case ("dijo Romero.")."""
    said = words(text, *span)
    return bool(said) and (said[0].folded in lexicon.SPEECH or not said[0].text[:1].isupper())


# A list's line: "- 412 excarcelaciones", "* …", "• …", "a) …", "3. …".
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*\u2022\u2013]|[a-z]\)|\d{1,2}[.)])\s+")
# Verbs that give a list of figures: "presentó estas cifras:", "gave these figures:".
_PRESENTING = lexicon._entries(
    "presento|presenta|presentaron|presented|presents|gave|published|listed|enumero|ofrecio|"
    "apresentou|apresenta|divulgou|legte vor|nannte|veroffentlichte"
)


def _list_heading(text: str, spans: list[tuple[int, int]], position: int) -> tuple[int, int] | None:
    """The sentence introducing the list whose line holds sentence ``position`` (the last
    before the list's lines, ending with a colon), or None when it is no list's line."""
    line_start = text.rfind("\n", 0, spans[position][0]) + 1
    if not _LIST_ITEM.match(text, line_start):
        return None
    for earlier in range(position - 1, max(position - 40, -1), -1):
        left, right = spans[earlier]
        if _LIST_ITEM.match(text, text.rfind("\n", 0, left) + 1):
            continue
        return (left, right) if text[left:right].rstrip().endswith(":") else None
    return None


# Words of a first-person speaker: a statement's "hemos documentado", an interview's
# "Salimos cuatro", "we count 41", "wir zählen".
_FIRST_PERSON = lexicon._entries(
    "we|us|our|ours|my|me|myself|"
    "nosotros|nosotras|nuestro|nuestra|nuestros|nuestras|hemos|mi|mis|yo|conmigo|"
    "salimos|eramos|estabamos|tenemos|contamos|celebramos|exigimos|instamos|acompanamos|"
    "eu|meu|minha|meus|minhas|nosso|nossa|nossos|nossas|saimos|faziamos|temos|"
    "wir|uns|unser|unsere|unseren|unserer|ich|mein|meine|meinen|meiner"
)
# "COMUNICADO | Justicia, Encuentro y Perdón: "Excarcelar no es liberar"": a headline
# giving its words to who speaks them.
_HEADLINE_VOICE = re.compile(
    r"(?:[A-ZÁÉÍÓÚÑ ]+\s*\|\s*)?(?P<who>[A-ZÁÉÍÓÚÑ][^:|\"\u201c\u00ab\n]{2,80}?):\s*"
    r"(?P<quote>[\"\u201c\u00ab\u201e][^\n]*)"
)
# "MARIELENA TORO (conductora): …", "FIGUERA: …": a transcript's line and who speaks it.
_TRANSCRIPT_LINE = re.compile(
    r"^(?P<who>[A-ZÁÉÍÓÚÑÜ]{3,}(?:\s+[A-ZÁÉÍÓÚÑÜ][A-ZÁÉÍÓÚÑÜ.'-]+)*)(?:\s*\([^)\n]*\))?:",
    re.M,
)
_OPENING_QUOTE = re.compile(r"[\"'\u2018\u201c\u00ab\u201e][^\"'\u2019\u201d\u00bb\n]*$")
_INTERVIEW = re.compile(r"\b(?:Entrevista|Interview|Entretien)\b")
_STATEMENT = re.compile(
    r"\b(?:comunicado|statement|communiqu[ée]|Erklärung|Pressemitteilung|nota de prensa)\b",
    re.I,
)
# The first name of two or more capitalised words (particles between): who an interview's
# lead paragraph is about.
_LEAD_NAME = re.compile(
    r"[A-ZÁÉÍÓÚÑ][\w-]+(?:\s+(?:(?:de|del|da|do|dos|das|van|von|la|los)\s+)*[A-ZÁÉÍÓÚÑ][\w-]+)+"
)


def _first_person(claimed_by: str, sentence_words: list[Word]) -> bool:
    """Whether a claim nobody is named for speaks in the first person ("hemos documentado",
    "según nuestros registros", "we count", "I had"), or is credited to "we" itself."""
    said = [w.folded for w in words(claimed_by)]
    if said and said[0] in _FIRST_PERSON:
        return True
    if claimed_by != OWN_REPORTING and not _DOCUMENT.match(claimed_by):
        return False
    return any(
        w.folded in _FIRST_PERSON
        # "I had", not "Rodeo I": a capital I after a capitalised word is a numeral.
        or (w.text == "I" and (i == 0 or not sentence_words[i - 1].capitalised))
        for i, w in enumerate(sentence_words)
    )


def _voice(text: str, at: int, first_person: bool) -> tuple[str, tuple[int, int]] | None:
    """Whose words are at ``at`` where the article does not say, when the article gives
    them to someone: a transcript's line to its speaker; a statement ("COMUNICADO | X: "…"")
    to X; an interview's answers and its headline's quotation to the one its lead paragraph
    names first; a headline's quotation, or first-person words, to whom the headline gives
    its quotation. None in a report that is none of these."""
    line_start = text.rfind("\n", 0, at) + 1
    line = _TRANSCRIPT_LINE.match(text, line_start)
    if line and not _is_label(line.group("who")):  # "SEGUNDO: …" is a paragraph's label
        return line.group("who"), line.span("who")
    paragraphs = [m.span() for m in re.finditer(r"[^\n]*\S[^\n]*", text)][:3]
    if not paragraphs:
        return None
    headline = _HEADLINE_VOICE.fullmatch(text, *paragraphs[0])
    in_headline_quote = paragraphs[0][0] <= at < paragraphs[0][1] and (
        (headline is not None and headline.start("quote") <= at)
        or bool(_OPENING_QUOTE.match(text, paragraphs[0][0], at))  # "'I had 37 clients…': …"
    )
    if (
        headline
        and len(headline.group("who").split()) < 2
        and not re.search(
            rf"(?:\(|[a-záéíóúñ]\s){re.escape(headline.group('who'))}\b", text[paragraphs[0][1] :]
        )
    ):
        # (a one-word voice is one when the text names it again within a sentence: "Provea:
        # "…"" … "(Provea)", "el coordinador de Provea")
        headline = None  # "Transcripción: "…"", "Analyse: …": a kind of text, not a voice
    opening = text[paragraphs[0][0] : paragraphs[-1][1]]
    if headline and (_STATEMENT.search(opening) or in_headline_quote or first_person):
        return headline.group("who"), headline.span("who")
    if len(paragraphs) < 3 or not _INTERVIEW.search(text, *paragraphs[1]):
        return None
    line_end = text.find("\n", at)
    if not in_headline_quote and (
        at < paragraphs[2][1]
        or text[line_start : line_end if line_end > 0 else None].rstrip().endswith("?")
    ):
        return None  # the lead paragraph and the questions are the interviewer's
    for name in _LEAD_NAME.finditer(text, *paragraphs[2]):
        if fold(name.group().split()[0]) not in lexicon.NOT_A_NAME:
            return name.group(), name.span()
    return None


_MONTH_ABBREVIATIONS = lexicon._entries(
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|ene|abr|ago|dic|janeiro|fevereiro|"
    "enero|febrero|january|february|januar|februar"
)


def _is_age(text: str, start: int, end: int) -> bool:
    """ ", 45, was freed": a number between commas right after a name is an age."""
    return text[max(0, start - 2) : start] == ", " and text[end : end + 1] == ","


def _number_word_in_a_name(sentence_words: list[Word], index: int, demonyms: list[Found]) -> bool:
    """ "Ministério dos Negócios Estrangeiros": "dos" is also Portuguese for "of the";
    before a capitalised word that is not a nationality it is part of a name."""
    word = sentence_words[index]
    if word.text != "dos" or index + 1 >= len(sentence_words):
        return False
    following = sentence_words[index + 1]
    return following.capitalised and not any(d.start <= following.start < d.end for d in demonyms)


def _is_list_number(text: str, start: int, end: int) -> bool:
    """ "5. Radek Horacek, cooperante checo": the number of a numbered list's line."""
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip() and text[end : end + 1] in (".", ")")


# "between 250 and 300", "entre 300 y 350", "zwischen 300 und 400", "entre 300 e 350".
_RANGE_OPENERS = frozenset(["between", "entre", "zwischen"])
_RANGE_JOINERS = frozenset(["and", "y", "e", "und"])
# None of the people: "keine weiteren Staatsbürger", "nenhum preso", "no foreign citizen".
# (Not Spanish "ningún", said mostly inside a negation: "no queda ningún español preso".)
_NONE = lexicon._entries("no|keine|kein|keinen|nenhum|nenhuma")
_OF = frozenset(["de", "of", "von", "do", "da", "dos", "das", "del"])
# After Spanish "no", what makes it "not": a verb or its auxiliary ("no han sido
# excarcelados", "no fueron liberados") or "all" ("no todos los presos").
_NOT_NONE = lexicon._entries(
    "han|ha|habian|habia|hayan|fueron|fue|son|es|eran|estan|esta|estaban|sido|seran|"
    "todos|todas|se|les|los|las|lo|la"
)


def _verb_shaped(word: str) -> bool:
    """A participle ("excarcelados", "liberada"): a verb after "no", never the people."""
    return word.endswith(("ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas"))


def _none_of_the_people(folded: list[str], index: int) -> bool:
    """Whether word ``index`` says there are none of the people it goes before ("keine
    weiteren Staatsbürger"), not none of those just spoken of ("ninguno de ellos", "none
    of them": what is said of them is no count) nor none of something else ("ninguna
    lista de beneficiarios")."""
    if folded[index] not in _NONE or phrase_at(folded, index + 1, HOLDING):
        return False  # "no hay presos": Spanish "no" before a verb is "not"
    following = folded[index + 1 : index + 4]
    for position, word in enumerate(following, index + 1):
        if word in _OF:
            return False
        if folded[index] == "no" and (word in _NOT_NONE or _verb_shaped(word)):
            return False  # "no han sido excarcelados": not, of a verb, not none
        if phrase_at(folded, position, PEOPLE):
            return True
    return False


def _range_at(sentence_words: list[Word], folded: list[str], index: int, value: int | None) -> int:
    """How many words a range of numbers opening at word ``index`` takes ("300 y 350": 3),
    after the word that opens it; 0 when there is none."""
    if (
        value is None
        or not index
        or folded[index - 1] not in _RANGE_OPENERS
        or index + 2 >= len(folded)
        or folded[index + 1] not in _RANGE_JOINERS
    ):
        return 0
    return 3 if _number(sentence_words[index + 2].text) is not None else 0


def _is_post_number(text: str, start: int, end: int) -> bool:
    """ "4/8 Also released: …": a thread's post and how many posts, not a count."""
    return bool(
        re.match(r"/\d", text[end : end + 2])
        or re.fullmatch(r"\d/", text[max(0, start - 2) : start])
    )


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
    folded: list[str], index: int, demonyms: list[Found], sentence_words: list[Word]
) -> int | None:
    """The index of the last word of the people counted, if they follow within a few
    words ("18 presos", "decenas de presos políticos", "five Spanish citizens")."""
    # "131 el número de excarcelaciones": the tally's name between the number and them.
    index += phrase_at(folded, index, _TALLY_NAME)
    for position in range(index, min(index + 4, len(folded))):
        size = phrase_at(folded, position, PEOPLE)
        if size:
            return position + size - 1
        if "-" in folded[position] and folded[position].rsplit("-", 1)[1] in PEOPLE:
            return position  # "EU-Bürger", "Foro-Penal-Anwälte": a compound's last part
        word = sentence_words[position]
        if any(d.start <= word.start and word.end <= d.end for d in demonyms):
            # "cinco españoles": a plural nationality is the people counted, unless a noun follows.
            following = phrase_at(folded, position + 1, PEOPLE)
            return position + following if following else position
        if _number(sentence_words[position].text) is not None and position > index:
            return None
    return None


# A share of the people, with no number of them: "la mitad", "roughly a third", "Two out of
# three", "fast drei Viertel", "el 90 por ciento".
# Not "la mayoría", "a maioria", "the majority": they describe those freed ("la mayoría
# campesinos"), they seldom count them.
SHARES = lexicon._entries(
    "la mitad|la mayor parte|un tercio|dos tercios|tres cuartos|la otra parte|"
    "half of|a third|two thirds|a quarter|three quarters|two out of three|"
    "one in three|one out of three|a metade|um terco|dois tercos|"
    "die halfte|die hälfte|ein drittel|zwei drittel|drei viertel|"
    "der grossere teil|der größere teil|der grosste teil|der größte teil"
)
_PERCENT = re.compile(r"\s*(?:%|por ciento|por cento|percent|per cent|Prozent)\b", re.I)


def _share_at(
    text: str, sentence_words: list[Word], folded: list[str], index: int, value: int | None
) -> int:
    """How many words a share of the people takes at word ``index`` ("la mitad": 2,
    "90 por ciento": 3), or 0."""
    if value is None:
        return phrase_at(folded, index, SHARES)
    percent = _PERCENT.match(text, sentence_words[index].end)
    if percent is None:
        return 0
    return 1 + len(words(percent.group()))


# Words Portuguese writes and Spanish does not ("não", "uma", "foi", "também"): an article
# with several of them is Portuguese.
_PORTUGUESE = frozenset(["não", "uma", "foi", "foram", "também", "são", "pelo", "pela", "ainda"])


def _reads_as_portuguese(text: str) -> bool:
    said = re.findall(r"\w+", text[:3000].lower())
    return sum(w in _PORTUGUESE for w in said) >= 3


def _stands_for_people(folded: list[str], index: int, size: int, value: int | None) -> bool:
    """Whether a number with no people after it is people all the same: a vague quantity
    or an approximate number before what people do ("several remain in prison", "Etwa 570
    sitzen nach deren Angaben weiterhin in Haft", "unos 20 siguen presos"), or a vague
    quantity said to be ("son decenas los que…", "Dizem que são centenas", "rights groups
    have recorded dozens"). A bare number ("Nine are still inside") speaks of people named
    before, and is not a count of its own."""
    if value is not None and _qualifier(folded, index, value)[0] == EXACT:
        return False
    if any(phrase_at(folded, i, _PEOPLE_VERBS) for i in range(index + size, index + size + 4)):
        return True
    return (
        value is None
        and index > 0
        and (folded[index - 1] in _SAID_TO_BE or (phrase_at(folded, index - 1, CLAIMING) == 1))
    )


_COPULAS = lexicon._entries("son|are|sind|sao|eran|were|waren|eram")
# Vague quantities that say some, not a figure, of the people just counted.
_FEW = lexicon._entries("several|varios|varias|vários|várias|mehrere|algunos|algunas|some")
# "son decenas", "são centenas", "there are hundreds": what a vague quantity is said to be.
_SAID_TO_BE = lexicon._entries("son|eran|sao|eram|sind|waren|are|were|hay|ha|gibt")


def _figure_before(folded: list[str], index: int) -> tuple[str, int] | None:
    """A tally's verb right before the number ("asciende a 87", "supera los 800", "the
    figure is above 500") in a sentence about a tally or about people: the qualifier the
    verb means and where its words begin."""
    # "liege bei mehr als 300": the number's own qualifier may stand between.
    own, before = _qualifier(folded, index, 0)
    for size in (3, 2, 1):
        begin = before - size
        if begin < 0:
            continue
        phrase = " ".join(folded[begin:before])
        for qualifier, phrases in FIGURE_VERBS.items():
            if phrase in phrases and any(
                phrase_at(folded, i, _TALLY_WORDS) or phrase_at(folded, i, PEOPLE)
                for i in range(begin)
            ):
                return (own if own != EXACT else qualifier), begin
        if phrase in _SAYS_FIGURE and _about_people(folded):
            return own, begin
    return None


_ABOUT_PEOPLE = (_TALLY_WORDS, PEOPLE, lexicon.RELEASE, lexicon.STILL_HELD, HOLDING)


def _about_people(folded: list[str]) -> bool:
    """Whether a sentence speaks of people freed or held, or of a tally."""
    return any(phrase_at(folded, i, kind) for i in range(len(folded)) for kind in _ABOUT_PEOPLE)


def _tally_subject(text: str, sentence_words: list[Word], folded: list[str], before: int) -> str:
    """Who a tally counts, from the people words before its verb ("el número de presos
    políticos soltos … passa de 400": "presos políticos soltos"), or ""."""
    for position in range(before - 1, -1, -1):
        size = phrase_at(folded, position, PEOPLE)
        if size:
            return text[sentence_words[position].start : sentence_words[position + size - 1].end]
    return ""


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
