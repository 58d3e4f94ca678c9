"""Count claims read from report-like sentences written here (not the corpora in bench/,
which score them): what is counted, how many, and who claims it."""

import pytest

from curation.proposals import gazetteer, read

pytestmark = pytest.mark.django_db(databases=[])

RECORD = gazetteer.build(
    [(1, "Rocío San Miguel")],
    [(1, "El Helicoide")],
    {"ES": ("Spain", "Spanish"), "VE": ("Venezuela", "Venezuelan")},
)


def test_a_demonym_describing_an_institution_is_not_the_people_counted():
    # The demonyms are the nationalities' own (one filter): "Swiss" qualifies the radio,
    # so the people counted are the journalists, and no country is theirs.
    text = "Two Swiss radio journalists were freed on Monday. Cinco peruanos siguen presos."
    reading = read(text, RECORD)
    assert [(text[c.start : c.end], c.country) for c in reading.counts] == [
        ("Two Swiss radio journalists", ""),
        ("Cinco peruanos", "PE"),
    ]
