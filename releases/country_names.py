"""Every way an article may name a country or its people, for citation suggestions.

Where each form comes from:

- **pycountry** (ISO 3166-1, maintained by the Debian iso-codes project): the English
  ``name``, ``common_name`` and ``official_name`` of the country, and their Spanish,
  German and Portuguese translations from the gettext catalogues pycountry ships ("España", "Estados
  Unidos", "Vereinigte Staaten"). ISO's inverted names ("Venezuela, Bolivarian Republic of")
  are used up to the comma.
- **The record**: the ``name`` and ``demonym`` a curator gave the ``Country`` row.
- **``CURATED`` below**, written for this project because no maintained package carries
  them: demonyms in English, Spanish, German and Portuguese with their plurals and inflections
  (Americans, Spaniards, españoles, venezolanas, estadounidense, Deutsche, Spaniern) and
  common short forms (US, USA, U.S., EE.UU., Vereinigten Staaten).
- **``NOT_A_COUNTRY``** below, also ours: longer phrases that contain a form but name no
  country ("Latin American", "South America"); they win as the longer match and suggest
  nothing.

How a form is compared (``Form.mode``): ``exact`` forms are abbreviations matched with
their case ("US", never the pronoun "us"); every other form ignores case but keeps accents,
so the Spanish first name "Germán" is not "German".
"""

import gettext
from dataclasses import dataclass, replace
from functools import cache

import pycountry

from sources.search import fold_for_search

EXACT = "exact"
CASED = "cased"  # case-insensitive, accent-sensitive


@dataclass(frozen=True)
class Form:
    text: str
    origin: str  # where the form comes from, shown to curators beside a suggestion
    mode: str = CASED
    demonym: bool = False  # names the country's people: "Spanish", "venezolanos"
    # Written in lower case in its language ("venezolanos", "italienische"): capitalised
    # inside a sentence it is a name ("Giancarlo Russo", the state of Portuguesa).
    lower: bool = False
    combining: bool = False  # only as a compound's first part, before a hyphen: "ítalo-"


@dataclass(frozen=True)
class _Curated:
    en: tuple[str, ...] = ()
    es: tuple[str, ...] = ()
    de: tuple[str, ...] = ()
    pt: tuple[str, ...] = ()
    names: tuple[str, ...] = ()  # short or other names, case-insensitive
    abbreviations: tuple[str, ...] = ()  # matched with their case


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


