"""A person with one release cited from a dated article of a known outlet and address, for
the browser tests of citing (copying, printing)."""

import datetime

from releases.derived import refresh_people
from releases.models import Person, Release
from sources.models import Passage
from tests import builders

ARTICLE_URL = "https://news.example/2026/01/09/ana-perez-freed"
QUOTE = "Ana Pérez, a Spanish lawyer, was freed on Thursday"


def cited_release() -> tuple[Person, Release, Passage]:
    source = builders.article(
        f"Caracas. {QUOTE}, her family said.",
        outlet="Reuters",
        url=ARTICLE_URL,
        published_on=datetime.date(2026, 1, 9),
        published_precision="day",
    )
    person = builders.person("Ana Pérez", slug="ana-perez")
    passage = builders.passage(source, QUOTE)
    release = builders.cite(Release.objects.create(person=person), passage)
    refresh_people([person.pk])
    return person, release, passage
