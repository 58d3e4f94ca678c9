import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sources.models import BoilerplateSpan, Passage, SourceArticle, sha256_of
from tests import builders


@pytest.fixture
def source(db):
    return builders.article("Opening line.\nShare this\nVenezuela freed Ana Pérez.")


def test_article_keeps_the_sha256_of_its_verbatim_text(source):
    assert source.sha256 == sha256_of(source.text)
    assert len(source.sha256) == 64


def test_the_same_text_cannot_be_stored_twice(source):
    with pytest.raises(IntegrityError), transaction.atomic():
        SourceArticle.objects.create(slug="copy", text=source.text)


def test_a_passage_is_the_article_text_at_its_offsets(source):
    passage = builders.passage(source, "Ana Pérez")
    assert source.text[passage.start : passage.end] == passage.quote
    passage.full_clean()


@pytest.mark.parametrize(
    ("start", "end", "quote"),
    [
        (5, 5, ""),  # empty
        (9, 4, "xxxxx"),  # reversed
        (0, 4, "Opening"),  # offsets span 4 characters, quote has 7
    ],
)
def test_database_refuses_passages_whose_offsets_cannot_hold_the_quote(source, start, end, quote):
    with pytest.raises(IntegrityError), transaction.atomic():
        Passage.objects.create(article=source, start=start, end=end, quote=quote)


def test_database_refuses_the_same_span_twice(source):
    builders.passage(source, "Opening")
    with pytest.raises(IntegrityError), transaction.atomic():
        Passage.objects.create(article=source, start=0, end=7, quote="Opening")


def test_clean_refuses_a_passage_past_the_end_or_not_matching_the_text(source):
    length = len(source.text)
    past_end = Passage(article=source, start=length - 2, end=length + 3, quote="abcde")
    with pytest.raises(ValidationError, match="past the article's length"):
        past_end.clean()
    wrong = Passage(article=source, start=0, end=7, quote="Closing")
    with pytest.raises(ValidationError, match="not the article's text"):
        wrong.clean()


def test_a_known_date_needs_a_precision_and_an_unknown_one_has_no_value(source):
    source.published_precision = "day"
    with pytest.raises(IntegrityError), transaction.atomic():
        source.save()


def test_body_text_hides_boilerplate_but_text_stays_verbatim(source):
    start = source.text.index("Share this")
    BoilerplateSpan.objects.create(
        article=source, start=start, end=start + len("Share this\n"), kind="chrome"
    )
    assert "Share this" not in source.body_text()
    assert "Share this" in SourceArticle.objects.get(pk=source.pk).text


# --- The database's own guard (triggers, on SQLite and PostgreSQL) -------------------------


def test_the_database_refuses_a_passage_whose_quote_is_not_the_article_text(source):
    start = source.text.index("Ana")
    # Same length as the real words, so every CHECK constraint passes: only the trigger,
    # which reads the article, can see the mismatch.
    mismatch = pytest.raises(IntegrityError, match="passage quote is not its article")
    with mismatch, transaction.atomic():
        Passage.objects.create(article=source, start=start, end=start + 3, quote="Eva")
    assert not Passage.objects.exists()


def test_the_database_refuses_moving_a_passage_off_its_words(source):
    passage = builders.passage(source, "Ana Pérez")
    mismatch = pytest.raises(IntegrityError, match="passage quote is not its article")
    with mismatch, transaction.atomic():
        Passage.objects.filter(pk=passage.pk).update(start=passage.start - 1, end=passage.end - 1)
    passage.refresh_from_db()
    assert source.text[passage.start : passage.end] == passage.quote


def test_the_database_refuses_any_change_to_an_article_text(source):
    refused = pytest.raises(IntegrityError, match="text never changes once stored")
    with refused, transaction.atomic():
        SourceArticle.objects.filter(pk=source.pk).update(text=source.text + " Edited.")
    source.refresh_from_db()
    assert source.text.endswith("Ana Pérez.")


def test_other_article_fields_can_still_change(source):
    SourceArticle.objects.filter(pk=source.pk).update(outlet="RTHK")
    source.refresh_from_db()
    assert source.outlet == "RTHK"