CURATED: dict[str, _Curated] = {
    "VE": _Curated(
        pt=_words("venezuelano venezuelana venezuelanos venezuelanas"),
        en=_words("Venezuelan Venezuelans"),
        es=_words("venezolano venezolana venezolanos venezolanas"),
        de=_words(
            "Venezolaner Venezolanerin Venezolanerinnen Venezolanern venezolanisch "
            "venezolanische venezolanischen venezolanischer"
        ),
    ),
    "US": _Curated(
        pt=_words(
            "norte-americano norte-americana norte-americanos norte-americanas "
            "estadunidense estadunidenses"
        ),
        en=_words("American Americans"),
        es=_words(
            "estadounidense estadounidenses norteamericano norteamericana norteamericanos "
            "norteamericanas"
        ),
        de=_words("US-Amerikaner US-Amerikanerin US-Amerikanern US-amerikanische"),
        names=("United States of America", "Vereinigten Staaten", "Estados Unidos de América"),
        abbreviations=("US", "USA", "U.S.", "U.S.A.", "EE.UU.", "EE. UU.", "EEUU"),
    ),
    "ES": _Curated(
        pt=_words("espanhol espanhola espanhóis espanholas"),
        en=_words("Spanish Spaniard Spaniards"),
        es=_words("español española españoles españolas"),
        de=_words("Spanier Spanierin Spanierinnen Spaniern spanische spanischen spanischer"),
    ),
    "DE": _Curated(
        pt=_words("alemão alemã alemães alemãs"),
        en=_words("German Germans"),
        es=_words("alemán alemana alemanes alemanas"),
        # "deutsch-venezolanischer": the first part of a compound nationality.
        de=_words("Deutsche Deutscher Deutschen deutsche deutschen deutscher deutsch"),
    ),
    "IT": _Curated(
        pt=_words("italiano italiana italianos italianas"),
        en=_words("Italian Italians"),
        es=_words("italiano italiana italianos italianas"),
        de=_words("Italiener Italienerin Italienern italienische italienischen"),
    ),
    "CO": _Curated(
        pt=_words("colombiano colombiana colombianos colombianas"),
        en=_words("Colombian Colombians"),
        es=_words("colombiano colombiana colombianos colombianas"),
        de=_words("Kolumbianer Kolumbianerin Kolumbianern kolumbianische kolumbianischen"),
    ),
    "PT": _Curated(
        # "lusodescendente", "luso-venezuelanos": of Portuguese descent.
        pt=_words(
            "português portuguesa portugueses portuguesas lusodescendente lusodescendentes "
            "luso-descendente luso-descendentes luso"
        ),
        en=_words("Portuguese"),
        es=_words("portugués portuguesa portugueses portuguesas"),
        de=_words("Portugiese Portugiesin Portugiesen portugiesische portugiesischen"),
    ),
    "FR": _Curated(
        pt=_words("francês francesa franceses francesas"),
        en=_words("French Frenchman Frenchwoman"),
        es=_words("francés francesa franceses francesas"),
        de=_words("Franzose Französin Franzosen französische französischen"),
    ),
    "GB": _Curated(
        en=_words("British Briton Britons"),
        es=_words("británico británica británicos británicas"),
        de=_words("Brite Britin Briten britische britischen"),
        names=("Britain", "Great Britain"),
        abbreviations=("UK", "U.K."),
    ),
    "AR": _Curated(
        pt=_words("argentino argentina argentinos argentinas"),
        en=_words("Argentine Argentinian Argentines Argentinians"),
        es=_words("argentino argentina argentinos argentinas"),
        de=_words("Argentinier Argentinierin Argentiniern argentinische argentinischen"),
    ),
    "CL": _Curated(
        en=_words("Chilean Chileans"),
        es=_words("chileno chilena chilenos chilenas"),
        de=_words("Chilene Chilenin Chilenen chilenische chilenischen"),
    ),
    "PE": _Curated(
        pt=_words("peruano peruana peruanos peruanas"),
        en=_words("Peruvian Peruvians"),
        es=_words("peruano peruana peruanos peruanas"),
        de=_words("Peruaner Peruanerin Peruanern peruanische peruanischen"),
    ),
    "EC": _Curated(
        pt=_words("equatoriano equatoriana equatorianos equatorianas"),
        en=_words("Ecuadorian Ecuadorians Ecuadorean Ecuadoreans"),
        es=_words("ecuatoriano ecuatoriana ecuatorianos ecuatorianas"),
        de=_words("Ecuadorianer Ecuadorianerin Ecuadorianern ecuadorianische"),
    ),
    "CU": _Curated(
        en=_words("Cuban Cubans"),
        es=_words("cubano cubana cubanos cubanas"),
        de=_words("Kubaner Kubanerin Kubanern kubanische kubanischen"),
    ),
    "MX": _Curated(
        en=_words("Mexican Mexicans"),
        es=_words("mexicano mexicana mexicanos mexicanas"),
        de=_words("Mexikaner Mexikanerin Mexikanern mexikanische mexikanischen"),
    ),
    "BR": _Curated(
        pt=_words("brasileiro brasileira brasileiros brasileiras"),
        en=_words("Brazilian Brazilians"),
        es=_words("brasileño brasileña brasileños brasileñas"),
        de=_words("Brasilianer Brasilianerin Brasilianern brasilianische brasilianischen"),
    ),
    "NL": _Curated(
        en=_words("Dutch Dutchman Dutchwoman"),
        es=_words("neerlandés neerlandesa neerlandeses neerlandesas holandés holandesa"),
        de=_words("Niederländer Niederländerin Niederländern niederländische"),
        pt=_words("holandês holandesa holandeses holandesas neerlandês neerlandesa"),
        names=("Holland", "Holanda"),
    ),
    "CH": _Curated(
        en=_words("Swiss"),
        es=_words("suizo suiza suizos suizas"),
        de=_words("Schweizer Schweizerin Schweizern schweizerische"),
    ),
    "UY": _Curated(
        en=_words("Uruguayan Uruguayans"),
        es=_words("uruguayo uruguaya uruguayos uruguayas"),
        de=_words("Uruguayer Uruguayerin Uruguayern uruguayische"),
    ),
    "CA": _Curated(
        en=_words("Canadian Canadians"),
        es=_words("canadiense canadienses"),
        de=_words("Kanadier Kanadierin Kanadiern kanadische kanadischen"),
    ),
    "TT": _Curated(
        en=_words("Trinidadian Trinidadians Tobagonian Tobagonians"),
        es=_words("trinitense trinitenses"),
        de=_words("Trinidader Trinidaderin"),
        pt=_words("trinitário trinitária trinitários trinitárias"),
    ),
    "CZ": _Curated(
        en=_words("Czech Czechs"),
        es=_words("checo checa checos checas"),
        de=_words("Tscheche Tschechin Tschechen tschechische tschechischen tschechischer"),
        pt=_words("tcheco tcheca tchecos tchecas checo checa checos checas"),
        names=("Czech Republic", "República Checa", "Tschechien", "Chéquia", "República Tcheca"),
    ),
    "HU": _Curated(
        en=_words("Hungarian Hungarians"),
        es=_words("húngaro húngara húngaros húngaras"),
        de=_words("Ungar Ungarin Ungarn ungarische ungarischen ungarischer"),
        pt=_words("húngaro húngara húngaros húngaras"),
    ),
    "UA": _Curated(
        en=_words("Ukrainian Ukrainians"),
        es=_words("ucraniano ucraniana ucranianos ucranianas"),
        de=_words("Ukrainer Ukrainerin Ukrainern ukrainische ukrainischen ukrainischer"),
        pt=_words("ucraniano ucraniana ucranianos ucranianas"),
    ),
    "PL": _Curated(
        en=_words("Polish Pole Poles"),
        es=_words("polaco polaca polacos polacas"),
        de=_words("Pole Polin Polen polnische polnischen polnischer"),
        pt=_words("polonês polonesa poloneses polonesas polaco polaca"),
    ),
    "RU": _Curated(
        en=_words("Russian Russians"),
        es=_words("ruso rusa rusos rusas"),
        de=_words("Russe Russin Russen russische russischen russischer"),
        pt=_words("russo russa russos russas"),
    ),
    "BO": _Curated(
        en=_words("Bolivian Bolivians"),
        es=_words("boliviano boliviana bolivianos bolivianas"),
        de=_words("Bolivianer Bolivianerin bolivianische"),
        pt=_words("boliviano boliviana bolivianos bolivianas"),
    ),
    "DO": _Curated(
        en=_words("Dominican Dominicans"),
        es=_words("dominicano dominicana dominicanos dominicanas"),
        de=_words("Dominikaner Dominikanerin dominikanische"),
        pt=_words("dominicano dominicana dominicanos dominicanas"),
    ),
    "PY": _Curated(
        en=_words("Paraguayan Paraguayans"),
        es=_words("paraguayo paraguaya paraguayos paraguayas"),
        de=_words("Paraguayer Paraguayerin paraguayische"),
        pt=_words("paraguaio paraguaia paraguaios paraguaias"),
    ),
    "IE": _Curated(
        en=_words("Irish"),
        es=_words("irlandés irlandesa irlandeses irlandesas"),
        de=_words("Ire Irin Iren irische irischen"),
        pt=_words("irlandês irlandesa irlandeses irlandesas"),
    ),
    "BE": _Curated(
        en=_words("Belgian Belgians"),
        es=_words("belga belgas"),
        de=_words("Belgier Belgierin belgische belgischen"),
        pt=_words("belga belgas"),
    ),
    "AT": _Curated(
        en=_words("Austrian Austrians"),
        es=_words("austriaco austriaca austriacos austriacas austríaco austríaca"),
        de=_words("Österreicher Österreicherin österreichische österreichischen"),
        pt=_words("austríaco austríaca austríacos austríacas"),
    ),
    # The Caribbean and South American neighbours, and the peoples of the foreign
    # detainees reports name most (Lebanese and Syrian traders, Chinese engineers,
    # Filipino sailors …).
    "GY": _Curated(
        en=_words("Guyanese"),
        es=_words("guyanés guyanesa guyaneses guyanesas"),
        de=_words("Guyaner Guyanerin Guyanern guyanische guyanischen guyanischer"),
        pt=_words("guianense guianenses guianês guianesa guianeses guianesas"),
    ),
    "HT": _Curated(
        en=_words("Haitian Haitians"),
        es=_words("haitiano haitiana haitianos haitianas"),
        de=_words("Haitianer Haitianerin Haitianern haitianische haitianischen"),
        pt=_words("haitiano haitiana haitianos haitianas"),
    ),
    "JM": _Curated(
        en=_words("Jamaican Jamaicans"),
        es=_words("jamaicano jamaicana jamaicanos jamaicanas jamaiquino jamaiquina"),
        de=_words("Jamaikaner Jamaikanerin Jamaikanern jamaikanische jamaikanischen"),
        pt=_words("jamaicano jamaicana jamaicanos jamaicanas"),
    ),
    "PA": _Curated(
        en=_words("Panamanian Panamanians"),
        es=_words("panameño panameña panameños panameñas"),
        de=_words("Panamaer Panamaerin panamaische panamaischen"),
        pt=_words("panamenho panamenha panamenhos panamenhas"),
    ),
    "CR": _Curated(
        en=("Costa Rican", "Costa Ricans"),
        es=_words("costarricense costarricenses"),
        de=_words("Costa-Ricaner Costa-Ricanerin costa-ricanische"),
        pt=_words("costa-riquenho costa-riquenha costa-riquenhos costa-riquenhas"),
    ),
    "LB": _Curated(
        en=_words("Lebanese"),
        es=_words("libanés libanesa libaneses libanesas"),
        de=_words("Libanese Libanesin Libanesen libanesische libanesischen libanesischer"),
        pt=_words("libanês libanesa libaneses libanesas"),
    ),
    "SY": _Curated(
        en=_words("Syrian Syrians"),
        es=_words("sirio siria sirios sirias"),
        de=_words("Syrer Syrerin Syrern syrische syrischen syrischer"),
        pt=_words("sírio síria sírios sírias"),
    ),
    "CN": _Curated(
        en=_words("Chinese"),
        es=_words("chino china chinos chinas"),
        de=_words("Chinese Chinesin Chinesen chinesische chinesischen chinesischer"),
        pt=_words("chinês chinesa chineses chinesas"),
    ),
    "PH": _Curated(
        en=_words("Filipino Filipina Filipinos Filipinas Philippine"),
        es=_words("filipino filipina filipinos filipinas"),
        de=_words(
            "Philippiner Philippinerin Philippinern philippinische philippinischen philippinischer"
        ),
        pt=_words("filipino filipina filipinos filipinas"),
    ),
    "SE": _Curated(
        en=_words("Swede Swedes Swedish"),
        es=_words("sueco sueca suecos suecas"),
        # Not "Schweden", which names the country more often than its people.
        de=_words("Schwede Schwedin schwedische schwedischen schwedischer"),
        pt=_words("sueco sueca suecos suecas"),
    ),
    "RO": _Curated(
        en=_words("Romanian Romanians"),
        es=_words("rumano rumana rumanos rumanas"),
        de=_words("Rumäne Rumänin Rumänen rumänische rumänischen rumänischer"),
        pt=_words("romeno romena romenos romenas"),
    ),
    "GH": _Curated(
        en=_words("Ghanaian Ghanaians"),
        es=_words("ghanés ghanesa ghaneses ghanesas"),
        de=_words("Ghanaer Ghanaerin Ghanaern ghanaische ghanaischen"),
        pt=_words("ganês ganesa ganeses ganesas"),
    ),
    "NG": _Curated(
        en=_words("Nigerian Nigerians"),
        es=_words("nigeriano nigeriana nigerianos nigerianas"),
        de=_words("Nigerianer Nigerianerin Nigerianern nigerianische nigerianischen"),
        pt=_words("nigeriano nigeriana nigerianos nigerianas"),
    ),
    "IL": _Curated(
        en=_words("Israeli Israelis"),
        es=_words("israelí israelíes"),
        de=_words("Israeli Israelin israelische israelischen"),
        pt=_words("israelense israelenses israelita israelitas"),
    ),
    "TR": _Curated(
        en=_words("Turkish Turk Turks"),
        es=_words("turco turca turcos turcas"),
        de=_words("Türke Türkin Türken türkische türkischen türkischer"),
        pt=_words("turco turca turcos turcas"),
    ),
    "JP": _Curated(
        en=_words("Japanese"),
        es=_words("japonés japonesa japoneses japonesas"),
        de=_words("Japaner Japanerin Japanern japanische japanischen"),
        pt=_words("japonês japonesa japoneses japonesas"),
    ),
    "NO": _Curated(
        en=_words("Norwegian Norwegians"),
        es=_words("noruego noruega noruegos noruegas"),
        de=_words("Norweger Norwegerin Norwegern norwegische norwegischen"),
        pt=_words("norueguês norueguesa noruegueses norueguesas"),
    ),
    "DK": _Curated(
        en=_words("Danish Dane Danes"),
        es=_words("danés danesa daneses danesas"),
        de=_words("Däne Dänin Dänen dänische dänischen dänischer"),
        pt=_words("dinamarquês dinamarquesa dinamarqueses dinamarquesas"),
    ),
}

