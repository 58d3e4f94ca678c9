"""Given names, to tell a person's name from other capitalised words ("Ana Ríos" from
"Le Monde" or "Weißen Hauses"). The dictionary is gender-guesser's (Jörg Michael's list of
about 45,000 first names in European and other languages); ``COMMON_HERE`` adds given
names common in Venezuela that it lacks (our own list)."""

from functools import cache

import gender_guesser.detector

from curation.proposals.lexicon import NOT_A_NAME
from sources.search import fold_for_search

COMMON_HERE = [
    "Yolimar",
    "Yusneidy",
    "Nicmer",
    "Wuilly",
    "Yorbis",
    "Deivis",
    "Leudys",
    "Yarelis",
    "Franyelis",
    "Yoselin",
    "Yoselyn",
    "Maikel",
    "Jhonny",
    "Jhon",
    "Jhonatan",
    "Yeferson",
    "Jeferson",
    "Luisana",
    "Oriana",
    "Nairobi",
    "Génesis",
    "Wilmer",
    "Ender",
    "Yonder",
    "Eudis",
    "Gleiber",
    "Keiber",
    "Onésimo",
    "Diosdado",
    "Yván",
    "Yordy",
    "Yorman",
    "Yulimar",
    "Yuleisy",
    "Yuraima",
    "Yelitza",
    "Marielba",
    "Mariela",
    "Maryori",
    "Dayana",
    "Deisy",
    "Eglé",
    "Eglee",
    "Javier",
    "Nohely",
    "Noelis",
    "Rosmit",
    "Rocío",
    "Greisy",
    "Yaneth",
    "Yanet",
    "Lisbeth",
    "Lisandro",
    "Leocenis",
    "Villca",
    "Henrique",
    "Heiber",
    "Yendri",
    "Freddy",
    "Jesús",
    "Yohan",
    "Yohandry",
    "Ronny",
    "Roland",
    "Nixon",
    "Eduin",
    "Edwar",
    "Jose",
    "Josue",
    "Neomar",
]


@cache
def given_names() -> frozenset[str]:
    detector = gender_guesser.detector.Detector(case_sensitive=False)
    names = {fold_for_search(name) for name in detector.names}
    names |= {fold_for_search(name) for name in COMMON_HERE}
    return frozenset(names - NOT_A_NAME)


def is_given_name(word: str) -> bool:
    return fold_for_search(word) in given_names()
