"""Precision and recall of suggestions on the labelled corpus in suggestion_corpus/ (our own
texts in English, Spanish and German). ``bench/suggestions.py`` prints the same figures."""

from tests.releases.suggestion_corpus import evaluate


def test_suggestions_find_known_entities_with_high_precision_and_recall(db):
    scores = evaluate()
    assert scores.articles >= 6
    assert {"en", "es"} <= scores.by_language.keys()
    assert scores.known.labelled >= 50
    assert scores.known.precision >= 0.9, scores.known.mistakes
    assert scores.known.recall >= 0.9, scores.known.misses
    for language, score in scores.by_language.items():
        assert score.precision >= 0.9 and score.recall >= 0.9, language


def test_nationalities_and_new_names_are_mostly_right(db):
    scores = evaluate()
    for score in (scores.citizenships, scores.new_people):
        assert score.labelled >= 8
        assert score.precision >= 0.85, score.mistakes
        assert score.recall >= 0.85, score.misses
