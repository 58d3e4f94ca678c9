"""Slugs for records made in the admin, unique within their table."""

from typing import Any

from django.db.models import Manager, QuerySet
from django.utils.text import slugify


def unique_slug(base: str, taken: QuerySet[Any] | Manager[Any], *, fallback: str) -> str:
    """``slugify(base)`` (or ``fallback``), with -2, -3… added until no row of ``taken``
    has it."""
    slug = slugify(base)[:100] or fallback
    candidate, number = slug, 2
    while taken.filter(slug=candidate).exists():
        candidate, number = f"{slug}-{number}", number + 1
    return candidate
