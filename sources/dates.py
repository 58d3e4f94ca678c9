"""Dates that sources know only partly ("in December", "early 2024", "3wks ago").

A partial date is stored as a ``DateField`` holding the first day of the period it names
plus a precision. "December 2025" is ``2025-12-01`` with precision ``month``; an unknown
date is ``None`` with precision ``unknown``. Nothing finer than the source states is kept.
"""

import datetime
import functools
import re

from django.db import models
from django.utils import formats
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")
    UNKNOWN = "unknown", _("unknown")


_PARTIAL_DATE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")


class PartialDateError(ValueError):
    pass


def parse_partial_date(value: object) -> tuple[datetime.date | None, str]:
    """Parse ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``unknown`` into (date, precision).

    Raises PartialDateError with a message fit for a curator on anything else, including
    impossible dates such as 2026-02-30.
    """
    if value is None or value == "unknown":
        return None, DatePrecision.UNKNOWN
    text = str(value).strip()
    match = _PARTIAL_DATE.match(text)
    if not match:
        not_a_date = gettext(
            "%(value)s is not a date; write YYYY-MM-DD, YYYY-MM, YYYY or 'unknown'"
        )
        raise PartialDateError(not_a_date % {"value": repr(value)})
    year, month, day = match["year"], match["month"], match["day"]
    try:
        parsed = datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        # Python's own reason ("day is out of range for month") has no translation.
        impossible = gettext("%(value)s is an impossible date (no such day or month)")
        raise PartialDateError(impossible % {"value": repr(value)}) from None
    if day:
        return parsed, DatePrecision.DAY
    if month:
        return parsed, DatePrecision.MONTH
    return parsed, DatePrecision.YEAR


def format_partial_date(value: datetime.date | None, precision: str) -> str:
    """Render a partial date no more precisely than it is known, in the active language:
    '8 January 2026', 'December 2025', '2024' or 'date unknown' ('8 de enero de 2026',
    'diciembre de 2025', '2024', 'fecha desconocida'); formats in config/formats."""
    if value is None or precision == DatePrecision.UNKNOWN:
        return gettext("date unknown")
    if precision == DatePrecision.YEAR:
        return str(value.year)
    return _formatted(value, precision == DatePrecision.MONTH, get_language())


@functools.lru_cache(maxsize=4096)
def _formatted(value: datetime.date, month_only: bool, language: str | None) -> str:
    """A date in a language's format, worked out once per process: a page writes the same
    few hundred dates again and again (a timeline of 200 items, a list of people freed on
    the same days), and Django's date formatting is tens of microseconds each time. The
    formats are the language's module's (config/formats), fixed while the process runs."""
    return formats.date_format(value, "YEAR_MONTH_FORMAT" if month_only else "DATE_FORMAT")


def iso_partial_date(value: datetime.date | None, precision: str) -> str | None:
    """The partial date as ISO 8601 truncated to its precision (for CSV and JSON)."""
    if value is None or precision == DatePrecision.UNKNOWN:
        return None
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def partial_date_constraint(date_field: str, precision_field: str, name: str):
    """A CHECK that an unknown date has no value and a known one has a value and a precision
    from the list. Shared by every model that stores a partial date."""
    return models.CheckConstraint(
        condition=(
            models.Q(**{f"{date_field}__isnull": True, precision_field: DatePrecision.UNKNOWN})
            | models.Q(
                **{
                    f"{date_field}__isnull": False,
                    f"{precision_field}__in": [
                        DatePrecision.DAY,
                        DatePrecision.MONTH,
                        DatePrecision.YEAR,
                    ],
                }
            )
        ),
        name=name,
    )
