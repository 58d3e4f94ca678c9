"""A person's situation in words that agree with them where the record says how to refer
to them, and in neutral words otherwise ("en libertad", never "detenida/o")."""

import pytest
from django.utils import translation

from releases.models import GrammaticalGender, Status, status_label

WITH_CONDITIONS = "con medidas cautelares"
SPANISH = {
    GrammaticalGender.FEMININE: ["detenida", "excarcelada", f"excarcelada {WITH_CONDITIONS}"],
    GrammaticalGender.MASCULINE: ["detenido", "excarcelado", f"excarcelado {WITH_CONDITIONS}"],
    GrammaticalGender.UNKNOWN: ["en detención", "en libertad", f"en libertad {WITH_CONDITIONS}"],
}
STATUSES = [Status.DETAINED, Status.RELEASED, Status.RELEASED_WITH_CONDITIONS]


@pytest.mark.parametrize("gender", list(SPANISH))
def test_spanish_status_words_agree_with_the_person(gender):
    with translation.override("es"):
        assert [status_label(s, gender) for s in STATUSES] == SPANISH[gender]
        assert "/" not in status_label(Status.REDETAINED, gender)
        # Neutral already: the same for everyone.
        assert status_label(Status.DIED_IN_CUSTODY, gender) == "murió bajo custodia"


def test_english_has_one_form_for_everyone():
    with translation.override("en"):
        for gender in SPANISH:
            assert status_label(Status.RELEASED, gender) == "released"


def test_the_status_filter_names_situations_in_neutral_words():
    with translation.override("es"):
        assert str(Status.RELEASED.label) == "en libertad"
