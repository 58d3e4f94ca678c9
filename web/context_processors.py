"""The page in each language, for the header's switcher and the head's alternate links."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language, override


def language_url(request: HttpRequest, language: str) -> str:
    """This page, query string kept, at its address in ``language`` (/es/people/?…).

    An unprefixed page maps to its prefixed twin; a page with no name (a 404) to the home
    page in that language."""
    match = request.resolver_match  # None on a 404: nothing was matched
    with override(language):
        try:
            if match is None:
                return reverse("releases:home")
            name = f"{match.app_name}:{match.url_name}"
            path = reverse(name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return reverse("releases:home")
    query = request.META.get("QUERY_STRING", "")
    return f"{path}?{query}" if query else path


def languages(request: HttpRequest) -> dict[str, Any]:
    current = get_language()
    links = [
        {"code": code, "name": name, "url": language_url(request, code), "current": code == current}
        for code, name in settings.LANGUAGES
    ]
    return {"language_links": links}
