"""Paths of detail pages, reversed once per pattern rather than once per link.

Django's ``reverse`` walks the URL resolver on every call (tens of microseconds), and a list
page links a few hundred people, places and countries, as does every stored person record
when it is derived. A detail page's path is its pattern's with the key in its place, so the
pattern is reversed once per language, URL configuration and script prefix, with a marker
where the key goes.
"""

import functools
import re

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# Keys that ``reverse`` puts in a path unchanged: they match the slug converter and have
# nothing to percent-encode. Any other key is reversed as usual (and refused as usual).
_PLAIN_KEY = re.compile(r"[-a-zA-Z0-9_]+")
_MARKER = "detail-key-marker"


@functools.lru_cache(maxsize=256)
def _around_key(name: str, language: str | None, urlconf: str | None, prefix: str) -> list[str]:
    return reverse(name, args=[_MARKER]).split(_MARKER)


def detail_path(name: str, key: str) -> str:
    """``reverse(name, args=[key])`` for a URL pattern that takes one key."""
    if not _PLAIN_KEY.fullmatch(key):
        return reverse(name, args=[key])
    before, after = _around_key(name, get_language(), get_urlconf(), get_script_prefix())
    return f"{before}{key}{after}"