# A nationality's first part in a compound ("ítalo-venezolano", "Franco-Venezuelan"),
# matched only before its hyphen: alone, "Ítalo" is a first name and "franco" a word.
COMBINING: dict[str, tuple[str, ...]] = {
    "IT": ("ítalo", "italo"),
    "FR": ("franco",),
    "DE": ("germano",),
}

NOT_A_COUNTRY: tuple[str, ...] = (
    "Latin America",
    "Latin American",
    "Latin Americans",
    "South America",
    "South American",
    "South Americans",
    "Central America",
    "Central American",
    "North America",
    "North American",
    "América Latina",
    "Latinoamérica",
    "latinoamericano",
    "latinoamericana",
    "latinoamericanos",
    "latinoamericanas",
    "Lateinamerika",
    "Südamerika",
)

_TRANSLATED = ("es", "de", "pt")


@cache
def _catalogue(language: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])


def local_name(code: str, name: str, language: str) -> str:
    """The country's name for an interface in ``language``: the ISO 3166-1 name in
    pycountry's translation ("España" for ES in Spanish), or the record's own ``name``
    (English, or a code pycountry doesn't know or hasn't translated)."""
    country = pycountry.countries.get(alpha_2=code)
    if country is None or language.split("-")[0] == "en":
        return name
    try:
        catalogue = _catalogue(language.split("-")[0])
    except OSError:  # no catalogue for this language
        return name
    for iso_name in filter(None, (getattr(country, "common_name", None), country.name)):
        translated = catalogue.gettext(iso_name)
        if translated != iso_name:
            # "Venezuela, República Bolivariana de" reads "Venezuela" in a sentence.
            return translated.split(",")[0]
    return name


