"""The seed record reads wholly in the page's language: on every public page in Spanish no
curator-written English is left (and no Spanish on the English pages); what remains in
another language is data shown as written (names, quotes, headlines, the sources' words)."""

import html
import re

import pytest
from django.utils import translation

from releases.models import Country, Facility, Person, ReleaseEvent
from releases.translation import LANGUAGES, TRANSLATED_FIELDS
from sources.citations import SHORT_TITLE_WORDS, short_title
from sources.models import Passage, SourceArticle
from tests.web.test_i18n import data_strings, english_left, interface_text
from web.templatetags.citations import LONG_TITLE_WORDS


def _pages(language: str) -> list[str]:
    with translation.override(language):
        details = [
            obj.get_absolute_url()
            for model in (Person, Facility, ReleaseEvent, SourceArticle)
            for obj in model.objects.all()
            if getattr(obj, "is_public", True)
        ]
        countries = Country.objects.filter(citizenships__isnull=False).distinct()
        details += [c.get_absolute_url() for c in countries]
    lists = ["", "people/", "people/?status=any", "facilities/", "nationalities/", "events/"]
    lists += ["numbers/", "facts/", "sources/", "about/"]
    return [f"/{language}/{path}" for path in lists] + sorted(set(details))


def curators_words(language: str) -> list[str]:
    """Every curator-written value in ``language`` whose translation differs from it."""
    words = set()
    for model, fields in TRANSLATED_FIELDS.items():
        for obj in model.objects.all():
            for field in fields:
                values = {lang: getattr(obj, f"{field}_{lang}") or "" for lang in LANGUAGES}
                if values[language] and len(set(values.values())) > 1:
                    words.add(values[language])
    return sorted(words, key=len, reverse=True)


def _articles_words() -> list[str]:
    """What the articles say, shown as written: headlines (whole and cut short, as the
    citation markers give them), outlets, their text's lines and the quotes."""
    words = set()
    for article in SourceArticle.objects.all():
        words.update(filter(None, [article.title, article.outlet, *article.text.splitlines()]))
        words.update(short_title(article, words=n) for n in (SHORT_TITLE_WORDS, LONG_TITLE_WORDS))
        # An untitled article is named by its opening words.
        words.add(article.body_text().strip().split("\n", 1)[0][:80] + "…")
    words.update(Passage.objects.values_list("quote", flat=True))
    return sorted((w.strip() for w in words if w.strip()), key=len, reverse=True)


def _shown_text(page: str, language: str, articles: list[str]) -> str:
    """The page's own words, outside quotes, data marked as another language and what the
    articles say."""
    text = html.unescape(" ".join(" ".join(t.split()) for t in interface_text(page, language)))
    for words in articles:
        text = text.replace(words, " ")
    return text


@pytest.fixture
def seed(seeded, client):
    return client


@pytest.mark.parametrize(("language", "other"), [("es", "en"), ("en", "es")])
def test_no_curators_words_of_the_other_language_on_any_page(seed, language, other, subtests):
    others = curators_words(other)
    assert len(others) > 50  # the seed record is translated, not empty
    articles = _articles_words()
    for url in _pages(language):
        with subtests.test(url):
            response = seed.get(url)
            assert response.status_code == 200
            page = response.content.decode()
            assert 'class="fallback"' not in page  # nothing falls back on the seed data
            text = _shown_text(page, language, articles)
            left = [w for w in others if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]
            assert left == [], url


def test_no_english_left_on_any_spanish_page_of_the_seed(seed, subtests):
    """The catalogue's walk, on the seed data, with curators' English no longer counted as
    data shown as written: only names, quotes, headlines and the sources' words are."""
    english = set(curators_words("en"))
    data = [value for value in data_strings() if value not in english]
    data = sorted({*data, *_articles_words()}, key=len, reverse=True)
    for url in _pages("es"):
        with subtests.test(url):
            problems = english_left(seed.get(url).content.decode(), data)
            assert problems == [], "\n".join(problems)


def _statuses(page: str) -> list[str]:
    return re.findall(r'<span class="status status-[\w-]+">([^<]+)</span>', page)


def test_statuses_agree_with_the_person_where_the_record_says(seed):
    # "She": the status and every step of her history in the feminine.
    rocio = _statuses(seed.get("/es/people/rocio-san-miguel/").content.decode())
    assert rocio == ["excarcelada", "detenida", "excarcelada"]
    marquez = _statuses(seed.get("/es/people/enrique-marquez/").content.decode())
    assert marquez[0] == "excarcelado"
    # The record does not say how to refer to this activist: neutral words.
    activist = seed.get("/es/people/detained-activist-from-machados-party/").content.decode()
    assert set(_statuses(activist)) == {"en detención"}
    # English has one form for all.
    assert _statuses(seed.get("/en/people/rocio-san-miguel/").content.decode())[0] == "released"
