"""Small builders for test data made in code (not from the seed fixtures)."""

import itertools

from releases import models as m
from sources.models import Passage, SourceArticle

_counter = itertools.count(1)


def article(text: str = "Venezuela freed Ana Pérez from El Helicoide on Thursday.", **fields):
    number = next(_counter)
    fields.setdefault("slug", f"article-{number}")
    fields.setdefault("title", f"Article {number}")
    return SourceArticle.objects.create(text=text, **fields)


def passage(source: SourceArticle, quote: str) -> Passage:
    start = source.text.index(quote)
    return Passage.objects.create(article=source, start=start, end=start + len(quote), quote=quote)


def person(name: str = "Ana Pérez", **fields) -> m.Person:
    fields.setdefault("slug", f"person-{next(_counter)}")
    return m.Person.objects.create(name=name, **fields)


def cite(fact, *passages: Passage):
    fact.citations.add(*passages)
    return fact