def _iso_names(code: str) -> list[Form]:
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return []
    english = [
        getattr(country, attribute, None) for attribute in ("name", "common_name", "official_name")
    ]
    forms = []
    for name in filter(None, english):
        forms.append(Form(name.split(",")[0], "pycountry (ISO 3166-1)"))
        for language in _TRANSLATED:
            translated = _catalogue(language).gettext(name)
            forms.append(Form(translated.split(",")[0], f"pycountry ({language} translation)"))
    return forms


def _curated(code: str) -> list[Form]:
    table = CURATED.get(code)
    if table is None:
        return []
    forms = []
    for language in ("en", "es", "de", "pt"):
        forms += [
            Form(word, f"curated demonyms ({language})", demonym=True)
            for word in getattr(table, language)
        ]
    # A German adjective's stem is a compound's first part: "österreichisch-venezolanische".
    stems = [word[: -len("e")] for word in table.de if word.endswith("ische")]
    forms += [
        Form(word, "curated combining forms", demonym=True, combining=True)
        for word in (*COMBINING.get(code, ()), *stems)
    ]
    forms += [Form(name, "curated short forms") for name in table.names]
    forms += [Form(short, "curated abbreviations", mode=EXACT) for short in table.abbreviations]
    return forms


def forms_for(code: str, name: str = "", demonym: str = "") -> list[Form]:
    """Every form of the country with this ISO code, the record's own ``name`` and
    ``demonym`` first; one entry per distinct (text, mode)."""
    forms = [Form(name, "the record"), Form(demonym, "the record", demonym=True)]
    forms += _iso_names(code.upper()) + _curated(code.upper())
    unique: dict[tuple[str, str], Form] = {}
    capitalised: set[tuple[str, str]] = set()  # a demonym some language capitalises
    for form in forms:
        key = (form.text.casefold() if form.mode == CASED else form.text, form.mode)
        if form.demonym and not form.text[:1].islower():
            capitalised.add(key)
        # A form that is also a demonym ("argentina") counts as one.
        if form.text.strip() and (key not in unique or (form.demonym and not unique[key].demonym)):
            unique[key] = form
    return [
        replace(form, lower=form.demonym and key not in capitalised) for key, form in unique.items()
    ]


