"""Curators' words in the page's language, with a missing translation marked.

``{{ role|tr:"title" }}`` shows the role's title in the page's language; when only the other
language has one, it is shown in that language, tagged with its ``lang`` and followed by
"(in English)" or "(en español)", so that no reader takes it for a translation."""

from typing import Any

from django import template
from django.db.models import Model
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from releases.models import Cited, Person
from releases.translation import shown

register = template.Library()

# Written in the language of the text it marks, as a language menu names each language.
FALLBACK_MARKS = {"en": "(in English)", "es": "(en español)"}


def marked(obj: Model, field: str) -> SafeString | str:
    """The value for the page's language, escaped; a fallback is tagged and marked."""
    language = get_language() or "en"
    value, lang = shown(obj, field, language)
    if lang == language or not value:
        return value
    return format_html(
        '<span lang="{}">{}</span> <span class="fallback">{}</span>',
        lang,
        value,
        FALLBACK_MARKS[lang],
    )


@register.filter
def tr(obj: Any, field: str) -> SafeString | str:
    if obj is None or obj == "":
        return ""
    return marked(obj, field)


@register.filter
def person_name(person: Person) -> SafeString | str:
    """A person as pages name them: the name as printed, or our description of someone
    the sources do not name, in the page's language (``Person.display_name``; the
    description's two languages are django-modeltranslation's fields)."""
    described = [getattr(person, f"description_{code}", None) for code in ("en", "es")]
    if not person.is_named and any(described):
        return marked(person, "description")
    return person.name


@register.filter
def words_language(cited: Cited) -> str:
    """The language of the sources' own words a record keeps (a count's "about 50", an
    event's "on Thursday"): that of the article its first citation quotes. They are shown
    as written, never translated, and tagged so (prefetched citations: no query)."""
    for passage in cited.citations.all():
        return passage.article.language or ""
    return ""
