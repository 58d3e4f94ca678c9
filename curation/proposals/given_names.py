"""Given names, to tell a person's name from other capitalised words ("Ana Ríos" from
"Le Monde" or "Weißen Hauses"). The dictionary is gender-guesser's (Jörg Michael's list of
about 45,000 first names in European and other languages); ``COMMON_HERE`` adds given
names common in Venezuela that it lacks (our own list)."""

import hashlib
import os
import tempfile
from functools import cache
from pathlib import Path

import gender_guesser.detector
from django.conf import settings

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
    """Read once per process: from the cache file when there is one for this dictionary
    and these lists (a few milliseconds), else from the dictionary (2 s), then cached."""
    cached = _cache_file()
    if cached is not None:
        try:
            return frozenset(cached.read_text(encoding="utf-8").split("\n"))
        except OSError:
            pass
    names = frozenset(_from_the_dictionary())
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=cached.parent, suffix=".part", delete=False
        ) as part:
            part.write("\n".join(sorted(names)))
        os.replace(part.name, cached)  # whole or not at all
    return names


def _from_the_dictionary() -> set[str]:
    detector = gender_guesser.detector.Detector(case_sensitive=False)
    names = {fold_for_search(name) for name in detector.names}
    names |= {fold_for_search(name) for name in COMMON_HERE}
    return names - NOT_A_NAME


def _cache_file() -> Path | None:
    """Where the folded names are kept (beside the known names, ``KNOWN_NAMES_DIR``), named
    by what they are read from: the dictionary file, ``COMMON_HERE`` and ``NOT_A_NAME``."""
    where = getattr(settings, "KNOWN_NAMES_DIR", "")
    if not where:
        return None
    dictionary = Path(gender_guesser.detector.__file__).parent / "data" / "nam_dict.txt"
    try:
        stat = dictionary.stat()
    except OSError:
        return None
    folding = fold_for_search("Ñuño Müller-Çelik")  # how names are folded, as far as seen
    key = repr((stat.st_size, stat.st_mtime_ns, COMMON_HERE, sorted(NOT_A_NAME), folding))
    return Path(where) / f"given-names-{hashlib.sha256(key.encode()).hexdigest()[:32]}.txt"


def is_given_name(word: str) -> bool:
    return fold_for_search(word) in given_names()