# -- Searching people by nationality -------------------------------------------------------
#
# The people list's search also finds a person by a word naming one of their nationalities
# in English, Spanish or German: a country name ("Estados Unidos", "Spanien") or its people
# in any inflection ("españolas"). Storing all those forms in the search text would make
# every Venezuelan a match for "ana" ("venezolana"): the search text keeps the country's
# name as its record gives it, and a run of words naming the country matches that name too
# (``web.filters.people_of_countries_named``).

# Abbreviations of two letters are left out: folded, "US" is the word "us".
_SHORTEST_ABBREVIATION = 3


@cache
def _codes_by_form() -> dict[str, tuple[str, ...]]:
    """Every form in lower case, and folded too (accents dropped) where that differs, so
    that "espanol" finds Spaniards while "Germán", typed with its accent, stays a name."""
    codes: dict[str, set[str]] = {}
    for country in pycountry.countries:
        for form in forms_for(country.alpha_2):
            if form.mode == EXACT and len(form.text) < _SHORTEST_ABBREVIATION:
                continue
            typed = " ".join(form.text.casefold().split())
            for key in {typed, fold_for_search(form.text)}:
                codes.setdefault(key, set()).add(country.alpha_2)
    return {key: tuple(sorted(found)) for key, found in codes.items()}


def longest_country_form() -> int:
    """How many words the longest form has ("reino unido de gran bretaña e irlanda…")."""
    return max(len(form.split()) for form in _codes_by_form())


def countries_named(words: str) -> tuple[str, ...]:
    """The ISO codes of the countries that ``words``, in lower case, name: "españolas",
    "estados unidos", "eeuu"; none for any other words."""
    return _codes_by_form().get(words, ())
