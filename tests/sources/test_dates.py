import datetime
import re

import pytest

from sources.dates import (
    PartialDateError,
    format_partial_date,
    iso_partial_date,
    parse_partial_date,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-01-08", (datetime.date(2026, 1, 8), "day")),
        ("2025-12", (datetime.date(2025, 12, 1), "month")),
        ("2024", (datetime.date(2024, 1, 1), "year")),
        (2024, (datetime.date(2024, 1, 1), "year")),
        ("unknown", (None, "unknown")),
        (None, (None, "unknown")),
    ],
)
def test_partial_dates_keep_their_precision(raw, expected):
    assert parse_partial_date(raw) == expected


@pytest.mark.parametrize("raw", ["2026-02-30", "2026-13", "January 2026", "26-01-08", ""])
def test_impossible_or_malformed_dates_are_refused_with_the_value_in_the_message(raw):
    with pytest.raises(PartialDateError, match=re.escape(repr(raw))):
        parse_partial_date(raw)


def test_a_date_is_shown_no_more_precisely_than_it_is_known():
    december = datetime.date(2025, 12, 1)
    assert format_partial_date(december, "month") == "December 2025"
    assert format_partial_date(december, "year") == "2025"
    assert format_partial_date(datetime.date(2026, 1, 8), "day") == "8 January 2026"
    assert format_partial_date(None, "unknown") == "date unknown"
    assert iso_partial_date(december, "month") == "2025-12"
    assert iso_partial_date(None, "unknown") is None
