"""Curators' words in the page's language, with a missing translation marked.

``{{ role|tr:"title" }}`` shows the role's title in the page's language; when only the other
language has one, it is shown in that language, tagged with its ``lang`` and followed by
"(in English)" or "(en español)", so that no reader takes it for a translation."""

import re
from typing import Any

from django import template
from django.db.models import Model
from django.utils.formats import number_format
from django.utils.safestring import SafeString
from django.utils.translation import get_language, pgettext

from releases.models import Cited, CountClaim, Person
from releases.translation import shown
from web.markup import format_html

register = template.Library()

# A count's words that are only a number ("800", "1,500"), the same in every language.
_DIGITS = re.compile(r"[\d.,\s]+")

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


@register.filter
def figure(count: CountClaim) -> SafeString:
    """A count's figure. In the language of the source's words, those words as written
    ("about 50") with the qualifier's badge. In another language, the number said in the
    page's ("unos 50") and the source's words after it as a quote tagged with their language
    («about 50»), so that no reader meets a figure in a language they may not read; a number
    the source does not give ("a large number") is its words quoted, with the badge. Digits
    ("800") are in no language."""
    words, language = words_language(count), get_language() or "en"
    badge = ""
    if count.qualifier != CountClaim.Qualifier.EXACT:
        badge = format_html(' <span class="badge">{}</span>', count.get_qualifier_display())
    if not words or words == language or _DIGITS.fullmatch(count.value_text):
        return format_html('<strong lang="{}">{}</strong>{}', words, count.value_text, badge)
    # The marks are the page's («» in Spanish), the words inside in their own language.
    quoted = format_html('<q><span lang="{}">{}</span></q>', words, count.value_text)
    if count.value is None:
        return format_html("<strong>{}</strong>{}", quoted, badge)
    number = number_format(count.value, force_grouping=True)
    if count.qualifier != CountClaim.Qualifier.EXACT:
        said = pgettext("a count's figure: about 50", "%(qualifier)s %(number)s")
        number = said % {"qualifier": count.get_qualifier_display(), "number": number}
    return format_html("<strong>{}</strong> {}", number, quoted)
