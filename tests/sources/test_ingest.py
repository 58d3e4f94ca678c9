import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sources.ingest import DuplicateArticle, ingest_article
from sources.models import SourceArticle

WIRE = (
    "Venezuela on Thursday began releasing a large number of political prisoners, including "
    "several foreigners, in an apparent concession to the United States. The releases were "
    "announced by parliament speaker Jorge Rodriguez. He did not say which prisoners would be "
    "released, nor how many or from where."
)


def test_an_article_is_stored_verbatim_with_its_hash(db):
    result = ingest_article(text=WIRE + "\n\u00a0 ", title="Wire copy", outlet="AFP")
    stored = SourceArticle.objects.get(pk=result.article.pk)
    assert stored.text == WIRE + "\n\u00a0 "
    assert stored.slug == "wire-copy" and result.near_duplicates == []


def test_the_same_text_twice_is_refused_naming_the_existing_article(db):
    first = ingest_article(text=WIRE, title="First").article
    with pytest.raises(DuplicateArticle) as refusal:
        ingest_article(text=WIRE, title="Second")
    assert refusal.value.existing == first
    assert SourceArticle.objects.count() == 1


def test_a_reprint_of_the_same_wire_story_is_flagged_and_linked_as_one_origin(db):
    first = ingest_article(text=WIRE, title="First").article
    reprint = WIRE.replace("Jorge Rodriguez", "Jorge Rodríguez") + " (AFP) Share this story."
    result = ingest_article(text=reprint, title="Reprint")
    assert [article for article, _score in result.near_duplicates] == [first]
    first.refresh_from_db()
    assert first.story_origin and first.story_origin == result.article.story_origin


def test_a_different_story_on_the_same_event_is_not_a_duplicate(db):
    ingest_article(text=WIRE, title="First")
    other = ingest_article(
        text="Spain's foreign ministry said five Spanish citizens were among those freed in "
        "Caracas, including the activist Rocío San Miguel.",
        title="Spain",
    )
    assert other.near_duplicates == [] and other.article.story_origin == ""


def test_the_command_line_ingests_a_file_and_refuses_a_duplicate(db, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(WIRE, encoding="utf-8")
    out = io.StringIO()
    call_command(
        "ingest_article", str(path), "--title", "Story", "--published", "2026-01-09", stdout=out
    )
    article = SourceArticle.objects.get()
    assert (article.published_on.isoformat(), article.published_precision) == ("2026-01-09", "day")
    assert article.filename == "story.txt"
    with pytest.raises(CommandError, match="already stored"):
        call_command("ingest_article", str(path), "--title", "Again")


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ("ok".encode("latin-1") + b"\xe9", [], "not valid UTF-8"),
        (b"Some text", ["--published", "2026-02-30"], "impossible date"),
        (b"Some text", ["--url", "not a url"], "url"),
    ],
)
def test_the_command_line_explains_bad_input(db, tmp_path, content, args, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("ingest_article", str(path), *args)
    assert not SourceArticle.objects.exists()
